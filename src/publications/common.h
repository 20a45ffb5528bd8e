/* common.h: what the publications share: rich text from the model into styled text,
 * running headers and footers, and writing the finished PDF (private to publications). */
#ifndef GKA_PUB_COMMON_H
#define GKA_PUB_COMMON_H

#include "dl.h"
#include "layouts.h"
#include "model.h"
#include "pub.h"
#include "typeset.h"

struct comp_map;
struct comp_outline;

/* printf into arena: the result lives as long as the arena. */
const char *pub_fmt(struct arena *arena, const char *format, ...) __attribute__((format(printf, 2, 3)));

/* An accent rule's thickness, pt. */
#define PUB_ACCENT_RULE 1.5f
/* A rule of PUB_ACCENT_RULE in colour, over a card or under a heading; returns it. */
struct ts_block *pub_accent_rule(struct ts_flow *f, const struct dl_colour *colour);
/* A block across the page with no height that draws nothing: the columns above it end
 * there, balanced, and begin again under it; returns it. */
struct ts_block *pub_band_end(struct ts_flow *f);

/* The named destination of interventie iv's card in the bundel (the factsheets link to it
 * in that file). */
const char *pub_card_dest(struct arena *arena, const struct interventie *iv);

/* "12" when the previous pass placed dest, "00" (about as wide) before that. */
void pub_page_of(const struct ts_result *prev, const char *dest, char *buf, size_t size);
/* Sorts n labelled values, each with its colour, largest first (stably), as the eye reads a
 * chart of categories without an order of their own; what holds the rest ("Overige
 * interventies") last, whatever its size. */
void pub_sort_largest_first(size_t n, const char **labels, long *values, const struct dl_colour **colours);
/* Whether a category's label names the rest ("Overige …"). */
bool pub_is_rest(const char *label);
/* A contents entry at level (0, 1, 2): the page of dest in the previous pass first, two
 * figures wide so that the titles stand in line, then level + 1 em spaces, the title and
 * what follows it (suffix, or NULL: "(40)"), all one link; wrapped lines hang under the
 * title (style is copied, its hanging set from what stands before the title). */
void pub_contents_entry(struct ts_flow *f, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
                        const struct ts_style *style, const struct ts_style *numbers, int level,
                        const struct ts_result *prev, const char *dest, const char *title, const char *suffix,
                        const struct dl_colour *link_colour);

/* An entry of a contents or register: its page number in bold, padded with figure spaces
 * to `digits` figures, an em space per level, the title and the suffix, all one link;
 * wrapped lines hang under the title. The numbers end where those of style `numbers` (the
 * first level's) do, whatever this entry's size; NULL: this style's. Returns its
 * paragraph, for another role. */
struct ts_block *pub_numbered_entry(struct ts_flow *f, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
                                    const struct ts_style *style, const struct ts_style *numbers, int level,
                                    const char *page, int digits, const struct ts_link *link, const char *title,
                                    const char *suffix, const struct dl_colour *link_colour);

/* A thema's colour: its RGB, and its CMYK when the data gives one. */
struct dl_colour pub_thema_colour(const struct thema *t);

/* A number as Dutch text: 1.234 */
void pub_number(char *buf, size_t size, long value);
/* The n values as pub_number writes them, in arena. */
/* How many thema's an agenda's interventies are in. */
size_t pub_agenda_themas(const struct model *m, const struct agenda *a);
const char **pub_numbers(struct arena *arena, size_t n, const long *values);

/* A date of the data ("2022-10-01") as Dutch text: "1 oktober 2022"; the text as it is when
 * it is no such date. */
void pub_date(char *buf, size_t size, const char *iso);

/* Appends inline content (text, em, strong, a, br, getal) to t. */
void pub_inline(struct ts_text *t, const struct content *c, unsigned flags, const struct dl_colour *link_colour);

/* Appends block content (p, h, ul, ol) as paragraphs: p in body, h in heading, list items in list. */
void pub_blocks(struct ts_flow *f, const struct content *c, const struct ts_style *body,
                const struct ts_style *heading, const struct ts_style *list,
                const struct dl_colour *link_colour);

/* Whether content c (an <afbeelding>) may float: zwevend="ja". */
bool pub_floating(const struct content *c);

/* Appends an image (an <afbeelding>) with its caption in caption's style, kept together:
 * a column wide or the page's, cut to its verhouding around its focus, floating when the
 * data says so; tagged as a Figure with its alt text, or as decoration without. Strings and
 * the image's description are kept in arena. */
void pub_image(struct ts_flow *f, struct arena *arena, const struct content *c, const struct ts_style *caption,
               const struct dl_colour *link_colour);

/* The blocks of c and those after it that are for this edition (pub_for_edition), all in
 * one style: a text set apart, as on a back cover. */
void pub_edition_blocks(struct ts_flow *f, const struct content *c, bool print, const struct ts_style *style,
                        const struct dl_colour *link_colour);

/* The width of a column of text on a page of master m. */
float pub_column_width(const struct lay_layout *l, const struct ts_master *m);

/* Whether the index'th page of a document is a right-hand one: every page of a
 * single-sided layout; of a facing one, the first and every other after it. Its text area
 * begins at the inside margin there, at the outside one on a left-hand page. */
bool pub_recto(const struct lay_layout *l, size_t index);

/* Room for notes over the text area (of master) of a page that would otherwise be blank:
 * one left so that the back cover falls on a left-hand page. The page is the index'th of
 * its document: a left-hand one (an odd index) of a facing layout has its margins mirrored,
 * as the text pages beside it. */
void pub_notes_page(struct dl_document *doc, struct dl_page *page, size_t index, struct ts_engine *e,
                    struct gka_ctx *ctx, const struct lay_layout *l, const char *master);

/* Makes the page break br end a quire (print, bound): the pages left blank before the back
 * cover offer room for notes. */
void pub_quire_end(struct ts_block *br, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
                   const struct lay_layout *l);

/* A back cover on master: the cover's field and wordmark (pub_cover), the publication's
 * title (H1, bookmarked "Colofon", destination "achterkant"), whose it is, the sentence
 * about, and whom to ask (the report's contact section, when the year has one). */
void pub_back_cover(struct ts_flow *f, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
                    const struct lay_layout *l, const struct model *m, const char *master, const char *title,
                    const char *about, const char *credit, bool print);

/* The characters of a block's text (a figure counted as a few). */
size_t pub_text_length(const struct content *c);

/* Appends one block (p, h, ul or ol); returns false, adding nothing, for anything else. */
bool pub_block(struct ts_flow *f, const struct content *c, const struct ts_style *body,
               const struct ts_style *heading, const struct ts_style *list,
               const struct dl_colour *link_colour);

/* For the print edition (print true): every colour of the layout and every thema's must
 * have a CMYK value; each one missing is reported at its file and line. Returns 0 or -1. */
int pub_require_print(struct gka_ctx *ctx, const struct model *m, const struct lay_layout *l,
                      const struct pub_options *o);

/* The layout file name (a file in the layouts folder, without .xml) with every style,
 * master and colour in the NULL-ended lists (colours may be NULL), and for the print
 * edition CMYK values for all colours; NULL with every problem in ctx. */
struct lay_layout *pub_load_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                   const char *name, const char *const *styles, const char *const *masters,
                                   const char *const *colours);

/* The outline of the Netherlands for maps, from the layouts folder (kaart/nederland.txt);
 * NULL with the problem in ctx. */
struct comp_outline *pub_load_outline(struct gka_ctx *ctx, const struct pub_options *o);

/* A text engine with the layout's fonts, hyphenation patterns and their exceptions; NULL
 * with the problem in ctx. */
struct ts_engine *pub_engine(struct gka_ctx *ctx, const struct lay_layout *l);
/* Who publishes the year's publications: the report's author, else the Ministry of
 * Education. */
const char *pub_publisher(const struct model *m);
/* Whether agenda a's name begins with gemeente g's (an alliance named after one of its
 * gemeenten, or a gemeente's own agenda): a register finds g under a's entry. */
bool pub_named_after(const struct agenda *a, const struct gemeente *g);
/* A name as a register sorts it: "’s-Hertogenbosch" under H. */
const char *pub_sort_name(const char *naam);
/* Adds a cover in the house style (comp_cover) over the whole page of master, with the
 * ministry's name beside its mark, and map on its field
 * when not NULL; its text then follows in the flow. */
void pub_cover(struct ts_flow *f, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
               const struct lay_layout *l, const char *master, const char *ministry, const struct comp_map *map);
/* The map a front cover carries: the Netherlands with every GKA-gemeente a white dot, no
 * names (decoration: the cover says it in words). */
struct comp_map *pub_cover_map(struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l,
                               const struct model *m, const struct comp_outline *outline, bool credit_on_back);
/* What the back cover says of the maps' sources, the cover's and the others' (NULL: they need
 * no credit). */
const char *pub_maps_credit(struct arena *arena, const struct comp_outline *outline);

/* What every publication's document gets last: creator, language and date in its
 * metadata; a warning in ctx for each page of file `name` filled less than its master
 * asks; and, when report is not NULL, its pages and the self-checks of the layout r and
 * of the display list. */
void pub_complete(struct gka_ctx *ctx, const char *name, struct dl_document *doc, long long date,
                  const struct ts_result *r, struct pub_report *report);

/* A publication's composer, called once per pass: appends its blocks to f, with the page
 * numbers of prev, the previous pass (NULL in the first). */
typedef void (*pub_compose_fn)(void *composer, struct ts_flow *f, const struct ts_result *prev);

/* Lays out what compose makes, again and again until every destination stays on its page
 * (at most six passes), so that contents and indexes print the pages they point at.
 * Returns the last pass's document, with its result in *result and the passes made in
 * *passes (those that found the pages). With final, those passes keep no drawing, and one
 * more pass hands each page to final as soon as it is final, so that a long document can
 * be written while it is laid out, a page at a time. */
struct dl_document *pub_layout_until_stable(struct ts_engine *e, struct gka_ctx *ctx, struct ts_cache *cache,
                                            const struct lay_layout *l, const char *first_master,
                                            pub_compose_fn compose, void *composer, struct ts_result *result,
                                            int *passes, const struct ts_page_sink *final);

/* Appends a paragraph of plain text and returns it, for more spans or a dest. */
struct ts_block *pub_para(struct ts_flow *f, const struct ts_style *style, const char *role, const char *text);

/* Draws the running header (left: left_text, right: the page's mark) and footer (page
 * number) on every page whose master has them, and labels the pages first_folio,
 * first_folio + 1, ... (1 for a document of its own; a factsheet's page in the combined
 * file, which its register names). */
void pub_running(struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l,
                 struct dl_document *doc, const struct ts_result *r, int first_folio, const char *left_text,
                 const char *footer_text);

/* pub_running for page i alone, numbered folio; its running header only where header (a
 * page of notes has its folio alone). */
void pub_running_page(struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l,
                      struct dl_document *doc, const struct ts_result *r, size_t i, int folio,
                      const char *left_text, const char *footer_text, bool header);

/* The master lookup for ts_flow_run over a layout. */
const struct ts_master *pub_master_lookup(const void *layout, const char *name);

/* Replays doc into a PDF, finishes it and puts it at path: the screen edition (cairo), or
 * with print (the press's profile) the print edition (libharu: CMYK, bleed, slug, crop
 * marks; PDF/X-4). With preview "png" also writes path-without-.pdf-<n>.png. Returns 0 or
 * -1; never leaves a half-written file. */
int pub_write(struct gka_ctx *ctx, const struct dl_document *doc, const char *path, const char *preview,
              const struct img_cmyk_profile *print);

/* How a link looks: on screen in the link colour (lay_colour "link"), underlined; in print
 * (NULL) as the text around it, since paper cannot be clicked. pub_link_flags gives the
 * flags for ts_text_add that go with the colour. */
const struct dl_colour *pub_link_colour(const struct lay_layout *l, const struct pub_options *o);
unsigned pub_link_flags(const struct dl_colour *link_colour);

/* For the print edition: blank pages at the end, or before the back cover (the last page)
 * when back_cover, until the page count is a multiple of 4, as a saddle-stitched or
 * folded binding needs; numbered on. Returns how many were added (at the end of doc's
 * pages, or before its last). */
size_t pub_pad_for_binding(struct dl_document *doc, bool back_cover);

/* A web address as a reader reads it: without its scheme ("https://", "mailto:"), a
 * leading "www." and a closing "/"; without its path too unless whole. In a. */
const char *pub_short_url(struct arena *a, const char *url, bool whole);

/* A web address spelled out whole, to be typeset: without scheme, "www.", query and
 * fragment (but a video's "?v=" id). In print a line may break after a slash, never after
 * one of its hyphens (which would read as a hyphenation); on screen it is left as it is,
 * for a reader who copies it (the hints are characters of the text). In a. */
const char *pub_address(struct arena *a, const char *url, bool print);

/* Whether content c is for the edition: an element with editie="scherm" is for the screen
 * edition alone ("Klik op ..."), editie="druk" for print alone. */
bool pub_for_edition(const struct content *c, bool print);

/* The print profile when o is for the print edition, else NULL: pub_write's print. */
const struct img_cmyk_profile *pub_print(const struct pub_options *o);

/* pub_write in steps, for a document written while it is laid out: each page as it
 * becomes final (in order), then finish, once the outline and metadata are complete. */
struct pub_writer;
struct pub_writer *pub_writer_new(struct gka_ctx *ctx, const char *path, const char *preview,
                                  const struct img_cmyk_profile *print);
/* Writes page of doc. */
void pub_writer_page(struct pub_writer *w, const struct dl_document *doc, size_t page);
/* Writes page of doc, checks its drawing (dl_check_drawing) and drops it. */
void pub_writer_stream_page(struct pub_writer *w, struct dl_document *doc, size_t page);
/* Finishes the file and puts it at its path; adds the dropped pages' drawing problems to
 * report (may be NULL). Returns 0 or -1. */
int pub_writer_finish(struct pub_writer *w, const struct dl_document *doc, struct pub_report *report);
void pub_writer_free(struct pub_writer *w);

/* The last pass's pages, as pub_layout_until_stable hands them on (pub_final_page, with a
 * struct pub_final_pages): the running header and footer drawn, then with a writer the
 * page written and dropped. */
struct pub_final_pages {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct lay_layout *l;
    const char *left_text, *footer_text;
    struct pub_writer *writer;      /* NULL: the pages stay in the document */
    const char *title;              /* the document's title and date, which the print edition's */
    long long date;                 /* slug names on each page as it is written */
    const char *notes_master;       /* a page left blank (before a chapter that opens on the
                                       right) gets room for notes on this master's text area;
                                       NULL: it stays blank */
};
void pub_final_page(void *ud, struct dl_document *doc, size_t page, const struct ts_result *r);

#endif
