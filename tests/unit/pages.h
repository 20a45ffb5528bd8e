/* pages.h: reading a laid-out display list as a reader would (for the layout tests):
 * the text of a page, the page of a destination, whether a page shows some words, what
 * its figures say. */
#ifndef GKA_TEST_PAGES_H
#define GKA_TEST_PAGES_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "dl.h"
#include "gka.h"
#include "model.h"
#include "typeset.h"

/* The text of a page, soft hyphens left out, as one string (caller frees). */
static char *page_text(const struct dl_page *p)
{
    struct strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < p->nitems; i++) {
        const struct dl_item *it = &p->items[i];
        if (it->kind != DL_GLYPHS)
            continue;
        const char *s = it->as.glyphs.utf8;
        uint32_t n = it->as.glyphs.utf8_len;
        for (uint32_t k = 0; k < n; k++) {
            if ((unsigned char)s[k] == 0xC2 && k + 1 < n && (unsigned char)s[k + 1] == 0xAD) {
                k++;
                continue;
            }
            sb_append_len(&sb, s + k, 1);
        }
        /* a run that ends in a hyphen, or in the soft hyphen of a word hyphenated there,
         * ends a line broken inside a word: the word goes on */
        bool hyphen_end = n > 0 && (s[n - 1] == '-' || (n >= 2 && (unsigned char)s[n - 2] == 0xC2 &&
                                                        (unsigned char)s[n - 1] == 0xAD));
        if (!hyphen_end)
            sb_append(&sb, " ");
    }
    return sb_take(&sb);
}

/* The page (0-based) of a named destination, or -1. */
static int dest_page(const struct dl_document *doc, const char *name)
{
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].nitems; i++)
            if (doc->pages[p].items[i].kind == DL_DEST && strcmp(doc->pages[p].items[i].as.dest.name, name) == 0)
                return (int)p;
    return -1;
}

/* Text of the data as the engine sets it: typographic quotes, numbers grouped. */
static char *as_typeset(const char *s)
{
    struct ts_text t;
    ts_text_init(&t);
    ts_text_add(&t, s, 0, NULL, NULL);
    char *out = xstrdup(t.utf8.data ? t.utf8.data : "");
    ts_text_release(&t);
    return out;
}

/* Whether characters a and b are the same, an ASCII letter in either case. */
static bool same_letter(char a, char b)
{
    char la = (char)(a | 0x20);
    return a == b || (la >= 'a' && la <= 'z' && la == (char)(b | 0x20));
}

/* Where word w first stands in text, its letters in either case (a heading may be set in
 * capitals), or NULL. */
static const char *find_word(const char *text, const char *w)
{
    size_t n = strlen(w);
    for (const char *at = text; *at; at++) {
        size_t k = 0;
        while (k < n && at[k] && same_letter(at[k], w[k]))
            k++;
        if (k == n)
            return at;
    }
    return NULL;
}

/* Whether the words of want (text of the data) all appear, in order, in text (lines may
 * break). */
static bool shows(const char *text, const char *want)
{
    char *copy = as_typeset(want);
    const char *at = text;
    bool ok = true;
    for (char *w = strtok(copy, " "); w && ok; w = strtok(NULL, " ")) {
        const char *hit = find_word(at, w);
        ok = hit != NULL;
        if (hit)
            at = hit + strlen(w);
    }
    free(copy);
    return ok;
}

/* The alt texts of the document's figures, one a line (caller frees). */
static char *figure_alts(const struct dl_document *doc)
{
    struct strbuf sb;
    sb_init(&sb);
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].nitems; i++) {
            const struct dl_item *it = &doc->pages[p].items[i];
            if (it->kind == DL_TAG_BEGIN && it->as.tag.alt) {
                sb_append(&sb, it->as.tag.alt);
                sb_append(&sb, "\n");
            }
        }
    return sb_take(&sb);
}

/* The year in dir, loaded and checked against SCHEMA; its problems printed. */
static struct model *load_year(struct gka_ctx *ctx, const char *dir)
{
    xmlInitParser();
    gka_ctx_init(ctx);
    struct model *m = model_load(ctx, dir, SCHEMA);
    if (!m)
        diag_print(ctx, stderr);
    return m;
}

#endif
