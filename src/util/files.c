/* files.c: how gkapub puts a file on disk: written whole to a temporary name in the same
 * folder, synced, then renamed over the final name, so that a full disk, a kill or a
 * crash never leaves a truncated publication there. The temporary files of this run are
 * known, so that SIGINT and SIGTERM remove them, and those of an earlier run that was
 * killed are removed by the next. */
#include "gka.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define TEMP_SUFFIX ".gkapub-tmp"

/* The temporary files open at this moment. A signal handler reads it, so a slot's path
 * is complete before the slot is marked in use, and nothing here allocates. */
enum { TEMP_SLOTS = 300 };
static struct {
    volatile sig_atomic_t used;
    char path[PATH_MAX];
} temp_slots[TEMP_SLOTS];
static pthread_mutex_t temp_lock = PTHREAD_MUTEX_INITIALIZER;
static unsigned long temp_serial;

/* A signal that ends the run sets terminating; a thread that is creating a temporary file
 * counts itself in creating (with the signals blocked, so that the handler never runs in
 * it meanwhile), and the handler waits for those before it removes the files: a thread
 * still writing can then not create a file after the handler has looked. */
static atomic_int terminating, creating;

static int temp_claim(const char *path)
{
    pthread_mutex_lock(&temp_lock);
    int slot = -1;
    for (int i = 0; i < TEMP_SLOTS && slot < 0; i++)
        if (!temp_slots[i].used)
            slot = i;
    if (slot >= 0) {
        snprintf(temp_slots[slot].path, sizeof temp_slots[slot].path, "%s", path);
        temp_slots[slot].used = 1;
    }
    pthread_mutex_unlock(&temp_lock);
    return slot;
}

static void temp_release(int slot)
{
    if (slot >= 0)
        temp_slots[slot].used = 0;
}

static void on_signal(int sig)
{
    atomic_store(&terminating, 1);
    /* those creating a file see terminating and remove it themselves: a moment at most */
    struct timespec ms = { 0, 1000000 };
    for (int waited = 0; atomic_load(&creating) > 0 && waited < 500; waited++)
        nanosleep(&ms, NULL);
    for (int i = 0; i < TEMP_SLOTS; i++)
        if (temp_slots[i].used)
            unlink(temp_slots[i].path);
    signal(sig, SIG_DFL);
    raise(sig);
}

void gka_files_on_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
}

/* Creates the temporary file temp, registered in a slot so that a signal ending the run
 * removes it. The file is made only while no signal is ending the run. Returns its
 * descriptor, or -1 with *err set (and no slot held). */
static int temp_open(const char *temp, int *slot, int *err)
{
    sigset_t ending, before;
    sigemptyset(&ending);
    sigaddset(&ending, SIGINT);
    sigaddset(&ending, SIGTERM);
    sigaddset(&ending, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &ending, &before);
    atomic_fetch_add(&creating, 1);
    int fd = -1;
    *slot = -1;
    *err = EINTR;
    if (!atomic_load(&terminating)) {
        *slot = temp_claim(temp);
        fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        *err = fd < 0 ? errno : 0;
        if (fd >= 0 && atomic_load(&terminating)) {
            close(fd);
            unlink(temp);
            fd = -1;
            *err = EINTR;
        }
    }
    atomic_fetch_sub(&creating, 1);
    pthread_sigmask(SIG_SETMASK, &before, NULL);
    if (fd < 0) {
        temp_release(*slot);
        *slot = -1;
    }
    return fd;
}

/* The folder of path ("." when it has none) and its last component. */
static void split_path(const char *path, char *dir, size_t dir_size, const char **base)
{
    const char *slash = strrchr(path, '/');
    if (!slash) {
        snprintf(dir, dir_size, ".");
        *base = path;
    } else if (slash == path) {
        snprintf(dir, dir_size, "/");
        *base = slash + 1;
    } else {
        snprintf(dir, dir_size, "%.*s", (int)(slash - path), path);
        *base = slash + 1;
    }
}

static int write_all(int fd, const void *data, size_t len)
{
    const char *p = data;
    while (len > 0) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        if (n == 0) {
            errno = EIO;
            return -1;
        }
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

int gka_write_file(struct gka_ctx *ctx, const char *path, const void *data, size_t len)
{
    char dir[PATH_MAX], temp[PATH_MAX];
    const char *base;
    split_path(path, dir, sizeof dir, &base);
    pthread_mutex_lock(&temp_lock);
    unsigned long serial = ++temp_serial;
    pthread_mutex_unlock(&temp_lock);
    int n = snprintf(temp, sizeof temp, "%s/.%s.%ld-%lu" TEMP_SUFFIX, dir, base, (long)getpid(), serial);
    if (n < 0 || (size_t)n >= sizeof temp) {
        diag_error(ctx, path, 0, "cannot write: the path is too long");
        return -1;
    }
    int slot = -1, err = 0;
    int fd = temp_open(temp, &slot, &err);
    if (fd < 0) {
        diag_error(ctx, path, 0, "cannot write in the folder %s: %s", dir, strerror(err));
        return -1;
    }
    const char *step = "cannot write";
    err = 0;
    if (write_all(fd, data, len) != 0)
        err = errno;
    else if (fsync(fd) != 0)
        err = errno, step = "cannot write (sync)";
    if (close(fd) != 0 && !err)
        err = errno, step = "cannot write (close)";
    if (!err && rename(temp, path) != 0)
        err = errno, step = "cannot put the file in place";
    if (err) {
        unlink(temp);
        temp_release(slot);
        diag_error(ctx, path, 0, "%s: %s; the earlier file, if any, is left as it was", step, strerror(err));
        return -1;
    }
    temp_release(slot);
    /* the rename is durable only once the folder is on disk too */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

/* Whether name is a temporary file of gkapub's whose process is gone. */
static bool stale_temp(const char *name)
{
    size_t len = strlen(name), suffix = strlen(TEMP_SUFFIX);
    if (name[0] != '.' || len <= suffix || strcmp(name + len - suffix, TEMP_SUFFIX) != 0)
        return false;
    /* ".<base>.<pid>-<serial>.gkapub-tmp": the pid is after the last '.' before the suffix */
    const char *end = name + len - suffix;
    const char *p = end;
    while (p > name && p[-1] != '.')
        p--;
    char *stop = NULL;
    long pid = strtol(p, &stop, 10);
    if (pid <= 0 || !stop || *stop != '-')
        return false;
    if (pid == (long)getpid())
        return false;
    return kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

void gka_remove_stale_temps(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!stale_temp(e->d_name))
            continue;
        char path[PATH_MAX];
        int n = snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (n > 0 && (size_t)n < sizeof path)
            unlink(path);
    }
    closedir(d);
}

int gka_check_writable_dir(struct gka_ctx *ctx, const char *dir)
{
    char probe[PATH_MAX];
    int n = snprintf(probe, sizeof probe, "%s/.probe.%ld-0" TEMP_SUFFIX, dir, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof probe) {
        diag_error(ctx, dir, 0, "the folder's path is too long");
        return -1;
    }
    /* a probe by this pid is a dead process's (pids are reused), so it may go; the new one
     * is registered like any temporary file, so that a signal now does not leave it behind */
    unlink(probe);
    int slot = -1, err = 0;
    int fd = temp_open(probe, &slot, &err);
    if (fd < 0) {
        diag_error(ctx, dir, 0, "cannot write in this folder: %s", strerror(err));
        return -1;
    }
    close(fd);
    unlink(probe);
    temp_release(slot);
    return 0;
}
