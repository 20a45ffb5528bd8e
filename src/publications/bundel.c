/* bundel.c: the interventiebundel: a title page, contents, an introduction with the
 * counts per thema and sector as charts, a chapter per thema with every interventie as a card,
 * and indexes by gemeente and by sector whose page numbers link to the cards. */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common.h"
#include "components.h"

static const char *const needed_styles[] = {
    "body", "intro", "lijst", "klein", "titel", "ondertitel", "h1", "h2", "h3", "kenmerk", "telling",
    "kaart-titel", "kaart-meta", "kaart-organisatie", "kaart-label", "kaart-tekst", "kaart-voet",
    "kaart-vervolg", "inhoud-1", "omslag-titel", "omslag-ondertitel", "omslag-ministerie", "omslag-woordmerk",
    "inhoud-2", "register-letter", "register-item", "grafiek", "grafiek-waarde", "achterkant-kop",
    "achterkant-tekst", "paneel-titel", "paneel-lead", "tabel-kop", "tabel-cel", "tabel-cel-sterk", NULL,
};
static const char *const needed_masters[] = { "titel", "tekst", "opener", "kaarten", "register", "vlak", NULL };
static const char *const needed_colours[] = { "hemelblauw", "donkerblauw", "omslag-land", "lijn", "wit", "grijs",
                                              "water", "buurland", "kust", NULL };

struct bundel {
    bool print;                     /* the print edition: chapters open on right-hand pages */
    struct gka_ctx *ctx;
    struct ts_engine *e;
    const struct model *m;
    const struct lay_layout *l;
    const struct comp_outline *outline; /* the cover's map */
    struct ts_flow *f;
    const struct ts_result *prev;   /* the previous pass, for page numbers; NULL in the first */
    struct arena arena;             /* this pass's strings */
    const struct dl_colour *link;
    struct ts_style on_field_label;           /* an opener's labels, its chart's labels and */
    struct ts_style on_field_chart;           /* values: in white on its thema's field */
    struct ts_style on_field_value;
    struct ts_style on_field_lead;            /* its introduction, on the grid's first column
                                                 and a half */
    struct ts_style on_field_number;          /* its counts */
    float opener_text;                        /* the tallest opener's name and introduction */
    long opener_whole;                        /* the openers' common scale (largest_in_sector) */
    bool *close_cards;                        /* per thema: its cards closer together, since a
                                                 pass left its last card alone on a page (kept
                                                 for the passes after, so that they settle) */
    const struct dl_colour *thema_fields;     /* per thema: its colour, darkened for white text
                                                 on it (4.5:1); its bars and rules the same, one
                                                 palette throughout */
    int chapters;                             /* the thema's with interventies, each a chapter */
};

#define STYLE(b, name) lay_style((b)->l, name)

/* an opener's chart of its interventies per sector: pt wide at most; its counts beside it */
enum { OPENER_CHART_WIDTH = 230, OPENER_COUNTS = 3, OPENER_NUMBER_WIDTH = 44 };

static void page_of(const struct bundel *b, const char *dest, char *buf, size_t size)
{
    pub_page_of(b->prev, dest, buf, size);
}

static struct ts_block *para(struct bundel *b, const char *style, const char *role, const char *text)
{
    return pub_para(b->f, STYLE(b, style), role, text);
}

/* A new page with master; a part that opens (a chapter, the registers) does so on a
 * right-hand page in print. */
static struct ts_block *page_break(struct bundel *b, const char *master, bool opens_part)
{
    struct ts_block *br = ts_flow_add(b->f, TS_PAGE_BREAK);
    /* the part before ends in even columns, a last card too: never one beside nothing */
    br->even = opens_part;
    br->master = master;
    br->odd = opens_part && b->print;
    return br;
}

static void space(struct bundel *b, float pt)
{
    ts_flow_add(b->f, TS_SPACE)->amount = pt;
}

static const char *sector_label(const struct interventie *iv)
{
    return iv->sector->naam;
}

/* ---- title page and introduction ---- */

static void title_page(struct bundel *b)
{
    const struct model *m = b->m;
    char n[32], g[32];
    pub_number(n, sizeof n, (long)m->ninterventies);
    pub_number(g, sizeof g, (long)m->nagendas);
    /* the report's cover: white on the dark field */
    pub_cover(b->f, &b->arena, b->e, b->ctx, b->l, "titel", pub_publisher(m),
              pub_cover_map(&b->arena, b->e, b->ctx, b->l, m, b->outline, true));
    struct ts_block *t = para(b, "omslag-titel", "H1", pub_fmt(&b->arena, "Interventiebundel %d", m->jaar));
    t->dest = "titel";
    t->outline = pub_fmt(&b->arena, "Interventiebundel %d", m->jaar);
    para(b, "omslag-ondertitel", "P", pub_fmt(&b->arena, "%s interventies uit %s GKA-agenda\xE2\x80\x99s", n, g));
    char date[64];
    pub_date(date, sizeof date, m->peildatum);
    para(b, "omslag-ondertitel", "P", pub_fmt(&b->arena, "Peildatum %s", date));
}

/* The interventies of thema t in sector s. */
static long in_sector(const struct model *m, const struct thema *t, const struct sector *s)
{
    long count = 0;
    for (size_t i = 0; i < m->ninterventies; i++)
        count += m->interventies[i].thema == t && m->interventies[i].sector == s;
    return count;
}

/* The most interventies a thema has in one sector, at least 1. */
static long largest_in_sector(const struct model *m)
{
    long most = 1;
    for (size_t t = 0; t < m->nthemas; t++)
        for (size_t s = 0; s < m->nsectoren; s++) {
            long count = in_sector(m, &m->themas[t], &m->sectoren[s]);
            most = count > most ? count : most;
        }
    return most;
}

/* A count as the bundel shows it: with its thousands, a dash for none. */
static const char *count_text(struct bundel *b, long n)
{
    if (!n)
        return "\xE2\x80\x93";
    char text[32];
    pub_number(text, sizeof text, n);
    return pub_fmt(&b->arena, "%s", text);
}

/* A cell of the thema's by sector: a count in style (right-aligned). */
static void count_cell(struct bundel *b, struct ts_table *t, const struct ts_style *style, long n)
{
    ts_text_add(ts_table_cell(t, style, false, 1, 1), count_text(b, n), 0, NULL, NULL);
}

/* The interventies per thema and per sector, with their totals: what the contents' counts
 * and the openers' charts do not show side by side. */
static void thema_by_sector(struct bundel *b)
{
    const struct model *m = b->m;
    enum { MAX_SECTORS = TS_TABLE_MAX_COLUMNS - 2 };
    size_t ns = m->nsectoren < MAX_SECTORS ? m->nsectoren : MAX_SECTORS;
    struct ts_style right = *STYLE(b, "tabel-cel"), right_strong = *STYLE(b, "tabel-cel-sterk"),
                    right_head = *STYLE(b, "tabel-kop");
    right.align = right_strong.align = right_head.align = TS_RIGHT;
    const struct ts_style *cell = ts_flow_style_kept(b->f, &right);
    const struct ts_style *strong = ts_flow_style_kept(b->f, &right_strong);
    const struct ts_style *head = ts_flow_style_kept(b->f, &right_head);
    /* each count's column as wide as its heading or its largest figure, the thema's the rest */
    enum { PAD = 3 };
    float shares[TS_TABLE_MAX_COLUMNS], counts = 0;
    char widest[32];
    pub_number(widest, sizeof widest, (long)m->ninterventies);
    for (size_t i = 0; i <= ns; i++) {
        const char *heading = i < ns ? m->sectoren[i].naam : "Totaal";
        shares[i + 1] = fmaxf(draw_text_width(b->e, b->ctx, head, heading), draw_text_width(b->e, b->ctx, strong, widest)) +
                        2 * PAD;
        counts += shares[i + 1];
    }
    shares[0] = fmaxf(pub_column_width(b->l, lay_master(b->l, "tekst")) - counts, counts / 2);
    para(b, "h2", "H2", "Interventies per thema en sector");
    struct ts_table *t = ts_flow_add_table(b->f, (int)ns + 2, shares, 0);
    ts_table_look(t, PAD, NULL, lay_colour(b->l, "lijn"), 0.5f, NULL);
    ts_table_row(t, true);
    ts_text_add(ts_table_cell(t, STYLE(b, "tabel-kop"), true, 1, 1), "Thema", 0, NULL, NULL);
    for (size_t i = 0; i < ns; i++)
        ts_text_add(ts_table_cell(t, head, true, 1, 1), m->sectoren[i].naam, 0, NULL, NULL);
    ts_text_add(ts_table_cell(t, head, true, 1, 1), "Totaal", 0, NULL, NULL);
    for (size_t k = 0; k < m->nthemas; k++) {
        const struct thema *th = &m->themas[k];
        if (!th->n_interventies)
            continue;
        ts_table_row(t, false);
        ts_text_add(ts_table_cell(t, STYLE(b, "tabel-cel"), true, 1, 1), th->naam, 0, NULL, NULL);
        for (size_t i = 0; i < ns; i++)
            count_cell(b, t, cell, in_sector(m, th, &m->sectoren[i]));
        count_cell(b, t, strong, th->n_interventies);
    }
    ts_table_row(t, false);
    ts_text_add(ts_table_cell(t, STYLE(b, "tabel-cel-sterk"), true, 1, 1), "Totaal", 0, NULL, NULL);
    for (size_t i = 0; i < ns; i++)
        count_cell(b, t, strong, m->sectoren[i].n_interventies);
    count_cell(b, t, strong, (long)m->ninterventies);
}

/* The introduction, in the column beside the contents, and under it the interventies per
 * thema and sector. */
static void introduction(struct bundel *b)
{
    const struct model *m = b->m;
    ts_flow_add(b->f, TS_COLUMN_BREAK);
    /* the contents are where the page is entered: the introduction beside them a size under */
    struct ts_block *h = para(b, "h2", "H1", "Inleiding");
    h->dest = "inleiding";
    h->outline = "Inleiding";
    char n[32], g[32];
    pub_number(n, sizeof n, (long)m->ninterventies);
    pub_number(g, sizeof g, (long)m->nagendas);
    para(b, "intro", "P", pub_fmt(&b->arena, "In %s GKA-agenda\xE2\x80\x99s beschrijven gemeenten hun lokale opgave rond "
                                 "kansengelijkheid en de interventies waarmee zij, samen met scholen en "
                                 "partners, daaraan werken. Deze bundel brengt de %s interventies bijeen, ter "
                                 "inspiratie en herkenning voor iedereen die zich inzet voor gelijke kansen "
                                 "in zijn of haar eigen regio.", g, n));
    para(b, "body", "P", "Per interventie wordt aangegeven wie het heeft georganiseerd, wat het doel van de "
                         "interventie is en met wie er contact kan worden gezocht voor kenniswisseling. "
                         "De interventies zijn geordend naar thema en daarbinnen op gemeente, van A tot Z; "
                         "achterin staan een register per gemeente en een register per onderwijssector.");
    para(b, "body", "P", pub_fmt(&b->arena, "Van deze interventies hebben er %d een link met het mbo en %d met "
                                 "het hbo.", m->n_mbo, m->n_hbo));
    space(b, 16);
    thema_by_sector(b);
}

/* An entry: its page first, then its title and the count after it (none: count < 0); a
 * chapter's page in its thema's colour (as its tab), when colour is given. */
static void contents_entry(struct bundel *b, const char *style, const char *title, int count, const char *dest,
                           const struct dl_colour *colour)
{
    pub_contents_entry(b->f, &b->arena, b->e, b->ctx, STYLE(b, style), NULL, 0, b->prev, dest, title,
                       count >= 0 ? pub_fmt(&b->arena, "\xE2\x80\x82(%d)", count) : NULL, colour ? colour : b->link);
}

/* Under the contents, how a card is built, part by part, in the order a card shows them:
 * what a reader looks for first (where, for whom, whom to ask) is found at a glance. */
static void reading_guide(struct bundel *b)
{
    static const char *const parts[][2] = {
        { "Titel", "de naam van de interventie." },
        { "Gemeente \xC2\xB7 sector", "waar de interventie loopt, voor welk onderwijs, en of zij een link "
                                     "heeft met het mbo of hbo." },
        { "Organisatie", "wie de interventie uitvoert." },
        { "Doel en beschrijving", "wat de interventie wil bereiken, en hoe." },
        { "Contact", "met wie u contact kunt zoeken voor kenniswisseling; daaronder de website van de "
                     "interventie en de GKA-agenda van de gemeente." },
    };
    space(b, 18);
    para(b, "kaart-label", "P", "Zo is een interventie beschreven");
    pub_accent_rule(b->f, b->link);
    space(b, 4);
    ts_flow_add(b->f, TS_TAG_BEGIN)->role = "L";
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        struct ts_block *li = para(b, "kaart-tekst", "LI", NULL);
        ts_text_add(&li->text, parts[i][0], TS_BOLD, NULL, NULL);
        ts_text_add(&li->text, pub_fmt(&b->arena, " \xE2\x80\x93 %s", parts[i][1]), 0, NULL, NULL);
        /* on screen the gemeente is a link: to its factsheet */
        if (i == 1 && !b->print)
            ts_text_add(&li->text, " Een klik op de gemeente opent haar factsheet.", 0, NULL, NULL);
        space(b, 3);
    }
    ts_flow_add(b->f, TS_TAG_END);
}

/* The contents, with the introduction beside them: on the page behind the title, so that
 * the first chapter opens on the right in print too. */
static void contents(struct bundel *b)
{
    page_break(b, "tekst", false);
    /* no running head: the page's title says what it is */
    struct ts_block *h = para(b, "h1", "H1", "Inhoud");
    h->dest = "inhoud";
    h->outline = "Inhoud";
    /* the introduction stands beside the contents: no entry of its own; the chapters and
     * the registers under a label each */
    para(b, "kaart-label", "P", "Thema\xE2\x80\x99s");
    for (size_t i = 0; i < b->m->nthemas; i++) {
        const struct thema *t = &b->m->themas[i];
        if (t->n_interventies)
            contents_entry(b, "inhoud-1", t->naam, t->n_interventies, pub_fmt(&b->arena, "thema-%s", t->id),
                           &b->thema_fields[i]);
    }
    space(b, 10);
    para(b, "kaart-label", "P", "Registers");
    contents_entry(b, "inhoud-1", "Register per gemeente", -1, "register-gemeente", NULL);
    contents_entry(b, "inhoud-1", "Register per sector", -1, "register-sector", NULL);
    reading_guide(b);
}

/* ---- the cards ---- */

static void label_value(struct bundel *b, const char *label, struct ts_block **value)
{
    para(b, "kaart-label", "P", label);
    *value = para(b, "kaart-tekst", "P", NULL);
}

/* Under a card, pt; under the cards of a thema whose last card would stand alone
 * (bundel.close_cards). */
enum { CARD_GAP = 14, CARD_GAP_CLOSE = 8 };
/* under a card's rule, over its title; over the hairline over its foot, pt */
enum { CARD_UNDER_RULE = 5, CARD_FOOT_OVER = 3 };

/* Whether card `last` began on a page after the one card `before` began on: alone on its
 * page, as a thema's last card (the next thema opens a page of its own). */
static bool alone_on_page(struct bundel *b, const struct interventie *before, const struct interventie *last)
{
    int page_before = ts_result_page(b->prev, pub_card_dest(&b->arena, before));
    int page_last = ts_result_page(b->prev, pub_card_dest(&b->arena, last));
    return page_before >= 0 && page_last > page_before;
}

/* Whether thema k's last page in the pass before held little more than a card's tail:
 * less than END_FILL of its text area (the pages left blank before the next chapter in
 * print not counted). */
enum { END_FILL_PERCENT = 20 };
static bool ends_on_short_page(struct bundel *b, size_t k)
{
    const struct model *m = b->m;
    size_t next = k + 1;
    while (next < m->nthemas && !m->themas[next].n_interventies)
        next++;
    const char *dest = next < m->nthemas ? pub_fmt(&b->arena, "thema-%s", m->themas[next].id) : "register-gemeente";
    int opens = ts_result_page(b->prev, pub_fmt(&b->arena, "thema-%s", m->themas[k].id));
    int last = ts_result_page(b->prev, dest) - 1;
    while (last > opens && b->prev->pages[last].fill <= 0)
        last--;
    return opens >= 0 && last > opens && b->prev->pages[last].fill * 100 < END_FILL_PERCENT;
}

/* The lines a card's tail holds at least with its contact lines. */
enum { TAIL_LINES = 3 };

/* A paragraph's lines in a card, guessed from its length at half an em a character. */
static float card_lines(struct bundel *b, const struct content *c)
{
    float width = pub_column_width(b->l, lay_master(b->l, "tekst"));
    return ceilf((float)pub_text_length(c) * 0.5f * STYLE(b, "kaart-tekst")->size / width);
}

/* The first of the description's last paragraphs that hold TAIL_LINES lines or more, or
 * its first (NULL: none). */
static const struct content *card_tail(struct bundel *b, const struct content *description)
{
    float after = 0; /* the lines from a paragraph to the end */
    for (const struct content *d = description; d; d = d->next)
        after += card_lines(b, d);
    const struct content *d = description;
    while (d && d->next && after - card_lines(b, d) >= TAIL_LINES) {
        after -= card_lines(b, d);
        d = d->next;
    }
    return d;
}

static void card(struct bundel *b, const struct interventie *iv, const struct dl_colour *colour, float gap, bool thema_ends)
{
    const struct agenda *a = iv->agenda;
    struct ts_block *g = ts_flow_add(b->f, TS_GROUP_BEGIN);
    /* a thema's last card does not go on over a page: its tail would stand alone on the
     * chapter's last page */
    g->within_page = thema_ends;
    /* on screen the next page follows as the facing one does: a card goes on there too */
    g->overleaf = !b->print;
    g->role = "Sect";
    g->style = STYLE(b, "kaart-vervolg");
    g->value = pub_fmt(&b->arena, "%s (vervolg)", iv->titel);
    /* a card goes on in the next column, or from a left-hand page to the facing one, never
     * overleaf (a tail there is not read as its card's end): pages then fill to their
     * foot, where a card kept whole on its page left a column half empty and a thema's last
     * card alone on a page; its title goes on over its tail, which would else be read as
     * another card's */
    g->loc_path = iv->loc.path, g->loc_line = iv->loc.line;
    pub_accent_rule(b->f, colour);
    space(b, CARD_UNDER_RULE);

    struct ts_block *t = para(b, "kaart-titel", "H2", iv->titel);
    t->dest = pub_card_dest(&b->arena, iv);
    t->loc_path = iv->loc.path, t->loc_line = iv->loc.line;

    /* the gemeente, in bold (where a reader scans for their own), on screen a link to its
     * factsheet; then the sector, mbo and hbo */
    struct ts_block *meta = para(b, "kaart-meta", "P", NULL);
    struct ts_link to_factsheet = { .file = pub_fmt(&b->arena, "factsheets/%s.pdf", a->id),
                                    .description = pub_fmt(&b->arena, "De factsheet van %s", a->naam) };
    ts_text_add(&meta->text, a->naam, TS_BOLD, b->link, b->print ? NULL : &to_factsheet);
    ts_text_add(&meta->text, pub_fmt(&b->arena, "  \xC2\xB7  %s", sector_label(iv)), 0, NULL, NULL);
    if (iv->mbo)
        ts_text_add(&meta->text, "  \xC2\xB7  mbo", 0, NULL, NULL);
    if (iv->hbo)
        ts_text_add(&meta->text, "  \xC2\xB7  hbo", 0, NULL, NULL);

    /* the organisatie under the meta line; then doel and beschrijving, the card's body */
    meta->loc_path = iv->loc.path, meta->loc_line = iv->loc.line;
    struct ts_block *organisatie = para(b, "kaart-organisatie", "P", iv->organisatie);
    organisatie->loc_path = iv->loc.path, organisatie->loc_line = iv->loc.line;
    struct ts_block *v;
    label_value(b, "Doel", &v);
    v->loc_path = iv->loc.path, v->loc_line = iv->loc.line;
    /* a card may go on in the next column after its doel, between two of its parts: its
     * description then begins there under its label, whole paragraphs kept whole */
    pub_inline(&v->text, iv->doel, 0, b->link);
    para(b, "kaart-label", "P", "Beschrijving");
    /* the description's last paragraphs go with the contact lines, TAIL_LINES lines or
     * more: a card that goes on in the next column takes more than a sentence there */
    const struct content *tail = card_tail(b, iv->beschrijving);
    struct ts_style *kept = arena_alloc(&b->arena, 2 * sizeof *kept);
    kept[0] = *STYLE(b, "kaart-tekst"), kept[1] = *STYLE(b, "lijst");
    kept[0].keep_with_next = kept[1].keep_with_next = true;
    bool in_tail = false;
    for (const struct content *d = iv->beschrijving; d; d = d->next) {
        in_tail = in_tail || d == tail;
        pub_block(b->f, d, in_tail ? &kept[0] : STYLE(b, "kaart-tekst"), STYLE(b, "h3"),
                  in_tail ? &kept[1] : STYLE(b, "lijst"), b->link);
    }

    /* contact and links in small type under a hairline, the card's foot: one line each,
     * labels in bold */
    static const char line_break[] = "\xE2\x80\xA8";
    space(b, CARD_FOOT_OVER);
    struct ts_block *hairline = ts_flow_add(b->f, TS_RULE);
    hairline->amount = 0.5f;
    hairline->colour = lay_colour(b->l, "lijn");
    struct ts_block *foot = para(b, "kaart-voet", "P", NULL);
    const struct persoon *c = &iv->contact;
    ts_text_add(&foot->text, "Contact ", TS_BOLD, NULL, NULL);
    ts_text_add(&foot->text, c->naam, 0, NULL, NULL);
    if (c->functie)
        ts_text_add(&foot->text, pub_fmt(&b->arena, ", %s", c->functie), 0, NULL, NULL);
    if (c->organisatie)
        ts_text_add(&foot->text, pub_fmt(&b->arena, ", %s", c->organisatie), 0, NULL, NULL);
    if (c->email) {
        struct ts_link mail = { .uri = pub_fmt(&b->arena, "mailto:%s", c->email),
                                .description = pub_fmt(&b->arena, "E-mail aan %s", c->naam) };
        /* on a line of its own: an address is not broken at one of its hyphens */
        ts_text_add(&foot->text, line_break, 0, NULL, NULL);
        ts_text_add(&foot->text, c->email, pub_link_flags(b->link), b->link, &mail);
    }
    if (iv->url) {
        struct ts_link web = { .uri = iv->url, .description = pub_fmt(&b->arena, "Website van %s", iv->titel) };
        ts_text_add(&foot->text, line_break, 0, NULL, NULL);
        ts_text_add(&foot->text, "Meer informatie ", TS_BOLD, NULL, NULL);
        ts_text_add(&foot->text, pub_short_url(&b->arena, iv->url, false), pub_link_flags(b->link), b->link, &web);
    }
    struct ts_link agenda = { .uri = a->url, .description = pub_fmt(&b->arena, "De GKA-agenda van %s", a->naam) };
    ts_text_add(&foot->text, line_break, 0, NULL, NULL);
    ts_text_add(&foot->text, "GKA-agenda ", TS_BOLD, NULL, NULL);
    ts_text_add(&foot->text, pub_address(&b->arena, a->url, b->print), pub_link_flags(b->link), b->link, &agenda);
    space(b, gap);
    ts_flow_add(b->f, TS_GROUP_END);
}

/* The agendas with one or more interventies of thema k. */
static long agendas_with(const struct model *m, size_t k)
{
    long n = 0;
    for (size_t g = 0; g < m->nagendas; g++)
        n += m->agendas[g].n_per_thema[k] > 0;
    return n;
}

/* What an opener shows under its introduction: its interventies per sector as bars, on
 * the left, and a few counts beside them, large, on the right; all in white on its field. */
struct opener_figures {
    struct comp_chart chart;
    const struct ts_style *number, *label;
    const char *values[OPENER_COUNTS], *labels[OPENER_COUNTS];
    size_t ncounts;
    long agendas;                   /* the agendas the thema is found in (values[0]) */
    const struct ts_style *heading; /* the counts' own label ("In dit thema"), on the line
                                       of the chart's, over the figure */
    float second_column;            /* pt from the left of the text area: the counts' edge */
    const struct ts_style *over;    /* the line over the figures ("Per onderwijssector") */
    struct comp_map map;            /* where the thema's agendas are, right of the
                                       introduction: from over the field's first line to
                                       over the counts */
    float first_line;               /* pt from the field's top edge where it opens a page */
    float height;                   /* pt: the figures' (the chart's, the counts') */
    const struct dl_colour *field;  /* the thema's colour */
    const struct dl_colour *other;  /* the dots of the agendas without interventies in it */
    bool *faced;                    /* print: set when the thema's page is drawn facing the
                                       opener, with the map large; the opener then shows
                                       no map of its own */
};

/* pt round the text on an opener's field; under the field, to the first cards; between
 * its introduction and its figures */
enum { OPENER_PAD = 16, OPENER_UNDER = 14, OPENER_SECTORS_GAP = 4 };

/* a row of the counts beside the chart, pt; the map's width at most (what the
 * introduction's measure leaves of the text area, less a gutter), its room over the
 * counts' label */
enum { OPENER_COUNT_ROW = 27, OPENER_MAP_WIDTH = 104, OPENER_MAP_GAP = 10 };
/* how far over the first line an opener's map begins where the field begins at the page's
 * edge, pt (in the field's margin) */
enum { OPENER_MAP_RISE = 28 };

static void draw_opener_figures(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct opener_figures *o = data;
    struct dl_rect left = area;
    left.w = fminf(area.w, OPENER_CHART_WIDTH);
    comp_bars_draw(&o->chart, doc, page, left);
    float label_y = area.y + o->number->leading - o->label->leading - 3;
    /* the counts on the grid's second column, number and what it counts on one line; over
     * what they count a label of their own, level with the chart's (the line over the
     * figure), the numbers under it, right-aligned */
    float x = area.x + o->second_column, number_w = OPENER_NUMBER_WIDTH;
    if (o->ncounts)
        draw_text(o->chart.e, o->chart.ctx, doc, page, o->heading, "In dit thema", x,
                  area.y - o->heading->leading - o->heading->space_after, area.x + area.w - x);
    for (size_t i = 0; i < o->ncounts; i++) {
        float y = area.y + (float)i * OPENER_COUNT_ROW;
        struct ts_style right = *o->number;
        right.align = TS_RIGHT;
        draw_text(o->chart.e, o->chart.ctx, doc, page, &right, o->values[i], x, y, number_w);
        draw_text(o->chart.e, o->chart.ctx, doc, page, o->label, o->labels[i], x + number_w + 8,
                  label_y + (float)i * OPENER_COUNT_ROW, area.x + area.w - (x + number_w + 8));
    }
}

/* The key of an opener's map: what the white dots are and the small ones, one under the
 * other, their dots scale times the map's (as on the map it keys). */
static const char *const MAP_KEYS[] = { "in dit thema", "andere GKA-gemeenten" };
/* the dots' radii on an opener's map, pt: the thema's agendas', the others' */
static const float THEMA_DOT = 2.4f, OTHER_DOT = 1.2f;

/* The height of a line of the key at scale. */
static float map_key_line(const struct opener_figures *o, float scale)
{
    return fmaxf(o->chart.label->leading, 2 * THEMA_DOT * scale + 2);
}

static float map_key_width(const struct opener_figures *o, float scale)
{
    return 2 * THEMA_DOT * scale + 4 + draw_text_width(o->chart.e, o->chart.ctx, o->chart.label, MAP_KEYS[1]) + 1;
}

static void draw_map_key(const struct opener_figures *o, struct dl_document *doc, struct dl_page *page, float x,
                         float y, float width, float scale)
{
    const struct ts_style *key = o->chart.label;
    float indent = 2 * THEMA_DOT * scale + 4;
    for (int k = 0; k < 2; k++, y += map_key_line(o, scale)) {
        float cx = x + THEMA_DOT * scale, cy = y + key->leading / 2;
        /* the other agendas' dot as on the map, on a square of its land: on the field
           alone, dark and small, it is hardly seen; on a disc it was read as a ring */
        if (k == 1 && o->map.country) { /* ground, not a mark: the dot on it is */
            float side = 2 * THEMA_DOT * scale + 1;
            draw_rect(page, cx - side / 2, cy - side / 2, side, side, o->map.country);
            page->items[page->nitems - 1].as.path.mark = false;
        }
        draw_circle(page, cx, cy, (k == 0 ? THEMA_DOT : OTHER_DOT) * scale, k == 0 ? &key->colour : o->other, NULL, 0);
        draw_text(o->chart.e, o->chart.ctx, doc, page, key, MAP_KEYS[k], x + indent, y, width - indent);
    }
}

/* The field behind an opener (a ts_draw_fn, reaching up to its section's top): from the
 * page's top edge where the chapter opens a page, else from a little over its first line
 * (under the chapter before), to under the figures, edge to edge; on it (unless the
 * thema's page faces it, in print, with the map large) the thema's map,
 * as wide as the introduction leaves the text area, no higher than the room over the
 * counts' label, flush right. Decoration: the figures' alt text describes the map. */
static void draw_opener_field(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct opener_figures *o = data;
    float bottom = area.y + area.h - OPENER_UNDER;
    float top = area.y > 0 ? area.y - OPENER_PAD : 0, first_line = area.y > 0 ? area.y : o->first_line;
    draw_rect(page, 0, top, page->width, bottom - top, o->field);
    if (*o->faced)
        return;
    const struct ts_style *key = o->chart.label;
    float figures = bottom - OPENER_PAD - o->height;
    float map_bottom = figures - o->over->leading - o->over->space_after - OPENER_MAP_GAP - 2 * key->leading - 4;
    /* the map from over the first line, in the field's margin: as large as it can be */
    float map_top = first_line - (area.y > 0 ? OPENER_PAD / 2 : OPENER_MAP_RISE);
    struct nl_map fit = nl_map_fit((struct dl_rect){ 0, 0, OPENER_MAP_WIDTH, map_bottom - map_top });
    struct dl_point nw = nl_map_point(&fit, NL_MAP_NORTH, NL_MAP_WEST), se = nl_map_point(&fit, NL_MAP_SOUTH, NL_MAP_EAST);
    float map_x = area.x + area.w - (se.x - nw.x);
    comp_map_draw(&o->map, doc, page, (struct dl_rect){ map_x, map_top, se.x - nw.x, se.y - nw.y });
    /* its key under it, from the map's left edge or as far left as its longer line needs */
    float key_x = fminf(map_x, area.x + area.w - map_key_width(o, 1) - 2);
    draw_map_key(o, doc, page, key_x, map_top + (se.y - nw.y) + 4, area.x + area.w - key_x, 1);
}

/* In print, the left-hand page that falls free before a thema's opener (whose previous
 * chapter ended on a right-hand one): the thema's field over the whole page, its number
 * large, its name and counts, and its map, keyed, as large as the page allows; a spread
 * with the opener it faces, where a page of notes would stand. Decoration: the opener says
 * it all. */
struct thema_page {
    const struct opener_figures *of;
    const struct ts_style *number, *name, *label;
    const char *digits, *title, *counts;
    const struct ts_master *master; /* "vlak": its margins */
};

/* pt over its map; its number's size; its dots' size against the opener's map's */
enum { THEMA_PAGE_GAP = 24, THEMA_PAGE_NUMBER = 120, THEMA_PAGE_DOTS = 2 };

static void draw_thema_page(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct thema_page *tp = data;
    const struct opener_figures *o = tp->of;
    *o->faced = true;
    struct ts_engine *e = o->chart.e;
    struct gka_ctx *ctx = o->chart.ctx;
    draw_rect(page, area.x, area.y, area.w, area.h, o->field);
    /* a left-hand page: its outside edge on the left */
    const struct ts_master *ms = tp->master;
    float x = area.x + ms->margin_outside, w = area.w - ms->margin_outside - ms->margin_inside;
    float y = area.y + ms->margin_top;
    draw_text(e, ctx, doc, page, tp->number, tp->digits, x, y, w);
    y += tp->number->leading;
    y += (float)draw_text(e, ctx, doc, page, tp->name, tp->title, x, y, w) * tp->name->leading + tp->name->space_after;
    y += (float)draw_text(e, ctx, doc, page, tp->label, tp->counts, x, y, w) * tp->label->leading;
    /* the map's key under them */
    y += THEMA_PAGE_GAP / 2;
    draw_map_key(o, doc, page, x, y, w, THEMA_PAGE_DOTS);
    y += 2 * map_key_line(o, THEMA_PAGE_DOTS);
    /* the map under them, as large as the rest of the text area takes, flush left */
    float bottom = area.y + area.h - ms->margin_bottom, top = y + THEMA_PAGE_GAP;
    struct nl_map fit = nl_map_fit((struct dl_rect){ 0, 0, w, bottom - top });
    struct dl_point nw = nl_map_point(&fit, NL_MAP_NORTH, NL_MAP_WEST), se = nl_map_point(&fit, NL_MAP_SOUTH, NL_MAP_EAST);
    /* its dots as much larger as the map is */
    struct comp_map large = o->map;
    struct comp_map_place *places = xcalloc(o->map.nplaces + 1, sizeof *places);
    for (size_t i = 0; i < o->map.nplaces; i++) {
        places[i] = o->map.places[i];
        places[i].radius *= THEMA_PAGE_DOTS;
    }
    large.places = places;
    comp_map_draw(&large, doc, page, (struct dl_rect){ x, bottom - (se.y - nw.y), se.x - nw.x, se.y - nw.y });
    free(places);
}

/* The room an opener's map takes from its field's first line to its figures, pt: the map
 * as wide as it may be, its key, and the figures' label under them. */
static float opener_map_room(const struct bundel *b)
{
    struct nl_map fit = nl_map_fit((struct dl_rect){ 0, 0, OPENER_MAP_WIDTH, 1000 });
    float map = nl_map_point(&fit, NL_MAP_SOUTH, NL_MAP_EAST).y - nl_map_point(&fit, NL_MAP_NORTH, NL_MAP_WEST).y;
    const struct ts_style *over = &b->on_field_label, *key = &b->on_field_chart;
    return map + 4 + 2 * key->leading + OPENER_MAP_GAP + over->leading + over->space_after;
}

/* The height of an opener's name and introduction across the page, pt: every opener's
 * field ends as low as the tallest needs, so that the first cards begin at one height. */
static float opener_text_height(const struct bundel *b, const struct thema *t)
{
    const struct ts_master *ms = lay_master(b->l, "opener");
    float width = b->l->page_width - ms->margin_inside - ms->margin_outside;
    const struct ts_style *title = STYLE(b, "paneel-titel"), *lead = &b->on_field_lead;
    float h = title->space_before + draw_text_height(b->e, b->ctx, title, t->naam, width) + title->space_after;
    for (const struct content *c = t->omschrijving; c; c = c->next) {
        struct ts_text text;
        ts_text_init(&text);
        pub_inline(&text, c->first_child, 0, NULL);
        struct ts_para *p = ts_para_layout(b->e, b->ctx, lead, &text, width, t->loc.path, t->loc.line);
        h += (float)ts_para_nlines(p) * lead->leading + lead->space_after;
        ts_para_free(p);
        ts_text_release(&text);
    }
    return h;
}

static const char *sort_title(const char *titel);

/* Interventies in the order of their gemeenten's names, then of their titles. */
static int compare_places(const void *x, const void *y);

static int compare_places(const void *x, const void *y)
{
    const struct interventie *a = *(const struct interventie *const *)x, *b = *(const struct interventie *const *)y;
    int c = strcasecmp(pub_sort_name(a->agenda->naam), pub_sort_name(b->agenda->naam));
    if (!c)
        c = strcasecmp(sort_title(a->titel), sort_title(b->titel));
    return c ? c : strcmp(a->id, b->id);
}

/* The map on an opener: the Netherlands a shade lighter than the thema's field, every
 * GKA-gemeente on it, those of an agenda with interventies of thema k white and larger,
 * the others small in a darker shade of it (as the cover's map, on a field of its own). */
static void opener_map(struct bundel *b, struct opener_figures *of, size_t k)
{
    const struct model *m = b->m;
    const struct dl_colour *field = &b->thema_fields[k];
    struct dl_colour *land = arena_alloc(&b->arena, sizeof *land);
    *land = dl_lightened(*field, 0.32f);
    /* the others dark enough to be seen on the field as on the land */
    struct dl_colour *other = arena_alloc(&b->arena, sizeof *other);
    *other = dl_darkened(*field, land, 3.0f);
    *other = dl_darkened(*other, field, 3.0f);
    struct comp_map_place *places = arena_alloc(&b->arena, (m->ngemeenten + 1) * sizeof *places);
    size_t n = 0;
    for (int pass = 0; pass < 2 && of->agendas > 0; pass++) /* the thema's last, on top */
        for (size_t i = 0; i < m->ngemeenten; i++) {
            const struct gemeente *g = &m->gemeenten[i];
            bool in = g->agenda && g->agenda->n_per_thema[k] > 0;
            if (in == (pass == 1))
                places[n++] = in ? (struct comp_map_place){ g->lat, g->lon, THEMA_DOT, lay_colour(b->l, "wit"), NULL, 0, NULL, NULL }
                                 : (struct comp_map_place){ g->lat, g->lon, OTHER_DOT, other, NULL, 0, NULL, NULL };
        }
    of->map = (struct comp_map){ .e = b->e, .ctx = b->ctx, .style = &b->on_field_chart, .shapes = b->outline,
                                 .country = land, .neighbours = field, .coast = lay_colour(b->l, "wit"),
                                 .places = places, .nplaces = n,
                                 .credit_elsewhere = true };
    of->first_line = lay_master(b->l, "opener")->margin_top;
    of->faced = arena_alloc(&b->arena, sizeof *of->faced);
    *of->faced = false;
    of->field = field;
    of->other = other;
    of->over = &b->on_field_label;
}

/* What an opener shows under its introduction, counted here: the thema's interventies
 * per sector (every sector, none too, so that each opener's chart has the same rows), the
 * agendas it is found in and its links with mbo and hbo; and its map. *alt describes them. */
static struct opener_figures *opener_figures(struct bundel *b, const struct thema *t, const char **alt_text)
{
    const struct model *m = b->m;
    size_t k = (size_t)(t - m->themas);
    size_t ns = 0;
    const char **labels = arena_alloc(&b->arena, (m->nsectoren + 1) * sizeof *labels);
    long *amounts = arena_alloc(&b->arena, (m->nsectoren + 1) * sizeof *amounts);
    const struct dl_colour **colours = arena_alloc(&b->arena, (m->nsectoren + 1) * sizeof *colours);
    for (size_t s = 0; s < m->nsectoren; s++) {
        labels[ns] = m->sectoren[s].naam; /* as the cards name it */
        amounts[ns] = in_sector(m, t, &m->sectoren[s]);
        colours[ns++] = lay_colour(b->l, "wit");
    }
    /* none: a dash, as the table by thema and sector has it */
    const char **values = arena_alloc(&b->arena, (ns + 1) * sizeof *values);
    for (size_t s = 0; s < ns; s++)
        values[s] = count_text(b, amounts[s]);
    /* every opener has its chart, a thema of a few interventies too (short bars on the
     * openers' common scale, each with its figure): one opener looks as the next */
    struct opener_figures *of = arena_alloc(&b->arena, sizeof *of);
    of->heading = &b->on_field_label;
    /* on one scale for every opener (the largest count of a thema in a sector): a reader
     * leafing from opener to opener compares them */
    of->chart = (struct comp_chart){ .e = b->e, .ctx = b->ctx, .label = &b->on_field_chart, .value = &b->on_field_value,
                                     .axis = lay_colour(b->l, "wit"), .paper = &b->thema_fields[k], .n = ns,
                                     .labels = labels, .values = values, .amounts = amounts, .colours = colours,
                                     .whole = b->opener_whole, .same_labels = true }; /* the sectors */
    /* the counts beside it: the agendas the thema is found in, its links with mbo and hbo */
    long agendas = of->agendas = agendas_with(m, k), mbo = 0, hbo = 0;
    for (size_t i = 0; i < m->ninterventies; i++)
        if (m->interventies[i].thema == t)
            mbo += m->interventies[i].mbo, hbo += m->interventies[i].hbo;
    const long counts[OPENER_COUNTS] = { agendas, mbo, hbo };
    const char **count_values = pub_numbers(&b->arena, OPENER_COUNTS, counts);
    of->number = &b->on_field_number, of->label = &b->on_field_chart;
    const struct ts_master *opener = lay_master(b->l, "opener");
    of->second_column = pub_column_width(b->l, opener) + opener->gutter;
    const char *count_labels[OPENER_COUNTS] = {
        agendas == 1 ? "GKA-agenda met interventies hierin" : "GKA-agenda\xE2\x80\x99s met interventies hierin",
        mbo == 1 ? "interventie met een link met het mbo" : "interventies met een link met het mbo",
        hbo == 1 ? "interventie met een link met het hbo" : "interventies met een link met het hbo" };
    /* a count of none is not a figure to show large: left out */
    for (size_t i = 0; i < OPENER_COUNTS; i++)
        if (counts[i] > 0) {
            of->values[of->ncounts] = count_values[i];
            of->labels[of->ncounts++] = count_labels[i];
        }
    of->height = fmaxf(comp_bars_height(&of->chart), (float)of->ncounts * OPENER_COUNT_ROW);
    struct strbuf alt;
    sb_init(&alt);
    sb_printf(&alt, "Staafdiagram van de interventies van %s per onderwijssector:", t->naam);
    for (size_t i = 0; i < ns; i++)
        sb_printf(&alt, "%s %s %ld", i ? ";" : "", labels[i], amounts[i]); /* 0, not a dash, read aloud */
    sb_append(&alt, ".");
    for (size_t i = 0; i < of->ncounts; i++)
        sb_printf(&alt, " %s %s.", of->values[i], of->labels[i]);
    opener_map(b, of, k);
    sb_printf(&alt, " Kaart van Nederland met de GKA-agenda\xE2\x80\x99s met interventies in %s: %s van de %zu, in wit.",
              t->naam, count_values[0], m->nagendas);
    *alt_text = pub_fmt(&b->arena, "%s", alt.data);
    sb_release(&alt);
    return of;
}

/* A chapter opens a page (a right-hand one in print) on a field of its thema's colour from
 * the top edge: which thema of how many and its count, its name, its introduction, its
 * interventies per sector and how many agendas and links with mbo and hbo, in white; its
 * first cards under the field. Every chapter so, on screen too: one run on under the
 * chapter before, halfway down a page, was read as part of it. */
static void thema_chapter(struct bundel *b, const struct thema *t, int number, int chapters)
{
    const struct model *m = b->m;
    size_t k = (size_t)(t - m->themas);
    /* the cards by gemeente, A to Z (as the register per gemeente), a gemeente's by title */
    const struct interventie **cards = xcalloc(m->ninterventies + 1, sizeof *cards);
    size_t ncards = 0;
    for (size_t i = 0; i < m->ninterventies; i++)
        if (m->interventies[i].thema == t)
            cards[ncards++] = &m->interventies[i];
    qsort(cards, ncards, sizeof *cards, compare_places);
    const char *alt;
    struct opener_figures *of = opener_figures(b, t, &alt);
    char n[32];
    pub_number(n, sizeof n, t->n_interventies);
    const char *interventies = t->n_interventies == 1 ? "interventie" : "interventies";
    const char *label = pub_fmt(&b->arena, "Thema %d van %d  \xC2\xB7  %s %s", number, chapters, n, interventies);
    const struct ts_style *over = &b->on_field_label;
    float width = b->l->page_width - lay_master(b->l, "opener")->margin_inside - lay_master(b->l, "opener")->margin_outside;
    float label_height = draw_text_height(b->e, b->ctx, over, label, width) + over->space_before + over->space_after;
    float over_height = over->leading + over->space_before + over->space_after;

    struct ts_block *br = page_break(b, "opener", true);
    if (b->print) {
        struct thema_page *tp = arena_alloc(&b->arena, sizeof *tp);
        struct ts_style *big = arena_alloc(&b->arena, sizeof *big);
        *big = *STYLE(b, "paneel-titel");
        big->size = big->leading = THEMA_PAGE_NUMBER;
        *tp = (struct thema_page){ .of = of, .number = big, .name = STYLE(b, "paneel-titel"), .label = &b->on_field_label,
                                   .digits = pub_fmt(&b->arena, "%d", number), .title = t->naam,
                                   .counts = pub_fmt(&b->arena, "%s %s in %s %s", n, interventies, of->values[0],
                                                     of->agendas == 1 ? "GKA-agenda" : "GKA-agenda\xE2\x80\x99s"),
                                   .master = lay_master(b->l, "vlak") };
        br->blank_master = "vlak";
        br->draw = draw_thema_page;
        br->draw_data = tp;
    }
    float text = opener_text_height(b, t);
    /* room for the map beside a short introduction, as much as the openers that open a
     * page give it */
    float have = label_height + text + OPENER_SECTORS_GAP + over_height;
    float full = label_height + b->opener_text + OPENER_SECTORS_GAP + over_height;
    float map_room = fmaxf(0, fminf(opener_map_room(b), full) - have);
    /* the running head names the thema */
    ts_flow_add(b->f, TS_MARK)->value = t->naam;
    ts_flow_add(b->f, TS_GROUP_BEGIN)->span = TS_SPAN_ALL;
    pub_para(b->f, over, "P", label);
    struct ts_block *h = para(b, "paneel-titel", "H1", t->naam);
    h->dest = pub_fmt(&b->arena, "thema-%s", t->id);
    h->outline = t->naam;
    h->loc_path = t->loc.path, h->loc_line = t->loc.line;
    pub_blocks(b->f, t->omschrijving, &b->on_field_lead, &b->on_field_lead, &b->on_field_lead,
               lay_colour(b->l, "wit"));
    /* as low as the tallest opener's */
    space(b, map_room);
    struct ts_block *level = ts_flow_add(b->f, TS_SPACE);
    level->amount = b->opener_text - text - map_room;
    level->behind = true;
    space(b, OPENER_SECTORS_GAP);
    pub_para(b->f, over, "P", "Per onderwijssector");
    struct ts_block *chart = ts_flow_add(b->f, TS_FIGURE);
    chart->amount = of->height;
    chart->span = TS_SPAN_ALL;
    chart->draw = draw_opener_figures;
    chart->draw_data = of;
    chart->alt = alt;
    /* the field, behind all that */
    struct ts_block *behind = ts_flow_add(b->f, TS_FIGURE);
    behind->amount = OPENER_PAD + OPENER_UNDER;
    behind->span = TS_SPAN_ALL;
    behind->behind = true;
    behind->reaches_up = true;
    behind->draw = draw_opener_field;
    behind->draw_data = of;
    ts_flow_add(b->f, TS_GROUP_END);
    /* a last card that stood alone on its page in the pass before, or a card's tail: the
     * thema's cards a little closer together, so that it comes back to the page before */
    if (ncards >= 2 && b->prev && (alone_on_page(b, cards[ncards - 2], cards[ncards - 1]) || ends_on_short_page(b, k)))
        b->close_cards[k] = true;
    for (size_t i = 0; i < ncards; i++)
        card(b, cards[i], &b->thema_fields[k], b->close_cards[k] ? CARD_GAP_CLOSE : CARD_GAP, i + 1 == ncards);
    free(cards);
}

/* ---- indexes ---- */

/* An entry of the register per gemeente: an agenda under its name, or a gemeente of an
 * alliance under its own, referring to the alliance's entry. */
struct register_entry {
    const char *naam;
    const struct agenda *agenda;
    const struct gemeente *member; /* NULL: the agenda's own entry */
};

static int compare_entries(const void *x, const void *y)
{
    const struct register_entry *a = x, *b = y;
    int c = strcasecmp(pub_sort_name(a->naam), pub_sort_name(b->naam));
    return c ? c : (a->member != NULL) - (b->member != NULL);
}

struct paged {
    int page;       /* -1: not laid out yet */
    size_t order;   /* in the data */
    const struct interventie *iv;
    const char *dest; /* its card's */
};

static int by_page(const void *x, const void *y)
{
    const struct paged *a = x, *b = y;
    if (a->page != b->page)
        return a->page < b->page ? -1 : 1;
    return a->order < b->order ? -1 : a->order > b->order;
}

/* The pages of interventies ivs, in ascending order (the cards stand by thema, not in the
 * order of their agenda), each number once. */
static void index_pages(struct bundel *b, struct ts_block *e, struct interventie *const *ivs, size_t n)
{
    struct paged *at = arena_alloc(&b->arena, (n + 1) * sizeof *at);
    for (size_t i = 0; i < n; i++) {
        const char *dest = pub_card_dest(&b->arena, ivs[i]);
        at[i] = (struct paged){ b->prev ? ts_result_page(b->prev, dest) : -1, i, ivs[i], dest };
    }
    qsort(at, n, sizeof *at, by_page);
    int last = -2;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        const struct interventie *iv = at[i].iv;
        const char *dest = at[i].dest;
        int p = at[i].page;
        if (p == last && p >= 0)
            continue; /* one number per page */
        last = p;
        char num[16];
        page_of(b, dest, num, sizeof num);
        struct ts_link link = { .dest = dest, .description = pub_fmt(&b->arena, "%s, pagina %s", iv->titel, num) };
        /* the first number goes with the word before it: never alone on a line */
        ts_text_add(&e->text, first ? "\xC2\xA0\xC2\xA0" : ", ", 0, NULL, NULL);
        ts_text_add(&e->text, num, 0, b->link, &link);
        first = false;
    }
    if (first) /* a gemeente whose agenda has none yet, said in words */
        ts_text_add(&e->text, "\xC2\xA0\xC2\xA0(nog geen interventies)", TS_ITALIC, NULL, NULL);
}

/* An index's first page: its own master, running header, heading and bookmark. In print
 * the registers begin on the next page, left or right: they are looked up, not opened to,
 * and a blank page before them would be paper for nothing. */
static void index_opening(struct bundel *b, const char *master, const char *heading, const char *full_title,
                          const char *dest)
{
    page_break(b, master, false)->even = true; /* the register before ends in even columns */
    ts_flow_add(b->f, TS_MARK)->value = full_title;
    /* across the columns: in one of the register's narrow ones its name would wrap */
    para(b, "kenmerk", "P", "Register")->span = TS_SPAN_ALL;
    struct ts_block *h = para(b, "h1", "H1", heading);
    h->span = TS_SPAN_ALL;
    h->dest = dest;
    h->outline = full_title;
}

static void index_by_gemeente(struct bundel *b)
{
    const struct model *m = b->m;
    index_opening(b, "register", "Per gemeente", "Register per gemeente", "register-gemeente");
    /* every agenda, and every gemeente of an alliance that is named otherwise: a reader
     * looks up Dantumadiel, not the alliance it is part of */
    size_t n = 0;
    for (size_t i = 0; i < m->nagendas; i++)
        n += 1 + (m->agendas[i].nleden > 1 ? m->agendas[i].nleden : 0);
    struct register_entry *sorted = xmalloc((n + 1) * sizeof *sorted);
    n = 0;
    for (size_t i = 0; i < m->nagendas; i++) {
        const struct agenda *a = &m->agendas[i];
        sorted[n++] = (struct register_entry){ a->naam, a, NULL };
        for (size_t k = 0; a->nleden > 1 && k < a->nleden; k++)
            if (!pub_named_after(a, a->leden[k])) /* not where the alliance's stands */
                sorted[n++] = (struct register_entry){ a->leden[k]->naam, a, a->leden[k] };
    }
    qsort(sorted, n, sizeof *sorted, compare_entries);
    /* the columns run full: a letter's gemeenten may go on in the next column (its letter
     * stays with the first of them), so that the last letters need no page of their own */
    char letter = 0;
    for (size_t i = 0; i < n; i++) {
        const struct agenda *a = sorted[i].agenda;
        char first = (char)toupper((unsigned char)pub_sort_name(sorted[i].naam)[0]);
        if (first != letter) {
            letter = first;
            para(b, "register-letter", "H2", pub_fmt(&b->arena, "%c", letter));
        }
        struct ts_block *e = para(b, "register-item", "P", NULL);
        if (sorted[i].member) { /* "Dantumadiel → Tytsjerksteradiel, ...", to the alliance's entry */
            const struct gemeente *g = sorted[i].member;
            struct ts_link *to = arena_alloc(&b->arena, sizeof *to);
            *to = (struct ts_link){ .dest = pub_fmt(&b->arena, "ag-%s", a->id),
                                    .description = pub_fmt(&b->arena, "%s: zie %s", g->naam, a->naam) };
            e->loc_path = g->loc.path, e->loc_line = g->loc.line;
            ts_text_add(&e->text, pub_fmt(&b->arena, "%s \xE2\x86\x92 ", g->naam), 0, NULL, NULL);
            ts_text_add(&e->text, a->naam, TS_ITALIC, b->link, b->print ? NULL : to);
            continue;
        }
        e->dest = pub_fmt(&b->arena, "ag-%s", a->id);
        /* the name is the alliance's, or else its gemeente's */
        const struct src_loc *named = a->nleden == 1 ? &a->leden[0]->loc : &a->loc;
        e->loc_path = named->path, e->loc_line = named->line;
        ts_text_add(&e->text, a->naam, 0, NULL, NULL);
        index_pages(b, e, a->interventies, a->ninterventies);
    }
    free(sorted);
}

/* A title as it is sorted: without the article it opens with ("De Transformatieve School"
 * under T). */
static const char *sort_title(const char *titel)
{
    static const char *const articles[] = { "De ", "Het ", "Een " };
    for (size_t i = 0; i < sizeof articles / sizeof articles[0]; i++) {
        size_t n = strlen(articles[i]);
        if (strncmp(titel, articles[i], n) == 0 && titel[n])
            return titel + n;
    }
    return pub_sort_name(titel);
}

static int compare_titles(const void *x, const void *y)
{
    const struct interventie *a = *(const struct interventie *const *)x, *b = *(const struct interventie *const *)y;
    int c = strcasecmp(sort_title(a->titel), sort_title(b->titel));
    return c ? c : strcmp(a->id, b->id);
}

/* Whether interventie iv's title names its place: its agenda or one of the agenda's
 * gemeenten ("Kansrijk adviseren Noardeast-Fryslân"). */
static bool titles_place(const struct interventie *iv)
{
    const struct agenda *a = iv->agenda;
    bool named = strstr(iv->titel, a->naam) != NULL;
    for (size_t k = 0; k < a->nleden && !named; k++)
        named = strstr(iv->titel, a->leden[k]->naam) != NULL;
    return named;
}

/* A short place name held on one line ("Den Helder"); a long one (an alliance of three)
 * as it is, to break where it must. */
static const char *unbroken_place(struct bundel *b, const char *naam)
{
    if (strlen(naam) > 24)
        return naam;
    struct strbuf sb;
    sb_init(&sb);
    for (const char *p = naam; *p; p++)
        sb_append(&sb, *p == ' ' ? "\xC2\xA0" : (char[2]){ *p, 0 });
    const char *out = pub_fmt(&b->arena, "%s", sb.data ? sb.data : "");
    sb_release(&sb);
    return out;
}

/* The entries a sector's heading in the register goes on with, at least. */
enum { REGISTER_KEPT = 3 };

/* Per sector, its interventies in alphabetical order, each with its gemeente unless the
 * title names it already ("Extra taallessen nieuwkomers Zaanstad"). */
static void index_by_sector(struct bundel *b)
{
    const struct model *m = b->m;
    index_opening(b, "tekst", "Per sector", "Register per sector", "register-sector");
    struct interventie **sorted = xmalloc((m->ninterventies + 1) * sizeof *sorted);
    for (size_t s = 0; s < m->nsectoren; s++) {
        const struct sector *sec = &m->sectoren[s];
        /* a sector that goes on overleaf says so at the top of its page (in the next
         * column the eye goes on by itself) */
        struct ts_block *g = ts_flow_add(b->f, TS_GROUP_BEGIN);
        g->style = STYLE(b, "register-letter");
        g->value = pub_fmt(&b->arena, "%s (vervolg)", sec->naam);
        g->continuation_on_new_page = true;
        para(b, "register-letter", "H2", pub_fmt(&b->arena, "%s (%d)", sec->naam, sec->n_interventies));
        size_t n = 0;
        for (size_t i = 0; i < m->ninterventies; i++)
            if (m->interventies[i].sector == sec)
                sorted[n++] = &m->interventies[i];
        qsort(sorted, n, sizeof *sorted, compare_titles);
        for (size_t i = 0; i < n; i++) {
            const struct interventie *iv = sorted[i];
            struct ts_block *e = para(b, "register-item", "P", NULL);
            /* never the heading with one entry alone at a column's foot */
            if (i + 1 < REGISTER_KEPT && i + 1 < n)
                e->style = ts_flow_style_kept(b->f, e->style);
            ts_text_add(&e->text, titles_place(iv) ? iv->titel : pub_fmt(&b->arena, "%s, %s", iv->titel,
                                                                         unbroken_place(b, iv->agenda->naam)),
                        0, NULL, NULL);
            index_pages(b, e, &sorted[i], 1);
        }
        ts_flow_add(b->f, TS_GROUP_END);
    }
    free(sorted);
}

/* The back cover: the title page's field and wordmark, with what the bundel is and whose;
 * in print the last page of its quire, for the binding. */
static void back_cover(struct bundel *b)
{
    const struct model *m = b->m;
    struct ts_block *br = ts_flow_add(b->f, TS_PAGE_BREAK);
    br->master = "titel";
    br->even = true; /* the last register's columns end level */
    /* the pages left blank before it get their notes as every blank page does (the final
     * pages' notes_master), on the card pages' grid */
    br->quire_end = b->print;
    char date[64];
    pub_date(date, sizeof date, m->peildatum);
    pub_back_cover(b->f, &b->arena, b->e, b->ctx, b->l, m, "titel", pub_fmt(&b->arena, "Interventiebundel %d", m->jaar),
                   pub_fmt(&b->arena, "Peildatum %s: de interventies zoals de GKA-agenda\xE2\x80\x99s ze op die dag "
                                      "beschrijven.", date),
                   pub_maps_credit(&b->arena, b->outline), b->print);
}

static void compose(struct bundel *b)
{
    ts_flow_add(b->f, TS_TAG_BEGIN)->role = "Document";
    title_page(b);
    contents(b);
    introduction(b);
    int number = 0;
    for (size_t i = 0; i < b->m->nthemas; i++)
        if (b->m->themas[i].n_interventies)
            thema_chapter(b, &b->m->themas[i], ++number, b->chapters);
    index_by_gemeente(b);
    index_by_sector(b);
    back_cover(b);
    ts_flow_add(b->f, TS_TAG_END);
}

/* One pass: this pass's strings replace the last's. */
static void compose_pass(void *composer, struct ts_flow *f, const struct ts_result *prev)
{
    struct bundel *b = composer;
    arena_release(&b->arena);
    b->f = f;
    b->prev = prev;
    compose(b);
}

static struct lay_layout *load_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o)
{
    return pub_load_layout(ctx, m, o, "interventiebundel", needed_styles, needed_masters, needed_colours);
}

int pub_bundel_check(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o)
{
    struct lay_layout *l = load_layout(ctx, m, o);
    struct comp_outline *outline = pub_load_outline(ctx, o);
    int rc = l && outline ? 0 : -1;
    lay_free(l);
    comp_outline_free(outline);
    return rc;
}

/* A page of cards finished: a tab on its outer edge in its thema's colour, with the
 * thema's number, one step lower per thema (a thumb index, as in a printed catalogue); a
 * page where a chapter begins under the one before has the tabs of both. On screen the
 * other themas' tabs stand in their tints, each a link to its chapter. Then the running
 * header and footer. */
struct bundel_pages {
    struct pub_final_pages final;
    const struct bundel *b;
    struct dl_open_tags open;       /* the structure open where the page before ended */
};

/* A thumb tab: TAB_WIDTH from the edge, its number at least TAB_SAFE from it (the trim
 * may wander; 4 mm). */
enum { TAB_WIDTH = 30, TAB_GAP = 3, TAB_SAFE = 12 };

/* Whether thema t's opener is on the page. */
static bool opens_on_page(const struct thema *t, const struct dl_page *page)
{
    for (size_t k = 0; k < page->nitems; k++) {
        const struct dl_item *it = &page->items[k];
        if (it->kind == DL_DEST && strncmp(it->as.dest.name, "thema-", 6) == 0 &&
            strcmp(it->as.dest.name + 6, t->id) == 0)
            return true;
    }
    return false;
}

/* Whether thema t is on the page: at its top (the page's mark), or beginning on it. */
static bool thema_on_page(const struct thema *t, const struct dl_page *page, const char *mark)
{
    return (mark && strcmp(t->naam, mark) == 0) || opens_on_page(t, page);
}

static void thumb_tabs(const struct bundel *b, struct dl_document *doc, size_t i, const struct ts_result *r)
{
    const struct model *m = b->m;
    const struct ts_page_info *pi = &r->pages[i];
    struct dl_page *page = &doc->pages[i];
    if (!pi->master || (strcmp(pi->master->name, "kaarten") != 0 && strcmp(pi->master->name, "opener") != 0) ||
        page->nitems == 0)
        return;
    const struct ts_master *ms = pi->master;
    float step = (page->height - ms->margin_top - ms->margin_bottom) / (float)(b->chapters ? b->chapters : 1);
    bool recto = pub_recto(b->l, i); /* read one by one: always on the right */
    /* on the edge: in print the backend takes it into the bleed */
    float x = recto ? page->width - TAB_WIDTH : 0;
    struct ts_style number = *lay_style(b->l, "kenmerk");
    number.colour = *lay_colour(b->l, "wit");
    number.align = TS_CENTER;
    size_t at = 0;
    for (size_t k = 0; k < m->nthemas; k++) {
        const struct thema *t = &m->themas[k];
        if (!t->n_interventies)
            continue;
        bool here = thema_on_page(t, page, pi->mark);
        if (here || !b->print) {
            float y = ms->margin_top + (float)at * step, h = step - TAB_GAP;
            struct dl_colour fill = b->thema_fields[k];
            struct ts_style digit = number;
            if (!here) { /* on screen every thema's tab, in its tint, leads to its chapter:
                            the index a reader thumbs on paper, clickable */
                fill = dl_lightened(fill, 0.78f);
                digit.colour = dl_darkened(b->thema_fields[k], &fill, 4.5f);
                char dest[128], description[200];
                snprintf(dest, sizeof dest, "thema-%s", t->id);
                snprintf(description, sizeof description, "Naar thema %zu: %s", at + 1, t->naam);
                struct dl_item *lb = dl_push(page, DL_LINK_BEGIN);
                lb->as.link.dest = dl_strdup(doc, dest);
                lb->as.link.description = dl_strdup(doc, description);
            } else {
                dl_artifact_begin(page, DL_ARTIFACT_LAYOUT);
                /* on a page its thema opens the tab may stand on its field: a darker shade
                   of it sets it off there, and on paper it is a tab all the same */
                if (opens_on_page(t, page))
                    fill = dl_darkened(fill, &b->thema_fields[k], 1.6f);
            }
            draw_rect(page, x, y, TAB_WIDTH, h, &fill);
            char text[16];
            snprintf(text, sizeof text, "%zu", at + 1);
            draw_text(b->e, b->ctx, doc, page, &digit, text, recto ? page->width - TAB_WIDTH : TAB_SAFE,
                      y + (h - digit.leading) / 2, TAB_WIDTH - TAB_SAFE);
            dl_push(page, here ? DL_TAG_END : DL_LINK_END);
        }
        at++;
    }
}

static void bundel_page(void *ud, struct dl_document *doc, size_t page, const struct ts_result *r)
{
    struct bundel_pages *bp = ud;
    if (page < r->npages && page < doc->npages) {
        /* the tabs' links among the page's sections, not inside a card's paragraph that
           goes on over it */
        struct dl_page *p = &doc->pages[page];
        size_t at = dl_page_outside_blocks(&bp->open, p), drawn = p->nitems;
        thumb_tabs(bp->b, doc, page, r);
        dl_page_send_back(p, drawn, at);
    }
    pub_final_page(&bp->final, doc, page, r);
}

/* The bundel laid out; with a writer, each page written and dropped as soon as it is
 * final, so that the document is held a page at a time. */
static struct dl_document *bundel_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                         struct pub_report *report, struct pub_writer *writer)
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
    struct ts_result result = { 0 };
    e = pub_engine(ctx, l);
    if (!e || lay_check_fonts(ctx, l, e) != 0)
        goto done;
    cache = ts_cache_new();

    /* the thema's colours, made once */
    struct dl_colour *fields = xcalloc(m->nthemas + 1, sizeof *fields);
    bool *close_cards = xcalloc(m->nthemas + 1, sizeof *close_cards);
    static const struct dl_colour paper = { .rgb = { 1, 1, 1 }, .has_cmyk = true }; /* no ink */
    for (size_t i = 0; i < m->nthemas; i++)
        fields[i] = dl_darkened(pub_thema_colour(&m->themas[i]), &paper, 4.5f);

    struct bundel b = { .ctx = ctx, .e = e, .m = m, .l = l, .outline = outline, .link = pub_link_colour(l, o), .print = o->print,
                        .thema_fields = fields, .close_cards = close_cards,
                        };
    /* white on the openers' fields, made once: the paragraph cache knows styles by address;
     * large enough that the plates' slight misregister in print does not fill them in */
    b.on_field_label = *lay_style(l, "kenmerk");
    b.on_field_label.colour = *lay_colour(l, "wit");
    b.on_field_label.size = fmaxf(b.on_field_label.size, 9), b.on_field_label.leading = fmaxf(b.on_field_label.leading, 13);
    b.on_field_chart = *lay_style(l, "grafiek");
    b.on_field_chart.colour = *lay_colour(l, "wit");
    b.on_field_value = *lay_style(l, "grafiek-waarde");
    b.on_field_value.colour = *lay_colour(l, "wit");
    b.on_field_chart.size = fmaxf(b.on_field_chart.size, 9), b.on_field_value.size = fmaxf(b.on_field_value.size, 9);
    b.on_field_chart.leading = fmaxf(b.on_field_chart.leading, 11), b.on_field_value.leading = fmaxf(b.on_field_value.leading, 11);
    b.on_field_lead = *lay_style(l, "paneel-lead");
    const struct ts_master *opener = lay_master(l, "opener");
    b.on_field_lead.measure = (pub_column_width(l, opener) * 3 + opener->gutter) / 2;
    b.on_field_number = *lay_style(l, "telling");
    b.on_field_number.colour = *lay_colour(l, "wit");
    b.on_field_number.size = 20, b.on_field_number.leading = 22;
    for (size_t i = 0; i < m->nthemas; i++)
        if (m->themas[i].n_interventies)
            b.opener_text = fmaxf(b.opener_text, opener_text_height(&b, &m->themas[i]));
    for (size_t i = 0; i < m->nthemas; i++)
        b.chapters += m->themas[i].n_interventies > 0;
    b.opener_whole = largest_in_sector(m);
    arena_init(&b.arena);
    char title[64];
    snprintf(title, sizeof title, "Interventiebundel %d", m->jaar);
    struct bundel_pages final = { .final = { .e = e, .ctx = ctx, .l = l, .left_text = title, .title = title,
                                             .date = o->date, .footer_text = "Gelijke Kansen Alliantie",
                                             .writer = writer, .notes_master = o->print ? "kaarten" : NULL },
                                  .b = &b };
    doc = pub_layout_until_stable(e, ctx, cache, l, "titel", compose_pass, &b, &result, &report->passes,
                                  &(struct ts_page_sink){ bundel_page, &final });
    dl_open_tags_release(&final.open);
    arena_release(&b.arena);

    doc->meta.title = dl_strdup(doc, title);
    doc->meta.author = dl_strdup(doc, pub_publisher(m));
    char subject[160];
    char date[64];
    pub_date(date, sizeof date, m->peildatum);
    snprintf(subject, sizeof subject, "De interventies uit de GKA-agenda\xE2\x80\x99s van de Gelijke Kansen Alliantie, "
             "peildatum %s", date);
    doc->meta.subject = dl_strdup(doc, subject);
    doc->meta.keywords = dl_strdup(doc, "Gelijke Kansen Alliantie; GKA; interventies; kansengelijkheid; onderwijs");
    char name[64];
    snprintf(name, sizeof name, "interventiebundel-%d.pdf", m->jaar);
    pub_complete(ctx, name, doc, o->date, &result, report);
    /* the cache's paragraphs point at these styles: it goes first */
    ts_cache_free(cache);
    cache = NULL;
    free(fields);
    free(close_cards);
done:
    ts_result_release(&result);
    ts_cache_free(cache);
    ts_engine_free(e);
    lay_free(l);
    comp_outline_free(outline);
    return doc;
}

struct dl_document *pub_bundel_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                      struct pub_report *report)
{
    return bundel_layout(ctx, m, o, report, NULL);
}

int pub_bundel(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o)
{
    struct pub_report report;
    struct strbuf path;
    sb_init(&path);
    sb_printf(&path, "%s/interventiebundel-%d.pdf", o->out_dir, m->jaar);
    struct pub_writer *w = pub_writer_new(ctx, path.data, o->preview, pub_print(o));
    struct dl_document *doc = bundel_layout(ctx, m, o, &report, w);
    int rc = 2; /* the layout files or fonts are wrong */
    if (doc && o->print)
        for (size_t n = pub_pad_for_binding(doc, false); n > 0; n--)
            pub_writer_stream_page(w, doc, doc->npages - n);
    if (doc)
        rc = pub_writer_finish(w, doc, &report) == 0 ? 0 : 1;
    if (rc == 0 && o->report)
        *o->report = report;
    pub_writer_free(w);
    sb_release(&path);
    dl_free(doc);
    return rc;
}
