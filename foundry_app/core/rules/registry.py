"""The rule registry: every rule has an id, a kebab-case name, a severity and a docstring."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from foundry_app.core.diagnostics import Diagnostic, Fix, Severity, TextEdit

if TYPE_CHECKING:
    from foundry_app.core.document import Document
    from foundry_app.core.template import FileSpec

Scope = Literal["file", "links", "item", "suppressions", "data"]
# The rule families (sub-packages of core.rules) that hold the rules of each scope.
_FAMILIES: dict[str, tuple[str, ...]] = {
    "file": ("document", "template"),
    "links": ("links",),
    "item": ("item",),
    "suppressions": ("document",),
    "data": ("data",),
}


@dataclass(frozen=True)
class Finding:
    """What a rule found, before the registry stamps it with the rule's id and severity."""

    line: int
    column: int
    end_line: int
    end_column: int
    message: str
    fix: Fix | None = None
    path: Path | None = None  # only item rules set it: the file or folder to act on


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: Severity
    scope: Scope
    check: Callable[..., Iterable[Finding]]

    @property
    def summary(self) -> str:
        return self.doc.split("\n", 1)[0].strip()

    @property
    def doc(self) -> str:
        import inspect  # only the rule list reads docs; a lint never does

        return inspect.getdoc(self.check) or ""

    def diagnostic(self, path: Path, finding: Finding) -> Diagnostic:
        return Diagnostic(
            path=finding.path or path,
            line=finding.line,
            column=finding.column,
            end_line=finding.end_line,
            end_column=finding.end_column,
            rule=self.id,
            name=self.name,
            severity=self.severity,
            message=finding.message,
            fix=finding.fix,
        )


RULES: dict[str, Rule] = {}


def rule(rule_id: str, name: str, severity: Severity = Severity.ERROR, scope: Scope = "file"):
    """Register a check function under an id and a name; the docstring is its documentation."""

    def register(check: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        if rule_id in RULES or any(r.name == name for r in RULES.values()):
            raise ValueError(f"rule {rule_id} / {name} registered twice")
        if not (check.__doc__ or "").strip():
            raise ValueError(f"rule {name} needs a docstring")
        RULES[rule_id] = Rule(rule_id, name, severity, scope, check)
        return check

    return register


def rules_of(scope: Scope) -> list[Rule]:
    _load(_FAMILIES[scope])
    known = _BY_SCOPE.get(scope)
    if known is None or known[0] != len(RULES):  # asked once per file: sorted once
        known = _BY_SCOPE[scope] = (
            len(RULES),
            sorted((r for r in RULES.values() if r.scope == scope), key=lambda r: r.id),
        )
    return list(known[1])


def all_rules() -> list[Rule]:
    _load(tuple(family for families in _FAMILIES.values() for family in families))
    return sorted(RULES.values(), key=lambda r: r.id)


_LOADED: set[str] = set()
_BY_SCOPE: dict[str, tuple[int, list[Rule]]] = {}  # scope -> (registry size, its rules)


def _load(families: tuple[str, ...]) -> None:
    """Import the families' packages (each imports its rule modules) on first use, so a lint
    served from the cache never loads the file rules or the parser they need."""
    for family in families:
        if family not in _LOADED:
            import_module(f"foundry_app.core.rules.{family}")
            _LOADED.add(family)


def rule_by_name(name: str) -> Rule:
    for candidate in all_rules():
        if name in (candidate.name, candidate.id):
            return candidate
    raise KeyError(name)


def line_span(line: int, text: str, message: str, fix: Fix | None = None) -> Finding:
    """A finding covering the visible text of one source line."""
    stripped = text.lstrip()
    start = len(text) - len(stripped) + 1
    return Finding(line, start, line, max(start + 1, len(text.rstrip()) + 1), message, fix)


def findings_per_span(
    ctx: FileContext, name: str, find: Callable[[Document, int, int], Iterable[Finding]]
) -> list[Finding]:
    """The findings of a rule that looks at one stretch of a file at a time: `find(doc,
    start, stop)` reads only the tokens in [start, stop) and their lines. In a big file's
    live lint each stretch parsed on its own keeps its findings (Document.per_span), so a
    keystroke looks again only at the stretch it changed; `name` keys them."""
    doc = ctx.doc
    return doc.per_span(name, lambda start, stop: list(find(doc, start, stop)), moved_findings)


def moved_findings(findings: list[Finding], lines: int, _indices: int = 0) -> list[Finding]:
    """Findings of a stretch of text that moved `lines` down (Document.per_span's `move`)."""
    if not lines:
        return findings
    return [
        replace(
            f,
            line=f.line + lines,
            end_line=f.end_line + lines,
            fix=f.fix and Fix(f.fix.title, tuple(_moved_edit(e, lines) for e in f.fix.edits)),
        )
        for f in findings
    ]


def _moved_edit(edit: TextEdit, lines: int) -> TextEdit:
    return replace(edit, line=edit.line + lines, end_line=edit.end_line + lines)


@dataclass(frozen=True)
class FileContext:
    """What a file rule sees: the parsed document and what the template asks of this file."""

    path: Path
    doc: Document
    spec: FileSpec
