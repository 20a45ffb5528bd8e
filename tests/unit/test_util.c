/* test_util.c: the keymap (the caches' hash table) and the arena's growing blocks. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "gka.h"
#include "harness.h"

static void count_value(void *value, void *ud)
{
    (void)value;
    (*(size_t *)ud)++;
}

static void test_keymap(void)
{
    struct keymap m;
    keymap_init(&m);
    CHECK(keymap_get(&m, "a", 1) == NULL); /* empty: no buckets yet */
    /* enough keys to grow the table several times; keys that are prefixes of each other
     * and keys with NUL bytes are distinct */
    enum { N = 5000 };
    static int values[N];
    char key[32];
    for (int i = 0; i < N; i++) {
        int len = snprintf(key, sizeof key, "w%d", i);
        values[i] = i;
        keymap_put(&m, key, (size_t)len, &values[i]);
    }
    CHECK_EQ_LONG(m.count, N);
    int wrong = 0;
    for (int i = 0; i < N; i++) {
        int len = snprintf(key, sizeof key, "w%d", i);
        int *v = keymap_get(&m, key, (size_t)len);
        wrong += !v || *v != i;
    }
    CHECK_EQ_LONG(wrong, 0);
    CHECK(keymap_get(&m, "w", 1) == NULL);
    CHECK(keymap_get(&m, "w12", 2) == &values[1]); /* the length is part of the key */
    CHECK(keymap_get(&m, "w5000", 5) == NULL);
    static int zero = -1, nul = -2;
    keymap_put(&m, "", 0, &zero);
    keymap_put(&m, "w1\0x", 4, &nul);
    CHECK(keymap_get(&m, "", 0) == &zero);
    CHECK(keymap_get(&m, "w1\0x", 4) == &nul);
    CHECK(keymap_get(&m, "w1", 2) == &values[1]);
    size_t seen = 0;
    keymap_each(&m, count_value, &seen);
    CHECK_EQ_LONG(seen, N + 2);
    keymap_release(&m);
    CHECK(keymap_get(&m, "w1", 2) == NULL);
}

static void test_arena(void)
{
    struct arena a;
    arena_init(&a);
    /* small and large allocations mixed: each zeroed, aligned, and apart from the others */
    unsigned char *prev = NULL;
    size_t prev_size = 0;
    int bad = 0;
    for (size_t i = 1; i < 3000; i += 7) {
        size_t size = i % 5 == 0 ? 70000 + i : i;
        unsigned char *p = arena_alloc(&a, size);
        bad += (uintptr_t)p % _Alignof(max_align_t) != 0;
        for (size_t k = 0; k < size; k++)
            bad += p[k] != 0;
        memset(p, 0xAB, size);
        if (prev)
            bad += prev[prev_size - 1] != 0xAB;
        prev = p, prev_size = size;
    }
    CHECK_EQ_LONG(bad, 0);
    CHECK(arena_strdup(&a, NULL) == NULL);
    CHECK(strcmp(arena_strndup(&a, "abcdef", 3), "abc") == 0);
    arena_release(&a);
}

/* The same warning twice (a record laid out at two widths) is kept once; errors all count. */
static void test_diag_once(void)
{
    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    diag_warning(&ctx, "a.xml", 3, "\"%s\" is too long", "woord");
    diag_warning(&ctx, "a.xml", 3, "\"%s\" is too long", "woord");
    diag_warning(&ctx, "a.xml", 4, "\"%s\" is too long", "woord");
    diag_error(&ctx, "a.xml", 5, "kapot");
    diag_error(&ctx, "a.xml", 5, "kapot");
    CHECK_EQ_LONG(ctx.ndiags, 4);
    CHECK_EQ_LONG(ctx.nerrors, 2);
    gka_ctx_release(&ctx);
}

int main(void)
{
    test_keymap();
    test_arena();
    test_diag_once();
    return harness_summary();
}
