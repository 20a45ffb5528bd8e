/* test_knuth_plass.c: the line breaker on paragraphs of made-up widths: every line
 * justified within its glue, total fit better than first fit, hyphens and forced breaks
 * where they should be, and a box wider than the line handled without a crash. */
#include <math.h>
#include <stdlib.h>

#include "harness.h"
#include "knuth_plass.h"

struct para {
    struct kp_item items[512];
    size_t n;
};

static void box(struct para *p, double w)
{
    p->items[p->n++] = (struct kp_item){ .type = KP_BOX, .width = w };
}

static void space(struct para *p)
{
    p->items[p->n++] = (struct kp_item){ .type = KP_GLUE, .width = 3, .stretch = 1.5, .shrink = 1 };
}

static void hyphen(struct para *p)
{
    p->items[p->n++] = (struct kp_item){ .type = KP_PENALTY, .width = 2, .penalty = 50, .flagged = true };
}

static void end(struct para *p)
{
    p->items[p->n++] = (struct kp_item){ .type = KP_PENALTY, .penalty = KP_INFINITY };
    p->items[p->n++] = (struct kp_item){ .type = KP_GLUE, .stretch = 1e6 };
    p->items[p->n++] = (struct kp_item){ .type = KP_PENALTY, .penalty = -KP_INFINITY };
}

static const struct kp_params params = { .width = 100, .first_width = 100, .tolerance = 200, .line_penalty = 10,
                                         .double_hyphen_demerits = 3000, .fitness_demerits = 100 };

/* The natural width, stretch and shrink of the line of items (from, to]: glue at its
 * start and the break itself left out, a penalty's width counted at the break. */
static void measure(const struct para *p, size_t from, size_t to, double *w, double *y, double *z)
{
    *w = *y = *z = 0;
    size_t i = from;
    while (i < to && p->items[i].type != KP_BOX)
        i++;
    for (; i < to; i++) {
        const struct kp_item *it = &p->items[i];
        if (it->type == KP_BOX)
            *w += it->width;
        else if (it->type == KP_GLUE)
            *w += it->width, *y += it->stretch, *z += it->shrink;
    }
    if (p->items[to].type == KP_PENALTY)
        *w += p->items[to].width;
}

/* Every line but the last set at its ratio fills the width exactly, within [-1, tolerance]. */
static void check_lines_fill(const struct para *p, const struct kp_breaks *b)
{
    size_t from = 0;
    for (size_t k = 0; k < b->n; k++) {
        double w, y, z;
        measure(p, from, b->at[k], &w, &y, &z);
        double r = b->ratio[k];
        CHECK(r >= -1);
        if (k + 1 < b->n) {
            double set = w + (r > 0 ? r * y : r * z);
            CHECK(fabs(set - params.width) < 1e-6);
        }
        from = b->at[k] + 1;
    }
}

/* The most lines in a row that end in a hyphen. */
static int most_hyphens_in_a_row(const struct para *p, const struct kp_breaks *b)
{
    int most = 0, run = 0;
    for (size_t k = 0; k + 1 < b->n; k++) {
        const struct kp_item *it = &p->items[b->at[k]];
        run = it->type == KP_PENALTY && it->flagged ? run + 1 : 0;
        most = run > most ? run : most;
    }
    return most;
}

int main(void)
{
    /* words of 5 to 15 units, some eight to a line: the lines fill the width */
    struct para p = { .n = 0 };
    srand(7);
    for (int i = 0; i < 60; i++) {
        if (i)
            space(&p);
        box(&p, 5 + rand() % 11);
    }
    end(&p);
    struct kp_breaks b;
    kp_break(p.items, p.n, &params, &b);
    CHECK(b.n >= 6);
    CHECK(!b.emergency);
    CHECK_EQ_LONG(b.at[b.n - 1], p.n - 1);
    check_lines_fill(&p, &b);

    /* total fit: the worst line is no worse than first fit's worst */
    double worst_kp = 0;
    for (size_t k = 0; k + 1 < b.n; k++)
        worst_kp = fmax(worst_kp, fabs(b.ratio[k]));
    double worst_greedy = 0, w = 0;
    int spaces = 0;
    for (size_t i = 0; i < p.n; i++) {
        const struct kp_item *it = &p.items[i];
        if (it->type != KP_BOX)
            continue;
        if (w > 0 && w + 3 + it->width > params.width) {
            worst_greedy = fmax(worst_greedy, spaces ? (params.width - w) / (1.5 * spaces) : 0);
            w = it->width, spaces = 0;
        } else if (w > 0) {
            w += 3 + it->width, spaces++;
        } else {
            w = it->width;
        }
    }
    CHECK(worst_kp <= worst_greedy + 1e-9);
    kp_breaks_release(&b);

    /* a hyphen is taken where it makes the lines better, and is in the line's width */
    struct para h = { .n = 0 };
    box(&h, 30), space(&h), box(&h, 30), space(&h), box(&h, 30), hyphen(&h), box(&h, 30), space(&h), box(&h, 40);
    end(&h);
    kp_break(h.items, h.n, &params, &b);
    CHECK_EQ_LONG(b.n, 2);
    CHECK(b.n >= 1 && h.items[b.at[0]].type == KP_PENALTY && h.items[b.at[0]].flagged);
    check_lines_fill(&h, &b);
    kp_breaks_release(&b);

    /* words, some with a place to hyphenate: a paragraph whose best breaks end three lines
     * in a row in a hyphen (found among made-up ones); with a limit of two in a row the
     * first pass takes other breaks, and the lines still fill the width */
    struct para r = { .n = 0 };
    int most = 0;
    for (unsigned seed = 1; seed < 3000 && most <= 2; seed++) {
        srand(seed);
        r.n = 0;
        for (int i = 0; i < 60; i++) {
            if (i)
                space(&r);
            box(&r, 4 + rand() % 8);
            if (rand() % 2)
                hyphen(&r), box(&r, 4 + rand() % 8);
        }
        end(&r);
        kp_break(r.items, r.n, &params, &b);
        most = most_hyphens_in_a_row(&r, &b);
        kp_breaks_release(&b);
    }
    CHECK(most > 2);
    struct kp_params limited = params;
    limited.max_hyphens_in_a_row = 2;
    kp_break(r.items, r.n, &limited, &b);
    CHECK(!b.emergency);
    CHECK(most_hyphens_in_a_row(&r, &b) <= 2);
    check_lines_fill(&r, &b);
    kp_breaks_release(&b);

    /* a forced break in the middle ends a line there */
    struct para f = { .n = 0 };
    box(&f, 20), space(&f), box(&f, 20);
    end(&f);
    box(&f, 20);
    end(&f);
    kp_break(f.items, f.n, &params, &b);
    CHECK_EQ_LONG(b.n, 2);
    CHECK_EQ_LONG(b.at[0], 5);
    kp_breaks_release(&b);

    /* a box wider than the line: found all the same, in the emergency pass */
    struct para o = { .n = 0 };
    box(&o, 20), space(&o), box(&o, 150), space(&o), box(&o, 20);
    end(&o);
    kp_break(o.items, o.n, &params, &b);
    CHECK(b.emergency);
    CHECK(b.n >= 2);
    kp_breaks_release(&b);
    return harness_summary();
}
