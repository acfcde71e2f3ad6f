"""Turns a message, typed any way, into comparable tokens.

Order matters: NFC first (decomposed input would otherwise split letters from their
accents), then lower case, invisible characters, punctuation, stretched letters, the
glossary of abbreviations, and the polite fillers. Each token keeps its accented form and
a folded form without diacritics (đ → d), so matching can use either.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.core.glossary import Glossary
from bot.core.text import MAX_TEXT_CHARS, fold, has_diacritics, split_words


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # lower case, NFC, as typed or as the glossary expands it
    folded: str

    @property
    def accented(self) -> bool:
        return self.text != self.folded


class Normalizer:
    """Built once from the glossary; `tokens()` is pure and cached."""

    def __init__(self, glossary: Glossary) -> None:
        self._glossary = glossary
        self._expansion_sizes = sizes_by_first_word(glossary.expansions)
        self._filler_sizes = sizes_by_first_word(glossary.fillers)
        self._domain: dict[str, list[tuple[str, ...]]] = {}  # first word, folded → terms
        for term in glossary.domain_terms:
            self._domain.setdefault(fold(term[0]), []).append(term)

    @property
    def glossary(self) -> Glossary:
        return self._glossary

    def tokens(self, text: str) -> tuple[Token, ...]:
        return self._tokens(text[:MAX_TEXT_CHARS])

    @lru_cache(maxsize=65536)  # noqa: B019 - one Normalizer lives as long as the engine
    def _tokens(self, text: str) -> tuple[Token, ...]:
        kept = self._drop_fillers(list(self.expanded(text)))
        return tuple(map(word_token, kept))

    @lru_cache(maxsize=65536)  # noqa: B019 - one Normalizer lives as long as the engine
    def expanded(self, text: str) -> tuple[str, ...]:
        """The words with abbreviations spelled out, fillers still in ("cho em hỏi")."""
        return tuple(self._expand(_ages_apart(split_words(text[:MAX_TEXT_CHARS]))))

    def mentions_domain(self, tokens: tuple[Token, ...]) -> bool:
        """True when a domain term appears; diacritics, where typed, must agree. A one-word
        term needs its own diacritics: typed without them "dang" is mostly "đang" (doing),
        so a phone-typed message shows the Party by a phrase ("vao dang", "dang phi")."""
        for i, token in enumerate(tokens):
            for term in self._domain.get(token.folded, ()):
                window = tokens[i : i + len(term)]
                if len(term) == 1:
                    if token.text == term[0]:
                        return True
                elif len(window) == len(term) and all(
                        agrees(t, w) for t, w in zip(window, term, strict=True)):
                    return True
        return False

    def drop_fillers(self, folded_words: tuple[str, ...]) -> tuple[str, ...]:
        """The words of a message without its polite fillers (all folded)."""
        return tuple(self._drop_fillers(list(folded_words)))

    def _expand(self, words: list[str]) -> list[str]:
        """Replace glossary phrases (matched without diacritics) by their meaning."""
        folded = list(map(fold, words))
        return _replace_longest(
            words,
            folded,
            self._expansion_sizes,
            lambda i, size: self._meaning(words[i : i + size], tuple(folded[i : i + size])),
        )

    def _meaning(self, typed: list[str], folded: tuple[str, ...]) -> tuple[str, ...] | None:
        """A key typed without diacritics matches any spelling; one typed with them must
        agree, so 'du' (đảng ủy) never eats 'dự' (dự bị)."""
        for written, meaning in self._glossary.expansions.get(folded, ()):
            if all(w == k or not has_diacritics(w) for w, k in zip(typed, written, strict=True)):
                return meaning
        return None

    def _is_filler(self, typed: list[str], folded: tuple[str, ...]) -> bool:
        """Typed with diacritics, a word must be spelled as the filler is ("nhà" ≠ "nha")."""
        if folded not in self._glossary.fillers:
            return False
        spellings = self._glossary.filler_spellings.get(folded)
        if not spellings:  # folded words only (the engine's small-talk check)
            return True
        return any(all(w == s or not has_diacritics(w) for w, s in zip(typed, written,
                                                                       strict=True))
                   for written in spellings)

    def _drop_fillers(self, words: list[str]) -> list[str]:
        folded = list(map(fold, words))
        return _replace_longest(
            words,
            folded,
            self._filler_sizes,
            lambda i, size: (
                () if self._is_filler(words[i : i + size], tuple(folded[i : i + size])) else None
            ),
        )


_AGE = re.compile(r"(\d{1,3})(t|tuổi|tuoi)")


def _ages_apart(words: list[str]) -> list[str]:
    """"17t", "18tuoi" as texted: a number and "tuổi" (the glossary works on whole words)."""
    out: list[str] = []
    for word in words:
        age = _AGE.fullmatch(word) if word[0].isdigit() else None
        out += [age.group(1), "tuổi"] if age else [word]
    return out


def sizes_by_first_word(phrases: Iterable[tuple[str, ...]]) -> dict[str, tuple[int, ...]]:
    """Folded first word → the lengths of the phrases starting with it, longest first."""
    sizes: dict[str, set[int]] = {}
    for words in phrases:
        if words:
            sizes.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(s, reverse=True)) for word, s in sizes.items()}


def _replace_longest(
    words: list[str], folded: list[str], sizes: dict[str, tuple[int, ...]],
    find: Callable[[int, int], tuple[str, ...] | None],
) -> list[str]:
    """Left to right, the longest phrase `find(start, size)` knows is replaced by what it
    returns (nothing, for a filler); `sizes` (by folded first word) says which lengths of
    phrase start at a word, and the words no phrase starts at are kept without a look."""
    out: list[str] = []
    i = 0  # words before i are in `out`
    for start in [n for n, word in enumerate(folded) if word in sizes]:
        if start < i:
            continue  # inside the phrase just replaced
        for size in sizes[folded[start]]:
            replacement = find(start, size) if size <= len(words) - start else None
            if replacement is not None:
                out += words[i:start]
                out.extend(replacement)
                i = start + size
                break
    out += words[i:]
    return out


@lru_cache(maxsize=65536)
def word_token(word: str) -> Token:
    """One word's token, shared: a phrasing's words are mostly words seen before, and
    building a frozen dataclass costs more than looking one up."""
    return Token(word, fold(word))


def agrees(token: Token, written: str) -> bool:
    """Typed with diacritics, the word must be the same; typed without, any spelling."""
    return token.text == written or (not token.accented and token.folded == fold(written))
