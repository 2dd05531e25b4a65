"""How things are worded for a reader: counts in words ("1 error", "2 errors", never
"1 error(s)"), and names as a Qt string can hold them."""

from __future__ import annotations

_SURROGATES = range(0xD800, 0xE000)
_ESCAPED_BYTES = range(0xDC80, 0xDD00)  # where Python keeps the bytes of a name that are not UTF-8


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and `noun`, in the plural unless the count is exactly one."""
    return f"{count} {noun if count == 1 else plural or noun + 's'}"


def readable(text: str) -> str:
    """`text` with each byte of a file name that is not UTF-8 written as `\\xff`: Python
    keeps such a byte as a lone surrogate, which a Qt string silently drops."""
    if is_utf8(text):
        return text
    return "".join(_readable_char(char) for char in text)


def is_utf8(text: str) -> bool:
    """True unless `text` holds a lone surrogate (a byte of a name that is not UTF-8)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _readable_char(char: str) -> str:
    code = ord(char)
    if code not in _SURROGATES:
        return char
    return f"\\x{code - 0xDC00:02x}" if code in _ESCAPED_BYTES else f"\\u{code:04x}"
