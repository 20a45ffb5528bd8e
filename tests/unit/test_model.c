/* test_model.c: unit tests of the model: loading the mini fixture, references,
 * aggregates, figures, and the e-mail and URL checks. */
#include <string.h>

#include <libxml/parser.h>

#include "gka.h"
#include "harness.h"
#include "model.h"

static struct model *load(struct gka_ctx *ctx, const char *dir)
{
    gka_ctx_init(ctx);
    return model_load(ctx, dir, SCHEMA);
}

static long figure(const struct model *m, const char *naam, const char *ref)
{
    long v = -999;
    const char *why;
    if (model_figure(m, naam, ref, &v, &why) != 0)
        return -1;
    return v;
}

static const struct content *find_kind(const struct content *c, enum content_kind kind)
{
    for (; c; c = c->next) {
        if (c->kind == kind)
            return c;
        const struct content *in = find_kind(c->kind == C_SECTIE ? c->sectie->inhoud : c->first_child, kind);
        if (in)
            return in;
    }
    return NULL;
}

static void test_mini(void)
{
    struct gka_ctx ctx;
    struct model *m = load(&ctx, FIXTURES "/mini");
    CHECK(m != NULL);
    CHECK_EQ_LONG(ctx.nerrors, 0);
    if (!m) {
        diag_print(&ctx, stderr);
        return;
    }
    CHECK_EQ_LONG(m->jaar, 2022);
    CHECK(strcmp(m->peildatum, "2022-10-01") == 0);
    CHECK_EQ_LONG(m->nthemas, 3);
    CHECK_EQ_LONG(m->nsectoren, 4);
    CHECK_EQ_LONG(m->nklassen, 5);
    CHECK_EQ_LONG(m->ngemeenten, 5);
    CHECK_EQ_LONG(m->nagendas, 3);
    CHECK_EQ_LONG(m->ninterventies, 4);

    /* an alliance: three leden, a derived name, each wethouder with their gemeente */
    struct agenda *fr = model_agenda(m, "tytsjerksteradiel-dantumadiel-noardeast-fryslan");
    CHECK(fr != NULL);
    if (fr) {
        CHECK_EQ_LONG(fr->nleden, 3);
        CHECK(strcmp(fr->naam, "Tytsjerksteradiel, Dantumadiel en Noardeast-Fryslân") == 0);
        CHECK_EQ_LONG(fr->inwoners, 32181 + 18973 + 45567);
        CHECK_EQ_LONG(fr->nwethouders, 3);
        CHECK(fr->wethouders[1].gemeente == model_gemeente(m, "dantumadiel"));
        CHECK(model_gemeente(m, "noardeast-fryslan")->agenda == fr);
        CHECK_EQ_LONG(fr->ninterventies, 1);
    }
    struct agenda *zw = model_agenda(m, "zwolle");
    CHECK(zw && strcmp(zw->naam, "Zwolle") == 0);
    if (zw) {
        CHECK_EQ_LONG(zw->ninterventies, 3);
        CHECK_EQ_LONG(zw->n_per_thema[0], 1);   /* taalbevordering */
        CHECK_EQ_LONG(zw->n_per_thema[1], 2);   /* ouderbetrokkenheid */
        CHECK(zw->wethouders[0].gemeente == model_gemeente(m, "zwolle"));
        CHECK(strcmp(zw->interventies[0]->id, "taal-001") == 0);
        CHECK(zw->interventies[0]->uitgelicht);
    }
    CHECK_EQ_LONG(model_agenda(m, "urk")->ninterventies, 0);

    /* aggregates */
    CHECK_EQ_LONG(model_thema(m, "taalbevordering")->n_interventies, 2);
    CHECK_EQ_LONG(model_thema(m, "leermethodes")->n_interventies, 0);
    CHECK_EQ_LONG(model_sector(m, "po-vo")->n_interventies, 1);
    CHECK_EQ_LONG(m->n_mbo, 2);
    CHECK_EQ_LONG(m->n_hbo, 1);
    CHECK_EQ_LONG(model_klasse(m, 2)->n_agendas, 2);
    CHECK_EQ_LONG(model_klasse(m, 5)->n_agendas, 1);
    CHECK_EQ_LONG(model_klasse(m, 5)->n_interventies, 1);
    CHECK_EQ_LONG(m->nprovincies, 3);
    CHECK(strcmp(m->per_provincie[1].key, "Fryslân") == 0);
    CHECK_EQ_LONG(m->per_provincie[1].n_gemeenten, 3);
    CHECK_EQ_LONG(m->per_provincie[1].n_agendas, 1);
    CHECK_EQ_LONG(m->njaren, 3);
    CHECK_EQ_LONG(m->per_jaar[0].year, 2019);

    /* figures */
    CHECK_EQ_LONG(figure(m, "gemeenten", NULL), 3);
    CHECK_EQ_LONG(figure(m, "gemeenten-afzonderlijk", NULL), 5);
    CHECK_EQ_LONG(figure(m, "interventies", NULL), 4);
    CHECK_EQ_LONG(figure(m, "themas", NULL), 2);
    CHECK_EQ_LONG(figure(m, "thema", "ouderbetrokkenheid"), 2);
    CHECK_EQ_LONG(figure(m, "sector", "vve"), 1);
    CHECK_EQ_LONG(figure(m, "stedelijkheid", "2"), 2);
    CHECK_EQ_LONG(figure(m, "provincie", "Fryslân"), 1);
    CHECK_EQ_LONG(figure(m, "provincie", "Zeeland"), 0);
    CHECK_EQ_LONG(figure(m, "provincies", NULL), 3);
    CHECK_EQ_LONG(figure(m, "toegetreden", "2021"), 1);
    CHECK_EQ_LONG(figure(m, "gemeenten-tot", "2021"), 2);
    CHECK_EQ_LONG(figure(m, "gemeenten-tot", "2022"), 3);
    long living = 0; /* the fixture's agendas' inhabitants, of a country of a million */
    for (size_t i = 0; i < m->nagendas; i++)
        living += m->agendas[i].inwoners;
    CHECK(living > 0);
    CHECK_EQ_LONG(figure(m, "inwoners-procent", "1000000"), (living * 100 + 500000) / 1000000);
    CHECK_EQ_LONG(figure(m, "inwoners-procent", "10"), -1);
    CHECK_EQ_LONG(figure(m, "inwoners-procent", NULL), -1);
    CHECK_EQ_LONG(figure(m, "thema", "rekenen"), -1);
    CHECK_EQ_LONG(figure(m, "provincie", "Vlaanderen"), -1);
    CHECK_EQ_LONG(figure(m, "toegetreden", "2030"), -1);
    CHECK_EQ_LONG(figure(m, "interventies", "po"), -1);
    CHECK_EQ_LONG(figure(m, "onbekend", NULL), -1);

    /* the report: sections nested, figures filled in where the text has them */
    CHECK_EQ_LONG(m->rapport.nsecties, 2);
    CHECK_EQ_LONG(m->rapport.nlijnen, 1);
    const struct sectie *h = m->rapport.secties[1];
    CHECK_EQ_LONG(h->nsubsecties, 1);
    CHECK(h->subsecties[0]->lijn == &m->rapport.lijnen[0]); /* inherited from the chapter */
    CHECK(h->subsecties[0]->parent == h);
    const struct content *g = find_kind(m->rapport.secties[0]->inhoud, C_GETAL);
    CHECK(g && strcmp(content_attr(g, "naam"), "jaar") == 0 && g->value == 2022);
    const struct content *k = find_kind(h->subsecties[0]->inhoud, C_KERNCIJFER);
    CHECK(k && k->first_child && k->first_child->kind == C_GETAL && k->first_child->value == 4);
    CHECK(k && k->loc.line == 10 && strstr(k->loc.path, "rapport.xml"));

    /* white space: collapsed inside text, kept between inline elements */
    const struct content *p = zw ? zw->opgave : NULL;
    CHECK(p && p->kind == C_P && p->first_child && strcmp(p->first_child->text, "Zwolle werkt aan ") == 0);
    CHECK(p && p->first_child->next && p->first_child->next->kind == C_EM);

    model_free(m);
    gka_ctx_release(&ctx);
}

static void test_missing_folder(void)
{
    struct gka_ctx ctx;
    struct model *m = load(&ctx, FIXTURES "/does-not-exist");
    CHECK(m == NULL);
    CHECK_EQ_LONG(ctx.nerrors, 1);
    CHECK(ctx.ndiags == 1 && strstr(ctx.diags[0].message, "cannot open the data folder"));
    gka_ctx_release(&ctx);
}

static void test_validators(void)
{
    CHECK(model_valid_email("f.yilmaz@ooz.example"));
    CHECK(model_valid_email("a+b@sub.domein.nl"));
    CHECK(!model_valid_email("geen-apenstaartje.nl"));
    CHECK(!model_valid_email("@domein.nl"));
    CHECK(!model_valid_email("a@b@c.nl"));
    CHECK(!model_valid_email("a@domein"));
    CHECK(!model_valid_email("a@domein..nl"));
    CHECK(!model_valid_email("a b@domein.nl"));
    CHECK(!model_valid_email("a@domein.n1"));
    CHECK(model_valid_url("https://www.gelijke-kansen.nl/gemeenten/zwolle"));
    CHECK(model_valid_url("http://localhost:8080/x?y=1#z"));
    CHECK(!model_valid_url("ftp://example.org/"));
    CHECK(!model_valid_url("https://"));
    CHECK(!model_valid_url("https://ex ample.org"));
    CHECK(!model_valid_url("www.example.org"));
    CHECK(model_valid_url("HTTPS://WWW.EXAMPLE.ORG/A"));
    CHECK(model_valid_url("https://evil.example/a)/S/Launch/F(calc.exe)/Q("));  /* RFC 3986 allows ( ) */
    CHECK(model_valid_url("https://example.org/caf%C3%A9?q=a+b&r=1;s#top"));
    CHECK(!model_valid_url("https://example.org/a\\b"));
    CHECK(!model_valid_url("https://example.org/a\"b"));
    CHECK(!model_valid_url("https://example.org/<b>"));
    CHECK(!model_valid_url("https://example.org/a\tb"));
    CHECK(!model_valid_url("https://example.org/caf\xC3\xA9"));
    CHECK(!model_valid_url("https://example.org/100%"));
    CHECK(!model_valid_url("https://user@/x"));
}

static void test_diag_format(void)
{
    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    diag_error(&ctx, "data/2022/x.xml", 12, "something is wrong\n");
    diag_warning(&ctx, "data/2022/y.xml", 0, "just so you know");
    FILE *f = tmpfile();
    CHECK_EQ_LONG(diag_print(&ctx, f), 1);
    rewind(f);
    char line[256];
    CHECK(fgets(line, sizeof line, f) && strcmp(line, "data/2022/x.xml:12: error: something is wrong\n") == 0);
    CHECK(fgets(line, sizeof line, f) && strcmp(line, "data/2022/y.xml: warning: just so you know\n") == 0);
    fclose(f);
    CHECK_EQ_LONG(ctx.ndiags, 0);
}

int main(void)
{
    xmlInitParser();
    test_mini();
    test_missing_folder();
    test_validators();
    test_diag_format();
    xmlCleanupParser();
    return harness_summary();
}
