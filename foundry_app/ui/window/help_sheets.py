"""Help → Keyboard Shortcuts and Help → Rules: two filterable sheets made from what the app
really has (the window's actions, the rule registry), so neither can drift from it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from foundry_app.core.document import Document
from foundry_app.core.render import render_html
from foundry_app.core.rule_docs import rule_section
from foundry_app.core.rules.registry import Rule, all_rules
from foundry_app.ui.theme import current_theme, themes


def action_title(action: QAction) -> str:
    """The action's text as a menu shows it: no mnemonic ampersands."""
    return action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def key_text(action: QAction) -> str:
    return ", ".join(
        key.toString(QKeySequence.SequenceFormat.NativeText)
        for key in action.shortcuts()
        if not key.isEmpty()
    )


def shortcut_rows(window: QWidget) -> list[tuple[str, str]]:
    """(action, keys) for every action of the window that has a shortcut, by action."""
    rows = {
        (action_title(action), key_text(action))
        for action in window.findChildren(QAction)
        if key_text(action)
    }
    return sorted(rows, key=lambda row: (row[0].lower(), row[1]))


def _matches(query: str, *fields: str) -> bool:
    words = query.lower().split()
    text = " ".join(fields).lower()
    return all(word in text for word in words)


class _FilteredSheet(QDialog):
    """A filter box over a read-only table; typing hides the rows that do not match."""

    def __init__(self, title: str, name: str, columns: list[str], parent: QWidget | None):
        super().__init__(parent)
        self.setObjectName(name)
        self.setWindowTitle(title)
        self.filter = QLineEdit(self)
        self.filter.setObjectName(f"{name}Filter")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {title.lower()}")
        self.table = QTableWidget(0, len(columns), self)
        self.table.setObjectName(f"{name}Table")
        self.table.setAccessibleName(title)
        self.table.setHorizontalHeaderLabels(columns)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            len(columns) - 1, QHeaderView.ResizeMode.Stretch
        )
        self.filter.textChanged.connect(self._apply_filter)
        self.setFocusProxy(self.filter)

    def fill(self, rows: list[tuple[str, ...]]) -> None:
        self.table.setRowCount(0)
        self.table.setRowCount(len(rows))
        for number, row in enumerate(rows):
            for column, text in enumerate(row):
                self.table.setItem(number, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self._apply_filter(self.filter.text())

    def shown_rows(self) -> list[tuple[str, ...]]:
        """The rows the filter lets through, as text."""
        return [
            tuple(self.table.item(row, c).text() for c in range(self.table.columnCount()))
            for row in range(self.table.rowCount())
            if not self.table.isRowHidden(row)
        ]

    def _apply_filter(self, query: str) -> None:
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c).text() for c in range(self.table.columnCount())]
            self.table.setRowHidden(row, not _matches(query, *cells))


class ShortcutSheet(_FilteredSheet):
    """Every action of the window that has a key, read from the actions when shown."""

    def __init__(self, window: QWidget) -> None:
        super().__init__("Keyboard Shortcuts", "shortcutSheet", ["Action", "Keys"], window)
        self.source = window  # whose actions are listed
        self.filter.setPlaceholderText("Filter by action or key, e.g. save or ctrl+s")
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(self.table)
        self.resize(520, 560)

    def refresh(self) -> None:
        self.fill(shortcut_rows(self.source))


class RulesSheet(_FilteredSheet):
    """The rule reference: the list on top, the selected rule's text and examples below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Rules", "rulesSheet", ["ID", "Name", "Severity", "Checks"], parent)
        self.filter.setPlaceholderText("Filter by id, name, severity or text")
        self.rules: list[Rule] = all_rules()
        self.detail = QTextBrowser(self)
        self.detail.setObjectName("ruleDetail")
        self.detail.setAccessibleName("Rule description and examples")
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setSizes([260, 340])
        layout = QVBoxLayout(self)
        layout.addWidget(self.filter)
        layout.addWidget(splitter, 1)
        self.resize(760, 640)
        self.fill([(r.id, r.name, str(r.severity), r.summary) for r in self.rules])
        self.table.currentCellChanged.connect(lambda row, *_: self._show_row(row))
        themes().changed.connect(self._on_theme_changed)  # a method: gone with the sheet
        if self.rules:
            self.table.setCurrentCell(0, 0)

    def show_rule(self, rule_id: str) -> bool:
        """Select the rule `rule_id` (an id or a name), clearing a filter that hides it."""
        row = next(
            (n for n, r in enumerate(self.rules) if rule_id in (r.id, r.name)),
            None,
        )
        if row is None:
            return False
        if self.table.isRowHidden(row):
            self.filter.clear()
        self.table.setCurrentCell(row, 0)
        self.table.scrollToItem(self.table.item(row, 0))
        self._show_row(row)
        return True

    def current_rule(self) -> Rule | None:
        row = self.table.currentRow()
        return self.rules[row] if 0 <= row < len(self.rules) else None

    def _on_theme_changed(self, _theme) -> None:
        self._show_row(self.table.currentRow())  # the examples in the new colours

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.rules):
            self.detail.clear()
            return
        style = current_theme().preview_style()
        self.detail.setHtml(render_html(Document(rule_section(self.rules[row])), style=style))
