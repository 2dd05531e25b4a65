"""A real library with no library.toml: the standard template, its bar, the folder tree."""

from __future__ import annotations

import pytest
from newer_layout import make_newer_layout
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from window_helpers import make_window

from foundry_app.core.template import builtin_template_text
from foundry_app.ui.document.template_bar import BUTTON, MESSAGE
from foundry_app.ui.panels.library_tree import KIND_ROLE


@pytest.fixture
def own(qtbot, tmp_path, settings):
    root = make_newer_layout(tmp_path / "team-library")
    window = make_window(qtbot, root, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    return window, root


def chain(index) -> list[str]:
    names = []
    while index.isValid():
        names.insert(0, index.data())
        index = index.parent()
    return names


def test_the_bar_says_the_standard_template_is_used(own):
    window, _root = own
    assert window.template_bar.isVisible()
    assert window.template_bar.label.text() == MESSAGE


def test_personas_and_claude_commands_are_nested_nodes_with_rolled_up_badges(own):
    window, root = own
    model = window.tree.model
    persona = model.index_for(root / "personas" / "core" / "developer" / "persona.md")
    assert chain(persona) == ["Personas (2)", "developer", "persona.md"]
    assert persona.parent().parent().data(KIND_ROLE) == "kind"
    handoff = model.index_for(root / "personas" / "core" / "developer" / "templates" / "handoff.md")
    assert chain(handoff) == ["Personas (2)", "developer", "templates", "handoff.md"]
    contracts = model.index_for(root / "personas" / "core" / "developer" / "contracts.yml")
    assert chain(contracts) == ["Personas (2)", "developer", "contracts.yml"]
    review = model.index_for(root / "claude" / "commands" / "review.md")
    assert chain(review) == ["claude", "commands", "review.md"]
    mark = model.badge_for(root / "claude" / "commands" / "review.md")
    assert mark in ("1 ✖", "1 ⚠")  # the bare fence
    assert model.badge_for(root / "claude" / "commands") == f"{mark} · 1/2"
    assert model.badge_for(root / "claude") == f"{mark} · 1/2"


def test_save_as_library_toml_writes_the_template_and_the_bar_goes(qtbot, own):
    window, root = own
    button = window.template_bar.button(BUTTON)
    assert isinstance(button, QPushButton) and button.isVisible()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert (root / "library.toml").read_text(encoding="utf-8") == builtin_template_text()
    assert not window.template_bar.isVisible()
    assert window.tree.model.index_for(root / "library.toml").isValid()
    window.open_library(root)
    assert not window.template_bar.isVisible(), "the library now has its own template"


def test_saving_never_overwrites_a_library_toml_made_meanwhile(qtbot, own):
    window, root = own
    (root / "library.toml").write_text("# mine\n", encoding="utf-8")
    errors = []
    window.report_error = errors.append
    window.template_bar.button(BUTTON).click()
    assert (root / "library.toml").read_text(encoding="utf-8") == "# mine\n"
    assert errors and "Could not save the template" in errors[0]
    assert window.template_bar.isVisible()


def test_library_toml_saved_from_the_editor_is_the_template_from_then_on(qtbot, window, library):
    toml = library / "library.toml"
    assert window.open_path(toml)
    text = window.editor.text()
    window.editor.replace_all_text_undoably(text.replace('title = "Stacks"', 'title = "Packs"'))
    assert window.save()
    qtbot.waitUntil(lambda: window.tree.proxy.index(0, 0).data() == "Packs (2)")
    assert window.documents.path == toml


def test_an_invalid_library_toml_saved_from_the_editor_is_not_applied(qtbot, window, library):
    toml = library / "library.toml"
    assert window.open_path(toml)
    window.editor.replace_all_text_undoably("[kinds.stack\n")
    assert window.save()
    qtbot.waitUntil(lambda: "Not applied" in window.statusBar().currentMessage())
    assert window.library is not None and window.tree.proxy.index(0, 0).data() == "Stacks (2)"
