"""The front-matter-keys rule: the front matter holds the keys the template asks for."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from foundry_app.core.rules.registry import FileContext, Finding, line_span, rule
from foundry_app.core.template import FrontMatterKey

_DATE = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


@rule("FT108", "front-matter-keys")
def check_front_matter_keys(ctx: FileContext) -> Iterator[Finding]:
    """The front matter holds every key the template requires, each with a valid value.

    A key can be required to equal the item's folder name (`item-name`), to be a date
    (`YYYY-MM` or `YYYY-MM-DD`, a real date and not in the future), true or false, text,
    or one of a list of values. The finding is on the key's line.

    Bad:

        ---
        id: pyhton
        last-reviewed: 2024-13
        ---

    Good:

        ---
        id: python
        last-reviewed: 2024-11
        ---
    """
    keys = ctx.spec.front_matter
    if not keys:
        return
    doc = ctx.doc
    front = doc.front_matter
    required = [k.key for k in keys if k.required]
    if front is None:
        if required:
            message = (
                f"the file needs front matter (`---` lines at the top) with: {', '.join(required)}"
            )
            yield line_span(1, doc.line_text(1), message)
        return
    if front.error is not None:
        return  # front-matter-yaml reports it; no key can be trusted
    for spec in keys:
        if spec.key not in front.data:
            if spec.required:
                yield line_span(
                    front.line, doc.line_text(front.line), f"front matter has no '{spec.key}'"
                )
            continue
        problem = value_problem(spec, front.data[spec.key], ctx.spec.item)
        if problem:
            line = front.line_of(spec.key)
            yield _value_span(line, doc.line_text(line), spec.key, problem)


def value_problem(
    spec: FrontMatterKey, value: object, item: str, today: datetime.date | None = None
) -> str:
    """Why `value` does not do for `spec`, or '' when it does."""
    shown = "nothing" if value is None else f"'{value}'"
    if spec.value == "item-name" and item and str(value) != item:
        return f"'{spec.key}' is {shown}; it must be the folder name '{item}'"
    if spec.value == "text" and (not isinstance(value, str) or not value.strip()):
        return f"'{spec.key}' must be text, not {shown}"
    if spec.value == "boolean" and not isinstance(value, bool):
        return f"'{spec.key}' must be true or false, not {shown}"
    if spec.value == "date":
        problem = _date_problem(value, today or datetime.date.today())
        if problem:
            return f"'{spec.key}' is {shown}: {problem}"
    if spec.one_of and str(value) not in spec.one_of:
        return f"'{spec.key}' is {shown}; it must be one of: {', '.join(spec.one_of)}"
    return ""


def _date_problem(value: object, today: datetime.date) -> str:
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, datetime.date):
        return "the date is in the future" if value > today else ""
    match = _DATE.match(str(value)) if isinstance(value, str) else None
    if match is None:
        return "write the date as YYYY-MM or YYYY-MM-DD"
    year, month, day = int(match[1]), int(match[2]), int(match[3] or 1)
    try:
        date = datetime.date(year, month, day)
    except ValueError:
        return "not a real date"
    if (date.year, date.month) > (today.year, today.month) or (match[3] and date > today):
        return "the date is in the future"
    return ""


def _value_span(line: int, source: str, key: str, message: str) -> Finding:
    """The value after `key:` on its line, or the whole line when it is not there."""
    at = source.find(f"{key}:")
    if at < 0:
        return line_span(line, source, message)
    start = at + len(key) + 1
    start += len(source[start:]) - len(source[start:].lstrip())
    end = len(source.rstrip())
    if end <= start:
        start, end = at, at + len(key)
    return Finding(line, start + 1, line, end + 1, message)
