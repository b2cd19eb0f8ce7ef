#!/usr/bin/env python3
"""Per-field F1 of several CSL-JSON outputs against one gold, side by side:

    score_table.py GOLD.jsonl LABEL=OUT.json [LABEL=OUT.json ...]

Runs ../shared/tools/score_csl.py --json on each (SCORER overrides the
path) and prints a Markdown table: one row per field, one column per
output, F1 in percent ("-" when neither gold nor output has the field).
"""
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
scorer = os.environ.get(
    "SCORER", os.path.join(here, "..", "..", "shared", "tools", "score_csl.py")
)
gold = sys.argv[1]
runs = [a.split("=", 1) for a in sys.argv[2:]]
results = []
for label, path in runs:
    out = subprocess.run(
        [sys.executable, scorer, gold, path, "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    results.append((label, json.loads(out)))
fields = list(results[0][1]["fields"].keys())
print("| field | " + " | ".join(l for l, _ in results) + " |")
print("|---|" + "---:|" * len(results))
for f in fields:
    cells = []
    for _, r in results:
        x = r["fields"][f]
        if x["tp"] + x["fp"] + x["fn"] == 0:
            cells.append("-")
        elif x["f1"] is None:
            cells.append("0.0")
        else:
            cells.append(f"{100 * x['f1']:.1f}")
    print(f"| {f} | " + " | ".join(cells) + " |")
print(
    "| **micro F1** | "
    + " | ".join(f"**{100 * r['micro_f1']:.2f}**" for _, r in results)
    + " |"
)
print(
    "| all fields right | "
    + " | ".join(f"{100 * r['all_fields_right']:.1f}%" for _, r in results)
    + " |"
)
