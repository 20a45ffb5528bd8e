/* bharu.h: the print backend (libharu): the display list as a CMYK PDF with bleed, slug
 * and crop marks, for the print shop. The same display list as the screen edition, so both
 * editions have exactly the same layout. */
#ifndef GKA_BHARU_H
#define GKA_BHARU_H

#include "backend.h"

struct img_cmyk_profile;

/* A backend that appends the document for print to out (name: its name in messages): each
 * page the trim size plus its bleed (3 mm unless the page says otherwise) and a slug of
 * 9 mm on every side, crop marks and a registration line in the slug; images converted to
 * the press's profile. A colour without a CMYK value is an error. The file is complete
 * only after dl_replay returned 0. */
struct backend *bharu_new_print(struct gka_ctx *ctx, const char *name, struct strbuf *out,
                                const struct img_cmyk_profile *profile);

#endif
