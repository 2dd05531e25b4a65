"""What one file contributes to a lint: its own diagnostics and the facts cross-file rules need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from foundry_app.core.diagnostics import Diagnostic, Fix, Severity, TextEdit
from foundry_app.core.link import Link
from foundry_app.core.rules.registry import FileContext, rules_of
from foundry_app.core.suppressions import Suppression, find_suppressions

if TYPE_CHECKING:
    from foundry_app.core.document import Document
    from foundry_app.core.template import FileSpec


@dataclass(frozen=True)
class FileFacts:
    diagnostics: list[Diagnostic]  # from the file's own rules
    links: tuple[Link, ...]
    anchors: frozenset[str]
    fences: int
    tasks_done: int
    tasks_total: int
    suppressions: tuple[Suppression, ...] = ()  # applied with the link rules' results

    def to_json(self) -> dict:
        return {
            "diagnostics": [_diagnostic_to_json(d) for d in self.diagnostics],
            "links": [[k.href, k.line, k.column, k.end_column] for k in self.links],
            "anchors": sorted(self.anchors),
            "fences": self.fences,
            "tasks": [self.tasks_done, self.tasks_total],
            "suppressions": [s.to_json() for s in self.suppressions],
        }

    @classmethod
    def from_json(cls, path: Path, data: dict) -> FileFacts:
        """Facts as the cache wrote them; any other shape raises ValueError (never trusted)."""
        data = _typed(data, dict)
        tasks = _typed(data["tasks"], list)
        if len(tasks) != 2:
            raise ValueError("tasks: two counts expected")
        return cls(
            diagnostics=[_diagnostic_from_json(path, d) for d in _typed(data["diagnostics"], list)],
            links=_links_from_json(_typed(data["links"], list)),
            anchors=frozenset(_typed(a, str) for a in _typed(data["anchors"], list)),
            fences=_typed(data["fences"], int),
            tasks_done=_typed(tasks[0], int),
            tasks_total=_typed(tasks[1], int),
            suppressions=tuple(
                _suppression_from_json(s) for s in _typed(data["suppressions"], list)
            ),
        )


def _typed(value, kind: type):
    """The value if it has exactly the JSON type the cache writes (a bool is not an int)."""
    if type(value) is not kind:
        raise ValueError(f"{kind.__name__} expected, got {type(value).__name__}")
    return value


def _row(value, *kinds: type) -> list:
    row = _typed(value, list)
    if len(row) != len(kinds):
        raise ValueError(f"{len(kinds)} fields expected, got {len(row)}")
    for item, kind in zip(row, kinds, strict=True):  # checked in place: a warm lint reads many
        if type(item) is not kind:
            raise ValueError(f"{kind.__name__} expected, got {type(item).__name__}")
    return row


_MAX_POSITION = 2**31 - 1


def _links_from_json(rows: list) -> tuple[Link, ...]:
    """Checked field by field inline: a warm lint of 1,000 files reads ~20,000 links."""
    links = []
    for row in rows:
        if type(row) is not list or len(row) != 4:
            raise ValueError("a link is a list of four fields")
        href, line, column, end_column = row
        if (
            type(href) is not str
            or type(line) is not int
            or type(column) is not int
            or type(end_column) is not int
        ):
            raise ValueError("a link is a string and three whole numbers")
        # 1-based, and within what Qt's int can go to: no file has a line 10**30
        if not (
            0 < line <= _MAX_POSITION
            and 0 < column <= _MAX_POSITION
            and 0 < end_column <= _MAX_POSITION
        ):
            raise ValueError("a link's line and columns are out of range")
        links.append(Link(href, line, column, end_column))
    return tuple(links)


def _positions(*numbers: int) -> None:
    """1-based lines and columns, within Qt's int: a row from an edited cache may not be."""
    for number in numbers:
        if not 0 < number <= _MAX_POSITION:
            raise ValueError(f"a line or column out of range: {number}")


def _suppression_from_json(value) -> Suppression:
    kind, line, column, end_line, end_column, rules = _row(value, str, int, int, int, int, list)
    _positions(line, column, end_line, end_column)
    return Suppression(
        kind, line, column, end_line, end_column, tuple(_typed(r, str) for r in rules)
    )


def analyze(path: Path, doc: Document, spec: FileSpec) -> FileFacts:
    """Run every file rule over one parsed document and collect the cross-file facts."""
    context = FileContext(path, doc, spec)
    diagnostics = [r.diagnostic(path, f) for r in rules_of("file") for f in r.check(context)]
    tasks = doc.tasks
    return FileFacts(
        diagnostics=diagnostics,
        links=tuple(doc.links),
        anchors=frozenset(doc.anchors),
        fences=len(doc.fences),
        tasks_done=sum(1 for t in tasks if t.checked),
        tasks_total=len(tasks),
        suppressions=find_suppressions(
            [doc.tokens[i] for i in doc.token_indices("html_block")], doc.lines
        ),
    )


def _diagnostic_to_json(d: Diagnostic) -> list:
    fix = None
    if d.fix is not None:
        fix = [
            d.fix.title,
            [[e.line, e.column, e.end_line, e.end_column, e.new_text] for e in d.fix.edits],
        ]
    return [
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        d.rule,
        d.name,
        str(d.severity),
        d.message,
        fix,
    ]


def _diagnostic_from_json(path: Path, value) -> Diagnostic:
    row = _typed(value, list)
    if len(row) != 9:
        raise ValueError("a diagnostic has nine fields")
    line, column, end_line, end_column, rule, name, severity, message = _row(
        row[:8], int, int, int, int, str, str, str, str
    )
    _positions(line, column, end_line, end_column)
    fix = None
    if row[8] is not None:
        title, edits = _row(row[8], str, list)
        fix = Fix(title, tuple(_edit_from_json(e) for e in edits))
    return Diagnostic(
        path, line, column, end_line, end_column, rule, name, Severity(severity), message, fix
    )


def _edit_from_json(value) -> TextEdit:
    line, column, end_line, end_column, new_text = _row(value, int, int, int, int, str)
    _positions(line, column, end_line, end_column)
    return TextEdit(line, column, end_line, end_column, new_text)
