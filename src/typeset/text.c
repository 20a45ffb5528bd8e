/* text.c: a paragraph of styled text shaped and broken into lines, kept as compact runs
 * of glyphs that every pagination pass reuses. Most paragraphs are shaped a word at a
 * time (each distinct word once, kept) and broken by total fit (knuth_plass.c); those the
 * word path does not handle (right to left, letter-spaced) are laid out by Pango itself,
 * a long one in windows so that no width overflows Pango's. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <pango/pangofc-font.h>

#include "knuth_plass.h"
#include "typeset_private.h"

/* ---- styled text ---- */

void ts_text_init(struct ts_text *t)
{
    memset(t, 0, sizeof *t);
    sb_init(&t->utf8);
}

void ts_text_release(struct ts_text *t)
{
    sb_release(&t->utf8);
    free(t->spans);
    memset(t, 0, sizeof *t);
}

void ts_text_add(struct ts_text *t, const char *s, unsigned flags, const struct dl_colour *colour,
                 const struct ts_link *link)
{
    ts_text_add_lang(t, s, flags, colour, link, NULL);
}

static bool is_alnum(unsigned char c)
{
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80;
}

static bool is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

/* Whether the digits s[0, n) stand alone as a number to group: four digits or more, not a
 * year (1900 to 2099), not led by 0, not part of a code, an address or a decimal ("8.1",
 * "GM0197", "taal-001", "06-1234"), after `prev` (0 at the start). */
static bool groupable(const char *s, size_t n, unsigned char prev)
{
    if (n < 4 || s[0] == '0' || (prev && (is_alnum(prev) || strchr(".,:/-_@#+&=", prev))))
        return false;
    unsigned char next = (unsigned char)s[n];
    if (is_alnum(next) || (next && strchr("/:-_@", next)) ||
        ((next == '.' || next == ',') && is_digit((unsigned char)s[n + 1])))
        return false;
    int value = n == 4 ? atoi(s) : 0;
    return !(n == 4 && value >= 1900 && value <= 2099);
}

static const char *const month_names[] = { "januari", "februari", "maart",     "april",   "mei",      "juni",
                                            "juli",    "augustus", "september", "oktober", "november", "december" };

const char *ts_month_name(int month)
{
    return month >= 1 && month <= 12 ? month_names[month - 1] : "";
}

int ts_month_of(const char *word, size_t len)
{
    for (int i = 0; i < 12; i++)
        if (strlen(month_names[i]) == len && strncmp(word, month_names[i], len) == 0)
            return i + 1;
    return 0;
}

/* Whether the space between the word that ends `before` (at `end`) and the one that begins
 * `after` holds a date together: "31 oktober", "oktober 2022". */
static bool in_date(const char *before, size_t end, const char *after)
{
    size_t b = end;
    while (b > 0 && is_alnum((unsigned char)before[b - 1]) && (unsigned char)before[b - 1] < 0x80)
        b--;
    size_t a = 0;
    while (is_alnum((unsigned char)after[a]) && (unsigned char)after[a] < 0x80)
        a++;
    bool day = end - b >= 1 && end - b <= 2 && is_digit((unsigned char)before[b]);
    bool year = a == 4 && is_digit((unsigned char)after[0]);
    return (day && ts_month_of(after, a)) || (year && ts_month_of(before + b, end - b));
}

/* Whether the word that ends at `end` of before names what the number after it counts
 * ("groep 1", "klas 3", "lijn 2") or ends a range with it ("tot en met 6"): the two stay
 * on one line. */
static bool numbered_word(const char *before, size_t end, const char *after)
{
    static const char *const words[] = { "groep", "groepen", "klas", "klassen", "leerjaar", "lijn", "niveau",
                                         "pagina", "fase", "nr.", "t/m" };
    if (!is_digit((unsigned char)after[0]))
        return false;
    size_t b = end;
    while (b > 0 && before[b - 1] != ' ' && before[b - 1] != '(' && before[b - 1] != '\n')
        b--;
    for (size_t i = 0; i < sizeof words / sizeof words[0]; i++)
        if (end - b == strlen(words[i]) && strncasecmp(before + b, words[i], end - b) == 0)
            return true;
    return b >= 7 && end - b == 3 && strncmp(before + b - 7, "tot en met", 10) == 0;
}

/* Where the word that ends at `end` of before begins: after a space, a line break or a
 * no-break space. */
static size_t word_start(const char *before, size_t end)
{
    size_t b = end;
    while (b > 0 && before[b - 1] != ' ' && before[b - 1] != '\n' && (unsigned char)before[b - 1] != 0xA0)
        b--;
    return b;
}

/* Whether after is a unit of measure ("km²") after a number or "per": it stays with it. */
static bool unit_after(const char *before, size_t end, const char *after)
{
    static const char *const units[] = { "km\xC2\xB2", "m\xC2\xB2", "km", "m" };
    size_t b = word_start(before, end);
    bool counted = end > b && (is_digit((unsigned char)before[end - 1]) || (end - b == 3 && strncmp(before + b, "per", 3) == 0));
    for (size_t i = 0; counted && i < sizeof units / sizeof units[0]; i++) {
        size_t n = strlen(units[i]);
        if (strncmp(after, units[i], n) == 0 && (after[n] == '\0' || strchr(" .,);:", after[n])))
            return true;
    }
    return false;
}

/* Whether after is an abbreviation in brackets ("(GKA)", "(NT2)"): it stays with the word
 * before it, never alone on a line; unless that word is bound to the one before it already
 * (a name kept whole), which with it would be too long a unit to break. */
static bool bracketed_abbreviation(const char *before, size_t end, const char *after)
{
    size_t b = word_start(before, end);
    if (after[0] != '(' || (b > 0 && (unsigned char)before[b - 1] == 0xA0))
        return false;
    size_t n = 1;
    while (n <= 7 && ((after[n] >= 'A' && after[n] <= 'Z') || is_digit((unsigned char)after[n])))
        n++;
    return n >= 3 && n <= 7 && after[n] == ')';
}

/* Names whose words stay on one line ("Bergen op Zoom"), set once before any text is
 * added and read by every thread after that. */
static struct {
    char **names;
    size_t n;
} bound_names;

void ts_bind_names(const char *const *names, size_t n)
{
    for (size_t i = 0; i < bound_names.n; i++)
        free(bound_names.names[i]);
    free(bound_names.names);
    bound_names.names = NULL;
    bound_names.n = 0;
    if (n == 0)
        return;
    bound_names.names = xcalloc(n, sizeof *bound_names.names);
    for (size_t i = 0; i < n; i++)
        if (names[i] && strchr(names[i], ' '))
            bound_names.names[bound_names.n++] = xstrdup(names[i]);
}

/* Whether the space at p (in s) stands inside a bound name written as a whole word. */
static bool in_bound_name(const char *s, const char *p)
{
    for (size_t i = 0; i < bound_names.n; i++) {
        const char *name = bound_names.names[i];
        size_t len = strlen(name);
        for (const char *space = strchr(name, ' '); space; space = strchr(space + 1, ' ')) {
            size_t k = (size_t)(space - name);
            if ((size_t)(p - s) < k)
                continue;
            const char *start = p - k;
            if (strncmp(start, name, len) == 0 && (start == s || !is_alnum((unsigned char)start[-1])) &&
                !is_alnum((unsigned char)start[len]))
                return true;
        }
    }
    return false;
}

/* Whether the hyphen at p stands in a range: between two years ("2014-2015"), four digits
 * written before it (out) and four after it, or between two small numbers ("groep 7-8",
 * "10-14"), of one or two digits each; neither part of a longer number, a date
 * ("2022-10-01"), a telephone number ("06-12345601") or an address. */
static bool in_range(const struct strbuf *out, const char *p)
{
    size_t n = out->len, before = 0, after = 0;
    while (before < n && before < 5 && is_digit((unsigned char)out->data[n - 1 - before]))
        before++;
    while (after < 5 && is_digit((unsigned char)p[1 + after]))
        after++;
    bool years = before == 4 && after == 4, small = before >= 1 && before <= 2 && after >= 1 && after <= 2;
    if (!years && !small)
        return false;
    unsigned char left = before < n ? (unsigned char)out->data[n - 1 - before] : ' ';
    unsigned char right = (unsigned char)p[1 + after], next = right ? (unsigned char)p[2 + after] : 0;
    if (left == '-' || left == '.' || left == ':' || left == '/' || (left < 0x80 && is_alnum(left)))
        return false;
    return !(right == '/' || ((right == '-' || right == '.' || right == ':') && is_digit(next)));
}

/* s as Dutch typesetting writes it, after the text before (its last byte `prev`): straight
 * quotes made typographic (’ for an apostrophe and in ’s, ’t, ’n, ’80; ‘ and “ opening,
 * ’ and ” closing; ’s, ’t and ’n held to the next word), numbers of four digits or more
 * grouped by thousands (1.600, 40.000),
 * years left alone, a range of years or small numbers with an en dash (2014–2015,
 * groep 7–8), and a date held
 * together by no-break spaces ("31 oktober 2022"), as is a number with the word that says
 * what it counts ("groep 1"), a bound name ("Bergen op Zoom") and an abbreviation in
 * brackets with the word before it ("Alliantie (GKA)"). */
static void typographic(struct strbuf *out, const char *s, unsigned char prev)
{
    for (const char *p = s; *p;) {
        unsigned char c = (unsigned char)*p;
        bool opening = !prev || prev == ' ' || prev == '\n' || prev == '(' || prev == '[' || prev == '-' ||
                       prev == 0xA0 /* a no-break space's last byte */;
        if (c == '\'') {
            unsigned char n1 = (unsigned char)p[1], n2 = n1 ? (unsigned char)p[2] : 0;
            bool elision = is_digit(n1) || ((n1 == 's' || n1 == 't' || n1 == 'n') && !is_alnum(n2));
            if (opening && elision && !is_digit(n1) && n2 == ' ' && is_alnum((unsigned char)p[3])) {
                /* ’s, ’t, ’n stay with the word they belong to: "’s middags" */
                sb_append(out, "\xE2\x80\x99");
                sb_append_len(out, p + 1, 1);
                sb_append(out, "\xC2\xA0");
                prev = 0xA0, p += 3;
                continue;
            }
            sb_append(out, opening && !elision ? "\xE2\x80\x98" : "\xE2\x80\x99");
            prev = opening && !elision ? '(' : ')', p++; /* what comes next sees an opening or a closing */
            continue;
        }
        if (c == '"') {
            sb_append(out, opening ? "\xE2\x80\x9C" : "\xE2\x80\x9D");
            prev = opening ? '(' : ')', p++;
            continue;
        }
        if (is_digit(c) && (!prev || !is_digit(prev))) {
            size_t n = 0;
            while (is_digit((unsigned char)p[n]))
                n++;
            if (groupable(p, n, prev)) {
                for (size_t i = 0; i < n; i++) {
                    if (i > 0 && (n - i) % 3 == 0)
                        sb_append(out, ".");
                    sb_append_len(out, p + i, 1);
                }
            } else {
                sb_append_len(out, p, n);
            }
            prev = (unsigned char)p[n - 1], p += n;
            continue;
        }
        if (c == '-' && in_range(out, p)) {
            sb_append(out, "\xE2\x80\x93");
            prev = '-', p++;
            continue;
        }
        if (c == ' ' && out->len && (in_date(out->data, out->len, p + 1) ||
                                     numbered_word(out->data, out->len, p + 1) || in_bound_name(s, p) ||
                                     bracketed_abbreviation(out->data, out->len, p + 1) ||
                                     unit_after(out->data, out->len, p + 1))) {
            sb_append(out, "\xC2\xA0");
            prev = 0xA0, p++;
            continue;
        }
        sb_append_len(out, p, 1);
        prev = c, p++;
    }
}

void ts_typographic(struct strbuf *out, const char *s)
{
    size_t start = out->len;
    typographic(out, s, 0);
    /* a line that never wraps (a bookmark) keeps plain spaces, which a search finds */
    size_t to = start;
    for (size_t from = start; from < out->len; from++) {
        if ((unsigned char)out->data[from] == 0xC2 && from + 1 < out->len && (unsigned char)out->data[from + 1] == 0xA0)
            out->data[to++] = ' ', from++;
        else
            out->data[to++] = out->data[from];
    }
    out->len = to;
    out->data[to] = '\0';
}

void ts_text_add_lang(struct ts_text *t, const char *s, unsigned flags, const struct dl_colour *colour,
                      const struct ts_link *link, const char *lang)
{
    if (!s || !*s)
        return;
    size_t start = t->utf8.len;
    if (link && link->uri) /* an address shows as it is */
        sb_append(&t->utf8, s);
    else
        typographic(&t->utf8, s, start ? (unsigned char)t->utf8.data[start - 1] : 0);
    struct ts_span *last = t->nspans ? &t->spans[t->nspans - 1] : NULL;
    static const struct ts_link no_link;
    if (!link)
        link = &no_link;
    if (last && last->flags == flags && last->colour == colour && last->lang == lang &&
        memcmp(&last->link, link, sizeof *link) == 0) {
        last->end = t->utf8.len;
        return;
    }
    xgrow(&t->spans, &t->cap, t->nspans + 1, sizeof *t->spans);
    struct ts_span *sp = &t->spans[t->nspans++];
    sp->start = start;
    sp->end = t->utf8.len;
    sp->flags = flags;
    sp->colour = colour;
    sp->link = *link;
    sp->lang = lang;
}

/* ---- the laid-out paragraph ---- */

/* Glyphs shaped in one font: their ids, offsets, advances and clusters (bytes from the
 * start of the text shaped), in Pango units. A word's are kept in the engine's cache; a
 * run that Pango's own layout shaped has its own, in the paragraph's arena. */
struct shaped {
    uint32_t n;
    PangoGlyph *gid;
    int *dx, *dy, *adv;
    uint32_t *cluster;
    int width;
    PangoFont *font;            /* a reference the cache holds; NULL in a paragraph's own */
};

/* The glyphs of gs as a struct shaped in one block of arena. */
static struct shaped *shaped_copy(struct arena *arena, const PangoGlyphString *gs)
{
    uint32_t n = (uint32_t)gs->num_glyphs;
    struct shaped *sh = arena_alloc(arena, sizeof *sh + (n + 1) * (sizeof *sh->gid + 4 * sizeof(int)));
    sh->n = n;
    sh->gid = (PangoGlyph *)(sh + 1);
    sh->dx = (int *)(sh->gid + n + 1);
    sh->dy = sh->dx + n + 1;
    sh->adv = sh->dy + n + 1;
    sh->cluster = (uint32_t *)(sh->adv + n + 1);
    for (uint32_t g = 0; g < n; g++) {
        sh->gid[g] = gs->glyphs[g].glyph;
        sh->dx[g] = gs->glyphs[g].geometry.x_offset;
        sh->dy[g] = gs->glyphs[g].geometry.y_offset;
        sh->adv[g] = gs->glyphs[g].geometry.width;
        sh->cluster[g] = (uint32_t)gs->log_clusters[g];
        sh->width += sh->adv[g];
    }
    return sh;
}

/* Words longer than this go to Pango's own layout (in windows): a piece counts their
 * glyphs in 16 bits. */
enum { MAX_WORD_BYTES = 8192 };

/* A stretch of a run: glyphs [g0, g1) of a shaped text that starts at byte `at` of the
 * paragraph's text. A line keeps only these, not glyphs or positions: they are made when
 * it is drawn, so that a laid-out paragraph takes a few bytes a word. */
struct ts_piece {
    const struct shaped *sh;
    uint32_t at;
    uint16_t g0, g1;            /* a word is at most MAX_WORD_BYTES long on this path */
};

struct ts_run {
    const char *font_file;      /* interned in the engine */
    int face_index;
    float size;
    const struct ts_span *span; /* in para->spans */
    uint32_t first_piece, npieces; /* in para->pieces */
    uint32_t at, len;           /* the bytes of the paragraph's text it shows, soft hyphens included */
};

struct ts_line {
    uint32_t first_run, nruns;  /* in para->runs */
    float x, width;             /* the line's left edge (alignment) and ink width */
    /* justified: each of the line's first `spaces` spaces (those before its last word) is
     * space_extra pt wider than shaped, and each letter letter_extra pt further from the
     * one before it (a little tracking, where the spaces alone would gape) */
    float space_extra, letter_extra;
    uint32_t spaces;
    bool hyphenated;            /* it ends inside a word, in a hyphen */
};

struct ts_para {
    const struct ts_style *style;
    struct arena arena;         /* the spans' link strings, and shaped runs of Pango's layout */
    char *text;                 /* with soft hyphens */
    size_t len;                 /* of text, bytes */
    struct ts_span *spans;
    size_t nspans;
    struct ts_line *lines;
    size_t nlines, lines_cap;
    struct ts_run *runs;
    size_t nruns, runs_cap;
    struct ts_piece *pieces;
    size_t npieces, pieces_cap;
    float leading, baseline;    /* baseline: from the line's top */
    float indent;
    bool broke_word;            /* a word too long for a line is broken between letters */
};

static struct ts_line *new_line(struct ts_para *p)
{
    xgrow(&p->lines, &p->lines_cap, p->nlines + 1, sizeof *p->lines);
    struct ts_line *l = &p->lines[p->nlines++];
    memset(l, 0, sizeof *l);
    l->first_run = (uint32_t)p->nruns;
    return l;
}

/* A new run at the end of line l (the paragraph's last). */
static struct ts_run *new_run(struct ts_para *p, struct ts_line *l)
{
    xgrow(&p->runs, &p->runs_cap, p->nruns + 1, sizeof *p->runs);
    struct ts_run *r = &p->runs[p->nruns++];
    memset(r, 0, sizeof *r);
    r->first_piece = (uint32_t)p->npieces;
    l->nruns++;
    return r;
}

/* A new piece at the end of run r (the paragraph's last). */
static struct ts_piece *new_piece(struct ts_para *p, struct ts_run *r, const struct shaped *sh, size_t at,
                                  uint32_t g0, uint32_t g1)
{
    xgrow(&p->pieces, &p->pieces_cap, p->npieces + 1, sizeof *p->pieces);
    struct ts_piece *pc = &p->pieces[p->npieces++];
    *pc = (struct ts_piece){ sh, (uint32_t)at, (uint16_t)g0, (uint16_t)g1 };
    r->npieces++;
    return pc;
}

/* Whether a piece is a space between words, which justification widens. */
static bool piece_is_space(const struct ts_para *p, const struct ts_piece *pc)
{
    return pc->g0 < pc->g1 && p->text[pc->at + pc->sh->cluster[pc->g0]] == ' ';
}

size_t ts_para_nlines(const struct ts_para *p)
{
    return p->nlines;
}

float ts_para_leading(const struct ts_para *p)
{
    return p->leading;
}

bool ts_para_broke_word(const struct ts_para *p)
{
    return p->broke_word;
}

bool ts_para_line_hyphenated(const struct ts_para *p, size_t i)
{
    return i < p->nlines && p->lines[i].hyphenated;
}

float ts_para_line_width(const struct ts_para *p, size_t i)
{
    return i < p->nlines ? p->lines[i].width : 0;
}

static PangoFontDescription *style_font(const struct ts_style *st)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, st->family);
    pango_font_description_set_weight(fd, (PangoWeight)st->weight);
    pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
    return fd;
}

struct font_metrics {
    float ascent, descent;  /* pt */
};

/* The ascent and descent of the style's font, asked of Pango once per font and size. */
static const struct font_metrics *metrics_of(struct ts_engine *e, const struct ts_style *st)
{
    char key[256];
    int len = snprintf(key, sizeof key, "%s|%d|%d|%a", st->family, st->weight, st->italic, (double)st->size);
    size_t klen = len < 0 ? 0 : (size_t)len < sizeof key ? (size_t)len : sizeof key - 1;
    struct font_metrics *m = keymap_get(&e->metrics, key, klen);
    if (m)
        return m;
    PangoFontDescription *fd = style_font(st);
    PangoFontMetrics *pm = pango_context_get_metrics(e->pango, fd, NULL);
    m = arena_alloc(&e->metrics.arena, sizeof *m);
    m->ascent = (float)pango_font_metrics_get_ascent(pm) / PANGO_SCALE;
    m->descent = (float)pango_font_metrics_get_descent(pm) / PANGO_SCALE;
    pango_font_metrics_unref(pm);
    pango_font_description_free(fd);
    keymap_put(&e->metrics, key, klen, m);
    return m;
}

static float style_baseline(struct ts_engine *e, const struct ts_style *style)
{
    /* the baseline sits where the font's ascent and descent are centred in the leading */
    const struct font_metrics *fm = metrics_of(e, style);
    return (style->leading - (fm->ascent + fm->descent)) / 2 + fm->ascent;
}

/* Builds the text with soft hyphens, spans moved to the new offsets. */
static void prepare(struct ts_engine *e, const struct ts_style *st, const struct ts_text *in,
                    struct ts_para *p)
{
    struct strbuf out;
    sb_init(&out);
    p->nspans = in->nspans;
    p->spans = xcalloc(in->nspans + 1, sizeof *p->spans);
    for (size_t i = 0; i < in->nspans; i++) {
        const struct ts_span *sp = &in->spans[i];
        struct ts_span *np = &p->spans[i];
        *np = *sp;
        np->link.uri = arena_strdup(&p->arena, sp->link.uri);
        np->link.dest = arena_strdup(&p->arena, sp->link.dest);
        np->link.file = arena_strdup(&p->arena, sp->link.file);
        np->link.file_dest = arena_strdup(&p->arena, sp->link.file_dest);
        np->link.description = arena_strdup(&p->arena, sp->link.description);
        np->start = out.len;
        bool is_link = sp->link.uri || sp->link.dest || sp->link.file;
        /* capitals are made here, not by Pango's transform: the text the glyphs carry is
         * then what they show, character for character, in both editions */
        const char *seg = in->utf8.data + sp->start;
        size_t seg_len = sp->end - sp->start;
        char *upper = st->uppercase ? g_utf8_strup(seg, (gssize)seg_len) : NULL;
        if (upper)
            seg = upper, seg_len = strlen(upper);
        if (is_link)
            sb_append_len(&out, seg, seg_len);
        else
            ts_hyphenate(e, st, seg, seg_len, &out);
        g_free(upper);
        np->end = out.len;
    }
    p->len = out.len;
    p->text = sb_take(&out);
}

/* ---- windows: how a long paragraph reaches Pango ----
 *
 * Pango keeps widths in Pango units (1/1024 pt) in an int, and shapes each item of a
 * layout (a stretch of text in one font) whole before it breaks it into lines. When an
 * item, set on one line, is INT_MAX units wide or more (2,097,152 pt: about 42,000 words
 * of 9 pt Lato, some 450 KB), that width overflows, and Pango 1.50 puts all the text on
 * one line of width 0, which was drawn as a few garbled words without any error. So a
 * long paragraph goes to Pango in windows whose text, set on one line, stays far below
 * that: each window is laid out, every line but its last is kept, and the next window
 * starts where that last line started. Pango breaks lines greedily, each depending only
 * on where it starts, so the lines are those one layout of the whole paragraph would have
 * had (checked: the same bytes out for the shipped years with windows of 200 bytes). A
 * window never holds the start of a second paragraph (after \n), so that what Pango does
 * at a paragraph's start (its direction, the first line outside a hanging indent) stays
 * at that paragraph's start. */
enum {
    WINDOW_MAX_BYTES = 32 * 1024, /* also keeps each call to Pango short */
    WINDOW_MIN_BYTES = 64,
};
/* The one-line width of a window's text at most, pt: an eighth of what overflows. */
#define WINDOW_MAX_PT ((double)G_MAXINT / PANGO_SCALE / 8)

/* How many bytes of text a window of this style may hold: each byte counted as a
 * character 2 em wide (Lato's widest glyph is 1.38 em), plus the letter spacing. */
static size_t window_bytes(const struct ts_style *st)
{
    double per_byte = 2.0 * fabs((double)st->size) + fabs((double)st->letter_spacing);
    double n = per_byte > 0 ? WINDOW_MAX_PT / per_byte : WINDOW_MAX_BYTES;
    return n >= WINDOW_MAX_BYTES ? WINDOW_MAX_BYTES : n <= WINDOW_MIN_BYTES ? WINDOW_MIN_BYTES : (size_t)n;
}

/* The length of the paragraph separator (\n, \r, \r\n, U+2029) at s, or 0. */
static size_t separator_at(const char *s)
{
    if (s[0] == '\r' && s[1] == '\n')
        return 2;
    if (s[0] == '\n' || s[0] == '\r')
        return 1;
    return strncmp(s, "\xE2\x80\xA9", 3) == 0 ? 3 : 0;
}

/* The direction of text as Pango finds a paragraph's: from its first strong character,
 * NEUTRAL without one. Deprecated for applications, but it is what Pango 1.50 itself
 * calls, so a window gets the direction a whole layout would have given it. */
static PangoDirection find_dir(const char *text, size_t len)
{
    G_GNUC_BEGIN_IGNORE_DEPRECATIONS
    PangoDirection dir = pango_find_base_dir(text, (int)MIN(len, (size_t)G_MAXINT));
    G_GNUC_END_IGNORE_DEPRECATIONS
    return dir;
}

/* Whether a line that starts at byte `at` starts a paragraph (for Pango). */
static bool starts_paragraph(const char *text, size_t at)
{
    if (at == 0)
        return true;
    if (text[at - 1] == '\n' || (text[at - 1] == '\r' && text[at] != '\n'))
        return true;
    return at >= 3 && strncmp(text + at - 3, "\xE2\x80\xA9", 3) == 0;
}

/* Where the window that starts at base ends: after the first paragraph separator within
 * max bytes, else after the last space (so that its last word is whole), else at a
 * character boundary. */
static size_t window_end(const char *text, size_t len, size_t base, size_t max)
{
    size_t limit = len - base <= max ? len : base + max;
    for (size_t i = base; i < limit; i++) {
        size_t n = separator_at(text + i);
        if (n)
            return i + n;
    }
    if (limit == len)
        return len;
    for (size_t i = limit; i > base + max / 2; i--)
        if (text[i - 1] == ' ')
            return i;
    size_t end = limit;
    while (end > base + 1 && ((unsigned char)text[end] & 0xC0) == 0x80)
        end--;
    return end;
}

/* The attributes of the text [base, end), with offsets from base. *first is the first
 * span that may reach into the window; windows only move forward. */
static PangoAttrList *window_attrs(const struct ts_style *st, const struct ts_para *p, size_t base,
                                   size_t end, size_t *first)
{
    PangoAttrList *attrs = pango_attr_list_new();
    while (*first < p->nspans && p->spans[*first].end <= base)
        (*first)++;
    for (size_t i = *first; i < p->nspans && p->spans[i].start < end; i++) {
        const struct ts_span *sp = &p->spans[i];
        guint a = (guint)((sp->start > base ? sp->start : base) - base);
        guint b = (guint)((sp->end < end ? sp->end : end) - base);
        PangoAttribute *at;
        if (sp->flags & TS_ITALIC) {
            at = pango_attr_style_new(PANGO_STYLE_ITALIC);
            at->start_index = a, at->end_index = b;
            pango_attr_list_insert(attrs, at);
        }
        if (sp->flags & TS_BOLD) {
            at = pango_attr_weight_new(st->weight >= 600 ? PANGO_WEIGHT_HEAVY : PANGO_WEIGHT_BOLD);
            at->start_index = a, at->end_index = b;
            pango_attr_list_insert(attrs, at);
        }
        if (sp->flags & TS_UNDERLINE) {
            at = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
            at->start_index = a, at->end_index = b;
            pango_attr_list_insert(attrs, at);
        }
        /* a distinct foreground per span makes Pango split runs at every span edge,
         * so that each run belongs to exactly one span (its colour, its link); only
         * neighbours need to differ, so the index modulo 2^16 is enough */
        at = pango_attr_foreground_new((guint16)(i & 0xFFFF), 0, 0);
        at->start_index = a, at->end_index = b;
        pango_attr_list_insert(attrs, at);
    }
    if (st->letter_spacing != 0) {
        PangoAttribute *at = pango_attr_letter_spacing_new((int)(st->letter_spacing * PANGO_SCALE));
        pango_attr_list_insert(attrs, at);
    }
    /* no ligatures: every glyph stands for one character, which the print edition needs
     * to place the same glyphs through its fonts' character maps */
    pango_attr_list_insert(attrs, pango_attr_font_features_new("liga=0, clig=0, dlig=0, hlig=0"));
    return attrs;
}

/* The span that holds byte offset (spans are in text order), or the last. */
static const struct ts_span *span_at(const struct ts_para *p, size_t offset)
{
    size_t lo = 0, hi = p->nspans;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (offset < p->spans[mid].start)
            hi = mid;
        else if (offset >= p->spans[mid].end)
            lo = mid + 1;
        else
            return &p->spans[mid];
    }
    return p->nspans ? &p->spans[p->nspans - 1] : NULL;
}

/* The run's text without the soft hyphens that were only break opportunities, so that
 * search and copy find whole words; one that shows as a hyphen (a glyph maps to it) stays,
 * marking the break as PDF asks. The glyphs' clusters (n of them, in order) move with the
 * bytes left out. Returns the text's length. */
static uint32_t shown_text(const char *src, uint32_t n, uint32_t *cluster, uint32_t nglyphs, char *text)
{
    uint32_t len = 0, gi = 0;
    for (uint32_t b = 0; b < n; b++) {
        /* the glyphs of the bytes before b now start len - b bytes earlier */
        for (; gi < nglyphs && cluster[gi] <= b; gi++)
            if (cluster[gi] == b)
                cluster[gi] = len;
        bool shy = b + 1 < n && (unsigned char)src[b] == 0xC2 && (unsigned char)src[b + 1] == 0xAD;
        bool shown = gi > 0 && cluster[gi - 1] == len && shy; /* a hyphen glyph stands for it */
        if (shy && !shown) {
            b++;
            continue;
        }
        text[len++] = src[b];
    }
    text[len] = '\0';
    return len;
}

/* Whether glyph g of sh is drawn: not an empty glyph (a soft hyphen where the line does
 * not break) and not a control character of the text (a line separator), which Pango
 * gives an unknown glyph though it needs none. */
static bool drawn_glyph(const struct shaped *sh, uint32_t g)
{
    PangoGlyph glyph = sh->gid[g];
    if (glyph == PANGO_GLYPH_EMPTY)
        return false;
    gunichar c = glyph & ~PANGO_GLYPH_UNKNOWN_FLAG;
    return !(glyph & PANGO_GLYPH_UNKNOWN_FLAG) || !(c < 0x20 || c == 0x2028 || c == 0x2029);
}

/* The width of glyphs [g0, g1) of sh, Pango units. */
static int glyphs_advance(const struct shaped *sh, uint32_t g0, uint32_t g1)
{
    int w = 0;
    for (uint32_t g = g0; g < g1; g++)
        w += sh->adv[g];
    return w;
}

/* The width of a piece, Pango units. */
static int piece_advance(const struct ts_piece *pc)
{
    return glyphs_advance(pc->sh, pc->g0, pc->g1);
}

/* The font file, face and size of a run. */
static void run_font(struct ts_engine *e, PangoFont *font, struct ts_run *r)
{
    FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8 *file = NULL;
    int index = 0;
    FcPatternGetString(pat, FC_FILE, 0, &file);
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
    PangoFontDescription *fd = pango_font_describe_with_absolute_size(font);
    r->size = (float)pango_font_description_get_size(fd) / PANGO_SCALE;
    pango_font_description_free(fd);
    r->font_file = ts_intern(e, file ? (const char *)file : "");
    r->face_index = index;
}

/* The characters of a paragraph that none of the fonts has, each once. */
enum { MAX_MISSING = 16 };
struct missing {
    gunichar chars[MAX_MISSING];
    size_t n;
};

static void note_missing(struct missing *m, gunichar c)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->chars[i] == c)
            return;
    if (m->n < MAX_MISSING)
        m->chars[m->n++] = c;
}

/* Notes the characters of a piece that no font has. Such a character is drawn as its
 * font's .notdef glyph (glyph 0, a box), so that a proof-reader sees that something is
 * there, while the text layer keeps the character itself. */
static void note_missing_in(struct missing *m, const struct ts_piece *pc)
{
    for (uint32_t g = pc->g0; g < pc->g1; g++)
        if ((pc->sh->gid[g] & PANGO_GLYPH_UNKNOWN_FLAG) && drawn_glyph(pc->sh, g))
            note_missing(m, pc->sh->gid[g] & ~PANGO_GLYPH_UNKNOWN_FLAG);
}

/* Warns of each character no font has, once per engine: where the text came from when
 * it is known, else quoting the text, and once more when a later text of the same
 * character says where it came from. */
static void report_missing(struct ts_engine *e, struct gka_ctx *ctx, const struct missing *m, const char *text,
                           const char *loc_path, long loc_line)
{
    if (m->n == 0)
        return;
    /* a few words around the first such character, as the data has them (without the
     * soft hyphens of hyphenation), so that the place can be found */
    char first[8] = { 0 };
    g_unichar_to_utf8(m->chars[0], first);
    const char *at = strstr(text, first), *from = at ? at : text;
    while (from > text && at - from < 24)
        from--;
    while (from > text && ((unsigned char)*from & 0xC0) == 0x80)
        from--;
    size_t quote = gka_utf8_prefix(from, 60);
    struct strbuf q;
    sb_init(&q);
    sb_append(&q, from > text ? "..." : "");
    for (size_t b = 0; b < quote; b++) {
        if (b + 1 < quote && from[b] == '\xC2' && from[b + 1] == '\xAD')
            b++;
        else
            sb_append_len(&q, from + b, 1);
    }
    sb_append(&q, from[quote] ? "..." : "");

    bool located = loc_path && loc_line > 0;
    for (size_t i = 0; i < m->n; i++) {
        size_t k = 0;
        while (k < e->nmissing && e->missing[k].c != m->chars[i])
            k++;
        if (k < e->nmissing && (e->missing[k].located || !located))
            continue;
        if (k == e->nmissing) {
            xgrow(&e->missing, &e->missing_cap, e->nmissing + 1, sizeof *e->missing);
            e->nmissing++;
        }
        e->missing[k].c = m->chars[i];
        e->missing[k].located = located;
        char utf8[8] = { 0 };
        g_unichar_to_utf8(m->chars[i], utf8);
        diag_warning(ctx, loc_path, loc_line,
                     "the character U+%04X \"%s\" (in \"%s\") is in none of the fonts; a box is drawn in its place",
                     (unsigned)m->chars[i], utf8, q.data);
    }
    sb_release(&q);
}

/* Copies a run of a layout of the text from base into a new run of line l, noting in
 * *missing the characters that no font has: its glyphs as the paragraph's own shaped
 * text, in pieces that each space glyph starts and ends (for justification). */
static void copy_run(struct ts_engine *e, struct ts_para *p, PangoGlyphItem *gi, size_t base, struct ts_line *l,
                     struct missing *missing)
{
    PangoItem *item = gi->item;
    PangoGlyphString *gs = gi->glyphs;
    struct ts_run *r = new_run(p, l);
    run_font(e, item->analysis.font, r);
    const char *text = p->text + base + item->offset;
    r->span = span_at(p, base + (size_t)item->offset);
    r->at = (uint32_t)(base + (size_t)item->offset);
    r->len = (uint32_t)item->length;
    const struct shaped *sh = shaped_copy(&p->arena, gs);
    uint32_t n = sh->n;
    /* a window holds at most WINDOW_MAX_BYTES (32 KB), and a run no more glyphs than bytes
     * (no ligatures), so that glyph indices fit a piece's 16 bits */
    if (n > UINT16_MAX)
        n = UINT16_MAX;
    for (uint32_t g = 0; g < n;) {
        bool space = text[sh->cluster[g]] == ' ';
        uint32_t end = g + 1;
        while (!space && end < n && text[sh->cluster[end]] != ' ')
            end++;
        note_missing_in(missing, new_piece(p, r, sh, r->at, g, end));
        g = end;
    }
}

/* Lays out the text [base, end) of the paragraph in a column of width pt. A window of a
 * long paragraph (windowed) is given the direction of the paragraph it is in (dir), as
 * Pango would have found it for the whole text; when it continues a paragraph (cont),
 * all its lines get the hanging indent. */
static PangoLayout *layout_window(struct ts_engine *e, const struct ts_style *st, const struct ts_para *p,
                                  size_t base, size_t end, PangoAttrList *attrs, float width,
                                  bool windowed, bool cont, PangoDirection dir, PangoWrapMode wrap)
{
    PangoLayout *layout = pango_layout_new(e->pango);
    PangoFontDescription *fd = style_font(st);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_attributes(layout, attrs);
    pango_layout_set_text(layout, p->text + base, (int)(end - base));
    int units = (int)(width * PANGO_SCALE), hanging = (int)(st->hanging * PANGO_SCALE);
    if (st->hanging > 0 && !cont)
        pango_layout_set_indent(layout, -hanging); /* negative: hanging */
    else if (st->hanging > 0)
        units -= hanging; /* as Pango narrows a paragraph's later lines; layout_para moves them */
    pango_layout_set_width(layout, units);
    pango_layout_set_wrap(layout, wrap);
    /* justification is done on the glyphs afterwards (justify_line): Pango 1.50
     * stretches a line to the full width before it adds the hyphen of a soft hyphen */
    PangoAlignment align = st->align == TS_RIGHT    ? PANGO_ALIGN_RIGHT
                           : st->align == TS_CENTER ? PANGO_ALIGN_CENTER
                                                    : PANGO_ALIGN_LEFT;
    if (windowed) {
        /* Pango swaps left and right for a right-to-left paragraph when it finds the
         * direction itself (against the context's default, weak left-to-right) */
        pango_layout_set_auto_dir(layout, FALSE);
        pango_context_set_base_dir(e->pango, dir);
        if (dir == PANGO_DIRECTION_RTL && align != PANGO_ALIGN_CENTER)
            align = align == PANGO_ALIGN_LEFT ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT;
    }
    pango_layout_set_alignment(layout, align);
    return layout;
}

/* The lines of a window's layout that are kept: all in the last window, else all but
 * the last (laid out again in the next window). */
static int kept_lines(PangoLayout *layout, bool final)
{
    int n = pango_layout_get_line_count(layout);
    return final || n < 2 ? n : n - 1;
}

/* Whether a kept line of the layout is wider than the column: a word that cannot fit.
 * Reports it, naming the longest word of [base, end). The last line of a window is left
 * out: it may end in the window's last space, which Pango counts only there. */
static void warn_long_word(struct gka_ctx *ctx, struct ts_para *p, size_t base, size_t end,
                           const char *loc_path, long loc_line);

static bool too_long(struct gka_ctx *ctx, PangoLayout *layout, bool final, struct ts_para *p,
                     size_t base, size_t end, const char *loc_path, long loc_line)
{
    /* the lines' logical extents together, as pango_layout_get_extents gives them */
    int keep = kept_lines(layout, final), left = 0, right = 0;
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    for (int i = 0; i < keep; i++, pango_layout_iter_next_line(it)) {
        PangoRectangle ext;
        pango_layout_iter_get_line_extents(it, NULL, &ext);
        if (i == 0 || ext.x < left)
            left = ext.x;
        if (i == 0 || ext.x + ext.width > right)
            right = ext.x + ext.width;
    }
    pango_layout_iter_free(it);
    if (right - left <= pango_layout_get_width(layout) + PANGO_SCALE / 2)
        return false;
    warn_long_word(ctx, p, base, end, loc_path, loc_line);
    return true;
}

/* Warns that the longest word of [base, end) is too long for a line. The width is not in
 * the message: a paragraph measured at several widths (in a column, across the page) is
 * then one warning, as the same message twice is. */
static void warn_long_word(struct gka_ctx *ctx, struct ts_para *p, size_t base, size_t end,
                           const char *loc_path, long loc_line)
{
    p->broke_word = true;
    const char *w = p->text + base, *stop = p->text + end, *best = w;
    size_t best_len = 0;
    while (w < stop) {
        size_t n = strcspn(w, " \n");
        if (n > (size_t)(stop - w))
            n = (size_t)(stop - w);
        if (n > best_len)
            best = w, best_len = n;
        w += n;
        w += strspn(w, " \n");
    }
    size_t quote = gka_utf8_prefix(best, best_len < 40 ? best_len : 40);
    diag_warning(ctx, loc_path, loc_line, "\"%.*s%s\" is too long for a line; it is broken between letters",
                 (int)quote, best, best_len > quote ? "..." : "");
}

/* Copies the line at `it` of a layout of the text from base into a new line of p, moved
 * right by x_shift Pango units (a continuation's hanging indent). */
static struct ts_line *copy_line(struct ts_engine *e, struct ts_para *p, PangoLayoutIter *it, size_t base,
                                 int x_shift, struct missing *missing)
{
    PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
    PangoRectangle ext;
    pango_layout_iter_get_line_extents(it, NULL, &ext);
    struct ts_line *l = new_line(p);
    l->x = (float)(ext.x + x_shift) / PANGO_SCALE;
    l->width = (float)ext.width / PANGO_SCALE;
    for (GSList *r = line->runs; r; r = r->next)
        copy_run(e, p, r->data, base, l, missing);
    return l;
}

/* How far a justified line's spaces widen before its letters move apart too (TeX's
 * stretch: half a space), and how far its letters may move apart at most (of the size). */
#define SPACE_STRETCH 0.5f
#define MAX_TRACKING 0.02f

/* Widens (or narrows) the spaces of line l of p so that its last glyph ends at width,
 * unless that takes more than max_extra pt. Where the spaces would widen by more than
 * SPACE_STRETCH, the letters take some of it: up to MAX_TRACKING of the size each. */
static void justify_line(const struct ts_para *p, struct ts_line *l, float width, float max_extra)
{
    /* the ink ends at the last piece that is not a space; the spaces before it widen */
    int pen = 0, end = -1, space_pen = 0, space_pen_before_end = 0;
    uint32_t spaces = 0, spaces_before_end = 0, glyphs = 0, glyphs_to_end = 0;
    float size = 0;
    for (uint32_t ri = l->first_run; ri < l->first_run + l->nruns; ri++) {
        const struct ts_run *r = &p->runs[ri];
        size = size > r->size ? size : r->size;
        for (uint32_t k = r->first_piece; k < r->first_piece + r->npieces; k++) {
            const struct ts_piece *pc = &p->pieces[k];
            int advance = piece_advance(pc);
            pen += advance;
            if (piece_is_space(p, pc)) {
                spaces++;
                space_pen += advance;
            } else {
                for (uint32_t g = pc->g0; g < pc->g1; g++)
                    glyphs += drawn_glyph(pc->sh, g);
                end = pen;
                spaces_before_end = spaces;
                space_pen_before_end = space_pen;
                glyphs_to_end = glyphs;
            }
        }
    }
    if (end < 0)
        return;
    float extra = width - (float)end / PANGO_SCALE;
    if (spaces_before_end == 0 || extra == 0 || extra > max_extra)
        return; /* a line with far too much room is left ragged rather than gappy */
    float stretch = SPACE_STRETCH * (float)space_pen_before_end / PANGO_SCALE;
    if (extra > stretch && glyphs_to_end > 1) {
        float gaps = (float)(glyphs_to_end - 1);
        l->letter_extra = fminf((extra - stretch) / gaps, MAX_TRACKING * size);
        extra -= l->letter_extra * gaps;
    }
    l->space_extra = extra / (float)spaces_before_end;
    l->spaces = spaces_before_end;
    l->width = width;
}

/* ---- words shaped once, lines broken with Knuth and Plass ----
 *
 * A paragraph is itemized by Pango (runs of one font, script and direction), cut into
 * words at its spaces, and each distinct word is shaped once per engine and kept: the
 * text of a run consists of a few thousand words used again and again. The lines are
 * then chosen over the words' widths by total fit (knuth_plass.c), with the hyphenation
 * points (soft hyphens) and the other places Unicode allows a break as penalties. A word
 * is shaped whole, soft hyphens included, so that its kerning is that of the whole word
 * whether or not it breaks. */


/* The cache's key: the font (by address: the engine's font map keeps each font once),
 * the script and the text. */
struct shape_key {
    PangoFont *font;
    int32_t script;
    char text[];
};

static void unref_font(void *value, void *ud)
{
    (void)ud;
    g_object_unref(((struct shaped *)value)->font);
}

void ts_shape_cache_release(struct keymap *shapes)
{
    keymap_each(shapes, unref_font, NULL);
    keymap_release(shapes);
}

/* The word s[0..n) of item shaped, from the cache or shaped now and kept. */
static const struct shaped *shape_word(struct ts_engine *e, PangoItem *item, const char *s, size_t n)
{
    char small[sizeof(struct shape_key) + 64];
    size_t klen = sizeof(struct shape_key) + n;
    struct shape_key *key = klen <= sizeof small ? (struct shape_key *)small : xmalloc(klen);
    memset(key, 0, sizeof *key);
    key->font = item->analysis.font;
    key->script = (int32_t)item->analysis.script;
    memcpy(key->text, s, n);
    struct shaped *sh = keymap_get(&e->shapes, key, klen);
    if (!sh) {
        PangoGlyphString *gs = pango_glyph_string_new();
        pango_shape_full(s, (int)n, s, (int)n, &item->analysis, gs);
        sh = shaped_copy(&e->shapes.arena, gs);
        pango_glyph_string_free(gs);
        sh->font = g_object_ref(key->font);
        keymap_put(&e->shapes, key, klen, sh);
    }
    if ((char *)key != small)
        free(key);
    return sh;
}

static uint32_t glyphs_before(const struct shaped *sh, uint32_t from, size_t cut);
static size_t forced_at(const char *s);

/* Whether a line may not break at b in the word that begins at start, though Unicode
 * allows it: after the dash of a range of numbers ("10–14", read as one), or after the
 * hyphen of an abbreviation in capitals ("GKA-agenda": "GKA-" alone at a line's end
 * reads as a word cut off). */
static bool held_together(const char *text, size_t start, size_t b)
{
    if (b >= start + 4 && strncmp(text + b - 3, "\xE2\x80\x93", 3) == 0 && is_digit((unsigned char)text[b - 4]) &&
        is_digit((unsigned char)text[b]))
        return true;
    if (b < start + 3 || text[b - 1] != '-')
        return false;
    for (size_t k = start; k + 1 < b; k++)
        if (!g_ascii_isupper(text[k]))
            return false;
    return b - 1 - start <= 4;
}

/* The hyphen Pango would draw at a break in item: U+2010 where the font has it, else '-'. */
static const struct shaped *shape_hyphen(struct ts_engine *e, PangoItem *item)
{
    const struct shaped *hy = shape_word(e, item, "\xE2\x80\x90", 3);
    if (hy->n == 0 || (hy->gid[0] & PANGO_GLYPH_UNKNOWN_FLAG))
        hy = shape_word(e, item, "-", 1);
    return hy;
}

/* The prepared text of p cut by Pango into items (runs of one font, script and
 * direction) in the style and its spans; free with pango_item_free. */
static GList *itemize(struct ts_engine *e, const struct ts_style *st, const struct ts_para *p)
{
    size_t first_span = 0;
    PangoAttrList *attrs = window_attrs(st, p, 0, p->len, &first_span);
    PangoFontDescription *fd = style_font(st);
    PangoAttribute *font = pango_attr_font_desc_new(fd);
    pango_font_description_free(fd);
    pango_attr_list_insert_before(attrs, font);
    GList *items = pango_itemize(e->pango, p->text, 0, (int)p->len, attrs, NULL);
    pango_attr_list_unref(attrs);
    return items;
}

/* The word text[i, w) of item shaped as it is in the paragraph: Lato kerns a letter with
 * the space after it ("r "), so a word followed by a space in its item is shaped with
 * that space, whose glyph is then left out. */
static const struct shaped *shape_in_place(struct ts_engine *e, PangoItem *item, const char *text, size_t i,
                                           size_t w, uint32_t *nglyphs)
{
    size_t end = (size_t)(item->offset + item->length);
    bool spaced = w < end && text[w] == ' ';
    const struct shaped *sh = shape_word(e, item, text + i, w - i + spaced);
    *nglyphs = spaced ? glyphs_before(sh, 0, w - i) : sh->n;
    return sh;
}

/* The space at text[i] shaped as it is in the paragraph: kerned with the letter after it. */
static const struct shaped *shape_space(struct ts_engine *e, PangoItem *item, const char *text, size_t i)
{
    size_t end = (size_t)(item->offset + item->length);
    size_t next = i + 1 < end && text[i + 1] != ' ' && !forced_at(text + i + 1)
                      ? (size_t)(g_utf8_next_char(text + i + 1) - text) : i + 1;
    return shape_word(e, item, text + i, next - i);
}

/* A piece of a line: glyphs [g0, g1) of a shaped word that starts at byte `at` of the
 * paragraph's text, in the run of item. */
struct piece {
    PangoItem *item;
    const struct shaped *sh;
    size_t at, len;         /* the word's bytes */
    uint32_t g0, g1;
    bool space;
};

/* The bytes of the paragraph's text that a piece shows. */
static size_t piece_start(const struct piece *pc)
{
    return pc->g0 > 0 && pc->g0 < pc->sh->n ? pc->at + pc->sh->cluster[pc->g0] : pc->at;
}

static size_t piece_end(const struct piece *pc)
{
    return pc->g1 < pc->sh->n ? pc->at + pc->sh->cluster[pc->g1] : pc->at + pc->len;
}

/* What a Knuth-Plass item stands for: a piece (box or space glue), a break inside a word
 * at byte `at` (with a hyphen when the text has a soft hyphen there), or nothing. */
struct kp_source {
    int piece;              /* -1: none */
    size_t at;              /* penalties: where the word breaks */
    bool hyphen;
};

struct breaking {
    struct kp_item *items;
    struct kp_source *src;
    size_t n, cap;
    struct piece *pieces;
    size_t npieces, pieces_cap;
};

static void add_item(struct breaking *br, struct kp_item it, struct kp_source src)
{
    if (br->n == br->cap) {
        br->cap = br->cap ? br->cap * 2 : 64;
        br->items = xrealloc(br->items, br->cap * sizeof *br->items);
        br->src = xrealloc(br->src, br->cap * sizeof *br->src);
    }
    br->items[br->n] = it;
    br->src[br->n++] = src;
}

static int add_piece(struct breaking *br, struct piece pc)
{
    xgrow(&br->pieces, &br->pieces_cap, br->npieces + 1, sizeof *br->pieces);
    br->pieces[br->npieces] = pc;
    return (int)br->npieces++;
}

static const struct kp_source NO_SOURCE = { -1, 0, false };

static double piece_width(const struct piece *pc)
{
    return (double)glyphs_advance(pc->sh, pc->g0, pc->g1) / PANGO_SCALE;
}

/* The glyphs of a word before byte offset `cut` (from the word's start): a word shaped
 * left to right has its clusters in order. */
static uint32_t glyphs_before(const struct shaped *sh, uint32_t from, size_t cut)
{
    uint32_t g = from;
    while (g < sh->n && sh->cluster[g] < cut)
        g++;
    return g;
}

/* Whether every item of the paragraph runs left to right and no style spaces letters:
 * what the word-by-word path handles; anything else goes to Pango's own layout. */
static bool plain_items(GList *items, const struct ts_style *st)
{
    if (st->letter_spacing != 0)
        return false;
    for (GList *l = items; l; l = l->next) {
        PangoItem *item = l->data;
        if (item->analysis.level % 2 != 0 || item->analysis.gravity != PANGO_GRAVITY_SOUTH)
            return false;
    }
    return true;
}

/* The break items of a space: in justified text stretchable glue (TeX's: a third
 * shrinks, a half stretches); in ragged text glue that stretches only where a line
 * ends (TeX's \raggedright, made of glue, penalty, glue). */
static void add_space(struct breaking *br, const struct ts_style *st, int piece, double w, double ragged,
                      double penalty)
{
    struct kp_source src = { piece, 0, false };
    if (st->align == TS_JUSTIFY) {
        /* a break with a price comes before the space (a space after a penalty is no break) */
        if (penalty > 0)
            add_item(br, (struct kp_item){ .type = KP_PENALTY, .penalty = penalty }, NO_SOURCE);
        add_item(br, (struct kp_item){ .type = KP_GLUE, .width = w, .stretch = w / 2, .shrink = w / 3 }, src);
        return;
    }
    add_item(br, (struct kp_item){ .type = KP_PENALTY, .penalty = KP_INFINITY }, NO_SOURCE);
    add_item(br, (struct kp_item){ .type = KP_GLUE, .stretch = ragged }, NO_SOURCE);
    add_item(br, (struct kp_item){ .type = KP_PENALTY, .penalty = penalty }, NO_SOURCE);
    add_item(br, (struct kp_item){ .type = KP_GLUE, .width = w, .stretch = -ragged }, src);
}

/* A break inside a word at byte at: with a hyphen of width hw (a soft hyphen, shy) or
 * none. A line that ends in a hyphen, soft or written (after "GKA-"), is flagged: two such
 * lines in a row cost more, and more than two are not taken. */
static void add_word_break(struct breaking *br, const struct ts_style *st, size_t at, double hw, bool shy,
                           bool flagged, double penalty, bool last_resort, double ragged)
{
    struct kp_source src = { -1, at, shy };
    struct kp_item brk = { .type = KP_PENALTY, .width = hw, .penalty = penalty, .flagged = flagged,
                           .last_resort = last_resort };
    if (st->align == TS_JUSTIFY) {
        add_item(br, brk, src);
        return;
    }
    add_item(br, (struct kp_item){ .type = KP_PENALTY, .penalty = KP_INFINITY }, NO_SOURCE);
    add_item(br, (struct kp_item){ .type = KP_GLUE, .stretch = ragged }, NO_SOURCE);
    add_item(br, brk, src);
    add_item(br, (struct kp_item){ .type = KP_GLUE, .stretch = -ragged }, NO_SOURCE);
}

/* The end of a paragraph, or a forced break (a line separator in the text). */
static void add_forced_break(struct breaking *br)
{
    add_item(br, (struct kp_item){ .type = KP_PENALTY, .penalty = KP_INFINITY }, NO_SOURCE);
    add_item(br, (struct kp_item){ .type = KP_GLUE, .stretch = 1e6 }, NO_SOURCE);
    add_item(br, (struct kp_item){ .type = KP_PENALTY, .penalty = -KP_INFINITY }, NO_SOURCE);
}

/* Adds a piece of a word as a box; false when it is wider than the column. */
static bool add_box(struct breaking *br, struct piece pc, double column)
{
    int k = add_piece(br, pc);
    double w = piece_width(&br->pieces[k]);
    add_item(br, (struct kp_item){ .type = KP_BOX, .width = w }, (struct kp_source){ k, 0, false });
    return w <= column + 0.5;
}

/* The byte length of the line separator at s (\n, U+2028), or 0. */
static size_t forced_at(const char *s)
{
    if (s[0] == '\n')
        return 1;
    return strncmp(s, "\xE2\x80\xA8", 3) == 0 ? 3 : 0;
}

/* A hyphen that would leave a last line this short ("scho-/len."), or the tail of a word
 * alone on it ("inter-/venties."), is taken only when no other breaks are within the
 * tolerance, and then costs as much as a line whose spaces are about twice their width; a
 * space that would leave it ("in de / les.") costs half as much, so that a word comes
 * down with it wherever the lines before allow. So does a space that would leave one word
 * of up to RUNT_CHARS alone on the last line (a runt: "uitdagingen."). */
enum { MIN_LAST_LINE_CHARS = 8, SHORT_LAST_LINE_PENALTY = 1000, SHORT_LAST_WORD_PENALTY = 3000, RUNT_CHARS = 14 };
/* A break before a hyphen inside a web address's name. */
enum { ADDRESS_HYPHEN_PENALTY = 300 };

/* Whether fewer than n characters follow byte `at` before the paragraph (or its line, at a
 * line separator) ends. */
static bool short_rest(const char *text, size_t at, int n)
{
    int chars = 0;
    for (const char *p = text + at; *p && !forced_at(p) && chars < n; p = g_utf8_next_char(p))
        chars += !((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xAD);
    return chars < n;
}

/* Whether what follows byte `at` before the paragraph (or its line) ends is one word of
 * fewer than n characters. */
static bool one_word_rest(const char *text, size_t at, int n)
{
    int chars = 0;
    for (const char *p = text + at; *p && !forced_at(p); p = g_utf8_next_char(p)) {
        if (*p == ' ')
            return false;
        chars += !((unsigned char)p[0] == 0xC2 && (unsigned char)p[1] == 0xAD);
        if (chars >= n)
            return false;
    }
    return chars > 0;
}

/* The length a word alone on a last line must reach in a column `column` pt wide not to
 * count as a runt: RUNT_CHARS, or in a narrow column (a chart's labels) two fifths of the
 * characters a line holds, so that "Non-cognitieve / vaardigheden" is not taken for one
 * ("Non- / cognitieve vaardigheden" is worse); a character taken as half the size wide. */
static int runt_chars(const struct ts_style *st, double column)
{
    double per_line = st->size > 0 ? column / (0.5 * st->size) : RUNT_CHARS * 3;
    return (int)fmin(RUNT_CHARS, per_line * 0.4);
}

/* Whether the n bytes at s are a web or mail address: a slash or an at sign, and a dot
 * after a letter ("gelijke-kansen.nl/gemeenten", "a.dogan@opo.example"). */
static bool is_address(const char *s, size_t n)
{
    bool mark = false, dot = false;
    for (size_t k = 0; k < n; k++) {
        mark |= s[k] == '/' || s[k] == '@';
        dot |= s[k] == '.' && k > 0 && k + 1 < n && g_ascii_isalpha(s[k - 1]) && g_ascii_isalpha(s[k + 1]);
    }
    return mark && dot;
}

/* Whether the len bytes at s are the "'s-" that begins a place name ('s-Hertogenbosch,
 * 's-Gravenhage), after which the name is never broken. */
static bool s_prefix(const char *s, size_t len)
{
    return (len == 3 && strncmp(s, "'s-", 3) == 0) || (len == 5 && strncmp(s, "\xE2\x80\x99s-", 5) == 0);
}

/* Whether Unicode allows no break inside s[0, n) but after its soft hyphens: letters and
 * digits of the alphabetic scripts alone (Latin, Greek, Cyrillic, Armenian), each of which
 * stays with the next. */
static bool unbreakable_word(const char *s, size_t n)
{
    for (const char *p = s; p < s + n; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c != 0xAD && (c >= 0x0590 || !g_unichar_isalnum(c)))
            return false;
    }
    return true;
}

/* Cuts the item into words at its spaces and line separators, shapes each word, and
 * adds boxes, glue and penalties: inside a word at its soft hyphens and where Unicode
 * allows a break (after a hyphen or a slash). Returns false when a word is wider than
 * the column, which is then broken between letters (word_char). */
static bool add_item_words(struct ts_engine *e, struct breaking *br, const struct ts_style *st, const char *text,
                           PangoItem *item, double column, double ragged, bool word_char)
{
    bool fits = true;
    PangoLogAttr small[65], *wattrs = NULL;
    size_t wcap = 0;
    const struct shaped *hy = shape_hyphen(e, item);
    double hyphen_width = (double)hy->width / PANGO_SCALE;
    size_t end = (size_t)(item->offset + item->length);
    int runt = runt_chars(st, column);
    for (size_t i = (size_t)item->offset; i < end;) {
        size_t f = forced_at(text + i);
        if (f) {
            add_forced_break(br);
            i += f;
            continue;
        }
        if (text[i] == ' ') {
            const struct shaped *sh = shape_space(e, item, text, i);
            int pc = add_piece(br, (struct piece){ item, sh, i, 1, 0, 1, true });
            /* a break that leaves the paragraph a last line of one short word ("les.") costs
             * as much as a line a little looser */
            add_space(br, st, pc, piece_width(&br->pieces[pc]), ragged,
                      short_rest(text, i + 1, MIN_LAST_LINE_CHARS) || one_word_rest(text, i + 1, runt)
                          ? SHORT_LAST_WORD_PENALTY
                          : 0);
            i++;
            continue;
        }
        size_t w = i;
        while (w < end && text[w] != ' ' && !forced_at(text + w))
            w++;
        uint32_t nglyphs;
        const struct shaped *sh = shape_in_place(e, item, text, i, w, &nglyphs);
        /* where Unicode allows a break inside the word: found in the word alone, since
         * what comes before and after a space does not change it (checked on the shipped
         * years and the peers' content: the same breaks as the whole paragraph's) */
        const PangoLogAttr *wa = NULL;
        if (word_char || !unbreakable_word(text + i, w - i)) {
            size_t nc = (size_t)g_utf8_strlen(text + i, (gssize)(w - i));
            PangoLogAttr *buf = small;
            if (nc + 1 > sizeof small / sizeof small[0]) {
                xgrow(&wattrs, &wcap, nc + 1, sizeof *wattrs);
                buf = wattrs;
            }
            pango_get_log_attrs(text + i, (int)(w - i), -1, pango_context_get_language(e->pango), buf, (int)nc + 1);
            wa = buf;
        }
        /* a web or mail address breaks after a slash, or before a dot, an at sign or a
         * hyphen of its own (which then begins the next line, and is read as the
         * address's), never at a hyphen added at the end of a line */
        bool address = is_address(text + i, w - i);
        /* the word's pieces between its break points */
        uint32_t g0 = 0;
        size_t k = 0;
        for (size_t b = i; b < w; b = (size_t)(g_utf8_next_char(text + b) - text), k++) {
            if (b == i)
                continue;
            bool shy = (unsigned char)text[b] == 0xC2 && (unsigned char)text[b + 1] == 0xAD;
            /* Unicode allows a break after a soft hyphen: that one is the hyphenation,
             * taken at the soft hyphen itself */
            bool after_shy = b >= 2 && (unsigned char)text[b - 2] == 0xC2 && (unsigned char)text[b - 1] == 0xAD;
            bool allowed = wa && (wa[k].is_line_break || (word_char && wa[k].is_char_break));
            if (address) {
                shy = false;
                allowed = (text[b - 1] == '/' && text[b] != '/') || text[b] == '.' || text[b] == '@' || text[b] == '-';
            }
            if (!shy && (!allowed || after_shy || s_prefix(text + i, b - i) || held_together(text, i, b)))
                continue;
            uint32_t g1 = glyphs_before(sh, g0, b - i);
            fits &= add_box(br, (struct piece){ item, sh, i, w - i, g0, g1, false }, column);
            bool written = !address && (text[b - 1] == '-' || (b >= 3 && strncmp(text + b - 3, "\xE2\x80\x90", 3) == 0));
            /* TeX's \hyphenpenalty and \exhyphenpenalty; a hyphen that leaves the paragraph
             * a last line of a few letters only as a last resort, and then at a high price */
            bool short_last = shy && (short_rest(text, b + 2, MIN_LAST_LINE_CHARS) ||
                                      one_word_rest(text, b + 2, runt));
            bool inside_part = address && text[b - 1] != '/'; /* a slash ends an address's part */
            /* inside a name ("gelijke-kansen.nl") a break is read as a word broken in two:
             * after a slash or before a dot first */
            bool inside_name = address && text[b] == '-';
            double penalty = short_last    ? SHORT_LAST_LINE_PENALTY
                             : inside_name ? ADDRESS_HYPHEN_PENALTY
                             : shy || written || inside_part ? 50
                                                             : 0;
            add_word_break(br, st, b, shy ? hyphen_width : 0, shy, shy || written, penalty, short_last, ragged);
            g0 = g1;
        }
        fits &= add_box(br, (struct piece){ item, sh, i, w - i, g0, nglyphs, false }, column);
        i = w;
    }
    free(wattrs);
    return fits;
}

/* Makes line l of the pieces [first, last] (indices into br->pieces; spaces at either
 * end left out) at their natural widths, ending in a hyphen that stands for the soft
 * hyphen at byte hyphen_at when hyphen_at is not (size_t)-1. */
static void build_line(struct ts_engine *e, struct ts_para *p, const struct breaking *br, int first, int last,
                       size_t hyphen_at, struct ts_line *l, struct missing *missing)
{
    /* spaces at the start of a line go; those at its end stay in the text (so that the
     * words of two lines do not run together when the text is copied) but not in the
     * line's ink width */
    while (first <= last && br->pieces[first].space)
        first++;
    int ink_last = last;
    while (ink_last >= first && br->pieces[ink_last].space)
        ink_last--;
    if (first > ink_last)
        return;
    if (hyphen_at != (size_t)-1)
        last = ink_last; /* a hyphenated line ends inside a word */
    /* one run per stretch of pieces of one item */
    int x = 0, ink_x = 0;
    for (int i = first; i <= last;) {
        PangoItem *item = br->pieces[i].item;
        int j = i;
        while (j <= last && br->pieces[j].item == item)
            j++;
        const struct shaped *hy = NULL;
        if (j > last && hyphen_at != (size_t)-1)
            hy = shape_hyphen(e, item);
        struct ts_run *r = new_run(p, l);
        run_font(e, item->analysis.font, r);
        size_t run_at = piece_start(&br->pieces[i]);
        size_t run_end = hy ? hyphen_at + 2 : piece_end(&br->pieces[j - 1]);
        r->span = span_at(p, run_at);
        r->at = (uint32_t)run_at;
        r->len = (uint32_t)(run_end - run_at);
        for (int k = i; k < j; k++) {
            const struct piece *bp = &br->pieces[k];
            const struct ts_piece *pc = new_piece(p, r, bp->sh, bp->at, bp->g0, bp->g1);
            note_missing_in(missing, pc);
            x += piece_advance(pc);
            if (k == ink_last)
                ink_x = x;
        }
        if (hy) {
            const struct ts_piece *pc = new_piece(p, r, hy, hyphen_at, 0, hy->n);
            note_missing_in(missing, pc);
            x += piece_advance(pc);
            ink_x = x;
        }
        i = j;
    }
    l->width = (float)ink_x / PANGO_SCALE;
}

/* The bytes of the longest stretch of text without a space or line separator. */
static size_t longest_word(const char *text, size_t len)
{
    size_t longest = 0, run = 0;
    for (size_t i = 0; i < len; i++) {
        run = text[i] == ' ' || text[i] == '\n' ? 0 : run + 1;
        if (run > longest)
            longest = run;
    }
    return longest;
}

/* Lays out p (prepared) word by word into lines of column pt; false, with nothing done,
 * for a paragraph this path does not handle (right to left, letter-spaced, empty, or a
 * text of several paragraphs, each of which Pango begins outside a hanging indent). */
static bool layout_words(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *st, struct ts_para *p,
                         float column, const char *loc_path, long loc_line, struct missing *missing)
{
    if (p->len == 0 || longest_word(p->text, p->len) > MAX_WORD_BYTES)
        return false;
    for (size_t i = 0; st->hanging > 0 && i < p->len; i++)
        if (separator_at(p->text + i))
            return false;
    GList *items = itemize(e, st, p);
    if (!plain_items(items, st)) {
        g_list_free_full(items, (GDestroyNotify)pango_item_free);
        return false;
    }

    double hanging = st->hanging > 0 ? st->hanging : 0;
    /* TeX's plain values, but for the emergency stretch that narrow columns need */
    struct kp_params params = { .width = column - hanging, .first_width = column,
                                .tolerance = st->tolerance > 0 ? st->tolerance : TS_DEFAULT_TOLERANCE,
                                .line_penalty = 10, .double_hyphen_demerits = 10000, .fitness_demerits = 10000,
                                .final_hyphen_demerits = 100000, .emergency_stretch = 2.0 * st->size,
                                .max_hyphens_in_a_row = 2 };
    if (params.width < 1)
        params.width = 1;
    double ragged = 3.0 * st->size;
    struct breaking br = { 0 };
    bool fits = true;
    for (int pass = 0; pass < 2; pass++) {
        br.n = br.npieces = 0;
        fits = true;
        for (GList *l = items; l; l = l->next)
            fits &= add_item_words(e, &br, st, p->text, l->data, column, ragged, pass == 1);
        add_forced_break(&br);
        if (fits)
            break;
        if (pass == 0)
            warn_long_word(ctx, p, 0, p->len, loc_path, loc_line);
    }
    struct kp_breaks breaks;
    kp_break(br.items, br.n, &params, &breaks);
    /* no breaks cannot happen with a forced break at the end; Pango's layout, then */
    bool laid_out = breaks.n > 0;
    size_t from = 0;
    for (size_t k = 0; k < breaks.n; k++) {
        size_t at = breaks.at[k];
        int first = -1, last = -1;
        for (size_t i = from; i <= at && i < br.n; i++)
            if (br.src[i].piece >= 0) {
                if (first < 0)
                    first = br.src[i].piece;
                last = br.src[i].piece;
            }
        const struct kp_item *end = &br.items[at];
        bool forced = end->type == KP_PENALTY && end->penalty <= -KP_INFINITY;
        size_t hyphen_at = br.src[at].hyphen ? br.src[at].at : (size_t)-1;
        struct ts_line *l = new_line(p);
        l->hyphenated = end->type == KP_PENALTY && end->flagged;
        if (first >= 0)
            build_line(e, p, &br, first, last, hyphen_at, l, missing);
        double avail = p->nlines == 1 ? column : column - hanging;
        /* justified: every line flush with the column (its spaces share what it lacks or
         * has too much); the last line of a paragraph only narrowed, when it must be */
        if (st->align == TS_JUSTIFY && (!forced || l->width > avail))
            justify_line(p, l, (float)avail, INFINITY);
        double slack = avail - l->width;
        double x = st->align == TS_RIGHT ? slack : st->align == TS_CENTER ? slack / 2 : 0;
        l->x = (float)(x + (p->nlines == 1 ? 0 : hanging));
        from = at + 1;
    }
    kp_breaks_release(&breaks);
    free(br.items);
    free(br.src);
    free(br.pieces);
    g_list_free_full(items, (GDestroyNotify)pango_item_free);
    return laid_out;
}

static struct ts_para *layout_para(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *st,
                                   const struct ts_text *text, float width, const char *loc_path, long loc_line)
{
    struct ts_para *p = xcalloc(1, sizeof *p);
    arena_init(&p->arena);
    p->style = st;
    p->leading = st->leading;
    p->indent = st->indent;
    float column = width - st->indent;
    if (st->measure > 0 && column > st->measure)
        column = st->measure;
    if (column < 1)
        column = 1;

    prepare(e, st, text, p);

    p->baseline = style_baseline(e, st);

    struct missing words_missing = { .n = 0 };
    if (layout_words(e, ctx, st, p, column, loc_path, loc_line, &words_missing)) {
        report_missing(e, ctx, &words_missing, p->text, loc_path, loc_line);
        return p;
    }

    /* text that fits one window goes to Pango whole, as it is; a longer one in windows,
     * each paragraph's direction found as Pango finds it for a whole text: from its first
     * strong character, or that of the paragraph before, or of the whole text */
    size_t max = window_bytes(st), base = 0, first_span = 0;
    bool windowed = p->len > max;
    const PangoDirection context_dir = pango_context_get_base_dir(e->pango);
    PangoDirection dir = context_dir, prev_dir = windowed ? find_dir(p->text, p->len) : context_dir;
    if (prev_dir == PANGO_DIRECTION_NEUTRAL)
        prev_dir = context_dir;
    PangoWrapMode wrap = PANGO_WRAP_WORD;
    struct missing missing = { .n = 0 };
    do {
        size_t end = windowed ? window_end(p->text, p->len, base, max) : p->len;
        bool final = end == p->len, cont = !starts_paragraph(p->text, base);
        if (windowed && !cont) {
            size_t stop = base;
            while (stop < p->len && !separator_at(p->text + stop))
                stop++;
            dir = find_dir(p->text + base, stop - base);
            if (dir == PANGO_DIRECTION_NEUTRAL)
                dir = prev_dir;
            else
                prev_dir = dir;
        }
        PangoAttrList *attrs = window_attrs(st, p, base, end, &first_span);
        PangoLayout *layout = layout_window(e, st, p, base, end, attrs, column, windowed, cont, dir, wrap);
        pango_attr_list_unref(attrs);
        /* a word too long for the line is broken between letters, from here on */
        if (wrap == PANGO_WRAP_WORD && too_long(ctx, layout, final, p, base, end, loc_path, loc_line)) {
            wrap = PANGO_WRAP_WORD_CHAR;
            pango_layout_set_wrap(layout, wrap);
        }
        /* the last line of a window may end where the window does rather than where the
         * paragraph would break: it is laid out again at the start of the next window */
        int n = pango_layout_get_line_count(layout), keep = kept_lines(layout, final);
        size_t next = end;
        if (keep < n) {
            int at = pango_layout_get_line_readonly(layout, keep)->start_index;
            if (at > 0)
                next = base + (size_t)at;
            else
                keep = n;
        }
        int x_shift = 0;
        if (cont && st->hanging > 0) {
            /* where Pango puts a paragraph's later lines: right of the hanging indent when
             * aligned left, as far right as the narrower column allows when aligned right,
             * and (within a unit) as centred in the whole column when centred */
            PangoAlignment align = pango_layout_get_alignment(layout);
            int hanging = (int)(st->hanging * PANGO_SCALE);
            x_shift = align == PANGO_ALIGN_LEFT ? hanging : align == PANGO_ALIGN_CENTER ? hanging / 2 : 0;
        }
        PangoLayoutIter *it = pango_layout_get_iter(layout);
        for (int i = 0; i < keep; i++, pango_layout_iter_next_line(it)) {
            struct ts_line *l = copy_line(e, p, it, base, x_shift, &missing);
            /* justified: every line but a paragraph's last and one that a break ends */
            PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
            size_t stop = base + (size_t)line->start_index + (size_t)line->length;
            bool last = (final && i == n - 1) || p->text[stop] == '\0' || p->text[stop] == '\n' ||
                        (stop > 0 && p->text[stop - 1] == '\n') ||
                        strncmp(p->text + stop, "\xE2\x80\xA8", 3) == 0;
            if (st->align == TS_JUSTIFY && !last)
                justify_line(p, l, column, column * 0.25f);
        }
        pango_layout_iter_free(it);
        g_object_unref(layout);
        base = next;
    } while (base < p->len);
    pango_context_set_base_dir(e->pango, context_dir);
    report_missing(e, ctx, &missing, p->text, loc_path, loc_line);
    return p;
}

/* Pango shapes one paragraph at a time in the whole process: two threads shaping at once,
 * even each with its own engine (font map and context), now and then get slightly
 * different advances, seen as another line break in one factsheet of fifty. */
static pthread_mutex_t pango_lock = PTHREAD_MUTEX_INITIALIZER;

int ts_check_word_shaping(struct ts_engine *e, const struct ts_style *st, const char *text, FILE *out)
{
    struct ts_para p = { .style = st };
    struct ts_text t;
    ts_text_init(&t);
    ts_text_add(&t, text, 0, NULL, NULL);
    pthread_mutex_lock(&pango_lock);
    prepare(e, st, &t, &p);
    GList *items = itemize(e, st, &p);
    int differences = 0;
    for (GList *l = items; l; l = l->next) {
        PangoItem *item = l->data;
        /* the whole item, in the paragraph, as Pango's own layout shapes it */
        PangoGlyphString *whole = pango_glyph_string_new();
        pango_shape_full(p.text + item->offset, item->length, p.text, (int)p.len, &item->analysis, whole);
        /* the same text word by word, from the cache */
        int g = 0;
        size_t end = (size_t)(item->offset + item->length);
        for (size_t i = (size_t)item->offset; i < end && differences < 10;) {
            size_t w = i + 1;
            if (p.text[i] != ' ')
                while (w < end && p.text[w] != ' ')
                    w++;
            uint32_t nglyphs = 1;
            const struct shaped *sh = p.text[i] == ' ' ? shape_space(e, item, p.text, i)
                                                       : shape_in_place(e, item, p.text, i, w, &nglyphs);
            for (uint32_t k = 0; k < nglyphs; k++, g++) {
                PangoGlyphInfo *gi = g < whole->num_glyphs ? &whole->glyphs[g] : NULL;
                if (!gi || gi->glyph != sh->gid[k] || gi->geometry.width != sh->adv[k] ||
                    gi->geometry.x_offset != sh->dx[k] || gi->geometry.y_offset != sh->dy[k]) {
                    if (out)
                        fprintf(out, "\"%.*s\" in \"%.40s\": glyph %u of the word (%u, advance %d, offset %d,%d) "
                                "differs from the paragraph's (%u, %d, %d,%d)\n", (int)(w - i), p.text + i,
                                p.text + item->offset, k, sh->gid[k], sh->adv[k], sh->dx[k], sh->dy[k],
                                gi ? gi->glyph : 0, gi ? gi->geometry.width : 0, gi ? gi->geometry.x_offset : 0,
                                gi ? gi->geometry.y_offset : 0);
                    differences++;
                    break;
                }
            }
            i = w;
        }
        if (differences == 0 && g != whole->num_glyphs) {
            if (out)
                fprintf(out, "\"%.40s\": %d glyphs word by word, %d for the whole\n", p.text + item->offset, g,
                        whole->num_glyphs);
            differences++;
        }
        pango_glyph_string_free(whole);
    }
    pthread_mutex_unlock(&pango_lock);
    g_list_free_full(items, (GDestroyNotify)pango_item_free);
    free(p.text);
    free(p.spans);
    arena_release(&p.arena);
    ts_text_release(&t);
    return differences;
}

float ts_style_baseline(struct ts_engine *e, const struct ts_style *style)
{
    pthread_mutex_lock(&pango_lock);
    float baseline = style_baseline(e, style);
    pthread_mutex_unlock(&pango_lock);
    return baseline;
}

struct ts_para *ts_para_layout(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *st,
                               const struct ts_text *text, float width, const char *loc_path,
                               long loc_line)
{
    pthread_mutex_lock(&pango_lock);
    struct ts_para *p = layout_para(e, ctx, st, text, width, loc_path, loc_line);
    pthread_mutex_unlock(&pango_lock);
    /* kept for the passes to come: no room to spare */
    p->lines = xrealloc(p->lines, (p->nlines + 1) * sizeof *p->lines);
    p->runs = xrealloc(p->runs, (p->nruns + 1) * sizeof *p->runs);
    p->pieces = xrealloc(p->pieces, (p->npieces + 1) * sizeof *p->pieces);
    p->lines_cap = p->nlines + 1, p->runs_cap = p->nruns + 1, p->pieces_cap = p->npieces + 1;
    return p;
}

void ts_para_free(struct ts_para *p)
{
    if (!p)
        return;
    free(p->lines);
    free(p->runs);
    free(p->pieces);
    free(p->spans);
    free(p->text);
    arena_release(&p->arena);
    free(p);
}

static bool same_link(const struct ts_span *a, const struct ts_span *b)
{
    return a && b && memcmp(&a->link, &b->link, sizeof a->link) == 0;
}

static bool is_link(const struct ts_span *s)
{
    return s && (s->link.uri || s->link.dest || s->link.file);
}

/* Tags around a paragraph's runs: cairo 1.16 marks only the text of structure elements
 * without children, so a paragraph with a link or a label, or drawn in parts, has every
 * run in a leaf of its own: Lbl (the label), then LBody holding the rest; Span for text,
 * Link for a link. */
struct run_tags {
    bool leaves;                /* this paragraph needs them */
    bool span, lbl;             /* open now */
    const char *lang;           /* the open Span's language */
};

static void close_leaf(struct dl_page *page, struct run_tags *t)
{
    if (t->span || t->lbl)
        dl_push(page, DL_TAG_END);
    t->span = t->lbl = false;
}

static void open_tag(struct dl_page *page, const char *role)
{
    dl_push(page, DL_TAG_BEGIN)->as.tag.role = role;
}

static bool same_lang(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

/* Whether line li begins a paragraph of the text after the first (after a paragraph
 * separator): gap pt further down where the text's paragraphs stand apart. */
static bool opens_paragraph(const struct ts_para *p, size_t li)
{
    if (li == 0 || li >= p->nlines || !p->lines[li].nruns)
        return false;
    return starts_paragraph(p->text, p->runs[p->lines[li].first_run].at);
}

float ts_para_height(const struct ts_para *p, float gap)
{
    float h = (float)p->nlines * p->leading;
    for (size_t li = 1; gap > 0 && li < p->nlines; li++)
        h += opens_paragraph(p, li) ? gap : 0;
    return h;
}

static void draw_lines(const struct ts_para *p, size_t from, size_t to, struct dl_document *doc, struct dl_page *page,
                       float x, float y, bool list_item, float gap);

void ts_para_draw(const struct ts_para *p, size_t from, size_t to, struct dl_document *doc,
                  struct dl_page *page, float x, float y)
{
    draw_lines(p, from, to, doc, page, x, y, false, 0);
}

void ts_para_draw_spaced(const struct ts_para *p, struct dl_document *doc, struct dl_page *page, float x, float y,
                         float gap)
{
    draw_lines(p, 0, p->nlines, doc, page, x, y, false, gap);
}

void ts_para_draw_item(const struct ts_para *p, size_t from, size_t to, struct dl_document *doc,
                       struct dl_page *page, float x, float y, bool list_item)
{
    draw_lines(p, from, to, doc, page, x, y, list_item, 0);
}

static void draw_lines(const struct ts_para *p, size_t from, size_t to, struct dl_document *doc, struct dl_page *page,
                       float x, float y, bool list_item, float gap)
{
    struct run_tags tags = { .leaves = list_item };
    bool labelled = list_item; /* a list item's text is its LBody, after its label if it has one */
    for (uint32_t ri = 0; ri < p->nruns; ri++) {
        tags.leaves = tags.leaves || is_link(p->runs[ri].span) || (p->runs[ri].span && p->runs[ri].span->lang);
        labelled = labelled || (p->runs[ri].span && (p->runs[ri].span->flags & TS_LABEL));
    }
    /* a paragraph drawn in parts (across columns or pages) may stand open where a page
     * ends and its running header and footer are drawn: its text goes in leaves too */
    tags.leaves = tags.leaves || labelled || from > 0 || to < p->nlines;
    bool in_body = from > 0; /* the LBody began on the line before */
    const struct ts_span *open_link = NULL;
    float gaps = 0; /* the paragraphs' gaps above line li */
    for (size_t li = from; li < to && li < p->nlines; li++) {
        const struct ts_line *l = &p->lines[li];
        if (gap > 0 && li > from && opens_paragraph(p, li))
            gaps += gap;
        float baseline = y + (float)(li - from) * p->leading + gaps + p->baseline;
        float left = x + p->indent + l->x;
        int pen = 0;            /* from the line's left edge, Pango units */
        uint32_t spaces = 0;    /* the widened spaces passed */
        uint32_t letters = 0;   /* the glyphs of words passed, each moved by letter_extra */
        for (uint32_t ri = l->first_run; ri < l->first_run + l->nruns; ri++) {
            const struct ts_run *r = &p->runs[ri];
            if (open_link && !same_link(open_link, r->span)) {
                dl_push(page, DL_LINK_END);
                open_link = NULL;
            }
            if (tags.leaves) {
                bool label = r->span && (r->span->flags & TS_LABEL);
                if (label && !tags.lbl) {
                    close_leaf(page, &tags);
                    open_tag(page, "Lbl");
                    tags.lbl = true;
                } else if (!label) {
                    if (tags.lbl)
                        close_leaf(page, &tags);
                    if (labelled && !in_body) {
                        open_tag(page, "LBody");
                        in_body = true;
                    }
                    const char *lang = r->span ? r->span->lang : NULL;
                    if (tags.span && (is_link(r->span) || !same_lang(tags.lang, lang)))
                        close_leaf(page, &tags);
                    if (!is_link(r->span) && !tags.span) {
                        struct dl_tag *tag = &dl_push(page, DL_TAG_BEGIN)->as.tag;
                        tag->role = "Span";
                        tag->lang = lang ? dl_strdup(doc, lang) : NULL;
                        tags.span = true;
                        tags.lang = lang;
                    }
                }
            }
            if (!open_link && is_link(r->span)) {
                struct dl_item *it = dl_push(page, DL_LINK_BEGIN);
                const struct ts_link *k = &r->span->link;
                it->as.link.uri = dl_strdup(doc, k->uri);
                it->as.link.dest = dl_strdup(doc, k->dest);
                it->as.link.file = dl_strdup(doc, k->file);
                it->as.link.file_dest = dl_strdup(doc, k->file_dest);
                it->as.link.description = dl_strdup(doc, k->description);
                open_link = r->span;
            }
            const struct ts_piece *pieces = &p->pieces[r->first_piece];
            float ox = left + (float)pen / PANGO_SCALE + (float)spaces * l->space_extra + (float)letters * l->letter_extra;
            uint32_t n = 0;
            for (uint32_t k = 0; k < r->npieces; k++)
                for (uint32_t g = pieces[k].g0; g < pieces[k].g1; g++)
                    n += drawn_glyph(pieces[k].sh, g);
            uint32_t *gid = n ? dl_page_alloc(page, n * sizeof *gid) : NULL;
            struct dl_point *pos = n ? dl_page_alloc(page, n * sizeof *pos) : NULL;
            uint32_t *cluster = n ? dl_page_alloc(page, n * sizeof *cluster) : NULL;
            uint32_t i = 0;
            for (uint32_t k = 0; k < r->npieces; k++) {
                const struct ts_piece *pc = &pieces[k];
                const struct shaped *sh = pc->sh;
                bool space = piece_is_space(p, pc);
                float px = left + (float)spaces * l->space_extra;
                for (uint32_t gi = pc->g0; gi < pc->g1; pen += sh->adv[gi], gi++) {
                    if (!drawn_glyph(sh, gi))
                        continue;
                    gid[i] = sh->gid[gi] & PANGO_GLYPH_UNKNOWN_FLAG ? 0 : sh->gid[gi];
                    pos[i].x = px + (float)letters * l->letter_extra + (float)(pen + sh->dx[gi]) / PANGO_SCALE;
                    letters += !space;
                    pos[i].y = baseline + (float)sh->dy[gi] / PANGO_SCALE;
                    cluster[i] = pc->at + sh->cluster[gi] - r->at;
                    i++;
                }
                if (spaces < l->spaces && space)
                    spaces++;
            }
            if (n == 0)
                continue;
            float width = left + (float)pen / PANGO_SCALE + (float)spaces * l->space_extra +
                          (float)letters * l->letter_extra - ox;
            struct dl_item *it = dl_push(page, DL_GLYPHS);
            struct dl_glyphs *g = &it->as.glyphs;
            g->font = dl_font(doc, r->font_file, r->face_index);
            g->size = r->size;
            struct dl_colour fill = r->span && r->span->colour ? *r->span->colour : p->style->colour;
            g->fill = fill;
            g->n = n;
            g->gid = gid;
            g->pos = pos;
            g->cluster = cluster;
            char *text = dl_page_alloc(page, (size_t)r->len + 1);
            g->utf8_len = shown_text(p->text + r->at, r->len, cluster, n, text);
            g->utf8 = text;
            it->bbox.x = ox;
            it->bbox.y = baseline - r->size * 0.8f;
            it->bbox.w = width;
            it->bbox.h = r->size;
            if (r->span && (r->span->flags & TS_UNDERLINE)) {
                /* underline drawn as a thin rule under the run */
                float uy = baseline + r->size * 0.12f, h = r->size * 0.06f;
                dl_fill_rect(page, (struct dl_rect){ ox, uy, width, h }, &fill); /* not g->fill: items may move */
            }
        }
        /* a link that goes on at the next line stays one Link (cairo gives it one
         * annotation, a quadrilateral a line); what is drawn ends with its links closed */
        const struct ts_line *next = li + 1 < to && li + 1 < p->nlines ? &p->lines[li + 1] : NULL;
        if (open_link && !(next && next->nruns && same_link(open_link, p->runs[next->first_run].span))) {
            dl_push(page, DL_LINK_END);
            open_link = NULL;
        }
        if (!open_link)
            close_leaf(page, &tags);
    }
    if (labelled && in_body && to >= p->nlines)
        dl_push(page, DL_TAG_END); /* the LBody */
}
