"""The open file's lint in a long-lived child interpreter, for files of 20,000 characters
or more (live_lint.CHILD_PARSE_CHARS).

A worker thread that parses a megabyte holds the GIL for most of a second, and every
paint of the window waits for it between the parser's steps; the tokens would also stay
in the window's memory. The child has its own interpreter and memory, and the worker
thread only waits on a pipe (which releases the GIL). No Qt is imported in the child.
The child keeps the open file's last parse and re-parses only the chunks an edit changed
(core.incremental_parse).

It also reads the task items of the open file's stack for the checklist panel: a dozen
files parsed in a worker thread held the window's interpreter lock for 100-200 ms, and the
open file's own check and preview waited behind them.

Frames on both pipes: 8-byte big-endian length, then a pickle.
  request  ("tasks", files, base folder): replied with ("tasks", what
           core.stack_tasks.read_stack_tasks returns) or ("error", message); or
           ("lint", library or None, path, text as UTF-8 parts, revision, want_first_page,
           preview style, the number of the last result the parent holds or None); the
           library is (its root, a number that changes whenever the window's library does
           -- opened again, e.g. for a new template, or scanned again -- and the window's
           Library itself, sent only when this child has not had that number yet). The
           child checks with the very library the window holds: opened from disk, a
           library.toml saved with a mistake would have lost the template's checks
  replies  ("first", html) at most once, then ("result", number, diagnostics, blocks, tasks,
           headings) or ("error", message); the lists of a result travel as parts of
           PART_ITEMS pickled items each, unpickled one by one (see pickled_parts), and
           as a delta (list_delta) against the result the request names when the child
           sent that one last, for the same file; whole otherwise. Blocks and tasks are
           kept when they are the very objects sent (the child keeps them per chunk);
           diagnostics and headings, made afresh each time, when they are equal.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from operator import eq, is_
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from foundry_app.core.diagnostics import Diagnostic
from foundry_app.core.document import Document, Heading, TaskItem
from foundry_app.core.library import Library, LibraryError
from foundry_app.core.render import (
    DEFAULT_STYLE,
    BlockReuse,
    PreviewStyle,
    RenderedBlock,
    render_html,
)
from foundry_app.ui.workers.list_delta import applied, delta
from foundry_app.ui.workers.pickled_parts import pickle_parts, unpickle_parts

if TYPE_CHECKING:
    from foundry_app.core.stack_tasks import FileTasks
    from foundry_app.core.storage import TextFile
    from foundry_app.core.template import Template

_HEADER = struct.Struct(">Q")
_PACKAGE_PARENT = Path(__file__).resolve().parents[3]  # so the child imports this code
GIVE_UP_AFTER = 3  # failed requests in a row before small files stop trying a new child
FIRST_PAGE_LINES = 40  # source lines: about a preview screenful of prose
# Below this size the whole check lands about as soon as the top's would (14 KB: 14 ms),
# and a separate first page only costs the window one more layout and paint.
FIRST_PAGE_MIN_CHARS = 50_000


def wants_first_page(text: str, line_count: int) -> bool:
    """Whether a newly opened text's top is previewed before its whole check is done."""
    return len(text) >= FIRST_PAGE_MIN_CHARS and line_count > FIRST_PAGE_LINES


TEXT_PART_CHARS = 250_000  # characters per encoded part of the text: well under a millisecond


class ChildFailed(Exception):
    """The child could not be started, or died; the caller lints in its own thread."""


def write_frame(stream: BinaryIO, value: object) -> None:
    data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    stream.write(_HEADER.pack(len(data)))  # apart: header + data would copy a 5 MB text again
    stream.write(data)
    stream.flush()


def text_parts(text: str) -> list[bytes]:
    """The text as UTF-8 in parts: one pickle of a 5 MB str holds the interpreter lock for
    about 20 ms (encoding it), and the window waits that long."""
    return [
        text[i : i + TEXT_PART_CHARS].encode("utf-8", "surrogatepass")
        for i in range(0, len(text), TEXT_PART_CHARS)
    ]


def joined_text(parts: list[bytes]) -> str:
    return b"".join(parts).decode("utf-8", "surrogatepass")


def read_frame(stream: BinaryIO) -> object:
    header = stream.read(_HEADER.size)
    if len(header) < _HEADER.size:
        raise EOFError
    (size,) = _HEADER.unpack(header)
    data = stream.read(size)
    if len(data) < size:
        raise EOFError
    return pickle.loads(data)


class LiveLintChild:
    """The parent's handle: started on first use, restarted after a crash, closed with
    the window. Used from one worker thread at a time."""

    def __init__(self) -> None:
        self._process: subprocess.Popen | None = None
        self._lock = threading.Lock()
        self.closed = False  # the window is going: no new child, no fallback lint
        # the last result received: its number, file and lists (deltas build on it)
        self._held: tuple[int, Path, list[list]] | None = None
        # the library last asked with (its template and scan as they were), and its number
        self._library: tuple[Library, Template, list] | None = None
        self._library_number = 0
        self._library_sent: int | None = None  # the number this child process holds
        self._waiting_lock = threading.Lock()
        self._lints_waiting = 0  # lints waiting for the child: a stack read lets them in
        self._started = False  # a child has run: small files go to it, restarted if need be
        self._failures = 0  # requests failed in a row since the last reply

    @property
    def pid(self) -> int | None:
        process = self._process
        return process.pid if process is not None and process.poll() is None else None

    @property
    def in_use(self) -> bool:
        """A child has been started and has not failed GIVE_UP_AFTER times in a row: small
        files keep going to it, in a new child after a crash."""
        return self._started and not self.closed and self._failures < GIVE_UP_AFTER

    def analyse(
        self,
        library: Library | None,
        path: Path,
        text: str,
        revision: int,
        first_page: Callable[[str], None] | None = None,
        style: PreviewStyle = DEFAULT_STYLE,
    ) -> tuple[list[Diagnostic], list[RenderedBlock], list[TaskItem], list[Heading]]:
        with self._waiting_lock:
            self._lints_waiting += 1
        with self._lock:
            with self._waiting_lock:
                self._lints_waiting -= 1
            if self.closed:
                raise ChildFailed("closed")
            try:
                process = self._running()
            except ChildFailed:
                self._failures += 1
                raise
            held = self._held if self._held is not None and self._held[1] == path else None
            self._held = None  # until this reply is in: a failure leaves nothing to build on
            try:
                want_first = first_page is not None
                base = held[0] if held is not None else None
                known = self._known(library)
                # not kept in a name: the encoded text is let go before the wait for the reply
                write_frame(
                    process.stdin,
                    ("lint", known, path, text_parts(text), revision, want_first, style, base),
                )
                while True:
                    reply = read_frame(process.stdout)
                    if reply[0] == "first" and first_page is not None:
                        first_page(reply[1])
                    elif reply[0] == "result":
                        number, *sent = reply[1:6]
                        lasts = held[2] if held is not None else [[] for _ in sent]
                        lists = [_received(last, s) for last, s in zip(lasts, sent, strict=True)]
                        self._held = (number, path, lists)
                        self._failures = 0
                        # copies: the window may keep what it is given, the next delta needs these
                        diagnostics, blocks, tasks, headings = (list(x) for x in lists)
                        return diagnostics, blocks, tasks, headings
                    elif reply[0] == "error":
                        raise ChildFailed(reply[1])
            except (OSError, EOFError, pickle.PickleError, ValueError) as error:
                self._stop()
                self._failures += 1
                raise ChildFailed(str(error)) from error

    def read_tasks(self, files: list[Path], base: Path) -> list[tuple[FileTasks, TextFile | None]]:
        """The task items of `files` (core.stack_tasks.read_stack_tasks), read in the child
        one file per request: a lint asked meanwhile waits for one file, not the stack."""
        loaded = []
        for path in files:
            while self._lints_waiting and not self.closed:  # a lint asked meanwhile goes first
                time.sleep(0.002)  # (a lock is not fair: this thread would take it straight back)
            loaded.extend(self._read_tasks_of([path], base))
        return loaded

    def _read_tasks_of(
        self, files: list[Path], base: Path
    ) -> list[tuple[FileTasks, TextFile | None]]:
        with self._lock:
            if self.closed:
                raise ChildFailed("closed")
            process = self._running()
            try:
                write_frame(process.stdin, ("tasks", list(files), base))
                reply = read_frame(process.stdout)
            except (OSError, EOFError, pickle.UnpicklingError, ValueError) as error:
                self._stop()
                raise ChildFailed(str(error)) from error
            if reply[0] != "tasks":
                raise ChildFailed(str(reply[1]))
            return reply[1]

    def _known(self, library: Library | None) -> tuple[Path, int, Library | None] | None:
        """The library for a request: its root, a number that changes when the window's
        library is another one, or has another template or scan, and the library itself
        when this child process has not been sent that number."""
        if library is None:
            return None
        seen = self._library
        if (
            seen is None
            or seen[0] is not library
            or seen[1] is not library.template
            or seen[2] is not library.items  # each scan makes a new list
        ):
            self._library = (library, library.template, library.items)
            self._library_number += 1
        number = self._library_number
        sent = library if self._library_sent != number else None
        self._library_sent = number  # a failed write stops the child, which forgets it
        return library.root, number, sent

    def close(self) -> None:
        """Kill the child at once (a worker waiting on it gets ChildFailed), then reap it."""
        self.closed = True
        process = self._process
        if process is not None and process.poll() is None:
            process.kill()  # without the lock: the worker may hold it, waiting for a reply
        with self._lock:
            self._stop()

    def _running(self) -> subprocess.Popen:
        if self._process is not None and self._process.poll() is None:
            return self._process
        self._stop()  # a child that died unseen leaves its pipes, and what it was sent
        env = dict(os.environ)
        paths = [str(_PACKAGE_PARENT), *filter(None, env.get("PYTHONPATH", "").split(os.pathsep))]
        env["PYTHONPATH"] = os.pathsep.join(paths)
        try:
            self._process = subprocess.Popen(
                [sys.executable, "-m", __name__],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                env=env,
            )
        except OSError as error:
            raise ChildFailed(str(error)) from error
        self._started = True
        return self._process

    def _stop(self) -> None:
        self._held = None  # a new child holds no result for a delta to build on
        self._library_sent = None  # nor any library
        process, self._process = self._process, None
        if process is None:
            return
        for stream in (process.stdin, process.stdout):
            with contextlib.suppress(OSError):
                stream.close()
        if process.poll() is None:
            process.kill()
        process.wait()


def _received(last: list, sent: tuple[int, int, list[bytes]]) -> list:
    front, back, between = sent
    return applied(last, front, back, unpickle_parts(between))


def _same_diagnostic(new: Diagnostic, last: Diagnostic) -> bool:
    return new == last and new.fix == last.fix  # a diagnostic's equality leaves its fix out


# How each list of a result (diagnostics, blocks, tasks, headings) tells a kept item.
_KEPT_WHEN = (_same_diagnostic, is_, is_, eq)
_NOTHING_SENT: tuple[list, ...] = ([], [], [], [])


def serve(requests: BinaryIO, replies: BinaryIO) -> None:
    """The child's loop: one reply per request until the parent closes the pipe."""
    # here, not at the top: the window imports this module for LiveLintChild alone
    from foundry_app.core.incremental_parse import IncrementalParser
    from foundry_app.core.lint import check_document

    # the library as the window last named it, opened here
    known: int | None = None
    library: Library | None = None
    # the last file's chunks and rendered blocks, for its next text
    parsed_path, parser, reuse = None, IncrementalParser(), BlockReuse()
    # the last result sent: its number and its lists (for parsed_path)
    sent_number, sent_lists = 0, _NOTHING_SENT
    replies_sent = 0
    while True:
        try:
            request = read_frame(requests)
        except EOFError:
            return
        if request[0] == "tasks":
            write_frame(replies, _tasks_reply(*request[1:]))
            continue
        asked, path, parts, _revision, want_first, style, base = request[1:]
        try:
            text = joined_text(parts)
            if asked is None:
                known, library = None, None
            elif asked[2] is not None:
                known, library = asked[1], asked[2]
            elif asked[1] != known:  # never sent with its number: read from disk
                known, library = asked[1], _opened(asked[0])
            if path != parsed_path:
                parsed_path, parser, reuse = path, IncrementalParser(), BlockReuse()
                sent_lists = _NOTHING_SENT
            if base != sent_number:  # the parent does not hold what was sent last
                sent_lists = _NOTHING_SENT
            doc = Document.reusing_chunks(parser, text)
            if want_first and wants_first_page(text, doc.line_count):
                write_frame(replies, ("first", render_html(doc, FIRST_PAGE_LINES, style)))
            lists = (
                check_document(library, Path(path), doc),
                reuse.blocks(doc, style),
                doc.tasks,
                list(doc.headings),
            )
            deltas = [
                delta(last, new, kept)
                for last, new, kept in zip(sent_lists, lists, _KEPT_WHEN, strict=True)
            ]
            sent_number, sent_lists = sent_number + 1, lists
            reply = (
                "result",
                sent_number,
                *((front, back, pickle_parts(between)) for front, back, between in deltas),
            )
            del doc
        except Exception as error:  # report it; the parent lints in its own thread
            parser, reuse = IncrementalParser(), BlockReuse()  # its chunks may be half moved
            sent_lists = _NOTHING_SENT
            reply = ("error", f"{type(error).__name__}: {error}")
        write_frame(replies, reply)
        del reply
        replies_sent += 1
        # What the child keeps between requests (the chunks' tokens and memos, a few hundred
        # thousand objects at 1 MB) holds no reference cycles; walking it in every full
        # collection cost 100-250 ms in a third of the keystrokes. So it is frozen out of the
        # collector after each reply, and everything is collected once every so many, in case.
        if replies_sent % _COLLECT_EVERY == 0:
            gc.unfreeze()
            gc.collect()
        gc.freeze()


def _tasks_reply(files: list[Path], base: Path) -> tuple:
    from foundry_app.core.stack_tasks import read_stack_tasks

    try:
        return ("tasks", read_stack_tasks(files, base))
    except Exception as error:  # report it; the parent reads in its own thread
        return ("error", f"{type(error).__name__}: {error}")


def _opened(root: Path) -> Library | None:
    try:
        return Library.open(root)
    except (LibraryError, OSError, ValueError):
        return None


_COLLECT_EVERY = 200  # replies between full collections of the child's frozen heap


def main() -> int:
    from foundry_app.core.big_buffers import return_big_buffers_to_the_system

    if hasattr(os, "nice"):
        os.nice(2)  # the window's own thread comes first
    return_big_buffers_to_the_system()  # each request's text is a buffer of megabytes
    serve(sys.stdin.buffer, sys.stdout.buffer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
