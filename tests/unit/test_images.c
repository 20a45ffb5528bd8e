/* test_images.c: the images module on small files: formats recognised, sizes read, a JPEG's
 * own colour profile kept and used for print (the same pixel values in Adobe RGB and in sRGB
 * are different colours, so they convert to different CMYK), and a file that is none of the
 * three refused.
 * Usage: test_images FIXTURES_DIR */
#include <stdlib.h>
#include <string.h>

#include "gka.h"
#include "harness.h"
#include "images.h"

static char *path(const char *dir, const char *name)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s/%s", dir, name);
    return sb_take(&sb);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_images FIXTURES_DIR\n");
        return 2;
    }
    char *srgb = path(argv[1], "icc/groen-srgb.jpg"), *adobe = path(argv[1], "icc/groen-adobergb.jpg");
    char *png = path(argv[1], "images/afbeeldingen/samenwerking.png"), *svg = path(argv[1], "images/afbeeldingen/woordmerk.svg");
    char *xml = path(argv[1], "mini/jaar.xml");
    struct img_info info;
    char why[256];
    CHECK(img_check(srgb, &info, why, sizeof why) == 0 && info.format == IMG_JPEG && info.width == 16);
    CHECK(img_check(png, &info, why, sizeof why) == 0 && info.format == IMG_PNG && info.width == 300 &&
          info.height == 200);
    CHECK(img_check(svg, &info, why, sizeof why) == 0 && info.format == IMG_SVG && info.width > 0);
    CHECK(img_check(xml, &info, why, sizeof why) != 0 && strstr(why, "not a PNG, JPEG or SVG"));

    struct img_pixels a, b;
    size_t la = 0, lb = 0;
    unsigned char *da = img_read_file(srgb, &la), *db = img_read_file(adobe, &lb);
    CHECK(da && db);
    CHECK(img_decode(da, la, 0, 0, &a) == 0 && img_decode(db, lb, 0, 0, &b) == 0);
    free(da);
    free(db);
    CHECK(a.icc == NULL);
    CHECK(b.icc != NULL && b.icc_len > 100);
    /* the same pixel values */
    CHECK(a.rgba && b.rgba && abs(a.rgba[0] - b.rgba[0]) < 3 && abs(a.rgba[1] - b.rgba[1]) < 3);
    char *icc = path(argv[1], "../../layouts/kleur/FOGRA39L_coated.icc");
    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    struct img_cmyk_profile *profile = img_cmyk_profile_load(&ctx, icc);
    CHECK(profile != NULL);
    if (profile) {
        unsigned char *ca = img_to_cmyk(&a, profile, NULL), *cb = img_to_cmyk(&b, profile, NULL);
        CHECK(ca && cb);
        if (ca && cb) {
            int diff = 0, ink = 0;
            for (int k = 0; k < 4; k++)
                diff += abs(ca[k] - cb[k]), ink += cb[k];
            printf("sRGB green -> CMYK %d %d %d %d; Adobe RGB green -> %d %d %d %d\n", ca[0], ca[1], ca[2], ca[3],
                   cb[0], cb[1], cb[2], cb[3]);
            CHECK(diff > 10); /* Adobe RGB's green is more saturated: its CMYK differs */
            CHECK(ink <= 3 * 255 + 3); /* within the press's ink limit, 300% */
        }
        free(ca);
        free(cb);
        /* on a panel, a transparent pixel has the panel's inks exactly, an opaque one its
         * own, a half transparent one between them */
        unsigned char rgba[12] = { 0, 0, 0, 0, 0, 0, 0, 255, 0, 0, 0, 128 };
        struct img_pixels icon = { .width = 3, .height = 1, .rgba = rgba };
        const float panel[4] = { 0.10f, 0.03f, 0, 0 };
        unsigned char *on = img_to_cmyk(&icon, profile, panel), *alone = img_to_cmyk(&icon, profile, NULL);
        CHECK(on && alone);
        if (on && alone) {
            CHECK(on[0] == 26 && on[1] == 8 && on[2] == 0 && on[3] == 0);
            CHECK(memcmp(on + 4, alone + 4, 4) == 0);
            CHECK(on[8 + 3] > 50 && on[8 + 3] < alone[4 + 3]);
            CHECK(alone[0] == 0 && alone[3] == 0); /* on white paper, no ink */
        }
        free(on);
        free(alone);
    }
    img_cmyk_profile_free(profile);
    /* a file that is no CMYK output profile is refused, naming it */
    char *rgb_icc = path(argv[1], "../../layouts/kleur/README.md");
    CHECK(img_cmyk_profile_load(&ctx, rgb_icc) == NULL);
    CHECK(ctx.ndiags == 1);
    gka_ctx_release(&ctx);
    free(icc);
    free(rgb_icc);
    img_pixels_release(&a);
    img_pixels_release(&b);
    free(srgb), free(adobe), free(png), free(svg), free(xml);
    return harness_summary();
}
