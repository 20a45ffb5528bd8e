/* cli.h: the command line: options, subcommands and what each prints. */
#ifndef GKA_CLI_H
#define GKA_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

struct cli_options {
    const char *command;        /* build, rapport, bundel, factsheets, check, stats */
    const char *data_dir;       /* NULL: the newest year under data/ */
    const char *schema_path;    /* derived from data_dir unless given */
    const char *layouts_dir;
    const char *out_dir;
    const char *edition;        /* screen or print */
    const char **gemeenten;     /* --gemeente, repeatable */
    size_t ngemeenten;
    int jobs;                   /* 0: number of cores */
    const char *preview;        /* NULL or "png" */
    bool quiet;
};

/* Prints the computed figures of the year to out. */
void cli_print_stats(const struct model *m, FILE *out);

#endif
