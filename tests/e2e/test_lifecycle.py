"""The bot process over its life: SIGTERM in the middle of a burst, and faq/ edited under it.

Each test has its own emulator and bot process, since each stops or breaks the bot.
"""

from __future__ import annotations

import shutil
import sqlite3
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.e2e import faqdata
from tests.e2e.botproc import ADMIN_ID, REPO, BotProcess, start_bot
from tests.emulator import Emulator, User

pytestmark = pytest.mark.e2e
USERS = 25
WAVE = 2  # questions per user in each of the two waves


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator() as emulator:
        yield emulator
    assert emulator.server_errors == []


def replies_by_chat(emu: Emulator, users: list[User]) -> dict[int, list[str]]:
    return {u.id: sorted(m.html for m in emu.bot_messages(u.id)) for u in users}


def database_state(path: Path) -> tuple[str, int]:
    """integrity_check and the number of questions recorded, read by a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        [(integrity,)] = conn.execute("PRAGMA integrity_check").fetchall()
        [(count,)] = conn.execute("SELECT count(*) FROM questions").fetchall()
    finally:
        conn.close()
    return integrity, count


def test_sigterm_mid_burst_finishes_in_flight_replies_and_a_restart_continues(
    emu: Emulator, tmp_path: Path
) -> None:
    bot = start_bot(emu, tmp_path / "bot")
    entries = faqdata.answered(bot.config_path, 2 * WAVE)
    expected = baseline(emu, bot, [e.question for e in entries])
    users = [User(80_000 + n, f"Công nhân {n}") for n in range(USERS)]
    asked: dict[int, list[str]] = {u.id: [] for u in users}

    def ask(wave: int) -> None:
        for entry in entries[wave * WAVE:(wave + 1) * WAVE]:
            for user in users:
                emu.send_text(user, entry.question)
                asked[user.id].append(expected[entry.question])

    ask(0)  # 50 questions; private chats get one message a second each: ~2 s of replies
    emu.wait_for(lambda: len(emu.bot_messages()) >= WAVE + 10, 20, "the burst to start")
    bot.proc.terminate()  # SIGTERM, as systemd stop
    ask(1)  # 50 more while it stops: fetched and dropped at most, never confirmed
    code = bot.proc.wait(timeout=30)
    assert code == 0, bot.diagnostics()
    assert "Traceback" not in bot.log(), bot.diagnostics()

    first = replies_by_chat(emu, users)
    for chat, texts in first.items():  # every reply whole and for a question asked, none twice
        assert not Counter(texts) - Counter(asked[chat]), bot.diagnostics()
    assert all(Counter(texts)[t] <= 1 for texts in first.values() for t in texts)
    assert sum(map(len, first.values())) >= USERS * WAVE, "the in-flight replies must finish"
    integrity, recorded = database_state(bot.storage_path)
    assert integrity == "ok"
    assert not Path(f"{bot.storage_path}-wal").exists(), "Storage.close did not run"
    answered = sum(map(len, first.values()))
    assert recorded == WAVE * 2 + answered  # the baseline and every answer, nothing more
    # Answered means confirmed (the stop passes the offset on); the rest waits, none lost.
    assert unconfirmed(emu) == 2 * WAVE * USERS - answered

    # Same folder, same database, same emulator. Under load the first bot may have answered
    # the second wave too; then this checks that a restart answers nothing twice.
    again = start_bot(emu, tmp_path / "bot")
    try:
        emu.wait_for(lambda: all(len(emu.bot_messages(u.id)) >= 2 * WAVE for u in users), 60,
                     "the rest of the questions answered after the restart")
        emu.wait_idle(quiet=1.5, timeout=30)  # duplicates would arrive now
    finally:
        assert again.stop() == 0, again.diagnostics()
    assert replies_by_chat(emu, users) == {u.id: sorted(asked[u.id]) for u in users}
    assert unconfirmed(emu) == 0  # the second stop confirmed everything it answered
    integrity, recorded = database_state(again.storage_path)
    assert integrity == "ok" and recorded == WAVE * 2 + 2 * WAVE * USERS


def baseline(emu: Emulator, bot: BotProcess, questions: list[str]) -> dict[str, str]:
    """What the bot replies to each question, asked once by a control user."""
    found = {}
    for question in questions:
        sent = emu.send_text(User(79_999, "Kiểm tra"), question)
        [reply] = emu.wait_reply(sent, timeout=15)
        found[question] = reply.html
    assert len(set(found.values())) == len(questions), "pick questions with distinct answers"
    return found


def unconfirmed(emu: Emulator) -> int:
    """Questions waiting in the queue: getUpdates has not confirmed them with its offset."""
    with emu.state.lock:
        return sum("message" in u for u in emu.state.updates)


def test_a_broken_faq_edit_keeps_the_last_good_one_and_tells_the_admin(
    emu: Emulator, tmp_path: Path
) -> None:
    faq = tmp_path / "faq"
    shutil.copytree(REPO / "faq", faq)
    bot = start_bot(emu, tmp_path / "bot", faq_dir=faq, faq_check_seconds=0.2)
    try:
        admin, user = User(ADMIN_ID, "Quản trị"), User(81_000, "Hạnh")
        emu.wait_reply(emu.send_text(admin, "/start"), timeout=15)  # the admin's chat exists
        [entry] = faqdata.answered(bot.config_path, 1)
        [good] = emu.wait_reply(emu.send_text(user, entry.question), timeout=15)

        broken = faq / "topics.yaml"
        broken.write_text(broken.read_text(encoding="utf-8") + "\n  - : [not yaml", "utf-8")
        note = emu.wait_for(lambda: next((m for m in emu.bot_messages(ADMIN_ID)
                                          if m.text.startswith("❌")), None),
                            15, "the admin told about the broken FAQ")
        assert "topics.yaml" in note.text and "bản cũ" in note.text, note.text
        [still] = emu.wait_reply(emu.send_text(user, entry.question), timeout=15)
        assert still.html == good.html, bot.diagnostics()
        emu.wait_idle(quiet=1.0, timeout=15)
        assert sum(m.text.startswith("❌") for m in emu.bot_messages(ADMIN_ID)) == 1
    finally:
        assert bot.stop() == 0, bot.diagnostics()
    assert bot.log().count("FAQ on disk is broken") == 1, bot.diagnostics()
