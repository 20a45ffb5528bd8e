/* components.h: the parts publications compose their pages from. Each takes its data,
 * says how much room it needs at a given width, and draws itself into the display list
 * with its structure tags; none knows which publication it is in. */
#ifndef GKA_COMPONENTS_H
#define GKA_COMPONENTS_H

#include "dl.h"
#include "typeset.h"

/* ---- drawing for figures: shapes, text at a point, maps of the Netherlands, QR codes,
 * written straight into a display-list page ---- */

void draw_rect(struct dl_page *page, float x, float y, float w, float h,
               const struct dl_colour *fill);
/* A bar of a chart: a rectangle that carries meaning, a mark (dl_path.mark), on the colour
 * `on`. A fill that stands out less than 3:1 from it gets an outline of its own hue,
 * darkened until it does. */
void draw_bar(struct dl_page *page, float x, float y, float w, float h, const struct dl_colour *fill,
              const struct dl_colour *on);
/* A filled shape with straight sides through n corners, closed back to the first. */
void draw_polygon(struct dl_page *page, const struct dl_point *corners, size_t n, const struct dl_colour *fill);
/* A dot, a bubble or a legend's swatch: a mark. */
void draw_circle(struct dl_page *page, float cx, float cy, float r,
                 const struct dl_colour *fill, const struct dl_colour *stroke, float line_width);

/* Text in style, one line, with its top-left (or top-right for TS_RIGHT styles) at x, y in a box of width. */
size_t draw_text(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
               const struct ts_style *style, const char *text, float x, float y, float width);
/* The same with the bytes [from, to) of text in colour and underlined: a link's words in a
 * longer text, marked as the body's links are. */
size_t draw_text_part_coloured(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc,
                               struct dl_page *page, const struct ts_style *style, const char *text, size_t from,
                               size_t to, const struct dl_colour *colour, float x, float y, float width);
/* The same, wrapped at width, with gap pt between its paragraphs (after each "\n"). */
void draw_text_spaced(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
                      const struct ts_style *style, const char *text, float x, float y, float width, float gap);

/* A figure in style at x, y, after the word that qualifies it ("ruim") set small, on its
 * baseline (qualifier NULL: none); returns its lines. */
size_t draw_qualified(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
                      const struct ts_style *style, const struct ts_style *small, const char *qualifier,
                      const char *figure, float x, float y, float width);

/* The width of text on one line in style, pt. */
float draw_text_width(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style, const char *text);

/* The height text takes in style when it wraps at width, pt; and with gap pt between its
 * paragraphs (after each "\n"). */
float draw_text_height(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style, const char *text,
                       float width);
float draw_text_height_spaced(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *style,
                              const char *text, float width, float gap);

/* The Netherlands on a page, for maps of the GKA-gemeenten: fitted into an area (its
 * full height, centred across its width), a place given by latitude and longitude. */
struct nl_map {
    float x0, y0;               /* where the map's west and north edges lie */
    double scale;               /* points per degree of latitude */
};
struct nl_map nl_map_fit(struct dl_rect area);
/* The box the map shows (degrees); scripts/make-map-outline.py cuts the neighbours to it. */
#define NL_MAP_WEST 3.2
#define NL_MAP_EAST 7.33
#define NL_MAP_SOUTH 50.62
#define NL_MAP_NORTH 53.6
struct dl_point nl_map_point(const struct nl_map *map, double lat, double lon);
/* The map's height when it fills width. */
float nl_map_height(float width);

/* A QR code for text (error correction M) with its top-left at x, y, size pt square
 * including a quiet zone of four modules. Returns -1 when text cannot be encoded. */
int draw_qr(struct dl_page *page, const char *text, float x, float y, float size,
            const struct dl_colour *dark);



/* ---- charts: a series of labelled values as bars or bubbles ---- */

struct comp_chart {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *label, *value;   /* the labels', the values' */
    const struct dl_colour *axis, *paper;   /* bars: the zero line; what the chart stands on */
    const struct dl_colour *on_colour, *off_colour; /* a value inside its bubble, beside it */
    size_t n;
    const char **labels;
    const char **values;                    /* as printed */
    const long *amounts;
    const struct dl_colour **colours;
    long whole;                             /* bars: what a full bar stands for (the
                                               largest count among the charts read with
                                               it), so that they share a scale; the largest
                                               value when that is more */
    bool same_labels;                       /* bars: the charts read with it have the same
                                               labels, so that the track may begin after
                                               this chart's own (not after room for any) */
};

/* Horizontal bars, one row per value (taller where a label wraps): its height; draws a
 * struct comp_chart (ts_draw_fn). */
float comp_bars_height(const struct comp_chart *c);
void comp_bars_draw(const void *chart, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* One bar of the whole (a 100% stacked bar): the parts side by side in their colours,
 * each value inside its part where it fits, and a legend under it with each part's name,
 * value and share (whole percents that add up to 100): its height at width; draws a
 * struct comp_chart (ts_draw_fn). For a few parts of one whole, where the parts' sizes
 * against each other are the message, not their lengths against another chart's. */
float comp_stacked_height(const struct comp_chart *c, float width);
void comp_stacked_draw(const void *chart, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* Bubbles whose areas are to each other as the values, in a grid, each labelled: its
 * height at width; draws a struct comp_chart (ts_draw_fn). */
float comp_bubbles_height(float width, size_t n);
void comp_bubbles_draw(const void *chart, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* ---- key figures as tiles: a value large, its label under it ---- */

struct comp_tiles {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *value, *label;
    const struct dl_colour *fill, *accent;  /* the tile's, the bar at its left */
    size_t n;
    const char **values, **labels;
    const char **qualifiers;                /* a word over each value ("ruim"), small; NULL or
                                               an entry NULL: none */
    float gap;                              /* between tiles side by side (0: the tiles' own);
                                               rows stay the tiles' own distance apart */
    float tile_height;                      /* set by comp_tiles_measure */
};

/* The height the tiles take at width (each as tall as the longest label needs). */
float comp_tiles_measure(struct comp_tiles *t, float width);
/* Draws a struct comp_tiles, measured at area's width (ts_draw_fn). */
void comp_tiles_draw(const void *tiles, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* ---- a diagram of a few named parts: numbered cards side by side, steps with arrows
 * between them, or pillars carrying a roof and standing on a base ---- */

enum comp_diagram_form { COMP_DIAGRAM_CARDS, COMP_DIAGRAM_STEPS, COMP_DIAGRAM_PILLARS };

/* A line under a card's text: a page number and what begins there, linked to it. */
struct comp_diagram_entry {
    const char *page, *label;
    const char *dest, *uri;                 /* a named destination or a URL; both NULL: not
                                               linked (paper) */
    size_t link_from, link_to;              /* the link's words in label (bytes), where they
                                               are part of it; link_to 0: the whole label */
};

struct comp_diagram_part {
    const char *number, *title, *text;      /* each may be NULL */
    const char *dest, *uri;                 /* a link on the title: a named destination or a URL */
    const char *link_description;
    const char *figure, *figure_label;      /* cards: a key figure under the text, or NULL */
    const char *figure_qualifier;           /* a word over the figure ("ruim"), small, or NULL */
    const struct comp_image *icon;          /* pillars: a pictogram over the title, or NULL */
    const struct dl_colour *fill, *accent;  /* cards: colours of the card's own (its accent on
                                               its bar, number and rules), or NULL: the
                                               diagram's */
    const struct comp_diagram_entry *entries; /* cards: a list under the text (the sections of
                                               a line of work, with their pages; or facts,
                                               without, each under a rule), or NULL */
    size_t nentries;
};

struct comp_diagram {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    enum comp_diagram_form form;
    const struct ts_style *number, *title, *text;
    const struct ts_style *title_linked;    /* a title that is a link (NULL: as title) */
    const struct ts_style *entry, *entry_page; /* a card's entries: the label, the page number */
    const struct ts_style *inverse;         /* the roof's and the base's text, on dark */
    const struct ts_style *figure, *figure_label; /* a card's key figure and what it counts */
    const struct dl_colour *fill, *accent, *dark, *rule; /* rule: over a card's entries */
    const struct dl_colour *link;           /* an entry that links to the web (NULL: the
                                               entries' own colour) */
    const char *roof, *base;                /* pillars: what they carry and stand on, or NULL */
    float gap;                              /* cards and steps: between two side by side (0:
                                               the component's own) */
    float text_gap;                         /* cards: between the paragraphs of a part's text
                                               (after each "\n"), pt */
    size_t n;
    const struct comp_diagram_part *parts;
    float part_height, roof_height, base_height; /* pillars: set by comp_diagram_measure */
    bool rows_apart;                        /* cards: each row as tall as its own fullest
                                               card, its heads and figures level within it,
                                               and a last row of fewer cards as wide (not
                                               all rows as tall as the fullest card) */
    bool entries_at_foot;                   /* cards taller than their text (given room): the
                                               entries stand at the foot, the room between
                                               (and the key figures in its middle) */
};

/* The height the diagram takes at width: cards as tall as the fullest one (of their row,
 * rows_apart), as many side by side as are 110 pt wide or more, in as few rows as can be. */
float comp_diagram_measure(struct comp_diagram *d, float width);
/* Draws a struct comp_diagram, measured at area's width (ts_draw_fn). */
void comp_diagram_draw(const void *diagram, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* ---- a cover in the house style: a white band at the top with the ministry's mark, the
 * dark field below it to the page's edges, and the GKA's stacked wordmark at its foot.
 * The mark is a neutral stand-in for the Rijksoverheid logo (a ribbon hanging from the top
 * edge, the ministry's name beside it), to be replaced by the real file. ---- */

struct comp_map;

struct comp_cover {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *ministry, *wordmark; /* the name beside the ribbon; the wordmark's */
    const struct dl_colour *field, *accent;
    const char *ministry_name;
    float band;                             /* the white band's height, pt */
    float margin_left, margin_right, margin_bottom; /* where the wordmark stands */
    const struct comp_map *map;             /* a map drawn on the field beside the title (a
                                               landscape page) or under it, or NULL */
};

/* Draws a struct comp_cover over the whole page (ts_draw_fn; area is not used). */
void comp_cover_draw(const void *cover, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* The ministry's ribbon at the top of a page, in its middle, height tall in field's colour,
 * with its name (in style) beside it, as the ministry's mark stands: on a cover, and on a
 * factsheet's front. */
void comp_ribbon_draw(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
                      const struct ts_style *style, const struct dl_colour *field, const char *name, float height);

/* ---- room for notes: a label and ruled lines ---- */

struct comp_notes {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *label;
    const char *text;                       /* the label's; "": its bar and room without it
                                               (notes that go on from those beside), NULL:
                                               lines only */
    const struct dl_colour *accent, *rule;  /* the bar over the label; the lines */
    float line;                             /* the lines' distance, pt */
};

/* Draws a struct comp_notes into area (ts_draw_fn): the lines ruled up from its foot, the
 * bar and the label over the top one, so that two areas ending level have their lines
 * level, and their labels on the lines' grid. */
void comp_notes_draw(const void *notes, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* A panel of the house colour under an opening heading (a chapter's, a line of work's):
 * drawn as a figure after the heading, behind it (ts_block.behind), from top down to pad
 * under the heading; to the page's edge on a side where the heading stands at the margin
 * (a background on the edge goes into the bleed in print), pad beyond its column on the
 * other. */
struct comp_panel {
    const struct dl_colour *field;
    float top, pad;             /* pt from the page's top (0: its edge); pt round the text */
    float extra;                /* pt more under the heading: a series of panels ends level */
};

/* Draws a struct comp_panel (ts_draw_fn): area is where the heading ends. */
void comp_panel_draw(const void *panel, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* A few words set at the top left of an area, as decoration beside text that says the
 * same (an opener's number, large, at the left of its line's name): a ts_draw_fn. */
struct comp_words {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *style;
    const char *text;
};

void comp_words_draw(const void *words, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* ---- a timeline: the phases as bars over a year axis (overlapping ones in lanes of their
 * own, one that goes on with an arrow), the milestones as marks on the axis ---- */

struct comp_timeline {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *years, *name;    /* the axis's labels; the phases' names, on their fills */
    const struct dl_colour *fills;          /* one per phase; a phase's name on it in the
                                               names' colour, or in the axis's where that
                                               stands out less than 4.5:1 */
    const struct dl_colour *axis, *mark;
    const struct dl_colour *paper;          /* the page behind it; the marks' numbers */
    int first_year, last_year;              /* the axis, both included */
    size_t n;
    const char **names;
    const int *from, *to;                   /* years; to 0: it goes on */
    size_t nmarks;
    const float *marks;                     /* milestones in the order of time: a year and its
                                               fraction (2016.83), each numbered from 1 on its
                                               mark, as the list of them under it */
    const float *mark_ends;                 /* where each ends, the same for a moment; NULL:
                                               all are moments */
    const struct dl_colour *period;         /* a milestone's bar, from its start to its end */
    const struct dl_colour *guide;          /* a line down from the years to a milestone's
                                               mark, where it crosses no other (NULL: axis's) */
    const char **mark_labels;               /* what each is: each then has a row of its own
                                               under the axis, labelled; NULL: marks on the axis */
    float width;                            /* the width it is drawn at: its rows' heights */
};

/* The height the timeline takes (its lanes and its axis). */
float comp_timeline_height(const struct comp_timeline *t);
void comp_timeline_draw(const void *timeline, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* ---- a map of the Netherlands: places as dots (each may open a file), the names of some,
 * and a legend under it ---- */

struct comp_map_place {
    double lat, lon;
    float radius;
    const struct dl_colour *fill, *outline; /* outline may be NULL */
    float outline_width;
    const char *link_file, *link_description; /* a click opens this file; NULL: no link */
};

struct comp_map_label {
    const char *text;
    double lat, lon;
};

struct comp_map_legend {
    const struct dl_colour *colour;
    const char *text;
    const char *note;               /* what it means, beside it; or NULL */
};

/* The shapes of the countries on the map (layouts/kaart/nederland.txt, made from Natural
 * Earth by scripts/make-map-outline.py): rings of points, each of a country. */
struct comp_geo_point {
    double lon, lat;
};

struct comp_ring {
    char country[4];            /* "NL", a neighbour ("BE", "DE"), or a lake ("MR") */
    size_t n;
    struct comp_geo_point *pts;
};

struct comp_outline {
    struct comp_ring *rings;
    size_t nrings;
    char *credit;               /* what the map must say of its sources (a line "bron ..."), or NULL */
};

/* Reads an outline file: lines "ring CODE", each followed by its points "longitude
 * latitude", and at most one line "bron TEXT" that every map drawn from it shows. NULL
 * with each problem at its file and line in ctx. Free with comp_outline_free (NULL-safe). */
struct comp_outline *comp_outline_load(struct gka_ctx *ctx, const char *path);
void comp_outline_free(struct comp_outline *o);

struct comp_map {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *style;           /* the labels' and the legend's */
    const struct ts_style *credit;          /* the sources' line, under the map; or NULL: in
                                               style at 7 pt, in its lower left corner */
    bool credit_elsewhere;                  /* the sources are named elsewhere (a cover's, on
                                               the back cover): not on the map */
    const struct dl_colour *sea, *outline; /* behind the map (the sea); around the legend's dots */
    const struct comp_outline *shapes;      /* the countries, or NULL: the land colour only */
    const struct dl_colour *country, *neighbours; /* the Netherlands, the countries beside it */
    const struct dl_colour *coast, *border; /* the line around the Netherlands, around the
                                               others (each NULL: none) */
    const struct comp_map_place *places;    /* drawn in this order: the last on top */
    size_t nplaces;
    const struct comp_map_label *labels;    /* in order of importance: each placed where it */
    size_t nlabels, max_labels;             /* collides with no dot and no other name */
    const struct dl_colour *plate;          /* or, on a plate of this colour, with no labelled
                                               place's dot (a locator: the others stay the
                                               background); NULL: no plate */
    const struct comp_map_legend *legend;   /* an entry a row */
    size_t nlegend;
};

/* The height of the legend under a map of nlegend entries. */
float comp_map_legend_height(size_t nlegend);
/* Draws a struct comp_map: the map fills area less its legend (ts_draw_fn). */
void comp_map_draw(const void *map, struct dl_document *doc, struct dl_page *page, struct dl_rect area);
/* Draws the legend of a struct comp_map alone, at the top of area (ts_draw_fn): for a map
 * that stands apart from it. */
void comp_map_legend_draw(const void *map, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* ---- an image ---- */

struct comp_image {
    const char *path;               /* the file (checked when the data was loaded) */
    float px_width, px_height;      /* its own size, pixels */
    float aspect;                   /* height : width of the area; 0: the image's own */
    float focus_x, focus_y;         /* 0..1: the point kept in view when it is cut */
    bool fit;                       /* shown whole inside the area (placed by the focus point)
                                       instead of filling it */
    const struct dl_colour *backdrop; /* what it stands on (a panel), seen through its
                                       transparent parts; NULL: the paper */
};

/* Height : width of the area the image takes. */
float comp_image_aspect(const struct comp_image *im);

/* ---- a person's initials in a disc, where there is no portrait ---- */

struct comp_initials {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *style;   /* the letters' (centred in the disc) */
    const struct dl_colour *fill;
    char letters[16];               /* comp_initials_of */
};

/* The initials of a name: the first letters of its first and last words, the Dutch
 * tussenvoegsels ("van", "der", "de", ...) passed over: "Thierry van Vugt" gives "TV". */
void comp_initials_of(const char *name, char letters[16]);

/* Draws a struct comp_initials: a disc filling area's smaller side, the letters in it. */
void comp_initials_draw(const void *initials, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

/* Draws the image (a struct comp_image) into area, its proportions kept: filling it, the
 * rest cut off around its focus point, or with fit whole inside it. A ts_draw_fn. */
void comp_image_draw(const void *image, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

#endif
