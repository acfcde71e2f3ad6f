"""Writes the texted variant of each question: how the same person types it on a phone.

    python scripts/texted_variants.py tests/eval/real/holdout.yaml \
        tests/eval/real/holdout-texted.yaml

No diacritics, common abbreviations (ko, dc, cty, dv, j, e), lower case, and one typo (two
neighbouring letters swapped in one long word). Deterministic: the same input gives the same
file, so the variant set is as reproducible as the questions it comes from.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import yaml

from bot.core.text import fold

ABBREVIATIONS = [  # (folded words, as texted); whole words only
    ("khong", "ko"), ("duoc", "dc"), ("cong ty", "cty"), ("dang vien", "dv"),
    ("gi", "j"), ("nguoi", "ng"), ("voi", "vs"), ("em", "e"), ("biet", "bik"),
]


def texted(question: str) -> str:
    text = fold(question).lower().replace("?", "")
    for words, short in ABBREVIATIONS:
        text = re.sub(rf"\b{words}\b", short, text)
    return _typo(text, question)


def _typo(text: str, seed: str) -> str:
    words = [w for w in re.findall(r"[a-z]{6,}", text)]
    if not words:
        return text
    digest = int(hashlib.sha1(seed.encode()).hexdigest(), 16)
    word = words[digest % len(words)]
    i = 1 + digest % (len(word) - 2)
    typo = word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    return re.sub(rf"\b{word}\b", typo, text, count=1)


def main(source: str, target: str) -> None:
    cases = yaml.safe_load(Path(source).read_text(encoding="utf-8"))
    out = [{**case, "q": texted(case["q"])} for case in cases]
    header = (f"# Texted variants of {source}, written by scripts/texted_variants.py.\n"
              "# Held-out like their originals: never tune on them.\n")
    Path(target).write_text(header + yaml.safe_dump(out, allow_unicode=True, sort_keys=False,
                                                    width=100), encoding="utf-8")


if __name__ == "__main__":
    main(*sys.argv[1:3])
