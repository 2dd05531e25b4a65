"""What the window knows about the library's health: diagnostics and checklist progress per
file, from the background lint, with the open file's live results laid over them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from foundry_app.core.checklist import Progress
from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.library import Library
from foundry_app.core.library_tree import Tally
from foundry_app.core.rules.registry import rules_of

_NO_TASKS = Progress(0, 0)


def _is_item_wide(diagnostic: Diagnostic) -> bool:
    """Stack-wide findings (a missing file, no examples) land on the entry file, but only
    the library lint computes them: a live lint of that file must not wipe them."""
    return diagnostic.rule in _ITEM_RULE_IDS


_ITEM_RULE_IDS = frozenset(rule.id for rule in rules_of("item"))


class LintResults:
    def __init__(self) -> None:
        self._diagnostics: dict[Path, list[Diagnostic]] = {}
        self._progress: dict[Path, Progress] = {}
        self.complete = False  # the whole library has been linted at least once

    def clear(self) -> None:
        self._diagnostics.clear()
        self._progress.clear()
        self.complete = False

    def load_report(self, report, library: Library, *, keep: Path | None = None) -> None:
        """Take everything from a LintReport or LintSummary, except the live results for
        `keep` (the open file, whose buffer may differ from the disk)."""
        by_path: dict[Path, list[Diagnostic]] = defaultdict(list)
        for diagnostic in report.diagnostics:
            path = diagnostic.path  # already a Path from the lint: wrapping again costs ~15 µs
            by_path[path if isinstance(path, Path) else Path(path)].append(diagnostic)
        if keep is not None and keep in self._diagnostics:
            live = [d for d in self._diagnostics[keep] if not _is_item_wide(d)]
            by_path[keep] = live + [d for d in by_path.get(keep, []) if _is_item_wide(d)]
        progress = {path: report.progress_for(path) for path in library.markdown_files()}
        if keep is not None and keep in self._progress:
            progress[keep] = self._progress[keep]
        self._diagnostics = dict(by_path)
        self._progress = progress
        self.complete = True

    def set_file(self, path: Path, diagnostics: list[Diagnostic], progress: Progress) -> None:
        """The live results of one file replace what was known about it (but for the
        stack-wide findings the library lint put there)."""
        kept = [d for d in self._diagnostics.get(path, []) if _is_item_wide(d)]
        self._diagnostics[path] = list(diagnostics) + kept
        self._progress[path] = progress

    def diagnostics(self) -> list[Diagnostic]:
        return [d for diagnostics in self._diagnostics.values() for d in diagnostics]

    def diagnostics_for(self, path: Path) -> list[Diagnostic]:
        return self._diagnostics.get(path, [])

    def totals(self) -> tuple[int, int]:
        """(errors, warnings) over the whole library."""
        return self.counts_for(self._diagnostics)

    def counts_for(self, paths: Iterable[Path]) -> tuple[int, int]:
        """(errors, warnings) over the given paths."""
        errors = warnings = 0
        for path in paths:
            for diagnostic in self._diagnostics.get(path, ()):
                if diagnostic.severity == Severity.ERROR:
                    errors += 1
                else:
                    warnings += 1
        return errors, warnings

    def progress_for(self, path: Path) -> Progress:
        return self._progress.get(path, _NO_TASKS)

    def tally(self, path: Path) -> Tally:
        """What is known about one path on its own: its findings and its checklist."""
        errors, warnings = self.counts_for([path])
        progress = self.progress_for(path)
        return Tally(errors, warnings, progress.done, progress.total)

    def tallies(self) -> dict[Path, Tally]:
        """Every path with something to say (findings or tasks) → its own tally."""
        return {path: self.tally(path) for path in {*self._diagnostics, *self._progress}}
