"""A list sent again after a small change, as the change only: the items at both ends that
are the very objects sent last time (or equal ones) stay where the receiver has them.

The live-lint child keeps a big file's preview blocks and tasks per chunk, so after a
keystroke all but a chunk's worth are the same objects as before; sending the rest again
(2 MB of HTML at 1 MB of Markdown) cost more than checking the text. No Qt, so a lint child
can import it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from operator import is_


def delta(
    last: Sequence, new: Sequence, same: Callable[[object, object], bool] = is_
) -> tuple[int, int, list]:
    """(items kept at the front, items kept at the back, the items between) of `new`,
    against `last`; items count as kept only when `same` says so (by default, when they
    are the very objects)."""
    most = min(len(last), len(new))
    front = 0
    while front < most and same(new[front], last[front]):
        front += 1
    back = 0
    while back < most - front and same(new[-1 - back], last[-1 - back]):
        back += 1
    return front, back, list(new[front : len(new) - back])


def applied(last: Sequence, front: int, back: int, between: list) -> list:
    """The new list from the last one and its delta."""
    if front + back > len(last):
        raise ValueError("the delta is for a longer list")
    return [*last[:front], *between, *last[len(last) - back :]]
