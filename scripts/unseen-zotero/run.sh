#!/bin/sh
# A list refmill was not built on, made the way the dev corpus was: the
# Zotero translators' test records (the 2019 bundle on npm,
# zotero-translators@0.0.2) whose titles are not in the dev corpus,
# mapped to CSL-JSON, rendered as one APA 7 list with citeproc-js, gold by
# the dev corpus's conventions; then read by refmill and scored.
# Needs network access to the npm registry, node, python3, ../shared and
# citeproc-js (`npm install citeproc@2.4.63` somewhere on NODE_PATH, or in
# ../shared/tools).
#   scripts/unseen-zotero/run.sh [OUTDIR]
set -e
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
shared=${SHARED:-$root/../shared}
out=${1:-/tmp/refmill-unseen-zotero}
mkdir -p "$out"
if [ ! -f "$out/package/index.js" ]; then
  curl -sSf -o "$out/pkg.tgz" https://registry.npmjs.org/zotero-translators/-/zotero-translators-0.0.2.tgz
  tar -xzf "$out/pkg.tgz" -C "$out"
fi
node "$here/extract.js" "$out/package/index.js" "$out/items.json"
python3 "$here/to_csl.py" "$out/items.json" "$shared/corpus/apa-dev.jsonl" "$out/csl.json"
node "$here/render.js" "$shared/tools" "$out/csl.json" "$out/rendered.json"
python3 "$here/gold.py" "$out/csl.json" "$out/rendered.json" "$out/list"
cd "$root" && cargo build -q --release
"$root/target/release/refmill" convert "$out/list.txt" --to csl-json -o "$out/read.json" 2> "$out/read.err" || true
tail -n 1 "$out/read.err"
python3 "$shared/tools/score_csl.py" "$out/list.jsonl" "$out/read.json" --by-field
