"""From a missed question to an answer in two taps, end to end: the real bot process
(`python -m bot run`) against the Bot API emulator, on a small FAQ in a temporary folder.

A user asks what the FAQ does not answer; the admin sends /misses and taps ➕ <entry>;
another user asking the same gets that entry. The YAML keeps its comments, `validate`
passes, a non-admin replaying the admin's button changes no file, undo restores the file
byte for byte.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.core.replies import STALE
from bot.store.storage import read_open_misses
from tests.e2e.botproc import ADMIN_ID, REPO, BotProcess, start_bot
from tests.emulator import BotMessage, Emulator, User
from tests.tg.conftest import write_faq

pytestmark = pytest.mark.e2e
TIMEOUT = 20.0  # generous: the machine is shared; an edit validates the whole FAQ
MISSED = "tuổi đảng tính từ khi nào"  # no answer in this FAQ; closest: tuoi-vao-dang
ENTRY = "Bao nhiêu tuổi thì được vào Đảng?"
HEADER = "# yaml-language-server: $schema=schema/entries.schema.json\n# Curators' note: keep.\n\n"
ADMIN = User(ADMIN_ID, "Quản trị")


@pytest.fixture(scope="module")
def faq(tmp_path_factory: pytest.TempPathFactory) -> Path:
    faq_dir = write_faq(tmp_path_factory.mktemp("curation") / "faq")
    path = faq_dir / "dieu-kien.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "  reviewed: 2026-11-22\n", "  reviewed: 2026-11-22  # checked against Điều lệ\n", 1)
    path.write_text(HEADER + text, encoding="utf-8")
    return faq_dir


@pytest.fixture(scope="module")
def bot(emu: Emulator, faq: Path, tmp_path_factory: pytest.TempPathFactory
        ) -> Iterator[BotProcess]:
    running = start_bot(emu, tmp_path_factory.mktemp("bot"), faq_dir=faq, faq_check_seconds=0)
    yield running
    running.stop()


def ask(emu: Emulator, user: User, text: str, count: int = 1) -> list[BotMessage]:
    return emu.wait_reply(emu.send_text(user, text), count=count, timeout=TIMEOUT)


def stored_misses(path: Path) -> int:
    try:
        return len(read_open_misses(path)) if path.exists() else 0
    except sqlite3.Error:  # the bot is creating its database just now
        return 0


def validate(faq: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "bot", "validate", str(faq)], cwd=REPO,
                          capture_output=True, text=True, timeout=60, check=False)


def test_a_miss_becomes_an_answer_in_two_taps(emu: Emulator, bot: BotProcess,
                                              faq: Path) -> None:
    path = faq / "dieu-kien.yaml"
    before = path.read_bytes()
    [declined] = ask(emu, User(5101, "An"), MISSED)
    assert not declined.text.startswith("❓"), bot.diagnostics()
    # The bot records a miss just after replying: wait for the fact, not for a time.
    emu.wait_for(lambda: stored_misses(bot.storage_path), TIMEOUT, "the miss to be stored",
                 poll=0.1)

    header, group = ask(emu, ADMIN, "/misses", count=2)
    assert header.text.startswith("🔎 1 nhóm câu hỏi"), bot.diagnostics()
    assert MISSED in group.text
    add = next(b for b in group.callback_buttons() if b["text"] == f"➕ {ENTRY}")

    # Someone else replays the admin's button: the same answer as any stale button.
    replay = emu.tap(User(5102, "Bình"), group, add["callback_data"])
    assert emu.wait_callback_answer(replay, TIMEOUT).get("text") == STALE
    assert path.read_bytes() == before

    emu.wait_callback_answer(emu.tap(ADMIN, group, add["callback_data"]), TIMEOUT)
    emu.wait_for(lambda: group.text.startswith("✅"), TIMEOUT, "the group to become a result")
    assert group.text.startswith(f"✅ Đã thêm «{MISSED}» vào «{ENTRY}»"), group.text
    [answer] = ask(emu, User(5103, "Chi"), MISSED)
    assert answer.text.startswith(f"❓ {ENTRY}"), bot.diagnostics()

    text = path.read_text(encoding="utf-8")
    assert text.startswith(HEADER) and "  # checked against Điều lệ\n" in text
    assert text.replace(f"    - {MISSED}\n", "", 1).encode() == before  # one line added
    assert validate(faq).returncode == 0

    emu.wait_callback_answer(emu.tap_button(ADMIN, group, text_contains="↩️"), TIMEOUT)
    emu.wait_for(lambda: group.text.startswith("↩️"), TIMEOUT, "the undo to be confirmed")
    assert path.read_bytes() == before
    [again] = ask(emu, User(5104, "Dũng"), MISSED)
    assert not again.text.startswith("❓")
    assert validate(faq).returncode == 0
