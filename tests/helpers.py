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
