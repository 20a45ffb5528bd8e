/* cover.c: a publication's cover in the house style (comp_cover_draw), the panel under an
 * opening heading (comp_panel_draw) and the number beside it (comp_words_draw), and the
 * room for notes a sheet or a bound publication's last pages offer (comp_notes_draw). */
#include "components.h"

#include <math.h>

void comp_ribbon_draw(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
                      const struct ts_style *style, const struct dl_colour *field, const char *name, float height)
{
    float mid = page->width / 2;
    draw_rect(page, mid - 9, 0, 18, height, field);
    if (name)
        draw_text(e, ctx, doc, page, style, name, mid + 15, height * 0.35f, page->width / 2 - 40);
}

void comp_cover_draw(const void *cover, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    (void)area;
    const struct comp_cover *c = cover;
    draw_rect(page, 0, c->band, page->width, page->height - c->band, c->field);
    draw_rect(page, 0, c->band, page->width, 4, c->accent);
    comp_ribbon_draw(c->e, c->ctx, doc, page, c->ministry, c->field, c->ministry_name, c->band * 0.62f);
    const char *words[] = { "Gelijke", "Kansen", "Alliantie" };
    float y = page->height - c->margin_bottom - 3 * c->wordmark->leading;
    float w = page->width - c->margin_left - c->margin_right;
    for (int i = 0; i < 3; i++)
        draw_text(c->e, c->ctx, doc, page, c->wordmark, words[i], c->margin_left, y + (float)i * c->wordmark->leading, w);
    if (c->map) {
        /* the field's free part, inside the margins: under the title's two lines and right
         * of its subtitle on a landscape page (as tall as that leaves, standing on the
         * wordmark's foot), under the title and right of the wordmark on a portrait one */
        bool landscape = page->width > page->height;
        float x1 = page->width - c->margin_right, y1 = page->height - c->margin_bottom;
        float y0 = page->height * (landscape ? 0.46f : 0.50f);
        float x0 = landscape ? x1 - (y1 - y0) / nl_map_height(1) : page->width * 0.38f;
        comp_map_draw(c->map, doc, page, (struct dl_rect){ x0, y0, x1 - x0, y1 - y0 });
    }
}

void comp_panel_draw(const void *panel, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    (void)doc;
    const struct comp_panel *p = panel;
    /* a column that begins in the page's outer quarter begins at the margin: the panel
     * reaches the edge there (the print edition's backend takes it into the bleed) */
    float left = area.x < page->width / 4 ? 0 : area.x - p->pad;
    float right = area.x + area.w > page->width * 3 / 4 ? page->width : area.x + area.w + p->pad;
    float top = p->top, bottom = area.y + p->pad + p->extra;
    if (bottom > top)
        draw_rect(page, left, top, right - left, bottom - top, p->field);
}

void comp_words_draw(const void *words, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_words *w = words;
    draw_text(w->e, w->ctx, doc, page, w->style, w->text, area.x, area.y, area.w);
}

void comp_notes_draw(const void *notes, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_notes *n = notes;
    float head = n->text ? 6 + n->label->leading : 0, bottom = area.y + area.h;
    int lines = n->line > 0 ? (int)floorf((area.h - head) / n->line) : 0;
    float top = lines > 0 ? bottom - (float)lines * n->line - head : area.y;
    if (n->text) {
        draw_rect(page, area.x, top, area.w, 1.5f, n->accent);
        if (*n->text)
            draw_text(n->e, n->ctx, doc, page, n->label, n->text, area.x, top + 6, area.w);
    }
    for (int k = 0; k < lines; k++)
        draw_rect(page, area.x, bottom - (float)k * n->line - 0.5f, area.w, 0.5f, n->rule);
}
