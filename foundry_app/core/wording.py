"""Counts in words: "1 error", "2 errors" — never "1 error(s)"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, in the plural unless the count is exactly one."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"
