/* draw.c: shapes, text at a point, and QR codes (libqrencode) for figures. */
#include "components.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <qrencode.h>

void draw_rect(struct dl_page *page, float x, float y, float w, float h,
               const struct dl_colour *fill)
{
    dl_fill_rect(page, (struct dl_rect){ x, y, w, h }, fill);
}

void draw_bar(struct dl_page *page, float x, float y, float w, float h, const struct dl_colour *fill,
              const struct dl_colour *on)
{
    draw_rect(page, x, y, w, h, fill);
    struct dl_path *bar = &page->items[page->nitems - 1].as.path;
    bar->mark = true;
    if (dl_contrast(fill, on) < 3.0f) {
        bar->stroke = true;
        bar->stroke_colour = dl_darkened(*fill, on, 3.0f);
        bar->line_width = 0.75f;
    }
}

void draw_polygon(struct dl_page *page, const struct dl_point *corners, size_t n, const struct dl_colour *fill)
{
    uint8_t *ops = dl_page_alloc(page, n + 1);
    struct dl_point *pts = dl_page_alloc(page, n * sizeof *pts);
    float x0 = corners[0].x, y0 = corners[0].y, x1 = x0, y1 = y0;
    for (size_t i = 0; i < n; i++) {
        ops[i] = i ? DL_LINE : DL_MOVE;
        pts[i] = corners[i];
        x0 = fminf(x0, corners[i].x), x1 = fmaxf(x1, corners[i].x);
        y0 = fminf(y0, corners[i].y), y1 = fmaxf(y1, corners[i].y);
    }
    ops[n] = DL_CLOSE;
    struct dl_item *it = dl_push(page, DL_PATH);
    it->as.path = (struct dl_path){ .nops = n + 1, .ops = ops, .pts = pts, .fill = true, .fill_colour = *fill };
    it->bbox = (struct dl_rect){ x0, y0, x1 - x0, y1 - y0 };
}

void draw_circle(struct dl_page *page, float cx, float cy, float r,
                 const struct dl_colour *fill, const struct dl_colour *stroke, float line_width)
{
    /* four Bézier quarters; k places the control points on the tangent */
    const float k = 0.5523f * r;
    uint8_t *ops = dl_page_alloc(page, 6);
    struct dl_point *pts = dl_page_alloc(page, 13 * sizeof *pts);
    ops[0] = DL_MOVE, ops[1] = DL_CURVE, ops[2] = DL_CURVE, ops[3] = DL_CURVE, ops[4] = DL_CURVE, ops[5] = DL_CLOSE;
    pts[0] = (struct dl_point){ cx + r, cy };
    pts[1] = (struct dl_point){ cx + r, cy + k };
    pts[2] = (struct dl_point){ cx + k, cy + r };
    pts[3] = (struct dl_point){ cx, cy + r };
    pts[4] = (struct dl_point){ cx - k, cy + r };
    pts[5] = (struct dl_point){ cx - r, cy + k };
    pts[6] = (struct dl_point){ cx - r, cy };
    pts[7] = (struct dl_point){ cx - r, cy - k };
    pts[8] = (struct dl_point){ cx - k, cy - r };
    pts[9] = (struct dl_point){ cx, cy - r };
    pts[10] = (struct dl_point){ cx + k, cy - r };
    pts[11] = (struct dl_point){ cx + r, cy - k };
    pts[12] = (struct dl_point){ cx + r, cy };
    struct dl_item *it = dl_push(page, DL_PATH);
    it->as.path = (struct dl_path){ .nops = 6, .ops = ops, .pts = pts, .fill = fill != NULL,
                                    .stroke = stroke != NULL, .line_width = line_width, .mark = true };
    if (fill)
        it->as.path.fill_colour = *fill;
    if (stroke)
        it->as.path.stroke_colour = *stroke;
    it->bbox = (struct dl_rect){ cx - r, cy - r, 2 * r, 2 * r };
}

static bool tussenvoegsel(const char *word, size_t n)
{
    static const char *const small[] = { "van", "der", "den", "de", "het", "ten", "ter", "te", "in", "op", "'t",
                                         "\xE2\x80\x99t" };
    for (size_t i = 0; i < sizeof small / sizeof small[0]; i++)
        if (strlen(small[i]) == n && strncmp(word, small[i], n) == 0)
            return true;
    return false;
}

/* The first character of word (UTF-8), appended to out at *len. */
static void first_char(const char *word, char *out, size_t *len, size_t cap)
{
    size_t n = gka_utf8_char_len((unsigned char)word[0]);
    if (*len + n < cap) {
        memcpy(out + *len, word, n);
        *len += n;
        out[*len] = '\0';
    }
}

void comp_initials_of(const char *name, char letters[16])
{
    letters[0] = '\0';
    const char *first = NULL, *last = NULL;
    for (const char *w = name; w && *w;) {
        w += strspn(w, " ");
        size_t n = strcspn(w, " ");
        if (n && !tussenvoegsel(w, n)) {
            if (!first)
                first = w;
            last = w;
        }
        w += n;
    }
    size_t len = 0;
    if (first)
        first_char(first, letters, &len, 16);
    if (last && last != first)
        first_char(last, letters, &len, 16);
}

void comp_initials_draw(const void *initials, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_initials *in = initials;
    float d = fminf(area.w, area.h), r = d / 2;
    draw_circle(page, area.x + r, area.y + r, r, in->fill, NULL, 0);
    draw_text(in->e, in->ctx, doc, page, in->style, in->letters, area.x, area.y + r - in->style->leading / 2 - 0.5f, d);
}

/* text as one plain paragraph of style, broken at width */
static struct ts_para *plain_para(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style,
                                  const char *text, float width)
{
    struct ts_text t;
    ts_text_init(&t);
    ts_text_add(&t, text, 0, NULL, NULL);
    struct ts_para *p = ts_para_layout(e, ctx, style, &t, width, NULL, 0);
    ts_text_release(&t);
    return p;
}

size_t draw_text(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
                 const struct ts_style *style, const char *text, float x, float y, float width)
{
    struct ts_para *p = plain_para(e, ctx, style, text, width);
    /* every line: a label too long for its place wraps where it can be seen, never cut */
    size_t lines = ts_para_nlines(p);
    ts_para_draw(p, 0, lines, doc, page, x, y);
    ts_para_free(p);
    return lines;
}

size_t draw_text_part_coloured(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc,
                               struct dl_page *page, const struct ts_style *style, const char *text, size_t from,
                               size_t to, const struct dl_colour *colour, float x, float y, float width)
{
    /* the text's three parts as strings of their own: ts_text_add takes them whole */
    size_t len = strlen(text);
    to = to < len ? to : len;
    from = from < to ? from : to;
    char *words = malloc(len + 3);
    if (!words)
        abort();
    memcpy(words, text, from);
    words[from] = 0;
    memcpy(words + from + 1, text + from, to - from);
    words[to + 1] = 0;
    memcpy(words + to + 2, text + to, len - to + 1);
    struct ts_text t;
    ts_text_init(&t);
    ts_text_add(&t, words, 0, NULL, NULL);
    ts_text_add(&t, words + from + 1, TS_UNDERLINE, colour, NULL);
    ts_text_add(&t, words + to + 2, 0, NULL, NULL);
    struct ts_para *p = ts_para_layout(e, ctx, style, &t, width, NULL, 0);
    size_t lines = ts_para_nlines(p);
    ts_para_draw(p, 0, lines, doc, page, x, y);
    ts_para_free(p);
    ts_text_release(&t);
    free(words);
    return lines;
}

void draw_text_spaced(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
                      const struct ts_style *style, const char *text, float x, float y, float width, float gap)
{
    struct ts_para *p = plain_para(e, ctx, style, text, width);
    ts_para_draw_spaced(p, doc, page, x, y, gap);
    ts_para_free(p);
}

size_t draw_qualified(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
                      const struct ts_style *style, const struct ts_style *small, const char *qualifier,
                      const char *figure, float x, float y, float width)
{
    if (qualifier) {
        float before = draw_text_width(e, ctx, small, qualifier) + 3;
        draw_text(e, ctx, doc, page, small, qualifier, x, y + ts_style_baseline(e, style) - ts_style_baseline(e, small),
                  before);
        x += before, width -= before;
    }
    return draw_text(e, ctx, doc, page, style, figure, x, y, width);
}

float draw_text_width(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style, const char *text)
{
    struct ts_style one_line = *style;
    one_line.hyphenate = false;
    struct ts_para *p = plain_para(e, ctx, &one_line, text, 10000);
    float w = ts_para_line_width(p, 0);
    ts_para_free(p);
    return w;
}

float draw_text_height(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style, const char *text,
                       float width)
{
    return draw_text_height_spaced(e, ctx, style, text, width, 0);
}

float draw_text_height_spaced(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style,
                              const char *text, float width, float gap)
{
    struct ts_para *p = plain_para(e, ctx, style, text, width);
    float h = ts_para_height(p, gap);
    ts_para_free(p);
    return h;
}

/* The box the Netherlands lies in, and the scale of a degree of longitude against one of
 * latitude at its centre (52.2 N): an equirectangular projection true there. */
static const double NL_LON0 = NL_MAP_WEST, NL_LON1 = NL_MAP_EAST, NL_LAT0 = NL_MAP_SOUTH, NL_LAT1 = NL_MAP_NORTH;

static double nl_kx(void)
{
    return cos(52.2 * M_PI / 180.0);
}

float nl_map_height(float width)
{
    return (float)((NL_LAT1 - NL_LAT0) / ((NL_LON1 - NL_LON0) * nl_kx())) * width;
}

struct nl_map nl_map_fit(struct dl_rect area)
{
    double w = (NL_LON1 - NL_LON0) * nl_kx(), h = NL_LAT1 - NL_LAT0;
    double scale = fmin(area.w / w, area.h / h);
    return (struct nl_map){ .x0 = area.x + (float)((area.w - w * scale) / 2), .y0 = area.y, .scale = scale };
}

struct dl_point nl_map_point(const struct nl_map *map, double lat, double lon)
{
    return (struct dl_point){ map->x0 + (float)((lon - NL_LON0) * nl_kx() * map->scale),
                              map->y0 + (float)((NL_LAT1 - lat) * map->scale) };
}

int draw_qr(struct dl_page *page, const char *text, float x, float y, float size,
            const struct dl_colour *dark)
{
    QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!qr)
        return -1;
    int n = qr->width, quiet = 4;
    float module = size / (float)(n + 2 * quiet);
    /* one rectangle per horizontal run of dark modules */
    for (int row = 0; row < n; row++) {
        int col = 0;
        while (col < n) {
            if (!(qr->data[row * n + col] & 1)) {
                col++;
                continue;
            }
            int start = col;
            while (col < n && (qr->data[row * n + col] & 1))
                col++;
            draw_rect(page, x + (float)(quiet + start) * module, y + (float)(quiet + row) * module,
                      (float)(col - start) * module + 0.01f, module + 0.01f, dark);
        }
    }
    QRcode_free(qr);
    return 0;
}
