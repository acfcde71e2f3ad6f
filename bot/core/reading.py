"""Reads a message once: its question, the story around it, and the situation it names.

People write letters: "Thưa luật sư, …", who they are, a story, then one or two questions.
The reader splits the message into sentences and clauses, drops greeting and closing lines,
and finds the question sentence(s) — the focus. It also finds the situation the message
describes: who (a father, a wife) and what happened (prison, abroad, a tattoo), pairing each
"what" with the "who" of its clause or sentence. The matcher weighs the focus and the
situation more than the story, and the decision refuses to answer a different situation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from bot.core.lexicon import Concept, Lexicon, Phrase
from bot.core.normalize import Normalizer, Token, agrees, sizes_by_first_word, word_token
from bot.core.text import MAX_TEXT_CHARS, fold

_SENTENCE = re.compile(r"[^.!?;\n…]+[.!?;\n…]*")
_AFTER_SALUTATION = re.compile(r"[,:]")  # "Thưa luật sư, …", "Chào luật sư X:Tôi …"
_CLAUSE = re.compile(r"[,:]")
KIND_MARK = "~"  # kind tokens ("~duration") are never words, so typo fixing skips them
LONG_SENTENCE = 30  # words; a longer sentence is a run-on letter, read clause by clause
QUESTION_WORDS = 3  # a clause asking on its own, this long at least, is a question of its own
EMPLOYER_WINDOW = 6  # words before a country in which an employer word makes it the employer's

Pair = tuple[str | None, str]  # (relation or None for oneself, condition)


@dataclass(frozen=True, slots=True)
class Clause:
    tokens: tuple[Token, ...]  # normalised, fillers dropped, question kinds as marks
    asks: bool  # a question clause
    pairs: tuple[Pair, ...]
    relations: frozenset[str]
    situation_words: frozenset[str]  # folded words that named a who or a what
    by_writer: bool = False  # starts with the writer ("em", "tôi"): no relative carried in


@dataclass(frozen=True, slots=True)
class Reading:
    tokens: tuple[Token, ...]  # every content clause, in order
    focus: tuple[Token, ...]  # the question clause(s); all tokens when there is no story
    questions: tuple[tuple[Token, ...], ...]  # each question sentence on its own
    pairs: frozenset[Pair]  # the situations the message describes
    focus_relations: frozenset[str]
    situation_words: frozenset[str]

    @property
    def has_story(self) -> bool:
        return len(self.focus) < len(self.tokens)

    @property
    def kinds(self) -> frozenset[str]:
        return frozenset(t.text[1:] for t in self.focus if t.text.startswith(KIND_MARK))

    @property
    def conditions(self) -> frozenset[str]:
        return frozenset(c for _, c in self.pairs)

    def about(self, question: tuple[Token, ...]) -> Reading:
        """One of the message's questions on its own, in the message's situation."""
        return replace(self, tokens=question, focus=question, questions=(question,))


class Reader:
    """Built once from the normaliser and faq/reading.yaml; `read()` is pure and cached."""

    def __init__(self, normalizer: Normalizer, lexicon: Lexicon) -> None:
        self.normalizer = normalizer
        self.lexicon = lexicon
        self._closings = _by_length(lexicon.closings)
        self._salutations = _by_length(lexicon.salutations)
        self._situations = _by_folded(lexicon.situations)
        self._sizes = sizes_by_first_word(self._situations)
        self._kinds = _by_first_word_folded(lexicon.kinds)
        self._cues: dict[str, list[Phrase]] = {}
        for cue in lexicon.cues_anywhere:
            self._cues.setdefault(fold(cue[0]), []).append(cue)
        # A word agrees with a cue only if their folded forms are the same: look those up.
        self._endings: dict[str, list[str]] = {}
        for ending in lexicon.cues_ending:
            self._endings.setdefault(fold(ending), []).append(ending)

    @lru_cache(maxsize=65536)  # noqa: B019 - validation and the matcher both read every phrasing
    def phrase(self, text: str) -> Clause:
        """One FAQ phrasing, read as a single clause."""
        return self._clause(text, carried=frozenset())

    @lru_cache(maxsize=4096)  # noqa: B019 - one reader lives as long as its FAQ
    def read(self, text: str) -> Reading:
        units: list[tuple[int, Clause]] = []
        # "Em vào Đảng được không, cần giấy tờ gì?": one sentence asking twice is two
        # questions (a button for the second), though it is read whole for the answer.
        split: dict[int, list[tuple[Token, ...]]] = {}
        for number, sentence in enumerate(self._sentences(text[:MAX_TEXT_CHARS])):
            carried: frozenset[str] = frozenset()
            clauses = []
            for part in _CLAUSE.split(sentence):
                clause = self._clause(part, carried)
                carried = clause.relations or (frozenset() if clause.by_writer else carried)
                if clause.tokens:
                    clauses.append(clause)
            asking = [c.tokens for c in clauses if c.asks and len(c.tokens) >= QUESTION_WORDS]
            if sentence.rstrip().endswith("?"):
                clauses = [replace(c, asks=True) for c in clauses]
            if sum(len(c.tokens) for c in clauses) > LONG_SENTENCE:
                units += [(number, c) for c in clauses]  # a run-on letter: read its clauses
            elif clauses:
                units.append((number, _joined(clauses)))
            if len(asking) > 1:
                split[number] = asking
        return self._assemble(units, split)

    def _sentences(self, text: str) -> list[str]:
        """Sentences without greeting and closing lines ("Thưa luật sư, …" keeps the rest)."""
        kept = []
        for sentence in _SENTENCE.findall(text):
            words = tuple(map(fold, self.normalizer.expanded(sentence)))
            if _starts_with(words, self._closings):
                continue
            if _starts_with(words, self._salutations):
                rest = _AFTER_SALUTATION.split(sentence, maxsplit=1)[1:]
                sentence = rest[0] if rest and rest[0].strip() else ""
            if sentence.strip():
                kept.append(sentence)
        return kept

    def _clause(self, text: str, carried: frozenset[str]) -> Clause:
        asks = self._asks(tuple(map(word_token, self.normalizer.expanded(text))))
        tokens = self._mark_kinds(self.normalizer.tokens(text))
        found = self._find_situations(tokens)
        # "bố em là đảng viên, em có hình xăm": the writer is the subject again.
        by_writer = bool(tokens) and tokens[0].folded in self.lexicon.writer
        if not found:  # most clauses name no situation
            return Clause(tokens, asks, (), frozenset(), frozenset(), by_writer)
        relations = frozenset(c.name for c in found if c.kind == "relation")
        conditions = [c.name for c in found if c.kind == "condition"]
        owners = relations or (frozenset() if by_writer else carried)
        pairs = tuple((r, c) for c in conditions for r in (owners or {None}))
        words = frozenset(w for c in found for w in c.words)
        return Clause(tokens, asks, pairs, relations, words, by_writer)

    def _asks(self, words: tuple[Token, ...]) -> bool:
        if any(agrees(w, cue) for w in words[-3:] for cue in self._endings.get(w.folded, ())):
            return True
        cues = self._cues
        return any(
            all(agrees(t, w) for t, w in zip(words[i : i + len(cue)], cue, strict=False))
            and len(words) - i >= len(cue)
            for i in [n for n, word in enumerate(words) if word.folded in cues]
            for cue in cues[words[i].folded]
        )

    def _mark_kinds(self, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
        """'mất bao lâu' → one '~duration' token: the kind is asked, not the words."""
        folded = tuple(t.folded for t in tokens)
        out: list[Token] = []
        i = 0  # tokens before i are in `out`
        for start in [n for n, word in enumerate(folded) if word in self._kinds]:
            if start < i:
                continue  # inside the kind phrase just marked
            for phrase, kind in self._kinds[folded[start]]:
                if folded[start : start + len(phrase)] == phrase:
                    out += tokens[i:start]
                    out.append(Token(KIND_MARK + kind, KIND_MARK + kind))
                    i = start + len(phrase)
                    break
        return tokens if i == 0 else (*out, *tokens[i:])

    def _find_situations(self, tokens: tuple[Token, ...]) -> list[_Found]:
        """Left to right, the longest situation phrase at each word (a dict look-up per
        length of the phrases that start with that word, not a scan of every phrase)."""
        found: list[_Found] = []
        folded = tuple(t.folded for t in tokens)
        i = 0  # words before i are read
        named = 0  # words before it name a relative
        for start in [n for n, word in enumerate(folded) if word in self._sizes]:
            if start < i:
                continue  # inside the phrase just found
            for size in self._sizes[folded[start]]:
                words = folded[start : start + size]
                if len(words) < size:
                    continue
                phrases = self._situations.get(words)  # most lengths name nothing here
                concept = _agreeing(tokens[start : start + size], phrases) if phrases else None
                if concept is not None:
                    # "chồng em là người Hàn": what follows a relative is the relative's
                    since = max(start - EMPLOYER_WINDOW, named)
                    if concept.kind and not self._employers(concept, tokens[since:start]):
                        found.append(_Found(concept.kind, concept.name, words))
                    if concept.kind == "relation":
                        named = start + size
                    i = start + size
                    break
        return found

    def _employers(self, concept: Concept, window: tuple[Token, ...]) -> bool:
        """"công ty điện tử Hàn Quốc", "sếp em là người Hàn": the country is the employer's,
        not the writer's situation (an employer word among the few words before it, a word
        typed with other diacritics is another word: "đơn hàng ở Đức" names no "hãng")."""
        if concept.name != self.lexicon.employer_condition:
            return False
        folded = tuple(t.folded for t in window)
        return any(folded[i : i + len(p)] == tuple(map(fold, p)) and _written_as(window[i:], p)
                   for p in self.lexicon.employer for i in range(len(window) - len(p) + 1))

    def _assemble(self, clauses: list[tuple[int, Clause]],
                  split: dict[int, list[tuple[Token, ...]]]) -> Reading:
        tokens = tuple(t for _, c in clauses for t in c.tokens)
        asking = [(n, c) for n, c in clauses if c.asks]
        if not asking or not (self.lexicon.cues_anywhere or self.lexicon.cues_ending):
            asking = clauses  # no question found: read it all as the question
        focus = tuple(t for _, c in asking for t in c.tokens)
        by_sentence: dict[int, list[Token]] = {}
        for number, clause in asking:
            by_sentence.setdefault(number, []).extend(clause.tokens)
        return Reading(
            tokens=tokens,
            focus=focus,
            questions=tuple(q for n, ts in by_sentence.items() for q in split.get(n, [tuple(ts)])),
            pairs=frozenset(p for _, c in clauses for p in c.pairs),
            focus_relations=frozenset(r for _, c in asking for r in c.relations),
            situation_words=frozenset(w for _, c in clauses for w in c.situation_words),
        )


def _joined(clauses: list[Clause]) -> Clause:
    return Clause(
        tokens=tuple(t for c in clauses for t in c.tokens),
        asks=any(c.asks for c in clauses),
        pairs=tuple(p for c in clauses for p in c.pairs),
        relations=frozenset(r for c in clauses for r in c.relations),
        situation_words=frozenset(w for c in clauses for w in c.situation_words),
    )


@dataclass(frozen=True, slots=True)
class _Found:
    kind: str
    name: str
    words: tuple[str, ...]  # folded


def _by_folded(
    situations: dict[Phrase, Concept],
) -> dict[tuple[str, ...], tuple[tuple[Phrase, Concept], ...]]:
    """Phrases by their folded words: "bố" and "bộ" share a key, diacritics decide."""
    index: dict[tuple[str, ...], list[tuple[Phrase, Concept]]] = {}
    for phrase, concept in situations.items():
        index.setdefault(tuple(fold(w) for w in phrase), []).append((phrase, concept))
    return {k: tuple(v) for k, v in index.items()}


def _by_first_word_folded(kinds: dict[Phrase, str]) -> dict[str, tuple[tuple[Phrase, str], ...]]:
    index: dict[str, list[tuple[Phrase, str]]] = {}
    for phrase, kind in kinds.items():
        index.setdefault(phrase[0], []).append((phrase, kind))
    return {k: tuple(sorted(v, key=lambda pk: -len(pk[0]))) for k, v in index.items()}


def _agreeing(window: tuple[Token, ...],
              phrases: tuple[tuple[Phrase, Concept], ...]) -> Concept | None:
    """The concept of the first phrase the window's diacritics agree with."""
    for phrase, concept in phrases:
        if _phrase_agrees(window, phrase):
            return concept
    return None


def _phrase_agrees(window: tuple[Token, ...], phrase: Phrase) -> bool:
    """A one-word phrase needs the same diacritics ("bố", never "bộ" or "bo"); in a longer
    phrase a word typed without diacritics agrees with any spelling of it (`agrees`; the
    folded words are already the same: the window was found by them)."""
    if len(phrase) == 1:
        return window[0].text == phrase[0]
    return _written_as(window, phrase)


def _written_as(window: tuple[Token, ...], phrase: Phrase) -> bool:
    """Each word typed as in the phrase or without diacritics ("xuong", never "hàng" for
    "hãng"). The window starts where the phrase's folded words were found."""
    return all(t.text == w or not t.accented for t, w in zip(window, phrase, strict=False))


def _by_length(phrases: frozenset[Phrase]) -> dict[int, frozenset[Phrase]]:
    lengths = {len(p) for p in phrases}
    return {n: frozenset(p for p in phrases if len(p) == n) for n in sorted(lengths)}


def _starts_with(words: tuple[str, ...], phrases: dict[int, frozenset[Phrase]]) -> bool:
    """Do `words` start with one of the phrases (grouped by length: one look-up each)?"""
    return any(words[:n] in same for n, same in phrases.items())
