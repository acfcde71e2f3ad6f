"""The matcher's sums: a posting stored as its complement sums to the same weights."""

from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from bot.core.matcher import _Compact, _Sum

SIZE = 12

postings = st.lists(st.frozensets(st.integers(0, SIZE - 1)), min_size=1, max_size=6)


@given(postings, st.data())
def test_a_sum_over_compact_postings_is_the_plain_sum(sets: list[frozenset[int]],
                                                      data: st.DataObject) -> None:
    compact = _Compact.of([(n, np.array(sorted(s), dtype=np.int32)) for n, s in enumerate(sets)],
                       SIZE)
    chosen = data.draw(st.lists(st.integers(0, len(sets) - 1), max_size=8))
    weights = data.draw(st.lists(st.floats(0.01, 10), min_size=len(chosen),
                                 max_size=len(chosen)))
    summed = _Sum()
    expected = np.zeros(SIZE)
    for n, weight in zip(chosen, weights, strict=True):
        summed.add(compact.spans[n], weight)
        expected[sorted(sets[n])] += weight
    assert np.allclose(summed.total(compact), expected)
    # Where nothing was added the sum is exactly zero, not rounding dust: the matcher
    # treats "shares nothing" as no candidate at all.
    assert (summed.total(compact)[expected == 0] == 0).all()


def test_a_posting_over_half_of_all_ids_is_stored_as_its_complement() -> None:
    common = np.arange(10, dtype=np.int32)  # 10 of 12
    rare = np.array([3], dtype=np.int32)
    compact = _Compact.of([("common", common), ("rare", rare)], SIZE)
    start, end, dense = compact.spans["common"]
    assert dense and compact.ids[start:end].tolist() == [10, 11]
    start, end, dense = compact.spans["rare"]
    assert not dense and compact.ids[start:end].tolist() == [3]
