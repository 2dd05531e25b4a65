"""Never lose an edit: unsaved-changes prompts, changes on disk, read-only files, a bad
library, and settings that go only where the test says."""

from __future__ import annotations

import os

import pytest
from helpers import GOOD_CONVENTIONS
from PySide6.QtCore import QEvent, QSettings, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from window_helpers import (
    NOTES,
    conventions,
    make_window,
    notes,
    open_file,
    replace_on_disk,
    type_at_end,
)

from foundry_app.ui import dialogs

# --- unsaved changes ------------------------------------------------------------------


def test_cancel_keeps_the_file_open_and_dirty(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    type_at_end(qtbot, window, "draft")
    asked = []
    window.ask_unsaved_changes = lambda: asked.append(1) or "cancel"
    assert not window.open_path(notes(library))
    assert asked == [1]
    assert window.documents.path == conventions(library)
    assert window.documents.is_dirty() and window.editor.text().endswith("draft")
    current = window.tree.view.currentIndex()
    assert current.data(Qt.ItemDataRole.DisplayRole) == "conventions.md"


def test_discard_switches_and_leaves_the_disk_alone(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    type_at_end(qtbot, window, "draft")
    window.ask_unsaved_changes = lambda: "discard"
    assert window.open_path(notes(library))
    assert window.documents.path == notes(library)
    assert conventions(library).read_text(encoding="utf-8") == GOOD_CONVENTIONS


def test_save_writes_then_switches(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    type_at_end(qtbot, window, "draft")
    window.ask_unsaved_changes = lambda: "save"
    assert window.open_path(notes(library))
    assert window.documents.path == notes(library)
    assert conventions(library).read_text(encoding="utf-8") == GOOD_CONVENTIONS + "draft"


def test_closing_the_window_with_edits_asks_and_cancel_keeps_it_open(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    type_at_end(qtbot, window, "draft")
    window.ask_unsaved_changes = lambda: "cancel"
    assert not window.close()
    assert window.isVisible()
    window.ask_unsaved_changes = lambda: "discard"
    assert window.close()


def test_a_save_conflict_asks_and_cancel_writes_nothing(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    window.documents.watch.watch(None)  # the conflict, not the watcher, is under test
    type_at_end(qtbot, window, "mine")
    replace_on_disk(path, "theirs\n")
    window.ask_conflict = lambda _path: "cancel"
    assert not window.save()
    assert path.read_text(encoding="utf-8") == "theirs\n"
    assert window.documents.is_dirty()
    window.ask_conflict = lambda _path: "overwrite"
    assert window.save()
    assert path.read_text(encoding="utf-8") == GOOD_CONVENTIONS + "mine"


def test_a_save_conflict_can_reload_the_disk_version(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    window.documents.watch.watch(None)
    type_at_end(qtbot, window, "mine")
    replace_on_disk(path, "theirs\n")
    window.ask_conflict = lambda _path: "reload"
    assert not window.save()
    assert window.editor.text() == "theirs\n" and not window.documents.is_dirty()
    window.editor.undo()  # the reload is one undoable edit: the edits are not gone
    assert window.editor.text().endswith("mine")


# --- changes made by other programs ------------------------------------------------------


def test_a_clean_buffer_reloads_when_the_file_changes_on_disk(qtbot, window, library):
    path = notes(library)
    open_file(qtbot, window, path)
    replace_on_disk(path, NOTES + "- [ ] gamma\n")
    qtbot.waitUntil(lambda: window.editor.text() == NOTES + "- [ ] gamma\n", timeout=5000)
    assert not window.documents.is_dirty()
    qtbot.waitUntil(lambda: "gamma" in window.preview.toPlainText())
    # the watch survives the atomic replace: a second change is seen too
    replace_on_disk(path, NOTES)
    qtbot.waitUntil(lambda: window.editor.text() == NOTES, timeout=5000)


def edited_then_changed_on_disk(qtbot, window, path):
    """Type into the open file, let another program replace it; the bar that appears."""
    open_file(qtbot, window, path)
    type_at_end(qtbot, window, "mine")
    replace_on_disk(path, "theirs\n")
    bar = window.findChild(QWidget, "externalChangeBar")
    qtbot.waitUntil(bar.isVisible, timeout=5000)
    return bar


def test_a_dirty_buffer_gets_a_bar_and_nothing_is_written(qtbot, window, library):
    path = notes(library)
    bar = edited_then_changed_on_disk(qtbot, window, path)
    assert path.read_text(encoding="utf-8") == "theirs\n"
    assert window.editor.text() == NOTES + "mine"
    keep = bar.findChild(QPushButton, "KeepmineButton")
    qtbot.mouseClick(keep, Qt.MouseButton.LeftButton)
    assert not bar.isVisible() and window.documents.is_dirty()
    assert window.save()  # a deliberate overwrite now, not a conflict
    assert path.read_text(encoding="utf-8") == NOTES + "mine"


def test_the_bar_can_reload_the_disk_version(qtbot, window, library):
    bar = edited_then_changed_on_disk(qtbot, window, notes(library))
    qtbot.mouseClick(bar.findChild(QPushButton, "ReloadButton"), Qt.MouseButton.LeftButton)
    assert window.editor.text() == "theirs\n" and not window.documents.is_dirty()


def test_window_activation_checks_the_disk_too(qtbot, window, library, monkeypatch):
    path = notes(library)
    open_file(qtbot, window, path)
    window.documents.watch.watch(None)  # as if the watcher missed it (network drive)
    replace_on_disk(path, "changed\n")
    monkeypatch.setattr(window, "isActiveWindow", lambda: True)
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))
    assert window.editor.text() == "changed\n"


def test_only_coming_back_to_the_window_reads_the_library_again(qtbot, window, monkeypatch):
    """The first activation follows the library's read at once (at 10,000 files reading it
    again took the first paint 0.2-0.9 s); coming back from elsewhere picks up new files."""
    reads = []
    rescan = window.library.rescan
    monkeypatch.setattr(window.library, "rescan", lambda: reads.append(1) or rescan())
    active = True
    monkeypatch.setattr(window, "isActiveWindow", lambda: active)
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))
    assert reads == []
    active = False
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))
    active = True
    window.changeEvent(QEvent(QEvent.Type.ActivationChange))
    assert reads == [1]


# --- read-only and broken libraries --------------------------------------------------------


def test_a_file_that_is_not_utf8_opens_read_only_with_the_reason(qtbot, window, library):
    path = library / "stacks" / "example" / "latin1.md"
    data = "# Café\n\nÉté.\n".encode("latin-1")
    path.write_bytes(data)
    open_file(qtbot, window, path)
    assert window.editor.isReadOnly()
    bar = window.findChild(QWidget, "readOnlyBar")
    assert bar.isVisible() and "not UTF-8" in bar.label.text()
    assert not window.save()
    assert path.read_bytes() == data
    open_file(qtbot, window, notes(library))  # the next file is editable again
    assert not window.editor.isReadOnly() and not bar.isVisible()


def test_an_invalid_library_shows_the_empty_state(qtbot, tmp_path, settings, library):
    folder = tmp_path / "not-a-library"
    folder.mkdir()
    window = make_window(qtbot, folder, settings)
    empty = window.findChild(QWidget, "emptyState")
    assert empty.isVisible()
    assert "library.toml" in empty.findChild(QLabel, "emptyStateError").text()
    assert window.windowTitle() == "Foundry"
    window.choose_library_folder = lambda: str(library)
    qtbot.mouseClick(empty.findChild(QPushButton, "openLibraryButton"), Qt.MouseButton.LeftButton)
    assert not empty.isVisible() and window.tree.view.isVisible()
    assert window.tree.model.index_for(conventions(library)).isValid()


def test_a_library_with_a_broken_template_shows_the_reason(qtbot, tmp_path, settings):
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "library.toml").write_text("[kinds.stack\n", encoding="utf-8")
    window = make_window(qtbot, folder, settings)
    assert window.findChild(QWidget, "emptyState").isVisible()
    assert window.library is None


def test_a_template_with_a_typo_shows_the_same_message_as_the_cli(qtbot, library, settings):
    toml = library / "library.toml"
    text = toml.read_text(encoding="utf-8").replace("title = true", "titel = true")
    toml.write_text(text, encoding="utf-8")
    line = next(n for n, row in enumerate(text.splitlines(), 1) if row.startswith("titel"))
    window = make_window(qtbot, library, settings)
    assert window.findChild(QWidget, "emptyState").isVisible() and window.library is None
    assert window.empty_state.error.text().startswith(f"{toml}:{line}: ")
    assert "titel: unknown key (did you mean 'title'?)" in window.empty_state.error.text()


def test_a_missing_library_folder_shows_the_empty_state(qtbot, tmp_path, settings):
    window = make_window(qtbot, tmp_path / "gone", settings)
    assert "not a folder" in window.empty_state.error.text()


# --- settings ------------------------------------------------------------------------------


def test_settings_go_to_the_given_file_only(qtbot, library, settings, settings_file):
    user_config = os.environ["XDG_CONFIG_HOME"]
    before = sorted(os.listdir(user_config))
    window = make_window(qtbot, library, settings)
    qtbot.waitUntil(lambda: window.results.complete)
    open_file(qtbot, window, notes(library))
    window.splitter.setSizes([300, 600, 600])
    assert window.close()
    stored = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert stored.value("library/root") == str(library)
    assert stored.value("library/lastFile") == "stacks/example/notes.md"
    assert stored.value("window/geometry") is not None
    assert sorted(os.listdir(user_config)) == before  # nothing in the default location

    again = make_window(qtbot, None, QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert again.library is not None and again.library.root == library
    assert again.documents.path == notes(library)  # the last open file is back
    assert again.splitter.sizes()[0] == window.splitter.sizes()[0]


def test_settings_false_persists_nothing(qtbot, library, tmp_path):
    user_config = os.environ["XDG_CONFIG_HOME"]
    before = sorted(os.listdir(user_config))
    window = make_window(qtbot, library, False)
    qtbot.waitUntil(lambda: window.results.complete)
    assert window.close()
    assert sorted(os.listdir(user_config)) == before


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_overwrite_never_writes_through_a_name_swapped_for_a_link_outside(
    qtbot, window, library, tmp_path, monkeypatch
):
    path = conventions(library)
    open_file(qtbot, window, path)
    window.documents.watch.watch(None)  # the save's own checks are under test
    type_at_end(qtbot, window, "mine")
    outside = tmp_path / "private.md"
    outside.write_text("someone else's file\n", encoding="utf-8")
    path.unlink()
    path.symlink_to(outside)
    asked = []
    window.ask_conflict = lambda _path: asked.append(_path) or "overwrite"
    failed = []
    monkeypatch.setattr(
        dialogs, "ask_save_failed", lambda _parent, _where, why: failed.append(why) or "cancel"
    )
    assert not window.save()
    assert asked == [path]
    assert failed == [f"it now leads to {outside}, not to the file that was opened"]
    assert outside.read_text(encoding="utf-8") == "someone else's file\n"
    assert window.documents.is_dirty() and window.editor.text().endswith("mine")


def _swap_for_a_link(path, target) -> None:
    temp = path.with_name(".swap")
    os.symlink(target, temp)
    os.replace(temp, path)


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
@pytest.mark.parametrize("dirty", [True, False])
def test_a_name_swapped_for_a_link_outside_is_never_saved_through(
    qtbot, window, library, tmp_path, monkeypatch, dirty
):
    # dirty: the author keeps their edits over the change; clean: the buffer reloads by
    # itself, showing the other file's text; either way Save must not write over that file
    path = library / "stacks" / "example" / "notes.md"
    outside = tmp_path / "outside" / "precious.md"
    outside.parent.mkdir()
    outside.write_text("# Someone else's file\n", encoding="utf-8")
    open_file(qtbot, window, path)
    if dirty:
        type_at_end(qtbot, window, "MINE")
    _swap_for_a_link(path, outside)
    window.documents.check_external_change()  # what the watcher does
    if dirty:
        window.documents.keep_mine()
    else:
        assert "Someone else's file" in window.editor.text()
        type_at_end(qtbot, window, "MINE")
    failed = []
    monkeypatch.setattr(
        dialogs, "ask_save_failed", lambda _parent, _where, why: failed.append(why) or "cancel"
    )
    assert not window.save()
    assert failed == [f"it now leads to {outside}, not to the file that was opened"]
    assert outside.read_text(encoding="utf-8") == "# Someone else's file\n"
