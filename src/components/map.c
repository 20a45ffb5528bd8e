/* map.c: a map of the Netherlands (its outline from Natural Earth) with places as dots,
 * links to their files, the names of the most important placed where they collide with
 * nothing, and a legend. */
#include "components.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the outline file ---- */

void comp_outline_free(struct comp_outline *o)
{
    if (!o)
        return;
    for (size_t i = 0; i < o->nrings; i++)
        free(o->rings[i].pts);
    free(o->rings);
    free(o->credit);
    free(o);
}

struct comp_outline *comp_outline_load(struct gka_ctx *ctx, const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_error(ctx, path, 0, "cannot open the map's outline: %s", strerror(errno));
        return NULL;
    }
    struct comp_outline *o = xcalloc(1, sizeof *o);
    size_t rings_cap = 0, points_cap = 0;
    int problems = 0;
    char line[256];
    for (long lineno = 1; fgets(line, sizeof line, f); lineno++) {
        char code[4];
        double lon, lat;
        char extra;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        if (strncmp(line, "bron ", 5) == 0 && !o->credit) {
            o->credit = xstrdup(line + 5);
            o->credit[strcspn(o->credit, "\r\n")] = '\0';
        } else if (sscanf(line, "ring %3s %c", code, &extra) == 1) {
            xgrow(&o->rings, &rings_cap, o->nrings + 1, sizeof *o->rings);
            o->rings[o->nrings] = (struct comp_ring){ 0 };
            snprintf(o->rings[o->nrings].country, sizeof o->rings[o->nrings].country, "%s", code);
            o->nrings++;
            points_cap = 0;
        } else if (sscanf(line, "%lf %lf %c", &lon, &lat, &extra) == 2 && o->nrings && lon >= -180 && lon <= 180 &&
                   lat >= -90 && lat <= 90) {
            struct comp_ring *r = &o->rings[o->nrings - 1];
            xgrow(&r->pts, &points_cap, r->n + 1, sizeof *r->pts);
            r->pts[r->n++] = (struct comp_geo_point){ lon, lat };
        } else if (problems++ < 20) {
            diag_error(ctx, path, lineno, "expected \"ring CODE\" or a point \"longitude latitude\" after it");
        }
    }
    fclose(f);
    if (problems || o->nrings == 0) {
        if (!problems)
            diag_error(ctx, path, 0, "the map's outline holds no ring");
        comp_outline_free(o);
        return NULL;
    }
    return o;
}

/* ---- the map ---- */

struct box {
    float x, y, w, h;
};

static bool overlaps(const struct box *a, const struct box *b)
{
    return a->x < b->x + b->w && b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h;
}

/* The distance from point p to the segment from a to b. */
static float to_segment(struct dl_point p, struct dl_point a, struct dl_point b)
{
    float dx = b.x - a.x, dy = b.y - a.y, len2 = dx * dx + dy * dy;
    float t = len2 > 0 ? fmaxf(0, fminf(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2)) : 0;
    return hypotf(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/* The point of box r nearest to (x, y): where a leader from there meets a label. */
static struct dl_point nearest_point(const struct box *r, float x, float y)
{
    return (struct dl_point){ fminf(fmaxf(x, r->x), r->x + r->w), fminf(fmaxf(y, r->y), r->y + r->h) };
}

/* Whether the segment from a to b passes through box r (tried at 24 points along it). */
static bool crosses(struct dl_point a, struct dl_point b, const struct box *r)
{
    for (int i = 0; i <= 24; i++) {
        float t = (float)i / 24, px = a.x + t * (b.x - a.x), py = a.y + t * (b.y - a.y);
        if (px > r->x && px < r->x + r->w && py > r->y && py < r->y + r->h)
            return true;
    }
    return false;
}

/* Whether segments a-b and c-d cross (touching ends do not). */
static bool segments_cross(struct dl_point a, struct dl_point b, struct dl_point c, struct dl_point d)
{
    float d1 = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    float d2 = (b.x - a.x) * (d.y - a.y) - (b.y - a.y) * (d.x - a.x);
    float d3 = (d.x - c.x) * (a.y - c.y) - (d.y - c.y) * (a.x - c.x);
    float d4 = (d.x - c.x) * (b.y - c.y) - (d.y - c.y) * (b.x - c.x);
    return ((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0));
}

/* Moves dots that overlap (neighbours such as Heerlen and Kerkrade) apart until each stands
 * free, a hair's breadth between them: each a few points from its place at most. */
static void spread(const struct comp_map_place *places, struct dl_point *at, size_t n)
{
    const float gap = 0.8f;
    for (int round = 0; round < 12; round++) {
        bool moved = false;
        for (size_t i = 0; i < n; i++)
            for (size_t j = i + 1; j < n; j++) {
                float dx = at[j].x - at[i].x, dy = at[j].y - at[i].y;
                float d = sqrtf(dx * dx + dy * dy), need = places[i].radius + places[j].radius + gap;
                if (d >= need)
                    continue;
                if (d < 0.01f) /* the same place: side by side */
                    dx = 1, dy = 0, d = 1;
                float push = (need - d) / 2 + 0.01f;
                at[i].x -= dx / d * push, at[i].y -= dy / d * push;
                at[j].x += dx / d * push, at[j].y += dy / d * push;
                moved = true;
            }
        if (!moved)
            break;
    }
}

/* The finest step of an outline drawn, pt. */
static const float MAP_DETAIL = 0.35f;

/* The rings of the Netherlands (home) or of its neighbours as one path, filled and outlined. */
/* What an outline's ring is: the Netherlands, a neighbour, or a lake (code MR). */
enum ring_kind { RING_HOME, RING_NEIGHBOUR, RING_WATER };

/* The sources' line in the map's corner: 7 pt, read without a loupe and larger than a
 * print shop's least. */
static struct ts_style credit_style(const struct comp_map *m)
{
    struct ts_style small = *m->style;
    small.size = 7, small.leading = 8.5f, small.align = TS_LEFT;
    return small;
}

/* The sources' line split where it names a second source ("Land: …; Meren: …"): up to
 * two lines, in the map's corner one under the other. */
static size_t credit_lines(const char *credit, char lines[2][160])
{
    const char *split = strstr(credit, "; ");
    if (!split) {
        snprintf(lines[0], sizeof lines[0], "%s", credit);
        return 1;
    }
    snprintf(lines[0], sizeof lines[0], "%.*s", (int)(split - credit), credit);
    snprintf(lines[1], sizeof lines[1], "%s", split + 2);
    return 2;
}

/* The distances from its dot at which a large place's name is tried with a leader; of
 * them, how many a name on a plate tries first, where it hides no dot (the short ones: a
 * long leader across the country says less than a plate beside its dot over a few dots of
 * the background). */
enum { NEAR = 4, NFAR = 4, PLATE_FARS = 2 };

static enum ring_kind kind_of(const struct comp_ring *r)
{
    if (strcmp(r->country, "NL") == 0)
        return RING_HOME;
    return strcmp(r->country, "MR") == 0 ? RING_WATER : RING_NEIGHBOUR;
}

/* The rings [from, to) of one kind as one filled path. */
static void draw_ring_range(struct dl_page *page, const struct nl_map *map, const struct comp_outline *o,
                            enum ring_kind kind, size_t from, size_t to, const struct dl_colour *fill,
                            const struct dl_colour *line, float line_width)
{
    size_t nops = 0, npts = 0;
    for (size_t i = from; i < to; i++)
        if (kind_of(&o->rings[i]) == kind && o->rings[i].n >= 3)
            nops += o->rings[i].n + 1, npts += o->rings[i].n;
    if (!nops || !fill)
        return;
    uint8_t *ops = dl_page_alloc(page, nops);
    struct dl_point *pts = dl_page_alloc(page, npts * sizeof *pts);
    size_t k = 0, q = 0;
    float x0 = 1e9f, y0 = 1e9f, x1 = -1e9f, y1 = -1e9f;
    for (size_t i = from; i < to; i++) {
        const struct comp_ring *r = &o->rings[i];
        if (kind_of(r) != kind || r->n < 3)
            continue;
        for (size_t j = 0; j < r->n; j++) {
            struct dl_point p = nl_map_point(map, r->pts[j].lat, r->pts[j].lon);
            /* a point closer than a third of a point to the last one drawn adds nothing at
             * this scale (most of them, on a locator map) */
            if (j > 0 && j + 1 < r->n && fabsf(p.x - pts[q - 1].x) < MAP_DETAIL && fabsf(p.y - pts[q - 1].y) < MAP_DETAIL)
                continue;
            ops[k++] = j == 0 ? DL_MOVE : DL_LINE;
            pts[q++] = p;
            x0 = fminf(x0, p.x), y0 = fminf(y0, p.y), x1 = fmaxf(x1, p.x), y1 = fmaxf(y1, p.y);
        }
        ops[k++] = DL_CLOSE;
    }
    nops = k;
    struct dl_item *it = dl_push(page, DL_PATH);
    it->as.path = (struct dl_path){ .nops = (uint32_t)nops, .ops = ops, .pts = pts, .fill = true,
                                    .fill_colour = *fill, .stroke = line != NULL, .line_width = line_width };
    if (line)
        it->as.path.stroke_colour = *line;
    it->bbox = (struct dl_rect){ x0, y0, x1 - x0, y1 - y0 };
}

/* The rings of one kind: the land as one path, the lakes each a path of its own (filled
 * together, a viewer's rasteriser left the IJsselmeer unfilled at some resolutions). */
static void draw_rings(struct dl_page *page, const struct nl_map *map, const struct comp_outline *o, enum ring_kind kind,
                       const struct dl_colour *fill, const struct dl_colour *line, float line_width)
{
    if (kind != RING_WATER) {
        draw_ring_range(page, map, o, kind, 0, o->nrings, fill, line, line_width);
        return;
    }
    for (size_t i = 0; i < o->nrings; i++)
        draw_ring_range(page, map, o, kind, i, i + 1, fill, line, line_width);
}

float comp_map_legend_height(size_t nlegend)
{
    return nlegend ? 8 + (float)nlegend * 14 + 12 : 0;
}

void comp_map_draw(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_map *m = data;
    float map_h = area.h - comp_map_legend_height(m->nlegend);
    struct nl_map map = nl_map_fit((struct dl_rect){ area.x, area.y, area.w, map_h });
    if (m->nlegend)
        map.x0 = area.x; /* on the column's edge, as its legend under it */
    if (m->sea) { /* the map's own box: the neighbours' shapes reach its edges */
        struct dl_point nw = nl_map_point(&map, NL_MAP_NORTH, NL_MAP_WEST), se = nl_map_point(&map, NL_MAP_SOUTH, NL_MAP_EAST);
        draw_rect(page, nw.x, nw.y, se.x - nw.x, se.y - nw.y, m->sea);
    }
    if (m->shapes) {
        /* the neighbours over the Netherlands' coastline: the borders on land in their
         * grey, not the coast's blue */
        /* the coast a little heavier than the borders: the Wadden islands, small, stand out
         * from the sea by it */
        draw_rings(page, &map, m->shapes, RING_HOME, m->country, m->coast, 0.8f);
        draw_rings(page, &map, m->shapes, RING_NEIGHBOUR, m->neighbours, m->border, 0.4f);
        /* the lakes in the colour of the sea around: the IJsselmeer is water; without an
         * outline, as the lakes' own edges run through the sea (stepped, where they meet the
         * Waddenzee) */
        draw_rings(page, &map, m->shapes, RING_WATER, m->sea ? m->sea : m->neighbours, NULL, 0);
    }

    struct dl_point *at_of = xcalloc(m->nplaces + 1, sizeof *at_of);
    for (size_t i = 0; i < m->nplaces; i++)
        at_of[i] = nl_map_point(&map, m->places[i].lat, m->places[i].lon);
    spread(m->places, at_of, m->nplaces);
    struct box *dots = xcalloc(m->nplaces + 1, sizeof *dots);
    for (size_t i = 0; i < m->nplaces; i++) {
        const struct comp_map_place *p = &m->places[i];
        struct dl_point at = at_of[i];
        dots[i] = (struct box){ at.x - p->radius, at.y - p->radius, 2 * p->radius, 2 * p->radius };
        if (p->link_file) {
            struct dl_item *lb = dl_push(page, DL_LINK_BEGIN);
            lb->as.link.file = dl_strdup(doc, p->link_file);
            lb->as.link.description = dl_strdup(doc, p->link_description);
        }
        draw_circle(page, at.x, at.y, p->radius, p->fill, p->outline, p->outline_width);
        if (p->link_file)
            dl_push(page, DL_LINK_END);
    }

    /* names stay inside the map's own box (the sea's), where there is one */
    struct box frame = { area.x, area.y, area.w, map_h };
    if (m->sea) {
        struct dl_point nw = nl_map_point(&map, NL_MAP_NORTH, NL_MAP_WEST), se = nl_map_point(&map, NL_MAP_SOUTH, NL_MAP_EAST);
        frame = (struct box){ nw.x, nw.y, se.x - nw.x, se.y - nw.y };
    }
    /* the dots a label keeps clear of: all, or on plates those of the labelled places */
    bool *avoid = xcalloc(m->nplaces + 1, sizeof *avoid);
    for (size_t d = 0; d < m->nplaces; d++) {
        avoid[d] = !m->plate;
        for (size_t i = 0; i < m->nlabels && !avoid[d]; i++)
            avoid[d] = m->places[d].lat == m->labels[i].lat && m->places[d].lon == m->labels[i].lon;
    }
    struct box *placed = xcalloc(m->nlabels + 1, sizeof *placed);
    struct dl_point(*leaders)[2] = xcalloc(m->nlabels + 1, sizeof *leaders); /* drawn so far */
    size_t nplaced = 0, nleaders = 0;
    /* the sources' line over Belgium (drawn last): no name over it */
    struct dl_point south_west = nl_map_point(&map, NL_MAP_SOUTH, NL_MAP_WEST);
    struct box credit = { 0, 0, 0, 0 };
    char credit_text[2][160];
    size_t ncredit = 0;
    if (m->shapes && m->shapes->credit && !m->credit && !m->credit_elsewhere) {
        struct ts_style small = credit_style(m);
        ncredit = credit_lines(m->shapes->credit, credit_text);
        float w = 0;
        for (size_t k = 0; k < ncredit; k++)
            w = fmaxf(w, draw_text_width(m->e, m->ctx, &small, credit_text[k]));
        credit = (struct box){ south_west.x + 3, south_west.y - (float)ncredit * small.leading - 2, w,
                               (float)ncredit * small.leading };
    }
    for (size_t i = 0; i < m->nlabels && nplaced < m->max_labels; i++) {
        const struct comp_map_label *l = &m->labels[i];
        struct dl_point at = nl_map_point(&map, l->lat, l->lon);
        for (size_t d = 0; d < m->nplaces; d++) /* the dot where it was spread to */
            if (m->places[d].lat == l->lat && m->places[d].lon == l->lon)
                at = at_of[d];
        float x = at.x, y = at.y;
        float tw = draw_text_width(m->e, m->ctx, m->style, l->text) + 2, th = m->style->leading;
        /* right of the dot, left, above, below (not at a corner, where a name points at no
         * dot of its own and is read as a neighbour's); then, for the largest places (the
         * first eight labels), further away with a leader line, where the Randstad's dots
         * leave no room beside them */
        struct box tries[NEAR + 8 * NFAR] = { { x + 5, y - th / 2, tw, th }, { x - 5 - tw, y - th / 2, tw, th },
                                              { x - tw / 2, y - 4 - th, tw, th }, { x - tw / 2, y + 4, tw, th } };
        /* further out, at four distances, in the eight directions; on a locator (a plate,
         * a name or a few) nearer: its name stays by its dot */
        static const float map_fars[NFAR] = { 22, 36, 52, 70 }, plate_fars[NFAR] = { 12, 22, 36, 52 };
        const float *fars = m->plate ? plate_fars : map_fars;
        for (int f = 0; f < NFAR; f++) {
            float far = fars[f];
            struct box *t = &tries[NEAR + 8 * f];
            t[0] = (struct box){ x - far - tw, y - th / 2, tw, th }, t[1] = (struct box){ x + far, y - th / 2, tw, th };
            t[2] = (struct box){ x - far - tw, y - far - th, tw, th }, t[3] = (struct box){ x + far, y - far - th, tw, th };
            t[4] = (struct box){ x - far - tw, y + far, tw, th }, t[5] = (struct box){ x + far, y + far, tw, th };
            t[6] = (struct box){ x - tw / 2, y - far - th, tw, th }, t[7] = (struct box){ x - tw / 2, y + far, tw, th };
        }
        int ntries = i < 8 ? NEAR + 8 * NFAR : NEAR;
        /* a label is tried first where its leader crosses no other dot and it stands
         * nearer its own dot than any other (so that it is not read as that one's name);
         * then with a clear leader that alone says whose it is; then where a leader may
         * cross a dot; then anywhere free */
        bool done = false;
        int passes = i < 4 ? 4 : 3; /* anywhere free: only the four largest, never left out */
        /* on a plate, first where it hides no dot at all (beside its dot, or further off
         * with a leader), then where it hides none of the labelled places' */
        int rounds = m->plate ? 2 : 1;
        for (int attempt = 0; attempt < rounds * passes * ntries && !done; attempt++) {
            bool hides_none = m->plate && attempt < passes * ntries;
            int pass = attempt % (passes * ntries) / ntries, k = attempt % ntries;
            bool clear_leader = pass <= 1, nearest = pass <= 2, relaxed = pass == 1;
            if (relaxed && k < NEAR) /* beside its dot, nothing is relaxed */
                continue;
            /* a name on a plate that hides no dot, but only near its own: a long leader says
             * less than a plate over a few dots of the background */
            if (hides_none && k >= NEAR + 8 * PLATE_FARS)
                continue;
            /* nor where it reads as another labelled place's name (an alliance's): then
             * rather beside its own dot, over the background */
            if (hides_none && pass > 0)
                continue;

            struct box *b = &tries[k];
            /* a little in from the frame's edges: a name against one reads as cut off */
            const float margin = 3;
            bool free_here = b->x >= frame.x + margin && b->x + b->w <= frame.x + frame.w - margin &&
                             b->y >= frame.y + margin && b->y + b->h <= frame.y + frame.h - margin;
            for (size_t d = 0; free_here && d < m->nplaces; d++)
                free_here = !(avoid[d] || hides_none) || !overlaps(b, &dots[d]);
            for (size_t p = 0; free_here && p < nplaced; p++) { /* names a little apart: plates touch no letter */
                struct box apart = { placed[p].x - 1.5f, placed[p].y - 1.5f, placed[p].w + 3, placed[p].h + 3 };
                free_here = !overlaps(b, &apart);
            }
            free_here = free_here && (credit.w == 0 || !overlaps(b, &credit));
            for (size_t p = 0; free_here && p < nleaders; p++) /* over a leader drawn before */
                free_here = !crosses(leaders[p][0], leaders[p][1], b);
            /* beside its dot: no other dot nearer to the name than its own, else the name is
             * read as that one's (a leader says whose it is) */
            if (free_here && k < NEAR && nearest) {
                struct dl_point near = nearest_point(b, x, y);
                float own = hypotf(near.x - x, near.y - y);
                for (size_t d = 0; free_here && d < m->nplaces; d++) {
                    float cx = dots[d].x + dots[d].w / 2, cy = dots[d].y + dots[d].h / 2;
                    if (!avoid[d] || (fabsf(cx - x) < 0.01f && fabsf(cy - y) < 0.01f))
                        continue;
                    struct dl_point to = nearest_point(b, cx, cy);
                    free_here = hypotf(to.x - cx, to.y - cy) - dots[d].w / 2 >= own - 0.5f;
                }
            }
            if (free_here && k >= NEAR) {
                struct dl_point end = nearest_point(b, x, y);
                struct dl_point mid = { b->x + b->w / 2, b->y + b->h / 2 };
                float own = hypotf(mid.x - x, mid.y - y);
                for (size_t p = 0; free_here && p < nplaced; p++) /* nor another's name */
                    free_here = !crosses((struct dl_point){ x, y }, end, &placed[p]);
                for (size_t p = 0; free_here && p < nleaders; p++) /* nor another's leader */
                    free_here = !segments_cross((struct dl_point){ x, y }, end, leaders[p][0], leaders[p][1]);
                for (size_t d = 0; free_here && clear_leader && d < m->nplaces; d++) {
                    struct dl_point c = { dots[d].x + dots[d].w / 2, dots[d].y + dots[d].h / 2 };
                    /* on a plate the others' dots are the background: a leader may cross
                     * them, as a name may hide them (a leader that crosses none is tried first) */
                    if ((!avoid[d] && !hides_none) || (fabsf(c.x - x) < 0.01f && fabsf(c.y - y) < 0.01f))
                        continue;
                    free_here = to_segment(c, (struct dl_point){ x, y }, end) > dots[d].w / 2 + 0.5f;
                }
                for (size_t o = 0; free_here && nearest && !relaxed && o < m->nlabels && o < m->max_labels; o++) {
                    if (o == i)
                        continue;
                    struct dl_point other = nl_map_point(&map, m->labels[o].lat, m->labels[o].lon);
                    free_here = hypotf(mid.x - other.x, mid.y - other.y) >= own;
                }
            }
            if (!free_here)
                continue;
            struct ts_style side = *m->style;
            int dir = k < NEAR ? -1 : (k - NEAR) % 8; /* of the far ones: W, E, NW, NE, SW, SE, N, S */
            side.align = k == 2 || k == 3 || dir >= 6                    ? TS_CENTER
                         : k == 1 || dir == 0 || dir == 2 || dir == 4 ? TS_RIGHT
                                                                      : TS_LEFT;
            if (k >= NEAR) { /* the leader: from the dot to the label's nearest point */
                struct dl_point end = nearest_point(b, x, y);
                float lx = end.x, ly = end.y;
                uint8_t *ops = dl_page_alloc(page, 2);
                struct dl_point *pts = dl_page_alloc(page, 2 * sizeof *pts);
                ops[0] = DL_MOVE, ops[1] = DL_LINE;
                pts[0] = (struct dl_point){ x, y }, pts[1] = end;
                leaders[nleaders][0] = pts[0], leaders[nleaders][1] = pts[1];
                nleaders++;
                struct dl_item *it = dl_push(page, DL_PATH);
                it->as.path = (struct dl_path){ .nops = 2, .ops = ops, .pts = pts, .stroke = true,
                                                .stroke_colour = m->style->colour, .line_width = 0.4f };
                it->bbox = (struct dl_rect){ fminf(x, lx), fminf(y, ly), fabsf(lx - x), fabsf(ly - y) };
            }
            if (m->plate)
                draw_rect(page, b->x - 1, b->y, b->w + 2, b->h, m->plate);
            draw_text(m->e, m->ctx, doc, page, &side, l->text, b->x, b->y, b->w);
            placed[nplaced++] = *b;
            done = true;
        }
    }
    free(placed);
    free(avoid);
    free(leaders);
    free(dots);
    free(at_of);
    if (m->shapes && m->shapes->credit && !m->credit_elsewhere) { /* in the map's lower left corner, or under it */
        struct dl_point sw = nl_map_point(&map, NL_MAP_SOUTH, NL_MAP_WEST), se = nl_map_point(&map, NL_MAP_SOUTH, NL_MAP_EAST);
        if (m->credit) { /* a style of its own is larger: under the map, clear of its dots */
            struct ts_style under = *m->credit;
            under.align = TS_RIGHT;
            draw_text(m->e, m->ctx, doc, page, &under, m->shapes->credit, se.x - 200, se.y + 4, 197);
        } else { /* over Belgium, where no GKA-gemeente is (Limburg, in the right corner, has
                  * them) */
            struct ts_style small = credit_style(m);
            for (size_t k = 0; k < ncredit; k++)
                draw_text(m->e, m->ctx, doc, page, &small, credit_text[k], credit.x,
                          credit.y + (float)k * small.leading, se.x - sw.x - 6);
        }
    }

    comp_map_legend_draw(m, doc, page, (struct dl_rect){ area.x, area.y + map_h, area.w, area.h - map_h });
}

void comp_map_legend_draw(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_map *m = data;
    /* one entry a row: its name, and what it means (a class's threshold) in a column of its
     * own, from the middle or clear of the longest name, and moved left where the longest
     * meaning would run past the edge (as far as the names leave room) */
    float names = 0, notes = 0;
    for (size_t i = 0; i < m->nlegend; i++) {
        names = fmaxf(names, draw_text_width(m->e, m->ctx, m->style, m->legend[i].text));
        if (m->legend[i].note)
            notes = fmaxf(notes, draw_text_width(m->e, m->ctx, m->style, m->legend[i].note));
    }
    float name_end = 12 + names + 8, note_x = fmaxf(area.w * 0.45f, name_end);
    if (note_x + notes > area.w)
        note_x = fmaxf(area.w - notes, name_end);
    float ly = area.y + 8;
    for (size_t i = 0; i < m->nlegend; i++) {
        float row = ly + (float)i * 14;
        draw_circle(page, area.x + 4, row + 5, 3.5f, m->legend[i].colour, m->outline, 0.6f);
        draw_text(m->e, m->ctx, doc, page, m->style, m->legend[i].text, area.x + 12, row, note_x - 12);
        if (m->legend[i].note)
            draw_text(m->e, m->ctx, doc, page, m->style, m->legend[i].note, area.x + note_x, row, area.w - note_x);
    }
}
