#!/bin/sh
# The dev corpus as a reader meets it in a paper: its gold records typeset
# by LaTeX with another APA style, copied out of the PDF with pdftotext,
# read back by refmill and scored field by field (needs ../shared, TeX Live
# with apacite and biblatex-apa, biber, pdftotext):
#   scripts/pdf-render-score.sh [apacite|apalike|biblatex-apa|biblatex-apa6|docx] [-layout] [OUTDIR]
# apacite sets APA 6 ("doi:" prefixes, "Retrieved from", ". . ."),
# biblatex-apa APA 7, biblatex-apa6 APA 6, docx the list a Word user
# gets (pandoc's citeproc with the APA CSL style, a .docx, LibreOffice's
# PDF), and BibTeX's apalike (with natbib) the APA-like form
# of many science papers ("Smith, J. and Doe, A. (2019). Title. Journal,
# 9(8):1123–1136."; it prints no DOI, URL, month or day). The records go to LaTeX through refmill's own BibTeX
# or BibLaTeX writer (ASCII), so what that writer cannot hold is lost on
# the way. The list comes out in the style's sort order: each record read
# is paired with the gold record of the same title (the first 40 letters
# and digits), and only paired records are scored (the count is printed).
# TWOCOLUMN=1 sets a LaTeX list in two columns, as journals print it:
# narrow lines, links broken and spaced out by justification.
# EXTRACT=pdfminer or EXTRACT=pymupdf copies the text out with pdfminer.six
# or PyMuPDF instead of pdftotext (pip install pdfminer.six pymupdf).
set -e
style=${1:-apacite}
layout=${2:-}
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
out=${3:-/tmp/refmill-pdf-$style$layout}
mkdir -p "$out"
cd "$here"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
cargo build -q --release
bin="$CARGO_TARGET_DIR/release/refmill"
python3 - "$shared/corpus/apa-dev.jsonl" "$out/gold.json" <<'PY'
import json, sys
items = [json.loads(l)["gold"] for l in open(sys.argv[1], encoding="utf-8")]
json.dump(items, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PY
case "$style" in
  apacite) fmt=bibtex; pkg='\usepackage{apacite}'; print='\bibliographystyle{apacite}\bibliography{refs}'; bib=bibtex ;;
  apalike) fmt=bibtex; pkg='\usepackage{natbib}'; print='\bibliographystyle{apalike}\bibliography{refs}'; bib=bibtex ;;
  biblatex-apa) fmt=biblatex; pkg='\usepackage[american]{babel}\usepackage{csquotes}\usepackage[style=apa,backend=biber]{biblatex}\addbibresource{refs.bib}'; print='\printbibliography'; bib=biber ;;
  biblatex-apa6) fmt=biblatex; pkg='\usepackage[american]{babel}\usepackage{csquotes}\usepackage[style=apa6,backend=biber]{biblatex}\addbibresource{refs.bib}'; print='\printbibliography'; bib=biber ;;
  docx) ;;
  *) echo "style: apacite, apalike, biblatex-apa, biblatex-apa6 or docx" >&2; exit 2 ;;
esac
if [ "$style" = docx ]; then
  # A Word user's list: pandoc's citeproc with the APA CSL style into a
  # .docx, LibreOffice to PDF (needs pandoc and soffice).
  printf -- "---\nnocite: '@*'\n---\n" > "$out/doc.md"
  pandoc "$out/doc.md" --citeproc --bibliography "$out/gold.json" \
    --csl "$shared/tools/csl/apa.csl" -o "$out/doc.docx"
  (cd "$out" && soffice --headless --convert-to pdf doc.docx >/dev/null 2>&1)
else
"$bin" convert --from csl-json "$out/gold.json" --to "$fmt" --ascii -o "$out/refs.bib" --quiet
cat > "$out/doc.tex" <<EOF
\documentclass${TWOCOLUMN:+[twocolumn]}{article}
\usepackage[T1]{fontenc}
\usepackage[utf8]{inputenc}
\usepackage{lmodern}
\usepackage{cmap}
\usepackage{url}
$pkg
\begin{document}
\nocite{*}
$print
\end{document}
EOF
(cd "$out" && pdflatex -interaction=nonstopmode doc.tex >/dev/null || true
 $bib doc >/dev/null 2>&1 || true
 pdflatex -interaction=nonstopmode doc.tex >/dev/null || true
 pdflatex -interaction=nonstopmode doc.tex >/dev/null || true)
fi
case "${EXTRACT:-pdftotext}" in
  pdftotext) pdftotext $layout "$out/doc.pdf" "$out/list.txt" ;;
  pdfminer) pdf2txt.py "$out/doc.pdf" > "$out/list.txt" ;;
  pymupdf) python3 -c 'import sys, pymupdf; open(sys.argv[2], "w").write("".join(p.get_text() for p in pymupdf.open(sys.argv[1])))' "$out/doc.pdf" "$out/list.txt" ;;
esac
"$bin" convert "$out/list.txt" --to csl-json -o "$out/read.json" 2> "$out/read.err" || true
tail -n 1 "$out/read.err"
python3 "$here/scripts/pair_by_title.py" "$shared/corpus/apa-dev.jsonl" "$out/read.json" "$out"
python3 "$shared/tools/score_csl.py" "$out/paired-gold.jsonl" "$out/paired-read.json" --match position ${SCORE_ARGS:-} > "$out/score.txt"
grep -E "micro|every field" "$out/score.txt"
