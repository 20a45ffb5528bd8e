/* harness.h: a minimal unit-test harness: CHECK records a failure and goes on;
 * the summary line is the plain "N passed, N failed" that test runners read. */
#ifndef GKA_TEST_HARNESS_H
#define GKA_TEST_HARNESS_H

#include <stdio.h>

static int harness_passed, harness_failed;

#define CHECK(cond)                                                              \
    do {                                                                         \
        if (cond) {                                                              \
            harness_passed++;                                                    \
        } else {                                                                 \
            harness_failed++;                                                    \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                        \
    } while (0)

#define CHECK_EQ_LONG(a, b)                                                      \
    do {                                                                         \
        long a_ = (long)(a), b_ = (long)(b);                                     \
        if (a_ == b_) {                                                          \
            harness_passed++;                                                    \
        } else {                                                                 \
            harness_failed++;                                                    \
            fprintf(stderr, "%s:%d: %s is %ld, expected %ld\n", __FILE__, __LINE__, #a, a_, b_); \
        }                                                                        \
    } while (0)

static inline int harness_summary(void)
{
    printf("%d passed, %d failed\n", harness_passed, harness_failed);
    fflush(stdout); /* LeakSanitizer may end the process without flushing */
    return harness_failed ? 1 : 0;
}

#endif
