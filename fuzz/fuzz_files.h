/* fuzz_files.h: what the fuzz targets share: a temporary directory of this process
 * (removed at exit) and writing bytes to a file in it. */
#ifndef GKA_FUZZ_FILES_H
#define GKA_FUZZ_FILES_H

#include <stddef.h>

/* The directory, created on the first call (under $TMPDIR or /tmp); aborts on failure. */
const char *fuzz_tmpdir(void);

/* Writes len bytes to fuzz_tmpdir()/name, replacing the file; returns the path (static
 * storage, overwritten by the next call). Aborts on failure: a broken harness is a crash. */
const char *fuzz_write(const char *name, const void *data, size_t len);

/* Reads a whole file (for the fixtures); aborts when it cannot. Free with free(). */
char *fuzz_read(const char *path, size_t *len);

#endif
