/* finish_private.h: what the files of the finishing module share. */
#ifndef GKA_FINISH_PRIVATE_H
#define GKA_FINISH_PRIVATE_H

#include <qpdf/qpdf-c.h>

#include "finish.h"

/* Makes the cairo backend's stand-ins for Artifacts (BCAIRO_ARTIFACT_TYPE) Artifacts of the
 * display list's kinds: out of the structure tree, and marked /Artifact in the content.
 * Returns 0, or -1 with the problem in ctx (a page whose content does not hold the
 * Artifacts its display list has). */
int fin_artifacts(struct gka_ctx *ctx, qpdf_data q, const struct dl_document *doc, const char *path);

#endif
