/* common.c: rich text, running elements and writing, shared by the publications. */
#include "common.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "bcairo.h"
#include "components.h"
#include "bharu.h"
#include "finish.h"
#include "images.h"

size_t pub_agenda_themas(const struct model *m, const struct agenda *a)
{
    size_t themas = 0;
    for (size_t i = 0; i < m->nthemas; i++)
        themas += a->n_per_thema[i] > 0;
    return themas;
}

const char **pub_numbers(struct arena *arena, size_t n, const long *values)
{
    const char **out = arena_alloc(arena, (n + 1) * sizeof *out);
    for (size_t i = 0; i < n; i++) {
        char number[32];
        pub_number(number, sizeof number, values[i]);
        out[i] = pub_fmt(arena, "%s", number);
    }
    return out;
}

void pub_number(char *buf, size_t size, long value)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%ld", value < 0 ? -value : value);
    size_t n = strlen(digits), o = 0;
    if (value < 0 && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = '.';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

void pub_date(char *buf, size_t size, const char *iso)
{
    int y, m, d;
    char end;
    if (iso && sscanf(iso, "%4d-%2d-%2d%c", &y, &m, &d, &end) == 3 && m >= 1 && m <= 12 && d >= 1 && d <= 31)
        snprintf(buf, size, "%d %s %d", d, ts_month_name(m), y);
    else
        snprintf(buf, size, "%s", iso ? iso : "");
}

/* url without its scheme ("https://", "mailto:") and a leading "www.". */
static const char *bare_address(const char *url)
{
    static const char *const schemes[] = { "https://", "http://", "mailto:" };
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (strncmp(url, schemes[i], strlen(schemes[i])) == 0) {
            url += strlen(schemes[i]);
            break;
        }
    return strncmp(url, "www.", 4) == 0 ? url + 4 : url;
}

/* A web address as print spells it out (paper has no link to click): without its scheme,
 * "www.", query and fragment, but for a video's id ("?v=..."); `breakable` adds a break
 * after each slash and holds each hyphen to what follows, so that a line never ends in a
 * hyphen the address does not have. */
static void print_address(struct strbuf *out, const char *url, bool breakable)
{
    url = bare_address(url);
    size_t n = strcspn(url, "?#");
    while (n > 0 && url[n - 1] == '/')
        n--;
    for (size_t i = 0; i < n; i++) {
        sb_append_len(out, url + i, 1);
        if (breakable && url[i] == '/')
            sb_append(out, "\xE2\x80\x8B"); /* zero width space: a break */
        else if (breakable && url[i] == '-')
            sb_append(out, "\xE2\x81\xA0"); /* word joiner: no break after the hyphen */
    }
    const char *video = url[n] == '?' ? strstr(url + n, "v=") : NULL;
    if (video && (video[-1] == '?' || video[-1] == '&')) {
        sb_append(out, "?");
        sb_append_len(out, video, strcspn(video, "&#"));
    }
}

/* Whether words show the address itself ("www.gelijke-kansen.nl"), as print has it. */
static bool shows_address(const char *words, const char *url)
{
    struct strbuf a, w;
    sb_init(&a);
    sb_init(&w);
    print_address(&a, url, false);
    print_address(&w, words, false);
    bool same = strcasecmp(a.data ? a.data : "", w.data ? w.data : "") == 0;
    sb_release(&a);
    sb_release(&w);
    return same;
}

/* Inline content with the language of what encloses it (NULL: the document's). */
static void inline_in(struct ts_text *t, const struct content *c, unsigned flags, const struct dl_colour *link_colour,
                      const char *lang)
{
    for (; c; c = c->next) {
        switch (c->kind) {
        case C_TEXT:
            ts_text_add_lang(t, c->text, flags, NULL, NULL, lang);
            break;
        case C_EM:
            inline_in(t, c->first_child, flags | TS_ITALIC, link_colour, lang);
            break;
        case C_STRONG:
            inline_in(t, c->first_child, flags | TS_BOLD, link_colour, lang);
            break;
        case C_TAAL: /* the attribute lives as long as the model */
            inline_in(t, c->first_child, flags, link_colour, content_attr(c, "lang"));
            break;
        case C_BR:
            ts_text_add_lang(t, "\xE2\x80\xA8", flags, NULL, NULL, lang);
            break;
        case C_GETAL: {
            char num[32];
            const char *naam = content_attr(c, "naam");
            if (naam && strcmp(naam, "jaar") == 0)
                snprintf(num, sizeof num, "%ld", c->value); /* a year takes no thousands point */
            else
                pub_number(num, sizeof num, c->value);
            ts_text_add_lang(t, num, flags, NULL, NULL, lang);
            break;
        }
        case C_LINK: {
            struct ts_link link = { 0 };
            if (c->text && c->text[0] == '#')
                link.dest = c->text + 1;
            else
                link.uri = c->text;
            /* the target's title or the href is the description: it lives as long as the model */
            link.description = c->sectie ? c->sectie->titel : c->text;
            /* a link in brackets has its address in them too, after a colon */
            bool in_brackets = t->utf8.len && t->utf8.data[t->utf8.len - 1] == '(';
            struct ts_text inner;
            ts_text_init(&inner);
            inline_in(&inner, c->first_child, 0, link_colour, lang);
            for (size_t i = 0; i < inner.nspans; i++) {
                const struct ts_span *sp = &inner.spans[i];
                char *piece = xmalloc(sp->end - sp->start + 1);
                memcpy(piece, inner.utf8.data + sp->start, sp->end - sp->start);
                piece[sp->end - sp->start] = '\0';
                ts_text_add_lang(t, piece, flags | sp->flags | pub_link_flags(link_colour), link_colour, &link, sp->lang);
                free(piece);
            }
            /* in print (no link colour) the words of a web link are followed by its address */
            if (!link_colour && link.uri && strncmp(link.uri, "mailto:", 7) != 0 &&
                !shows_address(inner.utf8.data ? inner.utf8.data : "", link.uri)) {
                struct strbuf address;
                sb_init(&address);
                print_address(&address, link.uri, true);
                if (address.len) {
                    ts_text_add_lang(t, in_brackets ? ": " : " (", flags, NULL, NULL, lang);
                    ts_text_add_lang(t, address.data, flags, NULL, &link, lang);
                    if (!in_brackets)
                        ts_text_add_lang(t, ")", flags, NULL, NULL, lang);
                }
                sb_release(&address);
            }
            ts_text_release(&inner);
            break;
        }
        case C_KERNCIJFER: /* a key figure beside a text (a card's) is shown apart from it */
            break;
        default:
            /* components inside text are not expected here; their text still shows */
            inline_in(t, c->first_child, flags, link_colour, lang);
            break;
        }
    }
}

void pub_inline(struct ts_text *t, const struct content *c, unsigned flags, const struct dl_colour *link_colour)
{
    inline_in(t, c, flags, link_colour, NULL);
}

struct ts_block *pub_para(struct ts_flow *f, const struct ts_style *style, const char *role, const char *text)
{
    struct ts_block *b = ts_flow_add(f, TS_PARA);
    b->style = style;
    b->role = role;
    if (text)
        ts_text_add(&b->text, text, 0, NULL, NULL);
    return b;
}

size_t pub_text_length(const struct content *c)
{
    size_t n = 0;
    for (const struct content *k = c->first_child; k; k = k->next)
        n += k->kind == C_TEXT ? strlen(k->text) : k->kind == C_GETAL ? 4 : pub_text_length(k);
    return n;
}

/* A list this long or shorter, of a few items, is read at a glance: it stays in one column. */
enum { GLANCE_MAX = 480 };

static void list_items(struct ts_flow *f, const struct content *list, const struct ts_style *style,
                       const struct dl_colour *link_colour)
{
    struct ts_block *tag = ts_flow_add(f, TS_TAG_BEGIN);
    tag->role = "L";
    int n = 0, items = 0;
    for (const struct content *li = list->first_child; li; li = li->next)
        items += li->kind == C_LI;
    tag->keep = items <= 5 && pub_text_length(list) <= GLANCE_MAX;
    int item = 0;
    for (const struct content *li = list->first_child; li; li = li->next) {
        if (li->kind != C_LI)
            continue;
        /* a list split over columns leaves two items at least on either side: the first
         * goes with the second, the one before last with the last */
        bool kept = items >= 4 && (item == 0 || item == items - 2);
        item++;
        struct ts_block *b = pub_para(f, kept ? ts_flow_style_kept(f, style) : style, "LI", NULL);
        b->loc_path = li->loc.path, b->loc_line = li->loc.line;
        char label[16];
        if (list->kind == C_OL)
            snprintf(label, sizeof label, "%d.\xC2\xA0", ++n);
        else
            snprintf(label, sizeof label, "\xE2\x80\xA2\xC2\xA0");
        ts_text_add(&b->text, label, TS_LABEL, NULL, NULL);
        pub_inline(&b->text, li->first_child, 0, link_colour);
    }
    ts_flow_add(f, TS_TAG_END);
}

bool pub_floating(const struct content *c)
{
    const char *v = content_attr(c, "zwevend");
    return v && strcmp(v, "ja") == 0;
}

void pub_image(struct ts_flow *f, struct arena *arena, const struct content *c, const struct ts_style *caption,
               const struct dl_colour *link_colour)
{
    if (!c->image)
        return;
    struct comp_image *im = arena_alloc(arena, sizeof *im);
    *im = (struct comp_image){ .path = c->image, .px_width = (float)c->image_width,
                               .px_height = (float)c->image_height, .focus_x = 0.5f, .focus_y = 0.5f };
    const char *v;
    int w, h;
    if ((v = content_attr(c, "verhouding")) && sscanf(v, "%d:%d", &w, &h) == 2 && w > 0 && h > 0)
        im->aspect = (float)h / (float)w;
    if ((v = content_attr(c, "focus")))
        sscanf(v, "%f %f", &im->focus_x, &im->focus_y);
    im->fit = (v = content_attr(c, "passend")) && strcmp(v, "ja") == 0;
    struct ts_block *g = ts_flow_add(f, TS_GROUP_BEGIN);
    g->span = (v = content_attr(c, "breedte")) && strcmp(v, "pagina") == 0 ? TS_SPAN_ALL : 0;
    g->floating = pub_floating(c);
    g->loc_path = c->loc.path, g->loc_line = c->loc.line;
    struct ts_block *b = ts_flow_add(f, TS_FIGURE);
    b->aspect = comp_image_aspect(im);
    b->draw = comp_image_draw;
    b->draw_data = im;
    b->alt = content_attr(c, "alt");
    b->loc_path = c->loc.path, b->loc_line = c->loc.line;
    if (c->first_child) {
        struct ts_block *cap = pub_para(f, caption, "Caption", NULL);
        cap->loc_path = c->loc.path, cap->loc_line = c->loc.line;
        pub_inline(&cap->text, c->first_child, 0, link_colour);
    } else {
        ts_flow_add(f, TS_SPACE)->amount = caption->space_after;
    }
    ts_flow_add(f, TS_GROUP_END);
}

bool pub_block(struct ts_flow *f, const struct content *c, const struct ts_style *body,
               const struct ts_style *heading, const struct ts_style *list,
               const struct dl_colour *link_colour)
{
    if (c->kind == C_P || c->kind == C_H) {
        struct ts_block *b = pub_para(f, c->kind == C_P ? body : heading, c->kind == C_P ? "P" : "H3", NULL);
        b->loc_path = c->loc.path, b->loc_line = c->loc.line;
        pub_inline(&b->text, c->first_child, 0, link_colour);
        /* a paragraph that opens a list ("… zijn bijvoorbeeld:") goes on with its first item,
         * never left at a column's foot without it */
        const struct strbuf *t = &b->text.utf8;
        size_t n = t->len;
        while (n && t->data[n - 1] == ' ')
            n--;
        if (c->kind == C_P && c->next && (c->next->kind == C_UL || c->next->kind == C_OL) && n && t->data[n - 1] == ':')
            b->style = ts_flow_style_kept(f, b->style);
        return true;
    }
    if (c->kind == C_UL || c->kind == C_OL) {
        list_items(f, c, list, link_colour);
        /* after the list, the running text's distance between paragraphs */
        if (body && body->space_after > list->space_after)
            ts_flow_add(f, TS_SPACE)->amount = body->space_after - list->space_after;
        return true;
    }
    return false;
}

void pub_edition_blocks(struct ts_flow *f, const struct content *c, bool print, const struct ts_style *style,
                        const struct dl_colour *link_colour)
{
    for (; c; c = c->next)
        if (pub_for_edition(c, print))
            pub_block(f, c, style, style, style, link_colour);
}

float pub_column_width(const struct lay_layout *l, const struct ts_master *m)
{
    return (l->page_width - m->margin_inside - m->margin_outside - m->gutter * (float)(m->columns - 1)) /
           (float)m->columns;
}

/* Room for notes on a page otherwise left blank. */
static struct comp_notes notes_page(struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l)
{
    return (struct comp_notes){ .e = e, .ctx = ctx, .label = lay_style(l, "kenmerk"), .text = "Aantekeningen",
                                .accent = lay_colour(l, "hemelblauw"), .rule = lay_colour(l, "lijn"), .line = 24 };
}

bool pub_recto(const struct lay_layout *l, size_t index)
{
    return l->single_sided || index % 2 == 0;
}

void pub_notes_page(struct dl_document *doc, struct dl_page *page, size_t index, struct ts_engine *e,
                    struct gka_ctx *ctx, const struct lay_layout *l, const char *master)
{
    const struct ts_master *m = lay_master(l, master);
    if (!m)
        return;
    struct comp_notes n = notes_page(e, ctx, l);
    float left = pub_recto(l, index) ? m->margin_inside : m->margin_outside;
    dl_artifact_begin(page, DL_ARTIFACT_LAYOUT);
    comp_notes_draw(&n, doc, page,
                    (struct dl_rect){ left, m->margin_top, page->width - m->margin_inside - m->margin_outside,
                                      page->height - m->margin_top - m->margin_bottom });
    dl_push(page, DL_TAG_END);
}

void pub_quire_end(struct ts_block *br, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
                   const struct lay_layout *l)
{
    struct comp_notes *n = arena_alloc(arena, sizeof *n);
    *n = notes_page(e, ctx, l);
    br->quire_end = true;
    br->draw = comp_notes_draw;
    br->draw_data = n;
}

void pub_back_cover(struct ts_flow *f, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
                    const struct lay_layout *l, const struct model *m, const char *master, const char *title,
                    const char *about, const char *credit, bool print)
{
    const char *ministry = pub_publisher(m);
    pub_cover(f, arena, e, ctx, l, master, ministry, NULL);
    const struct ts_style *text = lay_style(l, "achterkant-tekst");
    struct ts_block *h = pub_para(f, lay_style(l, "achterkant-kop"), "H1", title);
    h->dest = "achterkant";
    h->outline = "Colofon";
    pub_para(f, text, "P", pub_fmt(arena, "Een uitgave van de Gelijke Kansen Alliantie, %s.", ministry));
    pub_para(f, text, "P", about);
    if (credit) /* the front cover's map's sources */
        pub_para(f, text, "P", credit);
    /* who to ask: the report's contact, when the year has one */
    const struct dl_colour *on_field = print ? NULL : lay_colour(l, "wit");
    for (size_t i = 0; i < m->rapport.nsecties; i++) {
        const struct sectie *s = m->rapport.secties[i];
        if (s->soort != S_CONTACT)
            continue;
        ts_text_add(&pub_para(f, text, "H2", NULL)->text, s->titel, TS_BOLD, NULL, NULL);
        pub_edition_blocks(f, s->inhoud, print, text, on_field);
        break;
    }
}

void pub_blocks(struct ts_flow *f, const struct content *c, const struct ts_style *body,
                const struct ts_style *heading, const struct ts_style *list,
                const struct dl_colour *link_colour)
{
    for (; c; c = c->next)
        pub_block(f, c, body, heading, list, link_colour);
}

static bool same_pages(const struct ts_result *a, const struct ts_result *b)
{
    if (a->ndests != b->ndests || a->npages != b->npages)
        return false;
    for (size_t i = 0; i < a->ndests; i++)
        if (a->dest_pages[i] != b->dest_pages[i] || strcmp(a->dest_names[i], b->dest_names[i]) != 0)
            return false;
    return true;
}

static void drop_drawing(void *ud, struct dl_document *doc, size_t page, const struct ts_result *r)
{
    (void)ud, (void)r;
    dl_page_drop_drawing(&doc->pages[page]);
}

/* One pass: compose, then flow into a new document. */
static struct dl_document *layout_pass(struct ts_engine *e, struct gka_ctx *ctx, struct ts_cache *cache,
                                       const struct lay_layout *l, const char *first_master, pub_compose_fn compose,
                                       void *composer, const struct ts_result *prev, struct ts_result *now,
                                       const struct ts_page_sink *sink)
{
    struct ts_flow *f = ts_flow_new();
    compose(composer, f, prev);
    struct dl_document *doc = dl_new();
    ts_flow_run(e, ctx, cache, f, l->page_width, l->page_height, first_master, pub_master_lookup, l, doc, now, sink);
    ts_flow_free(f);
    return doc;
}

struct dl_document *pub_layout_until_stable(struct ts_engine *e, struct gka_ctx *ctx, struct ts_cache *cache,
                                            const struct lay_layout *l, const char *first_master,
                                            pub_compose_fn compose, void *composer, struct ts_result *result,
                                            int *passes, const struct ts_page_sink *final)
{
    /* the passes that only find the pages keep no drawing when a last pass follows */
    const struct ts_page_sink drop = { drop_drawing, NULL };
    struct dl_document *doc = NULL;
    struct ts_result prev = { 0 };
    for (int pass = 0; pass < 6; pass++) {
        struct ts_result now = { 0 };
        dl_free(doc);
        doc = layout_pass(e, ctx, cache, l, first_master, compose, composer, pass ? &prev : NULL, &now,
                          final ? &drop : NULL);
        bool stable = pass > 0 && same_pages(&now, &prev);
        ts_result_release(&prev);
        prev = now;
        *passes = pass + 1;
        if (stable)
            break;
    }
    if (final) {
        /* the pages are known: once more, each page handed on as soon as it is final. The
         * same blocks with the same page numbers give the same pages. */
        dl_free(doc);
        struct ts_result now = { 0 };
        doc = layout_pass(e, ctx, cache, l, first_master, compose, composer, &prev, &now, final);
        ts_result_release(&prev);
        prev = now;
    }
    *result = prev;
    return doc;
}

const struct ts_master *pub_master_lookup(const void *layout, const char *name)
{
    return lay_master(layout, name);
}

void pub_running_page(struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l,
                      struct dl_document *doc, const struct ts_result *r, size_t i, int folio,
                      const char *left_text, const char *footer_text, bool header)
{
    if (i >= r->npages || i >= doc->npages)
        return;
    struct dl_page *page = &doc->pages[i];
    const struct ts_page_info *pi = &r->pages[i];
    char label[24];
    snprintf(label, sizeof label, "%d", folio);
    page->label = dl_strdup(doc, label);
    const struct ts_master *m = pi->master;
    if (page->nitems == 0)
        return; /* a page left blank (a chapter opens on the right) stays blank */
    bool right_hand = pub_recto(l, i);
    float left = right_hand ? m->margin_inside : m->margin_outside;
    float width = page->width - m->margin_inside - m->margin_outside;
    if (m->header && header) {
        dl_artifact_begin(page, DL_ARTIFACT_HEADER);
        const struct ts_style *st = l->header_style;
        float y = l->header_offset;
        struct ts_style right = *st, leftst = *st;
        right.align = TS_RIGHT;
        leftst.align = TS_LEFT;
        /* the outside edge carries the chapter, the inside the publication */
        if (right_hand) {
            draw_text(e, ctx, doc, page, &leftst, left_text, left, y, width / 2);
            if (pi->mark)
                draw_text(e, ctx, doc, page, &right, pi->mark, left + width / 2, y, width / 2);
        } else {
            if (pi->mark)
                draw_text(e, ctx, doc, page, &leftst, pi->mark, left, y, width / 2);
            draw_text(e, ctx, doc, page, &right, left_text, left + width / 2, y, width / 2);
        }
        struct dl_item *it = dl_push(page, DL_PATH);
        uint8_t *ops = dl_page_alloc(page, 2);
        struct dl_point *pts = dl_page_alloc(page, 2 * sizeof *pts);
        ops[0] = DL_MOVE, ops[1] = DL_LINE;
        float ry = y + st->leading + 2;
        pts[0] = (struct dl_point){ left, ry };
        pts[1] = (struct dl_point){ left + width, ry };
        it->as.path = (struct dl_path){ .nops = 2, .ops = ops, .pts = pts, .stroke = true,
                                        .stroke_colour = l->rule_colour, .line_width = 0.5f };
        it->bbox = (struct dl_rect){ left, ry, width, 0.5f };
        dl_push(page, DL_TAG_END);
    }
    if (m->footer) {
        dl_artifact_begin(page, DL_ARTIFACT_FOOTER);
        const struct ts_style *st = l->footer_style;
        float y = page->height - l->footer_offset - st->leading;
        struct ts_style outside = *st, inside = *st;
        outside.align = right_hand ? TS_RIGHT : TS_LEFT;
        inside.align = right_hand ? TS_LEFT : TS_RIGHT;
        draw_text(e, ctx, doc, page, &outside, label, left, y, width);
        if (footer_text)
            draw_text(e, ctx, doc, page, &inside, footer_text, left, y, width);
        dl_push(page, DL_TAG_END);
    }
}

void pub_running(struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l,
                 struct dl_document *doc, const struct ts_result *r, int first_folio, const char *left_text,
                 const char *footer_text)
{
    for (size_t i = 0; i < r->npages && i < doc->npages; i++)
        pub_running_page(e, ctx, l, doc, r, i, first_folio + (int)i, left_text, footer_text, true);
}

struct pub_writer {
    struct gka_ctx *ctx;
    char *path;
    const struct img_cmyk_profile *print; /* the print edition's press; NULL: the screen edition */
    bool begun;
    struct strbuf raw;              /* the PDF as the backend made it, before finishing */
    struct backend *pdf, *png;      /* png: the preview, or NULL */
    int dl_problems;                /* what the drawing checks found on the pages dropped */
    int low_contrast;               /* what the contrast check found on them */
    struct dl_structure_check structure;
    int unstructured;               /* drawn items the structure check found outside it */
};

struct pub_writer *pub_writer_new(struct gka_ctx *ctx, const char *path, const char *preview,
                                  const struct img_cmyk_profile *print)
{
    struct pub_writer *w = xcalloc(1, sizeof *w);
    w->ctx = ctx;
    w->path = xstrdup(path);
    w->print = print;
    sb_init(&w->raw);
    dl_structure_check_init(&w->structure);
    w->pdf = print ? bharu_new_print(ctx, path, &w->raw, print) : bcairo_new_pdf(ctx, path, &w->raw);
    if (preview && strcmp(preview, "png") == 0) {
        struct strbuf prefix;
        sb_init(&prefix);
        sb_append_len(&prefix, path, strlen(path) > 4 ? strlen(path) - 4 : strlen(path));
        w->png = bcairo_new_png(ctx, prefix.data, 96);
        sb_release(&prefix);
    }
    return w;
}

/* The backends begin the document once, with its first page or at its end. */
static void writer_begin(struct pub_writer *w, const struct dl_document *doc)
{
    if (w->begun)
        return;
    dl_replay_begin(doc, w->pdf);
    if (w->png)
        dl_replay_begin(doc, w->png);
    w->begun = true;
}

void pub_writer_page(struct pub_writer *w, const struct dl_document *doc, size_t page)
{
    writer_begin(w, doc);
    w->unstructured += dl_structure_check_page(&w->structure, &doc->pages[page], page, stderr);
    dl_replay_page(doc, page, w->pdf);
    if (w->png)
        dl_replay_page(doc, page, w->png);
}

void pub_writer_stream_page(struct pub_writer *w, struct dl_document *doc, size_t page)
{
    pub_writer_page(w, doc, page);
    w->dl_problems += dl_check_drawing(&doc->pages[page], page, stderr);
    w->low_contrast += dl_check_contrast(&doc->pages[page], page, NULL);
    dl_page_drop_drawing(&doc->pages[page]);
}

int pub_writer_finish(struct pub_writer *w, const struct dl_document *doc, struct pub_report *report)
{
    writer_begin(w, doc);
    if (report) {
        report->dl_problems += w->dl_problems;
        report->low_contrast += w->low_contrast;
    }
    int rc = -1;
    w->unstructured += dl_structure_check_end(&w->structure, stderr);
    if (w->unstructured) {
        /* a fault of the layout, not of the data: the file would fail its readers */
        diag_error(w->ctx, w->path, 0, "%d drawn item(s) stand outside the structure tree; nothing is written",
                   w->unstructured);
        return -1;
    }
    if (dl_replay_end(doc, w->pdf) == 0)
        rc = w->print ? fin_finish_print(w->ctx, &w->raw, w->path, doc, w->print)
                      : fin_finish(w->ctx, &w->raw, w->path, doc);
    if (w->png && dl_replay_end(doc, w->png) != 0)
        rc = -1;
    return rc;
}

void pub_writer_free(struct pub_writer *w)
{
    if (!w)
        return;
    backend_free(w->pdf);
    backend_free(w->png);
    sb_release(&w->raw);
    free(w->path);
    free(w);
}

int pub_write(struct gka_ctx *ctx, const struct dl_document *doc, const char *path, const char *preview,
              const struct img_cmyk_profile *print)
{
    struct pub_writer *w = pub_writer_new(ctx, path, preview, print);
    for (size_t i = 0; i < doc->npages; i++)
        pub_writer_page(w, doc, i);
    int rc = pub_writer_finish(w, doc, NULL);
    pub_writer_free(w);
    return rc;
}

void pub_final_page(void *ud, struct dl_document *doc, size_t page, const struct ts_result *r)
{
    const struct pub_final_pages *fp = ud;
    if (!doc->meta.title && fp->title) {
        doc->meta.title = dl_strdup(doc, fp->title);
        doc->meta.date = fp->date;
    }
    bool notes = fp->notes_master && page < doc->npages && doc->pages[page].nitems == 0;
    if (notes)
        pub_notes_page(doc, &doc->pages[page], page, fp->e, fp->ctx, fp->l, fp->notes_master);
    pub_running_page(fp->e, fp->ctx, fp->l, doc, r, page, (int)page + 1, fp->left_text, fp->footer_text, !notes);
    if (fp->writer)
        pub_writer_stream_page(fp->writer, doc, page);
}

struct ts_block *pub_accent_rule(struct ts_flow *f, const struct dl_colour *colour)
{
    struct ts_block *rule = ts_flow_add(f, TS_RULE);
    rule->amount = PUB_ACCENT_RULE;
    rule->colour = colour;
    return rule;
}

static void draw_nothing(const void *data, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    (void)data, (void)doc, (void)page, (void)area;
}

struct ts_block *pub_band_end(struct ts_flow *f)
{
    struct ts_block *end = ts_flow_add(f, TS_FIGURE);
    end->draw = draw_nothing;
    end->span = TS_SPAN_ALL;
    return end;
}

const char *pub_card_dest(struct arena *arena, const struct interventie *iv)
{
    return pub_fmt(arena, "iv-%s", iv->id);
}

const char *pub_fmt(struct arena *arena, const char *format, ...)
{
    va_list ap, again;
    va_start(ap, format);
    va_copy(again, ap);
    int n = vsnprintf(NULL, 0, format, ap);
    char *out = arena_alloc(arena, (size_t)n + 1);
    vsnprintf(out, (size_t)n + 1, format, again);
    va_end(again);
    va_end(ap);
    return out;
}

void pub_page_of(const struct ts_result *prev, const char *dest, char *buf, size_t size)
{
    int p = prev ? ts_result_page(prev, dest) : -1;
    if (p >= 0)
        snprintf(buf, size, "%d", p + 1);
    else
        snprintf(buf, size, "00");
}

bool pub_is_rest(const char *label)
{
    return label && strncmp(label, "Overig", 6) == 0;
}

/* Whether entry a goes before entry b: the larger first, the rest ("Overige …") last. */
static bool goes_before(const char *label_a, long a, const char *label_b, long b)
{
    if (pub_is_rest(label_a) != pub_is_rest(label_b))
        return !pub_is_rest(label_a);
    return a > b;
}

void pub_sort_largest_first(size_t n, const char **labels, long *values, const struct dl_colour **colours)
{
    for (size_t i = 1; i < n; i++)
        for (size_t k = i; k > 0 && goes_before(labels[k], values[k], labels[k - 1], values[k - 1]); k--) {
            long v = values[k];
            values[k] = values[k - 1], values[k - 1] = v;
            const char *l = labels[k];
            labels[k] = labels[k - 1], labels[k - 1] = l;
            const struct dl_colour *c = colours[k];
            colours[k] = colours[k - 1], colours[k - 1] = c;
        }
}

struct ts_block *pub_numbered_entry(struct ts_flow *f, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
                                    const struct ts_style *style, const struct ts_style *numbers, int level,
                                    const char *page, int digits, const struct ts_link *link, const char *title,
                                    const char *suffix, const struct dl_colour *link_colour)
{
    static const char *const indents[] = { "\xE2\x80\x83", "\xE2\x80\x83\xE2\x80\x83",
                                           "\xE2\x80\x83\xE2\x80\x83\xE2\x80\x83",
                                           "\xE2\x80\x83\xE2\x80\x83\xE2\x80\x83\xE2\x80\x83" };
    const char *indent = indents[level < 0 ? 0 : level > 3 ? 3 : level];
    struct strbuf figures, padded;
    sb_init(&figures);
    sb_init(&padded);
    for (int i = 0; i < digits; i++)
        sb_append(&figures, "0");
    for (int i = (int)strlen(page); i < digits; i++)
        sb_append(&padded, "\xE2\x80\x87"); /* a figure space: the numbers align on the right */
    sb_append(&padded, page);
    struct ts_style *hung = arena_alloc(arena, sizeof *hung);
    *hung = *style;
    struct ts_style bold = *style, column = numbers ? *numbers : *style;
    bold.weight = column.weight = 700;
    hung->hanging = draw_text_width(e, ctx, &bold, pub_fmt(arena, "%s%s", figures.data, indent));
    float shift = draw_text_width(e, ctx, &column, figures.data) - draw_text_width(e, ctx, &bold, figures.data);
    if (shift > 0)
        hung->indent += shift;
    struct ts_block *b = pub_para(f, hung, "P", NULL);
    ts_text_add(&b->text, pub_fmt(arena, "%s", padded.data), TS_BOLD, link_colour, link);
    ts_text_add(&b->text, indent, 0, NULL, link);
    ts_text_add(&b->text, title, 0, NULL, link);
    if (suffix)
        ts_text_add(&b->text, suffix, 0, NULL, link);
    sb_release(&figures);
    sb_release(&padded);
    return b;
}

void pub_contents_entry(struct ts_flow *f, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
                        const struct ts_style *style, const struct ts_style *numbers, int level,
                        const struct ts_result *prev, const char *dest, const char *title, const char *suffix,
                        const struct dl_colour *link_colour)
{
    char page[16];
    pub_page_of(prev, dest, page, sizeof page);
    struct ts_link link = { .dest = dest, .description = pub_fmt(arena, "Naar %s, pagina %s", title, page) };
    pub_numbered_entry(f, arena, e, ctx, style, numbers, level, page, 2, &link, title, suffix, link_colour);
}

struct dl_colour pub_thema_colour(const struct thema *t)
{
    struct dl_colour c = { .rgb = { (float)((t->kleur >> 16) & 0xFF) / 255.0f,
                                    (float)((t->kleur >> 8) & 0xFF) / 255.0f,
                                    (float)(t->kleur & 0xFF) / 255.0f } };
    if (t->has_cmyk) {
        memcpy(c.cmyk, t->cmyk, sizeof c.cmyk);
        c.has_cmyk = true;
    }
    return c;
}

int pub_require_print(struct gka_ctx *ctx, const struct model *m, const struct lay_layout *l,
                      const struct pub_options *o)
{
    if (!o->print)
        return 0;
    if (!o->cmyk_profile) {
        diag_error(ctx, o->layouts_dir, 0, "the print edition has no colour profile (pub_load_cmyk_profile)");
        return -1;
    }
    float limit = o->cmyk_profile->ink_limit;
    int rc = lay_require_cmyk(ctx, l, limit);
    for (size_t i = 0; i < m->nthemas; i++) {
        const struct thema *t = &m->themas[i];
        struct dl_colour colour = pub_thema_colour(t);
        float ink = dl_cmyk_ink(&colour);
        if (!t->has_cmyk) {
            diag_error(ctx, t->loc.path, t->loc.line, "thema \"%s\" has no cmyk value, which the print edition needs",
                       t->id);
            rc = -1;
        } else if (ink > limit + 0.0005f) {
            diag_error(ctx, t->loc.path, t->loc.line,
                       "thema \"%s\" takes %.0f%% ink, more than the press takes (%.0f%%)", t->id, ink * 100,
                       limit * 100);
            rc = -1;
        }
    }
    return rc;
}

const struct dl_colour *pub_link_colour(const struct lay_layout *l, const struct pub_options *o)
{
    return o->print ? NULL : lay_colour(l, "link");
}

unsigned pub_link_flags(const struct dl_colour *link_colour)
{
    return link_colour ? TS_UNDERLINE : 0;
}

size_t pub_pad_for_binding(struct dl_document *doc, bool back_cover)
{
    size_t n = doc->npages, add = (4 - n % 4) % 4;
    if (n == 0 || add == 0)
        return 0;
    float w = doc->pages[n - 1].width, h = doc->pages[n - 1].height;
    for (size_t k = 0; k < add; k++)
        dl_add_page(doc, w, h);
    if (back_cover) { /* the back cover goes to the back, its number with it */
        struct dl_page last = doc->pages[n - 1];
        memmove(&doc->pages[n - 1], &doc->pages[n], add * sizeof *doc->pages);
        doc->pages[doc->npages - 1] = last;
    }
    for (size_t p = n - (back_cover ? 1 : 0); p < doc->npages; p++) {
        char label[24];
        snprintf(label, sizeof label, "%zu", p + 1);
        bool numbered = !doc->pages[p].label || strspn(doc->pages[p].label, "0123456789") == strlen(doc->pages[p].label);
        if (numbered)
            doc->pages[p].label = dl_strdup(doc, label);
    }
    return add;
}

const char *pub_address(struct arena *a, const char *url, bool print)
{
    struct strbuf sb;
    sb_init(&sb);
    print_address(&sb, url, print);
    const char *out = pub_fmt(a, "%s", sb.data ? sb.data : "");
    sb_release(&sb);
    return out;
}

const char *pub_short_url(struct arena *a, const char *url, bool whole)
{
    url = bare_address(url);
    size_t n = whole ? strlen(url) : strcspn(url, "/?#");
    while (n > 0 && url[n - 1] == '/')
        n--;
    return pub_fmt(a, "%.*s", (int)n, url);
}

bool pub_for_edition(const struct content *c, bool print)
{
    const char *editie = content_attr(c, "editie");
    return !editie || strcmp(editie, print ? "druk" : "scherm") == 0;
}

const struct img_cmyk_profile *pub_print(const struct pub_options *o)
{
    return o->print ? o->cmyk_profile : NULL;
}

struct img_cmyk_profile *pub_load_cmyk_profile(struct gka_ctx *ctx, const char *layouts_dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/kleur/FOGRA39L_coated.icc", layouts_dir);
    return img_cmyk_profile_load(ctx, path);
}

struct lay_layout *pub_load_layout(struct gka_ctx *ctx, const struct model *m, const struct pub_options *o,
                                   const char *name, const char *const *styles, const char *const *masters,
                                   const char *const *colours)
{
    struct lay_layout *l = lay_load(ctx, o->layouts_dir, name);
    if (!l)
        return NULL;
    int rc = lay_require(ctx, l, styles, masters);
    rc |= pub_require_print(ctx, m, l, o);
    for (const char *const *c = colours; c && *c; c++)
        if (!lay_colour(l, *c)) {
            diag_error(ctx, l->huisstijl_path, 0, "the colour \"%s\" is missing: the %s needs it", *c, name);
            rc = -1;
        }
    if (rc != 0) {
        lay_free(l);
        return NULL;
    }
    /* a bound copy has facing pages, whatever the screen edition does: its folios go to
     * the outside edge, away from the fold */
    if (o->print)
        lay_set_facing(l, true);
    return l;
}

struct comp_outline *pub_load_outline(struct gka_ctx *ctx, const struct pub_options *o)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/kaart/nederland.txt", o->layouts_dir);
    return comp_outline_load(ctx, path);
}

struct ts_engine *pub_engine(struct gka_ctx *ctx, const struct lay_layout *l)
{
    struct ts_engine *e = ts_engine_new(ctx, l->fonts_dir, l->hyphenation);
    if (e && l->hyphen_exceptions && ts_engine_hyphen_exceptions(e, ctx, l->hyphen_exceptions) != 0) {
        ts_engine_free(e);
        return NULL;
    }
    return e;
}

const char *pub_publisher(const struct model *m)
{
    return m->rapport.auteur ? m->rapport.auteur : "Ministerie van Onderwijs, Cultuur en Wetenschap";
}

bool pub_named_after(const struct agenda *a, const struct gemeente *g)
{
    return strncmp(a->naam, g->naam, strlen(g->naam)) == 0;
}

const char *pub_sort_name(const char *naam)
{
    if (strncmp(naam, "'s-", 3) == 0)
        return naam + 3;
    if (strncmp(naam, "\xE2\x80\x99s-", 5) == 0)
        return naam + 5;
    return naam;
}

const char *pub_maps_credit(struct arena *arena, const struct comp_outline *outline)
{
    return outline && outline->credit ? pub_fmt(arena, "Kaarten (%s).", outline->credit) : NULL;
}

struct comp_map *pub_cover_map(struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx, const struct lay_layout *l,
                               const struct model *m, const struct comp_outline *outline, bool credit_on_back)
{
    const struct dl_colour *white = lay_colour(l, "wit");
    /* the map's source on the field: white on three inks holds in print from 7 pt bold */
    struct ts_style *credit = arena_alloc(arena, sizeof *credit);
    *credit = *lay_style(l, "grafiek-waarde");
    credit->size = fmaxf(credit->size, 7), credit->leading = fmaxf(credit->leading, 8.5f);
    credit->colour = *white;
    struct comp_map_place *places = arena_alloc(arena, (m->ngemeenten + 1) * sizeof *places);
    for (size_t i = 0; i < m->ngemeenten; i++)
        places[i] = (struct comp_map_place){ .lat = m->gemeenten[i].lat, .lon = m->gemeenten[i].lon, .radius = 2.6f,
                                             .fill = white };
    /* the land a shade lighter than the field; the neighbours and the lakes in the field's
     * own colour, so that only the Netherlands stands out */
    struct comp_map *map = arena_alloc(arena, sizeof *map);
    *map = (struct comp_map){ .e = e, .ctx = ctx, .style = credit, .credit = credit, .shapes = outline,
                              .country = lay_colour(l, "omslag-land"), .neighbours = lay_colour(l, "donkerblauw"),
                              .places = places, .nplaces = m->ngemeenten, .credit_elsewhere = credit_on_back };
    return map;
}

void pub_cover(struct ts_flow *f, struct arena *arena, struct ts_engine *e, struct gka_ctx *ctx,
               const struct lay_layout *l, const char *master, const char *ministry, const struct comp_map *map)
{
    const struct ts_master *ms = lay_master(l, master);
    struct comp_cover *c = arena_alloc(arena, sizeof *c);
    *c = (struct comp_cover){ .e = e, .ctx = ctx, .ministry = lay_style(l, "omslag-ministerie"),
                              .wordmark = lay_style(l, "omslag-woordmerk"), .field = lay_colour(l, "donkerblauw"),
                              .accent = lay_colour(l, "hemelblauw"), .ministry_name = ministry,
                              .band = ms->margin_top * 0.6f, .margin_left = ms->margin_inside,
                              .margin_right = ms->margin_outside, .margin_bottom = ms->margin_bottom, .map = map };
    struct ts_block *b = ts_flow_add(f, TS_FIGURE);
    b->draw = comp_cover_draw;
    b->draw_data = c;
}

void pub_complete(struct gka_ctx *ctx, const char *name, struct dl_document *doc, long long date,
                  const struct ts_result *r, struct pub_report *report)
{
    doc->meta.creator = dl_strdup(doc, "gkapub " GKA_VERSION);
    doc->meta.lang = dl_strdup(doc, "nl-NL");
    doc->meta.date = date;
    for (size_t p = 0; p < r->npages; p++) {
        const struct ts_page_info *pi = &r->pages[p];
        if (p < doc->npages && doc->pages[p].nitems == 0)
            continue; /* left blank on purpose: the next part opens on a right-hand page */
        if (pi->master && pi->master->min_fill > 0 && pi->fill < pi->master->min_fill)
            diag_warning(ctx, name, 0, "page %zu is %.0f%% filled, less than the %.0f%% its master \"%s\" asks",
                         p + 1, pi->fill * 100, pi->master->min_fill * 100, pi->master->name);
    }
    if (!report)
        return;
    report->underfilled = r->underfilled;
    report->pages = (int)doc->npages;
    report->text_outside_frame = r->text_outside_frame;
    report->headings_at_frame_end = r->headings_at_frame_end;
    report->widows = r->widows;
    report->orphans = r->orphans;
    report->dl_problems = dl_check(doc, stderr);
    /* the pages still drawn here (a writer adds those it dropped, when it finishes) */
    report->low_contrast = 0;
    for (size_t p = 0; p < doc->npages; p++)
        report->low_contrast += dl_check_contrast(&doc->pages[p], p, NULL);
}
