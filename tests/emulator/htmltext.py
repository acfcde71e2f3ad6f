"""Telegram's HTML parse mode, strictly: what the real Bot API rejects, this rejects too.

Only the documented tags and the named entities &lt; &gt; &amp; &quot; are accepted; a raw
'<', an unknown tag (such as <br> or <p>), a mismatched or unclosed tag is a 400 error.
"""

from __future__ import annotations

import html
import re
from typing import Any

from .objects import utf16_len

# tag -> entity type; None means the type depends on attributes
_TAGS: dict[str, str | None] = {
    "b": "bold", "strong": "bold", "i": "italic", "em": "italic",
    "u": "underline", "ins": "underline", "s": "strikethrough", "strike": "strikethrough",
    "del": "strikethrough", "tg-spoiler": "spoiler", "span": None, "a": "text_link",
    "code": "code", "pre": "pre", "blockquote": None, "tg-emoji": "custom_emoji",
}
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_TOKEN = re.compile(
    r"<(?P<close>/?)(?P<tag>[A-Za-z][\w-]*)(?P<attrs>(?:\s[^<>]*)?)>"
    r"|(?P<lt><)"
    r"|&(?P<entity>#[xX][0-9A-Fa-f]{1,6}|#[0-9]{1,7}|[A-Za-z][A-Za-z0-9]{0,30});"
)
_ATTR = re.compile(r"""([\w-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


class HtmlError(ValueError):
    """The text is not valid Telegram HTML; str() is the Bot API's description."""


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Return (plain text, entities) as Telegram would store the message."""
    out: list[str] = []
    stack: list[tuple[str, int, dict[str, Any]]] = []
    entities: list[dict[str, Any]] = []
    pos = 0
    for match in _TOKEN.finditer(source):
        out.append(source[pos:match.start()])
        pos = match.end()
        offset = utf16_len("".join(out))
        if match.group("lt") is not None:
            raise HtmlError(_fail(source, match.start(), 'Unsupported start tag ""'))
        if match.group("entity") is not None:
            out.append(_entity(source, match))
            continue
        tag = match.group("tag").lower()
        if tag not in _TAGS:
            kind = "end" if match.group("close") else "start"
            raise HtmlError(_fail(source, match.start(), f'Unsupported {kind} tag "{tag}"'))
        if not match.group("close"):
            entity = _open_entity(tag, match.group("attrs") or "", source, match.start())
            stack.append((tag, offset, entity))
            continue
        if not stack or stack[-1][0] != tag:
            raise HtmlError(_fail(source, match.start(), f'Unmatched end tag "{tag}"'))
        _, start, entity = stack.pop()
        if offset > start:
            entities.append({**entity, "offset": start, "length": offset - start})
    out.append(source[pos:])
    if stack:
        raise HtmlError(_fail(
            source, len(source), f'Can\'t find end tag corresponding to start tag "{stack[-1][0]}"'
        ))
    return "".join(out), sorted(entities, key=lambda e: (e["offset"], -e["length"]))


def _fail(source: str, index: int, what: str) -> str:
    byte_offset = len(source[:index].encode("utf-8"))
    return f"Bad Request: can't parse entities: {what} at byte offset {byte_offset}"


def _entity(source: str, match: re.Match[str]) -> str:
    name = match.group("entity")
    if name.startswith("#"):
        code = int(name[2:], 16) if name[1] in "xX" else int(name[1:])
        return chr(code) if 0 < code < 0x110000 else "\ufffd"
    if name in _NAMED:
        return _NAMED[name]
    raise HtmlError(_fail(source, match.start(), f'Unsupported HTML entity "&{name};"'))


def _open_entity(tag: str, attr_text: str, source: str, index: int) -> dict[str, Any]:
    attrs = {
        m.group(1).lower(): html.unescape(m.group(2) or m.group(3) or m.group(4) or "")
        for m in _ATTR.finditer(attr_text)
    }
    if tag == "a":
        if not attrs.get("href"):
            raise HtmlError(_fail(source, index, 'Tag "a" must have attribute "href"'))
        return {"type": "text_link", "url": attrs["href"]}
    if tag == "span":
        if attrs.get("class") != "tg-spoiler":
            raise HtmlError(_fail(source, index, 'Tag "span" must have class "tg-spoiler"'))
        return {"type": "spoiler"}
    if tag == "blockquote":
        return {"type": "expandable_blockquote" if "expandable" in attrs else "blockquote"}
    if tag == "tg-emoji":
        return {"type": "custom_emoji", "custom_emoji_id": attrs.get("emoji-id", "")}
    return {"type": _TAGS[tag]}
