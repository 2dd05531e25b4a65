"""The front-matter-keys rule: the front matter holds the keys the template asks for."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator

from foundry_app.core.front_matter import brief_value
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
        line = front.line_of(spec.key)
        source = doc.line_text(line)
        written = _written_value(source, spec.key)
        problem = value_problem(spec, front.data[spec.key], ctx.spec.item, written=written)
        if problem:
            yield _value_span(line, source, spec.key, problem)


def value_problem(
    spec: FrontMatterKey,
    value: object,
    item: str,
    today: datetime.date | None = None,
    *,
    written: str | None = None,
) -> str:
    """Why `value` does not do for `spec`, or '' when it does. `written` is the value as
    the file writes it on the key's line: `007` and `no` are names there, though YAML
    reads them as 7 and False."""
    shown = "nothing" if value is None else f"'{brief_value(value)}'"
    text = _as_text(value, written)
    if spec.value == "item-name" and item and text != item:
        return f"'{spec.key}' is {shown}; it must be the folder name '{item}'"
    if spec.value == "text" and (not isinstance(value, str) or not value.strip()):
        return f"'{spec.key}' must be text, not {shown}"
    if spec.value == "boolean" and not isinstance(value, bool):
        return f"'{spec.key}' must be true or false, not {shown}"
    if spec.value == "date":
        problem = _date_problem(value, today or datetime.date.today())
        if problem:
            return f"'{spec.key}' is {shown}: {problem}"
    if spec.one_of and text not in spec.one_of:
        return f"'{spec.key}' is {shown}; it must be one of: {', '.join(spec.one_of)}"
    return ""


def _as_text(value: object, written: str | None) -> str | None:
    """A text value as it is; a number or a boolean as written; nothing else is text."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool | int | float) and written is not None:
        return written
    return None


def _written_value(source: str, key: str) -> str | None:
    """What follows `key:` on a front matter line, comment and quotes aside; None when the
    value is not written on that line."""
    found = re.match(rf"\s*(?:-\s+)?{re.escape(key)}\s*:\s*(.*?)\s*(?:\s#.*)?$", source)
    if found is None or not found[1]:
        return None
    value = found[1]
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return value


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
    found = re.search(rf"(?<![\w.-]){re.escape(key)}\s*:", source)  # not inside a longer key
    if found is None:
        return line_span(line, source, message)
    at = found.start()
    start = found.end()
    start += len(source[start:]) - len(source[start:].lstrip())
    end = len(source.rstrip())
    if source.lstrip().startswith("{"):  # a flow mapping: the value ends at `,` or `}`
        stop = re.search(r"[,}]", source[start:])
        end = start + stop.start() if stop else end
    if end <= start:
        start, end = at, at + len(key)
    return Finding(line, start + 1, line, end + 1, message)
