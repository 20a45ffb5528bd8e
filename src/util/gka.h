/* gka.h: what every module shares: the run context with its diagnostics,
 * allocation that never returns NULL, a growable string buffer and an arena. */
#ifndef GKA_H
#define GKA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define GKA_VERSION "0.1.0"

/* ---- allocation: out of memory is not an error path; these abort ---- */
void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
char *xstrdup(const char *s);
/* Grows *items (of *cap elements of elem_size) so that it holds at least need elements. */
void xgrow(void *items_ptr, size_t *cap, size_t need, size_t elem_size);

/* ---- diagnostics: problems in the input, reported all at once ---- */
enum diag_level { DIAG_ERROR, DIAG_WARNING };

struct diag {
    enum diag_level level;
    char *path;   /* the file the problem is in; may be NULL */
    long line;    /* 1-based; 0 when unknown */
    char *message;
};

/* The context of one run (or of one worker): diagnostics and settings.
 * Functions that report problems or do I/O take it first. */
struct gka_ctx {
    struct diag *diags;
    size_t ndiags, diags_cap;
    size_t nerrors;
    size_t unkept, unkept_errors;  /* past DIAG_KEEP_MAX: counted, not kept */
    bool quiet;
};

void gka_ctx_init(struct gka_ctx *ctx);
/* Releases the diagnostics; the ctx itself belongs to the caller. */
void gka_ctx_release(struct gka_ctx *ctx);

/* Records a problem at path:line (path may be NULL, line 0 when unknown). */
void diag_add(struct gka_ctx *ctx, enum diag_level level, const char *path, long line,
              const char *fmt, ...) __attribute__((format(printf, 5, 6)));
#define diag_error(ctx, path, line, ...) diag_add((ctx), DIAG_ERROR, (path), (line), __VA_ARGS__)
#define diag_warning(ctx, path, line, ...) diag_add((ctx), DIAG_WARNING, (path), (line), __VA_ARGS__)

/* Writes the diagnostics as "path:line: error: message", in the order they were found
 * (the first DIAG_PRINT_MAX of them, then how many more there are), and clears the list.
 * Returns the number of errors, shown or not. A run keeps at most DIAG_KEEP_MAX of them
 * and only counts the rest, so that a file that repeats a mistake a million times costs
 * no memory. */
enum { DIAG_PRINT_MAX = 500, DIAG_KEEP_MAX = 10000 };
size_t diag_print(struct gka_ctx *ctx, FILE *out);

/* ---- files: written whole or not at all ---- */

/* Puts data at path: written to a temporary file in the same folder, synced, renamed
 * over path and the folder synced. On any failure (a full disk, no permission) the
 * temporary file is removed, whatever was at path stays as it was, and the problem is
 * in ctx with the reason. Returns 0 or -1. Safe to call from several threads. */
int gka_write_file(struct gka_ctx *ctx, const char *path, const void *data, size_t len);

/* Makes SIGINT, SIGTERM and SIGHUP remove the temporary files being written before the
 * process ends as the signal says. */
void gka_files_on_signals(void);

/* Removes the temporary files that an earlier gkapub, killed while writing, left in dir. */
void gka_remove_stale_temps(const char *dir);

/* 0 when a file can be created in dir; otherwise -1 with the reason in ctx. */
int gka_check_writable_dir(struct gka_ctx *ctx, const char *dir);

/* The bytes of s's longest prefix of at most max bytes that ends between two UTF-8
 * characters, for quoting a piece of text in a message. */
size_t gka_utf8_prefix(const char *s, size_t max);

/* The bytes of the UTF-8 character that begins with byte lead (1 to 4). */
size_t gka_utf8_char_len(unsigned char lead);

/* ---- strbuf: a growable NUL-terminated string ---- */
struct strbuf {
    char *data;
    size_t len, cap;
};
void sb_init(struct strbuf *sb);
void sb_append(struct strbuf *sb, const char *s);
void sb_append_len(struct strbuf *sb, const char *s, size_t n);
void sb_printf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Hands the string to the caller (who frees it) and empties the buffer. */
char *sb_take(struct strbuf *sb);
void sb_release(struct strbuf *sb);

/* ---- arena: many small allocations freed at once ---- */
struct arena_block;
struct arena {
    struct arena_block *head;
};
void arena_init(struct arena *a);
void *arena_alloc(struct arena *a, size_t size);       /* zeroed, aligned for any type */
char *arena_strdup(struct arena *a, const char *s);    /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
void arena_release(struct arena *a);

/* ---- keymap: byte-string keys to values, for caches ---- */
struct keymap_entry;
struct keymap {
    struct keymap_entry **buckets;
    size_t nbuckets, count;
    struct arena arena;         /* the entries and their keys; values may live here too */
};
void keymap_init(struct keymap *m);
/* The value stored under key[0..len), or NULL. */
void *keymap_get(const struct keymap *m, const void *key, size_t len);
/* Stores value under key[0..len) (copied), which must not be in the map yet. */
void keymap_put(struct keymap *m, const void *key, size_t len, void *value);
/* Calls each(value, ud) for every value, in no particular order. */
void keymap_each(const struct keymap *m, void (*each)(void *value, void *ud), void *ud);
void keymap_release(struct keymap *m);

#endif
