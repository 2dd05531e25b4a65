"""Line/column places map onto Qt positions the same way whether one or two are asked for."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextDocument

from foundry_app.ui.editor.text_positions import document_position, document_span

TEXT = "plain line\nemoji 😀 then text\n\nlast"


def position_by_hand(text: str, line: int, column: int) -> int:
    """Qt's position (UTF-16 units) of a 1-based place, clamped to its line and the text."""
    lines = text.split("\n")
    if line < 1:
        return 0
    if line > len(lines):
        return len(text.encode("utf-16-le")) // 2
    before = sum(len(t.encode("utf-16-le")) // 2 + 1 for t in lines[: line - 1])
    kept = lines[line - 1][: max(column - 1, 0)]
    return before + len(kept.encode("utf-16-le")) // 2


PLACES = [(1, 1), (1, 6), (1, 99), (2, 7), (2, 8), (2, 12), (3, 1), (4, 3), (9, 1), (0, 4)]


@pytest.mark.parametrize("start", PLACES)
@pytest.mark.parametrize("end", PLACES)
def test_a_span_is_its_two_places(qapp, start, end):
    document = QTextDocument(TEXT)
    expected = (position_by_hand(TEXT, *start), position_by_hand(TEXT, *end))
    assert document_span(document, *start, *end) == expected
    assert (document_position(document, *start), document_position(document, *end)) == expected
