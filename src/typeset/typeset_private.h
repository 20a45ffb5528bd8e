/* typeset_private.h: what the typeset module's own files share. */
#ifndef GKA_TYPESET_PRIVATE_H
#define GKA_TYPESET_PRIVATE_H

#include <fontconfig/fontconfig.h>
#include <hyphen.h>
#include <pango/pango.h>

#include "typeset.h"

struct ts_engine {
    FcConfig *fc;
    PangoFontMap *fontmap;
    PangoContext *pango;
    HyphenDict *hyph;
    const char *interned[64];   /* font file paths, shared by every run */
    size_t ninterned;
    /* the characters no font has that were reported, and whether with a file and line */
    struct { uint32_t c; bool located; } *missing;
    size_t nmissing, missing_cap;
    struct ts_shape_cache *shapes;  /* every word shaped so far (text.c) */
    struct arena arena;
};

struct ts_shape_cache;
void ts_shape_cache_free(struct ts_shape_cache *c);

/* A string that lives as long as the engine; equal strings share one copy. */
const char *ts_intern(struct ts_engine *e, const char *s);

/* Appends s to out with U+00AD inserted where Dutch words may break, following the
 * style's minimum word and fragment lengths. */
void ts_hyphenate(struct ts_engine *e, const struct ts_style *style, const char *s, size_t len,
                  struct strbuf *out);

#endif
