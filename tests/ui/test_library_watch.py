"""The tree follows files added, removed or renamed by other programs, with no refresh."""

from __future__ import annotations

import os

from window_helpers import notes

from foundry_app.ui.panels.library_tree import NAME


def shown(window, path) -> bool:
    return window.tree.model.index_for(path).isValid()


def test_a_file_made_elsewhere_appears_and_a_removed_one_goes(qtbot, window, library):
    added = library / "stacks" / "example" / "added.md"
    added.write_text("# Added\n", encoding="utf-8")
    qtbot.waitUntil(lambda: shown(window, added), timeout=5000)
    added.unlink()
    qtbot.waitUntil(lambda: not shown(window, added), timeout=5000)


def test_a_rename_elsewhere_is_followed(qtbot, window, library):
    renamed = library / "stacks" / "example" / "journal.md"
    os.rename(notes(library), renamed)
    qtbot.waitUntil(
        lambda: shown(window, renamed) and not shown(window, notes(library)), timeout=5000
    )


def test_a_new_folder_made_elsewhere_is_watched_too(qtbot, window, library):
    folder = library / "claude" / "commands"
    folder.mkdir(parents=True)
    (folder / "plan.md").write_text("# Plan\n", encoding="utf-8")
    qtbot.waitUntil(lambda: shown(window, folder / "plan.md"), timeout=5000)
    qtbot.waitUntil(lambda: str(folder) in window.library_watch.folders(), timeout=5000)
    (folder / "later.md").write_text("# Later\n", encoding="utf-8")
    qtbot.waitUntil(lambda: shown(window, folder / "later.md"), timeout=5000)


def test_open_folders_stay_open_when_the_tree_follows_a_change(qtbot, window, library):
    tree = window.tree
    stack = tree.proxy.mapFromSource(tree.model.index_for(library / "stacks" / "example"))
    tree.view.expand(stack)
    (library / "stacks" / "other" / "more.md").write_text("# More\n", encoding="utf-8")
    qtbot.waitUntil(lambda: shown(window, library / "stacks" / "other" / "more.md"), timeout=5000)
    stack = tree.proxy.mapFromSource(tree.model.index_for(library / "stacks" / "example"))
    assert tree.view.isExpanded(stack)
    assert tree.view.isExpanded(tree.proxy.index(0, NAME)), "the kind too"


def test_a_symlink_loop_in_the_library_does_not_hang_the_watch(qtbot, window, library):
    os.symlink(library, library / "stacks" / "loop")
    (library / "stacks" / "example" / "after.md").write_text("# After\n", encoding="utf-8")
    qtbot.waitUntil(
        lambda: shown(window, library / "stacks" / "example" / "after.md"), timeout=5000
    )
    assert str(library / "stacks" / "loop") not in window.library_watch.folders()


def test_a_save_through_a_hidden_temp_file_does_not_rescan(qtbot, window, library, monkeypatch):
    rescans = []
    real = window.refresh_library
    monkeypatch.setattr(window, "refresh_library", lambda **kw: rescans.append(1) or real(**kw))
    window.library_watch.changed.disconnect()
    window.library_watch.changed.connect(window.refresh_library)
    temp = library / "stacks" / "example" / ".notes.md.123.tmp"
    temp.write_text("x", encoding="utf-8")
    os.replace(temp, notes(library))
    qtbot.wait(800)
    assert rescans == []
    (library / "stacks" / "example" / "seen.md").write_text("# Seen\n", encoding="utf-8")
    qtbot.waitUntil(lambda: len(rescans) > 0, timeout=5000)


def test_a_change_while_filtering_keeps_the_filter_and_shows_new_matches(qtbot, window, library):
    tree = window.tree
    tree.filter.setText("journal")
    folder = library / "claude" / "commands"
    folder.mkdir(parents=True)
    (folder / "journal.md").write_text("# Journal\n", encoding="utf-8")
    qtbot.waitUntil(lambda: shown(window, folder / "journal.md"), timeout=5000)
    index = tree.proxy.mapFromSource(tree.model.index_for(folder / "journal.md"))
    assert index.isValid() and tree.view.isExpanded(index.parent())
    assert not tree.proxy.mapFromSource(tree.model.index_for(notes(library))).isValid()
