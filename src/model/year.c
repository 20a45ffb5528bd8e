/* year.c: reads a year's jaar.xml and the files it XIncludes: each include only of a
 * file inside the year's folder, each file parsed safely and validated. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/relaxng.h>

#include "model.h"
#include "model_private.h"

#define XI_NS "http://www.w3.org/2001/XInclude"

static void add_file(struct xml_set *set, const char *path, xmlDocPtr doc)
{
    xgrow(&set->files, &set->cap, set->nfiles + 1, sizeof *set->files);
    set->files[set->nfiles].path = xstrdup(path);
    set->files[set->nfiles].doc = doc;
    set->nfiles++;
}

char *model_data_path(struct gka_ctx *ctx, const char *at_path, long line, const char *data_dir,
                      const char *what, const char *href)
{
    if (!href || !*href) {
        diag_error(ctx, at_path, line, "%s without a file name", what);
        return NULL;
    }
    if (href[0] == '/' || strstr(href, "://") || strncmp(href, "file:", 5) == 0) {
        diag_error(ctx, at_path, line, "%s \"%s\" must be a path relative to the data folder", what, href);
        return NULL;
    }
    char real_dir[PATH_MAX];
    if (!realpath(data_dir, real_dir)) {
        diag_error(ctx, data_dir, 0, "cannot open the data folder: %s", strerror(errno));
        return NULL;
    }
    struct strbuf sb;
    sb_init(&sb);
    sb_printf(&sb, "%s/%s", data_dir, href);
    char real[PATH_MAX];
    if (!realpath(sb.data, real)) {
        diag_error(ctx, at_path, line, "%s \"%s\": %s", what, href, strerror(errno));
        sb_release(&sb);
        return NULL;
    }
    size_t n = strlen(real_dir);
    if (strncmp(real, real_dir, n) != 0 || real[n] != '/') {
        diag_error(ctx, at_path, line, "%s \"%s\" reaches outside the data folder %s", what, href, data_dir);
        sb_release(&sb);
        return NULL;
    }
    return sb_take(&sb);
}

int xml_load_year(struct gka_ctx *ctx, const char *data_dir, const char *schema_path,
                  struct xml_set *set)
{
    memset(set, 0, sizeof *set);
    size_t before = ctx->nerrors;

    char real_dir[PATH_MAX];
    if (!realpath(data_dir, real_dir)) {
        diag_error(ctx, data_dir, 0, "cannot open the data folder: %s", strerror(errno));
        return -1;
    }
    xmlRelaxNGPtr schema = xmlio_schema_load(ctx, schema_path);

    struct strbuf root_path;
    sb_init(&root_path);
    sb_printf(&root_path, "%s/jaar.xml", data_dir);
    size_t nodes_left = XMLIO_MAX_NODES; /* for all the year's files together */
    xmlDocPtr root = xmlio_parse_within(ctx, root_path.data, &nodes_left);
    if (root) {
        add_file(set, root_path.data, root);
        xmlNodePtr top = xmlDocGetRootElement(root);
        if (!xmlStrEqual(top->name, BAD_CAST "jaar")) {
            diag_error(ctx, root_path.data, xmlio_line(top),
                       "the root element must be <jaar>, not <%s>", (const char *)top->name);
        } else if (schema && xmlio_validate(ctx, schema, root_path.data, root) == 0) {
            size_t nincludes = 0;
            for (xmlNodePtr n = top->children; n; n = n->next) {
                if (n->type != XML_ELEMENT_NODE || !n->ns ||
                    !xmlStrEqual(n->ns->href, BAD_CAST XI_NS))
                    continue;
                long line = xmlio_line(n);
                if (++nincludes > MODEL_MAX_INCLUDES) {
                    diag_error(ctx, root_path.data, line, "more than %d xi:include elements",
                               MODEL_MAX_INCLUDES);
                    break;
                }
                xmlChar *href = xmlGetProp(n, BAD_CAST "href");
                char *path = model_data_path(ctx, root_path.data, line, data_dir, "xi:include href",
                                             (const char *)href);
                xmlFree(href);
                if (!path)
                    continue;
                xmlDocPtr doc = xmlio_parse_within(ctx, path, &nodes_left);
                if (doc) {
                    xmlNodePtr inc_top = xmlDocGetRootElement(doc);
                    if (xmlStrEqual(inc_top->name, BAD_CAST "jaar"))
                        diag_error(ctx, path, xmlio_line(inc_top),
                                   "an included file cannot be a <jaar> itself");
                    else if (schema)
                        xmlio_validate(ctx, schema, path, doc);
                    add_file(set, path, doc);
                }
                free(path);
            }
        }
    }
    sb_release(&root_path);
    if (schema)
        xmlRelaxNGFree(schema);
    return ctx->nerrors == before ? 0 : -1;
}

void xml_set_release(struct xml_set *set)
{
    for (size_t i = 0; i < set->nfiles; i++) {
        free(set->files[i].path);
        xmlFreeDoc(set->files[i].doc);
    }
    free(set->files);
    memset(set, 0, sizeof *set);
}
