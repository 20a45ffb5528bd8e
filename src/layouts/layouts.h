/* layouts.h: the layout files: the house style (fonts, colours, paragraph styles)
 * and a publication's page format, page masters and running header and footer. */
#ifndef GKA_LAYOUTS_H
#define GKA_LAYOUTS_H

#include "dl.h"
#include "gka.h"
#include "typeset.h"

struct lay_colour {
    const char *name;
    struct dl_colour colour;
    long line;                               /* where it is defined in the huisstijl */
};

struct lay_layout {
    const char *publication_path, *huisstijl_path;
    const char *fonts_dir, *hyphenation;     /* resolved paths */
    const char *hyphen_exceptions;           /* resolved path, or NULL: none */
    struct lay_colour *colours;
    size_t ncolours;
    struct ts_style *styles;
    long *style_lines;                       /* where each style is defined */
    size_t nstyles;
    float page_width, page_height;           /* pt */
    struct ts_master *masters;
    size_t nmasters;
    const struct ts_style *header_style, *footer_style;
    struct dl_colour rule_colour;
    float header_offset, footer_offset;      /* from the page edge to the baseline area */
    bool single_sided;                       /* running heads and folios in one place on every
                                                page, not mirrored on facing pages */
    struct arena arena;
};

/* Loads layouts_dir/<publication>.xml and the house style it names, validated against
 * layouts_dir/schema/layout.rng. NULL with every problem in ctx as path:line. */
struct lay_layout *lay_load(struct gka_ctx *ctx, const char *layouts_dir, const char *publication);
void lay_free(struct lay_layout *l);

/* Sets whether the pages face each other (bound, their margins and folios mirrored) or are
 * read one at a time (single-sided). */
void lay_set_facing(struct lay_layout *l, bool facing);

/* Lookups by name; NULL when absent. */
const struct ts_style *lay_style(const struct lay_layout *l, const char *name);
const struct dl_colour *lay_colour(const struct lay_layout *l, const char *name);
const struct ts_master *lay_master(const struct lay_layout *l, const char *name);

/* Checks that every name in styles (NULL-terminated) is a paragraph style and every
 * name in masters a page master, reporting each missing one against the layout files. */
int lay_require(struct gka_ctx *ctx, const struct lay_layout *l, const char *const *styles,
                const char *const *masters);

/* Checks that every style's font is one the engine has. */
int lay_check_fonts(struct gka_ctx *ctx, const struct lay_layout *l, struct ts_engine *e);

/* Checks that every colour has a CMYK value (the print edition's) of no more ink in all
 * than ink_limit (3.0: 300%), reporting each one that has not against the huisstijl.
 * Returns 0 or -1. */
int lay_require_cmyk(struct gka_ctx *ctx, const struct lay_layout *l, float ink_limit);

#endif
