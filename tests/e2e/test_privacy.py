"""Privacy, end to end: the real bot at DEBUG, people writing their contact details to it.

One bot process (BOT_LOG_LEVEL=DEBUG) is asked questions holding phone numbers, e-mails
and ID-card numbers, in private, in a group and inline; an answer gets a 👎; several
questions are misses. After a clean stop, every table and every byte of the database
files, and every log line, is searched: no Telegram ids, names, usernames or contact
details, and never the token.
"""

from __future__ import annotations

import re
import sqlite3
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from bot.core.decision import Answer
from bot.store.privacy import hash_user
from tests.e2e import faqdata
from tests.e2e.botproc import ADMIN_ID, TOKEN, BotProcess, start_bot
from tests.emulator import Emulator, User, group_chat

pytestmark = pytest.mark.e2e
TIMEOUT = 15.0
THAO = User(7_301_112_233, "Thảo Nguyễn", "thao_may_tho_duc")
QUYNH = User(6_402_223_344, "Quỳnh Lê", "quynh_to_may_5")
GROUP = group_chat(-100_555_666_777, "Tổ may số 5 Thủ Đức")
CONTACT = {
    "phone-spaced": "0912 345 678",
    "phone-intl": "+84 912345678",
    "email": "thao.nguyen.tdc@example.com",
    "cccd": "079203004567",
    "cmnd": "285617394",
}
MISSES = [  # questions the FAQ cannot answer, each holding contact details
    f"số em {CONTACT['phone-spaced']}, cho em hỏi về lương hưu với",
    f"gọi em {CONTACT['phone-intl']} về chuyện nghỉ phép năm",
    f"em gửi mail {CONTACT['email']} rồi mà chưa ai trả lời về bảo hiểm",
    f"CCCD {CONTACT['cccd']} của em bị sai ngày sinh, sửa ở đâu ạ",
    f"cmnd cũ {CONTACT['cmnd']} còn dùng đi làm thẻ ngân hàng được không",
]
SUFFIX = f" — em {CONTACT['phone-spaced']}, mail {CONTACT['email']}"


@dataclass
class Run:
    bot: BotProcess
    folder: Path
    log: str


def forbidden() -> dict[str, str]:
    """Everything that must never be stored or logged, digits-only forms included."""
    found = {f"{who}-{field}": str(getattr(user, field))
             for who, user in (("thao", THAO), ("quynh", QUYNH))
             for field in ("id", "first_name", "username")}
    found |= {"group-id": str(GROUP.id), "group-title": GROUP.title or "", **CONTACT}
    found |= {f"{k}-digits": re.sub(r"\D", "", v) for k, v in CONTACT.items() if k != "email"}
    found |= {"token": TOKEN, "token-secret": TOKEN.split(":")[1]}
    return found


def leaks(text: str) -> list[str]:
    return [name for name, value in forbidden().items() if value and value in text]


def answered_with_contact(bot: BotProcess) -> str:
    """An entry's question plus contact details that the engine still answers."""
    engine = faqdata.engine(bot.config_path)
    for entry in faqdata.answered(bot.config_path, 10):
        if isinstance(engine.ask(entry.question + SUFFIX), Answer):
            return entry.question + SUFFIX
    raise AssertionError("no entry is still answered with contact details appended")


def converse(emu: Emulator, bot: BotProcess) -> None:
    question = emu.send_text(THAO, answered_with_contact(bot))
    [answer] = emu.wait_reply(question, timeout=TIMEOUT)
    emu.wait_callback_answer(emu.tap_button(THAO, answer, text_contains="👎"), TIMEOUT)
    for text in MISSES:
        emu.wait_reply(emu.send_text(THAO, text), timeout=TIMEOUT)
    asked = emu.send_text(QUYNH, f"/hoi {MISSES[0]}", chat=GROUP)
    emu.wait_reply(asked, timeout=TIMEOUT)
    emu.wait_inline_answer(emu.inline_query(QUYNH, MISSES[3][:200]), TIMEOUT)
    emu.wait_reply(emu.send_text(User(ADMIN_ID, "Admin"), "/misses"), timeout=TIMEOUT)
    emu.wait_idle(quiet=0.5, timeout=TIMEOUT)


@pytest.fixture(scope="module")
def run(emu: Emulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Run]:
    folder = tmp_path_factory.mktemp("privacy")
    bot = start_bot(emu, folder, env={"BOT_LOG_LEVEL": "DEBUG"})
    try:
        converse(emu, bot)
    finally:
        code = bot.stop()
    assert code == 0, bot.diagnostics()
    yield Run(bot, folder, bot.log())


def dump_tables(path: Path) -> dict[str, list[tuple[object, ...]]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {n: conn.execute(f'SELECT * FROM "{n}"').fetchall() for n in names}
    finally:
        conn.close()


def test_no_table_holds_ids_names_or_contact_details(run: Run) -> None:
    tables = dump_tables(run.bot.storage_path)
    assert {"questions", "misses", "votes"} <= set(tables)
    assert leaks(repr(tables)) == []
    texts = [row[4] for row in tables["misses"]]
    assert len(texts) >= 3, texts  # the misses really were recorded, scrubbed
    joined = " ".join(texts)
    for mark in ("[số điện thoại]", "[email]", "[số giấy tờ]"):
        assert mark in joined, texts
    assert any(row[3] == "downvote" for row in tables["misses"]), tables["misses"]


def test_users_are_keyed_by_hmac_with_the_kept_secret(run: Run) -> None:
    secret_path = run.folder / "keys" / "secret"
    assert stat.S_IMODE(secret_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(secret_path.parent.stat().st_mode) == 0o700
    secret = secret_path.read_text(encoding="ascii").strip().encode("ascii")
    tables = dump_tables(run.bot.storage_path)
    users = {row[2] for row in tables["misses"]} | {row[1] for row in tables["votes"]}
    assert users and all(re.fullmatch(r"[0-9a-f]{64}", u) for u in users), users
    assert hash_user(secret, THAO.id) in users


def test_no_byte_of_the_database_files_holds_personal_data(run: Run) -> None:
    files = [p for p in run.folder.rglob("*") if p.is_file()
             and p.name not in ("bot.log", "config.yaml")]
    assert run.bot.storage_path in files
    for path in files:
        raw = path.read_bytes().decode("utf-8", errors="replace")
        assert leaks(raw) == [], path


def test_no_log_line_holds_personal_data_or_the_token(run: Run) -> None:
    assert leaks(run.log) == [], run.bot.diagnostics()
    assert "Traceback" not in run.log, run.bot.diagnostics()


def test_debug_logging_is_on_for_the_bot_and_capped_for_libraries(run: Run) -> None:
    lines = run.log.splitlines()
    miss_logged = " DEBUG bot.store.storage: miss: no_match"
    assert any(miss_logged in line for line in lines), run.log[-3000:]
    assert not [line for line in lines if " DEBUG telegram" in line or " DEBUG http" in line]
