/* test_shaping.c: the words the line breaker shapes one by one (and keeps) have the same
 * glyphs, advances and offsets as the whole paragraph shaped at once, in every shipped
 * font, on the text of a year's interventies: kerning across a space, and at a soft
 * hyphen inside a word, is what could differ.
 * Usage: test_shaping FONTS_DIR HYPHENATION_DICT DATA_FILE... */
#include <stdlib.h>
#include <string.h>

#include "gka.h"
#include "harness.h"
#include "typeset.h"

/* The text between the tags of an XML file, one paragraph per element with text. */
static char **paragraphs(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    struct strbuf all, cur;
    sb_init(&all);
    sb_init(&cur);
    char **out = NULL;
    size_t cap = 0;
    *n = 0;
    if (!f)
        return NULL;
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0)
        sb_append_len(&all, chunk, got);
    fclose(f);
    bool in_tag = false;
    for (size_t i = 0; i < all.len; i++) {
        char c = all.data[i];
        if (c == '<' || c == '\n') {
            if (cur.len > 20) {
                xgrow(&out, &cap, *n + 1, sizeof *out);
                out[(*n)++] = sb_take(&cur);
            }
            sb_release(&cur);
            in_tag = c == '<';
        } else if (c == '>') {
            in_tag = false;
        } else if (!in_tag) {
            sb_append_len(&cur, &c, 1);
        }
    }
    sb_release(&cur);
    sb_release(&all);
    return out;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: test_shaping FONTS_DIR HYPHENATION_DICT DATA_FILE...\n");
        return 2;
    }
    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    struct ts_engine *e = ts_engine_new(&ctx, argv[1], argv[2]);
    CHECK(e != NULL);
    if (!e) {
        diag_print(&ctx, stderr);
        return harness_summary();
    }
    const struct ts_style styles[] = {
        { .name = "body", .family = "Lato", .weight = 400, .size = 9, .leading = 12.6f, .hyphenate = true,
          .hyphen_min_word = 7, .hyphen_min_left = 2, .hyphen_min_right = 3 },
        { .name = "bold", .family = "Lato", .weight = 700, .size = 9, .leading = 12.6f },
        { .name = "italic", .family = "Lato", .weight = 400, .italic = true, .size = 9, .leading = 12.6f },
        { .name = "heading", .family = "Lato", .weight = 900, .size = 20, .leading = 24 },
    };
    size_t checked = 0;
    for (int a = 3; a < argc; a++) {
        size_t n;
        char **paras = paragraphs(argv[a], &n);
        for (size_t i = 0; i < n; i++) {
            for (size_t s = 0; s < sizeof styles / sizeof styles[0]; s++) {
                int differences = ts_check_word_shaping(e, &styles[s], paras[i], stderr);
                CHECK_EQ_LONG(differences, 0);
                checked++;
            }
            free(paras[i]);
        }
        free(paras);
    }
    CHECK(checked > 100);
    printf("%zu paragraphs and styles compared\n", checked);
    ts_engine_free(e);
    gka_ctx_release(&ctx);
    return harness_summary();
}
