/* chart.c: a series of labelled values as horizontal bars (each value exactly) or as
 * bubbles whose areas compare (many values at a glance). */
#include "components.h"

#include <math.h>
#include <stdlib.h>
#include <stdio.h>

/* a row; the labels' column at most, and between a label and its bar; the values' room */
enum { BAR_ROW = 20, BAR_LABEL = 118, BAR_LABEL_GAP = 10, BAR_VALUE = 40 };

/* The largest value, at least 1: the scale of a chart. */
static long largest(const struct comp_chart *c)
{
    long max = 1;
    for (size_t i = 0; i < c->n; i++)
        max = c->amounts[i] > max ? c->amounts[i] : max;
    return max;
}

/* The labels' column: as wide as the widest label and its gap, BAR_LABEL at most (a longer
 * label wraps). */
static float label_column(const struct comp_chart *c)
{
    float labels = 0;
    for (size_t i = 0; i < c->n; i++)
        labels = fmaxf(labels, draw_text_width(c->e, c->ctx, c->label, c->labels[i]) + BAR_LABEL_GAP);
    return fminf(labels, BAR_LABEL);
}

/* The height of row i's label in the labels' column. */
static float label_height(const struct comp_chart *c, size_t i, float labels)
{
    return draw_text_height(c->e, c->ctx, c->label, c->labels[i], labels - BAR_LABEL_GAP);
}

/* A row's height: BAR_ROW, or more where its label (label_h tall) wraps, so that a label
 * of two lines keeps clear of the next. */
static float bar_row(float label_h)
{
    return fmaxf(BAR_ROW, label_h + 8);
}

float comp_bars_height(const struct comp_chart *c)
{
    float labels = label_column(c), h = 2;
    for (size_t i = 0; i < c->n; i++)
        h += bar_row(label_height(c, i, labels));
    return h;
}

void comp_bars_draw(const void *chart, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_chart *c = chart;
    if (c->n == 0)
        return;
    long max = c->whole > largest(c) ? c->whole : largest(c);
    /* the scale is the same for every chart as wide (a track as long as the widest labels
     * leave); the bars begin just after this chart's own labels, not after a column of
     * room that short labels ("VO") leave empty */
    float labels = label_column(c), bars = area.w - (c->same_labels ? labels : BAR_LABEL) - BAR_VALUE;
    float x0 = area.x + labels;
    /* each label measured once: for the rows' heights, and to centre it on its bar */
    float *label_h = xcalloc(c->n, sizeof *label_h), height = 2;
    for (size_t i = 0; i < c->n; i++) {
        label_h[i] = label_height(c, i, labels);
        height += bar_row(label_h[i]);
    }
    /* the zero line the bars grow from, the height of the chart, behind them */
    draw_rect(page, x0 - 0.5f, area.y, 0.5f, height - 6, c->axis);
    float y = area.y;
    for (size_t i = 0; i < c->n; i++) {
        float row = bar_row(label_h[i]), mid = y + row / 2 - 1; /* the bar's middle */
        float length = bars * (float)c->amounts[i] / (float)max;
        /* the label centred on its bar, a label of two lines too */
        draw_text(c->e, c->ctx, doc, page, c->label, c->labels[i], area.x, mid - label_h[i] / 2, labels - BAR_LABEL_GAP);
        draw_bar(page, x0, mid - (BAR_ROW - 6) / 2.0f, length, BAR_ROW - 6, c->colours[i], c->paper);
        /* the value at the end of its bar, where the eye arrives */
        draw_text(c->e, c->ctx, doc, page, c->value, c->values[i], x0 + length + 4, mid - 5,
                  area.x + area.w - (x0 + length + 4));
        y += row;
    }
    free(label_h);
}

static int bubble_columns(float width)
{
    int n = (int)(width / 80);
    return n < 3 ? 3 : n; /* three at least: a narrow column gets small bubbles, not a tall chart */
}

/* room above a row of bubbles for a value set above its bubble */
static const float BUBBLE_HEADROOM = 12;

float comp_bubbles_height(float width, size_t n)
{
    int cols = bubble_columns(width);
    float cell = width / (float)cols;
    size_t rows = (n + (size_t)cols - 1) / (size_t)cols;
    return (float)rows * (BUBBLE_HEADROOM + cell + 22);
}

void comp_bubbles_draw(const void *chart, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_chart *c = chart;
    long max = largest(c);
    int cols = bubble_columns(area.w);
    float cell = area.w / (float)cols, rmax = cell / 2 - 4;
    struct ts_style centred = *c->label;
    centred.align = TS_CENTER;
    struct ts_style value = *c->value;
    value.align = TS_CENTER;
    value.colour = *c->on_colour;
    struct ts_style value_out = value;
    value_out.colour = *c->off_colour;
    for (size_t i = 0; i < c->n; i++) {
        float x = area.x + (float)(i % (size_t)cols) * cell;
        float y = area.y + BUBBLE_HEADROOM + (float)(i / (size_t)cols) * (BUBBLE_HEADROOM + cell + 22);
        float radius = rmax * (float)sqrt((double)c->amounts[i] / (double)max);
        float cx = x + cell / 2, cy = y + cell / 2;
        /* a colour that stands out less than 3:1 from the paper gets an outline of its hue that does */
        static const struct dl_colour paper = { .rgb = { 1, 1, 1 } };
        bool faint = dl_contrast(c->colours[i], &paper) < 3.0f;
        struct dl_colour rim = dl_darkened(*c->colours[i], &paper, 3.0f);
        if (radius > 0)
            draw_circle(page, cx, cy, radius, c->colours[i], faint ? &rim : NULL, faint ? 0.75f : 0);
        /* the value inside the bubble when it fits and can be read there (in white or in
         * the dark colour, whichever stands out more, at least 4.5:1), else above it */
        struct ts_style *on = dl_contrast(&value.colour, c->colours[i]) >= dl_contrast(&value_out.colour, c->colours[i])
                                  ? &value : &value_out;
        bool inside = radius >= 9 && dl_contrast(&on->colour, c->colours[i]) >= 4.5f;
        draw_text(c->e, c->ctx, doc, page, inside ? on : &value_out, c->values[i], x,
                  inside ? cy - 4.5f : cy - radius - 11, cell);
        draw_text(c->e, c->ctx, doc, page, &centred, c->labels[i], x + 2, y + cell + 1, cell - 4);
    }
}

/* ---- one bar of the whole, in its parts ---- */

/* the bar's height; under it, the legend's distance, a row of the legend, its swatch */
enum { STACK_BAR = 24, STACK_GAP = 8, STACK_ROW = 16, STACK_SWATCH = 9, STACK_PART_GAP = 2 };

/* The sum of the parts (none counted below 0). */
static long whole_of(const struct comp_chart *c)
{
    long total = 0;
    for (size_t i = 0; i < c->n; i++)
        total += c->amounts[i] > 0 ? c->amounts[i] : 0;
    return total;
}

/* Each part's share in whole percents that add up to 100 (the largest remainders rounded
 * up), so that the legend's shares never add up to 99 or 101. */
static void shares(const struct comp_chart *c, int *percent)
{
    long total = whole_of(c);
    int given = 0;
    for (size_t i = 0; i < c->n; i++) {
        percent[i] = total > 0 && c->amounts[i] > 0 ? (int)(100 * c->amounts[i] / total) : 0;
        given += percent[i];
    }
    while (total > 0 && given < 100) {
        size_t best = 0;
        long best_rest = -1;
        for (size_t i = 0; i < c->n; i++) {
            long rest = c->amounts[i] > 0 ? (100 * c->amounts[i]) % total : -1;
            /* one part given its point at a time: its remainder is spent */
            if (rest > best_rest && (long)percent[i] * total < 100 * c->amounts[i])
                best = i, best_rest = rest;
        }
        if (best_rest < 0)
            break;
        percent[best]++;
        given++;
    }
}

/* A legend entry: its label, its value and its share. */
static const char *stack_entry(const struct comp_chart *c, size_t i, int percent, char *buf, size_t size)
{
    snprintf(buf, size, "%s  %s (%d%%)", c->labels[i], c->values[i], percent);
    return buf;
}

/* The legend's columns at width: all entries on one row where each fits its share of it,
 * else two, else one. */
static size_t stack_columns(const struct comp_chart *c, const int *percent, float width)
{
    char buf[256];
    float widest = 0;
    for (size_t i = 0; i < c->n; i++)
        widest = fmaxf(widest, STACK_SWATCH + 5 + draw_text_width(c->e, c->ctx, c->label,
                                                                  stack_entry(c, i, percent[i], buf, sizeof buf)));
    for (size_t cols = c->n; cols > 1; cols = cols > 2 ? 2 : 1)
        if (widest + 8 <= width / (float)cols)
            return cols;
    return 1;
}

float comp_stacked_height(const struct comp_chart *c, float width)
{
    if (c->n == 0)
        return 0;
    int *percent = xcalloc(c->n, sizeof *percent);
    shares(c, percent);
    size_t cols = stack_columns(c, percent, width), rows = (c->n + cols - 1) / cols;
    free(percent);
    return STACK_BAR + STACK_GAP + (float)rows * STACK_ROW;
}

void comp_stacked_draw(const void *chart, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_chart *c = chart;
    if (c->n == 0)
        return;
    int *percent = xcalloc(c->n, sizeof *percent);
    shares(c, percent);
    long total = whole_of(c);
    /* the parts side by side, the paper between them; a part's value inside it where it
     * fits and stands out 4.5:1 (in white or the dark colour), else in the legend only */
    struct ts_style on = *c->value, off = *c->value;
    on.colour = *c->on_colour, off.colour = *c->off_colour;
    float gaps = STACK_PART_GAP * (float)(c->n - 1), x = area.x;
    for (size_t i = 0; i < c->n && total > 0; i++) {
        float w = (area.w - gaps) * (float)(c->amounts[i] > 0 ? c->amounts[i] : 0) / (float)total;
        if (w <= 0)
            continue;
        draw_bar(page, x, area.y, w, STACK_BAR, c->colours[i], c->paper);
        struct ts_style *in = dl_contrast(&on.colour, c->colours[i]) >= dl_contrast(&off.colour, c->colours[i]) ? &on : &off;
        /* its name and value where they fit ("PO 132"), else its value, else nothing */
        char named[256];
        snprintf(named, sizeof named, "%s  %s", c->labels[i], c->values[i]);
        const char *say = draw_text_width(c->e, c->ctx, in, named) + 10 <= w          ? named
                          : draw_text_width(c->e, c->ctx, in, c->values[i]) + 10 <= w ? c->values[i]
                                                                                       : NULL;
        if (say && dl_contrast(&in->colour, c->colours[i]) >= 4.5f)
            draw_text(c->e, c->ctx, doc, page, in, say, x + 5, area.y + STACK_BAR / 2.0f - in->leading / 2, w - 5);
        x += w + STACK_PART_GAP;
    }
    /* the legend under it, on a grid of equal columns: swatch, name, value and share */
    size_t cols = stack_columns(c, percent, area.w);
    float col_w = area.w / (float)cols, top = area.y + STACK_BAR + STACK_GAP;
    char buf[256];
    for (size_t i = 0; i < c->n; i++) {
        float ex = area.x + (float)(i % cols) * col_w, ey = top + (float)(i / cols) * STACK_ROW;
        draw_bar(page, ex, ey + 2, STACK_SWATCH, STACK_SWATCH, c->colours[i], c->paper);
        draw_text(c->e, c->ctx, doc, page, c->label, stack_entry(c, i, percent[i], buf, sizeof buf),
                  ex + STACK_SWATCH + 5, ey, col_w - STACK_SWATCH - 5);
    }
    free(percent);
}
