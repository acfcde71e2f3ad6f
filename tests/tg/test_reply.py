"""The one reply builder: escaping, buttons, and replies split below Telegram's limit."""

from __future__ import annotations

import ast

import pytest
from telegram.constants import MessageLimit

from bot.tg.reply import Reply, button, escape
from tests.conftest import ROOT
from tests.tg.telegram_html import visible_text


def test_a_long_reply_is_split_below_the_limit_and_keeps_every_word() -> None:
    words = [f"từ{n}" for n in range(2000)]
    reply = Reply.of("<b>Tiêu đề</b>\n" + " ".join(words), [[button("Nút", "a:x")]])
    assert len(reply.parts) > 1
    assert all(len(p.encode("utf-16-le")) // 2 <= MessageLimit.MAX_TEXT_LENGTH
               for p in reply.parts)
    assert " ".join(visible_text(p) for p in reply.parts).split()[2:] == words
    assert reply.keyboard is not None and reply.keyboard.inline_keyboard[0][0].text == "Nút"


def test_no_rows_no_keyboard() -> None:
    assert Reply.of("xin chào", []) == Reply(("xin chào",), None)


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [("a < b & c", False, "a &lt; b &amp; c"), ('"x"', False, '"x"'),
     ('https://x.vn/?a="1"', True, "https://x.vn/?a=&quot;1&quot;")],
    ids=["text", "quotes-kept-in-text", "attribute"],
)
def test_escape(text: str, quote: bool, expected: str) -> None:
    assert escape(text, quote=quote) == expected


def test_plain_is_escaped() -> None:
    assert Reply.plain("<b>không in đậm</b>").parts == ("&lt;b&gt;không in đậm&lt;/b&gt;",)


RENDERERS = ["render.py", "render_admin.py", "render_review.py", "path_replies.py"]
HANDLERS = sorted(p.name for p in (ROOT / "bot" / "tg" / "handlers").glob("*.py"))


def _calls(path: str) -> set[str]:
    tree = ast.parse((ROOT / "bot" / "tg" / path).read_text(encoding="utf-8"))
    return {ast.unparse(node.func) for node in ast.walk(tree) if isinstance(node, ast.Call)}


@pytest.mark.parametrize("path", RENDERERS + [f"handlers/{h}" for h in HANDLERS])
def test_every_renderer_and_handler_uses_the_builder(path: str) -> None:
    """No unsplit Reply(...), no private escaping, no raw text sent past bot.tg.send."""
    calls = _calls(path)
    assert {"Reply", "html.escape", "_e", "_reply"} & calls == set()
    assert {c for c in calls if c.endswith((".reply_text", ".send_message"))} == set()
