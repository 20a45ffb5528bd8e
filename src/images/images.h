/* images.h: the image files publications show: PNG, JPEG and SVG. Each is read and checked
 * when the data is loaded (that it is one of these, not too large, and decodes), and read
 * again by the backends: pixels to draw, a JPEG's own bytes to embed as they are, and for
 * print the pixels in CMYK (Little CMS). An SVG's vectors are drawn by librsvg in the
 * screen edition's backend. */
#ifndef GKA_IMAGES_H
#define GKA_IMAGES_H

#include <stddef.h>

struct gka_ctx;

enum img_format { IMG_PNG, IMG_JPEG, IMG_SVG };

enum {
    IMG_MAX_BYTES = 32 << 20,     /* a file larger is refused unread */
    IMG_MAX_SIDE = 16384,         /* pixels, either side */
    IMG_MAX_PIXELS = 40000000,    /* 40 megapixels: 160 MB decoded */
};

struct img_info {
    enum img_format format;
    double width, height;         /* pixels; an SVG's own size in CSS pixels (1/96 inch) */
};

/* The format of a file that begins with these bytes: 0, or -1 for none of the three. */
int img_format_of(const unsigned char *data, size_t len, enum img_format *format);

/* Reads and decodes the file at path wholly. 0 with *info, or -1 with what is wrong (a
 * phrase such as "is not a PNG, JPEG or SVG file") in why. */
int img_check(const char *path, struct img_info *info, char *why, size_t why_size);

/* The whole file (caller frees), or NULL when it cannot be read or is over IMG_MAX_BYTES. */
unsigned char *img_read_file(const char *path, size_t *len);

/* A file checked when the data was loaded, read again by a backend to draw it: its bytes
 * (caller frees) and format, or NULL with the problem in ctx. */
unsigned char *img_read_again(struct gka_ctx *ctx, const char *path, size_t *len, enum img_format *format);

/* Decoded pixels: 8 bits a channel, RGBA with straight (not premultiplied) alpha, rows top
 * to bottom without padding. */
struct img_pixels {
    int width, height;
    unsigned char *rgba;
    unsigned char *icc;         /* the colour profile the file carries (a JPEG's), or NULL: sRGB */
    size_t icc_len;
};

/* Decodes a file's bytes (img_read_file): a PNG or JPEG at its own size, an SVG drawn at
 * width x height pixels. 0, or -1 when it cannot (out is then empty). */
int img_decode(const unsigned char *data, size_t len, int width, int height, struct img_pixels *out);
void img_pixels_release(struct img_pixels *p);

/* The print edition's output condition: an ICC output profile of a CMYK press (in the
 * layouts, kleur/FOGRA39L_coated.icc), its bytes as the file has them. */
struct img_cmyk_profile {
    unsigned char *icc;
    size_t len;
    const char *condition;      /* the characterisation's registered name ("FOGRA39") */
    const char *info;           /* what it is, in words */
    float ink_limit;            /* the total area coverage the press takes: 3.0 is 300% */
};

/* Reads the profile at path and checks that it is a CMYK output profile Little CMS can
 * use. NULL with the problem in ctx (naming path); free with img_cmyk_profile_free. */
struct img_cmyk_profile *img_cmyk_profile_load(struct gka_ctx *ctx, const char *path);
void img_cmyk_profile_free(struct img_cmyk_profile *p);

/* The pixels in CMYK for print, 4 bytes a pixel: converted from their own RGB profile (else
 * sRGB) with Little CMS (relative colorimetric, black point compensation) to the profile,
 * composited on white paper, or on backdrop (its inks, 0..1 each, or NULL: the paper) in
 * ink, so that where the image is transparent it has the backdrop's inks exactly. NULL
 * when the conversion cannot be made. */
unsigned char *img_to_cmyk(const struct img_pixels *p, const struct img_cmyk_profile *profile,
                           const float *backdrop);

/* An sRGB ICC profile (Little CMS's), for a screen PDF's OutputIntent: caller frees; NULL on
 * failure. */
unsigned char *img_srgb_profile(size_t *len);

#endif
