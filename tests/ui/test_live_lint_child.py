"""The live-lint child's results are a fresh check of the same text with the library as
the window has it now: after the template changes, after a new stack appears, across
file switches, failures, restarts and requests naming a result the child did not send."""

from __future__ import annotations

from helpers import make_library
from window_helpers import make_window

from foundry_app.core.document import Document
from foundry_app.core.large_file import LARGE_FILE_BYTES
from foundry_app.core.library import Library
from foundry_app.core.lint import check_document
from foundry_app.ui.workers.live_lint_child import LiveLintChild

SECTION = "## Part {n}\n\nText with `code`, a TODO and a [link](x.md) to check.\n\n"


def big_text() -> str:
    text = "".join(SECTION.format(n=n) for n in range(2500))
    assert len(text) > LARGE_FILE_BYTES
    return text


def sorted_diagnostics(diagnostics) -> list:
    return sorted(diagnostics, key=lambda d: d.sort_key())


def caught_up(window) -> bool:
    return not window.lint_pending and not window.editor._lint_timer.isActive()


def test_a_large_file_is_checked_with_the_template_saved_since(qtbot, tmp_path, settings):
    root = make_library(tmp_path / "lib", {"big": {"conventions.md": big_text()}})
    path = root / "stacks" / "big" / "conventions.md"
    window = make_window(qtbot, root, settings)
    assert window.open_path(path)
    qtbot.waitUntil(lambda: caught_up(window), timeout=60_000)
    assert window.live_linter.child_pid() is not None
    assert any(d.name == "placeholder" for d in window.editor.diagnostics())
    toml = root / "library.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + '\n[rules]\nplaceholder = "off"\n', "utf-8")
    assert window.open_library(root) and window.open_path(path)  # as saving the template does
    qtbot.waitUntil(lambda: caught_up(window), timeout=60_000)
    expected = check_document(Library.open(root), path, Document(window.editor.text()))
    assert not any(d.name == "placeholder" for d in expected)
    assert sorted_diagnostics(window.editor.diagnostics()) == expected


def test_a_large_file_in_a_stack_made_after_the_child_started_gets_the_templates_checks(
    tmp_path,
):
    root = make_library(tmp_path / "lib", {"big": {"conventions.md": big_text()}})
    library = Library.open(root)
    child = LiveLintChild()
    try:
        first = root / "stacks" / "big" / "conventions.md"
        child.analyse(library, first, first.read_text(encoding="utf-8"), 1)
        later = root / "stacks" / "later" / "conventions.md"
        later.parent.mkdir()
        later.write_text(big_text(), encoding="utf-8")
        library.rescan()  # the window's library watch sees the new folder
        text = later.read_text(encoding="utf-8")
        diagnostics, *_ = child.analyse(library, later, text, 2)
        expected = check_document(library, later, Document(text))
        assert any(d.name == "missing-section" for d in expected)
        assert diagnostics == expected
    finally:
        child.close()
