"""Matching and the answer / suggest / no-match decision, on the small fixture FAQ."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.core.decision import Answer, Candidate, NoMatch, Suggest
from bot.core.engine import LETTER_CHARS, Engine, decide, form_of
from bot.core.model import Entry
from bot.core.settings import MatchingConfig, MessageForm
from tests.conftest import FIXTURE_FAQ


@pytest.mark.parametrize(
    ("question", "entry_id"),
    [
        ("Bao nhiêu tuổi thì được vào Đảng?", "tuoi"),
        ("bao nhieu tuoi thi duoc vao dang", "tuoi"),
        ("dạ cho em hỏi em năm nay 17 tuổi có vào đảng được không ạ", "tuoi"),
        ("e 17 tuoi vao dang dc ko", "tuoi"),
        ("dang phi dong bao nhieu", "muc-dang-phi"),
        ("ĐẢNG PHÍ ĐÓNG BAO NHIÊU???", "muc-dang-phi"),
        ("dảng phí đóng bn", "muc-dang-phi"),
        ("dv du bi co dc gioi thieu ko", "nguoi-gioi-thieu"),
        ("nguoi gioi thieu vao dang laf ai", "nguoi-gioi-thieu"),
    ],
    ids=["canonical", "no-diacritics", "fillers-and-story", "abbreviations", "folded",
         "shouting", "typo-accent", "abbrev-dv", "typo"],
)
def test_answers_the_right_entry(small_engine: Engine, question: str, entry_id: str) -> None:
    decision = small_engine.ask(question)
    assert isinstance(decision, Answer), decision
    assert decision.entry.id == entry_id


@pytest.mark.parametrize(
    ("question", "reason"),
    [
        ("", "empty"),
        ("   \n\t ", "empty"),
        ("🙂🙂🙂", "empty"),
        ("dạ ạ", "empty"),
        ("chào bot", "greeting"),
        ("Hi bot!", "greeting"),
        ("cảm ơn ạ", "thanks"),
        ("cách xin trợ cấp thất nghiệp", "no_match"),
        ("zxcvbnm", "no_match"),
    ],
    ids=["empty", "whitespace", "emoji", "only-fillers", "greeting", "greeting-punct",
         "thanks", "out-of-scope", "gibberish"],
)
def test_never_answers_small_talk_or_unrelated(
    small_engine: Engine, question: str, reason: str
) -> None:
    decision = small_engine.ask(question)
    assert isinstance(decision, NoMatch), decision
    assert decision.reason == reason


def test_diacritics_that_disagree_count_less(real_engine: Engine) -> None:
    # "đăng" is a real FAQ word (đăng ký), so "đăng phí" disagrees with "đảng phí".
    agreeing = real_engine.rank("mức đóng đảng phí")[0]
    disagreeing = real_engine.rank("mức đóng đăng phí")[0]
    assert agreeing.entry.id == disagreeing.entry.id == "muc-dang-phi"
    assert disagreeing.score < agreeing.score


def test_diacritics_no_faq_word_has_are_read_as_a_typo(small_engine: Engine) -> None:
    assert small_engine.rank("dảng phí")[0].score == small_engine.rank("dang phi")[0].score


def test_close_entries_are_suggested_not_answered() -> None:
    strict = Engine.load(FIXTURE_FAQ, MatchingConfig(
        answer_threshold=99, lead_threshold=99, suggest_threshold=10))
    decision = strict.ask("vào đảng")
    assert isinstance(decision, Suggest)
    assert 1 <= len(decision.candidates) <= 3
    scores = [c.score for c in decision.candidates]
    assert scores == sorted(scores, reverse=True)


def test_margin_turns_a_near_tie_into_a_suggestion() -> None:
    tie_averse = Engine.load(FIXTURE_FAQ, MatchingConfig(
        answer_threshold=1, suggest_threshold=1, margin=100, lead_threshold=1, lead_margin=100))
    assert isinstance(tie_averse.ask("bao nhiêu tuổi vào đảng"), Suggest)


def test_a_clear_lead_answers_below_the_answer_threshold() -> None:
    question = "e 17 tuoi vao dang dc ko"
    ranked = Engine.load(FIXTURE_FAQ, MatchingConfig()).rank(question, 2)
    best, lead = ranked[0].score, ranked[0].score - ranked[1].score
    high = dict(answer_threshold=100, margin=0, suggest_threshold=1)
    leading = Engine.load(FIXTURE_FAQ, MatchingConfig(**high, lead_threshold=best,
                                                      lead_margin=lead))
    behind = Engine.load(FIXTURE_FAQ, MatchingConfig(**high, lead_threshold=best,
                                                     lead_margin=lead + 0.1))
    assert isinstance(leading.ask(question), Answer)
    assert isinstance(behind.ask(question), Suggest)


def test_search_and_featured(small_engine: Engine) -> None:
    assert [c.entry.id for c in small_engine.search("đảng phí", 5)][:1] == ["muc-dang-phi"]
    featured = [e.id for e in small_engine.featured(10)]
    assert featured[:2] == ["tuoi", "muc-dang-phi"]  # first of each topic first
    assert sorted(featured) == sorted(e.id for e in small_engine.faq.entries)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=5000))
def test_ask_never_raises(small_engine: Engine, text: str) -> None:
    decision = small_engine.ask(text)
    assert isinstance(decision, Answer | Suggest | NoMatch)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300), st.integers(min_value=0, max_value=60))
def test_search_never_raises_and_respects_the_limit(
    small_engine: Engine, text: str, limit: int
) -> None:
    found = small_engine.search(text, limit)
    assert len(found) <= limit
    assert len({c.entry.id for c in found}) == len(found)
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


# The decision at its exact edges, with thresholds written here (not read from defaults).
EDGES = MatchingConfig(answer_threshold=44.0, suggest_threshold=30.0, margin=0.5,
                       lead_threshold=40.0, lead_margin=4.0, max_suggestions=3)


def _candidate(entry_id: str, score: float, fits: bool = True) -> Candidate:
    entry = Entry(id=entry_id, topic="t", question=f"{entry_id}?", alternates=(), answer="x",
                  sources=(), reviewed=dt.date(2026, 11, 30))
    return Candidate(entry, score, fits)


@pytest.mark.parametrize(
    ("best", "runner_up", "on_topic", "fits", "expected"),
    [
        (44.0, 43.5, True, True, "answer"),  # exactly the threshold, exactly the margin
        (43.9, 43.4, True, True, "suggest"),  # just under the threshold
        (44.0, 43.6, True, True, "suggest"),  # just under the margin
        (40.0, 36.0, True, True, "answer"),  # a fair score, exactly the lead
        (40.0, 36.1, True, True, "suggest"),  # a fair score, just under the lead
        (39.9, 0.0, True, True, "suggest"),  # just under the lead threshold, however far ahead
        (100.0, 0.0, False, True, "suggest"),  # perfect, but no Party word at all
        (100.0, 0.0, True, False, "suggest"),  # perfect, but about another situation
        (30.0, 0.0, True, True, "suggest"),  # exactly the suggest threshold
        (29.9, 0.0, True, True, "none"),  # just under it
        (29.9, 0.0, False, False, "none"),
    ],
    ids=["answer-at-threshold", "under-threshold", "under-margin", "lead-at-edge",
         "under-lead", "under-lead-threshold", "off-topic-perfect", "other-situation-perfect",
         "suggest-at-threshold", "under-suggest", "under-suggest-off-topic"],
)
def test_decision_at_the_edges(
    best: float, runner_up: float, on_topic: bool, fits: bool, expected: str
) -> None:
    ranked = [_candidate("best", best, fits), _candidate("second", runner_up)]
    decision = decide(ranked, on_topic, EDGES)
    kind = {Answer: "answer", Suggest: "suggest", NoMatch: "none"}[type(decision)]
    assert kind == expected
    if isinstance(decision, Answer):
        assert (decision.entry.id, decision.score) == ("best", best)
    if isinstance(decision, NoMatch):
        assert decision.reason == "no_match" and decision.best == ranked[0]


FORMS = MatchingConfig(answer_threshold=44.0, lead_threshold=40.0, lead_margin=4.0,
                       letter_answer_threshold=58.0, letter_lead_threshold=54.0,
                       letter_lead_margin=4.0, long_answer_threshold=50.0,
                       long_lead_threshold=42.0, long_lead_margin=12.0)


@pytest.mark.parametrize(
    ("form", "best", "runner_up", "expected"),
    [
        (MessageForm.LINE, 44.0, 43.0, "answer"),
        (MessageForm.STORY, 44.0, 0.0, "suggest"),  # a story needs more, however far ahead
        (MessageForm.STORY, 54.0, 50.0, "answer"),
        (MessageForm.STORY, 54.0, 50.1, "suggest"),
        (MessageForm.LONG, 50.0, 49.0, "answer"),
        (MessageForm.LONG, 49.9, 40.0, "suggest"),
        (MessageForm.LONG, 42.0, 30.0, "answer"),  # a fair score far ahead of the rest
        (MessageForm.LONG, 42.0, 30.1, "suggest"),
        (MessageForm.LONG, 41.9, 0.0, "suggest"),
    ],
    ids=["line", "story-needs-more", "story-lead", "story-under-lead", "long-answer",
         "long-under-answer", "long-far-ahead", "long-not-far-enough", "long-under-lead-floor"],
)
def test_each_form_of_message_has_its_own_bars(
    form: MessageForm, best: float, runner_up: float, expected: str
) -> None:
    decision = decide([_candidate("best", best), _candidate("second", runner_up)], True,
                      FORMS, form)
    assert {Answer: "answer", Suggest: "suggest"}[type(decision)] == expected


AGREED = replace(FORMS, suggest_threshold=30.0, letter_agreed_answer_threshold=46.0,
                 letter_agreed_lead_margin=6.0)


@pytest.mark.parametrize(
    ("form", "best", "runner_up", "alone", "expected"),
    [
        (MessageForm.STORY, 46.0, 45.0, "best", "answer"),  # the question alone agrees
        (MessageForm.STORY, 46.0, 45.0, "second", "suggest"),  # it points elsewhere
        (MessageForm.STORY, 46.0, 45.0, None, "suggest"),
        (MessageForm.STORY, 45.9, 40.0, "best", "suggest"),
        (MessageForm.STORY, 36.0, 30.0, "best", "answer"),  # a lead of the margin
        (MessageForm.STORY, 36.0, 30.1, "best", "suggest"),
        (MessageForm.STORY, 29.9, 0.0, "best", "suggest"),  # under the agreed lead floor
        (MessageForm.STORY, 19.9, 0.0, "best", "none"),  # under what is worth a button
        (MessageForm.LONG, 46.0, 40.0, "best", "suggest"),  # long letters: no second chance
        (MessageForm.LINE, 39.9, 30.0, "best", "suggest"),  # a line is its own question
    ],
    ids=["story-agrees", "story-differs", "story-no-alone", "story-under-answer",
         "story-lead", "story-under-lead", "story-under-lead-floor", "story-under-suggest",
         "long-never", "line-never"],
)
def test_a_short_letter_whose_question_agrees_clears_lower_bars(
    form: MessageForm, best: float, runner_up: float, alone: str | None, expected: str
) -> None:
    ranked = [_candidate("best", best), _candidate("second", runner_up)]
    by_id = {c.entry.id: c.entry for c in ranked}
    asked: list[bool] = []

    def asked_alone() -> Entry | None:
        asked.append(True)
        return by_id.get(alone or "")

    decision = decide(ranked, True, AGREED, form, asked_alone)
    kind = {Answer: "answer", Suggest: "suggest", NoMatch: "none"}[type(decision)]
    assert kind == expected
    assert bool(asked) == (form is MessageForm.STORY and best >= 30.0 and (
        best >= 46.0 or best - runner_up >= 6.0))  # ranked again only when it can matter


@pytest.mark.parametrize(
    ("form", "best", "expected"),
    [
        (MessageForm.LINE, 30.0, "suggest"),
        (MessageForm.LINE, 29.9, "none"),
        (MessageForm.STORY, 20.0, "suggest"),  # a story dilutes every score
        (MessageForm.STORY, 19.9, "none"),
        (MessageForm.LONG, 20.0, "suggest"),
        (MessageForm.LONG, 19.9, "none"),
    ],
    ids=["line-floor", "line-under", "story-floor", "story-under", "long-floor", "long-under"],
)
def test_each_form_has_its_own_floor_for_buttons(
    form: MessageForm, best: float, expected: str
) -> None:
    ranked = [_candidate("best", best), _candidate("second", best),
              _candidate("third", 19.0)]
    decision = decide(ranked, False, AGREED, form)
    assert {Suggest: "suggest", NoMatch: "none"}[type(decision)] == expected
    if isinstance(decision, Suggest):  # only the candidates over the floor
        assert [c.entry.id for c in decision.candidates] == ["best", "second"]


def test_the_second_chance_needs_a_party_word_and_the_same_situation() -> None:
    def same() -> Entry:
        return ranked[0].entry

    ranked = [_candidate("best", 50.0), _candidate("second", 30.0)]
    assert isinstance(decide(ranked, False, AGREED, MessageForm.STORY, same), Suggest)
    ranked = [_candidate("best", 50.0, fits=False), _candidate("second", 30.0)]
    assert isinstance(decide(ranked, True, AGREED, MessageForm.STORY, same), Suggest)


def test_the_form_is_read_from_length_and_story(real_engine: Engine) -> None:
    line = "đảng viên dự bị có được biểu quyết không"
    story = "Bố em từng đi tù năm 2010. Vậy em có được vào Đảng không?"
    assert form_of(line, real_engine.read(line)) is MessageForm.LINE
    assert form_of(story, real_engine.read(story)) is MessageForm.STORY
    letter = "Thưa luật sư, " + "em làm công nhân ở khu công nghiệp đã lâu. " * 6 + line + "?"
    assert len(letter) > LETTER_CHARS
    assert form_of(letter, real_engine.read(letter)) is MessageForm.LONG


def test_a_lone_candidate_leads_by_its_whole_score() -> None:
    assert isinstance(decide([_candidate("only", 44.0)], True, EDGES), Answer)


def test_suggestions_stop_at_the_threshold_and_the_count() -> None:
    ranked = [_candidate(f"e{i}", s) for i, s in enumerate([35.0, 34.0, 30.0, 30.0])]
    decision = decide(ranked, True, EDGES)
    assert isinstance(decision, Suggest)
    assert [c.entry.id for c in decision.candidates] == ["e0", "e1", "e2"]
    below = [_candidate("a", 35.0), _candidate("b", 29.9)]
    decision = decide(below, True, EDGES)
    assert isinstance(decision, Suggest) and [c.entry.id for c in decision.candidates] == ["a"]
