/* test_rapport.c: lays out the voortgangsrapportage of a year (argv[1]) and checks what a
 * reader gets: no text outside its frame, no heading at a frame's end, a consistent
 * display list, every internal link (contents, tab bar, text) landing on the page that
 * shows the section it names, every file link naming a factsheet or the bundel of the
 * year, the figures of every chart equal to the model's, and no two pieces of text on a
 * page drawn over each other. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "dl.h"
#include "gka.h"
#include "harness.h"
#include "layouts.h"
#include "pages.h"
#include "model.h"
#include "pub.h"
#include "xmlio.h"

static const struct sectie *find_section(const struct sectie *s, const char *id)
{
    if (strcmp(s->id, id) == 0)
        return s;
    for (size_t i = 0; i < s->nsubsecties; i++) {
        const struct sectie *hit = find_section(s->subsecties[i], id);
        if (hit)
            return hit;
    }
    return NULL;
}

static const struct sectie *section(const struct model *m, const char *id)
{
    for (size_t i = 0; i < m->rapport.nsecties; i++) {
        const struct sectie *hit = find_section(m->rapport.secties[i], id);
        if (hit)
            return hit;
    }
    return NULL;
}

/* Text drawn over other text: two glyph runs whose boxes share more than a sliver. */
static int overlapping_runs(const struct dl_page *p)
{
    int n = 0;
    for (size_t i = 0; i < p->nitems; i++) {
        const struct dl_item *a = &p->items[i];
        if (a->kind != DL_GLYPHS)
            continue;
        for (size_t k = i + 1; k < p->nitems; k++) {
            const struct dl_item *b = &p->items[k];
            if (b->kind != DL_GLYPHS)
                continue;
            float w = fminf(a->bbox.x + a->bbox.w, b->bbox.x + b->bbox.w) - fmaxf(a->bbox.x, b->bbox.x);
            float h = fminf(a->bbox.y + a->bbox.h, b->bbox.y + b->bbox.h) - fmaxf(a->bbox.y, b->bbox.y);
            if (w > 1.0f && h > 1.5f) {
                fprintf(stderr, "  \"%.*s\" overlaps \"%.*s\"\n", (int)a->as.glyphs.utf8_len, a->as.glyphs.utf8,
                        (int)b->as.glyphs.utf8_len, b->as.glyphs.utf8);
                n++;
            }
        }
    }
    return n;
}

static long elements_named(xmlNodePtr n, const char *name)
{
    long count = 0;
    for (; n; n = n->next)
        if (n->type == XML_ELEMENT_NODE)
            count += (strcmp((const char *)n->name, name) == 0) + elements_named(n->children, name);
    return count;
}

/* The <factor> elements of the year's rapport.xml, read apart from the model. */
static long factor_elements(struct gka_ctx *ctx, const char *data_dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/rapport.xml", data_dir);
    xmlDocPtr x = xmlio_parse(ctx, path);
    long n = x ? elements_named(xmlDocGetRootElement(x), "factor") : -1;
    xmlFreeDoc(x);
    return n;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_rapport DATA_DIR LAYOUTS_DIR\n");
        return 2;
    }
    struct gka_ctx ctx;
    struct model *m = load_year(&ctx, argv[1]);
    CHECK(m != NULL);
    if (!m)
        return harness_summary();
    /* a layout's change to a house style's style reaches the styles based on it */
    struct lay_layout *layout = lay_load(&ctx, argv[2], "voortgangsrapportage");
    CHECK(layout != NULL);
    if (layout) {
        const struct ts_style *body = lay_style(layout, "body"), *lijst = lay_style(layout, "lijst");
        CHECK(body && lijst && body->size == lijst->size && body->leading == lijst->leading);
        lay_free(layout);
    }
    struct pub_options o = { .layouts_dir = argv[2], .date = 0 };
    struct pub_report r;
    struct dl_document *doc = pub_rapport_layout(&ctx, m, &o, &r);
    CHECK(doc != NULL);
    diag_print(&ctx, stderr);
    CHECK_EQ_LONG(ctx.nerrors, 0);
    if (doc) {
        printf("%d pages in %d passes\n", r.pages, r.passes);
        CHECK(r.pages >= 2); /* a cover and its content */
        CHECK(r.passes < 6);
        CHECK_EQ_LONG(r.text_outside_frame, 0);
        CHECK_EQ_LONG(r.headings_at_frame_end, 0);
        CHECK_EQ_LONG(r.dl_problems, 0);
        for (size_t p = 0; p < doc->npages; p++)
            dl_check_contrast(&doc->pages[p], p, stderr);
        CHECK_EQ_LONG(r.low_contrast, 0);
        /* the map shows the Netherlands: its outline (Natural Earth 1:10m, 790 points) */
        size_t outline_points = 0;
        for (size_t p = 0; p < doc->npages; p++)
            for (size_t i = 0; i < doc->pages[p].nitems; i++)
                if (doc->pages[p].items[i].kind == DL_PATH && doc->pages[p].items[i].as.path.nops > outline_points)
                    outline_points = doc->pages[p].items[i].as.path.nops;
        CHECK(strstr(argv[1], "mini") || outline_points > 700);

        char **texts = xcalloc(doc->npages, sizeof *texts);
        int overlaps = 0;
        for (size_t p = 0; p < doc->npages; p++) {
            texts[p] = page_text(&doc->pages[p]);
            int n = overlapping_runs(&doc->pages[p]);
            if (n)
                fprintf(stderr, "page %zu: %d overlapping pieces of text\n", p + 1, n);
            overlaps += n;
        }
        CHECK_EQ_LONG(overlaps, 0);

        /* every section's heading is on the page of its destination */
        size_t sections = 0, placed = 0;
        for (size_t p = 0; p < doc->npages; p++)
            for (size_t i = 0; i < doc->pages[p].nitems; i++) {
                const struct dl_item *it = &doc->pages[p].items[i];
                if (it->kind != DL_LINK_BEGIN)
                    continue;
                const struct dl_link *l = &it->as.link;
                if (l->dest) {
                    const struct sectie *s = section(m, l->dest);
                    int target = dest_page(doc, l->dest);
                    const char *want = s ? s->titel : strcmp(l->dest, "omslag") == 0 ? m->rapport.titel : NULL;
                    sections++;
                    if (target >= 0 && want && shows(texts[target], want))
                        placed++;
                    else
                        fprintf(stderr, "page %zu: link to %s lands on page %d without \"%s\"\n", p + 1, l->dest,
                                target + 1, want ? want : "?");
                } else if (l->file) {
                    /* a factsheet of an agenda of the year, or the year's bundel */
                    char bundel[64];
                    snprintf(bundel, sizeof bundel, "interventiebundel-%d.pdf", m->jaar);
                    bool known = strcmp(l->file, bundel) == 0;
                    if (strncmp(l->file, "factsheets/", 11) == 0) {
                        char id[256];
                        snprintf(id, sizeof id, "%s", l->file + 11);
                        char *dot = strstr(id, ".pdf");
                        if (dot && dot[4] == '\0') {
                            *dot = '\0';
                            known = model_agenda(m, id) != NULL;
                        }
                    }
                    if (!known)
                        fprintf(stderr, "page %zu: a link to %s, which gkapub does not make\n", p + 1, l->file);
                    CHECK(known);
                }
            }
        CHECK(sections > 0);
        CHECK_EQ_LONG(placed, sections);

        /* the contents show nesting: an interview inside a chapter that is itself an entry
         * inside a line (2020's Gouda in its "Nieuwe gemeenten") one em further in than
         * that chapter */
        int contents_page = dest_page(doc, "inhoud"), nested = 0;
        char *contents_text = contents_page >= 0 ? page_text(&doc->pages[contents_page]) : NULL;
        for (size_t i = 0; contents_text && i < m->rapport.nsecties; i++)
            for (size_t j = 0; j < m->rapport.secties[i]->nsubsecties; j++)
                for (size_t k = 0; k < m->rapport.secties[i]->subsecties[j]->nsubsecties; k++) {
                    const struct sectie *chapter = m->rapport.secties[i]->subsecties[j]->subsecties[k];
                    if (chapter->soort != S_HOOFDSTUK)
                        continue;
                    for (size_t a = 0; a < chapter->nsubsecties; a++) {
                        if (chapter->subsecties[a]->soort != S_INTERVIEW)
                            continue;
                        static const char em[] = "\xE2\x80\x83";
                        char outer[512], inner[512];
                        snprintf(outer, sizeof outer, "%s%s%s%s", em, em, em, chapter->titel);
                        snprintf(inner, sizeof inner, "%s%s%s%s%s", em, em, em, em, chapter->subsecties[a]->titel);
                        CHECK(strstr(contents_text, outer) != NULL);
                        CHECK(strstr(contents_text, inner) != NULL);
                        nested++;
                    }
                }
        fprintf(stderr, "%d entries of the contents nested under a chapter inside a line\n", nested);
        free(contents_text);

        /* every figure of a chart equals the model's: the thema chart's alt text names
         * each thema with its count, and its page prints them */
        char *alts = figure_alts(doc);
        bool thema_chart = strstr(alts, "per thema:") != NULL;
        for (size_t i = 0; thema_chart && i < m->nthemas; i++) {
            const struct thema *t = &m->themas[i];
            if (!t->n_interventies)
                continue;
            char want[256];
            snprintf(want, sizeof want, "%s %d", t->naam, t->n_interventies);
            if (!strstr(alts, want))
                fprintf(stderr, "no chart says \"%s\"\n", want);
            CHECK(strstr(alts, want) != NULL);
        }
        for (size_t i = 0; i < m->nsectoren; i++) {
            char want[256];
            snprintf(want, sizeof want, "%s %d", m->sectoren[i].naam, m->sectoren[i].n_interventies);
            bool charted = strstr(alts, "per onderwijssector") != NULL;
            CHECK(!charted || strstr(alts, want) != NULL);
        }
        /* a stacked bar's legend gives each sector its count and a share, and the shares
         * add up to 100 */
        for (size_t p = 0; p < doc->npages && strstr(alts, "Gestapelde staaf van de interventies per onderwijssector"); p++) {
            int sum = 0;
            size_t found = 0;
            for (size_t i = 0; i < m->nsectoren; i++) {
                char want[256];
                snprintf(want, sizeof want, "%s  %d (", m->sectoren[i].naam, m->sectoren[i].n_interventies);
                const char *at = strstr(texts[p], want);
                if (at) {
                    sum += atoi(at + strlen(want));
                    found++;
                }
            }
            if (found)
                fprintf(stderr, "the stacked bar on page %zu: %zu parts, shares adding up to %d%%\n", p + 1, found, sum);
            CHECK(found == 0 || (found == m->nsectoren && sum == 100));
        }
        /* where the text counts the factors, it counts those its overview lists */
        long factors = 0;
        const char *why = NULL;
        CHECK_EQ_LONG(model_figure(m, "factoren", NULL, &factors, &why), 0);
        CHECK_EQ_LONG(factors, factor_elements(&ctx, argv[1]));
        for (size_t p = 0; p < doc->npages && factors > 0; p++) {
            const char *at = strstr(texts[p], "factoren");
            for (; at; at = strstr(at + 1, "factoren")) {
                const char *num = at - 1;
                while (num > texts[p] && (*num == ' ' || *num == '-'))
                    num--;
                while (num > texts[p] && isdigit((unsigned char)num[-1]))
                    num--;
                if (isdigit((unsigned char)*num) && atol(num) != factors) {
                    fprintf(stderr, "page %zu: %ld factoren, where the overview lists %ld\n", p + 1, atol(num), factors);
                    CHECK(0);
                }
            }
        }
        /* the map's legend counts each class's agenda's */
        for (size_t i = 0; i < m->nklassen; i++) {
            char want[256];
            snprintf(want, sizeof want, "%s %d", m->klassen[i].naam, m->klassen[i].n_agendas);
            CHECK(strstr(alts, "Kaart van Nederland") == NULL || strstr(alts, want) != NULL);
        }
        free(alts);

        for (size_t p = 0; p < doc->npages; p++)
            free(texts[p]);
        free(texts);
        dl_free(doc);
    }
    model_free(m);
    gka_ctx_release(&ctx);
    xmlCleanupParser();
    return harness_summary();
}
