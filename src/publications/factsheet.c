/* factsheet.c: the factsheet of a GKA-agenda, a front and a back to print on one sheet.
 * The front: who and where (provincie, inwoners, year of joining), key figures, a chart of
 * its interventies per thema beside the national distribution, a locator map with its
 * stedelijkheid, the local opgave. The back: the highlighted interventie, whom to talk to
 * (wethouder, regiocoördinator), the agenda's URL as link and QR code, and the list of
 * interventies. One file per agenda, and all in one file with odd-page starts. */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "components.h"

static const char *const needed_styles[] = {
    "kenmerk", "h1", "h2", "h3", "body", "klein", "kaart-label", "kaart-tekst", "kaart-titel", "kaart-meta",
    "lijst", "lijst-regel", "lijst-regel-dicht", "grafiek", "grafiek-waarde", "tegel-label", "grafiek-rechts", "grafiek-midden", "grafiek-aantal", "telling", "intro", "lead", "opgave", "kaart-organisatie",
    "omslag-titel", "omslag-ondertitel", "omslag-ministerie", "omslag-woordmerk", "achterkant-kop", "achterkant-tekst",
    "register-letter", "register-item", NULL,
};
static const char *const needed_masters[] = { "factsheet", "omslag", "register", NULL };
static const char *const needed_colours[] = { "buurland", "lijn", "water", "kust", "hemelblauw", "donkerblauw", "omslag-land", "grijs", "vlak", "wit", NULL };

/* What a worker needs to lay out factsheets. */
struct worker {
    struct gka_ctx ctx;
    const struct model *m;
    const struct lay_layout *l;
    const struct comp_outline *outline; /* the locator map's countries */
    int chart_scale;                    /* every sheet's (chart_scale) */
    float chart_label;                  /* the thema names' column, pt (chart_label_width) */
    float chart_room, chart_track;      /* what the names leave of the chart, and of that the
                                           bars' track, pt (chart_track) */
    float chart_chip;                   /* the agenda's counts' width, pt (chart_chip_width) */
    size_t *chart_order;                /* the thema's as the charts list them: most interventies first */
    const struct dl_colour *link;       /* pub_link_colour: NULL in print */
    struct ts_engine *e;
    struct ts_cache *cache;
};

/* One factsheet being composed. */
struct sheet {
    struct worker *w;
    const struct agenda *a;
    struct ts_flow *f;
    struct arena arena;
    const struct dl_colour *link, *accent, *grey, *light, *white;
    float measure;              /* the width of both columns, pt */
    float gutter;               /* between the columns, pt: between tiles side by side too */
};

#define STYLE(s, name) lay_style((s)->w->l, name)

static struct ts_block *para(struct sheet *s, const char *style, const char *role, const char *text)
{
    return pub_para(s->f, STYLE(s, style), role, text);
}

static int percent(int part, size_t whole)
{
    return whole ? (int)lround(100.0 * part / (double)whole) : 0;
}

/* ---- the chart: per thema the national share, and the agenda's own interventies counted ---- */

/* a chart's row, pt, and the part of it its name and bar take (in its middle) */
enum { CHART_ROW = 23, CHART_ROW_CONTENT = 22, CHART_LEGEND = 26, CHART_AXIS = 18 };

/* The agenda's count in a row: a chip this high, at least this wide, and this far from the
 * track after it. */
enum { CHIP_HEIGHT = 11, CHIP_WIDTH = 14, CHIP_GAP = 8 };

/* Up to FACTSHEET_DOEL_MAX interventies, the list says what each is for (its doel); beyond
 * FACTSHEET_LIST_FULL, a size smaller, so that the list still ends above the sheet's foot. */
enum { FACTSHEET_LIST_FULL = 10, FACTSHEET_DOEL_MAX = 14 };


/* The step of a chart's scale up to max percent, a line and a label each: five or fewer
 * after 0. */
static int chart_step(int max)
{
    return max <= 25 ? 5 : max <= 50 ? 10 : 20;
}

/* The scale every sheet's chart shares, so that a bar of 10% is as long on each: the
 * largest national share up to the next line of the scale. An agenda's own interventies are
 * counted in chips, not drawn as shares: most agendas hold two or three, whose shares (33,
 * 50, 100%) say less than the count and would dwarf the nation's bars. */
static int chart_scale(const struct model *m)
{
    int max = 5;
    for (size_t i = 0; i < m->nthemas; i++) {
        int national = percent(m->themas[i].n_interventies, m->ninterventies);
        max = national > max ? national : max;
    }
    int step = chart_step(max);
    return (max + step - 1) / step * step;
}

/* The thema's in the order the charts list them: the most interventies of all GKA-gemeenten
 * first (ties in the data's order), the rest ("Overige interventies") last, the same on
 * every sheet. */
static size_t *chart_order(const struct model *m)
{
    size_t *order = xcalloc(m->nthemas + 1, sizeof *order);
    for (size_t i = 0; i < m->nthemas; i++) {
        size_t k = i;
        while (k > 0 && (pub_is_rest(m->themas[order[k - 1]].naam) ||
                         m->themas[order[k - 1]].n_interventies < m->themas[i].n_interventies) &&
               !pub_is_rest(m->themas[i].naam)) {
            order[k] = order[k - 1];
            k--;
        }
        order[k] = i;
    }
    return order;
}

/* The column of the thema names: as wide as the widest in bold, and a little room before
 * the bars; at most a third of the chart, a longer name in two lines, so that the bars
 * have the room. */
static float chart_label_width(struct worker *w, float chart_width)
{
    const struct ts_style *bold = lay_style(w->l, "grafiek-waarde");
    float widest = 0, widest_word = 0;
    for (size_t i = 0; i < w->m->nthemas; i++) {
        const char *name = w->m->themas[i].naam;
        widest = fmaxf(widest, draw_text_width(w->e, &w->ctx, bold, name));
        /* a word is never broken */
        for (const char *word = name; *word;) {
            size_t n = strcspn(word, " ");
            char one[256];
            snprintf(one, sizeof one, "%.*s", (int)n, word);
            widest_word = fmaxf(widest_word, draw_text_width(w->e, &w->ctx, bold, one));
            word += n + (word[n] == ' ');
        }
    }
    return fminf(widest, fmaxf(chart_width / 3, widest_word)) + 8;
}

/* The chips' width: room for the largest count of one thema in any agenda. */
static float chart_chip_width(struct worker *w)
{
    const struct model *m = w->m;
    int most = 0;
    for (size_t k = 0; k < m->nagendas; k++)
        for (size_t i = 0; i < m->nthemas; i++)
            most = m->agendas[k].n_per_thema[i] > most ? m->agendas[k].n_per_thema[i] : most;
    char text[32];
    snprintf(text, sizeof text, "%d", most);
    return fmaxf(CHIP_WIDTH, draw_text_width(w->e, &w->ctx, lay_style(w->l, "grafiek-aantal"), text) + 6);
}

/* The bars' track, pt, of room after the names and chips: as long as lets the longest bar
 * still have its figure after it on its line. */
static float chart_track(struct worker *w, float room)
{
    const struct model *m = w->m;
    const struct ts_style *label = lay_style(w->l, "grafiek");
    float track = room;
    char text[64];
    for (size_t i = 0; i < m->nthemas; i++) {
        int national = percent(m->themas[i].n_interventies, m->ninterventies);
        snprintf(text, sizeof text, "%d%%", national);
        if (national > 0)
            track = fminf(track, (room - 3 - draw_text_width(w->e, &w->ctx, label, text)) * (float)w->chart_scale /
                                     (float)national);
    }
    return fmaxf(track, room / 3);
}

static size_t chart_rows(const struct model *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->nthemas; i++)
        n += m->themas[i].n_interventies > 0;
    return n;
}

/* How the chart's and the map's legends name the agenda's gemeenten. */
static const char *these(const struct agenda *a)
{
    return a->nleden == 1 ? "deze gemeente" : "deze gemeenten";
}

/* A count in a chip of the agenda's colour, centred on cy. */
static void draw_chip(struct sheet *s, struct dl_document *doc, struct dl_page *page, int count, float x, float cy)
{
    struct worker *w = s->w;
    const struct ts_style *figure = lay_style(w->l, "grafiek-aantal");
    draw_bar(page, x, cy - CHIP_HEIGHT / 2.0f, w->chart_chip, CHIP_HEIGHT, s->accent, s->white);
    draw_text(w->e, &w->ctx, doc, page, figure, pub_fmt(&s->arena, "%d", count), x, cy - figure->leading / 2 + 0.5f,
              w->chart_chip);
}

static void draw_chart(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    struct sheet *s = (struct sheet *)data;
    const struct model *m = s->w->m;
    const struct agenda *a = s->a;
    struct worker *w = s->w;
    const struct ts_style *label = lay_style(w->l, "grafiek"), *value = lay_style(w->l, "grafiek-waarde");
    /* the track as every sheet has it (in a chart of another width, in proportion), after
     * the names and the chips' column: a sheet without interventies has no chips, its
     * track starts after the names */
    bool counts = a->ninterventies > 0;
    float label_w = w->chart_label, chips_w = counts ? w->chart_chip + CHIP_GAP : 0;
    float bars = w->chart_track * (area.w - label_w) / w->chart_room;
    float bx = area.x + label_w + chips_w, right = area.x + area.w;
    int max = w->chart_scale;
    /* legend: a row per series, in the map legend's words (the name, long or not, is the
     * sheet's title), so that each stays on its line */
    float national_row = 0;
    if (counts) {
        draw_bar(page, area.x, area.y + 1, 10, 8, s->accent, s->white);
        draw_text(w->e, &w->ctx, doc, page, label, pub_fmt(&s->arena, "aantal interventies van %s", these(a)),
                  area.x + 14, area.y, area.w - 14);
        national_row = 11;
    }
    draw_bar(page, area.x, area.y + national_row + 2.5f, 10, 4, s->grey, s->white);
    /* a share of what: the nation's interventies, counted, so that no reader takes it for
     * this gemeente's share */
    char total[32];
    pub_number(total, sizeof total, (long)m->ninterventies);
    draw_text(w->e, &w->ctx, doc, page, label, pub_fmt(&s->arena, "aandeel per thema van alle %s GKA-interventies", total),
              area.x + 14, area.y + national_row, area.w - 14);
    float y = area.y + CHART_LEGEND;
    /* the scale, the same on every sheet: a hairline down the chart every step, behind the
     * bars, its percentage under the last row */
    int step = chart_step(max);
    for (int p = 0; p <= max; p += step) /* light enough that a figure over one keeps its contrast */
        draw_rect(page, bx + bars * (float)p / (float)max - 0.4f, y, 0.8f, (float)chart_rows(m) * CHART_ROW, s->light);
    for (size_t o = 0; o < m->nthemas; o++) {
        size_t i = w->chart_order[o];
        const struct thema *t = &m->themas[i];
        if (!t->n_interventies)
            continue;
        float cy = y + (CHART_ROW - CHART_ROW_CONTENT) / 2.0f + CHART_ROW_CONTENT / 2.0f; /* the row's middle */
        int n = a->n_per_thema[i], national = percent(t->n_interventies, m->ninterventies);
        /* the name in the middle of its row, in one line or two, bold where the agenda has
         * interventies */
        const struct ts_style *name_style = n ? value : label;
        float name_h = draw_text_height(w->e, &w->ctx, name_style, t->naam, label_w - 4);
        draw_text(w->e, &w->ctx, doc, page, name_style, t->naam, area.x, cy - name_h / 2, label_w - 4);
        if (n)
            draw_chip(s, doc, page, n, area.x + label_w, cy);
        float national_end = bx + bars * (float)national / (float)max + 0.5f;
        draw_bar(page, bx, cy - 4, national_end - bx, 8, s->grey, s->white);
        /* the figure at the end of its bar, where the eye arrives */
        draw_text(w->e, &w->ctx, doc, page, label, pub_fmt(&s->arena, "%d%%", national), national_end + 3,
                  cy - label->leading / 2, right - national_end - 3);
        y += CHART_ROW;
    }
    const struct ts_style *centred = lay_style(w->l, "grafiek-midden");
    for (int p = 0; p <= max; p += step)
        draw_text(w->e, &w->ctx, doc, page, centred, pub_fmt(&s->arena, "%d%%", p),
                  bx + bars * (float)p / (float)max - 15, y + 6, 30);
}

static const char *chart_alt(struct sheet *s)
{
    const struct model *m = s->w->m;
    struct strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "Staafdiagram van de verdeling van alle %zu interventies van de GKA per thema", m->ninterventies);
    if (s->a->ninterventies > 0)
        sb_printf(&sb, ", met het aantal interventies van %s (%zu in totaal):", s->a->naam, s->a->ninterventies);
    else
        sb_printf(&sb, ":");
    for (size_t o = 0; o < m->nthemas; o++) {
        size_t i = s->w->chart_order[o];
        const struct thema *t = &m->themas[i];
        int n = s->a->n_per_thema[i], national = percent(t->n_interventies, m->ninterventies);
        if (!t->n_interventies)
            continue;
        if (n)
            sb_printf(&sb, " %s landelijk %d%%, hier %d;", t->naam, national, n);
        else
            sb_printf(&sb, " %s landelijk %d%%;", t->naam, national);
    }
    const char *out = pub_fmt(&s->arena, "%s", sb.data);
    sb_release(&sb);
    return out;
}

/* ---- the locator map: every GKA-gemeente a dot, this agenda's marked ---- */

static struct comp_map *locator_map(struct sheet *s)
{
    const struct model *m = s->w->m;
    struct comp_map_place *places = arena_alloc(&s->arena, (m->ngemeenten + 1) * sizeof *places);
    size_t n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < m->ngemeenten; i++) {
            const struct gemeente *g = &m->gemeenten[i];
            bool mine = g->agenda == s->a;
            if (mine != (pass == 1))
                continue; /* the marked ones last, on top */
            places[n++] = mine ? (struct comp_map_place){ g->lat, g->lon, 5, s->accent, s->white, 1.5f, NULL, NULL }
                               : (struct comp_map_place){ g->lat, g->lon, 1.8f, s->grey, NULL, 0, NULL, NULL };
        }
    /* the marked gemeenten named beside their dots, and a key to the two kinds of dot */
    struct comp_map_label *labels = arena_alloc(&s->arena, (s->a->nleden + 1) * sizeof *labels);
    size_t nlabels = 0;
    for (size_t i = 0; i < m->ngemeenten; i++)
        if (m->gemeenten[i].agenda == s->a)
            labels[nlabels++] = (struct comp_map_label){ m->gemeenten[i].naam, m->gemeenten[i].lat, m->gemeenten[i].lon };
    struct comp_map_legend *legend = arena_alloc(&s->arena, 2 * sizeof *legend);
    legend[0] = (struct comp_map_legend){ s->accent, these(s->a),
                                          NULL };
    legend[1] = (struct comp_map_legend){ s->grey, "andere GKA-gemeenten", NULL };
    struct comp_map *map = arena_alloc(&s->arena, sizeof *map);
    *map = (struct comp_map){ .e = s->w->e, .ctx = &s->w->ctx, .style = STYLE(s, "grafiek"), .sea = lay_colour(s->w->l, "water"),
                              .shapes = s->w->outline, .country = s->white, .neighbours = lay_colour(s->w->l, "buurland"),
                              .coast = lay_colour(s->w->l, "kust"), .border = lay_colour(s->w->l, "lijn"), .places = places, .nplaces = n,
                              .labels = labels, .nlabels = nlabels, .max_labels = nlabels, .plate = s->white, .legend = legend,
                              .nlegend = 2 };
    return map;
}

/* ---- composing ---- */

/* A paragraph across both columns. */
static struct ts_block *wide(struct sheet *s, const char *style, const char *role, const char *text)
{
    struct ts_block *b = para(s, style, role, text);
    b->span = TS_SPAN_ALL;
    return b;
}

/* n figures as tiles across the sheet (as printed: a count with its thousands, a year
 * without), each with what it counts, in value's style over a rule of accent; what names
 * the set ("Kerncijfers") opens its alt text. */
static void tiles_figure(struct sheet *s, size_t n, const char **values, const char *const *labels, const char *what,
                         const struct ts_style *value, const struct dl_colour *accent)
{
    struct comp_tiles *t = arena_alloc(&s->arena, sizeof *t);
    const char **kept = arena_alloc(&s->arena, n * sizeof *kept);
    struct strbuf alt;
    sb_init(&alt);
    sb_printf(&alt, "%s:", what);
    for (size_t i = 0; i < n; i++) {
        kept[i] = labels[i]; /* the tiles are drawn after the caller's array is gone */
        sb_printf(&alt, " %s %s%s", values[i], labels[i], i + 1 < n ? ";" : ".");
    }
    *t = (struct comp_tiles){ .e = s->w->e, .ctx = &s->w->ctx, .value = value, .label = STYLE(s, "tegel-label"),
                              .fill = s->light, .accent = accent, .n = n, .values = values, .labels = kept,
                              .gap = s->gutter };
    struct ts_block *b = ts_flow_add(s->f, TS_FIGURE);
    b->amount = comp_tiles_measure(t, s->measure);
    b->draw = comp_tiles_draw;
    b->draw_data = t;
    b->span = TS_SPAN_ALL;
    b->alt = pub_fmt(&s->arena, "%s", alt.data);
    sb_release(&alt);
}

/* A key figure's value on a sheet, front and back alike: under the gemeente's name,
 * smaller than it (the name is where the sheet is entered); in colour, or the style's. */
static const struct ts_style *figure_style(struct sheet *s, const struct dl_colour *colour)
{
    struct ts_style *value = arena_alloc(&s->arena, sizeof *value);
    *value = *STYLE(s, "telling");
    const struct ts_style *name = STYLE(s, "h1");
    if (value->size > name->size * 0.85f) {
        value->leading *= name->size * 0.85f / value->size;
        value->size = name->size * 0.85f;
    }
    if (colour)
        value->colour = *colour;
    return value;
}

/* The front's key figures, from the data: interventies, the thema's they fall in,
 * inhabitants, and how urban the gemeente is (CBS's class; an alliance's first gemeente's). */
static void key_figures(struct sheet *s)
{
    const struct model *m = s->w->m;
    const struct agenda *a = s->a;
    const struct stedelijkheidsklasse *k = model_klasse(m, a->leden[0]->stedelijkheid);
    const long counts[4] = { (long)a->ninterventies, (long)pub_agenda_themas(m, a), a->inwoners,
                             0 /* how urban: in words, below */ };
    /* how urban, in words where the figures stand: the degree large ("zeer sterk"),
     * "stedelijk" and the class under it; a class's number alone would read as a count */
    char name[64] = "";
    const char *urban = "";
    if (k) { /* "Zeer sterk stedelijk" */
        snprintf(name, sizeof name, "%c%s", (char)tolower((unsigned char)k->naam[0]), k->naam + 1);
        char *last = strrchr(name, ' ');
        if (last) {
            *last = '\0';
            urban = pub_fmt(&s->arena, "%s (CBS-klasse %d van %zu)", last + 1, k->waarde, m->nklassen);
        }
    }
    const char *labels[4] = { a->ninterventies == 1 ? "interventie in de GKA-agenda" : "interventies in de GKA-agenda",
                              pub_fmt(&s->arena, "van de %zu thema\xE2\x80\x99s", m->nthemas),
                              a->nleden == 1 ? "inwoners" : pub_fmt(&s->arena, "inwoners in %zu gemeenten", a->nleden),
                              urban };
    const char **values = pub_numbers(&s->arena, 4, counts);
    if (k)
        values[3] = pub_fmt(&s->arena, "%s", name);
    /* an agenda without interventies yet: the GKA-gemeenten of its provincie in the thema's
     * place (a tile of 0 thema's would say nothing, and the year it joined stands over the
     * tiles); every tile else where it stands on other sheets */
    const char *provincie = a->leden[0]->provincie;
    /* one that joined this year says so in the count's place: a 0 would read as a failing */
    if (a->ninterventies == 0 && a->toegetreden == m->jaar) {
        values[0] = "Nieuw";
        labels[0] = pub_fmt(&s->arena, "in de GKA in %d", m->jaar);
    }
    if (a->ninterventies == 0 && provincie) {
        const struct model_count *c = model_provincie(m, provincie);
        if (c) {
            values[1] = pub_fmt(&s->arena, "%d", c->n_gemeenten);
            labels[1] = pub_fmt(&s->arena, "GKA-gemeenten in %s", provincie);
        }
    }
    tiles_figure(s, k ? 4 : 3, values, labels, "Kerncijfers", figure_style(s, NULL), s->accent);
    ts_flow_add(s->f, TS_SPACE)->amount = 12;
}

/* The foot of the back, the same on every sheet: the alliance in the country, counted, and
 * where all its interventies are described. In the master's area "voet", when it has one. */
static void alliance_band(struct sheet *s)
{
    const struct model *m = s->w->m;
    struct ts_block *area = ts_flow_add(s->f, TS_AREA_BEGIN);
    area->value = "voet";
    pub_accent_rule(s->f, s->accent);
    ts_flow_add(s->f, TS_SPACE)->amount = 4;
    para(s, "h3", "H2", pub_fmt(&s->arena, "De Gelijke Kansen Alliantie in %d", m->jaar));
    /* the country's figures in a line, under the sheet's own: where the gemeente stands
     * among them, not a second set of key figures */
    const long counts[3] = { (long)m->nagendas, (long)m->ninterventies, (long)m->nthemas };
    const char **values = pub_numbers(&s->arena, 3, counts);
    const char *labels[3] = { m->nagendas == m->ngemeenten ? " gemeenten met een GKA-agenda"
                                                           : pub_fmt(&s->arena, " GKA-agenda\xE2\x80\x99s van %zu gemeenten",
                                                                     m->ngemeenten),
                              " interventies", " thema\xE2\x80\x99s" };
    struct ts_block *b = para(s, "kaart-tekst", "P", NULL);
    for (size_t i = 0; i < 3; i++) {
        ts_text_add(&b->text, i ? "  \xC2\xB7  " : "", 0, NULL, NULL);
        ts_text_add(&b->text, values[i], TS_BOLD, NULL, NULL);
        ts_text_add(&b->text, labels[i], 0, NULL, NULL);
    }
    ts_text_add(&b->text, ". Alle interventies staan in de ", 0, NULL, NULL);
    struct ts_link bundel = { .file = pub_fmt(&s->arena, "../interventiebundel-%d.pdf", m->jaar),
                              .description = pub_fmt(&s->arena, "De Interventiebundel %d", m->jaar) };
    ts_text_add(&b->text, pub_fmt(&s->arena, "Interventiebundel\xC2\xA0%d", m->jaar), pub_link_flags(s->link), s->link,
                s->link ? &bundel : NULL);
    ts_text_add(&b->text, ".", 0, NULL, NULL);
    ts_flow_add(s->f, TS_AREA_END);
}

/* The rule under a heading of the back, in the accent colour, as over a card. */
static void heading_rule(struct sheet *s)
{
    pub_accent_rule(s->f, s->accent);
    ts_flow_add(s->f, TS_SPACE)->amount = 4;
}

/* Whom to talk to: the wethouder(s) and the regiocoördinator. */
static void people(struct sheet *s)
{
    const struct agenda *a = s->a;
    para(s, "h2", "H2", "Contact");
    heading_rule(s);
    para(s, "kaart-label", "P", a->nwethouders == 1 ? "Wethouder" : "Wethouders");
    for (size_t i = 0; i < a->nwethouders; i++) {
        const struct wethouder *wh = &a->wethouders[i];
        struct ts_block *b = para(s, "kaart-tekst", "P", wh->persoon.naam);
        if (wh->portefeuille)
            ts_text_add(&b->text, pub_fmt(&s->arena, ", %s", wh->portefeuille), 0, NULL, NULL);
        if (a->nleden > 1 && wh->gemeente)
            ts_text_add(&b->text, pub_fmt(&s->arena, " (%s)", wh->gemeente->naam), 0, NULL, NULL);
    }
    para(s, "kaart-label", "P", "Regiocoördinator");
    struct ts_block *rc = para(s, "kaart-tekst", "P", a->regiocoordinator.naam);
    if (a->regiocoordinator.email) {
        struct ts_link mail = { .uri = pub_fmt(&s->arena, "mailto:%s", a->regiocoordinator.email),
                                .description = pub_fmt(&s->arena, "E-mail aan %s", a->regiocoordinator.naam) };
        ts_text_add(&rc->text, "\xE2\x80\xA8", 0, NULL, NULL);
        ts_text_add(&rc->text, a->regiocoordinator.email, pub_link_flags(s->link), s->link, &mail);
    }
}

/* The local opgave, the sheet's lead: its heading across both columns, its paragraphs in
 * them, balanced (on the grid of the chart and the map above it). */
static void opgave(struct sheet *s)
{
    struct ts_style *heading = arena_alloc(&s->arena, sizeof *heading);
    *heading = *STYLE(s, "h2");
    heading->span = TS_SPAN_ALL;
    pub_para(s->f, heading, "H2", "Lokale opgave");
    /* its rule across both columns too, as its text stands in both */
    pub_accent_rule(s->f, s->accent)->span = TS_SPAN_ALL;
    ts_flow_add(s->f, TS_SPACE)->amount = 4;
    /* its paragraphs whole: the columns part between them (the situation, then what the
     * agenda chooses), never in the middle of a sentence */
    struct ts_style *whole = arena_alloc(&s->arena, sizeof *whole);
    *whole = *STYLE(s, "opgave");
    whole->keep_together = true;
    pub_blocks(s->f, s->a->opgave, whole, STYLE(s, "h3"), whole, s->link);
    /* the columns above a block across the page end balanced, a short opgave too: the
     * right column is not left empty beside it */
    pub_band_end(s->f)->even = true;
}

/* The least a gemeente's name is scaled to, to stand on one line. */
static const float NAME_LEAST = 0.7f;

/* The front: who and where across the top, the key figures under it, the chart in the
 * left column and the map in the right, the local opgave across the foot. */
static void front(struct sheet *s)
{
    const struct model *m = s->w->m;
    const struct agenda *a = s->a;
    const struct gemeente *first = a->leden[0];
    wide(s, "kenmerk", "P", pub_fmt(&s->arena, "Factsheet Gelijke Kansen Alliantie %d", m->jaar));
    struct ts_block *h = wide(s, "h1", "H1", a->naam);
    /* on one line, a size smaller where it needs (an alliance's three names), so that the
     * sheet's parts stand where they stand on every other: down to NAME_LEAST of the size */
    struct gka_ctx measuring; /* its missing glyphs are reported where the name is set */
    gka_ctx_init(&measuring);
    float width = draw_text_width(s->w->e, &measuring, h->style, a->naam);
    gka_ctx_release(&measuring);
    if (width > s->measure) {
        struct ts_style *fitted = arena_alloc(&s->arena, sizeof *fitted);
        *fitted = *h->style;
        float scale = fmaxf(s->measure / width * 0.98f, NAME_LEAST);
        fitted->size *= scale, fitted->leading *= scale;
        h->style = fitted;
    }
    h->dest = pub_fmt(&s->arena, "fs-%s", a->id);
    h->outline = a->naam;
    h->loc_path = a->loc.path, h->loc_line = a->loc.line;
    wide(s, "kaart-meta", "P", pub_fmt(&s->arena, "Provincie %s  \xC2\xB7  GKA sinds %d", first->provincie,
                                       a->toegetreden));
    ts_flow_add(s->f, TS_SPACE)->amount = 8;
    key_figures(s);

    /* the map stands top right on every sheet, left of it the chart, and the opgave across
     * the foot */
    /* without interventies of its own, the chart shows the alliance's alone: it says so */
    para(s, "h2", "H2", a->ninterventies ? "Interventies per thema" : "Interventies per thema in de GKA");
    struct ts_block *words = NULL;
    if (a->ninterventies == 0)
        words = para(s, "kaart-tekst", "P",
                     pub_fmt(&s->arena, "In de gegevens van %d staan voor %s nog geen interventies.", m->jaar, a->naam));
    if (words) /* apart from the chart's key under it */
        ts_flow_add(s->f, TS_SPACE)->amount = 5;
    struct ts_block *chart = ts_flow_add(s->f, TS_FIGURE);
    chart->amount = CHART_LEGEND + CHART_ROW * (float)chart_rows(m) + CHART_AXIS;
    chart->draw = draw_chart;
    chart->draw_data = s;
    chart->alt = chart_alt(s);
    ts_flow_add(s->f, TS_COLUMN_BREAK);

    para(s, "h2", "H2", "Ligging");
    struct ts_block *map = ts_flow_add(s->f, TS_FIGURE);
    struct comp_map *locator = locator_map(s);
    /* as wide as its column, on the grid of the tiles above it */
    map->amount = nl_map_height(pub_column_width(s->w->l, lay_master(s->w->l, "factsheet"))) +
                  comp_map_legend_height(locator->nlegend);
    map->draw = comp_map_draw;
    map->draw_data = locator;
    map->alt = pub_fmt(&s->arena, "Kaart van Nederland met de %zu gemeenten van de GKA als stippen; %s, in de provincie %s, is "
                      "gemarkeerd.", m->ngemeenten, a->naam, first->provincie);
    ts_flow_add(s->f, TS_SPACE)->amount = 6;
    opgave(s);
}

static void draw_agenda_qr(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    (void)doc;
    const struct sheet *s = data;
    draw_qr(page, s->a->url, area.x - 6, area.y, area.h, lay_colour(s->w->l, "tekst"));
}

static void agenda_link(struct sheet *s)
{
    /* heading, link and code stay together: a code apart from its words helps no one */
    ts_flow_add(s->f, TS_GROUP_BEGIN);
    para(s, "h3", "H2", "De GKA-agenda");
    struct ts_block *b = para(s, "kaart-tekst", "P", s->link ? "Scan de code of volg de link:" : "Scan de code of ga naar");
    ts_text_add(&b->text, "\xE2\x80\xA8", 0, NULL, NULL);
    struct ts_link web = { .uri = s->a->url, .description = pub_fmt(&s->arena, "De GKA-agenda van %s", s->a->naam) };
    ts_text_add(&b->text, pub_address(&s->arena, s->a->url, !s->link /* print */), pub_link_flags(s->link), s->link, &web);
    struct ts_block *qr = ts_flow_add(s->f, TS_FIGURE);
    qr->amount = 72;
    qr->draw = draw_agenda_qr;
    qr->draw_data = s;
    qr->alt = pub_fmt(&s->arena, "QR-code die verwijst naar %s", s->a->url);
    ts_flow_add(s->f, TS_GROUP_END);
}

/* Room for notes: a label and ruled lines, drawn as decoration (there is nothing to read
 * in it); it is left out where less than NOTES_MIN is free. */
enum { NOTES_MIN = 64, NOTES_LINE = 21 };

/* Room for notes under what stands in the columns: level, one label over both columns,
 * beginning under the longer (under its own text only where that would leave it less than
 * NOTES_MIN); across, one block across the page under the columns, balanced over it. */
static void notes(struct sheet *s, bool across)
{
    bool level = !across;
    struct worker *w = s->w;
    struct comp_notes *n = arena_alloc(&s->arena, sizeof *n);
    *n = (struct comp_notes){ .e = w->e, .ctx = &w->ctx, .label = STYLE(s, "kaart-label"), .text = "Notities",
                              .accent = s->accent, .rule = lay_colour(w->l, "lijn"), .line = NOTES_LINE };
    ts_flow_add(s->f, TS_SPACE)->amount = 14;
    struct ts_block *b = ts_flow_add(s->f, TS_FIGURE);
    b->amount = NOTES_MIN;
    b->fill = true;
    b->level = level; /* with the other column's, on one line */
    b->span = across ? TS_SPAN_ALL : 0;
    b->draw = comp_notes_draw;
    b->draw_data = n;
    if (!level)
        return;
    /* beside the other column's, as their continuation: one label over both */
    struct comp_notes *on = arena_alloc(&s->arena, sizeof *on);
    *on = *n;
    on->text = "";
    b->level_on = on;
}

/* A link to interventie iv's card in the bundel, which stands beside the factsheets'
 * folder. */
static const struct ts_link *bundel_card(struct sheet *s, const struct interventie *iv)
{
    struct ts_link *card = arena_alloc(&s->arena, sizeof *card);
    *card = (struct ts_link){ .file = pub_fmt(&s->arena, "../interventiebundel-%d.pdf", s->w->m->jaar),
                              .file_dest = pub_card_dest(&s->arena, iv),
                              .description = pub_fmt(&s->arena, "%s in de interventiebundel", iv->titel) };
    return card;
}

/* ---- elsewhere in the GKA: what a sheet with few interventies of its own has room for ---- */

/* Sheets of up to this many interventies list some of other agendas near by. */
enum { ELSEWHERE_UP_TO = 5 };

/* Where an agenda lies: the middle of its gemeenten. */
static void agenda_centre(const struct agenda *a, double *lat, double *lon)
{
    *lat = *lon = 0;
    for (size_t i = 0; i < a->nleden; i++)
        *lat += a->leden[i]->lat / (double)a->nleden, *lon += a->leden[i]->lon / (double)a->nleden;
}

/* The distance between two places, km (on a plane: within the country, to a few percent). */
static double km_between(double lat1, double lon1, double lat2, double lon2)
{
    double dx = (lon2 - lon1) * cos((lat1 + lat2) / 2 * M_PI / 180) * 111.32, dy = (lat2 - lat1) * 110.57;
    return sqrt(dx * dx + dy * dy);
}

struct nearby {
    const struct interventie *iv;
    double km;
};

static int by_distance(const void *x, const void *y)
{
    const struct nearby *a = x, *b = y;
    if (a->km != b->km)
        return a->km < b->km ? -1 : 1;
    return strcmp(a->iv->id, b->iv->id);
}

/* Whether agenda a has an interventie of thema t, or one titled titel. */
static bool agenda_has(const struct agenda *a, const struct thema *t, const char *titel)
{
    for (size_t i = 0; i < a->ninterventies; i++)
        if ((t && a->interventies[i]->thema == t) || (titel && strcmp(a->interventies[i]->titel, titel) == 0))
            return true;
    return false;
}

/* What interventie iv is for, as plain text ("" where the data says nothing). */
static const char *doel_text(struct sheet *s, const struct interventie *iv)
{
    struct ts_text t;
    ts_text_init(&t);
    pub_inline(&t, iv->doel, 0, NULL);
    const char *text = pub_fmt(&s->arena, "%s", t.utf8.data ? t.utf8.data : "");
    ts_text_release(&t);
    return text;
}

/* The interventies of other agendas nearest to this one, on its own thema's (any, where it
 * has none yet), each titled once: what a team can go and look at down the road; under its
 * title across the page when `across` (the list then in both columns). */
static void elsewhere(struct sheet *s, bool across)
{
    const struct model *m = s->w->m;
    const struct agenda *a = s->a;
    if (a->ninterventies > ELSEWHERE_UP_TO || a->nleden == 0)
        return;
    double lat, lon;
    agenda_centre(a, &lat, &lon);
    struct nearby *near = arena_alloc(&s->arena, (m->ninterventies + 1) * sizeof *near);
    size_t n = 0;
    for (size_t i = 0; i < m->ninterventies; i++) {
        const struct interventie *iv = &m->interventies[i];
        if (iv->agenda == a || !iv->agenda || iv->agenda->nleden == 0 ||
            (a->ninterventies && !agenda_has(a, iv->thema, NULL)) || agenda_has(a, NULL, iv->titel))
            continue;
        double ilat, ilon;
        agenda_centre(iv->agenda, &ilat, &ilon);
        near[n++] = (struct nearby){ iv, km_between(lat, lon, ilat, ilon) };
    }
    qsort(near, n, sizeof *near, by_distance);
    size_t want = a->ninterventies <= 1 ? 6 : a->ninterventies <= 3 ? 4 : 3, shown = 0;
    const char **aims = arena_alloc(&s->arena, (want + 1) * sizeof *aims);
    for (size_t i = 0; i < n && shown < want; i++) {
        /* the same interventie in two gemeenten, or one with the same aim (a programme
         * run in many places): the nearer one, so that the list shows what differs */
        const char *aim = doel_text(s, near[i].iv);
        bool seen = false;
        for (size_t j = 0; j < shown && !seen; j++)
            seen = strcmp(near[j].iv->titel, near[i].iv->titel) == 0 || strcmp(aims[j], aim) == 0;
        if (!seen)
            aims[shown] = aim, near[shown++] = near[i];
    }
    if (!shown)
        return;
    ts_flow_add(s->f, TS_SPACE)->amount = 14;
    para(s, "h2", "H2", "Dichtstbijzijnde interventies")->span = across ? TS_SPAN_ALL : 0;
    heading_rule(s);
    para(s, "kaart-tekst", "P",
         a->ninterventies ? "Op dezelfde thema\xE2\x80\x99s, bij de GKA-gemeenten die het dichtst bij liggen:"
                          : "Ter inspiratie: interventies van de GKA-gemeenten die het dichtst bij liggen:")
        ->span = across ? TS_SPAN_ALL : 0;
    ts_flow_add(s->f, TS_TAG_BEGIN)->role = "L";
    for (size_t i = 0; i < shown; i++) {
        const struct interventie *iv = near[i].iv;
        struct ts_block *li = para(s, "lijst-regel", "LI", NULL);
        li->loc_path = iv->loc.path, li->loc_line = iv->loc.line;
        ts_text_add(&li->text, iv->titel, TS_BOLD, s->link, bundel_card(s, iv));
        ts_text_add(&li->text, pub_fmt(&s->arena, "\xE2\x80\xA8%s \xC2\xB7 %s \xC2\xB7 %.0f km", iv->agenda->naam,
                                   iv->thema->naam, near[i].km),
                    0, s->grey, NULL);
        /* what it is for, as the sheet's own list says it: what makes it worth the trip */
        if (iv->doel) {
            ts_text_add(&li->text, "\xE2\x80\xA8", 0, NULL, NULL);
            pub_inline(&li->text, iv->doel, TS_ITALIC, s->link);
        }
    }
    ts_flow_add(s->f, TS_TAG_END);
}

/* The agenda's interventies, each with its thema and sector (and what it is for, on a sheet
 * of a few), the featured one marked; what the data says where there are none yet. */
static void interventie_list(struct sheet *s, const struct interventie *featured)
{
    const struct model *m = s->w->m;
    const struct agenda *a = s->a;
    para(s, "h2", "H2", a->ninterventies ? pub_fmt(&s->arena, "Interventies (%zu)", a->ninterventies) : "Interventies");
    heading_rule(s);
    char peildatum[64];
    pub_date(peildatum, sizeof peildatum, m->peildatum);
    if (!a->ninterventies)
        para(s, "kaart-tekst", "P",
             pub_fmt(&s->arena, "%s is in %d bij de GKA gekomen. De interventies van de GKA-agenda staan nog niet in "
                                "deze uitgave (peildatum %s); ze volgen in de factsheets van volgend jaar.",
                     a->naam, a->toegetreden, peildatum));
    ts_flow_add(s->f, TS_TAG_BEGIN)->role = "L";
    /* thema by thema in the chart's order, so that front and back read alike */
    for (size_t o = 0; o < m->nthemas; o++) {
        for (size_t i = 0; i < a->ninterventies; i++) {
            const struct interventie *iv = a->interventies[i];
            if (iv->thema != &m->themas[s->w->chart_order[o]])
                continue;
            struct ts_block *li = para(s, a->ninterventies > FACTSHEET_LIST_FULL ? "lijst-regel-dicht" : "lijst-regel", "LI", NULL);
            li->loc_path = iv->loc.path, li->loc_line = iv->loc.line;
            ts_text_add(&li->text, iv->titel, TS_BOLD, s->link, bundel_card(s, iv));
            ts_text_add(&li->text, pub_fmt(&s->arena, "\xE2\x80\xA8%s \xC2\xB7 %s%s%s%s", iv->thema->naam, iv->sector->naam,
                                       iv->mbo ? " \xC2\xB7 mbo" : "", iv->hbo ? " \xC2\xB7 hbo" : "",
                                       iv == featured ? " \xC2\xB7 uitgelicht" : ""),
                        0, s->grey, NULL);
            /* what it is for, when the sheet has room for it (a few interventies); the one in
             * full beside the list too, so that no entry reads as cut short */
            if (iv->doel && a->ninterventies <= FACTSHEET_DOEL_MAX) {
                ts_text_add(&li->text, "\xE2\x80\xA8", 0, NULL, NULL);
                pub_inline(&li->text, iv->doel, TS_ITALIC, s->link);
            }
        }
    }
    ts_flow_add(s->f, TS_TAG_END);
}

/* The back: whom to talk to, the agenda's link and code and the featured interventie on
 * the left, every interventie on the right; with one interventie, that one on the right
 * (no list of one); with none, what the data says of that. */
static void opgave_and_interventies(struct sheet *s)
{
    const struct agenda *a = s->a;
    /* the back on a master of its own when the layout has one: a foot for the alliance */
    bool foot = lay_master(s->w->l, "achterzijde") != NULL;
    ts_flow_add(s->f, TS_PAGE_BREAK)->master = foot ? "achterzijde" : "factsheet";

    /* the interventie the agenda marks, else its first: a sheet's back shows one in full */
    const struct interventie *featured = NULL; /* marked in the list too */
    for (size_t i = 0; i < a->ninterventies && !featured; i++)
        if (a->interventies[i]->uitgelicht)
            featured = a->interventies[i];
    if (!featured && a->ninterventies)
        featured = a->interventies[0];
    /* whom to talk to first, in the same place on every sheet: the top of the left column;
     * under it the featured interventie; the interventies in the right column (an agenda
     * of one has its interventie there, in full, and the ones near by under its contact:
     * the left column not empty beside it) */
    people(s);
    /* the agenda's link and code under whom to talk to; on a sheet without interventies
     * under the few lines that say so, the columns then about as long */
    if (a->ninterventies)
        agenda_link(s);
    /* a sheet of one interventie or none: that one (or what the data says of none) beside
     * the contact, the ones near by across the page under both, and the notes one band
     * across under them */
    bool few = a->ninterventies <= 1;
    if (few)
        ts_flow_add(s->f, TS_COLUMN_BREAK);
    if (featured) {
        const struct interventie *iv = featured;
        para(s, "h2", "H2", a->ninterventies == 1 ? "De interventie" : "Uitgelicht");
        heading_rule(s);
        struct ts_block *t = para(s, "kaart-titel", "H3", NULL);
        ts_text_add(&t->text, iv->titel, 0, s->link, bundel_card(s, iv));
        t->loc_path = iv->loc.path, t->loc_line = iv->loc.line;
        /* its thema, sector and who runs it as every interventie of the sheets has them */
        struct ts_block *meta = para(s, "lijst-regel", "P", NULL);
        ts_text_add(&meta->text,
                    pub_fmt(&s->arena, "%s \xC2\xB7 %s \xC2\xB7 %s", iv->thema->naam, iv->sector->naam, iv->organisatie),
                    0, s->grey, NULL);
        struct ts_block *doel = para(s, "kaart-tekst", "P", NULL);
        ts_text_add(&doel->text, "Doel: ", TS_BOLD, NULL, NULL);
        pub_inline(&doel->text, iv->doel, 0, s->link);
        pub_blocks(s->f, iv->beschrijving, STYLE(s, "body"), STYLE(s, "h3"), STYLE(s, "lijst"), s->link);
    }

    if (!few) {
        notes(s, false);
        ts_flow_add(s->f, TS_COLUMN_BREAK);
    }
    if (a->ninterventies != 1) /* one is the one in full, above: no list of one */
        interventie_list(s, featured);
    if (!a->ninterventies)
        agenda_link(s);
    elsewhere(s, few);
    /* the sheet goes to a meeting: what room is left under either column is for notes */
    notes(s, few);
    if (foot) /* last, as it is read: at the foot of the page */
        alliance_band(s);
}

/* The ministry's ribbon over a front, in its top margin: its name 5 mm or more from the
 * edge, where an office printer still prints. */
enum { RIBBON_HEIGHT = 42 };

/* The sheet's running footer, its pages numbered from first_folio; the ministry's ribbon
 * on its front. */
static void sheet_running(struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l, const struct model *m,
                          const struct agenda *a, struct dl_document *doc, const struct ts_result *r, int first_folio)
{
    char footer[256];
    char peildatum[64];
    pub_date(peildatum, sizeof peildatum, m->peildatum);
    snprintf(footer, sizeof footer, "Gelijke Kansen Alliantie %d  \xC2\xB7  %s  \xC2\xB7  peildatum %s", m->jaar,
             a->naam, peildatum);
    pub_running(e, ctx, l, doc, r, first_folio, "", footer);
    /* the sender on the front, as on the cover: the sheet goes out on its own */
    if (doc->npages && doc->pages[0].nitems) {
        struct dl_page *front = &doc->pages[0];
        dl_artifact_begin(front, DL_ARTIFACT_LAYOUT);
        comp_ribbon_draw(e, ctx, doc, front, lay_style(l, "omslag-ministerie"), lay_colour(l, "donkerblauw"),
                         pub_publisher(m), RIBBON_HEIGHT);
        dl_push(front, DL_TAG_END);
    }
}

/* The sheet without its running footer, which is drawn when its pages are numbered (a
 * file of its own from 1, the combined file from where the sheet stands in it); r keeps
 * the pages' masters for that, and the caller releases it. */
static struct dl_document *layout_sheet(struct worker *w, const struct agenda *a, long long date,
                                        struct ts_result *r, struct pub_report *report)
{
    const struct lay_layout *l = w->l;
    struct sheet s = { .w = w, .a = a, .link = w->link, .accent = lay_colour(l, "hemelblauw"),
                       .grey = lay_colour(l, "grijs"), .light = lay_colour(l, "vlak"), .white = lay_colour(l, "wit") };
    arena_init(&s.arena);
    s.f = ts_flow_new();
    const struct ts_master *ms = lay_master(l, "factsheet");
    s.measure = l->page_width - ms->margin_inside - ms->margin_outside;
    s.gutter = ms->gutter;
    ts_flow_add(s.f, TS_TAG_BEGIN)->role = "Document";
    front(&s);
    opgave_and_interventies(&s);
    ts_flow_add(s.f, TS_TAG_END);
    struct dl_document *doc = dl_new();
    ts_flow_run(w->e, &w->ctx, w->cache, s.f, l->page_width, l->page_height, "factsheet", pub_master_lookup, l, doc, r,
                NULL);
    char title[256];
    snprintf(title, sizeof title, "Factsheet %s %d", a->naam, w->m->jaar);
    doc->meta.title = dl_strdup(doc, title);
    doc->meta.author = dl_strdup(doc, pub_publisher(w->m));
    doc->meta.subject = dl_strdup(doc, "De GKA-agenda van een gemeente: kerngegevens, opgave en interventies");
    doc->meta.keywords = dl_strdup(doc, "Gelijke Kansen Alliantie; GKA; factsheet; gemeente");
    if (report) {
        memset(report, 0, sizeof *report);
        report->passes = 1;
    }
    pub_complete(&w->ctx, a->id, doc, date, r, report);
    ts_flow_free(s.f);
    arena_release(&s.arena);
    return doc;
}

/* ---- workers ---- */

static void worker_stop(struct worker *w)
{
    free(w->chart_order);
    ts_cache_free(w->cache);
    ts_engine_free(w->e);
    gka_ctx_release(&w->ctx);
}

static int worker_start(struct worker *w, struct gka_ctx *parent, const struct model *m, const struct lay_layout *l,
                        const struct pub_options *o, const struct comp_outline *outline)
{
    memset(w, 0, sizeof *w);
    gka_ctx_init(&w->ctx);
    w->m = m;
    w->l = l;
    w->outline = outline;
    w->chart_scale = chart_scale(m);
    w->chart_order = chart_order(m);
    w->link = pub_link_colour(l, o);
    w->e = pub_engine(&w->ctx, l);
    if (!w->e || lay_check_fonts(&w->ctx, l, w->e) != 0) {
        for (size_t i = 0; i < w->ctx.ndiags; i++)
            diag_add(parent, w->ctx.diags[i].level, w->ctx.diags[i].path, w->ctx.diags[i].line, "%s",
                     w->ctx.diags[i].message);
        worker_stop(w);
        return -1;
    }
    w->cache = ts_cache_new();
    /* the chart stands in a column of the front */
    float chart_width = pub_column_width(l, lay_master(l, "factsheet"));
    w->chart_label = chart_label_width(w, chart_width);
    w->chart_chip = chart_chip_width(w);
    w->chart_room = fmaxf(chart_width - w->chart_label, 1);
    w->chart_track = chart_track(w, w->chart_room - w->chart_chip - CHIP_GAP);
    return 0;
}

static struct lay_layout *load_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o)
{
    return pub_load_layout(ctx, m, o, "factsheet", needed_styles, needed_masters, needed_colours);
}

int pub_factsheets_check(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o)
{
    struct lay_layout *l = load_layout(ctx, m, o);
    struct comp_outline *outline = pub_load_outline(ctx, o);
    int rc = l && outline ? 0 : -1;
    lay_free(l);
    comp_outline_free(outline);
    return rc;
}

struct dl_document *pub_factsheet_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                         const struct agenda *a, struct pub_report *report)
{
    struct lay_layout *l = load_layout(ctx, m, o);
    struct comp_outline *outline = l ? pub_load_outline(ctx, o) : NULL;
    if (!outline) {
        lay_free(l);
        return NULL;
    }
    struct dl_document *doc = NULL;
    struct worker w;
    if (worker_start(&w, ctx, m, l, o, outline) == 0) {
        struct ts_result r;
        doc = layout_sheet(&w, a, o->date, &r, report);
        sheet_running(w.e, &w.ctx, l, m, a, doc, &r, 1);
        ts_result_release(&r);
        for (size_t i = 0; i < w.ctx.ndiags; i++)
            diag_add(ctx, w.ctx.diags[i].level, w.ctx.diags[i].path, w.ctx.diags[i].line, "%s", w.ctx.diags[i].message);
        worker_stop(&w);
    }
    lay_free(l);
    comp_outline_free(outline);
    return doc;
}

/* ---- selecting agenda's, with suggestions for an unknown id ---- */

static size_t edit_distance(const char *a, const char *b)
{
    size_t n = strlen(a), mlen = strlen(b);
    size_t *row = xcalloc(mlen + 1, sizeof *row);
    for (size_t j = 0; j <= mlen; j++)
        row[j] = j;
    for (size_t i = 1; i <= n; i++) {
        size_t diag = row[0];
        row[0] = i;
        for (size_t j = 1; j <= mlen; j++) {
            size_t up = row[j];
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = diag + cost;
            if (row[j] + 1 < best)
                best = row[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    size_t d = row[mlen];
    free(row);
    return d;
}

static void suggest(struct gka_ctx *ctx, const struct model *m, const char *id)
{
    const char *best[3] = { 0 };
    size_t dist[3] = { SIZE_MAX, SIZE_MAX, SIZE_MAX };
    for (size_t i = 0; i < m->nagendas; i++) {
        size_t d = edit_distance(id, m->agendas[i].id);
        /* a prefix counts as close: "capelle" for "capelle-a-d-ijssel" */
        if (strncmp(m->agendas[i].id, id, strlen(id)) == 0)
            d = 1;
        for (int k = 0; k < 3; k++)
            if (d < dist[k]) {
                for (int j = 2; j > k; j--)
                    best[j] = best[j - 1], dist[j] = dist[j - 1];
                best[k] = m->agendas[i].id, dist[k] = d;
                break;
            }
    }
    diag_error(ctx, NULL, 0, "unknown gemeente \"%s\"; did you mean %s%s%s%s%s?", id, best[0] ? best[0] : "",
               best[1] ? ", " : "", best[1] ? best[1] : "", best[2] ? " or " : "", best[2] ? best[2] : "");
}

static const struct agenda *select_agenda(const struct model *m, const char *id)
{
    const struct agenda *a = model_agenda(m, id);
    if (!a) {
        const struct gemeente *g = model_gemeente(m, id);
        a = g ? g->agenda : NULL;
    }
    return a;
}

/* Removes the factsheets of agenda's that are no longer in the data, so that the folder
 * holds this year's and nothing else. Only names gkapub gives (<id>.pdf with an id's
 * characters) are touched. */
static void remove_departed(const char *dir, const struct model *m)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *name = e->d_name;
        size_t len = strlen(name);
        if (len <= 4 || strcmp(name + len - 4, ".pdf") != 0 || 
            strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-") != len - 4)
            continue;
        bool current = false;
        for (size_t i = 0; i < m->nagendas && !current; i++)
            current = strlen(m->agendas[i].id) == len - 4 && strncmp(m->agendas[i].id, name, len - 4) == 0;
        if (!current) {
            struct strbuf path;
            sb_init(&path);
            sb_printf(&path, "%s/%s", dir, name);
            unlink(path.data);
            sb_release(&path);
        }
    }
    closedir(d);
}

/* Whether ctx holds d already (same level, place and words). */
static bool said_already(const struct gka_ctx *ctx, const struct diag *d)
{
    for (size_t i = 0; i < ctx->ndiags; i++) {
        const struct diag *o = &ctx->diags[i];
        if (o->level == d->level && o->line == d->line && strcmp(o->message, d->message) == 0 &&
            (o->path == d->path || (o->path && d->path && strcmp(o->path, d->path) == 0)))
            return true;
    }
    return false;
}

/* ---- the run: workers lay out and write single files; meanwhile the combined file is
 * written from their display lists, in the agendas' order, as they become ready ---- */

/* A sheet is laid out (its pages counted, for the register), then written to its own
 * file; after that the combined file may take it. */
enum sheet_state { SHEET_PENDING, SHEET_LAID_OUT, SHEET_READY, SHEET_FAILED };

/* The display lists the workers hand to the combined file. */
struct handover {
    pthread_mutex_t lock;
    pthread_cond_t changed;
    struct dl_document **docs;     /* without their running footers */
    struct ts_result *results;     /* their pages' masters, for those footers */
    enum sheet_state *state;
    size_t n;
};

static void hand_over(struct handover *h, size_t i, enum sheet_state state)
{
    pthread_mutex_lock(&h->lock);
    h->state[i] = state;
    pthread_cond_broadcast(&h->changed);
    pthread_mutex_unlock(&h->lock);
}

/* Waits until sheet i is at least in state `at` (or has failed); returns its state. */
static enum sheet_state wait_for(struct handover *h, size_t i, enum sheet_state at)
{
    pthread_mutex_lock(&h->lock);
    while (h->state[i] < at)
        pthread_cond_wait(&h->changed, &h->lock);
    enum sheet_state state = h->state[i];
    pthread_mutex_unlock(&h->lock);
    return state;
}

struct job {
    struct worker w;
    const struct agenda **agendas;
    struct handover *h;
    size_t n, first, step;
    const struct pub_options *o;
    const char *dir;
    int status;
};

/* All of a job's sheets are laid out first, so that the combined file can count the pages
 * of every sheet and write its register while the sheets' own files are written. */
static void *run_job(void *arg)
{
    struct job *j = arg;
    for (size_t i = j->first; i < j->n; i += j->step) {
        j->h->docs[i] = layout_sheet(&j->w, j->agendas[i], j->o->date, &j->h->results[i], NULL);
        hand_over(j->h, i, SHEET_LAID_OUT);
    }
    for (size_t i = j->first; i < j->n; i += j->step) {
        if (j->status != 0) {
            hand_over(j->h, i, SHEET_FAILED);
            continue;
        }
        const struct agenda *a = j->agendas[i];
        struct ts_result *r = &j->h->results[i];
        struct dl_document *doc = j->h->docs[i];
        /* its own file numbers its pages from 1; the combined file draws its running footer
         * again where it numbers them, so it is taken off once the file is written */
        size_t *body = xcalloc(doc->npages + 1, sizeof *body);
        for (size_t p = 0; p < doc->npages; p++)
            body[p] = doc->pages[p].nitems;
        sheet_running(j->w.e, &j->w.ctx, j->w.l, j->w.m, a, doc, r, 1);
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.pdf", j->dir, a->id);
        if (pub_write(&j->w.ctx, doc, path, NULL, pub_print(j->o)) != 0)
            j->status = 1;
        for (size_t p = 0; p < doc->npages; p++)
            doc->pages[p].nitems = body[p]; /* their memory stays in the page's arena */
        free(body);
        hand_over(j->h, i, j->status ? SHEET_FAILED : SHEET_READY);
    }
    return NULL;
}

/* Turns the Document that opens page `from` (a factsheet's own root) into a Sect of the
 * combined file's one Document, which its front matter opens. */
static void nest_in_document(struct dl_document *all, size_t from)
{
    struct dl_page *page = &all->pages[from];
    for (size_t i = 0; i < page->nitems; i++) {
        struct dl_item *it = &page->items[i];
        if (it->kind == DL_TAG_BEGIN && strcmp(it->as.tag.role, "Document") == 0) {
            it->as.tag.role = "Sect";
            return;
        }
    }
}

/* A factsheet's links to files beside its folder ("../interventiebundel-2022.pdf") lead,
 * from the combined file that stands beside them, to the file itself. */
static void links_from_beside(struct dl_document *all, size_t from)
{
    for (size_t p = from; p < all->npages; p++)
        for (size_t i = 0; i < all->pages[p].nitems; i++) {
            struct dl_item *it = &all->pages[p].items[i];
            if (it->kind == DL_LINK_BEGIN && it->as.link.file && strncmp(it->as.link.file, "../", 3) == 0)
                it->as.link.file += 3;
        }
}

/* The combined file: all factsheets, each starting on a right-hand page, in one Document
 * with a Sect per factsheet, its pages labelled with the agenda's name ("Amsterdam 1"). */
struct combined {
    struct gka_ctx ctx;
    struct handover *h;
    const struct model *m;
    const struct lay_layout *l;
    const struct comp_outline *outline; /* the cover's map */
    const struct pub_options *o;
    const struct agenda **agendas; /* in the order of the sheets */
    int *first_page;               /* each sheet's first page in the file */
    int status;
};

static int by_agenda_name(const void *a, const void *b)
{
    const struct agenda *x = *(const struct agenda *const *)a, *y = *(const struct agenda *const *)b;
    return strcasecmp(pub_sort_name(x->naam), pub_sort_name(y->naam));
}

static int by_gemeente_name(const void *a, const void *b)
{
    const struct gemeente *x = *(const struct gemeente *const *)a, *y = *(const struct gemeente *const *)b;
    return strcasecmp(pub_sort_name(x->naam), pub_sort_name(y->naam));
}

/* The combined file's first pages: a cover, and the register of every gemeente with a
 * link to its factsheet (the agenda's, named when it is not the gemeente's own), in the
 * one Document the factsheets then nest in (left open: the last factsheet closes it). */
static struct dl_document *front_matter(struct combined *c, struct ts_engine *e, struct ts_cache *cache)
{
    const struct model *m = c->m;
    const struct lay_layout *l = c->l;
    struct arena arena;
    arena_init(&arena);
    struct ts_flow *f = ts_flow_new();
    ts_flow_add(f, TS_TAG_BEGIN)->role = "Document";
    pub_cover(f, &arena, e, &c->ctx, l, "omslag", pub_publisher(m), pub_cover_map(&arena, e, &c->ctx, l, m, c->outline, true));
    struct ts_block *t = pub_para(f, lay_style(l, "omslag-titel"), "H1", pub_fmt(&arena, "Factsheets per gemeente %d", m->jaar));
    t->dest = "omslag";
    t->outline = pub_fmt(&arena, "Factsheets per gemeente %d", m->jaar);
    char n[32], date[64];
    char gemeenten[32];
    pub_number(n, sizeof n, (long)m->nagendas);
    pub_number(gemeenten, sizeof gemeenten, (long)m->ngemeenten);
    pub_date(date, sizeof date, m->peildatum);
    pub_para(f, lay_style(l, "omslag-ondertitel"), "P",
             pub_fmt(&arena, "De %s GKA-agenda%s van %s gemeenten: kerngegevens, interventies en contactpersonen", n,
                     m->nagendas == 1 ? "" : "\xE2\x80\x99s", gemeenten));
    pub_para(f, lay_style(l, "omslag-ondertitel"), "P", pub_fmt(&arena, "Peildatum %s", date));

    ts_flow_add(f, TS_PAGE_BREAK)->master = "register";
    struct ts_block *h = pub_para(f, lay_style(l, "h1"), "H1", "Register van gemeenten");
    h->span = TS_SPAN_ALL;
    h->dest = "register";
    h->outline = "Register van gemeenten";
    /* what a sheet holds and how to read it, for the reader */
    struct ts_block *intro = pub_para(f, lay_style(l, "lead"), "P",
        "Elke factsheet beslaat een vel: voorop de kerngegevens en de interventies per thema, naast die van "
        "alle GKA-gemeenten; achterop de contactpersonen en de interventies, en bij weinig interventies ook "
        "die van gemeenten in de buurt.");
    intro->span = TS_SPAN_ALL;
    const struct gemeente **sorted = xcalloc(m->ngemeenten + 1, sizeof *sorted);
    for (size_t i = 0; i < m->ngemeenten; i++)
        sorted[i] = &m->gemeenten[i];
    qsort(sorted, m->ngemeenten, sizeof *sorted, by_gemeente_name);
    /* under their initials, as the bundel's register: a name is found by its letter */
    const struct ts_style *letter_style = lay_style(l, "register-letter");
    const struct ts_style *entry = lay_style(l, "register-item");
    char letter = 0;
    char last[16];
    snprintf(last, sizeof last, "%d", c->h->n ? c->first_page[c->h->n - 1] : 0);
    for (size_t i = 0; i < m->ngemeenten; i++) {
        const struct gemeente *g = sorted[i];
        size_t sheet = 0;
        while (sheet < c->h->n && c->agendas[sheet] != g->agenda)
            sheet++;
        if (!g->agenda || sheet == c->h->n)
            continue;
        char initial = (char)toupper((unsigned char)pub_sort_name(g->naam)[0]);
        if (initial != letter) { /* each letter's names a list under it; its letter again
                                    at the top of a column it goes on in */
            if (letter) {
                ts_flow_add(f, TS_TAG_END);
                ts_flow_add(f, TS_GROUP_END);
            }
            letter = initial;
            struct ts_block *group = ts_flow_add(f, TS_GROUP_BEGIN);
            group->style = letter_style;
            group->value = pub_fmt(&arena, "%c", letter);
            pub_para(f, letter_style, "H2", pub_fmt(&arena, "%c", letter));
            ts_flow_add(f, TS_TAG_BEGIN)->role = "L";
        }
        char page[16];
        snprintf(page, sizeof page, "%d", c->first_page[sheet]);
        struct ts_link to = { .dest = pub_fmt(&arena, "fs-%s", g->agenda->id),
                              .description = pub_fmt(&arena, "De factsheet van %s, pagina %s", g->agenda->naam, page) };
        /* a gemeente whose agenda is another's names it: the sheet is that agenda's; the one
         * the alliance is named after stands under the alliance's name, its own entry */
        bool names_it = pub_named_after(g->agenda, g);
        /* the reference names the gemeente the alliance's entry is sorted under, not the
         * whole alliance: one short line */
        const char *under = g->agenda->naam;
        for (size_t k = 0; !names_it && k < g->agenda->nleden; k++)
            if (pub_named_after(g->agenda, g->agenda->leden[k]))
                under = g->agenda->leden[k]->naam;
        const char *via = !names_it ? pub_fmt(&arena, " \xE2\x86\x92 zie %s", under) : NULL;
        /* a reference to another's entry without a page of its own: the numbers down the
         * register stay in order */
        pub_numbered_entry(f, &arena, e, &c->ctx, entry, NULL, 0, names_it ? page : "", (int)strlen(last), &to,
                           names_it ? g->agenda->naam : g->naam, via,
                           pub_link_colour(l, c->o))->role = "LI";
    }
    if (letter) {
        ts_flow_add(f, TS_TAG_END);
        ts_flow_add(f, TS_GROUP_END);
    }
    free(sorted);

    struct dl_document *doc = dl_new();
    struct ts_result r;
    ts_flow_run(e, &c->ctx, cache, f, l->page_width, l->page_height, "omslag", pub_master_lookup, l, doc, &r, NULL);
    pub_running(e, &c->ctx, l, doc, &r, 1, "", pub_fmt(&arena, "Factsheets Gelijke Kansen Alliantie %d", m->jaar));
    for (size_t p = 0; p < doc->npages; p++)
        doc->pages[p].label = dl_strdup(doc, p == 0 ? "Omslag" : "Register");
    ts_result_release(&r);
    ts_flow_free(f);
    arena_release(&arena);
    return doc;
}

/* The combined file's back cover, as the bundel's. */
static struct dl_document *back_matter(struct combined *c, struct ts_engine *e, struct ts_cache *cache)
{
    const struct model *m = c->m;
    struct arena arena;
    arena_init(&arena);
    struct ts_flow *f = ts_flow_new();
    char date[64];
    pub_date(date, sizeof date, m->peildatum);
    pub_back_cover(f, &arena, e, &c->ctx, c->l, m, "omslag", pub_fmt(&arena, "Factsheets per gemeente %d", m->jaar),
                   pub_fmt(&arena, "Peildatum %s: de GKA-agenda\xE2\x80\x99s en hun interventies zoals de gemeenten "
                                   "ze op die dag beschrijven.", date),
                   pub_maps_credit(&arena, c->outline), c->o->print);
    struct dl_document *doc = dl_new();
    struct ts_result r;
    ts_flow_run(e, &c->ctx, cache, f, c->l->page_width, c->l->page_height, "omslag", pub_master_lookup, c->l, doc, &r,
                NULL);
    for (size_t p = 0; p < doc->npages; p++)
        doc->pages[p].label = dl_strdup(doc, "Achterkant");
    ts_result_release(&r);
    ts_flow_free(f);
    arena_release(&arena);
    return doc;
}

/* Where each sheet begins: after the front matter of `front` pages, each on a right-hand
 * page. */
static void number_sheets(struct combined *c, size_t front)
{
    int page = (int)(front + front % 2) + 1;
    for (size_t i = 0; i < c->h->n; i++) {
        c->first_page[i] = page;
        size_t n = c->h->docs[i]->npages;
        page += (int)(n + n % 2);
    }
}

static void *write_combined(void *arg)
{
    struct combined *c = arg;
    struct handover *h = c->h;
    char title[128], path[4096];
    snprintf(title, sizeof title, "Factsheets Gelijke Kansen Alliantie %d", c->m->jaar);
    snprintf(path, sizeof path, "%s/factsheets-%d.pdf", c->o->out_dir, c->m->jaar);
    struct pub_writer *w = pub_writer_new(&c->ctx, path, NULL, pub_print(c->o));
    struct dl_document *all = dl_new();
    all->meta.title = dl_strdup(all, title); /* the print edition's slug names it from the first page */
    all->meta.date = c->o->date;
    /* the register names every sheet's page: all of them are laid out first */
    for (size_t i = 0; i < h->n && c->status == 0; i++)
        if (wait_for(h, i, SHEET_LAID_OUT) == SHEET_FAILED)
            c->status = 1;
    struct ts_engine *e = c->status == 0 ? pub_engine(&c->ctx, c->l) : NULL;
    struct ts_cache *cache = ts_cache_new();
    if (!e)
        c->status = 1;
    c->first_page = xcalloc(h->n + 1, sizeof *c->first_page);
    struct dl_document *front = NULL;
    /* the register's own length moves the sheets: laid out until it stands still */
    for (size_t pages = 2, tries = 0; e && tries < 4; tries++) {
        number_sheets(c, pages);
        dl_free(front);
        front = front_matter(c, e, cache);
        if (front->npages + front->npages % 2 == pages + pages % 2)
            break;
        pages = front->npages;
    }
    if (front) {
        dl_append(all, front);
        for (size_t p = 0; p < all->npages; p++)
            pub_writer_stream_page(w, all, p);
        dl_free(front);
    }
    for (size_t i = 0; i < h->n && c->status == 0; i++) {
        if (wait_for(h, i, SHEET_READY) == SHEET_FAILED) { /* its own file is written first */
            c->status = 1;
            break;
        }
        struct dl_document *doc = h->docs[i];
        sheet_running(e, &c->ctx, c->l, c->m, c->agendas[i], doc, &h->results[i], c->first_page[i]);
        size_t from = all->npages;
        if (all->npages % 2 == 1) {
            struct dl_page *blank = dl_add_page(all, doc->pages[0].width, doc->pages[0].height);
            blank->label = dl_strdup(all, "");
        }
        size_t first_page = all->npages;
        dl_append(all, doc);
        nest_in_document(all, first_page);
        links_from_beside(all, first_page);
        const char *name = dl_strdup(all, doc->noutline ? doc->outline[0].title : ""); /* doc goes below */
        if (i == 0) { /* the sheets' metadata, but for the title */
            const struct dl_metadata *dm = &doc->meta;
            all->meta = (struct dl_metadata){ dl_strdup(all, dm->title), dl_strdup(all, dm->author),
                                              dl_strdup(all, dm->subject), dl_strdup(all, dm->keywords),
                                              dl_strdup(all, dm->creator), dl_strdup(all, dm->lang), dm->date };
            all->meta.title = dl_strdup(all, title);
        }
        /* written and copied: this factsheet's own list is done with */
        pthread_mutex_lock(&h->lock);
        dl_free(h->docs[i]);
        h->docs[i] = NULL;
        ts_result_release(&h->results[i]);
        pthread_mutex_unlock(&h->lock);
        for (size_t p = from; p < all->npages; p++) {
            if (p >= first_page) {
                char label[160];
                snprintf(label, sizeof label, "%s %zu", name, p - first_page + 1);
                all->pages[p].label = dl_strdup(all, label);
            }
            pub_writer_stream_page(w, all, p);
        }
    }
    if (c->status == 0 && h->n) {
        /* the back cover is the file's last page; in print a left-hand one that ends the
         * last quire (a multiple of 4 pages), on screen straight after the register (a
         * page of notes there is one more to scroll past) */
        struct dl_document *back = back_matter(c, e, cache);
        size_t from = all->npages, quire = pub_print(c->o) ? 4 : 1;
        while ((all->npages + 1) % quire != 0) { /* the pages before it: room for notes, not blanks */
            struct dl_page *notes = dl_add_page(all, back->pages[0].width, back->pages[0].height);
            notes->label = dl_strdup(all, "Aantekeningen");
            pub_notes_page(all, notes, all->npages - 1, e, &c->ctx, c->l, "factsheet");
        }
        dl_append(all, back);
        dl_free(back);
        dl_push(&all->pages[all->npages - 1], DL_TAG_END); /* the Document ends with it */
        for (size_t p = from; p < all->npages; p++)
            pub_writer_stream_page(w, all, p);
    }
    if (c->status == 0 && h->n && pub_writer_finish(w, all, NULL) != 0)
        c->status = 1;
    pub_writer_free(w);
    dl_free(all);
    ts_cache_free(cache);
    ts_engine_free(e);
    free(c->first_page);
    return NULL;
}

int pub_factsheets(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                   const char *const *ids, size_t nids, int jobs)
{
    const struct agenda **agendas = xcalloc(m->nagendas + nids + 1, sizeof *agendas);
    size_t n = 0;
    int status = 0;
    if (nids == 0) { /* in the combined file from A to Z, as the register */
        for (size_t i = 0; i < m->nagendas; i++)
            agendas[n++] = &m->agendas[i];
        qsort(agendas, n, sizeof *agendas, by_agenda_name);
    }
    for (size_t i = 0; i < nids; i++) {
        const struct agenda *a = select_agenda(m, ids[i]);
        if (!a) {
            suggest(ctx, m, ids[i]);
            status = 2;
        } else {
            bool seen = false;
            for (size_t k = 0; k < n; k++)
                seen |= agendas[k] == a;
            if (!seen)
                agendas[n++] = a;
        }
    }
    struct lay_layout *l = status ? NULL : load_layout(ctx, m, o);
    struct comp_outline *outline = l ? pub_load_outline(ctx, o) : NULL;
    if (!outline)
        status = 2;
    if (status) {
        lay_free(l);
        comp_outline_free(outline);
        free(agendas);
        return status;
    }

    char dir[4096];
    snprintf(dir, sizeof dir, "%s/factsheets", o->out_dir);
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        diag_error(ctx, dir, 0, "cannot create the folder: %s", strerror(errno));
        lay_free(l);
        comp_outline_free(outline);
        free(agendas);
        return 1;
    }
    gka_remove_stale_temps(dir);
    if (jobs < 1)
        jobs = 1;
    if ((size_t)jobs > n)
        jobs = n ? (int)n : 1;
    struct handover h = { .docs = xcalloc(n + 1, sizeof *h.docs), .results = xcalloc(n + 1, sizeof *h.results),
                          .state = xcalloc(n + 1, sizeof *h.state), .n = n };
    pthread_mutex_init(&h.lock, NULL);
    pthread_cond_init(&h.changed, NULL);
    struct job *js = xcalloc((size_t)jobs, sizeof *js);
    pthread_t *threads = xcalloc((size_t)jobs, sizeof *threads);
    int started = 0;
    for (int t = 0; t < jobs; t++) {
        struct job *j = &js[t];
        if (worker_start(&j->w, ctx, m, l, o, outline) != 0) {
            status = 2;
            break;
        }
        *j = (struct job){ .w = j->w, .agendas = agendas, .h = &h, .n = n, .first = (size_t)t,
                           .step = (size_t)jobs, .o = o, .dir = dir };
        started++;
    }
    /* a selection leaves the file with all of them as it was */
    struct combined c = { .h = &h, .m = m, .l = l, .outline = outline, .o = o, .agendas = agendas };
    gka_ctx_init(&c.ctx);
    bool combine = status == 0 && nids == 0;
    pthread_t combiner;
    bool combining = combine && pthread_create(&combiner, NULL, write_combined, &c) == 0;
    bool *threaded = xcalloc((size_t)jobs + 1, sizeof *threaded);
    for (int t = 1; status == 0 && t < started; t++)
        threaded[t] = pthread_create(&threads[t], NULL, run_job, &js[t]) == 0;
    if (status == 0 && started)
        run_job(&js[0]);
    for (int t = 1; status == 0 && t < started; t++) {
        if (threaded[t])
            pthread_join(threads[t], NULL);
        else
            run_job(&js[t]); /* no thread could be had: this one does the work */
    }
    free(threaded);
    if (status != 0)
        for (size_t i = 0; i < n; i++)
            if (h.state[i] == SHEET_PENDING)
                hand_over(&h, i, SHEET_FAILED); /* a worker that never started */
    if (combining)
        pthread_join(combiner, NULL);
    else if (combine)
        write_combined(&c); /* no thread could be had: this one writes it */
    /* the workers' messages, in the order of the agenda's, so that the output is stable */
    for (int t = 0; t < started; t++) {
        for (size_t i = 0; i < js[t].w.ctx.ndiags; i++) {
            const struct diag *d = &js[t].w.ctx.diags[i];
            if (!said_already(ctx, d)) /* each worker warns once of what all of them see */
                diag_add(ctx, d->level, d->path, d->line, "%s", d->message);
        }
        if (js[t].status)
            status = 1;
        worker_stop(&js[t].w);
    }
    for (size_t i = 0; i < c.ctx.ndiags; i++)
        diag_add(ctx, c.ctx.diags[i].level, c.ctx.diags[i].path, c.ctx.diags[i].line, "%s", c.ctx.diags[i].message);
    if (c.status)
        status = 1;
    gka_ctx_release(&c.ctx);

    if (status == 0 && nids == 0)
        remove_departed(dir, m);
    for (size_t i = 0; i < n; i++) {
        dl_free(h.docs[i]);
        ts_result_release(&h.results[i]);
    }
    free(h.docs);
    free(h.results);
    free(h.state);
    pthread_mutex_destroy(&h.lock);
    pthread_cond_destroy(&h.changed);
    free(js);
    free(threads);
    free(agendas);
    lay_free(l);
    comp_outline_free(outline);
    return status;
}
