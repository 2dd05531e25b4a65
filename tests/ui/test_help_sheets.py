"""Help → Keyboard Shortcuts (from the window's actions) and Help → Rules (from the rule
registry), each with a filter; a problem's context menu explains its rule."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu
from window_helpers import conventions, open_file

from foundry_app.core.rules.registry import all_rules, rule_by_name
from foundry_app.ui.theme import themes
from foundry_app.ui.window.help_sheets import RulesSheet, ShortcutSheet


def help_action(window, title: str) -> QAction:
    help_menu = next(
        a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == "Help"
    )
    found = [a for a in help_menu.actions() if a.text().replace("&", "") == title]
    assert len(found) == 1, f"Help → {title}"
    return found[0]


def open_shortcuts(qtbot, window) -> ShortcutSheet:
    help_action(window, "Keyboard Shortcuts").trigger()
    sheet = window.findChild(ShortcutSheet)
    assert sheet is not None and sheet.isVisible()
    return sheet


def test_the_sheet_lists_every_action_that_has_a_shortcut(qtbot, window):
    sheet = open_shortcuts(qtbot, window)
    shown = sheet.shown_rows()
    expected = {
        (
            a.text().replace("&", ""),
            ", ".join(k.toString(QKeySequence.SequenceFormat.NativeText) for k in a.shortcuts()),
        )
        for a in window.findChildren(QAction)
        if a.shortcuts()
    }
    assert len(expected) > 30  # the window really has that many
    assert set(shown) == expected
    assert len(shown) == len(expected)  # each once
    assert ("Preferences…", "Ctrl+,") in shown
    assert ("Zoom In", "Ctrl+=, Ctrl++") in shown


def test_a_new_action_shows_up_without_touching_the_sheet(qtbot, window):
    extra = QAction("Frobnicate Everything", window)
    extra.setShortcut(QKeySequence("Ctrl+Alt+Shift+F12"))
    window.addAction(extra)
    sheet = open_shortcuts(qtbot, window)
    assert ("Frobnicate Everything", "Ctrl+Alt+Shift+F12") in sheet.shown_rows()


def test_the_filter_finds_by_action_or_by_key(qtbot, window):
    sheet = open_shortcuts(qtbot, window)
    qtbot.keyClicks(sheet.filter, "zoom")
    titles = [title for title, _ in sheet.shown_rows()]
    assert titles and all("Zoom" in title for title in titles)
    sheet.filter.clear()
    qtbot.keyClicks(sheet.filter, "ctrl+shift+o")
    assert [title for title, _ in sheet.shown_rows()] == ["Open Library…"]
    sheet.filter.clear()
    qtbot.keyClicks(sheet.filter, "no such thing at all")
    assert sheet.shown_rows() == []


def open_rules(window) -> RulesSheet:
    help_action(window, "Rules").trigger()
    sheet = window.findChild(RulesSheet)
    assert sheet is not None and sheet.isVisible()
    return sheet


def test_the_rules_sheet_is_the_registry(qtbot, window):
    sheet = open_rules(window)
    expected = [(r.id, r.name, str(r.severity), r.summary) for r in all_rules()]
    assert sheet.shown_rows() == expected
    fence = rule_by_name("fence-language")
    assert sheet.show_rule(fence.id)
    detail = sheet.detail.toPlainText()
    assert fence.summary in detail and "Bad:" in detail and "Good:" in detail
    assert "```" in detail  # the example itself, not only the prose


def test_the_rules_filter(qtbot, window):
    sheet = open_rules(window)
    qtbot.keyClicks(sheet.filter, "table")
    names = [name for _id, name, _sev, _sum in sheet.shown_rows()]
    assert "table-cell" in names and "fence-language" not in names


def test_explain_this_rule_opens_the_sheet_at_that_rule(qtbot, window, library):
    path = conventions(library)
    text = path.read_text(encoding="utf-8").replace("```python", "```", 1)
    path.write_text(text, encoding="utf-8")
    open_file(qtbot, window, path)
    panel = window.problems
    qtbot.waitUntil(lambda: panel.model.rowCount() > 0)
    row = next(
        r
        for r in range(panel.model.rowCount())
        if panel.model.diagnostic(r).name == "fence-language"
    )
    labels = [a.text() for a in panel.context_menu(row).actions()]
    assert "Explain this rule (FT004 fence-language)" in labels
    # a real right-click on the row: the menu appears, and its action is chosen
    table = panel.table
    chosen = []

    def choose_explain():
        menu = QApplication.activePopupWidget()
        if isinstance(menu, QMenu):
            action = menu.findChild(QAction, "explainRuleAction") or next(
                a for a in menu.actions() if a.text().startswith("Explain")
            )
            chosen.append(action.text())
            menu.close()
            action.trigger()

    QTimer.singleShot(200, choose_explain)
    point = table.visualRect(panel.model.index(row, 0)).center()
    table.customContextMenuRequested.emit(point)
    qtbot.waitUntil(lambda: bool(chosen))
    sheet = window.findChild(RulesSheet)
    assert sheet is not None and sheet.isVisible()
    assert sheet.current_rule().name == "fence-language"
    assert "fence-language" in sheet.detail.toPlainText()


def test_explain_reaches_a_rule_the_filter_hid(qtbot, window):
    sheet = open_rules(window)
    qtbot.keyClicks(sheet.filter, "links")
    window.show_rules("FT001")
    assert sheet.current_rule().id == "FT001" and sheet.shown_rows()[0][:1] == ("FT001",)
    assert sheet.filter.text() == ""


def test_a_deleted_rules_sheet_is_not_called_on_a_theme_change(qtbot, window):
    sheet = window.show_rules("FT004")
    sheet.close()
    sheet.deleteLater()  # what closing its window does to it
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    window.rules_sheet = None
    themes().set_choice("dark")  # pytest-qt fails the test on an exception in a slot
    themes().set_choice("light")
