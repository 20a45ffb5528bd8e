#!/usr/bin/env python3
"""pdfua_check.py: the machine-checkable checkpoints of PDF/UA-1 (Matterhorn) and PDF/A-2
that gkapub's PDFs must pass, read from qpdf's JSON and the content streams themselves.

Usage: pdfua_check.py [--require NAME,...] FILE.pdf...

Prints, per file, each checkpoint with its failures (and the first few places). Exit status:
the number of files in which a checkpoint named by --require fails (all checkpoints when
--require is not given); 2 when a file cannot be read.

Checkpoints:
  lang            the catalog's /Lang
  title           /DisplayDocTitle true, and a title in the metadata
  marked          /MarkInfo /Marked true and a structure tree
  root            the tree's one root element, a Document
  tagged          every painted content item inside tagged marked content or an Artifact
  roles           structure types standard (or role-mapped to one)
  headings        heading levels without skips (H1, then H2 or H1, ...)
  lists           every LI with an LBody, and nothing but an Lbl (its bullet or number) beside it
  figures         every Figure with /Alt
  links           every Link element with an OBJR, and its annotation with /Contents
  tabs            /Tabs /S on every page with annotations
  fonts           every font embedded with a ToUnicode map
  labels          page labels
  ids             XMP with pdfuaid:part 1, pdfaid:part 2 and conformance A, and the extension
                  schema PDF/A asks for pdfuaid
  outputintent    an OutputIntent (GTS_PDFA1) with an RGB ICC profile
  pdfa            the PDF/A-2 rules gkapub's files could break: the info dictionary as the
                  XMP says (title, producer, dates), an unfiltered XMP stream, a file /ID and
                  no encryption, annotations printed and not hidden, no forbidden actions,
                  no JavaScript, no interpolated images, no transfer functions
  unicode         no ToUnicode map that gives U+FFFD (a glyph whose text is lost)
  order           reading order: the text of the structure tree, in its order, read down
                  each column and on to the next column or below (check_order)

Not machine-checked here (veraPDF is not available): the fonts' own tables (widths, .notdef
use), the XMP against its schemas beyond the fields above, alt text that says what a figure
shows, a reading order that makes sense where pdftotext cannot tell (check_order tells what
it can), colour contrast (the display list checks it when the publications are made).
"""
import base64
import json
import re
import subprocess
import sys

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI", "Index",
    "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L", "LI", "Lbl", "LBody",
    "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span", "Quote", "Note", "Reference",
    "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT", "RP", "Warichu", "WT", "WP", "Figure",
    "Formula", "Form",
}
PAINT = {"Tj", "TJ", "'", '"', "Do", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh"}


class Pdf:
    def __init__(self, path):
        out = subprocess.run(["qpdf", "--json", "--json-key=qpdf", "--json-stream-data=inline",
                              "--decode-level=generalized", path], capture_output=True)
        if out.returncode not in (0, 3):
            raise RuntimeError(out.stderr.decode(errors="replace").strip())
        self.objs = json.loads(out.stdout)["qpdf"][1]
        self.trailer = self.objs["trailer"]["value"]
        self.path = path

    def raw_dict(self, ref):
        """A stream's dictionary as the file writes it: qpdf's JSON drops the /Filter of a
        stream it decoded. (A stream is never in an object stream.)"""
        num, gen, _ = ref.split()
        with open(self.path, "rb") as f:
            found = re.findall(rb"(?<!\d)%s\s+%s\s+obj\s*<<(.*?)>>\s*stream" % (num.encode(), gen.encode()),
                               f.read(), re.S)
        if found:
            return found[-1]
        return subprocess.run(["qpdf", "--show-object=" + num, self.path], capture_output=True).stdout

    def get(self, v):
        """The value a reference points at (a stream's dictionary for a stream); else v."""
        if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
            o = self.objs.get("obj:" + v)
            if o is None:
                return None
            return o["value"] if "value" in o else o["stream"]["dict"]
        return v

    def data(self, ref):
        o = self.objs.get("obj:" + ref, {})
        s = o.get("stream", {})
        return base64.b64decode(s["data"]) if "data" in s else b""

    def pages(self):
        out = []

        def walk(node):
            n = self.get(node)
            if n.get("/Type") == "/Pages":
                for k in n.get("/Kids", []):
                    walk(k)
            else:
                out.append((node, n))
        walk(self.get(self.trailer["/Root"])["/Pages"])
        return out


def text_of(v):
    return v[2:] if isinstance(v, str) and v.startswith("u:") else v


# ---- content streams ----

TOKEN = re.compile(rb"""
    (?P<ws>\s+|%[^\r\n]*)
  | (?P<str>\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\))
  | (?P<hex><[0-9A-Fa-f\s]*>)
  | (?P<dict><<|>>)
  | (?P<arr>[\[\]])
  | (?P<name>/[^\s/\[\]()<>{}%]*)
  | (?P<num>[+-]?(?:\d+\.?\d*|\.\d+))
  | (?P<op>[^\s/\[\]()<>{}%]+)
""", re.X | re.S)


def untagged_paints(stream):
    """Painting operators outside marked content that is tagged (an MCID) or an Artifact."""
    stack = []  # per open marked-content sequence: whether it counts as tagged
    operands = []
    bad = 0
    in_inline_image = False
    for m in TOKEN.finditer(stream):
        kind = m.lastgroup
        tok = m.group(kind)
        if kind == "ws":
            continue
        if in_inline_image:
            if tok == b"EI":
                in_inline_image = False
            continue
        if kind != "op":
            operands.append(tok)
            continue
        op = tok.decode("latin-1")
        if op == "BI":
            in_inline_image = True
        elif op in ("BDC", "BMC"):
            tag = operands[0] if operands else b""
            tagged = tag == b"/Artifact" or b"/MCID" in b" ".join(operands)
            stack.append(tagged or (bool(stack) and stack[-1]))
        elif op == "EMC":
            if stack:
                stack.pop()
        elif op in PAINT and not (stack and stack[-1]):
            bad += 1
        operands = []
    return bad


# ---- reading order ----

def parse_cmap(data):
    """A ToUnicode CMap as {code bytes: text}."""
    m = {}

    def hexb(h):
        return bytes.fromhex(h.decode())

    def text(h):
        b = hexb(h)
        return b.decode("utf-16-be", "replace")
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            m[hexb(src)] = text(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])", block):
            a, b, n = int(lo, 16), int(hi, 16), len(lo) // 2
            if b - a > 0x10000:
                continue
            if dst.startswith(b"["):
                outs = [text(h) for h in re.findall(rb"<([0-9A-Fa-f]*)>", dst)]
                for i, c in enumerate(range(a, b + 1)):
                    if i < len(outs):
                        m[c.to_bytes(n, "big")] = outs[i]
            else:
                base = hexb(dst[1:-1])
                for c in range(a, b + 1):
                    v = (int.from_bytes(base, "big") + c - a).to_bytes(len(base), "big")
                    m[c.to_bytes(n, "big")] = v.decode("utf-16-be", "replace")
    return m


def string_bytes(tok):
    """The bytes of a literal or hex string token."""
    if tok.startswith(b"<"):
        h = re.sub(rb"\s", b"", tok[1:-1])
        return bytes.fromhex((h + b"0" * (len(h) % 2)).decode())
    out, i, body = bytearray(), 0, tok[1:-1]
    esc = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}
    while i < len(body):
        c = body[i]
        if c == 0x5C and i + 1 < len(body):
            d = body[i + 1]
            if 0x30 <= d <= 0x37:
                j = i + 1
                while j < len(body) and j < i + 4 and 0x30 <= body[j] <= 0x37:
                    j += 1
                out.append(int(body[i + 1:j], 8) & 0xFF)
                i = j
                continue
            if d in (10, 13):
                i += 2
                continue
            out.append(esc.get(d, d))
            i += 2
            continue
        out.append(c)
        i += 1
    return bytes(out)


def matmul(m, n):
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def apply(m, x, y):
    return (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])


class Font:
    """What reading a font's text needs: its Unicode map and its glyphs' widths."""

    def __init__(self, pdf, ref):
        f = pdf.get(ref) or {}
        self.cmap = parse_cmap(pdf.data(f["/ToUnicode"])) if "/ToUnicode" in f else {}
        self.two_bytes = f.get("/Subtype") == "/Type0"
        self.widths = {}
        if self.two_bytes:
            desc = pdf.get(pdf.get(f["/DescendantFonts"])[0]) or {}
            w = pdf.get(desc.get("/W")) or []
            i = 0
            while i + 1 < len(w):
                if isinstance(pdf.get(w[i + 1]), list):
                    for k, v in enumerate(pdf.get(w[i + 1])):
                        self.widths[w[i] + k] = v
                    i += 2
                else:
                    for c in range(w[i], w[i + 1] + 1):
                        self.widths[c] = w[i + 2]
                    i += 3
            self.default = desc.get("/DW", 1000)
        else:
            first = f.get("/FirstChar", 0)
            for k, v in enumerate(pdf.get(f.get("/Widths")) or []):
                self.widths[first + k] = v
            self.default = 0

    def codes(self, b):
        n = 2 if self.two_bytes else 1
        return [b[i:i + n] for i in range(0, len(b), n)]

    def width(self, code):
        return self.widths.get(int.from_bytes(code, "big"), self.default) / 1000


def marked_text(pdf, page, fonts_seen):
    """What each MCID of a page shows: {mcid: [text, x0, top, x1, bottom]}, in the page's
    space with y down (baselines for top and bottom: enough to tell lines and columns)."""
    res = pdf.get(page.get("/Resources")) or {}
    fonts = pdf.get(res.get("/Font")) or {}
    height = (pdf.get(page.get("/MediaBox")) or [0, 0, 0, 0])[3]
    contents = page.get("/Contents", [])
    data = b"".join(pdf.data(c) + b"\n" for c in (contents if isinstance(contents, list) else [contents]))
    out, stack, font, size = {}, [], None, 1
    ctm, saved = (1, 0, 0, 1, 0, 0), []
    tm = tlm = (1, 0, 0, 1, 0, 0)
    operands = []

    def show(strings_and_adjustments):
        nonlocal tm
        text, x = [], 0.0
        for t in strings_and_adjustments:
            if isinstance(t, (int, float)):
                x -= t / 1000 * size
                continue
            for code in font.codes(t):
                text.append(font.cmap.get(code, ""))
                x += font.width(code) * size
        m = matmul(tm, ctm)
        (x0, y0), (x1, y1) = apply(m, 0, 0), apply(m, x, 0)
        tm = matmul((1, 0, 0, 1, x, 0), tm)
        if not stack or stack[-1] is None:
            return
        box = out.setdefault(stack[-1], ["", 1e9, 1e9, -1e9, -1e9])
        box[0] += "".join(text)
        if "".join(text).strip():
            box[1], box[3] = min(box[1], x0, x1), max(box[3], x0, x1)
            box[2], box[4] = min(box[2], height - y0), max(box[4], height - y0)

    for m in TOKEN.finditer(data):
        kind = m.lastgroup
        tok = m.group(kind)
        if kind == "ws":
            continue
        if kind != "op":
            operands.append(tok)
            continue
        op = tok.decode("latin-1")
        nums = [float(t) for t in operands if re.fullmatch(rb"[+-]?(?:\d+\.?\d*|\.\d+)", t)]
        if op in ("BDC", "BMC"):
            mcid = re.search(rb"/MCID\s+(\d+)", b" ".join(operands))
            stack.append(int(mcid.group(1)) if mcid else (stack[-1] if stack else None))
        elif op == "EMC" and stack:
            stack.pop()
        elif op == "q":
            saved.append(ctm)
        elif op == "Q" and saved:
            ctm = saved.pop()
        elif op == "cm" and len(nums) == 6:
            ctm = matmul(tuple(nums), ctm)
        elif op == "BT":
            tm = tlm = (1, 0, 0, 1, 0, 0)
        elif op == "Tm" and len(nums) == 6:
            tm = tlm = tuple(nums)
        elif op in ("Td", "TD") and len(nums) == 2:
            tm = tlm = matmul((1, 0, 0, 1, nums[0], nums[1]), tlm)
        elif op == "Tf" and len(operands) >= 2:
            ref = fonts.get(operands[-2].decode("latin-1"))
            if ref not in fonts_seen:
                fonts_seen[ref] = Font(pdf, ref)
            font, size = fonts_seen[ref], float(operands[-1])
        elif op in ("Tj", "'", '"', "TJ") and font is not None:
            items = []
            for t in operands:
                if t.startswith(b"(") or (t.startswith(b"<") and t != b"<<"):
                    items.append(string_bytes(t))
                elif op == "TJ" and re.fullmatch(rb"[+-]?(?:\d+\.?\d*|\.\d+)", t):
                    items.append(float(t))
            show(items)
        operands = []
    return out


BLOCKS = {"P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "Lbl", "LBody", "TH", "TD", "Caption", "BlockQuote"}


def check_order(pdf, root, fail):
    """Text leaves in the tree's order, read as a sighted reader reads a page: down a column,
    then up to the next column on the right, then down again below what was read. Going back
    up in the same column, or left to a column without going down below where the reading
    was, is out of order. Figures (read by their alt text) and text outside any block element
    (a page's navigation) are left out."""
    pages = pdf.pages()
    page_of = {ref: n for n, (ref, _) in enumerate(pages)}
    order = []  # (page index, mcid)

    def walk(ref, page_ref, in_block, depth):
        elem = pdf.get(ref)
        if isinstance(elem, int):
            if in_block and page_ref in page_of:
                order.append((page_of[page_ref], elem))
            return
        if not isinstance(elem, dict) or depth > 100 or elem.get("/Type") == "/OBJR":
            return
        if "/MCID" in elem:
            if in_block:
                order.append((page_of.get(elem.get("/Pg", page_ref), -1), elem["/MCID"]))
            return
        if elem.get("/S") == "/Figure":
            return
        pg = elem.get("/Pg", page_ref)
        block = in_block or elem.get("/S", "")[1:] in BLOCKS
        k = elem.get("/K")
        for kid in k if isinstance(k, list) else [] if k is None else [k]:
            walk(kid, pg, block, depth + 1)
    walk(root.get("/StructTreeRoot"), None, False, 0)
    fonts, boxes, last = {}, {}, {}
    tol = 2
    for n, mcid in order:
        if n < 0:
            continue
        if n not in boxes:
            boxes[n] = marked_text(pdf, pages[n][1], fonts)
        b = boxes[n].get(mcid)
        if not b or not b[0].strip() or b[1] > b[3]:
            continue
        a = last.get(n)
        last[n] = b
        if a is None:
            continue
        same_column = b[1] < a[3] - tol and a[1] < b[3] - tol
        left = b[3] <= a[1] + tol
        if (same_column and b[2] < a[2] - tol) or (left and b[2] < a[4] - tol):
            fail("order", f"page {n + 1}: {b[0].strip()[:30]!r} is read after {a[0].strip()[:30]!r}, "
                          f"{'above it' if same_column else 'left of it and not below'}")


def xmp_value(xmp, tag):
    m = re.search(r"<%s>(?:\s*<rdf:(?:Alt|Seq|Bag)>\s*<rdf:li[^>]*>)?([^<]*)<" % tag, xmp)
    return m.group(1) if m else None


def xml_unescape(s):
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")


def pdf_date(d):
    """'D:20221001000000Z' as '2022-10-01T00:00:00'."""
    m = re.match(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)", d or "")
    return "%s-%s-%sT%s:%s:%s" % m.groups() if m else None


FORBIDDEN_ACTIONS = {"/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/Hide", "/SetOCGState",
                     "/Rendition", "/Trans", "/GoTo3DView", "/JavaScript"}


def check_pdfa(pdf, root, xmp, fail):
    info = pdf.get(pdf.trailer.get("/Info")) or {}
    for key, tag in (("/Title", "dc:title"), ("/Producer", "pdf:Producer"), ("/Creator", "xmp:CreatorTool"),
                     ("/Keywords", "pdf:Keywords"), ("/Author", "dc:creator")):
        if key in info and text_of(info[key]) != xml_unescape(xmp_value(xmp, tag) or ""):
            fail("pdfa", f"info {key} {text_of(info[key])!r} is not the XMP's {xmp_value(xmp, tag)!r}")
    for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if key in info and not (xmp_value(xmp, tag) or "").startswith(pdf_date(text_of(info[key])) or "?"):
            fail("pdfa", f"info {key} is not the XMP's {tag}")
    meta = root.get("/Metadata")
    if isinstance(meta, str) and b"/Filter" in pdf.raw_dict(meta):
        fail("pdfa", "the XMP stream is filtered")
    if "/ID" not in pdf.trailer or "/Encrypt" in pdf.trailer:
        fail("pdfa", "no file /ID, or encrypted")
    if "/AA" in root or "/JavaScript" in (pdf.get(root.get("/Names")) or {}):
        fail("pdfa", "the catalog holds actions or JavaScript")
    for key, o in pdf.objs.items():
        d = o.get("value", o.get("stream", {}).get("dict")) if isinstance(o, dict) else None
        if not isinstance(d, dict):
            continue
        if d.get("/Type") == "/Action" or "/S" in d and d.get("/S") in FORBIDDEN_ACTIONS:
            if d.get("/S") in FORBIDDEN_ACTIONS:
                fail("pdfa", f"a {d['/S']} action ({key})")
        if d.get("/Subtype") == "/Image" and d.get("/Interpolate") is True:
            fail("pdfa", f"an interpolated image ({key})")
        if d.get("/Type") == "/ExtGState" and any(k in d for k in ("/TR", "/TR2")):
            fail("pdfa", f"a transfer function ({key})")
        if d.get("/Type") == "/Annot" or d.get("/Subtype") in ("/Link", "/Widget", "/Text"):
            if "/Rect" not in d:
                continue
            flags = d.get("/F", 0)
            if not flags & 4 or flags & (1 | 2 | 32):
                fail("pdfa", f"an annotation not printed, or hidden ({key}: /F {flags})")
            if "/AA" in d:
                fail("pdfa", f"an annotation with additional actions ({key})")


def check(path):
    pdf = Pdf(path)
    root = pdf.get(pdf.trailer["/Root"])
    fails = {}

    def fail(name, where):
        fails.setdefault(name, []).append(where)

    # catalog
    if not text_of(root.get("/Lang")):
        fail("lang", "no /Lang in the catalog")
    if not (pdf.get(root.get("/ViewerPreferences")) or {}).get("/DisplayDocTitle"):
        fail("title", "no /DisplayDocTitle true")
    xmp = pdf.data(root["/Metadata"]).decode("utf-8", "replace") if "/Metadata" in root else ""
    if "<dc:title>" not in xmp:
        fail("title", "no dc:title in the XMP")
    if not (pdf.get(root.get("/MarkInfo")) or {}).get("/Marked") or "/StructTreeRoot" not in root:
        fail("marked", "not marked, or no structure tree")
    if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>", xmp):
        fail("ids", "no pdfuaid:part 1 in the XMP")
    if not re.search(r"<pdfaid:part>\s*2\s*</pdfaid:part>", xmp):
        fail("ids", "no pdfaid:part 2 in the XMP")
    if not re.search(r"<pdfaid:conformance>\s*A\s*</pdfaid:conformance>", xmp):
        fail("ids", "no pdfaid:conformance A in the XMP")
    if "pdfuaid:" in xmp and not re.search(
            r"<pdfaSchema:namespaceURI>\s*http://www.aiim.org/pdfua/ns/id/\s*</pdfaSchema:namespaceURI>", xmp):
        fail("ids", "pdfuaid used without the extension schema PDF/A asks for")
    intents = [pdf.get(i) or {} for i in pdf.get(root.get("/OutputIntents")) or []]
    if not any(i.get("/S") == "/GTS_PDFA1" and (pdf.get(i.get("/DestOutputProfile")) or {}).get("/N") == 3
               for i in intents):
        fail("outputintent", "no GTS_PDFA1 OutputIntent with an RGB profile")
    check_pdfa(pdf, root, xmp, fail)
    if "/PageLabels" not in root:
        fail("labels", "no page labels")

    # pages: tabs, content, fonts
    fonts_seen = set()
    for n, (ref, page) in enumerate(pdf.pages(), 1):
        if page.get("/Annots") and page.get("/Tabs") != "/S":
            fail("tabs", f"page {n}")
        contents = page.get("/Contents", [])
        for c in contents if isinstance(contents, list) else [contents]:
            bad = untagged_paints(pdf.data(c))
            if bad:
                fail("tagged", f"page {n}: {bad} painting operators outside tagged content")
        res = pdf.get(page.get("/Resources")) or {}
        for name, fref in (pdf.get(res.get("/Font")) or {}).items():
            if fref in fonts_seen:
                continue
            fonts_seen.add(fref)
            font = pdf.get(fref)
            if "/ToUnicode" not in font:
                fail("fonts", f"font {name} ({font.get('/BaseFont')}) without ToUnicode")
            elif re.search(rb"<\s*[Ff][Ff][Ff][Dd]\s*>", pdf.data(font["/ToUnicode"])):
                fail("unicode", f"font {name} ({font.get('/BaseFont')}) maps a glyph to U+FFFD")
            desc = font
            if font.get("/Subtype") == "/Type0":
                desc = pdf.get(pdf.get(font["/DescendantFonts"])[0])
            fd = pdf.get(desc.get("/FontDescriptor")) or {}
            if not any(k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                fail("fonts", f"font {name} ({font.get('/BaseFont')}) not embedded")

    # the structure tree
    tree = pdf.get(root.get("/StructTreeRoot")) or {}
    rolemap = pdf.get(tree.get("/RoleMap")) or {}
    last_level = [0]

    def role(elem):
        s = elem.get("/S", "")[1:]
        seen = 0
        while s not in STANDARD and "/" + s in rolemap and seen < 8:
            s = rolemap["/" + s][1:]
            seen += 1
        return s

    def kids(elem):
        k = elem.get("/K")
        return k if isinstance(k, list) else [] if k is None else [k]

    def walk(ref, depth):
        elem = pdf.get(ref)
        if not isinstance(elem, dict) or depth > 100:
            return
        if elem.get("/Type") == "/OBJR" or "/MCID" in elem:
            return
        r = role(elem)
        if "/S" in elem and r not in STANDARD:
            fail("roles", f"structure type {elem['/S']}")
        if re.fullmatch(r"H[1-6]", r):
            level = int(r[1])
            if level > last_level[0] + 1:
                fail("headings", f"H{level} after H{last_level[0]}: {text_of(elem.get('/T', '')) or ''}")
            last_level[0] = level
        if r == "LI":
            roles = [role(pdf.get(k)) for k in kids(elem) if isinstance(pdf.get(k), dict)]
            if "LBody" not in roles or any(x not in ("Lbl", "LBody") for x in roles):
                fail("lists", f"LI with {roles or 'no elements'}")
        if r == "Figure" and not text_of(elem.get("/Alt")):
            fail("figures", "a Figure without /Alt")
        if r == "Link":
            objrs = [pdf.get(k) for k in kids(elem)
                     if isinstance(pdf.get(k), dict) and pdf.get(k).get("/Type") == "/OBJR"]
            if not objrs:
                fail("links", "a Link without an OBJR")
            for o in objrs:
                annot = pdf.get(o.get("/Obj")) or {}
                if not text_of(annot.get("/Contents")):
                    fail("links", "a link annotation without /Contents")
        for k in kids(elem):
            walk(k, depth + 1)

    check_order(pdf, root, fail)
    roots = [pdf.get(k) for k in kids(tree)]
    if len(roots) != 1 or not isinstance(roots[0], dict) or role(roots[0]) != "Document":
        fail("root", f"{len(roots)} root elements: {[r.get('/S') for r in roots if isinstance(r, dict)][:3]}")
    for k in kids(tree):
        walk(k, 0)
    return fails


CHECKPOINTS = ["lang", "title", "marked", "root", "tagged", "roles", "headings", "lists", "figures", "links",
               "tabs", "fonts", "unicode", "labels", "ids", "outputintent", "pdfa", "order"]


def main(argv):
    required = None
    files = []
    i = 1
    while i < len(argv):
        if argv[i] == "--require":
            required = set(argv[i + 1].split(","))
            i += 2
        else:
            files.append(argv[i])
            i += 1
    if not files:
        print(__doc__, file=sys.stderr)
        return 2
    failed_files = 0
    for path in files:
        try:
            fails = check(path)
        except Exception as e:  # a file qpdf cannot read
            print(f"{path}: cannot be read: {e}")
            return 2
        bad_required = [c for c in fails if required is None or c in required]
        line = ", ".join(f"{c} {len(fails[c])}" for c in CHECKPOINTS if c in fails) or "none"
        print(f"{path}: failing checkpoints: {line}")
        for c in CHECKPOINTS:
            for where in fails.get(c, [])[:3]:
                print(f"  {c}: {where}")
        if bad_required:
            print(f"  FAIL: required checkpoint(s) failing: {', '.join(sorted(bad_required))}")
            failed_files += 1
    return failed_files


if __name__ == "__main__":
    sys.exit(main(sys.argv))
