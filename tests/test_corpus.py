"""The real-question corpus keeps its rules: sourced, split by page, held-out verbatim."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from bot.core.text import fold
from scripts.texted_variants import texted
from tests.conftest import ROOT

REAL = ROOT / "tests" / "eval" / "real"


def _load(name: str) -> list[dict[str, Any]]:
    data = yaml.safe_load((REAL / name).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def _pages(cases: list[dict[str, Any]]) -> set[str]:
    return {p for c in cases for p in [c["source"], *c.get("also_source", [])]}


def test_every_question_is_sourced_and_checkable() -> None:
    cases = _load("tune.yaml") + _load("holdout.yaml")
    assert len(cases) >= 150
    for case in cases:
        assert case["source"].startswith(("http://", "https://")), case["q"][:60]
        assert case.get("expect") == "none" or case["facts"], case["q"][:60]


def test_the_split_is_by_page_and_the_held_out_part_is_verbatim() -> None:
    tune, held_out = _load("tune.yaml"), _load("holdout.yaml")
    assert _pages(tune).isdisjoint(_pages(held_out))
    assert not any(c["derived"] for c in held_out)
    assert not {c["q"] for c in tune} & {c["q"] for c in held_out}


def test_each_held_out_question_has_its_texted_variant() -> None:
    held_out, variants = _load("holdout.yaml"), _load("holdout-texted.yaml")
    assert [texted(c["q"]) for c in held_out] == [v["q"] for v in variants]
    assert [c["source"] for c in held_out] == [v["source"] for v in variants]


def test_no_held_out_question_is_a_phrasing() -> None:
    held_out = {c["q"].strip().lower() for c in _load("holdout.yaml")}
    for path in (ROOT / "faq").glob("*.yaml"):
        text = path.read_text(encoding="utf-8").lower()
        assert not [q for q in held_out if len(q) > 30 and q in text], path.name


def test_texted_variant_drops_diacritics_and_abbreviates() -> None:
    assert texted("Em không được vào Đảng?") == "e ko dc vao dang"
    typo = texted("chuyển sinh hoạt")  # one long word gets two neighbouring letters swapped
    assert typo != "chuyen sinh hoat" and sorted(typo) == sorted("chuyen sinh hoat")


def test_no_dev_question_is_a_phrasing() -> None:
    """The shared dev questions measure the FAQ; copied into it they would measure nothing.
    (../shared sits beside the project on the team's machines, not in a clean clone.)"""
    dev_path = ROOT.parent / "shared" / "eval" / "dev.yaml"
    if not dev_path.exists():
        pytest.skip("../shared/eval/dev.yaml is not beside this checkout")
    dev = {_plain(c["q"]) for c in yaml.safe_load(dev_path.read_text(encoding="utf-8"))}
    phrasings = set()
    for path in (ROOT / "faq").glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        entries = data if isinstance(data, list) else []
        for entry in entries:
            if isinstance(entry, dict) and "question" in entry:
                phrasings |= {_plain(p) for p in [entry["question"], *entry.get("alternates", [])]}
    assert phrasings and not dev & phrasings


def _plain(text: str) -> str:
    return " ".join(fold(text.lower()).replace("?", " ").split())
