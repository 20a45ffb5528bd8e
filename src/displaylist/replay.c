/* replay.c: drives a backend through a display list, page by page, item by item. */
#include "backend.h"

#define CALL(be, slot, ...) ((be)->ops->slot ? (be)->ops->slot((be), ##__VA_ARGS__) : 0)

static int fail(struct backend *be, int rc)
{
    if (rc && !be->status)
        be->status = rc;
    return rc;
}

int dl_replay(const struct dl_document *doc, struct backend *be)
{
    if (be->status)
        return -1;
    if (fail(be, CALL(be, begin_document, doc)))
        return -1;
    for (size_t p = 0; p < doc->npages; p++) {
        const struct dl_page *page = &doc->pages[p];
        if (fail(be, CALL(be, begin_page, page, p)))
            return -1;
        for (size_t i = 0; i < page->nitems; i++) {
            const struct dl_item *it = &page->items[i];
            int rc = 0;
            switch (it->kind) {
            case DL_GLYPHS: rc = CALL(be, glyphs, &it->as.glyphs); break;
            case DL_PATH: rc = CALL(be, path, &it->as.path); break;
            case DL_LINK_BEGIN: rc = CALL(be, link_begin, &it->as.link); break;
            case DL_LINK_END: rc = CALL(be, link_end); break;
            case DL_DEST: rc = CALL(be, dest, &it->as.dest); break;
            case DL_TAG_BEGIN: rc = CALL(be, tag_begin, &it->as.tag); break;
            case DL_TAG_END: rc = CALL(be, tag_end); break;
            }
            if (fail(be, rc))
                return -1;
        }
        if (fail(be, CALL(be, end_page)))
            return -1;
    }
    return fail(be, CALL(be, finish)) ? -1 : 0;
}

void backend_free(struct backend *be)
{
    if (be && be->ops->free)
        be->ops->free(be);
}
