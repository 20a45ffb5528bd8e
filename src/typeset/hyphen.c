/* hyphen.c: inserts soft hyphens (U+00AD) where libhyphen's Dutch patterns allow a
 * break, or where the house style's list of exceptions says a word breaks. Pango then
 * breaks there and draws the hyphen, and text extraction keeps the word whole. The
 * patterns are ISO-8859-1, so a word outside Latin-1 is left alone. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib.h>

#include "typeset_private.h"

enum { MAX_WORD = 96 };

/* A token that looks like an address is never hyphenated. */
static bool looks_like_address(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] == '@' || s[i] == '/' || s[i] == '\\')
            return true;
        if (s[i] == '.' && i + 1 < len && g_ascii_isalpha(s[i + 1]))
            return true;
    }
    return false;
}

/* A token with a hyphen between two letters. */
static bool has_own_hyphen(const char *s, size_t len)
{
    for (size_t i = 1; i + 1 < len; i++)
        if (s[i] == '-' && g_ascii_isalnum(s[i - 1]) && g_unichar_isalpha(g_utf8_get_char(s + i + 1)))
            return true;
    return false;
}

/* Lower-cases w into Latin-1, one byte per character, with offsets[i] the byte of
 * character i in w. Returns the number of characters, or 0 when w cannot be hyphenated. */
static size_t to_latin1(const char *w, size_t len, char *latin, size_t *offsets)
{
    size_t n = 0;
    for (const char *p = w; p < w + len; p = g_utf8_next_char(p)) {
        gunichar c = g_unichar_tolower(g_utf8_get_char(p));
        if (c > 0xFF || n >= MAX_WORD)
            return 0;
        offsets[n] = (size_t)(p - w);
        latin[n++] = (char)c;
    }
    offsets[n] = len;
    latin[n] = '\0';
    return n;
}

/* ä, ë, ï, ö, ü in Latin-1 (lower case) */
static bool has_trema(unsigned char c)
{
    return c == 0xE4 || c == 0xEB || c == 0xEF || c == 0xF6 || c == 0xFC;
}

/* ---- the exceptions: words the patterns break wrongly, with their breaks ---- */

/* Whether line (without its end) is a word of letters with single hyphens between them. */
static bool exception_valid(const char *line)
{
    if (!g_utf8_validate(line, -1, NULL) || *line == '-' || *line == '\0')
        return false;
    bool after_hyphen = false;
    for (const char *p = line; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c == '-') {
            if (after_hyphen)
                return false;
            after_hyphen = true;
        } else if (g_unichar_isalpha(c)) {
            after_hyphen = false;
        } else {
            return false;
        }
    }
    return !after_hyphen;
}

int ts_engine_hyphen_exceptions(struct ts_engine *e, struct gka_ctx *ctx, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_error(ctx, path, 0, "cannot read the hyphenation exceptions");
        return -1;
    }
    int rc = 0;
    char *line = NULL;
    size_t cap = 0;
    long number = 0;
    while (getline(&line, &cap, f) >= 0) {
        number++;
        g_strstrip(line);
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (!exception_valid(line)) {
            diag_error(ctx, path, number, "\"%s\" is not a word with hyphens where it may break (expert-groep-le-den)",
                       line);
            rc = -1;
            continue;
        }
        char *lower = g_utf8_strdown(line, -1), *word = g_strdup(lower);
        char *w = word;
        for (const char *p = lower; *p; p++)
            if (*p != '-')
                *w++ = *p;
        *w = '\0';
        if (keymap_get(&e->exceptions, word, strlen(word))) {
            diag_error(ctx, path, number, "\"%s\" is listed before", line);
            rc = -1;
        } else {
            keymap_put(&e->exceptions, word, strlen(word), arena_strdup(&e->arena, lower));
        }
        g_free(word);
        g_free(lower);
    }
    free(line);
    fclose(f);
    return rc;
}

/* Appends w with soft hyphens where its exception (breaks, in lower case with hyphens)
 * allows, min_left and min_right characters from its ends. */
static void hyphenate_as_listed(const char *w, size_t len, const char *breaks, int min_left, int min_right,
                                struct strbuf *out)
{
    long n = g_utf8_strlen(w, (gssize)len), i = 0;
    const char *b = breaks;
    for (const char *p = w; p < w + len; p = g_utf8_next_char(p), i++) {
        const char *next = g_utf8_next_char(p);
        sb_append_len(out, p, (size_t)(next - p));
        b = g_utf8_next_char(b);
        if (*b == '-') {
            b++;
            if (i + 1 >= min_left && n - (i + 1) >= min_right && next < w + len)
                sb_append(out, "\xC2\xAD");
        }
    }
}

/* A word with its soft hyphens, as the cache keeps it. */
struct hyphenated {
    size_t len;
    char text[];
};

static void hyphenate_word_now(struct ts_engine *e, const struct ts_style *st, const char *w, size_t len,
                               struct strbuf *out)
{
    if (e->exceptions.count) {
        char *lower = g_utf8_strdown(w, (gssize)len);
        const char *breaks = keymap_get(&e->exceptions, lower, strlen(lower));
        /* a word whose lower case is as long is the word the exception spells */
        bool listed = breaks && strlen(lower) == len;
        g_free(lower);
        if (listed) {
            hyphenate_as_listed(w, len, breaks, st->hyphen_min_left, st->hyphen_min_right, out);
            return;
        }
    }
    char latin[MAX_WORD + 1], hyphens[MAX_WORD + 5];
    size_t offsets[MAX_WORD + 1];
    size_t n = to_latin1(w, len, latin, offsets);
    char **rep = NULL;
    int *pos = NULL, *cut = NULL;
    if (n == 0 || (int)n < st->hyphen_min_word ||
        hnj_hyphen_hyphenate3(e->hyph, latin, (int)n, hyphens, NULL, &rep, &pos, &cut,
                              st->hyphen_min_left, st->hyphen_min_right, st->hyphen_min_left,
                              st->hyphen_min_right) != 0)
        n = 0;
    size_t from = 0;
    for (size_t i = 0; i + 1 < n; i++) {
        /* non-standard breaks (a changed spelling at the break) are not taken, nor a break
         * beside a letter with a trema: before it Dutch would write it without the trema
         * ("financi-ele"), after it the reader stumbles ("geï-nitieerd"); "finan-ciële"
         * and "geïni-tieerd" are taken instead */
        if (!(hyphens[i] & 1) || (rep && rep[i]) || has_trema((unsigned char)latin[i + 1]) ||
            has_trema((unsigned char)latin[i]))
            continue;
        sb_append_len(out, w + from, offsets[i + 1] - from);
        sb_append(out, "\xC2\xAD");
        from = offsets[i + 1];
    }
    sb_append_len(out, w + from, len - from);
    if (rep) {
        for (size_t i = 0; i < n; i++)
            free(rep[i]);
        free(rep);
    }
    free(pos);
    free(cut);
}

/* Each word is hyphenated once per engine and style settings, and kept. */
static void hyphenate_word(struct ts_engine *e, const struct ts_style *st, const char *w, size_t len,
                           struct strbuf *out)
{
    const int settings[3] = { st->hyphen_min_word, st->hyphen_min_left, st->hyphen_min_right };
    char key[sizeof settings + MAX_WORD * 4];
    if (len > MAX_WORD * 4) {
        hyphenate_word_now(e, st, w, len, out);
        return;
    }
    memcpy(key, settings, sizeof settings);
    memcpy(key + sizeof settings, w, len);
    size_t klen = sizeof settings + len;
    struct hyphenated *h = keymap_get(&e->hyphenated, key, klen);
    if (!h) {
        struct strbuf sb;
        sb_init(&sb);
        hyphenate_word_now(e, st, w, len, &sb);
        h = arena_alloc(&e->hyphenated.arena, sizeof *h + sb.len + 1);
        h->len = sb.len;
        memcpy(h->text, sb.data ? sb.data : "", sb.len);
        sb_release(&sb);
        keymap_put(&e->hyphenated, key, klen, h);
    }
    sb_append_len(out, h->text, h->len);
}

/* A capitalised word this long that begins a sentence is a compound written with a
 * capital ("Huiswerkbegeleidingsproject"), hyphenated like any other; a name is shorter. */
enum { MIN_CAPITALISED_CHARS = 12 };

/* Whether a word that comes after text[0, len) begins a sentence: text is empty, or ends
 * in ., ! or ? and white space. */
static bool sentence_ahead(const char *text, size_t len)
{
    if (len == 0)
        return true;
    if (text[len - 1] != ' ' && text[len - 1] != '\n' && text[len - 1] != '\t')
        return false;
    while (len > 0 && (text[len - 1] == ' ' || text[len - 1] == '\n' || text[len - 1] == '\t'))
        len--;
    return len > 0 && (text[len - 1] == '.' || text[len - 1] == '!' || text[len - 1] == '?');
}

void ts_hyphenate(struct ts_engine *e, const struct ts_style *st, const char *s, size_t len,
                  struct strbuf *out)
{
    if (!e->hyph || !st->hyphenate) {
        sb_append_len(out, s, len);
        return;
    }
    size_t i = 0;
    while (i < len) {
        /* white space passes through */
        if (s[i] == ' ' || s[i] == '\n' || s[i] == '\t') {
            sb_append_len(out, s + i, 1);
            i++;
            continue;
        }
        size_t tok_end = i;
        while (tok_end < len && s[tok_end] != ' ' && s[tok_end] != '\n' && s[tok_end] != '\t')
            tok_end++;
        bool sentence = sentence_ahead(out->data, out->len);
        /* a word written with a hyphen of its own ("sociaal-economische", "NT2-achtergrond")
         * breaks there and nowhere else: a second hyphen in it reads as a third word */
        if (looks_like_address(s + i, tok_end - i) || has_own_hyphen(s + i, tok_end - i)) {
            sb_append_len(out, s + i, tok_end - i);
            i = tok_end;
            continue;
        }
        /* within a token, runs of letters are words; the rest passes through */
        size_t tok_start = i;
        while (i < tok_end) {
            const char *p = s + i;
            if (!g_unichar_isalpha(g_utf8_get_char(p))) {
                const char *next = g_utf8_next_char(p);
                sb_append_len(out, p, (size_t)(next - p));
                i += (size_t)(next - p);
                continue;
            }
            size_t w = i;
            while (w < tok_end && g_unichar_isalpha(g_utf8_get_char(s + w)))
                w += (size_t)(g_utf8_next_char(s + w) - (s + w));
            /* names (a capital first) are left whole: Dutch patterns split Frisian
             * and foreign names badly ("Noar-deast"); but for a long compound that
             * begins a sentence */
            bool capital = g_unichar_isupper(g_utf8_get_char(s + i));
            bool compound = sentence && i == tok_start && g_utf8_strlen(s + i, (gssize)(w - i)) >= MIN_CAPITALISED_CHARS;
            if (capital && !compound)
                sb_append_len(out, s + i, w - i);
            else
                hyphenate_word(e, st, s + i, w - i, out);
            i = w;
        }
    }
}
