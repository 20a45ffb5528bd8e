/* main.c: gkapub's entry point: parses the command line and runs a subcommand.
 * Exit status: 0 success, 1 internal failure or not built, 2 bad input or usage. */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "cli.h"
#include "gka.h"
#include "images.h"
#include "model.h"
#include "pub.h"
#include "typeset.h"

enum { EXIT_OK = 0, EXIT_INTERNAL = 1, EXIT_BAD_INPUT = 2 };

static void usage(FILE *out)
{
    fputs("usage: gkapub [COMMAND] [OPTIONS]\n"
          "\n"
          "Typesets the publications of the Gelijke Kansen Alliantie from a year's XML data.\n"
          "\n"
          "Commands:\n"
          "  build        everything for the year (the default)\n"
          "  rapport      the voortgangsrapportage\n"
          "  bundel       the interventiebundel\n"
          "  factsheets   a factsheet per gemeente, and all of them in one file\n"
          "  check        validate the data without writing anything\n"
          "  stats        print the figures computed from the data\n"
          "\n"
          "Options:\n"
          "  --data DIR          the year's data folder (default: the newest year under data/)\n"
          "  --schema FILE       the RelaxNG schema (default: DIR/../schema/gka.rng)\n"
          "  --layouts DIR       layout files (default: layouts/, else those of the source tree)\n"
          "  --out DIR           output folder (default: out/<year>)\n"
          "  --edition screen|print\n"
          "  --gemeente ID       only this gemeente's factsheet (repeatable)\n"
          "  --jobs N            parallel jobs (default: number of cores)\n"
          "  --preview png       also write PNG previews\n"
          "  --quiet             no progress output\n"
          "  -h, --help, --version\n"
          "\n"
          "Exit status: 0 success, 1 internal failure, 2 bad input (messages as path:line).\n",
          out);
}

/* The newest year folder (four digits) under data/, or NULL. Caller frees. */
static char *newest_year_dir(const char *root)
{
    DIR *d = opendir(root);
    if (!d)
        return NULL;
    int best = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        const char *n = e->d_name;
        if (strlen(n) == 4 && strspn(n, "0123456789") == 4 && atoi(n) > best)
            best = atoi(n);
    }
    closedir(d);
    if (!best)
        return NULL;
    struct strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s/%d", root, best);
    return sb_take(&sb);
}

/* name in the working directory when it is a folder there, else the one of the source
 * tree (so that gkapub run from elsewhere still finds its layouts and fonts). */
static const char *default_dir(const char *name, const char *source)
{
    struct stat st;
    if (stat(name, &st) == 0 && S_ISDIR(st.st_mode))
        return name;
    return source;
}

/* DIR/../schema/gka.rng when it exists, else the schema of the source tree. */
static char *default_schema(const char *data_dir)
{
    struct strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s/../schema/gka.rng", data_dir);
    struct stat st;
    if (stat(sb.data, &st) == 0)
        return sb_take(&sb);
    sb_release(&sb);
    return xstrdup(GKAPUB_SOURCE_DIR "/data/schema/gka.rng");
}

static int parse_options(int argc, char **argv, struct cli_options *o)
{
    enum { O_DATA = 256, O_SCHEMA, O_LAYOUTS, O_OUT, O_EDITION, O_GEMEENTE, O_JOBS, O_PREVIEW,
           O_QUIET, O_HELP, O_VERSION };
    static const struct option longopts[] = {
        { "data", required_argument, NULL, O_DATA },
        { "schema", required_argument, NULL, O_SCHEMA },
        { "layouts", required_argument, NULL, O_LAYOUTS },
        { "out", required_argument, NULL, O_OUT },
        { "edition", required_argument, NULL, O_EDITION },
        { "gemeente", required_argument, NULL, O_GEMEENTE },
        { "jobs", required_argument, NULL, O_JOBS },
        { "preview", required_argument, NULL, O_PREVIEW },
        { "quiet", no_argument, NULL, O_QUIET },
        { "help", no_argument, NULL, O_HELP },
        { "version", no_argument, NULL, O_VERSION },
        { NULL, 0, NULL, 0 },
    };
    size_t gcap = 0;
    int c;
    opterr = 0;
    while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        switch (c) {
        case O_DATA: o->data_dir = optarg; break;
        case O_SCHEMA: o->schema_path = optarg; break;
        case O_LAYOUTS: o->layouts_dir = optarg; break;
        case O_OUT: o->out_dir = optarg; break;
        case O_EDITION:
            if (strcmp(optarg, "screen") != 0 && strcmp(optarg, "print") != 0) {
                fprintf(stderr, "gkapub: --edition takes screen or print, not \"%s\"\n", optarg);
                return -1;
            }
            o->edition = optarg;
            break;
        case O_GEMEENTE:
            xgrow(&o->gemeenten, &gcap, o->ngemeenten + 1, sizeof *o->gemeenten);
            o->gemeenten[o->ngemeenten++] = optarg;
            break;
        case O_JOBS: {
            char *end = NULL;
            long n = strtol(optarg, &end, 10);
            if (*end || n < 1 || n > 256) {
                fprintf(stderr, "gkapub: --jobs takes a number from 1 to 256, not \"%s\"\n", optarg);
                return -1;
            }
            o->jobs = (int)n;
            break;
        }
        case O_PREVIEW:
            if (strcmp(optarg, "png") != 0) {
                fprintf(stderr, "gkapub: --preview takes png, not \"%s\"\n", optarg);
                return -1;
            }
            o->preview = optarg;
            break;
        case O_QUIET: o->quiet = true; break;
        case 'h':
        case O_HELP: usage(stdout); exit(EXIT_OK);
        case O_VERSION: printf("gkapub %s\n", GKA_VERSION); exit(EXIT_OK);
        default:
            fprintf(stderr, "gkapub: unknown or incomplete option \"%s\" (see gkapub --help)\n",
                    argv[optind - 1]);
            return -1;
        }
    }
    o->command = "build";
    if (optind < argc)
        o->command = argv[optind++];
    if (optind < argc) {
        fprintf(stderr, "gkapub: unexpected argument \"%s\" (see gkapub --help)\n", argv[optind]);
        return -1;
    }
    static const char *const commands[] = { "build", "rapport", "bundel", "factsheets", "check",
                                            "stats" };
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (strcmp(o->command, commands[i]) == 0)
            return 0;
    fprintf(stderr, "gkapub: unknown command \"%s\" (see gkapub --help)\n", o->command);
    return -1;
}

/* Creates dir and its parents. */
static int make_dirs(const char *dir)
{
    char *p = xstrdup(dir);
    int rc = 0;
    for (char *s = p + 1; *s && rc == 0; s++) {
        if (*s != '/')
            continue;
        *s = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST)
            rc = -1;
        *s = '/';
    }
    if (rc == 0 && mkdir(p, 0777) != 0 && errno != EEXIST)
        rc = -1;
    free(p);
    return rc;
}

/* The creation date: SOURCE_DATE_EPOCH when set, else the peildatum (so that the same
 * data always gives the same bytes). */
static long long creation_date(const struct model *m)
{
    const char *sde = getenv("SOURCE_DATE_EPOCH");
    if (sde && *sde)
        return strtoll(sde, NULL, 10);
    struct tm tm = { 0 };
    sscanf(m->peildatum, "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    return (long long)timegm(&tm);
}

/* Whether the command makes the publication (bundel, factsheets, rapport). */
static bool makes(const struct cli_options *o, const char *what)
{
    return strcmp(o->command, what) == 0 || strcmp(o->command, "build") == 0 || strcmp(o->command, "check") == 0;
}

/* Everything the command's publications need besides the data, checked before anything is
 * written: each problem in ctx. Returns 0 or -1. */
/* Whether the publications asked for can be made; the print edition's colour profile is
 * loaded into po (free it with img_cmyk_profile_free). */
static int preflight(struct gka_ctx *ctx, const struct cli_options *o, const struct model *m,
                     struct pub_options *po, struct img_cmyk_profile **profile)
{
    int rc = 0;
    *profile = NULL;
    if (po->print) {
        *profile = pub_load_cmyk_profile(ctx, po->layouts_dir);
        if (!*profile)
            return -1;
        po->cmyk_profile = *profile;
    }
    if (makes(o, "bundel") && pub_bundel_check(ctx, m, po) != 0)
        rc = -1;
    if (makes(o, "factsheets") && pub_factsheets_check(ctx, m, po) != 0)
        rc = -1;
    if (makes(o, "rapport") && pub_rapport_check(ctx, m, po) != 0)
        rc = -1;
    return rc;
}

static const char *layouts_dir(const struct cli_options *o)
{
    return o->layouts_dir ? o->layouts_dir : default_dir("layouts", GKAPUB_SOURCE_DIR "/layouts");
}

static bool print_edition(const struct cli_options *o)
{
    return o->edition && strcmp(o->edition, "print") == 0;
}

/* One publication made, with its own messages. */
struct job {
    int (*run)(struct job *j);
    const struct model *m;
    const struct cli_options *o;
    struct pub_options po;
    struct pub_report report;
    struct gka_ctx ctx;
    bool wanted;
    int status;
};

static int run_bundel(struct job *j)
{
    return pub_bundel(&j->ctx, j->m, &j->po);
}

static int run_factsheets(struct job *j)
{
    int jobs = j->o->jobs ? j->o->jobs : (int)sysconf(_SC_NPROCESSORS_ONLN);
    return pub_factsheets(&j->ctx, j->m, &j->po, j->o->gemeenten, j->o->ngemeenten, jobs);
}

static int run_rapport(struct job *j)
{
    return pub_rapport(&j->ctx, j->m, &j->po);
}

static void *run_job(void *arg)
{
    struct job *j = arg;
    j->status = j->wanted ? j->run(j) : EXIT_OK;
    return NULL;
}

static int publish(struct gka_ctx *ctx, const struct cli_options *o, const struct model *m)
{
    struct strbuf out;
    sb_init(&out);
    if (o->out_dir)
        sb_append(&out, o->out_dir);
    else
        sb_printf(&out, "out/%d", m->jaar);
    bool print = print_edition(o);
    if (print)
        sb_append(&out, "/print"); /* the print shop's files, apart from the screen's */
    int status = EXIT_OK;
    struct pub_options po = {
        .layouts_dir = layouts_dir(o),
        .out_dir = out.data,
        .date = creation_date(m),
        .preview = o->preview,
        .print = print,
    };
    struct img_cmyk_profile *profile;
    if (preflight(ctx, o, m, &po, &profile) != 0) {
        size_t errors = diag_print(ctx, stderr);
        fprintf(stderr, "gkapub: %zu problem%s; nothing was written\n", errors, errors == 1 ? "" : "s");
        img_cmyk_profile_free(profile);
        sb_release(&out);
        return EXIT_BAD_INPUT;
    }
    /* a folder that cannot be written is bad usage, found before any work is done */
    if (make_dirs(out.data) != 0) {
        fprintf(stderr, "%s: error: cannot create the output folder: %s\n", out.data, strerror(errno));
        img_cmyk_profile_free(profile);
        sb_release(&out);
        return EXIT_BAD_INPUT;
    }
    if (gka_check_writable_dir(ctx, out.data) != 0) {
        diag_print(ctx, stderr);
        img_cmyk_profile_free(profile);
        sb_release(&out);
        return EXIT_BAD_INPUT;
    }
    gka_remove_stale_temps(out.data);
    bool all = strcmp(o->command, "build") == 0;
    /* the bundel, the longest single job, runs beside the others when all are made; each
     * has its own messages, printed in a fixed order when all are done */
    struct job bundel = { .run = run_bundel, .m = m, .po = po }, sheets = { .run = run_factsheets, .m = m, .po = po },
               rapport = { .run = run_rapport, .m = m, .po = po };
    sheets.o = o;
    struct job *jobs[] = { &bundel, &sheets, &rapport };
    const char *names[] = { "bundel", "factsheets", "rapport" };
    for (int i = 0; i < 3; i++) {
        gka_ctx_init(&jobs[i]->ctx);
        jobs[i]->ctx.quiet = o->quiet;
        jobs[i]->po.report = &jobs[i]->report;
        jobs[i]->wanted = all || strcmp(o->command, names[i]) == 0;
    }
    pthread_t thread;
    bool threaded = all && pthread_create(&thread, NULL, run_job, &bundel) == 0;
    for (int i = threaded ? 1 : 0; i < 3; i++)
        run_job(jobs[i]);
    if (threaded)
        pthread_join(thread, NULL);
    for (int i = 0; i < 3; i++) {
        struct job *j = jobs[i];
        diag_print(&j->ctx, stderr);
        gka_ctx_release(&j->ctx);
        if (!j->wanted)
            continue;
        if (j->status == EXIT_OK && !o->quiet && j == &bundel)
            fprintf(stderr, "gkapub: %s/interventiebundel-%d.pdf: %d pages\n", out.data, m->jaar, j->report.pages);
        else if (j->status == EXIT_OK && !o->quiet && j == &sheets && o->ngemeenten)
            fprintf(stderr, "gkapub: %s/factsheets/: %zu factsheet%s (a selection: factsheets-%d.pdf is left "
                    "as it was)\n", out.data, o->ngemeenten, o->ngemeenten == 1 ? "" : "s", m->jaar);
        else if (j->status == EXIT_OK && !o->quiet && j == &sheets)
            fprintf(stderr, "gkapub: %s/factsheets/ and %s/factsheets-%d.pdf: %zu factsheet%s\n", out.data,
                    out.data, m->jaar, m->nagendas, m->nagendas == 1 ? "" : "s");
        else if (j->status == EXIT_OK && !o->quiet && j == &rapport)
            fprintf(stderr, "gkapub: %s/voortgangsrapportage-%d.pdf: %d pages\n", out.data, m->jaar,
                    j->report.pages);
        if (status == EXIT_OK)
            status = j->status;
    }
    img_cmyk_profile_free(profile);
    sb_release(&out);
    return status;
}

int main(int argc, char **argv)
{
    struct cli_options o = { 0 };
    if (parse_options(argc, argv, &o) != 0) {
        free(o.gemeenten);
        return EXIT_BAD_INPUT;
    }
    int status = EXIT_OK;
    char *data_dir = o.data_dir ? xstrdup(o.data_dir)
                                : newest_year_dir(default_dir("data", GKAPUB_SOURCE_DIR "/data"));
    if (!data_dir) {
        fprintf(stderr, "gkapub: no year folder under data/; name one with --data DIR\n");
        free(o.gemeenten);
        return EXIT_BAD_INPUT;
    }
    char *schema = o.schema_path ? xstrdup(o.schema_path) : default_schema(data_dir);

    gka_files_on_signals();
    xmlInitParser();
    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    ctx.quiet = o.quiet;
    struct model *m = model_load(&ctx, data_dir, schema);
    size_t errors = diag_print(&ctx, stderr);
    if (!m || errors) {
        fprintf(stderr, "gkapub: %zu problem%s in %s; nothing was written\n", errors,
                errors == 1 ? "" : "s", data_dir);
        status = EXIT_BAD_INPUT;
    } else if (strcmp(o.command, "check") == 0) {
        struct pub_options po = { .layouts_dir = layouts_dir(&o), .print = print_edition(&o) };
        struct img_cmyk_profile *profile;
        if (preflight(&ctx, &o, m, &po, &profile) != 0) {
            size_t n = diag_print(&ctx, stderr);
            fprintf(stderr, "gkapub: %zu problem%s in the layouts or %s\n", n, n == 1 ? "" : "s", data_dir);
            status = EXIT_BAD_INPUT;
        } else if (!o.quiet)
            fprintf(stderr, "gkapub: %s is valid: %zu gemeenten in %zu agenda's, %zu interventies\n",
                    data_dir, m->ngemeenten, m->nagendas, m->ninterventies);
        img_cmyk_profile_free(profile);
    } else if (strcmp(o.command, "stats") == 0) {
        cli_print_stats(m, stdout);
    } else {
        /* a gemeente's name is one name: "Bergen op Zoom" never breaks after "op" */
        const char **names = xcalloc(m->ngemeenten + 1, sizeof *names);
        for (size_t i = 0; i < m->ngemeenten; i++)
            names[i] = m->gemeenten[i].naam;
        ts_bind_names(names, m->ngemeenten);
        free(names);
        status = publish(&ctx, &o, m);
        ts_bind_names(NULL, 0);
    }
    model_free(m);
    gka_ctx_release(&ctx);
    xmlCleanupParser();
    free(schema);
    free(data_dir);
    free(o.gemeenten);
    return status;
}
