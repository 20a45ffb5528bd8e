/* images.c: reading, checking and decoding PNG (cairo's reader), JPEG (libjpeg) and SVG
 * (librsvg) files, and converting pixels to CMYK for print (Little CMS). A file's size and
 * its pixel dimensions are checked before anything is decoded, so that no file can make
 * gkapub allocate more than IMG_MAX_PIXELS. */
#include "images.h"

#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <jpeglib.h>
#include <lcms2.h>
#include <librsvg/rsvg.h>

#include "gka.h"

unsigned char *img_read_again(struct gka_ctx *ctx, const char *path, size_t *len, enum img_format *format)
{
    unsigned char *bytes = img_read_file(path, len);
    if (!bytes || img_format_of(bytes, *len, format) != 0) {
        free(bytes);
        diag_error(ctx, path, 0, "cannot read the image again");
        return NULL;
    }
    return bytes;
}

unsigned char *img_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    struct strbuf sb;
    sb_init(&sb);
    char chunk[65536];
    size_t got;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (sb.len + got > IMG_MAX_BYTES) {
            sb_release(&sb);
            fclose(f);
            return NULL;
        }
        sb_append_len(&sb, chunk, got);
    }
    bool failed = ferror(f) != 0;
    fclose(f);
    if (failed) {
        sb_release(&sb);
        return NULL;
    }
    *len = sb.len;
    if (!sb.data)
        return xcalloc(1, 1);
    return (unsigned char *)sb_take(&sb);
}

static bool is_png(const unsigned char *d, size_t n)
{
    return n >= 24 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0;
}

static bool is_jpeg(const unsigned char *d, size_t n)
{
    return n >= 4 && d[0] == 0xFF && d[1] == 0xD8 && d[2] == 0xFF;
}

/* An SVG file: XML (perhaps after a byte order mark and white space) with an <svg element. */
static bool is_svg(const unsigned char *d, size_t n)
{
    size_t look = n < 4096 ? n : 4096;
    for (size_t i = 0; i + 4 <= look; i++)
        if (memcmp(d + i, "<svg", 4) == 0)
            return true;
    return false;
}

int img_format_of(const unsigned char *data, size_t len, enum img_format *format)
{
    if (is_png(data, len))
        *format = IMG_PNG;
    else if (is_jpeg(data, len))
        *format = IMG_JPEG;
    else if (is_svg(data, len))
        *format = IMG_SVG;
    else
        return -1;
    return 0;
}

static bool size_ok(double w, double h, char *why, size_t why_size)
{
    if (!(w >= 1 && h >= 1)) {
        snprintf(why, why_size, "has no size");
        return false;
    }
    if (w > IMG_MAX_SIDE || h > IMG_MAX_SIDE || w * h > IMG_MAX_PIXELS) {
        snprintf(why, why_size, "is %.0f x %.0f pixels, more than the %d megapixels (%d a side) an image may have",
                 w, h, IMG_MAX_PIXELS / 1000000, IMG_MAX_SIDE);
        return false;
    }
    return true;
}

/* ---- PNG, through cairo ---- */

struct reader {
    const unsigned char *data;
    size_t len, at;
};

static cairo_status_t read_chunk(void *closure, unsigned char *out, unsigned int length)
{
    struct reader *r = closure;
    if (r->len - r->at < length)
        return CAIRO_STATUS_READ_ERROR;
    memcpy(out, r->data + r->at, length);
    r->at += length;
    return CAIRO_STATUS_SUCCESS;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* The pixels of a cairo image surface as straight RGBA. */
static void from_cairo(cairo_surface_t *s, struct img_pixels *out)
{
    cairo_surface_flush(s);
    int w = cairo_image_surface_get_width(s), h = cairo_image_surface_get_height(s);
    int stride = cairo_image_surface_get_stride(s);
    cairo_format_t format = cairo_image_surface_get_format(s);
    const unsigned char *data = cairo_image_surface_get_data(s);
    out->width = w;
    out->height = h;
    out->rgba = xmalloc((size_t)w * (size_t)h * 4);
    for (int y = 0; y < h; y++) {
        const uint32_t *row = (const uint32_t *)(const void *)(data + (size_t)y * (size_t)stride);
        unsigned char *o = out->rgba + (size_t)y * (size_t)w * 4;
        for (int x = 0; x < w; x++, o += 4) {
            uint32_t p = row[x];
            unsigned a = format == CAIRO_FORMAT_RGB24 ? 255 : p >> 24;
            unsigned r = (p >> 16) & 0xFF, g = (p >> 8) & 0xFF, b = p & 0xFF;
            if (a > 0 && a < 255) {
                r = (r * 255 + a / 2) / a;
                g = (g * 255 + a / 2) / a;
                b = (b * 255 + a / 2) / a;
            }
            o[0] = (unsigned char)(r > 255 ? 255 : r);
            o[1] = (unsigned char)(g > 255 ? 255 : g);
            o[2] = (unsigned char)(b > 255 ? 255 : b);
            o[3] = (unsigned char)a;
        }
    }
}

/* The pixels of a surface that decoded, into out when it is not NULL; the surface freed. */
static int take_pixels(cairo_surface_t *s, struct img_pixels *out)
{
    if (out)
        from_cairo(s, out);
    cairo_surface_destroy(s);
    return 0;
}

static int decode_png(const unsigned char *d, size_t n, struct img_pixels *out, char *why, size_t why_size)
{
    /* the header's size first: the decoder would allocate whatever it says */
    if (memcmp(d + 12, "IHDR", 4) != 0) {
        snprintf(why, why_size, "is not a valid PNG file (no header)");
        return -1;
    }
    if (!size_ok(be32(d + 16), be32(d + 20), why, why_size))
        return -1;
    struct reader r = { d, n, 0 };
    cairo_surface_t *s = cairo_image_surface_create_from_png_stream(read_chunk, &r);
    if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
        snprintf(why, why_size, "is not a valid PNG file (%s)", cairo_status_to_string(cairo_surface_status(s)));
        cairo_surface_destroy(s);
        return -1;
    }
    return take_pixels(s, out);
}

/* ---- JPEG, through libjpeg ---- */

struct jpeg_failure {
    struct jpeg_error_mgr mgr;
    jmp_buf back;
    char message[JMSG_LENGTH_MAX];
};

static void jpeg_fail(j_common_ptr cinfo)
{
    struct jpeg_failure *f = (struct jpeg_failure *)cinfo->err;
    (*cinfo->err->format_message)(cinfo, f->message);
    longjmp(f->back, 1);
}

static void jpeg_quiet(j_common_ptr cinfo, int level)
{
    (void)cinfo, (void)level; /* warnings (a corrupt byte that decodes anyway) are not errors */
}

static int decode_jpeg(const unsigned char *d, size_t n, struct img_pixels *out, char *why, size_t why_size)
{
    struct jpeg_decompress_struct cinfo;
    struct jpeg_failure fail;
    /* volatile: they change between setjmp and a longjmp back */
    unsigned char *volatile rgba = NULL;
    unsigned char *volatile row = NULL;
    JOCTET *volatile icc = NULL;
    memset(&cinfo, 0, sizeof cinfo);
    cinfo.err = jpeg_std_error(&fail.mgr);
    fail.mgr.error_exit = jpeg_fail;
    fail.mgr.emit_message = jpeg_quiet;
    if (setjmp(fail.back)) {
        snprintf(why, why_size, "is not a valid JPEG file (%s)", fail.message);
        jpeg_destroy_decompress(&cinfo);
        free(rgba);
        free(row);
        free(icc);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    jpeg_mem_src(&cinfo, d, (unsigned long)n);
    jpeg_save_markers(&cinfo, JPEG_APP0 + 2, 0xFFFF); /* an ICC profile */
    jpeg_read_header(&cinfo, TRUE);
    if (!size_ok(cinfo.image_width, cinfo.image_height, why, why_size)) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    if (cinfo.jpeg_color_space == JCS_CMYK || cinfo.jpeg_color_space == JCS_YCCK) {
        snprintf(why, why_size, "is a CMYK JPEG; give an RGB (sRGB) one, which both editions can use");
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    cinfo.out_color_space = JCS_RGB;
    jpeg_start_decompress(&cinfo);
    size_t w = cinfo.output_width, h = cinfo.output_height;
    rgba = xmalloc(w * h * 4);
    row = xmalloc(w * 3);
    while (cinfo.output_scanline < cinfo.output_height) {
        size_t y = cinfo.output_scanline;
        JSAMPROW rows[1] = { row };
        jpeg_read_scanlines(&cinfo, rows, 1);
        for (size_t x = 0; x < w; x++) {
            rgba[(y * w + x) * 4 + 0] = row[x * 3 + 0];
            rgba[(y * w + x) * 4 + 1] = row[x * 3 + 1];
            rgba[(y * w + x) * 4 + 2] = row[x * 3 + 2];
            rgba[(y * w + x) * 4 + 3] = 255;
        }
    }
    JOCTET *profile = NULL;
    unsigned int icc_len = 0;
    if (out && jpeg_read_icc_profile(&cinfo, &profile, &icc_len))
        icc = profile;
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    free(row);
    if (out) {
        out->width = (int)w;
        out->height = (int)h;
        out->rgba = rgba;
        out->icc = icc;
        out->icc_len = icc ? icc_len : 0;
    } else {
        free(rgba);
    }
    return 0;
}

/* ---- SVG, through librsvg ---- */

static RsvgHandle *open_svg(const unsigned char *d, size_t n, double *w, double *h, char *why, size_t why_size)
{
    GError *err = NULL;
    /* from memory, without a base file: an SVG can reach no other file */
    RsvgHandle *handle = rsvg_handle_new_from_data(d, n, &err);
    if (!handle) {
        snprintf(why, why_size, "is not a valid SVG file (%s)", err ? err->message : "unreadable");
        if (err)
            g_error_free(err);
        return NULL;
    }
    rsvg_handle_set_dpi(handle, 96);
    if (!rsvg_handle_get_intrinsic_size_in_pixels(handle, w, h)) {
        /* no width and height, or in percent: the viewBox gives the proportions */
        gboolean has_w, has_h, has_box;
        RsvgLength lw, lh;
        RsvgRectangle box;
        rsvg_handle_get_intrinsic_dimensions(handle, &has_w, &lw, &has_h, &lh, &has_box, &box);
        if (!has_box) {
            snprintf(why, why_size, "is an SVG file without a size or viewBox");
            g_object_unref(handle);
            return NULL;
        }
        *w = box.width;
        *h = box.height;
    }
    return handle;
}

static int render_svg(RsvgHandle *handle, int width, int height, struct img_pixels *out, char *why, size_t why_size)
{
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height);
    cairo_t *cr = cairo_create(s);
    RsvgRectangle viewport = { 0, 0, width, height };
    GError *err = NULL;
    gboolean ok = rsvg_handle_render_document(handle, cr, &viewport, &err);
    cairo_destroy(cr);
    if (!ok) {
        snprintf(why, why_size, "is an SVG file that cannot be drawn (%s)", err ? err->message : "unknown");
        if (err)
            g_error_free(err);
        cairo_surface_destroy(s);
        return -1;
    }
    return take_pixels(s, out);
}

/* ---- the interface ---- */

/* Decodes the file's bytes; an SVG is drawn at width x height (a small check size when 0). */
static int decode_data(const unsigned char *d, size_t n, int width, int height, struct img_info *info,
                       struct img_pixels *out, char *why, size_t why_size)
{
    memset(info, 0, sizeof *info);
    int rc = -1;
    if (img_format_of(d, n, &info->format) != 0) {
        snprintf(why, why_size, "is not a PNG, JPEG or SVG file");
    } else if (info->format == IMG_PNG) {
        info->width = be32(d + 16), info->height = be32(d + 20);
        rc = decode_png(d, n, out, why, why_size);
    } else if (info->format == IMG_JPEG) {
        rc = decode_jpeg(d, n, out, why, why_size);
        if (rc == 0 && out)
            info->width = out->width, info->height = out->height;
    } else {
        RsvgHandle *handle = open_svg(d, n, &info->width, &info->height, why, why_size);
        if (handle) {
            /* checked at a small size: it parses and draws */
            int w = width > 0 ? width : 64, h = height > 0 ? height : 64;
            rc = size_ok(w, h, why, why_size) ? render_svg(handle, w, h, out, why, why_size) : -1;
            g_object_unref(handle);
        }
    }
    return rc;
}

int img_check(const char *path, struct img_info *info, char *why, size_t why_size)
{
    size_t n = 0;
    unsigned char *d = img_read_file(path, &n);
    if (!d) {
        memset(info, 0, sizeof *info);
        snprintf(why, why_size, "cannot be read, or is larger than %d MiB", IMG_MAX_BYTES >> 20);
        return -1;
    }
    struct img_pixels px = { 0 };
    int rc = decode_data(d, n, 0, 0, info, &px, why, why_size);
    img_pixels_release(&px);
    free(d);
    return rc;
}

int img_decode(const unsigned char *data, size_t len, int width, int height, struct img_pixels *out)
{
    struct img_info info;
    char why[256];
    memset(out, 0, sizeof *out);
    return decode_data(data, len, width, height, &info, out, why, sizeof why);
}

void img_pixels_release(struct img_pixels *p)
{
    free(p->rgba);
    free(p->icc);
    memset(p, 0, sizeof *p);
}

unsigned char *img_srgb_profile(size_t *len)
{
    cmsHPROFILE srgb = cmsCreate_sRGBProfile();
    cmsUInt32Number n = 0;
    unsigned char *out = NULL;
    if (srgb && cmsSaveProfileToMem(srgb, NULL, &n) && n > 0) {
        out = xmalloc(n);
        if (!cmsSaveProfileToMem(srgb, out, &n)) {
            free(out);
            out = NULL;
        }
    }
    if (srgb)
        cmsCloseProfile(srgb);
    /* the header's creation date (bytes 24 to 35) is the time of the run: a fixed one, so that
     * the same input makes the same bytes */
    static const unsigned char date[12] = { 0x07, 0xD0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0 }; /* 2000-01-01 */
    if (out && n >= 36)
        memcpy(out + 24, date, sizeof date);
    *len = out ? n : 0;
    return out;
}

struct img_cmyk_profile *img_cmyk_profile_load(struct gka_ctx *ctx, const char *path)
{
    size_t len = 0;
    unsigned char *icc = img_read_file(path, &len);
    if (!icc) {
        diag_error(ctx, path, 0, "cannot read the print edition's colour profile: %s", strerror(errno));
        return NULL;
    }
    cmsHPROFILE h = len <= UINT32_MAX ? cmsOpenProfileFromMem(icc, (cmsUInt32Number)len) : NULL;
    bool fit = h && cmsGetColorSpace(h) == cmsSigCmykData && cmsGetDeviceClass(h) == cmsSigOutputClass;
    if (h)
        cmsCloseProfile(h);
    if (!fit) {
        diag_error(ctx, path, 0, "not an ICC output profile of a CMYK press: the print edition needs one");
        free(icc);
        return NULL;
    }
    struct img_cmyk_profile *p = xcalloc(1, sizeof *p);
    *p = (struct img_cmyk_profile){ .icc = icc, .len = len, .condition = "FOGRA39",
                                    .info = "Coated FOGRA39 (ISO 12647-2:2004)", .ink_limit = 3.0f };
    return p;
}

void img_cmyk_profile_free(struct img_cmyk_profile *p)
{
    if (!p)
        return;
    free(p->icc);
    free(p);
}

unsigned char *img_to_cmyk(const struct img_pixels *p, const struct img_cmyk_profile *profile,
                           const float *backdrop)
{
    /* the image's own profile when it is an RGB one */
    cmsHPROFILE srgb = p->icc ? cmsOpenProfileFromMem(p->icc, (cmsUInt32Number)p->icc_len) : NULL;
    if (srgb && cmsGetColorSpace(srgb) != cmsSigRgbData) {
        cmsCloseProfile(srgb);
        srgb = NULL;
    }
    if (!srgb)
        srgb = cmsCreate_sRGBProfile();
    cmsHPROFILE cmyk = cmsOpenProfileFromMem(profile->icc, (cmsUInt32Number)profile->len);
    cmsHTRANSFORM t = srgb && cmyk ? cmsCreateTransform(srgb, TYPE_RGB_8, cmyk, TYPE_CMYK_8,
                                                        INTENT_RELATIVE_COLORIMETRIC,
                                                        cmsFLAGS_BLACKPOINTCOMPENSATION)
                                   : NULL;
    unsigned char *out = NULL;
    if (t) {
        size_t n = (size_t)p->width * (size_t)p->height;
        unsigned char *rgb = xmalloc(n * 3);
        for (size_t i = 0; i < n; i++) {
            const unsigned char *s = p->rgba + i * 4;
            unsigned a = backdrop ? 255 : s[3]; /* on a backdrop: mixed with it in ink, below */
            for (int c = 0; c < 3; c++) /* on white paper */
                rgb[i * 3 + (size_t)c] = (unsigned char)((s[c] * a + 255 * (255 - a) + 127) / 255);
        }
        out = xmalloc(n * 4);
        cmsDoTransform(t, rgb, out, (cmsUInt32Number)n);
        free(rgb);
        for (size_t i = 0; backdrop && i < n; i++) {
            float a = (float)p->rgba[i * 4 + 3] / 255.0f;
            for (int k = 0; k < 4; k++) {
                float ink = (float)out[i * 4 + (size_t)k] * a + backdrop[k] * 255.0f * (1 - a);
                out[i * 4 + (size_t)k] = (unsigned char)(ink < 0 ? 0 : ink > 254.5f ? 255 : ink + 0.5f);
            }
        }
        cmsDeleteTransform(t);
    }
    if (srgb)
        cmsCloseProfile(srgb);
    if (cmyk)
        cmsCloseProfile(cmyk);
    return out;
}
