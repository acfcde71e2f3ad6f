"""Hostile YAML in faq/: refused at file:line before anything is built, in bounded memory."""

from __future__ import annotations

import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

from bot.core.yaml_marks import ALIAS_ADVICE, load_marked
from tests.conftest import ROOT

ADDRESS_SPACE = 300 * 2**20
CPU_SECONDS = 5  # CPU time, not wall time: the test machine's load must not decide
LEVELS = 10


def alias_bomb(levels: int = LEVELS) -> str:
    """An entry whose alternates nest ten anchors of ten aliases each: 10**10 strings built."""
    words = ", ".join(['"cười"'] * 10)
    lines = ["- id: bom", "  topic: dieu-kien", "  question: Câu hỏi?", "  alternates:",
             f"    - &l0 [{words}]"]
    for level in range(1, levels):
        refs = ", ".join([f"*l{level - 1}"] * 10)
        lines.append(f"    - &l{level} [{refs}]")
    return "\n".join(lines) + "\n"


def test_an_alias_bomb_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_text(alias_bomb(), encoding="utf-8")
    started = time.monotonic()
    data, problems = load_marked(path, "faq/bom.yaml")
    assert (data, [str(p) for p in problems]) == (None, [f"faq/bom.yaml:5: {ALIAS_ADVICE}"])
    assert time.monotonic() - started < 1


def test_a_harmless_alias_is_refused_too_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("- id: a\n  topic: &t dieu-kien\n- id: b\n  topic: *t\n", encoding="utf-8")
    assert [str(p) for p in load_marked(path, "x.yaml")[1]] == [f"x.yaml:2: {ALIAS_ADVICE}"]


def test_a_huge_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "big.yaml"
    with path.open("wb") as out:
        out.truncate(50 * 2**20)  # sparse: 50 MB that cost nothing
    [problem] = load_marked(path, "big.yaml")[1]
    assert (problem.line, "tách thành nhiều tệp" in problem.message) == (1, True)


def test_deep_nesting_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    [problem] = load_marked(path, "deep.yaml")[1]
    assert problem.file == "deep.yaml"


def _limit_memory_and_time() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE, ADDRESS_SPACE))
    resource.setrlimit(resource.RLIMIT_CPU, (CPU_SECONDS, CPU_SECONDS))  # killed beyond


def test_validate_refuses_a_bomb_in_the_real_faq_within_300_mb_and_5_s(tmp_path: Path) -> None:
    faq = tmp_path / "faq"
    shutil.copytree(ROOT / "faq", faq)
    (faq / "bom.yaml").write_text(alias_bomb(), encoding="utf-8")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "validate", str(faq)], cwd=tmp_path, check=False,
        capture_output=True, text=True, timeout=60, preexec_fn=_limit_memory_and_time,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
    assert result.returncode == 1, result.stderr  # a signal (CPU or memory limit) is not 1
    assert f"faq/bom.yaml:5: {ALIAS_ADVICE}" in result.stdout
    assert "Traceback" not in result.stderr and "MemoryError" not in result.stderr
    assert cpu < CPU_SECONDS, f"validate used {cpu:.1f} s of CPU"
