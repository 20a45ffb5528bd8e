/* aggregate.c: the counts a publication prints (per thema, sector, stedelijkheid,
 * provincie, year of joining, agenda), computed once from the records; the
 * figures that <getal> names; lookups; and model_load, which ties it together. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>

#include "model.h"
#include "model_private.h"

/* ---- id index (FNV-1a, open addressing) ---- */

static uint64_t hash_str(const char *s)
{
    uint64_t h = 1469598103934665603ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

void id_index_init(struct id_index *ix, size_t expected)
{
    size_t cap = 16;
    while (cap < expected * 2)
        cap *= 2;
    ix->keys = xcalloc(cap, sizeof *ix->keys);
    ix->values = xcalloc(cap, sizeof *ix->values);
    ix->cap = cap;
    ix->count = 0;
}

void id_index_release(struct id_index *ix)
{
    free(ix->keys);
    free(ix->values);
    memset(ix, 0, sizeof *ix);
}

void *id_index_lookup(const struct id_index *ix, const char *key)
{
    if (!ix->cap || !key)
        return NULL;
    for (size_t i = hash_str(key) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
        if (!ix->keys[i])
            return NULL;
        if (strcmp(ix->keys[i], key) == 0)
            return ix->values[i];
    }
}

void id_index_add(struct id_index *ix, const char *key, void *value)
{
    if (!ix->cap)
        id_index_init(ix, 8);
    if ((ix->count + 1) * 2 > ix->cap) {
        struct id_index bigger;
        id_index_init(&bigger, ix->cap);
        for (size_t i = 0; i < ix->cap; i++)
            if (ix->keys[i])
                id_index_add(&bigger, ix->keys[i], ix->values[i]);
        id_index_release(ix);
        *ix = bigger;
    }
    size_t i = hash_str(key) & (ix->cap - 1);
    while (ix->keys[i])
        i = (i + 1) & (ix->cap - 1);
    ix->keys[i] = key;
    ix->values[i] = value;
    ix->count++;
}

/* ---- lookups ---- */

#define LINEAR_LOOKUP(array, count, field, key)                    \
    do {                                                           \
        if (!(key))                                                \
            return NULL;                                           \
        for (size_t i_ = 0; i_ < (count); i_++)                    \
            if (strcmp((array)[i_].field, (key)) == 0)             \
                return &(array)[i_];                               \
        return NULL;                                               \
    } while (0)

struct thema *model_thema(const struct model *m, const char *id)
{
    LINEAR_LOOKUP(m->themas, m->nthemas, id, id);
}

struct sector *model_sector(const struct model *m, const char *id)
{
    LINEAR_LOOKUP(m->sectoren, m->nsectoren, id, id);
}

struct gemeente *model_gemeente(const struct model *m, const char *id)
{
    return id_index_lookup(&m->gemeente_ids, id);
}

struct agenda *model_agenda(const struct model *m, const char *id)
{
    return id_index_lookup(&m->agenda_ids, id);
}

struct stedelijkheidsklasse *model_klasse(const struct model *m, int waarde)
{
    for (size_t i = 0; i < m->nklassen; i++)
        if (m->klassen[i].waarde == waarde)
            return &m->klassen[i];
    return NULL;
}

/* ---- aggregates ---- */

static struct model_count *count_for(struct model_count *items, size_t n, const char *key)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(items[i].key, key) == 0)
            return &items[i];
    return NULL;
}

const struct model_count *model_provincie(const struct model *m, const char *naam)
{
    return count_for(m->per_provincie, m->nprovincies, naam);
}

static int compare_count_key(const void *a, const void *b)
{
    return strcmp(((const struct model_count *)a)->key, ((const struct model_count *)b)->key);
}

static int compare_count_year(const void *a, const void *b)
{
    return ((const struct model_count *)a)->year - ((const struct model_count *)b)->year;
}

/* The agenda's class and provincie are those of its first gemeente. */
static const struct gemeente *agenda_first(const struct agenda *a)
{
    return a->nleden ? a->leden[0] : NULL;
}

static void count_agendas(struct model *m)
{
    /* At most one entry per agenda: the arrays can be sized up front. */
    m->per_provincie = arena_alloc(&m->arena, (m->ngemeenten + 1) * sizeof *m->per_provincie);
    m->per_jaar = arena_alloc(&m->arena, (m->nagendas + 1) * sizeof *m->per_jaar);
    for (size_t i = 0; i < m->ngemeenten; i++) {
        const struct gemeente *g = &m->gemeenten[i];
        struct model_count *c = count_for(m->per_provincie, m->nprovincies, g->provincie);
        if (!c) {
            c = &m->per_provincie[m->nprovincies++];
            c->key = g->provincie;
        }
        c->n_gemeenten++;
    }
    for (size_t i = 0; i < m->nagendas; i++) {
        struct agenda *a = &m->agendas[i];
        const struct gemeente *g = agenda_first(a);
        if (!g)
            continue;
        struct model_count *c = count_for(m->per_provincie, m->nprovincies, g->provincie);
        c->n_agendas++;
        c->n_interventies += (int)a->ninterventies;
        struct stedelijkheidsklasse *k = model_klasse(m, g->stedelijkheid);
        if (k) {
            k->n_agendas++;
            k->n_interventies += (int)a->ninterventies;
        }
        char year[16];
        snprintf(year, sizeof year, "%d", a->toegetreden);
        c = count_for(m->per_jaar, m->njaren, year);
        if (!c) {
            c = &m->per_jaar[m->njaren++];
            c->key = arena_strdup(&m->arena, year);
            c->year = a->toegetreden;
        }
        c->n_agendas++;
        c->n_gemeenten += (int)a->nleden;
        c->n_interventies += (int)a->ninterventies;
    }
    qsort(m->per_provincie, m->nprovincies, sizeof *m->per_provincie, compare_count_key);
    qsort(m->per_jaar, m->njaren, sizeof *m->per_jaar, compare_count_year);
}

static void count_interventies(struct model *m)
{
    size_t *per_agenda = xcalloc(m->nagendas + 1, sizeof *per_agenda);
    for (size_t i = 0; i < m->ninterventies; i++) {
        struct interventie *iv = &m->interventies[i];
        iv->thema->n_interventies++;
        iv->sector->n_interventies++;
        m->n_mbo += iv->mbo;
        m->n_hbo += iv->hbo;
        per_agenda[iv->agenda - m->agendas]++;
    }
    for (size_t a = 0; a < m->nagendas; a++) {
        struct agenda *ag = &m->agendas[a];
        ag->interventies = arena_alloc(&m->arena, (per_agenda[a] + 1) * sizeof *ag->interventies);
        ag->n_per_thema = arena_alloc(&m->arena, (m->nthemas + 1) * sizeof *ag->n_per_thema);
    }
    for (size_t i = 0; i < m->ninterventies; i++) {
        struct interventie *iv = &m->interventies[i];
        struct agenda *ag = iv->agenda;
        ag->interventies[ag->ninterventies++] = iv;
        ag->n_per_thema[iv->thema - m->themas]++;
    }
    free(per_agenda);
}

/* ---- figures ---- */

/* The factors the content tree c and the sections under it list. */
static long factors_in(const struct content *c)
{
    long n = 0;
    for (; c; c = c->next) {
        n += c->kind == C_FACTOR;
        if (c->kind == C_SECTIE && c->sectie)
            n += factors_in(c->sectie->inhoud);
        else
            n += factors_in(c->first_child);
    }
    return n;
}

int model_figure(const struct model *m, const char *naam, const char *ref, long *value,
                 const char **why)
{
    *why = NULL;
    if (strcmp(naam, "jaar") == 0) {
        *value = m->jaar;
    } else if (strcmp(naam, "gemeenten") == 0) {
        *value = (long)m->nagendas;
    } else if (strcmp(naam, "gemeenten-afzonderlijk") == 0) {
        *value = (long)m->ngemeenten;
    } else if (strcmp(naam, "interventies") == 0) {
        *value = (long)m->ninterventies;
    } else if (strcmp(naam, "factoren") == 0) { /* as the report's own overview lists them */
        long n = 0;
        for (size_t i = 0; i < m->rapport.nsecties; i++)
            n += factors_in(m->rapport.secties[i]->inhoud);
        *value = n;
    } else if (strcmp(naam, "themas") == 0) {
        long n = 0;
        for (size_t i = 0; i < m->nthemas; i++)
            n += m->themas[i].n_interventies > 0;
        *value = n;
    } else if (strcmp(naam, "mbo") == 0) {
        *value = m->n_mbo;
    } else if (strcmp(naam, "hbo") == 0) {
        *value = m->n_hbo;
    } else if (strcmp(naam, "provincies") == 0) {
        long n = 0;
        for (size_t i = 0; i < m->nprovincies; i++)
            n += m->per_provincie[i].n_agendas > 0;
        *value = n;
    } else if (strcmp(naam, "thema") == 0) {
        const struct thema *t = model_thema(m, ref);
        if (!t) {
            *why = "ref must be a thema id";
            return -1;
        }
        *value = t->n_interventies;
    } else if (strcmp(naam, "sector") == 0) {
        const struct sector *s = model_sector(m, ref);
        if (!s) {
            *why = "ref must be a sector id";
            return -1;
        }
        *value = s->n_interventies;
    } else if (strcmp(naam, "stedelijkheid") == 0) {
        const struct stedelijkheidsklasse *k = ref ? model_klasse(m, atoi(ref)) : NULL;
        if (!k) {
            *why = "ref must be a stedelijkheidsklasse (1 to 5)";
            return -1;
        }
        *value = k->n_agendas;
    } else if (strcmp(naam, "provincie") == 0) {
        *value = 0;
        bool known = false;
        static const char *const provincies[] = {
            "Groningen", "Fryslân", "Drenthe", "Overijssel", "Flevoland", "Gelderland", "Utrecht",
            "Noord-Holland", "Zuid-Holland", "Zeeland", "Noord-Brabant", "Limburg",
        };
        for (size_t i = 0; ref && i < sizeof provincies / sizeof provincies[0]; i++)
            known |= strcmp(provincies[i], ref) == 0;
        if (!known) {
            *why = "ref must be the name of a provincie";
            return -1;
        }
        const struct model_count *c = model_provincie(m, ref);
        if (c)
            *value = c->n_agendas;
    } else if (strcmp(naam, "inwoners-procent") == 0) {
        /* the share of the country's inhabitants (ref: their number) living in a GKA-gemeente */
        char *end = NULL;
        long country = ref ? strtol(ref, &end, 10) : 0;
        long living = 0;
        for (size_t i = 0; i < m->nagendas; i++)
            living += m->agendas[i].inwoners;
        if (!ref || *end || country <= 0 || living > country) {
            *why = "ref must be the number of inhabitants of the Netherlands (at least those of the GKA-gemeenten)";
            return -1;
        }
        *value = (long)((double)living * 100.0 / (double)country + 0.5);
    } else if (strcmp(naam, "toegetreden") == 0 || strcmp(naam, "gemeenten-tot") == 0) {
        char *end = NULL;
        long year = ref ? strtol(ref, &end, 10) : 0;
        if (!ref || *end || year < 2016 || year > m->jaar) {
            *why = "ref must be a year from 2016 to the year of the data";
            return -1;
        }
        bool cumulative = strcmp(naam, "gemeenten-tot") == 0;
        *value = 0;
        for (size_t i = 0; i < m->njaren; i++)
            if (m->per_jaar[i].year == year || (cumulative && m->per_jaar[i].year < year))
                *value += m->per_jaar[i].n_agendas;
    } else {
        *why = "unknown figure";
        return -1;
    }
    if (ref && *why == NULL && strcmp(naam, "thema") && strcmp(naam, "sector") &&
        strcmp(naam, "stedelijkheid") && strcmp(naam, "provincie") && strcmp(naam, "toegetreden") &&
        strcmp(naam, "gemeenten-tot") && strcmp(naam, "inwoners-procent")) {
        *why = "this figure takes no ref";
        return -1;
    }
    return 0;
}

/* Fills in every <getal> and checks every link in a content tree. */
static void resolve_content(struct builder *b, struct content *c)
{
    for (; c; c = c->next) {
        if (c->kind == C_GETAL) {
            const char *naam = content_attr(c, "naam"), *ref = content_attr(c, "ref"), *why;
            if (model_figure(b->m, naam, ref, &c->value, &why) != 0)
                diag_error(b->ctx, c->loc.path, c->loc.line, "<getal naam=\"%s\"%s%s%s>: %s", naam,
                           ref ? " ref=\"" : "", ref ? ref : "", ref ? "\"" : "", why);
        } else if (c->kind == C_LINK || c->kind == C_TEGEL || c->kind == C_ONDERDEEL) {
            const char *href = c->kind == C_LINK ? c->text : content_attr(c, c->kind == C_TEGEL ? "url" : "href");
            if (!href)
                ;
            else if (href[0] == '#') {
                c->sectie = sectie_lookup(b, href + 1); /* the link's target */
                if (!c->sectie)
                    diag_error(b->ctx, c->loc.path, c->loc.line, "link to \"%s\": no sectie has that id",
                               href);
            } else if (strncmp(href, "mailto:", 7) == 0) {
                if (!model_valid_email(href + 7))
                    diag_error(b->ctx, c->loc.path, c->loc.line, "\"%s\" is not an e-mail address", href);
            } else {
                char buf[160];
                const char *why = model_url_problem(href, buf, sizeof buf);
                if (why)
                    diag_error(b->ctx, c->loc.path, c->loc.line,
                               "link \"%s\" must be an http(s) URL, mailto: or #sectie-id: %s", href, why);
            }
        }
        if (c->kind == C_SECTIE)
            resolve_content(b, c->sectie->inhoud);
        else
            resolve_content(b, c->first_child);
    }
}

void aggregate_model(struct builder *b)
{
    struct model *m = b->m;
    count_interventies(m);
    count_agendas(m);
    for (size_t i = 0; i < m->nthemas; i++)
        resolve_content(b, m->themas[i].omschrijving);
    for (size_t i = 0; i < m->nagendas; i++)
        resolve_content(b, m->agendas[i].opgave);
    for (size_t i = 0; i < m->ninterventies; i++) {
        resolve_content(b, m->interventies[i].doel);
        resolve_content(b, m->interventies[i].beschrijving);
    }
    for (size_t i = 0; i < m->rapport.nsecties; i++)
        resolve_content(b, m->rapport.secties[i]->inhoud);
}

/* ---- loading ---- */

struct model *model_load(struct gka_ctx *ctx, const char *data_dir, const char *schema_path)
{
    struct xml_set set;
    size_t before = ctx->nerrors;
    /* Structure first: a file that is not well-formed or valid stops the run
     * before meaning is checked, so one mistake does not cascade into many. */
    if (xml_load_year(ctx, data_dir, schema_path, &set) != 0) {
        xml_set_release(&set);
        return NULL;
    }
    struct model *m = xcalloc(1, sizeof *m);
    arena_init(&m->arena);
    struct builder b = { .ctx = ctx, .m = m, .data_dir = data_dir };
    int rc = build_model(&b, &set);
    xml_set_release(&set);
    if (rc == 0 && ctx->nerrors == before)
        aggregate_model(&b);
    id_index_release(&b.interventies);
    id_index_release(&b.secties);
    if (ctx->nerrors != before) {
        model_free(m);
        return NULL;
    }
    return m;
}

void model_free(struct model *m)
{
    if (!m)
        return;
    id_index_release(&m->gemeente_ids);
    id_index_release(&m->agenda_ids);
    arena_release(&m->arena);
    free(m);
}
