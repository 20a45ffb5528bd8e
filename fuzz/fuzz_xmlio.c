/* fuzz_xmlio.c: libFuzzer target for src/xmlio alone, faster than fuzz_loader. Each input
 * is written as one file and read with xmlio_parse (size limit, no DOCTYPE, no entities,
 * UTF-8 only, well-formedness); when it parses, it is validated against
 * data/schema/gka.rng (compiled once) and every element is looked at with xmlio_attr
 * and xmlio_line. Everything is freed; LeakSanitizer reports what is not.
 * Shares its input format (plain XML files) and seed corpus with fuzz_loader.
 * GKA_FUZZ_VERBOSE=1 prints the diagnostics (to look at a reproducer). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzz_files.h"
#include "gka.h"
#include "xmlio.h"

#define SCHEMA GKA_SOURCE_DIR "/data/schema/gka.rng"

static xmlRelaxNGPtr schema;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    schema = xmlio_schema_load(&ctx, SCHEMA);
    if (!schema) {
        diag_print(&ctx, stderr);
        abort();
    }
    gka_ctx_release(&ctx);
    return 0;
}

/* Reads a few attributes of every element the way the model does, depth first (the
 * depth is at most libxml2's limit of 256). Not every attribute by name: that would be
 * quadratic in the harness itself. */
static void read_attrs(xmlNodePtr n)
{
    for (; n; n = n->next) {
        if (n->type != XML_ELEMENT_NODE)
            continue;
        (void)xmlio_attr(n, "id");
        (void)xmlio_attr(n, "naam");
        (void)xmlio_line(n);
        read_attrs(n->children);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write("input.xml", data, size);
    struct gka_ctx ctx;
    gka_ctx_init(&ctx);
    ctx.quiet = true;
    xmlDocPtr doc = xmlio_parse(&ctx, path);
    if (doc) {
        read_attrs(xmlDocGetRootElement(doc));
        xmlio_validate(&ctx, schema, path, doc);
        xmlFreeDoc(doc);
    }
    if (getenv("GKA_FUZZ_VERBOSE")) {
        fprintf(stderr, "fuzz_xmlio: %s\n", doc ? "parsed" : "refused");
        diag_print(&ctx, stderr);
    }
    gka_ctx_release(&ctx);
    return 0;
}
