#!/usr/bin/env python3
"""Writes a copy of a year's data with every interventie repeated N times (new ids),
for benchmarks: python3 bench/scale.py data/2022 /tmp/gka-10x 10"""
import os
import shutil
import sys
import xml.etree.ElementTree as ET

src, dst, factor = sys.argv[1], sys.argv[2], int(sys.argv[3])
if os.path.exists(dst):
    shutil.rmtree(dst)
shutil.copytree(src, dst)
for folder, _, files in os.walk(dst):
    for name in files:
        path = os.path.join(folder, name)
        if not name.endswith(".xml"):
            continue
        tree = ET.parse(path)
        root = tree.getroot()
        if root.tag != "interventies":
            continue
        originals = list(root)
        for copy in range(1, factor):
            for iv in originals:
                clone = ET.fromstring(ET.tostring(iv))
                clone.set("id", f"{iv.get('id')}-x{copy}")
                clone.find("titel").text = f"{iv.find('titel').text} ({copy + 1})"
                root.append(clone)
        tree.write(path, encoding="UTF-8", xml_declaration=True)
