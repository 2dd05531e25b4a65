"""What the window knows about the library's health: diagnostics and checklist progress per
file, from the background lint, with the open file's live results laid over them.

The per-path tallies and the library's totals are kept up to date as results come in (one
file's live result changes one path), so nothing here walks every file after a change."""

from __future__ import annotations

import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from foundry_app.core.checklist import Progress
from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.library_tree import NOTHING, Tally
from foundry_app.core.rules.registry import rules_of

_NO_TASKS = Progress(0, 0)


def _is_item_wide(diagnostic: Diagnostic) -> bool:
    """Stack-wide findings (a missing file, no examples) land on the entry file, but only
    the library lint computes them: a live lint of that file must not wipe them."""
    return diagnostic.rule in _item_rule_ids()


@cache
def _item_rule_ids() -> frozenset[str]:
    """Asked when the first result arrives: loading the item and link rules at import
    would put them before the window's first paint."""
    return frozenset(rule.id for rule in rules_of("item"))


def _counts(diagnostics: Iterable[Diagnostic]) -> tuple[int, int]:
    errors = warnings = 0
    for diagnostic in diagnostics:
        if diagnostic.severity == Severity.ERROR:
            errors += 1
        else:
            warnings += 1
    return errors, warnings


class LintResults:
    def __init__(self) -> None:
        self._diagnostics: dict[Path, list[Diagnostic]] = {}  # each list in location order
        self._lint_progress: dict[Path, tuple[int, int]] = {}  # from the library lint
        self._progress: dict[Path, Progress] = {}  # live results laid over it
        self._tallies: dict[str, Tally] = {}  # os.fspath(path) → its own tally
        self._errors = self._warnings = 0
        self._live: set[Path] = set()  # live results since the library lint began
        self.complete = False  # the whole library has been linted and shown at least once

    def clear(self) -> None:
        self.__init__()

    def lint_started(self) -> None:
        """A library lint begins: live results from now on are newer than its report."""
        self._live = set()

    def load_summary(self, summary, *, keep: Path | None = None) -> None:
        """Take everything from a (prepared) LintSummary, except what is newer here: the
        live results for `keep` (the open file, whose buffer may differ from the disk) and
        for every file with a live result since the lint began (a checklist tick, the open
        file's result that arrived while the lint ran). O(kept files), not O(library)."""
        newer = {path for path in {*self._live, keep} if path is not None}
        old_diagnostics, old_progress = self._diagnostics, self._progress
        self._diagnostics = dict(summary.by_path)
        self._lint_progress = summary.progress
        self._progress = {}
        self._tallies = dict(summary.tallies)
        self._errors, self._warnings = summary.totals
        for path in newer:
            if path in old_diagnostics:
                live = [d for d in old_diagnostics[path] if not _is_item_wide(d)]
                wide = [d for d in self._diagnostics.get(path, ()) if _is_item_wide(d)]
                self._replace(path, live + wide)
            if path in old_progress:
                self._progress[path] = old_progress[path]
                self._retally(path)

    def set_file(self, path: Path, diagnostics: list[Diagnostic], progress: Progress) -> None:
        """The live results of one file replace what was known about it (but for the
        stack-wide findings the library lint put there)."""
        kept = [d for d in self._diagnostics.get(path, []) if _is_item_wide(d)]
        self._progress[path] = progress
        self._replace(path, sorted([*diagnostics, *kept], key=Diagnostic.sort_key))
        self._live.add(path)

    def _replace(self, path: Path, diagnostics: list[Diagnostic]) -> None:
        errors, warnings = _counts(self._diagnostics.get(path, ()))
        new_errors, new_warnings = _counts(diagnostics)
        self._errors += new_errors - errors
        self._warnings += new_warnings - warnings
        self._diagnostics[path] = diagnostics  # kept when empty: "none" is news for `keep`
        self._retally(path)

    def _retally(self, path: Path) -> None:
        errors, warnings = _counts(self._diagnostics.get(path, ()))
        progress = self.progress_for(path)
        tally = Tally(errors, warnings, progress.done, progress.total)
        if tally == NOTHING:
            self._tallies.pop(os.fspath(path), None)
        else:
            self._tallies[os.fspath(path)] = tally

    def diagnostics(self) -> list[Diagnostic]:
        return [d for diagnostics in self._diagnostics.values() for d in diagnostics]

    def by_path(self) -> dict[Path, list[Diagnostic]]:
        """Each path's diagnostics, in location order (read only)."""
        return self._diagnostics

    def diagnostics_for(self, path: Path) -> list[Diagnostic]:
        return self._diagnostics.get(path, [])

    def totals(self) -> tuple[int, int]:
        """(errors, warnings) over the whole library."""
        return self._errors, self._warnings

    def counts_for(self, paths: Iterable[Path]) -> tuple[int, int]:
        """(errors, warnings) over the given paths."""
        errors = warnings = 0
        for path in paths:
            more_errors, more_warnings = _counts(self._diagnostics.get(path, ()))
            errors, warnings = errors + more_errors, warnings + more_warnings
        return errors, warnings

    def progress_for(self, path: Path) -> Progress:
        live = self._progress.get(path)
        if live is not None:
            return live
        found = self._lint_progress.get(path)
        return Progress(*found) if found is not None else _NO_TASKS

    def tally(self, path: Path) -> Tally:
        """What is known about one path on its own: its findings and its checklist."""
        return self._tallies.get(os.fspath(path), NOTHING)

    def tallies(self) -> dict[str, Tally]:
        """Every path with something to say (findings or tasks, as os.fspath) → its own
        tally (read only)."""
        return self._tallies
