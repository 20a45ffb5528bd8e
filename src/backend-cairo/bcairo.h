/* bcairo.h: the cairo backends: the screen PDF (tagged, with links, destinations,
 * outline and page labels) and PNG previews. */
#ifndef GKA_BCAIRO_H
#define GKA_BCAIRO_H

#include "backend.h"

/* The structure type an Artifact is written as: cairo 1.16 knows no Artifacts and takes
 * structure types only. It marks a leaf's content with the type and an MCID; finishing
 * (fin_finish) makes each such element an Artifact of the display list's kind. */
#define BCAIRO_ARTIFACT_TYPE "Private"

/* A backend that appends the document as PDF to out (name: the file's name in
 * messages). The PDF is complete only after dl_replay returned 0. Free with
 * backend_free. */
struct backend *bcairo_new_pdf(struct gka_ctx *ctx, const char *name, struct strbuf *out);

/* A backend that writes each page as PNG at dpi: path_prefix-<n>.png (n from 1), and at
 * the end all pages side by side as spreads, path_prefix-overzicht.png; each file whole or
 * not at all. */
struct backend *bcairo_new_png(struct gka_ctx *ctx, const char *path_prefix, double dpi);

#endif
