"""A strict check of Telegram's HTML parse mode, for asserting on what the bot sends."""

from __future__ import annotations

import re
from html.parser import HTMLParser

ALLOWED_TAGS = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
    "tg-spoiler", "span", "blockquote", "tg-emoji",
}
_TAG = re.compile(r"<(/?)([a-zA-Z-]+)((?:\s+[a-z-]+=\"[^\"<>]*\")*)\s*>")
_BAD_AMP = re.compile(r"&(?!(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);)")


class _Balance(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED_TAGS, f"tag <{tag}> is not Telegram HTML"
        if tag == "a":
            assert dict(attrs).get("href"), "<a> needs href"
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes {self.stack}"
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def visible_text(text: str) -> str:
    """The text a reader sees; AssertionError if Telegram would reject the HTML."""
    without_tags = _TAG.sub("", text)
    assert "<" not in without_tags and ">" not in without_tags, f"unescaped < or > in {text!r}"
    assert not _BAD_AMP.search(text), f"unescaped & in {text!r}"
    parser = _Balance()
    parser.feed(text)
    parser.close()
    assert not parser.stack, f"unclosed tags {parser.stack} in {text!r}"
    return "".join(parser.text)  # convert_charrefs already unescaped it, exactly once
