#!/bin/sh
# The peer comparison in docs/conversions.md: the dev corpus gold records
# (a CSL-JSON array) through refmill, citation.js, pandoc and bibutils, each
# output read back and scored field by field. Needs ../shared, node with
# the citation.js packages in $PEERS (installed there on first run), pandoc
# and bibutils (Debian packages).
#   scripts/peers.sh [OUTDIR]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
out=${1:-/tmp/refmill-peers}
PEERS=${PEERS:-/tmp/refmill-peers-node}
gold_jsonl=$shared/corpus/apa-dev.jsonl
mkdir -p "$out" "$PEERS"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
"$here/scripts/roundtrip-dev.sh" "$out" > /dev/null
(cd "$here" && cargo build -q --release --example convert)
C=$CARGO_TARGET_DIR/release/examples/convert
G=$out/gold.json

if [ ! -d "$PEERS/node_modules/@citation-js/core" ]; then
  (cd "$PEERS" && npm init -y > /dev/null &&
   npm install @citation-js/core @citation-js/plugin-bibtex @citation-js/plugin-ris @citation-js/plugin-csl > /dev/null)
fi
for f in bibtex biblatex ris; do
  NODE_PATH=$PEERS/node_modules node "$here/scripts/peers-citationjs.js" "$G" $f "$out/cjs-$f.json"
done
for f in bibtex biblatex; do
  pandoc -f csljson -t $f "$G" -o "$out/pandoc-$f.bib"
  pandoc -f $f -t csljson "$out/pandoc-$f.bib" -o "$out/pandoc-$f.json"
done
# bibutils reads and writes neither CSL-JSON nor CSV: it converts refmill's
# BibLaTeX and RIS of the gold, and refmill reads its output (the input
# and the final reader are the same for both converters).
"$C" csl-json biblatex < "$G" > "$out/gold.biblatex.bib" 2> /dev/null
"$C" csl-json ris < "$G" > "$out/gold.ris" 2> /dev/null
biblatex2xml "$out/gold.biblatex.bib" 2> "$out/bibutils-a.err" | xml2ris > "$out/bu-a.ris" 2>> "$out/bibutils-a.err"
"$C" ris csl-json < "$out/bu-a.ris" > "$out/bu-biblatex2ris.json" 2> /dev/null
"$C" biblatex ris < "$out/gold.biblatex.bib" 2> /dev/null | "$C" ris csl-json > "$out/rm-biblatex2ris.json" 2> /dev/null
ris2xml "$out/gold.ris" 2> "$out/bibutils-b.err" | xml2bib -b > "$out/bu-b.bib" 2>> "$out/bibutils-b.err"
"$C" bibtex csl-json < "$out/bu-b.bib" > "$out/bu-ris2bibtex.json" 2> /dev/null
"$C" ris bibtex < "$out/gold.ris" 2> /dev/null | "$C" bibtex csl-json > "$out/rm-ris2bibtex.json" 2> /dev/null

T="python3 $here/scripts/score_table.py $gold_jsonl"
export SCORER=$shared/tools/score_csl.py
echo "### CSL-JSON → format → CSL-JSON"
$T "refmill BibTeX=$out/back-bibtex.json" "citation.js BibTeX=$out/cjs-bibtex.json" \
   "pandoc BibTeX=$out/pandoc-bibtex.json" "refmill BibLaTeX=$out/back-biblatex.json" \
   "citation.js BibLaTeX=$out/cjs-biblatex.json" "pandoc BibLaTeX=$out/pandoc-biblatex.json" \
   "refmill RIS=$out/back-ris.json" "citation.js RIS=$out/cjs-ris.json" "refmill CSV=$out/back-csv.json"
echo
echo "### BibLaTeX → RIS and RIS → BibTeX (bibutils vs refmill)"
$T "refmill BibLaTeX→RIS=$out/rm-biblatex2ris.json" "bibutils BibLaTeX→RIS=$out/bu-biblatex2ris.json" \
   "refmill RIS→BibTeX=$out/rm-ris2bibtex.json" "bibutils RIS→BibTeX=$out/bu-ris2bibtex.json"
