"""The library as the tree the window shows, decided without Qt.

Kinds come first (their items inside, each item with its files and sub-folders), then
every other folder as a folder, then the files at the top of the library. Folders come
before files at every level. Counts (errors, warnings, checklist progress) are rolled
up from files to every folder, item and kind above them.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

KIND, ITEM, FOLDER, FILE = "kind", "item", "folder", "file"
RESET_PIECE = 2000  # paths or nodes per piece of RolledUp.reset_in_pieces


@dataclass(eq=False)
class TreeNode:
    role: str  # KIND, ITEM, FOLDER or FILE
    label: str
    path: Path  # a kind's node carries the first of its folders
    key: str = ""  # the kind's key, for kind nodes and item nodes
    folders: tuple[Path, ...] = ()  # a kind's folders (stacks/ and expertise/ may both be)
    # a leaf shares the one empty tuple: a list per file was 10,000 more objects for every
    # full garbage collection of a 10,000-file window to walk
    children: list[TreeNode] | tuple[()] = field(default=(), repr=False)
    parent: TreeNode | None = field(default=None, repr=False)

    def add(self, child: TreeNode) -> TreeNode:
        child.parent = self
        if not self.children:
            self.children = []
        self.children.append(child)
        return child

    def walk(self) -> Iterable[TreeNode]:
        yield self
        for child in self.children:
            yield from child.walk()


def listed_files(library) -> list[Path]:
    """Every file the tree lists: Markdown files, then the other text files if the library
    keeps them."""
    return [*library.markdown_files(), *getattr(library, "text_files", ())]


def build_tree(library, extra_folders: Iterable[Path] = ()) -> list[TreeNode]:
    """The top-level nodes for `library` (anything with root, template.kinds, items and
    markdown_files(); text_files, when present, are listed too). `extra_folders` are
    shown even when empty (a folder the author just made)."""
    root = Path(library.root)
    tops: list[TreeNode] = []
    item_nodes: dict[Path, TreeNode] = {}
    kind_nodes: dict[Path, TreeNode] = {}  # a kind's folder (stacks/, personas/) → its node
    for kind in library.template.kinds:
        items = sorted(
            (item for item in library.items if item.kind.key == kind.key),
            key=lambda item: (item.name.lower(), str(item.path)),
        )
        if not items:
            continue
        folders = kind_folders(root, kind, items)
        node = TreeNode(KIND, f"{kind.title} ({len(items)})", folders[0], kind.key, folders)
        for folder in folders:
            kind_nodes.setdefault(folder, node)
        for item in items:
            item_nodes[Path(item.path)] = node.add(
                TreeNode(ITEM, item.name, Path(item.path), kind.key)
            )
        tops.append(node)
    # paths as strings from here on: pathlib's parents and hashing cost seconds on 10,000 files
    owners = {os.fspath(folder): node for folder, node in kind_nodes.items()}
    owners.update((os.fspath(folder), node) for folder, node in item_nodes.items())
    placed: dict[tuple[TreeNode, str], list[Path]] = {}
    rest: list[Path] = []
    for path in listed_files(library):
        path = path if isinstance(path, Path) else Path(path)
        owner, base = _first_owner(os.fspath(path), owners)
        if owner is None:
            rest.append(path)
        else:
            placed.setdefault((owner, base), []).append(path)
    for folder in extra_folders:  # a marker makes the folder's node without any file in it
        owner, base = _first_owner(os.fspath(Path(folder) / "_"), owners)
        (rest if owner is None else placed.setdefault((owner, base), [])).append(
            _FolderMarker(Path(folder))
        )
    for (owner, base), paths in placed.items():
        _place_files(owner, base, paths)
    holder = TreeNode(FOLDER, root.name, root)
    _place_files(holder, root, rest)
    for child in holder.children:
        child.parent = None
    return [*tops, *holder.children]


def kind_folders(root: Path, kind, items) -> tuple[Path, ...]:
    """The top folders a kind's items live in (stacks/ or expertise/; personas/ for items
    at personas/<group>/<name>): the first part of each item's path below the root."""
    found: list[Path] = []
    for item in items:
        try:
            first = Path(item.path).relative_to(root).parts[0]
        except (ValueError, IndexError):
            continue
        if root / first not in found:
            found.append(root / first)
    declared = getattr(kind, "folder", None)
    if not found and isinstance(declared, str) and declared:
        found.append(root / declared)
    return tuple(found) or (root,)


def _first_owner(path: str, owners: dict[str, TreeNode]) -> tuple[TreeNode | None, str]:
    """The innermost item (or else kind) folder above `path`, and that folder."""
    folder = os.path.dirname(path)
    while True:
        node = owners.get(folder)
        if node is not None:
            return node, folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None, ""
        folder = parent


def _place_files(node: TreeNode, base: Path | str, files: Iterable[Path]) -> None:
    """Hang `files` under `node` by their folders below `base`: folders first, then files."""
    base = os.fspath(base)
    folders: dict[str, TreeNode] = {base: node}

    def folder_node(folder: str) -> TreeNode:
        existing = folders.get(folder)
        if existing is not None:
            return existing
        created = folder_node(os.path.dirname(folder)).add(
            TreeNode(FOLDER, os.path.basename(folder), Path(folder))
        )
        folders[folder] = created
        return created

    prefix = os.path.join(base, "")
    for path in files:
        if isinstance(path, _FolderMarker):
            if os.fspath(path.folder).startswith(prefix):
                folder_node(os.fspath(path.folder))
            continue
        text = os.fspath(path)
        if not text.startswith(prefix):
            continue  # never a long path under the root: a stray file is left out
        folder_node(os.path.dirname(text)).add(TreeNode(FILE, os.path.basename(text), path))
    for folder in folders.values():
        _sort_children(folder)


@dataclass(frozen=True)
class _FolderMarker:
    folder: Path


def _sort_children(node: TreeNode) -> None:
    kinds = [c for c in node.children if c.role in (KIND, ITEM)]
    folders = sorted((c for c in node.children if c.role == FOLDER), key=_name_key)
    files = sorted((c for c in node.children if c.role == FILE), key=_name_key)
    if node.children:
        node.children[:] = kinds + folders + files


def _name_key(node: TreeNode) -> tuple[str, str]:
    return node.label.lower(), node.label


# --- rolled-up counts -------------------------------------------------------------------------


class Tally(NamedTuple):
    """What is known about a file or everything under a folder (a tuple of ints, which the
    cycle collector stops tracking: a 10,000-file library keeps 20,000 of them)."""

    errors: int = 0
    warnings: int = 0
    done: int = 0  # checklist items ticked
    total: int = 0  # checklist items

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.errors + other.errors,
            self.warnings + other.warnings,
            self.done + other.done,
            self.total + other.total,
        )

    def __sub__(self, other: Tally) -> Tally:
        return Tally(
            self.errors - other.errors,
            self.warnings - other.warnings,
            self.done - other.done,
            self.total - other.total,
        )

    def badge(self) -> str:
        """E.g. "2 ✖ 1 ⚠ · 7/12"; empty when there is nothing to say."""
        parts = []
        if self.errors:
            parts.append(f"{self.errors} ✖")
        if self.warnings:
            parts.append(f"{self.warnings} ⚠")
        text = " ".join(parts)
        if self.total:
            progress = f"{self.done}/{self.total}"
            text = f"{text} · {progress}" if text else progress
        return text


NOTHING = Tally()


class RolledUp:
    """Per-node totals over a tree; a change to one path updates only its ancestors.

    A path that is not a node (a missing required file, an item folder's own finding)
    counts towards the nearest node above it; a path outside the tree counts nowhere.
    """

    def __init__(self, tops: list[TreeNode]) -> None:
        self._node_at: dict[str, TreeNode] = {}  # str keys: pathlib is slow at this volume
        for top in tops:
            for node in top.walk():
                if node.role != KIND:
                    self._node_at[os.fspath(node.path)] = node
        for top in tops:  # a finding on a kind's folder itself belongs to the kind
            for folder in top.folders:
                self._node_at.setdefault(os.fspath(folder), top)
        self._tops = tops
        self._own: dict[str, Tally] = {}
        self._totals: dict[int, Tally] = {}
        self._set_meanwhile: dict[str, Tally] | None = None  # set() during reset_in_pieces

    def set(self, path: Path, tally: Tally) -> list[TreeNode]:
        """Record `path`'s own tally; the nodes whose total changed, innermost first."""
        path = os.fspath(path)
        if self._set_meanwhile is not None:
            self._set_meanwhile[path] = tally
        old = self._own.get(path, NOTHING)
        if tally == old:
            return []
        if tally == NOTHING:
            self._own.pop(path, None)
        else:
            self._own[path] = tally
        node = self._nearest(path)
        delta = tally - old
        changed = []
        while node is not None:
            self._totals[id(node)] = self._totals.get(id(node), NOTHING) + delta
            changed.append(node)
            node = node.parent
        return changed

    def reset(self, tallies: dict[Path, Tally] | dict[str, Tally]) -> None:
        """Replace everything at once (after a library lint): one pass over the paths and
        one over the nodes, instead of a walk up the tree for every path."""
        for _piece in self.reset_in_pieces(tallies):
            pass

    def reset_in_pieces(
        self, tallies: dict[Path, Tally] | dict[str, Tally], piece: int = RESET_PIECE
    ) -> Iterator[None]:
        """`reset` as pieces of about `piece` paths or nodes each, for a caller that gives
        other work its turn between them. The new totals are built aside and take over in
        the last piece; a `set` meanwhile counts in the old totals and is done again on the
        new ones then, so the newer tally of that path wins."""
        items = list(tallies.items())  # the caller's dict may change between pieces
        meanwhile: dict[str, Tally] = {}
        self._set_meanwhile = meanwhile
        try:
            yield from self._rebuild(items, meanwhile, piece)
        finally:  # done, or dropped halfway (then the old totals simply stay)
            if self._set_meanwhile is meanwhile:
                self._set_meanwhile = None

    def _rebuild(self, items: list, meanwhile: dict[str, Tally], piece: int) -> Iterator[None]:
        own: dict[str, Tally] = {}
        direct: dict[int, list[int]] = {}
        for start in range(0, len(items), piece):
            for path, tally in items[start : start + piece]:
                if tally == NOTHING:
                    continue
                path = os.fspath(path)
                own[path] = tally
                node = self._nearest(path)
                if node is None:
                    continue
                counts = direct.get(id(node))
                if counts is None:
                    direct[id(node)] = [tally.errors, tally.warnings, tally.done, tally.total]
                else:
                    counts[0] += tally.errors
                    counts[1] += tally.warnings
                    counts[2] += tally.done
                    counts[3] += tally.total
            yield
        # children after their parents, so walking it backwards sums each node's children
        # before the node itself
        order = [node for top in self._tops for node in top.walk()]
        sums: dict[int, list[int]] = {}
        totals: dict[int, Tally] = {}
        for end in range(len(order), 0, -piece):
            for node in reversed(order[max(0, end - piece) : end]):
                counts = sums.pop(id(node), None)
                mine = direct.get(id(node))
                if mine is not None:
                    counts = (
                        mine
                        if counts is None
                        else [a + b for a, b in zip(counts, mine, strict=True)]
                    )
                if counts is None:
                    continue
                total = Tally(*counts)
                if total != NOTHING:
                    totals[id(node)] = total
                if node.parent is not None:
                    above = sums.get(id(node.parent))
                    if above is None:
                        sums[id(node.parent)] = list(counts)
                    else:
                        for index in range(4):
                            above[index] += counts[index]
            yield
        self._set_meanwhile = None
        self._own, self._totals = own, totals
        for path, tally in meanwhile.items():
            self.set(path, tally)

    def total(self, node: TreeNode) -> Tally:
        return self._totals.get(id(node), NOTHING)

    def node_at(self, path: Path) -> TreeNode | None:
        return self._node_at.get(os.fspath(path))

    def _nearest(self, path: str) -> TreeNode | None:
        while True:
            node = self._node_at.get(path)
            if node is not None:
                return node
            parent = os.path.dirname(path)
            if parent == path:
                return None
            path = parent
