"""Property tests: every reply the bot renders is valid Telegram HTML within Telegram's limits,
whatever FAQ-like text curators (or, for /misses and /stats, users) put into it.

Two independent checkers: tests/tg/telegram_html.py and the emulator's strict parser.
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from telegram import InlineKeyboardMarkup
from telegram.constants import (
    InlineKeyboardButtonLimit,
    InlineKeyboardMarkupLimit,
    InlineQueryLimit,
    InlineQueryResultLimit,
    MessageLimit,
)

from bot.core.decision import Candidate
from bot.core.miss_groups import MissGroup
from bot.core.model import Citation, Document, Entry, Faq, Topic
from bot.core.problems import Problem
from bot.core.settings import Contact
from bot.curation.review import Done
from bot.store.review_sql import Change
from bot.store.storage import Miss
from bot.tg import render, render_admin, render_review
from bot.tg.handlers.inline import _article
from bot.tg.html_split import telegram_length
from bot.tg.render import BotInfo, Reply
from tests.emulator.htmltext import parse_html
from tests.tg.telegram_html import visible_text

BOTS = st.sampled_from([BotInfo("HoiDapTestBot", True), BotInfo("HoiDapTestBot", False),
                        BotInfo("", False)])
# FAQ-like text: Vietnamese, markup curators might type, HTML specials, emoji, odd spaces.
PIECES = st.sampled_from([
    "**đậm**", "**", "\n- ý ", "\n* ý", "<b>", "</a>", "&", "&amp;", "&#0;", "<&>", '"', "'",
    "😀", "👨‍👩‍👧", "\n", "\u200b", "\u00ad", "Đảng", "đ", "294-QĐ/TW", "\t", "   ",
])
CHARS = st.characters(codec="utf-8", exclude_categories=["Cs"])
FAQ_TEXT = st.lists(st.one_of(st.text(CHARS, max_size=40), PIECES), max_size=60).map("".join)
SHORT_TEXT = st.lists(st.one_of(st.text(CHARS, max_size=20), PIECES), max_size=10).map(
    "".join
).filter(lambda s: s.strip())
SLUG = st.from_regex(r"[a-z0-9]{1,12}(-[a-z0-9]{1,12}){0,2}", fullmatch=True)
URLS = st.sampled_from(["", "https://example.org/a?b=1&c=2", "https://thuvienphapluat.vn/x y",
                        "http://[::1]/", "not a url"])


@st.composite
def entries(draw: st.DrawFn, topic: str = "t1", min_size: int = 1) -> list[Entry]:
    ids = draw(st.lists(SLUG, min_size=min_size, max_size=12, unique=True))
    doc = Document(key="d", kind=draw(st.sampled_from(["party", "law", "article"])),
                   title=draw(SHORT_TEXT), url=draw(URLS), number=draw(st.text(max_size=20)),
                   status=draw(st.sampled_from(["in-force", "superseded", None])))
    return [
        Entry(id=i, topic=topic, question=draw(SHORT_TEXT.map(lambda s: s[:200])),
              alternates=(), answer=draw(FAQ_TEXT),
              sources=(Citation(doc, draw(st.text(max_size=30)), draw(URLS)),),
              reviewed=dt.date(2026, 1, 1), related=tuple(draw(st.lists(st.sampled_from(ids)))))
        for i in ids
    ]


def faq_of(items: list[Entry], topic_name: str = "Chủ đề") -> Faq:
    topics = (Topic("t1", topic_name), Topic("t2", "<rỗng> & trống"))
    return Faq(topics=topics, entries=tuple(items),
               documents=tuple({e.sources[0].document for e in items}))


def valid_html(text: str) -> str:
    """The visible text; fails if Telegram would refuse the message."""
    assert telegram_length(text) <= MessageLimit.MAX_TEXT_LENGTH
    seen = visible_text(text)
    plain, _ = parse_html(text)
    assert plain == seen
    return seen


def check_keyboard(markup: InlineKeyboardMarkup | None) -> None:
    if markup is None:
        return
    rows = markup.inline_keyboard
    assert sum(len(row) for row in rows) <= InlineKeyboardMarkupLimit.TOTAL_BUTTON_NUMBER
    for row in rows:
        assert len(row) <= InlineKeyboardMarkupLimit.BUTTONS_PER_ROW
        for button in row:
            assert button.text
            if button.callback_data is not None:
                assert isinstance(button.callback_data, str)
                size = len(button.callback_data.encode("utf-8"))
                assert InlineKeyboardButtonLimit.MIN_CALLBACK_DATA <= size
                assert size <= InlineKeyboardButtonLimit.MAX_CALLBACK_DATA
            if button.switch_inline_query is not None:
                assert len(button.switch_inline_query) <= InlineQueryLimit.MAX_QUERY_LENGTH
            if button.url is not None and "?start=" in button.url:
                payload = button.url.split("?start=", 1)[1]
                assert len(payload) <= MessageLimit.DEEP_LINK_LENGTH


def check(reply: Reply) -> list[str]:
    assert reply.parts, "a reply has at least one part"
    texts = [valid_html(part) for part in reply.parts]
    assert all(t.strip() for t in texts), "no empty message"
    check_keyboard(reply.keyboard)
    return texts


SETTINGS = settings(max_examples=40, deadline=None)


@SETTINGS
@given(entries(), BOTS)
def test_answers_and_their_buttons(items: list[Entry], bot: BotInfo) -> None:
    faq = faq_of(items)
    for entry in items[:3]:
        check(render.answer(entry, faq, bot))


@SETTINGS
@given(entries(), st.integers(min_value=1, max_value=5))
def test_suggestions(items: list[Entry], count: int) -> None:
    reply = check(render.suggest(tuple(Candidate(e, 50.0) for e in items[:count])))
    assert len(reply) == 1


@SETTINGS
@given(entries(), SHORT_TEXT, FAQ_TEXT, SHORT_TEXT)
def test_no_match_welcome_and_small_talk(
    items: list[Entry], name: str, how: str, topic_name: str
) -> None:
    faq = faq_of(items, topic_name)
    check(render.no_match(faq, Contact(name=name, how=how)))
    check(render.welcome(faq))
    for reason in ("greeting", "thanks", "empty", "no_match"):
        check(render.small_talk(reason))  # type: ignore[arg-type]


@SETTINGS
@given(entries(min_size=1), SHORT_TEXT, st.integers(min_value=-3, max_value=10))
def test_topic_menu_and_pages(items: list[Entry], topic_name: str, page: int) -> None:
    faq = faq_of(items, topic_name)
    check(render.topic_menu(faq))
    texts = check(render.topic_page(faq, faq.topics[0], page))
    assert texts[0].startswith(f"📚 {topic_name}")


@SETTINGS
@given(entries(), BOTS)
def test_inline_results(items: list[Entry], bot: BotInfo) -> None:
    services: Any = SimpleNamespace(bot=bot)
    assert len(items) <= InlineQueryLimit.RESULTS
    for entry in items[:5]:
        article = _article(entry, services)
        assert 1 <= len(article.id.encode()) <= InlineQueryResultLimit.MAX_ID_LENGTH
        assert article.title
        valid_html(article.input_message_content.message_text)  # type: ignore[union-attr]
        check_keyboard(article.reply_markup)


@SETTINGS
@given(st.lists(st.tuples(st.sampled_from(["no_match", "downvote"]), st.text(max_size=600),
                          st.one_of(st.none(), SLUG)), max_size=25),
       st.lists(st.tuples(st.text(max_size=500), st.integers(0, 10**6)), max_size=5))
def test_admin_replies_with_user_text(
    misses: list[tuple[str, str, str | None]], top: list[tuple[str, int]]
) -> None:
    at = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    members = tuple(Miss(at, kind, text, best, index + 1)
                    for index, (kind, text, best) in enumerate(misses))
    groups = [MissGroup(m.id, m.text, members, ()) for m in members[:3]]
    for group in groups:
        check(render_review.group(group, more=len(misses), page=0))
        check(render_review.done(Done("add_phrasing", group.question, "x", "a<b>.yaml", 7,
                                      None), faq_of([])))
    check(render_review.digest(groups, 1, 3, 7))
    check(render_review.changes([Change(i, at, "h" * 64, "add_phrasing", "x", "f.yaml", text,
                                        None, None) for i, (text, _) in enumerate(top)]))


@SETTINGS
@given(st.lists(st.builds(Problem, st.text(max_size=80), st.integers(0, 10**5), FAQ_TEXT),
                min_size=1, max_size=40))
def test_reload_problems(problems: list[Problem]) -> None:
    check(render_admin.reload_failed(tuple(problems)))
