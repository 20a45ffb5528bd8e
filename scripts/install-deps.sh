#!/usr/bin/env bash
# Installs the Debian packages that building and testing gkapub need, when missing.
# Safe to run again: it installs nothing when everything is there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config   # the build
  libxml2-dev libxml2-utils          # data and layouts: parsing, RelaxNG (xmllint for authors)
  libpango1.0-dev libfontconfig-dev  # text: shaping, line breaking, fonts
  libcairo2-dev libfreetype-dev      # the screen PDF and PNG previews
  libhpdf-dev                        # the print edition (libharu: CMYK)
  libhyphen-dev hyphen-nl            # Dutch hyphenation and its patterns
  libqpdf-dev zlib1g-dev             # finishing the PDF (its rewritten page content deflated)
  libqrencode-dev                    # QR codes on printed factsheets
  librsvg2-dev libjpeg-dev           # images: SVG drawn as vectors, JPEG decoded (PNG: cairo)
  liblcms2-dev                       # images in CMYK for print: Little CMS (the profile: layouts/kleur)
  qpdf poppler-utils python3         # tests: independent checks of the PDFs
  zbar-tools                         # tests: reading the QR codes back
  time                               # bench/: peak memory
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
