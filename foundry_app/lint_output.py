"""How `foundry lint` prints diagnostics and the rule list: text, JSON, GitHub, Markdown."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.rule_config import OUTSIDE_KINDS
from foundry_app.core.rule_docs import rule_section
from foundry_app.core.wording import readable

if TYPE_CHECKING:  # only named: `foundry lint` imports core.lint itself, the app in its lint
    from foundry_app.core.lint import LintReport


def shown_path(path: Path) -> str:
    """Relative to the working folder when that is shorter, like compilers print paths."""
    try:
        relative = os.path.relpath(path)
    except (ValueError, OSError):  # another drive, or the working folder is gone
        return str(path)
    return relative if not relative.startswith("../../") else str(path)


def format_report(report: LintReport, fmt: str, file_count: int, walk_problems: int = 0) -> str:
    """The report in `fmt`, always valid UTF-8: a byte of a file name that is not UTF-8 is
    written `\\xff` (JSON and the terminal could not carry it otherwise). `walk_problems`
    counts what stopped the walk of the library (a folder not readable, the file limit)."""
    out = _format_report(report, fmt, file_count, walk_problems)
    return out if fmt == "json" else readable(out)  # JSON's strings were made readable each


def _format_report(report: LintReport, fmt: str, file_count: int, walk_problems: int) -> str:
    # Worked out once per file: a library's diagnostics share a few hundred paths.
    shown = cache(shown_path)
    if fmt == "json":
        rows = []
        for diagnostic in report.diagnostics:
            row = diagnostic.to_json()
            row["path"] = shown(diagnostic.path)
            # each string on its own: `\\xff` in the output itself would not be JSON
            rows.append({k: readable(v) if isinstance(v, str) else v for k, v in row.items()})
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    if fmt == "github":
        return "".join(_github(d, shown(d.path)) + "\n" for d in report.diagnostics)
    shown_on_one_line = cache(lambda path: one_line(_backslashes_doubled(shown_path(path))))
    lines = [_text(d, shown_on_one_line(d.path)) for d in report.diagnostics]
    lines.append(summary(report, file_count, walk_problems))
    return "\n".join(lines) + "\n"


def _text(d: Diagnostic, path: str) -> str:
    # a message quotes the file (a heading, a name): its control characters are escaped,
    # so a file can neither split a diagnostic over lines nor send terminal escapes
    message = one_line(d.message)
    return f"{path}:{d.line}:{d.column}: {d.severity} {d.name} {message} [{d.rule}]"


def _backslashes_doubled(path: str) -> str:
    """A backslash in a name written `\\`, so the name `a\\nb.md` never prints as the
    escaped newline of `a<newline>b.md` does; where `\\` separates folders it stays."""
    return path if os.sep == "\\" else path.replace("\\", "\\\\")


def one_line(text: str) -> str:
    """Control characters in a file name escaped, so one diagnostic stays one line."""
    # first: a byte that is not UTF-8 reads \xff, not \udcff
    return _escaped(readable(text))


def _escaped(text: str, keep: str = "") -> str:
    """Characters that are not printable written out as escapes (`\\x1b`), but for `keep`."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() or c in keep else repr(c)[1:-1] for c in text)


def summary(report: LintReport, file_count: int, walk_problems: int = 0) -> str:
    errors, warnings = report.count(Severity.ERROR), report.count(Severity.WARNING)
    files = f"{file_count} file{'s' if file_count != 1 else ''}"
    unread = len(report.unreadable)
    tail = f"; {unread} file{'s' if unread != 1 else ''} could not be read" if unread else ""
    if walk_problems:  # never "No problems" over a library that was not read whole
        tail += f"; {walk_problems} problem{'s' if walk_problems != 1 else ''} reading the library"
    if not errors and not warnings:
        clean = not unread and not walk_problems
        return f"No problems in {files}{tail}." if clean else f"Checked {files}{tail}."
    return (
        f"Found {errors} error{'s' if errors != 1 else ''} and "
        f"{warnings} warning{'s' if warnings != 1 else ''} in {files}{tail}."
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _github(d: Diagnostic, path: str | None = None) -> str:
    """GitHub's annotation columns are inclusive and only allowed on a one-line range;
    `path` is the file as shown (worked out here when not given)."""
    level = "error" if d.severity == Severity.ERROR else "warning"
    shown = shown_path(d.path) if path is None else path
    fields: list[tuple[str, object]] = [("file", shown), ("line", d.line)]
    if d.end_line == d.line:
        fields += [("col", d.column), ("endColumn", max(d.column, d.end_column - 1))]
    else:
        fields.append(("endLine", d.end_line))
    fields.append(("title", f"{d.name} [{d.rule}]"))
    props = ",".join(f"{key}={_escape_property(str(value))}" for key, value in fields)
    message = _escaped(d.message, keep="\r\n")  # the annotation's own escaping carries those
    return f"::{level} {props}::{_escape_data(message)}"


def list_rules(fmt: str = "text") -> str:
    from foundry_app.core.rules.registry import all_rules  # loads every family

    rules = all_rules()
    if fmt == "json":
        data = [
            {
                "id": r.id,
                "name": r.name,
                "severity": str(r.severity),
                "scope": r.scope,
                "summary": r.summary,
                "doc": r.doc,
            }
            for r in rules
        ]
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return rules_markdown()
    width = max(len(r.name) for r in rules)
    return "".join(f"{r.id}  {r.name:<{width}}  {r.severity:<7}  {r.summary}\n" for r in rules)


_RULES_INTRO = """\
## Levels, settings and suppression comments

Each rule below has its own severity. Documents outside any kind (a Claude command, a
workflow, `templates/shared/`, the README) are free-form notes, not template items: there
a heading jump, an empty section, a fence without a language or a table row with too
many cells is a style warning, not an error. A broken link, an example that does not
parse and front matter that is not YAML stay errors everywhere, because something that
reads the file (a reader, a tool, an agent) breaks on them. The table says "warning
outside kinds" for those rules.

A library changes any of it in `library.toml`:
`[rules]` sets a rule's level (`"error"`, `"warning"` or `"off"`) by name or id, and
`[[overrides]]` does the same for the files a list of globs matches; see
[template.md](template.md#rule-settings-rules-and-overrides).

A Markdown file can hide diagnostics with comments, each on a line of its own:

````text
<!-- foundry-disable-next-line fence-language -->   the line right after the comment
<!-- foundry-disable placeholder, raw-html -->       from here ...
<!-- foundry-enable placeholder, raw-html -->        ... to here (or the end of the file)
<!-- foundry-disable-file title -->                  the whole file
````

Rules are named by name or id, separated by spaces or commas; a comment that names no
rule covers every rule. "Next line" means the very next line, blank or not, so put the
comment straight above what it excuses. `foundry-enable` with no rule ends every open
`foundry-disable`; with rules, it ends those rules only. Only a comment that starts its
line counts: one inside a code block or after other text on its line is not a
suppression. Suppression comments are not raw HTML (`raw-html`), not content
(`empty-section` still sees an empty section) and may sit between the title and its
summary. A comment that hides nothing, an enable that ends
nothing and a rule name that does not exist are reported by `unused-suppression`
(FT010), whose own findings no comment hides. Comments apply to the diagnostics of their
file (links included), not to item rules such as `missing-file`.
"""


def rules_markdown() -> str:
    """docs/rules.md, generated from the registry (a test keeps the file in step)."""
    from foundry_app.core.rules.registry import all_rules

    out = [
        "# Rule reference\n",
        "Generated from the rule registry by `foundry lint --list-rules --format markdown`;",
        "do not edit by hand.\n",
        _RULES_INTRO,
        "| ID | Name | Severity | Checks |",
        "|---|---|---|---|",
    ]
    rules = all_rules()
    out.extend(
        f"| {r.id} | [`{r.name}`](#{r.id.lower()}-{r.name}) | {_levels(r)} | {r.summary} |"
        for r in rules
    )
    out.extend(rule_section(r) for r in rules)
    return "\n".join(out) + "\n"


def _levels(r) -> str:
    outside = OUTSIDE_KINDS.get(r.id)
    return f"{r.severity} ({outside} outside kinds)" if outside else str(r.severity)
