/* replay.c: drives a backend through a display list, page by page, item by item. */
#include "backend.h"

#define CALL(be, slot, ...) ((be)->ops->slot ? (be)->ops->slot((be), ##__VA_ARGS__) : 0)

static int fail(struct backend *be, int rc)
{
    if (rc && !be->status)
        be->status = rc;
    return rc;
}

int dl_replay_begin(const struct dl_document *doc, struct backend *be)
{
    if (be->status)
        return -1;
    return fail(be, CALL(be, begin_document, doc)) ? -1 : 0;
}

int dl_replay_page(const struct dl_document *doc, size_t p, struct backend *be)
{
    if (be->status)
        return -1;
    const struct dl_page *page = &doc->pages[p];
    if (fail(be, CALL(be, begin_page, page, p)))
        return -1;
    for (size_t i = 0; i < page->nitems; i++) {
        const struct dl_item *it = &page->items[i];
        int rc = 0;
        switch (it->kind) {
        case DL_GLYPHS: rc = CALL(be, glyphs, &it->as.glyphs); break;
        case DL_PATH: rc = CALL(be, path, &it->as.path); break;
        case DL_IMAGE: rc = CALL(be, image, &it->as.image, it->bbox); break;
        case DL_LINK_BEGIN: rc = CALL(be, link_begin, &it->as.link); break;
        case DL_LINK_END: rc = CALL(be, link_end); break;
        case DL_DEST: rc = CALL(be, dest, &it->as.dest); break;
        case DL_TAG_BEGIN: rc = CALL(be, tag_begin, &it->as.tag); break;
        case DL_TAG_END: rc = CALL(be, tag_end); break;
        }
        if (fail(be, rc))
            return -1;
    }
    return fail(be, CALL(be, end_page)) ? -1 : 0;
}

int dl_replay_end(const struct dl_document *doc, struct backend *be)
{
    (void)doc;
    if (be->status)
        return -1;
    return fail(be, CALL(be, finish)) ? -1 : 0;
}

int dl_replay(const struct dl_document *doc, struct backend *be)
{
    if (dl_replay_begin(doc, be) != 0)
        return -1;
    for (size_t p = 0; p < doc->npages; p++)
        if (dl_replay_page(doc, p, be) != 0)
            return -1;
    return dl_replay_end(doc, be);
}

void backend_free(struct backend *be)
{
    if (be && be->ops->free)
        be->ops->free(be);
}
