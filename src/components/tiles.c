/* tiles.c: key figures as tiles (a value large, its label under it) and a timeline of
 * phases: blocks of colour with text on them. */
#include "components.h"

enum { TILE_LABEL_TOP = 42, TILE_GAP = 8 };

static int tile_columns(float width)
{
    return width >= 300 ? 3 : 2;
}

static float tile_width(float width)
{
    int cols = tile_columns(width);
    return (width - TILE_GAP * (float)(cols - 1)) / (float)cols;
}

float comp_tiles_measure(struct comp_tiles *t, float width)
{
    float w = tile_width(width), label = 0;
    for (size_t i = 0; i < t->n; i++) {
        float h = draw_text_height(t->e, t->ctx, t->label, t->labels[i], w - 14);
        label = h > label ? h : label;
    }
    t->tile_height = TILE_LABEL_TOP + label + 8;
    size_t cols = (size_t)tile_columns(width), rows = (t->n + cols - 1) / cols;
    return (float)rows * (t->tile_height + TILE_GAP);
}

void comp_tiles_draw(const void *tiles, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_tiles *t = tiles;
    size_t cols = (size_t)tile_columns(area.w);
    float w = tile_width(area.w);
    for (size_t i = 0; i < t->n; i++) {
        float x = area.x + (float)(i % cols) * (w + TILE_GAP);
        float y = area.y + (float)(i / cols) * (t->tile_height + TILE_GAP);
        draw_rect(page, x, y, w, t->tile_height, t->fill);
        draw_rect(page, x, y, 3, t->tile_height, t->accent);
        draw_text(t->e, t->ctx, doc, page, t->value, t->values[i], x + 10, y + 6, w - 14);
        draw_text(t->e, t->ctx, doc, page, t->label, t->labels[i], x + 10, y + TILE_LABEL_TOP, w - 14);
    }
}

void comp_timeline_draw(const void *timeline, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_timeline *t = timeline;
    if (!t->n)
        return;
    float w = (area.w - 4 * (float)(t->n - 1)) / (float)t->n;
    for (size_t i = 0; i < t->n; i++) {
        float x = area.x + (float)i * (w + 4);
        draw_rect(page, x, area.y, w, area.h, i % 2 ? t->other_fill : t->fill);
        draw_text(t->e, t->ctx, doc, page, t->years, t->year_spans[i], x + 6, area.y + 6, w - 12);
        draw_text(t->e, t->ctx, doc, page, t->name, t->names[i], x + 6, area.y + 18, w - 12);
    }
}
