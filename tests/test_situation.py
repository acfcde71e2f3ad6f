"""The situation guard: an entry about another situation is never answered outright."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from bot.core.reading import Pair
from bot.core.situation import SituationProfile, fits


@dataclass(frozen=True)
class Said:
    """A phrasing or a message, as the reader sees its situation."""

    pairs: frozenset[Pair] = frozenset()
    relations: frozenset[str] = frozenset()
    focus_relations: frozenset[str] = frozenset()


def said(*pairs: Pair, relations: set[str] | None = None) -> Said:
    rel = frozenset(relations if relations is not None else {r for r, _ in pairs if r})
    return Said(frozenset(pairs), rel, rel)


FATHER_PRISON = SituationProfile.of([said(("parent", "prison")), said(("parent", "prison")),
                                     said()])
OWN_RECORD = SituationProfile.of([said((None, "prison")), said((None, "prison"))])
FOREIGNERS = SituationProfile.of([said((None, "abroad")), said((None, "abroad"))])
RELATIVES_ABROAD = SituationProfile.of([said(("relative", "abroad")),
                                        said(("sibling", "abroad"))])
WHO_IS_CHECKED = SituationProfile.of([said(relations={"parent", "spouse"}),
                                      said(relations={"child"}), said()])
OVER_60 = SituationProfile.of([said(relations={"parent"}), said(), said()])
GENERAL = SituationProfile.of([said(), said()])
STEP_PARENT_RECORD = SituationProfile.of([said(("step-parent", "prison")),
                                          said(("step-parent", "drugs"))])
REJOIN_AFTER_PRISON = SituationProfile.of([said((None, "prison"), (None, "left-party"))] * 4
                                          + [said((None, "prison"))])
REJOIN = SituationProfile.of([said((None, "left-party"))] * 5)


@pytest.mark.parametrize(
    ("message", "entry", "expected"),
    [
        (said(("parent", "prison")), FATHER_PRISON, True),
        (said(("parent", "prison")), OWN_RECORD, False),
        (said((None, "prison")), OWN_RECORD, True),
        (said((None, "prison")), FATHER_PRISON, False),
        (said(("spouse", "abroad")), FOREIGNERS, False),
        (said(("spouse", "abroad")), RELATIVES_ABROAD, True),
        (said(("relative", "abroad")), RELATIVES_ABROAD, True),
        (said(("parent", "prison"), ("parent", "gambling")), FATHER_PRISON, True),
        (said(("parent", "prison")), GENERAL, False),
        (said(), FATHER_PRISON, False),
        (said(), GENERAL, True),
        (said(relations={"spouse"}), WHO_IS_CHECKED, True),
        (said(relations={"sibling"}), WHO_IS_CHECKED, False),
        (said(relations={"parent"}), GENERAL, True),
        (said(relations={"uncle-aunt"}), OVER_60, True),
        (said(("parent", "prison")), STEP_PARENT_RECORD, False),
        (said(("step-parent", "prison")), FATHER_PRISON, False),
        (said(("step-parent", "prison")), STEP_PARENT_RECORD, True),
        (said((None, "left-party")), REJOIN_AFTER_PRISON, False),
        (said((None, "left-party"), (None, "prison")), REJOIN_AFTER_PRISON, True),
        (said((None, "left-party")), REJOIN, True),
        (said((None, "left-party"), (None, "prison")), REJOIN, True),
    ],
    ids=["same-situation", "father-not-self", "own-record", "self-not-father",
         "married-to-foreigner-is-not-foreigner", "spouse-abroad-is-a-relative-abroad",
         "any-relative", "one-of-two-situations", "situation-vs-general-entry",
         "general-question-vs-situation-entry", "general-vs-general",
         "relative-named-by-entry", "relative-not-named-by-entry",
         "relative-vs-general-entry", "relative-named-in-passing",
         "father-is-not-stepfather", "stepfather-is-not-father", "stepfather",
         "left-party-is-not-prison", "left-after-prison", "rejoin", "rejoin-after-prison"],
)
def test_fits(message: Said, entry: SituationProfile, expected: bool) -> None:
    assert fits(message, entry) is expected
