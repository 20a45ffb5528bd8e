/* draw.h: drawing for figures (charts, maps, QR codes): rectangles, circles and text
 * placed at a point, written straight into a display-list page (private to publications). */
#ifndef GKA_PUB_DRAW_H
#define GKA_PUB_DRAW_H

#include "dl.h"
#include "typeset.h"

void draw_rect(struct dl_page *page, float x, float y, float w, float h,
               const struct dl_colour *fill);
void draw_circle(struct dl_page *page, float cx, float cy, float r,
                 const struct dl_colour *fill, const struct dl_colour *stroke, float line_width);

/* Text in style, one line, with its top-left (or top-right for TS_RIGHT styles) at x, y in a box of width. */
size_t draw_text(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
               const struct ts_style *style, const char *text, float x, float y, float width);

/* The width of text on one line in style, pt. */
float draw_text_width(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style, const char *text);

/* The height text takes in style when it wraps at width, pt. */
float draw_text_height(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style, const char *text,
                       float width);

/* The Netherlands on a page, for maps of the GKA-gemeenten: fitted into an area (its
 * full height, centred across its width), a place given by latitude and longitude. */
struct nl_map {
    float x0, y0;               /* where the map's west and north edges lie */
    double scale;               /* points per degree of latitude */
};
struct nl_map nl_map_fit(struct dl_rect area);
struct dl_point nl_map_point(const struct nl_map *map, double lat, double lon);
/* The map's height when it fills width. */
float nl_map_height(float width);

/* A QR code for text (error correction M) with its top-left at x, y, size pt square
 * including a quiet zone of four modules. Returns -1 when text cannot be encoded. */
int draw_qr(struct dl_page *page, const char *text, float x, float y, float size,
            const struct dl_colour *dark);

#endif
