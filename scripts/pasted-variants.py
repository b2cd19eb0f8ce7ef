#!/usr/bin/env python3
"""Writes a reference list the ways people paste it, for robustness checks.

    scripts/pasted-variants.py LIST.txt OUTDIR

LIST.txt holds one reference per paragraph (blank lines between them), as
../shared/corpus/apa-dev.txt does. OUTDIR receives, with the references in
the same order (so a gold file scores them by position):

  nbsp.txt        30% of the spaces made no-break (U+00A0), as web pages
                  and word processors paste them
  no-blank.txt    one reference per line, no blank lines between them
  no-period.txt   each reference's final period dropped
  wrap70.txt      hard-wrapped at 70 columns, links kept whole
  wrap70-hang.txt the same with a four-space hanging indent
  wrap100.txt     hard-wrapped at 100 columns
  soft-hyphen.txt long words broken at 70 columns with a soft hyphen
                  (U+00AD) at the line end, as some PDF viewers copy them

Then, for example:

    for f in OUTDIR/*.txt; do
      refmill convert "$f" --to csl-json -o out.json -q
      python3 ../shared/tools/score_csl.py ../shared/corpus/apa-dev.jsonl out.json
    done

Standard library only; the random choices are seeded, so the files are the
same on every run.
"""

import os
import random
import sys
import textwrap


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    with open(src, encoding="utf-8") as f:
        refs = [r.strip() for r in f.read().split("\n\n") if r.strip()]
    os.makedirs(out, exist_ok=True)
    rng = random.Random(7)

    def write(name: str, text: str) -> None:
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(text)

    def wrap(width: int, indent: int = 0) -> str:
        return "\n".join(
            "\n".join(
                textwrap.wrap(
                    r,
                    width=width,
                    break_long_words=False,
                    break_on_hyphens=False,
                    subsequent_indent=" " * indent,
                )
            )
            for r in refs
        ) + "\n"

    def soft_hyphens(r: str) -> str:
        lines, line = [], ""
        for word in r.split(" "):
            if line and len(line) + 1 + len(word) > 70:
                room = 70 - len(line) - 2
                if word.isalpha() and len(word) >= 8 and 3 <= room <= len(word) - 3:
                    lines.append(f"{line} {word[:room]}\u00ad")
                    line = word[room:]
                    continue
                lines.append(line)
                line = word
            else:
                line = f"{line} {word}" if line else word
        lines.append(line)
        return "\n".join(lines)

    write(
        "nbsp.txt",
        "\n\n".join(
            "".join("\u00a0" if c == " " and rng.random() < 0.3 else c for c in r)
            for r in refs
        )
        + "\n",
    )
    write("no-blank.txt", "\n".join(refs) + "\n")
    write("no-period.txt", "\n\n".join(r.rstrip(".") for r in refs) + "\n")
    write("wrap70.txt", wrap(70))
    write("wrap70-hang.txt", wrap(70, 4))
    write("wrap100.txt", wrap(100))
    write("soft-hyphen.txt", "\n".join(soft_hyphens(r) for r in refs) + "\n")


if __name__ == "__main__":
    main()
