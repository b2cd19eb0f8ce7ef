#!/bin/sh
# The dev corpus as pybtex renders it with its APA style (pybtex-apa-style
# on PyPI, the "apa" style of Sphinx's sphinxcontrib-bibtex; APA-like:
# "(2016 , December)", "URL: https://…", "doi:10.…", chapters without
# "In", six authors and an ellipsis), read back by refmill and scored
# field by field, each record paired with the gold record of the same
# title (needs ../shared and `pip install pybtex pybtex-apa-style`):
#   scripts/pybtex-render-score.sh [OUTDIR]
# The gold records go to BibTeX through refmill's own writer; pybtex
# cannot format some of them (an @incollection without an editor, ...):
# those are left out, and the count is printed.
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
out=${1:-/tmp/refmill-pybtex}
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
"$bin" convert --from csl-json "$out/gold.json" --to bibtex -o "$out/refs.bib" --quiet
python3 - "$out/refs.bib" "$out/list.txt" <<'PY'
import sys
from pybtex.database import parse_file
from pybtex.plugin import find_plugin
bib = parse_file(sys.argv[1])
style = find_plugin("pybtex.style.formatting", "apa")()
text = find_plugin("pybtex.backends", "text")()
out, failed = [], 0
for key, entry in bib.entries.items():
    try:
        out.append(next(iter(style.format_entries([entry]))).text.render(text))
    except Exception:
        failed += 1
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(out) + "\n")
print(f"pybtex formatted {len(out)} entries, {failed} it could not")
PY
"$bin" convert "$out/list.txt" --to csl-json -o "$out/read.json" 2> "$out/read.err" || true
tail -n 1 "$out/read.err"
python3 "$here/scripts/pair_by_title.py" "$shared/corpus/apa-dev.jsonl" "$out/read.json" "$out"
python3 "$shared/tools/score_csl.py" "$out/paired-gold.jsonl" "$out/paired-read.json" --match position ${SCORE_ARGS:-} > "$out/score.txt"
grep -E "micro|every field" "$out/score.txt"
