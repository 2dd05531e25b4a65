"""Diagnostics pinned to the editor's text, so they follow edits until the next lint.

Each range (and each fix edit) is held as a QTextCursor: the document moves cursors as
text is inserted or removed, which keeps markers on their lines at no cost per keystroke.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from foundry_app.core.diagnostics import Diagnostic, Severity, TextEdit
from foundry_app.ui.editor.text_positions import document_span, line_of
from foundry_app.ui.theme import current_theme

SEVERITY_ACCENTS = {Severity.ERROR: "error", Severity.WARNING: "warning"}


def severity_color(severity: Severity) -> QColor:
    """The current theme's colour for underlines and gutter marks of `severity`."""
    return current_theme().color(SEVERITY_ACCENTS.get(severity, "warning"))


# Errors sort (and paint) before warnings.
SEVERITY_RANK = {Severity.ERROR: 0, Severity.WARNING: 1}


def pinned_range(
    document: QTextDocument, line: int, column: int, end_line: int, end_column: int
) -> QTextCursor:
    """A cursor selecting the 1-based, end-exclusive range; it moves with later edits."""
    start, end = document_span(document, line, column, end_line, end_column)
    cursor = QTextCursor(document)
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def whole_line(document: QTextDocument, position: int) -> QTextCursor:
    """A cursor selecting the text of the line that holds `position`."""
    cursor = QTextCursor(document.findBlock(position))
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    return cursor


def problem_text(diagnostic: Diagnostic) -> str:
    """One line for a status bar: the message, then `rule-name [ID]`."""
    return f"{diagnostic.message} — {diagnostic.name} [{diagnostic.rule}]"


def tooltip_text(diagnostics: list[Diagnostic]) -> str:
    """Plain tooltip: per diagnostic, the message and `rule-name [ID]` on the next line."""
    return "\n\n".join(f"{d.message}\n{d.name} [{d.rule}]" for d in diagnostics)


def tooltip_html(text: str) -> str:
    """Escape so a message mentioning `<h2>` is shown, not interpreted, by QToolTip."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>"


@dataclass(eq=False)  # identity: two equal diagnostics are still two marks
class DiagnosticMark:
    diagnostic: Diagnostic
    range: QTextCursor
    fix_ranges: list[tuple[QTextCursor, TextEdit]]

    @classmethod
    def pin(cls, document: QTextDocument, diagnostic: Diagnostic) -> DiagnosticMark:
        d = diagnostic
        cursor = pinned_range(document, d.line, d.column, d.end_line, d.end_column)
        if not cursor.hasSelection():
            cursor = whole_line(document, cursor.position())
        edits = d.fix.edits if d.fix else ()
        fixes = [
            (pinned_range(document, e.line, e.column, e.end_line, e.end_column), e) for e in edits
        ]
        return cls(d, cursor, fixes)

    @property
    def start(self) -> int:
        return self.range.selectionStart()

    def lines(self) -> list[tuple[int, int]]:
        """The (first, last) lines its diagnostic and its fix's edits were pinned on."""
        d = self.diagnostic
        return [(d.line, d.end_line), *((e.line, e.end_line) for _, e in self.fix_ranges)]

    @property
    def end(self) -> int:
        return self.range.selectionEnd()

    @property
    def line(self) -> int:
        return line_of(self.range.document(), self.start)

    def covers(self, position: int) -> bool:
        """True over the underlined text; a range emptied by editing covers its line."""
        if self.start == self.end:
            return line_of(self.range.document(), position) == self.line
        return self.start <= position < self.end

    def underline(self) -> QTextCharFormat:
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(severity_color(self.diagnostic.severity))
        return fmt
