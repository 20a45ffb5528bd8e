/* flow.c: places blocks into the frames (columns) of pages: space before and after,
 * headings kept with what follows, no single-line widows or orphans, groups (cards)
 * kept together when they fit and continued with a mark when they do not. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "typeset_private.h"

/* ---- the block list ---- */

struct ts_flow {
    struct ts_block *blocks;
    size_t n, cap;
    struct ts_table **tables;
    size_t ntables, tables_cap;
    struct arena arena;
};

struct ts_table_cell {
    struct ts_block block;      /* its text and style, laid out as a paragraph */
    bool header;
    int col, colspan, rowspan;  /* its first column; how many columns and rows it takes */
};

struct ts_table_row {
    size_t first, n;            /* its cells in cells[] */
    bool header;
};

struct ts_table {
    int ncols;
    float shares[TS_TABLE_MAX_COLUMNS];
    struct ts_table_cell *cells;
    size_t ncells, cells_cap;
    struct ts_table_row *rows;
    size_t nrows, rows_cap;
    float padding, rule_width;
    float paragraph_gap;                /* between the paragraphs of a cell's text */
    const struct dl_colour *header_fill, *rule, *stripe;
    float gutter, bar;                  /* panels: the room between columns, the bar over each */
    const struct dl_colour *panel_fill, *panel_bar;
    int taken[TS_TABLE_MAX_COLUMNS];    /* while rows are added: rows a column is still taken
                                           by a cell from above, the current one included */
    int next_col;                       /* the next cell's column in the current row */
};

struct ts_flow *ts_flow_new(void)
{
    struct ts_flow *f = xcalloc(1, sizeof *f);
    arena_init(&f->arena);
    return f;
}

void ts_flow_free(struct ts_flow *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        ts_text_release(&f->blocks[i].text);
    free(f->blocks);
    for (size_t i = 0; i < f->ntables; i++) {
        struct ts_table *t = f->tables[i];
        for (size_t k = 0; k < t->ncells; k++)
            ts_text_release(&t->cells[k].block.text);
        free(t->cells);
        free(t->rows);
        free(t);
    }
    free(f->tables);
    arena_release(&f->arena);
    free(f);
}

struct ts_block *ts_flow_add(struct ts_flow *f, enum ts_block_kind kind)
{
    xgrow(&f->blocks, &f->cap, f->n + 1, sizeof *f->blocks);
    struct ts_block *b = &f->blocks[f->n++];
    memset(b, 0, sizeof *b);
    b->kind = kind;
    ts_text_init(&b->text);
    return b;
}

const char *ts_flow_strdup(struct ts_flow *f, const char *s)
{
    return arena_strdup(&f->arena, s);
}

const struct ts_style *ts_flow_style_kept(struct ts_flow *f, const struct ts_style *style)
{
    if (!style || style->keep_with_next)
        return style;
    struct ts_style *kept = arena_alloc(&f->arena, sizeof *kept);
    *kept = *style;
    kept->keep_with_next = true;
    return kept;
}

struct ts_table *ts_flow_add_table(struct ts_flow *f, int ncols, const float *shares, int span)
{
    struct ts_table *t = xcalloc(1, sizeof *t);
    t->ncols = ncols < 1 ? 1 : ncols > TS_TABLE_MAX_COLUMNS ? TS_TABLE_MAX_COLUMNS : ncols;
    float sum = 0;
    for (int i = 0; i < t->ncols; i++)
        sum += shares && shares[i] > 0 ? shares[i] : 1;
    for (int i = 0; i < t->ncols; i++)
        t->shares[i] = (shares && shares[i] > 0 ? shares[i] : 1) / sum;
    xgrow(&f->tables, &f->tables_cap, f->ntables + 1, sizeof *f->tables);
    f->tables[f->ntables++] = t;
    struct ts_block *b = ts_flow_add(f, TS_TABLE);
    b->table = t;
    b->span = span;
    return t;
}

void ts_table_look(struct ts_table *t, float padding, const struct dl_colour *header_fill,
                   const struct dl_colour *rule, float rule_width, const struct dl_colour *stripe)
{
    t->padding = padding;
    t->header_fill = header_fill;
    t->rule = rule;
    t->rule_width = rule_width;
    t->stripe = stripe;
}

void ts_table_paragraph_gap(struct ts_table *t, float gap)
{
    t->paragraph_gap = gap;
}

void ts_table_panels(struct ts_table *t, float gutter, const struct dl_colour *fill, const struct dl_colour *bar,
                     float bar_height)
{
    t->gutter = gutter;
    t->panel_fill = fill;
    t->panel_bar = bar;
    t->bar = bar ? bar_height : 0;
}

void ts_table_row(struct ts_table *t, bool header)
{
    xgrow(&t->rows, &t->rows_cap, t->nrows + 1, sizeof *t->rows);
    t->rows[t->nrows++] = (struct ts_table_row){ t->ncells, 0, header };
    if (t->nrows > 1)
        for (int c = 0; c < t->ncols; c++)
            if (t->taken[c] > 0)
                t->taken[c]--;
    t->next_col = 0;
}

struct ts_text *ts_table_cell(struct ts_table *t, const struct ts_style *style, bool header, int colspan,
                              int rowspan)
{
    if (!t->nrows)
        ts_table_row(t, false);
    xgrow(&t->cells, &t->cells_cap, t->ncells + 1, sizeof *t->cells);
    struct ts_table_cell *c = &t->cells[t->ncells++];
    memset(c, 0, sizeof *c);
    c->block.kind = TS_PARA;
    c->block.style = style;
    ts_text_init(&c->block.text);
    c->header = header;
    /* the next column no cell from above takes */
    int col = t->next_col;
    while (col < t->ncols && t->taken[col] > 0)
        col++;
    c->col = col;
    c->colspan = colspan < 1 ? 1 : colspan;
    if (c->col + c->colspan > t->ncols)
        c->colspan = t->ncols - c->col > 0 ? t->ncols - c->col : 0; /* beyond the last column: not drawn */
    c->rowspan = rowspan < 1 ? 1 : rowspan;
    for (int k = c->col; k < c->col + c->colspan; k++)
        t->taken[k] = c->rowspan;
    t->next_col = c->col + c->colspan;
    t->rows[t->nrows - 1].n++;
    return &c->block.text;
}

/* ---- the paragraph cache ---- */

struct ts_cache {
    struct keymap paras;    /* key (para_key) -> struct ts_para */
    struct strbuf key;      /* the key being made */
};

struct ts_cache *ts_cache_new(void)
{
    struct ts_cache *c = xcalloc(1, sizeof *c);
    keymap_init(&c->paras);
    sb_init(&c->key);
    return c;
}

static void free_para(void *p, void *ud)
{
    (void)ud;
    ts_para_free(p);
}

void ts_cache_free(struct ts_cache *c)
{
    if (!c)
        return;
    keymap_each(&c->paras, free_para, NULL);
    keymap_release(&c->paras);
    sb_release(&c->key);
    free(c);
}

static void key_bytes(struct strbuf *k, const void *p, size_t n)
{
    sb_append_len(k, p, n);
}

static void key_string(struct strbuf *k, const char *s)
{
    uint32_t n = s ? (uint32_t)strlen(s) + 1 : 0; /* 0: NULL, apart from "" */
    key_bytes(k, &n, sizeof n);
    if (n)
        key_bytes(k, s, n - 1);
}

/* Everything a layout depends on, as bytes in c->key: style, width (to a thousandth of a
 * point: the columns of left and right pages come out a rounding apart), text and spans. */
static void para_key(struct ts_cache *c, const struct ts_block *b, float width)
{
    struct strbuf *k = &c->key;
    k->len = 0;
    key_bytes(k, &b->style, sizeof b->style);
    int32_t milli = (int32_t)lroundf(width * 1000);
    key_bytes(k, &milli, sizeof milli);
    key_bytes(k, &b->text.utf8.len, sizeof b->text.utf8.len);
    key_bytes(k, b->text.utf8.data ? b->text.utf8.data : "", b->text.utf8.len);
    for (size_t i = 0; i < b->text.nspans; i++) {
        const struct ts_span *sp = &b->text.spans[i];
        key_bytes(k, &sp->start, sizeof sp->start);
        key_bytes(k, &sp->end, sizeof sp->end);
        key_bytes(k, &sp->flags, sizeof sp->flags);
        key_bytes(k, &sp->colour, sizeof sp->colour);
        key_string(k, sp->link.uri);
        key_string(k, sp->link.dest);
        key_string(k, sp->link.file);
        key_string(k, sp->link.file_dest);
        key_string(k, sp->link.description);
        key_string(k, sp->lang);
    }
}

/* The layout of paragraph b at width: from the cache, or made now and kept. */
struct state;
static struct ts_para *cached_layout(struct state *s, const struct ts_block *b, float width, const char *loc_path,
                                     long loc_line);

/* ---- placing ---- */

enum { MAX_COLUMNS = 12, MAX_FLOATS = 8, MAX_LEVELLED = 4, SMALL_TABLE_ROWS = 6 };

/* A floating group (or figure) waiting for the top of a column: blocks [from, to]. */
struct deferred {
    size_t from, to;
};

struct band_start;

struct state {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    struct ts_cache *cache;
    const struct ts_flow *flow;
    struct dl_document *doc;
    struct ts_result *res;
    const struct ts_page_sink *sink;
    ts_master_lookup lookup;
    const void *ud;
    float width, height;
    const struct ts_master *master;  /* the current page's */
    const struct ts_master *asked;   /* the master asked for (a left-hand page may take its verso) */
    size_t page;                 /* index in doc->pages */
    /* the band: the columns that begin at band_top, under the page's top margin or under a
     * spanning block; a spanning block is a band of one frame as wide as the columns it spans */
    struct dl_rect frames[MAX_COLUMNS];
    int nframes, frame;
    int band_span;               /* 0: the master's columns; else the columns spanned */
    int want_span;               /* the span asked for (TS_SPAN_ALL, n), kept over a new page */
    float band_top, band_bottom[MAX_COLUMNS]; /* where each frame's content ends */
    float filled;                /* the area content covers in the page's earlier bands */
    float y;                     /* the top of the free space in the frame */
    bool frame_empty, page_empty;
    const struct ts_block *last_in_frame;
    const struct ts_block *group;    /* the open group, or NULL */
    bool group_placed;               /* something of the open group is on a page already */
    float group_top;                 /* where the open group begins in this frame */
    size_t group_first;              /* and the index of its first item on the page there */
    int group_splits;                /* groups continued in a next frame, so far */
    const char *mark;
    int outline_stack[8];
    size_t dests_cap, pages_cap;
    /* where placing is: the block, and of a paragraph the lines placed already (where the
     * content of a band that begins now begins) */
    size_t resume_block, resume_line;
    /* the heading that opens what goes on under a section on the same page, in the style a
     * soft break gives it (run_on_style): its index + 1, 0 for none */
    size_t run_on_heading;
    const struct ts_style *run_on_style;
    bool ran_on;                     /* the last page break let the page go on (soft) */
    float section_top;               /* where the section after it begins: 0 (the page's top
                                        edge) where it opened a page, else its first line */
    bool mark_inherited;             /* the page's running head is that of a section begun on
                                        a page before */
    struct deferred floats[MAX_FLOATS];
    int nfloats;
    /* the figures of the page that fill their frame level with the others (ts_block.level),
     * each with the room it took: drawn when the page is done */
    struct levelled { const struct ts_block *b; struct dl_rect room; } levelled[MAX_LEVELLED];
    int nlevelled;
    bool placing_floats;
    bool in_area, area_overflowed;   /* placing into a named area of the page */
    /* placing a band again at a trial height, to balance its columns: nothing may go to a
     * new page, and a frame too few is noted instead */
    bool trial, overflowed;
    bool trial_splits;           /* the band split a group: its trials may too (else a group
                                    that fitted a column whole stays whole) */
    struct band_start *start;
};

/* The self-checks that placing at a lower height must not make worse, and groups split. */
struct quality {
    int splits, checks[4];
};

/* What is needed to place a band's content again: the state where it began and how much
 * of the page, the outline and the destinations there was. */
struct band_start {
    bool valid;
    size_t block, line;         /* where its content begins: a block, and of a paragraph the
                                   line (of a table the row) */
    struct state s;
    size_t nitems, noutline, ndests;
    struct ts_page_info info;
    struct quality at_start;
};

static struct ts_page_info *info(struct state *s)
{
    return &s->res->pages[s->page];
}

static struct dl_page *page(struct state *s)
{
    return &s->doc->pages[s->page];
}

static struct dl_rect *frame(struct state *s)
{
    return &s->frames[s->frame];
}

static int clamp_int(int v, int lo, int hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* The rectangle of columns [c0, c1) and rows [r0, r1) of the current page's grid. */
static struct dl_rect grid_rect(struct state *s, int c0, int c1, int r0, int r1)
{
    const struct ts_master *m = s->master;
    /* page 1 is a right-hand page: binding on the left */
    bool recto = m->single_sided || s->page % 2 == 0;
    float left = recto ? m->margin_inside : m->margin_outside;
    float right = recto ? m->margin_outside : m->margin_inside;
    int cols = clamp_int(m->columns, 1, MAX_COLUMNS), rows = m->rows < 1 ? 1 : m->rows;
    float cw = (s->width - left - right - (float)(cols - 1) * m->gutter) / (float)cols;
    float rh = (s->height - m->margin_top - m->margin_bottom - (float)(rows - 1) * m->row_gap) / (float)rows;
    return (struct dl_rect){ left + (float)c0 * (cw + m->gutter), m->margin_top + (float)r0 * (rh + m->row_gap),
                             (float)(c1 - c0) * cw + (float)(c1 - c0 - 1) * m->gutter,
                             (float)(r1 - r0) * rh + (float)(r1 - r0 - 1) * m->row_gap };
}

static struct dl_rect area_rect(struct state *s, const struct ts_area *a)
{
    const struct ts_master *m = s->master;
    int cols = clamp_int(m->columns, 1, MAX_COLUMNS), rows = m->rows < 1 ? 1 : m->rows;
    int c0 = clamp_int(a->column, 1, cols) - 1, r0 = clamp_int(a->row, 1, rows) - 1;
    int c1 = clamp_int(c0 + a->columns, c0 + 1, cols), r1 = clamp_int(r0 + a->rows, r0 + 1, rows);
    return grid_rect(s, c0, c1, r0, r1);
}

/* Whether the current page's text flows through areas of its grid, not its columns. */
static bool flows_in_areas(const struct state *s)
{
    for (int i = 0; i < s->master->nareas; i++)
        if (s->master->areas[i].flow)
            return true;
    return false;
}

/* The page's frames at full height, from its master: its flow areas, or its columns. */
static void set_columns(struct state *s)
{
    struct ts_page_info *pi = info(s);
    const struct ts_master *m = s->master;
    pi->master = m;
    pi->nframes = 0;
    for (int i = 0; i < m->nareas && pi->nframes < MAX_COLUMNS; i++)
        if (m->areas[i].flow)
            pi->frames[pi->nframes++] = area_rect(s, &m->areas[i]);
    if (pi->nframes)
        return;
    int cols = clamp_int(m->columns, 1, MAX_COLUMNS), rows = m->rows < 1 ? 1 : m->rows;
    /* the columns end over an area across them all at the page's foot (what every page of
     * the master has there), so that the flow may span them as on any page */
    int above = rows;
    for (int i = 0; i < m->nareas; i++)
        if (m->areas[i].column <= 1 && m->areas[i].columns >= cols && m->areas[i].row > 1 &&
            m->areas[i].row + m->areas[i].rows - 1 >= rows)
            above = m->areas[i].row - 1 < above ? m->areas[i].row - 1 : above;
    pi->nframes = cols;
    for (int i = 0; i < cols; i++)
        pi->frames[i] = grid_rect(s, i, i + 1, 0, above);
}

/* How many of the page's columns span asks for: 0 for its own column. */
static int columns_spanned(struct state *s, int span)
{
    int cols = info(s)->nframes;
    if (cols < 2 || (span != TS_SPAN_ALL && span < 2) || flows_in_areas(s) || s->in_area)
        return 0;
    return span == TS_SPAN_ALL || span > cols ? cols : span;
}

/* Begins a band at top: the page's columns, or one frame over the first `span` of them. */
static void set_band(struct state *s, float top, int span)
{
    const struct ts_page_info *pi = info(s);
    int k = columns_spanned(s, span);
    float bottom = pi->frames[0].y + pi->frames[0].h;
    if (k) {
        const struct dl_rect *last = &pi->frames[k - 1];
        s->nframes = 1;
        s->frames[0] = (struct dl_rect){ pi->frames[0].x, top, last->x + last->w - pi->frames[0].x, bottom - top };
    } else {
        /* each frame from top, or from its own top when that is lower (an area of a grid) */
        s->nframes = pi->nframes;
        for (int i = 0; i < s->nframes; i++) {
            const struct dl_rect *f = &pi->frames[i];
            float y = fmaxf(f->y, top);
            s->frames[i] = (struct dl_rect){ f->x, y, f->w, f->y + f->h - y };
        }
    }
    s->want_span = span;
    s->band_span = k;
    s->band_top = top;
    for (int i = 0; i < MAX_COLUMNS; i++)
        s->band_bottom[i] = i < s->nframes ? s->frames[i].y : top;
    s->frame = 0;
    s->y = s->frames[0].y;
    /* as at a column's top, the space before the first block falls away */
    s->frame_empty = true;
}

/* Notes how far content reaches in the current frame. */
static void note_content(struct state *s)
{
    if (s->y > s->band_bottom[s->frame])
        s->band_bottom[s->frame] = s->y;
    s->frame_empty = false;
    s->page_empty = false;
}

static float band_content_bottom(const struct state *s)
{
    float b = s->band_top;
    for (int i = 0; i < s->nframes; i++)
        if (s->band_bottom[i] > b)
            b = s->band_bottom[i];
    return b;
}

/* Where the content of the band ends: under columns their longest, under a spanning
 * block (one frame) the space after it too. */
static float content_end(const struct state *s)
{
    return s->band_span ? s->y : band_content_bottom(s);
}

/* Adds the area the band's content covers to the page's. */
static void close_band(struct state *s)
{
    for (int i = 0; i < s->nframes; i++)
        s->filled += (s->band_bottom[i] - s->frames[i].y) * s->frames[i].w;
}

/* Draws the page's levelled figures as one, from the lowest top among them, the first with
 * its own drawing and the others with their continuation (ts_block.level_on) where they
 * have one (one label over them all, one line where they begin on every page); one that
 * the level would leave less than its amount under its own text, as itself. */
static void draw_levelled(struct state *s)
{
    float level = 0;
    for (int i = 0; i < s->nlevelled; i++)
        level = fmaxf(level, s->levelled[i].room.y);
    bool begun = false;
    for (int i = 0; i < s->nlevelled; i++) {
        const struct ts_block *b = s->levelled[i].b;
        struct dl_rect room = s->levelled[i].room;
        float bottom = room.y + room.h;
        bool joins = bottom - level >= b->amount;
        if (joins)
            room.y = level, room.h = bottom - level;
        dl_artifact_begin(page(s), DL_ARTIFACT_BACKGROUND);
        b->draw(joins && begun && b->level_on ? b->level_on : b->draw_data, s->doc, page(s), room);
        dl_push(page(s), DL_TAG_END);
        begun = begun || joins;
    }
    s->nlevelled = 0;
}

static void page_done(struct state *s)
{
    if (!s->doc->npages)
        return;
    draw_levelled(s);
    close_band(s);
    struct ts_page_info *pi = info(s);
    float area = 0;
    for (int i = 0; i < pi->nframes; i++)
        area += pi->frames[i].w * pi->frames[i].h;
    pi->fill = area > 0 ? fminf(1.0f, s->filled / area) : 0;
    if (pi->master && pi->master->min_fill > 0 && pi->fill < pi->master->min_fill)
        s->res->underfilled++;
    if (s->sink)
        s->sink->page_done(s->sink->ud, s->doc, s->page, s->res);
}

static void band_begins(struct state *s, size_t block, size_t line);

/* The master of the page after this one, when nothing asks for another. */
static const struct ts_master *following(const struct state *s)
{
    const struct ts_master *next = s->asked->next ? s->lookup(s->ud, s->asked->next) : NULL;
    return next ? next : s->asked;
}

/* Whether a page break to m may let the page go on: m is this page's master, or the one
 * its pages go on in. */
static bool goes_on_in(const struct state *s, const struct ts_master *m)
{
    return m == s->asked || m == following(s);
}

static void new_page(struct state *s, const struct ts_master *m)
{
    page_done(s);
    dl_add_page(s->doc, s->width, s->height);
    s->page = s->doc->npages - 1;
    s->asked = m;
    if (m->verso && s->page % 2 == 1) { /* a left-hand page */
        const struct ts_master *v = s->lookup(s->ud, m->verso);
        if (v)
            m = v;
    }
    xgrow(&s->res->pages, &s->pages_cap, s->page + 1, sizeof *s->res->pages);
    s->res->npages = s->page + 1;
    memset(info(s), 0, sizeof *info(s));
    info(s)->mark = s->mark;
    s->mark_inherited = true;
    s->master = m;
    s->page_empty = true;
    s->filled = 0;
    s->section_top = 0;
    set_columns(s);
    set_band(s, m->margin_top, s->want_span);
    band_begins(s, s->resume_block, s->resume_line);
}

/* ---- balancing: the band placed again at lower heights ---- */

static struct quality quality_now(const struct state *s)
{
    const struct ts_result *r = s->res;
    return (struct quality){ s->group_splits,
                             { r->text_outside_frame, r->headings_at_frame_end, r->widows, r->orphans } };
}

static void band_begins(struct state *s, size_t block, size_t line)
{
    struct band_start *b = s->start;
    b->valid = !s->placing_floats && !s->trial && s->band_span == 0;
    if (!b->valid)
        return;
    b->block = block;
    b->line = line;
    b->s = *s;
    b->nitems = page(s)->nitems;
    b->noutline = s->doc->noutline;
    b->ndests = s->res->ndests;
    b->info = *info(s);
    b->at_start = quality_now(s);
}

static void frame_start(struct state *s);
static size_t place_block(struct state *s, size_t i);
static void place_para(struct state *s, size_t i, size_t from);
static void place_table(struct state *s, size_t i, size_t from);
static void place_floats(struct state *s);

/* Places the band's content again, from where it began up to block upto, with its
 * columns height tall; returns whether it came out as well as before: no frame too few,
 * no more groups split, no more headings left at a column's foot, widows or orphans. */
static bool place_band_again(struct state *s, size_t upto, float height, const struct quality *before,
                             int extra_splits)
{
    struct band_start *b = s->start;
    struct dl_page *pg = page(s);
    pg->nitems = b->nitems; /* their memory stays in the page's arena until the page is written */
    s->doc->noutline = b->noutline;
    for (size_t i = b->ndests; i < s->res->ndests; i++)
        free((char *)s->res->dest_names[i]);
    s->res->ndests = b->ndests;
    struct ts_result *r = s->res;
    const int *c = b->at_start.checks;
    r->text_outside_frame = c[0], r->headings_at_frame_end = c[1], r->widows = c[2], r->orphans = c[3];
    size_t dests_cap = s->dests_cap;
    *s = b->s;
    s->dests_cap = dests_cap; /* the arrays may have grown since */
    *info(s) = b->info;
    for (int i = 0; i < s->nframes; i++)
        s->frames[i].h = height;
    s->trial = true;
    s->trial_splits = before->splits > b->s.group_splits || extra_splits > 0;
    s->overflowed = false;
    frame_start(s);
    size_t i = b->block;
    if (b->line > 0 && i < upto) {
        /* the band begins inside a paragraph or a table that an earlier page began */
        if (s->flow->blocks[i].kind == TS_TABLE)
            place_table(s, i, b->line);
        else
            place_para(s, i, b->line);
        i++;
    }
    while (i < upto)
        i = place_block(s, i);
    place_floats(s);
    s->trial = false;
    struct quality now = quality_now(s);
    /* nor may the first column stay empty while a later one holds it all */
    bool first_used = s->band_bottom[0] > s->frames[0].y;
    bool as_good = !s->overflowed && first_used && now.splits <= before->splits + extra_splits;
    for (int k = 0; k < 4; k++)
        as_good = as_good && now.checks[k] <= before->checks[k];
    return as_good;
}

/* The lowest column height from lo to hi at which the band's content fits as well as
 * before (with extra_splits more groups split), to a point. */
static float lowest_height(struct state *s, size_t upto, float lo, float hi, const struct quality *before,
                           int extra_splits)
{
    for (int step = 0; step < 12 && hi - lo > 1.0f; step++) {
        float mid = (lo + hi) / 2;
        if (place_band_again(s, upto, mid, before, extra_splits))
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

/* Balances the columns of the band that ends before block upto: the lowest height at
 * which its content fits them as it did (to a point), so that they end level. */
static void balance(struct state *s, size_t upto)
{
    struct band_start *b = s->start;
    if (!b->valid || b->s.page != s->page || s->band_span || s->nframes < 2 || flows_in_areas(s))
        return;
    float top = s->band_top, used = band_content_bottom(s) - top;
    if (used <= 0)
        return;
    /* a few lines in the first column stay there: split over two they read worse, unless
     * the block the band ends at asks for even columns */
    bool even = upto < s->flow->n && s->flow->blocks[upto].even;
    if (!even && s->band_bottom[1] <= s->frames[1].y && used < info(s)->frames[0].h / 4)
        return;
    struct quality before = quality_now(s);
    float hi = s->frames[0].h, lo = used / (float)s->nframes;
    bool last_empty = s->band_bottom[s->nframes - 1] <= top;
    if (last_empty)
        hi = used; /* the last column is empty: never taller than the first */
    /* even columns over a long group left whole in the first column (more than half of it):
     * it may go on in the next ("(vervolg)"), rather than stand beside an empty column; a
     * shorter one is read whole, and so are groups that whole fill every column; so where
     * whole groups leave the columns ending more than a quarter of a column apart (ragged) */
    float frame_h = info(s)->frames[0].h, apart = fabsf(s->band_bottom[0] - s->band_bottom[s->nframes - 1]);
    bool ragged = even && !last_empty && apart > frame_h / 4;
    int extra = (even && last_empty && used > frame_h / 2) || ragged ? 1 : 0;
    float height = lowest_height(s, upto, lo, hi, &before, 0);
    if (ragged) { /* split where that ends the columns far closer */
        float split = lowest_height(s, upto, lo, hi, &before, extra);
        if (split < height - frame_h / 8)
            height = split;
        else
            extra = 0;
    } else if (extra && height >= hi - 1.0f) {
        height = lowest_height(s, upto, lo, hi, &before, extra);
    } else {
        extra = 0;
    }
    if (!place_band_again(s, upto, height, &before, extra)) /* never: hi fitted before */
        place_band_again(s, upto, b->s.frames[0].h, &before, 0);
    for (int i = 0; i < s->nframes; i++)
        s->frames[i].h = b->s.frames[i].h;
}

/* ---- frames ---- */

static void end_frame_checks(struct state *s)
{
    /* an introduction left at a column's foot is a layout's choice (it may not fit with its
     * figure anywhere); a heading or a rule is never right there */
    const struct ts_block *b = s->last_in_frame;
    if (b && ((b->kind == TS_PARA && b->style->keep_with_next) || b->kind == TS_RULE))
        s->res->headings_at_frame_end++;
    s->last_in_frame = NULL;
}

static void place_para_lines(struct state *s, const struct ts_block *b, size_t from, size_t to,
                             const struct ts_para *p);

/* The continuation line at the top of a frame that continues a split group. */
static void place_continuation(struct state *s)
{
    const struct ts_block *g = s->group;
    /* a group that moves to the next frame before any of it is placed is not continued */
    if (!g || !g->value || !g->style || !s->group_placed || (g->continuation_on_new_page && s->frame > 0))
        return;
    struct ts_block cont = { .kind = TS_PARA, .style = g->style, .role = "P" };
    ts_text_init(&cont.text);
    ts_text_add(&cont.text, g->value, 0, NULL, NULL);
    struct dl_rect *fr = frame(s);
    struct ts_para *p = cached_layout(s, &cont, fr->w, g->loc_path, g->loc_line);
    place_para_lines(s, &cont, 0, ts_para_nlines(p), p);
    /* cont lives on this stack frame: the frame's last block is the group that goes on */
    s->last_in_frame = NULL;
    s->y += g->style->space_after;
    ts_text_release(&cont.text);
}

/* What a new frame begins with: the floats waiting for it, then a split group's
 * continuation line. */
static void frame_start(struct state *s)
{
    place_floats(s);
    place_continuation(s);
}

static void group_panel(struct state *s);

static void next_frame(struct state *s)
{
    group_panel(s);
    end_frame_checks(s);
    if (s->group && s->group_placed)
        s->group_splits++;
    if (s->frame + 1 < s->nframes) {
        s->frame++;
        s->y = frame(s)->y;
        s->frame_empty = true;
    } else if (s->trial) {
        /* balancing: a frame too few; the rest goes on in this one, to be thrown away */
        s->overflowed = true;
        s->y = frame(s)->y;
        s->frame_empty = true;
    } else if (s->in_area) {
        /* an area has no next frame: what does not fit is drawn over, and reported */
        s->area_overflowed = true;
        s->y = frame(s)->y;
        s->frame_empty = true;
        return;
    } else {
        new_page(s, following(s));
    }
    s->group_top = s->y;
    s->group_first = page(s)->nitems;
    frame_start(s);
}

/* Whether what does not fit the rest of this frame may go to the next: not when the frame
 * is empty and as tall as a column gets, where the next could hold no more (it is then
 * placed anyway); a band under content on the page is shorter, and a new page may help.
 * Balancing stops moving on once it has run out of frames. */
static bool may_move_on(struct state *s)
{
    if (s->in_area)
        return false;
    if (!s->frame_empty)
        return true;
    if (s->trial)
        return !s->overflowed;
    return frame(s)->h < info(s)->frames[0].h - 0.5f;
}

static float remaining(struct state *s)
{
    struct dl_rect *fr = frame(s);
    return fr->y + fr->h - s->y;
}

static struct ts_para *cached_layout(struct state *s, const struct ts_block *b, float width, const char *loc_path,
                                     long loc_line)
{
    struct ts_cache *c = s->cache;
    para_key(c, b, width);
    struct ts_para *p = keymap_get(&c->paras, c->key.data, c->key.len);
    if (!p) {
        /* at the width of the key, so that it does not matter which column came first */
        p = ts_para_layout(s->e, s->ctx, b->style, &b->text, roundf(width * 1000) / 1000, loc_path, loc_line);
        keymap_put(&c->paras, c->key.data, c->key.len, p);
    }
    return p;
}

static struct ts_para *layout_of(struct state *s, const struct ts_block *b, float width)
{
    struct ts_para *p = cached_layout(s, b, width, b->loc_path, b->loc_line);
    size_t n = ts_para_nlines(p);
    const struct ts_style *st = b->style;
    if (!st || !st->balance_lines || st->align != TS_LEFT || n < 2)
        return p;
    /* the narrowest width that keeps the number of lines, no word broken: they end as
     * evenly as they can. The trials' complaints (a word too long at a narrow width) are
     * not the text's: they go to a context of their own */
    float hi = st->measure > 0 && st->measure < width ? st->measure : width, lo = hi / 2;
    struct gka_ctx *real = s->ctx, trials;
    gka_ctx_init(&trials);
    trials.quiet = true;
    s->ctx = &trials;
    for (int step = 0; step < 8 && hi - lo > 2; step++) {
        float mid = (lo + hi) / 2;
        struct ts_para *q = cached_layout(s, b, mid, b->loc_path, b->loc_line);
        bool fits = ts_para_nlines(q) == n && !ts_para_broke_word(q);
        for (size_t i = 0; fits && i < n; i++) /* nor a line over the width */
            fits = ts_para_line_width(q, i) <= mid - st->indent + 0.5f;
        if (fits)
            hi = mid;
        else
            lo = mid;
    }
    s->ctx = real;
    gka_ctx_release(&trials);
    return cached_layout(s, b, hi, b->loc_path, b->loc_line);
}

static void add_dest(struct state *s, const char *name)
{
    struct ts_result *r = s->res;
    xgrow(&r->dest_names, &s->dests_cap, r->ndests + 1, sizeof *r->dest_names);
    r->dest_pages = xrealloc(r->dest_pages, s->dests_cap * sizeof *r->dest_pages);
    /* the result outlives the document (the next pass compares with it): its own copy */
    r->dest_names[r->ndests] = xstrdup(name);
    r->dest_pages[r->ndests] = (int)s->page;
    r->ndests++;
    dl_push(page(s), DL_DEST)->as.dest.name = dl_strdup(s->doc, name);
}

static void place_para_lines(struct state *s, const struct ts_block *b, size_t from, size_t to,
                             const struct ts_para *p)
{
    struct dl_rect *fr = frame(s);
    size_t n = ts_para_nlines(p);
    float lh = ts_para_leading(p);
    if (from == 0) {
        if (b->role)
            dl_push(page(s), DL_TAG_BEGIN)->as.tag.role = b->role;
        if (b->dest)
            add_dest(s, b->dest);
        if (b->outline && b->dest) {
            int level = b->outline_level < 0 ? 0 : b->outline_level > 7 ? 7 : b->outline_level;
            int parent = level > 0 ? s->outline_stack[level - 1] : -1;
            struct strbuf title;
            sb_init(&title);
            ts_typographic(&title, b->outline);
            s->outline_stack[level] = dl_add_outline(s->doc, title.data, b->dest, parent);
            sb_release(&title);
        }
    }
    ts_para_draw_item(p, from, to, s->doc, page(s), fr->x, s->y, b->role && strcmp(b->role, "LI") == 0);
    /* self-check: every line inside its frame */
    for (size_t i = from; i < to; i++) {
        float right = fr->x + b->style->indent + ts_para_line_width(p, i);
        float bottom = s->y + (float)(i - from + 1) * lh;
        if (right > fr->x + fr->w + 0.5f || bottom > fr->y + fr->h + 0.5f)
            s->res->text_outside_frame++;
    }
    if (n > 1 && to - from == 1) {
        if (from == 0 && to < n)
            s->res->orphans++;
        else if (from > 0 && to == n)
            s->res->widows++;
    }
    if (to == n && b->role)
        dl_push(page(s), DL_TAG_END);
    s->y += (float)(to - from) * lh;
    note_content(s);
    s->last_in_frame = b;
    s->group_placed = s->group != NULL;
}

static float blocks_height(struct state *s, size_t from, size_t to, float width);
static size_t group_end(const struct state *s, size_t i);
static float kept_whole(struct state *s, size_t i);

/* The height of the blocks of the group opened at i. */
static float group_height(struct state *s, size_t i, float width)
{
    return blocks_height(s, i + 1, group_end(s, i), width);
}
static size_t header_rows(const struct ts_table *t);
static size_t row_group_end(const struct ts_table *t, size_t ri);
static size_t first_rows_end(const struct ts_table *t);
static float rows_height(struct state *s, const struct ts_block *b, size_t from, size_t to, float width);

/* The height of a figure at width: an image's follows the width it gets. */
static float figure_height(const struct ts_block *b, float width)
{
    return b->aspect > 0 ? width * b->aspect : b->amount;
}

/* Whether a paragraph's text ends in a colon: it introduces what follows. */
static bool ends_in_colon(const struct ts_block *b)
{
    size_t n = b->text.utf8.len;
    while (n > 0 && (b->text.utf8.data[n - 1] == ' ' || b->text.utf8.data[n - 1] == '\n'))
        n--;
    return n > 0 && b->text.utf8.data[n - 1] == ':';
}

/* Whether paragraph i (laid out as p) goes to the next frame with what follows it: a heading
 * (its style says so), a line or two that introduce a figure or a table, or a short
 * paragraph (six lines at most) that ends in a colon before a list. */
static bool keeps_with_next(const struct state *s, size_t i, const struct ts_para *p)
{
    const struct ts_block *b = &s->flow->blocks[i];
    if (b->style->keep_with_next)
        return true;
    if (i + 1 >= s->flow->n)
        return false;
    const struct ts_block *next = &s->flow->blocks[i + 1];
    size_t lines = ts_para_nlines(p);
    if (next->kind == TS_TAG_BEGIN && next->role && strcmp(next->role, "L") == 0)
        return lines <= 6 && ends_in_colon(b);
    return lines <= 2 && (next->kind == TS_FIGURE || next->kind == TS_TABLE);
}

/* The fewest lines a paragraph in style st leaves on either side of a frame break. */
static size_t split_lines(const struct ts_style *st)
{
    return st->split_lines > 2 ? (size_t)st->split_lines : 2;
}

/* How many lines of paragraph b (laid out as p) must stand together at the top of its
 * first frame, as place_para breaks it: all of a short or unbreakable one (a list's item of
 * up to five lines is read as one point; a style may say how short: whole_up_to), else two or more, leaving two or more for the
 * next frame, and never a hyphenated word carried over. */
static size_t first_lines(const struct ts_block *b, const struct ts_para *p)
{
    size_t n = ts_para_nlines(p);
    bool item = b->role && strcmp(b->role, "LI") == 0;
    size_t whole = b->style->whole_up_to > 0 ? (size_t)b->style->whole_up_to : item ? 5 : 3;
    size_t split = split_lines(b->style);
    if (b->style->keep_together || n <= whole || n < 2 * split)
        return n;
    for (size_t k = split; k + split <= n; k++)
        if (!ts_para_line_hyphenated(p, k - 1))
            return k;
    return n;
}

static int span_of(const struct state *s, const struct ts_block *b);

/* The width block b is set in where the frames are width wide: the columns it spans. */
static float spanned_width(struct state *s, const struct ts_block *b, float width)
{
    int k = columns_spanned(s, span_of(s, b));
    if (k <= 0)
        return width;
    const struct ts_page_info *pi = info(s);
    return pi->frames[k - 1].x + pi->frames[k - 1].w - pi->frames[0].x;
}

/* The height the first two lines of the next paragraph need (for keep-with-next); when a
 * group that fits a frame comes next, the whole group, which goes to the next frame whole
 * (unless it says how it goes on: a card begins where it finds room, and goes on). */
static float next_para_start(struct state *s, size_t i, float width)
{
    float between = 0; /* rules and space before it */
    for (size_t j = i + 1; j < s->flow->n; j++) {
        const struct ts_block *nb = &s->flow->blocks[j];
        if (nb->kind == TS_GROUP_BEGIN) {
            float h = group_height(s, j, width);
            if (h <= frame(s)->h && !nb->value)
                return between + h;
            continue; /* split: its first lines follow */
        }
        float kept = kept_whole(s, j);
        if (kept > 0)
            return between + kept;
        if (nb->kind == TS_PARA) {
            struct ts_para *np = layout_of(s, nb, width);
            /* a paragraph kept with the next comes whole, with the space after it */
            if (keeps_with_next(s, j, np))
                return between + nb->style->space_before + (float)ts_para_nlines(np) * ts_para_leading(np) +
                       nb->style->space_after + next_para_start(s, j, width);
            return between + nb->style->space_before +
                   fmaxf((float)first_lines(nb, np) * ts_para_leading(np), nb->side_draw ? nb->side_height : 0);
        }
        if (nb->kind == TS_FIGURE)
            return between + figure_height(nb, spanned_width(s, nb, width));
        if (nb->kind == TS_TABLE && nb->table) /* its header and the first rows that stand together */
            return between + rows_height(s, nb, 0, first_rows_end(nb->table), spanned_width(s, nb, width));
        if (nb->kind == TS_PAGE_BREAK || nb->kind == TS_COLUMN_BREAK)
            return 0;
        if (nb->kind == TS_RULE || (nb->kind == TS_SPACE && !nb->spring))
            between += nb->amount;
    }
    return 0;
}

/* On a page with a baseline grid, lines whose leading is a multiple of it start on it, so
 * that they stand level across the columns. */
static void snap_to_baseline(struct state *s, float leading)
{
    float grid = s->master->baseline;
    if (grid <= 0 || s->in_area)
        return;
    float ratio = leading / grid;
    if (ratio < 0.99f || fabsf(ratio - roundf(ratio)) > 0.01f)
        return;
    float origin = info(s)->frames[0].y;
    float steps = ceilf((s->y - origin) / grid - 0.001f);
    s->y = origin + steps * grid;
}

/* Places paragraph i from its line `from` on (0: all of it). */
static void place_para(struct state *s, size_t i, size_t from)
{
    const struct ts_block *b = &s->flow->blocks[i];
    struct ts_block restyled;
    if (s->run_on_heading == i + 1) {
        restyled = *b;
        restyled.style = s->run_on_style;
        b = &restyled;
    }
    struct ts_para *p = layout_of(s, b, frame(s)->w);
    size_t n = ts_para_nlines(p);
    float lh = ts_para_leading(p);
    if (n == 0 || from >= n)
        return;
    size_t done = from;
    float before = s->frame_empty || from > 0 ? 0 : b->style->space_before;
    float side = from == 0 && b->side_draw ? b->side_height : 0, side_bottom = 0;
    size_t side_page = 0;
    int side_frame = -1;
    float need_whole = before + fmaxf((float)n * lh, side);
    float need_first = before + fmaxf((float)first_lines(b, p) * lh, side);
    if (keeps_with_next(s, i, p))
        need_first = need_whole + b->style->space_after + next_para_start(s, i, frame(s)->w);
    /* on to a frame where it fits: under content on the page, the next may be short too */
    for (int moves = 0; moves < MAX_COLUMNS + 1 && from == 0 && may_move_on(s); moves++) {
        float need = s->frame_empty ? need_first - before : need_first; /* at a frame's top, no space before */
        if (need <= remaining(s) + 0.01f)
            break;
        next_frame(s);
    }
    if (s->frame_empty)
        before = 0;
    s->y += before;
    snap_to_baseline(s, lh);
    while (done < n) {
        size_t fit = (size_t)floorf((remaining(s) + 0.01f) / lh);
        size_t left = n - done;
        size_t k = fit >= left ? left : fit;
        if (k < left) {
            /* leave at least split lines for the next frame, take at least split (two
             * unless the style asks more) */
            size_t split = split_lines(b->style);
            if (left - k < split)
                k = left >= split ? left - split : 0;
            /* a word is not carried over to the next frame: a line less here, when that
             * still leaves enough (or the paragraph, begun here, goes on whole) */
            if (k >= 1 && ts_para_line_hyphenated(p, done + k - 1))
                k = k > split || done > 0 ? k - 1 : 0;
            if (k < split && done == 0)
                k = 0;
        }
        if (k == 0 && !may_move_on(s)) {
            /* not even this much fits an empty frame: place what fits, and say so */
            k = fit > 0 ? (fit < left ? fit : left) : 1;
            if (!s->trial)
                diag_warning(s->ctx, b->loc_path, b->loc_line,
                             "a paragraph does not fit in a frame of %.0f pt; it runs over the frame", frame(s)->h);
        }
        if (k == 0) {
            s->resume_line = done;
            next_frame(s);
            continue;
        }
        if (done == 0 && side > 0) {
            /* beside a single line (a name), the portrait stands on its middle, not hanging
             * under it; at a frame's top it does not rise above it */
            float lift = n == 1 && side > lh && !s->frame_empty ? (side - lh) / 2 : 0;
            struct dl_rect area = { frame(s)->x, s->y - lift, b->side_width, side };
            dl_artifact_begin(page(s), DL_ARTIFACT_LAYOUT); /* beside the name it shows: decoration */
            b->side_draw(b->side_data, s->doc, page(s), area);
            dl_push(page(s), DL_TAG_END);
            side_bottom = s->y - lift + side, side_page = s->page, side_frame = s->frame;
        }
        place_para_lines(s, b, done, done + k, p);
        done += k;
        if (done < n) {
            s->resume_line = done;
            next_frame(s);
        }
    }
    if (side_frame == s->frame && side_page == s->page && side_bottom > s->y)
        s->y = side_bottom; /* below the portrait */
    note_content(s);
    s->y += b->style->space_after;
}

/* The index of the TS_GROUP_END that closes the group opened at i (the last block when
 * none does). */
static size_t group_end(const struct state *s, size_t i)
{
    size_t j = i + 1;
    while (j < s->flow->n && s->flow->blocks[j].kind != TS_GROUP_END)
        j++;
    return j < s->flow->n ? j : s->flow->n - 1;
}

/* The index of the TS_TAG_END that closes the tag opened at i (the last block when none does). */
static size_t tag_end(const struct state *s, size_t i)
{
    int depth = 0;
    for (size_t j = i; j < s->flow->n; j++) {
        enum ts_block_kind k = s->flow->blocks[j].kind;
        depth += k == TS_TAG_BEGIN ? 1 : k == TS_TAG_END ? -1 : 0;
        if (depth == 0)
            return j;
    }
    return s->flow->n - 1;
}

/* The height of what tag i encloses when it is kept whole (a short list, no taller than a
 * third of a column: a longer one moved whole would leave too much empty); else 0. */
static float kept_whole(struct state *s, size_t i)
{
    const struct ts_block *b = &s->flow->blocks[i];
    if (b->kind != TS_TAG_BEGIN || !b->keep)
        return 0;
    float h = blocks_height(s, i + 1, tag_end(s, i), frame(s)->w);
    return h <= info(s)->frames[0].h / 3 ? h : 0;
}

/* The height of blocks [from, to), to decide whether they fit. */
static float blocks_height(struct state *s, size_t from, size_t to, float width)
{
    float h = 0;
    for (size_t j = from; j < to && j < s->flow->n; j++) {
        const struct ts_block *b = &s->flow->blocks[j];
        if (b->kind == TS_PARA) {
            struct ts_para *p = layout_of(s, b, width);
            h += b->style->space_before + (float)ts_para_nlines(p) * ts_para_leading(p) + b->style->space_after;
        } else if (b->kind == TS_FIGURE) {
            h += figure_height(b, width);
        } else if (b->kind == TS_TABLE && b->table) {
            h += rows_height(s, b, 0, b->table->nrows, width);
        } else if (b->kind == TS_RULE || (b->kind == TS_SPACE && !b->spring)) {
            h += b->amount; /* a spring's room is what is left: none where there is none */
        }
    }
    return h;
}


/* Takes the links out of what a figure drew from item `first` on, each with the area of
 * what it covered, which stays in the figure: a Figure (or an Artifact) is one leaf of the
 * structure, whose links follow it as Links of their own, read after its alt text.
 * Returns them (free them), their number in n. */
static struct dl_link *lift_links(struct dl_page *page, size_t first, size_t *n)
{
    struct dl_link *links = NULL;
    size_t cap = 0, kept = first;
    *n = 0;
    for (size_t k = first; k < page->nitems; k++) {
        struct dl_item *it = &page->items[k];
        if (it->kind == DL_LINK_BEGIN) {
            struct dl_rect area = dl_link_area(page, k); /* reads on from k: not yet moved */
            if (area.w > 0 && area.h > 0) {
                xgrow(&links, &cap, *n + 1, sizeof *links);
                links[*n] = it->as.link;
                links[*n].area = area;
                links[(*n)++].area_known = true;
            }
        } else if (it->kind != DL_LINK_END) {
            page->items[kept++] = *it;
        }
    }
    page->nitems = kept;
    return links;
}

/* A rule or a fill: an Artifact of its own, unless it is drawn inside one. */
static void decoration(struct dl_page *page, struct dl_rect r, const struct dl_colour *colour, bool own_artifact)
{
    if (own_artifact)
        dl_artifact_begin(page, DL_ARTIFACT_LAYOUT);
    dl_fill_rect(page, r, colour);
    if (own_artifact)
        dl_push(page, DL_TAG_END);
}

/* A rule opens what follows it (a card): it goes with the first lines of that. */
static void place_rule(struct state *s, size_t i)
{
    const struct ts_block *b = &s->flow->blocks[i];
    if (b->amount > remaining(s) ||
        (may_move_on(s) && b->amount + next_para_start(s, i, frame(s)->w) > remaining(s) + 0.01f))
        next_frame(s);
    struct dl_rect *fr = frame(s);
    static const struct dl_colour black = { .cmyk = { 0, 0, 0, 1 }, .has_cmyk = true };
    decoration(page(s), (struct dl_rect){ fr->x, s->y, fr->w, b->amount }, b->colour ? b->colour : &black, true);
    s->y += b->amount;
    note_content(s);
    s->last_in_frame = b;
}

static bool page_goes_on(struct state *s, size_t i);

/* The open group's panel (ts_block.panel) behind what it holds in this frame so far. */
static void group_panel(struct state *s)
{
    const struct ts_block *g = s->group;
    if (!g || !g->panel || s->y <= s->group_top + 0.5f)
        return;
    size_t first = page(s)->nitems;
    decoration(page(s), (struct dl_rect){ frame(s)->x, s->group_top, frame(s)->w, s->y - s->group_top }, g->panel, true);
    /* behind the group only: what the page held before it stays as it is (balancing
     * places a band again from where it began) */
    dl_page_send_back(page(s), first, s->group_first);
}

/* Whether the page ends with block i, of height h, placed where the flow stands: after it
 * only spaces and the ends of groups and tags, then the end of the flow or a page break
 * that will not let the page go on. */
static bool page_ends_with(struct state *s, size_t i, float h)
{
    for (size_t k = i + 1; k < s->flow->n; k++) {
        const struct ts_block *b = &s->flow->blocks[k];
        if (b->kind == TS_PAGE_BREAK) {
            const struct ts_master *m = b->master ? s->lookup(s->ud, b->master) : s->asked;
            if (!b->soft || (m && !goes_on_in(s, m)) || flows_in_areas(s))
                return true;
            /* as the break would find the page with the block on it */
            float y = s->y, bottom = s->band_bottom[s->frame];
            bool frame_empty = s->frame_empty, page_empty = s->page_empty;
            s->y += h;
            note_content(s);
            bool goes_on = page_goes_on(s, k);
            s->y = y, s->band_bottom[s->frame] = bottom;
            s->frame_empty = frame_empty, s->page_empty = page_empty;
            return !goes_on;
        }
        if (b->kind != TS_SPACE && b->kind != TS_GROUP_END && b->kind != TS_TAG_END && b->kind != TS_MARK)
            return false;
    }
    return true;
}

/* The height block i of height h takes where it may grow (see ts_block.grow): across the
 * page, where balancing columns cannot take the room from it. */
static float grown_height(struct state *s, size_t i, float h)
{
    const struct ts_block *b = &s->flow->blocks[i];
    float grow = b->grow;
    if (grow <= 1 || s->in_area || (s->band_span == 0 && s->nframes > 1) || h > remaining(s) ||
        !page_ends_with(s, i, h))
        return h;
    return fminf(remaining(s), h * grow);
}

static void place_figure(struct state *s, size_t i)
{
    const struct ts_block *b = &s->flow->blocks[i];
    if (b->behind && s->ran_on && !b->reaches_up)
        return; /* its heading runs on under the section before, in the break's style */
    float h = figure_height(b, frame(s)->w);
    if (b->fill) {
        if (remaining(s) < h)
            return;
        h = remaining(s);
    }
    if (may_move_on(s) && h > remaining(s))
        next_frame(s);
    h = grown_height(s, i, h);
    if (h > remaining(s) + 0.01f && !s->trial)
        diag_warning(s->ctx, b->loc_path, b->loc_line, "a figure of %.0f pt does not fit in a frame of %.0f pt",
                     h, frame(s)->h);
    struct dl_rect *fr = frame(s);
    if (b->fill && b->level && !b->alt && s->nlevelled < MAX_LEVELLED) {
        if (!s->trial)
            s->levelled[s->nlevelled++] = (struct levelled){ b, { fr->x, s->y, fr->w, h } };
        s->y += h;
        note_content(s);
        s->last_in_frame = b;
        return;
    }
    size_t first = page(s)->nitems;
    /* without alt text a figure is decoration (a background): an Artifact, no Figure for
     * assistive technology to announce */
    if (b->alt) {
        struct dl_item *tag = dl_push(page(s), DL_TAG_BEGIN);
        tag->as.tag.role = "Figure";
        tag->as.tag.alt = dl_strdup(s->doc, b->alt);
    } else {
        dl_artifact_begin(page(s), DL_ARTIFACT_BACKGROUND);
    }
    if (b->dest)
        add_dest(s, b->dest);
    struct dl_rect area = { fr->x, s->y, fr->w, h };
    if (b->reaches_up)
        area.y = s->section_top, area.h = s->y + h - s->section_top;
    b->draw(b->draw_data, s->doc, page(s), area);
    size_t nlinks = 0;
    struct dl_link *links = lift_links(page(s), first, &nlinks);
    dl_push(page(s), DL_TAG_END);
    for (size_t k = 0; k < nlinks; k++) {
        dl_push(page(s), DL_LINK_BEGIN)->as.link = links[k];
        dl_push(page(s), DL_LINK_END);
    }
    free(links);
    if (b->behind && !b->alt && nlinks == 0)
        dl_page_send_back(page(s), first, 0);
    s->y += h;
    note_content(s);
    s->last_in_frame = b;
    s->group_placed = s->group != NULL;
}

/* ---- tables ---- */

/* Where columns col..col+n-1 stand across width, the gutters between panels left out. */
static void columns_box(const struct ts_table *t, int col, int n, float width, float *x, float *w)
{
    float shared = width - t->gutter * (float)(t->ncols - 1);
    *x = t->gutter * (float)col, *w = t->gutter * (float)(n - 1);
    for (int j = 0; j < col; j++)
        *x += t->shares[j] * shared;
    for (int j = col; j < col + n; j++)
        *w += t->shares[j] * shared;
}

/* The x offset and width of a cell at table width `width`. */
static void cell_box(const struct ts_table *t, const struct ts_table_cell *c, float width, float *x, float *w)
{
    columns_box(t, c->col, c->colspan, width, x, w);
}

/* The bar over the panels stands above the first header row's text. */
static float bar_above(const struct ts_table *t, size_t ri)
{
    return ri == 0 && t->nrows && t->rows[0].header ? t->bar : 0;
}

static struct ts_para *cell_layout(struct state *s, const struct ts_table *t, const struct ts_table_cell *c,
                                   float w, const struct ts_block *table)
{
    return cached_layout(s, &c->block, fmaxf(w - 2 * t->padding, 1), table->loc_path, table->loc_line);
}

/* The rows a cell of row ri takes (its rowspan, within the table). */
static size_t cell_rows(const struct ts_table *t, size_t ri, const struct ts_table_cell *c)
{
    size_t n = (size_t)c->rowspan;
    return ri + n > t->nrows ? t->nrows - ri : n;
}

/* The heights of all rows at width, into h (t->nrows of them): each row as tall as its
 * tallest cell of one row; a cell of several rows that needs more makes its last row
 * taller. */
static void row_heights(struct state *s, const struct ts_block *b, float width, float *h)
{
    const struct ts_table *t = b->table;
    for (int pass = 0; pass < 2; pass++)
        for (size_t ri = 0; ri < t->nrows; ri++) {
            const struct ts_table_row *r = &t->rows[ri];
            if (pass == 0)
                h[ri] = 2 * t->padding + bar_above(t, ri);
            for (size_t k = 0; k < r->n; k++) {
                const struct ts_table_cell *c = &t->cells[r->first + k];
                size_t rows = cell_rows(t, ri, c);
                if (!c->colspan || (pass == 0) != (rows == 1))
                    continue;
                float x, w;
                cell_box(t, c, width, &x, &w);
                struct ts_para *p = cell_layout(s, t, c, w, b);
                float need = ts_para_height(p, t->paragraph_gap) + 2 * t->padding + bar_above(t, ri),
                      have = 0;
                for (size_t q = ri; q < ri + rows; q++)
                    have += h[q];
                if (need > have)
                    h[ri + rows - 1] += need - have;
            }
        }
}

/* The rows that must stand together from row ri on: those a cell of several rows spans.
 * Returns the row after them. */
static size_t header_rows(const struct ts_table *t);

static size_t row_group_end(const struct ts_table *t, size_t ri)
{
    if (t->nrows - header_rows(t) <= SMALL_TABLE_ROWS)
        return t->nrows; /* a small table is not split */
    size_t end = ri + 1;
    for (size_t q = ri; q < end && q < t->nrows; q++) {
        const struct ts_table_row *r = &t->rows[q];
        for (size_t k = 0; k < r->n; k++) {
            size_t last = q + cell_rows(t, q, &t->cells[r->first + k]);
            end = last > end ? last : end;
        }
    }
    return end < t->nrows ? end : t->nrows;
}

/* The number of header rows, which come first. */
static size_t header_rows(const struct ts_table *t)
{
    size_t n = 0;
    while (n < t->nrows && t->rows[n].header)
        n++;
    return n;
}

/* The rows a table begins with in a frame: its header rows and at least two body rows (one
 * alone under the header reads as a stray), with the rows a cell spans. Returns the row
 * after them. */
static size_t first_rows_end(const struct ts_table *t)
{
    size_t nhead = header_rows(t);
    if (nhead >= t->nrows)
        return nhead;
    size_t end = row_group_end(t, nhead);
    if (end < nhead + 2 && end < t->nrows)
        end = row_group_end(t, end);
    return end;
}

/* The height of rows [from, to) at width. */
static float rows_height(struct state *s, const struct ts_block *b, size_t from, size_t to, float width)
{
    float *h = xmalloc((b->table->nrows + 1) * sizeof *h), sum = 0;
    row_heights(s, b, width, h);
    for (size_t i = from; i < to && i < b->table->nrows; i++)
        sum += h[i];
    free(h);
    return sum;
}

/* Draws row ri at the top of the free space, the rows' heights in h; tagged: as part of the
 * structure (a repeated header row is not: it was read where the table began, and is
 * an Artifact here, as a running header is). */
static void draw_row(struct state *s, const struct ts_block *b, size_t ri, const float *h, bool tagged)
{
    const struct ts_table *t = b->table;
    const struct ts_table_row *r = &t->rows[ri];
    const struct dl_rect *fr = frame(s);
    float y = s->y;
    size_t body_index = ri - header_rows(t);
    const struct dl_colour *fill = r->header ? t->header_fill : body_index % 2 == 1 ? t->stripe : NULL;
    if (!tagged)
        dl_artifact_begin(page(s), DL_ARTIFACT_HEADER);
    if (fill)
        decoration(page(s), (struct dl_rect){ fr->x, y, fr->w, h[ri] }, fill, tagged);
    for (int j = 0; t->panel_fill && j < t->ncols; j++) {
        float x, w;
        columns_box(t, j, 1, fr->w, &x, &w);
        /* into the next row a little: two fills that only meet show a hairline seam */
        float over = ri + 1 < t->nrows ? 0.75f : 0;
        decoration(page(s), (struct dl_rect){ fr->x + x, y, w, h[ri] + over }, t->panel_fill, tagged);
        if (bar_above(t, ri) > 0)
            decoration(page(s), (struct dl_rect){ fr->x + x, y, w, t->bar }, t->panel_bar, tagged);
    }
    if (tagged)
        dl_push(page(s), DL_TAG_BEGIN)->as.tag.role = "TR";
    bool through[TS_TABLE_MAX_COLUMNS] = { false }; /* columns a cell of this row goes on below */
    for (size_t k = 0; k < r->n; k++) {
        const struct ts_table_cell *c = &t->cells[r->first + k];
        if (!c->colspan)
            continue;
        float x, w;
        cell_box(t, c, fr->w, &x, &w);
        struct ts_para *p = cell_layout(s, t, c, w, b);
        size_t rows = cell_rows(t, ri, c);
        for (int j = c->col; j < c->col + c->colspan && rows > 1; j++)
            through[j] = true;
        if (tagged) {
            struct dl_tag *tag = &dl_push(page(s), DL_TAG_BEGIN)->as.tag;
            tag->role = c->header ? "TH" : "TD";
            if (c->header)
                tag->scope = r->header ? "Column" : "Row";
            tag->colspan = c->colspan;
            tag->rowspan = (int)rows;
        }
        ts_para_draw_spaced(p, s->doc, page(s), fr->x + x + t->padding, y + t->padding + bar_above(t, ri),
                            t->paragraph_gap);
        if (tagged)
            dl_push(page(s), DL_TAG_END);
    }
    if (tagged)
        dl_push(page(s), DL_TAG_END);
    /* the rule under the row, but not across a cell that goes on below */
    for (int j = 0; t->rule && t->rule_width > 0 && j < t->ncols;) {
        if (through[j]) {
            j++;
            continue;
        }
        int first = j;
        while (j < t->ncols && !through[j] && (j == first || t->gutter <= 0))
            j++;
        float x0, w;
        columns_box(t, first, j - first, fr->w, &x0, &w);
        decoration(page(s), (struct dl_rect){ fr->x + x0, y + h[ri] - t->rule_width, w, t->rule_width }, t->rule,
                   tagged);
    }
    if (!tagged)
        dl_push(page(s), DL_TAG_END);
    if (y + h[ri] > fr->y + fr->h + 0.5f)
        s->res->text_outside_frame++; /* a row taller than a frame: placed all the same */
    s->y = y + h[ri];
    note_content(s);
    s->last_in_frame = b;
}

/* Places table i from its body row `from` on (0: all of it; later, where a frame it goes
 * on in begins, with its header rows again). Rows that a cell spans stay together. */
static void place_table(struct state *s, size_t i, size_t from)
{
    const struct ts_block *b = &s->flow->blocks[i];
    const struct ts_table *t = b->table;
    if (!t || !t->nrows)
        return;
    size_t nhead = header_rows(t);
    float *h = xmalloc((t->nrows + 1) * sizeof *h);
    row_heights(s, b, frame(s)->w, h);
    if (from == 0) {
        float first = 0; /* the header rows and the first rows that stand together */
        for (size_t r = 0; r < first_rows_end(t); r++)
            first += h[r];
        if (may_move_on(s) && first > remaining(s) + 0.01f)
            next_frame(s);
        dl_push(page(s), DL_TAG_BEGIN)->as.tag.role = b->role ? b->role : "Table";
        if (b->dest)
            add_dest(s, b->dest);
        if (nhead) {
            dl_push(page(s), DL_TAG_BEGIN)->as.tag.role = "THead";
            for (size_t r = 0; r < nhead; r++)
                draw_row(s, b, r, h, true);
            dl_push(page(s), DL_TAG_END);
        }
        if (nhead < t->nrows)
            dl_push(page(s), DL_TAG_BEGIN)->as.tag.role = "TBody";
        from = nhead;
    } else {
        for (size_t k = 0; k < nhead; k++)
            draw_row(s, b, k, h, false);
    }
    for (size_t r = from; r < t->nrows;) {
        size_t end = row_group_end(t, r);
        float group = 0;
        for (size_t q = r; q < end; q++)
            group += h[q];
        if (group > remaining(s) + 0.01f && may_move_on(s)) {
            s->resume_line = r;
            next_frame(s);
            for (size_t k = 0; k < nhead; k++)
                draw_row(s, b, k, h, false);
        }
        for (; r < end; r++)
            draw_row(s, b, r, h, true);
    }
    if (nhead < t->nrows)
        dl_push(page(s), DL_TAG_END);
    dl_push(page(s), DL_TAG_END);
    free(h);
    s->last_in_frame = b;
}

/* ---- floats ---- */

/* Places the floats that wait, in their order, where the flow is (the top of a column). */
static void place_floats(struct state *s)
{
    if (!s->nfloats || s->band_span || s->placing_floats)
        return;
    struct deferred waiting[MAX_FLOATS];
    int n = s->nfloats;
    memcpy(waiting, s->floats, (size_t)n * sizeof *waiting);
    s->nfloats = 0;
    /* a group split around the floats goes on after them */
    const struct ts_block *group = s->group;
    bool group_placed = s->group_placed;
    size_t resume_block = s->resume_block, resume_line = s->resume_line;
    s->group = NULL;
    s->placing_floats = true;
    for (int k = 0; k < n; k++)
        for (size_t j = waiting[k].from; j <= waiting[k].to;)
            j = place_block(s, j);
    s->placing_floats = false;
    s->group = group;
    s->group_placed = group_placed;
    s->resume_block = resume_block, s->resume_line = resume_line;
}

/* Whether the floating block i (a group or a figure) waits for the next column: it does
 * not fit what is left of this one but fits a column, or floats wait already (their order
 * is kept). Sets *last to its last block. */
static bool float_waits(struct state *s, size_t i, size_t *last)
{
    const struct ts_block *b = &s->flow->blocks[i];
    if (!b->floating || s->placing_floats || s->in_area || s->nfloats >= MAX_FLOATS || s->frame_empty)
        return false;
    bool group = b->kind == TS_GROUP_BEGIN;
    float h = group ? group_height(s, i, frame(s)->w) : figure_height(b, frame(s)->w);
    if (s->nfloats == 0 && (h <= remaining(s) + 0.01f || h > info(s)->frames[0].h))
        return false;
    *last = group ? group_end(s, i) : i;
    return true;
}

/* ---- spanning blocks ---- */

/* The span block i asks for; -2 for a block that takes the band it finds (space, rules,
 * marks, tags, the end of a group). */
static int span_of(const struct state *s, const struct ts_block *b)
{
    if (s->group && s->group->span)
        return s->group->span;
    switch (b->kind) {
    case TS_PARA:
        return b->span ? b->span : b->style->span;
    case TS_TABLE:
    case TS_FIGURE:
    case TS_GROUP_BEGIN:
        return b->span;
    default:
        return -2;
    }
}

/* Block i needs a band of another span: the columns above it end balanced, and the new
 * band begins under the content. */
static void change_band(struct state *s, size_t i, int span)
{
    if (s->band_span == 0)
        balance(s, i);
    float top = s->page_empty ? s->band_top : content_end(s);
    /* a table across the columns, whose first row has no space before it as a heading
     * has, keeps a line's distance from the text above; a paragraph its space before,
     * which the top of a band would otherwise swallow (a group's, its first block's) */
    const struct ts_block *b = &s->flow->blocks[i];
    if (b->kind == TS_GROUP_BEGIN && i + 1 < s->flow->n)
        b = &s->flow->blocks[i + 1];
    if (!s->page_empty && b->kind == TS_TABLE && span)
        top += 8;
    else if (!s->page_empty && b->kind == TS_PARA && b->style)
        top += b->style->space_before;
    else if (!s->page_empty && b->kind == TS_FIGURE && i > 0 && s->flow->blocks[i - 1].kind == TS_SPACE)
        top += s->flow->blocks[i - 1].amount; /* the space asked for over a figure, as a paragraph's */
    close_band(s);
    set_band(s, top, span);
    if (s->band_span == 0) {
        band_begins(s, i, 0);
        place_floats(s);
    }
}

/* ---- areas ---- */

static const struct ts_area *find_area(const struct ts_master *m, const char *name)
{
    for (int i = 0; name && i < m->nareas; i++)
        if (strcmp(m->areas[i].name, name) == 0)
            return &m->areas[i];
    return NULL;
}

/* Places the blocks up to the TS_AREA_END that closes area block i into the named area of
 * the page; returns the index after it. The flow's place on the page stays as it was. */
static size_t place_area(struct state *s, size_t i)
{
    const struct ts_block *b = &s->flow->blocks[i];
    size_t end = i + 1;
    while (end < s->flow->n && s->flow->blocks[end].kind != TS_AREA_END)
        end++;
    const struct ts_area *a = find_area(s->master, b->value);
    if (!a || s->in_area) {
        if (!s->trial)
            diag_warning(s->ctx, b->loc_path, b->loc_line,
                         "page master \"%s\" has no area \"%s\": what goes there follows the text",
                         s->master->name, b->value ? b->value : "");
        return i + 1;
    }
    /* the flow's frames, kept aside */
    struct dl_rect frames[MAX_COLUMNS];
    float band_bottom[MAX_COLUMNS];
    memcpy(frames, s->frames, sizeof frames);
    memcpy(band_bottom, s->band_bottom, sizeof band_bottom);
    int nframes = s->nframes, frame_index = s->frame, band_span = s->band_span;
    float y = s->y, band_top = s->band_top;
    bool frame_empty = s->frame_empty;
    const struct ts_block *last = s->last_in_frame;

    struct dl_rect r = area_rect(s, a);
    s->frames[0] = r;
    s->nframes = 1, s->frame = 0, s->band_span = 0;
    s->y = r.y, s->band_top = r.y, s->band_bottom[0] = r.y;
    s->frame_empty = true;
    s->in_area = true;
    s->area_overflowed = false;
    for (size_t j = i + 1; j < end;)
        j = place_block(s, j);
    s->filled += fmaxf(0, fminf(s->y, r.y + r.h) - r.y) * r.w;
    if (s->area_overflowed && !s->trial)
        diag_warning(s->ctx, b->loc_path, b->loc_line, "what goes into area \"%s\" (%.0f x %.0f pt) does not fit it",
                     a->name, r.w, r.h);
    s->in_area = false;

    memcpy(s->frames, frames, sizeof frames);
    memcpy(s->band_bottom, band_bottom, sizeof band_bottom);
    s->nframes = nframes, s->frame = frame_index, s->band_span = band_span;
    s->y = y, s->band_top = band_top;
    s->frame_empty = frame_empty;
    s->last_in_frame = last;
    return end < s->flow->n ? end + 1 : end;
}

/* ---- the blocks ---- */

/* The part of the page's text area that content covers so far. */
static float fill_so_far(struct state *s)
{
    const struct ts_page_info *pi = info(s);
    float used = s->filled, area = 0;
    for (int i = 0; i < s->nframes; i++)
        used += (s->band_bottom[i] - s->frames[i].y) * s->frames[i].w;
    for (int i = 0; i < pi->nframes; i++)
        area += pi->frames[i].w * pi->frames[i].h;
    return area > 0 ? used / area : 1;
}

/* Whether a soft page break (block i) lets the page go on: less than half of it used (or
 * the share the break names), a third free under what stands on it, and the room the
 * break says what follows needs; or, where it does not say, room there for every figure
 * of what follows up to the next page break (a map that would not fit goes with its text
 * to the next page, instead of leaving the text alone here) and for its text, unless the
 * page would then be filled less than its master asks. */

static bool page_goes_on(struct state *s, size_t i)
{
    const struct ts_page_info *pi = info(s);
    float bottom = pi->frames[0].y + pi->frames[0].h;
    float content = content_end(s), fill = fill_so_far(s);
    float most = s->flow->blocks[i].soft_fill > 0 ? s->flow->blocks[i].soft_fill : 0.5f;
    if (fill >= most || bottom - content < pi->frames[0].h / 3)
        return false;
    /* a page filled less than its master asks takes the next section's text, whatever
     * spills over; not a figure or table across the columns that would not fit */
    bool underfilled = fill < s->master->min_fill;
    float room = bottom - content - s->flow->blocks[i].amount;
    if (s->flow->blocks[i].needs > 0)
        return room >= s->flow->blocks[i].needs;
    /* a figure across the columns stands under the text and the figures before it: that
     * text's height, guessed from its length (half an em a character), counts too */
    int cols = pi->nframes > 0 ? pi->nframes : 1;
    float width = pi->frames[0].w, text = 0, page = pi->frames[0].h;
    for (size_t k = i + 1; k < s->flow->n && s->flow->blocks[k].kind != TS_PAGE_BREAK; k++) {
        const struct ts_block *b = &s->flow->blocks[k];
        bool across = columns_spanned(s, span_of(s, b)) != 0;
        if (b->kind == TS_PARA && b->style && width > 0) {
            float w = spanned_width(s, b, width);
            float lines = ceilf((float)b->text.utf8.len * 0.5f * b->style->size / w);
            float h = lines * b->style->leading + b->style->space_before + b->style->space_after;
            text += across ? h : h / (float)cols;
        }
        if (b->kind == TS_FIGURE && b->amount + (across ? text : 0) > room && (across || !underfilled))
            return false;
        float table = b->kind == TS_TABLE ? rows_height(s, b, 0, b->table->nrows, spanned_width(s, b, width)) : 0;
        if (b->kind == TS_TABLE && across && table + text > room)
            return false; /* a table across the columns would go on over the page */
        if (across && b->kind == TS_FIGURE)
            text += b->amount;
        else if (b->kind == TS_TABLE)
            text += across ? table : table / (float)cols;
    }
    /* a section that would fit on a page of its own is not begun where it would spill
     * over onto the next (a few lines of it alone at the top of a page) */
    if (!underfilled && text > room && text < page * 0.9f)
        return false;
    /* nor, on a page filled less than its master asks, where it would just not fit (the
     * guess is rough): its last lines would stand alone on the next page */
    if (underfilled && text > room * 0.9f && text < room * 1.05f && text < page * 0.9f)
        return false;
    return true;
}

static void page_break(struct state *s, size_t i)
{
    const struct ts_block *b = &s->flow->blocks[i];
    const struct ts_master *m = b->master ? s->lookup(s->ud, b->master) : s->asked;
    if (!m)
        m = s->asked;
    if (s->nfloats && s->band_span)
        set_band(s, band_content_bottom(s), 0); /* floats go in columns */
    place_floats(s);
    if (s->master->balance || b->even)
        balance(s, i);
    end_frame_checks(s);
    /* the new page's content begins after the break */
    s->resume_block = i + 1, s->resume_line = 0;
    s->want_span = 0;
    s->run_on_heading = 0;
    s->ran_on = false;
    const struct ts_master *on = b->run_on_in ? s->lookup(s->ud, b->run_on_in) : m;
    if (b->soft && on && goes_on_in(s, on) && !s->page_empty && !flows_in_areas(s) && page_goes_on(s, i)) {
        s->ran_on = true;
        float top = content_end(s) + b->amount;
        s->section_top = top;
        size_t j = i + 1;
        while (j < s->flow->n && s->flow->blocks[j].kind != TS_PARA && s->flow->blocks[j].kind != TS_PAGE_BREAK)
            j++;
        if (b->run_on_style && j < s->flow->n && s->flow->blocks[j].kind == TS_PARA && s->flow->blocks[j].role &&
            s->flow->blocks[j].role[0] == 'H')
            s->run_on_heading = j + 1, s->run_on_style = b->run_on_style;
        close_band(s);
        set_band(s, top, 0);
        band_begins(s, i + 1, 0);
        return;
    }
    if (!s->page_empty) {
        new_page(s, m);
    } else {
        s->asked = m;
        s->master = m->verso && s->page % 2 == 1 && s->lookup(s->ud, m->verso) ? s->lookup(s->ud, m->verso) : m;
        set_columns(s);
        set_band(s, m->margin_top, 0);
        band_begins(s, i + 1, 0);
    }
    if ((b->odd || m->recto) && s->page % 2 == 1) {
        /* a right-hand page is wanted: this one stays empty, or on its master of its own
         * shows what the break draws there, over the whole page */
        const struct ts_master *blank = b->blank_master ? s->lookup(s->ud, b->blank_master) : NULL;
        if (blank) {
            s->master = blank;
            set_columns(s);
        }
        if (blank && b->draw && !b->quire_end) {
            dl_artifact_begin(page(s), DL_ARTIFACT_LAYOUT);
            b->draw(b->draw_data, s->doc, page(s), (struct dl_rect){ 0, 0, s->width, s->height });
            dl_push(page(s), DL_TAG_END);
        }
        new_page(s, m);
    }
    while (b->quire_end && (s->page + 1) % 4 != 0) {
        /* left blank, so that the back cover is the quire's last page: with what the break
         * draws there (room for notes), as decoration over the text area */
        if (b->draw && info(s)->nframes > 0) {
            const struct dl_rect *first = &info(s)->frames[0], *last = &info(s)->frames[info(s)->nframes - 1];
            dl_artifact_begin(page(s), DL_ARTIFACT_LAYOUT);
            b->draw(b->draw_data, s->doc, page(s), (struct dl_rect){ first->x, first->y, last->x + last->w - first->x, first->h });
            dl_push(page(s), DL_TAG_END);
        }
        new_page(s, m);
    }
}

/* Places block i; returns the index of the next block to place (after a float that
 * waits, the block after it). */
/* Whether what follows from block i up to the next page break fits the page's columns
 * after this one, whole: then a group need not be split to leave no hole in this one (the
 * section ends on the page anyway). */
static bool rest_fits_next_columns(struct state *s, size_t i)
{
    if (s->in_area || s->band_span || flows_in_areas(s))
        return false;
    float room = 0;
    for (int k = s->frame + 1; k < s->nframes; k++)
        room += s->frames[k].h;
    float h = 0;
    for (size_t j = i; room > 0 && j < s->flow->n && s->flow->blocks[j].kind != TS_PAGE_BREAK; j++) {
        h += blocks_height(s, j, j + 1, frame(s)->w);
        if (h > room)
            return false;
    }
    return room > 0;
}

/* TS_SPACE i with spring: the rest of its group at the page's foot, where it ends the page,
 * goes across it (balancing columns cannot take the room) and fits under what stands; or,
 * where the space has an amount, that far under what stands at most. */
static void spring(struct state *s, size_t i)
{
    size_t end = group_end(s, i);
    if (s->page_empty || s->in_area || !s->group || (s->band_span == 0 && s->nframes > 1))
        return;
    float h = blocks_height(s, i + 1, end, frame(s)->w);
    const struct ts_block *first = &s->flow->blocks[i + 1];
    if (s->frame_empty && first->kind == TS_PARA) /* falls away at the band's top, as it will */
        h -= first->style->space_before;
    float most = s->flow->blocks[i].amount > 0 ? s->flow->blocks[i].amount : remaining(s);
    if (h <= remaining(s) && page_ends_with(s, end, h))
        s->y += fminf(remaining(s) - h, most);
}

static size_t place_block(struct state *s, size_t i)
{
    const struct ts_block *b = &s->flow->blocks[i];
    s->resume_block = i, s->resume_line = 0;
    int span = span_of(s, b);
    if (span != -2 && columns_spanned(s, span) != s->band_span)
        change_band(s, i, span);
    if (b->kind == TS_AREA_BEGIN)
        return place_area(s, i);
    size_t last;
    if ((b->kind == TS_GROUP_BEGIN || b->kind == TS_FIGURE) && float_waits(s, i, &last)) {
        s->floats[s->nfloats++] = (struct deferred){ i, last };
        return last + 1;
    }
    switch (b->kind) {
    case TS_PARA:
        place_para(s, i, 0);
        break;
    case TS_SPACE:
        if (b->behind && s->ran_on)
            break; /* what it levels is on pages that a section opens */
        if (b->spring) {
            spring(s, i);
            break;
        }
        if (!s->frame_empty) {
            /* the space that closes a group ends with the frame: the group does not go on in
             * the next one for it, with a continuation line over nothing */
            bool closes_group = i + 1 < s->flow->n && s->flow->blocks[i + 1].kind == TS_GROUP_END;
            if (b->amount > remaining(s) && !closes_group)
                next_frame(s);
            else
                s->y += fminf(b->amount, remaining(s));
        }
        break;
    case TS_RULE:
        place_rule(s, i);
        break;
    case TS_PAGE_BREAK:
        page_break(s, i);
        break;
    case TS_COLUMN_BREAK:
        if (!s->frame_empty)
            next_frame(s);
        break;
    case TS_GROUP_BEGIN: {
        float h = group_height(s, i, frame(s)->w), frame_h = info(s)->frames[0].h;
        /* a long group that says how it goes on (a card: "(vervolg)") may begin where a
         * sixth of the frame or more is left and go on in the next column, so that no
         * column ends in a hole a long card high; from the last column only to the facing
         * page (a tail overleaf on paper is not read as its card's end), and not there where
         * it stays within its page. One of less than a quarter of a column is read whole: its
         * column ends short instead */
        bool last_column = s->frame >= s->nframes - 1,
             facing_next = (s->page % 2 == 1 || b->overleaf) && !b->within_page;
        bool splits = b->value && h > frame_h / 4 && (!last_column || facing_next) &&
                      remaining(s) >= frame_h / 6 &&
                      (!s->trial || s->trial_splits);
        /* nor where the rest of the section fits the page's next columns whole (asked only
         * of a group that does not fit here) */
        if (may_move_on(s) && h <= frame_h && h > remaining(s) && (!splits || rest_fits_next_columns(s, i)))
            next_frame(s);
        s->group = b;
        s->group_placed = false;
        s->group_top = s->y;
        s->group_first = page(s)->nitems;
        if (b->role)
            dl_push(page(s), DL_TAG_BEGIN)->as.tag.role = b->role;
        break;
    }
    case TS_GROUP_END:
        group_panel(s);
        if (s->group && s->group->role)
            dl_push(page(s), DL_TAG_END);
        s->group = NULL;
        break;
    case TS_MARK: {
        /* a page names the section it begins with; one that goes on from a page before
         * gives way to one that begins in the page's upper half (that takes the most of it) */
        const struct ts_master *m = s->master;
        float middle = m->margin_top + (s->height - m->margin_top - m->margin_bottom) / 2;
        s->mark = b->value;
        if (!info(s)->mark || s->page_empty || (s->mark_inherited && s->y < middle)) {
            info(s)->mark = b->value;
            s->mark_inherited = false;
        }
        break;
    }
    case TS_TAG_BEGIN:
        if (may_move_on(s)) {
            float kept = kept_whole(s, i);
            if (kept > 0 && kept > remaining(s) + 0.01f)
                next_frame(s);
        }
        dl_push(page(s), DL_TAG_BEGIN)->as.tag.role = b->role;
        break;
    case TS_TAG_END:
        dl_push(page(s), DL_TAG_END);
        break;
    case TS_FIGURE:
        place_figure(s, i);
        break;
    case TS_TABLE:
        place_table(s, i, 0);
        break;
    case TS_AREA_BEGIN: /* placed above */
    case TS_AREA_END:
        break;
    }
    return i + 1;
}

int ts_flow_run(struct ts_engine *e, struct gka_ctx *ctx, struct ts_cache *cache, const struct ts_flow *f,
                float width, float height, const char *first_master, ts_master_lookup lookup,
                const void *ud, struct dl_document *doc, struct ts_result *result,
                const struct ts_page_sink *sink)
{
    memset(result, 0, sizeof *result);
    struct band_start *start = xcalloc(1, sizeof *start);
    struct state s = {
        .e = e, .ctx = ctx, .cache = cache, .flow = f, .doc = doc, .res = result, .sink = sink,
        .lookup = lookup, .ud = ud, .width = width, .height = height, .start = start,
    };
    const struct ts_master *m = lookup(ud, first_master);
    s.asked = m;
    if (!m) {
        diag_error(ctx, NULL, 0, "no page master \"%s\"", first_master);
        free(start);
        return -1;
    }
    new_page(&s, m);
    for (size_t i = 0; i < f->n;)
        i = place_block(&s, i);
    if (s.nfloats && s.band_span)
        set_band(&s, band_content_bottom(&s), 0);
    place_floats(&s);
    if (s.master->balance)
        balance(&s, f->n);
    page_done(&s);
    free(start);
    return 0;
}

void ts_result_release(struct ts_result *r)
{
    for (size_t i = 0; i < r->ndests; i++)
        free((char *)r->dest_names[i]);
    free(r->pages);
    free(r->dest_names);
    free(r->dest_pages);
    memset(r, 0, sizeof *r);
}

int ts_result_page(const struct ts_result *r, const char *dest)
{
    for (size_t i = 0; i < r->ndests; i++)
        if (strcmp(r->dest_names[i], dest) == 0)
            return r->dest_pages[i];
    return -1;
}
