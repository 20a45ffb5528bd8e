/* bharu.c: replays a display list into libharu for the print edition: every colour in
 * CMYK, each page the trim size plus a bleed on every side, backgrounds that touch the
 * trim edge extended into the bleed, crop marks outside the trim, fonts embedded, the
 * outline kept. Glyphs are placed one by one at the positions Pango chose. */
#include "bharu.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <hpdf.h>

#include "images.h"

/* The slug beyond the bleed, where the crop marks and the registration line go: 9 mm. The
 * marks begin 2 pt beyond the bleed (3.7 mm from the trim) and are 5 mm long. */
static const float SLUG = 25.5118f;
static const float MARK_GAP = 2.0f, MARK_LENGTH = 14.1732f;

struct bharu {
    struct backend base;
    char *path;                 /* the file's name in messages */
    struct strbuf *out;         /* the PDF's bytes */
    HPDF_Doc pdf;
    const struct dl_document *doc;
    const struct img_cmyk_profile *profile; /* the press's: images are converted to it */
    HPDF_Font *fonts;           /* per doc font, loaded on first use */
    int16_t **widths;           /* per doc font, per BMP character: its width, -1 unknown yet */
    size_t fonts_cap;           /* of fonts and widths: a document streamed page by page gains fonts */
    HPDF_Page page;
    HPDF_Page *pages;           /* for the outline's destinations */
    size_t pages_cap;
    const struct dl_page *dl_page;
    float bleed, width, height; /* the current page's bleed and trim size */
    size_t page_index;          /* of the current page, from 0 */
    HPDF_ExtGState overprints[2][2]; /* [fill][stroke]: whether that paint overprints */
    bool fill_overprints, stroke_overprints; /* as the current page's state has it */
    HPDF_STATUS error;
};

static void on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
    struct bharu *b = data;
    (void)detail;
    if (!b->error)
        b->error = error;
}

static int fail(struct bharu *b, const char *what)
{
    diag_error(b->base.ctx, b->path, 0, "%s (libharu error 0x%04X)", what, (unsigned)b->error);
    return -1;
}

static int check(struct bharu *b, const char *what)
{
    return b->error ? fail(b, what) : 0;
}

/* Page space (points from the trim's top-left, y down) to libharu's (from the media
 * box's bottom-left, y up): the media is the trim with the bleed and the slug around it. */
static float px(const struct bharu *b, float x)
{
    return x + b->bleed + SLUG;
}

static float py(const struct bharu *b, float y)
{
    return b->height + b->bleed + SLUG - y;
}

/* Black alone (100% K): it overprints, as a press has it, so that small text and hairlines
 * on a tint show no white edge where the plates are a hair out of register. */
static bool overprints(const struct dl_colour *c)
{
    return c->cmyk[0] == 0 && c->cmyk[1] == 0 && c->cmyk[2] == 0 && c->cmyk[3] >= 1;
}

/* The page's overprint state: fill and stroke each overprinting or not (/op, /OP), black's
 * empty inks leaving what is under them (/OPM 1). */
static void set_overprint(struct bharu *b, bool fill, bool stroke)
{
    if (fill == b->fill_overprints && stroke == b->stroke_overprints)
        return;
    HPDF_ExtGState *gs = &b->overprints[fill][stroke];
    if (!*gs) {
        *gs = HPDF_CreateExtGState(b->pdf);
        if (!*gs)
            return; /* the error handler has it */
        HPDF_Dict_AddBoolean(*gs, "op", fill ? HPDF_TRUE : HPDF_FALSE);
        HPDF_Dict_AddBoolean(*gs, "OP", stroke ? HPDF_TRUE : HPDF_FALSE);
        HPDF_Dict_AddNumber(*gs, "OPM", 1);
    }
    HPDF_Page_SetExtGState(b->page, *gs);
    b->fill_overprints = fill, b->stroke_overprints = stroke;
}

static int cmyk(struct bharu *b, const struct dl_colour *c, bool fill)
{
    if (!c->has_cmyk) {
        diag_error(b->base.ctx, b->path, 0,
                   "a colour (RGB %.0f %.0f %.0f) has no CMYK value: give it one in the huisstijl or the data",
                   c->rgb[0] * 255, c->rgb[1] * 255, c->rgb[2] * 255);
        return -1;
    }
    if (fill) {
        set_overprint(b, overprints(c), b->stroke_overprints);
        HPDF_Page_SetCMYKFill(b->page, c->cmyk[0], c->cmyk[1], c->cmyk[2], c->cmyk[3]);
    } else {
        set_overprint(b, b->fill_overprints, overprints(c));
        HPDF_Page_SetCMYKStroke(b->page, c->cmyk[0], c->cmyk[1], c->cmyk[2], c->cmyk[3]);
    }
    return 0;
}

static HPDF_Font font(struct bharu *b, uint32_t index)
{
    if (index >= b->doc->nfonts)
        return NULL;
    if (index >= b->fonts_cap) {
        size_t had = b->fonts_cap, cap = had;
        xgrow(&b->fonts, &cap, b->doc->nfonts, sizeof *b->fonts);
        xgrow(&b->widths, &b->fonts_cap, b->doc->nfonts, sizeof *b->widths);
        memset(b->fonts + had, 0, (b->fonts_cap - had) * sizeof *b->fonts);
        memset(b->widths + had, 0, (b->fonts_cap - had) * sizeof *b->widths);
    }
    if (!b->fonts[index]) {
        const char *name = HPDF_LoadTTFontFromFile(b->pdf, b->doc->fonts[index].file, HPDF_TRUE);
        if (name)
            b->fonts[index] = HPDF_GetFont(b->pdf, name, "UTF-8");
    }
    return b->fonts[index];
}

static int begin_document(struct backend *be, const struct dl_document *doc)
{
    struct bharu *b = (struct bharu *)be;
    b->doc = doc;
    b->pdf = HPDF_New(on_error, b);
    if (!b->pdf)
        return fail(b, "cannot start the print PDF");
    HPDF_UseUTFEncodings(b->pdf);
    HPDF_SetCompressionMode(b->pdf, HPDF_COMP_ALL);
    return check(b, "cannot start the print PDF");
}

/* At each corner two hairlines on the trim lines, outside the bleed, in registration
 * colour (every ink), so that every plate shows them. */
static void crop_marks(struct bharu *b)
{
    static const struct dl_colour registration = { .cmyk = { 1, 1, 1, 1 }, .has_cmyk = true };
    cmyk(b, &registration, false);
    HPDF_Page_SetLineWidth(b->page, 0.25f);
    float xs[2] = { 0, b->width }, ys[2] = { 0, b->height };
    float from = b->bleed + MARK_GAP, to = from + MARK_LENGTH;
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 2; k++) {
            float x = xs[i], y = ys[k];
            float dx = i == 0 ? -1 : 1, dy = k == 0 ? -1 : 1;
            HPDF_Page_MoveTo(b->page, px(b, x + dx * from), py(b, y));
            HPDF_Page_LineTo(b->page, px(b, x + dx * to), py(b, y));
            HPDF_Page_MoveTo(b->page, px(b, x), py(b, y + dy * from));
            HPDF_Page_LineTo(b->page, px(b, x), py(b, y + dy * to));
        }
    HPDF_Page_Stroke(b->page);
}

/* The registration line in the slug under the page, between the marks: the publication,
 * the page (its label and its place in the file), the date and the colour condition, so
 * that a loose sheet at the press is known. */
static void registration_line(struct bharu *b)
{
    HPDF_Font f = b->doc->nfonts > 0 ? font(b, 0) : NULL;
    if (!f)
        return;
    static const struct dl_colour black = { .cmyk = { 0, 0, 0, 1 }, .has_cmyk = true };
    char date[16] = "";
    time_t t = (time_t)b->doc->meta.date;
    struct tm tm;
    if (gmtime_r(&t, &tm))
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
    /* the page as numbered, and its place in the file where that differs */
    char page[192];
    const char *label = b->dl_page->label;
    char index[24];
    snprintf(index, sizeof index, "%zu", b->page_index + 1);
    if (!label || !*label)
        snprintf(page, sizeof page, "pdf-pagina %s", index);
    else if (strcmp(label, index) == 0)
        snprintf(page, sizeof page, "pagina %s", label);
    else
        snprintf(page, sizeof page, "pagina %s (pdf-pagina %s)", label, index);
    char line[512];
    snprintf(line, sizeof line, "%s \xc2\xb7 %s \xc2\xb7 %s \xc2\xb7 %s (PDF/X-4)",
             b->doc->meta.title ? b->doc->meta.title : "", page, date, b->profile->condition);
    cmyk(b, &black, true);
    HPDF_Page_BeginText(b->page);
    HPDF_Page_SetFontAndSize(b->page, f, 6);
    HPDF_Page_TextOut(b->page, px(b, 10 * 2.8346f), py(b, b->height + b->bleed + MARK_GAP + 10), line);
    HPDF_Page_EndText(b->page);
}

static int begin_page(struct backend *be, const struct dl_page *page, size_t index)
{
    struct bharu *b = (struct bharu *)be;
    b->dl_page = page;
    b->bleed = dl_page_bleed(page);
    b->page_index = index;
    b->width = page->width;
    b->height = page->height;
    b->page = HPDF_AddPage(b->pdf);
    b->fill_overprints = b->stroke_overprints = false; /* a page begins knocking out */
    xgrow(&b->pages, &b->pages_cap, index + 1, sizeof *b->pages);
    b->pages[index] = b->page;
    HPDF_Page_SetWidth(b->page, page->width + 2 * (b->bleed + SLUG));
    HPDF_Page_SetHeight(b->page, page->height + 2 * (b->bleed + SLUG));
    return check(b, "cannot add a page");
}

static int end_page(struct backend *be)
{
    struct bharu *b = (struct bharu *)be;
    crop_marks(b);
    registration_line(b);
    return check(b, "cannot draw the crop marks");
}

/* The character glyph i of g stands for, as UTF-8 in one (NUL-ended), and its length;
 * 0 for a glyph that is not the first of its cluster (the first stood for it). */
static uint32_t glyph_char(const struct dl_glyphs *g, uint32_t i, char one[8])
{
    uint32_t start = g->cluster[i];
    if (start >= g->utf8_len || (i > 0 && g->cluster[i - 1] == start))
        return 0;
    /* the cluster ends where the next one in the text begins; in a right-to-left run
     * the clusters run backwards, so that is the smallest start beyond this one */
    uint32_t end = g->utf8_len, k = i + 1;
    while (k < g->n && g->cluster[k] == start)
        k++;
    if (k < g->n && g->cluster[k] > start) {
        end = g->cluster[k]; /* left to right: the next glyph's */
    } else {
        for (k = 0; k < g->n; k++)
            if (g->cluster[k] > start && g->cluster[k] < end)
                end = g->cluster[k];
    }
    /* one character (a cluster of several shows its first) */
    uint32_t n = (uint32_t)gka_utf8_char_len((unsigned char)g->utf8[start]);
    if (start + n > end)
        n = end - start;
    memcpy(one, g->utf8 + start, n);
    one[n] = '\0';
    return n;
}

/* The advance libharu gives a character of font index at size: its width in the font
 * (kept, since libharu looks a character up by searching its cmap). */
static float char_advance(struct bharu *b, uint32_t index, HPDF_Font f, const char *one, float size)
{
    const unsigned char *u = (const unsigned char *)one;
    HPDF_UNICODE c = u[0];
    if (u[0] >= 0xE0 && u[1] && u[2])
        c = (HPDF_UNICODE)(((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F));
    else if (u[0] >= 0xC0 && u[1])
        c = (HPDF_UNICODE)(((u[0] & 0x1F) << 6) | (u[1] & 0x3F));
    else if (u[0] >= 0x80)
        return -1; /* beyond the Basic Multilingual Plane: placed on its own */
    if (!b->widths[index]) {
        b->widths[index] = xmalloc(65536 * sizeof **b->widths);
        memset(b->widths[index], 0xFF, 65536 * sizeof **b->widths);
    }
    int16_t *w = &b->widths[index][c];
    if (*w < 0)
        *w = (int16_t)HPDF_Font_GetUnicodeWidth(f, c);
    return (float)*w * size / 1000.0f;
}

static int glyphs(struct backend *be, const struct dl_glyphs *g)
{
    struct bharu *b = (struct bharu *)be;
    HPDF_Font f = font(b, g->font);
    if (!f)
        return fail(b, "cannot embed a font");
    if (cmyk(b, &g->fill, true) != 0)
        return -1;
    HPDF_Page_BeginText(b->page);
    HPDF_Page_SetFontAndSize(b->page, f, g->size);
    /* each glyph as the character it stands for: with ligatures off in layout, a
     * character maps to the glyph Pango chose, and the text layer stays exact. Glyphs
     * that stand where the font's own advances put them (no kerning, no justified space
     * between them) are shown as one string: a word is one operator, not one per letter. */
    struct strbuf group;
    sb_init(&group);
    char one[8];
    uint32_t i = 0;
    while (i < g->n) {
        if (!glyph_char(g, i, one)) {
            i++;
            continue;
        }
        float x0 = g->pos[i].x, y0 = g->pos[i].y;
        group.len = 0;
        sb_append(&group, one);
        float adv = char_advance(b, g->font, f, one, g->size), next = x0 + adv;
        uint32_t j = i + 1;
        while (adv >= 0 && j < g->n && g->cluster[j] > g->cluster[j - 1] && g->pos[j].y == y0 &&
               fabsf(g->pos[j].x - next) < 0.01f && glyph_char(g, j, one)) {
            adv = char_advance(b, g->font, f, one, g->size);
            if (adv < 0)
                break;
            sb_append(&group, one);
            next += adv;
            j++;
        }
        HPDF_Page_TextOut(b->page, px(b, x0), py(b, y0), group.data);
        i = j;
    }
    sb_release(&group);
    HPDF_Page_EndText(b->page);
    return check(b, "cannot draw text");
}

/* A coordinate on or beyond the trim edge (0 or size) moves to the bleed edge: backgrounds
 * that touch the edge must reach beyond it, so that trimming leaves no white line, and no
 * further, over the crop marks. */
static float into_bleed(float v, float size, float bleed)
{
    if (v <= 0.01f)
        return -bleed;
    if (v >= size - 0.01f)
        return size + bleed;
    return v;
}

static int path(struct backend *be, const struct dl_path *p)
{
    struct bharu *b = (struct bharu *)be;
    if (p->fill && cmyk(b, &p->fill_colour, true) != 0)
        return -1;
    if (p->stroke && cmyk(b, &p->stroke_colour, false) != 0)
        return -1;
    if (p->stroke)
        HPDF_Page_SetLineWidth(b->page, p->line_width);
    bool edge = p->fill && !p->stroke; /* a background, not a rule */
    const struct dl_point *pt = p->pts;
    for (uint32_t i = 0; i < p->nops; i++) {
        switch (p->ops[i]) {
        case DL_MOVE:
        case DL_LINE: {
            float x = edge ? into_bleed(pt[0].x, b->width, b->bleed) : pt[0].x;
            float y = edge ? into_bleed(pt[0].y, b->height, b->bleed) : pt[0].y;
            if (p->ops[i] == DL_MOVE)
                HPDF_Page_MoveTo(b->page, px(b, x), py(b, y));
            else
                HPDF_Page_LineTo(b->page, px(b, x), py(b, y));
            pt++;
            break;
        }
        case DL_CURVE:
            HPDF_Page_CurveTo(b->page, px(b, pt[0].x), py(b, pt[0].y), px(b, pt[1].x), py(b, pt[1].y),
                              px(b, pt[2].x), py(b, pt[2].y));
            pt += 3;
            break;
        case DL_CLOSE:
            HPDF_Page_ClosePath(b->page);
            break;
        }
    }
    if (p->fill && p->stroke)
        HPDF_Page_FillStroke(b->page);
    else if (p->fill)
        HPDF_Page_Fill(b->page);
    else if (p->stroke)
        HPDF_Page_Stroke(b->page);
    else
        HPDF_Page_EndPath(b->page);
    return check(b, "cannot draw a path");
}

/* An image in CMYK, cut to clip: a PNG or JPEG at its own pixels, an SVG drawn at 300
 * pixels an inch of its size on the page (libharu takes no vectors but its own). */
static int image(struct backend *be, const struct dl_image *im, struct dl_rect clip)
{
    struct bharu *b = (struct bharu *)be;
    size_t len = 0;
    enum img_format format;
    unsigned char *bytes = img_read_again(be->ctx, im->path, &len, &format);
    if (!bytes)
        return -1;
    int w = 0, h = 0;
    if (format == IMG_SVG) {
        w = (int)ceilf(im->rect.w / 72.0f * 300.0f);
        h = (int)ceilf(im->rect.h / 72.0f * 300.0f);
        while ((double)w * h > IMG_MAX_PIXELS || w > IMG_MAX_SIDE || h > IMG_MAX_SIDE)
            w /= 2, h /= 2;
    }
    struct img_pixels pixels;
    int decoded = img_decode(bytes, len, w, h, &pixels);
    free(bytes);
    if (decoded != 0) {
        diag_error(be->ctx, im->path, 0, "cannot draw the image");
        return -1;
    }
    unsigned char *cmyk = img_to_cmyk(&pixels, b->profile,
                                      im->on_backdrop && im->backdrop.has_cmyk ? im->backdrop.cmyk : NULL);
    if (!cmyk) {
        img_pixels_release(&pixels);
        diag_error(be->ctx, im->path, 0, "cannot convert the image to the press's CMYK");
        return -1;
    }
    HPDF_Image himage = HPDF_LoadRawImageFromMem(b->pdf, cmyk, (HPDF_UINT)pixels.width, (HPDF_UINT)pixels.height,
                                                 HPDF_CS_DEVICE_CMYK, 8);
    free(cmyk);
    img_pixels_release(&pixels);
    if (!himage)
        return fail(b, "cannot add an image");
    HPDF_Page_GSave(b->page);
    HPDF_Page_Rectangle(b->page, px(b, clip.x), py(b, clip.y + clip.h), clip.w, clip.h);
    HPDF_Page_Clip(b->page);
    HPDF_Page_EndPath(b->page);
    HPDF_Page_DrawImage(b->page, himage, px(b, im->rect.x), py(b, im->rect.y + im->rect.h), im->rect.w, im->rect.h);
    HPDF_Page_GRestore(b->page);
    return check(b, "cannot draw an image");
}

/* The destination of a named place: its page, and the top of what follows it. */
static HPDF_Destination destination(struct bharu *b, const char *name)
{
    for (size_t p = 0; p < b->doc->npages; p++) {
        const struct dl_page *page = &b->doc->pages[p];
        for (size_t i = 0; i < page->nitems; i++) {
            const struct dl_item *it = &page->items[i];
            if (it->kind != DL_DEST || strcmp(it->as.dest.name, name) != 0)
                continue;
            float y = dl_dest_top(page, i);
            HPDF_Destination d = HPDF_Page_CreateDestination(b->pages[p]);
            HPDF_Destination_SetFitH(d, page->height + dl_page_bleed(page) + SLUG - y);
            return d;
        }
    }
    return NULL;
}

static int finish(struct backend *be)
{
    struct bharu *b = (struct bharu *)be;
    const struct dl_document *doc = b->doc;
    /* the outline, as in the screen edition */
    HPDF_Outline *made = xcalloc(doc->noutline + 1, sizeof *made);
    HPDF_Encoder utf8 = HPDF_GetEncoder(b->pdf, "UTF-8");
    for (size_t i = 0; i < doc->noutline; i++) {
        const struct dl_outline_entry *e = &doc->outline[i];
        HPDF_Outline parent = e->parent >= 0 && (size_t)e->parent < i ? made[e->parent] : NULL;
        made[i] = HPDF_CreateOutline(b->pdf, parent, e->title, utf8);
        HPDF_Destination d = destination(b, e->dest);
        if (made[i] && d)
            HPDF_Outline_SetDestination(made[i], d);
        if (made[i])
            HPDF_Outline_SetOpened(made[i], e->open);
    }
    free(made);
    if (check(b, "cannot write the outline") != 0)
        return -1;
    if (HPDF_SaveToStream(b->pdf) != HPDF_OK)
        return fail(b, "cannot make the print PDF");
    HPDF_UINT32 size = HPDF_GetStreamSize(b->pdf);
    HPDF_ResetStream(b->pdf);
    while (size > 0) {
        HPDF_BYTE chunk[65536];
        HPDF_UINT32 n = size < sizeof chunk ? size : (HPDF_UINT32)sizeof chunk;
        HPDF_STATUS st = HPDF_ReadFromStream(b->pdf, chunk, &n);
        if ((st != HPDF_OK && st != HPDF_STREAM_EOF) || n == 0)
            return fail(b, "cannot read back the print PDF");
        sb_append_len(b->out, (const char *)chunk, n);
        size -= n;
    }
    return 0;
}

static void free_backend(struct backend *be)
{
    struct bharu *b = (struct bharu *)be;
    if (b->pdf)
        HPDF_Free(b->pdf);
    for (size_t i = 0; i < b->fonts_cap; i++)
        free(b->widths[i]);
    free(b->widths);
    free(b->fonts);
    free(b->pages);
    free(b->path);
    free(b);
}

static const struct backend_ops print_ops = {
    .name = "haru-print",
    .begin_document = begin_document,
    .begin_page = begin_page,
    .glyphs = glyphs,
    .path = path,
    .image = image,
    .end_page = end_page,
    .finish = finish,
    .free = free_backend,
};

struct backend *bharu_new_print(struct gka_ctx *ctx, const char *name, struct strbuf *out,
                                const struct img_cmyk_profile *profile)
{
    struct bharu *b = xcalloc(1, sizeof *b);
    b->profile = profile;
    b->base.ops = &print_ops;
    b->base.ctx = ctx;
    b->path = xstrdup(name);
    b->out = out;
    return &b->base;
}
