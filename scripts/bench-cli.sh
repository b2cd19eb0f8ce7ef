#!/usr/bin/env bash
# End-to-end speed and memory of the refmill CLI (not part of the test run).
#
#   scripts/bench-cli.sh                 # 100,000 references, CSL-JSON, 1 thread and all cores
#   scripts/bench-cli.sh --formats       # ... and every output format
#   scripts/bench-cli.sh --big 1024      # ... and a ~1024 MB list (memory stays flat?)
#
# The list is built by repeating ../shared/corpus/apa-dev.txt (the
# development corpus, 1,977 references) when it is there, else
# samples/*.txt, else benches/data/apa-sample.txt. Times come from
# hyperfine (mean of several runs after a warm-up), peak memory from
# GNU time (`/usr/bin/time -v`, "Maximum resident set size"). Work files
# go to $BENCH_DIR (default: a temporary directory, removed at the end).
set -euo pipefail
cd "$(dirname "$0")/.."

formats=(csl-json)
big_mb=0
while [ $# -gt 0 ]; do
    case "$1" in
        --formats) formats=(csl-json bibtex biblatex ris csv) ;;
        --big) big_mb="$2"; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "needs $tool (apt-get install hyperfine time)" >&2; exit 2; }
done

target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet
bin="$target/release/refmill"

if [ -n "${BENCH_DIR:-}" ]; then
    work="$BENCH_DIR"; mkdir -p "$work"
else
    work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
fi

src=../shared/corpus/apa-dev.txt
if [ ! -f "$src" ]; then
    src="$(ls samples/*.txt 2>/dev/null | head -1 || true)"
    [ -n "$src" ] || src=benches/data/apa-sample.txt
fi

# References in a file, from the summary line.
count_refs() {
    "$bin" convert "$1" --to ris -o /dev/null 2>&1 | sed -n 's/.* \([0-9]*\) references\{0,1\} in,.*/\1/p' | tail -1
}

per_copy="$(count_refs "$src")"
copies=$(( (100000 + per_copy - 1) / per_copy ))
list="$work/list-100k.txt"
for _ in $(seq "$copies"); do cat "$src"; printf '\n\n'; done > "$list"
refs="$(count_refs "$list")"
cores="$(nproc)"

echo "machine: $(lscpu | sed -n 's/^Model name: *//p' | head -1), $cores cores, $(free -g | awk '/^Mem:/{print $2}') GiB; load now: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "input:   $list: $refs references, $(du -m "$list" | cut -f1) MB ($copies copies of $src)"
echo

# peak_rss CMD... -> KB
peak_rss() {
    /usr/bin/time -v "$@" 2>&1 >/dev/null | sed -n 's/.*Maximum resident set size (kbytes): //p'
}

# refs/s is references over mean wall-clock time; refs/cpu-s over user +
# system CPU time (steadier on a machine shared with other work).
printf '%-10s %5s %8s %8s %10s %12s %10s\n' format jobs "mean s" "min s" "refs/s" "refs/cpu-s" "peak RSS"
for fmt in "${formats[@]}"; do
    for jobs in 1 "$cores"; do
        cmd=("$bin" convert "$list" --to "$fmt" --jobs "$jobs" -q -o "$work/out")
        hyperfine -N --style none --warmup 1 --runs 5 --export-json "$work/h.json" "${cmd[*]}" >/dev/null 2>&1
        read -r mean min cpu < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print(r["mean"], r["min"], r["user"]+r["system"])' "$work/h.json")
        rss="$(peak_rss "${cmd[@]}")"
        printf '%-10s %5s %8.3f %8.3f %10.0f %12.0f %7.1f MB\n' "$fmt" "$jobs" "$mean" "$min" \
            "$(python3 -c "print($refs/$mean)")" "$(python3 -c "print($refs/$cpu)")" "$(python3 -c "print($rss/1024)")"
    done
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

if [ "$big_mb" -gt 0 ]; then
    big="$work/list-big.txt"
    : > "$big"
    while [ "$(stat -c %s "$big")" -lt $(( big_mb * 1024 * 1024 )) ]; do cat "$list" >> "$big"; done
    echo
    echo "big input: $big: $(du -m "$big" | cut -f1) MB"
    for fmt in "${formats[@]}"; do
        out="$(/usr/bin/time -v "$bin" convert "$big" --to "$fmt" -o "$work/out" 2>&1 >/dev/null)"
        summary="$(printf '%s\n' "$out" | grep '^refmill: ' | tail -1)"
        rss="$(printf '%s\n' "$out" | sed -n 's/.*Maximum resident set size (kbytes): //p')"
        printf '%-10s all cores: peak RSS %.1f MB; %s\n' "$fmt" "$(python3 -c "print($rss/1024)")" "$summary"
    done
fi
