/* text.c: a paragraph of styled text shaped and broken into lines by Pango, then
 * copied into compact runs of glyphs so that the Pango objects can go and every
 * pagination pass reuses the lines. */
#include <math.h>
#include <pthread.h>
#include <string.h>

#include <pango/pangofc-font.h>

#include "typeset_private.h"

/* ---- styled text ---- */

void ts_text_init(struct ts_text *t)
{
    memset(t, 0, sizeof *t);
    sb_init(&t->utf8);
}

void ts_text_release(struct ts_text *t)
{
    sb_release(&t->utf8);
    free(t->spans);
    memset(t, 0, sizeof *t);
}

void ts_text_add(struct ts_text *t, const char *s, unsigned flags, const struct dl_colour *colour,
                 const struct ts_link *link)
{
    if (!s || !*s)
        return;
    size_t start = t->utf8.len;
    sb_append(&t->utf8, s);
    struct ts_span *last = t->nspans ? &t->spans[t->nspans - 1] : NULL;
    static const struct ts_link no_link;
    if (!link)
        link = &no_link;
    if (last && last->flags == flags && last->colour == colour &&
        memcmp(&last->link, link, sizeof *link) == 0) {
        last->end = t->utf8.len;
        return;
    }
    xgrow(&t->spans, &t->cap, t->nspans + 1, sizeof *t->spans);
    struct ts_span *sp = &t->spans[t->nspans++];
    sp->start = start;
    sp->end = t->utf8.len;
    sp->flags = flags;
    sp->colour = colour;
    sp->link = *link;
}

/* ---- the laid-out paragraph ---- */

struct ts_run {
    const char *font_file;      /* interned in the engine */
    int face_index;
    float size;
    const struct ts_span *span; /* in para->spans */
    float x;                    /* from the line's left edge */
    float width;
    uint32_t nglyphs;
    uint32_t *gid;
    float *gx, *gy;             /* per glyph, relative to the run's origin and baseline */
    float *adv;                 /* per glyph, its advance */
    uint8_t *space;             /* per glyph, whether it shows a space (justification) */
    uint32_t *cluster;          /* per glyph, byte offset in text */
    const char *text;           /* what the glyphs show (in the para's arena) */
    uint32_t text_len;
};

struct ts_line {
    struct ts_run *runs;
    size_t nruns;
    float x, width;             /* the line's left edge (alignment) and ink width */
};

struct ts_para {
    const struct ts_style *style;
    struct arena arena;         /* the link strings of the spans */
    char *text;                 /* with soft hyphens */
    struct ts_span *spans;
    size_t nspans;
    struct ts_line *lines;
    size_t nlines;
    float leading, baseline;    /* baseline: from the line's top */
    float indent;
};

size_t ts_para_nlines(const struct ts_para *p)
{
    return p->nlines;
}

float ts_para_leading(const struct ts_para *p)
{
    return p->leading;
}

float ts_para_line_width(const struct ts_para *p, size_t i)
{
    return i < p->nlines ? p->lines[i].width : 0;
}

static PangoFontDescription *style_font(const struct ts_style *st)
{
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, st->family);
    pango_font_description_set_weight(fd, (PangoWeight)st->weight);
    pango_font_description_set_style(fd, st->italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
    pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
    return fd;
}

/* Builds the text with soft hyphens and the attributes, spans moved to the new offsets. */
static PangoAttrList *prepare(struct ts_engine *e, const struct ts_style *st, const struct ts_text *in,
                              struct ts_para *p)
{
    struct strbuf out;
    sb_init(&out);
    PangoAttrList *attrs = pango_attr_list_new();
    p->nspans = in->nspans;
    p->spans = xcalloc(in->nspans + 1, sizeof *p->spans);
    for (size_t i = 0; i < in->nspans; i++) {
        const struct ts_span *sp = &in->spans[i];
        struct ts_span *np = &p->spans[i];
        *np = *sp;
        np->link.uri = arena_strdup(&p->arena, sp->link.uri);
        np->link.dest = arena_strdup(&p->arena, sp->link.dest);
        np->link.file = arena_strdup(&p->arena, sp->link.file);
        np->link.file_dest = arena_strdup(&p->arena, sp->link.file_dest);
        np->link.description = arena_strdup(&p->arena, sp->link.description);
        np->start = out.len;
        bool is_link = sp->link.uri || sp->link.dest || sp->link.file;
        /* capitals are made here, not by Pango's transform: the text the glyphs carry is
         * then what they show, character for character, in both editions */
        const char *seg = in->utf8.data + sp->start;
        size_t seg_len = sp->end - sp->start;
        char *upper = st->uppercase ? g_utf8_strup(seg, (gssize)seg_len) : NULL;
        if (upper)
            seg = upper, seg_len = strlen(upper);
        if (is_link)
            sb_append_len(&out, seg, seg_len);
        else
            ts_hyphenate(e, st, seg, seg_len, &out);
        g_free(upper);
        np->end = out.len;
        guint a = (guint)np->start, b = (guint)np->end;
        PangoAttribute *at;
        if (sp->flags & TS_ITALIC) {
            at = pango_attr_style_new(PANGO_STYLE_ITALIC);
            at->start_index = a, at->end_index = b;
            pango_attr_list_insert(attrs, at);
        }
        if (sp->flags & TS_BOLD) {
            at = pango_attr_weight_new(st->weight >= 600 ? PANGO_WEIGHT_HEAVY : PANGO_WEIGHT_BOLD);
            at->start_index = a, at->end_index = b;
            pango_attr_list_insert(attrs, at);
        }
        if (sp->flags & TS_UNDERLINE) {
            at = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
            at->start_index = a, at->end_index = b;
            pango_attr_list_insert(attrs, at);
        }
        /* a distinct foreground per span makes Pango split runs at every span edge,
         * so that each run belongs to exactly one span (its colour, its link) */
        at = pango_attr_foreground_new((guint16)(i & 0xFFFF), 0, 0);
        at->start_index = a, at->end_index = b;
        pango_attr_list_insert(attrs, at);
    }
    if (st->letter_spacing != 0) {
        PangoAttribute *at = pango_attr_letter_spacing_new((int)(st->letter_spacing * PANGO_SCALE));
        pango_attr_list_insert(attrs, at);
    }
    /* no ligatures: every glyph stands for one character, which the print edition needs
     * to place the same glyphs through its fonts' character maps */
    pango_attr_list_insert(attrs, pango_attr_font_features_new("liga=0, clig=0, dlig=0, hlig=0"));
    p->text = sb_take(&out);
    return attrs;
}

static const struct ts_span *span_at(const struct ts_para *p, size_t offset)
{
    for (size_t i = 0; i < p->nspans; i++)
        if (offset >= p->spans[i].start && offset < p->spans[i].end)
            return &p->spans[i];
    return p->nspans ? &p->spans[p->nspans - 1] : NULL;
}

/* The run's text without the soft hyphens that were only break opportunities, so that
 * search and copy find whole words; one that shows as a hyphen (a glyph maps to it) stays,
 * marking the break as PDF asks. The glyphs' clusters move with the bytes left out. */
static void shown_text(struct ts_para *p, struct ts_run *r, const char *src, uint32_t n)
{
    char *text = arena_alloc(&p->arena, n + 1);
    uint32_t len = 0, gi = 0;
    for (uint32_t b = 0; b < n; b++) {
        /* the glyphs of the bytes before b now start len - b bytes earlier */
        for (; gi < r->nglyphs && r->cluster[gi] <= b; gi++)
            if (r->cluster[gi] == b)
                r->cluster[gi] = len;
        bool shy = b + 1 < n && (unsigned char)src[b] == 0xC2 && (unsigned char)src[b + 1] == 0xAD;
        bool shown = gi > 0 && r->cluster[gi - 1] == len && shy; /* a hyphen glyph stands for it */
        if (shy && !shown) {
            b++;
            continue;
        }
        text[len++] = src[b];
    }
    text[len] = '\0';
    r->text = text;
    r->text_len = len;
}

static void copy_run(struct ts_engine *e, struct ts_para *p, PangoGlyphItem *gi, float x,
                     struct ts_run *r)
{
    PangoItem *item = gi->item;
    PangoGlyphString *gs = gi->glyphs;
    PangoFont *font = item->analysis.font;
    FcPattern *pat = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8 *file = NULL;
    int index = 0;
    FcPatternGetString(pat, FC_FILE, 0, &file);
    FcPatternGetInteger(pat, FC_INDEX, 0, &index);
    PangoFontDescription *fd = pango_font_describe_with_absolute_size(font);
    r->size = (float)pango_font_description_get_size(fd) / PANGO_SCALE;
    pango_font_description_free(fd);
    r->font_file = ts_intern(e, file ? (const char *)file : "");
    r->face_index = index;
    r->span = span_at(p, (size_t)item->offset);
    r->x = x;
    r->gid = xmalloc(((size_t)gs->num_glyphs + 1) * sizeof *r->gid);
    r->gx = xmalloc(((size_t)gs->num_glyphs + 1) * sizeof *r->gx);
    r->gy = xmalloc(((size_t)gs->num_glyphs + 1) * sizeof *r->gy);
    r->cluster = xmalloc(((size_t)gs->num_glyphs + 1) * sizeof *r->cluster);
    r->adv = xmalloc(((size_t)gs->num_glyphs + 1) * sizeof *r->adv);
    r->space = xmalloc(((size_t)gs->num_glyphs + 1) * sizeof *r->space);
    int pen = 0;
    for (int g = 0; g < gs->num_glyphs; g++) {
        PangoGlyphInfo *info = &gs->glyphs[g];
        /* empty glyphs (a soft hyphen where the line does not break) draw nothing */
        if (info->glyph != PANGO_GLYPH_EMPTY && !(info->glyph & PANGO_GLYPH_UNKNOWN_FLAG)) {
            r->gid[r->nglyphs] = info->glyph;
            r->gx[r->nglyphs] = (float)(pen + info->geometry.x_offset) / PANGO_SCALE;
            r->gy[r->nglyphs] = (float)info->geometry.y_offset / PANGO_SCALE;
            r->cluster[r->nglyphs] = (uint32_t)gs->log_clusters[g];
            r->adv[r->nglyphs] = (float)info->geometry.width / PANGO_SCALE;
            r->space[r->nglyphs] = p->text[item->offset + gs->log_clusters[g]] == ' ';
            r->nglyphs++;
        }
        pen += info->geometry.width;
    }
    r->width = (float)pen / PANGO_SCALE;
    shown_text(p, r, p->text + item->offset, (uint32_t)item->length);
}

/* Lays out once with word wrapping; a line wider than the column means a word that
 * cannot fit, which is reported and then broken between characters. */
static PangoLayout *break_lines(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *st,
                                struct ts_para *p, PangoAttrList *attrs, float width,
                                const char *loc_path, long loc_line)
{
    PangoLayout *layout = pango_layout_new(e->pango);
    PangoFontDescription *fd = style_font(st);
    pango_layout_set_font_description(layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_attributes(layout, attrs);
    pango_layout_set_text(layout, p->text, -1);
    pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
    if (st->hanging > 0)
        pango_layout_set_indent(layout, -(int)(st->hanging * PANGO_SCALE)); /* negative: hanging */
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD);
    /* justification is done on the glyphs afterwards (justify_line): Pango 1.50
     * stretches a line to the full width before it adds the hyphen of a soft hyphen */
    pango_layout_set_alignment(layout, st->align == TS_RIGHT    ? PANGO_ALIGN_RIGHT
                                       : st->align == TS_CENTER ? PANGO_ALIGN_CENTER
                                                                : PANGO_ALIGN_LEFT);
    PangoRectangle logical;
    pango_layout_get_extents(layout, NULL, &logical);
    if (logical.width > (int)(width * PANGO_SCALE) + PANGO_SCALE / 2) {
        /* the longest word, for the message */
        const char *w = p->text, *best = p->text;
        size_t best_len = 0;
        while (*w) {
            size_t n = strcspn(w, " \n");
            if (n > best_len)
                best = w, best_len = n;
            w += n;
            w += strspn(w, " \n");
        }
        diag_warning(ctx, loc_path, loc_line,
                     "\"%.40s%s\" is too long for a line of %.0f pt; it is broken between letters",
                     best, best_len > 40 ? "..." : "", width);
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    }
    int unknown = pango_layout_get_unknown_glyphs_count(layout);
    if (unknown > 0)
        diag_warning(ctx, loc_path, loc_line, "%d character%s not in the fonts: \"%.60s\"", unknown,
                     unknown == 1 ? " is" : "s are", p->text);
    return layout;
}

/* Widens the spaces of a line so that its last glyph ends at width. */
static void justify_line(struct ts_line *l, float width)
{
    /* the ink ends at the last glyph that is not a trailing space */
    float end = 0;
    size_t nspaces = 0, last_run = 0, last_glyph = 0;
    bool found = false;
    for (size_t ri = 0; ri < l->nruns; ri++)
        for (uint32_t g = 0; g < l->runs[ri].nglyphs; g++)
            if (!l->runs[ri].space[g]) {
                end = l->runs[ri].x + l->runs[ri].gx[g] + l->runs[ri].adv[g];
                last_run = ri, last_glyph = g;
                found = true;
            }
    if (!found)
        return;
    for (size_t ri = 0; ri <= last_run; ri++)
        for (uint32_t g = 0; g < l->runs[ri].nglyphs && (ri < last_run || g < last_glyph); g++)
            nspaces += l->runs[ri].space[g];
    float extra = width - end;
    if (nspaces == 0 || extra <= 0 || extra > width * 0.25f)
        return; /* a line with far too much room is left ragged rather than gappy */
    float per_space = extra / (float)nspaces, shift = 0;
    for (size_t ri = 0; ri < l->nruns; ri++) {
        struct ts_run *r = &l->runs[ri];
        float start_shift = shift;
        r->x += shift;
        for (uint32_t g = 0; g < r->nglyphs; g++) {
            r->gx[g] += shift - start_shift;
            if (r->space[g] && (ri < last_run || (ri == last_run && g < last_glyph)))
                shift += per_space;
        }
        r->width += shift - start_shift;
    }
    l->width = end + extra;
}

static struct ts_para *layout_para(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *st,
                                   const struct ts_text *text, float width, const char *loc_path, long loc_line)
{
    struct ts_para *p = xcalloc(1, sizeof *p);
    arena_init(&p->arena);
    p->style = st;
    p->leading = st->leading;
    p->indent = st->indent;
    float column = width - st->indent;
    if (column < 1)
        column = 1;

    PangoAttrList *attrs = prepare(e, st, text, p);
    PangoLayout *layout = break_lines(e, ctx, st, p, attrs, column, loc_path, loc_line);
    pango_attr_list_unref(attrs);

    /* the baseline sits where the font's ascent and descent are centred in the leading */
    PangoFontDescription *fd = style_font(st);
    PangoFontMetrics *fm = pango_context_get_metrics(e->pango, fd, NULL);
    float ascent = (float)pango_font_metrics_get_ascent(fm) / PANGO_SCALE;
    float descent = (float)pango_font_metrics_get_descent(fm) / PANGO_SCALE;
    pango_font_metrics_unref(fm);
    pango_font_description_free(fd);
    p->baseline = (st->leading - (ascent + descent)) / 2 + ascent;

    p->nlines = (size_t)pango_layout_get_line_count(layout);
    p->lines = xcalloc(p->nlines + 1, sizeof *p->lines);
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    size_t li = 0;
    do {
        PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
        PangoRectangle ext;
        pango_layout_iter_get_line_extents(it, NULL, &ext);
        struct ts_line *l = &p->lines[li++];
        l->x = (float)ext.x / PANGO_SCALE;
        l->width = (float)ext.width / PANGO_SCALE;
        size_t nruns = g_slist_length(line->runs);
        l->runs = xcalloc(nruns + 1, sizeof *l->runs);
        float x = 0;
        for (GSList *r = line->runs; r; r = r->next) {
            struct ts_run *run = &l->runs[l->nruns++];
            copy_run(e, p, r->data, x, run);
            x += run->width;
        }
        /* justified: every line but a paragraph's last and one that a break ends */
        int end = line->start_index + line->length;
        bool last = li == p->nlines || p->text[end] == '\0' || p->text[end] == '\n' ||
                    (end > 0 && p->text[end - 1] == '\n') ||
                    strncmp(p->text + end, "\xE2\x80\xA8", 3) == 0;
        if (st->align == TS_JUSTIFY && !last)
            justify_line(l, column);
    } while (pango_layout_iter_next_line(it) && li < p->nlines);
    pango_layout_iter_free(it);
    g_object_unref(layout);
    return p;
}

/* Pango shapes one paragraph at a time in the whole process: two threads shaping at once,
 * even each with its own engine (font map and context), now and then get slightly
 * different advances, seen as another line break in one factsheet of fifty. */
static pthread_mutex_t pango_lock = PTHREAD_MUTEX_INITIALIZER;

struct ts_para *ts_para_layout(struct ts_engine *e, struct gka_ctx *ctx, const struct ts_style *st,
                               const struct ts_text *text, float width, const char *loc_path,
                               long loc_line)
{
    pthread_mutex_lock(&pango_lock);
    struct ts_para *p = layout_para(e, ctx, st, text, width, loc_path, loc_line);
    pthread_mutex_unlock(&pango_lock);
    return p;
}

void ts_para_free(struct ts_para *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->nlines; i++) {
        for (size_t r = 0; r < p->lines[i].nruns; r++) {
            struct ts_run *run = &p->lines[i].runs[r];
            free(run->gid);
            free(run->gx);
            free(run->gy);
            free(run->cluster);
            free(run->adv);
            free(run->space);
        }
        free(p->lines[i].runs);
    }
    free(p->lines);
    free(p->spans);
    free(p->text);
    arena_release(&p->arena);
    free(p);
}

static bool same_link(const struct ts_span *a, const struct ts_span *b)
{
    return a && b && memcmp(&a->link, &b->link, sizeof a->link) == 0;
}

static bool is_link(const struct ts_span *s)
{
    return s && (s->link.uri || s->link.dest || s->link.file);
}

void ts_para_draw(const struct ts_para *p, size_t from, size_t to, struct dl_document *doc,
                  struct dl_page *page, float x, float y)
{
    for (size_t li = from; li < to && li < p->nlines; li++) {
        const struct ts_line *l = &p->lines[li];
        float baseline = y + (float)(li - from) * p->leading + p->baseline;
        const struct ts_span *open_link = NULL;
        for (size_t ri = 0; ri < l->nruns; ri++) {
            const struct ts_run *r = &l->runs[ri];
            if (open_link && !same_link(open_link, r->span)) {
                dl_push(page, DL_LINK_END);
                open_link = NULL;
            }
            if (!open_link && is_link(r->span)) {
                struct dl_item *it = dl_push(page, DL_LINK_BEGIN);
                const struct ts_link *k = &r->span->link;
                it->as.link.uri = dl_strdup(doc, k->uri);
                it->as.link.dest = dl_strdup(doc, k->dest);
                it->as.link.file = dl_strdup(doc, k->file);
                it->as.link.file_dest = dl_strdup(doc, k->file_dest);
                it->as.link.description = dl_strdup(doc, k->description);
                open_link = r->span;
            }
            if (r->nglyphs == 0)
                continue;
            struct dl_item *it = dl_push(page, DL_GLYPHS);
            struct dl_glyphs *g = &it->as.glyphs;
            g->font = dl_font(doc, r->font_file, r->face_index);
            g->size = r->size;
            struct dl_colour fill = r->span && r->span->colour ? *r->span->colour : p->style->colour;
            g->fill = fill;
            g->n = r->nglyphs;
            uint32_t *gid = dl_alloc(doc, r->nglyphs * sizeof *gid);
            struct dl_point *pos = dl_alloc(doc, r->nglyphs * sizeof *pos);
            uint32_t *cluster = dl_alloc(doc, r->nglyphs * sizeof *cluster);
            float ox = x + p->indent + l->x + r->x;
            for (uint32_t i = 0; i < r->nglyphs; i++) {
                gid[i] = r->gid[i];
                pos[i].x = ox + r->gx[i];
                pos[i].y = baseline + r->gy[i];
                cluster[i] = r->cluster[i];
            }
            g->gid = gid;
            g->pos = pos;
            g->cluster = cluster;
            g->utf8 = arena_strndup(&doc->arena, r->text, r->text_len);
            g->utf8_len = r->text_len;
            it->bbox.x = ox;
            it->bbox.y = baseline - r->size * 0.8f;
            it->bbox.w = r->width;
            it->bbox.h = r->size;
            if (r->span && (r->span->flags & TS_UNDERLINE)) {
                /* underline drawn as a thin rule under the run */
                float uy = baseline + r->size * 0.12f, h = r->size * 0.06f;
                struct dl_item *u = dl_push(page, DL_PATH);
                struct dl_path *path = &u->as.path;
                uint8_t *ops = dl_alloc(doc, 5);
                struct dl_point *pts = dl_alloc(doc, 4 * sizeof *pts);
                ops[0] = DL_MOVE, ops[1] = DL_LINE, ops[2] = DL_LINE, ops[3] = DL_LINE, ops[4] = DL_CLOSE;
                pts[0] = (struct dl_point){ ox, uy };
                pts[1] = (struct dl_point){ ox + r->width, uy };
                pts[2] = (struct dl_point){ ox + r->width, uy + h };
                pts[3] = (struct dl_point){ ox, uy + h };
                path->nops = 5, path->ops = ops, path->pts = pts;
                path->fill = true;
                path->fill_colour = fill; /* not g->fill: dl_push may have moved the items */
                u->bbox = (struct dl_rect){ ox, uy, r->width, h };
            }
        }
        if (open_link)
            dl_push(page, DL_LINK_END);
    }
}
