#!/usr/bin/env python3
"""Lists the index and slice expressions of the library and CLI (tests
excluded) that have no proof comment:

    scripts/check-panics.py

Runs clippy with `indexing_slicing` and `string_slice` (both off in normal
builds: too noisy to enforce) and checks that every site it reports has a
comment starting `// In bounds:` or `// Char boundary:` on its line, or
above it within the same function (one comment may cover a block). Exits 1
when a site has none. The comments still need reading: this only checks
that the reasoning was written down.
"""
import json
import os
import re
import subprocess
import sys

here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROOF = re.compile(r"//\s*(In bounds|Char boundary)\b")
# A function, impl or module starts: a proof comment above it is not for
# the site below it.
BOUNDARY = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?((const|async|unsafe)\s+)*(fn|impl|mod)\b|^}")


def sites():
    cmd = [
        "cargo", "clippy", "--lib", "--bins", "--message-format=json", "--",
        "-W", "clippy::indexing_slicing", "-W", "clippy::string_slice",
    ]
    out = subprocess.run(cmd, cwd=here, capture_output=True, text=True)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        sys.exit(2)
    found = set()
    for line in out.stdout.splitlines():
        msg = json.loads(line)
        if msg.get("reason") != "compiler-message":
            continue
        m = msg["message"]
        code = (m.get("code") or {}).get("code", "")
        if code not in ("clippy::indexing_slicing", "clippy::string_slice"):
            continue
        for s in m["spans"]:
            if s["is_primary"]:
                found.add((s["file_name"], s["line_start"]))
    return sorted(found)


def covered(lines, n):
    if PROOF.search(lines[n - 1]):
        return True
    for i in range(n - 2, -1, -1):
        if PROOF.search(lines[i]):
            return True
        if BOUNDARY.search(lines[i]):
            return False
    return False


def main():
    files = {}
    missing = []
    all_sites = sites()
    for path, n in all_sites:
        if path not in files:
            with open(os.path.join(here, path), encoding="utf-8") as f:
                files[path] = f.read().splitlines()
        if not covered(files[path], n):
            missing.append((path, n, files[path][n - 1].strip()))
    for path, n, text in missing:
        print(f"{path}:{n}: {text}")
    print(f"{len(all_sites)} index/slice sites, {len(missing)} without a proof comment")
    sys.exit(1 if missing else 0)


if __name__ == "__main__":
    main()
