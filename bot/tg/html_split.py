"""Split Telegram HTML into messages below the length limit without breaking tags or entities.

Breaks at line ends when it can, at spaces when a line is too long, and only cuts a word
when a single word is longer than a message. Tags open at a break are closed at the end of
one part and reopened at the start of the next.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from telegram.constants import MessageLimit

_TAG = re.compile(r"(<[^<>]+>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9-]+)")
_ENTITY_TAIL = re.compile(r"&[#a-zA-Z0-9]{0,10}$")
_PLAIN_TAG = re.compile(r"<[^<>]+>")
_EMPTY_ELEMENT = re.compile(r"<([a-zA-Z-]+)(?:\s[^<>]*)?></\1>")


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units): emoji outside the BMP count twice."""
    return len(text.encode("utf-16-le")) // 2


def visible_text(html: str) -> str:
    """The text a reader sees, entities still escaped: used to drop parts that would be empty."""
    return _PLAIN_TAG.sub("", html)


def split_html(html: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Parts of `html`, each at most `limit` units long and each valid on its own."""
    if telegram_length(html) <= limit:
        return [html]
    parts: list[str] = []
    current = ""
    stack: list[tuple[str, str]] = []  # (tag name, opening tag) of the tags open at `current`
    for piece in _pieces(html, limit):
        closers = "".join(f"</{name}>" for name, _ in reversed(stack))
        is_tag = _TAG.fullmatch(piece) is not None
        extra = f"</{_name(piece)}>" if is_tag and not piece.startswith("</") else ""
        grows = not is_tag or bool(extra)  # a closing tag's closer is already counted
        too_long = telegram_length(current + piece + extra + closers) > limit
        if grows and too_long and visible_text(current).strip():
            parts.append(current + closers)
            current = "".join(opener for _, opener in stack)
        current += piece
        if is_tag:
            _track(stack, piece)
    parts.append(current)
    cleaned = (_drop_empty_elements(p).strip() for p in parts)
    return [p for p in cleaned if visible_text(p).strip()]


def _name(tag: str) -> str:
    match = _TAG_NAME.match(tag)
    return match.group(1).lower() if match else ""


def _drop_empty_elements(part: str) -> str:
    """`<b></b>` left where a part ended right after a tag opened."""
    while True:
        shorter = _EMPTY_ELEMENT.sub("", part)
        if shorter == part:
            return part
        part = shorter


def _track(stack: list[tuple[str, str]], tag: str) -> None:
    name = _name(tag)
    if not tag.startswith("</"):
        stack.append((name, tag))
        return
    for i in range(len(stack) - 1, -1, -1):
        if stack[i][0] == name:
            del stack[i]
            return


def _pieces(html: str, limit: int) -> Iterator[str]:
    """Tags whole; text as lines, long lines as words, giant words as entity-safe slices."""
    budget = limit // 2  # leaves room for the tags reopened at the start of a part
    for token in _TAG.split(html):
        if not token:
            continue
        if _TAG.fullmatch(token):
            yield token
            continue
        for line in token.splitlines(keepends=True):
            if telegram_length(line) <= budget:
                yield line
                continue
            for word in re.findall(r"\S*\s*", line):
                yield from _slices(word, budget) if word else ()


def _slices(word: str, budget: int) -> Iterator[str]:
    while telegram_length(word) > budget:
        cut = budget // 2  # characters; at most 2 units each, so the slice fits the budget
        tail = _ENTITY_TAIL.search(word[:cut])
        if tail is not None and tail.start() > 0:
            cut = tail.start()  # never split "&amp;" in two
        yield word[:cut]
        word = word[cut:]
    yield word
