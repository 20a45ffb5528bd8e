/* components.h: the parts publications compose their pages from. Each takes its data,
 * says how much room it needs at a given width, and draws itself into the display list
 * with its structure tags; none knows which publication it is in. */
#ifndef GKA_COMPONENTS_H
#define GKA_COMPONENTS_H

#include "dl.h"

/* ---- an image ---- */

struct comp_image {
    const char *path;               /* the file (checked when the data was loaded) */
    float px_width, px_height;      /* its own size, pixels */
    float aspect;                   /* height : width of the part shown; 0: the image's own */
    float focus_x, focus_y;         /* 0..1: the point kept in view when it is cut */
};

/* Height : width of the area the image takes. */
float comp_image_aspect(const struct comp_image *im);

/* Draws the image (a struct comp_image) into area, filling it: scaled to cover it with
 * its proportions kept, the rest cut off around its focus point. A ts_draw_fn. */
void comp_image_draw(const void *image, struct dl_document *doc, struct dl_page *page, struct dl_rect area);

#endif
