/* typeset.h: shaped, hyphenated, line-broken text (Pango, HarfBuzz, libhyphen) and
 * the flow of blocks into the frames of pages, writing a display list. Knows nothing
 * of PDF or of the data model: callers hand it styled text. */
#ifndef GKA_TYPESET_H
#define GKA_TYPESET_H

#include <stdbool.h>
#include <stddef.h>

#include "dl.h"
#include "gka.h"

/* ---- the engine: fonts and hyphenation, one per thread ---- */
struct ts_engine;

/* Registers every font file in fonts_dir as an application font (no system fonts are
 * ever used) and loads the hyphenation patterns. NULL with the problem in ctx. */
struct ts_engine *ts_engine_new(struct gka_ctx *ctx, const char *fonts_dir, const char *hyphen_dict);
/* Reads the words the patterns break wrongly from path: a word a line, a hyphen at each
 * place it may break ("expert-groep-le-den"), # a comment; such a word breaks there only
 * (a word without hyphens never breaks). Each bad line is reported with its number.
 * Returns 0 or -1. */
int ts_engine_hyphen_exceptions(struct ts_engine *e, struct gka_ctx *ctx, const char *path);
void ts_engine_free(struct ts_engine *e);

/* Whether family/weight/italic is one of the registered fonts; sets *file to its path
 * (borrowed from the engine). */
bool ts_font_available(struct ts_engine *e, const char *family, int weight, bool italic,
                       const char **file);

/* ---- styles ---- */
enum ts_align { TS_LEFT, TS_RIGHT, TS_CENTER, TS_JUSTIFY };

enum { TS_DEFAULT_TOLERANCE = 200 }; /* TeX's */

/* How many columns of a multi-column page a block spans: 0 or 1, its column; n, the
 * first n; TS_SPAN_ALL, all. Above a spanning block the columns are balanced, and below
 * it they begin again. */
enum { TS_SPAN_ALL = -1 };

struct ts_style {
    const char *name;
    const char *family;
    int weight;                 /* 100..900 */
    bool italic, uppercase;
    float size, leading;        /* pt */
    float letter_spacing;       /* pt */
    struct dl_colour colour;
    float space_before, space_after;
    float indent;               /* left indent of every line, pt */
    float hanging;              /* further indent of every line but the first, pt */
    float measure;              /* the longest line, pt, however wide the frame; 0: the frame's */
    enum ts_align align;
    bool hyphenate;
    int hyphen_min_word, hyphen_min_left, hyphen_min_right;
    int tolerance;              /* the worst badness (0..10000) line breaking takes before its
                                   emergency pass; 0: TS_DEFAULT_TOLERANCE */
    bool keep_with_next, keep_together;
    int whole_up_to;            /* a paragraph of up to this many lines stands whole in a
                                   frame (0: three, a list item five) */
    int split_lines;            /* a paragraph broken over two frames leaves at least this
                                   many lines on either side (0: two) */
    bool balance_lines;         /* left-aligned lines as even as they come (headings) */
    int span;                   /* columns spanned (see TS_SPAN_ALL) */
};

/* ---- styled text ---- */
/* TS_LABEL: a list item's label (its bullet or number), tagged Lbl; the rest of the item is
 * then its LBody */
enum { TS_ITALIC = 1, TS_BOLD = 2, TS_UNDERLINE = 4, TS_LABEL = 8 };

struct ts_link {
    const char *uri, *dest, *file, *file_dest, *description;
};

struct ts_span {
    size_t start, end;          /* byte range in ts_text.utf8 */
    unsigned flags;
    const struct dl_colour *colour;  /* NULL: the paragraph's */
    struct ts_link link;        /* all NULL: not a link */
    const char *lang;           /* its language when it is not the document's ("en"), or NULL */
};

struct ts_text {
    struct strbuf utf8;
    struct ts_span *spans;
    size_t nspans, cap;
};

void ts_text_init(struct ts_text *t);
void ts_text_release(struct ts_text *t);
/* The Dutch name of month 1..12 ("oktober"); the month a word names, 1..12, or 0. */
const char *ts_month_name(int month);
int ts_month_of(const char *word, size_t len);
/* Names whose words are never parted at a line's end, wherever text holds them as whole
 * words ("Bergen op Zoom", "Den Haag"): their spaces are set as no-break spaces. Call it
 * before any text is added (it is read by every thread); again with n 0 to free the list. */
void ts_bind_names(const char *const *names, size_t n);

/* Appends text with the given flags and colour; link may be NULL. Pointers in colour
 * and link are borrowed until the paragraph is laid out and drawn. */
void ts_text_add(struct ts_text *t, const char *s, unsigned flags, const struct dl_colour *colour,
                 const struct ts_link *link);
/* The same for text in another language than the document's (lang: "en"; borrowed like
 * colour and link). */
void ts_text_add_lang(struct ts_text *t, const char *s, unsigned flags, const struct dl_colour *colour,
                      const struct ts_link *link, const char *lang);

/* ---- a laid-out paragraph ---- */
struct ts_para;

/* Shapes and breaks text into lines of width pt. A word too long for the line is
 * broken between characters, with a warning naming loc (path:line). Never fails.
 * Safe from several threads (each with its engine): shaping itself takes turns. */
struct ts_para *ts_para_layout(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style,
                               const struct ts_text *text, float width, const char *loc_path,
                               long loc_line);
void ts_para_free(struct ts_para *p);
/* Where a line of style has its baseline, below the line's top, pt. */
float ts_style_baseline(struct ts_engine *e, const struct ts_style *style);

/* A self-check of the shaping cache: shapes text in style once whole, as Pango's own
 * layout does, and once word by word as the line breaker does, and returns in how many
 * places the glyphs, advances or offsets differ (each written to out, if not NULL). */
int ts_check_word_shaping(struct ts_engine *e, const struct ts_style *style, const char *text, FILE *out);
size_t ts_para_nlines(const struct ts_para *p);
float ts_para_leading(const struct ts_para *p);
/* The width of line i's ink, pt. */
float ts_para_line_width(const struct ts_para *p, size_t i);
/* Whether line i ends inside a word, in a hyphen (soft or written). */
bool ts_para_line_hyphenated(const struct ts_para *p, size_t i);
/* Whether a word too long for a line had to be broken between letters. */
bool ts_para_broke_word(const struct ts_para *p);

/* Draws lines [from, to) with the top of line `from` at y, onto page of doc. */
void ts_para_draw(const struct ts_para *p, size_t from, size_t to, struct dl_document *doc,
                  struct dl_page *page, float x, float y);
/* The same for the text of a list item (inside its LI tag): its label (TS_LABEL) tagged Lbl,
 * the rest LBody. */
void ts_para_draw_item(const struct ts_para *p, size_t from, size_t to, struct dl_document *doc,
                       struct dl_page *page, float x, float y, bool list_item);
/* The height of all of p's lines, with gap pt between the paragraphs of its text (after
 * each paragraph separator); and all of them drawn so. */
float ts_para_height(const struct ts_para *p, float gap);
void ts_para_draw_spaced(const struct ts_para *p, struct dl_document *doc, struct dl_page *page, float x, float y,
                         float gap);

/* ---- flow: blocks into the frames of pages ---- */

/* A named area of a master's grid: columns and rows counted from 1. Text flows through the
 * areas marked flow, in their order; the others take what is placed in them by name. */
struct ts_area {
    const char *name;
    int column, columns, row, rows;
    bool flow;
};

enum { TS_MAX_AREAS = 12 };

/* A page master: margins (inside is the binding side) and columns; optionally a grid of
 * columns x rows over the text area with named areas. */
struct ts_master {
    const char *name;
    float margin_top, margin_bottom, margin_inside, margin_outside; /* pt */
    int columns;
    float gutter;
    int rows;                   /* the grid's rows (1 without areas) */
    float row_gap;
    struct ts_area areas[TS_MAX_AREAS];
    int nareas;
    bool header, footer;
    bool balance;               /* the last page of a section ends with its columns balanced */
    float min_fill;             /* a page whose text area is used less (0..1) is reported; 0: none */
    float baseline;             /* a baseline grid from the text area's top, pt (0: none): a
                                   paragraph whose leading is a multiple of it starts on it */
    bool recto;                 /* a page break to this master starts a right-hand page */
    bool single_sided;          /* inside margin on the left of every page (read one page at a
                                   time); false: mirrored on left-hand pages, as bound */
    const char *verso;          /* the master a left-hand page of this one takes instead, or NULL */
    const char *next;           /* the master the pages after one of this take (what goes on
                                   from an opening page), or NULL: this one */
};

enum ts_block_kind {
    TS_PARA,          /* a paragraph: style, text, role */
    TS_SPACE,         /* vertical space (amount), dropped at the top of a frame */
    TS_RULE,          /* a horizontal rule: amount = thickness, colour */
    TS_PAGE_BREAK,    /* continue on a new page with master (NULL: the same); odd: a right-hand page;
                         the section before it ends here (balanced when its master says so) */
    TS_COLUMN_BREAK,  /* continue in the next frame */
    TS_GROUP_BEGIN,   /* what follows up to TS_GROUP_END stays together when it fits a frame;
                         when it is split, the next frame starts with `continuation`; groups
                         do not nest */
    TS_GROUP_END,
    TS_MARK,          /* sets the running header's text from here on (value): a page's is the
                         one it begins with, unless that goes on from a page before and
                         another is set in its upper half */
    TS_TAG_BEGIN,     /* a structure element around the blocks that follow (role) */
    TS_TAG_END,
    TS_FIGURE,        /* a drawing of height amount across the frame: draw(draw_data, ...) inside
                         a Figure tag with alt text (no alt: decoration, untagged); kept whole */
    TS_TABLE,         /* a table (see ts_flow_add_table), split between rows, its header rows
                         repeated at the top of each frame it goes on in */
    TS_AREA_BEGIN,    /* what follows up to TS_AREA_END goes into the page's area `value` (of
                         its master's grid) instead of the flow; it does not move on to another
                         page, and what does not fit is reported */
    TS_AREA_END,
};

struct ts_table;

/* Draws a figure into area (page space, points) of page. */
typedef void (*ts_draw_fn)(const void *draw_data, struct dl_document *doc, struct dl_page *page,
                           struct dl_rect area);

struct ts_block {
    enum ts_block_kind kind;
    const struct ts_style *style;   /* TS_PARA; TS_GROUP_BEGIN: the continuation's style */
    struct ts_text text;            /* TS_PARA */
    const char *role;               /* TS_PARA (P, H1, LI, ...), TS_TAG_BEGIN */
    const char *dest;               /* a named destination at this block, or NULL */
    const char *outline;            /* a bookmark to this block, or NULL */
    int outline_level;              /* 0: top level */
    float amount;                   /* TS_SPACE, TS_RULE */
    const struct dl_colour *colour; /* TS_RULE */
    const char *master;             /* TS_PAGE_BREAK */
    bool odd;                       /* TS_PAGE_BREAK */
    const char *blank_master;       /* TS_PAGE_BREAK odd: the master of a page left blank
                                       before the new one (NULL: the new one's) */
    bool quire_end;                 /* TS_PAGE_BREAK: the new page ends a quire of four (a back
                                       cover, bound): blank pages before it as needed */
    bool soft;                      /* TS_PAGE_BREAK to the same master: the page goes on when less
                                       than half of it is used (or soft_fill) and a third is
                                       free; what follows begins amount below the section
                                       before, balanced */
    float soft_fill;                /* TS_PAGE_BREAK soft: the share of the page (0..1) under
                                       which it goes on; 0: a half */
    float needs;                    /* TS_PAGE_BREAK soft: the room (pt) what follows needs under
                                       what stands on the page for the page to go on, where
                                       it may go on over the page (an opener and the first of
                                       its cards); 0: all of it, guessed from its length */
    const char *run_on_in;          /* TS_PAGE_BREAK soft: the master a page may have to go on
                                       (NULL: master or the one that follows it) */
    const struct ts_style *run_on_style; /* TS_PAGE_BREAK soft: when the page goes on, the
                                       style of the heading that follows (a section under
                                       another one reads as the lesser), or NULL */
    const char *value;              /* TS_MARK; TS_GROUP_BEGIN: the continuation text */
    const char *loc_path;           /* the record this block shows, for warnings */
    long loc_line;
    ts_draw_fn draw;                /* TS_FIGURE; TS_PAGE_BREAK with quire_end: drawn on each
                                       page left blank before the new one (room for notes);
                                       odd, with blank_master: drawn over the whole page left
                                       blank before the new one (a chapter's picture facing
                                       its opener) */
    const void *draw_data;
    const char *alt;                /* TS_FIGURE: what the figure shows, in words */
    float aspect;                   /* TS_FIGURE: when > 0, its height is the width it gets times
                                       this (an image), and amount is not used */
    ts_draw_fn side_draw;           /* TS_PARA: a small figure (a portrait) at the left of its
                                       first lines, side_width x side_height, drawn as decoration;
                                       the style's indent leaves it room, and the paragraph is at
                                       least as tall */
    const void *side_data;
    float side_width, side_height;
    struct ts_table *table;         /* TS_TABLE */
    bool keep;                      /* TS_TAG_BEGIN: what it encloses (a short list) stays in one
                                       frame when it fits one */
    int span;                       /* TS_PARA (0: its style's), TS_FIGURE, TS_GROUP_BEGIN (all
                                       its blocks): the columns it spans, see TS_SPAN_ALL */
    bool continuation_on_new_page;  /* TS_GROUP_BEGIN: its continuation line only where it goes
                                       on on another page (in the next column of the same
                                       page the eye goes on by itself) */
    bool within_page;               /* TS_GROUP_BEGIN with a continuation: it goes on only in
                                       the next column of its page, never to the facing page
                                       (a document read one page at a time, on screen) */
    bool overleaf;                  /* TS_GROUP_BEGIN with a continuation: it may go on from a
                                       right-hand page to the next too (on screen, where the
                                       next page follows as a facing one does on paper) */
    bool floating;                  /* TS_FIGURE, TS_GROUP_BEGIN: when it does not fit where it
                                       comes, it goes to the top of the next column, and what
                                       follows it fills this one first */
    bool fill;                      /* TS_FIGURE: takes the rest of its frame, amount at least;
                                       left out where less than amount is left (room to write
                                       in, not worth a frame of its own) */
    bool level;                     /* TS_FIGURE with fill and no alt (decoration): begins level
                                       with the page's other such figures, at the lowest top
                                       among them, where that leaves it amount; the first
                                       drawn as itself, the others with level_on (when
                                       given) as its continuation: one figure across. Where
                                       the level leaves it less, it begins under its own
                                       text, as itself */
    const void *level_on;           /* TS_FIGURE level: draw's data for such a continuation */
    bool behind;                    /* TS_FIGURE without alt (decoration): drawn behind what its
                                       page shows already (a panel under the heading before it);
                                       left out, with its room, where the last page break let
                                       the page go on (that heading then runs on). TS_SPACE:
                                       left out there too (room that levels what follows with
                                       other pages a section opens) */
    bool reaches_up;                /* TS_FIGURE behind: drawn over the area from the top of its
                                       section (0, the page's top edge, where the section
                                       opened its page; its first line where it ran on under
                                       the section before) to its own bottom; kept where the
                                       page went on */
    bool even;                      /* a block of another span than the columns above it, or a
                                       page break: they end balanced however little they hold
                                       (else a few lines stay in the first column), a group
                                       alone in the first column going on in the next */
    float grow;                     /* TS_FIGURE across the page (or on a page of one column),
                                       when only the end of its section follows it on the
                                       page: it takes the room left under it, up to grow
                                       times its own height (0: as tall as it is) */
    const struct dl_colour *panel;  /* TS_GROUP_BEGIN: a fill behind the group in each column
                                       it stands in, from its top to its last block's foot
                                       (its blocks keep their distance from the edges) */
    bool spring;                    /* TS_SPACE first in a group across the page that ends the
                                       page: as much room as sets the rest of the group at the
                                       foot of the page (a closing quote), where it fits;
                                       with an amount, as much room up to it */
};

/* A list of blocks; strings given to blocks are copied. */
struct ts_flow;
struct ts_flow *ts_flow_new(void);
void ts_flow_free(struct ts_flow *f);
/* Appends a block of the kind and returns it to be filled in (valid until the next add). */
struct ts_block *ts_flow_add(struct ts_flow *f, enum ts_block_kind kind);
/* Copies s into the flow's memory. */
const char *ts_flow_strdup(struct ts_flow *f, const char *s);
/* style, kept with the next block: a copy in the flow's memory (style itself when it is
 * kept already). */
const struct ts_style *ts_flow_style_kept(struct ts_flow *f, const struct ts_style *style);

/* ---- tables ---- */

enum { TS_TABLE_MAX_COLUMNS = 12 };

/* Appends a TS_TABLE block with ncols columns (1..TS_TABLE_MAX_COLUMNS), column i taking
 * shares[i] of the frame's width (the shares are scaled to add up to it), over span
 * columns of the page (0: one; TS_SPAN_ALL: all). The flow owns the table. Tagged Table, THead (the header rows), TBody, TR, TH (Scope Column in a
 * header row, Row elsewhere) and TD. */
struct ts_table *ts_flow_add_table(struct ts_flow *f, int ncols, const float *shares, int span);
/* How it looks: padding inside each cell (pt); a fill behind the header rows, a rule of
 * rule_width under each row, a fill behind every second body row (each may be NULL). */
void ts_table_look(struct ts_table *t, float padding, const struct dl_colour *header_fill,
                   const struct dl_colour *rule, float rule_width, const struct dl_colour *stripe);
/* Sets the columns apart as panels: gutter between them, each on fill from top to bottom
 * with a bar of bar_height over it (bar may be NULL). Rules under rows stop at the gutters.
 * A row is as tall as its fullest cell, so that the entries side by side stand level. */
void ts_table_panels(struct ts_table *t, float gutter, const struct dl_colour *fill, const struct dl_colour *bar,
                     float bar_height);
/* Sets the paragraphs of a cell's text (after a "\n") gap pt apart, where a cell lists
 * entries that may take two lines each. */
void ts_table_paragraph_gap(struct ts_table *t, float gap);
/* Begins a row. Header rows come first: they are repeated at the top of every frame the
 * table goes on in. */
void ts_table_row(struct ts_table *t, bool header);
/* Adds a cell of colspan columns and rowspan rows to the row, in the next column that no
 * cell from a row above takes, its text in style: returns the text to fill in (valid until
 * the next cell is added). header: a TH (in a body row, a row header). */
struct ts_text *ts_table_cell(struct ts_table *t, const struct ts_style *style, bool header, int colspan,
                              int rowspan);

/* Paragraph layouts kept across flows, so that a second pass (with page numbers
 * filled in) lays out again only the paragraphs whose text changed. */
struct ts_cache;
struct ts_cache *ts_cache_new(void);
void ts_cache_free(struct ts_cache *c);

/* What the flow produced beyond the pages themselves. */
struct ts_page_info {
    const struct ts_master *master;
    const char *mark;               /* the running header's text on this page, or NULL */
    struct dl_rect frames[12];      /* the columns (or flow areas) of its text area, at full height */
    int nframes;
    float fill;                     /* the part of the text area its content covers, 0..1 */
};

struct ts_result {
    struct ts_page_info *pages;     /* one per page of the document */
    size_t npages;
    const char **dest_names;        /* named destinations and the page (0-based) of each */
    int *dest_pages;
    size_t ndests;
    /* self-checks: each should be 0. headings_at_frame_end counts what opens the content
     * after it (a heading kept with the next, a rule) left at the end of a frame. */
    int text_outside_frame, headings_at_frame_end, widows, orphans;
    int underfilled;                /* pages filled less than their master's min_fill */
};

typedef const struct ts_master *(*ts_master_lookup)(const void *ud, const char *name);

/* Told of each page as soon as the flow has left it, nothing more to be placed on it
 * (the last when the flow ends): page is its index in doc and in r->pages. */
struct ts_page_sink {
    void (*page_done)(void *ud, struct dl_document *doc, size_t page, const struct ts_result *r);
    void *ud;
};

/* Lays the blocks out on pages of width x height starting with master first_master,
 * appending pages to doc and telling sink (may be NULL) of each. Returns 0; the result
 * describes the pages. Content that can never fit is placed anyway and reported as a
 * warning naming its record. */
int ts_flow_run(struct ts_engine *e, struct gka_ctx *ctx, struct ts_cache *cache, const struct ts_flow *f,
                float width, float height, const char *first_master, ts_master_lookup lookup,
                const void *ud, struct dl_document *doc, struct ts_result *result,
                const struct ts_page_sink *sink);
void ts_result_release(struct ts_result *r);

/* The page (0-based) of a named destination, or -1. */
int ts_result_page(const struct ts_result *r, const char *dest);

#endif
