/* model.h: one GKA year as facts: thema's, sectoren, gemeenten, agenda's,
 * interventies and the report's editorial content, with every reference
 * resolved and the aggregates computed once. Knows nothing of pages. */
#ifndef GKA_MODEL_H
#define GKA_MODEL_H

#include <stdbool.h>
#include <stddef.h>

#include "gka.h"

/* Limits that keep a malformed or hostile input from costing more than it should. */
#define MODEL_MAX_INCLUDES 64

/* Where a record was written, for messages about it later (layout warnings too). */
struct src_loc {
    const char *path; /* borrowed from the model */
    long line;
};

/* ---- content: rich text and report components, one small tree ---- */
enum content_kind {
    /* inline */
    C_TEXT,     /* text */
    C_EM,
    C_STRONG,
    C_LINK,     /* href */
    C_BR,
    C_GETAL,    /* a computed figure: attr naam, ref; value filled in by the model */
    C_TAAL,     /* text in another language: attr lang (xml:lang) */
    /* blocks */
    C_P,
    C_H,
    C_UL,
    C_OL,
    C_LI,
    /* report components (see data/README.md) */
    C_ONDERTEKENING,
    C_FASE,
    C_MIJLPAAL,
    C_NIVEAU,
    C_FACTOR,
    C_KERNCIJFER,
    C_GRAFIEK,
    C_KAART,
    C_TEGEL,
    C_GROEP,
    C_PERSOON,
    C_CITAAT,
    C_AFBEELDING, /* an image: attrs bestand, alt, breedte, verhouding, focus, zwevend; children: caption */
    C_DIAGRAM,  /* a diagram: attrs vorm (kaarten, stappen, pijlers), dak, basis, genummerd; children: C_ONDERDEEL */
    C_ONDERDEEL, /* a diagram's part: attrs titel, href (#sectie-id, resolved into sectie); children: its text */
    C_SECTIE,   /* a nested section: see content.sectie */
};

struct content_attr {
    const char *name, *value;
};

struct content {
    enum content_kind kind;
    const char *text;               /* C_TEXT: the text; C_LINK: the href */
    struct content_attr *attrs;     /* the element's attributes, as written */
    size_t nattrs;
    long value;                     /* C_GETAL: the computed figure */
    struct sectie *sectie;          /* C_SECTIE; C_LINK to "#id": its target */
    const char *image;              /* C_AFBEELDING's bestand, C_PERSOON's foto, C_ONDERDEEL's
                                       icoon: the file, checked */
    double image_width, image_height; /* its size in pixels (an SVG's in CSS pixels) */
    struct content *first_child, *next;
    struct src_loc loc;
};

/* Returns the value of attribute `name`, or NULL when it was not given. */
const char *content_attr(const struct content *c, const char *name);

/* ---- classifications ---- */
struct thema {
    const char *id, *naam;
    unsigned kleur;                 /* 0xRRGGBB */
    bool has_cmyk;
    float cmyk[4];                  /* 0..1 */
    struct content *omschrijving;   /* may be NULL */
    struct src_loc loc;
    int n_interventies;             /* aggregate */
};

struct sector {
    const char *id, *naam, *omschrijving;
    struct src_loc loc;
    int n_interventies;             /* aggregate */
};

struct stedelijkheidsklasse {
    int waarde;                     /* CBS 1 (zeer sterk) .. 5 (niet stedelijk) */
    const char *naam, *omschrijving;
    struct src_loc loc;
    int n_agendas, n_interventies;  /* aggregates */
};

struct persoon {
    const char *naam, *functie, *organisatie, *email, *telefoon; /* all but naam may be NULL */
};

/* ---- gemeenten and agenda's ---- */
struct gemeente {
    const char *id, *naam, *cbscode, *provincie, *typering;
    long inwoners;
    int stedelijkheid;
    double lat, lon;
    struct agenda *agenda;          /* the agenda it belongs to */
    struct src_loc loc;
};

struct wethouder {
    struct persoon persoon;
    const char *portefeuille;
    struct gemeente *gemeente;      /* for an alliance: whose wethouder; else the only lid */
};

struct agenda {
    const char *id;
    const char *naam;               /* given for an alliance, else its gemeente's name */
    const char *url;
    int toegetreden;
    struct gemeente **leden;
    size_t nleden;
    struct wethouder *wethouders;
    size_t nwethouders;
    struct persoon regiocoordinator;
    struct content *opgave;
    struct src_loc loc;
    /* aggregates */
    struct interventie **interventies;  /* in data order */
    size_t ninterventies;
    int *n_per_thema;                   /* indexed like model.themas */
    long inwoners;                      /* sum over leden */
};

struct interventie {
    const char *id, *titel, *organisatie, *url;
    struct content *doel, *beschrijving;
    struct persoon contact;
    struct agenda *agenda;
    struct thema *thema;
    struct sector *sector;
    bool mbo, hbo, uitgelicht;
    struct src_loc loc;
};

/* ---- the report ---- */
enum sectie_soort {
    S_VOORWOORD, S_INHOUD, S_HOOFDSTUK, S_TEKST, S_TIJDLIJN, S_FACTOREN, S_KERNCIJFERS,
    S_GRAFIEK, S_KAART, S_TEGELS, S_PERSONEN, S_CITATEN, S_INTERVIEW, S_DASHBOARD,
    S_CONTACT, S_COLOFON,
};

struct lijn {
    const char *id, *naam;
    int nr;
    struct src_loc loc;
};

struct sectie {
    const char *id, *titel, *kort;  /* kort may be NULL */
    enum sectie_soort soort;
    struct lijn *lijn;              /* may be NULL */
    const struct agenda *agenda;    /* the agenda it is about, or NULL */
    struct content *inhoud;         /* blocks, components and C_SECTIE children in order */
    struct sectie **subsecties;
    size_t nsubsecties;
    struct sectie *parent;
    struct src_loc loc;
};

struct rapport {
    const char *titel, *ondertitel, *auteur, *onderwerp, *trefwoorden;
    struct lijn *lijnen;
    size_t nlijnen;
    struct sectie **secties;        /* top level, in reading order */
    size_t nsecties;
};

/* Counts per provincie and per year of joining (aggregates). */
struct model_count {
    const char *key;                /* provincie name, or the year as text */
    int year;                       /* for per-year counts; 0 otherwise */
    int n_agendas, n_gemeenten, n_interventies;
};

/* A string-keyed table (the model's own; its functions are private to the model). */
struct id_index {
    const char **keys;
    void **values;
    size_t cap, count;
};

struct model {
    int jaar;
    const char *peildatum;          /* YYYY-MM-DD */
    const char *root_path;          /* the jaar.xml that was loaded */

    struct thema *themas;           size_t nthemas;
    struct sector *sectoren;        size_t nsectoren;
    struct stedelijkheidsklasse *klassen; size_t nklassen;
    struct gemeente *gemeenten;     size_t ngemeenten;
    struct agenda *agendas;         size_t nagendas;
    struct interventie *interventies; size_t ninterventies;
    struct rapport rapport;         /* empty (nsecties 0) when the year has no rapport.xml */

    /* aggregates */
    int n_mbo, n_hbo;
    struct model_count *per_provincie; size_t nprovincies;   /* in order of first appearance... sorted by name */
    struct model_count *per_jaar;      size_t njaren;         /* sorted by year */

    struct id_index gemeente_ids, agenda_ids;  /* for model_gemeente and model_agenda */
    struct arena arena;             /* owns everything above */
};

/* Loads, validates and resolves the year in data_dir (which holds jaar.xml),
 * checking it against schema_path (RelaxNG). Every problem found is added to
 * ctx as path:line; the model is returned only when there were no errors
 * (warnings may have been added). The caller frees it with model_free. */
struct model *model_load(struct gka_ctx *ctx, const char *data_dir, const char *schema_path);

void model_free(struct model *m);

/* The figure a <getal naam ref> names (see data/README.md). Returns 0 and sets
 * *value, or -1 with *why set to a static explanation when naam or ref is unknown. */
int model_figure(const struct model *m, const char *naam, const char *ref, long *value,
                 const char **why);

/* Lookups by id; NULL when absent. */
struct thema *model_thema(const struct model *m, const char *id);
struct sector *model_sector(const struct model *m, const char *id);
struct gemeente *model_gemeente(const struct model *m, const char *id);
struct agenda *model_agenda(const struct model *m, const char *id);
struct stedelijkheidsklasse *model_klasse(const struct model *m, int waarde);
/* The counts of provincie naam (per_provincie), or NULL. */
const struct model_count *model_provincie(const struct model *m, const char *naam);

/* Checks used by the loader, exposed for tests. */
bool model_valid_email(const char *s);
bool model_valid_url(const char *s);   /* http:// or https:// with a host, RFC 3986 characters only */
/* Why s is not a valid http(s) URL (a sentence, in buf or static), or NULL when it is. */
const char *model_url_problem(const char *s, char *buf, size_t size);

#endif
