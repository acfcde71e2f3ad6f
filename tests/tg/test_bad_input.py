"""Bad input, one row per case, through the real handlers and the recording request layer.

Each row sends one update and states its defined outcome: which Bot API methods are called,
with what kind of reply (classified by `kind`), or deliberately nothing. For every row no
exception reaches the error handler, everything sent is valid Telegram HTML within the
limits, hostile text is never echoed, and the same user's next question is still answered.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from typing import Any

import pytest
from telegram.constants import CallbackQueryLimit, InlineKeyboardButtonLimit, MessageLimit
from telegram.ext import ContextTypes

from bot.core import replies
from bot.tg import render
from bot.tg.html_split import telegram_length
from tests.tg.harness import (
    BOT_USERNAME,
    GROUP_ID,
    USER_ID,
    Call,
    Harness,
    bot_message,
    callback,
    inline_query,
    mention_entity,
    message,
    update_with,
    user,
)
from tests.tg.telegram_html import visible_text

QUESTION = "mấy tuổi được vào đảng"
ANSWER = "answer:tuoi-vao-dang"
ANONYMOUS_ADMIN = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                   "username": "GroupAnonymousBot"}
GROUP = {"id": GROUP_ID, "type": "supergroup", "title": "Tổ công đoàn"}
CHANNEL = {"id": -100555, "type": "channel", "title": "Bản tin công ty"}
Expected = tuple[tuple[str, str], ...]


def kind(call: Call) -> str:
    """What a call says, in one word: the table's vocabulary."""
    if call.method == "answerCallbackQuery":
        return {None: "ack", render.STALE: "stale"}.get(call.params.get("text"), "toast")
    if call.method == "answerInlineQuery":
        ids = [r["id"] for r in call.params["results"]]
        return f"results:{ids[0]}" if ids else "no_results"
    text, data = visible_text(call.text), call.callback_data()
    votes = [d.split(":")[1] for d in data if d.startswith("v:")]
    checks = [
        (bool(votes), f"answer:{votes[0] if votes else ''}"),
        (text.startswith("🤔"), "suggest"),
        (text.startswith(replies.NO_MATCH), "no_match"),
        (text == replies.EMPTY, "empty"),
        (text == replies.NON_TEXT, "non_text"),
        (text.startswith("👋") and "chọn một chủ đề" in text, "welcome"),
        (text.startswith("Mình không có lệnh này"), "unknown_command"),
        (text.startswith("Bạn gõ câu hỏi sau lệnh"), "hoi_prompt"),
        (text.startswith("Cách hỏi"), "help"),
        (text == "📚 Chọn một chủ đề:", "topics"),
        (text.startswith("📚 ") and "Chọn một câu hỏi" in text, "topic_page"),
    ]
    return next((name for matched, name in checks if matched), f"other:{text[:40]}")


@dataclass(frozen=True)
class Row:
    id: str
    update: Callable[[], dict[str, Any]]  # built per test: ids stay unique
    expected: Expected
    never_echoed: str = ""  # hostile text that must not appear in anything sent


def private(text: str | None, **extra: Any) -> Callable[[], dict[str, Any]]:
    return lambda: update_with(message=message(text, extra=extra or None))


def group(text: str, *, mention: bool = False, **extra: Any) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        entities = [mention_entity(text, f"@{BOT_USERNAME}")] if mention else None
        return update_with(message=message(text, chat_id=GROUP_ID, entities=entities,
                                           extra=extra or None))
    return build


def raw(kind_: str, payload: dict[str, Any]) -> Callable[[], dict[str, Any]]:
    return lambda: update_with(**{kind_: {"message_id": 77, "date": 1, **payload}})


def tap(data: str | None, **query: Any) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        update = callback(data or "")
        if data is None:  # a game button: no data at all
            del update["callback_query"]["data"]
            update["callback_query"]["game_short_name"] = "game"
        update["callback_query"].update(query)
        if "inline_message_id" in query:
            del update["callback_query"]["message"]
        return update
    return build


def words(count: int, word: str = "tuổi") -> str:
    return " ".join([word] * count)


def sized(text: str, length: int) -> str:
    return (text * (length // len(text) + 1))[:length]


ANONYMOUS = {"from": ANONYMOUS_ADMIN, "sender_chat": GROUP}
FORWARDED = {"forward_origin": {"type": "user", "date": 1, "sender_user": user(55)}}
HIDDEN = {"forward_origin": {"type": "hidden_user", "date": 1, "sender_user_name": "Mai"}}
SEND = "sendMessage"
ACK = "answerCallbackQuery"
INLINE = "answerInlineQuery"

ROWS = [
    # Empty, invisible and odd text
    Row("empty-text", private(""), ((SEND, "non_text"),)),
    Row("whitespace-only", private("  \n\t  "), ((SEND, "empty"),)),
    Row("emoji-only", private("😀🙏🏽👍"), ((SEND, "empty"),)),
    Row("emoji-around-question", private(f"🙏 {QUESTION} ạ 😀"), ((SEND, ANSWER),)),
    Row("4096-chars-question", private(sized(QUESTION + " ", 4096)), ((SEND, ANSWER),)),
    Row("4096-chars-nonsense", private("x" * 4096), ((SEND, "no_match"),), "x" * 200),
    Row("10000-chars-question", private(sized(QUESTION + " ", 10_000)), ((SEND, ANSWER),)),
    Row("10000-chars-nonsense", private("ư" * 10_000), ((SEND, "no_match"),), "ư" * 200),
    Row("control-chars-only", private("\x00\x01\x07\x1b\x7f"), ((SEND, "empty"),)),
    Row("zero-width-only", private("\u200b\u200c\u200d\ufeff\u2060"), ((SEND, "empty"),)),
    Row("zero-width-in-question", private("mấy\u200b tuổi được\u00ad vào\u200d đảng\x07"),
        ((SEND, ANSWER),)),
    Row("bidi-override", private(f"\u202e{QUESTION}\u202c"), ((SEND, ANSWER),)),
    Row("lone-surrogate", private("\ud800 thời tiết hôm nay"), ((SEND, "no_match"),)),
    Row("decomposed-nfd", private(unicodedata.normalize("NFD", QUESTION)), ((SEND, ANSWER),)),
    Row("mixed-scripts-question", private(f"Сколько лет 入党 {QUESTION}"), ((SEND, ANSWER),)),
    Row("mixed-scripts-other", private("Сколько лет 入党 كم عمر"), ((SEND, "no_match"),)),
    # Markup that must not render, SQL that must stay text
    Row("html-tags", private("<b>hồ sơ</b> </a> & *_"), ((SEND, "suggest"),), "<b>hồ"),
    Row("html-link", private('<a href="javascript:x">bấm</a> &amp; &#0;'),
        ((SEND, "no_match"),), "javascript"),
    Row("markdown", private(f"**{QUESTION}** _ngay_ `code` [x](http://evil)"),
        ((SEND, ANSWER),), "evil"),
    Row("sql-drop", private("'; DROP TABLE votes; --"), ((SEND, "no_match"),), "DROP"),
    Row("sql-or", private("1' OR '1'='1; SELECT * FROM misses"), ((SEND, "no_match"),), "OR '1"),
    # Commands with 300 arguments
    Row("start-300-args", private("/start " + words(300)), ((SEND, "welcome"),)),
    Row("hoi-300-args", private("/hoi " + " ".join(QUESTION.split() * 60)), ((SEND, ANSWER),)),
    Row("hoi-300-args-in-group", group("/hoi " + words(300, "xyz")), ((SEND, "no_match"),)),
    Row("chude-300-args", private("/chude " + words(300)), ((SEND, "topics"),)),
    Row("help-300-args", private("/help " + words(300)), ((SEND, "help"),)),
    Row("unknown-300-args", private("/xoa " + words(300)), ((SEND, "unknown_command"),)),
    Row("stats-300-args-not-admin", private("/stats " + words(300)),
        ((SEND, "unknown_command"),)),
    # Edits, forwards, channels, anonymous admins
    Row("edited-message", raw("edited_message", {  # a typo fixed by editing: answered again
        "chat": {"id": USER_ID, "type": "private"}, "from": user(), "text": QUESTION,
        "edit_date": 2}), ((SEND, ANSWER),)),
    Row("edited-command", raw("edited_message", {
        "chat": {"id": USER_ID, "type": "private"}, "from": user(), "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}], "edit_date": 2}), ()),
    Row("forwarded-question", private(QUESTION, **FORWARDED), ((SEND, ANSWER),)),
    Row("forwarded-hidden-user", private("'; DROP TABLE misses", **HIDDEN),
        ((SEND, "no_match"),)),
    Row("forwarded-into-group", group(QUESTION, **FORWARDED), ()),
    Row("channel-post", raw("channel_post", {"chat": CHANNEL, "sender_chat": CHANNEL,
                                             "text": QUESTION}), ()),
    Row("channel-post-command", raw("channel_post", {
        "chat": CHANNEL, "sender_chat": CHANNEL, "text": "/start",
        "entities": [{"type": "bot_command", "offset": 0, "length": 6}]}), ()),
    Row("edited-channel-post", raw("edited_channel_post", {
        "chat": CHANNEL, "sender_chat": CHANNEL, "text": QUESTION, "edit_date": 2}), ()),
    Row("channel-post-kiemtra", raw("channel_post", {
        "chat": CHANNEL, "sender_chat": CHANNEL, "text": "/kiemtra",
        "entities": [{"type": "bot_command", "offset": 0, "length": 8}]}), ()),
    Row("linked-channel-autoforward", group(QUESTION, sender_chat=CHANNEL,
                                            is_automatic_forward=True), ()),
    Row("anonymous-admin-hoi", group(f"/hoi {QUESTION}", **ANONYMOUS), ((SEND, ANSWER),)),
    Row("anonymous-admin-mention", group(f"@{BOT_USERNAME} {QUESTION}", mention=True,
                                         **ANONYMOUS), ((SEND, ANSWER),)),
    Row("anonymous-admin-chatter", group(QUESTION, **ANONYMOUS), ()),
    Row("anonymous-admin-stats", group("/stats", **ANONYMOUS), ()),
    # Callback data: stale, forged, oversized, another version
    Row("stale-answer", tap("a:khong-con-nua"), ((ACK, "stale"),)),
    Row("stale-suggestion", tap("s:khong-con-nua"), ((ACK, "stale"),)),
    Row("stale-vote", tap("v:khong-con-nua:down"), ((ACK, "stale"),)),
    Row("stale-topic", tap("t:khong-con-nua"), ((ACK, "stale"),)),
    Row("forged-vote-arg", tap("v:tuoi-vao-dang:maybe"), ((ACK, "stale"),)),
    Row("forged-page-negative", tap("t:dieu-kien:-1"), ((ACK, "stale"),)),
    Row("forged-page-huge", tap("t:dieu-kien:99999999"),
        ((ACK, "ack"), ("editMessageText", "topic_page"))),
    Row("forged-menu-id", tap("m:other"), ((ACK, "stale"),)),
    Row("forged-path", tap("a:../../etc/passwd"), ((ACK, "stale"),)),
    Row("forged-uppercase-id", tap("a:TUOI-VAO-DANG"), ((ACK, "stale"),)),
    Row("forged-unknown-action", tap("zz:9"), ((ACK, "stale"),)),
    Row("oversized-ascii", tap("a:" + "x" * 200), ((ACK, "stale"),)),
    Row("oversized-unicode", tap("a:" + "đ" * 40), ((ACK, "stale"),)),
    Row("other-version-word", tap("answer:tuoi-vao-dang"), ((ACK, "stale"),)),
    Row("other-version-json", tap('{"a": "tuoi-vao-dang", "v": 2}'), ((ACK, "stale"),)),
    Row("other-version-extra-part", tap("a:tuoi-vao-dang:x:y"), ((ACK, "stale"),)),
    Row("forged-selfcheck-question", tap("k:khong-co-cau:a"), ((ACK, "stale"),)),
    Row("selfcheck-cancel-outside", tap("k:huy"), ((ACK, "stale"),)),
    Row("forged-path-arg", tap("p:chu:x"), ((ACK, "stale"),)),
    Row("forged-path-id", tap("p:khac"), ((ACK, "stale"),)),
    Row("empty-data", tap(""), ((ACK, "stale"),)),
    Row("game-button-no-data", tap(None), ((ACK, "stale"),)),
    Row("tap-under-inline-message", tap("a:tuoi-vao-dang", inline_message_id="im-1"),
        ((ACK, "ack"),)),
    Row("vote-under-inline-message", tap("v:tuoi-vao-dang:down", inline_message_id="im-2"),
        ((ACK, "toast"),)),
    Row("tap-on-inaccessible-message", tap("s:hoc-van", message={
        "message_id": 5, "date": 0, "chat": {"id": USER_ID, "type": "private"}}),
        ((ACK, "ack"), ("editMessageText", "answer:hoc-van"))),
    # Inline queries and deep links
    Row("inline-256-question", lambda: inline_query(sized(QUESTION + " ", 256)),
        ((INLINE, "results:tuoi-vao-dang"),)),
    Row("inline-256-hostile", lambda: inline_query(sized("<b>&amp;\x00'; DROP ", 256)),
        ((INLINE, "no_results"),), "DROP"),
    Row("deep-link-unknown", private("/start khong-co-muc-nay"), ((SEND, "welcome"),)),
    Row("deep-link-script", private("/start <script>alert(1)</script>"), ((SEND, "welcome"),),
        "<script>"),
    Row("deep-link-path", private("/start ../../etc/passwd"), ((SEND, "welcome"),), "passwd"),
    Row("deep-link-too-long", private("/start " + "tuoi-vao-dang" * 6), ((SEND, "welcome"),)),
    Row("deep-link-sql", private("/start tuoi-vao-dang'--"), ((SEND, "welcome"),)),
    Row("deep-link-uppercase", private("/start TUOI-VAO-DANG"), ((SEND, "welcome"),)),
    Row("deep-link-control", private("/start \x00\u200b"), ((SEND, "welcome"),)),
]


@pytest.fixture
async def errors(harness: Harness) -> AsyncIterator[list[BaseException]]:
    """Every exception that reaches the error handlers (the bot's own runs too)."""
    seen: list[BaseException] = []

    async def record(update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        if context.error is not None:
            seen.append(context.error)

    harness.app.add_error_handler(record)
    yield seen


def check_limits(call: Call, never_echoed: str) -> None:
    texts = [call.text] if call.method in (SEND, "editMessageText") else []
    for result in call.params.get("results", []):
        texts.append(result["input_message_content"]["message_text"])
    for text in texts:
        visible_text(text)  # AssertionError if Telegram would refuse the HTML
        assert telegram_length(text) <= MessageLimit.MAX_TEXT_LENGTH
    toast = call.params.get("text") if call.method == ACK else None
    assert toast is None or len(toast) <= CallbackQueryLimit.ANSWER_CALLBACK_QUERY_TEXT_LENGTH
    for data in call.callback_data():
        assert len(data.encode()) <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
    if never_echoed:
        assert never_echoed not in str(call.params)


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
async def test_bad_input_gets_its_defined_outcome(
    harness: Harness, errors: list[BaseException], caplog: pytest.LogCaptureFixture, row: Row
) -> None:
    calls = await harness.send(row.update())
    assert [(c.method, kind(c)) for c in calls] == list(row.expected)
    for call in calls:
        check_limits(call, row.never_echoed)
    assert errors == []
    assert [r.getMessage() for r in caplog.records if r.levelname == "ERROR"] == []
    follow_up = await harness.private(QUESTION)
    assert [(c.method, kind(c)) for c in follow_up] == [(SEND, ANSWER)]


async def test_hostile_text_is_stored_as_plain_text_and_the_tables_survive(
    harness: Harness,
) -> None:
    for text in ("'; DROP TABLE votes; --", "<b>x</b> & *_", "\x00\ud800 thời tiết"):
        await harness.private(text)
    misses = harness.services.storage.open_misses()
    assert [m.text for m in misses] == ["'; DROP TABLE votes; --", "<b>x</b> & *_",
                                        "\x00\ufffd thời tiết"]
    await harness.send(callback("v:tuoi-vao-dang:down", on=bot_message(USER_ID)))
    assert harness.services.storage.stats().downvotes == 1


async def test_an_anonymous_admins_miss_is_keyed_by_their_group_not_by_telegrams_bot(
    harness: Harness,
) -> None:
    await harness.send(group("/hoi thời tiết hôm nay", **ANONYMOUS)())
    svc = harness.services
    conn = sqlite3.connect(svc.storage.path)
    try:
        users = [u for (u,) in conn.execute("SELECT user FROM misses")]
    finally:
        conn.close()
    assert users == [svc.user_key(GROUP_ID)]
