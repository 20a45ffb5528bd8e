/* artifacts.c: Artifacts from the stand-in elements the cairo backend writes for them.
 *
 * cairo 1.16 knows no Artifacts: it writes each as a structure element of the stand-in type
 * (BCAIRO_ARTIFACT_TYPE) whose content is marked "/Private << /MCID n >> BDC". Here each
 * such element leaves the structure tree (and the parent tree), and its marked content
 * becomes "/Artifact << /Type ... >> BDC" of the kind the display list gives, page by page
 * in order. Content streams are scanned, not parsed: enough to tell operators from the
 * operands, strings and inline images around them. */
#include "finish_private.h"

#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "bcairo.h"

/* ---- the structure tree ---- */

struct removed {
    int *ids;
    size_t n, cap;
};

static int compare_ids(const void *x, const void *y)
{
    int a = *(const int *)x, b = *(const int *)y;
    return (a > b) - (a < b);
}

/* r's ids sorted (after remove_stand_ins): the parent tree holds an entry per MCID */
static bool is_removed(const struct removed *r, int id)
{
    return r->n && bsearch(&id, r->ids, r->n, sizeof *r->ids, compare_ids) != NULL;
}

/* Takes the stand-in elements out of elem's kids, recording their object ids. */
static void remove_stand_ins(qpdf_data q, qpdf_oh elem, struct removed *r, int depth)
{
    if (depth > 64 || !qpdf_oh_is_dictionary(q, elem))
        return;
    qpdf_oh kids = qpdf_oh_get_key(q, elem, "/K");
    if (!qpdf_oh_is_array(q, kids)) {
        remove_stand_ins(q, kids, r, depth + 1);
        return;
    }
    for (int i = qpdf_oh_get_array_n_items(q, kids); i-- > 0;) {
        qpdf_oh kid = qpdf_oh_get_array_item(q, kids, i);
        if (qpdf_oh_is_dictionary(q, kid) &&
            qpdf_oh_is_name_and_equals(q, qpdf_oh_get_key(q, kid, "/S"), "/" BCAIRO_ARTIFACT_TYPE)) {
            xgrow(&r->ids, &r->cap, r->n + 1, sizeof *r->ids);
            r->ids[r->n++] = qpdf_oh_get_object_id(q, kid);
            qpdf_oh_erase_item(q, kids, i);
        } else {
            remove_stand_ins(q, kid, r, depth + 1);
        }
    }
}

/* The parent tree maps each page's MCIDs to their elements: the removed ones map to null. */
static void clear_parents(qpdf_data q, qpdf_oh node, const struct removed *r, int depth)
{
    if (depth > 32 || !qpdf_oh_is_dictionary(q, node))
        return;
    qpdf_oh nums = qpdf_oh_get_key(q, node, "/Nums");
    int n = qpdf_oh_is_array(q, nums) ? qpdf_oh_get_array_n_items(q, nums) : 0;
    for (int i = 1; i < n; i += 2) {
        qpdf_oh value = qpdf_oh_get_array_item(q, nums, i);
        if (!qpdf_oh_is_array(q, value))
            continue;
        int m = qpdf_oh_get_array_n_items(q, value);
        for (int k = 0; k < m; k++) {
            qpdf_oh elem = qpdf_oh_get_array_item(q, value, k);
            if (qpdf_oh_is_indirect(q, elem) && is_removed(r, qpdf_oh_get_object_id(q, elem)))
                qpdf_oh_set_array_item(q, value, k, qpdf_oh_new_null(q));
        }
    }
    qpdf_oh kids = qpdf_oh_get_key(q, node, "/Kids");
    int nk = qpdf_oh_is_array(q, kids) ? qpdf_oh_get_array_n_items(q, kids) : 0;
    for (int i = 0; i < nk; i++)
        clear_parents(q, qpdf_oh_get_array_item(q, kids, i), r, depth + 1);
}

/* ---- content streams ---- */

static bool is_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\0';
}

static bool is_delimiter(unsigned char c)
{
    return strchr("()<>[]{}/%", c) != NULL && c != '\0';
}

enum token { T_END, T_OPERAND, T_OPERATOR };

struct scanner {
    const unsigned char *s;
    size_t n, at;
    size_t start, end;          /* the last token */
};

/* The next token: an operand (number, name, string, array or dictionary delimiter) or an
 * operator; comments and white space skipped. */
static enum token next_token(struct scanner *sc)
{
    const unsigned char *s = sc->s;
    size_t i = sc->at;
    for (;;) {
        while (i < sc->n && is_space(s[i]))
            i++;
        if (i < sc->n && s[i] == '%') {
            while (i < sc->n && s[i] != '\n' && s[i] != '\r')
                i++;
            continue;
        }
        break;
    }
    sc->start = i;
    if (i >= sc->n)
        return T_END;
    enum token kind = T_OPERAND;
    unsigned char c = s[i];
    if (c == '(') {
        int depth = 0;
        for (; i < sc->n; i++) {
            if (s[i] == '\\')
                i++;
            else if (s[i] == '(')
                depth++;
            else if (s[i] == ')' && --depth == 0)
                break;
        }
        i++;
    } else if (c == '<' && i + 1 < sc->n && s[i + 1] == '<') {
        i += 2;
    } else if (c == '<') {
        while (i < sc->n && s[i] != '>')
            i++;
        i++;
    } else if (c == '>' && i + 1 < sc->n && s[i + 1] == '>') {
        i += 2;
    } else if (is_delimiter(c) && c != '/') {
        i++;
    } else {
        bool name = c == '/';
        i++;
        while (i < sc->n && !is_space(s[i]) && !is_delimiter(s[i]))
            i++;
        bool number = strchr("+-.0123456789", c) != NULL;
        size_t len = i - sc->start;
        bool keyword = (len == 4 && (memcmp(s + sc->start, "true", 4) == 0 || memcmp(s + sc->start, "null", 4) == 0)) ||
                       (len == 5 && memcmp(s + sc->start, "false", 5) == 0);
        kind = name || number || keyword ? T_OPERAND : T_OPERATOR;
    }
    sc->end = i < sc->n ? i : sc->n;
    sc->at = sc->end;
    /* an inline image's data follows ID, up to EI between white space */
    if (kind == T_OPERATOR && sc->end - sc->start == 2 && memcmp(s + sc->start, "ID", 2) == 0) {
        size_t k = sc->end + 1;
        while (k + 2 < sc->n && !(is_space(s[k]) && s[k + 1] == 'E' && s[k + 2] == 'I' &&
                                  (k + 3 == sc->n || is_space(s[k + 3]))))
            k++;
        sc->at = k + 3 < sc->n ? k + 3 : sc->n;
    }
    return kind;
}

static const char *artifact_properties(enum dl_artifact kind)
{
    switch (kind) {
    case DL_ARTIFACT_HEADER: return "/Artifact << /Type /Pagination /Subtype /Header >> BDC";
    case DL_ARTIFACT_FOOTER: return "/Artifact << /Type /Pagination /Subtype /Footer >> BDC";
    case DL_ARTIFACT_BACKGROUND: return "/Artifact << /Type /Background >> BDC";
    case DL_ARTIFACT_LAYOUT: break;
    }
    return "/Artifact << /Type /Layout >> BDC";
}

/* The page's content with each stand-in's marked content made an Artifact of the next kind
 * in kinds; *found says how many there were. */
static void rewrite_content(const unsigned char *s, size_t n, const enum dl_artifact *kinds, size_t nkinds,
                            struct strbuf *out, size_t *found)
{
    static const char stand_in[] = "/" BCAIRO_ARTIFACT_TYPE;
    struct scanner sc = { .s = s, .n = n };
    size_t copied = 0, operands = 0, first_operand = 0;
    bool stand_in_first = false;
    *found = 0;
    for (enum token t; (t = next_token(&sc)) != T_END;) {
        if (t == T_OPERAND) {
            if (operands++ == 0) {
                first_operand = sc.start;
                stand_in_first = sc.end - sc.start == sizeof stand_in - 1 &&
                                 memcmp(s + sc.start, stand_in, sizeof stand_in - 1) == 0;
            }
            continue;
        }
        if (stand_in_first && sc.end - sc.start == 3 && memcmp(s + sc.start, "BDC", 3) == 0) {
            sb_append_len(out, (const char *)s + copied, first_operand - copied);
            sb_append(out, artifact_properties(*found < nkinds ? kinds[*found] : DL_ARTIFACT_LAYOUT));
            copied = sc.end;
            ++*found;
        }
        operands = 0;
        stand_in_first = false;
    }
    sb_append_len(out, (const char *)s + copied, n - copied);
}

/* Makes content the page's one content stream, compressed here at zlib's fastest level:
 * every page of every file is written again, and qpdf's default level took a third of the
 * factsheets' time for a few percent of their size. */
static void set_content(qpdf_data q, qpdf_oh page, const struct strbuf *content)
{
    qpdf_oh stream = qpdf_oh_new_stream(q);
    uLongf len = compressBound((uLong)content->len);
    unsigned char *packed = xmalloc(len);
    if (compress2(packed, &len, (const Bytef *)(content->data ? content->data : ""), (uLong)content->len,
                  Z_BEST_SPEED) == Z_OK)
        qpdf_oh_replace_stream_data(q, stream, packed, len, qpdf_oh_new_name(q, "/FlateDecode"), qpdf_oh_new_null(q));
    else /* qpdf compresses it as it writes */
        qpdf_oh_replace_stream_data(q, stream, (const unsigned char *)content->data, content->len, qpdf_oh_new_null(q),
                                    qpdf_oh_new_null(q));
    free(packed);
    qpdf_oh_replace_key(q, page, "/Contents", stream);
}

/* The kinds of the Artifacts a display-list page holds, in order. */
static size_t page_artifacts(const struct dl_page *page, enum dl_artifact **kinds)
{
    size_t n = 0, cap = 0;
    *kinds = NULL;
    for (size_t i = 0; i < page->nitems; i++) {
        const struct dl_item *it = &page->items[i];
        if (it->kind == DL_TAG_BEGIN && dl_is_artifact(&it->as.tag)) {
            xgrow(kinds, &cap, n + 1, sizeof **kinds);
            (*kinds)[n++] = it->as.tag.artifact;
        }
    }
    return n;
}

int fin_artifacts(struct gka_ctx *ctx, qpdf_data q, const struct dl_document *doc, const char *path)
{
    qpdf_oh tree = qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot");
    struct removed removed = { 0 };
    remove_stand_ins(q, tree, &removed, 0);
    if (removed.n) {
        qsort(removed.ids, removed.n, sizeof *removed.ids, compare_ids);
        clear_parents(q, qpdf_oh_get_key(q, tree, "/ParentTree"), &removed, 0);
    }
    free(removed.ids);

    int rc = 0;
    int npages = qpdf_get_num_pages(q);
    for (int p = 0; p < npages && (size_t)p < doc->npages && rc == 0; p++) {
        enum dl_artifact *kinds;
        size_t nkinds = page_artifacts(&doc->pages[p], &kinds);
        if (nkinds == 0)
            continue;
        qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
        unsigned char *content = NULL;
        size_t len = 0, found = 0;
        if (qpdf_oh_get_page_content_data(q, page, &content, &len) & QPDF_ERRORS) {
            diag_error(ctx, path, 0, "page %d: cannot read its content", p + 1);
            rc = -1;
        } else {
            struct strbuf out;
            sb_init(&out);
            rewrite_content(content, len, kinds, nkinds, &out, &found);
            if (found != nkinds) {
                diag_error(ctx, path, 0, "page %d: %zu Artifacts marked in the content, %zu in the display list",
                           p + 1, found, nkinds);
                rc = -1;
            } else {
                set_content(q, page, &out);
            }
            sb_release(&out);
        }
        free(content);
        free(kinds);
    }
    return rc;
}
