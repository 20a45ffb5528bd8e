/* finish.h: what cairo 1.16 cannot write, added to its PDF with libqpdf: /Lang, XMP
 * metadata, viewer preferences, dates with their D: prefix, link descriptions, /Tabs,
 * alt text on figures, destinations in links to other files, and a deterministic /ID. */
#ifndef GKA_FINISH_H
#define GKA_FINISH_H

#include "dl.h"
#include "gka.h"

/* Reads the PDF in raw (as the cairo backend made it from doc) and puts the finished file
 * at out, whole or not at all (gka_write_file). Returns 0, or -1 with the problem in ctx. */
int fin_finish(struct gka_ctx *ctx, const struct strbuf *raw, const char *out, const struct dl_document *doc);

struct img_cmyk_profile;

/* Reads the print edition as the libharu backend made it from doc and puts it finished
 * at out as PDF/X-4: TrimBox and BleedBox on every page, the press's profile as the
 * OutputIntent, the PDF/X identification in the info dictionary and the XMP, Unicode maps
 * readers accept, page labels and a deterministic /ID. Returns 0, or -1 with the problem
 * in ctx. */
int fin_finish_print(struct gka_ctx *ctx, const struct strbuf *raw, const char *out, const struct dl_document *doc,
                     const struct img_cmyk_profile *profile);

#endif
