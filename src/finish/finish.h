/* finish.h: what cairo 1.16 cannot write, added to its PDF with libqpdf: /Lang, XMP
 * metadata, viewer preferences, dates with their D: prefix, link descriptions, /Tabs,
 * alt text on figures, destinations in links to other files, and a deterministic /ID. */
#ifndef GKA_FINISH_H
#define GKA_FINISH_H

#include "dl.h"
#include "gka.h"

/* Reads the PDF at in (as the cairo backend wrote doc), writes the finished file to out.
 * Returns 0, or -1 with the problem in ctx. */
int fin_finish(struct gka_ctx *ctx, const char *in, const char *out, const struct dl_document *doc);

/* Reads the print edition as the libharu backend wrote doc and writes it finished to
 * out: TrimBox and BleedBox on every page, Unicode maps readers accept, metadata, page
 * labels and a deterministic /ID. Returns 0, or -1 with the problem in ctx. */
int fin_finish_print(struct gka_ctx *ctx, const char *in, const char *out, const struct dl_document *doc);

#endif
