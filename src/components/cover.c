/* cover.c: a publication's cover in the house style (comp_cover_draw). */
#include "components.h"

void comp_cover_draw(const void *cover, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    (void)area;
    const struct comp_cover *c = cover;
    float ribbon = c->band * 0.62f, mid = page->width / 2;
    draw_rect(page, 0, c->band, page->width, page->height - c->band, c->field);
    draw_rect(page, 0, c->band, page->width, 4, c->accent);
    draw_rect(page, mid - 9, 0, 18, ribbon, c->field);
    if (c->ministry_name)
        draw_text(c->e, c->ctx, doc, page, c->ministry, c->ministry_name, mid + 15, ribbon * 0.35f, page->width / 2 - 40);
    const char *words[] = { "Gelijke", "Kansen", "Alliantie" };
    float y = page->height - c->margin_bottom - 3 * c->wordmark->leading;
    float w = page->width - c->margin_left - c->margin_right;
    for (int i = 0; i < 3; i++)
        draw_text(c->e, c->ctx, doc, page, c->wordmark, words[i], c->margin_left, y + (float)i * c->wordmark->leading, w);
}
