"""Lists sent between processes as several small pickles instead of one big one.

One `pickle.loads` of tens of thousands of objects is a single call that holds the
interpreter lock for a tenth of a second or more (a 5 MB file's blocks, a 10,000-file
library's diagnostics), and the window waits for it; between parts the window gets its
turn. No Qt, so a lint child can import it.
"""

from __future__ import annotations

import pickle

PART_ITEMS = 250  # items per pickled part: one part unpickles in about a millisecond


def pickle_parts(items: list) -> list[bytes]:
    return [
        pickle.dumps(items[i : i + PART_ITEMS], protocol=pickle.HIGHEST_PROTOCOL)
        for i in range(0, len(items), PART_ITEMS)
    ]


def unpickle_parts(parts: list[bytes]) -> list:
    items: list = []
    for part in parts:
        items.extend(pickle.loads(part))
    return items
