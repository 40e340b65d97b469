#!/usr/bin/env bash
# Renders an SVG figure (e.g. a comparison's report.svg) to PNG, to look at it or to check that it
# renders. Needs rsvg-convert (Debian: apt-get install -y librsvg2-bin) or ImageMagick's convert.
#
#   scripts/render-svg.sh runs/compare/report.svg            # writes runs/compare/report.png
#   scripts/render-svg.sh report.svg out.png 1760             # width in pixels (default 1320)
set -euo pipefail
if [[ $# -lt 1 || $# -gt 3 ]]; then
  echo "usage: $0 FILE.svg [OUT.png] [WIDTH]" >&2
  exit 64
fi
input=$1
output=${2:-${input%.svg}.png}
width=${3:-1320}
if [[ ! -f $input ]]; then
  echo "$0: no such file: $input" >&2
  exit 1
fi
if command -v rsvg-convert >/dev/null 2>&1; then
  rsvg-convert --width "$width" --keep-aspect-ratio --background-color white -o "$output" "$input"
elif command -v convert >/dev/null 2>&1 && convert -version 2>/dev/null | grep -q ImageMagick; then
  convert -background white -density 192 "$input" -resize "${width}x" "$output"
else
  echo "$0: needs rsvg-convert (apt-get install -y librsvg2-bin) or ImageMagick" >&2
  exit 1
fi
echo "$output"
