"""The light marks curators may use in answers, rendered as Telegram HTML or plain text.

Supported: **bold**, and lines starting with "- " as bullets. Everything else is text,
escaped for HTML, so a curator's `<` or `&` can never break a message.
"""

from __future__ import annotations

import html
import re

_BOLD = re.compile(r"\*\*(.+?)\*\*", re.DOTALL)
_BULLET = re.compile(r"^\s*[-*]\s+", re.MULTILINE)


def to_html(text: str) -> str:
    """Escape, then turn the marks into <b> and bullets."""
    escaped = html.escape(text, quote=False)
    with_bold = _BOLD.sub(r"<b>\1</b>", escaped)
    return _BULLET.sub("• ", with_bold)


def to_plain(text: str) -> str:
    """Drop the marks, keep the words."""
    return _BULLET.sub("• ", _BOLD.sub(r"\1", text))
