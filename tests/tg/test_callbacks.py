"""The callback-data codec: round trips, the 64-byte limit, and what must not decode."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.tg import callbacks
from bot.tg.callbacks import Action, Callback
from tests.conftest import ROOT


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (callbacks.answer("tuoi-vao-dang"), Callback(Action.ANSWER, "tuoi-vao-dang")),
        (callbacks.suggestion("a1"), Callback(Action.SUGGESTION, "a1")),
        (callbacks.topic("dieu-kien"), Callback(Action.TOPIC, "dieu-kien")),
        (callbacks.topic("dieu-kien", 3), Callback(Action.TOPIC, "dieu-kien", "3")),
        (callbacks.topics(), Callback(Action.TOPICS, "chude")),
        (callbacks.vote("x", up=True), Callback(Action.VOTE, "x", "up")),
        (callbacks.vote("x", up=False), Callback(Action.VOTE, "x", "down")),
    ],
    ids=["answer", "suggestion", "topic", "topic-page", "menu", "up", "down"],
)
def test_round_trip(data: str, expected: Callback) -> None:
    assert callbacks.decode(data) == expected


def test_encoded_form_is_the_documented_one() -> None:
    assert callbacks.vote("tuoi-vao-dang", up=False) == "v:tuoi-vao-dang:down"


@pytest.mark.parametrize(
    "data",
    [None, 42, "", "a", "a:", ":x", "a:x:", "z:x", "a:X", "a:-x", "a:x-", "a:x y", "a:đ",
     "v:x", "v:x:sideways", "m:other", "a:x:1:2", "a:" + "x" * 41, "t:x:" + "1" * 9,
     "a:x\n", "a:x\x00", "a:x:1", "s:x:up", "t:x:ab", "p:chu:1", "k:batdau:1", "k:tuoi"],
)
def test_anything_else_decodes_to_none(data: object) -> None:
    assert callbacks.decode(data) is None


def test_longest_possible_payload_fits_in_64_bytes() -> None:
    longest = Callback(Action.TOPIC, "x" * 40, "9" * 8).encode()
    assert len(longest.encode("utf-8")) <= 64


@pytest.mark.parametrize(
    "bad", [Callback(Action.ANSWER, "Có dấu"), Callback(Action.ANSWER, "x" * 41),
            Callback(Action.VOTE, "x", "a:b")],
    ids=["not-slug", "too-long", "bad-arg"],
)
def test_encoding_refuses_what_would_not_decode(bad: Callback) -> None:
    with pytest.raises(ValueError):
        bad.encode()


@given(st.text(max_size=80))
def test_decode_never_raises(data: str) -> None:
    decoded = callbacks.decode(data)
    if decoded is not None:
        assert decoded.encode() == data


@pytest.mark.parametrize("action", list(Action), ids=[a.name for a in Action])
def test_every_action_has_its_rules(action: Action) -> None:
    """A new action without rules would make decode raise on its first tap."""
    assert callbacks.decode(f"{action.value}:x:y:z") is None
    callbacks.decode(f"{action.value}:x")  # decodes or not, never raises


SELFCHECK_START = callbacks.pattern(
    Action.SELFCHECK, where=lambda c: c.id == callbacks.SELFCHECK_START
)


@pytest.mark.parametrize(
    ("matcher", "data", "expected"),
    [
        (callbacks.pattern(Action.ANSWER, Action.SUGGESTION), "a:x", True),
        (callbacks.pattern(Action.ANSWER, Action.SUGGESTION), "s:x", True),
        (callbacks.pattern(Action.ANSWER, Action.SUGGESTION), "v:x:up", False),
        (callbacks.pattern(Action.VOTE), "v:x:up", True),
        (callbacks.pattern(Action.VOTE), "v:x:maybe", False),
        (callbacks.pattern(Action.VOTE), "", False),
        (callbacks.pattern(Action.VOTE), None, False),
        (SELFCHECK_START, callbacks.selfcheck_start(), True),
        (SELFCHECK_START, callbacks.selfcheck_cancel(), False),
        (SELFCHECK_START, callbacks.selfcheck("tuoi", "a18"), False),
    ],
    ids=["answer", "suggestion", "other-kind", "vote", "vote-forged", "empty", "none",
         "where-yes", "where-other-id", "where-answer"],
)
def test_pattern_matches_its_kind_only(
    matcher: Callable[[object], bool], data: object, expected: bool
) -> None:
    assert matcher(data) is expected


@pytest.mark.parametrize("data", [None, "", "zz:9", "v:x:maybe"])
def test_stale_is_exactly_what_does_not_decode(data: object) -> None:
    assert callbacks.is_stale(data) is True
    assert callbacks.is_stale(callbacks.answer("x")) is False


ENTRY_ID = json.loads(
    (ROOT / "faq" / "schema" / "entries.schema.json").read_text(encoding="utf-8")
)["$defs"]["entry"]["properties"]["id"]


@given(st.from_regex(ENTRY_ID["pattern"], fullmatch=True).filter(
    lambda s: len(s) <= ENTRY_ID["maxLength"]))
def test_every_id_the_schema_allows_fits_a_button(entry_id: str) -> None:
    """The schema owns the id's shape; the codec must carry every id it lets through."""
    for data in (callbacks.answer(entry_id), callbacks.vote(entry_id, up=False),
                 callbacks.topic(entry_id, 99)):
        decoded = callbacks.decode(data)
        assert decoded is not None and decoded.id == entry_id


@pytest.mark.parametrize(("data", "valid"), [
    ("r:tuoi-vao-dang:12", True), ("r:tuoi-vao-dang", False), ("r:tuoi:x1", False),
    ("n:12", True), ("n:ab", False), ("n:12:1", False), ("x:7", True), ("x:7-1", False),
    ("g:1", True), ("g:one", False), ("u:3", True), ("u:3:up", False),
], ids=lambda v: str(v))
def test_review_payloads(data: str, valid: bool) -> None:
    """/misses buttons: anchors, pages and change numbers are numbers, nothing else."""
    assert (callbacks.decode(data) is not None) == valid


def test_review_payloads_round_trip() -> None:
    made = [callbacks.review_add("tuoi-vao-dang", 12345678), callbacks.review_new(1),
            callbacks.review_skip(2), callbacks.review_more(3), callbacks.undo(4)]
    assert made == ["r:tuoi-vao-dang:12345678", "n:1", "x:2", "g:3", "u:4"]
    assert all(callbacks.decode(d) is not None for d in made)
