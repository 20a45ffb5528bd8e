/* diagram.c: a diagram of a few named parts, as the report's editors describe them in
 * rapport.xml: numbered cards side by side, steps with arrows between them, or pillars
 * that carry a roof and stand on a base. */
#include "components.h"

#include <math.h>

enum {
    CARD_MIN_WIDTH = 110,   /* narrower cards go on a second row */
    STEP_MIN_WIDTH = 96,    /* steps too, a little narrower: in one row they read as a sequence */
    CARD_GAP = 10,
    STEP_GAP = 22,          /* room for the arrow between two steps */
    PAD = 10,
    BAR = 3,                /* the accent bar over a card */
    PILLAR_GAP = 12,
    PILLAR_MIN_HEIGHT = 84,
    PILLAR_PAD = 14,        /* a pillar's text from its sides */
    PILLAR_TEXT_GAP = 8,    /* between a pillar's title and its text */
    PILLAR_ICON = 40,       /* a pillar's pictogram, square, over its title */
    PILLAR_ICON_GAP = 10,   /* between the pictogram and the title */
    CAPITAL = 7,            /* the slab on top of a pillar and under the roof */
    TOP = 10,               /* room above: text in columns over the diagram ends close to it */
    ENTRY_GAP = 8,          /* between a card's text and the rule over its entries */
    ENTRY_PAGE = 18,        /* the page numbers' column */
    FACT_GAP = 9,           /* between two facts, a rule in the middle */
    FIGURE_GAP = 12,        /* over and under a card's key figure */
};

/* The room between two parts side by side: the page's gutter when the diagram is given
 * it (its edges then line up with the columns of text), room for an arrow between steps. */
static float gap_of(const struct comp_diagram *d)
{
    if (d->form == COMP_DIAGRAM_PILLARS)
        return PILLAR_GAP;
    float gap = d->gap > 0 ? d->gap : CARD_GAP;
    return d->form == COMP_DIAGRAM_STEPS ? fmaxf(gap, STEP_GAP) : gap;
}

/* As many parts side by side as leave each wide enough, in as few rows as can be (seven
 * cards: three, three and one, not four rows of two). */
static size_t columns(const struct comp_diagram *d, float width)
{
    if (d->form == COMP_DIAGRAM_PILLARS)
        return d->n;
    float gap = gap_of(d), least = d->form == COMP_DIAGRAM_STEPS ? STEP_MIN_WIDTH : CARD_MIN_WIDTH;
    size_t cols = d->n;
    for (size_t rows = 2; cols > 1 && (width - gap * (float)(cols - 1)) / (float)cols < least; rows++)
        cols = (d->n + rows - 1) / rows;
    return cols ? cols : 1;
}

/* The parts whose heads, figures and entries stand level with those of the row that
 * begins at part first: that row's where rows are apart, else all of them. */
static size_t level_end(const struct comp_diagram *d, size_t first, size_t cols)
{
    if (!d->rows_apart)
        return d->n;
    return first + cols < d->n ? first + cols : d->n;
}

/* How many parts stand side by side in the row that begins at part first: a last row with
 * fewer fills the width where rows are apart. */
static size_t row_parts(const struct comp_diagram *d, size_t first, size_t cols)
{
    return d->rows_apart && first + cols > d->n ? d->n - first : cols;
}

static float part_width(const struct comp_diagram *d, float width, size_t cols)
{
    float gap = gap_of(d);
    return (width - gap * (float)(cols - 1)) / (float)cols;
}

/* The height of the number, title and text of part i in a card of inner width w. */
static float card_head(const struct comp_diagram *d, size_t i, float w)
{
    const struct comp_diagram_part *p = &d->parts[i];
    float h = 0;
    if (p->number)
        h += draw_text_height(d->e, d->ctx, d->number, p->number, w) + 2;
    if (p->title)
        h += draw_text_height(d->e, d->ctx, d->title, p->title, w) + 3;
    if (p->text)
        h += draw_text_height_spaced(d->e, d->ctx, d->text, p->text, w, d->text_gap);
    return h;
}

/* The height of part i's key figure and its label in a card of inner width w (0: none). */
static float card_figure(const struct comp_diagram *d, size_t i, float w)
{
    const struct comp_diagram_part *p = &d->parts[i];
    if (!p->figure || !d->figure)
        return 0;
    return draw_text_height(d->e, d->ctx, d->figure, p->figure, w) +
           (p->figure_label ? draw_text_height(d->e, d->ctx, d->figure_label, p->figure_label, w) : 0);
}

/* The width of an entry's page column: none for facts (entries without a page). */
static float entry_page_width(const struct comp_diagram_entry *e)
{
    return e->page ? ENTRY_PAGE : 0;
}

/* The room between two entries: facts stand apart, each under a rule of its own. */
static float entry_gap(const struct comp_diagram_entry *e)
{
    return e->page ? 2 : FACT_GAP;
}

/* The most facts of a card that stand level with the others' (a row of a table across the
 * cards); more go on under them, each at its own height. */
enum { LEVEL_FACTS = 8 };

/* What stands level in cards that share a row (or all the cards): the fullest head, the
 * key figures' room (0: none has one), the fullest entries, and where they are all facts
 * the height of each fact's row, the fullest of that row (0 rows: each at its own). */
struct level {
    float head, figures, entries;
    float facts[LEVEL_FACTS];
    size_t nfacts;
};

/* The height of the entries of part i under its head; its first rows->nfacts facts as tall
 * as their rows across the cards (rows NULL: each at its own height). */
static float card_entries(const struct comp_diagram *d, size_t i, float w, const struct level *rows)
{
    const struct comp_diagram_part *p = &d->parts[i];
    float h = p->nentries ? ENTRY_GAP + 4 : 0;
    for (size_t k = 0; k < p->nentries; k++)
        h += (rows && k < rows->nfacts
                  ? rows->facts[k]
                  : draw_text_height(d->e, d->ctx, d->entry, p->entries[k].label, w - entry_page_width(&p->entries[k]))) +
             entry_gap(&p->entries[k]);
    return h;
}

/* Whether part p's entries are all facts (entries without a page). */
static bool all_facts(const struct comp_diagram_part *p)
{
    for (size_t k = 0; k < p->nentries; k++)
        if (p->entries[k].page)
            return false;
    return true;
}

/* The level of parts [first, end) in cards of inner width w. */
static struct level level_of(const struct comp_diagram *d, size_t first, size_t end, float w)
{
    struct level l = { 0 };
    bool facts = true;
    for (size_t i = first; i < end; i++) {
        const struct comp_diagram_part *p = &d->parts[i];
        l.head = fmaxf(l.head, card_head(d, i, w));
        l.entries = fmaxf(l.entries, card_entries(d, i, w, NULL));
        if (d->form == COMP_DIAGRAM_CARDS)
            l.figures = fmaxf(l.figures, card_figure(d, i, w));
        /* cards with more facts than others are no table: a row made as tall as another
         * card's fact would open a gap inside the card before its next fact */
        facts = facts && all_facts(p) && p->nentries == d->parts[first].nentries;
        for (size_t k = 0; k < p->nentries && k < LEVEL_FACTS; k++) {
            l.facts[k] = fmaxf(l.facts[k], draw_text_height(d->e, d->ctx, d->entry, p->entries[k].label, w));
            l.nfacts = k + 1 > l.nfacts ? k + 1 : l.nfacts;
        }
    }
    l.figures = l.figures > 0 ? l.figures + 2 * FIGURE_GAP : 0;
    /* the facts in rows across the cards, as a table's: each card's then as tall as their
     * sum, and the facts after the last row each at its own height; facts that are no
     * table follow each other, the room they leave at the foot of the card */
    if (!facts || end - first < 2)
        l.nfacts = 0;
    for (size_t i = first; i < end && l.nfacts; i++)
        l.entries = fmaxf(l.entries, card_entries(d, i, w, &l));
    return l;
}

/* The height of a card of the row that begins at part first, in a diagram width wide. */
static float row_height(const struct comp_diagram *d, size_t first, size_t cols, float width)
{
    float w = part_width(d, width, row_parts(d, first, cols));
    struct level l = level_of(d, first, level_end(d, first, cols), w - 2 * PAD);
    return BAR + PAD + l.head + l.figures + l.entries + PAD;
}

static float height_with_parts(const struct comp_diagram *d, float width, float stretch);

/* A pillar's words, centred: its title, and its text under it. */
static struct ts_style centred(const struct ts_style *style)
{
    struct ts_style c = *style;
    c.align = TS_CENTER;
    c.hyphenate = false; /* a few words, on a centre line: whole */
    return c;
}

/* The height of pillar i's title and text in a pillar w wide. */
static float pillar_words(const struct comp_diagram *d, size_t i, float w)
{
    const struct comp_diagram_part *p = &d->parts[i];
    struct ts_style title = centred(d->title), text = centred(d->text);
    float h = draw_text_height(d->e, d->ctx, &title, p->title ? p->title : "", w - 8);
    if (p->icon)
        h += PILLAR_ICON + PILLAR_ICON_GAP;
    if (p->text)
        h += PILLAR_TEXT_GAP + draw_text_height(d->e, d->ctx, &text, p->text, w - 2 * PILLAR_PAD);
    return h;
}

static float band_height(const struct comp_diagram *d, const char *text, float width)
{
    return text ? draw_text_height(d->e, d->ctx, d->inverse, text, width - 2 * PAD) + 2 * PAD : 0;
}

float comp_diagram_measure(struct comp_diagram *d, float width)
{
    if (d->form == COMP_DIAGRAM_PILLARS) {
        float w = part_width(d, width, columns(d, width)), tallest = 0;
        for (size_t i = 0; i < d->n; i++)
            tallest = fmaxf(tallest, pillar_words(d, i, w));
        d->part_height = fmaxf(PILLAR_MIN_HEIGHT, tallest + 2 * PAD + 2 * CAPITAL);
        d->roof_height = band_height(d, d->roof, width * 0.62f) + 8;
        d->base_height = band_height(d, d->base, width);
    }
    return height_with_parts(d, width, 0);
}

/* The diagram's height at width with each row of parts stretch taller. */
static float height_with_parts(const struct comp_diagram *d, float width, float stretch)
{
    if (d->form == COMP_DIAGRAM_PILLARS)
        return TOP + d->roof_height + d->part_height + stretch + d->base_height;
    size_t cols = columns(d, width), rows = (d->n + cols - 1) / cols;
    float h = TOP + (float)(rows - 1) * CARD_GAP;
    for (size_t first = 0; first < d->n; first += cols)
        h += row_height(d, first, cols, width) + stretch;
    return h;
}

/* Text in style at (x, y), width w, inside a link when it has a destination or a URL, the
 * bytes [from, to) of it in the link's colour (to 0: none); returns its number of lines. */
static int linked_text_part(const struct comp_diagram *d, struct dl_document *doc, struct dl_page *page,
                            const struct ts_style *style, const char *text, size_t from, size_t to, float x,
                            float y, float w, const char *dest, const char *uri, const char *description)
{
    bool linked = dest || uri;
    if (linked) {
        struct dl_item *lb = dl_push(page, DL_LINK_BEGIN);
        lb->as.link.dest = dl_strdup(doc, dest);
        lb->as.link.uri = dl_strdup(doc, uri);
        lb->as.link.description = dl_strdup(doc, description ? description : text);
    }
    int lines = to > 0 && d->link ? (int)draw_text_part_coloured(d->e, d->ctx, doc, page, style, text, from, to,
                                                                 d->link, x, y, w)
                                  : (int)draw_text(d->e, d->ctx, doc, page, style, text, x, y, w);
    if (linked)
        dl_push(page, DL_LINK_END);
    return lines;
}

static int linked_text(const struct comp_diagram *d, struct dl_document *doc, struct dl_page *page,
                       const struct ts_style *style, const char *text, float x, float y, float w,
                       const char *dest, const char *uri, const char *description)
{
    return linked_text_part(d, doc, page, style, text, 0, 0, x, y, w, dest, uri, description);
}

/* The style of part p's title: a link's where it is one. */
static const struct ts_style *title_style(const struct comp_diagram *d, const struct comp_diagram_part *p)
{
    return (p->dest || p->uri) && d->title_linked ? d->title_linked : d->title;
}

/* A card's entries from y: a rule, then each page number and label, linked. */
static void draw_entries(const struct comp_diagram *d, struct dl_document *doc, struct dl_page *page,
                         const struct comp_diagram_part *p, float x, float y, float w, const struct level *level)
{
    const struct dl_colour *rule = p->accent ? p->accent : d->rule;
    y += ENTRY_GAP;
    draw_rect(page, x, y, w, 0.5f, rule);
    y += 4;
    for (size_t k = 0; k < p->nentries; k++) {
        const struct comp_diagram_entry *e = &p->entries[k];
        float pw = entry_page_width(e);
        if (k && !e->page) /* a fact under a rule of its own */
            draw_rect(page, x, y - FACT_GAP / 2 - 0.25f, w, 0.5f, rule);
        if (e->page)
            draw_text(d->e, d->ctx, doc, page, d->entry_page, e->page, x, y, pw);
        struct ts_style style = *d->entry;
        /* to be seen as a link: the card's own links go in the page; a link on some of
         * a fact's words has those in its colour, and the fact is the link */
        if (e->uri && d->link && !e->link_to)
            style.colour = *d->link;
        int lines = linked_text_part(d, doc, page, &style, e->label, e->link_from, e->link_to, x + pw, y, w - pw,
                                     e->dest, e->uri, NULL);
        y += (k < level->nfacts ? level->facts[k] : (float)lines * d->entry->leading) + entry_gap(e);
    }
}

/* Card p at (x, y), w by height, its head, figure and entries at the level it shares. */
static void draw_card(const struct comp_diagram *d, struct dl_document *doc, struct dl_page *page,
                      const struct comp_diagram_part *p, float x, float y, float w, float height,
                      const struct level *level)
{
    const struct dl_colour *accent = p->accent ? p->accent : d->accent;
    draw_rect(page, x, y, w, height, p->fill ? p->fill : d->fill);
    draw_rect(page, x, y, w, BAR, accent);
    float ty = y + BAR + PAD;
    if (p->number) {
        struct ts_style number = *d->number;
        if (p->accent)
            number.colour = *p->accent;
        ty += (float)draw_text(d->e, d->ctx, doc, page, &number, p->number, x + PAD, ty, w - 2 * PAD) *
                  d->number->leading + 2;
    }
    if (p->title)
        ty += (float)linked_text(d, doc, page, title_style(d, p), p->title, x + PAD, ty, w - 2 * PAD, p->dest,
                                 p->uri, p->link_description) * d->title->leading + 3;
    if (p->text)
        draw_text_spaced(d->e, d->ctx, doc, page, d->text, p->text, x + PAD, ty, w - 2 * PAD, d->text_gap);
    float head_end = y + BAR + PAD + level->head, ey = head_end + level->figures;
    if (d->entries_at_foot) /* the room between the heads and the entries, level */
        ey = fmaxf(ey, y + height - PAD - level->entries);
    if (p->figure && d->figure) { /* in the middle of the room, all cards' level */
        float fy = head_end + (ey - head_end - level->figures) / 2 + FIGURE_GAP;
        /* "ruim" before the figure, on its baseline */
        fy += (float)draw_qualified(d->e, d->ctx, doc, page, d->figure, d->figure_label, p->figure_qualifier,
                                    p->figure, x + PAD, fy, w - 2 * PAD) *
              d->figure->leading;
        if (p->figure_label)
            draw_text(d->e, d->ctx, doc, page, d->figure_label, p->figure_label, x + PAD, fy, w - 2 * PAD);
    }
    if (p->nentries)
        draw_entries(d, doc, page, p, x + PAD, ey, w - 2 * PAD, level);
}

static void draw_cards(const struct comp_diagram *d, struct dl_document *doc, struct dl_page *page,
                       struct dl_rect area, float stretch)
{
    size_t cols = columns(d, area.w);
    float gap = gap_of(d), y = area.y;
    for (size_t first = 0; first < d->n; first += cols) {
        size_t side_by_side = row_parts(d, first, cols);
        float w = part_width(d, area.w, side_by_side), height = row_height(d, first, cols, area.w) + stretch;
        struct level level = level_of(d, d->rows_apart ? first : 0, level_end(d, first, cols), w - 2 * PAD);
        for (size_t i = first; i < first + side_by_side && i < d->n; i++) {
            const struct comp_diagram_part *p = &d->parts[i];
            float x = area.x + (float)(i - first) * (w + gap);
            draw_card(d, doc, page, p, x, y, w, height, &level);
            /* a step points to the next one in its row */
            if (d->form == COMP_DIAGRAM_STEPS && i + 1 < first + side_by_side && i + 1 < d->n) {
                float ax = x + w + gap / 2, ay = y + height / 2;
                struct dl_point arrow[3] = { { ax - 5, ay - 8 }, { ax + 6, ay }, { ax - 5, ay + 8 } };
                draw_polygon(page, arrow, 3, d->accent);
                page->items[page->nitems - 1].as.path.mark = true;
            }
        }
        y += height + CARD_GAP;
    }
}

/* text in the inverse style, centred in a band of width at y */
static void band_text(const struct comp_diagram *d, struct dl_document *doc, struct dl_page *page,
                      const char *text, float x, float y, float width)
{
    struct ts_style centred = *d->inverse;
    centred.align = TS_CENTER;
    draw_text(d->e, d->ctx, doc, page, &centred, text, x + PAD, y + PAD, width - 2 * PAD);
}

static void draw_pillars(const struct comp_diagram *d, struct dl_document *doc, struct dl_page *page,
                         struct dl_rect area, float part_height)
{
    float w = part_width(d, area.w, d->n);
    /* the roof: a pediment over the whole width, its text in the middle of its lower part */
    float roof = d->roof_height - 8, top = area.y;
    struct dl_point pediment[4] = { { area.x + area.w * 0.19f, top }, { area.x + area.w * 0.81f, top },
                                    { area.x + area.w, top + roof }, { area.x, top + roof } };
    draw_polygon(page, pediment, 4, d->dark);
    if (d->roof)
        band_text(d, doc, page, d->roof, area.x + area.w * 0.19f, top, area.w * 0.62f);
    draw_rect(page, area.x, top + roof + 2, area.w, 4, d->accent);
    /* the pillars, each with a capital and a foot */
    float py = area.y + d->roof_height;
    struct ts_style title = centred(d->title), text = centred(d->text);
    float fullest = 0; /* the words of the fullest pillar */
    for (size_t i = 0; i < d->n; i++)
        fullest = fmaxf(fullest, pillar_words(d, i, w));
    for (size_t i = 0; i < d->n; i++) {
        const struct comp_diagram_part *p = &d->parts[i];
        float x = area.x + (float)i * (w + PILLAR_GAP);
        draw_rect(page, x, py, w, CAPITAL, d->accent);
        draw_rect(page, x + 5, py + CAPITAL, w - 10, part_height - 2 * CAPITAL, d->fill);
        draw_rect(page, x, py + part_height - CAPITAL, w, CAPITAL, d->accent);
        /* the words in the pillar's middle, the titles of all at one height when they
         * have texts (the fullest one's words centred) */
        float ty = py + (part_height - (p->text ? fullest : pillar_words(d, i, w))) / 2;
        if (p->icon) {
            /* on the pillar's colour, which print shows through it as on screen */
            struct comp_image on_pillar = *p->icon;
            on_pillar.backdrop = d->fill;
            comp_image_draw(&on_pillar, doc, page, (struct dl_rect){ x + (w - PILLAR_ICON) / 2, ty, PILLAR_ICON, PILLAR_ICON });
            ty += PILLAR_ICON + PILLAR_ICON_GAP;
        }
        struct ts_style own = centred(title_style(d, p));
        ty += (float)linked_text(d, doc, page, &own, p->title ? p->title : "", x + 4, ty, w - 8, p->dest, p->uri,
                                 p->link_description) *
              title.leading;
        if (p->text)
            draw_text(d->e, d->ctx, doc, page, &text, p->text, x + PILLAR_PAD, ty + PILLAR_TEXT_GAP, w - 2 * PILLAR_PAD);
    }
    /* the base they stand on */
    if (d->base) {
        float by = py + part_height;
        draw_rect(page, area.x, by, area.w, d->base_height, d->dark);
        band_text(d, doc, page, d->base, area.x, by, area.w);
    }
}

void comp_diagram_draw(const void *diagram, struct dl_document *doc, struct dl_page *page, struct dl_rect area)
{
    const struct comp_diagram *d = diagram;
    /* given more room than it measured (the end of a page), its parts take it: taller
     * cards, or taller pillars */
    float stretch = 0, natural = height_with_parts(d, area.w, 0);
    if (area.h > natural + 0.5f) {
        size_t cols = columns(d, area.w), rows = d->form == COMP_DIAGRAM_PILLARS ? 1 : (d->n + cols - 1) / cols;
        stretch = (area.h - natural) / (float)rows;
    }
    area.y += TOP;
    area.h -= TOP;
    if (d->form == COMP_DIAGRAM_PILLARS)
        draw_pillars(d, doc, page, area, d->part_height + stretch);
    else
        draw_cards(d, doc, page, area, stretch);
}
