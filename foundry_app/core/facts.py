"""What one file contributes to a lint: its own diagnostics and the facts cross-file rules need."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from foundry_app.core.diagnostics import Diagnostic, Fix, Severity, TextEdit
from foundry_app.core.document import Document, Link
from foundry_app.core.rules.registry import FileContext, rules_of
from foundry_app.core.template import FileSpec


@dataclass(frozen=True)
class FileFacts:
    diagnostics: list[Diagnostic]  # from the file's own rules
    links: tuple[Link, ...]
    anchors: frozenset[str]
    fences: int
    tasks_done: int
    tasks_total: int

    def to_json(self) -> dict:
        return {
            "diagnostics": [_diagnostic_to_json(d) for d in self.diagnostics],
            "links": [[k.href, k.line, k.column, k.end_column] for k in self.links],
            "anchors": sorted(self.anchors),
            "fences": self.fences,
            "tasks": [self.tasks_done, self.tasks_total],
        }

    @classmethod
    def from_json(cls, path: Path, data: dict) -> FileFacts:
        return cls(
            diagnostics=[_diagnostic_from_json(path, d) for d in data["diagnostics"]],
            links=tuple(Link(*link) for link in data["links"]),
            anchors=frozenset(data["anchors"]),
            fences=int(data["fences"]),
            tasks_done=int(data["tasks"][0]),
            tasks_total=int(data["tasks"][1]),
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


def _diagnostic_from_json(path: Path, row: list) -> Diagnostic:
    line, column, end_line, end_column, rule, name, severity, message, fix = row
    return Diagnostic(
        path,
        line,
        column,
        end_line,
        end_column,
        rule,
        name,
        Severity(severity),
        message,
        Fix(fix[0], tuple(TextEdit(*edit) for edit in fix[1])) if fix else None,
    )
