#!/usr/bin/env python3
"""make-map-outline.py: the outline of the Netherlands for gkapub's maps, from Natural Earth.

Usage: scripts/make-map-outline.py COUNTRIES_10M_JSON LAKES_10M_GEOJSON > layouts/kaart/nederland.txt

COUNTRIES_10M_JSON is countries-10m.json of the npm package world-atlas 2.0.2 (Natural
Earth 1:10m admin-0 countries as TopoJSON; get it with `npm pack world-atlas@2.0.2` and
unpack the tarball). LAKES_10M_GEOJSON is map.geo.json of the npm package
@geo-maps/earth-lakes-10m 0.6.0 (lakes from OpenStreetMap, ODbL; `npm pack
@geo-maps/earth-lakes-10m@0.6.0`): Natural Earth counts the IJsselmeer as land. Run once;
the output is committed, and neither the build nor the tests reach the registry. Writes
the Netherlands (ISO 3166 528) whole, Belgium (056) and Germany (276) cut to the map's
frame, and the larger lakes inside the frame (code MR), as rings of "longitude latitude"
lines.
"""
import json
import sys

# lon0, lat0, lon1, lat1: the box a map of the Netherlands shows (NL_MAP_WEST and the
# others in src/components/components.h), to which the neighbours are cut
FRAME = (3.2, 50.62, 7.33, 53.6)
COUNTRIES = [("528", "NL"), ("056", "BE"), ("276", "DE")]
# a lake smaller than this (square degrees, about 10 km2 here) is not seen on these maps
MIN_LAKE = 0.0013


def decode_arcs(topo):
    scale, translate = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * scale[0] + translate[0], y * scale[1] + translate[1]))
        arcs.append(points)
    return arcs


def ring(arcs, indexes):
    points = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        points.extend(arc[1:] if points else arc)
    return points


def clip(points, frame):
    """Sutherland-Hodgman: the ring cut to the frame."""
    lon0, lat0, lon1, lat1 = frame
    edges = [(lambda p: p[0] >= lon0, lambda a, b: cross_x(a, b, lon0)),
             (lambda p: p[0] <= lon1, lambda a, b: cross_x(a, b, lon1)),
             (lambda p: p[1] >= lat0, lambda a, b: cross_y(a, b, lat0)),
             (lambda p: p[1] <= lat1, lambda a, b: cross_y(a, b, lat1))]
    for inside, cross in edges:
        out = []
        for k, cur in enumerate(points):
            prev = points[k - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        points = out
        if not points:
            break
    return points


def cross_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def cross_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def area(points):
    return abs(sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(points, points[1:] + points[:1]))) / 2


def lakes(path):
    """The outer rings of the larger lakes that reach into the frame, cut to it."""
    out = []
    for g in json.load(open(path))["geometries"]:
        polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
        for polygon in polygons:
            points = [(x, y) for x, y in polygon[0]]
            if area(points) < MIN_LAKE:
                continue
            points = clip(points, FRAME)
            if len(points) >= 3:
                out.append(points)
    return out


def main(path, lakes_path):
    topo = json.load(open(path))
    arcs = decode_arcs(topo)
    geometries = {g.get("id"): g for g in topo["objects"]["countries"]["geometries"]}
    print("# The Netherlands and, cut to the map's frame, Belgium and Germany: rings of")
    print("# \"longitude latitude\", each after a line \"ring CODE\".")
    print("# Source: Natural Earth 1:10m admin-0 countries (public domain, naturalearthdata.com),")
    print("# as TopoJSON in the npm package world-atlas 2.0.2 (countries-10m.json, ISC licence).")
    print("# The lakes (MR): (c) OpenStreetMap contributors, ODbL (openstreetmap.org/copyright),")
    print("# from the npm package @geo-maps/earth-lakes-10m 0.6.0.")
    print("# Made by scripts/make-map-outline.py; not to be edited by hand.")
    print("bron Land: Natural Earth; Meren: \u00a9 OpenStreetMap-bijdragers")
    for iso, code in COUNTRIES:
        g = geometries[iso]
        polygons = g["arcs"] if g["type"] == "MultiPolygon" else [g["arcs"]]
        for polygon in polygons:
            for indexes in polygon:
                points = ring(arcs, indexes)
                if code == "NL" and not all(FRAME[0] <= x <= FRAME[2] and FRAME[1] <= y <= FRAME[3] for x, y in points):
                    continue  # the Caribbean Netherlands: not on this map
                if code != "NL":
                    points = clip(points, FRAME)
                if len(points) < 3:
                    continue
                print("ring", code)
                for x, y in points:
                    print("%.4f %.4f" % (x, y))
    for points in lakes(lakes_path):
        print("ring MR")
        for x, y in points:
            print("%.4f %.4f" % (x, y))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
