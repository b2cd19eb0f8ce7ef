#!/usr/bin/env python3
"""How many of the gold's values of the fields score_csl.py does not score
(translator, event-title, collection-title, version, medium) each output
keeps, side by side:

    extra_fields.py GOLD.json LABEL=OUT.json [LABEL=OUT.json ...]

GOLD.json is the CSL-JSON array of the gold items; outputs are paired by
position when they have as many items, else by id. A value is kept when it is there and equal after whitespace, case and
dash folding (names: the list of family names).
"""
import json
import sys
import unicodedata

FIELDS = ["translator", "event-title", "collection-title", "version", "medium"]


def norm(v):
    if isinstance(v, list):
        return [norm((n.get("non-dropping-particle", "") + " " + (n.get("family") or n.get("literal") or "")).strip()) for n in v]
    s = unicodedata.normalize("NFC", str(v)).lower()
    for d in "–—‐":
        s = s.replace(d, "-")
    return " ".join(s.split()).rstrip(".")


gold_list = json.load(open(sys.argv[1], encoding="utf-8"))
gold = {x["id"]: x for x in gold_list}
runs = []
for arg in sys.argv[2:]:
    label, path = arg.split("=", 1)
    items = json.load(open(path, encoding="utf-8"))
    if len(items) == len(gold_list):
        # Same length: paired by position, as score_csl.py does.
        runs.append((label, {g["id"]: x for g, x in zip(gold_list, items)}))
    else:
        runs.append((label, {x.get("id"): x for x in items}))
print("| field (gold values) | " + " | ".join(l for l, _ in runs) + " |")
print("|---|" + "---:|" * len(runs))
for f in FIELDS:
    have = [i for i, g in gold.items() if f in g]
    cells = []
    for _, out in runs:
        kept = sum(1 for i in have if i in out and f in out[i] and norm(out[i][f]) == norm(gold[i][f]))
        cells.append(f"{kept}/{len(have)}")
    print(f"| {f} ({len(have)}) | " + " | ".join(cells) + " |")
