/* tiles.c: key figures as tiles (a value large, its label under it) and a timeline: the
 * phases as bars over a year axis, the milestones on it. */
#include "components.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* TILE_TOP: over the value, whose figures rise to the top of their line, more than under
 * the label, whose line holds room under its letters: the two read as the same room */
enum { TILE_PAD = 6, TILE_TOP = TILE_PAD + 3, TILE_GAP = 8 };

/* Whether every word that qualifies a value ("ruim") fits before it on its line in tiles
 * w wide; else such words stand over the values, in a small line in every tile. */
static bool qualifiers_inline(const struct comp_tiles *t, float w)
{
    for (size_t i = 0; t->qualifiers && i < t->n; i++)
        if (t->qualifiers[i] && draw_text_width(t->e, t->ctx, t->label, t->qualifiers[i]) + 3 +
                                        draw_text_width(t->e, t->ctx, t->value, t->values[i]) > w - 14)
            return false;
    return true;
}

/* The room over the values for the words that qualify them, where they stand over them. */
static float qualifier_room(const struct comp_tiles *t, float w)
{
    for (size_t i = 0; t->qualifiers && i < t->n; i++)
        if (t->qualifiers[i])
            return qualifiers_inline(t, w) ? 0 : t->label->leading;
    return 0;
}

/* Where a tile's label begins under its top: right under the value. */
static float label_top(const struct comp_tiles *t, float w)
{
    return TILE_TOP + qualifier_room(t, w) + t->value->leading + 3;
}

/* Three a row where they fit, else two; four tiles in one row or two by two, never three
 * and one alone; fewer tiles than that share the row (one alone takes it whole). */
static int tile_columns(float width, size_t n)
{
    int cols = width >= 300 ? 3 : 2;
    if (n == 4 && cols == 3)
        cols = width >= 420 ? 4 : 2;
    return n >= 1 && (size_t)cols > n ? (int)n : cols;
}

/* Between two tiles side by side: the tiles' own, or the grid's gutter. */
static float tile_gap(const struct comp_tiles *t)
{
    return t->gap > 0 ? t->gap : TILE_GAP;
}

static float tile_width(const struct comp_tiles *t, float width)
{
    int cols = tile_columns(width, t->n);
    return (width - tile_gap(t) * (float)(cols - 1)) / (float)cols;
}

float comp_tiles_measure(struct comp_tiles *t, float width)
{
    float w = tile_width(t, width), label = 0;
    for (size_t i = 0; i < t->n; i++) {
        float h = draw_text_height(t->e, t->ctx, t->label, t->labels[i], w - 14);
        label = h > label ? h : label;
    }
    t->tile_height = label_top(t, w) + label + TILE_PAD - 1;
    size_t cols = (size_t)tile_columns(width, t->n), rows = (t->n + cols - 1) / cols;
    return (float)rows * (t->tile_height + TILE_GAP);
}

void comp_tiles_draw(const void *tiles, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_tiles *t = tiles;
    size_t cols = (size_t)tile_columns(area.w, t->n);
    float w = tile_width(t, area.w), room = qualifier_room(t, w);
    for (size_t i = 0; i < t->n; i++) {
        float x = area.x + (float)(i % cols) * (w + tile_gap(t));
        float y = area.y + (float)(i / cols) * (t->tile_height + TILE_GAP);
        draw_rect(page, x, y, w, t->tile_height, t->fill);
        draw_rect(page, x, y, 3, t->tile_height, t->accent);
        /* a word that qualifies the value ("ruim") before it, on its baseline, or over it
         * where a tile is too narrow: the values level either way */
        const char *qualifier = t->qualifiers ? t->qualifiers[i] : NULL;
        if (qualifier && room > 0)
            draw_text(t->e, t->ctx, doc, page, t->label, qualifier, x + 10, y + TILE_TOP, w - 14);
        /* a value too wide for its tile (words: "zeer sterk") smaller, to stand on one
         * line, on the figures' baseline */
        struct ts_style value = *t->value;
        float inline_q = qualifier && room == 0 ? draw_text_width(t->e, t->ctx, t->label, qualifier) + 3 : 0;
        float wide = draw_text_width(t->e, t->ctx, &value, t->values[i]), fits = w - 14 - inline_q;
        float drop = 0;
        if (wide > fits && wide > 0) {
            float scale = fits / wide * 0.98f;
            drop = value.size * (1 - scale) * 0.8f; /* about the ascent given up */
            value.size *= scale, value.leading *= scale;
        }
        draw_qualified(t->e, t->ctx, doc, page, &value, t->label, room > 0 ? NULL : qualifier, t->values[i],
                       x + 10, y + TILE_TOP + room + drop, w - 14);
        draw_text(t->e, t->ctx, doc, page, t->label, t->labels[i], x + 10, y + label_top(t, w), w - 14);
    }
}

enum { LANE = 24, LANE_GAP = 4, AXIS = 30, MAX_LANES = 8, HEAD_ROOM = 8 /* under a heading above */, MARK = 6 };

/* The lane of each phase: the first whose last phase ends before it begins. Returns how
 * many lanes there are. */
static int lanes_of(const struct comp_timeline *t, int *lane)
{
    int ends[MAX_LANES], nlanes = 0;
    for (size_t i = 0; i < t->n; i++) {
        int to = t->to[i] ? t->to[i] : t->last_year;
        int l = 0;
        while (l < nlanes && ends[l] >= t->from[i])
            l++;
        if (l == MAX_LANES)
            l = MAX_LANES - 1; /* more overlap than lanes: the last one is shared */
        if (l == nlanes)
            nlanes++;
        ends[l] = to;
        lane[i] = l;
    }
    return nlanes;
}

/* An axis of a year or two shows its months, under the marks and over the years. */
enum { MONTHS_UP_TO = 2, MONTH_ROW = 10 };

static bool shows_months(const struct comp_timeline *t)
{
    return t->last_year - t->first_year + 1 <= MONTHS_UP_TO;
}

/* Labelled milestones stand in rows of their own under the axis, each with a dot where it
 * lies and what it is beside it; one that lasts a while ("januari–april") is a bar. */
enum { PERIOD_ROW = 16, PERIOD_BAR = 13 };

static bool in_rows(const struct comp_timeline *t)
{
    return t->mark_labels && t->nmarks > 0;
}

/* Where a milestone's mark, bar and words stand (in rows). */
struct placed {
    float x, y, end, text_x, text_w;
    float row;  /* its row's height: a line, more where its words take more */
    bool bar, shown;
    int side;   /* of its words, to its mark: -1 before, 1 after */
};

/* Places the milestones of t on an axis across area (its rows from rows_y down, under the
 * axis at ay); returns the rows' height, all together. */
static float place_marks(const struct comp_timeline *t, struct dl_rect area, float ay, float rows_y, struct placed *at)
{
    int years = t->last_year - t->first_year + 1;
    float cell = area.w / (float)years, last = -1e9f, y = rows_y;
    bool rows = in_rows(t);
    for (size_t i = 0; i < t->nmarks; i++) {
        struct placed *m = &at[i];
        m->x = area.x + (t->marks[i] - (float)t->first_year) * cell;
        m->shown = m->x >= area.x && m->x <= area.x + area.w;
        if (!m->shown)
            continue;
        m->y = ay + 0.5f;
        if (!rows) {
            m->x = fmaxf(m->x, last + 2 * MARK + 1); /* marks close in time side by side, not over each other */
            last = m->x;
            continue;
        }
        /* in a row of its own: a period's bar from its start to its end */
        m->y = y + PERIOD_ROW / 2;
        float end = t->mark_ends ? area.x + (fminf(t->mark_ends[i], (float)t->last_year + 1) - (float)t->first_year) * cell
                                 : m->x;
        m->bar = end > m->x + 0.5f;
        m->end = end;
        float x = m->x;
        end = fmaxf(end, x + MARK); /* a moment's dot */
        /* what it is: after its end, as every row's, or before its start where only that
         * side has room (else after its end, wrapped: its row as deep as its lines, so
         * that they run into no row under it) */
        float w = draw_text_width(t->e, t->ctx, t->years, t->mark_labels[i]), right = area.x + area.w;
        if (end + 4 + w > right && x - MARK - 4 - w >= area.x)
            m->side = -1, m->text_x = x - MARK - 4 - w, m->text_w = w;
        else
            m->side = 1, m->text_x = end + 4, m->text_w = fminf(w, right - end - 4);
        float lines = m->side == 1 ? draw_text_height(t->e, t->ctx, t->years, t->mark_labels[i], right - m->text_x) /
                                         t->years->leading
                                   : 1;
        m->row = PERIOD_ROW + fmaxf(0, roundf(lines) - 1) * t->years->leading;
        y += m->row;
    }
    return y - rows_y;
}

float comp_timeline_height(const struct comp_timeline *t)
{
    int *lane = xcalloc(t->n + 1, sizeof *lane);
    int nlanes = lanes_of(t, lane);
    free(lane);
    float rows = 0;
    if (in_rows(t) && t->last_year >= t->first_year) {
        struct placed *at = xcalloc(t->nmarks + 1, sizeof *at);
        /* and a line's distance under the last row, from what follows the figure */
        rows = place_marks(t, (struct dl_rect){ 0, 0, t->width, 0 }, 0, 0, at) + 10;
        free(at);
    }
    return HEAD_ROOM + (float)nlanes * (LANE + LANE_GAP) + AXIS + (shows_months(t) ? MONTH_ROW : 0) + rows;
}

void comp_timeline_draw(const void *timeline, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_timeline *t = timeline;
    int years = t->last_year - t->first_year + 1;
    if (!t->n || years < 1)
        return;
    int *lane = xcalloc(t->n + 1, sizeof *lane);
    int nlanes = lanes_of(t, lane);
    float cell = area.w / (float)years;
    area.y += HEAD_ROOM;
    for (size_t i = 0; i < t->n; i++) {
        bool goes_on = t->to[i] == 0;
        int to = goes_on ? t->last_year : t->to[i];
        float x = area.x + (float)(t->from[i] - t->first_year) * cell + 1;
        float w = (float)(to - t->from[i] + 1) * cell - 2 - (goes_on ? LANE / 2 : 0);
        float y = area.y + (float)lane[i] * (LANE + LANE_GAP);
        const struct dl_colour *fill = &t->fills[i];
        draw_bar(page, x, y, w, LANE, fill, t->paper);
        if (goes_on) { /* an arrowhead: it goes on after the axis ends */
            uint8_t *ops = dl_page_alloc(page, 4);
            struct dl_point *pts = dl_page_alloc(page, 3 * sizeof *pts);
            ops[0] = DL_MOVE, ops[1] = DL_LINE, ops[2] = DL_LINE, ops[3] = DL_CLOSE;
            pts[0] = (struct dl_point){ x + w, y };
            pts[1] = (struct dl_point){ x + w + LANE / 2, y + LANE / 2 };
            pts[2] = (struct dl_point){ x + w, y + LANE };
            struct dl_item *it = dl_push(page, DL_PATH);
            it->as.path = (struct dl_path){ .nops = 4, .ops = ops, .pts = pts, .fill = true, .fill_colour = *fill };
            it->bbox = (struct dl_rect){ x + w, y, LANE / 2, LANE };
        }
        struct ts_style name = *t->name;
        if (dl_contrast(&name.colour, fill) < 4.5f)
            name.colour = *t->axis;
        draw_text(t->e, t->ctx, doc, page, &name, t->names[i], x + 6, y + (LANE - t->name->leading) / 2, w - 10);
    }
    /* the axis: a line, a tick and the year under each year's middle (over a short one,
     * a small tick and each month's short name, the year under its first), the milestones
     * on it */
    float ay = area.y + (float)nlanes * (LANE + LANE_GAP) + 6;
    draw_rect(page, area.x, ay, area.w, 1, t->axis);
    struct ts_style centred = *t->years;
    centred.align = TS_CENTER;
    bool months = shows_months(t);
    float year_y = ay + 2 + MARK + (months ? MONTH_ROW : 0); /* under the marks */
    /* the months' short names where a twelfth of a year holds the widest, else their
     * initials (where June and July read alike) */
    static const char *const names[] = { "jan", "feb", "mrt", "apr", "mei", "jun",
                                         "jul", "aug", "sep", "okt", "nov", "dec" };
    float widest = 0;
    for (int mo = 0; months && mo < 12; mo++)
        widest = fmaxf(widest, draw_text_width(t->e, t->ctx, &centred, names[mo]));
    bool named = widest + 4 <= cell / 12;
    /* named months: the year beside January's name ("jan 2021"), where a row of its own
     * would hold it alone under that name */
    char with_year[24];
    snprintf(with_year, sizeof with_year, "%s %d", names[0], t->last_year);
    bool year_in_row = months && named && draw_text_width(t->e, t->ctx, &centred, with_year) + 4 <= cell / 12;
    for (int k = 0; k < years; k++) {
        float x = area.x + (float)k * cell;
        draw_rect(page, x, ay - 3, 0.75f, months ? 4 + MONTH_ROW + 2 : 4, t->axis);
        for (int mo = 0; months && mo < 12; mo++) {
            static const char initials[] = "JFMAMJJASOND";
            float mx = x + (float)mo * cell / 12;
            if (mo)
                draw_rect(page, mx, ay, 0.5f, 2.5f, t->axis);
            char initial[2] = { initials[mo], 0 };
            snprintf(with_year, sizeof with_year, "%s %d", names[0], t->first_year + k);
            const char *name = mo == 0 && year_in_row ? with_year : named ? names[mo] : initial;
            draw_text(t->e, t->ctx, doc, page, &centred, name, mx, ay + 2 + MARK, cell / 12);
        }
        if (year_in_row)
            continue;
        /* under its months a year's number begins with it, at its first tick (centred, it
         * would read as a label of the months in the middle) */
        char label[16];
        snprintf(label, sizeof label, "%d", t->first_year + k);
        draw_text(t->e, t->ctx, doc, page, months ? t->years : &centred, label, months ? x + 2 : x, year_y, cell);
    }
    struct ts_style number = *t->years;
    number.align = TS_CENTER;
    number.colour = *t->paper;
    bool rows = in_rows(t);
    /* the rows under the years' labels (open at the sides: lines at the axis's ends read
     * as a frame around nothing); a guide down from under the years to each mark that
     * crosses no row above it, then the milestones */
    float rows_y = year_y + (year_in_row ? 0 : t->years->leading) + 6;
    struct placed *at = xcalloc(t->nmarks + 1, sizeof *at);
    place_marks(t, area, ay, rows_y, at);
    for (size_t i = 0; rows && i < t->nmarks; i++) {
        float x = at[i].x;
        bool clear = at[i].shown && x > area.x + 1 && x < area.x + area.w - 1;
        for (size_t j = 0; clear && j < i; j++) {
            float left = fminf(at[j].x - MARK, at[j].text_x), right = fmaxf(fmaxf(at[j].end, at[j].x + MARK),
                                                                         at[j].text_x + at[j].text_w);
            clear = !at[j].shown || x < left - 2 || x > right + 2;
        }
        if (clear)
            draw_rect(page, x - 0.25f, rows_y - 2, 0.5f, at[i].y - MARK - rows_y + 2, t->guide ? t->guide : t->axis);
    }
    for (size_t i = 0; i < t->nmarks; i++) {
        const struct placed *m = &at[i];
        if (!m->shown)
            continue;
        float x = m->x, y = m->y;
        if (rows) {
            if (m->bar)
                draw_rect(page, x, y - PERIOD_BAR / 2, m->end - x, PERIOD_BAR, t->period);
            struct ts_style style = *t->years;
            if (m->side < 0)
                style.align = TS_RIGHT;
            draw_text(t->e, t->ctx, doc, page, &style, t->mark_labels[i], m->text_x, y - t->years->leading / 2,
                      m->side == 1 ? area.x + area.w - m->text_x : m->text_w);
            /* its words beside it, in its own row: a number would refer to nothing; a
             * moment a dot where it lies, a period its bar */
            if (!m->bar)
                draw_circle(page, x, y, MARK / 2, t->mark, t->paper, 0.75f);
            continue;
        }
        draw_circle(page, x, y, MARK, t->mark, t->paper, 0.75f);
        char label[24];
        snprintf(label, sizeof label, "%zu", i + 1);
        draw_text(t->e, t->ctx, doc, page, &number, label, x - MARK, y - number.leading / 2, 2 * MARK);
    }
    free(at);
    free(lane);
}
