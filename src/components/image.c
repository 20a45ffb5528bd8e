/* image.c: an image placed in an area: covering it, cut around a focus point, or whole
 * inside it. */
#include "components.h"

float comp_image_aspect(const struct comp_image *im)
{
    if (im->aspect > 0)
        return im->aspect;
    return im->px_width > 0 ? im->px_height / im->px_width : 1;
}

void comp_image_draw(const void *image, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_image *im = image;
    float pw = im->px_width > 0 ? im->px_width : 1, ph = im->px_height > 0 ? im->px_height : 1;
    float sx = area.w / pw, sy = area.h / ph;
    float scale = (sx > sy) != im->fit ? sx : sy; /* fill: the larger; fit: the smaller */
    float w = pw * scale, h = ph * scale;
    struct dl_item *it = dl_push(page, DL_IMAGE);
    it->as.image.path = dl_strdup(doc, im->path);
    it->as.image.rect = (struct dl_rect){ area.x + (area.w - w) * im->focus_x, area.y + (area.h - h) * im->focus_y,
                                          w, h };
    it->as.image.px_width = pw;
    it->as.image.px_height = ph;
    if (im->backdrop) {
        it->as.image.backdrop = *im->backdrop;
        it->as.image.on_backdrop = true;
    }
    it->bbox = area;
}
