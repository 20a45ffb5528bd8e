/* xmlio.c: reads XML files safely (no network, no DTD, no entities, a size limit
 * per file) and validates them with RelaxNG. Every problem becomes a path:line
 * diagnostic. */
#include "xmlio.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>


long xmlio_line(xmlNodePtr node)
{
    return node ? xmlGetLineNo(node) : 0;
}

/* libxml2 reports through a callback with a void pointer; this carries the ctx
 * and the file being read, for messages that name no file themselves. */
struct report_target {
    struct gka_ctx *ctx;
    const char *path;
    size_t reported;    /* the problems of this file so far */
};

/* libxml2 2.9 goes on after a fatal error and reports every later one: a file of
 * nothing but '&' gives one per byte. After this many, the parser is stopped. */
enum { MAX_PARSER_PROBLEMS = 50 };

/* libxml2's messages in the words of a person editing the data: each a pattern of
 * libxml2's (%s one word, %* the rest) and what gkapub says instead, the words filled in
 * by their order ($1, $2, ...). A NULL sentence marks a message that only repeats the one
 * before it at the same line, which is then left out. */
static const struct { const char *says, *sentence; } rewrites[] = {
    { "Excessive depth in document%*", "elements are nested more than 256 levels deep" },
    { "Input is not proper UTF-8%*", "the file is not valid UTF-8" },
    { "Opening and ending tag mismatch: %s line %s and %s", "<$1> (opened on line $2) is closed by </$3>" },
    { "Premature end of data in tag %s line %s", "the file ends before <$1> (opened on line $2) is closed" },
    { "Couldn't find end of Start Tag %s line %s", "the start tag <$1> is not closed with '>'" },
    { "Specification mandates value for attribute %s", "the attribute $1 has no value: write $1=\"...\"" },
    { "attributes construct error", NULL },
    { "xmlParseEntityRef: no name", "a '&' that begins no entity: write &amp; for the character &" },
    { "Extra content at the end of the document", "there is more after the root element's end" },
    { "Start tag expected, '<' not found", "no element begins here: the file must start with an element" },
    { "Did not expect element %s there", "<$1> is not allowed here" },
    { "Element %s has extra content: %s", NULL },
    { "Expecting element %s, got %s", "<$1> is needed here, not <$2>" },
    { "Expecting an element %s, got nothing", "<$1> is missing here" },
    { "Element %s failed to validate attributes", NULL },
    { "Element %s failed to validate content", NULL },
    { "Invalid attribute %s for element %s", "<$2> has no attribute $1 (a typing error?)" },
    { "Type %s doesn't allow value '%*'", "\"$2\" is not a valid value here" },
    { "Error validating datatype %s", NULL },
    { "Extra element %s in interleave", "<$1> is not allowed here, or appears more than once" },
    { "Invalid sequence in interleave", NULL },
    { "Element %s: attribute %s is required%*", "<$1> needs the attribute $2" },
};

enum { MAX_WORDS = 4 };

/* Whether message matches pattern; the words it stands for in words[]. */
static bool match(const char *pattern, const char *message, const char *words[], size_t lens[])
{
    int nwords = 0;
    const char *p = pattern, *m = message;
    while (*p) {
        if (p[0] == '%' && (p[1] == '*' || p[1] == 's')) {
            char stop = p[2];
            size_t n = 0;
            if (p[1] == '*') {
                /* the rest of the line, up to the last place where what follows in the
                 * pattern can begin */
                n = strcspn(m, "\n");
                if (stop)
                    while (n > 0 && m[n] != stop)
                        n--;
                if (stop && m[n] != stop)
                    return false;
            } else {
                /* a word runs up to what follows in the pattern (a space, a comma, a quote) */
                while (m[n] && m[n] != '\n' && m[n] != stop && !(stop == '\0' && m[n] == ' '))
                    n++;
                if (n == 0)
                    return false;
            }
            if (nwords == MAX_WORDS)
                return false;
            words[nwords] = m;
            lens[nwords++] = n;
            m += n;
            p += 2;
            continue;
        }
        if (*p != *m)
            return false;
        p++, m++;
    }
    return *m == '\0' || *m == '\n';
}

/* libxml2's message as gkapub says it, on one line. Returns false for a message that only
 * repeats the one before it. */
static bool plain_message(struct strbuf *out, const char *message)
{
    for (size_t i = 0; i < sizeof rewrites / sizeof rewrites[0]; i++) {
        const char *words[MAX_WORDS];
        size_t lens[MAX_WORDS];
        if (!match(rewrites[i].says, message, words, lens))
            continue;
        if (!rewrites[i].sentence)
            return false;
        for (const char *s = rewrites[i].sentence; *s; s++) {
            if (s[0] == '$' && s[1] >= '1' && s[1] <= '0' + MAX_WORDS) {
                int k = s[1] - '1';
                sb_append_len(out, words[k], lens[k]);
                s++;
            } else {
                sb_append_len(out, s, 1);
            }
        }
        const char *bytes = strstr(message, "Bytes:");
        if (bytes) {
            sb_append(out, " (");
            sb_append_len(out, bytes, strcspn(bytes, "\n"));
            sb_append(out, ")");
        }
        return true;
    }
    for (const char *p = message; *p; p++) {
        if (*p != '\n')
            sb_append_len(out, p, 1);
        else if (p[1])
            sb_append(out, "; ");
    }
    if (!out->data)
        sb_append(out, "");
    return true;
}

static void on_xml_error(void *data, xmlErrorPtr err)
{
    struct report_target *t = data;
    if (err->domain == XML_FROM_PARSER && err->ctxt && ++t->reported >= MAX_PARSER_PROBLEMS)
        xmlStopParser(err->ctxt);
    const char *path = err->file ? err->file : t->path;
    long line = err->line;
    if (err->node && ((xmlNodePtr)err->node)->type == XML_ELEMENT_NODE) {
        xmlNodePtr node = err->node;
        line = xmlio_line(node);
        if (node->doc && node->doc->URL)
            path = (const char *)node->doc->URL;
    }
    struct strbuf msg;
    sb_init(&msg);
    bool said_before = t->ctx->ndiags > 0 && t->ctx->diags[t->ctx->ndiags - 1].line == line;
    if (!plain_message(&msg, err->message ? err->message : "unknown XML problem") && said_before) {
        sb_release(&msg);
        return;
    }
    if (!msg.data) /* a repetition with nothing before it: libxml2's own words, then */
        sb_append(&msg, err->message ? err->message : "unknown XML problem");
    if (said_before && strcmp(t->ctx->diags[t->ctx->ndiags - 1].message, msg.data) == 0) {
        sb_release(&msg); /* the same problem again on the same line: once is enough */
        return;
    }
    if (err->level == XML_ERR_WARNING)
        diag_warning(t->ctx, path, line, "%s", msg.data);
    else
        diag_error(t->ctx, path, line, "%s", msg.data);
    sb_release(&msg);
}

/* libxml2 would otherwise load what a document names (DTDs, entities, schemas):
 * nothing is ever loaded on a document's behalf. */
static xmlParserInputPtr refuse_external(const char *url, const char *id, xmlParserCtxtPtr pctxt)
{
    (void)id;
    (void)pctxt;
    (void)url;
    return NULL;
}

/* Reads a whole file into memory, refusing one over the size limit before reading it. */
static char *read_limited(struct gka_ctx *ctx, const char *path, size_t *len)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        diag_error(ctx, path, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        diag_error(ctx, path, 0, "not a regular file");
        return NULL;
    }
    if (st.st_size > XMLIO_MAX_FILE_BYTES) {
        diag_error(ctx, path, 0, "file is %lld bytes; the limit is %ld bytes (%ld MiB)",
                   (long long)st.st_size, XMLIO_MAX_FILE_BYTES, XMLIO_MAX_FILE_BYTES >> 20);
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        diag_error(ctx, path, 0, "cannot open: %s", strerror(errno));
        return NULL;
    }
    size_t size = (size_t)st.st_size;
    char *buf = xmalloc(size + 1);
    size_t got = fread(buf, 1, size, f);
    int failed = ferror(f);
    fclose(f);
    if (failed || got != size) {
        diag_error(ctx, path, 0, "cannot read the whole file");
        free(buf);
        return NULL;
    }
    buf[size] = '\0';
    *len = size;
    return buf;
}

/* Finds a DOCTYPE in the prolog (after the XML declaration, comments and
 * processing instructions) and returns its line, or 0 when there is none. */
static long doctype_line(const char *buf, size_t len)
{
    size_t i = 0;
    long line = 1;
    if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
        i = 3;
    for (;;) {
        while (i < len && (buf[i] == ' ' || buf[i] == '\t' || buf[i] == '\r' || buf[i] == '\n')) {
            if (buf[i] == '\n')
                line++;
            i++;
        }
        const char *terminator;
        if (i + 2 <= len && memcmp(buf + i, "<?", 2) == 0)
            terminator = "?>";
        else if (i + 4 <= len && memcmp(buf + i, "<!--", 4) == 0)
            terminator = "-->";
        else if (i + 9 <= len && memcmp(buf + i, "<!DOCTYPE", 9) == 0)
            return line;
        else
            return 0;
        const char *end = strstr(buf + i, terminator);
        if (!end)
            return 0;   /* unterminated: the parser will say so */
        for (; buf + i < end; i++)
            if (buf[i] == '\n')
                line++;
        i += strlen(terminator);
    }
}

/* What a linear pass over a file finds before the parser sees it: the number of its
 * elements, and the first element with more than XMLIO_MAX_ATTRIBUTES attributes (its
 * line, 0 when there is none; its name, cut to fit; how many it has). libxml2 2.9
 * compares each attribute of an element with every one before it, so 100,000 attributes
 * take minutes. The pass skips comments, processing instructions, CDATA and end tags,
 * and counts the '=' outside quotes in a start tag. */
struct prescan {
    size_t elements, attributes;
    long crowded_line;
    char crowded_name[80];
    size_t crowded_attributes;
};

static void prescan(const char *buf, size_t len, struct prescan *ps)
{
    memset(ps, 0, sizeof *ps);
    long line = 1;
    size_t i = 0;
    while (i < len) {
        if (buf[i] == '\n')
            line++;
        if (buf[i] != '<') {
            i++;
            continue;
        }
        const char *rest = buf + i;
        size_t left = len - i;
        const char *terminator = NULL;
        if (left >= 4 && memcmp(rest, "<!--", 4) == 0)
            terminator = "-->";
        else if (left >= 9 && memcmp(rest, "<![CDATA[", 9) == 0)
            terminator = "]]>";
        else if (left >= 2 && rest[1] == '?')
            terminator = "?>";
        else if (left >= 2 && (rest[1] == '!' || rest[1] == '/'))
            terminator = ">";
        if (terminator) {
            size_t tlen = strlen(terminator);
            i++;
            while (i < len && !(len - i >= tlen && memcmp(buf + i, terminator, tlen) == 0)) {
                if (buf[i] == '\n')
                    line++;
                i++;
            }
            i += tlen;
            continue;
        }
        long tag_line = line;
        ps->elements++;
        size_t start = ++i;
        while (i < len && !strchr(" \t\r\n/>", buf[i]))
            i++;
        size_t name_len = i - start;
        size_t attributes = 0;
        char quote = 0;
        for (; i < len; i++) {
            char c = buf[i];
            if (c == '\n')
                line++;
            if (quote) {
                if (c == quote)
                    quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '=') {
                attributes++;
            } else if (c == '>') {
                break;
            }
        }
        ps->attributes += attributes;
        if (attributes > XMLIO_MAX_ATTRIBUTES && !ps->crowded_line) {
            snprintf(ps->crowded_name, sizeof ps->crowded_name, "%.*s", (int)(name_len < 64 ? name_len : 64),
                     buf + start);
            ps->crowded_attributes = attributes;
            ps->crowded_line = tag_line;
        }
    }
}

xmlDocPtr xmlio_parse(struct gka_ctx *ctx, const char *path)
{
    size_t budget = XMLIO_MAX_NODES;
    return xmlio_parse_within(ctx, path, &budget);
}

xmlDocPtr xmlio_parse_within(struct gka_ctx *ctx, const char *path, size_t *nodes_left)
{
    size_t len = 0;
    char *buf = read_limited(ctx, path, &len);
    if (!buf)
        return NULL;
    if (len == 0) {
        diag_error(ctx, path, 1, "the file is empty");
        free(buf);
        return NULL;
    }
    const unsigned char *u = (const unsigned char *)buf;
    if (len >= 2 && ((u[0] == 0xFE && u[1] == 0xFF) || (u[0] == 0xFF && u[1] == 0xFE))) {
        diag_error(ctx, path, 1, "the file is UTF-16; gkapub reads UTF-8 only (save it as UTF-8)");
        free(buf);
        return NULL;
    }
    const char *nul = memchr(buf, '\0', len);
    if (nul) {
        long line = 1;
        for (const char *p = buf; p < nul; p++)
            line += *p == '\n';
        diag_error(ctx, path, line, "the file holds a NUL byte (UTF-16 or UTF-32 text, or not text at all); "
                   "gkapub reads UTF-8 only");
        free(buf);
        return NULL;
    }
    long dl = doctype_line(buf, len);
    if (dl) {
        diag_error(ctx, path, dl, "a DOCTYPE is not allowed (no DTDs or entities in gkapub data)");
        free(buf);
        return NULL;
    }
    struct prescan ps;
    prescan(buf, len, &ps);
    if (ps.crowded_line) {
        diag_error(ctx, path, ps.crowded_line, "<%s> has %zu attributes; an element may have at most %d",
                   ps.crowded_name, ps.crowded_attributes, XMLIO_MAX_ATTRIBUTES);
        free(buf);
        return NULL;
    }
    if (ps.elements + ps.attributes > *nodes_left) {
        diag_error(ctx, path, 0, "the file holds %zu elements and %zu attributes, which brings the files read "
                   "together past their limit of %d elements and attributes", ps.elements, ps.attributes,
                   XMLIO_MAX_NODES);
        free(buf);
        return NULL;
    }
    *nodes_left -= ps.elements + ps.attributes;
    xmlSetExternalEntityLoader(refuse_external);
    struct report_target target = { .ctx = ctx, .path = path };
    xmlParserCtxtPtr pctxt = xmlNewParserCtxt();
    if (!pctxt) {
        diag_error(ctx, path, 0, "cannot create an XML parser");
        free(buf);
        return NULL;
    }
    xmlSetStructuredErrorFunc(&target, on_xml_error);
    size_t before = ctx->nerrors;
    /* No XML_PARSE_NOENT, DTDLOAD, XINCLUDE or HUGE: entities stay unexpanded,
     * nothing is fetched, and libxml2's depth and size limits stay in force. */
    int options = XML_PARSE_NONET | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA;
    xmlDocPtr doc = xmlCtxtReadMemory(pctxt, buf, (int)len, path, NULL, options);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlFreeParserCtxt(pctxt);
    free(buf);
    if (doc && ctx->nerrors != before) {
        xmlFreeDoc(doc);
        doc = NULL;
    }
    if (!doc) {
        if (ctx->nerrors == before)
            diag_error(ctx, path, 0, "not well-formed XML");
        return NULL;
    }
    if (doc->encoding && strcasecmp((const char *)doc->encoding, "UTF-8") != 0) {
        diag_error(ctx, path, 1, "the file declares encoding %s; gkapub data is UTF-8",
                   (const char *)doc->encoding);
        xmlFreeDoc(doc);
        return NULL;
    }
    if (!xmlDocGetRootElement(doc)) {
        diag_error(ctx, path, 1, "no root element");
        xmlFreeDoc(doc);
        return NULL;
    }
    return doc;
}

int xmlio_validate(struct gka_ctx *ctx, xmlRelaxNGPtr schema, const char *path, xmlDocPtr doc)
{
    struct report_target target = { .ctx = ctx, .path = path };
    xmlRelaxNGValidCtxtPtr vctxt = xmlRelaxNGNewValidCtxt(schema);
    if (!vctxt) {
        diag_error(ctx, path, 0, "cannot create a RelaxNG validator");
        return -1;
    }
    xmlRelaxNGSetValidStructuredErrors(vctxt, on_xml_error, &target);
    size_t before = ctx->nerrors;
    int rc = xmlRelaxNGValidateDoc(vctxt, doc);
    xmlRelaxNGFreeValidCtxt(vctxt);
    if (rc != 0 && ctx->nerrors == before)
        diag_error(ctx, path, 0, "does not match the schema");
    return rc == 0 ? 0 : -1;
}

xmlRelaxNGPtr xmlio_schema_load(struct gka_ctx *ctx, const char *schema_path)
{
    size_t len = 0;
    char *buf = read_limited(ctx, schema_path, &len);
    if (!buf)
        return NULL;
    struct report_target target = { .ctx = ctx, .path = schema_path };
    xmlSetStructuredErrorFunc(&target, on_xml_error);
    xmlRelaxNGParserCtxtPtr pctxt = xmlRelaxNGNewMemParserCtxt(buf, (int)len);
    xmlRelaxNGSetParserStructuredErrors(pctxt, on_xml_error, &target);
    xmlRelaxNGPtr schema = xmlRelaxNGParse(pctxt);
    xmlRelaxNGFreeParserCtxt(pctxt);
    xmlSetStructuredErrorFunc(NULL, NULL);
    free(buf);
    if (!schema)
        diag_error(ctx, schema_path, 0, "the schema does not compile");
    return schema;
}

const char *xmlio_attr(xmlNodePtr n, const char *name)
{
    for (xmlAttrPtr a = n->properties; a; a = a->next) {
        if (a->ns || !xmlStrEqual(a->name, BAD_CAST name))
            continue;
        if (a->children && a->children->type == XML_TEXT_NODE && a->children->content)
            return (const char *)a->children->content;
        return "";
    }
    return NULL;
}

bool xmlio_is(xmlNodePtr n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && xmlStrEqual(n->name, BAD_CAST name);
}
