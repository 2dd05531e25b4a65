"""Run the rules: over one in-memory document (the editor) or over a whole library (CLI, tree)."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from stat import S_ISREG
from typing import TYPE_CHECKING

from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.facts import FileFacts, analyze
from foundry_app.core.library import TEXT_SUFFIXES, Item, Library
from foundry_app.core.lint_cache import LintCache
from foundry_app.core.rule_config import RuleConfig, relative_path
from foundry_app.core.rules.item.context import ItemContext
from foundry_app.core.rules.links.context import LinkContext, LinkResolver
from foundry_app.core.rules.registry import rule_by_name, rules_of
from foundry_app.core.storage import NotUtf8Error, read_text, unreadable_reason
from foundry_app.core.suppressions import Suppression, apply_suppressions
from foundry_app.core.template import FileSpec

if TYPE_CHECKING:
    from foundry_app.core.checklist import Progress
    from foundry_app.core.document import Document
    from foundry_app.core.rules.data.context import DataContext

# The parser, the checklist, the process pool and the contexts of the data and
# suppression rules (importing one imports its whole rule family) are imported where
# they are first used: a lint whose files all come from the cache needs none of them.

ProgressCallback = Callable[[int, int], None]
_PARALLEL_MIN_FILES = 16
_PARALLEL_MIN_BYTES = 200_000  # below this a second process costs more than it saves
# A parse allocates tens of thousands of tokens that all live until the file is analysed;
# the default threshold (700) runs the cycle collector over them again and again.
_GC_FIRST_GENERATION = 50_000


@dataclass
class LintReport:
    library: Library
    facts: dict[Path, FileFacts] = field(default_factory=dict)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unreadable: list[tuple[Path, str]] = field(default_factory=list)
    parsed: int = 0  # files parsed in this run; the rest came from the cache

    def for_path(self, path: Path) -> list[Diagnostic]:
        path = Path(path)
        return [d for d in self.diagnostics if d.path == path]

    def progress_for(self, path: Path) -> Progress:
        from foundry_app.core.checklist import Progress

        facts = self.facts.get(Path(path))
        return Progress(facts.tasks_done, facts.tasks_total) if facts else Progress(0, 0)

    def progress_for_item(self, item: Item) -> Progress:
        from foundry_app.core.checklist import Progress

        done = total = 0
        for path in item.files:
            progress = self.progress_for(path)
            done, total = done + progress.done, total + progress.total
        return Progress(done, total)

    def count(self, severity: Severity) -> int:
        return sum(1 for d in self.diagnostics if d.severity == severity)


def check_document(library: Library | None, path: Path, doc: Document) -> list[Diagnostic]:
    """Every file-level diagnostic of one document, links checked against the files on disk."""
    path = Path(path)
    spec = library.file_spec(path) if library else FileSpec()
    facts = analyze(path, doc, spec)
    resolver = LinkResolver(_AnchorLookup({path: facts}))
    found = facts.diagnostics + _link_diagnostics(path, facts, resolver)
    return sorted(_finished(library, path, found, facts.suppressions), key=Diagnostic.sort_key)


def _finished(
    library: Library | None,
    path: Path,
    found: list[Diagnostic],
    suppressions: tuple[Suppression, ...] = (),
) -> list[Diagnostic]:
    """One file's (or item's) diagnostics at the levels the library's settings give them,
    less what its suppression comments hide, plus the comments that hide nothing."""
    if not found and not suppressions:  # most files: nothing to look up
        return []
    if library is None:
        config, relative, in_kind = RuleConfig(), None, False
    else:
        config, relative = library.template.rules, relative_path(path, library.root)
        in_kind = library.item_for(path) is not None
    kept, problems = apply_suppressions(
        config.apply(found, relative, in_kind), suppressions, _rule_id
    )
    if problems:
        from foundry_app.core.rules.document.unused_suppression import SuppressionContext

        context = SuppressionContext(path, tuple(problems))
        unused = [r.diagnostic(path, f) for r in rules_of("suppressions") for f in r.check(context)]
        kept.extend(config.apply(unused, relative, in_kind))
    return kept


def _rule_id(name: str) -> str | None:
    try:
        return rule_by_name(name).id
    except KeyError:
        return None


def lint_library(
    library: Library,
    *,
    paths: Iterable[Path] | None = None,
    items: Iterable[Item] | None = None,
    progress: ProgressCallback | None = None,
    use_cache: bool = True,
    jobs: int = 1,
) -> LintReport:
    """Lint the library's files (or just `paths`) and its items (or just `items`)."""
    files = list(library.markdown_files() + library.data_files() if paths is None else paths)
    chosen_items = list(library.items if items is None else items)
    report = LintReport(library)
    cache = LintCache.for_library(library) if use_cache else None

    pending: list[tuple[Path, int, int]] = []
    for path in files:
        try:
            stat = path.stat()
        except OSError as error:
            report.unreadable.append((path, error.strerror or str(error)))
            continue
        reason = unreadable_reason(stat)
        if reason:
            report.unreadable.append((path, reason))
            continue
        # the status change time moves with every write and also with a chmod, so a file
        # made unreadable since is read again (and reported), not answered from the cache
        changed_ns = max(stat.st_mtime_ns, stat.st_ctime_ns)
        cached = cache.get(path, stat.st_size, changed_ns) if cache else None
        if cached is not None:
            report.facts[path] = cached
        else:
            pending.append((path, stat.st_size, changed_ns))

    total, done = len(files), len(files) - len(pending)
    if progress and done:
        progress(done, total)
    with fewer_gc_passes():
        for path, size, changed_ns, result in _analyze_all(library, pending, jobs):
            done += 1
            if isinstance(result, str):
                report.unreadable.append((path, result))
            else:
                report.facts[path] = result
                if cache:
                    cache.put(path, size, changed_ns, result)
            if progress:
                progress(done, total)
    report.parsed = len(pending)

    resolver = LinkResolver(_AnchorLookup(report.facts))
    diagnostics: list[Diagnostic] = []
    for path, facts in report.facts.items():
        found = facts.diagnostics + _link_diagnostics(path, facts, resolver)
        diagnostics.extend(_finished(library, path, found, facts.suppressions))
    for item in chosen_items:
        for found in _item_diagnostics(item, report.facts):
            diagnostics.extend(_finished(library, found.path, [found]))
    report.diagnostics = sorted(diagnostics, key=Diagnostic.sort_key)
    if cache:
        cache.save()
    return report


@contextmanager
def fewer_gc_passes() -> Iterator[None]:
    """Raise the cycle collector's first threshold for a burst of parsing, then restore it."""
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], _GC_FIRST_GENERATION), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def _analyze_all(library: Library, pending: list[tuple[Path, int, int]], jobs: int):
    """Yield (path, size, mtime, facts or reason) for each file, in parallel when it pays."""
    work = [(path, library.file_spec(path)) for path, _, _ in pending]
    big = sum(size for _, size, _ in pending) >= _PARALLEL_MIN_BYTES
    if jobs > 1 and len(work) >= _PARALLEL_MIN_FILES and big:
        from concurrent.futures import ProcessPoolExecutor

        from foundry_app.core.parser import markdown_parser

        chunk = max(1, len(work) // (jobs * 8))
        # Built and imported before the fork, so no worker imports and builds its own.
        markdown_parser()
        rules_of("file")
        with ProcessPoolExecutor(max_workers=jobs, initializer=_raise_gc_threshold) as pool:
            results = pool.map(_analyze_path, work, chunksize=chunk)
            for (path, size, changed_ns), result in zip(pending, results, strict=True):
                yield path, size, changed_ns, result
        return
    for (path, size, changed_ns), item in zip(pending, work, strict=True):
        yield path, size, changed_ns, _analyze_path(item)


def _raise_gc_threshold() -> None:
    old = gc.get_threshold()
    gc.set_threshold(max(old[0], _GC_FIRST_GENERATION), *old[1:])


def _analyze_path(work: tuple[Path, FileSpec]) -> FileFacts | str:
    """Read and analyse one file; a reason string when it cannot be read."""
    from foundry_app.core.document import Document

    path, spec = work
    if is_data_file(path):
        return _analyze_data(path)
    try:
        text = read_text(path)
    except NotUtf8Error as error:
        return f"not UTF-8 text: {error.reason}"
    except OSError as error:
        return error.strerror or str(error)
    return analyze(path, Document(text), spec)


def is_data_file(path: Path) -> bool:
    return Path(path).suffix.lower() in TEXT_SUFFIXES


def check_data_file(library: Library | None, path: Path, text: str) -> list[Diagnostic]:
    """The diagnostics of one YAML, JSON or TOML text (the editor's buffer)."""
    from foundry_app.core.rules.data.context import DataContext

    found = _data_diagnostics(DataContext(Path(path), text))
    return sorted(_finished(library, Path(path), found), key=Diagnostic.sort_key)


def _analyze_data(path: Path) -> FileFacts | str:
    """A data file's facts: its parse diagnostics, nothing for links, anchors or tasks."""
    from foundry_app.core.rules.data.context import DataContext

    try:
        context = DataContext(path, read_text(path))
    except NotUtf8Error as error:
        context = DataContext(path, None, error.reason)
    except OSError as error:
        return error.strerror or str(error)
    return FileFacts(_data_diagnostics(context), (), frozenset(), 0, 0, 0)


def _data_diagnostics(context: DataContext) -> list[Diagnostic]:
    path = context.path
    return [r.diagnostic(path, f) for r in rules_of("data") for f in r.check(context)]


class _AnchorLookup:
    """Anchors of link targets: from facts at hand, else parsed from disk once."""

    def __init__(self, known: dict[Path, FileFacts]) -> None:
        self.known = known
        self.seen: dict[Path, frozenset[str] | None] = {}

    def __call__(self, target: Path) -> frozenset[str] | None:
        facts = self.known.get(target)
        if facts is not None:
            return facts.anchors
        if target not in self.seen:
            self.seen[target] = _anchors_on_disk(target)
        return self.seen[target]


# Anchors of files on disk by (path, size, mtime): the editor re-checks links on every
# pause in typing, and the linked files rarely change in between.
_ANCHOR_CACHE: dict[Path, tuple[int, int, frozenset[str]]] = {}


def _anchors_on_disk(target: Path) -> frozenset[str] | None:
    try:
        stat = target.stat()
    except OSError:
        return None
    if not S_ISREG(stat.st_mode) or target.suffix.lower() not in (".md", ".markdown"):
        return frozenset()  # a folder or another kind of file: exists, anchors not checked
    cached = _ANCHOR_CACHE.get(target)
    if cached is not None and cached[:2] == (stat.st_size, stat.st_mtime_ns):
        return cached[2]
    from foundry_app.core.document import Document

    try:
        anchors = Document(read_text(target)).anchors
    except (OSError, NotUtf8Error):
        anchors = frozenset()
    _ANCHOR_CACHE[target] = (stat.st_size, stat.st_mtime_ns, anchors)
    return anchors


def _link_diagnostics(path: Path, facts: FileFacts, resolver: LinkResolver) -> list[Diagnostic]:
    context = LinkContext(path, facts.links, facts.anchors, resolver)
    return [r.diagnostic(path, f) for r in rules_of("links") for f in r.check(context)]


def _item_diagnostics(item: Item, facts: dict[Path, FileFacts]) -> list[Diagnostic]:
    context = ItemContext(item, {p: facts[p].fences for p in item.files if p in facts})
    return [r.diagnostic(item.path, f) for r in rules_of("item") for f in r.check(context)]
