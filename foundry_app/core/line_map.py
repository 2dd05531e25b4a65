"""Where a line of an older text is in the current one, so a click or a diagnostic made
against what the author saw acts on the same line after they typed more.

Anything shown on screen (the preview, the problems, the checklist) was computed from
some text; by the time the author acts on it the buffer may have moved on. A line outside
the edited region keeps its content and shifts by the lines added or removed above it; a
line inside the edited region has no safe counterpart, and the caller drops the action.
"""

from __future__ import annotations

from foundry_app.core.document import Document, TaskItem


def map_line(old_text: str, new_text: str, line: int) -> int | None:
    """1-based `line` of `old_text` in `new_text`, or None when that line was edited."""
    if old_text == new_text:
        return line
    old, new = old_text.split("\n"), new_text.split("\n")
    if not 1 <= line <= len(old):
        return None
    limit = min(len(old), len(new))
    head = 0
    while head < limit and old[head] == new[head]:
        head += 1
    tail = 0
    while tail < limit - head and old[-1 - tail] == new[-1 - tail]:
        tail += 1
    if line <= head:
        return line
    if line > len(old) - tail:
        return line + len(new) - len(old)
    return None


def task_on_line(text: str, line: int) -> TaskItem | None:
    return next((task for task in Document(text).tasks if task.line == line), None)


def locate_task(seen_text: str, line: int, current_text: str) -> int | None:
    """The line in `current_text` of the task the author saw on `line` of `seen_text`:
    the same item (same text, same state), or None if it is gone or was edited."""
    seen = task_on_line(seen_text, line)
    if seen is None:
        return None
    mapped = map_line(seen_text, current_text, line)
    if mapped is None:
        return None
    now = task_on_line(current_text, mapped)
    if now is None or (now.text, now.checked) != (seen.text, seen.checked):
        return None
    return mapped
