"""Scores every FAQ entry against a question.

Each phrasing of an entry (its question and alternates) becomes a set of features: words
without diacritics and pairs of neighbouring words. Features are weighted by how rare they
are across entries (inverse document frequency), so "đảng" or "vào" count little and
"thẩm tra" or "đảng phí" count a lot. A phrasing's score is the weighted F-measure of the
features it shares with the question, leaning towards recall so long stories still match.
Where the user typed diacritics, a word that agrees with the phrasing's spelling counts
fully and one that disagrees ("đăng" for "đảng") only partly. Unknown words are first
corrected to the nearest FAQ word with rapidfuzz, which absorbs typos.

The postings are numpy arrays, so a question costs a few array operations per feature
whatever the size of the FAQ (the hot path has no per-phrasing Python loop).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, pairwise
from operator import attrgetter
from typing import Generic, TypeVar

import numpy as np
from rapidfuzz import fuzz, process

from bot.core.model import Entry
from bot.core.normalize import Token
from bot.core.reading import KIND_MARK, Reader, Reading
from bot.core.situation import SituationProfile, fits

ACCENT_MISMATCH_CREDIT = 0.35  # the user wrote other diacritics than the phrasing
RECALL_BIAS = 1.5  # F-beta's beta: covering the phrasing counts more than extra words (stories)
LETTER_RECALL_BIAS = 3.0  # the same, for a letter (a story around its question)
TYPO_CUTOFF = 80.0  # rapidfuzz ratio to accept a correction of an unknown word
MIN_TYPO_LENGTH = 4
BIGRAM_WEIGHT = 0.8  # relative to the rarer of its two words' weights
NUMBER_WEIGHT = 0.3  # ages and years in stories: weak evidence
CONTENT_SHARE = 0.3  # part of the score from the question's words found anywhere in the entry
LETTER_CONTENT_SHARE = 0.5  # the same in a letter: a story's words are in answers, not questions
STORY_WEIGHT = 0.35  # a letter's story, beside its question sentence (situation words excepted)
KIND_MISMATCH = 0.8  # a phrasing asking "how long" scored against a question asking "how much"
MISFIT = 0.8  # an entry about another situation than the one the message describes
KIND_WEIGHT = 2.5  # at least: a phrasing asking "how long" is not matched without it
ROUNDING = 1e-9  # far below any feature's weight (0.01 at the least)
FIT_CHECKED = 40  # situation fit is checked for this many best entries (it only lowers scores)

K = TypeVar("K", bound=Hashable)
_Span = tuple[int, int, bool]  # start, end in a _Compact's ids; stored as the complement
_TEXT = attrgetter("text")
_SPELLING = attrgetter("folded", "text")  # a word, and how this phrasing spells it


@dataclass(frozen=True, slots=True)
class Scored:
    entry: Entry
    score: float  # 0-100
    fits: bool = True  # speaks to the situation the message describes


def _features(tokens: tuple[Token, ...]) -> set[str]:
    words = [t.folded for t in tokens]
    return set(words) | set(map(" ".join, pairwise(words)))


def _summed(ids: np.ndarray, bounds: list[int], by: list[float], size: int) -> np.ndarray:
    """Σ weight over the ids of each span of `ids` (`bounds`: start, end, start, end, …),
    as one array of `size`. A span's weight may be negative (see `_Compact`)."""
    if not bounds:
        return np.zeros(size)
    starts, ends = bounds[::2], bounds[1::2]
    parts = list(map(ids.__getitem__, map(slice, starts, ends)))
    lengths = np.subtract(ends, starts)
    summed = np.bincount(np.concatenate(parts), weights=np.repeat(by, lengths), minlength=size)
    return summed.astype(np.float64, copy=False)  # bincount of nothing counts in integers


class _Compact(Generic[K]):
    """Sorted id arrays stored end to end in one array, an array that holds more than half
    of all ids as its complement: "đảng" is in most phrasings, and summing a weight over
    them costs less as the weight everywhere minus the weight over the few without it."""

    def __init__(self, ids: np.ndarray, spans: dict[K, tuple[int, int]], size: int) -> None:
        """`spans[key]`: where key's sorted ids are in `ids`. The dense ones get their
        complement appended; the others keep pointing where they are."""
        everything = np.arange(size, dtype=np.int32)
        complements: list[np.ndarray] = []
        self.spans: dict[K, _Span] = {}
        end = len(ids)
        for key, (start, stop) in spans.items():
            if 2 * (stop - start) <= size:
                self.spans[key] = (start, stop, False)
                continue
            complement = np.setdiff1d(everything, ids[start:stop], assume_unique=True)
            complements.append(complement)
            self.spans[key] = (end, end + len(complement), True)
            end += len(complement)
        self.ids = np.concatenate([ids, *complements]) if complements else ids
        self.size = size

    @classmethod
    def of(cls, arrays: Iterable[tuple[K, np.ndarray]], size: int,
           before: tuple[np.ndarray, dict[K, tuple[int, int]]] | None = None) -> _Compact[K]:
        """`arrays` laid end to end, after `before` (ids already laid out, and their spans)."""
        ids, spans = before or (np.zeros(0, dtype=np.int32), {})
        spans, parts, end = dict(spans), [ids], len(ids)
        for key, array in arrays:
            spans[key] = (end, end + len(array))
            parts.append(array)
            end += len(array)
        return cls(np.concatenate(parts), spans, size)


class _Sum:
    """Weights over spans of a `_Compact`, gathered feature by feature, summed at once."""

    __slots__ = ("base", "bounds", "by")

    def __init__(self) -> None:
        self.base = 0.0  # added to every id: the dense spans' weights
        self.bounds: list[int] = []
        self.by: list[float] = []

    def add(self, span: _Span, weight: float) -> None:
        start, end, dense = span
        if dense:
            self.base += weight
            weight = -weight
        self.bounds += start, end
        self.by.append(weight)

    def total(self, compact: _Compact[K]) -> np.ndarray:
        summed = _summed(compact.ids, self.bounds, self.by, compact.size)
        if self.base:
            summed += self.base
            summed[summed < ROUNDING] = 0.0  # a weight added and taken away again: no share
        return summed


def _agreements(spelt: _Postings[tuple[str, str]]) -> dict[tuple[str, str], np.ndarray]:
    """The phrasings whose spelling of a word agrees with a typed one, per (word, spelling);
    (word, "") holds those that wrote it without diacritics, which agree with any spelling."""
    by_word: dict[str, dict[str, np.ndarray]] = defaultdict(dict)
    for (word, written), positions in spelt.items():
        by_word[word][written] = positions
    agree: dict[tuple[str, str], np.ndarray] = {}
    for word, spellings in by_word.items():
        plain = spellings.get(word, np.zeros(0, dtype=np.int32))
        agree[word, ""] = plain
        for written, positions in spellings.items():
            if written != word:
                agree[word, written] = np.union1d(positions, plain) if plain.size else positions
    return agree


class _Postings(Generic[K]):
    """feature → the sorted ids (phrasings or entries) that have it, as numpy slices."""

    def __init__(self, by_id: list[set[K]]) -> None:
        """`by_id[i]`: the features of id i. One stable sort by feature, not a Python list
        per feature: each feature's ids come out in order."""
        code = {feature: n for n, feature in enumerate(set().union(*by_id))}
        features = np.array(list(map(code.__getitem__, chain.from_iterable(by_id))),
                            dtype=np.int64)
        owners = np.repeat(np.arange(len(by_id), dtype=np.int32), list(map(len, by_id)))
        self._ids = owners[np.argsort(features, kind="stable")]
        counts = np.bincount(features, minlength=len(code))
        ends = np.cumsum(counts)
        self._span = dict(zip(code, zip((ends - counts).tolist(), ends.tolist(), strict=True),
                              strict=True))

    @property
    def ids(self) -> np.ndarray:
        return self._ids

    @property
    def spans(self) -> dict[K, tuple[int, int]]:
        """Where each feature's ids are in `ids`."""
        return self._span

    def items(self) -> Iterator[tuple[K, np.ndarray]]:
        for feature, (start, end) in self._span.items():
            yield feature, self._ids[start:end]


class Matcher:
    """Built once per FAQ; `rank()` does no I/O."""

    def __init__(self, entries: tuple[Entry, ...], reader: Reader) -> None:
        self._entries = entries
        self._normalizer = reader.normalizer
        self._last_fixed: tuple[tuple[Token, ...], tuple[Token, ...]] | None = None
        read = [[reader.phrase(p) for p in e.phrasings] for e in entries]
        tokenised = [[c.tokens for c in clauses] for clauses in read]
        self._profiles = [SituationProfile.of(clauses) for clauses in read]
        self._situational = np.array([p.situational for p in self._profiles], dtype=bool)
        # Each phrasing's features once: frequencies, postings and totals all use them.
        features = [[_features(t) for t in ps] for ps in tokenised]
        per_entry = [set().union(*fs) for fs in features]
        self._idf = self._inverse_frequencies(per_entry)
        self._unknown_weight = max(self._idf.values(), default=1.0)
        self._vocabulary = sorted(w for w in self._idf if " " not in w and w.isalpha())
        self._known = frozenset(self._vocabulary)
        self._spellings = frozenset(t.text for ps in tokenised for p in ps for t in p)
        self._index_phrasings([t for ps in tokenised for t in ps],
                              [f for fs in features for f in fs],
                              [i for i, ps in enumerate(tokenised) for _ in ps])
        # Everything an entry says (phrasings and answer): words a question may use
        # that no phrasing foresaw still point to the entry that talks about them.
        content = _Postings([own | _features(self._normalizer.tokens(entry.answer))
                             for entry, own in zip(entries, per_entry, strict=True)])
        self._content = _Compact(content.ids, content.spans, len(entries))
        # A question's feature → (its phrasing postings, its entry postings), one look-up:
        # every phrasing feature is an entry feature too.
        shared = self._shared.spans
        self._spans: dict[str, tuple[_Span | None, _Span]] = {
            feature: (shared.get(feature), span)
            for feature, span in self._content.spans.items() if isinstance(feature, str)}

    def _index_phrasings(self, tokenised: list[tuple[Token, ...]], features: list[set[str]],
                         owners: list[int]) -> None:
        """Every phrasing, entry by entry: its postings, total weight, kinds, spellings."""
        # A kind is a word of its own ("~duration"): the words among the features.
        kinds = {f for f in self._idf if f.startswith(KIND_MARK) and " " not in f}
        kind_bits = {k: 1 << i for i, k in enumerate(sorted(kinds))}
        self._kind_bits = kind_bits
        weight = {f: self._weight(f) for f in self._idf}
        self._phrasing_total = np.array([sum(map(weight.__getitem__, f)) for f in features],
                                        dtype=np.float64)
        self._phrasing_kinds = np.array(
            [sum(map(kind_bits.__getitem__, kinds.intersection(map(_TEXT, tokens))))
             for tokens in tokenised], dtype=np.int64)
        self._asks_a_kind = self._phrasing_kinds != 0
        entries = np.array(owners, dtype=np.int32)
        self._entry_starts = np.searchsorted(entries, np.arange(entries[-1] + 1 if len(entries)
                                                                else 0))
        # A question's shared features are gathered from the postings and the spelling
        # agreements in one go: both live in one array.
        agree = _agreements(_Postings([set(map(_SPELLING, t)) for t in tokenised]))
        postings = _Postings(features)
        laid: dict[Hashable, tuple[int, int]] = {f: span for f, span in postings.spans.items()}
        self._shared = _Compact.of(agree.items(), len(tokenised), before=(postings.ids, laid))

    @staticmethod
    def _inverse_frequencies(per_entry: list[set[str]]) -> dict[str, float]:
        frequency: dict[str, int] = defaultdict(int)
        for features in per_entry:
            for feature in features:
                frequency[feature] += 1
        total = len(per_entry)
        return {f: math.log((total + 1) / (n + 0.5)) + 0.1 for f, n in frequency.items()}

    @lru_cache(maxsize=65536)  # noqa: B019 - one matcher lives as long as its FAQ
    def _weight(self, feature: str) -> float:
        if feature.startswith(KIND_MARK):
            return max(self._idf.get(feature, 0.0), KIND_WEIGHT)
        if feature in self._idf:
            # A number is weak evidence: "16 tuổi" and "17 tuổi" ask the same thing.
            numeric = any(part.isdigit() for part in feature.split(" "))
            return self._idf[feature] * (NUMBER_WEIGHT if numeric else 1.0)
        if " " in feature:
            first, second = feature.split(" ", 1)
            return BIGRAM_WEIGHT * min(self._weight(first), self._weight(second))
        if feature.isdigit():
            return self._unknown_weight * NUMBER_WEIGHT
        return self._unknown_weight

    @lru_cache(maxsize=4096)  # noqa: B019 - one matcher lives as long as its FAQ
    def _correct(self, word: str) -> str:
        if word in self._known or len(word) < MIN_TYPO_LENGTH or not word.isalpha():
            return word
        match = process.extractOne(word, self._vocabulary, scorer=fuzz.ratio,
                                   processor=None, score_cutoff=TYPO_CUTOFF)
        return match[0] if match else word

    def fix_typos(self, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
        """Typos corrected to the nearest FAQ word. Diacritics no FAQ word has ("dảng")
        are a typo too: such a word is read as if typed without them."""
        # Ranking, spellings and the domain check fix the same message: the last pair is
        # kept (read and replaced whole, so a thread never sees half of another's).
        last = self._last_fixed
        if last is not None and last[0] is tokens:
            return last[1]
        fixed = self._fixed(tokens)
        self._last_fixed = (tokens, fixed)
        return fixed

    def _fixed(self, tokens: tuple[Token, ...]) -> tuple[Token, ...]:
        fix = self._fixed_word
        return tuple(t if (f := fix(t.text, t.folded)) is None else f for t in tokens)

    @lru_cache(maxsize=65536)  # noqa: B019 - one matcher lives as long as its FAQ
    def _fixed_word(self, text: str, folded: str) -> Token | None:
        """The token a word becomes, or None when it stays as typed."""
        corrected = self._correct(folded)
        if corrected != folded or (text != folded and text not in self._spellings):
            return Token(corrected, corrected)
        return None

    def weights(self, tokens: tuple[Token, ...]) -> dict[str, float]:
        """IDF weights of the words and word pairs of `tokens` as typed (no typo fixing
        towards the FAQ's words): for comparing two messages with each other."""
        return {f: self._weight(f) for f in _features(tokens)}

    def query_weights(self, reading: Reading) -> dict[str, float]:
        """Feature weights of a message: its question in full, its story at a discount,
        except the words that name the situation (who, what happened)."""
        fixed = self.fix_typos(reading.tokens)
        # Without a story the focus is every token: fixed already.
        focus = _features(self._fixed(reading.focus) if reading.has_story else fixed)
        weights = {f: self._weight(f) for f in focus}
        if reading.has_story:
            situation = reading.situation_words
            for feature in _features(fixed) - focus:
                named = situation.issuperset(feature.split(" "))
                weights[feature] = self._weight(feature) * (1.0 if named else STORY_WEIGHT)
        return weights

    def rank(self, reading: Reading, limit: int | None = None) -> list[Scored]:
        """Entries that share a feature with the question, best first (`limit` of them)."""
        weights = self.query_weights(reading)
        if not weights:
            return []
        typed = {t.folded: t.text for t in self.fix_typos(reading.tokens) if t.accented}
        total = sum(weights.values())
        beta = LETTER_RECALL_BIAS if reading.has_story else RECALL_BIAS
        share = LETTER_CONTENT_SHARE if reading.has_story else CONTENT_SHARE
        scores = self._entry_scores(weights, typed, total, reading.kinds, beta, share)
        candidates = np.flatnonzero(scores)
        if candidates.size == 0:
            return []
        if limit is not None and candidates.size > FIT_CHECKED:
            # Only the best are looked at: those at or above the FIT_CHECKED-th score (ties
            # included, so the sort below keeps the same ones a full sort would).
            kth = -np.partition(-scores[candidates], FIT_CHECKED - 1)[FIT_CHECKED - 1]
            candidates = candidates[scores[candidates] >= kth]
        order = candidates[np.argsort(-scores[candidates], kind="stable")]
        fit = self._fits(reading, order[:FIT_CHECKED])
        top = sorted(((scores[i] * (1.0 if fit[i] else MISFIT), int(i)) for i in fit),
                     key=lambda si: -si[0])
        if limit is None:
            top += [(float(scores[i]), int(i)) for i in order[FIT_CHECKED:]]
        chosen = top if limit is None else top[:limit]
        return [Scored(self._entries[i], round(float(s), 1), fit.get(i, True)) for s, i in chosen]

    def _entry_scores(self, weights: dict[str, float], typed: dict[str, str], total: float,
                      kinds: frozenset[str], beta: float, share: float) -> np.ndarray:
        """Every entry's score at once: the postings of all the question's features are
        concatenated and summed with one bincount (a letter has a hundred features)."""
        shared, covered = _Sum(), _Sum()
        spans, agreements = self._spans, self._shared.spans
        for feature, weight in weights.items():
            found = spans.get(feature)
            if found is None:
                continue  # most of a letter's word pairs: in no phrasing and no answer
            posting, content = found
            if posting is not None:
                spelling = typed.get(feature)
                if spelling is None:
                    shared.add(posting, weight)
                else:  # a disagreeing spelling counts partly, an agreeing one fully
                    agree = agreements.get((feature, spelling)) or agreements[feature, ""]
                    shared.add(posting, weight * ACCENT_MISMATCH_CREDIT)
                    shared.add(agree, weight * (1 - ACCENT_MISMATCH_CREDIT))
            covered.add(content, weight)
        # The F-measure of recall s/total and precision s/phrasing_total, simplified:
        # (1 + β²)·s / (β²·phrasing_total + total), zero where nothing is shared.
        score = shared.total(self._shared)
        score *= 100 * (1 + beta**2)
        score /= beta**2 * self._phrasing_total + total
        asked = sum(self._kind_bits.get(KIND_MARK + k, 0) for k in kinds)
        if asked:
            score[self._asks_a_kind & ((self._phrasing_kinds & asked) == 0)] *= KIND_MISMATCH
        # Phrasings are stored entry by entry: the best of each entry is one reduceat.
        best = np.maximum.reduceat(score, self._entry_starts)
        mixed = (1 - share) * best + share * 100 * covered.total(self._content) / total
        return np.where(best > 0, mixed, 0.0)

    def _fits(self, reading: Reading, entries: np.ndarray) -> dict[int, bool]:
        if not reading.pairs and not reading.focus_relations:
            return {int(i): not self._situational[i] for i in entries}
        return {int(i): fits(reading, self._profiles[i]) for i in entries}
