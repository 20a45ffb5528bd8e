/* test_bundel.c: lays out the interventiebundel and every factsheet of a year (argv[1])
 * and checks what a reader gets: no text outside its frame, no heading at the end of a
 * frame, no single-line widow or orphan, a consistent display list, every internal link
 * of the bundel landing on a page that shows what the link promises, and a factsheet of
 * one or two pages unless an agenda has very many interventies. */
#include <limits.h>
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

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: test_bundel DATA_DIR LAYOUTS_DIR\n");
        return 2;
    }
    struct gka_ctx ctx;
    struct model *m = load_year(&ctx, argv[1]);
    CHECK(m != NULL);
    if (!m)
        return harness_summary();
    struct pub_options o = { .layouts_dir = argv[2], .date = 0 };
    struct pub_report r;
    struct dl_document *doc = pub_bundel_layout(&ctx, m, &o, &r);
    CHECK(doc != NULL);
    diag_print(&ctx, stderr);
    if (doc) {
        printf("%d pages in %d passes\n", r.pages, r.passes);
        CHECK(r.pages > 3);
        CHECK(r.passes < 6);
        CHECK_EQ_LONG(r.text_outside_frame, 0);
        CHECK_EQ_LONG(r.headings_at_frame_end, 0);
        CHECK_EQ_LONG(r.widows, 0);
        CHECK_EQ_LONG(r.orphans, 0);
        CHECK_EQ_LONG(r.dl_problems, 0);
        CHECK_EQ_LONG(r.low_contrast, 0);
        for (size_t p = 0; r.low_contrast && p < doc->npages; p++)
            dl_check_contrast(&doc->pages[p], p, stderr);

        char **texts = xcalloc(doc->npages, sizeof *texts);
        for (size_t p = 0; p < doc->npages; p++)
            texts[p] = page_text(&doc->pages[p]);

        /* every interventie has a card that shows its title and organisation */
        size_t cards = 0;
        for (size_t i = 0; i < m->ninterventies; i++) {
            char dest[128];
            snprintf(dest, sizeof dest, "iv-%s", m->interventies[i].id);
            int p = dest_page(doc, dest);
            CHECK(p >= 0);
            if (p >= 0 && shows(texts[p], m->interventies[i].titel))
                cards++;
            else
                fprintf(stderr, "card %s: title not on page %d\n", m->interventies[i].id, p + 1);
        }
        CHECK_EQ_LONG(cards, m->ninterventies);

        /* a card is continued ("(vervolg)") only after some of it was placed: on the page
         * where a card starts, its title comes before any continuation line of it */
        size_t early = 0;
        for (size_t i = 0; i < m->ninterventies; i++) {
            char dest[128], cont[512];
            snprintf(dest, sizeof dest, "iv-%s", m->interventies[i].id);
            char *title = as_typeset(m->interventies[i].titel);
            snprintf(cont, sizeof cont, "%s (vervolg)", title);
            int p = dest_page(doc, dest);
            const char *c = p >= 0 ? strstr(texts[p], cont) : NULL;
            if (c && strstr(texts[p], title) == c) {
                fprintf(stderr, "card %s: continued on page %d before it began\n", m->interventies[i].id, p + 1);
                early++;
            }
            free(title);
        }
        CHECK_EQ_LONG(early, 0);

        /* every internal link lands on a page that shows what it promises */
        size_t links = 0, good = 0;
        for (size_t p = 0; p < doc->npages; p++)
            for (size_t i = 0; i < doc->pages[p].nitems; i++) {
                const struct dl_item *it = &doc->pages[p].items[i];
                if (it->kind != DL_LINK_BEGIN || !it->as.link.dest)
                    continue;
                const char *d = it->as.link.dest;
                int target = dest_page(doc, d);
                const char *want = NULL;
                if (strncmp(d, "iv-", 3) == 0) {
                    for (size_t k = 0; k < m->ninterventies; k++)
                        if (strcmp(m->interventies[k].id, d + 3) == 0)
                            want = m->interventies[k].titel;
                } else if (strncmp(d, "ag-", 3) == 0) {
                    const struct agenda *a = model_agenda(m, d + 3);
                    want = a ? a->naam : NULL;
                } else if (strncmp(d, "thema-", 6) == 0) {
                    const struct thema *t = model_thema(m, d + 6);
                    want = t ? t->naam : NULL;
                } else {
                    want = ""; /* contents entries: checked by their page number below */
                }
                links++;
                if (target >= 0 && want && shows(texts[target], want))
                    good++;
                else
                    fprintf(stderr, "page %zu: link to %s lands on page %d without \"%s\"\n", p + 1, d,
                            target + 1, want ? want : "?");
            }
        CHECK(links > m->ninterventies);
        CHECK_EQ_LONG(good, links);

        /* a chapter opens with its band ("THEMA 3 VAN 12"), and every page of its cards has
         * its tab on the outer edge, one step lower than the chapter before's: the right
         * edge of every page where the pages are read one by one (this screen edition) */
        struct lay_layout *layout = lay_load(&ctx, argv[2], "interventiebundel");
        CHECK(layout != NULL);
        bool single_sided = layout && layout->single_sided;
        lay_free(layout);
        int chapters = 0, number = 0;
        for (size_t i = 0; i < m->nthemas; i++)
            chapters += m->themas[i].n_interventies > 0;
        float last_tab = -1;
        for (size_t i = 0; i < m->nthemas; i++) {
            const struct thema *t = &m->themas[i];
            if (!t->n_interventies)
                continue;
            char dest[128], band[64];
            snprintf(dest, sizeof dest, "thema-%s", t->id);
            snprintf(band, sizeof band, "THEMA %d VAN %d", ++number, chapters);
            int p = dest_page(doc, dest);
            CHECK(p >= 0 && strstr(texts[p], band));
            const struct dl_page *pg = p >= 0 ? &doc->pages[p] : NULL;
            /* its tab: the first under the chapter before's (a page where chapters begin
             * has the tab of each) */
            float tab = -1;
            for (size_t k = 0; pg && k < pg->nitems; k++) {
                const struct dl_item *it = &pg->items[k];
                bool outer = single_sided || p % 2 == 0 ? it->bbox.x >= pg->width - 31 : it->bbox.x + it->bbox.w <= 31;
                if (it->kind == DL_PATH && it->as.path.fill && outer && it->bbox.h > 20 && it->bbox.y > last_tab &&
                    (tab < 0 || it->bbox.y < tab))
                    tab = it->bbox.y;
            }
            if (tab < 0)
                fprintf(stderr, "thema %s: no tab under the one before (y %.0f) on page %d\n", t->id, last_tab, p + 1);
            CHECK(tab > last_tab);
            last_tab = tab;
        }

        /* every opener's map counts the agendas with interventies of its thema (counted
         * here from the interventies) */
        char *alts = figure_alts(doc);
        int maps = 0;
        bool *with = xcalloc(m->nagendas + 1, sizeof *with);
        for (size_t i = 0; i < m->nthemas; i++) {
            const struct thema *t = &m->themas[i];
            char head[256];
            snprintf(head, sizeof head, "interventies in %s: ", t->naam);
            const char *at = strstr(alts, head);
            CHECK(at != NULL || t->n_interventies == 0);
            if (!at)
                continue;
            maps++;
            memset(with, 0, m->nagendas * sizeof *with);
            long agendas = 0;
            for (size_t v = 0; v < m->ninterventies; v++) {
                const struct interventie *iv = &m->interventies[v];
                size_t a = (size_t)(iv->agenda - m->agendas);
                if (iv->thema == t && !with[a])
                    with[a] = true, agendas++;
            }
            if (atol(at + strlen(head)) != agendas)
                fprintf(stderr, "thema %s: the map counts %ld agendas, the interventies %ld\n", t->id,
                        atol(at + strlen(head)), agendas);
            CHECK_EQ_LONG(atol(at + strlen(head)), agendas);
        }
        CHECK_EQ_LONG(maps, chapters);
        free(with);
        free(alts);

        /* the page numbers printed in the contents are the pages of the chapters */
        for (size_t i = 0; i < m->nthemas; i++) {
            const struct thema *t = &m->themas[i];
            if (!t->n_interventies)
                continue;
            char dest[128], entry[256];
            snprintf(dest, sizeof dest, "thema-%s", t->id);
            int page = dest_page(doc, dest) + 1;
            /* the entry's runs (page, title, count), as the page's text joins them */
            snprintf(entry, sizeof entry, "%s%d \xE2\x80\x83%s\xE2\x80\x82(%d)", page < 10 ? "\xE2\x80\x87" : "", page,
                     t->naam, t->n_interventies);
            int entries = dest_page(doc, "inhoud");
            CHECK(entries >= 0 && strstr(texts[entries], entry));
        }
        /* a thema's last page holds more than its last card: the next chapter runs on
         * under it where there is room (on screen), and where one stood alone the thema's
         * cards come closer together, which brings it back in most chapters (without that,
         * 4 of the 2020 bundel's 10 chapters end in one, 3 with it; in 2022, 2 of 12 and 1) */
        int lone = 0, with_cards = 0, run_on = 0, last_card_page = -1;
        for (size_t k = 0; k < m->nthemas; k++) {
            int last = -1, first = INT_MAX, on_last = 0, cards_here = 0;
            for (size_t i = 0; i < m->ninterventies; i++) {
                if (m->interventies[i].thema != &m->themas[k])
                    continue;
                char dest[128];
                snprintf(dest, sizeof dest, "iv-%s", m->interventies[i].id);
                int p = dest_page(doc, dest);
                cards_here++;
                if (p > last)
                    last = p, on_last = 0;
                on_last += p == last;
                if (p >= 0 && p < first)
                    first = p;
            }
            with_cards += cards_here > 0;
            /* an opener is never left at a page's foot: its first card begins under it */
            char opener[128];
            snprintf(opener, sizeof opener, "thema-%s", m->themas[k].id);
            if (cards_here) {
                CHECK(first == dest_page(doc, opener));
                /* where the page before holds cards (of the chapter before), it ran on */
                run_on += dest_page(doc, opener) == last_card_page;
                last_card_page = last;
            }
            const struct thema *next = NULL;
            for (size_t j = k + 1; j < m->nthemas && !next; j++)
                if (m->themas[j].n_interventies)
                    next = &m->themas[j];
            char next_dest[128] = "";
            if (next)
                snprintf(next_dest, sizeof next_dest, "thema-%s", next->id);
            bool followed = next && dest_page(doc, next_dest) == last;
            if (cards_here >= 2 && on_last == 1 && !followed) {
                fprintf(stderr, "thema %s: its last card alone on page %d\n", m->themas[k].id, last + 1);
                lone++;
            }
        }
        CHECK(lone * 3 <= with_cards);
        /* every chapter opens a page of its own, none under the cards of the one before
         * (run on halfway down a page, it was read as part of that one) */
        fprintf(stderr, "%d of %d chapters run on under the chapter before\n", run_on, with_cards);
        CHECK_EQ_LONG(run_on, 0);

        /* beside the contents, the interventies per thema and sector, as counted here: a
         * row per thema (a dash for none), its total last, and the sectors' totals */
        int contents = dest_page(doc, "inhoud");
        long *column_totals = xcalloc(m->nsectoren + 1, sizeof *column_totals);
        for (size_t i = 0; contents >= 0 && i <= m->nthemas; i++) {
            const struct thema *t = i < m->nthemas ? &m->themas[i] : NULL;
            if (t && !t->n_interventies)
                continue;
            struct strbuf row;
            sb_init(&row);
            sb_append(&row, t ? t->naam : "Totaal");
            long total = 0;
            for (size_t k = 0; k < m->nsectoren; k++) {
                long n = 0;
                for (size_t v = 0; t && v < m->ninterventies; v++)
                    n += m->interventies[v].thema == t && m->interventies[v].sector == &m->sectoren[k];
                column_totals[k] += n;
                if (!t)
                    n = column_totals[k];
                total += n;
                if (n)
                    sb_printf(&row, " %ld", n);
                else
                    sb_append(&row, " \xE2\x80\x93");
            }
            sb_printf(&row, " %ld ", total);
            CHECK(strstr(texts[contents], row.data) != NULL);
            if (!t)
                CHECK_EQ_LONG(total, (long)m->ninterventies);
            sb_release(&row);
        }
        free(column_totals);

        for (size_t p = 0; p < doc->npages; p++)
            free(texts[p]);
        free(texts);
        dl_free(doc);
    }

    size_t sheets_ok = 0;
    for (size_t i = 0; i < m->nagendas; i++) {
        const struct agenda *a = &m->agendas[i];
        struct pub_report fr;
        struct dl_document *sheet = pub_factsheet_layout(&ctx, m, &o, a, &fr);
        diag_print(&ctx, stderr);
        if (!sheet)
            continue;
        bool ok = fr.text_outside_frame == 0 && fr.headings_at_frame_end == 0 && fr.widows == 0 &&
                  fr.orphans == 0 && fr.dl_problems == 0 && fr.low_contrast == 0 &&
                  (fr.pages <= 2 || a->ninterventies > 12);
        if (!ok)
            fprintf(stderr, "factsheet %s: %d pages, outside %d, headings %d, widows %d, orphans %d, dl %d, contrast %d\n",
                    a->id, fr.pages, fr.text_outside_frame, fr.headings_at_frame_end, fr.widows, fr.orphans,
                    fr.dl_problems, fr.low_contrast);
        sheets_ok += ok;
        dl_free(sheet);
    }
    CHECK_EQ_LONG(sheets_ok, m->nagendas);

    model_free(m);
    gka_ctx_release(&ctx);
    xmlCleanupParser();
    return harness_summary();
}
