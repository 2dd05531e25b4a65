"""Files and folders of a library: names that are safe, new files and folders, duplicates,
permanent deletes, and renames that take the library's links along.

Every write goes through core.storage; nothing here ever writes outside the library.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, unquote

from foundry_app.core import storage
from foundry_app.core.document import Document
from foundry_app.core.library import MARKDOWN_SUFFIXES
from foundry_app.core.scaffold import section_text
from foundry_app.core.wording import is_utf8

MAX_NAME_BYTES = 255  # the limit of ext4, APFS and NTFS alike
# names Windows keeps for devices, with or without an extension
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\..*)?$", re.IGNORECASE)
_FORBIDDEN = set('/\\:*?"<>|')


class FileOpError(ValueError):
    """The operation cannot be done; the message says why in the author's terms."""


# --- names ----------------------------------------------------------------------------------


def check_name(name: str, *, markdown: bool = True) -> str:
    """A usable file or folder name from the author's answer; `.md` is added to a file
    name without an extension. Raises FileOpError with the reason otherwise."""
    name = name.strip()
    if not name:
        raise FileOpError("The name is empty.")
    # not printable: control characters, line and paragraph separators (U+2028, U+0085),
    # and invisible formatting such as a right-to-left override that disguises a name
    if not name.isprintable():
        raise FileOpError(
            "A name cannot hold a line break, a tab or another invisible control character."
        )
    if name in (".", ".."):
        raise FileOpError(f"'{name}' is not a name: it means a folder, not a new entry.")
    bad = sorted(_FORBIDDEN.intersection(name))
    if bad:
        shown = " ".join(bad)
        raise FileOpError(
            f"A name cannot contain {shown} (it would point into another folder "
            "or break on some systems)."
        )
    if name.startswith("."):
        raise FileOpError("A name starting with '.' is hidden, so the library would not show it.")
    if name.endswith("."):
        raise FileOpError("A name cannot end with '.' (Windows drops it).")
    if markdown and not Path(name).suffix:
        name += ".md"
    if _RESERVED.match(name):
        raise FileOpError(f"'{name}' is a device name on Windows; choose another name.")
    size = len(name.encode("utf-8"))
    if size > MAX_NAME_BYTES:
        # file systems count bytes; for a plain ASCII name that is its characters
        unit, count = ("characters", len(name)) if name.isascii() else ("bytes of UTF-8", size)
        raise FileOpError(f"The name is too long: at most {MAX_NAME_BYTES} {unit} ({count} typed).")
    return name


def inside(library, path: Path) -> Path:
    """`path` made absolute, refused unless it is strictly inside the library."""
    root = Path(library.root).resolve()
    resolved = Path(os.path.abspath(path))
    try:
        real = resolved.parent.resolve() / resolved.name
        real.relative_to(root)
    except (ValueError, OSError):
        raise FileOpError(f"{path} is not inside the library {root}") from None
    if real == root:
        raise FileOpError("The library's own folder cannot be changed from inside it.")
    return resolved


def _free(path: Path) -> Path:
    if path.exists() or path.is_symlink():
        raise FileOpError(f"'{path.name}' already exists in {path.parent.name}/.")
    return path


# --- new files and folders --------------------------------------------------------------------


def starter_text(library, path: Path) -> str:
    """A new file's text: an H1 from its name and the first section the template asks of
    it (or of its item's entry file), so the author starts on the right shape."""
    title = " ".join(w.capitalize() for w in re.split(r"[-_ ]+", Path(path).stem) if w)
    parts = [f"# {title or 'Untitled'}\n"]
    spec = library.file_spec(path)
    sections = spec.sections
    item = library.item_for(path)
    if not sections and item is not None and item.kind.required_files:
        sections = item.kind.file_spec(item.kind.required_files[0]).sections
    if sections:
        parts.append(section_text(sections[0]))
    return "\n".join(parts)


def create_file(library, folder: Path, name: str) -> Path:
    """A new file in `folder`: Markdown starts from the template, other text is empty."""
    path = _free(inside(library, Path(folder) / check_name(name)))
    text = starter_text(library, path) if path.suffix.lower() in MARKDOWN_SUFFIXES else ""
    try:
        storage.write_new_file(path, text)
    except FileExistsError:
        raise FileOpError(f"'{path.name}' already exists in {path.parent.name}/.") from None
    return path


def create_folder(library, folder: Path, name: str) -> Path:
    path = _free(inside(library, Path(folder) / check_name(name, markdown=False)))
    path.mkdir()
    return path


def suggest_copy_name(path: Path) -> str:
    """'notes.md' → 'notes-copy.md', then 'notes-copy-2.md', … whichever is free."""
    stem, suffix = (path.stem, path.suffix) if path.is_file() else (path.name, "")
    candidate, number = f"{stem}-copy{suffix}", 2
    while (path.parent / candidate).exists():
        candidate, number = f"{stem}-copy-{number}{suffix}", number + 1
    return candidate


def duplicate(library, path: Path, name: str) -> Path:
    """Copy a file or a folder beside itself under `name`; the copy appears whole or not."""
    source = inside(library, path)
    if not source.exists():
        raise FileOpError(f"{source.name} no longer exists.")
    target = _free(inside(library, source.parent / check_name(name, markdown=source.is_file())))
    if source.is_file():
        try:
            storage.write_new_bytes(target, source.read_bytes())
        except FileExistsError:
            raise FileOpError(f"'{target.name}' already exists.") from None
        return target
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=source.parent))
    try:
        # symlinks stay links: a copy must not pull in what a link points at (or loop)
        shutil.copytree(source, staging / "copy", symlinks=True)
        _free(target)
        os.rename(staging / "copy", target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def delete_permanently(library, path: Path) -> None:
    """For when there is no trash: remove a file, or a folder with all it holds."""
    target = inside(library, path)
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    else:
        target.unlink()


def describe(path: Path) -> str:
    """What an operation on `path` touches, for its confirmation: "notes.md" or
    "the folder commands/ and the 12 files in it"."""
    if not path.is_dir() or path.is_symlink():
        return path.name
    count = sum(len(files) for _root, _dirs, files in os.walk(path))
    noun = "file" if count == 1 else "files"
    return (
        f"the folder {path.name}/ and the {count} {noun} in it"
        if count
        else (f"the empty folder {path.name}/")
    )


# --- renames that take links along ----------------------------------------------------------


@dataclass(frozen=True)
class LinkEdit:
    """One relative link to rewrite: in `path` (where it is before the rename), on a line."""

    path: Path
    line: int
    column: int  # 1-based, where the link target starts
    old: str
    new: str


@dataclass
class RenamePlan:
    old: Path
    new: Path
    edits: list[LinkEdit] = field(default_factory=list)

    def files(self) -> list[Path]:
        """The files whose links change, in the order found."""
        return list(dict.fromkeys(edit.path for edit in self.edits))

    def moved(self, path: Path) -> Path:
        """Where `path` is once the rename is done."""
        path = Path(path)
        if path == self.old:
            return self.new
        if self.old in path.parents:
            return self.new / path.relative_to(self.old)
        return path


@dataclass
class RenameDone:
    """What a rename did, enough to take it back."""

    plan: RenamePlan
    before: dict[Path, str]  # edited file (new location) → its text before
    after: dict[Path, storage.TextFile]  # edited file → what was written


def plan_rename(library, path: Path, name: str) -> RenamePlan:
    """Check the new name and find every relative link in the library that points at
    `path` (or into it, for a folder) and must change."""
    old = inside(library, path)
    if not old.exists():
        raise FileOpError(f"{old.name} no longer exists.")
    new_name = check_name(name, markdown=old.is_file())
    new = old.parent / new_name
    if new_name == old.name:
        raise FileOpError("The new name is the same as the old one.")
    if not _same_entry(new, old):  # a case-only rename on a case-blind disk is the same one
        _free(new)
    inside(library, new)
    plan = RenamePlan(old, new)
    for source in library.markdown_files():
        plan.edits.extend(_link_edits(Path(source), plan))
    return plan


def _link_edits(source: Path, plan: RenamePlan) -> list[LinkEdit]:
    try:
        raw = source.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    return _link_edits_in(source, raw.replace("\r\n", "\n").replace("\r", "\n"), plan)


def _link_edits_in(source: Path, text: str, plan: RenamePlan) -> list[LinkEdit]:
    """The edits to the links in `source`, whose text ('\\n' newlines) is `text`."""
    # a name with a byte that is not UTF-8 can only be linked percent-encoded (%FF)
    if plan.old.name not in text and quote(plan.old.name, errors="surrogateescape") not in text:
        return []  # cheap: no link can name it
    from foundry_app.core.rules.links.context import is_external  # not at start-up

    doc = Document(text)
    source_after = plan.moved(source)
    edits = []
    for line, column, href in _written_links(doc):
        if is_external(href) or href.startswith("#"):
            continue
        target, mark, rest = _split_href(href)
        if not target:
            continue
        resolved = Path(os.path.normpath(source.parent / unquote(target, errors="surrogateescape")))
        if resolved != plan.old and plan.old not in resolved.parents:
            continue
        if source != plan.old and plan.old in source.parents and plan.old in resolved.parents:
            continue  # both ends move together: the relative link still holds
        moved = plan.moved(resolved)
        new_target = os.path.relpath(moved, source_after.parent).replace(os.sep, "/")
        if target.startswith("./") and not new_target.startswith("."):
            new_target = "./" + new_target
        if target.endswith("/") and not new_target.endswith("/"):
            new_target += "/"
        new_target = _quote_like(target, new_target)
        if new_target != target:
            edits.append(LinkEdit(source, line, column, href, new_target + mark + rest))
    return edits


# `[label]: target` at the start of a line (up to three spaces in), target bare or in <…>
_REFERENCE = re.compile(r"^ {0,3}\[(?:[^\]\\]|\\.)+\]:[ \t]*(?:<([^>\n]*)>|(\S+))")


def _written_links(doc: Document) -> list[tuple[int, int, str]]:
    """(line, 1-based column, target) of every link target written plainly in the text:
    inline links and images from the parse, and reference definitions outside code."""
    found = []
    for link in doc.links:
        text = doc.line_text(link.line)
        written = text[link.column - 1 : link.end_column - 1]
        # an inline link's target follows "](": a reference link's label is not its target
        if written == link.href and link.column >= 2 and text[link.column - 2] == "(":
            found.append((link.line, link.column, link.href))
    in_code = {n for fence in doc.fences for n in range(fence.line, fence.end_line + 1)}
    for number, text in enumerate(doc.lines, start=1):
        match = _REFERENCE.match(text)
        if match and number not in in_code:
            group = 1 if match.group(1) is not None else 2
            found.append((number, match.start(group) + 1, match.group(group)))
    return found


def _split_href(href: str) -> tuple[str, str, str]:
    for mark in ("#", "?"):
        if mark in href:
            target, _, rest = href.partition(mark)
            return target, mark, rest
    return href, "", ""


def _quote_like(original: str, target: str) -> str:
    """Keep percent-encoding when the author wrote it that way (spaces as %20)."""
    if "%" in original or not is_utf8(target):  # a byte that is not UTF-8 can only be %XX
        return quote(target, safe="/.-_~", errors="surrogateescape")
    return target


def apply_rename(plan: RenamePlan) -> RenameDone:
    """Rename, then rewrite the links; each file is written atomically by core.storage."""
    files = {}
    for path in plan.files():
        try:
            files[path] = storage.read_text_file(path)
        except (OSError, storage.NotUtf8Error) as error:
            raise FileOpError(f"Cannot update the links in {path.name}: {error}") from error
    if (plan.new.exists() or plan.new.is_symlink()) and not _same_entry(plan.new, plan.old):
        raise FileOpError(f"'{plan.new.name}' already exists.")
    os.rename(plan.old, plan.new)
    done = RenameDone(plan, {}, {})
    try:
        for path, file in files.items():
            moved = plan.moved(path)
            file = storage.moved_file(file, moved)
            # the edits worked out again from the text as it is now: a save since the plan
            # (the author's, at the unsaved-changes question) may have moved the links
            text = _edited(file.text, _link_edits_in(path, file.text, plan))
            done.before[moved] = file.text
            done.after[moved] = storage.write_text_file(file, text)
    except (OSError, storage.FileConflictError) as error:
        # half a rename is worse than none: put back what was done, then say why
        for moved, written in done.after.items():
            with contextlib.suppress(OSError, storage.FileConflictError):
                storage.write_text_file(written, done.before[moved])
        with contextlib.suppress(OSError):
            os.rename(plan.new, plan.old)
        raise FileOpError(f"Nothing was renamed: a link could not be updated ({error})") from error
    return done


def undo_rename(done: RenameDone) -> None:
    """Put the links back, then the name; refused if a file changed since."""
    plan = done.plan
    for path, file in done.after.items():
        if storage.changed_on_disk(file):
            raise FileOpError(f"{path.name} changed since the rename; undo it by hand.")
    if not plan.new.exists():
        raise FileOpError(f"{plan.new.name} is gone; nothing to undo.")
    if (plan.old.exists() or plan.old.is_symlink()) and not _same_entry(plan.old, plan.new):
        raise FileOpError(f"'{plan.old.name}' exists again; nothing was changed.")
    for path, file in done.after.items():
        storage.write_text_file(file, done.before[path])
    os.rename(plan.new, plan.old)


def _same_entry(a: Path, b: Path) -> bool:
    """Both names lead to one directory entry (case-insensitive file systems)."""
    try:
        return os.path.samefile(a, b) and a.name.lower() == b.name.lower()
    except OSError:
        return False


def _edited(text: str, edits: list[LinkEdit]) -> str:
    lines = text.split("\n")
    # right to left on each line, so earlier columns stay valid
    for edit in sorted(edits, key=lambda e: (e.line, e.column), reverse=True):
        line = lines[edit.line - 1]
        start = edit.column - 1
        if line[start : start + len(edit.old)] == edit.old:
            lines[edit.line - 1] = line[:start] + edit.new + line[start + len(edit.old) :]
    return "\n".join(lines)
