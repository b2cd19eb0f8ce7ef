#!/bin/sh
# A reference list as a web page (HTML, hanging indent) printed to PDF by
# Chromium, its text read back with pdftotext, converted by refmill and
# scored against gold CSL-JSON records (one JSON object per line with a
# "gold" member, as ../shared/corpus/apa-dev.jsonl):
#
#   scripts/chromium-pdf-score.sh LIST.txt GOLD.jsonl [OUTDIR] [-layout]
#
# LIST.txt holds one reference per paragraph. Needs chromium (Debian
# package chromium), pdftotext (poppler-utils) and python3. Records are
# paired with the gold by title (scripts/pair_by_title.py), since a
# reference the PDF text runs into another is one record fewer.
set -e
list=$1; gold=$2; out=${3:-/tmp/refmill-chromium}; mode=${4:-}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
mkdir -p "$out"
python3 - "$list" "$out/list.html" <<'PY'
import html, sys
refs = [p.strip().replace("\n", " ") for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if p.strip()]
css = ('body{font-family:"Liberation Serif","Times New Roman",serif;font-size:12pt;line-height:2;margin:1in}'
       'h1{text-align:center;font-size:12pt}'
       'p{padding-left:0.5in;text-indent:-0.5in;margin:0;overflow-wrap:anywhere}')
body = "\n".join("<p>" + html.escape(r) + "</p>" for r in refs)
open(sys.argv[2], "w", encoding="utf-8").write(
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><style>' + css
    + "</style></head><body><h1>References</h1>\n" + body + "</body></html>")
PY
chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
  --print-to-pdf="$out/list.pdf" "$out/list.html" 2>/dev/null
pdftotext $mode "$out/list.pdf" "$out/list.txt"
cd "$here"
cargo build -q --release
target/release/refmill convert "$out/list.txt" --to csl-json -q -o "$out/read.json" || true
python3 scripts/pair_by_title.py "$gold" "$out/read.json" "$out"
python3 "$shared/tools/score_csl.py" "$out/paired-gold.jsonl" "$out/paired-read.json" --match position --by-field
