/* layouts.c: loads and checks the layout files (house style and publication). */
#include "layouts.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "xmlio.h"

struct loader {
    struct gka_ctx *ctx;
    struct lay_layout *l;
    const char *path;
    /* the publication's own <paragraph-style> changes to the house style, and its path */
    xmlNodePtr restyle;
    const char *restyle_path;
};

static const char *adup(struct loader *ld, const char *s)
{
    return arena_strdup(&ld->l->arena, s);
}

/* "12pt", "20mm" -> points; the schema checked the form. */
static float length(const char *s)
{
    if (!s)
        return 0;
    char *end = NULL;
    double v = strtod(s, &end);
    if (end && strcmp(end, "mm") == 0)
        v = v * 72.0 / 25.4;
    return (float)v;
}

static bool yes(const char *s)
{
    return s && strcmp(s, "yes") == 0;
}

/* A path written in a layout file is relative to that file's folder. */
static const char *resolve_path(struct loader *ld, const char *dir, const char *rel)
{
    if (rel[0] == '/')
        return adup(ld, rel);
    struct strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s/%s", dir, rel);
    const char *s = adup(ld, sb.data);
    sb_release(&sb);
    return s;
}

static bool file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

static void parse_colour(const char *rgb, const char *cmyk, struct dl_colour *c)
{
    unsigned v = (unsigned)strtoul(rgb + 1, NULL, 16);
    c->rgb[0] = (float)((v >> 16) & 0xFF) / 255.0f;
    c->rgb[1] = (float)((v >> 8) & 0xFF) / 255.0f;
    c->rgb[2] = (float)(v & 0xFF) / 255.0f;
    int k[4];
    if (cmyk && sscanf(cmyk, "%d %d %d %d", &k[0], &k[1], &k[2], &k[3]) == 4) {
        c->has_cmyk = true;
        for (int i = 0; i < 4; i++)
            c->cmyk[i] = (float)k[i] / 100.0f;
    }
}

/* ---- the house style ---- */

static void load_fonts(struct loader *ld, xmlNodePtr fonts, const char *dir)
{
    struct lay_layout *l = ld->l;
    l->fonts_dir = resolve_path(ld, dir, xmlio_attr(fonts, "dir"));
    l->hyphenation = resolve_path(ld, dir, xmlio_attr(fonts, "hyphenation"));
    if (!file_exists(l->hyphenation))
        diag_error(ld->ctx, ld->path, xmlio_line(fonts),
                   "hyphenation patterns \"%s\" not found (Debian package hyphen-nl)", l->hyphenation);
    if (xmlio_attr(fonts, "hyphenation-exceptions")) {
        l->hyphen_exceptions = resolve_path(ld, dir, xmlio_attr(fonts, "hyphenation-exceptions"));
        if (!file_exists(l->hyphen_exceptions))
            diag_error(ld->ctx, ld->path, xmlio_line(fonts), "hyphenation exceptions \"%s\" not found",
                       l->hyphen_exceptions);
    }
    for (xmlNodePtr n = fonts->children; n; n = n->next) {
        if (!xmlio_is(n, "font"))
            continue;
        const char *file = resolve_path(ld, l->fonts_dir, xmlio_attr(n, "file"));
        if (!file_exists(file))
            diag_error(ld->ctx, ld->path, xmlio_line(n), "font file \"%s\" is missing", file);
    }
}

static void load_colours(struct loader *ld, xmlNodePtr colours)
{
    struct lay_layout *l = ld->l;
    size_t n = 0;
    for (xmlNodePtr c = colours->children; c; c = c->next)
        n += xmlio_is(c, "colour");
    l->colours = arena_alloc(&l->arena, (n + 1) * sizeof *l->colours);
    for (xmlNodePtr c = colours->children; c; c = c->next) {
        if (!xmlio_is(c, "colour"))
            continue;
        const char *name = xmlio_attr(c, "name");
        if (lay_colour(l, name)) {
            diag_error(ld->ctx, ld->path, xmlio_line(c), "colour \"%s\" is defined twice", name);
            continue;
        }
        struct lay_colour *lc = &l->colours[l->ncolours++];
        lc->name = adup(ld, name);
        lc->line = xmlio_line(c);
        parse_colour(xmlio_attr(c, "rgb"), xmlio_attr(c, "cmyk"), &lc->colour);
    }
}

/* A master's named areas: each inside its grid, names once. */
static void grid_areas(struct loader *ld, xmlNodePtr master, struct ts_master *m)
{
    for (xmlNodePtr a = master->children; a; a = a->next) {
        if (a->type != XML_ELEMENT_NODE || !xmlio_is(a, "area"))
            continue;
        long line = xmlio_line(a);
        const char *name = xmlio_attr(a, "name"), *v;
        if (m->nareas == TS_MAX_AREAS) {
            diag_error(ld->ctx, ld->path, line, "page master \"%s\": more than %d areas", m->name, TS_MAX_AREAS);
            return;
        }
        for (int i = 0; i < m->nareas; i++)
            if (strcmp(m->areas[i].name, name) == 0)
                diag_error(ld->ctx, ld->path, line, "page master \"%s\": area \"%s\" is defined twice", m->name, name);
        struct ts_area *ar = &m->areas[m->nareas++];
        ar->name = adup(ld, name);
        ar->column = atoi(xmlio_attr(a, "column"));
        ar->row = atoi(xmlio_attr(a, "row"));
        ar->columns = (v = xmlio_attr(a, "columns")) ? atoi(v) : 1;
        ar->rows = (v = xmlio_attr(a, "rows")) ? atoi(v) : 1;
        ar->flow = (v = xmlio_attr(a, "flow")) && yes(v);
        if (ar->column < 1 || ar->columns < 1 || ar->column + ar->columns - 1 > m->columns || ar->row < 1 ||
            ar->rows < 1 || ar->row + ar->rows - 1 > m->rows)
            diag_error(ld->ctx, ld->path, line,
                       "page master \"%s\": area \"%s\" (column %d, %d wide; row %d, %d high) is outside its grid of "
                       "%d columns and %d rows", m->name, name, ar->column, ar->columns, ar->row, ar->rows, m->columns,
                       m->rows);
    }
}

static void apply_style(struct loader *ld, xmlNodePtr n, struct ts_style *st)
{
    const char *v;
    if ((v = xmlio_attr(n, "font")))
        st->family = adup(ld, v);
    if ((v = xmlio_attr(n, "weight")))
        st->weight = atoi(v);
    if ((v = xmlio_attr(n, "italic")))
        st->italic = yes(v);
    if ((v = xmlio_attr(n, "uppercase")))
        st->uppercase = yes(v);
    if ((v = xmlio_attr(n, "size")))
        st->size = length(v);
    if ((v = xmlio_attr(n, "leading")))
        st->leading = length(v);
    if ((v = xmlio_attr(n, "letter-spacing")))
        st->letter_spacing = length(v);
    if ((v = xmlio_attr(n, "space-before")))
        st->space_before = length(v);
    if ((v = xmlio_attr(n, "space-after")))
        st->space_after = length(v);
    if ((v = xmlio_attr(n, "indent")))
        st->indent = length(v);
    if ((v = xmlio_attr(n, "hanging")))
        st->hanging = length(v);
    if ((v = xmlio_attr(n, "measure")))
        st->measure = length(v);
    if ((v = xmlio_attr(n, "align")))
        st->align = strcmp(v, "right") == 0    ? TS_RIGHT
                    : strcmp(v, "center") == 0 ? TS_CENTER
                    : strcmp(v, "justify") == 0 ? TS_JUSTIFY
                                                 : TS_LEFT;
    if ((v = xmlio_attr(n, "hyphenate")))
        st->hyphenate = yes(v);
    if ((v = xmlio_attr(n, "hyphen-min-word")))
        st->hyphen_min_word = atoi(v);
    if ((v = xmlio_attr(n, "tolerance")))
        st->tolerance = atoi(v);
    if ((v = xmlio_attr(n, "hyphen-min-left")))
        st->hyphen_min_left = atoi(v);
    if ((v = xmlio_attr(n, "hyphen-min-right")))
        st->hyphen_min_right = atoi(v);
    if ((v = xmlio_attr(n, "keep-with-next")))
        st->keep_with_next = yes(v);
    if ((v = xmlio_attr(n, "keep-together")))
        st->keep_together = yes(v);
    if ((v = xmlio_attr(n, "split-lines")))
        st->split_lines = atoi(v);
    if ((v = xmlio_attr(n, "balance-lines")))
        st->balance_lines = yes(v);
    if ((v = xmlio_attr(n, "span")))
        st->span = strcmp(v, "all") == 0 ? TS_SPAN_ALL : atoi(v);
    if ((v = xmlio_attr(n, "colour"))) {
        const struct dl_colour *c = lay_colour(ld->l, v);
        if (c)
            st->colour = *c;
        else
            diag_error(ld->ctx, ld->path, xmlio_line(n), "paragraph style \"%s\": unknown colour \"%s\"",
                       st->name, v);
    }
}

static void load_styles(struct loader *ld, xmlNodePtr top)
{
    struct lay_layout *l = ld->l;
    size_t n = 0;
    for (xmlNodePtr c = top->children; c; c = c->next)
        n += xmlio_is(c, "paragraph-style");
    l->styles = arena_alloc(&l->arena, (n + 1) * sizeof *l->styles);
    l->style_lines = arena_alloc(&l->arena, (n + 1) * sizeof *l->style_lines);
    for (xmlNodePtr c = top->children; c; c = c->next) {
        if (!xmlio_is(c, "paragraph-style"))
            continue;
        const char *name = xmlio_attr(c, "name");
        long line = xmlio_line(c);
        if (lay_style(l, name)) {
            diag_error(ld->ctx, ld->path, line, "paragraph style \"%s\" is defined twice", name);
            continue;
        }
        struct ts_style st = {
            .weight = 400, .hyphen_min_word = 6, .hyphen_min_left = 2, .hyphen_min_right = 3,
            .tolerance = TS_DEFAULT_TOLERANCE,
        };
        /* a style is based on one defined before it, so there are no cycles */
        const char *base = xmlio_attr(c, "based-on");
        if (base) {
            const struct ts_style *b = lay_style(l, base);
            if (b)
                st = *b;
            else
                diag_error(ld->ctx, ld->path, line,
                           "paragraph style \"%s\" is based on \"%s\", which is not defined before it",
                           name, base);
        }
        st.name = adup(ld, name);
        apply_style(ld, c, &st);
        /* a publication's change applies here, before the styles based on this one copy it */
        for (xmlNodePtr r = ld->restyle ? ld->restyle->children : NULL; r; r = r->next)
            if (xmlio_is(r, "paragraph-style") && strcmp(xmlio_attr(r, "name"), name) == 0)
                apply_style(ld, r, &st);
        if (!st.family)
            diag_error(ld->ctx, ld->path, line, "paragraph style \"%s\" names no font", name);
        if (st.size <= 0 || st.size > 200)
            diag_error(ld->ctx, ld->path, line, "paragraph style \"%s\": size %.1fpt is out of range "
                       "(above 0, at most 200pt)", name, st.size);
        if (st.leading < st.size * 0.8f)
            diag_error(ld->ctx, ld->path, line, "paragraph style \"%s\": leading %.1fpt is less than "
                       "80%% of the size %.1fpt: lines would collide", name, st.leading, st.size);
        if (st.space_before < 0 || st.space_after < 0 || st.indent < 0 || st.hanging < 0 || st.measure < 0)
            diag_error(ld->ctx, ld->path, line, "paragraph style \"%s\": spaces, indent and measure cannot be "
                       "negative", name);
        l->style_lines[l->nstyles] = line;
        l->styles[l->nstyles++] = st;
    }
    for (xmlNodePtr r = ld->restyle ? ld->restyle->children : NULL; r; r = r->next) {
        if (!xmlio_is(r, "paragraph-style"))
            continue;
        if (!lay_style(l, xmlio_attr(r, "name")))
            diag_error(ld->ctx, ld->restyle_path, xmlio_line(r), "paragraph style \"%s\" is not in the house "
                       "style %s: a publication changes the house style's styles, it does not add any",
                       xmlio_attr(r, "name"), ld->path);
        else if (xmlio_attr(r, "based-on"))
            diag_error(ld->ctx, ld->restyle_path, xmlio_line(r), "paragraph style \"%s\": a publication "
                       "changes a house style's style and cannot give it another base", xmlio_attr(r, "name"));
    }
}

static int load_huisstijl(struct loader *ld, xmlRelaxNGPtr schema, const char *path)
{
    xmlDocPtr doc = xmlio_parse(ld->ctx, path);
    if (!doc)
        return -1;
    int rc = -1;
    xmlNodePtr top = xmlDocGetRootElement(doc);
    if (!xmlio_is(top, "huisstijl")) {
        diag_error(ld->ctx, path, xmlio_line(top), "the root element must be <huisstijl>");
    } else if (xmlio_validate(ld->ctx, schema, path, doc) == 0) {
        ld->path = ld->l->huisstijl_path = adup(ld, path);
        char dir[PATH_MAX];
        snprintf(dir, sizeof dir, "%s", path);
        char *slash = strrchr(dir, '/');
        if (slash)
            *slash = '\0';
        else
            strcpy(dir, ".");
        for (xmlNodePtr n = top->children; n; n = n->next) {
            if (xmlio_is(n, "fonts"))
                load_fonts(ld, n, dir);
            else if (xmlio_is(n, "colours"))
                load_colours(ld, n);
        }
        load_styles(ld, top);
        rc = 0;
    }
    xmlFreeDoc(doc);
    return rc;
}

/* ---- the publication ---- */

static void load_publication(struct loader *ld, xmlNodePtr top)
{
    struct lay_layout *l = ld->l;
    size_t n = 0;
    for (xmlNodePtr c = top->children; c; c = c->next)
        n += xmlio_is(c, "master");
    l->masters = arena_alloc(&l->arena, (n + 1) * sizeof *l->masters);
    for (xmlNodePtr c = top->children; c; c = c->next) {
        long line = xmlio_line(c);
        if (xmlio_is(c, "page")) {
            l->page_width = length(xmlio_attr(c, "width"));
            l->page_height = length(xmlio_attr(c, "height"));
            if (l->page_width < 72 || l->page_height < 72 || l->page_width > 14400 ||
                l->page_height > 14400)
                diag_error(ld->ctx, ld->path, line, "page size %.0f x %.0f pt is out of range "
                           "(1 to 200 inch)", l->page_width, l->page_height);
        } else if (xmlio_is(c, "master")) {
            const char *name = xmlio_attr(c, "name");
            if (lay_master(l, name)) {
                diag_error(ld->ctx, ld->path, line, "page master \"%s\" is defined twice", name);
                continue;
            }
            struct ts_master *m = &l->masters[l->nmasters++];
            m->name = adup(ld, name);
            m->margin_top = length(xmlio_attr(c, "margin-top"));
            m->margin_bottom = length(xmlio_attr(c, "margin-bottom"));
            m->margin_inside = length(xmlio_attr(c, "margin-inside"));
            m->margin_outside = length(xmlio_attr(c, "margin-outside"));
            const char *v;
            m->columns = (v = xmlio_attr(c, "columns")) ? atoi(v) : 1;
            m->gutter = length(xmlio_attr(c, "gutter"));
            m->header = !(v = xmlio_attr(c, "header")) || yes(v);
            m->footer = !(v = xmlio_attr(c, "footer")) || yes(v);
            m->balance = !(v = xmlio_attr(c, "balance")) || yes(v);
            m->min_fill = (v = xmlio_attr(c, "min-fill")) ? (float)atoi(v) / 100.0f : 0;
            m->recto = (v = xmlio_attr(c, "recto")) && yes(v);
            m->verso = (v = xmlio_attr(c, "verso")) ? adup(ld, v) : NULL;
            m->next = (v = xmlio_attr(c, "next")) ? adup(ld, v) : NULL;
            m->rows = (v = xmlio_attr(c, "rows")) ? atoi(v) : 1;
            m->row_gap = length(xmlio_attr(c, "row-gap"));
            m->baseline = length(xmlio_attr(c, "baseline-grid"));
            grid_areas(ld, c, m);
            if (m->margin_top < 0 || m->margin_bottom < 0 || m->margin_inside < 0 ||
                m->margin_outside < 0 || m->gutter < 0)
                diag_error(ld->ctx, ld->path, line, "page master \"%s\": a margin or gutter is negative",
                           name);
            if (m->columns < 1 || m->columns > 12)
                diag_error(ld->ctx, ld->path, line, "page master \"%s\": %d columns (1 to 12)", name,
                           m->columns);
            if (m->rows < 1 || m->rows > 12 || m->row_gap < 0)
                diag_error(ld->ctx, ld->path, line, "page master \"%s\": %d rows (1 to 12), row gap %.0f pt", name,
                           m->rows, m->row_gap);
        } else if (xmlio_is(c, "running")) {
            l->header_style = lay_style(l, xmlio_attr(c, "header-style"));
            l->footer_style = lay_style(l, xmlio_attr(c, "footer-style"));
            if (!l->header_style || !l->footer_style)
                diag_error(ld->ctx, ld->path, line, "running header or footer style is not defined");
            const struct dl_colour *rule = lay_colour(l, xmlio_attr(c, "rule-colour"));
            if (rule)
                l->rule_colour = *rule;
            else
                diag_error(ld->ctx, ld->path, line, "unknown rule-colour \"%s\"",
                           xmlio_attr(c, "rule-colour"));
            l->header_offset = length(xmlio_attr(c, "header-offset"));
            l->footer_offset = length(xmlio_attr(c, "footer-offset"));
            const char *facing = xmlio_attr(c, "facing");
            l->single_sided = facing && strcmp(facing, "no") == 0;
        }
    }
    lay_set_facing(l, !l->single_sided); /* the masters too, wherever they stand */
    /* room to write in: checked once the page size is known */
    for (size_t i = 0; i < l->nmasters; i++) {
        const struct ts_master *m = &l->masters[i];
        if (m->verso && !lay_master(l, m->verso))
            diag_error(ld->ctx, ld->path, 0, "page master \"%s\": its verso \"%s\" is not a page master", m->name,
                       m->verso);
        if (m->next && !lay_master(l, m->next))
            diag_error(ld->ctx, ld->path, 0, "page master \"%s\": its next \"%s\" is not a page master", m->name,
                       m->next);
        if (m->nareas)
            continue; /* a grid's columns may be narrow; its areas are checked against it */
        float w = l->page_width - m->margin_inside - m->margin_outside - (float)(m->columns - 1) * m->gutter;
        float h = l->page_height - m->margin_top - m->margin_bottom;
        if (m->columns >= 1 && (w / (float)m->columns < 72 || h < 72))
            diag_error(ld->ctx, ld->path, 0, "page master \"%s\": its margins leave columns of %.0f x %.0f pt; "
                       "at least 72 x 72 pt are needed", m->name, w / (float)m->columns, h);
    }
}

struct lay_layout *lay_load(struct gka_ctx *ctx, const char *layouts_dir, const char *publication)
{
    size_t before = ctx->nerrors;
    struct lay_layout *l = xcalloc(1, sizeof *l);
    arena_init(&l->arena);
    struct loader ld = { .ctx = ctx, .l = l };

    struct strbuf path;
    sb_init(&path);
    sb_printf(&path, "%s/schema/layout.rng", layouts_dir);
    xmlRelaxNGPtr schema = xmlio_schema_load(ctx, path.data);
    sb_release(&path);
    if (!schema) {
        lay_free(l);
        return NULL;
    }
    sb_printf(&path, "%s/%s.xml", layouts_dir, publication);
    /* a year's own variant, "voortgangsrapportage-2020", is of the soort before the dash */
    size_t soort_len = strlen(publication);
    const char *dash = strrchr(publication, '-');
    if (dash && dash[1] && strspn(dash + 1, "0123456789") == strlen(dash + 1))
        soort_len = (size_t)(dash - publication);
    xmlDocPtr doc = xmlio_parse(ctx, path.data);
    if (doc) {
        xmlNodePtr top = xmlDocGetRootElement(doc);
        const char *soort = xmlio_attr(top, "soort") ? xmlio_attr(top, "soort") : "";
        if (!xmlio_is(top, "publicatie") || strlen(soort) != soort_len || strncmp(soort, publication, soort_len) != 0) {
            diag_error(ctx, path.data, xmlio_line(top), "the root element must be <publicatie soort=\"%.*s\">",
                       (int)soort_len, publication);
        } else if (xmlio_validate(ctx, schema, path.data, doc) == 0) {
            struct strbuf hs;
            sb_init(&hs);
            sb_printf(&hs, "%s/%s", layouts_dir, xmlio_attr(top, "huisstijl"));
            ld.restyle = top;
            ld.restyle_path = path.data;
            if (load_huisstijl(&ld, schema, hs.data) == 0) {
                ld.path = l->publication_path = adup(&ld, path.data);
                load_publication(&ld, top);
            }
            sb_release(&hs);
        }
        xmlFreeDoc(doc);
    }
    sb_release(&path);
    xmlRelaxNGFree(schema);
    if (ctx->nerrors != before) {
        lay_free(l);
        return NULL;
    }
    return l;
}

void lay_free(struct lay_layout *l)
{
    if (!l)
        return;
    arena_release(&l->arena);
    free(l);
}

const struct ts_style *lay_style(const struct lay_layout *l, const char *name)
{
    for (size_t i = 0; name && i < l->nstyles; i++)
        if (strcmp(l->styles[i].name, name) == 0)
            return &l->styles[i];
    return NULL;
}

const struct dl_colour *lay_colour(const struct lay_layout *l, const char *name)
{
    for (size_t i = 0; name && i < l->ncolours; i++)
        if (strcmp(l->colours[i].name, name) == 0)
            return &l->colours[i].colour;
    return NULL;
}

void lay_set_facing(struct lay_layout *l, bool facing)
{
    l->single_sided = !facing;
    for (size_t i = 0; i < l->nmasters; i++)
        l->masters[i].single_sided = !facing;
}

const struct ts_master *lay_master(const struct lay_layout *l, const char *name)
{
    for (size_t i = 0; name && i < l->nmasters; i++)
        if (strcmp(l->masters[i].name, name) == 0)
            return &l->masters[i];
    return NULL;
}

int lay_require(struct gka_ctx *ctx, const struct lay_layout *l, const char *const *styles,
                const char *const *masters)
{
    int missing = 0;
    for (; styles && *styles; styles++)
        if (!lay_style(l, *styles)) {
            diag_error(ctx, l->huisstijl_path, 0, "paragraph style \"%s\" is needed and not defined",
                       *styles);
            missing++;
        }
    for (; masters && *masters; masters++)
        if (!lay_master(l, *masters)) {
            diag_error(ctx, l->publication_path, 0, "page master \"%s\" is needed and not defined",
                       *masters);
            missing++;
        }
    return missing ? -1 : 0;
}

int lay_check_fonts(struct gka_ctx *ctx, const struct lay_layout *l, struct ts_engine *e)
{
    int missing = 0;
    for (size_t i = 0; i < l->nstyles; i++) {
        const struct ts_style *st = &l->styles[i];
        /* the style's own face, and the bold and italic faces its text may ask for */
        struct { int weight; bool italic; } faces[] = {
            { st->weight, st->italic }, { st->weight >= 600 ? 900 : 700, st->italic },
            { st->weight, true },
        };
        for (size_t f = 0; f < sizeof faces / sizeof faces[0]; f++) {
            if (f == 2 && st->weight != 400 && st->weight != 700)
                continue; /* only regular and bold text is set in italic */
            if (!ts_font_available(e, st->family, faces[f].weight, faces[f].italic, NULL)) {
                diag_error(ctx, l->huisstijl_path, l->style_lines[i],
                           "paragraph style \"%s\": no font file for %s weight %d%s", st->name,
                           st->family, faces[f].weight, faces[f].italic ? " italic" : "");
                missing++;
                break;
            }
        }
    }
    return missing ? -1 : 0;
}

int lay_require_cmyk(struct gka_ctx *ctx, const struct lay_layout *l, float ink_limit)
{
    int missing = 0;
    for (size_t i = 0; i < l->ncolours; i++) {
        const struct dl_colour *c = &l->colours[i].colour;
        if (!c->has_cmyk) {
            diag_error(ctx, l->huisstijl_path, l->colours[i].line,
                       "colour \"%s\" has no cmyk value, which the print edition needs", l->colours[i].name);
            missing++;
        } else if (dl_cmyk_ink(c) > ink_limit + 0.0005f) {
            diag_error(ctx, l->huisstijl_path, l->colours[i].line,
                       "colour \"%s\" takes %.0f%% ink, more than the press takes (%.0f%%)", l->colours[i].name,
                       dl_cmyk_ink(c) * 100, ink_limit * 100);
            missing++;
        }
    }
    return missing ? -1 : 0;
}
