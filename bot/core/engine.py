"""The one façade the bot, the console and the tests use: `engine.ask(text)`."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from bot.core import engine_cache
from bot.core.decision import Answer, Candidate, Decision, NoMatch, Suggest
from bot.core.faq_rules import phrasing_key
from bot.core.matcher import Matcher
from bot.core.model import Entry, Faq
from bot.core.reading import Reader, Reading
from bot.core.settings import MatchingConfig, MessageForm
from bot.core.text import fold, split_words

LETTER_CHARS = 200  # a message longer than this is read as a letter even without a story


class Engine:
    """A validated FAQ with its matcher and thresholds. Build once; `ask()` is pure."""

    def __init__(self, faq: Faq, reader: Reader, matching: MatchingConfig) -> None:
        self.faq = faq
        self.matching = matching
        self._reader = reader
        self._normalizer = reader.normalizer
        self._matcher = Matcher(faq.entries, reader)

    @classmethod
    def load(
        cls, faq_dir: Path, matching: MatchingConfig, today: dt.date | None = None,
        cache_dir: Path | None = None,
    ) -> Engine:
        """Raises FaqError (with file:line problems) when faq/ is not valid. With a
        `cache_dir`, an engine already built from the same bytes starts in a fraction."""

        def build() -> Engine:
            from bot.core.faq_loader import load_faq  # YAML and schema checks: cache misses

            faq, reader = load_faq(faq_dir, today)
            return cls(faq, reader, matching)

        with _no_cycle_collection():  # building or unpickling: millions of objects
            engine = engine_cache.cached(cache_dir, faq_dir, build)
        engine.matching = matching  # thresholds are config, not part of what was built
        return engine

    def ask(self, text: str) -> Decision:
        small_talk = self._small_talk(text)
        if small_talk is not None:
            return small_talk
        reading = self._reader.read(text)
        ranked = self._rank(reading, limit=max(2, self.matching.max_suggestions))
        if not ranked:
            return NoMatch("no_match")
        decision = decide(ranked, self._on_topic(reading), self.matching,
                          form_of(text, reading), lambda: self._asked_alone(reading))
        if isinstance(decision, Answer) and len(reading.questions) > 1:
            return self._with_second_question(decision, reading)
        return decision

    def asked_alone(self, text: str) -> Entry | None:
        return self._asked_alone(self._reader.read(text))

    def _asked_alone(self, reading: Reading) -> Entry | None:
        """The best entry for the message's question sentence(s) without the story."""
        ranked = self._rank(reading.about(reading.focus), limit=1)
        return ranked[0].entry if ranked else None

    def rank(self, text: str, limit: int | None = None) -> list[Candidate]:
        return self._rank(self._reader.read(text), limit)

    def read(self, text: str) -> Reading:
        return self._reader.read(text)

    def _rank(self, reading: Reading, limit: int | None) -> list[Candidate]:
        return [Candidate(s.entry, s.score, s.fits) for s in self._matcher.rank(reading, limit)]

    def features(self, text: str) -> dict[str, float]:
        """A message's words and word pairs (abbreviations spelled out, fillers dropped,
        diacritics folded), each weighted by how telling it is across the FAQ: for grouping
        similar misses. Not typo-fixed: that pulls words the FAQ lacks onto ones it has."""
        return self._matcher.weights(self._reader.read(text).tokens)

    def phrasing_key(self, text: str) -> tuple[str, ...]:
        """Two phrasings with the same key are the same to `validate`."""
        return phrasing_key(self._normalizer, text)

    def on_topic(self, text: str) -> bool:
        return self._on_topic(self._reader.read(text))

    def _on_topic(self, reading: Reading) -> bool:
        """Does the message name anything about the Party (faq/glossary.yaml domain_terms)?"""
        return self._normalizer.mentions_domain(self._matcher.fix_typos(reading.tokens))

    def _with_second_question(self, main: Answer, reading: Reading) -> Answer:
        """A letter asking two things: answer the main one, offer the other as a button.
        A button costs a tap, not trust: a clear lead is enough, full confidence is not."""
        m = self.matching
        for question in reading.questions:
            ranked = self._rank(reading.about(question), limit=2)
            if not ranked or ranked[0].entry.id == main.entry.id or not ranked[0].fits:
                continue
            runner_up = ranked[1].score if len(ranked) > 1 else 0.0
            if ranked[0].score >= m.suggest_threshold and ranked[0].score - runner_up >= (
                    m.lead_margin):
                return Answer(main.entry, main.score, also=ranked[0].entry)
        return main

    def small_talk(self, text: str) -> NoMatch | None:
        return self._small_talk(text)

    def search(self, text: str, limit: int) -> list[Candidate]:
        """Best entries for inline mode: those worth suggesting, best first."""
        floor = self.matching.inline_threshold
        return [c for c in self.rank(text, limit) if c.score >= floor]

    def featured(self, limit: int) -> list[Entry]:
        """For an empty inline query: the first entry of each topic, then the rest."""
        firsts = [e for t in self.faq.topics for e in self.faq.entries_in(t.id)[:1]]
        rest = [e for e in self.faq.entries if e not in firsts]
        return (firsts + rest)[:limit]

    def _small_talk(self, text: str) -> NoMatch | None:
        """Greetings, thanks and empty messages are never answered from the FAQ."""
        words = tuple(fold(w) for w in split_words(text))
        if not words:
            return NoMatch("empty")
        glossary = self._normalizer.glossary
        stripped = self._normalizer.drop_fillers(words)
        if stripped in glossary.greetings or words in glossary.greetings:
            return NoMatch("greeting")
        if stripped in glossary.thanks or words in glossary.thanks:
            return NoMatch("thanks")
        if stripped and self._normalizer.tokens(text):
            return None
        # Only polite words are left ("cảm ơn ạ", "dạ chào ad"): say which kind it was.
        if _contains_any(words, glossary.thanks):
            return NoMatch("thanks")
        if _contains_any(words, glossary.greetings):
            return NoMatch("greeting")
        return NoMatch("empty")


def form_of(text: str, reading: Reading) -> MessageForm:
    if len(text) > LETTER_CHARS:
        return MessageForm.LONG
    return MessageForm.STORY if reading.has_story else MessageForm.LINE


def decide(
    ranked: list[Candidate], on_topic: bool, m: MatchingConfig,
    form: MessageForm = MessageForm.LINE,
    asked_alone: Callable[[], Entry | None] | None = None,
) -> Decision:
    """Answer only when on topic and sure: a high score ahead of the runner-up, or a
    fair score clearly ahead of it; each form of message has its own bars (MatchingConfig.
    bars). A letter clears lower bars (MatchingConfig.agreed_bars) when its question
    sentences alone (`asked_alone`, called only then) rank the same entry first.
    Else suggest or decline. A message with no Party word is never answered outright."""
    best = ranked[0]
    runner_up = ranked[1].score if len(ranked) > 1 else 0.0
    lead = best.score - runner_up

    def clears(bars: tuple[float, float, float]) -> bool:
        answer, lead_floor, lead_margin = bars
        return (best.score >= answer and lead >= m.margin) or (
            best.score >= lead_floor and lead >= lead_margin)

    agreed = m.agreed_bars(form)
    if on_topic and best.fits and (clears(m.bars(form)) or (
            agreed is not None and asked_alone is not None and clears(agreed)
            and asked_alone() == best.entry)):
        return Answer(best.entry, best.score)
    floor = m.suggest_floor(form)
    if best.score >= floor:
        close = [c for c in ranked[: m.max_suggestions] if c.score >= floor]
        return Suggest(tuple(close))
    return NoMatch("no_match", best)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Building (or unpickling) an engine allocates millions of small objects and frees
    almost none: the cycle collector would walk them again and again (a fifth of a cold
    start, a third of a warm one) to find nothing."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _contains_any(words: tuple[str, ...], phrases: frozenset[tuple[str, ...]]) -> bool:
    return any(
        words[i : i + len(p)] == p for p in phrases for i in range(len(words) - len(p) + 1)
    )
