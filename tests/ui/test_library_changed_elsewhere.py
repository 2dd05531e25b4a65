"""The library changed by other programs while it is open: library.toml made invalid or
changed (a pull), the library folder deleted or renamed. The window says so, checks with
one template everywhere, and keeps the author's unsaved text."""

from __future__ import annotations

import shutil

import pytest
from helpers import GOOD_CONVENTIONS
from window_helpers import conventions, notes, open_file, show_new_files, type_at_end

from foundry_app.ui import dialogs

BARE_FENCE = GOOD_CONVENTIONS.replace("```python", "```")


def wait_lint_done(qtbot, window) -> None:
    """The library lint asked for has finished and its results are shown."""
    qtbot.waitUntil(
        lambda: (
            not window.lint_running and not window.library_steps.running and window.results.complete
        ),
        timeout=60_000,
    )


def append_to_library_toml(library, text: str) -> None:
    toml = library / "library.toml"
    toml.write_text(toml.read_text(encoding="utf-8") + text, encoding="utf-8")


def test_a_library_toml_made_invalid_while_open_is_said_after_the_lint(qtbot, window, library):
    append_to_library_toml(library, "\n[kinds.stack\nbroken = \n")
    window.refresh_library(relint=True)  # F5
    wait_lint_done(qtbot, window)
    said = window.statusBar().currentMessage()
    assert "not applied, the library keeps its last template" in said
    assert "library.toml" in said


def test_a_library_toml_changed_elsewhere_checks_the_open_file_and_the_tree_alike(
    qtbot, window, library
):
    path = conventions(library)
    path.write_text(BARE_FENCE, encoding="utf-8")
    show_new_files(qtbot, window)
    open_file(qtbot, window, notes(library))
    append_to_library_toml(library, '\n[rules]\nfence-language = "off"\n')
    window.refresh_library(relint=True)  # F5: the pulled library.toml applies
    wait_lint_done(qtbot, window)
    assert "fence-language" not in [d.name for d in window.results.diagnostics_for(path)]
    open_file(qtbot, window, path)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=10_000)
    assert "fence-language" not in [d.name for d in window.editor.diagnostics()]


def test_a_library_deleted_under_a_dirty_file_keeps_the_text(qtbot, window, library, monkeypatch):
    path = notes(library)
    open_file(qtbot, window, path)
    type_at_end(qtbot, window, "MINE")
    shutil.rmtree(library)
    window.refresh_library(relint=True)  # F5 on a library that is gone
    assert "The library folder is gone" in window.statusBar().currentMessage()
    monkeypatch.setattr(dialogs, "ask_save_failed", lambda *_a: "cancel")
    window.save()
    assert window.documents.is_dirty() or path.read_text(encoding="utf-8").endswith("MINE")
    assert window.editor.text().endswith("MINE")


def test_a_library_renamed_under_a_dirty_file_offers_save_as_and_recreates_nothing(
    qtbot, window, library, monkeypatch, tmp_path
):
    path = notes(library)
    open_file(qtbot, window, path)
    type_at_end(qtbot, window, "MINE")
    library.rename(tmp_path / "renamed-lib")
    failed = []
    monkeypatch.setattr(
        dialogs, "ask_save_failed", lambda _p, _name, why: failed.append(why) or "cancel"
    )
    assert not window.save() and failed  # its folder is gone: Save As is offered
    assert not path.exists(), "the save recreated the old library folder"
    assert window.documents.is_dirty()
    asked = []
    window.ask_unsaved_changes = lambda: asked.append(1) or "cancel"
    window.close()
    assert asked and window.isVisible()  # closing asks about the unsaved edits
    window.ask_unsaved_changes = lambda: "discard"


@pytest.mark.parametrize("how", ["deleted", "renamed"])
def test_a_library_gone_while_open_is_said_after_f5(qtbot, window, library, tmp_path, how):
    open_file(qtbot, window, conventions(library))
    if how == "deleted":
        shutil.rmtree(library)
    else:
        library.rename(tmp_path / "elsewhere")
    window.refresh_library(relint=True)
    assert window.statusBar().currentMessage() == f"The library folder is gone: {library}"


def test_a_library_toml_replaced_by_a_pipe_is_never_opened_on_reload(qtbot, window, library):
    import os
    import threading

    toml = library / "library.toml"
    toml.unlink()
    os.mkfifo(toml)
    opened = threading.Event()

    def writer_would_unblock() -> None:  # a reader blocked on the pipe lets this open
        try:
            fd = os.open(toml, os.O_WRONLY)  # blocks until someone opens it to read
        except OSError:
            return
        opened.set()
        os.close(fd)

    helper = threading.Thread(target=writer_would_unblock, daemon=True)
    helper.start()
    window.refresh_library(relint=True)  # F5: read library.toml to see if it changed
    assert not opened.is_set(), "the window opened the pipe to read it (a freeze)"
    with open(toml, "rb"):  # let the helper go
        pass
    helper.join(5)
