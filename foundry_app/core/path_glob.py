"""Path globs from library.toml (`[[overrides]] files`), matched in time linear in the path.

A glob turned into a backtracking regex can take hours on one path (`*a*a*a*a*b`, or
`**/` repeated), and a library.toml comes with any pull request. So a glob is run as a
set of positions stepped over the path one character at a time, never backtracking.

`*` and `?` stay inside one folder; `**/` spans zero or more whole folders; any other `**`
spans anything, `/` included. The work of one match is at most the path's length times the
glob's (repeats in a row count once, and library.toml allows MAX_GLOB_CHARS at most).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# what one step of a glob matches
_LITERAL, _ONE, _IN_FOLDER, _ANYTHING, _FOLDERS = range(5)
_REPEATS = (_IN_FOLDER, _ANYTHING, _FOLDERS)  # the steps that match any number of characters
MAX_GLOB_CHARS = 1000  # a glob's steps times a path's length bound the work of one match


def _steps(glob: str) -> tuple[tuple[int, str], ...]:
    out: list[tuple[int, str]] = []
    i = 0
    while i < len(glob):
        if glob.startswith("**/", i):
            out.append((_FOLDERS, ""))
            i += 3
        elif glob.startswith("**", i):
            out.append((_ANYTHING, ""))
            i += 2
        elif glob[i] == "*":
            out.append((_IN_FOLDER, ""))
            i += 1
        else:
            out.append((_ONE, "") if glob[i] == "?" else (_LITERAL, glob[i]))
            i += 1
            continue
        _merge_last_repeats(out)
    return tuple(out)


def _merge_last_repeats(out: list[tuple[int, str]]) -> None:
    """Two repeats in a row match what one of them does: a thousand `*` are one step."""
    while len(out) >= 2 and out[-2][0] in _REPEATS and out[-1][0] in _REPEATS:
        first, second = out[-2][0], out.pop()[0]
        if first == second:
            continue
        if _ANYTHING in (first, second):
            out[-1] = (_ANYTHING, "")  # `**` spans whatever a `*` or a `**/` beside it does
        else:
            out.append((second, ""))  # `*` then `**/` (or back): both needed
            return


@dataclass(frozen=True)
class PathGlob:
    """One glob; `matches(path)` for a '/'-separated path relative to the library root."""

    glob: str
    _steps: tuple[tuple[int, str], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_steps", _steps(self.glob))

    def matches(self, path: str) -> bool:
        steps = self._steps
        # a position is an index into steps; ~index is "inside a folder name of step index"
        here = self._closure({0})
        for char in path:
            after: set[int] = set()
            for at in here:
                if at < 0:  # partway through one folder name of a `**/`
                    after.add(~at if char == "/" else at)
                    continue
                if at == len(steps):
                    continue
                kind, literal = steps[at]
                if kind == _LITERAL:
                    if char == literal:
                        after.add(at + 1)
                elif kind == _ONE:
                    if char != "/":
                        after.add(at + 1)
                elif kind == _IN_FOLDER:
                    if char != "/":
                        after.add(at)
                elif kind == _ANYTHING:
                    after.add(at)
                elif char != "/":  # _FOLDERS: a folder name starts here
                    after.add(~at)
            if not after:
                return False
            here = self._closure(after)
        return len(steps) in here

    def _closure(self, positions: set[int]) -> set[int]:
        """The positions plus every later one reachable by matching nothing."""
        steps, todo, out = self._steps, list(positions), set(positions)
        while todo:
            at = todo.pop()
            skippable = 0 <= at < len(steps) and steps[at][0] in _REPEATS
            if skippable and at + 1 not in out:
                out.add(at + 1)
                todo.append(at + 1)
        return out
