"""The one reply builder every Telegram renderer uses: escaping, buttons, split messages.

A Reply is what a renderer returns and what bot.tg.send delivers: the message parts, each
already below Telegram's length limit and valid HTML on its own, and the keyboard that goes
under the last part. Build it with `Reply.of(html, rows)`, never from an unsplit string.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.tg.html_split import split_html

Rows = Sequence[Sequence[InlineKeyboardButton]]


@dataclass(frozen=True, slots=True)
class Reply:
    parts: tuple[str, ...]
    keyboard: InlineKeyboardMarkup | None = None

    @classmethod
    def of(cls, text: str, rows: Rows | None = None) -> Reply:
        """`text` (Telegram HTML) split below the limit; the keyboard when there are rows."""
        return cls(tuple(split_html(text)), InlineKeyboardMarkup(rows) if rows else None)

    @classmethod
    def plain(cls, text: str) -> Reply:
        """A sentence with no markup, escaped."""
        return cls.of(escape(text))


def escape(text: str, quote: bool = False) -> str:
    """Any fragment from a user or a file, before it goes into HTML; `quote` for attributes."""
    return html.escape(text, quote=quote)


def button(text: str, data: str) -> InlineKeyboardButton:
    """A callback button; `data` comes from bot.tg.callbacks."""
    return InlineKeyboardButton(text, callback_data=data)
