/* knuth_plass.h: total-fit line breaking over boxes, glue and penalties (private to
 * typeset). Knows nothing of fonts: the caller measures. */
#ifndef GKA_KNUTH_PLASS_H
#define GKA_KNUTH_PLASS_H

#include <stdbool.h>
#include <stddef.h>

#include "gka.h"

#define KP_INFINITY 10000.0   /* a penalty this high forbids a break, this low forces one */

enum kp_type { KP_BOX, KP_GLUE, KP_PENALTY };

struct kp_item {
    enum kp_type type;
    double width;             /* pt; a penalty's: what the line gets when it breaks there (a hyphen) */
    double stretch, shrink;   /* glue */
    double penalty;           /* penalty */
    bool flagged;             /* penalty: a hyphenation */
    bool last_resort;         /* penalty: not taken in the first pass, only in the emergency pass */
};

struct kp_params {
    double width, first_width;  /* of every line, and of the first */
    double tolerance;           /* the worst badness (0..10000) of the first pass */
    double line_penalty;        /* TeX's \linepenalty: 10 */
    double double_hyphen_demerits, fitness_demerits;
    double final_hyphen_demerits;   /* a hyphen on the paragraph's next-to-last line */
    double emergency_stretch;       /* pt each line may stretch more in the second pass */
    int max_hyphens_in_a_row;       /* lines ending in a hyphen one after another, at most in the
                                       first pass; in the second each more costs much (0: no limit) */
};

/* The breaks: line i ends at item at[i] (a glue or a penalty), set with adjustment ratio
 * ratio[i] (the fraction of its stretch, or of its shrink when negative, it uses; in the
 * emergency pass of the stretch and the emergency stretch together). The last item must
 * be a forced break. */
struct kp_breaks {
    size_t *at;
    double *ratio;
    size_t n;
    bool emergency;             /* no breaks within the tolerance: a second pass found these */
};

void kp_break(const struct kp_item *items, size_t n, const struct kp_params *params, struct kp_breaks *out);
void kp_breaks_release(struct kp_breaks *b);

#endif
