#!/usr/bin/env python3
"""preflight.py: a print shop's preflight of gkapub's print edition: the PDF/X-4 rules these
files could break and the shop's own rules, read from qpdf's JSON, the page content streams
themselves (interpreted: the CTM, paths, colours, text positions) and pdftotext's word boxes.

Usage: preflight.py FILE.pdf...

Prints, per file, each rule with PASS or FAIL and, for a failure, the first few places (page
number, what was found); files are checked side by side, one process per core, and reported
in the order given. Exit status: 0 when every rule passes in every file; 1 when a rule
fails in any file (capped at 1, so that a count of failing files can never read as 2);
2 when a file cannot be read (the other files are still checked) or no file is given.

Rules (3 mm = 8.5 pt, with 0.01 pt tolerance, wherever a distance is asked for):
  version       the trailer's Info has /GTS_PDFXVersion (PDF/X-4) and /Trapped /True or /False;
                the catalog's /Metadata, an unfiltered stream, has pdfxid:GTS_PDFXVersion
                PDF/X-4, pdf:Trapped as the Info says, xmpMM:DocumentID, xmpMM:VersionID,
                xmpMM:RenditionClass and dc:title equal to the Info /Title; the header
                version (printed) and any catalog /Version at most 1.7; no encryption
  outputintent  an /OutputIntents entry /S /GTS_PDFX with an /OutputConditionIdentifier
                string and a /DestOutputProfile stream /N 4 holding an ICC profile of device
                class prtr and colour space CMYK (its header, bytes 12-20)
  boxes         every page has a MediaBox, BleedBox and TrimBox (ones inherited from /Pages
                count, though PDF inherits only MediaBox and CropBox); TrimBox in BleedBox
                in MediaBox; the bleed at least 3 mm beyond the TrimBox and the slug
                (MediaBox beyond BleedBox) at least 3 mm, on every side; no CropBox other
                than the MediaBox; one TrimBox size for all pages
  marks         crop marks: at each of the TrimBox's 4 corners a stroked horizontal line on
                the line of the trim's horizontal edge and a stroked vertical one on the line
                of its vertical edge, each wholly outside the BleedBox, beginning at least
                3 mm from the trim corner, inside the MediaBox; and no stroked line on those
                lines beyond the trim (a mark) that touches the BleedBox
  slug          each page names itself in its slug: pdftotext -bbox finds words wholly
                outside the BleedBox (0.5 pt tolerance: pdftotext's boxes are estimates)
                and inside the MediaBox, among them the page number as a word of its own
                (its /PageLabels label or its 1-based index: '12', 'p.12', '12/200', not the
                12 of a date 2022-12-01) and at least one more word
  colour        no RGB: no rg/RG, no cs/CS selecting DeviceRGB, CalRGB, ICCBased /N 3 or
                Indexed over one of those, in page content, the Form XObjects, tiling
                patterns and Type3 glyphs it uses; no image (XObject or inline) or shading
                in such a space; DeviceGray (g/G) allowed, and counted
  transparency  none: no image /SMask or /SMaskInData, no ExtGState with /SMask other than
                /None, /CA or /ca below 1, /BM other than /Normal or /Compatible; no page
                or form /Group /S /Transparency
  fonts         every font selected by Tf embedded (/FontFile, /FontFile2 or /FontFile3 in
                its descriptor, the descendant's for Type0); Type3 fonts count as embedded
  ink           total area coverage: a colour above 300% (C+M+Y+K from k/K, sc/scn in a CMYK
                space, a Separation /All as 4 inks, a DeviceN's tints summed) may paint only
                things wholly outside the BleedBox (the marks in registration colour); every
                8-bit CMYK image (DeviceCMYK, ICCBased /N 4, Indexed over those, DeviceN)
                at most 301% in its darkest pixel (all pixels read); the highest is printed
  overprint     text filled in black alone (0 0 0 1 k) is painted with overprint on: the
                ExtGState in force has /op (or, without it, /OP) true and /OPM 1, so that it
                shows no white edge on a tint where the plates are out of register

How painting is placed: the CTM is followed through q/Q/cm and Form XObjects' /Matrix; a
path's straight segments and its curves' control points are taken to default user space;
a stroke counts half its line width to each side (and beyond its ends with round or square
caps); text is a box from its origin over its advance (widths, Tc, Tw, Tz, TJ adjustments)
and from the font's /Descent to /Ascent, through Tm and the CTM; an image is its unit
square through the CTM. Only what the content uses is checked: resources it never names
are not read.

Not checked here: clipping (something clipped away still counts where its path lies);
miter joins of strokes; glyph outlines (text boxes come from metrics); the ink of shadings,
pattern fills and inline images (their colour spaces are checked), images not decodable by
qpdf (DCT, JPX, JBIG2, CCITT: listed as not checked) or not 8 bits per component; the ICC
profile beyond its header; Separation/DeviceN with an RGB alternate (the alternate is used
only without the ink); overprint of anything but black text, annotations, optional content, image resolution, the
fonts' own tables, and the PDF/X-4 rules gkapub's files cannot break (PostScript XObjects,
JavaScript, forms, ...).
"""
import array
import concurrent.futures
import html
import os
import re
import signal
import subprocess
import sys
import tempfile
import traceback
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import pdfua_check  # noqa: E402
from pdfua_check import TOKEN, Pdf, matmul, string_bytes  # noqa: E402

RULES = ["version", "outputintent", "boxes", "marks", "slug", "colour", "transparency", "fonts", "ink",
         "overprint"]
TOL = 0.01            # points, for every distance and box comparison
MIN_3MM = 8.5 - TOL   # 3 mm is 8.504 pt; the brief's 8.5 pt with its tolerance
EDGE = 0.05           # a mark lies on a trim edge's line within this, and is straight within it
SLUG_TOL = 0.5        # pdftotext's word boxes come from font metrics
TAC_MAX = 3.0         # 300%: colours above it only outside the bleed
TAC_IMAGE = 3.01      # 300% + 1% for images' pixels
SHOW = 5              # places shown per rule
IDENTITY = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
REF = re.compile(r"\d+ \d+ R")
INVERT = bytes(range(255, -1, -1))
EI = re.compile(rb"\sEI(?=\s|$)")
SLUG_SPLIT = re.compile(r"[\s/|,;:()\[\]\u00b7\u2022]+|(?<=[A-Za-z])\.")


def pstr(v):
    """A string of qpdf's JSON as text."""
    if not isinstance(v, str):
        return None
    if v.startswith("u:"):
        return v[2:]
    if v.startswith("b:"):
        b = bytes.fromhex(v[2:])
        return b[2:].decode("utf-16-be", "replace") if b[:2] == b"\xfe\xff" else b.decode("latin-1")
    return v


def pbytes(v):
    """A string of qpdf's JSON as bytes (for lookup tables)."""
    if isinstance(v, str) and v.startswith("b:"):
        return bytes.fromhex(v[2:])
    if isinstance(v, str) and v.startswith("u:"):
        return v[2:].encode("latin-1", "replace")
    return b""


def rect(v):
    """A box as [x0, y0, x1, y1] with x0 <= x1, y0 <= y1; None when it is not one."""
    if not isinstance(v, list) or len(v) != 4 or not all(isinstance(x, (int, float)) for x in v):
        return None
    return [min(v[0], v[2]), min(v[1], v[3]), max(v[0], v[2]), max(v[1], v[3])]


def fmt_box(b):
    return "[%s]" % " ".join("%.2f" % x for x in b)


def contains(outer, inner):
    return (inner[0] >= outer[0] - TOL and inner[1] >= outer[1] - TOL
            and inner[2] <= outer[2] + TOL and inner[3] <= outer[3] + TOL)


def overlaps(b, box):
    """Whether the bbox b reaches into box (touching its edge does not count)."""
    return not (b[2] <= box[0] + TOL or b[0] >= box[2] - TOL or b[3] <= box[1] + TOL or b[1] >= box[3] - TOL)


def roman(n):
    out = ""
    for v, s in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
                 (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")):
        while n >= v:
            out += s
            n -= v
    return out


def letters(n):
    """1 = a, 26 = z, 27 = aa, 53 = aaa (PDF's letter labels)."""
    n = max(n, 1)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


# ---- colour spaces ----

class Space:
    """What the rules need of a colour space: a name, whether it is RGB, and the ink (total
    area coverage, 1.0 = 100%) of a colour in it, or None where that is not known."""

    def __init__(self, name, kind, n=1, rgb=False, lookup=b"", base=None, inks=1):
        self.name, self.kind, self.n, self.rgb = name, kind, n, rgb
        self.lookup, self.base, self.inks = lookup, base, inks

    def tac(self, c):
        if self.kind == "cmyk":
            return sum(c[:4]) if len(c) >= 4 else None
        if self.kind == "gray":
            return 1 - c[0] if c else None
        if self.kind == "sep":
            return c[0] * self.inks if c else None
        if self.kind == "devn":
            return sum(c) if c else None
        if self.kind == "indexed" and self.base is not None and self.base.kind == "cmyk" and c:
            i = int(c[0]) * 4
            entry = self.lookup[i:i + 4]
            return sum(entry) / 255 if len(entry) == 4 else None
        return None

    def initial(self):
        """The ink of the colour a cs/CS sets: black, full tint, index 0."""
        if self.kind == "cmyk":
            return 1.0
        if self.kind == "gray":
            return 1.0
        if self.kind in ("sep", "devn"):
            return float(self.inks if self.kind == "sep" else self.n)
        if self.kind == "indexed":
            return self.tac([0])
        return None


DEVICE = {
    "/DeviceGray": Space("DeviceGray", "gray"), "/DeviceRGB": Space("DeviceRGB", "rgb", 3, rgb=True),
    "/DeviceCMYK": Space("DeviceCMYK", "cmyk", 4), "/Pattern": Space("Pattern", "pattern"),
}
INLINE_NAMES = {"/G": "/DeviceGray", "/RGB": "/DeviceRGB", "/CMYK": "/DeviceCMYK"}  # inline images only
UNKNOWN = Space("unknown", "other")


# ---- the graphics state ----

class GState:
    __slots__ = ("ctm", "fill", "ftac", "stroke", "stac", "lw", "cap",
                 "font", "size", "tc", "tw", "th", "tl", "rise", "tr", "black", "op", "opm")

    def __init__(self, ctm=IDENTITY):
        self.ctm = ctm
        self.fill = self.stroke = DEVICE["/DeviceGray"]
        self.ftac = self.stac = 1.0
        self.lw, self.cap = 1.0, 0
        self.font, self.size = None, 0.0
        self.tc = self.tw = self.tl = self.rise = 0.0
        self.th, self.tr = 1.0, 0
        self.black = self.op = False  # the fill black alone; fills overprint
        self.opm = 0

    def copy(self):
        g = GState.__new__(GState)
        for s in GState.__slots__:
            setattr(g, s, getattr(self, s))
        return g


class _WithoutToUnicode:
    """The document as pdfua_check.Font reads it, less the font's /ToUnicode: only the widths
    are needed here, and a CMap over all 65536 codes takes a second to read."""

    def __init__(self, pdf, ref):
        self.pdf, self.ref = pdf, ref

    def get(self, v):
        d = self.pdf.get(v)
        if v == self.ref and isinstance(d, dict):
            d = {k: x for k, x in d.items() if k != "/ToUnicode"}
        return d

    def data(self, ref):
        return self.pdf.data(ref)


class FontInfo:
    """A font as the rules need it: embedded or not, its advance widths and vertical extent."""

    def __init__(self, pdf, ref):
        f = pdf.get(ref) or {}
        self.subtype = f.get("/Subtype")
        self.name = f.get("/BaseFont") or self.subtype or "?"
        desc = f
        if self.subtype == "/Type0":
            kids = pdf.get(f.get("/DescendantFonts")) or []
            desc = (pdf.get(kids[0]) if kids else None) or {}
        fd = pdf.get(desc.get("/FontDescriptor")) or {}
        self.type3 = self.subtype == "/Type3"
        self.embedded = self.type3 or any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        self.ascent = (fd.get("/Ascent") or 1000) / 1000
        self.descent = (fd.get("/Descent") or -250) / 1000
        self.scale = 1.0
        if self.type3:
            fm = f.get("/FontMatrix") or [0.001]
            self.scale = fm[0] * 1000 if isinstance(fm[0], (int, float)) else 1.0
            self.ascent, self.descent = 1.0, -0.25
        try:
            self.metrics = pdfua_check.Font(_WithoutToUnicode(pdf, ref), ref)
        except Exception:  # a font too broken to measure: 0.5 em a glyph
            self.metrics = None

    def advance(self, b, size, tc, tw, th):
        """The horizontal advance of showing the string b (text space, in user units)."""
        m = self.metrics
        if m is None:
            codes = [b[i:i + 1] for i in range(len(b))]
            w = 0.5 * len(codes)
        else:
            codes = m.codes(b)
            widths, default = m.widths, m.default
            if m.two_bytes:
                w = sum(widths.get(int.from_bytes(c, "big"), default) for c in codes) / 1000
            else:
                w = sum(widths.get(c[0], default) for c in codes if c) / 1000
            w *= self.scale
        spaces = 0 if (m is not None and m.two_bytes) else b.count(b" ")
        return (w * size + tc * len(codes) + tw * spaces) * th


class Page:
    """One page being interpreted: its number, its boxes, and what was found on it."""

    def __init__(self, n, media, bleed, trim, geom=True):
        self.n, self.media, self.bleed, self.trim, self.geom = n, media, bleed, trim, geom
        self.marks = []    # (corner, orientation, problem or None, coordinates)
        self.active = set()  # the Form XObjects being interpreted (no cycles)


class Preflight:
    def __init__(self, path):
        self.path = path
        # pdftotext (for the slug rule) runs while qpdf reads and the pages are interpreted
        self.words_out, self.words_err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
        try:
            self.words = subprocess.Popen(["pdftotext", "-bbox", path, "-"], stdout=self.words_out,
                                          stderr=self.words_err)
        except OSError as e:
            self.words = e
        try:
            self.pdf = Pdf(path)
        except Exception:
            if not isinstance(self.words, OSError):
                self.words.wait()
            self.words_out.close()
            self.words_err.close()
            raise
        self.root = self.pdf.get(self.pdf.trailer.get("/Root")) or {}
        self.fails = {r: {} for r in RULES}  # rule -> {(page, what): [count, example]}
        self.notes = {r: [] for r in RULES}
        self.fonts = {}
        self.spaces = {}
        self.images = {}        # ref -> (highest ink or None, why not checked or None)
        self.checked = set()    # patterns, shadings, Type3 fonts, ExtGStates looked at
        self.gray_ops = 0
        self.rgb_ops = 0
        self.rgb_images = set()
        self.max_vector = 0.0   # the highest ink painted inside the bleed
        self.max_image = None
        self.not_measured = Counter()
        self.unmeasured = {}    # CMYK images whose pixels could not be read: ref -> where and why
        self.pages = self.read_pages()

    # ---- reporting ----

    def fail(self, rule, page, what, example=None):
        entry = self.fails[rule].setdefault((page, what), [0, example])
        entry[0] += 1

    def report(self):
        """The lines to print, and whether any rule failed."""
        lines, failed = [], []
        for rule in RULES:
            found = self.fails[rule]
            note = "; ".join(self.notes[rule])
            if not found:
                lines.append(f"  PASS {rule:<13}{note}".rstrip())
                continue
            failed.append(rule)
            by_page = {}
            for (page, what), (count, example) in found.items():
                text = what + (f" (x{count}), e.g. {example}" if count > 1 and example else f" (x{count})"
                               if count > 1 else f": {example}" if example else "")
                by_page.setdefault(page, []).append(text)
            pages = [p for p in by_page if p is not None]
            nfile = len(by_page.get(None, []))
            problems = f"{nfile} problem" + ("s" if nfile != 1 else "")
            summary = f"{len(pages)} of {len(self.pages)} pages" if pages else problems
            if pages and nfile:
                summary += f" and {problems}"
            lines.append(f"  FAIL {rule:<13}{summary}" + (f"; {note}" if note else ""))
            shown = 0
            for page, texts in by_page.items():
                if shown == SHOW:
                    break
                if page is None:
                    for t in texts[:2 * SHOW]:
                        lines.append(f"         {t}")
                    if len(texts) > 2 * SHOW:
                        lines.append(f"         ... and {len(texts) - 2 * SHOW} more")
                else:
                    more = f"; and {len(texts) - 3} more" if len(texts) > 3 else ""
                    lines.append(f"         page {page}: " + "; ".join(texts[:3]) + more)
                    shown += 1
            if len(pages) > shown:
                lines.append(f"         ... and {len(pages) - shown} more pages")
        return lines, failed

    # ---- the document ----

    def read_pages(self):
        """(ref, page dict with inherited attributes filled in), in page order."""
        pdf, out = self.pdf, []
        inheritable = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/Resources", "/Rotate")

        def walk(ref, inherited, depth, seen):
            node = pdf.get(ref)
            if not isinstance(node, dict) or depth > 64 or ref in seen:
                return
            seen.add(ref)
            got = dict(inherited)
            got.update((k, node[k]) for k in inheritable if k in node)
            if node.get("/Type") == "/Pages" or "/Kids" in node:
                for kid in pdf.get(node.get("/Kids")) or []:
                    walk(kid, got, depth + 1, seen)
            else:
                page = dict(node)
                for k, v in got.items():
                    page.setdefault(k, v)
                out.append((ref, page))
        walk(self.root.get("/Pages"), {}, 0, set())
        return out

    def labels(self):
        """Each page's label as /PageLabels gives it (the 1-based index without labels)."""
        pdf, nums = self.pdf, []

        def walk(node, depth):
            node = pdf.get(node)
            if not isinstance(node, dict) or depth > 32:
                return
            arr = pdf.get(node.get("/Nums")) or []
            for i in range(0, len(arr) - 1, 2):
                if isinstance(arr[i], int):
                    nums.append((arr[i], pdf.get(arr[i + 1]) or {}))
            for kid in pdf.get(node.get("/Kids")) or []:
                walk(kid, depth + 1)
        walk(self.root.get("/PageLabels"), 0)
        nums.sort(key=lambda x: x[0])
        out = []
        for i in range(len(self.pages)):
            rng = [(s, d) for s, d in nums if s <= i]
            if not rng:
                out.append(str(i + 1))
                continue
            start, d = rng[-1]
            v = (d.get("/St") if isinstance(d.get("/St"), int) else 1) + i - start
            style = d.get("/S")
            body = {"/D": str(v), "/R": roman(v).upper(), "/r": roman(v), "/A": letters(v).upper(),
                    "/a": letters(v)}.get(style, "")
            out.append((pstr(d.get("/P")) or "") + body)
        return out

    # ---- version and outputintent ----

    def check_version(self):
        pdf, root = self.pdf, self.root
        with open(self.path, "rb") as f:
            head = f.read(1024)
        m = re.search(rb"%PDF-(\d+)\.(\d+)", head)
        if not m:
            self.fail("version", None, "no %PDF- header in the first 1024 bytes")
        else:
            version = (int(m.group(1)), int(m.group(2)))
            self.notes["version"].append("header %PDF-{}.{}".format(*version))
            if version > (1, 7):
                self.fail("version", None, "header version %d.%d above 1.7" % version)
        cat_version = root.get("/Version")
        if isinstance(cat_version, str):
            self.notes["version"].append(f"catalog /Version {cat_version[1:]}")
            try:
                if tuple(int(x) for x in cat_version[1:].split(".")) > (1, 7):
                    self.fail("version", None, f"catalog /Version {cat_version[1:]} above 1.7")
            except ValueError:
                self.fail("version", None, f"catalog /Version {cat_version}")
        if "/Encrypt" in pdf.trailer:
            self.fail("version", None, "the file is encrypted")
        info = pdf.get(pdf.trailer.get("/Info")) or {}
        pdfx = pstr(info.get("/GTS_PDFXVersion"))
        if pdfx != "PDF/X-4":
            self.fail("version", None, "no Info /GTS_PDFXVersion" if pdfx is None else
                      f"Info /GTS_PDFXVersion is {pdfx!r}, not 'PDF/X-4'")
        trapped = info.get("/Trapped")
        if trapped not in ("/True", "/False"):
            self.fail("version", None, "no Info /Trapped" if trapped is None else
                      f"Info /Trapped is {trapped}, not /True or /False")
        title = pstr(info.get("/Title"))
        if not title:
            self.fail("version", None, "no Info /Title")
        meta_ref = root.get("/Metadata")
        if not (isinstance(meta_ref, str) and REF.fullmatch(meta_ref)
                and "stream" in pdf.objs.get("obj:" + meta_ref, {})):
            self.fail("version", None, "no /Metadata stream in the catalog")
            return
        if b"/Filter" in pdf.raw_dict(meta_ref):
            self.fail("version", None, "the XMP metadata stream is filtered")
        xmp = pdf.data(meta_ref).decode("utf-8", "replace")

        def get(tag):
            m = re.search(r"<%s(?:\s[^>]*)?>(?:\s*<rdf:(?:Alt|Seq|Bag)>\s*<rdf:li[^>]*>)?([^<]*)<" % tag, xmp)
            if not m:
                m = re.search(r"\s%s\s*=\s*(?:\"([^\"]*)\"|'([^']*)')" % tag, xmp)
                if not m:
                    return None
                return html.unescape(m.group(1) if m.group(1) is not None else m.group(2)).strip()
            return html.unescape(m.group(1)).strip()
        xpdfx = get("pdfxid:GTS_PDFXVersion")
        if xpdfx != "PDF/X-4":
            self.fail("version", None, "no pdfxid:GTS_PDFXVersion in the XMP" if xpdfx is None else
                      f"XMP pdfxid:GTS_PDFXVersion is {xpdfx!r}, not 'PDF/X-4'")
        xt = get("pdf:Trapped")
        if xt is None:
            self.fail("version", None, "no pdf:Trapped in the XMP")
        elif trapped in ("/True", "/False") and xt != trapped[1:]:
            self.fail("version", None, f"XMP pdf:Trapped is {xt!r}, the Info's {trapped[1:]!r}")
        elif xt not in ("True", "False"):
            self.fail("version", None, f"XMP pdf:Trapped is {xt!r}, not True or False")
        for tag in ("xmpMM:DocumentID", "xmpMM:VersionID", "xmpMM:RenditionClass"):
            if not get(tag):
                self.fail("version", None, f"no {tag} in the XMP")
        dc = get("dc:title")
        if dc is None:
            self.fail("version", None, "no dc:title in the XMP")
        elif title and dc != title:
            self.fail("version", None, f"XMP dc:title {dc!r} is not the Info /Title {title!r}")

    def check_outputintent(self):
        pdf = self.pdf
        intents = pdf.get(self.root.get("/OutputIntents"))
        if not isinstance(intents, list) or not intents:
            self.fail("outputintent", None, "no /OutputIntents in the catalog")
            return
        pdfx = [pdf.get(i) for i in intents if isinstance(pdf.get(i), dict) and pdf.get(i).get("/S") == "/GTS_PDFX"]
        if not pdfx:
            subtypes = [(pdf.get(i) or {}).get("/S") for i in intents]
            self.fail("outputintent", None, f"no OutputIntent /S /GTS_PDFX (found {subtypes})")
            return
        intent = pdfx[0]
        if len(pdfx) > 1:
            self.fail("outputintent", None, f"{len(pdfx)} GTS_PDFX OutputIntents")
        ident = intent.get("/OutputConditionIdentifier")
        if not (isinstance(ident, str) and ident[:2] in ("u:", "b:")):
            self.fail("outputintent", None, f"/OutputConditionIdentifier is {ident!r}, not a string")
        else:
            self.notes["outputintent"].append(f"{pstr(ident)!r}")
        ref = intent.get("/DestOutputProfile")
        d = pdf.get(ref)
        if not (isinstance(ref, str) and REF.fullmatch(ref) and isinstance(d, dict)
                and "stream" in pdf.objs.get("obj:" + ref, {})):
            self.fail("outputintent", None, "no /DestOutputProfile stream")
            return
        if d.get("/N") != 4:
            self.fail("outputintent", None, f"the profile's /N is {d.get('/N')!r}, not 4")
        if "/Filter" in d:
            self.fail("outputintent", None, f"the profile could not be decoded ({d['/Filter']})")
            return
        icc = pdf.data(ref)
        cls, space = icc[12:16], icc[16:20]
        if len(icc) < 128 or cls != b"prtr" or space != b"CMYK":
            self.fail("outputintent", None, f"the profile is of class {cls!r} and colour space {space!r}, "
                                            "not prtr and CMYK")

    # ---- boxes ----

    def page_boxes(self, n, page):
        """Check a page's boxes; return (media, crop, bleed, trim) as used by the other rules
        (missing ones defaulted as PDF does: trim and bleed to the crop box, that to the media)."""
        def box(key):  # a box may be a reference, and so may its numbers
            v = self.pdf.get(page.get(key))
            return rect([self.pdf.get(x) for x in v] if isinstance(v, list) else v)
        media, crop, bleed, trim = box("/MediaBox"), box("/CropBox"), box("/BleedBox"), box("/TrimBox")
        for name, box in (("MediaBox", media), ("BleedBox", bleed), ("TrimBox", trim)):
            if box is None:
                self.fail("boxes", n, f"no /{name}" if f"/{name}" not in page else f"/{name} malformed")
        if crop is not None and media is not None and any(abs(a - b) > TOL for a, b in zip(crop, media)):
            self.fail("boxes", n, "a /CropBox other than the MediaBox", f"{fmt_box(crop)} in {fmt_box(media)}")
        if media and bleed and not contains(media, bleed):
            self.fail("boxes", n, "BleedBox not inside the MediaBox", f"{fmt_box(bleed)} in {fmt_box(media)}")
        if bleed and trim and not contains(bleed, trim):
            self.fail("boxes", n, "TrimBox not inside the BleedBox", f"{fmt_box(trim)} in {fmt_box(bleed)}")
        sides = ("left", "bottom", "right", "top")
        for inner, outer, what in ((trim, bleed, "bleed"), (bleed, media, "slug")):
            if inner and outer:
                gaps = [inner[0] - outer[0], inner[1] - outer[1], outer[2] - inner[2], outer[3] - inner[3]]
                short = [f"{s} {round(g, 2) + 0.0:.2f}" for s, g in zip(sides, gaps) if g < MIN_3MM]
                if short:
                    self.fail("boxes", n, f"{what} under 3 mm (8.5 pt)", ", ".join(short) + " pt")
        media = media or [0, 0, 612, 792]
        eff_crop = crop or media
        return media, crop, bleed or eff_crop, trim or eff_crop

    # ---- content ----

    def space(self, cs, res, depth=0):
        """A colour space (a name, a resource name, or an array) as a Space."""
        pdf = self.pdf
        key = cs if isinstance(cs, str) else None
        if isinstance(cs, str) and REF.fullmatch(cs):
            if cs in self.spaces:
                return self.spaces[cs]
            cs = pdf.get(cs)
        if isinstance(cs, str):
            if cs in DEVICE:
                return DEVICE[cs]
            named = (pdf.get((res or {}).get("/ColorSpace")) or {}).get(cs)
            if named is None or depth > 8:
                return Space(f"undefined {cs}", "other")
            return self.space(named, res, depth + 1)
        if not isinstance(cs, list) or not cs or depth > 8:
            return UNKNOWN
        fam = cs[0]
        out = UNKNOWN
        if fam in ("/CalRGB",):
            out = Space("CalRGB", "rgb", 3, rgb=True)
        elif fam == "/CalGray":
            out = Space("CalGray", "gray")
        elif fam == "/CalCMYK":
            out = Space("CalCMYK", "cmyk", 4)
        elif fam == "/Lab":
            out = Space("Lab", "other", 3)
        elif fam == "/ICCBased" and len(cs) > 1:
            n = (pdf.get(cs[1]) or {}).get("/N")
            out = {1: Space("ICCBased /N 1", "gray"), 3: Space("ICCBased /N 3", "rgb", 3, rgb=True),
                   4: Space("ICCBased /N 4", "cmyk", 4)}.get(n, Space(f"ICCBased /N {n}", "other"))
        elif fam in ("/Indexed", "/I") and len(cs) > 3:
            base = self.space(cs[1], res, depth + 1)
            lookup = cs[3]
            data = self.pdf.data(lookup) if isinstance(lookup, str) and REF.fullmatch(lookup) else pbytes(lookup)
            out = Space(f"Indexed over {base.name}", "indexed", 1, rgb=base.rgb, lookup=data, base=base)
        elif fam == "/Separation" and len(cs) > 1:
            out = Space(f"Separation {cs[1]}", "sep", 1, inks={"/All": 4, "/None": 0}.get(cs[1], 1))
        elif fam == "/DeviceN" and len(cs) > 1:
            names = pdf.get(cs[1]) or []
            out = Space(f"DeviceN {' '.join(names)}", "devn", len(names))
        elif fam == "/Pattern":
            base = self.space(cs[1], res, depth + 1) if len(cs) > 1 else None
            out = Space("Pattern" + (f" over {base.name}" if base else ""), "pattern", rgb=bool(base and base.rgb))
        elif fam in DEVICE:
            out = DEVICE[fam]
        if key and REF.fullmatch(key):
            self.spaces[key] = out
        return out

    def ink(self, page, tac, what, box):
        """A paint of ink tac over box (default user space)."""
        if tac is None or tac <= TAC_MAX + 1e-9 or not page.geom:
            return
        if overlaps(box, page.bleed):
            self.max_vector = max(self.max_vector, tac)
            self.fail("ink", page.n, f"{what} in {tac * 100:.0f}% reaching into the BleedBox", fmt_box(box))

    def stroke_lines(self, page, gs, lines, curves):
        """Ink and crop marks of stroking the path made of lines and curves."""
        if not page.geom:
            return
        a, b, c, d = gs.ctm[:4]
        half = gs.lw / 2 * abs(a * d - b * c) ** 0.5
        capext = half if gs.cap in (1, 2) else 0.0
        trim, bleed, media = page.trim, page.bleed, page.media
        high = gs.stac is not None and gs.stac > TAC_MAX + 1e-9
        for x0, y0, x1, y1 in lines:
            dx, dy = abs(x1 - x0), abs(y1 - y0)
            if high:  # the stroke's own outline: half the width to the sides, caps beyond the ends
                length = (dx * dx + dy * dy) ** 0.5 or 1.0
                ex = half * dy / length + capext * dx / length
                ey = half * dx / length + capext * dy / length
                self.ink(page, gs.stac, "a stroke",
                         [min(x0, x1) - ex, min(y0, y1) - ey, max(x0, x1) + ex, max(y0, y1) + ey])
            if dx + dy < 0.1:
                continue
            # a mark lies on the line of a trim edge, beyond the trim: horizontal ones on the
            # bottom and top edges (along x), vertical ones on the left and right (along y)
            for along, across, orientation, names in ((0, 1, "horizontal", ("bottom", "top", "left", "right")),
                                                      (1, 0, "vertical", ("left", "right", "bottom", "top"))):
                if (dy, dx)[along] > EDGE:
                    continue
                at = ((y0 + y1) / 2, (x0 + x1) / 2)[along]
                lo, hi = ((min(x0, x1), max(x0, x1)), (min(y0, y1), max(y0, y1)))[along]
                for edge, name in ((trim[across], names[0]), (trim[across + 2], names[1])):
                    if abs(at - edge) > EDGE:
                        continue
                    if hi <= trim[along] + EDGE:
                        end, gap = names[2], trim[along] - hi
                        out, inside = hi + capext <= bleed[along] + TOL, lo - capext >= media[along] - TOL
                    elif lo >= trim[along + 2] - EDGE:
                        end, gap = names[3], lo - trim[along + 2]
                        out, inside = lo - capext >= bleed[along + 2] - TOL, hi + capext <= media[along + 2] + TOL
                    else:
                        continue
                    corner = f"{name} {end}" if along == 0 else f"{end} {name}"
                    self.mark(page, corner, orientation, gap, out, inside, (x0, y0, x1, y1))
                break
        if high:
            for box in curves:
                self.ink(page, gs.stac, "a stroke",
                         [box[0] - half, box[1] - half, box[2] + half, box[3] + half])

    def mark(self, page, corner, orientation, gap, outside, inside, coords):
        problem = None
        if not outside:
            problem = "touches the BleedBox"
        elif gap < MIN_3MM:
            problem = f"begins {gap:.2f} pt from the trim corner"
        elif not inside:
            problem = "runs outside the MediaBox"
        page.marks.append((corner, orientation, problem, coords))

    def judge_marks(self, page):
        good = {(c, o) for c, o, p, _ in page.marks if p is None}
        missing = [f"{c} {o}" for c in ("top left", "top right", "bottom left", "bottom right")
                   for o in ("horizontal", "vertical") if (c, o) not in good]
        if missing:
            self.fail("marks", page.n, f"no crop mark for {len(missing)} of 8: {', '.join(missing[:2])}"
                                       + (", ..." if len(missing) > 2 else ""))
        for c, o, p, (x0, y0, x1, y1) in page.marks:
            if p is not None:
                self.fail("marks", page.n, f"a mark on a trim edge {p}",
                          f"({x0:.2f} {y0:.2f})-({x1:.2f} {y1:.2f}) at {c}")

    def extgstate(self, page, name, res, gs):
        egs_ref = (self.pdf.get((res or {}).get("/ExtGState")) or {}).get(name)
        egs = self.pdf.get(egs_ref)
        if not isinstance(egs, dict):
            return
        if isinstance(egs.get("/LW"), (int, float)):
            gs.lw = egs["/LW"]
        if isinstance(egs.get("/LC"), int):
            gs.cap = egs["/LC"]
        op = egs.get("/op", egs.get("/OP"))
        if isinstance(op, bool):
            gs.op = op
        if isinstance(egs.get("/OPM"), int):
            gs.opm = egs["/OPM"]
        smask = egs.get("/SMask")
        if smask is not None and smask != "/None":
            self.fail("transparency", page.n, f"ExtGState {name} with a soft mask")
        for k in ("/CA", "/ca"):
            if isinstance(egs.get(k), (int, float)) and egs[k] < 1:
                self.fail("transparency", page.n, f"ExtGState {name} with {k} {egs[k]}")
        bm = egs.get("/BM")
        bms = bm if isinstance(bm, list) else [] if bm is None else [bm]
        if any(b not in ("/Normal", "/Compatible") for b in bms):
            self.fail("transparency", page.n, f"ExtGState {name} with /BM {bm}")

    def shading(self, page, sh, res, where):
        d = self.pdf.get(sh)
        if not isinstance(d, dict):
            return
        sp = self.space(d.get("/ColorSpace"), res)
        if sp.rgb:
            self.fail("colour", page.n, f"{where} in {sp.name}")
        self.not_measured["shadings"] += 1

    def pattern(self, page, name, res, gs):
        ref = (self.pdf.get((res or {}).get("/Pattern")) or {}).get(name)
        d = self.pdf.get(ref)
        if not isinstance(d, dict):
            return
        self.not_measured["pattern fills"] += 1
        if (ref, page.n) in self.checked:
            return
        self.checked.add((ref, page.n))
        if d.get("/PatternType") == 2:
            self.shading(page, d.get("/Shading"), res, f"shading pattern {name}")
            egs = self.pdf.get(d.get("/ExtGState"))
            if isinstance(egs, dict):
                self.extgstate(page, "(pattern's)", {"/ExtGState": {"(pattern's)": egs}}, GState())
        elif d.get("/PatternType") == 1 and isinstance(ref, str) and REF.fullmatch(ref):
            sub = Page(page.n, page.media, page.bleed, page.trim, geom=False)
            self.run(self.pdf.data(ref), self.pdf.get(d.get("/Resources")) or res, sub, GState(), 8)

    def image(self, page, name, ref, d, res, gs):
        """An image XObject drawn at the CTM."""
        a, b, c, dd, e, f = gs.ctm
        xs, ys = (e, a + e, c + e, a + c + e), (f, b + f, dd + f, b + dd + f)
        box = [min(xs), min(ys), max(xs), max(ys)]
        if d.get("/ImageMask") is True:
            self.ink(page, gs.ftac, f"image mask {name}", box)
            return
        sp = self.space(d.get("/ColorSpace"), res)
        if sp.rgb:
            self.fail("colour", page.n, f"image {name} ({ref}) in {sp.name}")
            self.rgb_images.add(ref)
        if "/SMask" in d:
            self.fail("transparency", page.n, f"image {name} ({ref}) with an /SMask")
        if d.get("/SMaskInData", 0):
            self.fail("transparency", page.n, f"image {name} ({ref}) with /SMaskInData")
        if ref not in self.images:
            self.images[ref] = self.image_ink(ref, d, sp)
        tac, why = self.images[ref]
        if why and ref not in self.unmeasured:
            self.unmeasured[ref] = f"image {name} ({ref}, page {page.n}): {why}"
        if tac is not None:
            self.max_image = max(self.max_image or 0, tac)
            if tac > TAC_IMAGE:
                self.fail("ink", page.n, f"image {name} ({ref}) reaches {tac * 100:.1f}%")

    def image_ink(self, ref, d, sp):
        """(the highest ink of any pixel, or None; why it was not measured, or None)."""
        kind = sp.kind
        base = sp.base.kind if kind == "indexed" and sp.base else None
        if kind not in ("cmyk", "devn") and base != "cmyk":
            return None, None  # gray, RGB (a colour failure), Lab...: no CMYK ink to measure
        if "/Filter" in d:
            f = d["/Filter"]
            return None, "not decodable by qpdf: " + (" ".join(f) if isinstance(f, list) else f)
        bpc = self.pdf.get(d.get("/BitsPerComponent"))
        if bpc != 8:
            return None, f"{bpc} bits per component"
        w, h = self.pdf.get(d.get("/Width")), self.pdf.get(d.get("/Height"))
        if not isinstance(w, int) or not isinstance(h, int) or w <= 0 or h <= 0:
            return None, "no size"
        data = self.pdf.data(ref)
        n = 1 if kind == "indexed" else sp.n
        if len(data) < w * h * n:
            return None, "short data"
        if kind == "indexed":
            used = set(data[:w * h])
            sums = [sp.tac([i]) for i in used]
            return max((s for s in sums if s is not None), default=0.0), None
        decode = d.get("/Decode")
        invert = [False] * n
        if isinstance(decode, list) and len(decode) >= 2 * n:
            for i in range(n):
                lo, hi = decode[2 * i], decode[2 * i + 1]
                if (lo, hi) == (1, 0):
                    invert[i] = True
                elif (lo, hi) != (0, 1):
                    return None, "a /Decode other than [0 1] or [1 0]"
        npx = w * h
        data = data[:npx * n]
        total = 0
        for i in range(n):  # every pixel's sum at once: a channel per 16-bit lane of one big integer
            ch = data[i::n]
            if invert[i]:
                ch = ch.translate(INVERT)
            lanes = bytearray(2 * npx)
            lanes[0::2] = ch
            total += int.from_bytes(lanes, "little")
        sums = array.array("H")
        sums.frombytes(total.to_bytes(2 * npx, "little"))
        if sys.byteorder == "big":
            sums.byteswap()
        return max(sums) / 255, None

    def font(self, page, name, res, gs):
        ref = (self.pdf.get((res or {}).get("/Font")) or {}).get(name)
        if ref is None:
            self.fail("fonts", page.n, f"font {name} not in the resources")
            gs.font = None
            return
        key = ref if isinstance(ref, str) else repr(ref)
        info = self.fonts.get(key)
        if info is None:
            info = self.fonts[key] = FontInfo(self.pdf, ref)
            if not info.embedded:
                self.fail("fonts", page.n, f"font {info.name} not embedded")
            if info.type3:  # its glyphs' colours and images
                f = self.pdf.get(ref) or {}
                procs = self.pdf.get(f.get("/CharProcs")) or {}
                sub = Page(page.n, page.media, page.bleed, page.trim, geom=False)
                fres = self.pdf.get(f.get("/Resources")) or res
                for proc in list(procs.values())[:256]:
                    if isinstance(proc, str) and REF.fullmatch(proc):
                        self.run(self.pdf.data(proc), fres, sub, GState(), 8)
        gs.font = info

    def text(self, page, gs, tm, items):
        """Show strings (and TJ adjustments): paint them, return the new text matrix."""
        font, size, th = gs.font, gs.size, gs.th
        x = 0.0
        for t in items:
            if isinstance(t, float):
                x -= t / 1000 * size * th
            elif font is not None:
                x += font.advance(t, size, gs.tc, gs.tw, th)
        tr = gs.tr
        if tr in (0, 2, 4, 6) and gs.black and not (gs.op and gs.opm == 1):
            self.fail("overprint", page.n, "black text knocks out",
                      f"/op {str(gs.op).lower()} /OPM {gs.opm}")
        fill = tr in (0, 2, 4, 6) and gs.ftac is not None and gs.ftac > TAC_MAX + 1e-9
        stroke = tr in (1, 2, 5, 6) and gs.stac is not None and gs.stac > TAC_MAX + 1e-9
        if (fill or stroke) and page.geom:
            asc, desc = (font.ascent, font.descent) if font else (1.0, -0.25)
            m = matmul(tm, gs.ctm)
            xs, ys = [], []
            for u in (min(0.0, x), max(0.0, x)):
                for v in (desc * size + gs.rise, asc * size + gs.rise):
                    xs.append(u * m[0] + v * m[2] + m[4])
                    ys.append(u * m[1] + v * m[3] + m[5])
            box = [min(xs), min(ys), max(xs), max(ys)]
            if fill:
                self.ink(page, gs.ftac, "text", box)
            if stroke:
                self.ink(page, gs.stac, "text (stroked)", box)
        return (tm[0], tm[1], tm[2], tm[3], x * tm[0] + tm[4], x * tm[1] + tm[5])

    def run(self, data, res, page, gs, depth):
        """Interpret a content stream."""
        pdf = self.pdf
        stack = []
        operands = []
        lines, curves = [], []
        cur = start = None
        tm = tlm = IDENTITY
        pos = 0
        while True:
            restart = None
            for m in TOKEN.finditer(data, pos):
                kind = m.lastgroup
                if kind == "ws":
                    continue
                tok = m.group()
                if kind != "op" or tok in (b"true", b"false", b"null"):
                    operands.append(tok)
                    continue
                try:
                    if tok == b"l":
                        x, y = float(operands[-2]), float(operands[-1])
                        a, b, c, d, e, f = gs.ctm
                        p = (x * a + y * c + e, x * b + y * d + f)
                        if cur is not None:
                            lines.append((cur[0], cur[1], p[0], p[1]))
                        cur = p
                    elif tok == b"m":
                        x, y = float(operands[-2]), float(operands[-1])
                        a, b, c, d, e, f = gs.ctm
                        cur = start = (x * a + y * c + e, x * b + y * d + f)
                    elif tok in (b"c", b"v", b"y"):
                        nums = [float(t) for t in operands[-6 if tok == b"c" else -4:]]
                        a, b, c, d, e, f = gs.ctm
                        pts = [(nums[i] * a + nums[i + 1] * c + e, nums[i] * b + nums[i + 1] * d + f)
                               for i in range(0, len(nums), 2)]
                        if cur is not None:
                            pts.append(cur)
                        xs, ys = [q[0] for q in pts], [q[1] for q in pts]
                        curves.append((min(xs), min(ys), max(xs), max(ys)))
                        cur = pts[-2] if cur is not None else pts[-1]
                    elif tok == b"h":
                        if cur is not None and start is not None and cur != start:
                            lines.append((cur[0], cur[1], start[0], start[1]))
                            cur = start
                    elif tok == b"re":
                        x, y, w, h = (float(t) for t in operands[-4:])
                        a, b, c, d, e, f = gs.ctm
                        q = [(px * a + py * c + e, px * b + py * d + f)
                             for px, py in ((x, y), (x + w, y), (x + w, y + h), (x, y + h))]
                        for i in range(4):
                            lines.append((q[i][0], q[i][1], q[(i + 1) % 4][0], q[(i + 1) % 4][1]))
                        cur = start = q[0]
                    elif tok in (b"f", b"F", b"f*", b"S", b"s", b"B", b"B*", b"b", b"b*", b"n"):
                        if tok in (b"s", b"b", b"b*") and cur is not None and start is not None and cur != start:
                            lines.append((cur[0], cur[1], start[0], start[1]))
                        if tok not in (b"S", b"s", b"n") and gs.ftac is not None and gs.ftac > TAC_MAX + 1e-9:
                            boxes = lines + curves  # (x0, y0, x1, y1) each: a segment, a curve's bbox
                            if boxes:
                                self.ink(page, gs.ftac, "a fill",
                                         [min(min(q[0], q[2]) for q in boxes), min(min(q[1], q[3]) for q in boxes),
                                          max(max(q[0], q[2]) for q in boxes), max(max(q[1], q[3]) for q in boxes)])
                        if tok in (b"S", b"s", b"B", b"B*", b"b", b"b*"):
                            self.stroke_lines(page, gs, lines, curves)
                        lines, curves = [], []
                        cur = start = None
                    elif tok in (b"k", b"K"):
                        if len(operands) < 4:
                            raise IndexError
                        tac = sum(float(t) for t in operands[-4:])
                        if tok == b"k":
                            gs.fill, gs.ftac = DEVICE["/DeviceCMYK"], tac
                            gs.black = [float(t) for t in operands[-4:]] == [0.0, 0.0, 0.0, 1.0]
                        else:
                            gs.stroke, gs.stac = DEVICE["/DeviceCMYK"], tac
                    elif tok == b"Td" or tok == b"TD":
                        tx, ty = float(operands[-2]), float(operands[-1])
                        if tok == b"TD":
                            gs.tl = -ty
                        tm = tlm = (tlm[0], tlm[1], tlm[2], tlm[3],
                                    tx * tlm[0] + ty * tlm[2] + tlm[4], tx * tlm[1] + ty * tlm[3] + tlm[5])
                    elif tok == b"Tj" or tok == b"'" or tok == b'"':
                        if tok != b"Tj":
                            if tok == b'"':
                                gs.tw, gs.tc = float(operands[-3]), float(operands[-2])
                            tm = tlm = (tlm[0], tlm[1], tlm[2], tlm[3],
                                        -gs.tl * tlm[2] + tlm[4], -gs.tl * tlm[3] + tlm[5])
                        tm = self.text(page, gs, tm, [string_bytes(operands[-1])])
                    elif tok == b"TJ":
                        items = []
                        for t in operands:
                            if t[:1] == b"(" or (t[:1] == b"<" and t != b"<<"):
                                items.append(string_bytes(t))
                            elif t[:1] not in (b"[", b"]", b"/", b"<", b">"):
                                items.append(float(t))
                        tm = self.text(page, gs, tm, items)
                    elif tok == b"Tf":
                        gs.size = float(operands[-1])
                        self.font(page, operands[-2].decode("latin-1"), res, gs)
                    elif tok == b"BT":
                        tm = tlm = IDENTITY
                    elif tok == b"ET":
                        pass
                    elif tok == b"Tm":
                        tm = tlm = tuple(float(t) for t in operands[-6:])
                    elif tok == b"T*":
                        tm = tlm = (tlm[0], tlm[1], tlm[2], tlm[3],
                                    -gs.tl * tlm[2] + tlm[4], -gs.tl * tlm[3] + tlm[5])
                    elif tok == b"Tc":
                        gs.tc = float(operands[-1])
                    elif tok == b"Tw":
                        gs.tw = float(operands[-1])
                    elif tok == b"Tz":
                        gs.th = float(operands[-1]) / 100
                    elif tok == b"TL":
                        gs.tl = float(operands[-1])
                    elif tok == b"Ts":
                        gs.rise = float(operands[-1])
                    elif tok == b"Tr":
                        gs.tr = int(float(operands[-1]))
                    elif tok == b"q":
                        stack.append(gs)
                        gs = gs.copy()
                    elif tok == b"Q":
                        if stack:
                            gs = stack.pop()
                    elif tok == b"cm":
                        gs.ctm = matmul(tuple(float(t) for t in operands[-6:]), gs.ctm)
                    elif tok == b"w":
                        gs.lw = float(operands[-1])
                    elif tok == b"J":
                        gs.cap = int(float(operands[-1]))
                    elif tok in (b"g", b"G"):
                        self.gray_ops += 1
                        tac = 1 - float(operands[-1])
                        if tok == b"g":
                            gs.fill, gs.ftac, gs.black = DEVICE["/DeviceGray"], tac, False
                        else:
                            gs.stroke, gs.stac = DEVICE["/DeviceGray"], tac
                    elif tok in (b"rg", b"RG"):
                        self.rgb_ops += 1
                        self.fail("colour", page.n, f"{tok.decode()} (DeviceRGB)",
                                  repr(b" ".join(operands[-3:] + [tok]).decode("latin-1")))
                        if tok == b"rg":
                            gs.fill, gs.ftac, gs.black = DEVICE["/DeviceRGB"], None, False
                        else:
                            gs.stroke, gs.stac = DEVICE["/DeviceRGB"], None
                    elif tok in (b"cs", b"CS"):
                        name = operands[-1].decode("latin-1")
                        sp = self.space(name, res)
                        if sp.rgb:
                            self.rgb_ops += 1
                            self.fail("colour", page.n, f"{tok.decode()} selecting {sp.name}", f"{name} {tok.decode()}")
                        if tok == b"cs":
                            gs.fill, gs.ftac, gs.black = sp, sp.initial(), False
                        else:
                            gs.stroke, gs.stac = sp, sp.initial()
                    elif tok in (b"sc", b"scn", b"SC", b"SCN"):
                        fill = tok in (b"sc", b"scn")
                        sp = gs.fill if fill else gs.stroke
                        if operands and operands[-1][:1] == b"/":
                            self.pattern(page, operands[-1].decode("latin-1"), res, gs)
                            tac = None
                        else:
                            tac = sp.tac([float(t) for t in operands])
                        if fill:
                            gs.ftac, gs.black = tac, False
                        else:
                            gs.stac = tac
                    elif tok == b"gs":
                        self.extgstate(page, operands[-1].decode("latin-1"), res, gs)
                    elif tok == b"Do":
                        name = operands[-1].decode("latin-1")
                        ref = (pdf.get((res or {}).get("/XObject")) or {}).get(name)
                        d = pdf.get(ref)
                        if isinstance(d, dict) and d.get("/Subtype") == "/Image":
                            self.image(page, name, ref, d, res, gs)
                        elif isinstance(d, dict) and d.get("/Subtype") == "/Form":
                            group = pdf.get(d.get("/Group")) or {}
                            if group.get("/S") == "/Transparency":
                                self.fail("transparency", page.n, f"form {name} ({ref}) with a transparency group")
                            if depth < 12 and ref not in page.active:
                                g = gs.copy()
                                mat = d.get("/Matrix")
                                if isinstance(mat, list) and len(mat) == 6:
                                    g.ctm = matmul(tuple(float(v) for v in mat), gs.ctm)
                                page.active.add(ref)
                                self.run(pdf.data(ref), pdf.get(d.get("/Resources")) or res, page, g, depth + 1)
                                page.active.discard(ref)
                    elif tok == b"sh":
                        name = operands[-1].decode("latin-1")
                        self.shading(page, (pdf.get((res or {}).get("/Shading")) or {}).get(name), res,
                                     f"shading {name}")
                    elif tok == b"BI":
                        restart = self.inline_image(page, data, m.end(), res, gs)
                        operands = []
                        break
                except (ValueError, IndexError, TypeError, AttributeError, ZeroDivisionError):
                    self.not_measured["malformed operators"] += 1
                operands = []
            if restart is None:
                break
            pos = restart

    def inline_image(self, page, data, pos, res, gs):
        """An inline image from BI at pos: check it, return where the content goes on."""
        toks, start = [], None
        for m in TOKEN.finditer(data, pos):
            if m.lastgroup == "ws":
                continue
            if m.lastgroup == "op" and m.group() == b"ID":
                start = m.end() + 1
                break
            toks.append(m.group().decode("latin-1"))
        if start is None:
            return len(data)
        end = EI.search(data, start - 1)
        after = end.end() if end else len(data)
        d, i = {}, 0
        while i + 1 < len(toks):  # names and simple values (an array's first element is enough)
            key, val = toks[i], toks[i + 1]
            if val == "[":
                j = toks.index("]", i + 1) if "]" in toks[i + 1:] else len(toks)
                val = [t for t in toks[i + 2:j]]
                i = j + 1
            else:
                i += 2
            d[key] = val
        if d.get("/IM", d.get("/ImageMask")) == "true":
            a, b, c, dd, e, f = gs.ctm
            xs, ys = (e, a + e, c + e, a + c + e), (f, b + f, dd + f, b + dd + f)
            self.ink(page, gs.ftac, "inline image mask", [min(xs), min(ys), max(xs), max(ys)])
            return after
        cs = d.get("/CS", d.get("/ColorSpace"))
        cs = INLINE_NAMES.get(cs, cs) if isinstance(cs, str) else cs
        if isinstance(cs, list):
            sp = Space("Indexed over " + self.space(cs[1], res).name, "indexed",
                       rgb=self.space(cs[1], res).rgb) if cs and cs[0] in ("/I", "/Indexed") and len(cs) > 1 \
                else UNKNOWN
        else:
            sp = self.space(cs, res) if cs else UNKNOWN
        if sp.rgb:
            self.fail("colour", page.n, f"inline image in {sp.name}")
        if sp.kind in ("cmyk", "devn", "indexed"):
            self.not_measured["inline images"] += 1
        return after

    # ---- slug ----

    def slug_words(self):
        """pdftotext's output, once it is done; None (and a failure) when it failed."""
        if isinstance(self.words, OSError):
            self.fail("slug", None, f"pdftotext cannot run: {self.words}")
            return None
        rc = self.words.wait()
        self.words_out.seek(0)
        self.words_err.seek(0)
        out, err = self.words_out.read(), self.words_err.read()
        self.words_out.close()
        self.words_err.close()
        if rc != 0:
            self.fail("slug", None, "pdftotext failed: " + err.decode(errors="replace").strip()[:200])
            return None
        return out.decode("utf-8", "replace")

    def check_slug(self, boxes):
        text = self.slug_words()
        if text is None:
            return
        labels = self.labels()
        chunks = text.split("<page ")[1:]
        word = re.compile(r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>')
        for n, chunk in enumerate(chunks[:len(self.pages)], 1):
            media, crop, bleed, _ = boxes[n - 1]
            rot = self.pdf.get(self.pages[n - 1][1].get("/Rotate")) or 0
            rot = rot % 360 if isinstance(rot, int) else 0
            size = re.match(r'width="([-\d.]+)" height="([-\d.]+)"', chunk)
            pw, ph = (float(size.group(1)), float(size.group(2))) if size else (0, 0)
            box = media  # pdftotext measures from the MediaBox, or the CropBox when that is its size
            if crop and rot in (0, 180) and abs(pw - (crop[2] - crop[0])) < 0.5 and abs(ph - (crop[3] - crop[1])) < 0.5:
                box = crop
            slug = []
            for u0, v0, u1, v1, text in word.findall(chunk.split("</page>")[0]):
                u0, v0, u1, v1 = float(u0), float(v0), float(u1), float(v1)
                corners = []
                for u, v in ((u0, v0), (u1, v1)):
                    if rot == 90:
                        corners.append((box[0] + v, box[1] + u))
                    elif rot == 180:
                        corners.append((box[2] - u, box[1] + v))
                    elif rot == 270:
                        corners.append((box[2] - v, box[3] - u))
                    else:
                        corners.append((box[0] + u, box[3] - v))
                xs, ys = [p[0] for p in corners], [p[1] for p in corners]
                wb = [min(xs), min(ys), max(xs), max(ys)]
                out_of_bleed = (wb[2] <= bleed[0] + SLUG_TOL or wb[0] >= bleed[2] - SLUG_TOL
                                or wb[3] <= bleed[1] + SLUG_TOL or wb[1] >= bleed[3] - SLUG_TOL)
                in_media = (wb[0] >= media[0] - SLUG_TOL and wb[1] >= media[1] - SLUG_TOL
                            and wb[2] <= media[2] + SLUG_TOL and wb[3] <= media[3] + SLUG_TOL)
                if out_of_bleed and in_media:
                    slug.append(html.unescape(text))
            said = " ".join(slug)
            if not slug:
                self.fail("slug", n, "says nothing (no word outside the BleedBox)")
                continue
            names = [c for c in dict.fromkeys((labels[n - 1], str(n))) if c]
            # the number as a word of its own: '12', 'p.12', '12/200', 'pagina 12 van 200' (not
            # the 12 of a date 2022-12-01); a label may hold a hyphen ('A-2')
            tokens = {t.strip(".-\u2013\u2014").casefold() for t in SLUG_SPLIT.split(said)}
            hit = [c for c in names if c.casefold() in tokens]
            if not hit:
                self.fail("slug", n, f"does not give the page number ({' or '.join(names)})", repr(said[:60]))
            elif len(slug) <= len(hit[0].split()):
                self.fail("slug", n, "gives the page number and nothing more", repr(said[:60]))

    # ---- all of it ----

    def check(self):
        self.check_version()
        self.check_outputintent()
        boxes, sizes = [], {}
        for n, (ref, page) in enumerate(self.pages, 1):
            media, crop, bleed, trim = self.page_boxes(n, page)
            boxes.append((media, crop, bleed, trim))
            sizes.setdefault((round(trim[2] - trim[0], 2), round(trim[3] - trim[1], 2)), []).append(n)
            group = self.pdf.get(page.get("/Group")) or {}
            if isinstance(group, dict) and group.get("/S") == "/Transparency":
                self.fail("transparency", n, "the page has a transparency group")
            ctx = Page(n, media, bleed, trim)
            contents = page.get("/Contents")
            refs = self.pdf.get(contents) if isinstance(self.pdf.get(contents), list) else [contents]
            data = b"\n".join(self.pdf.data(c) for c in refs if isinstance(c, str))
            self.run(data, self.pdf.get(page.get("/Resources")) or {}, ctx, GState(), 0)
            self.judge_marks(ctx)
        if not self.pages:
            self.fail("boxes", None, "no pages")
        if sizes:
            common = max(sizes, key=lambda s: len(sizes[s]))
            self.notes["boxes"].append("TrimBox %.2f x %.2f pt" % common
                                       + ("" if len(sizes) == 1 else " on most pages"))
            for size, pages in sizes.items():
                if size != common:
                    for n in pages:
                        self.fail("boxes", n, "a TrimBox of another size",
                                  "%.2f x %.2f pt, not %.2f x %.2f" % (size + common))
        self.check_slug(boxes)
        self.notes["colour"].append(f"{self.gray_ops} DeviceGray operators (g/G)")
        inks = [f"highest colour inside the BleedBox: {self.max_vector * 100:.0f}%"] if self.max_vector else []
        inks.append("highest image pixel: " + (f"{self.max_image * 100:.1f}%" if self.max_image is not None
                                               else "no CMYK image measured"))
        inks += [f"{count} {what} not checked" for what, count in sorted(self.not_measured.items())]
        if self.rgb_ops or self.rgb_images:
            inks.append(f"{self.rgb_ops} RGB colours and {len(self.rgb_images)} RGB images not measured (see colour)")
        unmeasured = list(self.unmeasured.values())
        if unmeasured:
            inks.append(f"{len(unmeasured)} CMYK image(s) not checked: " + "; ".join(unmeasured[:SHOW])
                        + (" ..." if len(unmeasured) > SHOW else ""))
        self.notes["ink"] += inks


def check_file(path):
    """(0 pass, 1 fail or 2 unreadable; the text to print) for one file."""
    try:
        pf = Preflight(path)
    except Exception as e:  # a file qpdf cannot read, or not a PDF
        said = (str(e).strip().splitlines() or [""])[-1]
        return 2, f"{path}: cannot be read: {type(e).__name__}: {said[:300]}"
    try:
        pf.check()
    except Exception:  # a file too broken to follow (or a bug here): say where
        return 2, f"{path}: cannot be checked:\n{traceback.format_exc()}"
    lines, failed = pf.report()
    head = f"{path}: {len(pf.pages)} pages: " + (f"FAIL ({', '.join(failed)})" if failed else "PASS")
    return (1 if failed else 0), "\n".join([head] + lines)


def main(argv):
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    files = argv[1:]
    if not files or files[0] in ("-h", "--help"):
        print(__doc__, file=sys.stderr)
        return 2
    workers = min(len(files), os.cpu_count() or 1)
    if workers > 1:  # files side by side, reported in the order given
        with concurrent.futures.ProcessPoolExecutor(workers) as pool:
            results = pool.map(check_file, files)
            statuses = []
            for status, text in results:
                print(text, flush=True)
                statuses.append(status)
    else:
        statuses = []
        for path in files:
            status, text = check_file(path)
            print(text, flush=True)
            statuses.append(status)
    return 2 if 2 in statuses else 1 if 1 in statuses else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
