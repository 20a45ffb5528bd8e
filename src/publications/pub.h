/* pub.h: the publications. Each walks the model and lays out its components as the
 * layout files say, through typeset, into a display list that becomes a finished PDF. */
#ifndef GKA_PUB_H
#define GKA_PUB_H

#include "gka.h"
#include "model.h"

/* How a layout went: the self-checks should all be 0. */
struct pub_report {
    int pages, passes;
    int text_outside_frame, headings_at_frame_end, widows, orphans, dl_problems;
    int underfilled;            /* pages filled less than their master asks (each a warning) */
    int low_contrast;           /* glyph runs standing out less than WCAG AA asks (each a warning) */
};

struct pub_options {
    const char *layouts_dir;
    const char *out_dir;        /* the files are written here */
    long long date;             /* creation date: SOURCE_DATE_EPOCH or the peildatum */
    const char *preview;        /* "png": also PNG pages next to the PDF */
    bool print;                 /* the print edition (CMYK, bleed, crop marks) instead of the screen's */
    const struct img_cmyk_profile *cmyk_profile; /* print: the press's (pub_load_cmyk_profile) */
    struct pub_report *report;  /* filled in when not NULL */
};

/* Writes out_dir/interventiebundel-<jaar>.pdf. Returns 0; 2 for bad layout files or
 * fonts (each problem in ctx as path:line); 1 when writing failed. No file is left half
 * written. */
int pub_bundel(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o);

/* Writes out_dir/factsheets/<agenda-id>.pdf for each selected agenda (ids: agenda or
 * gemeente ids). With none selected, all of them, out_dir/factsheets-<jaar>.pdf with all
 * of them, each starting on an odd page, and the factsheets of agenda's no longer in
 * the data removed; a selection leaves factsheets-<jaar>.pdf as it was. jobs: parallel workers; the bytes do not depend on it.
 * Returns 0; 2 for an unknown id (with the closest ids suggested) or bad layout files;
 * 1 when writing failed. */
int pub_factsheets(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                   const char *const *ids, size_t nids, int jobs);

/* Writes out_dir/voortgangsrapportage-<jaar>.pdf from rapport.xml and the model, with
 * layouts/voortgangsrapportage-<jaar>.xml when it exists, else voortgangsrapportage.xml.
 * Its map and links open out_dir/factsheets/ and the bundel as relative files. Returns 0;
 * 2 for a year without rapport.xml or bad layout files; 1 when writing failed. */
int pub_rapport(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o);

/* Whether the publication could be made: its layout files, the styles, masters and
 * colours it needs, CMYK values for the print edition, and for the report rapport.xml.
 * Writes nothing. Returns 0, or -1 with every problem in ctx. `gkapub check` runs them
 * all, and a build before it writes anything, so that both report the same. */
int pub_bundel_check(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o);
int pub_factsheets_check(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o);
int pub_rapport_check(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o);

struct dl_document;

/* The print edition's colour condition, from layouts_dir/kleur/FOGRA39L_coated.icc; NULL
 * with the problem in ctx. Free with img_cmyk_profile_free (images.h). */
struct img_cmyk_profile *pub_load_cmyk_profile(struct gka_ctx *ctx, const char *layouts_dir);

/* The report's display list without writing it (for tests); NULL with problems in ctx. */
struct dl_document *pub_rapport_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                       struct pub_report *report);

/* One factsheet's display list (for tests); NULL with problems in ctx. */
struct dl_document *pub_factsheet_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                         const struct agenda *a, struct pub_report *report);

/* The bundel's display list without writing it (for tests); NULL with problems in ctx.
 * The caller frees it with dl_free. */
struct dl_document *pub_bundel_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                      struct pub_report *report);

#endif
