"""The fast paths of `fold` and `clean` give what their plain definitions give.

`fold` strips Vietnamese marks with one regex and keeps a per-character path for the rest:
a property holds it to the textbook definition on any text. `clean` replaces line breaks with
one regex and other controls one by one: a table pins what becomes a space.
"""

from __future__ import annotations

import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.text import clean, fold

VIETNAMESE = ("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợ"
              "ùúủũụừứửữựỳýỷỹỵĐĂÂÊÔƠƯẠỰ ,.?!–“”…\n\t\r\u00a0\u200b\u0301\u0323\u031b")
TEXT = st.text(alphabet=st.sampled_from(VIETNAMESE), max_size=40) | st.text(max_size=40)


def plain_fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


@settings(max_examples=500, deadline=None)
@given(TEXT)
def test_fold_is_the_plain_definition(text: str) -> None:
    assert fold.__wrapped__(text) == plain_fold(text)


@pytest.mark.parametrize(("text", "expected"), [
    ("a\nb", "a b"),
    ("Thưa luật sư,\r\nem hỏi\t ạ", "thưa luật sư,  em hỏi  ạ"),
    ("a\x85b\x1bc", "a b c"),  # controls beyond ASCII too
    ("a\u00a0b\u2028c\u3000d", "a\u00a0b\u2028c\u3000d"),  # separators are kept
    ("a\ue000b\nc", "a b c"),  # a private-use character: the per-character path
    ("a\u00a0b\U000e0001c\nd", "a\u00a0b c d"),  # a tag character (Cf) among separators
    ("a\u200bb\u00adc\nd", "abc d"),  # invisible characters go, not to spaces
])
def test_control_characters_become_spaces(text: str, expected: str) -> None:
    assert clean(text) == expected
