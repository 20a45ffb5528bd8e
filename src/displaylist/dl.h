/* dl.h: the display list: pages of positioned items (glyph runs with their text,
 * paths, links, destinations, structure tags), the outline and the metadata.
 * Layout writes it; backends replay it. Units are points, origin top-left, y down.
 * No Pango, cairo or libharu type appears here. */
#ifndef GKA_DL_H
#define GKA_DL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gka.h"

struct dl_point { float x, y; };
struct dl_rect { float x, y, w, h; };

/* A colour for both editions: RGB for the screen, CMYK for print (0..1). */
struct dl_colour {
    float rgb[3];
    float cmyk[4];
    bool has_cmyk;
};

/* A font file, referenced by index from glyph runs. */
struct dl_font {
    const char *file;   /* absolute path of the font file */
    int face_index;
};

enum dl_kind {
    DL_GLYPHS,      /* a shaped run of text */
    DL_PATH,        /* a filled and/or stroked path */
    DL_IMAGE,       /* an image file (PNG, JPEG, SVG), cut to the item's bbox */
    DL_LINK_BEGIN,  /* what is drawn until DL_LINK_END is a link */
    DL_LINK_END,
    DL_DEST,        /* a named destination at the next drawn item */
    DL_TAG_BEGIN,   /* a structure element (P, H1, Figure, ...) */
    DL_TAG_END,
};

struct dl_glyphs {
    uint32_t font;              /* index in doc->fonts */
    float size;                 /* pt */
    struct dl_colour fill;
    uint32_t n;
    const uint32_t *gid;        /* glyph ids in the font */
    const struct dl_point *pos; /* each glyph's origin on the page */
    const char *utf8;           /* the text the glyphs show */
    uint32_t utf8_len;
    const uint32_t *cluster;    /* per glyph: byte offset in utf8 where its cluster starts */
};

enum dl_path_op { DL_MOVE, DL_LINE, DL_CURVE, DL_CLOSE };

struct dl_path {
    uint32_t nops;
    const uint8_t *ops;         /* enum dl_path_op */
    const struct dl_point *pts; /* 1 per MOVE/LINE, 3 per CURVE, 0 per CLOSE */
    bool fill, stroke;
    struct dl_colour fill_colour, stroke_colour;
    float line_width;
    bool mark;                  /* a shape that carries meaning (a bar, a dot, a bubble), which
                                   must stand out 3:1 (dl_check_contrast) */
};

struct dl_image {
    const char *path;           /* the file, checked when the data was loaded */
    struct dl_rect rect;        /* where the whole image is drawn, its proportions kept; the
                                   item's bbox is the part of it that shows */
    float px_width, px_height;  /* its size in pixels (an SVG's in CSS pixels) */
    struct dl_colour backdrop;  /* what shows through its transparent parts where print
                                   flattens them (on_backdrop; else white paper): the
                                   panel it stands on */
    bool on_backdrop;
};

struct dl_link {
    const char *uri;            /* an external URL or mailto:, or NULL */
    const char *dest;           /* a named destination in this document, or NULL */
    const char *file;           /* a relative file link (another publication), or NULL */
    const char *file_dest;      /* the destination inside that file, added in finishing */
    const char *description;    /* what the link does, for assistive technology */
    struct dl_rect area;        /* what it covers: given for a link that draws nothing (one
                                   taken out of a figure), else set when the page's drawing
                                   is dropped */
    bool area_known;
};

struct dl_dest {
    const char *name;
    float top;                  /* set when the page's drawing is dropped: the top of what follows */
    bool top_known;
};

/* What an Artifact is (ISO 32000-1, 14.8.2.2): drawn, but no part of the content: a rule,
 * a fill, a running header or footer, a table's header row repeated on a later page. */
enum dl_artifact {
    DL_ARTIFACT_LAYOUT,         /* /Layout: rules, fills, decoration */
    DL_ARTIFACT_HEADER,         /* /Pagination /Header: a running header, a repeated header row */
    DL_ARTIFACT_FOOTER,         /* /Pagination /Footer: a running footer, a page number */
    DL_ARTIFACT_BACKGROUND,     /* /Background: a page's background */
};

struct dl_tag {
    const char *role;           /* Document, H1..H3, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Figure,
                                   Link, Span; or Artifact (then artifact says which kind) */
    enum dl_artifact artifact;
    const char *alt;            /* alternative text (Figure), or NULL */
    const char *scope;          /* TH: "Column" or "Row"; else NULL */
    int colspan, rowspan;       /* TH, TD: the columns and rows the cell takes (0 or 1: one) */
    const char *lang;           /* Span: its language, when not the document's; else NULL */
};

struct dl_item {
    enum dl_kind kind;
    struct dl_rect bbox;        /* page space; empty for items that draw nothing */
    union {
        struct dl_glyphs glyphs;
        struct dl_path path;
        struct dl_image image;
        struct dl_link link;
        struct dl_dest dest;
        struct dl_tag tag;
    } as;
};

struct dl_page {
    float width, height;        /* the trim size, pt */
    float bleed;                /* pt added on each side in the print edition; 0: dl_page_bleed's 3 mm */
    const char *label;          /* the page label ("i", "3"), or NULL */
    struct dl_item *items;
    size_t nitems, cap;
    struct arena arena;         /* what the page's glyph runs and paths point to */
};

struct dl_outline_entry {
    const char *title;
    const char *dest;           /* named destination */
    int parent;                 /* index of the parent entry, -1 at top level */
    bool open;
};

struct dl_metadata {
    const char *title, *author, *subject, *keywords, *creator, *lang;
    long long date;             /* seconds since the epoch (creation = modification) */
};

struct dl_document {
    struct dl_metadata meta;
    struct dl_font *fonts;
    size_t nfonts, fonts_cap;
    struct dl_page *pages;
    size_t npages, pages_cap;
    struct dl_outline_entry *outline;
    size_t noutline, outline_cap;
    struct arena arena;         /* owns every string and array the items point to */
};

/* The bleed of a page in the print edition, pt: its own, else 3 mm. */
float dl_page_bleed(const struct dl_page *page);

/* A new empty document; free with dl_free. */
struct dl_document *dl_new(void);
void dl_free(struct dl_document *doc);

/* Copies into the document's arena; the result lives as long as the document. Links,
 * destinations, tags and labels keep their strings here. */
char *dl_strdup(struct dl_document *doc, const char *s);
void *dl_alloc(struct dl_document *doc, size_t size);

/* Memory for what a page draws (glyph arrays, their text, path points), which lives until
 * the page's drawing is dropped. */
void *dl_page_alloc(struct dl_page *page, size_t size);

/* Drops what a page draws once it is written (glyph runs and paths, and their memory),
 * keeping its links, destinations and tags, which finishing reads at the end; each
 * destination keeps the top of what followed it (dl_dest_top). A long document is then
 * held a page at a time. */
void dl_page_drop_drawing(struct dl_page *page);

/* The top of what follows destination item i of page (its first drawn item's), pt; 0 when
 * nothing follows. */
float dl_dest_top(const struct dl_page *page, size_t i);

/* The area of what link item i of page covers (the drawn items up to its end); empty when
 * it covers nothing drawn. */
struct dl_rect dl_link_area(const struct dl_page *page, size_t i);

/* Returns the index of the font (file, face), adding it when new. */
uint32_t dl_font(struct dl_document *doc, const char *file, int face_index);

/* Appends a page and returns it (valid until the next dl_add_page). */
struct dl_page *dl_add_page(struct dl_document *doc, float width, float height);

/* Appends an item to a page and returns it, zeroed but for kind. */
struct dl_item *dl_push(struct dl_page *page, enum dl_kind kind);

/* Moves the items from index `from` to the end of the page's list to index `to` (0: its
 * front), in their order: drawn before the items from `to` on, behind them (a panel drawn
 * once what stands on it has been placed). They must be whole structure elements or
 * artifacts; the items before `to` stay where they are. */
void dl_page_send_back(struct dl_page *page, size_t from, size_t to);

/* The structure elements open where a page's items are walked, page after page: what a
 * link drawn when the page is done (a page's navigation) would stand in. */
struct dl_open_tags {
    bool *grouping;             /* of each open element: whether it only groups others */
    size_t n, cap;
    size_t blocks;              /* how many of them do not */
};

/* Walks page's items (the next page of those walked with open), and returns the last index
 * at which only grouping elements (Document, Part, Art, Sect, Div) are open, not a
 * paragraph, a list or an artifact: where the page's navigation links go. The page's item
 * count where no such index is on it. */
size_t dl_page_outside_blocks(struct dl_open_tags *open, const struct dl_page *page);
void dl_open_tags_release(struct dl_open_tags *open);

/* Begins an Artifact of that kind on a page; it ends with a DL_TAG_END on the same page
 * and holds no structure element. */
void dl_artifact_begin(struct dl_page *page, enum dl_artifact kind);

/* Whether a tag is an Artifact. */
bool dl_is_artifact(const struct dl_tag *tag);

/* Appends a rectangle filled with fill to a page. */
void dl_fill_rect(struct dl_page *page, struct dl_rect r, const struct dl_colour *fill);

/* Returns the new entry's index. */
int dl_add_outline(struct dl_document *doc, const char *title, const char *dest, int parent);

/* Appends copies of src's pages and outline to dst (fonts mapped, strings and arrays
 * copied), so that src may be freed afterwards. */
void dl_append(struct dl_document *dst, const struct dl_document *src);

/* Checks the list's invariants: tags and links balanced per page, every internal link's
 * destination defined, every outline entry's destination defined, glyph runs inside the page.
 * Writes each problem to out (may be NULL) and returns how many there were. */
int dl_check(const struct dl_document *doc, FILE *out);

/* The checks of dl_check that need the page's drawing (text inside the page), for a page
 * whose drawing is then dropped; index is 0-based. */
int dl_check_drawing(const struct dl_page *page, size_t index, FILE *out);

/* ---- strings in PDF syntax ---- */

/* Appends s as the body of a PDF literal string (without its parentheses): '(', ')' and
 * '\' escaped, every byte outside printable ASCII as \ddd. A string that gkapub hands to
 * a library which writes it into the file as it is (cairo 1.16 does so with link URIs and
 * file names) goes through here; what finishing sets, qpdf writes escaped itself. */
void dl_pdf_escape(struct strbuf *sb, const char *s);

/* Whether s can name a destination without any escaping: letters, digits, '-', '_', '.'.
 * cairo 1.16 writes a name raw in the name tree but encoded where a link refers to it, so
 * only such names match in both places. */
bool dl_plain_name(const char *s);

/* The contrast ratio of two colours (WCAG 2.1: 1 to 21), from their RGB. */
float dl_contrast(const struct dl_colour *a, const struct dl_colour *b);

/* colour, darkened (in RGB and CMYK alike, in steps of 5%) until it stands out at least
 * `need`:1 from `against`, or as dark as 20 steps make it; then its inks given more black
 * where, shown without a colour profile, they still stand out less. */
struct dl_colour dl_darkened(struct dl_colour colour, const struct dl_colour *against, float need);

/* colour mixed with white paper by amount (0: as it is, 1: white); in CMYK its tint. */
struct dl_colour dl_lightened(struct dl_colour colour, float amount);

/* a mixed with b by amount (0: a, 1: b), in RGB and in CMYK (where both have it). */
struct dl_colour dl_mixed(struct dl_colour a, const struct dl_colour *b, float amount);

/* A CMYK colour's total area coverage, the sum of its inks: 3.0 is 300%. */
float dl_cmyk_ink(const struct dl_colour *c);

/* A self-check of a page's drawing against WCAG 2.1 AA: the glyph runs whose colour stands
 * out less than 4.5:1 (3:1 from 18 pt) from the fill under them, and the marks (paths that
 * carry meaning) whose fill and outline both stand out less than 3:1 (1.4.11). Under an item: the last filled path drawn before it that covers
 * its middle; white paper where none does; what stands over an image is not judged. Writes
 * each to out (may be NULL); returns how many there were. */
int dl_check_contrast(const struct dl_page *page, size_t index, FILE *out);

/* The structure check, fed a page at a time (pages may be dropped after): every drawn item
 * (text, path, image) stands in a structure element or an Artifact with no child element
 * of its own (cairo 1.16 marks the content of such elements only, so anything else would
 * be unreachable for assistive technology), and Artifacts begin and end on one page. */
struct dl_open_element {
    const char *role;
    bool drew, has_child, artifact;
};

struct dl_structure_check {
    struct dl_open_element open[64];
    int depth, overflow;        /* elements open; those beyond open[] */
};

void dl_structure_check_init(struct dl_structure_check *c);

/* Checks page (index 0-based) and writes each problem to out (may be NULL); returns how
 * many there were. */
int dl_structure_check_page(struct dl_structure_check *c, const struct dl_page *page, size_t index, FILE *out);

/* At the document's end: the elements still open, each a problem. */
int dl_structure_check_end(const struct dl_structure_check *c, FILE *out);

/* Writes the list as stable text, one item a line, for tests. */
void dl_dump(const struct dl_document *doc, FILE *out);

#endif
