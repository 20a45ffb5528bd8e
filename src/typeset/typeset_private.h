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
    struct keymap shapes;       /* every word shaped so far (text.c) */
    struct keymap hyphenated;   /* every word hyphenated so far, per style settings (hyphen.c) */
    struct keymap exceptions;   /* a word in lower case: where it breaks (hyphen.c) */
    struct keymap metrics;      /* the baseline of each font and size (text.c) */
    struct arena arena;
};

void ts_shape_cache_release(struct keymap *shapes);

/* A string that lives as long as the engine; equal strings share one copy. */
const char *ts_intern(struct ts_engine *e, const char *s);

/* s as the text engine sets it (quotes, numbers, dates: see text.c), appended to out: for
 * text that is not set, as a bookmark's title, to read as the heading it leads to; with
 * plain spaces where the set text holds no-break ones. */
void ts_typographic(struct strbuf *out, const char *s);

/* Appends s to out, the paragraph's text so far, with U+00AD inserted where Dutch words
 * may break, following the style's minimum word and fragment lengths. */
void ts_hyphenate(struct ts_engine *e, const struct ts_style *style, const char *s, size_t len,
                  struct strbuf *out);

#endif
