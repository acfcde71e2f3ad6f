"""The command line, run as a user runs it: `python -m bot ...` in a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.conftest import ROOT

CONFIG = str(ROOT / "tests" / "fixtures" / "config.yaml")


def run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", "--config", CONFIG, *args],
        input=stdin, capture_output=True, text=True, timeout=60, cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )


def test_ask_json_answer() -> None:
    result = run("ask", "--json", "em 17 tuoi vao dang dc ko")
    assert result.returncode == 0, result.stderr
    reply = json.loads(result.stdout)
    assert reply["status"] == "answer"
    assert reply["id"] == "tuoi"
    assert 0 <= reply["score"] <= 100
    assert reply["question"] == "Bao nhiêu tuổi thì được vào Đảng?"
    assert "**" not in reply["answer"] and "18 tuổi" in reply["answer"]
    assert reply["sources"] == [{"title": "Điều lệ Đảng Cộng sản Việt Nam",
                                 "ref": "Điều 1, khoản 2", "url": "https://example.org/dieu-le",
                                 "kind": "official"}]
    assert reply["suggestions"] == []


def test_ask_json_stdin_keeps_order() -> None:
    result = run("ask", "--json", "-", stdin="đảng phí bao nhiêu\nchào bot\nxổ số hôm nay\n")
    statuses = [json.loads(line)["status"] for line in result.stdout.splitlines()]
    ids = [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert statuses == ["answer", "none", "none"]
    assert ids == ["muc-dang-phi", None, None]


def test_ask_piped_into_a_reader_that_leaves_early_ends_quietly() -> None:
    """`python -m bot ask "..." | head -1`: the reader closes the pipe; no traceback."""
    command = [sys.executable, "-m", "bot", "--config", CONFIG, "ask", "-"]
    with subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, cwd=ROOT,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)}) as process:
        assert process.stdin is not None and process.stdout is not None
        process.stdout.close()  # the reader is gone before the first answer is written
        _, err = process.communicate("đảng phí bao nhiêu\n" * 200, timeout=60)
    assert "Traceback" not in err
    assert process.returncode == 141


def test_ask_plain_shows_sources_and_review_date() -> None:
    result = run("ask", "đảng phí đóng bao nhiêu")
    assert "Nguồn:" in result.stdout
    assert "294-QĐ/TW, Điều 2 — https://example.org/dang-phi (trang chính thức)" in result.stdout
    assert "Cập nhật: 22/11/2026" in result.stdout


def test_chat_picks_a_follow_up_by_number_and_ends_on_eof() -> None:
    result = run("chat", stdin="mấy tuổi vào đảng được\n1\n")
    assert result.returncode == 0
    assert result.stdout.count("❓") == 2  # the answer, then follow-up 1 (hoc-van)
    assert "❓ Vào Đảng cần trình độ học vấn gì?" in result.stdout


def test_no_token_starts_chat_with_one_hint() -> None:
    result = run(stdin="cảm ơn\n")
    assert result.returncode == 0
    assert "TELEGRAM_BOT_TOKEN" in result.stderr
    assert "Không có gì" in result.stdout


def test_eval_reports_counts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    cases = tmp_path / "cases.yaml"
    cases.write_text('- {q: "dang phi bao nhieu", facts: ["1%"]}\n'
                     '- {q: "em 17 tuoi co vao dang duoc khong", facts: ["99 tuoi"]}\n'
                     '- {q: "giá vàng hôm nay", expect: none}\n', encoding="utf-8")
    result = run("eval", "--json", str(cases))
    summary = json.loads(result.stdout)["summary"]
    assert summary["correct"] == 1 and summary["wrong"] == 1
    assert summary["out_of_scope"] == 1 and summary["out_of_scope_answered"] == 0


def test_domain_errors_are_one_line_not_a_traceback(tmp_path) -> None:  # type: ignore[no-untyped-def]
    result = run("eval", str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert result.stderr.startswith("Lỗi: ") and "Traceback" not in result.stderr
    broken = subprocess.run([sys.executable, "-m", "bot", "--config", str(tmp_path / "x.yaml"),
                             "ask", "hi"], capture_output=True, text=True, cwd=ROOT)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr


def test_run_without_token_explains() -> None:
    result = run("run")
    assert result.returncode == 1
    assert "@BotFather" in result.stderr


def test_forget_and_purge(tmp_path) -> None:  # type: ignore[no-untyped-def]
    config = tmp_path / "config.yaml"
    config.write_text(f"faq_dir: {ROOT / 'tests' / 'fixtures' / 'faq'}\n"
                      f"storage:\n  path: {tmp_path / 'bot.sqlite3'}\n", encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "BOT_HASH_SECRET": "s" * 32}

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "bot", "--config", str(config), *args],
                              capture_output=True, text=True, timeout=60, cwd=ROOT, env=env)

    forget = cli("forget", "123456789")
    assert forget.returncode == 0, forget.stderr
    assert forget.stdout.startswith("Đã xóa 0 dòng")
    refused = cli("purge")
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert cli("purge", "--yes").returncode == 0
