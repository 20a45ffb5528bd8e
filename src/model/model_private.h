/* model_private.h: what the model's own files share while building a year. */
#ifndef GKA_MODEL_PRIVATE_H
#define GKA_MODEL_PRIVATE_H

#include "model.h"
#include "xmlio.h"

struct xml_file {
    char *path;      /* as shown in messages: data_dir/href */
    xmlDocPtr doc;
};

struct xml_set {
    struct xml_file *files;  /* files[0] is jaar.xml, then the includes in order */
    size_t nfiles, cap;
};

/* Reads data_dir/jaar.xml and the files it XIncludes, each parsed safely and
 * validated against the RelaxNG schema. Returns 0 when every file parsed and
 * validated; otherwise -1 with the problems in ctx. The files that did parse are in
 * *set either way; release with xml_set_release. */
int xml_load_year(struct gka_ctx *ctx, const char *data_dir, const char *schema_path,
                  struct xml_set *set);
void xml_set_release(struct xml_set *set);

/* The real path of href, a file named relative to data_dir that must be inside it (what
 * names it in messages: "xi:include href"); NULL with the problem reported against
 * at_path:line. Caller frees. */
char *model_data_path(struct gka_ctx *ctx, const char *at_path, long line, const char *data_dir,
                      const char *what, const char *href);

struct builder {
    struct gka_ctx *ctx;
    struct model *m;
    const char *path;              /* the file being built, for messages */
    const char *data_dir;          /* the year's folder: image files are named relative to it */
    struct id_index interventies;
    struct id_index secties;
};

int build_model(struct builder *b, struct xml_set *set);

void id_index_init(struct id_index *ix, size_t expected);
void id_index_release(struct id_index *ix);
void *id_index_lookup(const struct id_index *ix, const char *key);
void id_index_add(struct id_index *ix, const char *key, void *value);

#define interventie_index_init(b, n) id_index_init(&(b)->interventies, (n))
#define interventie_lookup(b, id) ((struct interventie *)id_index_lookup(&(b)->interventies, (id)))
#define interventie_index_add(b, iv) id_index_add(&(b)->interventies, (iv)->id, (iv))
#define sectie_lookup(b, id) ((struct sectie *)id_index_lookup(&(b)->secties, (id)))
#define sectie_index_add(b, s) id_index_add(&(b)->secties, (s)->id, (s))

/* Computes the aggregates and resolves the figures and internal links in all content. */
void aggregate_model(struct builder *b);

const char *sectie_soort_name(enum sectie_soort soort);

#endif
