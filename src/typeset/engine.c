/* engine.c: the typesetting engine's fonts (fontconfig with only the shipped font
 * files, Pango FT2 at 72 dpi so that one unit is one point) and hyphenation. */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <fontconfig/fontconfig.h>
#include <hyphen.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>

#include "typeset_private.h"

static int compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Adds each font file in dir, one by one: FcConfigAppFontAddDir would try to
 * write a cache, and complain on a machine where it cannot. */
static int add_font_files(struct gka_ctx *ctx, FcConfig *fc, const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        diag_error(ctx, dir, 0, "cannot read the fonts folder: %s", strerror(errno));
        return -1;
    }
    /* sorted, so that the fonts are registered in the same order everywhere */
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *ent;
    while ((ent = readdir(d))) {
        const char *dot = strrchr(ent->d_name, '.');
        if (dot && (strcasecmp(dot, ".ttf") == 0 || strcasecmp(dot, ".otf") == 0)) {
            xgrow(&names, &cap, n + 1, sizeof *names);
            names[n++] = xstrdup(ent->d_name);
        }
    }
    closedir(d);
    if (n)
        qsort(names, n, sizeof *names, compare_names);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        struct strbuf path;
        sb_init(&path);
        sb_printf(&path, "%s/%s", dir, names[i]);
        if (!FcConfigAppFontAddFile(fc, (const FcChar8 *)path.data)) {
            diag_error(ctx, path.data, 0, "not a font file fontconfig can read");
            rc = -1;
        }
        sb_release(&path);
        free(names[i]);
    }
    free(names);
    return rc;
}

struct ts_engine *ts_engine_new(struct gka_ctx *ctx, const char *fonts_dir, const char *hyphen_dict)
{
    FcConfig *fc = FcConfigCreate();
    if (!fc || add_font_files(ctx, fc, fonts_dir) != 0) {
        if (fc)
            FcConfigDestroy(fc);
        return NULL;
    }
    FcFontSet *set = FcConfigGetFonts(fc, FcSetApplication);
    if (!set || set->nfont == 0) {
        diag_error(ctx, fonts_dir, 0, "the fonts folder holds no font files");
        FcConfigDestroy(fc);
        return NULL;
    }
    HyphenDict *hyph = NULL;
    if (hyphen_dict) {
        FILE *f = fopen(hyphen_dict, "r");
        if (f) {
            fclose(f);
            hyph = hnj_hyphen_load(hyphen_dict);
        }
        if (!hyph) {
            diag_error(ctx, hyphen_dict, 0, "cannot load the hyphenation patterns");
            FcConfigDestroy(fc);
            return NULL;
        }
    }
    struct ts_engine *e = xcalloc(1, sizeof *e);
    arena_init(&e->arena);
    keymap_init(&e->shapes);
    keymap_init(&e->hyphenated);
    keymap_init(&e->exceptions);
    keymap_init(&e->metrics);
    e->fc = fc;
    e->hyph = hyph;
    e->fontmap = pango_ft2_font_map_new();
    pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(e->fontmap), 72, 72);
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(e->fontmap), fc);
    e->pango = pango_font_map_create_context(e->fontmap);
    pango_context_set_round_glyph_positions(e->pango, FALSE);
    pango_context_set_language(e->pango, pango_language_from_string("nl-NL"));
    return e;
}

void ts_engine_free(struct ts_engine *e)
{
    if (!e)
        return;
    g_object_unref(e->pango);
    /* Pango 1.50 sorts a fontset's fallback fonts on the font map's own fontconfig thread,
     * and that thread's last release of a pattern set edits the map's pattern table without
     * a lock: shut down while a sort is still pending, both threads edit it at once (seen as
     * a double free under AddressSanitizer). A sort of our few fonts takes well under a
     * millisecond; this pause lets any that is pending finish first. */
    g_usleep(20000);
    /* fonts keep their font map alive: shut it down so that it and the config go */
    pango_fc_font_map_shutdown(PANGO_FC_FONT_MAP(e->fontmap));
    g_object_unref(e->fontmap);
    FcConfigDestroy(e->fc);
    if (e->hyph)
        hnj_hyphen_free(e->hyph);
    free(e->missing);
    ts_shape_cache_release(&e->shapes);
    keymap_release(&e->hyphenated);
    keymap_release(&e->exceptions);
    keymap_release(&e->metrics);
    arena_release(&e->arena);
    free(e);
}

const char *ts_intern(struct ts_engine *e, const char *s)
{
    for (size_t i = 0; i < e->ninterned; i++)
        if (strcmp(e->interned[i], s) == 0)
            return e->interned[i];
    if (e->ninterned < sizeof e->interned / sizeof e->interned[0]) {
        e->interned[e->ninterned] = arena_strdup(&e->arena, s);
        return e->interned[e->ninterned++];
    }
    return arena_strdup(&e->arena, s);
}

bool ts_font_available(struct ts_engine *e, const char *family, int weight, bool italic,
                       const char **file)
{
    FcPattern *want = FcPatternCreate();
    FcPatternAddString(want, FC_FAMILY, (const FcChar8 *)family);
    FcPatternAddInteger(want, FC_WEIGHT, FcWeightFromOpenType(weight));
    FcPatternAddInteger(want, FC_SLANT, italic ? FC_SLANT_ITALIC : FC_SLANT_ROMAN);
    FcConfigSubstitute(e->fc, want, FcMatchPattern);
    FcDefaultSubstitute(want);
    FcResult result;
    FcPattern *got = FcFontMatch(e->fc, want, &result);
    bool ok = false;
    if (got) {
        FcChar8 *got_family = NULL, *got_file = NULL;
        int got_weight = 0, got_slant = 0;
        FcPatternGetString(got, FC_FAMILY, 0, &got_family);
        FcPatternGetString(got, FC_FILE, 0, &got_file);
        FcPatternGetInteger(got, FC_WEIGHT, 0, &got_weight);
        FcPatternGetInteger(got, FC_SLANT, 0, &got_slant);
        ok = got_family && strcasecmp((const char *)got_family, family) == 0 &&
             got_weight == FcWeightFromOpenType(weight) &&
             (got_slant != FC_SLANT_ROMAN) == italic;
        if (ok && file)
            *file = ts_intern(e, (const char *)got_file);
        FcPatternDestroy(got);
    }
    FcPatternDestroy(want);
    return ok;
}
