/* fuzz_loader.c: libFuzzer target for the data loader, model_load (src/model) with the
 * safe reading and RelaxNG validation of src/xmlio under it.
 *
 * Each input is ONE file of a year. A year folder in this process's temporary directory
 * holds the files of tests/fixtures/mini; the input replaces the one whose root element
 * it starts with (<jaar> jaar.xml, <classificatie> themas.xml, <gemeenten> gemeenten.xml,
 * <agendas> agendas.xml, <rapport> rapport.xml; <interventies>, any other root or none:
 * interventies.xml). The year is then loaded against data/schema/gka.rng and everything
 * freed; LeakSanitizer reports what is not.
 *
 * So a reproducer is a plain XML file: copy it over that file in a copy of
 * tests/fixtures/mini and run `gkapub check --data DIR`, or run this target on it with
 * GKA_FUZZ_VERBOSE=1 to see which file it replaced and the diagnostics. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_files.h"
#include "gka.h"
#include "model.h"

#define FIXTURES GKA_SOURCE_DIR "/tests/fixtures/mini"
#define SCHEMA GKA_SOURCE_DIR "/data/schema/gka.rng"

/* The files of the year and the root element that selects each. */
static const struct {
    const char *file, *root;
} year_files[] = {
    { "jaar.xml", "jaar" },
    { "themas.xml", "classificatie" },
    { "gemeenten.xml", "gemeenten" },
    { "agendas.xml", "agendas" },
    { "interventies.xml", "interventies" },
    { "rapport.xml", "rapport" },
};
#define NFILES (sizeof year_files / sizeof year_files[0])
#define DEFAULT_FILE 4 /* interventies.xml: the largest, and what refers to everything */

static char *fixture[NFILES];
static size_t fixture_len[NFILES];

/* The name of the first start tag: after '<', not "<?" (a declaration or PI) nor "<!"
 * (a comment, DOCTYPE or CDATA). Returns the index of the year file it selects. */
static size_t choose_file(const uint8_t *data, size_t size)
{
    for (size_t i = 0; i + 1 < size; i++) {
        if (data[i] != '<' || data[i + 1] == '?' || data[i + 1] == '!')
            continue;
        size_t start = i + 1, end = start;
        while (end < size && data[end] != '>' && data[end] != '/' && data[end] != ' ' &&
               data[end] != '\t' && data[end] != '\r' && data[end] != '\n')
            end++;
        for (size_t f = 0; f < NFILES; f++)
            if (strlen(year_files[f].root) == end - start &&
                memcmp(data + start, year_files[f].root, end - start) == 0)
                return f;
        return DEFAULT_FILE;
    }
    return DEFAULT_FILE;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    for (size_t f = 0; f < NFILES; f++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", FIXTURES, year_files[f].file);
        fixture[f] = fuzz_read(path, &fixture_len[f]);
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t chosen = choose_file(data, size);
    /* Every file is written each time: the previous input may have replaced another. */
    for (size_t f = 0; f < NFILES; f++) {
        if (f == chosen)
            fuzz_write(year_files[f].file, data, size);
        else
            fuzz_write(year_files[f].file, fixture[f], fixture_len[f]);
    }

    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    ctx.quiet = true;
    struct model *m = model_load(&ctx, fuzz_tmpdir(), SCHEMA);
    if (m) {
        /* A few lookups over what was built, so that the resolved model is read too. */
        for (size_t i = 0; i < m->ngemeenten; i++)
            (void)model_gemeente(m, m->gemeenten[i].id);
        for (size_t i = 0; i < m->nagendas; i++)
            (void)model_agenda(m, m->agendas[i].id);
        model_free(m);
    }
    if (getenv("GKA_FUZZ_VERBOSE")) {
        fprintf(stderr, "fuzz_loader: the input replaced %s; model %s\n",
                year_files[chosen].file, m ? "loaded" : "refused");
        diag_print(&ctx, stderr);
    }
    gka_ctx_release(&ctx);
    return 0;
}
