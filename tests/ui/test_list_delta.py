"""The change-only form of a list sent again (what the live-lint child sends for big files)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foundry_app.ui.workers.list_delta import applied, delta


def test_only_the_items_that_are_not_the_very_objects_sent_last_time_are_sent():
    a, b, c, d = object(), object(), object(), object()
    front, back, between = delta([a, b, c], [a, d, c])
    assert (front, back) == (1, 1) and between[0] is d


def test_an_equal_but_new_object_is_sent_again():
    front, back, between = delta([[1], [2]], [[1], [2]])
    assert (front, back, between) == (0, 0, [[1], [2]])


def test_a_delta_for_another_list_is_refused():
    with pytest.raises(ValueError):
        applied([1], 1, 1, [])


@given(
    st.lists(st.integers(0, 5), max_size=30),
    st.integers(0, 30),
    st.integers(0, 30),
    st.lists(st.integers(0, 5), max_size=5),
)
def test_the_receiver_rebuilds_the_new_list_exactly(values, cut, removed, inserted):
    pool = [object() for _ in range(6)]
    last = [pool[v] for v in values]
    new = last[:cut] + [object() for _ in inserted] + last[cut + removed :]
    rebuilt = applied(last, *delta(last, new))
    assert len(rebuilt) == len(new) and all(x is y for x, y in zip(rebuilt, new, strict=True))
