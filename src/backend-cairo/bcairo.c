/* bcairo.c: replays a display list into cairo: a tagged PDF with links, named
 * destinations, outline, page labels and metadata, or one PNG per page. */
#include "bcairo.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cairo-ft.h>
#include <cairo-pdf.h>
#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <librsvg/rsvg.h>

#include "images.h"

enum { MAX_TAG_DEPTH = 64, MAX_PENDING_DESTS = 16 };

struct bcairo {
    struct backend base;
    bool pdf;
    char *path;                 /* the PDF's name in messages, or the PNG prefix */
    struct strbuf *out;         /* the PDF's bytes */
    double scale;               /* PNG: pixels per point */
    const struct dl_document *doc;
    cairo_surface_t *surface;
    cairo_t *cr;
    cairo_font_face_t **faces;  /* per doc font, created on first use */
    size_t nfaces;
    size_t page_index;
    const char *tags[MAX_TAG_DEPTH];
    int ntags;
    const char *pending_dests[MAX_PENDING_DESTS];
    int npending;
    cairo_surface_t **thumbs;   /* PNG: each page small, for the contact sheet */
    size_t nthumbs, thumbs_cap;
};

/* The contact sheet: every page THUMB_HEIGHT pixels high, as spreads (the first page on its
 * own, on the right, as a book opens), SHEET_WIDTH pixels wide at most. */
enum { THUMB_HEIGHT = 200, SHEET_WIDTH = 2400, SHEET_GAP = 24, SHEET_MARGIN = 24 };

static int fail(struct bcairo *b, const char *what)
{
    diag_error(b->base.ctx, b->path, 0, "%s", what);
    return -1;
}

static int check_cairo(struct bcairo *b)
{
    cairo_status_t st = b->cr ? cairo_status(b->cr) : cairo_surface_status(b->surface);
    if (st != CAIRO_STATUS_SUCCESS)
        return fail(b, cairo_status_to_string(st));
    return 0;
}

/* cairo's tag attributes are key='value' with ' and \ escaped. */
static void append_quoted(struct strbuf *sb, const char *key, const char *value)
{
    if (sb->len)
        sb_append(sb, " ");
    sb_printf(sb, "%s='", key);
    for (const char *p = value; *p; p++) {
        if (*p == '\'' || *p == '\\')
            sb_append(sb, "\\");
        sb_append_len(sb, p, 1);
    }
    sb_append(sb, "'");
}

/* A value that cairo 1.16 writes into the PDF as it is, inside parentheses (a link's
 * URI or file): escaped for PDF first, so that no text of the data becomes PDF syntax. */
static void append_pdf_quoted(struct strbuf *sb, const char *key, const char *value)
{
    struct strbuf escaped;
    sb_init(&escaped);
    dl_pdf_escape(&escaped, value);
    append_quoted(sb, key, escaped.data ? escaped.data : "");
    sb_release(&escaped);
}

/* A destination name, which cairo writes raw in one place and encoded in another. */
static int append_dest_name(struct bcairo *b, struct strbuf *sb, const char *key, const char *name)
{
    if (!dl_plain_name(name)) {
        diag_error(b->base.ctx, b->path, 0, "destination name \"%s\" holds characters a PDF name tree cannot "
                   "take as they are", name ? name : "");
        return -1;
    }
    append_quoted(sb, key, name);
    return 0;
}

/* cairo hands its output here: the PDF is finished in memory and written by finishing */
static cairo_status_t append_output(void *closure, const unsigned char *data, unsigned int length)
{
    sb_append_len(closure, (const char *)data, length);
    return CAIRO_STATUS_SUCCESS;
}

static cairo_font_face_t *font_face(struct bcairo *b, uint32_t index)
{
    if (index >= b->doc->nfonts)
        return NULL;
    if (index >= b->nfaces) {
        /* a document streamed page by page gains fonts as it goes */
        size_t had = b->nfaces;
        xgrow(&b->faces, &b->nfaces, b->doc->nfonts, sizeof *b->faces);
        memset(b->faces + had, 0, (b->nfaces - had) * sizeof *b->faces);
    }
    if (!b->faces[index]) {
        const struct dl_font *f = &b->doc->fonts[index];
        /* A face made from a file pattern is opened and owned by cairo, which caches it
         * beyond this document and locks it across threads; an FT_Face of our own could
         * be freed while cairo's cache still holds it. */
        FcPattern *pattern = FcPatternCreate();
        FcPatternAddString(pattern, FC_FILE, (const FcChar8 *)f->file);
        FcPatternAddInteger(pattern, FC_INDEX, f->face_index);
        cairo_font_face_t *cf = cairo_ft_font_face_create_for_pattern(pattern);
        FcPatternDestroy(pattern);
        if (cairo_font_face_status(cf) != CAIRO_STATUS_SUCCESS) {
            cairo_font_face_destroy(cf);
            diag_error(b->base.ctx, f->file, 0, "cannot load the font file");
            return NULL;
        }
        b->faces[index] = cf;
    }
    return b->faces[index];
}

static int begin_document(struct backend *be, const struct dl_document *doc)
{
    struct bcairo *b = (struct bcairo *)be;
    b->doc = doc;
    if (!b->pdf)
        return 0;
    float w = doc->npages ? doc->pages[0].width : 595, h = doc->npages ? doc->pages[0].height : 842;
    b->surface = cairo_pdf_surface_create_for_stream(append_output, b->out, ceil(w), ceil(h));
    if (cairo_surface_status(b->surface) != CAIRO_STATUS_SUCCESS)
        return fail(b, "cannot create the PDF file");
    cairo_pdf_surface_restrict_to_version(b->surface, CAIRO_PDF_VERSION_1_5);
    b->cr = cairo_create(b->surface);
    return check_cairo(b);
}

/* The metadata and the outline, which cairo writes when the file is finished: given then,
 * since a document streamed page by page has them complete only at its end. */
static int document_info(struct bcairo *b)
{
    const struct dl_document *doc = b->doc;
    const struct dl_metadata *m = &doc->meta;
    if (m->title)
        cairo_pdf_surface_set_metadata(b->surface, CAIRO_PDF_METADATA_TITLE, m->title);
    if (m->author)
        cairo_pdf_surface_set_metadata(b->surface, CAIRO_PDF_METADATA_AUTHOR, m->author);
    if (m->subject)
        cairo_pdf_surface_set_metadata(b->surface, CAIRO_PDF_METADATA_SUBJECT, m->subject);
    if (m->keywords)
        cairo_pdf_surface_set_metadata(b->surface, CAIRO_PDF_METADATA_KEYWORDS, m->keywords);
    if (m->creator)
        cairo_pdf_surface_set_metadata(b->surface, CAIRO_PDF_METADATA_CREATOR, m->creator);
    char date[32];
    time_t t = (time_t)m->date;
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    cairo_pdf_surface_set_metadata(b->surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
    cairo_pdf_surface_set_metadata(b->surface, CAIRO_PDF_METADATA_MOD_DATE, date);

    /* the outline: ids are handed out in order, parents come before children */
    int *ids = xcalloc(doc->noutline + 1, sizeof *ids);
    for (size_t i = 0; i < doc->noutline; i++) {
        const struct dl_outline_entry *e = &doc->outline[i];
        struct strbuf attrs;
        sb_init(&attrs);
        if (append_dest_name(b, &attrs, "dest", e->dest) != 0) {
            sb_release(&attrs);
            free(ids);
            return -1;
        }
        int parent = e->parent >= 0 ? ids[e->parent] : CAIRO_PDF_OUTLINE_ROOT;
        ids[i] = cairo_pdf_surface_add_outline(b->surface, parent, e->title, attrs.data,
                                               e->open ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
        sb_release(&attrs);
    }
    free(ids);
    return check_cairo(b);
}

static int begin_page(struct backend *be, const struct dl_page *page, size_t index)
{
    struct bcairo *b = (struct bcairo *)be;
    b->page_index = index;
    if (b->pdf) {
        /* page labels are written in finishing: cairo 1.16 loses their text. cairo clips
         * what it draws to whole points: on a page of whole points what reaches the edge
         * is drawn to it; finishing crops the page to its size */
        cairo_pdf_surface_set_size(b->surface, ceil(page->width), ceil(page->height));
        return check_cairo(b);
    }
    int w = (int)(page->width * b->scale + 0.5), h = (int)(page->height * b->scale + 0.5);
    b->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    b->cr = cairo_create(b->surface);
    cairo_set_source_rgb(b->cr, 1, 1, 1);
    cairo_paint(b->cr);
    cairo_scale(b->cr, b->scale, b->scale);
    return check_cairo(b);
}

static void begin_dests(struct bcairo *b)
{
    for (int i = 0; i < b->npending; i++) {
        struct strbuf attrs;
        sb_init(&attrs);
        append_quoted(&attrs, "name", b->pending_dests[i]); /* checked plain in dest() */
        cairo_tag_begin(b->cr, CAIRO_TAG_DEST, attrs.data);
        sb_release(&attrs);
    }
}

static void end_dests(struct bcairo *b)
{
    for (int i = 0; i < b->npending; i++)
        cairo_tag_end(b->cr, CAIRO_TAG_DEST);
    b->npending = 0;
}

static void set_colour(cairo_t *cr, const struct dl_colour *c)
{
    cairo_set_source_rgb(cr, c->rgb[0], c->rgb[1], c->rgb[2]);
}

static int glyphs(struct backend *be, const struct dl_glyphs *g)
{
    struct bcairo *b = (struct bcairo *)be;
    cairo_font_face_t *face = font_face(b, g->font);
    if (!face)
        return -1;
    cairo_glyph_t *cg = xmalloc((g->n + 1) * sizeof *cg);
    cairo_text_cluster_t *cl = xmalloc((g->n + 2) * sizeof *cl);
    int ncl = 0;
    bool monotonic = true;
    for (uint32_t i = 0; i < g->n; i++) {
        cg[i].index = g->gid[i];
        cg[i].x = g->pos[i].x;
        cg[i].y = g->pos[i].y;
        if (i && g->cluster[i] < g->cluster[i - 1])
            monotonic = false;
    }
    if (monotonic && g->n && g->cluster[g->n - 1] < g->utf8_len) {
        /* bytes before the first glyph (an empty glyph was dropped) form a glyphless cluster */
        if (g->cluster[0] > 0)
            cl[ncl++] = (cairo_text_cluster_t){ (int)g->cluster[0], 0 };
        for (uint32_t i = 0; i < g->n;) {
            uint32_t j = i;
            while (j < g->n && g->cluster[j] == g->cluster[i])
                j++;
            uint32_t next = j < g->n ? g->cluster[j] : g->utf8_len;
            cl[ncl++] = (cairo_text_cluster_t){ (int)(next - g->cluster[i]), (int)(j - i) };
            i = j;
        }
    } else {
        cl[ncl++] = (cairo_text_cluster_t){ (int)g->utf8_len, (int)g->n };
    }
    begin_dests(b);
    cairo_set_font_face(b->cr, face);
    cairo_set_font_size(b->cr, g->size);
    set_colour(b->cr, &g->fill);
    cairo_show_text_glyphs(b->cr, g->utf8, (int)g->utf8_len, cg, (int)g->n, cl, ncl, 0);
    end_dests(b);
    free(cg);
    free(cl);
    return check_cairo(b);
}

static int path(struct backend *be, const struct dl_path *p)
{
    struct bcairo *b = (struct bcairo *)be;
    cairo_t *cr = b->cr;
    cairo_new_path(cr);
    const struct dl_point *pt = p->pts;
    for (uint32_t i = 0; i < p->nops; i++) {
        switch (p->ops[i]) {
        case DL_MOVE: cairo_move_to(cr, pt->x, pt->y); pt++; break;
        case DL_LINE: cairo_line_to(cr, pt->x, pt->y); pt++; break;
        case DL_CURVE: cairo_curve_to(cr, pt[0].x, pt[0].y, pt[1].x, pt[1].y, pt[2].x, pt[2].y); pt += 3; break;
        case DL_CLOSE: cairo_close_path(cr); break;
        }
    }
    begin_dests(b);
    if (p->fill) {
        set_colour(cr, &p->fill_colour);
        if (p->stroke)
            cairo_fill_preserve(cr);
        else
            cairo_fill(cr);
    }
    if (p->stroke) {
        set_colour(cr, &p->stroke_colour);
        cairo_set_line_width(cr, p->line_width);
        cairo_stroke(cr);
    }
    end_dests(b);
    return check_cairo(b);
}

/* A cairo surface of the pixels, premultiplied as cairo keeps them. */
static cairo_surface_t *surface_of(const struct img_pixels *px)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, px->width, px->height);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
        return s;
    unsigned char *data = cairo_image_surface_get_data(s);
    int stride = cairo_image_surface_get_stride(s);
    for (int y = 0; y < px->height; y++) {
        uint32_t *row = (uint32_t *)(void *)(data + (size_t)y * (size_t)stride);
        const unsigned char *p = px->rgba + (size_t)y * (size_t)px->width * 4;
        for (int x = 0; x < px->width; x++, p += 4) {
            uint32_t a = p[3];
            uint32_t r = (p[0] * a + 127) / 255, g = (p[1] * a + 127) / 255, bl = (p[2] * a + 127) / 255;
            row[x] = a << 24 | r << 16 | g << 8 | bl;
        }
    }
    cairo_surface_mark_dirty(s);
    return s;
}

/* An image cut to clip: an SVG drawn as vectors by librsvg; a PNG or JPEG from its pixels,
 * and a JPEG embedded in the PDF as the file's own bytes. */
static int image(struct backend *be, const struct dl_image *im, struct dl_rect clip)
{
    struct bcairo *b = (struct bcairo *)be;
    cairo_t *cr = b->cr;
    size_t len = 0;
    enum img_format format;
    unsigned char *bytes = img_read_again(be->ctx, im->path, &len, &format);
    if (!bytes)
        return -1;
    int rc = 0;
    cairo_save(cr);
    cairo_rectangle(cr, clip.x, clip.y, clip.w, clip.h);
    cairo_clip(cr);
    begin_dests(b);
    if (format == IMG_SVG) {
        RsvgHandle *h = rsvg_handle_new_from_data(bytes, len, NULL);
        RsvgRectangle viewport = { im->rect.x, im->rect.y, im->rect.w, im->rect.h };
        if (!h || !rsvg_handle_render_document(h, cr, &viewport, NULL))
            rc = -1;
        if (h)
            g_object_unref(h);
        free(bytes);
    } else {
        struct img_pixels px;
        cairo_surface_t *s = NULL;
        if (img_decode(bytes, len, 0, 0, &px) == 0) {
            s = surface_of(&px);
            img_pixels_release(&px);
        }
        if (!s || cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
            rc = -1;
            free(bytes);
        } else {
            if (format == IMG_JPEG) /* cairo takes the bytes, and embeds them as they are */
                cairo_surface_set_mime_data(s, CAIRO_MIME_TYPE_JPEG, bytes, len, free, bytes);
            else
                free(bytes);
            cairo_translate(cr, im->rect.x, im->rect.y);
            cairo_scale(cr, im->rect.w / cairo_image_surface_get_width(s),
                        im->rect.h / cairo_image_surface_get_height(s));
            cairo_set_source_surface(cr, s, 0, 0);
            cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
            cairo_paint(cr);
        }
        if (s)
            cairo_surface_destroy(s);
    }
    end_dests(b);
    cairo_restore(cr);
    if (rc != 0) {
        diag_error(be->ctx, im->path, 0, "cannot draw the image");
        return -1;
    }
    return check_cairo(b);
}

static int link_begin(struct backend *be, const struct dl_link *l)
{
    struct bcairo *b = (struct bcairo *)be;
    struct strbuf attrs;
    sb_init(&attrs);
    if (l->uri) {
        append_pdf_quoted(&attrs, "uri", l->uri);
    } else if (l->dest) {
        if (append_dest_name(b, &attrs, "dest", l->dest) != 0) {
            sb_release(&attrs);
            return -1;
        }
    } else if (l->file) {
        append_pdf_quoted(&attrs, "file", l->file); /* a page or dest with file= is added in finishing */
    }
    if (l->area_known) /* a link that draws nothing of its own (one lifted out of a figure) */
        sb_printf(&attrs, " rect=[%.3f %.3f %.3f %.3f]", l->area.x, l->area.y, l->area.w, l->area.h);
    cairo_tag_begin(b->cr, CAIRO_TAG_LINK, attrs.data);
    sb_release(&attrs);
    return check_cairo(b);
}

static int link_end(struct backend *be)
{
    struct bcairo *b = (struct bcairo *)be;
    cairo_tag_end(b->cr, CAIRO_TAG_LINK);
    return check_cairo(b);
}

static int dest(struct backend *be, const struct dl_dest *d)
{
    struct bcairo *b = (struct bcairo *)be;
    if (b->npending == MAX_PENDING_DESTS)
        return fail(b, "too many destinations at one place");
    if (!dl_plain_name(d->name))
        return fail(b, "a destination name holds characters a PDF name tree cannot take as they are");
    b->pending_dests[b->npending++] = d->name;
    return 0;
}

static int tag_begin(struct backend *be, const struct dl_tag *t)
{
    struct bcairo *b = (struct bcairo *)be;
    if (b->ntags == MAX_TAG_DEPTH)
        return fail(b, "structure nested too deeply");
    const char *role = dl_is_artifact(t) ? BCAIRO_ARTIFACT_TYPE : t->role;
    b->tags[b->ntags++] = role;
    cairo_tag_begin(b->cr, role, NULL);
    return check_cairo(b);
}

static int tag_end(struct backend *be)
{
    struct bcairo *b = (struct bcairo *)be;
    if (b->ntags == 0)
        return fail(b, "a structure tag ends that never began");
    cairo_tag_end(b->cr, b->tags[--b->ntags]);
    return check_cairo(b);
}

/* A small copy of the page just drawn, for the contact sheet. */
static void keep_thumb(struct bcairo *b)
{
    int w = cairo_image_surface_get_width(b->surface), h = cairo_image_surface_get_height(b->surface);
    if (w <= 0 || h <= 0)
        return;
    double s = (double)THUMB_HEIGHT / h;
    cairo_surface_t *t = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(w * s + 0.5), THUMB_HEIGHT);
    cairo_t *cr = cairo_create(t);
    cairo_scale(cr, s, s);
    cairo_set_source_surface(cr, b->surface, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
    cairo_destroy(cr);
    xgrow(&b->thumbs, &b->thumbs_cap, b->nthumbs + 1, sizeof *b->thumbs);
    b->thumbs[b->nthumbs++] = t;
}

/* Writes prefix-overzicht.png: all pages side by side, as spreads, for a reviewer to see
 * the whole publication at once. */
static int write_contact_sheet(struct bcairo *b)
{
    if (!b->nthumbs)
        return 0;
    int tw = cairo_image_surface_get_width(b->thumbs[0]);
    int spread = 2 * tw, per_row = (SHEET_WIDTH - 2 * SHEET_MARGIN + SHEET_GAP) / (spread + SHEET_GAP);
    if (per_row < 1)
        per_row = 1;
    size_t nspreads = b->nthumbs / 2 + 1; /* page 1 alone, then 2-3, 4-5, ... */
    int rows = (int)((nspreads + (size_t)per_row - 1) / (size_t)per_row);
    int width = 2 * SHEET_MARGIN + per_row * spread + (per_row - 1) * SHEET_GAP;
    int height = 2 * SHEET_MARGIN + rows * THUMB_HEIGHT + (rows - 1) * SHEET_GAP;
    cairo_surface_t *sheet = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
    cairo_t *cr = cairo_create(sheet);
    cairo_set_source_rgb(cr, 0.82, 0.84, 0.86); /* a light grey table, so white pages show */
    cairo_paint(cr);
    for (size_t i = 0; i < b->nthumbs; i++) {
        size_t s = (i + 1) / 2; /* the spread of page i + 1 */
        int col = (int)(s % (size_t)per_row), row = (int)(s / (size_t)per_row);
        int x = SHEET_MARGIN + col * (spread + SHEET_GAP) + (i % 2 == 0 ? tw : 0);
        int y = SHEET_MARGIN + row * (THUMB_HEIGHT + SHEET_GAP);
        cairo_set_source_surface(cr, b->thumbs[i], x, y);
        cairo_paint(cr);
    }
    cairo_destroy(cr);
    int rc = 0;
    struct strbuf path, bytes;
    sb_init(&path);
    sb_init(&bytes);
    sb_printf(&path, "%s-overzicht.png", b->path);
    if (cairo_surface_write_to_png_stream(sheet, append_output, &bytes) != CAIRO_STATUS_SUCCESS)
        rc = fail(b, "cannot make the contact sheet");
    else if (gka_write_file(b->base.ctx, path.data, bytes.data, bytes.len) != 0)
        rc = -1;
    sb_release(&path);
    sb_release(&bytes);
    cairo_surface_destroy(sheet);
    return rc;
}

static int end_page(struct backend *be)
{
    struct bcairo *b = (struct bcairo *)be;
    if (b->npending)
        return fail(b, "a destination at the end of a page marks nothing");
    if (b->pdf) {
        cairo_show_page(b->cr);
        return check_cairo(b);
    }
    int rc = check_cairo(b);
    if (rc == 0) {
        struct strbuf png, bytes;
        sb_init(&png);
        sb_init(&bytes);
        sb_printf(&png, "%s-%zu.png", b->path, b->page_index + 1);
        if (cairo_surface_write_to_png_stream(b->surface, append_output, &bytes) != CAIRO_STATUS_SUCCESS)
            rc = fail(b, "cannot make a PNG preview");
        else if (gka_write_file(b->base.ctx, png.data, bytes.data, bytes.len) != 0)
            rc = -1;
        sb_release(&png);
        sb_release(&bytes);
    }
    if (rc == 0)
        keep_thumb(b);
    cairo_destroy(b->cr);
    cairo_surface_destroy(b->surface);
    b->cr = NULL;
    b->surface = NULL;
    return rc;
}

static int finish(struct backend *be)
{
    struct bcairo *b = (struct bcairo *)be;
    if (!b->pdf)
        return write_contact_sheet(b);
    if (document_info(b) != 0)
        return -1;
    cairo_destroy(b->cr);
    b->cr = NULL;
    cairo_surface_finish(b->surface);
    int rc = check_cairo(b);
    cairo_surface_destroy(b->surface);
    b->surface = NULL;
    return rc;
}

static void free_backend(struct backend *be)
{
    struct bcairo *b = (struct bcairo *)be;
    if (b->cr)
        cairo_destroy(b->cr);
    if (b->surface)
        cairo_surface_destroy(b->surface);
    for (size_t i = 0; i < b->nfaces; i++)
        if (b->faces[i])
            cairo_font_face_destroy(b->faces[i]);
    free(b->faces);
    for (size_t i = 0; i < b->nthumbs; i++)
        cairo_surface_destroy(b->thumbs[i]);
    free(b->thumbs);
    free(b->path);
    free(b);
}

static const struct backend_ops pdf_ops = {
    .name = "cairo-pdf",
    .begin_document = begin_document,
    .begin_page = begin_page,
    .glyphs = glyphs,
    .path = path,
    .image = image,
    .link_begin = link_begin,
    .link_end = link_end,
    .dest = dest,
    .tag_begin = tag_begin,
    .tag_end = tag_end,
    .end_page = end_page,
    .finish = finish,
    .free = free_backend,
};

/* a preview shows; it has nothing to click and no structure */
static const struct backend_ops png_ops = {
    .name = "cairo-png",
    .begin_document = begin_document,
    .begin_page = begin_page,
    .glyphs = glyphs,
    .path = path,
    .image = image,
    .end_page = end_page,
    .finish = finish,
    .free = free_backend,
};

struct backend *bcairo_new_pdf(struct gka_ctx *ctx, const char *name, struct strbuf *out)
{
    struct bcairo *b = xcalloc(1, sizeof *b);
    b->base.ops = &pdf_ops;
    b->base.ctx = ctx;
    b->pdf = true;
    b->path = xstrdup(name);
    b->out = out;
    return &b->base;
}

struct backend *bcairo_new_png(struct gka_ctx *ctx, const char *path_prefix, double dpi)
{
    struct bcairo *b = xcalloc(1, sizeof *b);
    b->base.ops = &png_ops;
    b->base.ctx = ctx;
    b->path = xstrdup(path_prefix);
    b->scale = dpi / 72.0;
    return &b->base;
}
