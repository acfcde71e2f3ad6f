"""Splitting long HTML replies: every part valid on its own and within Telegram's limit."""

from __future__ import annotations

import html

from hypothesis import given, settings
from hypothesis import strategies as st
from telegram.constants import MessageLimit

from bot.core.markup import to_html
from bot.tg.html_split import split_html, telegram_length
from tests.tg.telegram_html import visible_text


def words(text: str) -> list[str]:
    return text.split()


def test_short_text_is_one_part() -> None:
    assert split_html("<b>ngắn</b>") == ["<b>ngắn</b>"]


def test_breaks_at_lines_and_reopens_tags() -> None:
    text = "<b>" + "\n".join(f"dòng {i} &amp; nữa" for i in range(30)) + "</b>"
    parts = split_html(text, limit=100)
    assert len(parts) > 1
    for part in parts:
        assert telegram_length(part) <= 100
        assert part.startswith("<b>") and part.endswith("</b>")
        visible_text(part)
    assert words(" ".join(visible_text(p) for p in parts)) == words(visible_text(text))


def test_a_giant_word_is_cut_without_breaking_entities() -> None:
    text = "&amp;" * 3000
    parts = split_html(text)
    assert all(telegram_length(p) <= MessageLimit.MAX_TEXT_LENGTH for p in parts)
    assert "".join(visible_text(p) for p in parts) == "&" * 3000


def test_emoji_count_double() -> None:
    text = "😀" * 3000  # 6000 UTF-16 units
    parts = split_html(text)
    assert len(parts) == 2
    assert all(telegram_length(p) <= MessageLimit.MAX_TEXT_LENGTH for p in parts)


def test_a_link_stays_whole() -> None:
    link = '<a href="https://example.org/?a=1&amp;b=2">nguồn</a>'
    text = ("chữ " * 40 + "\n") * 3 + link
    for part in split_html(text, limit=200):
        visible_text(part)
    assert link in "".join(split_html(text, limit=200))


curator_text = st.lists(
    st.one_of(
        st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=60),
        st.just("**đậm**"), st.just("\n- ý "), st.just("<&>"), st.just("😀"), st.just("\n"),
    ),
    max_size=200,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(curator_text, st.integers(min_value=40, max_value=500))
def test_any_text_splits_into_valid_parts(text: str, limit: int) -> None:
    rendered = f"<b>{html.escape('Câu hỏi')}</b>\n{to_html(text)}"
    parts = split_html(rendered, limit=limit)
    for part in parts:
        assert telegram_length(part) <= limit
        assert visible_text(part).strip()
    joined = " ".join(visible_text(p) for p in parts)
    assert words(joined) == words(visible_text(rendered)) or "".join(words(joined)) == "".join(
        words(visible_text(rendered))
    )
