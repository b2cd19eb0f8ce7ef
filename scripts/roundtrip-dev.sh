#!/bin/sh
# Round trips of the dev corpus gold records through each format and back,
# scored field by field (needs ../shared):
#   scripts/roundtrip-dev.sh [OUTDIR]
set -e
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
out=${1:-/tmp/refmill-roundtrip}
mkdir -p "$out"
python3 - "$shared/corpus/apa-dev.jsonl" "$out/gold.json" <<'PY'
import json, sys
items = [json.loads(l)["gold"] for l in open(sys.argv[1], encoding="utf-8")]
json.dump(items, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False, indent=1)
PY
cd "$here"
export CARGO_TARGET_DIR=${CARGO_TARGET_DIR:-$here/target}
cargo build -q --release --example roundtrip
for f in csl-json bibtex biblatex ris csv; do
  echo "== CSL-JSON -> $f -> CSL-JSON"
  "$CARGO_TARGET_DIR/release/examples/roundtrip" "$out/gold.json" "$f" "$out/back-$f.json"
  python3 "$shared/tools/score_csl.py" "$shared/corpus/apa-dev.jsonl" "$out/back-$f.json" ${SCORE_ARGS:-} > "$out/score-$f.txt"
  grep -E "micro|every field" "$out/score-$f.txt" || true
done
