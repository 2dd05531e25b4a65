"""Command line: `foundry` (the app), `foundry lint`, `foundry new-stack`, `foundry init`."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections.abc import Sequence
from pathlib import Path

from foundry_app import __version__
from foundry_app.core.diagnostics import Severity
from foundry_app.core.library import (
    ENV_VARIABLE,
    MARKDOWN_SUFFIXES,
    TEXT_SUFFIXES,
    Item,
    Library,
    LibraryError,
    ScanProblem,
    bundled_library,
    find_enclosing_library,
    find_library_root,
    markdown_files_below,
)
from foundry_app.lint_output import one_line, shown_path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2


class UsageError(Exception):
    """Bad input from the user: printed as one line on stderr, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    library = argparse.ArgumentParser(add_help=False)
    library.add_argument(
        "--library",
        metavar="PATH",
        help="the library folder (default: $FOUNDRY_LIBRARY, else the bundled ai-team-library)",
    )
    parser = argparse.ArgumentParser(
        prog="foundry",
        parents=[library],
        description="Foundry: a workbench and linter for ai-team-library stacks. "
        "With no command, opens the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"foundry {__version__}")
    parser.add_argument("--open", metavar="FILE", help="file to open, relative to the library")
    parser.add_argument(
        "--screenshot", metavar="PNG", help="render the window offscreen to PNG and exit"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    lint = commands.add_parser(
        "lint",
        parents=[library],
        help="check files against the library's template",
        description="Check a library, a stack folder or files. Exit 0: no errors; "
        "1: errors found; 2: bad usage or unreadable input.",
    )
    lint.add_argument("paths", nargs="*", metavar="PATH", help="library, stack folder or files")
    lint.add_argument(
        "--format",
        choices=("text", "json", "github", "markdown"),
        default="text",
        help="output format (markdown only with --list-rules)",
    )
    lint.add_argument("--no-cache", action="store_true", help="ignore and do not update the cache")
    lint.add_argument(
        "--select", metavar="RULES", help="only these rules (comma-separated names or ids)"
    )
    lint.add_argument("--ignore", metavar="RULES", help="skip these rules (names or ids)")
    lint.add_argument("--list-rules", action="store_true", help="list every rule and exit")

    new = commands.add_parser(
        "new-stack",
        parents=[library],
        help="scaffold a new stack from the template",
    )
    new.add_argument("name", help="kebab-case name of the new stack, e.g. feature-flags")

    init = commands.add_parser(
        "init",
        help="write Foundry's standard template into a library as library.toml",
        description="Write Foundry's standard template to PATH/library.toml (never over an "
        "existing one), so the library can customise its checks.",
    )
    init.add_argument("path", nargs="?", default=".", metavar="PATH", help="the library folder")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "lint":
            return run_lint(args)
        if args.command == "new-stack":
            return run_new_stack(args)
        if args.command == "init":
            return run_init(args)
        return run_app(args)
    except UsageError as error:
        print(f"foundry: {one_line(str(error))}", file=sys.stderr)  # a name may hold "\n"
        return EXIT_USAGE


def run_app(args: argparse.Namespace) -> int:
    from foundry_app.ui.window.app import run_gui  # Qt is loaded only for the GUI

    # None lets the window reopen the library it had last time, else the bundled one.
    root = args.library or os.environ.get(ENV_VARIABLE) or None
    screenshot = Path(args.screenshot) if args.screenshot else None
    return run_gui(root, args.open, screenshot)


def _open_library(root: Path) -> Library:
    try:
        return Library.open(root)
    except LibraryError as error:
        raise UsageError(str(error)) from error


def run_lint(args: argparse.Namespace) -> int:
    from foundry_app.core.lint import lint_library
    from foundry_app.lint_output import format_report, list_rules

    if args.list_rules:
        if args.format == "github":
            raise UsageError("--list-rules prints text, json or markdown, not github annotations")
        return _write_out(list_rules(args.format), EXIT_OK)
    if args.format == "markdown":
        raise UsageError("--format markdown is only for --list-rules")
    paths = [Path(p) for p in args.paths]
    for path in paths:
        _check_input(path)
    chosen = None  # every rule: without --select / --ignore the registry need not load
    if args.select is not None or args.ignore is not None:
        chosen = chosen_rules(args.select, args.ignore)
    reports, file_count, problems = [], 0, []
    stopped: list[ScanProblem] = []  # what cut short the walk of a folder in no library
    groups = _libraries_for(args.library, paths, stopped)
    # libraries checked whole: the files inside them are theirs alone
    roots = [lib.root for lib, group in groups if group is None or lib.root in _resolved(group)]
    for library, group in groups:
        files, items = select(library, group, stopped)
        files = [f for f in files if _innermost(f, roots) in (None, library.root)]
        report = lint_library(
            library, paths=files, items=items, use_cache=not args.no_cache, jobs=os.cpu_count() or 1
        )
        if chosen is not None:
            report.diagnostics = [d for d in report.diagnostics if d.rule in chosen]
        reports.append(report)
        file_count += len(files)
        problems.extend((p.path, p.message) for p in library.problems)
    problems.extend((p.path, p.message) for p in stopped)
    report = reports[0]
    for other in reports[1:]:
        report.diagnostics.extend(other.diagnostics)
        report.unreadable.extend(other.unreadable)
    unreadable = [*problems, *((path, f"cannot read: {why}") for path, why in report.unreadable)]
    errors = report.count(Severity.ERROR)
    code = EXIT_USAGE if unreadable else (EXIT_PROBLEMS if errors else EXIT_OK)
    for path, reason in unreadable:
        print(f"foundry: {one_line(f'{shown_path(path)}: {reason}')}", file=sys.stderr)
    checked = file_count - len(report.unreadable)
    return _write_out(format_report(report, args.format, checked, len(problems)), code)


def _write_out(text: str, code: int) -> int:
    """Print the report and return `code`; EXIT_USAGE with a one-line reason when it could
    not be written (no stdout, a full disk), so CI never reads a lost report as clean."""
    if sys.stdout is None:  # started with stdout closed
        print("foundry: cannot write the report: standard output is closed", file=sys.stderr)
        return EXIT_USAGE
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:
        # The reader left early (`| head`, `| true`): the exit code still tells the result.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second failure at exit
        print(f"foundry: cannot write the report: {error.strerror or error}", file=sys.stderr)
        return EXIT_USAGE
    return code


def _check_input(path: Path) -> None:
    """A named path must be a folder or a regular Markdown file: anything else is refused."""
    from foundry_app.core.storage import unreadable_reason

    try:
        info = path.stat()
    except FileNotFoundError:
        raise UsageError(f"{path}: no such file or folder") from None
    except OSError as error:
        raise UsageError(f"{path}: {error.strerror or 'cannot read'}") from None
    if stat.S_ISDIR(info.st_mode):
        return
    reason = unreadable_reason(info)
    if reason:
        raise UsageError(f"{path}: {reason}")
    if path.suffix.lower() not in MARKDOWN_SUFFIXES + TEXT_SUFFIXES:
        raise UsageError(
            f"{path}: not a Markdown file (.md) nor a YAML, JSON or TOML file; nothing to check"
        )


def _libraries_for(
    explicit: str | None, paths: list[Path], walked: list[ScanProblem]
) -> list[tuple[Library, list[Path] | None]]:
    """Each path with the library that encloses it, so none is checked with less than its own
    template; paths outside any library get the bundled library's generic file rules.

    A folder in no library (a repository, say) is walked, and each library found in it is
    linted whole; what stopped that walk goes to `walked`. None stands for the whole library."""
    if explicit or not paths:
        return [(_open_library(find_library_root(explicit)), paths or None)]
    groups: dict[Path, list[Path]] = {}
    for path in paths:
        root = find_enclosing_library(path)
        if root is None and path.is_dir():
            for root_below, files in _by_library(path, walked).items():
                groups.setdefault(root_below, []).extend(files)
        else:
            groups.setdefault((root or bundled_library()).resolve(), []).append(path)
    if not groups:  # only folders with nothing to lint in them: an empty report
        groups[bundled_library().resolve()] = []
    return [(_open_library(root), group) for root, group in groups.items()]


def _resolved(paths: list[Path]) -> set[Path]:
    return {path.resolve() for path in paths}


def _innermost(path: Path, roots: list[Path]) -> Path | None:
    """The deepest of the libraries' roots that holds `path`: a library kept inside another
    one's folder checks its own files, the outer one does not check them again."""
    holding = [root for root in roots if root in path.parents]
    return max(holding, key=lambda root: len(root.parts), default=None)


def _by_library(folder: Path, walked: list[ScanProblem]) -> dict[Path, list[Path]]:
    """The Markdown files below a folder in no library, by the library each lies in: a
    library's root stands for all of it; files in none go with the bundled library."""
    files, stopped = markdown_files_below(folder)
    walked.extend(stopped)
    root_of: dict[Path, Path | None] = {}  # by folder: a walk meets each many times
    out: dict[Path, list[Path]] = {}
    bundled = bundled_library().resolve()
    for file in files:
        parent = file.parent
        if parent not in root_of:
            root_of[parent] = find_enclosing_library(parent)
        root = root_of[parent]
        if root is None:
            out.setdefault(bundled, []).append(file)
        elif root not in out.setdefault(root.resolve(), []):
            out[root.resolve()].append(root)
    return out


def chosen_rules(select: str | None, ignore: str | None) -> set[str]:
    """Rule ids left after --select and --ignore; an unknown rule is a usage error."""
    from foundry_app.core.rules.registry import all_rules, rule_by_name

    def ids(option: str) -> set[str]:
        found = set()
        for word in filter(None, (w.strip() for w in option.split(","))):
            try:
                found.add(rule_by_name(word).id)
            except KeyError:
                raise UsageError(f"unknown rule '{word}' (see foundry lint --list-rules)") from None
        return found

    chosen = ids(select) if select is not None else {r.id for r in all_rules()}
    chosen -= ids(ignore) if ignore else set()
    if not chosen:
        raise UsageError("--select / --ignore leave no rule to run")
    return chosen


def select(library: Library, paths: list[Path] | None, walked: list[ScanProblem] | None = None):
    """The Markdown and data files and the items that the given paths name (all of them for
    None); what stopped the walk of a named folder outside the library goes to `walked`."""
    if paths is None:
        return library.markdown_files() + library.data_files(), list(library.items)
    from foundry_app.core.rule_config import relative_path  # "inside" in string steps

    files: dict[Path, None] = {}
    items: dict[int, Item] = {}  # by identity, in the library's order of first mention
    known = library.markdown_files() + library.data_files()
    for path in (p.resolve() for p in paths):
        if path.is_dir():
            if path == library.root or library.root in path.parents:
                inside = [f for f in known if relative_path(f, path) is not None]
            else:  # a folder outside the library named with --library: walked for its files
                inside, stopped = markdown_files_below(path)
                if walked is not None:
                    walked.extend(stopped)
            files.update(dict.fromkeys(inside))
            for item in library.items:
                if relative_path(item.path, path) is not None:
                    items.setdefault(id(item), item)
        else:
            files[path] = None
    return list(files), list(items.values())


def run_new_stack(args: argparse.Namespace) -> int:
    from foundry_app.core.new_item import NewItemError, create_item

    library = _open_library(find_library_root(args.library))
    try:
        created = create_item(library, "stack", args.name)
    except NewItemError as error:
        raise UsageError(str(error)) from error
    for path in created:
        print(f"created {shown_path(path)}")
    print("next: replace the TODO placeholders, then run `foundry lint`")
    return EXIT_OK


def run_init(args: argparse.Namespace) -> int:
    from foundry_app.core.new_library import NewLibraryError, init_library

    try:
        target = init_library(Path(args.path))
    except NewLibraryError as error:
        raise UsageError(str(error)) from None
    print(f"wrote {shown_path(target)}: edit it to customise the checks")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
