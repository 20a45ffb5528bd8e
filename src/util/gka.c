/* gka.c: allocation, diagnostics, string buffers and arenas shared by every module. */
#include "gka.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static void out_of_memory(size_t size)
{
    fprintf(stderr, "gkapub: out of memory (%zu bytes)\n", size);
    abort();
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        out_of_memory(count * size);
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        out_of_memory(size);
    return p;
}

char *xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *p = xmalloc(n);
    memcpy(p, s, n);
    return p;
}

void xgrow(void *items_ptr, size_t *cap, size_t need, size_t elem_size)
{
    void **items = items_ptr;
    if (need <= *cap)
        return;
    size_t ncap = *cap ? *cap : 8;
    while (ncap < need)
        ncap *= 2;
    *items = xrealloc(*items, ncap * elem_size);
    *cap = ncap;
}

/* ---- diagnostics ---- */

void gka_ctx_init(struct gka_ctx *ctx)
{
    memset(ctx, 0, sizeof *ctx);
}

void gka_ctx_release(struct gka_ctx *ctx)
{
    for (size_t i = 0; i < ctx->ndiags; i++) {
        free(ctx->diags[i].path);
        free(ctx->diags[i].message);
    }
    free(ctx->diags);
    ctx->diags = NULL;
    ctx->ndiags = ctx->diags_cap = 0;
    ctx->unkept = ctx->unkept_errors = 0;
}

void diag_add(struct gka_ctx *ctx, enum diag_level level, const char *path, long line,
              const char *fmt, ...)
{
    if (ctx->ndiags >= DIAG_KEEP_MAX) {
        ctx->unkept++;
        if (level == DIAG_ERROR) {
            ctx->unkept_errors++;
            ctx->nerrors++;
        }
        return;
    }
    struct strbuf sb;
    va_list ap;
    sb_init(&sb);
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n > 0) {
        xgrow(&sb.data, &sb.cap, (size_t)n + 1, 1);
        va_start(ap, fmt);
        vsnprintf(sb.data, (size_t)n + 1, fmt, ap);
        va_end(ap);
        sb.len = (size_t)n;
    }
    /* libxml2 messages end in a newline; one line per diagnostic reads better */
    while (sb.len && (sb.data[sb.len - 1] == '\n' || sb.data[sb.len - 1] == ' '))
        sb.data[--sb.len] = '\0';
    /* a warning that stands already (the same record laid out at a second width) is said once */
    for (size_t i = 0; level == DIAG_WARNING && i < ctx->ndiags; i++) {
        const struct diag *o = &ctx->diags[i];
        if (o->level == level && o->line == line && strcmp(o->message, sb.data ? sb.data : "") == 0 &&
            ((!o->path && !path) || (o->path && path && strcmp(o->path, path) == 0))) {
            sb_release(&sb);
            return;
        }
    }

    xgrow(&ctx->diags, &ctx->diags_cap, ctx->ndiags + 1, sizeof *ctx->diags);
    struct diag *d = &ctx->diags[ctx->ndiags++];
    d->level = level;
    d->path = path ? xstrdup(path) : NULL;
    d->line = line;
    d->message = sb.data ? sb_take(&sb) : xstrdup("");
    if (level == DIAG_ERROR)
        ctx->nerrors++;
}

size_t diag_print(struct gka_ctx *ctx, FILE *out)
{
    size_t errors = 0;
    for (size_t i = 0; i < ctx->ndiags; i++) {
        const struct diag *d = &ctx->diags[i];
        if (i == DIAG_PRINT_MAX) {
            /* a mistake repeated through a generated file: the first ones say what it is */
            size_t rest = ctx->unkept_errors;
            for (size_t k = i; k < ctx->ndiags; k++)
                rest += ctx->diags[k].level == DIAG_ERROR;
            fprintf(out, "gkapub: and %zu more problems like these (%zu errors), not shown\n",
                    ctx->ndiags - i + ctx->unkept, rest);
            errors += rest;
            ctx->unkept = ctx->unkept_errors = 0;
            break;
        }
        const char *what = d->level == DIAG_ERROR ? "error" : "warning";
        if (d->path && d->line > 0)
            fprintf(out, "%s:%ld: %s: %s\n", d->path, d->line, what, d->message);
        else if (d->path)
            fprintf(out, "%s: %s: %s\n", d->path, what, d->message);
        else
            fprintf(out, "gkapub: %s: %s\n", what, d->message);
        if (d->level == DIAG_ERROR)
            errors++;
    }
    gka_ctx_release(ctx);
    return errors;
}

size_t gka_utf8_prefix(const char *s, size_t max)
{
    size_t n = strnlen(s, max);
    if (n < max || s[n] == '\0')
        return n;
    /* s[n] starts the character that no longer fits, unless it continues one */
    while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
        n--;
    return n;
}

size_t gka_utf8_char_len(unsigned char lead)
{
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

/* ---- strbuf ---- */

void sb_init(struct strbuf *sb)
{
    sb->data = NULL;
    sb->len = sb->cap = 0;
}

void sb_append_len(struct strbuf *sb, const char *s, size_t n)
{
    xgrow(&sb->data, &sb->cap, sb->len + n + 1, 1);
    memcpy(sb->data + sb->len, s, n);
    sb->len += n;
    sb->data[sb->len] = '\0';
}

void sb_append(struct strbuf *sb, const char *s)
{
    sb_append_len(sb, s, strlen(s));
}

void sb_printf(struct strbuf *sb, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n <= 0)
        return;
    xgrow(&sb->data, &sb->cap, sb->len + (size_t)n + 1, 1);
    va_start(ap, fmt);
    vsnprintf(sb->data + sb->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

char *sb_take(struct strbuf *sb)
{
    char *s = sb->data ? sb->data : xstrdup("");
    sb_init(sb);
    return s;
}

void sb_release(struct strbuf *sb)
{
    free(sb->data);
    sb_init(sb);
}

/* ---- arena ---- */

struct arena_block {
    struct arena_block *next;
    size_t used, size;
    max_align_t data[];
};

enum { ARENA_FIRST_BYTES = 512, ARENA_BLOCK_BYTES = 64 * 1024 };

void arena_init(struct arena *a)
{
    a->head = NULL;
}

void *arena_alloc(struct arena *a, size_t size)
{
    const size_t align = _Alignof(max_align_t);
    size = (size + align - 1) / align * align;
    struct arena_block *b = a->head;
    if (!b || b->size - b->used < size) {
        /* blocks grow from small, so that the many small arenas (one per paragraph)
         * stay small */
        size_t bytes = b && b->size < ARENA_BLOCK_BYTES ? b->size * 2 : b ? ARENA_BLOCK_BYTES : ARENA_FIRST_BYTES;
        if (bytes < size)
            bytes = size;
        b = xmalloc(sizeof *b + bytes);
        b->size = bytes;
        b->used = 0;
        b->next = a->head;
        a->head = b;
    }
    void *p = (char *)b->data + b->used;
    b->used += size;
    memset(p, 0, size);
    return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    if (!s)
        return NULL;
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

void arena_release(struct arena *a)
{
    struct arena_block *b = a->head;
    while (b) {
        struct arena_block *next = b->next;
        free(b);
        b = next;
    }
    a->head = NULL;
}

#ifdef __SANITIZE_ADDRESS__
/* LeakSanitizer: leaks inside system libraries that gkapub cannot free. fontconfig 2.14
 * (Debian 12) keeps the character sets of fonts added with FcConfigAppFontAddFile, and
 * its default configuration, after FcConfigDestroy and FcFini. Its frames carry no frame
 * pointers, so the stack ends inside the library and only its name can be matched. */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfontconfig.so\n";
}

const char *__lsan_default_options(void);
const char *__lsan_default_options(void)
{
    return "print_suppressions=0";
}
#endif

/* ---- keymap ---- */

struct keymap_entry {
    struct keymap_entry *next;
    uint64_t hash;
    void *value;
    size_t len;
    unsigned char key[];
};

static uint64_t keymap_hash(const void *key, size_t len)
{
    const unsigned char *k = key;
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++)
        h = (h ^ k[i]) * 1099511628211ULL;
    return h;
}

void keymap_init(struct keymap *m)
{
    memset(m, 0, sizeof *m);
    arena_init(&m->arena);
}

void *keymap_get(const struct keymap *m, const void *key, size_t len)
{
    if (!m->nbuckets)
        return NULL;
    uint64_t h = keymap_hash(key, len);
    for (const struct keymap_entry *en = m->buckets[h & (m->nbuckets - 1)]; en; en = en->next)
        if (en->hash == h && en->len == len && memcmp(en->key, key, len) == 0)
            return en->value;
    return NULL;
}

void keymap_put(struct keymap *m, const void *key, size_t len, void *value)
{
    if (m->count * 2 >= m->nbuckets) {
        size_t nb = m->nbuckets ? m->nbuckets * 2 : 256;
        struct keymap_entry **buckets = xcalloc(nb, sizeof *buckets);
        for (size_t b = 0; b < m->nbuckets; b++)
            for (struct keymap_entry *en = m->buckets[b], *next; en; en = next) {
                next = en->next;
                en->next = buckets[en->hash & (nb - 1)];
                buckets[en->hash & (nb - 1)] = en;
            }
        free(m->buckets);
        m->buckets = buckets;
        m->nbuckets = nb;
    }
    struct keymap_entry *en = arena_alloc(&m->arena, sizeof *en + len);
    en->hash = keymap_hash(key, len);
    en->value = value;
    en->len = len;
    memcpy(en->key, key, len);
    en->next = m->buckets[en->hash & (m->nbuckets - 1)];
    m->buckets[en->hash & (m->nbuckets - 1)] = en;
    m->count++;
}

void keymap_each(const struct keymap *m, void (*each)(void *value, void *ud), void *ud)
{
    for (size_t b = 0; b < m->nbuckets; b++)
        for (const struct keymap_entry *en = m->buckets[b]; en; en = en->next)
            each(en->value, ud);
}

void keymap_release(struct keymap *m)
{
    free(m->buckets);
    arena_release(&m->arena);
    memset(m, 0, sizeof *m);
}
