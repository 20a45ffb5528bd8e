/* common.h: what the publications share: rich text from the model into styled text,
 * running headers and footers, and writing the finished PDF (private to publications). */
#ifndef GKA_PUB_COMMON_H
#define GKA_PUB_COMMON_H

#include "dl.h"
#include "layouts.h"
#include "model.h"
#include "pub.h"
#include "typeset.h"

/* A number as Dutch text: 1.234 */
void pub_number(char *buf, size_t size, long value);

/* Appends inline content (text, em, strong, a, br, getal) to t. */
void pub_inline(struct ts_text *t, const struct content *c, unsigned flags, const struct dl_colour *link_colour);

/* Appends block content (p, h, ul, ol) as paragraphs: p in body, h in heading, list items in list. */
void pub_blocks(struct ts_flow *f, const struct content *c, const struct ts_style *body,
                const struct ts_style *heading, const struct ts_style *list,
                const struct dl_colour *link_colour);

/* Appends a paragraph of plain text and returns it, for more spans or a dest. */
struct ts_block *pub_para(struct ts_flow *f, const struct ts_style *style, const char *role, const char *text);

/* Draws the running header (left: left_text, right: the page's mark) and footer (page
 * number) on every page whose master has them, and labels the pages 1, 2, ... */
void pub_running(struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l,
                 struct dl_document *doc, const struct ts_result *r, const char *left_text,
                 const char *footer_text);

/* The master lookup for ts_flow_run over a layout. */
const struct ts_master *pub_master_lookup(const void *layout, const char *name);

/* Replays doc into a PDF, finishes it and puts it at path; with preview "png" also writes
 * path-without-.pdf-<n>.png. Returns 0 or -1; never leaves a half-written file at path. */
int pub_write(struct gka_ctx *ctx, const struct dl_document *doc, const char *path, const char *preview);

#endif
