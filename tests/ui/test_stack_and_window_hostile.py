"""Unkind uses of the checklist's stack read in the parse child, medium files linted in
the child, and the windowed preview of a long page (scrolled from the preview itself)."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from window_helpers import (
    conventions,
    file_named_not_utf8,
    make_window,
    notes,
    open_file,
    refused,
    show_new_files,
    type_at_end,
)

from foundry_app.core.large_file import LARGE_FILE_BYTES
from foundry_app.ui.workers import live_lint_child
from foundry_app.ui.workers.live_lint_child import ChildFailed

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
from synthetic import big_document


def _settled(qtbot, window, timeout=15_000) -> None:
    qtbot.waitUntil(
        lambda: not window.stack_checklist.loading and not window.lint_pending, timeout=timeout
    )


def _alive(pid: int) -> bool:
    try:
        waited, _status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        return False  # reaped already
    if waited == pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def _row_checked(window, path: Path, line: int) -> bool:
    item = window.checklist.task_item(path, line)
    assert item is not None, f"no row for {path.name}:{line}"
    return item.checkState(0) == Qt.CheckState.Checked


def _click_row(window, path: Path, line: int) -> None:
    """What a click on the row's box does: flip its check state."""
    item = window.checklist.task_item(path, line)
    assert item is not None
    flipped = (
        Qt.CheckState.Unchecked
        if item.checkState(0) == Qt.CheckState.Checked
        else Qt.CheckState.Checked
    )
    item.setCheckState(0, flipped)


# --- 1. the stack read in the child -------------------------------------------------------


def test_a_tick_made_while_a_stack_read_is_in_flight_is_not_undone_by_that_read(
    qtbot, window, library, monkeypatch
):
    """Open conventions.md, then notes.md (same stack: the panel keeps showing the old read
    while the new one is out). The reader ticks a box in conventions.md meanwhile; the tick
    is written. The read, taken before the tick, lands after it: the panel must not show
    the box unticked again, and the next tick in that file must not be refused."""
    open_file(qtbot, window, conventions(library))
    target = conventions(library)
    lines = target.read_text(encoding="utf-8").split("\n")
    one, three = lines.index("- [ ] One") + 1, lines.index("- [ ] Three") + 1

    read, release = threading.Event(), threading.Event()
    real = live_lint_child.LiveLintChild.read_tasks

    def read_then_wait(child, files, base):
        result = real(child, files, base)  # the files are read now…
        read.set()
        release.wait(10)  # …and the reply is still on its way (a big stack)
        return result

    monkeypatch.setattr(live_lint_child.LiveLintChild, "read_tasks", read_then_wait)
    messages: list[str] = []
    window.stack_checklist.message.connect(messages.append)
    try:
        assert window.open_path(notes(library))
        qtbot.waitUntil(read.is_set, timeout=10_000)
        _click_row(window, target, one)  # the reader ticks "One" in the other file
        qtbot.waitUntil(lambda: any(m.startswith("Saved") for m in messages), timeout=5000)
        assert "- [x] One" in target.read_text(encoding="utf-8")
        assert _row_checked(window, target, one)
    finally:
        release.set()
    _settled(qtbot, window)
    assert _row_checked(window, target, one), "the stale read unticked a box that is ticked on disk"
    messages.clear()
    _click_row(window, target, three)
    qtbot.waitUntil(lambda: bool(messages), timeout=5000)
    assert not any("changed on disk" in m for m in messages), messages
    assert "- [x] Three" in target.read_text(encoding="utf-8")


# pins: closing the window while the child reads the stack ends the child; no fallback
# read starts one again, and no process is left behind
def test_closing_the_window_mid_read_leaves_no_child_behind(qtbot, library, settings, monkeypatch):
    started, release = threading.Event(), threading.Event()
    real = live_lint_child.LiveLintChild.read_tasks

    def slow(child, files, base):
        started.set()
        release.wait(5)
        return real(child, files, base)

    window = make_window(qtbot, library, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    open_file(qtbot, window, conventions(library))
    pid = window.live_linter.child_pid()
    assert pid is not None
    monkeypatch.setattr(live_lint_child.LiveLintChild, "read_tasks", slow)
    assert window.open_path(notes(library))
    qtbot.waitUntil(started.is_set, timeout=5000)
    try:
        window.close()
    finally:
        release.set()
    qtbot.waitUntil(lambda: window.editor_pool.activeThreadCount() == 0, timeout=10_000)
    assert window.live_linter.child_pid() is None
    assert not _alive(pid)


# pins: a child killed mid-read (the reply never comes) is read again in a thread; the
# panel still shows every file's tasks
def test_the_child_killed_while_it_reads_the_stack_falls_back(qtbot, window, library, monkeypatch):
    open_file(qtbot, window, conventions(library))
    real_write = live_lint_child.write_frame

    def write_then_die(stream, value):
        real_write(stream, value)
        if value[0] == "tasks":
            os.kill(window.live_linter.child_pid(), signal.SIGKILL)

    monkeypatch.setattr(live_lint_child, "write_frame", write_then_die)
    window.checklist._files.clear()
    window.stack_checklist.reload()
    _settled(qtbot, window)
    labels = {file.label: len(file.tasks) for file in window.checklist._files.values()}
    assert labels == {"conventions.md": 5, "notes.md": 2}


# pins: a child that crashed is started again by the next lint of a small file, which is
# checked there (not on a worker thread holding the window's interpreter lock)
def test_a_small_file_after_the_child_crashed_is_checked_in_a_new_child(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    first = window.live_linter.child_pid()
    assert first is not None  # the stack's read started it
    os.kill(first, signal.SIGKILL)
    type_at_end(qtbot, window, "\nA new line with TODO in it.\n")
    _settled(qtbot, window)
    qtbot.waitUntil(lambda: not window.editor._lint_timer.isActive() and not window.lint_pending)
    second = window.live_linter.child_pid()
    assert second is not None and second != first
    assert any(d.name == "placeholder" and d.line > 1 for d in window.editor.diagnostics())


def test_a_child_that_keeps_failing_to_start_is_left_alone_for_small_files(library, monkeypatch):
    child = live_lint_child.LiveLintChild()
    path = conventions(library)
    text = path.read_text(encoding="utf-8")
    try:
        assert not child.in_use  # never started: small files stay on the worker thread
        child.analyse(None, path, text, 1)
        assert child.in_use
        os.kill(child.pid, signal.SIGKILL)

        def no_process(*_args, **_kwargs):
            raise OSError("no more processes")

        monkeypatch.setattr(live_lint_child.subprocess, "Popen", no_process)
        for attempt in range(live_lint_child.GIVE_UP_AFTER):
            assert child.in_use  # still worth a try
            with pytest.raises(ChildFailed):
                child.analyse(None, path, text, 2 + attempt)
        assert not child.in_use
    finally:
        child.close()


# pins: hostile stack files are listed with a note, none breaks the read, and a tick in
# a read-only file is refused without touching it
def test_hostile_stack_files_are_noted_and_never_written(qtbot, window, library):
    stack = library / "stacks" / "example"
    outside = library.parent / "outside.md"
    outside.write_text("# Outside\n\n- [ ] far away\n", encoding="utf-8")
    (stack / "link out.md").symlink_to(outside)
    (stack / "empty.md").write_bytes(b"")
    (stack / "latin1.md").write_bytes("# Caf\xe9\n\n- [ ] x\n".encode("latin-1"))
    (stack / "binary.md").write_bytes(b"\x00\x01\xff\xfe" * 100)
    (stack / "huge.md").write_text("- [ ] big\n" * 12_000, encoding="utf-8")
    locked = stack / "locked.md"
    locked.write_text("# Locked\n\n- [ ] cannot tick\n", encoding="utf-8")
    gone = stack / "gone.md"
    gone.write_text("- [ ] soon gone\n", encoding="utf-8")
    weird = stack / "new\nline ünï.md"
    weird.write_text("- [ ] weird name\n", encoding="utf-8")
    readonly = stack / "readonly.md"
    readonly.write_text("- [ ] read only\n", encoding="utf-8")
    readonly.chmod(0o444)
    window.refresh_library()
    qtbot.waitUntil(lambda: window.results.complete, timeout=10_000)
    locked.chmod(0)
    gone.unlink()  # listed, then deleted before the read
    try:
        open_file(qtbot, window, conventions(library))
        files = {file.label: file for file in window.checklist._files.values()}
        assert files["empty.md"].tasks == () and files["empty.md"].note == ""
        assert files["latin1.md"].note == "(not UTF-8)"
        assert files["binary.md"].note == "(not UTF-8)"
        assert files["huge.md"].note.startswith("(large file")
        assert files["gone.md"].note == "(unreadable)"
        if os.geteuid() != 0:
            assert files["locked.md"].note == "(unreadable)"
        assert "link out.md" not in files  # the scan never lists a way out of the library
        assert [t.text for t in files["new\nline ünï.md"].tasks] == ["weird name"]
        messages: list[str] = []
        window.stack_checklist.message.connect(messages.append)
        _click_row(window, readonly, 1)
        qtbot.waitUntil(lambda: bool(messages), timeout=5000)
        assert readonly.read_text(encoding="utf-8") == "- [ ] read only\n"
        assert not _row_checked(window, readonly, 1)
        _click_row(window, weird, 1)
        qtbot.waitUntil(lambda: len(messages) >= 2, timeout=5000)
        assert weird.read_text(encoding="utf-8") == "- [x] weird name\n"
        assert _row_checked(window, weird, 1)
    finally:
        locked.chmod(0o644)
        readonly.chmod(0o644)


def test_a_group_for_a_file_name_that_is_not_utf8_stays_expanded(qtbot, window, library):
    """Such a name has a surrogate escape that no Qt string holds (a tooltip loses it)."""
    text = "# Bad name\n\n- [ ] first\n- [ ] second\n"
    bad = file_named_not_utf8(library / "stacks" / "example", b"bad", text)
    show_new_files(qtbot, window)
    open_file(qtbot, window, conventions(library))
    group = _group(window, bad)
    assert not group.isExpanded()  # only the open file's group starts expanded
    group.setExpanded(True)  # the reader opens it

    _click_row(window, bad, 3)  # a tick on disk: the same rows, updated in place
    qtbot.waitUntil(lambda: _row_checked(window, bad, 3), timeout=5000)
    assert bad.read_text(encoding="utf-8").startswith("# Bad name\n\n- [x] first\n")
    assert _group(window, bad) is group and group.isExpanded()

    rows = window.checklist.total_progress().total
    type_at_end(qtbot, window, "\n- [ ] one more")  # a new row: the tree is built again
    qtbot.waitUntil(lambda: window.checklist.total_progress().total == rows + 1, timeout=5000)
    assert _group(window, bad).isExpanded()


def _group(window, path: Path):
    """The checklist's group for one file (the parent of its task rows)."""
    item = window.checklist.task_item(path, 3)
    assert item is not None, f"no rows for {path.name}"
    return item.parent()


# --- 3. the windowed preview ---------------------------------------------------------------


def _long_page_window(qtbot, tmp_path, settings):
    from helpers import make_library

    text = big_document(60_000)
    assert len(text) < LARGE_FILE_BYTES
    root = make_library(tmp_path / "lib", {"mid": {"conventions.md": text}})
    window = make_window(qtbot, root, settings)
    path = root / "stacks" / "mid" / "conventions.md"
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=30_000)
    assert window.preview.showing_part()
    return window, path, text


def _top_block_text(preview) -> str:
    return preview.cursorForPosition(QPoint(0, 0)).block().text()


def _y_of_text(preview, needle: str) -> int | None:
    """The viewport y of the first document block whose text is `needle`."""
    block = preview.document().begin()
    while block.isValid():
        if block.text() == needle:
            from PySide6.QtGui import QTextCursor

            cursor = QTextCursor(block)
            return preview.cursorRect(cursor).top()
        block = block.next()
    return None


# --- 2. medium files in the child -----------------------------------------------------------


def _task_heavy(n_tasks: int, tag: str) -> str:
    lines = [f"# File {tag}", ""]
    lines += [
        f"- [ ] task {tag} {n} with **some** `inline` [markup](conventions.md)"
        for n in range(n_tasks)
    ]
    return "\n".join(lines) + "\n"


def test_a_lint_of_a_medium_file_does_not_wait_for_the_childs_stack_read(qtbot, tmp_path, settings):
    """The open file is over CHILD_PARSE_CHARS, so its lint needs the child; the stack
    beside it is a dozen files just under the large-file size, which take the child
    seconds to read. An edit's lint must not queue behind that read (the window gave the
    checklist its own thread for exactly this)."""
    import time

    from helpers import make_library

    from foundry_app.ui.workers import live_lint

    medium = big_document(30_000)
    assert live_lint.CHILD_PARSE_CHARS <= len(medium) < LARGE_FILE_BYTES
    files = {"conventions.md": medium}
    for n in range(12):
        text = _task_heavy(1300, str(n))
        assert len(text) < LARGE_FILE_BYTES
        files[f"part{n}.md"] = text
    root = make_library(tmp_path / "lib", {"busy": files})
    window = make_window(qtbot, root, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=30_000)
    path = root / "stacks" / "busy" / "conventions.md"
    assert window.open_path(path)
    qtbot.waitUntil(lambda: not window.lint_pending, timeout=30_000)
    # the opening lint, or else the first edit's, is asked while the child reads the stack
    # (which of the two takes the child first varies): neither may wait for the read
    opening_beat_the_read = window.stack_checklist.loading
    took = None
    if opening_beat_the_read:
        window.editor.moveCursor(window.editor.textCursor().MoveOperation.End)
        window.editor.insertPlainText("\nTyped while the stack is read.\n")
        asked = time.monotonic()
        window.lint_open_file()
        qtbot.waitUntil(lambda: not window.lint_pending, timeout=60_000)
        took = time.monotonic() - asked
    still_reading = window.stack_checklist.loading
    qtbot.waitUntil(lambda: not window.stack_checklist.loading, timeout=60_000)
    assert opening_beat_the_read, "the opening lint waited for the whole stack read"
    assert still_reading, f"the edit's lint waited for the whole stack read ({took:.2f} s)"


# --- 3 again: the windowed preview ----------------------------------------------------------


def test_export_pdf_and_preview_load_no_image_from_outside_the_library(
    qtbot, window, library, tmp_path, monkeypatch
):
    """An image path that climbs out of the library is refused by the preview's
    loadResource; Qt must not then load it from the file system itself (resolved against
    the process's working folder), on screen or in the whole page made for Print/PDF."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QColor, QImage, QTextDocument

    secret = tmp_path / "secret.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    assert image.save(str(secret))
    cwd = tmp_path / "a" / "b"
    cwd.mkdir(parents=True)
    monkeypatch.chdir(cwd)  # where the app happened to be started
    src = "../../secret.png"
    filler = big_document(60_000)  # a long page: shown a window at a time
    path = library / "stacks" / "example" / "pictures.md"
    path.write_text(f"# Pictures\n\n![secret]({src})\n\n{filler}", encoding="utf-8")
    open_file(qtbot, window, path)
    preview = window.preview
    assert preview.showing_part()
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    assert refused(preview.loadResource(kind, QUrl(src)))  # the policy says no…
    on_screen = preview.document().resource(kind, QUrl(src))
    whole = preview.printable_document()
    try:
        whole.documentLayout().documentSize()
        printed = whole.resource(kind, QUrl(src))
    finally:
        whole.deleteLater()
    assert refused(on_screen) and refused(printed), (
        f"loaded from outside the library: on screen {on_screen}, in the printed page {printed}"
    )


# pins: a page that is one huge block (a 60 KB listing) is windowed and all of it is
# reachable; its PDF holds it all
def test_a_page_of_one_huge_block_shows_all_of_it(qtbot, window, library):
    code = "\n".join(f"line_{n} = {n}  # padding padding padding" for n in range(1500))
    path = library / "stacks" / "example" / "listing.md"
    path.write_text(f"```python\n{code}\n```\n", encoding="utf-8")
    open_file(qtbot, window, path)
    preview = window.preview
    assert preview.showing_part()
    assert "line_0 " in preview.toPlainText() and "line_1499 " in preview.toPlainText()
    whole = preview.printable_document()
    try:
        assert "line_1499 " in whole.toPlainText()
    finally:
        whole.deleteLater()


# pins: opening one medium file and at once another (each linted in the child) ends on the
# second: its preview, its stack's checklist, its tasks; nothing of the first is left
def test_opening_two_medium_files_back_to_back_ends_on_the_second(qtbot, tmp_path, settings):
    from helpers import make_library

    first = "# First file\n\n- [ ] first task\n\n" + big_document(25_000)
    second = "# Second file\n\n- [ ] second task\n- [x] done\n\n" + big_document(26_000)
    root = make_library(tmp_path / "lib", {"one": {"a.md": first}, "two": {"b.md": second}})
    window = make_window(qtbot, root, settings)
    qtbot.waitUntil(lambda: window.results.complete, timeout=30_000)
    a, b = root / "stacks" / "one" / "a.md", root / "stacks" / "two" / "b.md"
    assert window.open_path(a)
    assert window.open_path(b)  # before anything of a's is back
    _settled(qtbot, window, 30_000)
    preview = window.preview.toPlainText()
    assert "Second file" in preview and "First file" not in preview
    assert window.checklist.files() == [b]
    tasks = window.checklist._files[b].tasks
    assert [t.text for t in tasks[:2]] == ["second task", "done"]


# --- the stack's files changed on disk ---------------------------------------------------


def test_the_checklist_follows_a_stack_file_renamed_or_deleted_on_disk(qtbot, window, library):
    """notes.md is renamed and a third file added in a terminal while conventions.md is
    open: once the window rescans, the checklist lists the stack's files as they are now."""
    open_file(qtbot, window, conventions(library))
    assert notes(library) in window.checklist.files()
    renamed = notes(library).with_name("later.md")
    notes(library).rename(renamed)
    added = library / "stacks" / "example" / "more.md"
    added.write_text("# More\n\n- [ ] gamma\n", encoding="utf-8")
    assert window.refresh_library()
    _settled(qtbot, window)
    qtbot.waitUntil(lambda: renamed in window.checklist.files())
    assert notes(library) not in window.checklist.files()
    assert added in window.checklist.files()
    assert window.checklist.task_item(added, 3) is not None
    added.unlink()
    assert window.refresh_library()
    _settled(qtbot, window)
    qtbot.waitUntil(lambda: added not in window.checklist.files())
    assert renamed in window.checklist.files()


# pins: a byte of a file name that is not UTF-8 is shown as \xff in the title, the status
# bar and the problems table (a Qt string would drop it and name another file)
def test_a_name_with_a_byte_that_is_not_utf8_is_shown_with_that_byte(qtbot, window, library):
    from foundry_app.ui.panels.problems_panel import FILE

    odd = file_named_not_utf8(library / "stacks" / "example", b"odd", "# Odd\n\nA TODO here.\n")
    show_new_files(qtbot, window)
    open_file(qtbot, window, odd)
    assert window.windowTitle().startswith("odd\\xff.md")
    window.show_status(f"Saved {odd.name}")
    assert window.statusBar().currentMessage() == "Saved odd\\xff.md"
    model = window.problems.model
    shown = {model.index(row, FILE).data() for row in range(model.rowCount())}
    assert "stacks/example/odd\\xff.md" in shown
