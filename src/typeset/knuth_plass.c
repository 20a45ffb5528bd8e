/* knuth_plass.c: the total-fit line breaking of Knuth and Plass ("Breaking Paragraphs
 * into Lines", 1981) over boxes, glue and penalties, as TeX does it: every feasible break
 * is weighed with the badness of the line it ends, the penalty at the break and the
 * demerits of two hyphens in a row or of lines of very different tightness, and the
 * paragraph takes the sequence of breaks with the least demerits in total. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "knuth_plass.h"

enum { FITNESS_CLASSES = 4 };

/* A place the paragraph may break at, with the best way found to get there. */
struct node {
    size_t position;        /* the item the line ends at (a glue or penalty), or 0 at the start */
    size_t line;            /* lines before this break */
    int fitness;
    double total_width, total_stretch, total_shrink; /* of the items up to here, after the break */
    double demerits;
    struct node *previous;
    struct node *next_active;
    double ratio;           /* of the line that ends here */
    int hyphens;            /* lines ending in a hyphen in a row, up to this one */
};

struct pass {
    const struct kp_item *items;
    size_t n;
    const struct kp_params *pr;
    double tolerance;
    double extra_stretch;   /* per line, in the second pass: TeX's emergency stretch */
    double max_ratio;       /* the loosest ratio within the tolerance */
    bool emergency;         /* the second pass: hyphens past the limit in a row cost demerits, and
                               breaks of last resort are taken */
    /* running totals before item i */
    double width, stretch, shrink;
    struct node *active;
    struct arena nodes;     /* every node made, freed with the pass */
};

static struct node *new_node(struct pass *ps)
{
    return arena_alloc(&ps->nodes, sizeof(struct node));
}

static double line_width(const struct kp_params *pr, size_t line)
{
    return line == 0 ? pr->first_width : pr->width;
}

static int fitness_of(double r)
{
    if (r < -0.5)
        return 0;
    if (r <= 0.5)
        return 1;
    if (r <= 1)
        return 2;
    return 3;
}

/* The totals at position b "after the break": glue and penalties that follow a break
 * vanish at the start of the next line, up to the first box (or forced break). */
static void totals_after(const struct pass *ps, size_t b, double *w, double *y, double *z)
{
    *w = ps->width, *y = ps->stretch, *z = ps->shrink;
    for (size_t i = b; i < ps->n; i++) {
        const struct kp_item *it = &ps->items[i];
        if (it->type == KP_BOX)
            break;
        if (it->type == KP_GLUE) {
            *w += it->width, *y += it->stretch, *z += it->shrink;
        } else if (it->penalty <= -KP_INFINITY && i > b) {
            break;
        }
    }
}

/* Weighs breaking at item b (a glue or penalty) from every active node. */
static void try_break(struct pass *ps, size_t b)
{
    const struct kp_item *it = &ps->items[b];
    if (it->type == KP_PENALTY && it->last_resort && !ps->emergency)
        return;
    double penalty = it->type == KP_PENALTY ? it->penalty : 0;
    double extra = it->type == KP_PENALTY ? it->width : 0;
    bool flagged = it->type == KP_PENALTY && it->flagged;
    bool forced = it->type == KP_PENALTY && penalty <= -KP_INFINITY;

    struct node *best[FITNESS_CLASSES] = { 0 };
    double best_demerits[FITNESS_CLASSES], best_ratio[FITNESS_CLASSES];
    for (int k = 0; k < FITNESS_CLASSES; k++)
        best_demerits[k] = INFINITY;
    struct node *last_dropped = NULL;
    double last_dropped_ratio = 0;

    struct node **link = &ps->active;
    while (*link) {
        struct node *a = *link;
        double w = ps->width - a->total_width + extra;
        double target = line_width(ps->pr, a->line);
        double r;
        if (w < target) {
            double y = ps->stretch - a->total_stretch + ps->extra_stretch;
            if (!forced && target - w > y * ps->max_ratio) {
                /* too loose to take (most of the active breaks, most of the time): it stays */
                link = &a->next_active;
                continue;
            }
            r = y > 0 ? (target - w) / y : INFINITY;
        } else if (w > target) {
            double z = ps->shrink - a->total_shrink;
            r = z > 0 ? (target - w) / z : -INFINITY;
        } else {
            r = 0;
        }
        if (r < -1 || forced) {
            /* the line from a would be overfull from here on, or a break is forced: a
             * stays only as a way to reach this break */
            *link = a->next_active;
            if (r < -1) {
                last_dropped = a;
                last_dropped_ratio = r;
                continue;
            }
        } else {
            link = &a->next_active;
        }
        /* TeX's badness, 100 r^3 (10000 is infinitely bad), where the line may be taken */
        double badness = r > ps->max_ratio ? INFINITY : r > 4.64 ? 10000 : 100 * fabs(r * r * r);
        /* the best way here decides how many hyphens in a row came before: an approximation,
         * as in the programs that limit them */
        int limit = ps->pr->max_hyphens_in_a_row;
        bool too_many = flagged && limit > 0 && a->hyphens >= limit;
        if (r >= -1 && badness <= ps->tolerance && (!too_many || ps->emergency)) {
            double d = ps->pr->line_penalty + badness;
            d *= d;
            if (penalty >= 0)
                d += penalty * penalty;
            else if (penalty > -KP_INFINITY)
                d -= penalty * penalty;
            const struct kp_item *prev = a->position ? &ps->items[a->position] : NULL;
            if (flagged && prev && prev->type == KP_PENALTY && prev->flagged)
                d += ps->pr->double_hyphen_demerits;
            if (too_many)
                d += 10 * ps->pr->double_hyphen_demerits * (a->hyphens - limit + 1);
            /* a paragraph whose last line is the end of a hyphenated word */
            if (forced && b == ps->n - 1 && prev && prev->type == KP_PENALTY && prev->flagged)
                d += ps->pr->final_hyphen_demerits;
            int fit = fitness_of(r);
            if (abs(fit - a->fitness) > 1)
                d += ps->pr->fitness_demerits;
            d += a->demerits;
            if (d < best_demerits[fit]) {
                best_demerits[fit] = d;
                best[fit] = a;
                best_ratio[fit] = r;
            }
        }
    }

    bool any = false;
    for (int k = 0; k < FITNESS_CLASSES; k++)
        any |= best[k] != NULL;
    if (!any && !ps->active && last_dropped && ps->tolerance >= 10000) {
        /* nothing fits and nothing is left: an overfull line rather than none */
        best[0] = last_dropped;
        best_demerits[0] = last_dropped->demerits + 1e12;
        best_ratio[0] = last_dropped_ratio;
        any = true;
    }
    if (!any)
        return;
    double w, y, z;
    totals_after(ps, b, &w, &y, &z);
    for (int k = 0; k < FITNESS_CLASSES; k++) {
        if (!best[k])
            continue;
        struct node *nd = new_node(ps);
        nd->position = b;
        nd->line = best[k]->line + 1;
        nd->fitness = k;
        nd->total_width = w, nd->total_stretch = y, nd->total_shrink = z;
        nd->demerits = best_demerits[k];
        nd->previous = best[k];
        nd->ratio = best_ratio[k];
        nd->hyphens = flagged ? best[k]->hyphens + 1 : 0;
        nd->next_active = ps->active;
        ps->active = nd;
    }
}

static void release(struct pass *ps)
{
    arena_release(&ps->nodes);
    ps->active = NULL;
}

/* The first pass (within the tolerance) or the emergency pass; the breaks in *out, or false
 * when none was found. */
static bool run_pass(const struct kp_item *items, size_t n, const struct kp_params *pr, bool emergency,
                     struct kp_breaks *out)
{
    struct pass ps = { .items = items, .n = n, .pr = pr, .tolerance = emergency ? 10000 : pr->tolerance,
                       .extra_stretch = emergency ? pr->emergency_stretch : 0,
                       .emergency = emergency };
    arena_init(&ps.nodes);
    ps.max_ratio = ps.tolerance >= 10000 ? INFINITY : cbrt(ps.tolerance / 100) * (1 + 1e-9);
    struct node *start = new_node(&ps);
    start->fitness = 1;
    ps.active = start;
    for (size_t i = 0; i < n && ps.active; i++) {
        const struct kp_item *it = &items[i];
        if (it->type == KP_BOX) {
            ps.width += it->width;
        } else if (it->type == KP_GLUE) {
            if (i > 0 && items[i - 1].type == KP_BOX)
                try_break(&ps, i);
            ps.width += it->width, ps.stretch += it->stretch, ps.shrink += it->shrink;
        } else if (it->penalty < KP_INFINITY) {
            try_break(&ps, i);
        }
    }
    /* the paragraph ends in a forced break: the best active node there */
    struct node *best = NULL;
    for (struct node *a = ps.active; a; a = a->next_active)
        if (a->position == n - 1 && (!best || a->demerits < best->demerits))
            best = a;
    bool found = best != NULL;
    if (found) {
        size_t lines = best->line;
        out->n = lines;
        out->at = xcalloc(lines + 1, sizeof *out->at);
        out->ratio = xcalloc(lines + 1, sizeof *out->ratio);
        for (struct node *nd = best; nd->previous; nd = nd->previous) {
            out->at[nd->line - 1] = nd->position;
            out->ratio[nd->line - 1] = nd->ratio;
        }
    }
    release(&ps);
    return found;
}

void kp_break(const struct kp_item *items, size_t n, const struct kp_params *pr, struct kp_breaks *out)
{
    memset(out, 0, sizeof *out);
    if (n == 0)
        return;
    /* first within the tolerance; then, like TeX's emergency pass, with extra stretch in
     * every line, so that loose lines still differ in how loose they are, and anything
     * short of an overfull line; an overfull line only where a box is wider than the line.
     * More hyphens in a row than the limit are not taken in the first, and cost much in the
     * second, where they are weighed against holes. */
    if (run_pass(items, n, pr, false, out))
        return;
    out->emergency = true;
    run_pass(items, n, pr, true, out);
}

void kp_breaks_release(struct kp_breaks *b)
{
    free(b->at);
    free(b->ratio);
    memset(b, 0, sizeof *b);
}
