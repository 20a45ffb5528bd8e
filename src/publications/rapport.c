/* rapport.c: the voortgangsrapportage: a cover, then the sections of rapport.xml in
 * reading order, each component (timeline, factors, key figures, charts, the map of
 * GKA-gemeenten, tiles, people, quotes, interviews) drawn from the data, with contents,
 * bookmarks, and a tab bar linking the lines of work on every page. */
#include <ctype.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "components.h"

static const char *const needed_styles[] = {
    "body", "brief", "intro", "lead", "lijst", "klein", "titel", "ondertitel", "h1", "h1-deel", "h2", "h2-deel", "h3", "h4", "kenmerk", "bovenkop", "tegel-label", "telling",
    "kaart-meta", "kaart-tekst", "grafiek", "grafiek-waarde", "grafiek-rechts", "inhoud-1", "inhoud-2", "inhoud-3", "inhoud-lijn", "inhoud-onderwerp",
    "citaat", "citaat-opening", "citaat-kolom", "citaat-breed", "citaat-stem", "citaat-stem-bron", "citaat-bron", "achterkant-kop", "achterkant-tekst", "tegel-titel", "tegel-cijfer", "omslag-titel",
    "omslag-ministerie", "omslag-woordmerk", "hoofdstuk-nummer", "paneel-nummer", "paneel-lijn", "paneel-titel", "paneel-deel", "paneel-lead", "inhoud-nummer", "stelling",
    "omslag-ondertitel", "onderschrift", "persoon", "persoon-groot", "persoon-lid", "tabel-kop", "tabel-cel", "tabel-cel-sterk", NULL,
};
static const char *const needed_masters[] = { "omslag", "tekst", NULL };
static const char *const needed_colours[] = {
    "tekst", "grijs", "vlak", "wit", "donkerblauw", "hemelblauw", "lichtblauw", "link", "lijn", "buurland", "water", "kust", "omslag-land",
    "stedelijk-1", "stedelijk-2", "stedelijk-3", "stedelijk-4", "stedelijk-5", NULL,
};

struct rap {
    const struct sectie *section;   /* the section being composed */
    const struct sectie *topic;     /* the top-level section it is in (a page's topic) */
    bool after_interview;           /* the next section follows an interview on its level */
    bool title_across;              /* the next section's title goes across the page: it
                                       follows a diagram that does */
    bool print;                     /* the print edition: no navigation, addresses spelled out */
    struct gka_ctx *ctx;
    const struct model *m;
    const struct lay_layout *l;
    struct ts_engine *e;
    struct ts_flow *f;
    const struct ts_result *prev;   /* the previous pass, for page numbers; NULL in the first */
    struct arena arena;             /* this pass's strings and figure data */
    float column;                   /* the width of a text column, pt */
    float measure;                  /* the width of the text area, all its columns, pt */
    const struct dl_colour *link, *grey, *light, *white, *text;
    /* the colours of the line of work being composed (lijn_colours): its field, its accent
       and its light tint on the field */
    const struct dl_colour *dark, *accent, *on_dark;
    const struct dl_colour *klasse[5];
    const struct comp_outline *outline; /* the map's countries */
    const char *sub;                /* the role of a heading inside the current section: one level
                                       below the section's own, so that no level is skipped */
    float opener_heading;           /* the tallest heading on an opener's panel (opener_heading) */
};

/* The programme's name, never broken over two lines where it fits one. */
static const char *const PROGRAMME = "Gelijke Kansen Alliantie";

#define STYLE(r, name) lay_style((r)->l, name)

static struct ts_block *para(struct rap *r, const char *style, const char *role, const char *text)
{
    return pub_para(r->f, STYLE(r, style), role, text);
}

/* A colour of line of work l: the house style's actielijn-N with suffix, or the colour
 * named otherwise where the style has none for it or there is no line. */
static const struct dl_colour *lijn_colour(const struct rap *r, const struct lijn *l, const char *suffix,
                                           const char *otherwise)
{
    const struct dl_colour *c = NULL;
    if (l) {
        char name[48];
        snprintf(name, sizeof name, "actielijn-%d%s", l->nr, suffix);
        c = lay_colour(r->l, name);
    }
    return c ? c : lay_colour(r->l, otherwise);
}

/* Composes what follows in the colours of line of work l (none: the report's own), so that
 * each line's pages are known by theirs: its band, its rules and bars, its numerals. */
static void lijn_colours(struct rap *r, const struct lijn *l)
{
    r->dark = lijn_colour(r, l, "", "donkerblauw");
    r->accent = lijn_colour(r, l, "-accent", "hemelblauw");
    r->on_dark = lijn_colour(r, l, "-licht", "lichtblauw");
}

static const char *number(struct rap *r, long value)
{
    char buf[32];
    pub_number(buf, sizeof buf, value);
    return pub_fmt(&r->arena, "%s", buf);
}

static struct ts_block *figure(struct rap *r, float height, ts_draw_fn draw, const void *data, const char *alt)
{
    struct ts_block *b = ts_flow_add(r->f, TS_FIGURE);
    b->amount = height;
    b->draw = draw;
    b->draw_data = data;
    b->alt = alt;
    return b;
}

static const struct dl_colour *klasse_colour(const struct rap *r, int waarde)
{
    return r->klasse[(waarde >= 1 && waarde <= 5 ? waarde : 5) - 1];
}

/* ---- series: the figures a chart shows, computed from the model ---- */

struct series {
    const char *title;
    const char *unit;               /* what is counted: "interventies", "gemeenten" */
    size_t n;
    const char **labels;
    long *values;
    const struct dl_colour **colours;
};

static void series_add(struct series *s, size_t cap, const char *label, long value,
                       const struct dl_colour *colour)
{
    if (s->n >= cap)
        return;
    s->labels[s->n] = label;
    s->values[s->n] = value;
    s->colours[s->n] = colour;
    s->n++;
}

/* A chart's figures, without its scale; NULL for an unknown gegevens (the schema admits
 * only known ones). */
static struct series *series_values(struct rap *r, const char *gegevens)
{
    const struct model *m = r->m;
    size_t cap = m->nthemas + m->nsectoren + m->nklassen + m->nprovincies + m->njaren + 2;
    struct series *s = arena_alloc(&r->arena, sizeof *s);
    memset(s, 0, sizeof *s);
    s->labels = arena_alloc(&r->arena, cap * sizeof *s->labels);
    s->values = arena_alloc(&r->arena, cap * sizeof *s->values);
    s->colours = arena_alloc(&r->arena, cap * sizeof *s->colours);
    if (strcmp(gegevens, "thema") == 0) {
        s->title = "interventies per thema", s->unit = "interventies";
        for (size_t i = 0; i < m->nthemas; i++)
            if (m->themas[i].n_interventies)
                /* one measure, sorted: one colour (the thema's colours mark the bundel's
                 * chapters; here they would only be told apart) */
                series_add(s, cap, m->themas[i].naam, m->themas[i].n_interventies, r->accent);
        pub_sort_largest_first(s->n, s->labels, s->values, s->colours);
    } else if (strcmp(gegevens, "sector") == 0) {
        s->title = "interventies per onderwijssector", s->unit = "interventies";
        for (size_t i = 0; i < m->nsectoren; i++)
            series_add(s, cap, m->sectoren[i].naam, m->sectoren[i].n_interventies, r->accent);
    } else if (strcmp(gegevens, "stedelijkheid") == 0) {
        s->title = "GKA-gemeenten per stedelijkheidsklasse (CBS)", s->unit = "gemeenten";
        for (size_t i = 0; i < m->nklassen; i++)
            series_add(s, cap, m->klassen[i].naam, m->klassen[i].n_agendas, klasse_colour(r, m->klassen[i].waarde));
    } else if (strcmp(gegevens, "provincie") == 0) {
        s->title = "GKA-gemeenten per provincie", s->unit = "gemeenten";
        for (size_t i = 0; i < m->nprovincies; i++)
            series_add(s, cap, m->per_provincie[i].key, m->per_provincie[i].n_agendas, r->accent);
    } else if (strcmp(gegevens, "toetreding") == 0) {
        s->title = "GKA-gemeenten per jaar van toetreding", s->unit = "gemeenten";
        for (size_t i = 0; i < m->njaren; i++)
            series_add(s, cap, pub_fmt(&r->arena, "%d", m->per_jaar[i].year), m->per_jaar[i].n_agendas, r->accent);
    } else if (strcmp(gegevens, "groei") == 0) { /* the network as it grew: all that had joined by then */
        s->title = "GKA-gemeenten in totaal, per jaar", s->unit = "gemeenten";
        long total = 0;
        for (size_t i = 0; i < m->njaren; i++) {
            total += m->per_jaar[i].n_agendas;
            series_add(s, cap, pub_fmt(&r->arena, "%d", m->per_jaar[i].year), total, r->accent);
        }
    } else if (strcmp(gegevens, "mbo-hbo") == 0) {
        s->title = "interventies met een link naar het mbo en het hbo", s->unit = "interventies";
        series_add(s, cap, "mbo", m->n_mbo, r->accent);
        series_add(s, cap, "hbo", m->n_hbo, r->accent);
    } else {
        return NULL;
    }
    return s;
}

static const char *series_alt(struct rap *r, const struct series *s, const char *form)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s van de %s:", form, s->title);
    for (size_t i = 0; i < s->n; i++)
        sb_printf(&sb, "%s %s %ld", i ? ";" : "", s->labels[i], s->values[i]);
    sb_append(&sb, ".");
    const char *out = pub_fmt(&r->arena, "%s", sb.data);
    sb_release(&sb);
    return out;
}

static bool drawn_as(const struct content *c, const char *form)
{
    const char *vorm = content_attr(c, "vorm");
    return vorm && strcmp(vorm, form) == 0;
}

/* The largest figure the bar charts that count unit show in the contents from c on (and
 * in their sections), 0 where there are none. */
static long largest_bar(struct rap *r, const struct content *c, const char *unit)
{
    long largest = 0;
    for (; c; c = c->next) {
        if (c->kind == C_SECTIE) {
            long in = largest_bar(r, c->sectie->inhoud, unit);
            largest = in > largest ? in : largest;
        } else if (c->kind == C_GRAFIEK && !drawn_as(c, "bellen") && !drawn_as(c, "gestapeld")) {
            const char *gegevens = content_attr(c, "gegevens");
            const struct series *s = series_values(r, gegevens ? gegevens : "");
            for (size_t i = 0; s && strcmp(s->unit, unit) == 0 && i < s->n; i++)
                largest = s->values[i] > largest ? s->values[i] : largest;
        }
    }
    return largest;
}

/* A stacked bar's parts: the first its colour this far mixed with the dark, the last
 * this far mixed with the paper. */
static const float STACK_DEEPEST = 0.45f, STACK_LIGHTEST = 0.72f;

static void chart(struct rap *r, const struct content *c)
{
    const char *gegevens = content_attr(c, "gegevens");
    struct series *s = series_values(r, gegevens ? gegevens : "");
    if (!s)
        return;
    struct comp_chart *ch = arena_alloc(&r->arena, sizeof *ch);
    const char **values = arena_alloc(&r->arena, (s->n + 1) * sizeof *values);
    for (size_t i = 0; i < s->n; i++)
        values[i] = number(r, s->values[i]);
    *ch = (struct comp_chart){ .e = r->e, .ctx = r->ctx, .label = STYLE(r, "grafiek"),
                               .value = STYLE(r, "grafiek-waarde"), .axis = lay_colour(r->l, "lijn"), .paper = r->white, .on_colour = r->white,
                               .off_colour = r->text, .n = s->n, .labels = s->labels, .values = values,
                               .amounts = s->values, .colours = s->colours,
                               /* the bar charts of a page's topic that count the same
                                  (interventies by sector and by thema side by side) on
                                  one scale, as a reader compares them */
                               .whole = r->topic ? largest_bar(r, r->topic->inhoud, s->unit) : 0 };
    const char *titel = content_attr(c, "titel");
    /* a title that says what the section's heading says already is left out */
    if (titel && !(r->section && strcmp(titel, r->section->titel) == 0))
        para(r, "h3", "P", titel);
    /* bubbles for the many thema's; the parts of one whole as one bar, in tints of the
     * accent from dark to light in their order; every other form is drawn as bars, which
     * show each value as exactly */
    if (drawn_as(c, "bellen")) {
        figure(r, comp_bubbles_height(r->column, s->n), comp_bubbles_draw, ch, series_alt(r, s, "Bellendiagram"));
    } else if (drawn_as(c, "gestapeld")) {
        struct dl_colour *tints = arena_alloc(&r->arena, (s->n + 1) * sizeof *tints);
        const struct dl_colour **colours = arena_alloc(&r->arena, (s->n + 1) * sizeof *colours);
        for (size_t i = 0; i < s->n; i++) {
            /* the first part deeper than the accent, the others lighter step by step: each
             * told from the next at a glance */
            tints[i] = i == 0 && s->n > 2 ? dl_mixed(*s->colours[i], r->dark, STACK_DEEPEST)
                       : dl_lightened(*s->colours[i], s->n > 2 ? STACK_LIGHTEST * (float)(i - 1) / (float)(s->n - 2)
                                                                : STACK_LIGHTEST * (float)i);
            colours[i] = &tints[i];
        }
        ch->colours = colours;
        figure(r, comp_stacked_height(ch, r->column), comp_stacked_draw, ch,
               series_alt(r, s, "Gestapelde staaf"));
    } else
        figure(r, comp_bars_height(ch), comp_bars_draw, ch, series_alt(r, s, "Staafdiagram"));
    ts_flow_add(r->f, TS_SPACE)->amount = 6;
}

/* ---- key figures as tiles ---- */

static const char *kerncijfer_value(struct rap *r, const struct content *c)
{
    for (const struct content *k = c->first_child; k; k = k->next)
        if (k->kind == C_GETAL)
            return number(r, k->value);
    /* a figure the data gives, written the Dutch way: 8.000, 8,1 */
    const char *waarde = content_attr(c, "waarde");
    if (!waarde)
        return "";
    const char *point = strchr(waarde, '.');
    const char *whole = number(r, strtol(waarde, NULL, 10));
    return point ? pub_fmt(&r->arena, "%s,%s", whole, point + 1) : whole;
}

/* A key figure in words, for a reader that does not see it: "ruim 8.000 volgers". */
static const char *figure_words(struct rap *r, const char *qualifier, const char *figure, const char *label)
{
    return pub_fmt(&r->arena, "%s%s%s%s%s", qualifier ? qualifier : "", qualifier ? " " : "", figure, label ? " " : "",
                   label ? label : "");
}

/* Key figures as the report's tiles look, room for n of them (t->n still 0). */
static struct comp_tiles *new_tiles(struct rap *r, size_t n)
{
    struct comp_tiles *t = arena_alloc(&r->arena, sizeof *t);
    *t = (struct comp_tiles){ .e = r->e, .ctx = r->ctx, .value = STYLE(r, "telling"), .label = STYLE(r, "tegel-label"),
                              .fill = r->light, .accent = r->accent };
    t->labels = arena_alloc(&r->arena, (n + 1) * sizeof *t->labels);
    t->values = arena_alloc(&r->arena, (n + 1) * sizeof *t->values);
    t->qualifiers = arena_alloc(&r->arena, (n + 1) * sizeof *t->qualifiers);
    return t;
}

/* Key figures as tiles side by side, in a column or across the page (across: the figures a
 * topic opens with); pt under those across it. */
enum { KEY_FIGURES_UNDER = 10 };
static void key_figures(struct rap *r, const struct content *first, bool across)
{
    size_t n = 0;
    for (const struct content *c = first; c && c->kind == C_KERNCIJFER; c = c->next)
        n++;
    struct comp_tiles *t = new_tiles(r, n);
    struct strbuf alt;
    sb_init(&alt);
    sb_append(&alt, "Kerncijfers:");
    for (const struct content *c = first; c && c->kind == C_KERNCIJFER; c = c->next) {
        const char *label = content_attr(c, "label");
        t->labels[t->n] = label ? label : "";
        t->values[t->n] = kerncijfer_value(r, c);
        t->qualifiers[t->n] = content_attr(c, "bij");
        sb_printf(&alt, "%s %s", t->n ? ";" : "", figure_words(r, t->qualifiers[t->n], t->values[t->n], label));
        t->n++;
    }
    sb_append(&alt, ".");
    /* apart by the columns' gutter, across the page on their grid as the diagrams' cards,
     * in a column too: one distance between tiles wherever they stand */
    const struct ts_master *tekst = lay_master(r->l, "tekst");
    if (tekst)
        t->gap = tekst->gutter;
    struct ts_block *b = figure(r, comp_tiles_measure(t, across ? r->measure : r->column), comp_tiles_draw, t,
                                pub_fmt(&r->arena, "%s", alt.data));
    b->span = across ? TS_SPAN_ALL : 0;
    sb_release(&alt);
    /* across the page, the text under them begins a line's space lower: they close a band
     * of their own, as a heading's panel does */
    if (across)
        ts_flow_add(r->f, TS_SPACE)->amount = KEY_FIGURES_UNDER;
}

/* The role of a heading one level below role (H2 .. H6). */
static const char *deeper_role(const char *role)
{
    static const char *const roles[] = { "H2", "H3", "H4", "H5", "H6" };
    for (size_t i = 0; i + 1 < sizeof roles / sizeof roles[0]; i++)
        if (strcmp(role, roles[i]) == 0)
            return roles[i + 1];
    return role;
}

/* The agenda an interview is about, in figures: its interventies and thema's as tiles, since
 * when it is in the GKA and its inhabitants in a line, and a link to its factsheet; kept
 * together, at the end of the interview's columns. */
static void agenda_facts(struct rap *r, const struct agenda *a)
{
    const struct model *m = r->m;
    ts_flow_add(r->f, TS_GROUP_BEGIN);
    para(r, "kenmerk", deeper_role(r->sub), pub_fmt(&r->arena, "%s in de GKA", a->naam));
    const long counts[2] = { (long)a->ninterventies, (long)pub_agenda_themas(m, a) };
    struct comp_tiles *t = new_tiles(r, 2);
    t->n = 2;
    t->values = pub_numbers(&r->arena, 2, counts);
    t->labels[0] = a->ninterventies == 1 ? "interventie in de GKA-agenda" : "interventies in de GKA-agenda";
    t->labels[1] = pub_fmt(&r->arena, "van de %zu thema\xE2\x80\x99s", m->nthemas);
    figure(r, comp_tiles_measure(t, r->column), comp_tiles_draw, t,
           pub_fmt(&r->arena, "%s: %s %s, %s %s.", a->naam, t->values[0], t->labels[0], t->values[1], t->labels[1]));
    char inwoners[32];
    pub_number(inwoners, sizeof inwoners, a->inwoners);
    struct ts_block *b = para(r, "kaart-tekst", "P", pub_fmt(&r->arena, "In de GKA sinds %d \xC2\xB7 %s inwoners. ",
                                                             a->toegetreden, inwoners));
    struct ts_link sheet = { .file = pub_fmt(&r->arena, "factsheets/%s.pdf", a->id),
                             .description = pub_fmt(&r->arena, "Factsheet van %s", a->naam) };
    if (!r->print)
        /* "Factsheet van" not parted from the name: the link's words read as one */
        ts_text_add(&b->text, pub_fmt(&r->arena, "Factsheet\xC2\xA0van\xC2\xA0%s", a->naam), pub_link_flags(r->link),
                    r->link, &sheet);
    ts_flow_add(r->f, TS_GROUP_END);
}

/* ---- diagrams ---- */

/* The text of blocks (paragraphs, list items) as one plain string, set as Dutch text is
 * (quotes, numbers), the blocks joined by `between` (a space, or a line separator). */
static void plain_into(struct ts_text *t, const struct content *blocks, const char *between,
                       const struct dl_colour *link_colour)
{
    for (const struct content *b = blocks; b; b = b->next) {
        bool block = b->kind == C_P || b->kind == C_H || b->kind == C_LI || b->kind == C_UL || b->kind == C_OL;
        if (!block) { /* inline content: all of it at once */
            pub_inline(t, b, 0, link_colour);
            return;
        }
        if (t->utf8.len)
            ts_text_add(t, between, 0, NULL, NULL);
        if (b->kind == C_UL || b->kind == C_OL)
            plain_into(t, b->first_child, between, link_colour);
        else
            pub_inline(t, b->first_child, 0, link_colour);
    }
}

static const char *plain_text(struct rap *r, const struct content *blocks, const char *between)
{
    struct ts_text t;
    ts_text_init(&t);
    plain_into(&t, blocks, between, r->link); /* in print, a web link's address after its words */
    const char *s = pub_fmt(&r->arena, "%s", t.utf8.data ? t.utf8.data : "");
    ts_text_release(&t);
    return s;
}

/* The text of block b alone (not of those after it). */
static const char *block_text(struct rap *r, const struct content *b)
{
    struct content only = *b;
    only.next = NULL;
    return plain_text(r, &only, " ");
}

/* A diagram of the report's styles and colours, without parts yet. */
static struct comp_diagram *new_diagram(struct rap *r, enum comp_diagram_form form)
{
    struct comp_diagram *d = arena_alloc(&r->arena, sizeof *d);
    struct ts_style *inverse = arena_alloc(&r->arena, sizeof *inverse);
    *inverse = *STYLE(r, "tegel-titel");
    inverse->colour = *r->white;
    struct ts_style *entry = arena_alloc(&r->arena, sizeof *entry);
    *entry = *STYLE(r, "kaart-tekst");
    entry->hyphenate = false; /* a title in a list of contents, whole words */
    /* a card's text in whole words too: in cards four across, hyphens came every other line */
    struct ts_style *text = arena_alloc(&r->arena, sizeof *text);
    *text = *entry;
    /* a title in the colours of the page's line of work; one that is a link, a link's */
    struct ts_style *title = arena_alloc(&r->arena, sizeof *title);
    *title = *STYLE(r, "tegel-titel");
    title->colour = *r->dark;
    *d = (struct comp_diagram){ .e = r->e, .ctx = r->ctx, .form = form, .number = STYLE(r, "telling"),
                                .title = title, .title_linked = STYLE(r, "tegel-titel"), .text = text,
                                .entry = entry, .entry_page = STYLE(r, "tabel-cel-sterk"),
                                .inverse = inverse, .figure = STYLE(r, "tegel-cijfer"),
                                .figure_label = STYLE(r, "kaart-tekst"), .fill = r->light, .accent = r->accent,
                                .dark = r->dark, .rule = lay_colour(r->l, "lijn"), .link = r->link };
    /* side by side across the page, on the grid of the columns of text */
    const struct ts_master *tekst = lay_master(r->l, "tekst");
    d->gap = tekst ? tekst->gutter : 0;
    return d;
}

/* Cards that list the sections of the lines of work (an overview of the report) as the
 * lines open: on the dark field, in white, the number as large, their entries at the foot. */
static void overview(struct rap *r, struct comp_diagram *d, bool of_parts)
{
    struct ts_style *styles = arena_alloc(&r->arena, 7 * sizeof *styles);
    const struct ts_style *from[7] = { NULL, d->title, d->text, d->entry, d->entry_page, STYLE(r, "telling"),
                                       d->figure_label };
    /* the number as large as the line's opener has it; the parts' of a chapter as the
     * contents number the chapters (their cards share the page with text) */
    styles[0] = *STYLE(r, of_parts ? "inhoud-nummer" : "paneel-nummer");
    styles[0].space_before = 0;
    styles[0].colour = STYLE(r, "paneel-nummer")->colour; /* light on the field */
    for (int i = 1; i < 7; i++) {
        styles[i] = *from[i];
        styles[i].colour = *r->white;
    }
    d->number = &styles[0], d->title = &styles[1], d->text = &styles[2], d->entry = &styles[3];
    d->title_linked = NULL; /* white on the field, links too */
    d->entry_page = &styles[4], d->figure = &styles[5], d->figure_label = &styles[6];
    styles[6].hyphenate = false; /* a figure's few words, whole */
    d->fill = r->dark;
    d->accent = lay_colour(r->l, "lichtblauw");
    d->rule = lay_colour(r->l, "lichtblauw");
    d->entries_at_foot = true;
}

/* Diagram d as a figure across the text area, alt its words, with a space after it. */
static struct ts_block *diagram_figure(struct rap *r, struct comp_diagram *d, const char *alt)
{
    struct ts_block *b = figure(r, comp_diagram_measure(d, r->measure), comp_diagram_draw, d, pub_fmt(&r->arena, "%s", alt));
    b->span = TS_SPAN_ALL;
    /* the end of a page: pillars reach down to the margin, and so do the cards of an
     * overview, their entries at their foot (other cards stay as tall as their text: a
     * pale card stretched beyond it reads as empty) */
    b->grow = d->form == COMP_DIAGRAM_PILLARS || d->entries_at_foot ? 2 : 0;
    ts_flow_add(r->f, TS_SPACE)->amount = 10;
    return b;
}

static const char *short_title(const struct sectie *s)
{
    return s->kort ? s->kort : s->titel;
}

/* Whether s is the first top-level section of its line of work. */
static bool opens_lijn(const struct model *m, const struct sectie *s)
{
    for (size_t i = 0; i < m->rapport.nsecties; i++)
        if (m->rapport.secties[i]->lijn == s->lijn)
            return m->rapport.secties[i] == s;
    return false;
}

/* What a card that stands for a line of work lists under its text, each with its page:
 * the top-level sections of line l; or, for a part of a chapter (l NULL), the sections
 * in it. */
static void line_entries(struct rap *r, struct comp_diagram_part *part, const struct lijn *l,
                         const struct sectie *of_part)
{
    const struct rapport *rp = &r->m->rapport;
    struct sectie *const *secties = l ? rp->secties : of_part->subsecties;
    size_t nsecties = l ? rp->nsecties : of_part->nsubsecties;
    struct comp_diagram_entry *e = arena_alloc(&r->arena, (nsecties + 1) * sizeof *e);
    size_t n = 0;
    for (size_t i = 0; i < nsecties; i++) {
        const struct sectie *s = secties[i];
        if (l && s->lijn != l)
            continue;
        char page[16];
        pub_page_of(r->prev, s->id, page, sizeof page);
        /* a part's sections by their short titles: a card lists many in a third of the page */
        e[n++] = (struct comp_diagram_entry){ .page = pub_fmt(&r->arena, "%s", page),
                                              .label = l ? s->titel : short_title(s),
                                              .dest = r->print ? NULL : s->id };
    }
    part->entries = e;
    part->nentries = n;
}

/* A diagram across the text area: its parts from the data, its alt text said from them in
 * the order a reader meets them. */
static void diagram(struct rap *r, const struct content *c)
{
    const char *vorm = content_attr(c, "vorm"), *genummerd = content_attr(c, "genummerd");
    struct comp_diagram *d = new_diagram(r, vorm && strcmp(vorm, "pijlers") == 0   ? COMP_DIAGRAM_PILLARS
                                            : vorm && strcmp(vorm, "stappen") == 0 ? COMP_DIAGRAM_STEPS
                                                                                   : COMP_DIAGRAM_CARDS);
    d->roof = content_attr(c, "dak");
    d->base = content_attr(c, "basis");
    if (d->form == COMP_DIAGRAM_STEPS) {
        /* the steps' narrow cards break only long compounds: a hyphen on every other line
         * of a short text reads as stammering */
        struct ts_style *text = arena_alloc(&r->arena, sizeof *text);
        *text = *d->text;
        text->hyphen_min_word = 12;
        text->hyphen_min_left = text->hyphen_min_right = 4;
        d->text = text;
    }
    size_t n = 0;
    for (const struct content *p = c->first_child; p; p = p->next)
        n += p->kind == C_ONDERDEEL;
    struct comp_diagram_part *parts = arena_alloc(&r->arena, (n + 1) * sizeof *parts);
    bool of_parts = false; /* cards that list the sections of a chapter's parts */
    struct strbuf alt;
    sb_init(&alt);
    if (d->form == COMP_DIAGRAM_PILLARS)
        sb_printf(&alt, "Schema: %s rust op %zu pijlers:", d->roof ? d->roof : "het geheel", n);
    else
        sb_printf(&alt, "Schema in %zu %s:", n, d->form == COMP_DIAGRAM_STEPS ? "stappen" : "delen");
    for (const struct content *p = c->first_child; p; p = p->next) {
        if (p->kind != C_ONDERDEEL)
            continue;
        struct comp_diagram_part *part = &parts[d->n];
        part->title = content_attr(p, "titel");
        if (genummerd && strcmp(genummerd, "ja") == 0)
            part->number = pub_fmt(&r->arena, "%zu", d->n + 1);
        if (p->first_child) /* a key figure in it is not text: one alone leaves none */
            part->text = plain_text(r, p->first_child, " ");
        if (part->text && !part->text[0])
            part->text = NULL;
        for (const struct content *k = p->first_child; k; k = k->next)
            if (k->kind == C_KERNCIJFER) {
                part->figure = kerncijfer_value(r, k);
                part->figure_qualifier = content_attr(k, "bij");
                part->figure_label = content_attr(k, "label");
            }
        if (p->image && d->form == COMP_DIAGRAM_PILLARS) {
            struct comp_image *icon = arena_alloc(&r->arena, sizeof *icon);
            *icon = (struct comp_image){ .path = p->image, .px_width = (float)p->image_width,
                                         .px_height = (float)p->image_height, .aspect = 1, .focus_x = 0.5f,
                                         .focus_y = 0.5f, .fit = true };
            part->icon = icon;
        }
        const char *href = content_attr(p, "href");
        if (href && href[0] == '#' && !r->print) {
            part->dest = href + 1;
            part->link_description = p->sectie ? p->sectie->titel : part->title;
        } else if (href && !r->print) {
            part->uri = href;
            part->link_description = pub_fmt(&r->arena, "%s (website)", part->title ? part->title : href);
        }
        /* a card for a line of work lists the line's sections, a contents of its own */
        const struct sectie *target = p->sectie;
        if (d->form == COMP_DIAGRAM_CARDS && target && target->parent && target->soort == S_HOOFDSTUK &&
            target->nsubsecties) { /* a part of a chapter (the magazine's Lijn 1 to 3) lists its own */
            line_entries(r, part, NULL, target);
            of_parts = true;
        }
        if (d->form == COMP_DIAGRAM_CARDS && target && !target->parent && target->lijn && opens_lijn(r->m, target))
            line_entries(r, part, target->lijn, NULL);
        /* a card for the section a line of work begins with: in the line's colours */
        if (d->form == COMP_DIAGRAM_CARDS && target && target->lijn &&
            (target->parent ? target->parent->lijn != target->lijn : opens_lijn(r->m, target))) {
            part->fill = lijn_colour(r, target->lijn, "", "donkerblauw");
            part->accent = lijn_colour(r, target->lijn, "-licht", "lichtblauw");
        }
        sb_printf(&alt, "%s %s%s%s%s%s", d->n ? ";" : "", part->number ? part->number : "", part->number ? ". " : "",
                  part->title ? part->title : "", part->text ? ": " : "", part->text ? part->text : "");
        if (part->figure)
            sb_printf(&alt, " (%s)", figure_words(r, part->figure_qualifier, part->figure, part->figure_label));
        d->n++;
    }
    bool lists = false;
    for (size_t i = 0; i < d->n; i++)
        lists = lists || parts[i].nentries;
    if (lists)
        overview(r, d, of_parts);
    if (d->base)
        sb_printf(&alt, "; het geheel staat op %s", d->base);
    sb_append(&alt, ".");
    d->parts = parts;
    struct ts_block *b = diagram_figure(r, d, alt.data);
    if (c->next) /* text follows on the page: the cards as tall as their contents */
        b->grow = 0;
    b->loc_path = c->loc.path, b->loc_line = c->loc.line;
    sb_release(&alt);
}

/* ---- the map of GKA-gemeenten ---- */

static int by_inwoners(const void *a, const void *b)
{
    const struct agenda *x = *(const struct agenda *const *)a, *y = *(const struct agenda *const *)b;
    if (x->inwoners != y->inwoners)
        return x->inwoners < y->inwoners ? 1 : -1;
    return strcmp(x->id, y->id);
}

/* Every gemeente a dot in its class's colour that opens its agenda's factsheet; the names
 * of the 24 largest agenda's; the classes with how many GKA-gemeenten each has. */
static struct comp_map *map_of(struct rap *r)
{
    const struct model *m = r->m;
    struct comp_map *map = arena_alloc(&r->arena, sizeof *map);
    struct comp_map_place *places = arena_alloc(&r->arena, (m->ngemeenten + 1) * sizeof *places);
    for (size_t i = 0; i < m->ngemeenten; i++) {
        const struct gemeente *g = &m->gemeenten[i];
        places[i] = (struct comp_map_place){
            .lat = g->lat, .lon = g->lon, .radius = 3.5f, .fill = klasse_colour(r, g->stedelijkheid),
            .outline = r->dark, .outline_width = 0.6f,
            .link_file = pub_fmt(&r->arena, "factsheets/%s.pdf", g->agenda->id),
            .link_description = pub_fmt(&r->arena, "Factsheet van %s", g->agenda->naam) };
    }
    const struct agenda **order = xcalloc(m->nagendas + 1, sizeof *order);
    for (size_t i = 0; i < m->nagendas; i++)
        order[i] = &m->agendas[i];
    qsort(order, m->nagendas, sizeof *order, by_inwoners);
    struct comp_map_label *labels = arena_alloc(&r->arena, (m->nagendas + 1) * sizeof *labels);
    for (size_t i = 0; i < m->nagendas; i++)
        labels[i] = (struct comp_map_label){ order[i]->naam, order[i]->leden[0]->lat, order[i]->leden[0]->lon };
    free(order);
    struct comp_map_legend *legend = arena_alloc(&r->arena, (m->nklassen + 1) * sizeof *legend);
    for (size_t i = 0; i < m->nklassen; i++) {
        const struct stedelijkheidsklasse *k = &m->klassen[i];
        legend[i] = (struct comp_map_legend){ klasse_colour(r, k->waarde),
                                              pub_fmt(&r->arena, "%d %s (%d)", k->waarde, k->naam, k->n_agendas),
                                              k->omschrijving };
    }
    *map = (struct comp_map){ .e = r->e, .ctx = r->ctx, .style = STYLE(r, "grafiek"), .sea = lay_colour(r->l, "water"),
                              .shapes = r->outline, .country = r->white, .neighbours = lay_colour(r->l, "buurland"),
                              .coast = lay_colour(r->l, "kust"), .border = lay_colour(r->l, "lijn"),
                              .outline = r->dark, .places = places, .nplaces = m->ngemeenten, .labels = labels,
                              .nlabels = m->nagendas, .max_labels = 24, .legend = legend, .nlegend = m->nklassen };
    return map;
}

/* The map's alt text: what it shows, in words. */
static const char *map_alt(struct rap *r)
{
    const struct model *m = r->m;
    struct strbuf alt;
    sb_init(&alt);
    sb_printf(&alt, "Kaart van Nederland met de %zu gemeenten van de %zu GKA-agenda's als stippen, gekleurd naar "
                    "stedelijkheid:", m->ngemeenten, m->nagendas);
    for (size_t i = 0; i < m->nklassen; i++)
        sb_printf(&alt, "%s %s %d", i ? ";" : "", m->klassen[i].naam, m->klassen[i].n_agendas);
    sb_append(&alt, ". Elke stip opent de factsheet van de gemeente.");
    const char *s = pub_fmt(&r->arena, "%s", alt.data);
    sb_release(&alt);
    return s;
}

/* The note under the map: where its dots lead, and where the interventies are. */
static void map_note(struct rap *r)
{
    struct ts_block *b = para(r, "onderschrift", "P", r->print ? "Elke gemeente heeft een factsheet met haar GKA-agenda. "
                                                          "Alle interventies staan in de "
                                                        : "Klik op een gemeente voor haar factsheet, met de link naar "
                                                          "de lokale GKA-agenda. Alle interventies staan in de ");
    struct ts_link bundel = { .file = pub_fmt(&r->arena, "interventiebundel-%d.pdf", r->m->jaar),
                              .description = pub_fmt(&r->arena, "De interventiebundel %d", r->m->jaar) };
    ts_text_add(&b->text, pub_fmt(&r->arena, "interventiebundel %d", r->m->jaar), pub_link_flags(r->link), r->link,
                &bundel);
    ts_text_add(&b->text, ".", 0, NULL, NULL);
}

/* The text area's height on a page of the master tekst. */
static float text_height(const struct rap *r)
{
    const struct ts_master *tekst = lay_master(r->l, "tekst");
    return r->l->page_height - tekst->margin_top - tekst->margin_bottom;
}

/* Whether the map takes a column of its own, beside the section's text: where a column is
 * wide enough for the map to stand most of its height (a landscape page). */
static bool map_apart(const struct rap *r)
{
    return r->column < r->measure && nl_map_height(r->column) >= 0.6f * text_height(r);
}

/* The map apart, at the end of its section (c): its title, legend and note under the
 * section's text, the map itself at the top of the next column, as tall as the column
 * lets it be. */
static void kaart_apart(struct rap *r, const struct content *c)
{
    struct comp_map *map = map_of(r), *alone = arena_alloc(&r->arena, sizeof *alone);
    *alone = *map;
    alone->nlegend = 0;
    ts_flow_add(r->f, TS_GROUP_BEGIN);
    const char *titel = content_attr(c, "titel");
    if (titel)
        para(r, "h3", "P", titel);
    figure(r, comp_map_legend_height(map->nlegend), comp_map_legend_draw, map, NULL);
    map_note(r);
    ts_flow_add(r->f, TS_GROUP_END);
    ts_flow_add(r->f, TS_COLUMN_BREAK);
    struct ts_block *b = figure(r, fminf(nl_map_height(r->column), text_height(r)), comp_map_draw, alone, map_alt(r));
    b->loc_path = c->loc.path, b->loc_line = c->loc.line;
}

static void kaart(struct rap *r, const struct content *c)
{
    const struct model *m = r->m;
    const char *titel = content_attr(c, "titel");
    if (titel)
        para(r, "h3", "P", titel);
    float map_h = nl_map_height(r->column), legend = comp_map_legend_height(m->nklassen);
    /* the map, its legend and the note under it in one column, under the headings over the
     * map: the section's title when the map opens it, and the map's own */
    const struct ts_style *h3 = STYLE(r, "h3"), *note = STYLE(r, "onderschrift");
    float above = titel ? h3->space_before + h3->leading + h3->space_after : 0;
    if (r->section && r->section->inhoud == c && r->section->titel) {
        const struct ts_style *h1 = STYLE(r, "h1");
        above += draw_text_height(r->e, r->ctx, h1, r->section->titel, r->column) + h1->space_after;
    }
    float frame_h = text_height(r) - above - 3 * note->leading - 12;
    if (map_h + legend > frame_h)
        map_h = frame_h - legend;
    ts_flow_add(r->f, TS_GROUP_BEGIN); /* the note stays under the map */
    figure(r, map_h + legend, comp_map_draw, map_of(r), map_alt(r));
    map_note(r);
    ts_flow_add(r->f, TS_GROUP_END);
}

/* ---- the timeline ---- */

/* The month in the middle of the season a word names ("voorjaar": April), or 0. */
static int season_month(const char *word, size_t len)
{
    static const struct { const char *name; int month; } seasons[] = {
        { "voorjaar", 4 }, { "lente", 4 }, { "zomer", 7 }, { "najaar", 10 }, { "herfst", 10 }, { "winter", 1 },
    };
    for (size_t i = 0; i < sizeof seasons / sizeof seasons[0]; i++)
        if (strlen(seasons[i].name) == len && strncmp(seasons[i].name, word, len) == 0)
            return seasons[i].month;
    return 0;
}

/* Where a milestone's date lies in years, from *start to *end: a moment ("31 oktober
 * 2016", "voorjaar 2021", "2021") at its month's middle (a season's middle month) or its
 * year's; a period ("januari–april 2021", "november 2020–maart 2021", "2019–2022") from
 * its first month's or year's start to its last one's end. Both 0 without a year. */
static void milestone_span(const char *datum, float *start, float *end)
{
    int years[2] = { 0, 0 }, months[2] = { 0, 0 }, nyears = 0, nmonths = 0;
    for (const char *p = datum; p && *p;) {
        size_t digits = strspn(p, "0123456789"),
               letters = strspn(p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
        if (digits == 4 && nyears < 2)
            years[nyears++] = atoi(p);
        char word[16]; /* "Januari" at the start of a date is januari */
        if (letters && letters < sizeof word && nmonths < 2) {
            for (size_t i = 0; i < letters; i++)
                word[i] = (char)tolower((unsigned char)p[i]);
            int month = ts_month_of(word, letters);
            month = month ? month : season_month(word, letters);
            if (month)
                months[nmonths++] = month;
        }
        p += digits + letters ? digits + letters : 1;
    }
    *start = *end = 0;
    if (!nyears)
        return;
    int first = years[0], last = years[nyears - 1];
    if (nmonths == 2) {
        *start = (float)first + (float)(months[0] - 1) / 12;
        *end = (float)last + (float)months[1] / 12;
    } else if (nmonths == 0 && nyears == 2) { /* "2019–2022": the years whole */
        *start = (float)first;
        *end = (float)last + 1;
    } else {
        *start = *end = (float)first + (nmonths ? ((float)months[0] - 0.5f) / 12 : 0.5f);
    }
}

/* Each phase of timeline t under a heading of its name and years, its blocks as the text
 * has them; a single phase's without (its bar over them names it, the axis its years). */
static void phase_texts(struct rap *r, const struct comp_timeline *t, const struct content **fases,
                        const char **year_spans)
{
    for (size_t i = 0; i < t->n; i++) {
        /* the milestones' rows stand between the bars and the texts: each text under its
         * phase's name again, to tell the phases apart */
        if (t->n > 1) {
            struct ts_block *h = para(r, "h3", r->sub, pub_fmt(&r->arena, "%s, %s", t->names[i], year_spans[i]));
            h->loc_path = fases[i]->loc.path, h->loc_line = fases[i]->loc.line;
        }
        pub_blocks(r->f, fases[i]->first_child, STYLE(r, "body"), STYLE(r, "h3"), STYLE(r, "lijst"), r->link);
    }
    ts_flow_add(r->f, TS_SPACE)->amount = 10;
}

/* Each phase of timeline t a card, side by side: its years over its name, its text. */
static void phase_cards(struct rap *r, const struct comp_timeline *t, const struct content **fases,
                        const char **year_spans)
{
    struct comp_diagram *d = new_diagram(r, COMP_DIAGRAM_CARDS);
    struct comp_diagram_part *parts = arena_alloc(&r->arena, (t->n + 1) * sizeof *parts);
    struct strbuf said;
    sb_init(&said);
    sb_append(&said, "De fasen:");
    for (size_t i = 0; i < t->n; i++) {
        /* the years on a line of their own over the name (a date is not broken); what the
         * phase brought, each paragraph apart (d->text_gap) */
        parts[i] = (struct comp_diagram_part){ .title = pub_fmt(&r->arena, "%s\xE2\x80\xA8%s", year_spans[i], t->names[i]),
                                               .text = plain_text(r, fases[i]->first_child, "\n"),
                                               .accent = &t->fills[i] };
        sb_printf(&said, "%s %s: %s", i ? ";" : "", parts[i].title, plain_text(r, fases[i]->first_child, " "));
    }
    sb_append(&said, ".");
    d->parts = parts;
    d->n = t->n;
    d->text_gap = STYLE(r, "kaart-tekst")->leading * 0.4f;
    diagram_figure(r, d, said.data);
    sb_release(&said);
}

/* The most milestones the timeline's chart labels in rows of their own. */
enum { MAX_CHARTED = 12 };

static void timeline(struct rap *r, const struct content *first)
{
    struct comp_timeline *t = arena_alloc(&r->arena, sizeof *t);
    size_t n = 0;
    for (const struct content *c = first; c; c = c->next)
        n += c->kind == C_FASE;
    size_t nmarks = 0;
    for (const struct content *c = first; c; c = c->next)
        nmarks += c->kind == C_MIJLPAAL;
    struct ts_style *name = arena_alloc(&r->arena, sizeof *name);
    *name = *STYLE(r, "grafiek-waarde");
    name->colour = *r->white;
    /* white on the bars' three inks: larger than a chart's labels, so that it holds in
     * print */
    name->size = fmaxf(name->size, 9), name->leading = fmaxf(name->leading, 11);
    *t = (struct comp_timeline){ .e = r->e, .ctx = r->ctx, .years = STYLE(r, "grafiek-waarde"), .name = name,
                                 .axis = r->text, .mark = r->dark,
                                 .paper = r->white, .first_year = INT_MAX, .last_year = r->m->jaar };
    const struct content **fases = arena_alloc(&r->arena, (n + 1) * sizeof *fases);
    const char **year_spans = arena_alloc(&r->arena, (n + 1) * sizeof *year_spans);
    t->names = arena_alloc(&r->arena, (n + 1) * sizeof *t->names);
    int *from = arena_alloc(&r->arena, (n + 1) * sizeof *from), *to = arena_alloc(&r->arena, (n + 1) * sizeof *to);
    float *marks = arena_alloc(&r->arena, (nmarks + 1) * sizeof *marks);
    float *mark_ends = arena_alloc(&r->arena, (nmarks + 1) * sizeof *mark_ends);
    t->from = from, t->to = to, t->marks = marks, t->mark_ends = mark_ends;
    t->period = r->dark;
    t->guide = lay_colour(r->l, "kust");
    /* the phases one after another on a scale of the house's blues: the earliest light
     * blue, taken towards sky blue until it stands out from the paper (3:1) as a bar (no
     * bar with an outline the others lack), its name on it in the text's colour; the
     * others from sky blue, deep enough for their names in white (4.5:1), to the dark of
     * the latest: each its own colour, the same on its card */
    struct dl_colour *fills = arena_alloc(&r->arena, (n + 1) * sizeof *fills);
    const struct dl_colour lichtblauw = *lay_colour(r->l, "lichtblauw");
    struct dl_colour light = lichtblauw;
    for (float towards = 0.05f; dl_contrast(&light, r->white) < 3.0f && towards <= 1; towards += 0.05f)
        light = dl_mixed(lichtblauw, r->accent, towards);
    const struct dl_colour deep = dl_darkened(*r->accent, r->white, 4.5f);
    for (size_t i = 0; i < n; i++) {
        float at = n > 2 && i > 0 ? (float)(i - 1) / (float)(n - 2) : 1; /* of the later ones: 0 the first, 1 the latest */
        fills[i] = i == 0 && n > 1 ? light : dl_mixed(deep, r->dark, at);
    }
    t->fills = fills;
    struct strbuf alt;
    sb_init(&alt);
    sb_append(&alt, "Tijdlijn met de fasen van de GKA:");
    for (const struct content *c = first; c; c = c->next)
        if (c->kind == C_FASE) {
            const char *naam = content_attr(c, "naam"), *van = content_attr(c, "van"), *tot = content_attr(c, "tot");
            fases[t->n] = c;
            t->names[t->n] = naam ? naam : "";
            year_spans[t->n] = tot ? pub_fmt(&r->arena, "%s\xE2\x80\x93%s", van ? van : "", tot)
                                   : pub_fmt(&r->arena, "%s\xE2\x80\x93nu", van ? van : ""); /* "2021–nu" */
            from[t->n] = van ? atoi(van) : r->m->jaar;
            to[t->n] = tot ? atoi(tot) : 0;
            t->first_year = from[t->n] < t->first_year ? from[t->n] : t->first_year;
            t->last_year = to[t->n] > t->last_year ? to[t->n] : t->last_year;
            t->last_year = from[t->n] > t->last_year ? from[t->n] : t->last_year; /* one that begins later */
            t->n++;
            const char *sep = t->n > 1 ? ";" : "";
            if (tot)
                sb_printf(&alt, "%s %s, %s tot %s", sep, naam ? naam : "", van ? van : "", tot);
            else /* a phase that goes on */
                sb_printf(&alt, "%s %s, vanaf %s", sep, naam ? naam : "", van ? van : "");
        }
    sb_append(&alt, ".");
    /* the milestones in the order of time (a stable sort: the same date keeps its order),
     * each with where it lies (0: no year), numbered on the axis as in their list */
    size_t nmilestones = 0;
    const struct content **milestones = arena_alloc(&r->arena, (nmarks + 1) * sizeof *milestones);
    float *years = arena_alloc(&r->arena, (nmarks + 1) * sizeof *years);
    float *ends = arena_alloc(&r->arena, (nmarks + 1) * sizeof *ends);
    for (const struct content *c = first; c; c = c->next)
        if (c->kind == C_MIJLPAAL) {
            size_t k = nmilestones++;
            float at, until;
            milestone_span(content_attr(c, "datum"), &at, &until);
            for (; k > 0 && years[k - 1] > at; k--)
                milestones[k] = milestones[k - 1], years[k] = years[k - 1], ends[k] = ends[k - 1];
            milestones[k] = c, years[k] = at, ends[k] = until;
        }
    const char **mark_labels = arena_alloc(&r->arena, (nmarks + 1) * sizeof *mark_labels);
    for (size_t k = 0; k < nmilestones; k++)
        if (years[k] > 0) {
            /* every label begins with its date, as the axis cannot show a day or a month,
             * and the labels read alike */
            const char *datum = content_attr(milestones[k], "datum");
            mark_labels[t->nmarks] = datum ? pub_fmt(&r->arena, "%s: %s", datum, block_text(r, milestones[k]))
                                           : block_text(r, milestones[k]);
            mark_ends[t->nmarks] = ends[k];
            marks[t->nmarks++] = years[k];
            t->first_year = (int)years[k] < t->first_year ? (int)years[k] : t->first_year;
        }
    /* the axis begins with the first phase or milestone (a look ahead begins after the
     * report's year), and ends with the report's year or the last phase */
    if (t->first_year > t->last_year)
        t->first_year = t->last_year;
    /* milestones are labelled in rows of the chart (a period as a bar): when every one
     * stands there, the chart is their list (its alt text too), not a table under it */
    bool all_placed = true;
    for (size_t k = 0; k < nmilestones; k++)
        all_placed = all_placed && years[k] > 0;
    bool charted = t->n && nmilestones > 0 && nmilestones <= MAX_CHARTED && all_placed;
    if (charted)
        t->mark_labels = mark_labels;
    for (size_t k = 0; charted && k < nmilestones; k++) {
        const char *datum = content_attr(milestones[k], "datum");
        sb_printf(&alt, " %s%zu, %s: %s", k ? "; " : "Mijlpalen: ", k + 1, datum ? datum : "",
                  block_text(r, milestones[k]));
    }
    if (charted)
        sb_append(&alt, ".");
    t->width = r->measure;
    if (t->n) /* the years need the page's width */
        figure(r, comp_timeline_height(t), comp_timeline_draw, t, pub_fmt(&r->arena, "%s", alt.data))->span =
            TS_SPAN_ALL;
    sb_release(&alt);
    /* what each phase brought: a look ahead that lists it under a heading of its own, its
     * list in the columns (a card as wide as the page ran its items together in lines too
     * long to read); short texts side by side under their bars */
    bool listed = false;
    for (size_t i = 0; i < t->n; i++)
        for (const struct content *b = fases[i]->first_child; b; b = b->next)
            listed = listed || b->kind == C_UL || b->kind == C_OL;
    if (listed)
        phase_texts(r, t, fases, year_spans);
    else if (t->n)
        phase_cards(r, t, fases, year_spans);
    else
        ts_flow_add(r->f, TS_SPACE)->amount = 10;
    if (nmilestones == 0 || charted)
        return;
    /* a table of two columns: when, and what happened; the dates line up, and so do the
     * texts, however long either is */
    para(r, "h3", "P", "Mijlpalen");
    /* a milestone on the axis has its number there and before its date here */
    const char **numbers = arena_alloc(&r->arena, (nmilestones + 1) * sizeof *numbers);
    for (size_t m = 0, numbered = 0; m < nmilestones; m++)
        numbers[m] = years[m] > 0 ? pub_fmt(&r->arena, "%zu\xE2\x80\x82", ++numbered) /* an en space after it */
                                  : "";
    float dates = 0; /* the widest date, and the cell's padding */
    for (size_t m = 0; m < nmilestones; m++) {
        const char *datum = content_attr(milestones[m], "datum");
        const char *cell = pub_fmt(&r->arena, "%s%s", numbers[m], datum ? datum : "");
        float w = draw_text_width(r->e, r->ctx, STYLE(r, "tabel-cel-sterk"), cell);
        dates = w > dates ? w : dates;
    }
    dates = fminf(dates + 12, r->column / 2); /* a long date wraps, rather than the texts */
    const float shares[] = { dates, r->column - dates };
    struct ts_table *table = ts_flow_add_table(r->f, 2, shares, 0);
    ts_table_look(table, 3, NULL, lay_colour(r->l, "lijn"), 0.5f, NULL);
    for (size_t m = 0; m < nmilestones; m++) {
        const struct content *c = milestones[m];
        const char *datum = content_attr(c, "datum");
        ts_table_row(table, false);
        struct ts_text *when = ts_table_cell(table, STYLE(r, "tabel-cel-sterk"), true, 1, 1);
        ts_text_add(when, numbers[m], 0, r->accent, NULL);
        ts_text_add(when, datum ? datum : "", 0, NULL, NULL);
        pub_inline(ts_table_cell(table, STYLE(r, "tabel-cel"), false, 1, 1), c->first_child, 0, r->link);
    }
}

/* ---- the other components ---- */

/* The padding in a factor table's cells, pt. */
enum { FACTOR_PAD = 3 };

/* The share of a factor table a factor's name takes: base, or more where the longest word
 * of the factors of this level and those after it needs it to stand unbroken
 * ("Gepersonaliseerd" in a narrow column broke in two), to half the table at most. The
 * tables of all levels take the first's, so that their columns line up. */
static float factor_share(struct rap *r, const struct content *niveau, float base)
{
    const struct ts_style *strong = STYLE(r, "tabel-cel-sterk");
    float widest = 0;
    for (; niveau; niveau = niveau->next)
        for (const struct content *f = niveau->kind == C_NIVEAU ? niveau->first_child : NULL; f; f = f->next) {
            const char *fn = f->kind == C_FACTOR ? content_attr(f, "naam") : NULL;
            while (fn && *fn) {
                size_t n = strcspn(fn, " -");
                widest = fmaxf(widest, draw_text_width(r->e, r->ctx, strong, pub_fmt(&r->arena, "%.*s-", (int)n, fn)));
                fn += n + (fn[n] != '\0');
            }
        }
    return fmaxf(base, fminf((widest + 2 * FACTOR_PAD + 2) / r->column, 0.5f));
}

/* A level's factors as a table under its name: number, factor (a row header) and, when
 * the data gives it for any of them, what it means, the factor's name taking name_share
 * of the width; where the table goes on in the next column, its name again, "(vervolg)",
 * over the columns' names. */
static void factors(struct rap *r, const struct content *niveau, float name_share)
{
    const char *naam = content_attr(niveau, "naam");
    bool described = false;
    for (const struct content *f = niveau->first_child; f; f = f->next)
        described = described || (f->kind == C_FACTOR && f->first_child);
    struct ts_block *g = ts_flow_add(r->f, TS_GROUP_BEGIN);
    g->style = STYLE(r, "h3");
    g->value = pub_fmt(&r->arena, "%s (vervolg)", naam ? naam : "");
    g->loc_path = niveau->loc.path, g->loc_line = niveau->loc.line;
    struct ts_block *title = para(r, "h3", r->sub, naam ? naam : "");
    title->loc_path = niveau->loc.path, title->loc_line = niveau->loc.line;
    const float shares[] = { 0.08f, name_share, 0.92f - name_share }, short_shares[] = { 0.12f, 0.88f };
    struct ts_table *t = ts_flow_add_table(r->f, described ? 3 : 2, described ? shares : short_shares, 0);
    ts_table_look(t, FACTOR_PAD, r->light, lay_colour(r->l, "lijn"), 0.5f, NULL);
    const struct ts_style *head = STYLE(r, "tabel-kop"), *cell = STYLE(r, "tabel-cel");
    /* a factor's name in whole words: its column is as wide as the longest needs */
    struct ts_style *strong = arena_alloc(&r->arena, sizeof *strong);
    *strong = *STYLE(r, "tabel-cel-sterk");
    strong->hyphenate = false;
    ts_table_row(t, true);
    ts_text_add(ts_table_cell(t, head, true, 1, 1), "Nr.", 0, NULL, NULL);
    ts_text_add(ts_table_cell(t, head, true, 1, 1), "Factor", 0, NULL, NULL);
    if (described)
        ts_text_add(ts_table_cell(t, head, true, 1, 1), "Wat het inhoudt", 0, NULL, NULL);
    for (const struct content *f = niveau->first_child; f; f = f->next) {
        if (f->kind != C_FACTOR)
            continue;
        const char *nr = content_attr(f, "nr"), *fn = content_attr(f, "naam");
        ts_table_row(t, false);
        ts_text_add(ts_table_cell(t, cell, false, 1, 1), nr ? nr : "", 0, NULL, NULL);
        ts_text_add(ts_table_cell(t, strong, true, 1, 1), fn ? fn : "", 0, NULL, NULL);
        if (described)
            pub_inline(ts_table_cell(t, cell, false, 1, 1), f->first_child, 0, r->link);
    }
    ts_flow_add(r->f, TS_GROUP_END);
    ts_flow_add(r->f, TS_SPACE)->amount = 10;
}

/* The factors of every level side by side, a column per level (as the agency set them),
 * across the page: when no factor carries a description and there are several levels.
 * Returns false when the levels need tables of their own. */
static bool factor_overview(struct rap *r, const struct content *first)
{
    size_t nlevels = 0;
    for (const struct content *n = first; n; n = n->next) {
        if (n->kind != C_NIVEAU)
            continue;
        for (const struct content *f = n->first_child; f; f = f->next)
            if (f->kind == C_FACTOR && f->first_child)
                return false;
        nlevels++;
    }
    if (nlevels < 2 || nlevels > 6)
        return false;
    const struct content **levels = arena_alloc(&r->arena, nlevels * sizeof *levels);
    float *shares = arena_alloc(&r->arena, nlevels * sizeof *shares);
    size_t i = 0;
    for (const struct content *n = first; n; n = n->next)
        if (n->kind == C_NIVEAU) {
            levels[i] = n, shares[i] = 1.0f / (float)nlevels;
            i++;
        }
    size_t nfactors = 0;
    for (i = 0; i < nlevels; i++)
        for (const struct content *f = levels[i]->first_child; f; f = f->next)
            nfactors += f->kind == C_FACTOR;
    /* the table's title over it, across the page, counted */
    struct ts_block *title = para(r, "h3", r->sub, pub_fmt(&r->arena, "%zu factoren verdeeld over %zu niveaus",
                                                          nfactors, nlevels));
    title->span = TS_SPAN_ALL;
    struct ts_table *t = ts_flow_add_table(r->f, (int)nlevels, shares, TS_SPAN_ALL);
    /* each level a panel under an accent bar, as the cards of the report's diagrams, its
     * text as far in from the panel's edges as theirs */
    ts_table_look(t, 5, NULL, NULL, 0, NULL);
    /* apart by the gutter of the columns of text, as the diagrams' cards */
    const struct ts_master *tekst = lay_master(r->l, "tekst");
    ts_table_panels(t, tekst ? tekst->gutter : 8, r->light, r->accent, 6);
    const struct ts_style *head = STYLE(r, "tegel-titel");
    /* the text of a card, each factor a paragraph of it: whole words (a column of names
     * broken at every other line read as fragments), as a list to be read down */
    struct ts_style *cell = arena_alloc(&r->arena, sizeof *cell), *number_style = arena_alloc(&r->arena, sizeof *cell);
    *cell = *STYLE(r, "kaart-tekst");
    cell->hyphenate = false;
    cell->space_after = 0;
    /* a wrapped name's second line close under its first, the next factor a little apart:
     * else it reads as a factor of its own */
    ts_table_paragraph_gap(t, cell->leading * 0.4f);
    *number_style = *cell;
    number_style->weight = 700;
    /* numbers two figures wide, so that the names stand in line and a wrapped name hangs
     * under its first word */
    cell->hanging = draw_text_width(r->e, r->ctx, number_style, "00\xE2\x80\x82");
    ts_table_row(t, true);
    for (i = 0; i < nlevels; i++) {
        const char *naam = content_attr(levels[i], "naam");
        ts_text_add(ts_table_cell(t, head, true, 1, 1), naam ? naam : "", 0, NULL, NULL);
    }
    /* each level's factors one under the other in its column, as many as it has: a
     * level's list runs on its own, not in rows across the levels (where a name of two
     * lines left holes beside it in the others) */
    ts_table_row(t, false);
    for (i = 0; i < nlevels; i++) {
        struct ts_text *c = ts_table_cell(t, cell, false, 1, 1);
        bool first_factor = true;
        for (const struct content *f = levels[i]->first_child; f; f = f->next) {
            if (f->kind != C_FACTOR)
                continue;
            const char *nr = content_attr(f, "nr"), *fn = content_attr(f, "naam");
            nr = nr ? nr : "";
            if (!first_factor) /* a paragraph of its own */
                ts_text_add(c, "\n", 0, NULL, NULL);
            first_factor = false;
            ts_text_add(c, pub_fmt(&r->arena, "%s%s\xE2\x80\x82", strlen(nr) < 2 ? "\xE2\x80\x87" : "", nr), TS_BOLD,
                        r->dark, NULL);
            ts_text_add(c, fn ? fn : "", 0, NULL, NULL);
        }
    }
    ts_flow_add(r->f, TS_SPACE)->amount = 10;
    return true;
}

/* Whether content holds a link (then it cannot be set as plain text). */
/* The first link in the content from c on (depth first), or NULL. */
static const struct content *first_link(const struct content *c)
{
    for (; c; c = c->next) {
        if (c->kind == C_LINK)
            return c;
        const struct content *inner = first_link(c->first_child);
        if (inner)
            return inner;
    }
    return NULL;
}

/* How many links the content from c on holds. */
static size_t links_in(const struct content *c)
{
    size_t n = 0;
    for (; c; c = c->next)
        n += (c->kind == C_LINK) + links_in(c->first_child);
    return n;
}

/* The most links a card's text holds: each is said again under it, as a fact. */
enum { CARD_TEXT_LINKS = 3 };

/* Whether a tile's blocks can stand on a card: a few links in its first paragraph (they
 * follow it as facts), each fact after it with one link at most (the fact is the link). */
static bool card_links_fit(const struct content *blocks)
{
    if (!blocks)
        return true;
    if (links_in(blocks->first_child) > CARD_TEXT_LINKS)
        return false;
    for (const struct content *c = blocks->next; c; c = c->next)
        if (c->kind != C_P ? links_in(c) > 0 : links_in(c->first_child) > 1)
            return false;
    return true;
}

/* Entry e a link to href when it is not NULL: a named destination after '#', else a web
 * address. */
static void entry_link(struct comp_diagram_entry *e, const char *href)
{
    e->dest = href && href[0] == '#' ? href + 1 : NULL;
    e->uri = href && href[0] != '#' ? href : NULL;
}

/* A fact of a card: the words of c, a link to href when it is not NULL. */
static struct comp_diagram_entry fact(struct rap *r, const struct content *c, const char *href)
{
    struct comp_diagram_entry e = { .label = block_text(r, c) };
    entry_link(&e, href);
    return e;
}

/* Whether the words of link (to href) stand in a fact's label as they are: the link is
 * then put on them there, and the fact says them once. */
static bool link_in_words(struct rap *r, struct comp_diagram_entry *f, const struct content *link, const char *href)
{
    const char *words = block_text(r, link);
    const char *at = words[0] ? strstr(f->label, words) : NULL;
    if (!at)
        return false;
    entry_link(f, href);
    f->link_from = (size_t)(at - f->label);
    f->link_to = f->link_from + strlen(words);
    return true;
}

/* The links in the blocks from c on (with what they hold), each a fact that is the link,
 * stored from facts[k] on; returns the count after them. None in print, where the
 * addresses stand in the words. */
static size_t links_as_facts(struct rap *r, const struct content *c, struct comp_diagram_entry *facts, size_t k)
{
    for (; c && !r->print; c = c->next)
        k = c->kind == C_LINK ? (facts[k] = fact(r, c, c->text), k + 1) : links_as_facts(r, c->first_child, facts, k);
    return k;
}

/* A card's paragraphs: the first under its title, the others as facts, each on a row of
 * its own (a single paragraph is the card's text). */
static void tile_facts(struct rap *r, struct comp_diagram_part *p, const struct content *blocks)
{
    size_t n = 0, paragraphs = 0;
    for (const struct content *c = blocks; c; c = c->next) {
        if (c->kind == C_KERNCIJFER) { /* what the tile counts: the card's key figure */
            if (!p->figure) {
                p->figure = kerncijfer_value(r, c);
                p->figure_qualifier = content_attr(c, "bij");
            }
            p->figure_label = p->figure_label ? p->figure_label : content_attr(c, "label");
            continue;
        }
        n++;
        paragraphs += c->kind == C_P;
    }
    /* the links in the text follow it, each as a fact that is the link (in print the
     * addresses are in the words) */
    bool facts_too = n >= 2 && paragraphs == n;
    struct comp_diagram_entry *facts =
        arena_alloc(&r->arena, (links_in(blocks) + 2 * (n > 0 ? n - 1 : 0) + 1) * sizeof *facts);
    p->entries = facts;
    if (!facts_too) {
        p->text = plain_text(r, blocks, "\xE2\x80\xA8");
        p->nentries = links_as_facts(r, blocks, facts, 0);
        return;
    }
    /* a fact with a link inside it is said in the text's colour, and the link's words
     * follow it on a row of their own, as the link (a whole fact in link blue reads as one
     * long link); a fact that is all link is the link. In print the address is in the words */
    p->text = block_text(r, blocks);
    size_t k = links_as_facts(r, blocks->first_child, facts, 0);
    for (const struct content *c = blocks->next; c; c = c->next) {
        if (c->kind == C_KERNCIJFER)
            continue;
        const struct content *link = first_link(c->first_child);
        const char *href = link && !r->print ? link->text : NULL;
        bool all_link = link && c->first_child == link && !link->next;
        facts[k] = fact(r, c, all_link ? href : NULL);
        if (href && !all_link && !link_in_words(r, &facts[k], link, href))
            facts[++k] = fact(r, link, href);
        k++;
    }
    p->nentries = k;
}

/* A card's key figure said in words as its first fact ("48 scholen met ..."), where the
 * figure cannot stand large. */
static void figure_as_fact(struct rap *r, struct comp_diagram_part *p)
{
    if (!p->figure)
        return;
    struct comp_diagram_entry *facts = arena_alloc(&r->arena, (p->nentries + 1) * sizeof *facts);
    facts[0] = (struct comp_diagram_entry){ .label = figure_words(r, p->figure_qualifier, p->figure, p->figure_label) };
    for (size_t i = 0; i < p->nentries; i++)
        facts[i + 1] = p->entries[i];
    p->entries = facts;
    p->nentries++;
    p->figure = p->figure_label = p->figure_qualifier = NULL;
}

/* The most tiles that stand as cards: more of them, each narrow, would not share the page
 * with the text over them. */
enum { CARDS_MOST = 5 };

/* How many tiles there are from first on, when they can stand as cards: two to CARDS_MOST,
 * their texts with few links (card_links_fit); else 0. */
static size_t tiles_for_cards(const struct content *first)
{
    size_t n = 0;
    for (const struct content *c = first; c; c = c->next)
        if (c->kind == C_TEGEL) {
            if (!card_links_fit(c->first_child))
                return 0;
            n++;
        }
    return n >= 2 && n <= CARDS_MOST ? n : 0;
}

/* The most lines of a paragraph under a heading that stand whole in a column. */
enum { SHORT_POINT = 5 };

/* What stands between cards and the text over them, pt (a space, a title's top). */
enum { CARDS_SPACE = 24 };

/* Two to CARDS_MOST tiles whose texts hold few links, side by side across the page as
 * cards, each title a link; false when they need the column layout (more of them, or more
 * links inside). */
static bool tiles_as_cards(struct rap *r, const struct content *first)
{
    size_t n = tiles_for_cards(first);
    if (!n)
        return false;
    struct comp_diagram *d = new_diagram(r, COMP_DIAGRAM_CARDS);
    /* in rows, each row as tall as its texts, not all as the longest */
    d->rows_apart = true;
    struct comp_diagram_part *parts = arena_alloc(&r->arena, (n + 1) * sizeof *parts);
    struct strbuf said;
    sb_init(&said);
    for (const struct content *c = first; c; c = c->next) {
        if (c->kind != C_TEGEL)
            continue;
        struct comp_diagram_part *p = &parts[d->n];
        const char *titel = content_attr(c, "titel"), *url = content_attr(c, "url");
        p->title = titel ? titel : "";
        tile_facts(r, p, c->first_child);
        if (url && !r->print) {
            p->uri = url;
            p->link_description = pub_fmt(&r->arena, "%s (website)", p->title);
        }
        sb_printf(&said, "%s%s: %s", d->n ? "; " : "", p->title, plain_text(r, c->first_child, " "));
        if (p->figure)
            sb_printf(&said, " (%s)", figure_words(r, p->figure_qualifier, p->figure, p->figure_label));
        /* cards with key figures have them level, and their facts level under them */
        d->entries_at_foot = d->entries_at_foot || p->figure;
        d->n++;
    }
    sb_append(&said, ".");
    d->parts = parts;
    /* key figures only where the cards then still share a page with the section's title
     * and the lines over them (in print, the addresses spelled out make the facts longer) */
    const struct ts_master *tekst = lay_master(r->l, "tekst");
    float room = tekst ? r->l->page_height - tekst->margin_top - tekst->margin_bottom : 0;
    const struct ts_style *h1 = STYLE(r, "h1"), *body = STYLE(r, "body");
    room -= draw_text_height(r->e, r->ctx, h1, r->section->titel, r->measure) + h1->space_after;
    for (const struct content *c = r->section->inhoud; c && c != first; c = c->next)
        if (c->kind == C_P)
            room -= draw_text_height(r->e, r->ctx, body, block_text(r, c), r->column) + body->space_after;
    if (d->entries_at_foot && comp_diagram_measure(d, r->measure) > room - CARDS_SPACE) {
        for (size_t i = 0; i < d->n; i++)
            figure_as_fact(r, &parts[i]);
        d->entries_at_foot = false;
    }
    diagram_figure(r, d, said.data)->grow = 0; /* as tall as the fullest card: none stretched empty */
    sb_release(&said);
    return true;
}

/* Inside a tile's panel, its text this far from the panel's edges; between two tiles in a
 * column, pt. */
enum { TILE_INSET = 6, CARD_GAP_IN_COLUMN = 6 };

static struct ts_style *indented(struct rap *r, const char *name, float indent);

/* Style name as it stands inside a tile's panel: its lines TILE_INSET from both edges. */
static const struct ts_style *inset(struct rap *r, const char *name)
{
    struct ts_style *st = indented(r, name, TILE_INSET);
    st->measure = r->column - TILE_INSET - st->indent;
    return st;
}

/* A tile in a column: a card on the light panel under the accent's bar, its title the link
 * to the web, its text, and the figure it counts. */
static void tile(struct rap *r, const struct content *c)
{
    const char *titel = content_attr(c, "titel"), *url = content_attr(c, "url");
    struct ts_block *g = ts_flow_add(r->f, TS_GROUP_BEGIN);
    g->role = "Sect";
    g->panel = r->light;
    pub_accent_rule(r->f, r->accent);
    ts_flow_add(r->f, TS_SPACE)->amount = TILE_INSET - STYLE(r, "tegel-titel")->space_before;
    struct ts_block *t = pub_para(r->f, inset(r, "tegel-titel"), r->sub, NULL);
    t->loc_path = c->loc.path, t->loc_line = c->loc.line;
    if (url) {
        struct ts_link web = { .uri = url, .description = pub_fmt(&r->arena, "%s (website)", titel ? titel : url) };
        ts_text_add(&t->text, titel ? titel : url, pub_link_flags(r->link), r->link, &web);
    } else {
        ts_text_add(&t->text, titel ? titel : "", 0, NULL, NULL);
    }
    pub_blocks(r->f, c->first_child, inset(r, "kaart-tekst"), inset(r, "h3"), inset(r, "lijst"), r->link);
    if (url && r->print) /* the address to type, where the screen has a link */
        pub_para(r->f, inset(r, "kaart-tekst"), "P", pub_address(&r->arena, url, r->print));
    for (const struct content *k = c->first_child; k; k = k->next) /* what it counts, under it */
        if (k->kind == C_KERNCIJFER) {
            const char *label = content_attr(k, "label");
            /* "ruim 8.000": one line, as the column has no room for one more */
            pub_para(r->f, inset(r, "tegel-cijfer"), "P",
                     figure_words(r, content_attr(k, "bij"), kerncijfer_value(r, k), NULL));
            if (label)
                pub_para(r->f, inset(r, "tegel-label"), "P", label);
        }
    ts_flow_add(r->f, TS_SPACE)->amount = TILE_INSET - STYLE(r, "kaart-tekst")->space_after;
    ts_flow_add(r->f, TS_GROUP_END);
    ts_flow_add(r->f, TS_SPACE)->amount = CARD_GAP_IN_COLUMN;
}

/* Sets b's side figure: a portrait as wide as its style's indent, less 8 pt: the photo c
 * names (c may be NULL), else the initials of naam in a disc. */
static void portrait(struct rap *r, struct ts_block *b, const char *naam, const struct content *c)
{
    float side = b->style->indent - 8;
    b->side_width = b->side_height = side > 12 ? side : 12;
    if (c && c->image) {
        struct comp_image *im = arena_alloc(&r->arena, sizeof *im);
        *im = (struct comp_image){ .path = c->image, .px_width = (float)c->image_width,
                                   .px_height = (float)c->image_height, .aspect = 1, .focus_x = 0.5f, .focus_y = 0.3f };
        b->side_draw = comp_image_draw;
        b->side_data = im;
    } else {
        struct comp_initials *in = arena_alloc(&r->arena, sizeof *in);
        struct ts_style *letters = arena_alloc(&r->arena, sizeof *letters);
        *letters = *STYLE(r, "tegel-titel");
        letters->colour = *r->white;
        letters->align = TS_CENTER;
        /* the letters about two fifths of the disc's height, as in the interview's, and
         * never under 7 pt, the smallest the report prints */
        float scale = fmaxf(b->side_height * 0.4f, 7) / letters->size;
        if (scale < 1)
            letters->size *= scale, letters->leading *= scale;
        *in = (struct comp_initials){ .e = r->e, .ctx = r->ctx, .style = letters, .fill = r->dark };
        comp_initials_of(naam ? naam : "", in->letters);
        b->side_draw = comp_initials_draw;
        b->side_data = in;
    }
}

/* A person beside a portrait: the photo the data names, else the initials; the name in
 * bold, under it what they do and where. In style "persoon" the one interviewed, in
 * "persoon-lid" a member of a group (an item of its list, role LI). */
static void person(struct rap *r, const struct content *c, const char *style, const char *role)
{
    struct ts_block *b = para(r, style, role, NULL);
    b->loc_path = c->loc.path, b->loc_line = c->loc.line;
    const char *naam = content_attr(c, "naam"), *functie = content_attr(c, "functie"),
               *organisatie = content_attr(c, "organisatie");
    ts_text_add(&b->text, naam ? naam : "", TS_BOLD, NULL, NULL);
    if (functie || organisatie)
        ts_text_add(&b->text, pub_fmt(&r->arena, "\xE2\x80\xA8%s%s%s", functie ? functie : "",
                                      functie && organisatie ? ", " : "", organisatie ? organisatie : ""),
                    0, NULL, NULL);
    portrait(r, b, naam, c);
}

/* The most people a group has to be kept in one column. */
enum { GROUP_KEPT = 4 };

static void group_of_people(struct rap *r, const struct content *g)
{
    const char *naam = content_attr(g, "naam");
    para(r, "h3", r->sub, naam ? naam : "");
    struct ts_block *list = ts_flow_add(r->f, TS_TAG_BEGIN);
    list->role = "L";
    /* a small group is read as one: in one column when it fits one; a larger one may go on
     * in the next (between two people), not leave the foot of its column empty */
    size_t members = 0;
    for (const struct content *p = g->first_child; p; p = p->next)
        members += p->kind == C_PERSOON;
    list->keep = members <= GROUP_KEPT;
    for (const struct content *p = g->first_child; p; p = p->next)
        if (p->kind == C_PERSOON)
            person(r, p, "persoon-lid", "LI");
    ts_flow_add(r->f, TS_TAG_END);
}

/* The first quote of a section's content. */
static const struct content *first_quote(const struct content *c)
{
    while (c && c->kind != C_CITAAT)
        c = c->next;
    return c;
}

/* The most room over an interview's closing quote, pt. */
enum { CLOSING_QUOTE_SPACE = 16 };

/* A quote and who said it; style "citaat", or "citaat-opening" for the statement a page
 * opens with. */
static void quote(struct rap *r, const struct content *c, const char *style, const struct content *introduced)
{
    /* one of many voices has the speaker's initials beside its source */
    bool voice = strcmp(style, "citaat-stem") == 0;
    bool closing = strcmp(style, "citaat-breed") == 0, opening = strcmp(style, "citaat-opening") == 0;
    ts_flow_add(r->f, TS_GROUP_BEGIN)->span = closing || opening ? TS_SPAN_ALL : 0;
    if (closing) { /* an interview's last words under its columns, a little apart from
                    * them and set off by a rule: where the text ends (pinned to the page's
                    * foot, a quote left a hole over it), with less room where the page
                    * has no more */
        struct ts_block *space = ts_flow_add(r->f, TS_SPACE);
        space->spring = true;
        space->amount = CLOSING_QUOTE_SPACE;
        struct ts_block *rule = ts_flow_add(r->f, TS_RULE);
        rule->amount = 1.5f;
        rule->colour = r->accent;
    }
    struct ts_block *q = para(r, style, "BlockQuote", "\xE2\x80\x9C");
    q->loc_path = c->loc.path, q->loc_line = c->loc.line;
    pub_inline(&q->text, c->first_child, 0, r->link);
    ts_text_add(&q->text, "\xE2\x80\x9D", 0, NULL, NULL);
    const char *bron = content_attr(c, "bron"), *functie = content_attr(c, "functie");
    /* the words of the person just introduced beside their portrait need no second credit */
    const char *shown = introduced ? content_attr(introduced, "naam") : NULL;
    if (bron && !(shown && strcmp(shown, bron) == 0)) {
        struct ts_block *b = para(r, voice ? "citaat-stem-bron" : "citaat-bron", "P",
                                  functie ? pub_fmt(&r->arena, "%s, %s", bron, functie) : bron);
        if (voice)
            portrait(r, b, bron, NULL);
    }
    ts_flow_add(r->f, TS_GROUP_END);
}

/* ---- sections ---- */

/* An entry of the contents at level 0 (a topic or chapter), 1, 2 or 3 (what is inside, the
 * last two in one style, one em further in each). */
static void contents_entry(struct rap *r, const struct sectie *e, int level, const char *style)
{
    static const char *const styles[] = { "inhoud-1", "inhoud-2", "inhoud-3" };
    pub_contents_entry(r->f, &r->arena, r->e, r->ctx, STYLE(r, style ? style : styles[level < 2 ? level : 2]),
                       STYLE(r, styles[0]),
                       level, r->prev, e->id, e->titel, NULL, r->link);
}

static const struct lijn *lijn_of(const struct sectie *s);

/* The articles and interviews inside section s, at any depth, and a section that opens a
 * page after a chapter of its level (as section() sets it): entries of the third level,
 * those inside such an entry (the interviews of a chapter inside a line) of the fourth. */
static void articles(struct rap *r, const struct sectie *s, int level)
{
    for (size_t j = 0; j < s->nsubsecties; j++) {
        const struct sectie *a = s->subsecties[j];
        bool after_chapter = j > 0 && s->subsecties[j - 1]->soort == S_HOOFDSTUK;
        /* a line of work inside a chapter (the magazine's Lijn 1 to 3) lists all its
         * sections, as its card does, but the first, which begins with it (on its page) */
        bool in_line = s->soort == S_HOOFDSTUK && s->parent && s->lijn && s->parent->lijn != s->lijn && j > 0;
        bool listed = a->soort == S_HOOFDSTUK || a->soort == S_INTERVIEW || after_chapter || in_line;
        if (listed)
            contents_entry(r, a, level, NULL);
        articles(r, a, listed && level < 3 ? level + 1 : level);
    }
}

/* The number of a top-level chapter among the report's chapters (1 for the first), 0 for
 * another section. */
static int chapter_number(const struct model *m, const struct sectie *s)
{
    int n = 0;
    for (size_t i = 0; i < m->rapport.nsecties; i++) {
        n += m->rapport.secties[i]->soort == S_HOOFDSTUK;
        if (m->rapport.secties[i] == s)
            return s->soort == S_HOOFDSTUK ? n : 0;
    }
    return 0;
}

static const char *lijn_label(struct rap *r, const struct sectie *s, const struct lijn *opens);

static void contents(struct rap *r, const struct sectie *self)
{
    const struct rapport *rp = &r->m->rapport;
    const struct lijn *group = NULL;
    for (size_t i = 0; i < rp->nsecties; i++) {
        const struct sectie *s = rp->secties[i];
        if (s == self)
            continue;
        /* the topics grouped by the line of work they belong to, each group in one column */
        const struct lijn *l = lijn_of(s);
        if (l != group && group)
            ts_flow_add(r->f, TS_GROUP_END);
        /* the line's opening topic in bold, its other topics lighter under it */
        bool under_opening = l && l == group;
        if (l && l != group) {
            ts_flow_add(r->f, TS_GROUP_BEGIN);
            /* its name once, where its topic has it, in the line's accent (as its tab) */
            struct ts_style *label = arena_alloc(&r->arena, sizeof *label);
            *label = *STYLE(r, "inhoud-lijn");
            label->colour = *lijn_colour(r, l, "-accent", "hemelblauw");
            pub_para(r->f, label, "P", lijn_label(r, s, l));
        }
        group = l;
        /* the 2020 magazine lists its chapters' sections, with their chapter in one column;
         * the 2022 report only its topics (groups do not nest: a line's chapter is in its
         * line's) */
        bool chapter = s->soort == S_HOOFDSTUK && s->nsubsecties && !group;
        if (chapter) { /* under its number as it opens: "01" */
            ts_flow_add(r->f, TS_GROUP_BEGIN);
            para(r, "inhoud-nummer", "P", pub_fmt(&r->arena, "%02d", chapter_number(r->m, s)));
        }
        contents_entry(r, s, 0, under_opening ? "inhoud-onderwerp" : NULL);
        for (size_t k = 0; chapter && k < s->nsubsecties; k++) {
            const struct sectie *sub = s->subsecties[k];
            contents_entry(r, sub, 1, NULL);
            articles(r, sub, 2);
        }
        if (chapter)
            ts_flow_add(r->f, TS_GROUP_END);
    }
    if (group)
        ts_flow_add(r->f, TS_GROUP_END);
}

/* The length of the number that text begins with, when it is one of a numbered series
 * ("01 ", two figures and a space, followed by words); else 0. */
static size_t statement_number(const struct content *text)
{
    if (!text || text->kind != C_TEXT)
        return 0;
    const char *t = text->text;
    bool figures = isdigit((unsigned char)t[0]) && isdigit((unsigned char)t[1]);
    return figures && t[2] == ' ' && t[3] ? 2 : 0;
}

/* From this many quotes on, a section of them is a wall of voices. */
enum { MANY_VOICES = 6 };

/* The longest bold phrase read as a heading under a heading, in characters: a line. */
enum { SUBHEAD_MAX = 60 };

/* A bold paragraph longer than this, in characters (two lines), is a statement, not a
 * heading. */
enum { STATEMENT_MIN = 100 };

/* The longest lead, in characters: about five lines of a column at the lead's size. */
enum { LEAD_MAX = 320 };

/* Whether s is the report's last section. */
static bool last_section(const struct model *m, const struct sectie *s)
{
    return m->rapport.nsecties && m->rapport.secties[m->rapport.nsecties - 1] == s;
}

/* text with the spaces inside `phrase` made no-break spaces, so that a line of style never
 * breaks inside the name, when the name fits a line of width at all */
static const char *keep_together(struct rap *r, const char *text, const char *phrase, const struct ts_style *style,
                                 float width)
{
    const char *at = text ? strstr(text, phrase) : NULL;
    if (!at || draw_text_width(r->e, r->ctx, style, phrase) > width)
        return text;
    struct strbuf sb;
    sb_init(&sb);
    sb_append_len(&sb, text, (size_t)(at - text));
    for (const char *p = phrase; *p; p++) {
        if (*p == ' ')
            sb_append(&sb, "\xC2\xA0");
        else
            sb_append_len(&sb, p, 1);
    }
    sb_append(&sb, at + strlen(phrase));
    const char *out = pub_fmt(&r->arena, "%s", sb.data);
    sb_release(&sb);
    return out;
}

/* Whether s is the contact or the colofon that ends the report, set as its back cover (a
 * page of its own would stand nearly empty before an empty back). */
static bool contact_cover(const struct rap *r, const struct sectie *s, int depth)
{
    return depth == 0 && (s->soort == S_CONTACT || s->soort == S_COLOFON) && last_section(r->m, s) &&
           lay_master(r->l, "achterkant");
}

/* The contact or colofon that ends the report as its back cover: the cover's field, mark
 * and wordmark, with the section's text in white on the field. */
static void back_cover(struct rap *r, const struct sectie *s)
{
    pub_cover(r->f, &r->arena, r->e, r->ctx, r->l, "achterkant", r->m->rapport.auteur, NULL);
    struct ts_block *h = para(r, "achterkant-kop", "H1", s->titel);
    h->dest = s->id;
    h->outline = short_title(s);
    h->loc_path = s->loc.path, h->loc_line = s->loc.line;
    const struct dl_colour *link = r->link ? r->white : NULL; /* on the field, links in white */
    pub_edition_blocks(r->f, s->inhoud, r->print, STYLE(r, "achterkant-tekst"), link);
    const char *credit = pub_maps_credit(&r->arena, r->outline);
    if (credit)
        para(r, "achterkant-tekst", "P", credit);
}

/* What stands over the title of a line of work's first section: the line's number, and
 * its name unless that is the title too. */
static const char *lijn_label(struct rap *r, const struct sectie *s, const struct lijn *opens)
{
    bool named = s->titel && strcmp(s->titel, opens->naam) == 0;
    return named ? pub_fmt(&r->arena, "Lijn %d", opens->nr)
                 : pub_fmt(&r->arena, "Lijn %d \xC2\xB7 %s", opens->nr, opens->naam);
}

/* A line of work opens on a band across the page: its number large at the left, its label
 * and title beside it, indented by this much (the widest number and a gap). The text
 * under the band then begins at one height in both columns. */
static float band_indent(struct rap *r)
{
    const struct ts_style *n = STYLE(r, "paneel-nummer");
    const struct rapport *rp = &r->m->rapport;
    float widest = 0;
    for (size_t k = 0; k < rp->nlijnen; k++)
        widest = fmaxf(widest, draw_text_width(r->e, r->ctx, n, pub_fmt(&r->arena, "%02d", rp->lijnen[k].nr)));
    return widest + 0.4f * n->size;
}

/* The style by name, indented by indent more. */
static struct ts_style *indented(struct rap *r, const char *name, float indent)
{
    struct ts_style *s = arena_alloc(&r->arena, sizeof *s);
    *s = *STYLE(r, name);
    s->indent += indent;
    return s;
}

/* The height a top-level section that opens on a panel takes on it, 0 for another: a
 * chapter's title under its number, a line's label and title beside its number (or the
 * number, where taller). *text is the height of the words alone. The openers' panels all
 * end as low as the tallest needs, so that the text under them begins at one height on
 * every opener. */
static float opener_heading(struct rap *r, const struct sectie *s, float *text)
{
    const struct lijn *opens = s->lijn && opens_lijn(r->m, s) ? s->lijn : NULL;
    bool chapter = chapter_number(r->m, s) > 0;
    *text = 0;
    if (!opens && !chapter)
        return 0;
    const struct ts_style *title = STYLE(r, "paneel-titel");
    float width = opens ? r->measure - band_indent(r) : r->measure;
    *text = draw_text_height(r->e, r->ctx, title, keep_together(r, s->titel, PROGRAMME, title, width), width);
    if (!opens)
        return *text;
    const struct ts_style *label = STYLE(r, "paneel-lijn");
    *text += draw_text_height(r->e, r->ctx, label, lijn_label(r, s, opens), width) + label->space_after;
    return fmaxf(*text, STYLE(r, "paneel-nummer")->leading);
}

/* The panel under an opening's number and title (on the columns they span), from the
 * top of the text area: a figure as tall as the room between it and what follows, and
 * extra under a title shorter than the tallest. Where the opening runs on under the
 * section before (a part of a chapter), there is none. */
static void opening_panel(struct rap *r, int span, bool part, float extra)
{
    enum { PAD = 14 };
    /* on a page of its own (the opener master, without a running header) from the top edge */
    bool from_edge = !part && lay_master(r->l, "opener");
    struct comp_panel *p = arena_alloc(&r->arena, sizeof *p);
    *p = (struct comp_panel){ .field = r->dark, .top = from_edge ? 0 : lay_master(r->l, "tekst")->margin_top - PAD,
                              .pad = PAD, .extra = extra };
    struct ts_block *b = figure(r, PAD + 12 + extra, comp_panel_draw, p, NULL);
    b->behind = true;
    b->span = span;
    /* the text under the band a line's distance from it, as under a page's title; under a
     * part's band in a column, its first heading's own space */
    if (!part)
        ts_flow_add(r->f, TS_SPACE)->amount = 10;
}

/* Whether s holds content of the kind among its own (sections, headings): its title then
 * stands over theirs, never smaller. */
static bool holds(const struct sectie *s, enum content_kind kind)
{
    for (const struct content *c = s->inhoud; c; c = c->next)
        if (c->kind == kind)
            return true;
    return false;
}

/* Whether s begins with an interview (its title then a kicker over the interview's). */
static bool opens_with_interview(const struct sectie *s)
{
    return s->inhoud && s->inhoud->kind == C_SECTIE && s->inhoud->sectie->soort == S_INTERVIEW;
}

/* Whether s holds one paragraph and no other text (headings, lists, sections). */
static bool sole_text(const struct sectie *s)
{
    size_t n = 0;
    for (const struct content *c = s->inhoud; c; c = c->next) {
        if (c->kind == C_H || c->kind == C_UL || c->kind == C_OL || c->kind == C_SECTIE || c->kind == C_TEGEL)
            return false;
        n += c->kind == C_P;
    }
    return n == 1;
}

/* Whether a text section is a series of three or more short points and nothing else (a
 * heading and a paragraph of SHORT_POINT lines at most, each): set as a grid, two points
 * a row, each row's tops level, where in two columns five such points stood two beside
 * three and ended a third of a column apart. */
static bool points_grid(struct rap *r, const struct sectie *s)
{
    const struct ts_style *body = STYLE(r, "body");
    size_t points = 0;
    for (const struct content *c = s->inhoud; c; c = c->next) {
        if (c->kind != C_H || !c->next || c->next->kind != C_P)
            return false;
        c = c->next;
        if (draw_text_height(r->e, r->ctx, body, block_text(r, c), r->column) > SHORT_POINT * body->leading + 0.5f)
            return false;
        points++;
    }
    return s->soort == S_TEKST && points >= 3;
}

/* The text of the paragraphs from first up to stop, in characters: whether a few lines. */
static size_t text_before(const struct content *first, const struct content *stop)
{
    size_t n = 0;
    for (const struct content *c = first; c && c != stop; c = c->next)
        if (c->kind == C_P)
            n += pub_text_length(c);
    return n;
}

/* Text before a closing quote that it may stand beside: a third of a column at most. */
enum { BESIDE_MAX = 400 };

/* Whether s holds key figures alone, a row of them (four at most). */
static bool figures_only(const struct sectie *s)
{
    int n = 0;
    for (const struct content *c = s->inhoud; c; c = c->next, n++)
        if (c->kind != C_KERNCIJFER)
            return false;
    return n > 0 && n <= 4;
}

/* In print, the left-hand page that falls free before a line of work or a chapter opens
 * on the right: its field over the whole page, its number large and its name at the foot,
 * a spread with the opener it faces (a blank page inside a report reads as a fault).
 * Decoration: the opener says it all. */
struct divider {
    struct ts_engine *e;
    struct gka_ctx *ctx;
    const struct ts_style *number, *label, *title;
    const char *digits, *kicker, *titel;
    const struct dl_colour *field;
    const struct ts_master *master; /* "vlak": its margins */
};

/* The divider's number, pt: as large as the page's other large numbers are to their text. */
enum { DIVIDER_NUMBER = 150 };

static void draw_divider(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct divider *d = data;
    draw_rect(page, area.x, area.y, area.w, area.h, d->field);
    /* a left-hand page: its outside edge on the left */
    float x = area.x + d->master->margin_outside, w = area.w - d->master->margin_outside - d->master->margin_inside;
    float y = area.y + area.h - d->master->margin_bottom - draw_text_height(d->e, d->ctx, d->title, d->titel, w);
    draw_text(d->e, d->ctx, doc, page, d->title, d->titel, x, y, w);
    if (d->kicker) {
        y -= draw_text_height(d->e, d->ctx, d->label, d->kicker, w) + 4;
        draw_text(d->e, d->ctx, doc, page, d->label, d->kicker, x, y, w);
    }
    draw_text(d->e, d->ctx, doc, page, d->number, d->digits, x, y - d->number->leading, w);
}

static const char *lijn_label(struct rap *r, const struct sectie *s, const struct lijn *opens);

/* The divider before section s, a line of work (opens) or a chapter, in the colours of
 * the page it faces. */
static struct divider *divider(struct rap *r, const struct sectie *s, const struct lijn *opens)
{
    struct divider *d = arena_alloc(&r->arena, sizeof *d);
    struct ts_style *styles = arena_alloc(&r->arena, 3 * sizeof *styles);
    styles[0] = *STYLE(r, "paneel-nummer");
    styles[0].size = styles[0].leading = DIVIDER_NUMBER;
    styles[1] = *STYLE(r, "paneel-lijn");
    styles[2] = *STYLE(r, "paneel-titel");
    styles[0].colour = styles[1].colour = *r->on_dark;
    int nr = opens ? opens->nr : chapter_number(r->m, s);
    *d = (struct divider){ .e = r->e, .ctx = r->ctx, .number = &styles[0], .label = &styles[1], .title = &styles[2],
                           .digits = pub_fmt(&r->arena, "%02d", nr), .kicker = opens ? lijn_label(r, s, opens) : NULL,
                           .titel = s->titel ? s->titel : "", .field = r->dark, .master = lay_master(r->l, "vlak") };
    return d;
}

/* Whether s is the last of what the topic being laid out holds. */
static bool ends_topic(const struct rap *r, const struct sectie *s)
{
    const struct content *last = r->topic ? r->topic->inhoud : NULL;
    while (last && last->next)
        last = last->next;
    return last && last->kind == C_SECTIE && last->sectie == s;
}

/* A top-level section, a chapter, an interview or a timeline opens a page, unless it comes
 * straight after its parent's heading (which would then stand alone on its page); so does
 * a section after a chapter of the same level, which would otherwise read as a part of
 * that chapter's last section (an interview). */
static void section(struct rap *r, const struct sectie *s, int depth, bool after_heading, bool after_chapter)
{
    /* in its line's colours: a line of work may begin inside a chapter (the magazine's
     * Lijn 1 to 3), and what follows it there is in the chapter's again */
    lijn_colours(r, s->lijn);
    bool new_page = depth == 0 || after_chapter ||
                    ((s->soort == S_HOOFDSTUK || s->soort == S_INTERVIEW || s->soort == S_TIJDLIJN) && !after_heading);
    /* a section inside another that opens with an interview has its title as the
     * interview's kicker: the interview's title, larger, is what the page is read by */
    bool kicker = depth > 0 && opens_with_interview(s);
    /* the first section of a line of work opens it, as a chapter: with its number */
    const struct lijn *opens = depth == 0 && s->lijn && opens_lijn(r->m, s) ? s->lijn : NULL;
    /* a part of a chapter that holds sections of its own (the magazine's Lijn 1 to 3) on a
     * panel where it opens a page */
    bool part = new_page && depth == 1 && s->soort == S_HOOFDSTUK && holds(s, C_SECTIE);
    /* an interview inside a section of the second level with a title of its own (a school
     * in a community) a size under that title; under a kicker it is the page's title */
    bool school = s->soort == S_INTERVIEW && depth >= 2 && !(r->section && opens_with_interview(r->section));
    if (new_page) {
        /* a short section before leaves room: this one begins under it, unless it opens a
         * line of work or a chapter, is the contents, or is a timeline of its own (its
         * figure, phases and milestones are one page); the colofon has the back page to itself, on its own master when the
         * layout has one */
        struct ts_block *br = ts_flow_add(r->f, TS_PAGE_BREAK);
        bool cover = contact_cover(r, s, depth);
        bool back = (s->soort == S_COLOFON || cover) && lay_master(r->l, "achterkant");
        /* the contents on a master of their own when the layout has one (the magazine's
         * contents in one column) */
        bool chapter_opens = depth == 0 && s->soort == S_HOOFDSTUK;
        br->master = back                                            ? "achterkant"
                     : s->soort == S_INHOUD && lay_master(r->l, "inhoud") ? "inhoud"
                     : (opens || chapter_opens) && lay_master(r->l, "opener") ? "opener"
                                                                             : "tekst";
        bool timeline_opens = depth == 0 && s->soort == S_TIJDLIJN;
        /* a part of a chapter opens a page of its own, on its panel, as the lines of work do */
        br->soft = !back && !opens && !chapter_opens && !timeline_opens && !part && s->soort != S_INHOUD;
        /* a section under another on its page: its title as its rank's, not one size
         * larger as on a page it opens (a topic's a size under the page's title) */
        br->run_on_style = STYLE(r, kicker           ? "bovenkop"
                                    : school           ? "h2-deel"
                                    : depth == 0       ? "h1-deel"
                                    : depth == 1 || s->soort == S_INTERVIEW || holds(s, C_SECTIE) ? "h2"
                                                       : "h3");
        /* in print a line of work or a chapter opens on a right-hand page; a left-hand
         * page that falls free before it is its divider */
        br->odd = (opens || chapter_opens) && r->print;
        if (br->odd && lay_master(r->l, "vlak")) {
            br->blank_master = "vlak";
            br->draw = draw_divider;
            br->draw_data = divider(r, s, opens);
        }
        if (cover && r->print) /* and the back cover ends the last quire */
            pub_quire_end(br, &r->arena, r->e, r->ctx, r->l);
        br->amount = 28;
        if (back && cover) {
            back_cover(r, s);
            return;
        }
    }
    /* the running head names the topic, the chapter or its part (a line of work), not an
     * interview inside it; set after the break, on the page the section begins on */
    if (depth == 0 || (depth == 1 && s->soort == S_HOOFDSTUK))
        ts_flow_add(r->f, TS_MARK)->value = short_title(s);
    /* a chart under its own heading is read as one: heading, sentence and chart in one
     * column; what follows the chart flows on its own */
    bool held = depth > 0 && s->soort == S_GRAFIEK;
    if (held)
        ts_flow_add(r->f, TS_GROUP_BEGIN);
    static const char *const heading_styles[] = { "h1", "h2", "h3" };
    static const char *const heading_roles[] = { "H1", "H2", "H3" };
    int rank = depth < 2 ? depth : 2;
    /* a chapter of the report opens with its number, large, over its title ("01") */
    int chapter = depth == 0 && s->soort == S_HOOFDSTUK ? chapter_number(r->m, s) : 0;
    /* a line of work, a chapter or a part of one opens on a panel of the dark field, its
     * number and title (and a chapter's standfirst) on it */
    bool panel = opens || chapter || part;
    float band = opens ? band_indent(r) : 0;
    if (opens) { /* the line's name over its first section, its number at their left */
        struct ts_style *label_style = indented(r, "paneel-lijn", band), *number_style = indented(r, "paneel-nummer", 0);
        label_style->colour = number_style->colour = *r->on_dark;
        struct ts_block *label = pub_para(r->f, label_style, "P", lijn_label(r, s, opens));
        label->span = TS_SPAN_ALL;
        struct comp_words *nr = arena_alloc(&r->arena, sizeof *nr);
        *nr = (struct comp_words){ .e = r->e, .ctx = r->ctx, .style = number_style,
                                   .text = pub_fmt(&r->arena, "%02d", opens->nr) };
        label->side_draw = comp_words_draw;
        label->side_data = nr;
        label->side_width = band;
        label->side_height = label->style->leading; /* the title goes on beside it */
    } else if (chapter) {
        para(r, "paneel-nummer", "P", pub_fmt(&r->arena, "%02d", chapter));
    }
    /* a section that opens a page looks one size larger than its rank: a part of a chapter
     * (a line of work) a size between the two, under the chapter's title; an interview
     * looks the same wherever it begins */
    int look = s->soort == S_INTERVIEW ? 1 : new_page && rank > 0 ? rank - 1 : rank;
    const char *style = depth == 1 && look == 0 ? "h1-deel" : heading_styles[look];
    /* a section of the third level with headings of its own in it stands a size above them */
    if ((look == 2 && holds(s, C_H)) || school)
        style = "h2-deel";
    if (kicker)
        style = "bovenkop";
    if (panel)
        style = part ? "paneel-deel" : "paneel-titel";
    /* a section of quotes after an interview is a voice of its own, not the words of the
     * one interviewed: a rule in the accent's colour over its heading sets it apart */
    if (depth > 0 && s->soort == S_CITATEN && !panel && r->after_interview)
        pub_accent_rule(r->f, r->accent);
    const struct ts_style *heading_style = opens ? indented(r, style, band) : STYLE(r, style);
    struct ts_block *h = pub_para(r->f, heading_style, heading_roles[rank],
                                  keep_together(r, s->titel, PROGRAMME, heading_style, r->column));
    h->dest = s->id;
    h->outline = short_title(s);
    h->outline_level = depth;
    /* a heading over a diagram across the page goes across with it, not alone in a column;
     * so does a topic's title over the factor table or cards across the page: its text
     * stands under the title in both columns, not half beside it */
    if ((depth > 0 && s->inhoud && s->inhoud->kind == C_DIAGRAM) || r->title_across)
        h->span = TS_SPAN_ALL;
    r->title_across = false;
    for (const struct content *c = s->inhoud; depth == 0 && c; c = c->next)
        if (c->kind == C_NIVEAU)
            h->span = TS_SPAN_ALL;
    if (depth == 0 && tiles_for_cards(s->inhoud))
        h->span = TS_SPAN_ALL;
    /* over a grid of points across both columns: its first row begins level under it */
    bool grid = points_grid(r, s);
    if (grid)
        h->span = TS_SPAN_ALL;
    /* a topic of key figures that opens with them has them across the page, under its
     * title across it: its few lines of text under them, in the columns */
    bool figures_open = depth == 0 && s->soort == S_KERNCIJFERS && s->inhoud && s->inhoud->kind == C_KERNCIJFER &&
                        !holds(s, C_H);
    /* so does a row of key figures that ends its topic (four at most, one row): across the
     * page's foot, under the topic's text in balanced columns */
    bool figures_foot = depth > 0 && s->soort == S_KERNCIJFERS && figures_only(s) && ends_topic(r, s);
    if (figures_open || figures_foot)
        h->span = TS_SPAN_ALL;
    /* a letter's title over both its columns: the second begins level with the first's text,
     * not with the title beside it; so the dashboard's, whose list of what is new stands
     * beside its text */
    if (depth == 0 && (s->soort == S_VOORWOORD || s->soort == S_DASHBOARD))
        h->span = TS_SPAN_ALL;
    /* a topic's title that a column would set in three lines or more goes across the page,
     * where it takes fewer: its last word ("(GKA)") no longer stands alone */
    if (depth == 0 && !panel && r->column < r->measure && h->span != TS_SPAN_ALL &&
        draw_text_height(r->e, r->ctx, heading_style, h->text.utf8.data, r->column) > 2.5f * heading_style->leading)
        h->span = TS_SPAN_ALL;
    /* a chapter's title and its first paragraph (its standfirst) go across the page, the
     * columns under them: the text no longer begins in the column beside the title */
    bool standfirst = chapter && s->inhoud && s->inhoud->kind == C_P;
    if (chapter || opens) /* every chapter's title so, with or without a standfirst; a line's */
        h->span = TS_SPAN_ALL;
    h->loc_path = s->loc.path, h->loc_line = s->loc.line;
    float heading_text = 0;
    if (panel && !part)
        opener_heading(r, s, &heading_text);
    if (panel && !standfirst)
        opening_panel(r, h->span, part, part ? 0 : r->opener_heading - heading_text);
    if (s->soort == S_INHOUD) {
        h->span = TS_SPAN_ALL; /* the columns of entries begin under it */
        contents(r, s);
        return;
    }
    static const char *const sub_roles[] = { "H2", "H3", "H4" };
    const char *outer_sub = r->sub;
    const struct sectie *outer_section = r->section;
    r->sub = sub_roles[rank];
    r->section = s;
    if (depth == 0)
        r->topic = s;

    bool timeline_done = false, factors_done = false, tiles_seen = false, as_cards = false;
    float factor_name_share = 0;
    const struct content *map_later = NULL; /* the map apart (map_apart) */
    /* the first paragraph of a page's topic is its lead, set larger (after a quote, an
     * image or the map that opens it, too); a letter has none */
    bool lead = depth == 0 && s->soort != S_VOORWOORD && s->soort != S_COLOFON;
    /* a letter is read as one, at a size of its own */
    const struct ts_style *body = s->soort == S_VOORWOORD ? STYLE(r, "brief") : STYLE(r, "body");
    const struct sectie *before = NULL; /* the section before c, when c follows one */
    bool after_figure = false;          /* c follows a key figure */
    /* key figures under headings: each heading with its text, figure and source stays
     * together, as one unit */
    bool units = false, in_unit = false, headed = false; /* headed: a heading of its own so far */
    /* an interview about an agenda ends with the agenda's figures */
    bool facts_due = s->agenda && s->soort == S_INTERVIEW;
    /* a section of many quotes is a wall of voices, each set smaller than a quote alone */
    size_t voices = 0;
    for (const struct content *c = s->inhoud; s->soort == S_CITATEN && c; c = c->next)
        voices += c->kind == C_CITAAT;
    /* a wall of voices opens with its first, large and across the page: the one the eye
     * enters by */
    const struct content *opening_voice = voices >= MANY_VOICES ? first_quote(s->inhoud) : NULL;
    for (const struct content *c = s->inhoud; s->soort == S_KERNCIJFERS && c; c = c->next)
        units = units || (c->kind == C_KERNCIJFER && c->next && c->next->kind != C_KERNCIJFER);
    /* a topic whose tiles stand listed in the columns has what comes before them across
     * the page (at a lead's measure), so that both columns of tiles begin level under it */
    bool across_until_tiles = depth == 0 && holds(s, C_TEGEL) && !tiles_for_cards(s->inhoud) && s->inhoud &&
                              s->inhoud->kind != C_TEGEL;
    const struct ts_style *lead_style = STYLE(r, "lead");
    if (across_until_tiles) {
        struct ts_style *wide = arena_alloc(&r->arena, sizeof *wide);
        *wide = *lead_style;
        wide->measure = r->measure; /* across the page, on the grid: both columns of tiles under it */
        lead_style = wide;
        ts_flow_add(r->f, TS_GROUP_BEGIN)->span = TS_SPAN_ALL;
    }
    const struct content *previous = NULL;
    const struct content *pictured = NULL; /* a picture set before the quote it follows */
    size_t point = 0; /* in a grid, the points so far */
    for (const struct content *c = s->inhoud; c; before = c->kind == C_SECTIE ? c->sectie : NULL,
                               after_figure = c->kind == C_KERNCIJFER, previous = c, c = c->next) {
        bool first = c == s->inhoud;
        if (!pub_for_edition(c, r->print))
            continue;
        if (across_until_tiles && c->kind == C_TEGEL) {
            ts_flow_add(r->f, TS_GROUP_END);
            across_until_tiles = false;
        }
        if (lead && c->kind == C_P) {
            lead = false;
            /* a lead is a few lines; a longer paragraph set as one would fill a column at
             * the larger size beside the other column's body (a standfirst goes across, to
             * the lead's measure) */
            if (standfirst) {
                struct ts_block *b = para(r, "paneel-lead", "P", NULL);
                b->span = TS_SPAN_ALL;
                b->loc_path = c->loc.path, b->loc_line = c->loc.line;
                pub_inline(&b->text, c->first_child, 0, r->link ? r->white : NULL); /* links on the field in white */
                opening_panel(r, TS_SPAN_ALL, false, 0);
                continue;
            }
            /* so is a topic's only text (beside a picture), however long: set small, it
             * stood in a third of its column */
            if (pub_text_length(c) <= LEAD_MAX || sole_text(s)) {
                pub_block(r->f, c, lead_style, STYLE(r, "h3"), STYLE(r, "lijst"), r->link);
                continue;
            }
        }
        lead = lead && (c->kind == C_CITAAT || c->kind == C_AFBEELDING || c->kind == C_KAART);
        /* an interview that opens, under its portrait, with the words of the one it is
         * with has them larger: what the page is read by */
        if (s->soort == S_INTERVIEW && c->kind == C_P && previous && previous->kind == C_PERSOON &&
            c->first_child && c->first_child->kind == C_TEXT && strncmp(c->first_child->text, "\xE2\x80\x9C", 3) == 0) {
            pub_block(r->f, c, STYLE(r, "lead"), STYLE(r, "h3"), STYLE(r, "lijst"), r->link);
            continue;
        }
        /* a paragraph that is one bold phrase is read as a heading over what follows: it
         * stays with it */
        bool run_in = c->kind == C_P && c->first_child && c->first_child->kind == C_STRONG && !c->first_child->next;
        if (c->kind == C_H && grid) {
            /* the second point of a row in the second column; a row after the first under
             * the taller of the two points above it */
            if (point % 2 == 1)
                ts_flow_add(r->f, TS_COLUMN_BREAK);
            else if (point > 0) /* the row's points level above it; the next row's headings
                                   keep their space before, as in a column */
                pub_band_end(r->f);
            point++;
        }
        if (c->kind == C_H && units) {
            if (in_unit)
                ts_flow_add(r->f, TS_GROUP_END);
            ts_flow_add(r->f, TS_GROUP_BEGIN);
            in_unit = true;
        }
        /* under a heading of the section's, a bold phrase is a level below it: smaller, in
         * the accent's colour (Extra onderwijs, then Extra lestijd); a bold statement of a
         * few sentences stays as it was */
        bool lesser = run_in && headed && pub_text_length(c) <= SUBHEAD_MAX;
        headed = headed || c->kind == C_H;
        /* a bold statement of a few sentences is no heading: it is said larger, as a lead
         * between the parts it joins, not as four bold lines */
        if (run_in && pub_text_length(c) > STATEMENT_MIN) {
            /* under a rule in the accent's colour, with it: a statement set apart, not a
             * paragraph in the wrong size */
            ts_flow_add(r->f, TS_SPACE)->amount = 8;
            ts_flow_add(r->f, TS_GROUP_BEGIN);
            pub_accent_rule(r->f, r->accent);
            ts_flow_add(r->f, TS_SPACE)->amount = 6;
            struct ts_block *b = para(r, "lead", "P", NULL);
            b->loc_path = c->loc.path, b->loc_line = c->loc.line;
            pub_inline(&b->text, c->first_child->first_child, 0, r->link);
            ts_flow_add(r->f, TS_GROUP_END);
            continue;
        }
        if (c->kind == C_H || run_in) {
            const struct content *words = run_in ? c->first_child->first_child : c->first_child;
            /* one of a numbered series of statements ("01 Schoolsucces begint thuis"): its
             * number in the accent's colour, hanging before its lines */
            size_t numeral = c->kind == C_H ? statement_number(words) : 0;
            struct ts_block *b = para(r, numeral ? "stelling" : lesser ? "h4" : "h3", lesser ? deeper_role(r->sub) : r->sub, NULL);
            b->loc_path = c->loc.path, b->loc_line = c->loc.line;
            if (numeral) {
                const char *label = pub_fmt(&r->arena, "%.*s\xE2\x80\x82", (int)numeral, words->text); /* an en space */
                struct ts_style *hung = arena_alloc(&r->arena, sizeof *hung);
                *hung = *b->style;
                hung->hanging = draw_text_width(r->e, r->ctx, hung, label);
                b->style = hung;
                ts_text_add(&b->text, label, 0, r->accent, NULL);
                ts_text_add(&b->text, words->text + numeral + 1, 0, NULL, NULL);
                words = words->next;
            }
            pub_inline(&b->text, words, 0, r->link);
            continue;
        }
        /* the source of a key figure, under it, is a caption, not running text */
        bool source = after_figure && c->kind == C_P && c->first_child && c->first_child->kind == C_TEXT &&
                      strncmp(c->first_child->text, "Bron", 4) == 0;
        const struct ts_style *point_style = source ? STYLE(r, "klein") : body;
        /* a point under its heading, a few lines long, is read as one: it stands whole in
         * a column, not its last lines at the top of the next */
        if (c->kind == C_P && previous && previous->kind == C_H && !source) {
            struct ts_style *whole = arena_alloc(&r->arena, sizeof *whole);
            *whole = *body;
            whole->whole_up_to = SHORT_POINT;
            point_style = whole;
        }
        if (pub_block(r->f, c, point_style, STYLE(r, "h3"), STYLE(r, "lijst"), r->link))
            continue;
        switch (c->kind) {
        case C_SECTIE:
            /* under a diagram across the page, a section's title goes across too: both
             * columns of its text then begin under it, level */
            r->title_across = previous && previous->kind == C_DIAGRAM;
            r->after_interview = before && before->soort == S_INTERVIEW;
            section(r, c->sectie, depth + 1, first, before && before->soort == S_HOOFDSTUK);
            break;
        case C_ONDERTEKENING: /* who signs, beside their portrait (or initials), as a person
                                 mentioned: a large disc under a letter outweighs its text */
            person(r, c, "persoon", "P");
            break;
        case C_FASE:
        case C_MIJLPAAL:
            if (!timeline_done)
                timeline(r, c);
            timeline_done = true;
            break;
        case C_NIVEAU:
            if (!factors_done && factor_overview(r, c))
                factors_done = true;
            else if (!factors_done) {
                if (!factor_name_share)
                    factor_name_share = factor_share(r, c, 0.32f); /* of this level and all after it */
                factors(r, c, factor_name_share);
            }
            break;
        case C_KERNCIJFER: /* key figures side by side, where the text puts them */
            if (!after_figure)
                key_figures(r, c, figures_open || figures_foot);
            break;
        case C_GRAFIEK:
            chart(r, c);
            if (held)
                ts_flow_add(r->f, TS_GROUP_END);
            held = false;
            break;
        case C_KAART:
            if (map_apart(r))
                map_later = c; /* after the text, which it stands beside */
            else
                kaart(r, c);
            break;
        case C_TEGEL:
            /* the section's tiles are all cards or all listed, never some of each */
            if (!tiles_seen)
                as_cards = tiles_as_cards(r, c);
            tiles_seen = true;
            if (!as_cards)
                tile(r, c);
            break;
        case C_GROEP:
            group_of_people(r, c);
            break;
        case C_PERSOON: /* the one an interview about a gemeente's agenda is with (its
                           wethouder), larger than a person mentioned */
            person(r, c, s->soort == S_INTERVIEW && s->agenda ? "persoon-groot" : "persoon", "P");
            break;
        case C_CITAAT: /* an interview's closing words across the page, under its columns (the
                        * agenda's figures before them) */
            if (facts_due && !c->next) {
                agenda_facts(r, s->agenda);
                facts_due = false;
            }
            /* the closing words of a topic of key figures and a few lines stand beside
             * those lines, in the next column, not under them beside nothing */
            if (figures_open && !c->next && text_before(s->inhoud, c) <= BESIDE_MAX)
                ts_flow_add(r->f, TS_COLUMN_BREAK);
            /* a topic that opens with a quote over a picture that may float: the picture in
             * the first column, the quote over the text in the second (across over both,
             * it left the text half a column beside the picture) */
            if (depth == 0 && first && c->next && c->next->kind == C_AFBEELDING && pub_floating(c->next)) {
                pub_image(r->f, &r->arena, c->next, STYLE(r, "onderschrift"), r->link);
                ts_flow_add(r->f, TS_COLUMN_BREAK);
                quote(r, c, "citaat-kolom", NULL);
                pictured = c->next;
                break;
            }
            quote(r, c, (depth == 0 && first) || c == opening_voice ? "citaat-opening"
                        : voices >= MANY_VOICES       ? "citaat-stem"
                        : s->soort == S_INTERVIEW && !c->next ? "citaat-breed"
                                                      : "citaat",
                  previous && previous->kind == C_PERSOON ? previous : NULL);
            break;
        case C_AFBEELDING:
            if (c != pictured) /* else set beside the quote before it */
                pub_image(r->f, &r->arena, c, STYLE(r, "onderschrift"), r->link);
            break;
        case C_DIAGRAM:
            diagram(r, c);
            break;
        default:
            break;
        }
    }
    if (held || in_unit)
        ts_flow_add(r->f, TS_GROUP_END);
    if (facts_due) /* an interview that ends without a quote: its agenda's figures at its end */
        agenda_facts(r, s->agenda);
    if (map_later)
        kaart_apart(r, map_later);
    r->sub = outer_sub;
    r->section = outer_section;
    lijn_colours(r, s->parent ? s->parent->lijn : NULL);
}

static void cover(struct rap *r)
{
    const struct model *m = r->m;
    const struct rapport *rp = &m->rapport;
    const struct ts_master *ms = lay_master(r->l, "omslag");
    /* the map's sources on the back cover, where the report has one */
    bool back = false;
    for (size_t i = 0; i < rp->nsecties; i++)
        back = back || contact_cover(r, rp->secties[i], 0);
    pub_cover(r->f, &r->arena, r->e, r->ctx, r->l, "omslag", rp->auteur,
              pub_cover_map(&r->arena, r->e, r->ctx, r->l, m, r->outline, back));
    float width = r->l->page_width - ms->margin_inside - ms->margin_outside;
    /* the programme's name is never broken: on a narrow cover the title is set smaller,
     * to three quarters of its size at the least, so that the name fits a line */
    const struct ts_style *title = STYLE(r, "omslag-titel");
    float name_width = draw_text_width(r->e, r->ctx, title, PROGRAMME);
    if (rp->titel && strstr(rp->titel, PROGRAMME) && name_width > width && name_width * 0.75f <= width) {
        struct ts_style *smaller = arena_alloc(&r->arena, sizeof *smaller);
        *smaller = *title;
        float scale = floorf(2 * title->size * width / name_width) / (2 * title->size);
        smaller->size *= scale, smaller->leading *= scale;
        title = smaller;
    }
    struct ts_block *t = pub_para(r->f, title, "H1", keep_together(r, rp->titel, PROGRAMME, title, width));
    t->dest = "omslag";
    t->outline = rp->titel;
    if (rp->ondertitel)
        para(r, "omslag-ondertitel", "P", rp->ondertitel);
    char date[64];
    pub_date(date, sizeof date, m->peildatum);
    para(r, "omslag-ondertitel", "P", pub_fmt(&r->arena, "%s gemeenten  \xC2\xB7  %s interventies  \xC2\xB7  peildatum %s",
                                          number(r, (long)m->nagendas), number(r, (long)m->ninterventies),
                                          date));
}

/* ---- the tab bar of the lines of work ---- */

static const struct lijn *lijn_of(const struct sectie *s)
{
    for (; s; s = s->parent)
        if (s->lijn)
            return s->lijn;
    return NULL;
}

/* Each page shows the line of work of the sections on it from where they begin; a page
 * where a line's section and one outside the lines begin (the contact under the last
 * pages of line 4) stays the line's. */
static void mark_pages(const struct sectie *s, const struct ts_result *res, const struct lijn **of_page,
                       const struct lijn **begun_on)
{
    int p = ts_result_page(res, s->id);
    const struct lijn *l = lijn_of(s);
    if (p >= 0) {
        for (size_t k = (size_t)p + (!l && begun_on[p]); k < res->npages; k++)
            of_page[k] = l;
        if (l)
            begun_on[p] = l;
    }
    for (size_t i = 0; i < s->nsubsecties; i++)
        mark_pages(s->subsecties[i], res, of_page, begun_on);
}

static const char *first_section_of(const struct sectie *s, const struct lijn *l)
{
    if (lijn_of(s) == l)
        return s->id;
    for (size_t i = 0; i < s->nsubsecties; i++) {
        const char *id = first_section_of(s->subsecties[i], l);
        if (id)
            return id;
    }
    return NULL;
}

static void tab_bar(struct rap *r, struct dl_document *doc, const struct ts_result *res)
{
    const struct rapport *rp = &r->m->rapport;
    if (!rp->nlijnen)
        return;
    const struct lijn **of_page = xcalloc(res->npages + 1, sizeof *of_page);
    const struct lijn **begun_on = xcalloc(res->npages + 1, sizeof *begun_on);
    for (size_t i = 0; i < rp->nsecties; i++)
        mark_pages(rp->secties[i], res, of_page, begun_on);
    free(begun_on);
    const char **targets = xcalloc(rp->nlijnen + 1, sizeof *targets);
    for (size_t k = 0; k < rp->nlijnen; k++)
        for (size_t i = 0; i < rp->nsecties && !targets[k]; i++)
            targets[k] = first_section_of(rp->secties[i], &rp->lijnen[k]);
    struct ts_style label = *STYLE(r, "grafiek"), digit = *STYLE(r, "grafiek-waarde");
    digit.align = TS_CENTER;
    label.align = TS_RIGHT;
    const float size = 16, gap = 3, top = 16;
    struct dl_open_tags open = { 0 };
    for (size_t p = 0; p < res->npages && p < doc->npages; p++) {
        struct dl_page *page = &doc->pages[p];
        /* the links among the page's sections, not inside a paragraph that goes on over it */
        size_t at = dl_page_outside_blocks(&open, page), drawn = page->nitems;
        /* on every text page (with a folio), not on the covers */
        const struct ts_master *ms = res->pages[p].master;
        if (!ms || !ms->footer)
            continue;
        float right = page->width - ms->margin_outside;
        float x0 = right - (float)rp->nlijnen * (size + gap) + gap;
        const struct lijn *current = of_page[p];
        const char *mark = res->pages[p].mark;
        /* the line a page belongs to: a running header (an opener's band names its line
           itself, under it; a page whose running head is the line's name needs it once) */
        if (current && ms->header && !(mark && strcmp(mark, current->naam) == 0)) {
            dl_artifact_begin(page, DL_ARTIFACT_HEADER);
            draw_text(r->e, r->ctx, doc, page, &label, pub_fmt(&r->arena, "Lijn %d: %s", current->nr, current->naam),
                      ms->margin_inside, top + 4, x0 - ms->margin_inside - 8);
            dl_push(page, DL_TAG_END);
        }
        for (size_t k = 0; k < rp->nlijnen; k++) {
            const struct lijn *l = &rp->lijnen[k];
            float x = x0 + (float)k * (size + gap);
            bool here = l == current;
            struct ts_style d = digit;
            /* each line's tab in its tint, the page's own line's filled in its colour
               (on its opener's band, in that colour, edged in white) */
            const struct dl_colour *field = lijn_colour(r, l, "", "donkerblauw");
            d.colour = here ? *r->white : *field;
            if (targets[k]) {
                struct dl_item *lb = dl_push(page, DL_LINK_BEGIN);
                lb->as.link.dest = dl_strdup(doc, targets[k]);
                lb->as.link.description = dl_strdup(doc, pub_fmt(&r->arena, "Naar lijn %d: %s", l->nr, l->naam));
            }
            if (here && !ms->header)
                draw_rect(page, x - 1, top - 1, size + 2, size + 2, r->white);
            draw_rect(page, x, top, size, size, here ? field : lijn_colour(r, l, "-licht", "vlak"));
            draw_text(r->e, r->ctx, doc, page, &d, pub_fmt(&r->arena, "%d", l->nr), x, top + 4, size);
            if (targets[k])
                dl_push(page, DL_LINK_END);
        }
        dl_page_send_back(page, drawn, at);
    }
    dl_open_tags_release(&open);
    free(targets);
    free(of_page);
}

/* ---- the run ---- */

static const char *layout_name(const struct model *m, const char *layouts_dir, char *buf, size_t size)
{
    /* a year may have a layout of its own: the 2020 magazine is portrait */
    snprintf(buf, size, "%s/voortgangsrapportage-%d.xml", layouts_dir, m->jaar);
    struct stat st;
    if (stat(buf, &st) == 0) {
        snprintf(buf, size, "voortgangsrapportage-%d", m->jaar);
        return buf;
    }
    return "voortgangsrapportage";
}

/* One pass: the cover, then every section; this pass's strings replace the last's. */
static void compose_pass(void *composer, struct ts_flow *f, const struct ts_result *prev)
{
    struct rap *r = composer;
    arena_release(&r->arena);
    r->f = f;
    r->prev = prev;
    ts_flow_add(f, TS_TAG_BEGIN)->role = "Document";
    cover(r);
    const struct rapport *rp = &r->m->rapport;
    r->opener_heading = 0;
    for (size_t i = 0; i < rp->nsecties; i++)
        r->opener_heading = fmaxf(r->opener_heading, opener_heading(r, rp->secties[i], &(float){ 0 }));
    for (size_t i = 0; i < rp->nsecties; i++)
        section(r, rp->secties[i], 0, false, false);
    /* a report that does not end on its contact gets a back cover of its own: the cover's
     * field and wordmark; in print the last page of its quire */
    if (rp->nsecties && !contact_cover(r, rp->secties[rp->nsecties - 1], 0)) {
        struct ts_block *br = ts_flow_add(f, TS_PAGE_BREAK);
        br->master = "omslag";
        if (r->print)
            pub_quire_end(br, &r->arena, r->e, r->ctx, r->l);
        pub_cover(f, &r->arena, r->e, r->ctx, r->l, "omslag", rp->auteur, NULL);
    }
    /* the Document ends after the tab bar's links, drawn on the pages when they are known */
}

/* The report's layout with all it needs, or NULL with every problem in ctx. */
static struct lay_layout *load_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o)
{
    if (m->rapport.nsecties == 0) {
        diag_error(ctx, m->root_path, 0, "the year has no rapport.xml: there is no report to make");
        return NULL;
    }
    char name[4096];
    return pub_load_layout(ctx, m, o, layout_name(m, o->layouts_dir, name, sizeof name), needed_styles,
                           needed_masters, needed_colours);
}

int pub_rapport_check(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o)
{
    struct lay_layout *l = load_layout(ctx, m, o);
    struct comp_outline *outline = pub_load_outline(ctx, o);
    int rc = l && outline ? 0 : -1;
    lay_free(l);
    comp_outline_free(outline);
    return rc;
}

struct dl_document *pub_rapport_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                       struct pub_report *report)
{
    memset(report, 0, sizeof *report);
    struct lay_layout *l = load_layout(ctx, m, o);
    struct comp_outline *outline = l ? pub_load_outline(ctx, o) : NULL;
    if (!outline) {
        lay_free(l);
        return NULL;
    }
    struct ts_engine *e = NULL;
    struct dl_document *doc = NULL;
    struct ts_cache *cache = NULL;
    e = pub_engine(ctx, l);
    if (!e || lay_check_fonts(ctx, l, e) != 0)
        goto done;
    cache = ts_cache_new();
    const struct ts_master *tekst = lay_master(l, "tekst");
    float column = pub_column_width(l, tekst);

    float measure = (float)tekst->columns * column + tekst->gutter * (float)(tekst->columns - 1);
    struct rap r = { .ctx = ctx, .m = m, .l = l, .e = e, .column = column, .measure = measure,
                     .link = pub_link_colour(l, o),
                     .print = o->print,
                     .grey = lay_colour(l, "grijs"), .light = lay_colour(l, "vlak"), .white = lay_colour(l, "wit"),
                     .text = lay_colour(l, "tekst"), .outline = outline };
    for (int k = 0; k < 5; k++) {
        char cname[16];
        snprintf(cname, sizeof cname, "stedelijk-%d", k + 1);
        r.klasse[k] = lay_colour(l, cname);
    }
    lijn_colours(&r, NULL);
    arena_init(&r.arena);
    struct ts_result result;
    doc = pub_layout_until_stable(e, ctx, cache, l, "omslag", compose_pass, &r, &result, &report->passes, NULL);
    if (!o->print) /* paper has no tabs to click */
        tab_bar(&r, doc, &result);
    pub_running(e, ctx, l, doc, &result, 1, m->rapport.titel, PROGRAMME);
    if (doc->npages)
        dl_push(&doc->pages[doc->npages - 1], DL_TAG_END); /* the Document */
    if (o->print && result.npages) {
        const struct ts_master *last = result.pages[result.npages - 1].master;
        pub_pad_for_binding(doc, last && strcmp(last->name, "achterkant") == 0);
    }
    doc->meta.title = dl_strdup(doc, m->rapport.titel);
    doc->meta.author = dl_strdup(doc, m->rapport.auteur);
    doc->meta.subject = dl_strdup(doc, m->rapport.onderwerp ? m->rapport.onderwerp : m->rapport.titel);
    doc->meta.keywords = dl_strdup(doc, m->rapport.trefwoorden ? m->rapport.trefwoorden
                                                               : "Gelijke Kansen Alliantie; kansengelijkheid; onderwijs");
    char name[64];
    snprintf(name, sizeof name, "voortgangsrapportage-%d.pdf", m->jaar);
    pub_complete(ctx, name, doc, o->date, &result, report);
    arena_release(&r.arena);
    ts_result_release(&result);
    /* the cache's paragraphs point at styles and colours made here: it goes first */
    ts_cache_free(cache);
    cache = NULL;
done:
    ts_cache_free(cache);
    ts_engine_free(e);
    comp_outline_free(outline);
    lay_free(l);
    return doc;
}

int pub_rapport(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o)
{
    struct pub_report local, *report = o->report ? o->report : &local;
    struct dl_document *doc = pub_rapport_layout(ctx, m, o, report);
    if (!doc)
        return 2;
    char path[4096];
    snprintf(path, sizeof path, "%s/voortgangsrapportage-%d.pdf", o->out_dir, m->jaar);
    int rc = pub_write(ctx, doc, path, o->preview, pub_print(o)) == 0 ? 0 : 1;
    dl_free(doc);
    return rc;
}
