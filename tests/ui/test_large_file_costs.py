"""What keeps a big file's window from waiting, as behaviour (the benchmarks measure time):
the text is copied out of Qt once per edit, a result is applied in bounded steps and
dropped halfway when the text changes, Qt is given only the underlines near the screen,
the same revision is not checked twice, and no big parse or file write runs on the window."""

from __future__ import annotations

import dataclasses
import gc
import threading
import weakref
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor
from window_helpers import conventions, open_file, shown_pane, type_text

from foundry_app.core.diagnostics import Diagnostic, Severity
from foundry_app.core.document import Document, TaskItem
from foundry_app.core.large_file import LARGE_FILE_BYTES
from foundry_app.core.render import render_blocks
from foundry_app.core.stack_tasks import FileTasks
from foundry_app.ui.document import recovery_writer
from foundry_app.ui.editor import editor as editor_module
from foundry_app.ui.editor import text_mirror
from foundry_app.ui.editor.editor import ALL_UNDERLINES_UP_TO, PIN_BATCH
from foundry_app.ui.panels.checklist_panel import ChecklistPanel
from foundry_app.ui.workers import live_lint, live_lint_child
from foundry_app.ui.workers.lint_worker import BackgroundRunner
from foundry_app.ui.workers.live_lint import LiveLinter
from foundry_app.ui.workers.live_lint_child import (
    TEXT_PART_CHARS,
    LiveLintChild,
    joined_text,
    text_parts,
)
from foundry_app.ui.workers.pickled_parts import PART_ITEMS, pickle_parts, unpickle_parts

LINES = 3000


def warning(line: int, path: Path = Path("x.md")) -> Diagnostic:
    return Diagnostic(path, line, 1, line, 5, "FT999", "test", Severity.WARNING, f"on {line}")


@pytest.fixture
def long_editor(qtbot):
    pane = shown_pane(qtbot, 600, active=False)
    editor = pane.editor
    editor.load_text("".join(f"line {n} of the file\n" for n in range(1, LINES + 1)))
    editor.set_read_only(False)
    yield editor  # the pane stays referenced while the test runs
    del pane


def _count_copies(monkeypatch) -> tuple[list[int], list[int]]:
    """(whole reads, patches): every copy of the editor's text out of Qt."""
    whole, patches = [], []
    real_whole, real_patch = text_mirror.document_text, text_mirror.TextMirror._patch
    monkeypatch.setattr(text_mirror, "document_text", lambda d: whole.append(1) or real_whole(d))
    monkeypatch.setattr(
        text_mirror.TextMirror, "_patch", lambda m: patches.append(1) or real_patch(m)
    )
    return whole, patches


def test_the_editor_copies_its_text_out_of_qt_once_then_only_what_changed(long_editor, monkeypatch):
    whole, patches = _count_copies(monkeypatch)
    first = long_editor.text()
    assert long_editor.text() is first and (len(whole), len(patches)) == (1, 0)
    QTextCursor(long_editor.document()).insertText("x")
    assert long_editor.text() == "x" + first and (len(whole), len(patches)) == (1, 1)
    assert long_editor.text() == "x" + first and len(patches) == 1  # read once per edit
    long_editor.document().undo()
    assert long_editor.text() == first and (len(whole), len(patches)) == (1, 2)
    assert long_editor.text_read_whole() == first and len(whole) == 2  # what a save writes


def test_diagnostics_are_pinned_in_bounded_steps_and_shown_only_whole(long_editor, monkeypatch):
    pinned = []
    real_pin = editor_module.DiagnosticMark.pin
    monkeypatch.setattr(
        editor_module.DiagnosticMark, "pin", lambda d, x: pinned.append(1) or real_pin(d, x)
    )
    diagnostics = [warning(line) for line in range(1, 2 * PIN_BATCH + 2)]
    steps = long_editor.pin_diagnostics(diagnostics)
    next(steps)
    assert len(pinned) == PIN_BATCH and long_editor.diagnostics() == []
    next(steps)
    assert len(pinned) == 2 * PIN_BATCH and long_editor.diagnostics() == []
    with pytest.raises(StopIteration):
        next(steps)
    assert len(long_editor.diagnostics()) == len(diagnostics)


def test_an_edit_between_steps_leaves_the_marks_as_they_were(long_editor):
    long_editor.set_diagnostics([warning(7)])
    steps = long_editor.pin_diagnostics([warning(line) for line in range(1, 2 * PIN_BATCH)])
    next(steps)
    QTextCursor(long_editor.document()).insertText("\n")  # line numbers shift by one
    assert list(steps) == []
    assert [d.line for d in long_editor.diagnostics()] == [7]


def test_with_many_marks_qt_underlines_only_those_near_the_screen(qtbot, long_editor):
    long_editor.set_diagnostics([warning(line) for line in range(1, LINES + 1)])
    assert LINES > ALL_UNDERLINES_UP_TO
    underlined = {s.cursor.blockNumber() + 1 for s in long_editor.extraSelections()}
    assert 1 in underlined and LINES not in underlined and len(underlined) < LINES / 10
    long_editor.go_to_line(LINES)
    qtbot.waitUntil(
        lambda: LINES in {s.cursor.blockNumber() + 1 for s in long_editor.extraSelections()}
    )
    assert 1 not in {s.cursor.blockNumber() + 1 for s in long_editor.extraSelections()}


def test_a_second_request_for_the_revision_being_checked_is_not_run_again(
    qtbot, tmp_path, monkeypatch
):
    analysed = []
    go_on = threading.Event()
    real = live_lint.analyse

    def slow_analyse(*args, **kw):
        analysed.append(args[3])
        go_on.wait(10)  # still checking when the second request comes
        return real(*args, **kw)

    monkeypatch.setattr(live_lint, "analyse", slow_analyse)
    linter = LiveLinter()
    results = []
    linter.finished.connect(results.append)
    path = tmp_path / "a.md"
    linter.request(None, path, "# A\n", 5)
    qtbot.waitUntil(lambda: analysed == [5])
    linter.request(None, path, "# A\n", 5)  # the debounce firing after an explicit lint
    go_on.set()
    qtbot.waitUntil(lambda: not linter.pending)
    linter.request(None, path, "# A\nb\n", 6)
    qtbot.waitUntil(lambda: not linter.pending)
    assert analysed == [5, 6] and [r.revision for r in results] == [5, 6]
    linter.shutdown()


def test_a_lint_asked_for_after_an_edit_is_not_run_again_when_typing_pauses(
    qtbot, window, library, monkeypatch
):
    open_file(qtbot, window, conventions(library))
    qtbot.waitUntil(lambda: not window.lint_pending)
    asked = []
    real = window.live_linter.request
    monkeypatch.setattr(
        window.live_linter, "request", lambda *a, **k: asked.append(a[3]) or real(*a, **k)
    )
    window.editor.set_lint_delay(50)
    window.editor.setFocus()
    type_text(qtbot, window.editor, "x")
    window.lint_open_file()  # asked for at once (a save, a theme, a script), before the pause
    qtbot.waitUntil(lambda: not window.lint_pending)
    qtbot.wait(200)  # well past the lint delay
    assert asked == [window.editor.document().revision()]
    type_text(qtbot, window.editor, "y")  # the next edit is checked after its pause, as ever
    qtbot.waitUntil(lambda: len(asked) == 2)
    assert asked[1] == window.editor.document().revision()


def test_a_result_is_shown_in_steps_and_dropped_halfway_by_a_keystroke(qtbot, window, library):
    path = conventions(library)
    open_file(qtbot, window, path)
    shown = window.editor.diagnostics()
    lines = window.editor.blockCount()
    revision = window.editor.document().revision()
    many = [warning(1 + n % lines, path) for n in range(3 * PIN_BATCH)]
    result = live_lint.analyse(window.library, path, window.documents.text(), revision)
    # a result in blocks is a large file's: shown in steps (a small file's all at once)
    large = dataclasses.replace(result, diagnostics=many, blocks=[])
    window._apply_live_result(large)
    assert window.lint_pending and window.editor.diagnostics() == shown  # not yet whole
    window.editor.setFocus()
    window.editor.moveCursor(QTextCursor.MoveOperation.End)
    type_text(qtbot, window.editor, "x")
    qtbot.waitUntil(lambda: not window.result_steps.running)
    assert len(window.editor.diagnostics()) != len(many)  # never pinned onto the newer text
    assert window.problems.model.rowCount() != len(many)


def test_the_childs_reply_comes_in_parts_that_unpickle_one_by_one():
    items = list(range(2 * PART_ITEMS + 1))
    parts = pickle_parts(items)
    assert len(parts) == 3 and unpickle_parts(parts) == items
    assert unpickle_parts(pickle_parts([])) == []


def test_paths_sent_as_names_come_back_as_the_receivers_own_even_with_hostile_names():
    odd = Path(b"/lib/a\xff\nb c.md".decode("utf-8", "surrogateescape"))
    other = Path("/lib/unknown.md")
    parts = pickle_parts([(odd, 1), (other, 2), (other, 3)] * 200, paths_as_names=True)
    back = unpickle_parts(parts, paths={str(odd): odd})
    assert back == [(odd, 1), (other, 2), (other, 3)] * 200
    assert all(path is odd for path, _ in back[::3])
    assert len({id(path) for path, _ in back[1::3]}) == 1  # one new Path, shared by all parts


def test_recovery_writes_off_the_window_thread_and_not_again_without_an_edit(
    qtbot, window, library, monkeypatch
):
    open_file(qtbot, window, conventions(library))
    type_text(qtbot, window.editor, "Draft ")
    threads = []
    store = window.recovery.store
    real_write = store.write
    monkeypatch.setattr(
        store, "write", lambda *args: threads.append(threading.get_ident()) or real_write(*args)
    )
    window.recovery.write_now()
    window.recovery.write_now()  # no edit since: nothing to copy or write
    window.recovery.wait()
    assert len(threads) == 1 and threads[0] != threading.get_ident()
    assert len(list(store.folder.glob("*.json"))) == 1


def test_a_recovery_tick_mid_typing_waits_for_the_lint_to_copy_the_text(
    qtbot, window, library, monkeypatch
):
    open_file(qtbot, window, conventions(library))
    type_text(qtbot, window.editor, "Draft ")
    QTextCursor(window.editor.document()).insertText("x")  # an edit nobody has read yet
    window.editor._lint_timer.stop()
    whole, patches = _count_copies(monkeypatch)
    folder = window.recovery.store.folder
    window.recovery._tick()
    window.recovery.wait()
    assert whole + patches == [] and not list(folder.glob("*.json"))
    window.lint_open_file()  # the pause in typing: the lint copies the text
    window.recovery._tick()
    window.recovery.wait()
    assert whole + patches == [1] and len(list(folder.glob("*.json"))) == 1


def test_a_live_update_rewrites_only_the_checklist_rows_that_changed(qtbot, monkeypatch):
    panel = ChecklistPanel()
    qtbot.addWidget(panel)
    path = Path("/library/stacks/big/conventions.md")
    tasks = [TaskItem(line, False, f"task {line}", 3, 0) for line in range(1, 501)]
    panel.set_files("Checklist", [FileTasks(path, "conventions.md", tuple(tasks))], path)
    filled = []
    real = ChecklistPanel._fill_task
    monkeypatch.setattr(
        ChecklistPanel, "_fill_task", staticmethod(lambda *a: filled.append(a[2].line) or real(*a))
    )
    tasks[9] = TaskItem(10, False, "task 10, edited", 3, 0)
    panel.update_file(path, tasks)
    assert filled == [10] and panel.task_item(path, 10).text(0) == "task 10, edited"


def test_a_finished_job_lets_go_of_what_its_work_held(qtbot):
    class Text:  # stands for a 5 MB text the live lint closed over
        pass

    runner = BackgroundRunner()
    held = Text()
    gone = weakref.ref(held)
    runner.start(lambda _progress, held=held: type(held).__name__)
    del held
    qtbot.waitUntil(lambda: not runner.running)
    gc.collect()
    assert gone() is None
    runner.shutdown()


def test_a_large_files_recovery_record_waits_for_a_pause_in_typing(qtbot, window, library):
    path = conventions(library).with_name("big.md")
    path.write_text("A line of the big file.\n" * (LARGE_FILE_BYTES // 20), encoding="utf-8")
    open_file(qtbot, window, path)
    window.editor.setFocus()
    type_text(qtbot, window.editor, "Draft ")
    window.editor.text()  # the lint's copy: not what the record waits for here
    folder = window.recovery.store.folder
    window.recovery._tick()
    window.recovery.wait()
    assert not list(folder.glob("*.json"))  # the author is typing
    window.recovery._last_edit -= 2 * recovery_writer.LARGE_PAUSE_S
    window.recovery._tick()
    window.recovery.wait()
    assert len(list(folder.glob("*.json"))) == 1


def test_the_text_goes_to_the_child_in_bounded_parts_and_comes_back_whole():
    text = ("plain é 😀 \ud800 " * (TEXT_PART_CHARS // 5))[: 2 * TEXT_PART_CHARS + 7]
    parts = text_parts(text)
    assert len(parts) == 3 and max(len(p) for p in parts) <= 4 * TEXT_PART_CHARS
    assert joined_text(parts) == text and joined_text(text_parts("")) == ""


def test_a_large_plain_text_file_loads_without_the_markdown_highlighter(qtbot, long_editor):
    # the window loads the text, then learns the file is not Markdown (a big .yml)
    long_editor.load_text("key: value\n" * (LARGE_FILE_BYTES // 10))
    long_editor.set_markdown(False)
    qtbot.waitUntil(lambda: not long_editor._highlighter.deferring)


@pytest.fixture
def replies(monkeypatch) -> list:
    """Every frame the window reads from a live-lint child, in order."""
    seen: list = []
    real = live_lint_child.read_frame
    monkeypatch.setattr(
        live_lint_child, "read_frame", lambda stream: seen.append(real(stream)) or seen[-1]
    )
    return seen


def sectioned(count: int) -> str:
    body = "Text with `code`, a [link](x.md) and *emphasis* to render. " * 8
    return "".join(f"## Part {n}\n\n{body}\n\n- [ ] task {n}\n\n" for n in range(count))


def test_after_an_edit_the_child_sends_only_what_changed_and_the_window_gets_it_all(
    tmp_path, replies
):
    child = LiveLintChild()
    try:
        path, text = tmp_path / "big.md", sectioned(400)
        assert len(text) > LARGE_FILE_BYTES
        child.analyse(None, path, text, 1)
        for revision, edited in enumerate(
            [text.replace("task 200", "task two hundred"), "new line\n" + text], start=2
        ):
            _diagnostics, blocks, tasks, _headings = child.analyse(None, path, edited, revision)
            doc = Document(edited)
            assert blocks == render_blocks(doc) and tasks == doc.tasks
        front, back, _between = replies[-1][3]  # after a line above all: every block moved
        assert front == back == 0
        front, back, _between = replies[-2][3]  # after a one-line edit: one chunk's blocks
        assert front + back > 0.9 * len(blocks)
        other = tmp_path / "other.md"
        _diagnostics, blocks, _tasks, _headings = child.analyse(None, other, text, 5)
        assert replies[-1][3][:2] == (0, 0) and blocks == render_blocks(Document(text))
    finally:
        child.close()


def test_a_child_started_again_sends_its_first_lists_whole(tmp_path, replies):
    child = LiveLintChild()
    try:
        path, text = tmp_path / "big.md", sectioned(400)
        child.analyse(None, path, text, 1)
        child._process.kill()  # it crashed between two checks
        child._process.wait()
        edited = text.replace("task 10", "task ten")
        _diagnostics, blocks, tasks, _headings = child.analyse(None, path, edited, 2)
        assert replies[-1][3][:2] == (0, 0)
        assert blocks == render_blocks(Document(edited)) and tasks == Document(edited).tasks
    finally:
        child.close()


def test_the_child_sends_a_delta_only_against_the_result_it_sent_last(tmp_path):
    """The child's loop run here on in-memory pipes: a request naming the last result gets
    a delta; one naming another (the window lost it: a failure, a restart) gets it whole."""
    path, text = tmp_path / "big.md", sectioned(400)
    results = served(path, [(text, None), (text + "x", 1), (text + "y", 1), (text + "z", 3)])
    assert [reply[1] for reply in results] == [1, 2, 3, 4]
    sent = [reply[3][:2] for reply in results]
    assert sent[0] == sent[2] == (0, 0)  # nothing held; result 1 is not the last one sent
    assert sum(sent[1]) > 0 and sum(sent[3]) > 0  # the last one sent: only the change


def served(path: Path, bodies: list[tuple[str, int | None] | tuple]) -> list:
    """The child's replies to these (text, base) lint requests, or ready-made requests,
    its loop run on in-memory pipes."""
    import io

    requests = io.BytesIO()
    for revision, body in enumerate(bodies):
        if len(body) == 2:
            text, base = body
            style = live_lint.DEFAULT_STYLE
            body = ("lint", None, path, text_parts(text), revision, False, style, base)
        live_lint_child.write_frame(requests, body)
    requests.seek(0)
    replies = io.BytesIO()
    live_lint_child.serve(requests, replies)
    replies.seek(0)
    return [live_lint_child.read_frame(replies) for _ in bodies]


def test_a_stack_read_between_two_lints_leaves_the_delta_intact(tmp_path):
    path, text = tmp_path / "big.md", sectioned(400)
    other = tmp_path / "other.md"
    other.write_text("- [ ] one\n- [x] two\n", encoding="utf-8")
    _, read, second = served(path, [(text, None), ("tasks", [other], tmp_path), (text + "x", 1)])
    assert read[0] == "tasks"
    ((tasks, text_file),) = read[1]
    assert (tasks.label, [task.checked for task in tasks.tasks]) == ("other.md", [False, True])
    assert text_file.text == other.read_text(encoding="utf-8")
    assert second[1] == 2 and sum(second[3][:2]) > 0  # still a delta against the first result


def test_equal_diagnostics_and_headings_are_not_sent_again_but_a_new_fix_is(tmp_path, monkeypatch):
    from foundry_app.core import lint
    from foundry_app.core.diagnostics import Fix

    fixes = iter(["first", "first", "second"])

    def check_document(_library, path, _doc):
        fix = Fix(next(fixes), ())
        fixed = Diagnostic(path, 1, 1, 1, 2, "FT999", "t", Severity.WARNING, "m", fix)
        return [fixed, *(warning(line, path) for line in range(2, 600))]

    monkeypatch.setattr(lint, "check_document", check_document)
    path, text = tmp_path / "big.md", sectioned(400)
    results = served(path, [(text, None), (text + "x", 1), (text + "y", 2)])
    diagnostics = [live_lint_child._received([], results[0][2])]
    for reply in results[1:]:
        diagnostics.append(live_lint_child._received(diagnostics[-1], reply[2]))
    assert results[1][2][:2] == (599, 0) and results[1][2][2] == []  # all equal: none sent
    assert results[2][2][:2] == (0, 598)  # only the one whose fix changed
    assert [d.fix.title for d in (lists[0] for lists in diagnostics)] == [
        "first",
        "first",
        "second",
    ]
    assert diagnostics[-1][1:] == [warning(line, path) for line in range(2, 600)]
    headings = results[1][5]
    assert headings[0] + headings[1] == len(Document(text + "x").headings) and not headings[2]
