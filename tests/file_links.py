#!/usr/bin/env python3
"""file_links.py: the links from one publication into another, as a reader follows them.

Usage: file_links.py FILE.pdf...

For every link to another file (a GoToR action), in each PDF given: the file is there,
relative to the PDF's folder, and the destination the link names (a string /D) is a named
destination of that file. Prints one line per PDF: the number of such links, and of those
with a named destination; then each problem. Exit status: the number of problems.
"""
import json
import os
import re
import subprocess
import sys


def objects(path):
    out = subprocess.run(["qpdf", "--json", "--json-key=qpdf", path], capture_output=True)
    if out.returncode not in (0, 3):
        raise RuntimeError(out.stderr.decode(errors="replace").strip())
    return json.loads(out.stdout)["qpdf"][1]


def value(objs, v):
    if isinstance(v, str) and re.fullmatch(r"\d+ \d+ R", v):
        o = objs.get("obj:" + v, {})
        return o.get("value", o.get("stream", {}).get("dict"))
    return v


def text(v):
    return v[2:] if isinstance(v, str) and v.startswith("u:") else v


def named_destinations(path):
    objs = objects(path)
    root = value(objs, objs["trailer"]["value"]["/Root"])
    names = set()

    def walk(node, depth):
        node = value(objs, node) or {}
        if depth > 32:
            return
        pairs = value(objs, node.get("/Names")) or []
        names.update(text(pairs[i]) for i in range(0, len(pairs), 2))
        for kid in value(objs, node.get("/Kids")) or []:
            walk(kid, depth + 1)
    walk((value(objs, root.get("/Names")) or {}).get("/Dests"), 0)
    for key in (value(objs, root.get("/Dests")) or {}):
        names.add(key[1:])
    return names


def main(paths):
    problems = 0
    dests_of = {}
    for path in paths:
        objs = objects(path)
        links = named = 0
        for o in objs.values():
            d = value(objs, o.get("value")) if isinstance(o, dict) else None
            if not isinstance(d, dict) or d.get("/Subtype") != "/Link":
                continue
            action = value(objs, d.get("/A")) or {}
            if action.get("/S") != "/GoToR":
                continue
            links += 1
            target = os.path.normpath(os.path.join(os.path.dirname(path), text(value(objs, action.get("/F")))))
            if not os.path.isfile(target):
                print(f"  {path}: a link to {target}, which is not there")
                problems += 1
                continue
            dest = text(value(objs, action.get("/D")))
            if isinstance(dest, str):
                named += 1
                if target not in dests_of:
                    dests_of[target] = named_destinations(target)
                if dest not in dests_of[target]:
                    print(f"  {path}: a link to {dest!r} in {target}, which has no such destination")
                    problems += 1
        print(f"{path}: {links} links to other files, {named} to a named destination")
    return problems


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1:]))
