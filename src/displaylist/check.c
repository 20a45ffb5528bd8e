/* check.c: the display list's invariants, checked after layout in tests and debug
 * runs, and a stable text dump for tests. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dl.h"

static float luminance(const struct dl_colour *c)
{
    float l[3];
    for (int i = 0; i < 3; i++) {
        float v = c->rgb[i];
        l[i] = v <= 0.03928f ? v / 12.92f : powf((v + 0.055f) / 1.055f, 2.4f);
    }
    return 0.2126f * l[0] + 0.7152f * l[1] + 0.0722f * l[2];
}

float dl_contrast(const struct dl_colour *a, const struct dl_colour *b)
{
    float la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05f) / (lb + 0.05f) : (lb + 0.05f) / (la + 0.05f);
}

/* A CMYK colour as a viewer without a colour profile shows it (poppler's DeviceCMYK): the
 * print edition's fields must hold their contrast there too. */
static struct dl_colour cmyk_as_rgb(const struct dl_colour *c)
{
    struct dl_colour shown = *c;
    for (int k = 0; k < 3; k++)
        shown.rgb[k] = (1.0f - c->cmyk[k]) * (1.0f - c->cmyk[3]);
    return shown;
}

struct dl_colour dl_darkened(struct dl_colour colour, const struct dl_colour *against, float need)
{
    struct dl_colour c = colour;
    for (int step = 1; step <= 20 && dl_contrast(&c, against) < need; step++) {
        float keep = 1.0f - 0.05f * (float)step;
        for (int k = 0; k < 3; k++)
            c.rgb[k] = colour.rgb[k] * keep;
        c.cmyk[3] = 1.0f - (1.0f - colour.cmyk[3]) * keep;
    }
    /* the inks on their own, as far again as they need (more black) */
    if (c.has_cmyk && against->has_cmyk) {
        struct dl_colour paper = cmyk_as_rgb(against);
        float black = c.cmyk[3];
        for (int step = 1; step <= 20; step++) {
            struct dl_colour shown = cmyk_as_rgb(&c);
            if (dl_contrast(&shown, &paper) >= need)
                break;
            c.cmyk[3] = 1.0f - (1.0f - black) * (1.0f - 0.05f * (float)step);
        }
    }
    return c;
}

struct dl_colour dl_lightened(struct dl_colour colour, float amount)
{
    for (int k = 0; k < 3; k++)
        colour.rgb[k] += (1.0f - colour.rgb[k]) * amount;
    for (int k = 0; k < 4; k++)
        colour.cmyk[k] *= 1.0f - amount;
    return colour;
}

struct dl_colour dl_mixed(struct dl_colour a, const struct dl_colour *b, float amount)
{
    for (int k = 0; k < 3; k++)
        a.rgb[k] += (b->rgb[k] - a.rgb[k]) * amount;
    for (int k = 0; k < 4; k++)
        a.cmyk[k] += (b->cmyk[k] - a.cmyk[k]) * amount;
    a.has_cmyk = a.has_cmyk && b->has_cmyk;
    return a;
}

float dl_cmyk_ink(const struct dl_colour *c)
{
    return c->cmyk[0] + c->cmyk[1] + c->cmyk[2] + c->cmyk[3];
}

static bool covers(const struct dl_rect *r, float x, float y)
{
    return x >= r->x && x <= r->x + r->w && y >= r->y && y <= r->y + r->h;
}

/* The fill under the middle of item i: the last filled path drawn before it that covers
 * that point (white paper where none does); NULL over an image, which is not judged. */
static const struct dl_colour *fill_under(const struct dl_page *page, size_t i)
{
    static const struct dl_colour paper = { .rgb = { 1, 1, 1 } };
    const struct dl_rect *r = &page->items[i].bbox;
    float x = r->x + r->w / 2, y = r->y + r->h / 2;
    for (size_t k = i; k-- > 0;) {
        const struct dl_item *b = &page->items[k];
        if (b->kind == DL_IMAGE && covers(&b->bbox, x, y))
            return NULL;
        if (b->kind == DL_PATH && b->as.path.fill && covers(&b->bbox, x, y))
            return &b->as.path.fill_colour;
    }
    return &paper;
}

int dl_check_contrast(const struct dl_page *page, size_t index, FILE *out)
{
    int problems = 0;
    for (size_t i = 0; i < page->nitems; i++) {
        const struct dl_item *it = &page->items[i];
        bool text = it->kind == DL_GLYPHS && it->bbox.w > 0;
        bool shape = it->kind == DL_PATH && it->as.path.mark && it->as.path.fill && it->bbox.w > 0 && it->bbox.h > 0;
        if (!text && !shape)
            continue;
        const struct dl_colour *under = fill_under(page, i);
        if (!under)
            continue;
        float need, ratio;
        if (text) {
            need = it->as.glyphs.size >= 18 ? 3.0f : 4.5f;
            ratio = dl_contrast(&it->as.glyphs.fill, under);
        } else {
            /* a bar or a dot of a chart or a map: its fill or its outline tells it apart */
            need = 3.0f;
            ratio = dl_contrast(&it->as.path.fill_colour, under);
            if (it->as.path.stroke && it->as.path.line_width >= 0.5f)
                ratio = fmaxf(ratio, dl_contrast(&it->as.path.stroke_colour, under));
        }
        if (ratio + 0.005f < need) {
            problems++;
            if (!out)
                continue;
            if (text)
                fprintf(out, "page %zu: text \"%.*s\" stands out %.2f:1 from what is under it, less than %.1f:1\n",
                        index + 1, (int)(it->as.glyphs.utf8_len > 40 ? 40 : it->as.glyphs.utf8_len),
                        it->as.glyphs.utf8, ratio, need);
            else
                fprintf(out, "page %zu: a mark (a bar, a dot) at %.0f,%.0f stands out %.2f:1 from what is under "
                        "it, less than 3:1\n", index + 1, it->bbox.x, it->bbox.y, ratio);
        }
    }
    return problems;
}

static int compare_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The names of all destinations, sorted, so that each link is checked in log time. */
static const char **collect_dests(const struct dl_document *doc, size_t *n)
{
    const char **names = NULL;
    size_t cap = 0;
    *n = 0;
    for (size_t p = 0; p < doc->npages; p++)
        for (size_t i = 0; i < doc->pages[p].nitems; i++) {
            const struct dl_item *it = &doc->pages[p].items[i];
            if (it->kind != DL_DEST)
                continue;
            xgrow(&names, &cap, *n + 1, sizeof *names);
            names[(*n)++] = it->as.dest.name;
        }
    if (*n)
        qsort(names, *n, sizeof *names, compare_str);
    return names;
}

static bool dest_defined(const char **names, size_t n, const char *name)
{
    return n && bsearch(&name, names, n, sizeof *names, compare_str) != NULL;
}

int dl_check_drawing(const struct dl_page *page, size_t index, FILE *out)
{
    int problems = 0;
    for (size_t i = 0; i < page->nitems; i++) {
        const struct dl_item *it = &page->items[i];
        const struct dl_rect *b = &it->bbox;
        if (it->kind == DL_GLYPHS && (b->x < -0.5f || b->y < -0.5f || b->x + b->w > page->width + 0.5f ||
                                      b->y + b->h > page->height + 0.5f)) {
            problems++;
            if (out)
                fprintf(out, "page %zu item %zu: text \"%.*s\" outside the page\n", index + 1, i,
                        (int)it->as.glyphs.utf8_len, it->as.glyphs.utf8);
        }
    }
    return problems;
}

int dl_check(const struct dl_document *doc, FILE *out)
{
    int problems = 0;
    size_t ndests;
    const char **dests = collect_dests(doc, &ndests);
#define PROBLEM(...)                                \
    do {                                            \
        problems++;                                 \
        if (out)                                    \
            fprintf(out, __VA_ARGS__);              \
    } while (0)
    int tags = 0; /* structure tags may span pages: balanced over the document */
    for (size_t p = 0; p < doc->npages; p++) {
        const struct dl_page *page = &doc->pages[p];
        int links = 0;
        for (size_t i = 0; i < page->nitems; i++) {
            const struct dl_item *it = &page->items[i];
            switch (it->kind) {
            case DL_TAG_BEGIN: tags++; break;
            case DL_TAG_END:
                if (--tags < 0)
                    PROBLEM("page %zu item %zu: a tag ends that never began\n", p + 1, i);
                break;
            case DL_LINK_BEGIN:
                if (links++)
                    PROBLEM("page %zu item %zu: a link inside a link\n", p + 1, i);
                if (it->as.link.dest && !dest_defined(dests, ndests, it->as.link.dest))
                    PROBLEM("page %zu item %zu: link to undefined destination \"%s\"\n", p + 1, i,
                            it->as.link.dest);
                if (!it->as.link.uri && !it->as.link.dest && !it->as.link.file)
                    PROBLEM("page %zu item %zu: a link that goes nowhere\n", p + 1, i);
                break;
            case DL_LINK_END:
                if (--links < 0)
                    PROBLEM("page %zu item %zu: a link ends that never began\n", p + 1, i);
                break;
            default: break;
            }
        }
        if (links)
            PROBLEM("page %zu: %d link(s) not closed\n", p + 1, links);
        problems += dl_check_drawing(page, p, out);
    }
    if (tags)
        PROBLEM("%d structure tag(s) not closed\n", tags);
    for (size_t i = 0; i < doc->noutline; i++)
        if (!dest_defined(dests, ndests, doc->outline[i].dest))
            PROBLEM("outline entry \"%s\": undefined destination \"%s\"\n", doc->outline[i].title,
                    doc->outline[i].dest);
#undef PROBLEM
    free(dests);
    return problems;
}

void dl_structure_check_init(struct dl_structure_check *c)
{
    memset(c, 0, sizeof *c);
}

/* What a problem's message says of a drawn item. */
static void describe(const struct dl_item *it, FILE *out)
{
    if (it->kind == DL_GLYPHS)
        fprintf(out, "text \"%.*s\"", (int)(it->as.glyphs.utf8_len > 40 ? 40 : it->as.glyphs.utf8_len),
                it->as.glyphs.utf8);
    else
        fprintf(out, "%s at %.0f,%.0f (%.0f x %.0f)", it->kind == DL_PATH ? "a path" : "an image", it->bbox.x,
                it->bbox.y, it->bbox.w, it->bbox.h);
}

int dl_structure_check_page(struct dl_structure_check *c, const struct dl_page *page, size_t index, FILE *out)
{
    int problems = 0;
    int artifact_depth = 0; /* the depth at which an Artifact opened on this page, 0 for none */
    for (size_t i = 0; i < page->nitems; i++) {
        const struct dl_item *it = &page->items[i];
        bool inside = c->depth > 0 && c->overflow == 0;
        switch (it->kind) {
        case DL_GLYPHS:
        case DL_PATH:
        case DL_IMAGE:
            if (c->depth == 0 || (inside && c->open[c->depth - 1].has_child)) {
                problems++;
                if (out) {
                    fprintf(out, "page %zu: ", index + 1);
                    describe(it, out);
                    if (c->depth == 0)
                        fprintf(out, " is drawn outside any structure element or Artifact\n");
                    else
                        fprintf(out, " is drawn in a %s beside its child elements, where no reader finds it\n",
                                c->open[c->depth - 1].role);
                }
            }
            if (inside)
                c->open[c->depth - 1].drew = true;
            break;
        case DL_TAG_BEGIN:
        case DL_LINK_BEGIN: {
            const char *role = it->kind == DL_LINK_BEGIN ? "Link" : it->as.tag.role;
            if (inside) {
                struct dl_open_element *parent = &c->open[c->depth - 1];
                /* content drawn before the first child: said once, at that child */
                if ((parent->drew && !parent->has_child) || parent->artifact) {
                    problems++;
                    if (out)
                        fprintf(out, "page %zu: a %s begins inside a %s that %s\n", index + 1, role, parent->role,
                                parent->artifact ? "is an Artifact" : "has drawn content of its own");
                }
                parent->has_child = true;
            }
            if (c->depth < (int)(sizeof c->open / sizeof c->open[0])) {
                bool artifact = it->kind == DL_TAG_BEGIN && dl_is_artifact(&it->as.tag);
                c->open[c->depth] = (struct dl_open_element){ .role = role, .artifact = artifact };
                if (artifact && !artifact_depth)
                    artifact_depth = c->depth + 1;
            } else {
                c->overflow++;
            }
            c->depth++;
            break;
        }
        case DL_TAG_END:
        case DL_LINK_END:
            if (c->depth == 0)
                break; /* dl_check reports it */
            if (c->overflow)
                c->overflow--;
            else if (c->open[c->depth - 1].artifact)
                artifact_depth = 0;
            c->depth--;
            break;
        case DL_DEST: break;
        }
    }
    if (artifact_depth) {
        problems++;
        if (out)
            fprintf(out, "page %zu: an Artifact does not end on the page it begins on\n", index + 1);
    }
    return problems;
}

int dl_structure_check_end(const struct dl_structure_check *c, FILE *out)
{
    if (c->depth && out)
        fprintf(out, "%d structure element(s) not closed at the document's end\n", c->depth);
    return c->depth;
}

void dl_dump(const struct dl_document *doc, FILE *out)
{
    for (size_t p = 0; p < doc->npages; p++) {
        const struct dl_page *page = &doc->pages[p];
        fprintf(out, "page %zu %.1fx%.1f label=%s\n", p + 1, page->width, page->height,
                page->label ? page->label : "-");
        for (size_t i = 0; i < page->nitems; i++) {
            const struct dl_item *it = &page->items[i];
            const struct dl_rect *b = &it->bbox;
            switch (it->kind) {
            case DL_GLYPHS:
                fprintf(out, "  text %.1f %.1f %.1f %.1f size=%.1f \"%.*s\"\n", b->x, b->y, b->w, b->h,
                        it->as.glyphs.size, (int)it->as.glyphs.utf8_len, it->as.glyphs.utf8);
                break;
            case DL_PATH:
                fprintf(out, "  path %.1f %.1f %.1f %.1f\n", b->x, b->y, b->w, b->h);
                break;
            case DL_IMAGE:
                fprintf(out, "  image %.1f %.1f %.1f %.1f %s\n", b->x, b->y, b->w, b->h, it->as.image.path);
                break;
            case DL_LINK_BEGIN:
                fprintf(out, "  link uri=%s dest=%s file=%s\n", it->as.link.uri ? it->as.link.uri : "-",
                        it->as.link.dest ? it->as.link.dest : "-", it->as.link.file ? it->as.link.file : "-");
                break;
            case DL_LINK_END: fprintf(out, "  /link\n"); break;
            case DL_DEST: fprintf(out, "  dest %s\n", it->as.dest.name); break;
            case DL_TAG_BEGIN: fprintf(out, "  <%s>\n", it->as.tag.role); break;
            case DL_TAG_END: fprintf(out, "  </>\n"); break;
            }
        }
    }
}
