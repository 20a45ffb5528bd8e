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
    meta = pdf.get(root.get("/Metadata")) or {}
    if "/Filter" in meta:
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

    roots = [pdf.get(k) for k in kids(tree)]
    if len(roots) != 1 or not isinstance(roots[0], dict) or role(roots[0]) != "Document":
        fail("root", f"{len(roots)} root elements: {[r.get('/S') for r in roots if isinstance(r, dict)][:3]}")
    for k in kids(tree):
        walk(k, 0)
    return fails


CHECKPOINTS = ["lang", "title", "marked", "root", "tagged", "roles", "headings", "lists", "figures", "links",
               "tabs", "fonts", "unicode", "labels", "ids", "outputintent", "pdfa"]


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
