#!/usr/bin/env python3
"""Pairs the records refmill read back from a rendered list with the gold
records of the same title, for scoring with score_csl.py --match position:

    scripts/pair_by_title.py GOLD.jsonl READ.json OUTDIR

A rendering sorts the list its own way, and may lose or merge records; a
read record is paired with the first unused gold record whose title has
the same first 40 letters and digits. Writes OUTDIR/paired-gold.jsonl and
OUTDIR/paired-read.json, and prints the count. Standard library only.
"""

import json
import re
import sys


def key(title):
    return re.sub(r"[^a-z0-9]", "", (title or "").lower())[:40]


def main() -> None:
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    gold_path, read_path, out = sys.argv[1:]
    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8")]
    read = json.load(open(read_path, encoding="utf-8"))
    by_title = {}
    for i, g in enumerate(gold):
        by_title.setdefault(key(g["gold"].get("title")), []).append(i)
    used, pairs = set(), []
    for j, r in enumerate(read):
        free = [i for i in by_title.get(key(r.get("title")), []) if i not in used]
        if free:
            used.add(free[0])
            pairs.append((free[0], j))
    print(f"paired by title: {len(pairs)} of {len(read)} records read ({len(gold)} gold)")
    with open(f"{out}/paired-gold.jsonl", "w", encoding="utf-8") as f:
        for i, _ in pairs:
            f.write(json.dumps(gold[i], ensure_ascii=False) + "\n")
    with open(f"{out}/paired-read.json", "w", encoding="utf-8") as f:
        json.dump([read[j] for _, j in pairs], f, ensure_ascii=False)


if __name__ == "__main__":
    main()
