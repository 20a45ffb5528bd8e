/* build.c: turns the validated XML documents of a year into the model, checking
 * what a schema cannot: unique ids, references that resolve, values in range. */
#include <ctype.h>
#include <limits.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libxml/tree.h>

#include "model.h"
#include "images.h"
#include "model_private.h"

/* ---- small XML helpers ---- */

static size_t count_children(xmlNodePtr parent, const char *name)
{
    size_t n = 0;
    for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
        if (xmlio_is(c, name))
            n++;
    return n;
}

static xmlNodePtr first_child(xmlNodePtr parent, const char *name)
{
    for (xmlNodePtr c = parent ? parent->children : NULL; c; c = c->next)
        if (xmlio_is(c, name))
            return c;
    return NULL;
}

/* Collapses runs of white space to one space; trims the ends when asked. */
static char *normalise_space(struct arena *a, const char *s, bool trim)
{
    size_t n = strlen(s);
    char *out = arena_alloc(a, n + 1);
    size_t o = 0;
    bool in_space = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            in_space = true;
            continue;
        }
        if (in_space && (o > 0 || !trim))
            out[o++] = ' ';
        in_space = false;
        out[o++] = (char)ch;
    }
    if (in_space && !trim)
        out[o++] = ' ';
    out[o] = '\0';
    return out;
}

/* The element's text, white space normalised, in the model's arena. */
static const char *xtext(struct builder *b, xmlNodePtr n)
{
    xmlChar *raw = xmlNodeGetContent(n);
    const char *s = normalise_space(&b->m->arena, raw ? (const char *)raw : "", true);
    xmlFree(raw);
    return s;
}

static const char *adup(struct builder *b, const char *s)
{
    return arena_strdup(&b->m->arena, s);
}

static struct src_loc loc_of(struct builder *b, xmlNodePtr n)
{
    struct src_loc l = { b->path, xmlio_line(n) };
    return l;
}

/* ---- number parsing: the schema checked the syntax; these check range ---- */

/* The schema checked the syntax. A number too large for a long saturates, so that a
 * range check after it refuses it; messages quote the attribute as written. */
static long parse_long(const char *s)
{
    return s ? strtol(s, NULL, 10) : 0;
}

/* A long as an int, saturating instead of wrapping. */
static int to_int(long v)
{
    return v > INT_MAX ? INT_MAX : v < INT_MIN ? INT_MIN : (int)v;
}

static double parse_double(const char *s)
{
    return s ? strtod(s, NULL) : 0.0;
}

/* ---- checks ---- */

bool model_valid_email(const char *s)
{
    if (!s)
        return false;
    const char *at = strchr(s, '@');
    if (!at || at == s || strchr(at + 1, '@'))
        return false;
    for (const char *p = s; p < at; p++)
        if (!(isalnum((unsigned char)*p) || strchr("._%+-'", *p)))
            return false;
    const char *domain = at + 1;
    const char *last_dot = strrchr(domain, '.');
    if (!last_dot || last_dot == domain)
        return false;
    size_t label = 0;
    for (const char *p = domain; *p; p++) {
        if (*p == '.') {
            if (label == 0)
                return false;
            label = 0;
        } else if (isalnum((unsigned char)*p) || *p == '-') {
            label++;
        } else {
            return false;
        }
    }
    if (label < 2)
        return false;
    for (const char *p = last_dot + 1; *p; p++)
        if (!isalpha((unsigned char)*p))
            return false;
    return true;
}

/* RFC 3986: the characters a URI may hold as they are; anything else (a space, '"',
 * '\\', '<', '>', '{', '}', '|', '^', '`', a control character or a byte beyond ASCII)
 * must be percent-encoded. Keeping to them is what makes a URL safe to write anywhere. */
static bool uri_char(unsigned char c)
{
    return isalnum(c) || (c && strchr("-._~:/?#[]@!$&'()*+,;=", c));
}

const char *model_url_problem(const char *s, char *buf, size_t size)
{
    if (!s)
        return "it is missing";
    const char *host;
    if (strncasecmp(s, "https://", 8) == 0)
        host = s + 8;
    else if (strncasecmp(s, "http://", 7) == 0)
        host = s + 7;
    else
        return "it must begin with https:// or http://";
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '%') {
            if (!isxdigit((unsigned char)p[1]) || !isxdigit((unsigned char)p[2]))
                return "'%' must begin a percent-encoding such as %20";
            continue;
        }
        if (uri_char(c))
            continue;
        if (c == ' ')
            snprintf(buf, size, "it contains a space at character %td; write it as %%20", p - s + 1);
        else if (c < 0x20 || c == 0x7F)
            snprintf(buf, size, "it contains the control character 0x%02X at character %td", c, p - s + 1);
        else if (c >= 0x80)
            snprintf(buf, size, "it contains a character beyond ASCII at character %td; percent-encode it",
                     p - s + 1);
        else
            snprintf(buf, size, "the character '%c' (character %td) is not allowed in a URL; write it as %%%02X",
                     c, p - s + 1, c);
        return buf;
    }
    size_t authority = strcspn(host, "/?#");
    const char *at = memchr(host, '@', authority);
    const char *name = at ? at + 1 : host;
    size_t namelen = authority - (size_t)(name - host);
    if (namelen == 0 || name[0] == ':')
        return "it names no host";
    for (size_t i = 0; i < namelen; i++)
        if (!(isalnum((unsigned char)name[i]) || strchr(".-:[]%", name[i])))
            return "its host name holds a character a host name cannot have";
    return NULL;
}

bool model_valid_url(const char *s)
{
    char buf[160];
    return model_url_problem(s, buf, sizeof buf) == NULL;
}

static void check_persoon(struct builder *b, xmlNodePtr n, struct persoon *p)
{
    p->naam = adup(b, xmlio_attr(n, "naam"));
    p->functie = adup(b, xmlio_attr(n, "functie"));
    p->organisatie = adup(b, xmlio_attr(n, "organisatie"));
    p->email = adup(b, xmlio_attr(n, "email"));
    p->telefoon = adup(b, xmlio_attr(n, "telefoon"));
    if (p->email && !model_valid_email(p->email))
        diag_error(b->ctx, b->path, xmlio_line(n), "<%s naam=\"%s\">: \"%s\" is not an e-mail address",
                   (const char *)n->name, p->naam ? p->naam : "", p->email);
}

static void check_url(struct builder *b, xmlNodePtr n, const char *what, const char *url)
{
    char buf[160];
    const char *why = url ? model_url_problem(url, buf, sizeof buf) : NULL;
    if (why)
        diag_error(b->ctx, b->path, xmlio_line(n), "%s \"%s\" is not a valid http(s) URL: %s", what, url, why);
}

/* ---- content ---- */

static const struct {
    const char *name;
    enum content_kind kind;
    bool inline_children;   /* white space between children is meaningful */
} content_elements[] = {
    { "em", C_EM, true },          { "strong", C_STRONG, true },
    { "a", C_LINK, true },         { "br", C_BR, true },
    { "getal", C_GETAL, true },    { "p", C_P, true },
    { "taal", C_TAAL, true },
    { "h", C_H, true },            { "ul", C_UL, false },
    { "ol", C_OL, false },         { "li", C_LI, true },
    { "ondertekening", C_ONDERTEKENING, false },
    { "fase", C_FASE, false },     { "mijlpaal", C_MIJLPAAL, true },
    { "niveau", C_NIVEAU, false }, { "factor", C_FACTOR, true },
    { "kerncijfer", C_KERNCIJFER, true },
    { "grafiek", C_GRAFIEK, false }, { "kaart", C_KAART, false },
    { "tegel", C_TEGEL, false },   { "groep", C_GROEP, false },
    { "persoon", C_PERSOON, true }, { "citaat", C_CITAAT, true },
    { "afbeelding", C_AFBEELDING, true },
    { "diagram", C_DIAGRAM, false }, { "onderdeel", C_ONDERDEEL, true },
};

/* An image file named by attribute attr of item: inside the year's folder, a PNG, JPEG or
 * SVG that decodes and is not too large; every problem reported against the element. */
static void check_image(struct builder *b, struct content *item, const char *attr, long line)
{
    const char *href = content_attr(item, attr);
    if (!href)
        return;
    char what[64];
    snprintf(what, sizeof what, "<%s %s>",
             item->kind == C_PERSOON ? "persoon" : item->kind == C_ONDERDEEL ? "onderdeel" : "afbeelding", attr);
    char *path = model_data_path(b->ctx, b->path, line, b->data_dir, what, href);
    if (!path)
        return;
    struct img_info info;
    char why[256];
    if (img_check(path, &info, why, sizeof why) != 0) {
        diag_error(b->ctx, b->path, line, "%s \"%s\" %s", what, href, why);
    } else {
        item->image = adup(b, path);
        item->image_width = info.width;
        item->image_height = info.height;
    }
    free(path);
}

static struct sectie *build_sectie(struct builder *b, xmlNodePtr n, struct sectie *parent);

static bool only_space(const char *s)
{
    for (; *s; s++)
        if (!isspace((unsigned char)*s))
            return false;
    return true;
}

/* Builds the content of n's children; inline_context says whether text between
 * elements is part of the text (in a paragraph) or just indentation (in a list). */
static struct content *build_children(struct builder *b, xmlNodePtr n, bool inline_context,
                                      struct sectie *owner)
{
    struct content *first = NULL, **tail = &first;
    for (xmlNodePtr c = n->children; c; c = c->next) {
        struct content *item = NULL;
        if (c->type == XML_TEXT_NODE) {
            const char *s = (const char *)c->content;
            if (!s || (!inline_context && only_space(s)) || !*s)
                continue;
            item = arena_alloc(&b->m->arena, sizeof *item);
            item->kind = C_TEXT;
            item->text = normalise_space(&b->m->arena, s, false);
        } else if (c->type == XML_ELEMENT_NODE) {
            if (xmlio_is(c, "sectie")) {
                item = arena_alloc(&b->m->arena, sizeof *item);
                item->kind = C_SECTIE;
                item->sectie = build_sectie(b, c, owner);
            } else {
                size_t k;
                for (k = 0; k < sizeof content_elements / sizeof content_elements[0]; k++)
                    if (xmlio_is(c, content_elements[k].name))
                        break;
                if (k == sizeof content_elements / sizeof content_elements[0]) {
                    diag_error(b->ctx, b->path, xmlio_line(c), "unexpected element <%s>",
                               (const char *)c->name);
                    continue;
                }
                item = arena_alloc(&b->m->arena, sizeof *item);
                item->kind = content_elements[k].kind;
                size_t nattrs = 0;
                for (xmlAttrPtr a = c->properties; a; a = a->next)
                    nattrs++;
                item->attrs = arena_alloc(&b->m->arena, (nattrs ? nattrs : 1) * sizeof *item->attrs);
                for (xmlAttrPtr a = c->properties; a; a = a->next) {
                    /* each attribute's own value: xml:lang is "lang" here */
                    const char *value = a->children && a->children->type == XML_TEXT_NODE && a->children->content
                                            ? (const char *)a->children->content
                                            : "";
                    item->attrs[item->nattrs].name = adup(b, (const char *)a->name);
                    item->attrs[item->nattrs].value = adup(b, value);
                    item->nattrs++;
                }
                if (item->kind == C_LINK)
                    item->text = content_attr(item, "href");
                if (item->kind == C_AFBEELDING)
                    check_image(b, item, "bestand", xmlio_line(c));
                if (item->kind == C_PERSOON)
                    check_image(b, item, "foto", xmlio_line(c));
                if (item->kind == C_ONDERDEEL)
                    check_image(b, item, "icoon", xmlio_line(c));
                item->first_child = build_children(b, c, content_elements[k].inline_children, owner);
            }
        } else {
            continue;
        }
        item->loc = loc_of(b, c);
        *tail = item;
        tail = &item->next;
    }
    return first;
}

const char *content_attr(const struct content *c, const char *name)
{
    for (size_t i = 0; i < c->nattrs; i++)
        if (strcmp(c->attrs[i].name, name) == 0)
            return c->attrs[i].value;
    return NULL;
}

/* ---- classificatie ---- */

static unsigned parse_rgb(const char *s)
{
    return s && s[0] == '#' ? (unsigned)strtoul(s + 1, NULL, 16) : 0;
}

static void build_classificatie(struct builder *b, xmlNodePtr top)
{
    struct model *m = b->m;
    xmlNodePtr themas = first_child(top, "themas");
    xmlNodePtr sectoren = first_child(top, "sectoren");
    xmlNodePtr klassen = first_child(top, "stedelijkheidsklassen");

    m->nthemas = 0;
    m->themas = arena_alloc(&m->arena, (count_children(themas, "thema") + 1) * sizeof *m->themas);
    for (xmlNodePtr n = themas->children; n; n = n->next) {
        if (!xmlio_is(n, "thema"))
            continue;
        const char *id = xmlio_attr(n, "id");
        if (model_thema(m, id)) {
            diag_error(b->ctx, b->path, xmlio_line(n), "thema id \"%s\" is used twice", id);
            continue;
        }
        struct thema *t = &m->themas[m->nthemas++];
        t->id = adup(b, id);
        t->naam = adup(b, xmlio_attr(n, "naam"));
        t->kleur = parse_rgb(xmlio_attr(n, "kleur"));
        const char *cmyk = xmlio_attr(n, "cmyk");
        if (cmyk) {
            int c, mm, y, k;
            if (sscanf(cmyk, "%d %d %d %d", &c, &mm, &y, &k) == 4 && c <= 100 && mm <= 100 &&
                y <= 100 && k <= 100) {
                t->has_cmyk = true;
                t->cmyk[0] = c / 100.0f;
                t->cmyk[1] = mm / 100.0f;
                t->cmyk[2] = y / 100.0f;
                t->cmyk[3] = k / 100.0f;
            } else {
                diag_error(b->ctx, b->path, xmlio_line(n),
                           "thema \"%s\": cmyk \"%s\" needs four percentages from 0 to 100", id, cmyk);
            }
        }
        xmlNodePtr om = first_child(n, "omschrijving");
        t->omschrijving = om ? build_children(b, om, false, NULL) : NULL;
        t->loc = loc_of(b, n);
    }

    m->nsectoren = 0;
    m->sectoren = arena_alloc(&m->arena, (count_children(sectoren, "sector") + 1) * sizeof *m->sectoren);
    for (xmlNodePtr n = sectoren->children; n; n = n->next) {
        if (!xmlio_is(n, "sector"))
            continue;
        const char *id = xmlio_attr(n, "id");
        if (model_sector(m, id)) {
            diag_error(b->ctx, b->path, xmlio_line(n), "sector id \"%s\" is used twice", id);
            continue;
        }
        struct sector *s = &m->sectoren[m->nsectoren++];
        s->id = adup(b, id);
        s->naam = adup(b, xmlio_attr(n, "naam"));
        s->omschrijving = adup(b, xmlio_attr(n, "omschrijving"));
        s->loc = loc_of(b, n);
    }

    m->nklassen = 0;
    m->klassen = arena_alloc(&m->arena, (count_children(klassen, "klasse") + 1) * sizeof *m->klassen);
    for (xmlNodePtr n = klassen->children; n; n = n->next) {
        if (!xmlio_is(n, "klasse"))
            continue;
        long waarde = parse_long(xmlio_attr(n, "waarde"));
        if (waarde < 1 || waarde > 5) {
            diag_error(b->ctx, b->path, xmlio_line(n),
                       "stedelijkheidsklasse %s: CBS classes run from 1 to 5", xmlio_attr(n, "waarde"));
            continue;
        }
        if (model_klasse(m, (int)waarde)) {
            diag_error(b->ctx, b->path, xmlio_line(n), "stedelijkheidsklasse %ld is defined twice", waarde);
            continue;
        }
        struct stedelijkheidsklasse *k = &m->klassen[m->nklassen++];
        k->waarde = (int)waarde;
        k->naam = adup(b, xmlio_attr(n, "naam"));
        k->omschrijving = adup(b, xmlio_attr(n, "omschrijving"));
        k->loc = loc_of(b, n);
    }
}

/* ---- gemeenten ---- */

static void build_gemeenten(struct builder *b, xmlNodePtr top)
{
    struct model *m = b->m;
    struct id_index cbscodes = { 0 };
    for (xmlNodePtr n = top->children; n; n = n->next) {
        if (!xmlio_is(n, "gemeente"))
            continue;
        const char *id = xmlio_attr(n, "id");
        long line = xmlio_line(n);
        if (model_gemeente(m, id)) {
            diag_error(b->ctx, b->path, line, "gemeente id \"%s\" is used twice", id);
            continue;
        }
        struct gemeente *g = &m->gemeenten[m->ngemeenten++];
        g->id = adup(b, id);
        id_index_add(&m->gemeente_ids, g->id, g);
        g->naam = adup(b, xmlio_attr(n, "naam"));
        g->cbscode = adup(b, xmlio_attr(n, "cbscode"));
        g->provincie = adup(b, xmlio_attr(n, "provincie"));
        g->typering = adup(b, xmlio_attr(n, "typering"));
        g->inwoners = parse_long(xmlio_attr(n, "inwoners"));
        g->stedelijkheid = to_int(parse_long(xmlio_attr(n, "stedelijkheid")));
        g->lat = parse_double(xmlio_attr(n, "lat"));
        g->lon = parse_double(xmlio_attr(n, "lon"));
        g->loc = loc_of(b, n);
        const struct gemeente *same = g->cbscode ? id_index_lookup(&cbscodes, g->cbscode) : NULL;
        if (same)
            diag_error(b->ctx, b->path, line, "gemeente \"%s\": cbscode %s is also that of \"%s\"", id,
                       g->cbscode, same->id);
        else if (g->cbscode)
            id_index_add(&cbscodes, g->cbscode, g);
        if (g->inwoners <= 0 || g->inwoners > 2000000)
            diag_error(b->ctx, b->path, line,
                       "gemeente \"%s\": inwoners %s is out of range (1 to 2000000)", id,
                       xmlio_attr(n, "inwoners"));
        if (!model_klasse(m, g->stedelijkheid))
            diag_error(b->ctx, b->path, line,
                       "gemeente \"%s\": stedelijkheid %s is not a defined class (1 to 5)", id,
                       xmlio_attr(n, "stedelijkheid"));
        if (g->lat < 50.7 || g->lat > 53.7 || g->lon < 3.3 || g->lon > 7.3)
            diag_error(b->ctx, b->path, line,
                       "gemeente \"%s\": coordinates %.3f, %.3f lie outside the Netherlands "
                       "(lat 50.7 to 53.7, lon 3.3 to 7.3)", id, g->lat, g->lon);
    }
    id_index_release(&cbscodes);
}

/* ---- agenda's ---- */

static const char *alliance_name(struct builder *b, struct agenda *a)
{
    struct strbuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < a->nleden; i++) {
        if (i > 0)
            sb_append(&sb, i + 1 == a->nleden ? " en " : ", ");
        sb_append(&sb, a->leden[i]->naam);
    }
    const char *s = adup(b, sb.data ? sb.data : "");
    sb_release(&sb);
    return s;
}

static void build_agendas(struct builder *b, xmlNodePtr top)
{
    struct model *m = b->m;
    for (xmlNodePtr n = top->children; n; n = n->next) {
        if (!xmlio_is(n, "agenda"))
            continue;
        const char *id = xmlio_attr(n, "id");
        long line = xmlio_line(n);
        if (model_agenda(m, id)) {
            diag_error(b->ctx, b->path, line, "agenda id \"%s\" is used twice", id);
            continue;
        }
        struct agenda *a = &m->agendas[m->nagendas++];
        a->id = adup(b, id);
        id_index_add(&m->agenda_ids, a->id, a);
        a->url = adup(b, xmlio_attr(n, "url"));
        a->toegetreden = to_int(parse_long(xmlio_attr(n, "toegetreden")));
        a->loc = loc_of(b, n);
        check_url(b, n, "agenda url", a->url);
        if (a->toegetreden < 2016 || a->toegetreden > m->jaar)
            diag_error(b->ctx, b->path, line,
                       "agenda \"%s\": toegetreden %s must lie from 2016 (the GKA's start) to %d",
                       id, xmlio_attr(n, "toegetreden"), m->jaar);

        a->leden = arena_alloc(&m->arena, (count_children(n, "lid") + 1) * sizeof *a->leden);
        a->wethouders = arena_alloc(&m->arena, (count_children(n, "wethouder") + 1) * sizeof *a->wethouders);
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (xmlio_is(c, "lid")) {
                const char *gid = xmlio_attr(c, "gemeente");
                struct gemeente *g = model_gemeente(m, gid);
                if (!g) {
                    diag_error(b->ctx, b->path, xmlio_line(c),
                               "agenda \"%s\": unknown gemeente \"%s\"", id, gid);
                } else if (g->agenda) {
                    diag_error(b->ctx, b->path, xmlio_line(c),
                               "agenda \"%s\": gemeente \"%s\" already belongs to agenda \"%s\"", id,
                               gid, g->agenda->id);
                } else {
                    g->agenda = a;
                    a->leden[a->nleden++] = g;
                    a->inwoners += g->inwoners;
                }
            } else if (xmlio_is(c, "wethouder")) {
                struct wethouder *w = &a->wethouders[a->nwethouders++];
                check_persoon(b, c, &w->persoon);
                w->portefeuille = adup(b, xmlio_attr(c, "portefeuille"));
                const char *gid = xmlio_attr(c, "gemeente");
                if (gid) {
                    w->gemeente = model_gemeente(m, gid);
                    if (!w->gemeente || w->gemeente->agenda != a)
                        diag_error(b->ctx, b->path, xmlio_line(c),
                                   "agenda \"%s\": wethouder %s: \"%s\" is not a gemeente of this agenda",
                                   id, w->persoon.naam, gid);
                }
            } else if (xmlio_is(c, "regiocoordinator")) {
                check_persoon(b, c, &a->regiocoordinator);
            } else if (xmlio_is(c, "opgave")) {
                a->opgave = build_children(b, c, false, NULL);
            }
        }
        for (size_t i = 0; i < a->nwethouders; i++)
            if (!a->wethouders[i].gemeente && a->nleden == 1)
                a->wethouders[i].gemeente = a->leden[0];
        const char *naam = xmlio_attr(n, "naam");
        if (naam)
            a->naam = adup(b, naam);
        else if (a->nleden == 1)
            a->naam = a->leden[0]->naam;
        else
            a->naam = alliance_name(b, a);
    }
}

/* ---- interventies ---- */

static void build_interventies(struct builder *b, xmlNodePtr top)
{
    struct model *m = b->m;
    for (xmlNodePtr n = top->children; n; n = n->next) {
        if (!xmlio_is(n, "interventie"))
            continue;
        const char *id = xmlio_attr(n, "id");
        long line = xmlio_line(n);
        if (interventie_lookup(b, id)) {
            diag_error(b->ctx, b->path, line, "interventie id \"%s\" is used twice", id);
            continue;
        }
        struct interventie *iv = &m->interventies[m->ninterventies++];
        iv->id = adup(b, id);
        iv->loc = loc_of(b, n);
        interventie_index_add(b, iv);
        const char *ref;
        if (!(iv->agenda = model_agenda(m, ref = xmlio_attr(n, "agenda"))))
            diag_error(b->ctx, b->path, line, "interventie \"%s\": unknown agenda \"%s\"", id, ref);
        if (!(iv->thema = model_thema(m, ref = xmlio_attr(n, "thema"))))
            diag_error(b->ctx, b->path, line, "interventie \"%s\": unknown thema \"%s\"", id, ref);
        if (!(iv->sector = model_sector(m, ref = xmlio_attr(n, "sector"))))
            diag_error(b->ctx, b->path, line, "interventie \"%s\": unknown sector \"%s\"", id, ref);
        const char *v;
        iv->mbo = (v = xmlio_attr(n, "mbo")) && strcmp(v, "ja") == 0;
        iv->hbo = (v = xmlio_attr(n, "hbo")) && strcmp(v, "ja") == 0;
        iv->uitgelicht = (v = xmlio_attr(n, "uitgelicht")) && strcmp(v, "ja") == 0;
        for (xmlNodePtr c = n->children; c; c = c->next) {
            if (xmlio_is(c, "titel"))
                iv->titel = xtext(b, c);
            else if (xmlio_is(c, "organisatie"))
                iv->organisatie = xtext(b, c);
            else if (xmlio_is(c, "url")) {
                iv->url = xtext(b, c);
                check_url(b, c, "interventie url", iv->url);
            } else if (xmlio_is(c, "doel"))
                iv->doel = build_children(b, c, true, NULL);
            else if (xmlio_is(c, "beschrijving"))
                iv->beschrijving = build_children(b, c, false, NULL);
            else if (xmlio_is(c, "contact"))
                check_persoon(b, c, &iv->contact);
        }
        if (iv->titel && !*iv->titel)
            diag_error(b->ctx, b->path, line, "interventie \"%s\": the titel is empty", id);
    }
}

/* ---- the report ---- */

static const char *const soort_names[] = {
    [S_VOORWOORD] = "voorwoord", [S_INHOUD] = "inhoud",       [S_HOOFDSTUK] = "hoofdstuk",
    [S_TEKST] = "tekst",         [S_TIJDLIJN] = "tijdlijn",   [S_FACTOREN] = "factoren",
    [S_KERNCIJFERS] = "kerncijfers", [S_GRAFIEK] = "grafiek", [S_KAART] = "kaart",
    [S_TEGELS] = "tegels",       [S_PERSONEN] = "personen",   [S_CITATEN] = "citaten",
    [S_INTERVIEW] = "interview", [S_DASHBOARD] = "dashboard", [S_CONTACT] = "contact",
    [S_COLOFON] = "colofon",
};

static struct sectie *build_sectie(struct builder *b, xmlNodePtr n, struct sectie *parent)
{
    struct model *m = b->m;
    struct sectie *s = arena_alloc(&m->arena, sizeof *s);
    s->id = adup(b, xmlio_attr(n, "id"));
    s->titel = adup(b, xmlio_attr(n, "titel"));
    s->kort = adup(b, xmlio_attr(n, "kort"));
    s->parent = parent;
    s->loc = loc_of(b, n);
    const char *soort = xmlio_attr(n, "soort");
    for (size_t i = 0; i < sizeof soort_names / sizeof soort_names[0]; i++)
        if (soort && strcmp(soort, soort_names[i]) == 0)
            s->soort = (enum sectie_soort)i;
    const char *lijn = xmlio_attr(n, "lijn");
    if (lijn) {
        for (size_t i = 0; i < m->rapport.nlijnen; i++)
            if (strcmp(m->rapport.lijnen[i].id, lijn) == 0)
                s->lijn = &m->rapport.lijnen[i];
        if (!s->lijn)
            diag_error(b->ctx, b->path, s->loc.line, "sectie \"%s\": unknown lijn \"%s\"", s->id, lijn);
    } else if (parent) {
        s->lijn = parent->lijn;
    }
    const char *agenda = xmlio_attr(n, "agenda");
    if (agenda && !(s->agenda = model_agenda(m, agenda)))
        diag_error(b->ctx, b->path, s->loc.line, "sectie \"%s\": unknown agenda \"%s\"", s->id, agenda);
    if (sectie_lookup(b, s->id))
        diag_error(b->ctx, b->path, s->loc.line, "sectie id \"%s\" is used twice", s->id);
    else
        sectie_index_add(b, s);

    s->subsecties = arena_alloc(&m->arena, (count_children(n, "sectie") + 1) * sizeof *s->subsecties);
    s->inhoud = build_children(b, n, false, s);
    for (struct content *c = s->inhoud; c; c = c->next)
        if (c->kind == C_SECTIE)
            s->subsecties[s->nsubsecties++] = c->sectie;
    return s;
}

static void build_rapport(struct builder *b, xmlNodePtr top)
{
    struct model *m = b->m;
    struct rapport *r = &m->rapport;
    r->titel = adup(b, xmlio_attr(top, "titel"));
    r->ondertitel = adup(b, xmlio_attr(top, "ondertitel"));
    r->auteur = adup(b, xmlio_attr(top, "auteur"));
    r->onderwerp = adup(b, xmlio_attr(top, "onderwerp"));
    r->trefwoorden = adup(b, xmlio_attr(top, "trefwoorden"));
    r->lijnen = arena_alloc(&m->arena, (count_children(top, "lijn") + 1) * sizeof *r->lijnen);
    r->secties = arena_alloc(&m->arena, (count_children(top, "sectie") + 1) * sizeof *r->secties);
    for (xmlNodePtr n = top->children; n; n = n->next) {
        if (xmlio_is(n, "lijn")) {
            const char *id = xmlio_attr(n, "id");
            bool dup = false;
            for (size_t i = 0; i < r->nlijnen; i++)
                dup |= strcmp(r->lijnen[i].id, id) == 0;
            if (dup) {
                diag_error(b->ctx, b->path, xmlio_line(n), "lijn id \"%s\" is used twice", id);
                continue;
            }
            struct lijn *l = &r->lijnen[r->nlijnen++];
            l->id = adup(b, id);
            l->naam = adup(b, xmlio_attr(n, "naam"));
            l->nr = to_int(parse_long(xmlio_attr(n, "nr")));
            l->loc = loc_of(b, n);
        } else if (xmlio_is(n, "sectie")) {
            r->secties[r->nsecties++] = build_sectie(b, n, NULL);
        }
    }
}

/* ---- the year ---- */

int build_model(struct builder *b, struct xml_set *set)
{
    struct model *m = b->m;
    xmlNodePtr jaar = xmlDocGetRootElement(set->files[0].doc);
    b->path = m->root_path = adup(b, set->files[0].path);
    m->jaar = to_int(parse_long(xmlio_attr(jaar, "jaar")));
    m->peildatum = adup(b, xmlio_attr(jaar, "peildatum"));
    if (m->jaar < 2016 || m->jaar > 2100) {
        /* every date in the data is checked against the year: without one, stop here */
        diag_error(b->ctx, b->path, xmlio_line(jaar), "jaar %s is not a plausible GKA year (2016 to 2100)",
                   xmlio_attr(jaar, "jaar"));
        return -1;
    }
    if (strtol(m->peildatum, NULL, 10) != m->jaar)
        diag_error(b->ctx, b->path, xmlio_line(jaar), "peildatum %s does not lie in jaar %d", m->peildatum,
                   m->jaar);

    /* Parts by kind: the order of building follows the references. */
    static const char *const order[] = { "classificatie", "gemeenten", "agendas", "interventies",
                                         "rapport" };
    static const bool required[] = { true, true, true, false, false };
    static const bool repeatable[] = { false, false, false, true, false };
    size_t ngemeenten = 0, nagendas = 0, ninterventies = 0;
    for (size_t f = 1; f < set->nfiles; f++) {
        xmlNodePtr top = xmlDocGetRootElement(set->files[f].doc);
        ngemeenten += count_children(top, "gemeente");
        nagendas += count_children(top, "agenda");
        ninterventies += count_children(top, "interventie");
    }
    m->gemeenten = arena_alloc(&m->arena, (ngemeenten + 1) * sizeof *m->gemeenten);
    m->agendas = arena_alloc(&m->arena, (nagendas + 1) * sizeof *m->agendas);
    m->interventies = arena_alloc(&m->arena, (ninterventies + 1) * sizeof *m->interventies);
    interventie_index_init(b, ninterventies);

    for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
        size_t seen = 0;
        for (size_t f = 1; f < set->nfiles; f++) {
            xmlNodePtr top = xmlDocGetRootElement(set->files[f].doc);
            if (!xmlio_is(top, order[k]))
                continue;
            b->path = adup(b, set->files[f].path);
            if (seen++ && !repeatable[k]) {
                diag_error(b->ctx, b->path, xmlio_line(top), "a second <%s>: a year has one", order[k]);
                continue;
            }
            switch (k) {
            case 0: build_classificatie(b, top); break;
            case 1: build_gemeenten(b, top); break;
            case 2: build_agendas(b, top); break;
            case 3: build_interventies(b, top); break;
            case 4: build_rapport(b, top); break;
            }
        }
        if (!seen && required[k]) {
            diag_error(b->ctx, m->root_path, xmlio_line(jaar), "the year includes no <%s> file", order[k]);
            return -1; /* what follows depends on it */
        }
    }
    for (size_t i = 0; i < m->ngemeenten; i++)
        if (!m->gemeenten[i].agenda)
            diag_error(b->ctx, m->gemeenten[i].loc.path, m->gemeenten[i].loc.line,
                       "gemeente \"%s\" belongs to no agenda", m->gemeenten[i].id);
    return 0;
}

const char *sectie_soort_name(enum sectie_soort soort)
{
    return soort_names[soort];
}
