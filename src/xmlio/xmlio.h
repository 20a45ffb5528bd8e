/* xmlio.h: safe reading of XML data and layout files: no network, no DTDs or
 * entities, a size limit, RelaxNG validation, problems as path:line diagnostics. */
#ifndef GKA_XMLIO_H
#define GKA_XMLIO_H

#include <stdbool.h>

#include <libxml/relaxng.h>
#include <libxml/tree.h>

#include "gka.h"

#define XMLIO_MAX_FILE_BYTES (32L * 1024 * 1024)
/* No element of the data or the layouts needs more than a handful; the limit keeps the
 * parser's time linear (it checks attributes for duplicates pairwise). */
#define XMLIO_MAX_ATTRIBUTES 64
/* The elements and attributes a year's files (or a layout file) may hold together:
 * five times what a year of ten times the interventies of 2022 holds (27,000 elements
 * and 22,000 attributes), and few enough that loading and validating any input
 * stays well under two seconds. */
#define XMLIO_MAX_NODES 250000

/* Parses path; NULL (with the problems in ctx) when it is missing, too large, empty,
 * has a DOCTYPE, an element with more than XMLIO_MAX_ATTRIBUTES attributes, is not well-formed or not UTF-8. Free with xmlFreeDoc. */
xmlDocPtr xmlio_parse(struct gka_ctx *ctx, const char *path);

/* xmlio_parse for one of several files that share *nodes_left, the elements and
 * attributes they may still hold; a file that holds more is refused before it is parsed. */
xmlDocPtr xmlio_parse_within(struct gka_ctx *ctx, const char *path, size_t *nodes_left);

/* Compiles a RelaxNG schema file; NULL with the problem in ctx. Free with xmlRelaxNGFree. */
xmlRelaxNGPtr xmlio_schema_load(struct gka_ctx *ctx, const char *schema_path);

/* 0 when doc matches schema; otherwise -1 with each problem in ctx as path:line. */
int xmlio_validate(struct gka_ctx *ctx, xmlRelaxNGPtr schema, const char *path, xmlDocPtr doc);

/* The line of a node, 1-based. */
long xmlio_line(xmlNodePtr node);

/* The attribute's value without copying (valid while the document is), or NULL. */
const char *xmlio_attr(xmlNodePtr n, const char *name);

/* Whether n is an element called name. */
bool xmlio_is(xmlNodePtr n, const char *name);

#endif
