/* dl.c: building a display list: documents, pages, items, fonts and the outline. */
#include "dl.h"

#include <stdlib.h>
#include <string.h>

struct dl_document *dl_new(void)
{
    struct dl_document *doc = xcalloc(1, sizeof *doc);
    arena_init(&doc->arena);
    return doc;
}

void dl_free(struct dl_document *doc)
{
    if (!doc)
        return;
    for (size_t i = 0; i < doc->npages; i++) {
        free(doc->pages[i].items);
        arena_release(&doc->pages[i].arena);
    }
    free(doc->pages);
    free(doc->fonts);
    free(doc->outline);
    arena_release(&doc->arena);
    free(doc);
}

char *dl_strdup(struct dl_document *doc, const char *s)
{
    return arena_strdup(&doc->arena, s);
}

void *dl_alloc(struct dl_document *doc, size_t size)
{
    return arena_alloc(&doc->arena, size);
}

void *dl_page_alloc(struct dl_page *page, size_t size)
{
    return arena_alloc(&page->arena, size);
}

float dl_dest_top(const struct dl_page *page, size_t i)
{
    if (page->items[i].as.dest.top_known)
        return page->items[i].as.dest.top;
    for (size_t k = i + 1; k < page->nitems; k++)
        if (page->items[k].bbox.w > 0)
            return page->items[k].bbox.y;
    return 0;
}

struct dl_rect dl_link_area(const struct dl_page *page, size_t i)
{
    if (page->items[i].as.link.area_known)
        return page->items[i].as.link.area;
    struct dl_rect area = { 0, 0, 0, 0 };
    float x1 = 0, y1 = 0;
    for (size_t k = i + 1; k < page->nitems && page->items[k].kind != DL_LINK_END; k++) {
        const struct dl_rect *b = &page->items[k].bbox;
        if (b->w <= 0 || b->h <= 0)
            continue;
        if (area.w <= 0) {
            area = *b;
            x1 = b->x + b->w, y1 = b->y + b->h;
        } else {
            x1 = b->x + b->w > x1 ? b->x + b->w : x1;
            y1 = b->y + b->h > y1 ? b->y + b->h : y1;
            area.x = b->x < area.x ? b->x : area.x;
            area.y = b->y < area.y ? b->y : area.y;
        }
        area.w = x1 - area.x, area.h = y1 - area.y;
    }
    return area;
}

void dl_page_drop_drawing(struct dl_page *page)
{
    size_t kept = 0;
    for (size_t i = 0; i < page->nitems; i++) {
        struct dl_item *it = &page->items[i];
        if (it->kind == DL_DEST) {
            it->as.dest.top = dl_dest_top(page, i);
            it->as.dest.top_known = true;
        }
        if (it->kind == DL_LINK_BEGIN) {
            it->as.link.area = dl_link_area(page, i);
            it->as.link.area_known = true;
        }
        if (it->kind != DL_GLYPHS && it->kind != DL_PATH && it->kind != DL_IMAGE)
            page->items[kept++] = *it;
    }
    page->nitems = page->cap = kept;
    page->items = xrealloc(page->items, (kept + 1) * sizeof *page->items);
    arena_release(&page->arena);
}

void dl_artifact_begin(struct dl_page *page, enum dl_artifact kind)
{
    struct dl_item *it = dl_push(page, DL_TAG_BEGIN);
    it->as.tag.role = "Artifact";
    it->as.tag.artifact = kind;
}

bool dl_is_artifact(const struct dl_tag *tag)
{
    return strcmp(tag->role, "Artifact") == 0;
}

void dl_page_send_back(struct dl_page *page, size_t from, size_t to)
{
    size_t n = page->nitems - from;
    if (from >= page->nitems || to >= from)
        return;
    struct dl_item *moved = xmalloc(n * sizeof *moved);
    memcpy(moved, page->items + from, n * sizeof *moved);
    memmove(page->items + to + n, page->items + to, (from - to) * sizeof *moved);
    memcpy(page->items + to, moved, n * sizeof *moved);
    free(moved);
}

/* Whether an element of role only groups others: a link may stand in it. */
static bool grouping_role(const char *role)
{
    static const char *const groups[] = { "Document", "Part", "Art", "Sect", "Div" };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++)
        if (strcmp(role, groups[g]) == 0)
            return true;
    return false;
}

size_t dl_page_outside_blocks(struct dl_open_tags *open, const struct dl_page *page)
{
    bool found = open->blocks == 0;
    size_t at = 0;
    for (size_t i = 0; i < page->nitems; i++) {
        const struct dl_item *it = &page->items[i];
        if (it->kind == DL_TAG_BEGIN) {
            if (open->n == open->cap)
                xgrow(&open->grouping, &open->cap, open->n + 1, sizeof *open->grouping);
            bool group = !dl_is_artifact(&it->as.tag) && grouping_role(it->as.tag.role);
            open->grouping[open->n++] = group;
            open->blocks += !group;
        } else if (it->kind == DL_TAG_END && open->n) {
            open->blocks -= !open->grouping[--open->n];
        } else {
            continue;
        }
        if (open->blocks == 0)
            at = i + 1, found = true;
    }
    return found ? at : page->nitems;
}

void dl_open_tags_release(struct dl_open_tags *open)
{
    free(open->grouping);
    *open = (struct dl_open_tags){ 0 };
}

void dl_fill_rect(struct dl_page *page, struct dl_rect r, const struct dl_colour *fill)
{
    uint8_t *ops = dl_page_alloc(page, 5);
    struct dl_point *pts = dl_page_alloc(page, 4 * sizeof *pts);
    ops[0] = DL_MOVE, ops[1] = DL_LINE, ops[2] = DL_LINE, ops[3] = DL_LINE, ops[4] = DL_CLOSE;
    pts[0] = (struct dl_point){ r.x, r.y };
    pts[1] = (struct dl_point){ r.x + r.w, r.y };
    pts[2] = (struct dl_point){ r.x + r.w, r.y + r.h };
    pts[3] = (struct dl_point){ r.x, r.y + r.h };
    struct dl_item *it = dl_push(page, DL_PATH);
    it->as.path = (struct dl_path){ .nops = 5, .ops = ops, .pts = pts, .fill = true, .fill_colour = *fill };
    it->bbox = r;
}

uint32_t dl_font(struct dl_document *doc, const char *file, int face_index)
{
    for (size_t i = 0; i < doc->nfonts; i++)
        if (doc->fonts[i].face_index == face_index && strcmp(doc->fonts[i].file, file) == 0)
            return (uint32_t)i;
    xgrow(&doc->fonts, &doc->fonts_cap, doc->nfonts + 1, sizeof *doc->fonts);
    doc->fonts[doc->nfonts].file = dl_strdup(doc, file);
    doc->fonts[doc->nfonts].face_index = face_index;
    return (uint32_t)doc->nfonts++;
}

struct dl_page *dl_add_page(struct dl_document *doc, float width, float height)
{
    xgrow(&doc->pages, &doc->pages_cap, doc->npages + 1, sizeof *doc->pages);
    struct dl_page *p = &doc->pages[doc->npages++];
    memset(p, 0, sizeof *p);
    p->width = width;
    p->height = height;
    return p;
}

struct dl_item *dl_push(struct dl_page *page, enum dl_kind kind)
{
    xgrow(&page->items, &page->cap, page->nitems + 1, sizeof *page->items);
    struct dl_item *it = &page->items[page->nitems++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

int dl_add_outline(struct dl_document *doc, const char *title, const char *dest, int parent)
{
    xgrow(&doc->outline, &doc->outline_cap, doc->noutline + 1, sizeof *doc->outline);
    struct dl_outline_entry *e = &doc->outline[doc->noutline];
    e->title = dl_strdup(doc, title);
    e->dest = dl_strdup(doc, dest);
    e->parent = parent;
    e->open = parent < 0;
    return (int)doc->noutline++;
}

static void *copy(struct dl_page *page, const void *src, size_t size)
{
    if (!src || !size)
        return NULL;
    void *p = dl_page_alloc(page, size);
    memcpy(p, src, size);
    return p;
}

static size_t path_points(const struct dl_path *p)
{
    size_t n = 0;
    for (uint32_t i = 0; i < p->nops; i++)
        n += p->ops[i] == DL_CURVE ? 3 : p->ops[i] == DL_CLOSE ? 0 : 1;
    return n;
}

float dl_page_bleed(const struct dl_page *page)
{
    return page->bleed > 0 ? page->bleed : 8.5039f; /* 3 mm */
}

void dl_append(struct dl_document *dst, const struct dl_document *src)
{
    uint32_t *fonts = xcalloc(src->nfonts + 1, sizeof *fonts);
    for (size_t i = 0; i < src->nfonts; i++)
        fonts[i] = dl_font(dst, src->fonts[i].file, src->fonts[i].face_index);
    for (size_t p = 0; p < src->npages; p++) {
        const struct dl_page *sp = &src->pages[p];
        struct dl_page *dp = dl_add_page(dst, sp->width, sp->height);
        dp->bleed = sp->bleed;
        dp->label = dl_strdup(dst, sp->label);
        for (size_t i = 0; i < sp->nitems; i++) {
            const struct dl_item *si = &sp->items[i];
            struct dl_item *di = dl_push(dp, si->kind);
            *di = *si;
            switch (si->kind) {
            case DL_GLYPHS: {
                struct dl_glyphs *g = &di->as.glyphs;
                g->font = fonts[si->as.glyphs.font];
                g->gid = copy(dp, g->gid, g->n * sizeof *g->gid);
                g->pos = copy(dp, g->pos, g->n * sizeof *g->pos);
                g->cluster = copy(dp, g->cluster, g->n * sizeof *g->cluster);
                g->utf8 = arena_strndup(&dp->arena, g->utf8, g->utf8_len);
                break;
            }
            case DL_PATH: {
                struct dl_path *path = &di->as.path;
                path->pts = copy(dp, path->pts, path_points(&si->as.path) * sizeof *path->pts);
                path->ops = copy(dp, path->ops, path->nops);
                break;
            }
            case DL_IMAGE:
                di->as.image.path = arena_strdup(&dp->arena, si->as.image.path);
                break;
            case DL_LINK_BEGIN: {
                struct dl_link *l = &di->as.link;
                l->uri = dl_strdup(dst, l->uri);
                l->dest = dl_strdup(dst, l->dest);
                l->file = dl_strdup(dst, l->file);
                l->file_dest = dl_strdup(dst, l->file_dest);
                l->description = dl_strdup(dst, l->description);
                break;
            }
            case DL_DEST:
                di->as.dest.name = dl_strdup(dst, si->as.dest.name);
                break;
            case DL_TAG_BEGIN:
                di->as.tag.role = dl_strdup(dst, si->as.tag.role);
                di->as.tag.alt = dl_strdup(dst, si->as.tag.alt);
                di->as.tag.scope = dl_strdup(dst, si->as.tag.scope);
                di->as.tag.lang = dl_strdup(dst, si->as.tag.lang);
                break;
            default:
                break;
            }
            /* dl_push may have moved dp's items: di stays valid until the next push */
        }
    }
    int offset = (int)dst->noutline;
    for (size_t i = 0; i < src->noutline; i++) {
        const struct dl_outline_entry *e = &src->outline[i];
        int idx = dl_add_outline(dst, e->title, e->dest, e->parent >= 0 ? e->parent + offset : -1);
        dst->outline[idx].open = e->open;
    }
    free(fonts);
}

void dl_pdf_escape(struct strbuf *sb, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
        if (*p == '(' || *p == ')' || *p == '\\') {
            char esc[2] = { '\\', (char)*p };
            sb_append_len(sb, esc, 2);
        } else if (*p < 0x20 || *p >= 0x7F) {
            sb_printf(sb, "\\%03o", *p);
        } else {
            sb_append_len(sb, (const char *)p, 1);
        }
    }
}

bool dl_plain_name(const char *s)
{
    if (!s || !*s)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
              *s == '-' || *s == '_' || *s == '.'))
            return false;
    return true;
}
