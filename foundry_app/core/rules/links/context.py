"""What the link rule sees, and how relative links resolve (once per folder and href)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from foundry_app.core.link import Link

# Anchors of a Markdown file, or None when the target does not exist (an empty
# frozenset for folders and non-Markdown files, whose anchors are not checked).
AnchorLookup = Callable[[Path], "frozenset[str] | None"]


class LinkResolver:
    """Resolves relative links once per (folder, href): libraries repeat the same links a lot."""

    def __init__(self, anchors_of: AnchorLookup) -> None:
        self.anchors_of = anchors_of
        self.memo: dict[tuple[str, str], str | None] = {}

    def problem(self, source: Path, folder: str, href: str, own: frozenset[str]) -> str | None:
        """Why the link is broken, or None when it resolves (external links always do)."""
        if href.startswith("#"):
            anchor = unquote(href[1:])
            return None if not anchor or anchor.lower() in own else _no_anchor(anchor, None)
        key = (folder, href)
        try:
            return self.memo[key]
        except KeyError:
            self.memo[key] = problem = self._resolve(source, href)
            return problem

    def _resolve(self, source: Path, href: str) -> str | None:
        if is_external(href):
            return None
        target, anchor = link_target(source, href)
        assert target is not None
        anchors = self.anchors_of(Path(os.path.normpath(target)))
        if anchors is None:
            return f"link target '{href.split('#', 1)[0]}' does not exist"
        if (
            anchor
            and target.suffix.lower() in (".md", ".markdown")
            and anchor.lower() not in anchors
        ):
            return _no_anchor(anchor, target)
        return None


def _no_anchor(anchor: str, target: Path | None) -> str:
    return f"no heading with anchor '#{anchor}' in {'this file' if target is None else target.name}"


@dataclass(frozen=True)
class LinkContext:
    path: Path
    links: tuple[Link, ...]
    own_anchors: frozenset[str]
    resolver: LinkResolver


def is_external(href: str) -> bool:
    head = href.split("#", 1)[0].split("/", 1)[0]
    return href.startswith("//") or (":" in head)


def link_target(source: Path, href: str) -> tuple[Path | None, str]:
    """(target file or None for the same file, anchor) of a relative link."""
    target, _, anchor = href.partition("#")
    target = unquote(target.split("?", 1)[0])
    if not target:
        return None, unquote(anchor)
    return (source.parent / target), unquote(anchor)
