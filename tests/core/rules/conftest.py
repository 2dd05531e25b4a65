"""Shared fixtures for the rule tests: a throwaway library built from the real template.

Every rule test writes the smallest text that shows one behaviour, lints it as a file
of a stack in a temporary library (so the real `library.toml` decides what the file
must hold) and looks only at the diagnostics of the rule under test.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest

from foundry_app.core.diagnostics import Diagnostic, apply_edits
from foundry_app.core.document import Document
from foundry_app.core.library import Library
from foundry_app.core.lint import check_document, lint_library

REPO = Path(__file__).resolve().parents[3]
TEMPLATE = REPO / "ai-team-library" / "library.toml"
STACK = "demo"

# A conventions.md that satisfies every rule; tests derive bad variants from it.
GOOD_CONVENTIONS = """\
---
last-reviewed: 2025-06
---
# Demo Conventions

> A small stack used by the rule tests.

## Defaults

| Concern | Default | Alternatives |
| --- | --- | --- |
| Packaging | uv with a committed lock file | Poetry where it is already standard |
| Testing | pytest | unittest for the standard library only |

## Do / Don't

- **Do** pin every dependency in a lock file.
- **Don't** install packages by hand on a shared machine.

## Common Pitfalls

1. **Unpinned tools.** A new release breaks the build overnight.
2. **Shared state in tests.** Tests pass alone and fail together.

## Checklist

- [ ] The lock file is committed.
- [ ] CI runs the tests on every push.
- [x] Formatting is checked in CI.
- [ ] Every public function has a docstring.
- [ ] The README says how to run the tests.

## Examples

```python
def greet(name: str) -> str:
    return f"Hello, {name}"
```
"""

LintText = Callable[..., list[Diagnostic]]
MakeLibrary = Callable[[Mapping[str, str]], Library]


def only(diagnostics: list[Diagnostic], name: str) -> list[Diagnostic]:
    """The diagnostics of one rule, by its kebab-case name."""
    return [d for d in diagnostics if d.name == name]


@pytest.fixture
def good_conventions() -> str:
    return GOOD_CONVENTIONS


@pytest.fixture
def make_library(tmp_path: Path) -> MakeLibrary:
    """`make_library({"stacks/x/conventions.md": text, ...})` -> an opened Library in tmp."""

    def make(files: Mapping[str, str]) -> Library:
        root = tmp_path / "library"
        root.mkdir(exist_ok=True)
        shutil.copyfile(TEMPLATE, root / "library.toml")
        (root / "stacks").mkdir(exist_ok=True)
        for relative, text in files.items():
            path = root / relative
            if relative.endswith("/"):
                path.mkdir(parents=True, exist_ok=True)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8", newline="\n")
        return Library.open(root)

    return make


@pytest.fixture
def lint_text(make_library: MakeLibrary) -> LintText:
    """`lint_text(text, filename="conventions.md", rule=None, others=None)` -> diagnostics.

    Lints `text` as `stacks/demo/<filename>` with check_document (the editor's path).
    `others` maps further file names of the same stack to their text, for link targets;
    `rule` keeps only that rule's diagnostics.
    """

    def lint(
        text: str,
        filename: str = "conventions.md",
        rule: str | None = None,
        others: Mapping[str, str] | None = None,
    ) -> list[Diagnostic]:
        files = {f"stacks/{STACK}/{filename}": text}
        files.update({f"stacks/{STACK}/{name}": body for name, body in (others or {}).items()})
        library = make_library(files)
        path = library.root / "stacks" / STACK / filename
        diagnostics = check_document(library, path, Document(text))
        return only(diagnostics, rule) if rule else diagnostics

    return lint


@pytest.fixture
def lint_stack(make_library: MakeLibrary) -> Callable[..., list[Diagnostic]]:
    """`lint_stack({"stacks/x/file.md": text, ...}, rule=None)` -> diagnostics of a full lint."""

    def lint(files: Mapping[str, str], rule: str | None = None) -> list[Diagnostic]:
        library = make_library(files)
        diagnostics = lint_library(library, use_cache=False).diagnostics
        return only(diagnostics, rule) if rule else diagnostics

    return lint


@pytest.fixture
def apply_fix() -> Callable[[str, Diagnostic], str]:
    """`apply_fix(text, diagnostic)` -> the text with the diagnostic's quick fix applied."""

    def apply(text: str, diagnostic: Diagnostic) -> str:
        assert diagnostic.fix is not None, f"{diagnostic.name} on line {diagnostic.line} has no fix"
        return apply_edits(text, diagnostic.fix.edits)

    return apply


def _replace_section(text: str, heading: str, body: str | None) -> str:
    """`text` with the H2 section `heading` given a new body, or dropped when body is None."""
    lines = text.split("\n")
    start = lines.index(f"## {heading}")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith("## ")), len(lines))
    if body is None:
        return "\n".join(lines[:start] + lines[end:])
    middle = [f"## {heading}", "", *body.strip("\n").split("\n"), ""]
    return "\n".join(lines[:start] + middle + lines[end:])


@pytest.fixture
def with_section() -> Callable[[str, str | None], str]:
    """`with_section(heading, body)` -> GOOD_CONVENTIONS with that section's body replaced
    (or the section removed when body is None)."""

    def make(heading: str, body: str | None) -> str:
        return _replace_section(GOOD_CONVENTIONS, heading, body)

    return make


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line of `text` that contains `needle`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in text")


@pytest.fixture
def find_line() -> Callable[[str, str], int]:
    """`find_line(text, needle)` -> 1-based line of the first line containing `needle`."""
    return line_of
