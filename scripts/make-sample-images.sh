#!/usr/bin/env bash
# Regenerates the sample rasters in data/2022/afbeeldingen/ and data/2020/afbeeldingen/ from
# their SVG sources in bronnen/
# (PNG with rsvg-convert, baseline JPEG with cjpeg), so anyone can reproduce them.
# Run it by hand after editing a source; the build and the tests never run it.
set -euo pipefail
cd "$(dirname "$0")/.."

dir=data/2022/afbeeldingen
src=$dir/bronnen

# cjpeg reads PPM, not PNG, so pngtopnm (netpbm) sits in between.
for tool in rsvg-convert cjpeg pngtopnm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "make-sample-images: $tool is missing; install it with:" >&2
    echo "  apt-get install -y librsvg2-bin libjpeg-turbo-progs netpbm" >&2
    exit 1
  fi
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# illustratie-samenwerking.png: 1200x1100, for a column on its own beside the text
rsvg-convert --width 1200 --height 1100 "$src/illustratie-samenwerking.svg" -o "$tmp/samenwerking.png"
mv "$tmp/samenwerking.png" "$dir/illustratie-samenwerking.png"

# illustratie-schoolplein.jpg: 1600x900, baseline (not progressive), quality 85, no EXIF; the
# source is opaque, and the white behind it only matters should a transparent part ever appear.
rsvg-convert --width 1600 --height 900 --background-color '#ffffff' \
  "$src/illustratie-schoolplein.svg" -o "$tmp/schoolplein.png"
pngtopnm -mix -background='#ffffff' "$tmp/schoolplein.png" >"$tmp/schoolplein.ppm"
cjpeg -quality 85 -sample 1x1 -optimize -outfile "$tmp/schoolplein.jpg" "$tmp/schoolplein.ppm"
mv "$tmp/schoolplein.jpg" "$dir/illustratie-schoolplein.jpg"

# illustratie-rijke-schooldag.jpg: 1920x640, as the schoolplein; a band at the foot of a column
rsvg-convert --width 1920 --height 640 --background-color '#ffffff' \
  "$src/illustratie-rijke-schooldag.svg" -o "$tmp/rijke-schooldag.png"
pngtopnm -mix -background='#ffffff' "$tmp/rijke-schooldag.png" >"$tmp/rijke-schooldag.ppm"
cjpeg -quality 85 -sample 1x1 -optimize -outfile "$tmp/rijke-schooldag.jpg" "$tmp/rijke-schooldag.ppm"
mv "$tmp/rijke-schooldag.jpg" "$dir/illustratie-rijke-schooldag.jpg"

# 2020: illustratie-stage.jpg, 1920x640, as the rijke schooldag
dir2020=data/2020/afbeeldingen
rsvg-convert --width 1920 --height 640 --background-color '#ffffff' \
  "$dir2020/bronnen/illustratie-stage.svg" -o "$tmp/stage.png"
pngtopnm -mix -background='#ffffff' "$tmp/stage.png" >"$tmp/stage.ppm"
cjpeg -quality 85 -sample 1x1 -optimize -outfile "$tmp/stage.jpg" "$tmp/stage.ppm"
mv "$tmp/stage.jpg" "$dir2020/illustratie-stage.jpg"

ls -l "$dir/illustratie-samenwerking.png" "$dir/illustratie-schoolplein.jpg" "$dir/illustratie-rijke-schooldag.jpg" \
  "$dir2020/illustratie-stage.jpg"
