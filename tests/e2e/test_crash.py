"""kill -9 in the middle of a burst, then a restart: no question lost, hardly any twice.

100 questions from 20 users arrive at once; the process is killed without warning after 25
replies, in long polling and in webhook mode. The restarted bot must answer every question
that was not answered; a question may be answered twice only if the kill fell between its
reply and the note that it was handled (at most 2 in a run).
"""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path

import pytest

from tests.e2e import faqdata
from tests.e2e.botproc import BotProcess, baseline, free_port, start_bot, webhook_settings
from tests.emulator import Emulator, User

pytestmark = pytest.mark.e2e
USERS = 20
PER_USER = 5
KILL_AFTER = 45  # questions handled: past the first burst, within the report's 25-60 replies
MAX_TWICE = 2


def start(emu: Emulator, folder: Path, mode: str, port: int) -> BotProcess:
    telegram = webhook_settings(port) if mode == "webhook" else {}
    return start_bot(emu, folder, **telegram)


def handled(database: Path) -> int:
    """Updates the bot has noted as handled, read as another process would."""
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1)
        try:
            return int(conn.execute("SELECT count(*) FROM inbox WHERE handled = 1").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet
        return 0


def delivered(emu: Emulator, users: list[User]) -> int:
    chats = {u.id for u in users}
    return sum(m.chat_id in chats for m in emu.state.bot_messages)


@pytest.mark.parametrize("mode", ["polling", "webhook"])
def test_kill_9_mid_burst_then_restart_answers_every_question(
    tmp_path: Path, mode: str
) -> None:
    port = free_port()
    with Emulator() as emu:
        bot = start(emu, tmp_path / "bot", mode, port)
        try:
            entries = faqdata.answered(bot.config_path, PER_USER)
            expected = baseline(emu, bot, [e.question for e in entries])
            users = [User(90_000 + n, f"Công nhân {n}") for n in range(USERS)]
            for entry in entries:
                for user in users:
                    emu.send_text(user, entry.question)
            # The moment comes from the bot's progress, not from a reply just seen arriving:
            # a crash does not wait for Telegram to have recorded a message.
            emu.wait_for(lambda: handled(bot.storage_path) >= PER_USER + KILL_AFTER, 60,
                         f"{KILL_AFTER} questions handled", poll=0.02)
        finally:
            bot.kill()
        at_kill = delivered(emu, users)
        assert at_kill < USERS * PER_USER, "the kill came too late to prove anything"

        again = start(emu, tmp_path / "bot", mode, port)  # same folder, same database
        try:
            emu.wait_for(lambda: all(len(emu.bot_messages(u.id)) >= PER_USER for u in users),
                         90, "every question answered after the restart", poll=0.2)
            emu.wait_idle(quiet=1.5, timeout=30)  # duplicates would arrive now
        except TimeoutError as exc:
            raise AssertionError(f"{exc}\n{again.diagnostics()}") from exc
        finally:
            assert again.stop() == 0, again.diagnostics()
        assert emu.server_errors == []

    want = Counter(expected.values())
    twice = 0
    for user in users:
        got = Counter(m.html for m in emu.bot_messages(user.id))
        assert not want - got, f"chat {user.id} lost a question\n{again.diagnostics()}"
        assert not got - want - want, f"chat {user.id} got something unexpected"
        twice += sum((got - want).values())
    assert twice <= MAX_TWICE, f"{twice} questions answered twice (killed after {at_kill})"
    assert "handling" in again.log() and "before a restart" in again.log(), again.diagnostics()
