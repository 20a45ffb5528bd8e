/* rapport.c: the voortgangsrapportage: a cover, then the sections of rapport.xml in
 * reading order, each component (timeline, factors, key figures, charts, the map of
 * GKA-gemeenten, tiles, people, quotes, interviews) drawn from the data, with contents,
 * bookmarks, and a tab bar linking the lines of work on every page. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "common.h"
#include "draw.h"

static const char *const needed_styles[] = {
    "body", "intro", "lijst", "klein", "titel", "ondertitel", "h1", "h2", "h3", "kenmerk", "telling",
    "kaart-meta", "kaart-tekst", "grafiek", "grafiek-waarde", "grafiek-rechts", "inhoud-1", "inhoud-2",
    "citaat", "citaat-bron", "ondertekening", "tegel-titel", "omslag-kenmerk", "omslag-titel",
    "omslag-ondertitel", "onderschrift", NULL,
};
static const char *const needed_masters[] = { "omslag", "tekst", NULL };
static const char *const needed_colours[] = {
    "tekst", "grijs", "vlak", "wit", "donkerblauw", "hemelblauw", "link",
    "stedelijk-1", "stedelijk-2", "stedelijk-3", "stedelijk-4", "stedelijk-5", NULL,
};

struct rap {
    struct gka_ctx *ctx;
    const struct model *m;
    const struct lay_layout *l;
    struct ts_engine *e;
    struct ts_flow *f;
    const struct ts_result *prev;   /* the previous pass, for page numbers; NULL in the first */
    struct arena arena;             /* this pass's strings and figure data */
    float column;                   /* the width of a text column, pt */
    const struct dl_colour *link, *accent, *dark, *grey, *light, *white, *text;
    const struct dl_colour *klasse[5];
    struct dl_colour *thema_colours;
};

#define STYLE(r, name) lay_style((r)->l, name)

static struct ts_block *para(struct rap *r, const char *style, const char *role, const char *text)
{
    return pub_para(r->f, STYLE(r, style), role, text);
}

static const char *number(struct rap *r, long value)
{
    char buf[32];
    pub_number(buf, sizeof buf, value);
    return pub_fmt(&r->arena, "%s", buf);
}

static void figure(struct rap *r, float height, ts_draw_fn draw, const void *data, const char *alt)
{
    struct ts_block *b = ts_flow_add(r->f, TS_FIGURE);
    b->amount = height;
    b->draw = draw;
    b->draw_data = data;
    b->alt = alt;
}

static const struct dl_colour *klasse_colour(const struct rap *r, int waarde)
{
    return r->klasse[(waarde >= 1 && waarde <= 5 ? waarde : 5) - 1];
}

/* ---- series: the figures a chart shows, computed from the model ---- */

struct series {
    const char *title;
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

/* Returns NULL for an unknown gegevens (the schema admits only known ones). */
static struct series *series_of(struct rap *r, const char *gegevens)
{
    const struct model *m = r->m;
    size_t cap = m->nthemas + m->nsectoren + m->nklassen + m->nprovincies + m->njaren + 2;
    struct series *s = arena_alloc(&r->arena, sizeof *s);
    memset(s, 0, sizeof *s);
    s->labels = arena_alloc(&r->arena, cap * sizeof *s->labels);
    s->values = arena_alloc(&r->arena, cap * sizeof *s->values);
    s->colours = arena_alloc(&r->arena, cap * sizeof *s->colours);
    if (strcmp(gegevens, "thema") == 0) {
        s->title = "interventies per thema";
        for (size_t i = 0; i < m->nthemas; i++)
            if (m->themas[i].n_interventies)
                series_add(s, cap, m->themas[i].naam, m->themas[i].n_interventies, &r->thema_colours[i]);
    } else if (strcmp(gegevens, "sector") == 0) {
        s->title = "interventies per onderwijssector";
        for (size_t i = 0; i < m->nsectoren; i++)
            series_add(s, cap, m->sectoren[i].naam, m->sectoren[i].n_interventies, r->accent);
    } else if (strcmp(gegevens, "stedelijkheid") == 0) {
        s->title = "GKA-gemeenten per stedelijkheidsklasse (CBS)";
        for (size_t i = 0; i < m->nklassen; i++)
            series_add(s, cap, m->klassen[i].naam, m->klassen[i].n_agendas, klasse_colour(r, m->klassen[i].waarde));
    } else if (strcmp(gegevens, "provincie") == 0) {
        s->title = "GKA-gemeenten per provincie";
        for (size_t i = 0; i < m->nprovincies; i++)
            series_add(s, cap, m->per_provincie[i].key, m->per_provincie[i].n_agendas, r->accent);
    } else if (strcmp(gegevens, "toetreding") == 0) {
        s->title = "GKA-gemeenten per jaar van toetreding";
        for (size_t i = 0; i < m->njaren; i++)
            series_add(s, cap, pub_fmt(&r->arena, "%d", m->per_jaar[i].year), m->per_jaar[i].n_agendas, r->accent);
    } else if (strcmp(gegevens, "mbo-hbo") == 0) {
        s->title = "interventies met een link naar het mbo en het hbo";
        series_add(s, cap, "MBO", m->n_mbo, r->accent);
        series_add(s, cap, "HBO", m->n_hbo, r->dark);
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

/* ---- charts ---- */

struct chart {
    struct rap *r;
    const struct series *s;
};

enum { BAR_ROW = 20, BAR_LABEL = 118, BAR_VALUE = 40 };

/* The largest value, at least 1: the scale of a chart. */
static long series_max(const struct series *s)
{
    long max = 1;
    for (size_t i = 0; i < s->n; i++)
        max = s->values[i] > max ? s->values[i] : max;
    return max;
}

static void draw_bars(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct chart *c = data;
    struct rap *r = c->r;
    const struct series *s = c->s;
    long max = series_max(s);
    float bars = area.w - BAR_LABEL - BAR_VALUE;
    for (size_t i = 0; i < s->n; i++) {
        float y = area.y + (float)i * BAR_ROW;
        draw_text(r->e, r->ctx, doc, page, STYLE(r, "grafiek"), s->labels[i], area.x, y + 4, BAR_LABEL - 6);
        draw_rect(page, area.x + BAR_LABEL, y + 2, bars, BAR_ROW - 6, r->light);
        draw_rect(page, area.x + BAR_LABEL, y + 2, bars * (float)s->values[i] / (float)max, BAR_ROW - 6,
                  s->colours[i]);
        draw_text(r->e, r->ctx, doc, page, STYLE(r, "grafiek-waarde"), number(r, s->values[i]),
                  area.x + BAR_LABEL + bars + 5, y + 4, BAR_VALUE - 5);
    }
}

/* Bubbles whose areas are to each other as the values, in a grid, each labelled. */
static int bubble_columns(float width)
{
    int n = (int)(width / 80);
    return n < 3 ? 3 : n; /* three at least: a narrow column gets small bubbles, not a tall chart */
}

static float bubble_height(float width, size_t n)
{
    int cols = bubble_columns(width);
    float cell = width / (float)cols;
    size_t rows = (n + (size_t)cols - 1) / (size_t)cols;
    return (float)rows * (cell + 22);
}

static void draw_bubbles(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct chart *c = data;
    struct rap *r = c->r;
    const struct series *s = c->s;
    long max = series_max(s);
    int cols = bubble_columns(area.w);
    float cell = area.w / (float)cols, rmax = cell / 2 - 4;
    struct ts_style centred = *STYLE(r, "grafiek");
    centred.align = TS_CENTER;
    struct ts_style value = *STYLE(r, "grafiek-waarde");
    value.align = TS_CENTER;
    value.colour = *r->white;
    struct ts_style value_out = value;
    value_out.colour = *r->text;
    for (size_t i = 0; i < s->n; i++) {
        float x = area.x + (float)(i % (size_t)cols) * cell, y = area.y + (float)(i / (size_t)cols) * (cell + 22);
        float radius = rmax * (float)sqrt((double)s->values[i] / (double)max);
        float cx = x + cell / 2, cy = y + cell / 2;
        if (radius > 0)
            draw_circle(page, cx, cy, radius, s->colours[i], NULL, 0);
        /* the value inside the bubble when it fits, else above it */
        bool inside = radius >= 9;
        draw_text(r->e, r->ctx, doc, page, inside ? &value : &value_out, number(r, s->values[i]), x,
                  inside ? cy - 4.5f : cy - radius - 11, cell);
        draw_text(r->e, r->ctx, doc, page, &centred, s->labels[i], x + 2, y + cell + 1, cell - 4);
    }
}

static void chart(struct rap *r, const struct content *c)
{
    const char *gegevens = content_attr(c, "gegevens"), *vorm = content_attr(c, "vorm");
    struct series *s = series_of(r, gegevens ? gegevens : "");
    if (!s)
        return;
    struct chart *ch = arena_alloc(&r->arena, sizeof *ch);
    ch->r = r, ch->s = s;
    const char *titel = content_attr(c, "titel");
    if (titel)
        para(r, "h3", "P", titel);
    /* bubbles for the many thema's; every other form is drawn as bars, which show
     * each value as exactly */
    if (vorm && strcmp(vorm, "bellen") == 0)
        figure(r, bubble_height(r->column, s->n), draw_bubbles, ch, series_alt(r, s, "Bellendiagram"));
    else
        figure(r, BAR_ROW * (float)s->n + 2, draw_bars, ch, series_alt(r, s, "Staafdiagram"));
    ts_flow_add(r->f, TS_SPACE)->amount = 6;
}

/* ---- key figures as tiles ---- */

struct tiles {
    struct rap *r;
    size_t n;
    const char **labels, **values;
    float height;                   /* of each tile: room for the longest label */
};

enum { TILE_LABEL_TOP = 42, TILE_GAP = 8 };

static int tile_columns(float width)
{
    return width >= 300 ? 3 : 2;
}

static void draw_tiles(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct tiles *t = data;
    struct rap *r = t->r;
    int cols = tile_columns(area.w);
    float w = (area.w - TILE_GAP * (float)(cols - 1)) / (float)cols;
    for (size_t i = 0; i < t->n; i++) {
        float x = area.x + (float)(i % (size_t)cols) * (w + TILE_GAP);
        float y = area.y + (float)(i / (size_t)cols) * (t->height + TILE_GAP);
        draw_rect(page, x, y, w, t->height, r->light);
        draw_rect(page, x, y, 3, t->height, r->accent);
        draw_text(r->e, r->ctx, doc, page, STYLE(r, "telling"), t->values[i], x + 10, y + 6, w - 14);
        draw_text(r->e, r->ctx, doc, page, STYLE(r, "grafiek"), t->labels[i], x + 10, y + TILE_LABEL_TOP, w - 14);
    }
}

static const char *kerncijfer_value(struct rap *r, const struct content *c)
{
    for (const struct content *k = c->first_child; k; k = k->next)
        if (k->kind == C_GETAL)
            return number(r, k->value);
    const char *waarde = content_attr(c, "waarde");
    return waarde ? waarde : "";
}

static void key_figures(struct rap *r, const struct content *first)
{
    struct tiles *t = arena_alloc(&r->arena, sizeof *t);
    size_t n = 0;
    for (const struct content *c = first; c; c = c->next)
        n += c->kind == C_KERNCIJFER;
    t->r = r, t->n = 0;
    t->labels = arena_alloc(&r->arena, (n + 1) * sizeof *t->labels);
    t->values = arena_alloc(&r->arena, (n + 1) * sizeof *t->values);
    struct strbuf alt;
    sb_init(&alt);
    sb_append(&alt, "Kerncijfers:");
    for (const struct content *c = first; c; c = c->next) {
        if (c->kind != C_KERNCIJFER)
            continue;
        const char *label = content_attr(c, "label");
        t->labels[t->n] = label ? label : "";
        t->values[t->n] = kerncijfer_value(r, c);
        sb_printf(&alt, "%s %s %s", t->n ? ";" : "", t->values[t->n], t->labels[t->n]);
        t->n++;
    }
    sb_append(&alt, ".");
    int cols = tile_columns(r->column);
    float w = (r->column - TILE_GAP * (float)(cols - 1)) / (float)cols;
    float label = 0;
    for (size_t i = 0; i < t->n; i++) {
        float h = draw_text_height(r->e, r->ctx, STYLE(r, "grafiek"), t->labels[i], w - 14);
        label = h > label ? h : label;
    }
    t->height = TILE_LABEL_TOP + label + 8;
    size_t rows = (t->n + (size_t)cols - 1) / (size_t)cols;
    figure(r, (float)rows * (t->height + TILE_GAP), draw_tiles, t, pub_fmt(&r->arena, "%s", alt.data));
    sb_release(&alt);
}

/* ---- the map of GKA-gemeenten ---- */

enum { MAP_LEGEND = 62 };

struct label_box {
    float x, y, w, h;
};

static bool overlaps(const struct label_box *a, const struct label_box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

static int by_inwoners(const void *a, const void *b)
{
    const struct agenda *x = *(const struct agenda *const *)a, *y = *(const struct agenda *const *)b;
    if (x->inwoners != y->inwoners)
        return x->inwoners < y->inwoners ? 1 : -1;
    return strcmp(x->id, y->id);
}

static void draw_kaart(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    struct rap *r = (struct rap *)data;
    const struct model *m = r->m;
    float map_h = area.h - MAP_LEGEND;
    struct nl_map map = nl_map_fit((struct dl_rect){ area.x, area.y, area.w, map_h });
    draw_rect(page, area.x, area.y, area.w, map_h, r->light);

    /* every gemeente a dot in its class's colour, a link to its agenda's factsheet */
    size_t n = m->ngemeenten;
    struct label_box *dots = xcalloc(n + 1, sizeof *dots);
    for (size_t i = 0; i < n; i++) {
        const struct gemeente *g = &m->gemeenten[i];
        struct dl_point at = nl_map_point(&map, g->lat, g->lon);
        float x = at.x, y = at.y;
        dots[i] = (struct label_box){ x - 3.5f, y - 3.5f, 7, 7 };
        struct dl_item *lb = dl_push(page, DL_LINK_BEGIN);
        lb->as.link.file = dl_strdup(doc, pub_fmt(&r->arena, "factsheets/%s.pdf", g->agenda->id));
        lb->as.link.description = dl_strdup(doc, pub_fmt(&r->arena, "Factsheet van %s", g->agenda->naam));
        draw_circle(page, x, y, 3.5f, klasse_colour(r, g->stedelijkheid), r->white, 0.6f);
        dl_push(page, DL_LINK_END);
    }

    /* names of the largest, each where it collides with no dot and no other name */
    const struct agenda **order = xcalloc(m->nagendas + 1, sizeof *order);
    for (size_t i = 0; i < m->nagendas; i++)
        order[i] = &m->agendas[i];
    qsort(order, m->nagendas, sizeof *order, by_inwoners);
    struct label_box *placed = xcalloc(m->nagendas + 1, sizeof *placed);
    size_t nplaced = 0;
    const struct ts_style *st = STYLE(r, "grafiek");
    for (size_t i = 0; i < m->nagendas && nplaced < 24; i++) {
        const struct agenda *a = order[i];
        struct dl_point at = nl_map_point(&map, a->leden[0]->lat, a->leden[0]->lon);
        float x = at.x, y = at.y;
        float tw = draw_text_width(r->e, r->ctx, st, a->naam) + 2, th = st->leading;
        /* right of the dot, left, above, below; then the four corners a little further out */
        struct label_box tries[8] = { { x + 5, y - th / 2, tw, th }, { x - 5 - tw, y - th / 2, tw, th },
                                      { x - tw / 2, y - 4 - th, tw, th }, { x - tw / 2, y + 4, tw, th },
                                      { x + 4, y - 4 - th, tw, th }, { x - 4 - tw, y - 4 - th, tw, th },
                                      { x + 4, y + 4, tw, th }, { x - 4 - tw, y + 4, tw, th } };
        for (int k = 0; k < 8; k++) {
            struct label_box *b = &tries[k];
            bool free_here = b->x >= area.x && b->x + b->w <= area.x + area.w && b->y >= area.y &&
                             b->y + b->h <= area.y + map_h;
            for (size_t d = 0; free_here && d < n; d++)
                free_here = !overlaps(b, &dots[d]);
            for (size_t p = 0; free_here && p < nplaced; p++)
                free_here = !overlaps(b, &placed[p]);
            if (!free_here)
                continue;
            struct ts_style side = *st;
            side.align = k == 2 || k == 3 ? TS_CENTER : k == 1 || k == 5 || k == 7 ? TS_RIGHT : TS_LEFT;
            draw_text(r->e, r->ctx, doc, page, &side, a->naam, b->x, b->y, b->w);
            placed[nplaced++] = *b;
            break;
        }
    }
    free(placed);
    free(order);
    free(dots);

    /* the legend: the five CBS classes, with how many GKA-gemeenten each has */
    float ly = area.y + map_h + 8;
    for (size_t i = 0; i < m->nklassen; i++) {
        const struct stedelijkheidsklasse *k = &m->klassen[i];
        float lx = area.x + (float)(i % 2) * area.w / 2, row = ly + (float)(i / 2) * 14;
        draw_circle(page, lx + 4, row + 5, 3.5f, klasse_colour(r, k->waarde), r->white, 0.6f);
        draw_text(r->e, r->ctx, doc, page, st, pub_fmt(&r->arena, "%d %s (%d)", k->waarde, k->naam, k->n_agendas), lx + 12, row,
                  area.w / 2 - 14);
    }
}

static void kaart(struct rap *r, const struct content *c)
{
    const struct model *m = r->m;
    const char *titel = content_attr(c, "titel");
    if (titel)
        para(r, "h3", "P", titel);
    float map_h = nl_map_height(r->column);
    const struct ts_master *tekst = lay_master(r->l, "tekst");
    float frame_h = r->l->page_height - tekst->margin_top - tekst->margin_bottom - 40;
    if (map_h + MAP_LEGEND > frame_h)
        map_h = frame_h - MAP_LEGEND;
    struct strbuf alt;
    sb_init(&alt);
    sb_printf(&alt, "Kaart van Nederland met de %zu gemeenten van de %zu GKA-agenda's als stippen, gekleurd naar "
                    "stedelijkheid:", m->ngemeenten, m->nagendas);
    for (size_t i = 0; i < m->nklassen; i++)
        sb_printf(&alt, "%s %s %d", i ? ";" : "", m->klassen[i].naam, m->klassen[i].n_agendas);
    sb_append(&alt, ". Elke stip opent de factsheet van de gemeente.");
    figure(r, map_h + MAP_LEGEND, draw_kaart, r, pub_fmt(&r->arena, "%s", alt.data));
    sb_release(&alt);
    struct ts_block *b = para(r, "klein", "P", "Klik op een gemeente voor haar factsheet, met de link naar de "
                                                "lokale GKA-agenda. Alle interventies staan in de ");
    struct ts_link bundel = { .file = pub_fmt(&r->arena, "interventiebundel-%d.pdf", m->jaar),
                              .description = pub_fmt(&r->arena, "De interventiebundel %d", m->jaar) };
    ts_text_add(&b->text, pub_fmt(&r->arena, "interventiebundel %d", m->jaar), TS_UNDERLINE, r->link, &bundel);
    ts_text_add(&b->text, ".", 0, NULL, NULL);
}

/* ---- the timeline ---- */

struct timeline {
    struct rap *r;
    size_t n;
    const struct content **fases;
};

static void draw_timeline(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct timeline *t = data;
    struct rap *r = t->r;
    float w = (area.w - 4 * (float)(t->n - 1)) / (float)t->n;
    struct ts_style name = *STYLE(r, "grafiek-waarde"), years = *STYLE(r, "grafiek");
    name.colour = *r->white;
    years.colour = *r->white;
    for (size_t i = 0; i < t->n; i++) {
        const struct content *f = t->fases[i];
        float x = area.x + (float)i * (w + 4);
        draw_rect(page, x, area.y, w, area.h, i % 2 ? r->accent : r->dark);
        const char *naam = content_attr(f, "naam"), *van = content_attr(f, "van"), *tot = content_attr(f, "tot");
        draw_text(r->e, r->ctx, doc, page, &years, pub_fmt(&r->arena, "%s\xE2\x80\x93%s", van ? van : "", tot ? tot : ""), x + 6,
                  area.y + 6, w - 12);
        draw_text(r->e, r->ctx, doc, page, &name, naam ? naam : "", x + 6, area.y + 18, w - 12);
    }
}

static void timeline(struct rap *r, const struct content *first)
{
    struct timeline *t = arena_alloc(&r->arena, sizeof *t);
    size_t n = 0;
    for (const struct content *c = first; c; c = c->next)
        n += c->kind == C_FASE;
    t->r = r, t->n = 0;
    t->fases = arena_alloc(&r->arena, (n + 1) * sizeof *t->fases);
    struct strbuf alt;
    sb_init(&alt);
    sb_append(&alt, "Tijdlijn met de fasen van de GKA:");
    for (const struct content *c = first; c; c = c->next)
        if (c->kind == C_FASE) {
            t->fases[t->n++] = c;
            const char *naam = content_attr(c, "naam"), *van = content_attr(c, "van"), *tot = content_attr(c, "tot");
            sb_printf(&alt, " %s, %s tot %s;", naam ? naam : "", van ? van : "", tot ? tot : "");
        }
    if (t->n)
        figure(r, 52, draw_timeline, t, pub_fmt(&r->arena, "%s", alt.data));
    sb_release(&alt);
    for (size_t i = 0; i < t->n; i++) {
        const char *naam = content_attr(t->fases[i], "naam"), *van = content_attr(t->fases[i], "van"),
                   *tot = content_attr(t->fases[i], "tot");
        para(r, "h3", "P", pub_fmt(&r->arena, "%s (%s\xE2\x80\x93%s)", naam ? naam : "", van ? van : "", tot ? tot : ""));
        pub_blocks(r->f, t->fases[i]->first_child, STYLE(r, "body"), STYLE(r, "h3"), STYLE(r, "lijst"), r->link);
    }
    bool any = false;
    for (const struct content *c = first; c; c = c->next) {
        if (c->kind != C_MIJLPAAL)
            continue;
        if (!any) {
            para(r, "h3", "P", "Mijlpalen");
            ts_flow_add(r->f, TS_TAG_BEGIN)->role = "L";
            any = true;
        }
        struct ts_block *li = para(r, "lijst", "LI", NULL);
        const char *datum = content_attr(c, "datum");
        ts_text_add(&li->text, pub_fmt(&r->arena, "%s\xC2\xA0\xC2\xA0", datum ? datum : ""), TS_BOLD, NULL, NULL);
        pub_inline(&li->text, c->first_child, 0, r->link);
    }
    if (any)
        ts_flow_add(r->f, TS_TAG_END);
}

/* ---- the other components ---- */

static void factors(struct rap *r, const struct content *niveau)
{
    const char *naam = content_attr(niveau, "naam");
    para(r, "h3", "H3", naam ? naam : "");
    ts_flow_add(r->f, TS_TAG_BEGIN)->role = "L";
    for (const struct content *f = niveau->first_child; f; f = f->next) {
        if (f->kind != C_FACTOR)
            continue;
        const char *nr = content_attr(f, "nr"), *fn = content_attr(f, "naam");
        struct ts_block *li = para(r, "lijst", "LI", NULL);
        ts_text_add(&li->text, pub_fmt(&r->arena, "%s.\xC2\xA0", nr ? nr : ""), TS_BOLD, NULL, NULL);
        ts_text_add(&li->text, fn ? fn : "", 0, NULL, NULL);
        if (f->first_child) {
            ts_text_add(&li->text, ": ", 0, NULL, NULL);
            pub_inline(&li->text, f->first_child, 0, r->link);
        }
    }
    ts_flow_add(r->f, TS_TAG_END);
}

static void tile(struct rap *r, const struct content *c)
{
    const char *titel = content_attr(c, "titel"), *url = content_attr(c, "url");
    ts_flow_add(r->f, TS_GROUP_BEGIN)->role = "Sect";
    struct ts_block *rule = ts_flow_add(r->f, TS_RULE);
    rule->amount = 1.5f;
    rule->colour = r->accent;
    struct ts_block *t = para(r, "tegel-titel", "H3", NULL);
    t->loc_path = c->loc.path, t->loc_line = c->loc.line;
    if (url) {
        struct ts_link web = { .uri = url, .description = pub_fmt(&r->arena, "%s (website)", titel ? titel : url) };
        ts_text_add(&t->text, titel ? titel : url, TS_UNDERLINE, r->link, &web);
    } else {
        ts_text_add(&t->text, titel ? titel : "", 0, NULL, NULL);
    }
    pub_blocks(r->f, c->first_child, STYLE(r, "kaart-tekst"), STYLE(r, "h3"), STYLE(r, "lijst"), r->link);
    ts_flow_add(r->f, TS_SPACE)->amount = 6;
    ts_flow_add(r->f, TS_GROUP_END);
}

static const char *person_line(struct rap *r, const struct content *p)
{
    const char *naam = content_attr(p, "naam"), *functie = content_attr(p, "functie"),
               *organisatie = content_attr(p, "organisatie");
    struct strbuf sb;
    sb_init(&sb);
    sb_append(&sb, naam ? naam : "");
    if (functie)
        sb_printf(&sb, ", %s", functie);
    if (organisatie)
        sb_printf(&sb, ", %s", organisatie);
    const char *out = pub_fmt(&r->arena, "%s", sb.data);
    sb_release(&sb);
    return out;
}

static void group_of_people(struct rap *r, const struct content *g)
{
    const char *naam = content_attr(g, "naam");
    para(r, "h3", "H3", naam ? naam : "");
    ts_flow_add(r->f, TS_TAG_BEGIN)->role = "L";
    for (const struct content *p = g->first_child; p; p = p->next)
        if (p->kind == C_PERSOON)
            para(r, "lijst", "LI", person_line(r, p));
    ts_flow_add(r->f, TS_TAG_END);
}

static void quote(struct rap *r, const struct content *c)
{
    ts_flow_add(r->f, TS_GROUP_BEGIN);
    struct ts_block *q = para(r, "citaat", "BlockQuote", "\xE2\x80\x9C");
    q->loc_path = c->loc.path, q->loc_line = c->loc.line;
    pub_inline(&q->text, c->first_child, 0, r->link);
    ts_text_add(&q->text, "\xE2\x80\x9D", 0, NULL, NULL);
    const char *bron = content_attr(c, "bron"), *functie = content_attr(c, "functie");
    if (bron)
        para(r, "citaat-bron", "P", functie ? pub_fmt(&r->arena, "%s, %s", bron, functie) : bron);
    ts_flow_add(r->f, TS_GROUP_END);
}

/* ---- sections ---- */

static const char *short_title(const struct sectie *s)
{
    return s->kort ? s->kort : s->titel;
}

static void contents_entry(struct rap *r, const struct sectie *e, int level)
{
    char page[16];
    pub_page_of(r->prev, e->id, page, sizeof page);
    struct ts_block *b = para(r, level == 0 ? "inhoud-1" : "inhoud-2", "P", NULL);
    struct ts_link link = { .dest = e->id, .description = pub_fmt(&r->arena, "Naar %s, pagina %s", e->titel, page) };
    ts_text_add(&b->text, e->titel, 0, NULL, &link);
    ts_text_add(&b->text, pub_fmt(&r->arena, "\xE2\x80\x83%s", page), TS_BOLD, r->link, &link);
}

static void contents(struct rap *r, const struct sectie *self)
{
    const struct rapport *rp = &r->m->rapport;
    for (size_t i = 0; i < rp->nsecties; i++) {
        const struct sectie *s = rp->secties[i];
        if (s == self)
            continue;
        contents_entry(r, s, 0);
        /* the 2020 magazine lists its chapters' sections; the 2022 report only its topics */
        if (s->soort == S_HOOFDSTUK)
            for (size_t k = 0; k < s->nsubsecties; k++)
                contents_entry(r, s->subsecties[k], 1);
    }
}

/* A top-level section, a chapter or an interview opens a page, unless it comes straight
 * after its parent's heading (which would then stand alone on its page). */
static void section(struct rap *r, const struct sectie *s, int depth, bool after_heading)
{
    bool new_page = depth == 0 || ((s->soort == S_HOOFDSTUK || s->soort == S_INTERVIEW) && !after_heading);
    if (new_page) {
        ts_flow_add(r->f, TS_PAGE_BREAK)->master = "tekst";
        ts_flow_add(r->f, TS_MARK)->value = short_title(s);
    }
    static const char *const heading_styles[] = { "h1", "h2", "h3" };
    static const char *const heading_roles[] = { "H1", "H2", "H3" };
    int rank = depth < 2 ? depth : 2;
    /* a section that opens a page looks one size larger than its rank */
    int look = new_page && rank > 0 ? rank - 1 : rank;
    struct ts_block *h = para(r, heading_styles[look], heading_roles[rank], s->titel);
    h->dest = s->id;
    h->outline = short_title(s);
    h->outline_level = depth;
    h->loc_path = s->loc.path, h->loc_line = s->loc.line;
    if (s->soort == S_INHOUD) {
        contents(r, s);
        return;
    }

    bool tiles_done = false, timeline_done = false;
    for (const struct content *c = s->inhoud; c; c = c->next) {
        bool first = c == s->inhoud;
        if (pub_block(r->f, c, STYLE(r, "body"), STYLE(r, "h3"), STYLE(r, "lijst"), r->link))
            continue;
        switch (c->kind) {
        case C_SECTIE:
            section(r, c->sectie, depth + 1, first);
            break;
        case C_ONDERTEKENING: {
            const char *naam = content_attr(c, "naam"), *functie = content_attr(c, "functie");
            para(r, "ondertekening", "P", naam ? naam : "");
            if (functie)
                para(r, "klein", "P", functie);
            break;
        }
        case C_FASE:
        case C_MIJLPAAL:
            if (!timeline_done)
                timeline(r, c);
            timeline_done = true;
            break;
        case C_NIVEAU:
            factors(r, c);
            break;
        case C_KERNCIJFER:
            if (!tiles_done)
                key_figures(r, c);
            tiles_done = true;
            break;
        case C_GRAFIEK:
            chart(r, c);
            break;
        case C_KAART:
            kaart(r, c);
            break;
        case C_TEGEL:
            tile(r, c);
            break;
        case C_GROEP:
            group_of_people(r, c);
            break;
        case C_PERSOON:
            para(r, "kaart-meta", "P", person_line(r, c));
            break;
        case C_CITAAT:
            quote(r, c);
            break;
        case C_AFBEELDING:
            pub_image(r->f, &r->arena, c, STYLE(r, "onderschrift"), r->link);
            break;
        default:
            break;
        }
    }
}

/* The cover's background: a dark field over the upper part of the page with a band of
 * the accent colour under it; the cover's text is set on it in white. */
static void draw_cover(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    (void)doc;
    const struct rap *r = data;
    (void)area;
    float field = page->height * 0.7f;
    draw_rect(page, 0, 0, page->width, field, r->dark);
    draw_rect(page, 0, field, page->width, 6, r->accent);
}

static void cover(struct rap *r)
{
    const struct model *m = r->m;
    const struct rapport *rp = &m->rapport;
    figure(r, 0, draw_cover, r, NULL);
    para(r, "omslag-kenmerk", "P", "Gelijke Kansen Alliantie");
    struct ts_block *t = para(r, "omslag-titel", "H1", rp->titel);
    t->dest = "omslag";
    t->outline = rp->titel;
    if (rp->ondertitel)
        para(r, "omslag-ondertitel", "P", rp->ondertitel);
    para(r, "omslag-ondertitel", "P", pub_fmt(&r->arena, "%s gemeenten  \xC2\xB7  %s interventies  \xC2\xB7  peildatum %s",
                                          number(r, (long)m->nagendas), number(r, (long)m->ninterventies),
                                          m->peildatum));
    ts_flow_add(r->f, TS_SPACE)->amount = 24;
    para(r, "omslag-kenmerk", "P", rp->auteur);
}

/* ---- the tab bar of the lines of work ---- */

static const struct lijn *lijn_of(const struct sectie *s)
{
    for (; s; s = s->parent)
        if (s->lijn)
            return s->lijn;
    return NULL;
}

static void mark_pages(const struct sectie *s, const struct ts_result *res, const struct lijn **of_page)
{
    int p = ts_result_page(res, s->id);
    if (p >= 0)
        for (size_t k = (size_t)p; k < res->npages; k++)
            of_page[k] = lijn_of(s);
    for (size_t i = 0; i < s->nsubsecties; i++)
        mark_pages(s->subsecties[i], res, of_page);
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
    for (size_t i = 0; i < rp->nsecties; i++)
        mark_pages(rp->secties[i], res, of_page);
    const char **targets = xcalloc(rp->nlijnen + 1, sizeof *targets);
    for (size_t k = 0; k < rp->nlijnen; k++)
        for (size_t i = 0; i < rp->nsecties && !targets[k]; i++)
            targets[k] = first_section_of(rp->secties[i], &rp->lijnen[k]);
    struct ts_style label = *STYLE(r, "grafiek"), digit = *STYLE(r, "grafiek-waarde");
    digit.align = TS_CENTER;
    label.align = TS_RIGHT;
    const float size = 16, gap = 3, top = 16;
    for (size_t p = 0; p < res->npages && p < doc->npages; p++) {
        const struct ts_master *ms = res->pages[p].master;
        if (!ms || !ms->header)
            continue;
        struct dl_page *page = &doc->pages[p];
        float right = page->width - ms->margin_outside;
        float x0 = right - (float)rp->nlijnen * (size + gap) + gap;
        const struct lijn *current = of_page[p];
        if (current)
            draw_text(r->e, r->ctx, doc, page, &label, pub_fmt(&r->arena, "Lijn %d: %s", current->nr, current->naam),
                      ms->margin_inside, top + 4, x0 - ms->margin_inside - 8);
        for (size_t k = 0; k < rp->nlijnen; k++) {
            const struct lijn *l = &rp->lijnen[k];
            float x = x0 + (float)k * (size + gap);
            bool here = l == current;
            struct ts_style d = digit;
            d.colour = here ? *r->white : *r->dark;
            if (targets[k]) {
                struct dl_item *lb = dl_push(page, DL_LINK_BEGIN);
                lb->as.link.dest = dl_strdup(doc, targets[k]);
                lb->as.link.description = dl_strdup(doc, pub_fmt(&r->arena, "Naar lijn %d: %s", l->nr, l->naam));
            }
            draw_rect(page, x, top, size, size, here ? r->accent : r->light);
            draw_text(r->e, r->ctx, doc, page, &d, pub_fmt(&r->arena, "%d", l->nr), x, top + 4, size);
            if (targets[k])
                dl_push(page, DL_LINK_END);
        }
    }
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
    for (size_t i = 0; i < r->m->rapport.nsecties; i++)
        section(r, r->m->rapport.secties[i], 0, false);
    ts_flow_add(f, TS_TAG_END);
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
    lay_free(l);
    return l ? 0 : -1;
}

struct dl_document *pub_rapport_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                       struct pub_report *report)
{
    memset(report, 0, sizeof *report);
    struct lay_layout *l = load_layout(ctx, m, o);
    if (!l)
        return NULL;
    struct ts_engine *e = NULL;
    struct dl_document *doc = NULL;
    struct ts_cache *cache = NULL;
    struct dl_colour *colours = NULL;
    e = ts_engine_new(ctx, l->fonts_dir, l->hyphenation);
    if (!e || lay_check_fonts(ctx, l, e) != 0)
        goto done;
    cache = ts_cache_new();
    colours = xcalloc(m->nthemas + 1, sizeof *colours);
    for (size_t i = 0; i < m->nthemas; i++)
        colours[i] = pub_thema_colour(&m->themas[i]);
    const struct ts_master *tekst = lay_master(l, "tekst");
    float column = (l->page_width - tekst->margin_inside - tekst->margin_outside -
                    tekst->gutter * (float)(tekst->columns - 1)) / (float)tekst->columns;

    struct rap r = { .ctx = ctx, .m = m, .l = l, .e = e, .column = column, .link = lay_colour(l, "link"),
                     .accent = lay_colour(l, "hemelblauw"), .dark = lay_colour(l, "donkerblauw"),
                     .grey = lay_colour(l, "grijs"), .light = lay_colour(l, "vlak"), .white = lay_colour(l, "wit"),
                     .text = lay_colour(l, "tekst"), .thema_colours = colours };
    for (int k = 0; k < 5; k++) {
        char cname[16];
        snprintf(cname, sizeof cname, "stedelijk-%d", k + 1);
        r.klasse[k] = lay_colour(l, cname);
    }
    arena_init(&r.arena);
    struct ts_result result;
    doc = pub_layout_until_stable(e, ctx, cache, l, "omslag", compose_pass, &r, &result, &report->passes, NULL);
    tab_bar(&r, doc, &result);
    pub_running(e, ctx, l, doc, &result, m->rapport.titel, "Gelijke Kansen Alliantie");
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
    free(colours);
    ts_cache_free(cache);
    ts_engine_free(e);
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
    int rc = pub_write(ctx, doc, path, o->preview, o->print) == 0 ? 0 : 1;
    dl_free(doc);
    return rc;
}
