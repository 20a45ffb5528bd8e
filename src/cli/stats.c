/* stats.c: `gkapub stats`: the figures the publications print, computed by the model. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

enum { LABEL_WIDTH = 36 };

/* Writes the label padded to LABEL_WIDTH characters (not bytes: "Fryslân"). */
static void label(FILE *out, const char *text)
{
    size_t chars = 0;
    for (const char *p = text; *p; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80;
    fprintf(out, "  %s%*s", text, chars < LABEL_WIDTH ? (int)(LABEL_WIDTH - chars) : 0, "");
}

static void row(FILE *out, const char *text, long value)
{
    label(out, text);
    fprintf(out, " %6ld\n", value);
}

void cli_print_stats(const struct model *m, FILE *out)
{
    fprintf(out, "Gelijke Kansen Alliantie %d (peildatum %s)\n\n", m->jaar, m->peildatum);

    fprintf(out, "Totalen\n");
    row(out, "gemeenten (GKA-agenda's)", (long)m->nagendas);
    row(out, "gemeenten afzonderlijk", (long)m->ngemeenten);
    row(out, "interventies", (long)m->ninterventies);
    row(out, "interventies met link naar MBO", m->n_mbo);
    row(out, "interventies met link naar HBO", m->n_hbo);

    fprintf(out, "\nInterventies per thema\n");
    for (size_t i = 0; i < m->nthemas; i++)
        row(out, m->themas[i].naam, m->themas[i].n_interventies);

    fprintf(out, "\nInterventies per sector\n");
    for (size_t i = 0; i < m->nsectoren; i++)
        row(out, m->sectoren[i].naam, m->sectoren[i].n_interventies);

    fprintf(out, "\nPer stedelijkheid (CBS)            agenda's interventies\n");
    for (size_t i = 0; i < m->nklassen; i++) {
        const struct stedelijkheidsklasse *k = &m->klassen[i];
        char text[128];
        snprintf(text, sizeof text, "%d %s", k->waarde, k->naam);
        label(out, text);
        fprintf(out, " %6d %12d\n", k->n_agendas, k->n_interventies);
    }

    fprintf(out, "\nPer provincie                       agenda's  gemeenten interventies\n");
    for (size_t i = 0; i < m->nprovincies; i++) {
        const struct model_count *c = &m->per_provincie[i];
        label(out, c->key);
        fprintf(out, " %6d %10d %12d\n", c->n_agendas, c->n_gemeenten, c->n_interventies);
    }

    fprintf(out, "\nPer jaar van toetreding             agenda's  gemeenten interventies  totaal\n");
    int total = 0;
    for (size_t i = 0; i < m->njaren; i++) {
        const struct model_count *c = &m->per_jaar[i];
        total += c->n_agendas;
        label(out, c->key);
        fprintf(out, " %6d %10d %12d %7d\n", c->n_agendas, c->n_gemeenten, c->n_interventies, total);
    }

    /* names run long ("Tytsjerksteradiel, Dantumadiel en Noardeast-Fryslân"): figures first */
    fprintf(out, "\nPer gemeente (interventies, inwoners, gemeente)\n");
    for (size_t i = 0; i < m->nagendas; i++)
        fprintf(out, "  %6zu %9ld  %s\n", m->agendas[i].ninterventies, m->agendas[i].inwoners,
                m->agendas[i].naam);
}
