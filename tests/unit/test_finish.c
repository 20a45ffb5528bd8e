/* test_finish.c: writes a small tagged document through the cairo backend and the
 * finishing step to argv[1]: a heading, a figure with alt text, a paragraph with an
 * external link, a link to another file with a destination in it, a running header and
 * footer and a rule as Artifacts, and two labelled pages. check-finish.sh then reads it
 * back with qpdf and pdfinfo. Before that, the display list's structure check on small
 * pages that break its rules. */
#include <string.h>

#include "bcairo.h"
#include "dl.h"
#include "finish.h"
#include "gka.h"
#include "harness.h"
#include "typeset.h"

static void text(struct ts_engine *e, struct gka_ctx *ctx, struct dl_document *doc, struct dl_page *page,
                 const struct ts_style *st, const char *s, const struct ts_link *link, float y)
{
    struct ts_text t;
    ts_text_init(&t);
    ts_text_add(&t, s, 0, NULL, link);
    struct ts_para *p = ts_para_layout(e, ctx, st, &t, 400, NULL, 0);
    ts_para_draw(p, 0, ts_para_nlines(p), doc, page, 72, y);
    ts_para_free(p);
    ts_text_release(&t);
}

static void rule(struct dl_page *page, float y)
{
    dl_fill_rect(page, (struct dl_rect){ 72, y, 400, 1 }, &(struct dl_colour){ .rgb = { 0.5f, 0.5f, 0.5f } });
}

static int structure_problems(const struct dl_document *doc)
{
    struct dl_structure_check c;
    dl_structure_check_init(&c);
    int n = 0;
    for (size_t p = 0; p < doc->npages; p++)
        n += dl_structure_check_page(&c, &doc->pages[p], p, NULL);
    return n + dl_structure_check_end(&c, NULL);
}

/* Each page of its own document breaks one rule of the structure check. */
static void structure_check(void)
{
    struct dl_document *doc = dl_new();
    struct dl_page *page = dl_add_page(doc, 595, 842);
    rule(page, 10); /* outside any element */
    CHECK_EQ_LONG(structure_problems(doc), 1);
    dl_free(doc);

    doc = dl_new();
    page = dl_add_page(doc, 595, 842);
    dl_push(page, DL_TAG_BEGIN)->as.tag.role = "P";
    rule(page, 10); /* the P's own content ... */
    dl_push(page, DL_TAG_BEGIN)->as.tag.role = "Span"; /* ... beside a child: said once */
    rule(page, 20);
    dl_push(page, DL_TAG_END);
    rule(page, 30); /* and again after it */
    dl_push(page, DL_TAG_END);
    CHECK_EQ_LONG(structure_problems(doc), 2);
    dl_free(doc);

    doc = dl_new();
    page = dl_add_page(doc, 595, 842);
    dl_artifact_begin(page, DL_ARTIFACT_HEADER);
    dl_push(page, DL_TAG_BEGIN)->as.tag.role = "P"; /* no element inside an Artifact */
    dl_push(page, DL_TAG_END);
    dl_push(page, DL_TAG_END);
    dl_artifact_begin(page, DL_ARTIFACT_FOOTER);
    rule(page, 10);
    struct dl_page *next = dl_add_page(doc, 595, 842);
    dl_push(next, DL_TAG_END); /* an Artifact over two pages */
    CHECK_EQ_LONG(structure_problems(doc), 2);
    dl_free(doc);

    doc = dl_new();
    page = dl_add_page(doc, 595, 842);
    dl_push(page, DL_TAG_BEGIN)->as.tag.role = "Document";
    dl_artifact_begin(page, DL_ARTIFACT_LAYOUT);
    rule(page, 10);
    dl_push(page, DL_TAG_END);
    dl_push(page, DL_TAG_BEGIN)->as.tag.role = "P";
    rule(page, 20);
    CHECK_EQ_LONG(structure_problems(doc), 2); /* all in order, but two elements left open */
    dl_free(doc);
}

/* A page of two columns whose structure reads the right column first, which the reading
 * order checkpoint of tests/pdfua_check.py must find, written to path. */
static void write_disordered(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *st, const char *path)
{
    struct dl_document *doc = dl_new();
    doc->meta = (struct dl_metadata){ .title = "Verkeerde volgorde", .lang = "nl-NL", .date = 1664582400 };
    struct dl_page *page = dl_add_page(doc, 595, 842);
    dl_push(page, DL_TAG_BEGIN)->as.tag.role = "Document";
    const char *right[] = { "Rechts boven", "Rechts onder" }, *left[] = { "Links boven", "Links onder" };
    for (int column = 0; column < 2; column++)
        for (int i = 0; i < 2; i++) {
            dl_push(page, DL_TAG_BEGIN)->as.tag.role = "P";
            struct ts_text t;
            ts_text_init(&t);
            ts_text_add(&t, column == 0 ? right[i] : left[i], 0, NULL, NULL);
            struct ts_para *p = ts_para_layout(e, ctx, st, &t, 200, NULL, 0);
            ts_para_draw(p, 0, ts_para_nlines(p), doc, page, column == 0 ? 320 : 72, 100 + 40 * (float)i);
            ts_para_free(p);
            ts_text_release(&t);
            dl_push(page, DL_TAG_END);
        }
    dl_push(page, DL_TAG_END);
    struct strbuf raw;
    sb_init(&raw);
    struct backend *be = bcairo_new_pdf(ctx, path, &raw);
    CHECK_EQ_LONG(dl_replay(doc, be), 0);
    backend_free(be);
    CHECK_EQ_LONG(fin_finish(ctx, &raw, path, doc), 0);
    sb_release(&raw);
    dl_free(doc);
}

int main(int argc, char **argv)
{
    structure_check();
    if (argc < 3) {
        fprintf(stderr, "usage: test_finish OUT.pdf FONTS_DIR [DISORDERED.pdf]\n");
        return 2;
    }
    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    struct ts_engine *e = ts_engine_new(&ctx, argv[2], NULL);
    CHECK(e != NULL);
    if (!e) {
        diag_print(&ctx, stderr);
        return harness_summary();
    }
    struct ts_style st = { .name = "t", .family = "Lato", .weight = 400, .size = 12, .leading = 16 };
    struct dl_document *doc = dl_new();
    doc->meta = (struct dl_metadata){ .title = "Proef", .author = "OCW", .subject = "Een proef", .lang = "nl-NL",
                                      .date = 1664582400 /* 2022-10-01 */ };
    struct dl_page *p1 = dl_add_page(doc, 595, 842);
    p1->label = "i";
    dl_push(p1, DL_TAG_BEGIN)->as.tag.role = "Document";
    dl_push(p1, DL_TAG_BEGIN)->as.tag.role = "H1";
    dl_push(p1, DL_DEST)->as.dest.name = "kop";
    text(e, &ctx, doc, p1, &st, "Een kop", NULL, 72);
    dl_push(p1, DL_TAG_END);
    struct dl_item *fig = dl_push(p1, DL_TAG_BEGIN);
    fig->as.tag.role = "Figure";
    fig->as.tag.alt = "Staafdiagram: Taalbevordering 40, Extra onderwijs 42";
    struct dl_item *bar = dl_push(p1, DL_PATH);
    static const uint8_t ops[] = { DL_MOVE, DL_LINE, DL_LINE, DL_LINE, DL_CLOSE };
    static const struct dl_point pts[] = { { 72, 120 }, { 272, 120 }, { 272, 140 }, { 72, 140 } };
    bar->as.path = (struct dl_path){ .nops = 5, .ops = ops, .pts = pts, .fill = true,
                                     .fill_colour = { .rgb = { 0, 0.4f, 0.7f } } };
    dl_push(p1, DL_TAG_END);
    dl_push(p1, DL_TAG_BEGIN)->as.tag.role = "P";
    struct ts_link web = { .uri = "https://www.gelijke-kansen.nl/", .description = "De website van de GKA" };
    text(e, &ctx, doc, p1, &st, "www.gelijke-kansen.nl", &web, 160);
    dl_push(p1, DL_TAG_END);
    struct dl_page *p2 = dl_add_page(doc, 595, 842);
    p2->label = "1";
    dl_push(p2, DL_TAG_BEGIN)->as.tag.role = "P";
    struct ts_link other = { .file = "interventiebundel-2022.pdf", .file_dest = "iv-taal-001",
                             .description = "De interventie in de bundel" };
    text(e, &ctx, doc, p2, &st, "Naar de bundel", &other, 72);
    struct ts_link back = { .dest = "kop", .description = "Terug naar de kop" };
    text(e, &ctx, doc, p2, &st, "Terug", &back, 100);
    dl_push(p2, DL_TAG_END);
    dl_push(p2, DL_TAG_END);
    /* the page's furniture, after its content (as the publications draw it) */
    dl_artifact_begin(p1, DL_ARTIFACT_HEADER);
    text(e, &ctx, doc, p1, &st, "Proef (een kop) /Private << >> BDC", NULL, 20);
    dl_push(p1, DL_TAG_END);
    dl_artifact_begin(p1, DL_ARTIFACT_LAYOUT);
    rule(p1, 40);
    dl_push(p1, DL_TAG_END);
    dl_artifact_begin(p1, DL_ARTIFACT_FOOTER);
    text(e, &ctx, doc, p1, &st, "i", NULL, 800);
    dl_push(p1, DL_TAG_END);
    CHECK_EQ_LONG(dl_check(doc, stderr), 0);
    CHECK_EQ_LONG(structure_problems(doc), 0);

    struct strbuf raw;
    sb_init(&raw);
    struct backend *be = bcairo_new_pdf(&ctx, argv[1], &raw);
    CHECK_EQ_LONG(dl_replay(doc, be), 0);
    backend_free(be);
    CHECK_EQ_LONG(fin_finish(&ctx, &raw, argv[1], doc), 0);
    sb_release(&raw);
    if (argc > 3)
        write_disordered(e, &ctx, &st, argv[3]);
    diag_print(&ctx, stderr);
    dl_free(doc);
    ts_engine_free(e);
    gka_ctx_release(&ctx);
    return harness_summary();
}
