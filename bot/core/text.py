"""Character-level text handling shared by the glossary and the normaliser."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_INVISIBLE = re.compile(r"[\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff\u00ad]")
_WORD = re.compile(r"[^\W_]+%?|%", re.UNICODE)
# The marks Vietnamese letters decompose into (tones, breve, circumflex, horn): removed by
# one regex, where testing each character in Python costs four times as much.
_MARK_CHARS = "".join(chr(c) for c in range(0x300, 0x370) if unicodedata.combining(chr(c)))
_MARKS = re.compile(f"[{_MARK_CHARS}]+")
# What is left of Vietnamese text once those marks are gone: characters that NFC leaves as
# they are (no decomposition, no composition), so the result needs no NFC pass.
_BARE = re.compile(r"[\x00-\x7fɯ]*")
_NOT_BARE = re.compile(r"[^\x00-\x7fɯ]")
# Category Cc (line breaks, tabs, ...): become spaces, as every control character does.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# The space separators (category Z) other than " ": not printable, not controls, so kept.
_SEPARATORS = re.compile("[\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
MAX_TEXT_CHARS = 2000  # of one message: enough for a long letter; the rest is noise and cost


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Remove Vietnamese diacritics: 'Đảng viên' → 'Dang vien'."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = _MARKS.sub("", decomposed)
    if _BARE.fullmatch(stripped):
        return stripped
    # Other characters ("–", "“", other scripts): any combining one among them goes too,
    # then letters recompose.
    marks = {ord(c): None for c in set(_NOT_BARE.findall(stripped)) if unicodedata.combining(c)}
    return unicodedata.normalize("NFC", stripped.translate(marks) if marks else stripped)


def has_diacritics(token: str) -> bool:
    return fold(token) != token


def clean(text: str) -> str:
    """NFC, lower case, no invisible or control characters, no stretched letters."""
    text = unicodedata.normalize("NFC", text)
    text = _INVISIBLE.sub("", text)
    if not text.isprintable():  # line breaks, tabs (letters have them), other controls
        text = _CONTROLS.sub(" ", text)
        if not _SEPARATORS.sub("", text).isprintable():  # other kinds (rare): one by one
            text = "".join(" " if unicodedata.category(c)[0] == "C" else c for c in text)
    return _squeeze(text.lower())


_REPEATED = re.compile(r"([^\W\d_])\1+")
# "ư" is its own letter: "hưu", "ưu tú", "hữu" are not a stretched "u" (fold would say so).
_HORN_U = re.compile("[ưừứửữựƯỪỨỬỮỰ]")


def _squeeze(text: str) -> str:
    """Collapse stretched letters ("ạaaa", "điii" → "ạ", "đi").

    Vietnamese spelling never doubles a letter except "oo" (xoong), so runs of the same
    base letter shrink to their first character; a lone "oo" is kept. Runs are found on the
    folded text, which keeps one character per letter.
    """
    folded = fold(_HORN_U.sub("ɯ", text)).lower()
    if len(folded) != len(text):  # a character that folds to several: the slow path
        return _squeeze_slowly(text)
    out, last = [], 0
    for run in _REPEATED.finditer(folded):
        start, end = run.span()
        if end - start == 2 and run.group(1) == "o":
            continue
        out.append(text[last : start + 1])
        last = end
    out.append(text[last:])
    return "".join(out)


def _squeeze_slowly(text: str) -> str:
    out: list[str] = []
    run_base, run_len = "", 0
    for char in text:
        base = fold(_HORN_U.sub("ɯ", char))
        if base == run_base and base.isalpha():
            run_len += 1
            continue
        _close_run(out, run_base, run_len)
        out.append(char)
        run_base, run_len = base, 1
    _close_run(out, run_base, run_len)
    return "".join(out)


def _close_run(out: list[str], base: str, length: int) -> None:
    if length == 2 and base == "o":
        out.append(out[-1])


def split_words(text: str) -> list[str]:
    return list(_split_words(text))


@lru_cache(maxsize=256)  # a message is split by the small-talk check, then by the normaliser
def _split_words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(clean(text)))
