"""Scores every FAQ entry against a question.

Each phrasing of an entry (its question and alternates) becomes a set of features: words
without diacritics and pairs of neighbouring words. Features are weighted by how rare they
are across entries (inverse document frequency), so "đảng" or "vào" count little and
"thẩm tra" or "đảng phí" count a lot. A phrasing's score is the weighted F-measure of the
features it shares with the question, leaning towards recall so long stories still match.
Where the user typed diacritics, a word that agrees with the phrasing's spelling counts
fully and one that disagrees ("đăng" for "đảng") only partly. Unknown words are first
corrected to the nearest FAQ word with rapidfuzz, which absorbs typos.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

from rapidfuzz import fuzz, process

from bot.core.model import Entry
from bot.core.normalize import Token
from bot.core.reading import KIND_MARK, Reader, Reading
from bot.core.situation import SituationProfile, fits

ACCENT_MISMATCH_CREDIT = 0.35  # the user wrote other diacritics than the phrasing
RECALL_BIAS = 1.5  # F-beta's beta: covering the phrasing counts more than extra words (stories)
TYPO_CUTOFF = 80.0  # rapidfuzz ratio to accept a correction of an unknown word
MIN_TYPO_LENGTH = 4
BIGRAM_WEIGHT = 0.8  # relative to the rarer of its two words' weights
NUMBER_WEIGHT = 0.3  # ages and years in stories: weak evidence
CONTENT_SHARE = 0.1  # part of the score from the question's words found anywhere in the entry
STORY_WEIGHT = 0.35  # a letter's story, beside its question sentence (situation words excepted)
KIND_MISMATCH = 0.8  # a phrasing asking "how long" scored against a question asking "how much"
MISFIT = 0.8  # an entry about another situation than the one the message describes
KIND_WEIGHT = 2.5  # at least: a phrasing asking "how long" is not matched without it


@dataclass(frozen=True, slots=True)
class _Phrasing:
    entry: int
    weights: dict[str, float]  # feature → weight
    spellings: dict[str, frozenset[str]]  # folded word → spellings with diacritics
    total: float
    kinds: frozenset[str]  # what it asks: duration, money, who, where


@dataclass(frozen=True, slots=True)
class Scored:
    entry: Entry
    score: float  # 0-100
    fits: bool = True  # speaks to the situation the message describes


def _features(tokens: tuple[Token, ...]) -> set[str]:
    words = [t.folded for t in tokens]
    return set(words) | {f"{a} {b}" for a, b in pairwise(words)}


class Matcher:
    """Built once per FAQ; `rank()` does no I/O."""

    def __init__(self, entries: tuple[Entry, ...], reader: Reader) -> None:
        self._entries = entries
        self._reader = reader
        self._normalizer = reader.normalizer
        read = [[reader.phrase(p) for p in e.phrasings] for e in entries]
        tokenised = [[c.tokens for c in clauses] for clauses in read]
        self._profiles = [SituationProfile.of(clauses) for clauses in read]
        self._idf = self._inverse_frequencies(tokenised)
        self._unknown_weight = max(self._idf.values(), default=1.0)
        self._vocabulary = sorted(w for w in self._idf if " " not in w and w.isalpha())
        self._known = frozenset(self._vocabulary)
        self._spellings = frozenset(t.text for ps in tokenised for p in ps for t in p)
        self._phrasings = [
            self._phrasing(index, tokens)
            for index, phrasings in enumerate(tokenised)
            for tokens in phrasings
        ]
        # Everything an entry says (phrasings and answer): words a question may use
        # that no phrasing foresaw still point to the entry that talks about them.
        self._content_postings: dict[str, list[int]] = defaultdict(list)
        for index, (entry, phrasings) in enumerate(zip(entries, tokenised, strict=True)):
            content = set().union(*(_features(t) for t in phrasings),
                                  _features(self._normalizer.tokens(entry.answer)))
            for feature in content:
                self._content_postings[feature].append(index)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for position, phrasing in enumerate(self._phrasings):
            for feature in phrasing.weights:
                self._postings[feature].append(position)

    @staticmethod
    def _inverse_frequencies(tokenised: list[list[tuple[Token, ...]]]) -> dict[str, float]:
        frequency: dict[str, int] = defaultdict(int)
        for phrasings in tokenised:
            for feature in set().union(*(_features(t) for t in phrasings)):
                frequency[feature] += 1
        total = len(tokenised)
        return {f: math.log((total + 1) / (n + 0.5)) + 0.1 for f, n in frequency.items()}

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

    def _phrasing(self, entry: int, tokens: tuple[Token, ...]) -> _Phrasing:
        weights = {f: self._weight(f) for f in _features(tokens)}
        spellings: dict[str, set[str]] = defaultdict(set)
        for token in tokens:
            spellings[token.folded].add(token.text)
        frozen = {k: frozenset(v) for k, v in spellings.items()}
        kinds = frozenset(t.text[1:] for t in tokens if t.text.startswith(KIND_MARK))
        return _Phrasing(entry, weights, frozen, sum(weights.values()), kinds)

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
        fixed = []
        for token in tokens:
            corrected = self._correct(token.folded)
            if corrected != token.folded or (token.accented and token.text not in self._spellings):
                token = Token(corrected, corrected)
            fixed.append(token)
        return tuple(fixed)

    def query_weights(self, reading: Reading) -> dict[str, float]:
        """Feature weights of a message: its question in full, its story at a discount,
        except the words that name the situation (who, what happened)."""
        focus = _features(self.fix_typos(reading.focus))
        weights = {f: self._weight(f) for f in focus}
        if reading.has_story:
            situation = reading.situation_words
            for feature in _features(self.fix_typos(reading.tokens)) - focus:
                named = all(part in situation for part in feature.split(" "))
                weights[feature] = self._weight(feature) * (1.0 if named else STORY_WEIGHT)
        return weights

    def rank(self, reading: Reading, limit: int | None = None) -> list[Scored]:
        """Entries that share a feature with the question, best first (`limit` of them)."""
        weights = self.query_weights(reading)
        if not weights:
            return []
        typed = {t.folded: t.text for t in self.fix_typos(reading.tokens) if t.accented}
        total = sum(weights.values())
        shared = self._shared_weights(weights, typed)
        best: dict[int, float] = {}
        beta2 = RECALL_BIAS**2
        kinds = reading.kinds
        for position, common in shared.items():
            phrasing = self._phrasings[position]
            precision, recall = common / total, common / phrasing.total
            score = 100 * (1 + beta2) * precision * recall / (beta2 * precision + recall)
            if kinds and phrasing.kinds and not kinds & phrasing.kinds:
                score *= KIND_MISMATCH
            if score > best.get(phrasing.entry, 0.0):
                best[phrasing.entry] = score
        covered: dict[int, float] = defaultdict(float)
        for feature, weight in weights.items():
            for entry in self._content_postings.get(feature, ()):
                covered[entry] += weight
        fit = {}
        for entry, score in best.items():
            fit[entry] = fits(reading, self._profiles[entry])
            mixed = (1 - CONTENT_SHARE) * score + CONTENT_SHARE * 100 * covered[entry] / total
            best[entry] = mixed if fit[entry] else mixed * MISFIT
        if limit is None:
            ranked = sorted(best.items(), key=lambda item: -item[1])
        else:
            ranked = heapq.nlargest(limit, best.items(), key=lambda item: item[1])
        return [Scored(self._entries[i], round(s, 1), fit[i]) for i, s in ranked]

    def _shared_weights(
        self, weights: dict[str, float], typed: dict[str, str]
    ) -> dict[int, float]:
        """Weight each phrasing shares with the question, walking the postings once
        (the hot path: no per-phrasing loop over features)."""
        shared: dict[int, float] = defaultdict(float)
        for feature, weight in weights.items():
            spelling = typed.get(feature)
            for position in self._postings.get(feature, ()):
                if spelling is None:
                    shared[position] += weight
                    continue
                forms = self._phrasings[position].spellings.get(feature, frozenset())
                agrees = spelling in forms or feature in forms
                shared[position] += weight if agrees else weight * ACCENT_MISMATCH_CREDIT
        return shared
