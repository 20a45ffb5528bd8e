/* bcairo.h: the cairo backends: the screen PDF (tagged, with links, destinations,
 * outline and page labels) and PNG previews. */
#ifndef GKA_BCAIRO_H
#define GKA_BCAIRO_H

#include "backend.h"

/* A backend that appends the document as PDF to out (name: the file's name in
 * messages). The PDF is complete only after dl_replay returned 0. Free with
 * backend_free. */
struct backend *bcairo_new_pdf(struct gka_ctx *ctx, const char *name, struct strbuf *out);

/* A backend that writes each page as PNG at dpi: path_prefix-<n>.png (n from 1), each
 * file whole or not at all. */
struct backend *bcairo_new_png(struct gka_ctx *ctx, const char *path_prefix, double dpi);

#endif
