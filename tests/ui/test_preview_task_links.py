"""A link the author wrote, `[text](task:N)`, is not a checkbox: a click on it ticks nothing."""

from __future__ import annotations

from helpers import GOOD_FRONT_MATTER
from window_helpers import click_link_text, open_file

TEXT = GOOD_FRONT_MATTER + "# T\n\n- [ ] Ship it\n\nRead [the release notes](task:6) first.\n"


def test_a_written_task_link_in_prose_ticks_nothing(qtbot, window, library):
    path = library / "stacks" / "example" / "links.md"
    path.write_text(TEXT, encoding="utf-8")
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: window.preview.source_text == window.documents.text())
    before = path.read_bytes()
    click_link_text(qtbot, window.preview, "the release notes")
    qtbot.wait(50)
    assert path.read_bytes() == before, (
        "clicking the prose link 'the release notes' ticked the task: " + path.read_text()
    )
