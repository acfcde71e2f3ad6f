"""Meta-tests that keep the repository honest."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from bot.console.cli import build_parser
from bot.core.engine import Engine
from bot.core.faq_loader import read_faq
from bot.core.sources_report import link_counts, sources_markdown
from tests.conftest import ROOT


def test_real_faq_validates() -> None:
    faq, _, problems = read_faq(ROOT / "faq", dt.date.today())
    assert [str(p) for p in problems] == []
    assert faq is not None and len(faq.entries) >= 90


def test_every_entry_cites_an_in_force_rule(real_engine: Engine) -> None:
    unsourced = [e.id for e in real_engine.faq.entries
                 if not any(c.document.is_in_force_rule for c in e.sources)]
    assert unsourced == []


def test_links_are_mostly_official_legal_or_press(real_engine: Engine) -> None:
    """Issue 13: at most 10% of the distinct links under faq/ are `other`."""
    counts = link_counts(real_engine.faq)
    assert counts["other"] <= 0.10 * sum(counts.values()), dict(counts)


def test_sources_page_is_current(real_engine: Engine) -> None:
    page = (ROOT / "docs" / "sources.md").read_text(encoding="utf-8")
    fix = "run: python -m bot sources > docs/sources.md"
    assert page == sources_markdown(real_engine.faq), fix


def subcommands() -> list[str]:
    parser = build_parser()
    actions = [a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction"]
    return sorted(actions[0].choices)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", subcommands())
def test_every_subcommand_has_help_and_is_in_the_readme(name: str) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"python -m bot( --config \S+)? {name}\b", readme), name
    parser = build_parser()
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args([name, "--help"])
    assert exit_info.value.code == 0


def test_ci_runs_the_checks_contributing_promises_and_the_readme_test_command() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [command] = re.findall(r"^(python3 -m venv .*\[test\].*pytest)$", readme, re.MULTILINE)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    setup = ("#", "set ", "cd ")
    steps = [line for line in ci.splitlines() if line and not line.startswith(setup)]
    assert " && ".join(steps) == command.replace(
        ".venv/bin/python -m pytest",
        ".venv/bin/ruff check . && .venv/bin/mypy && .venv/bin/python -m pytest")
    contributing = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "ruff check ." in contributing and "mypy" in contributing
