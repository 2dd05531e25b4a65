"""WCAG contrast between two colours, from their relative luminance (no Qt needed)."""

from __future__ import annotations


def parse_hex(color: str) -> tuple[int, int, int]:
    """'#rgb' or '#rrggbb' → (r, g, b) in 0..255."""
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)
    if len(digits) != 6:
        raise ValueError(f"not a hex colour: {color!r}")
    return int(digits[0:2], 16), int(digits[2:4], 16), int(digits[4:6], 16)


def relative_luminance(rgb: tuple[int, int, int]) -> float:
    def linear(channel: int) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: tuple[int, int, int] | str, second: tuple[int, int, int] | str) -> float:
    """1.0 (same) to 21.0 (black on white); body text needs at least 4.5."""
    a = relative_luminance(parse_hex(first) if isinstance(first, str) else first)
    b = relative_luminance(parse_hex(second) if isinstance(second, str) else second)
    return (max(a, b) + 0.05) / (min(a, b) + 0.05)
