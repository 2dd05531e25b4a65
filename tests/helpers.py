"""Small builders shared by tests: a library in a temp folder with the shipped template."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHIPPED_LIBRARY = ROOT / "ai-team-library"

# The front matter the shipped template asks of every stack file (a date in the past).
GOOD_FRONT_MATTER = "---\nlast-reviewed: 2025-06\n---\n"

GOOD_CONVENTIONS = (
    GOOD_FRONT_MATTER
    + """\
# Example

> A stack used by the tests.

## Defaults

| Concern | Default | Alternatives |
|---|---|---|
| Tracking | MLflow | Weights & Biases for hosted dashboards; Neptune |

## Do / Don't

- **Do** pin every dependency.
- **Don't** train on a laptop.

## Common Pitfalls

1. **Leaky features.** Build features as of prediction time.

## Checklist

- [ ] One
- [x] Two
- [ ] Three
- [ ] Four
- [ ] Five

## Example

```python
print("hello")
```
"""
)


def make_library(root: Path, stacks: dict[str, dict[str, str]] | None = None) -> Path:
    """A library at `root` with the shipped library.toml and the given stack files."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHIPPED_LIBRARY / "library.toml", root / "library.toml")
    if stacks is None:
        stacks = {"example": {"conventions.md": GOOD_CONVENTIONS}}
    for name, files in stacks.items():
        folder = root / "stacks" / name
        folder.mkdir(parents=True, exist_ok=True)
        for filename, text in files.items():
            (folder / filename).write_text(text, encoding="utf-8")
    return root


def lint_under_template(library, template: str, relative: str, text: str, rule: str) -> list:
    """The `rule` findings for `text` at `relative` in `library`, checked against the
    given library.toml (written to disk too, as the app would read it)."""
    from foundry_app.core.document import Document
    from foundry_app.core.lint import check_document
    from foundry_app.core.template import parse_template

    (library.root / "library.toml").write_text(template, encoding="utf-8")
    library.template = parse_template(template)
    library.rescan()
    path = library.root / relative
    return [d for d in check_document(library, path, Document(text)) if d.name == rule]
