/* backend.h: the interface every output (PDF, PNG, print PDF) implements, and the
 * replay that drives it. A backend only sees the display list. */
#ifndef GKA_BACKEND_H
#define GKA_BACKEND_H

#include "dl.h"

struct backend;

/* Each slot returns 0 or -1; a NULL slot is skipped (a PNG preview has no links). */
struct backend_ops {
    const char *name;
    int (*begin_document)(struct backend *, const struct dl_document *);
    int (*begin_page)(struct backend *, const struct dl_page *, size_t index);
    int (*glyphs)(struct backend *, const struct dl_glyphs *);
    int (*path)(struct backend *, const struct dl_path *);
    int (*image)(struct backend *, const struct dl_image *, struct dl_rect clip);
    int (*link_begin)(struct backend *, const struct dl_link *);
    int (*link_end)(struct backend *);
    int (*dest)(struct backend *, const struct dl_dest *);
    int (*tag_begin)(struct backend *, const struct dl_tag *);
    int (*tag_end)(struct backend *);
    int (*end_page)(struct backend *);
    int (*finish)(struct backend *);   /* flush and close; may fail */
    void (*free)(struct backend *);    /* never fails; NULL-safe */
};

struct backend {
    const struct backend_ops *ops;
    struct gka_ctx *ctx;
    int status;                        /* the first failure, sticky */
};

/* Replays the whole document into the backend and finishes it. Returns 0, or -1 at
 * the first failing call (kept in be->status; the backend says why in ctx). */
int dl_replay(const struct dl_document *doc, struct backend *be);

/* The same in steps, for a document written page by page as its pages become final:
 * begin (when the first page is there), each page in order, then end (when the document's
 * outline and metadata are complete), which finishes the backend. Each returns 0 or -1. */
int dl_replay_begin(const struct dl_document *doc, struct backend *be);
int dl_replay_page(const struct dl_document *doc, size_t page, struct backend *be);
int dl_replay_end(const struct dl_document *doc, struct backend *be);

/* Frees a backend through its ops; NULL-safe. */
void backend_free(struct backend *be);

#endif
