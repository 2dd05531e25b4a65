"""The collection pacer: no full collection of its own accord, one in each pause in typing."""

from __future__ import annotations

import gc

import pytest
from window_helpers import notes, open_file, type_at_end

from foundry_app.ui.window import collection_pacer
from foundry_app.ui.window.app import run_gui
from foundry_app.ui.window.collection_pacer import CollectionPacer

SURVIVORS = 200_000  # tracked objects kept alive beyond half of what is already tracked


@pytest.fixture(autouse=True)
def pythons_defaults():
    """Python's own thresholds, whatever an earlier test left behind."""
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*before)


@pytest.fixture
def full_collections():
    """How many full collections start while the test runs."""
    seen = []

    def watch(phase, info):
        if phase == "start" and info["generation"] == 2:
            seen.append(info)

    gc.collect()
    gc.callbacks.append(watch)
    yield seen
    gc.callbacks.remove(watch)


@pytest.fixture
def pacers(qapp):
    made = []

    def make(**options):
        made.append(CollectionPacer(**options))
        return made[-1]

    yield make
    for pacer in made:
        pacer.stop()


def pile_up() -> list:
    """Enough survivors for Python to want a full collection: it starts one only once the
    objects left over since the last exceed a quarter of those it has already kept."""
    survivors = len(gc.get_objects()) // 2 + SURVIVORS
    return [[index] for index in range(survivors)]


def test_without_the_pacer_piling_up_objects_starts_a_full_collection(full_collections):
    kept = pile_up()
    assert full_collections, "the piles below would prove nothing"
    del kept


def test_while_the_author_types_python_starts_no_full_collection(pacers, full_collections):
    pacer = pacers(tick_ms=60_000)  # its own tick never comes during the test
    collection_pacer.note_activity()
    kept = pile_up()
    assert pacer.holding and full_collections == []
    assert gc.get_count()[2] >= collection_pacer.FULL_EVERY  # one is due, and waits
    del kept


def test_when_nobody_types_python_collects_as_usual(qtbot, pacers, full_collections):
    pacer = pacers(tick_ms=5)
    kept = pile_up()
    assert full_collections and not pacer.holding
    assert not pacer._timer.isActive()  # an idle window is not woken by the pacer
    del kept


def test_a_pause_in_typing_gets_the_full_collection(qtbot, pacers, full_collections):
    pacer = pacers(quiet_s=0.05, longest_wait_s=3600, tick_ms=5)
    collection_pacer.note_activity()
    kept = pile_up()
    assert full_collections == []
    qtbot.waitUntil(lambda: not pacer.holding, timeout=5000)
    assert pacer.collections == 1 and len(full_collections) == 1
    assert gc.get_count()[2] == 0
    assert gc.get_threshold() == (700, 10, 10)  # Python decides again until the next edit
    assert not pacer._timer.isActive()
    del kept


def test_typing_with_no_pause_still_gets_one_at_the_longest_wait(qtbot, pacers, full_collections):
    pacer = pacers(quiet_s=3600, longest_wait_s=0.05, tick_ms=5)
    collection_pacer.note_activity()
    kept = pile_up()
    for _ in range(200):  # an edit every 5 ms
        collection_pacer.note_activity()
        qtbot.wait(5)
        if pacer.collections:
            break
    assert pacer.collections == 1 and len(full_collections) == 1
    assert pacer.holding  # still typing
    del kept


def test_a_pause_with_nothing_due_collects_nothing(qtbot, pacers, full_collections):
    # the fixture has just collected everything, so nothing is due
    pacer = pacers(quiet_s=0.01, longest_wait_s=0, tick_ms=5)
    collection_pacer.note_activity()
    qtbot.waitUntil(lambda: not pacer.holding, timeout=5000)
    assert pacer.collections == 0 and full_collections == []


def test_stop_gives_python_its_thresholds_back(qapp):
    before = gc.get_threshold()
    pacer = CollectionPacer()
    collection_pacer.note_activity()
    assert gc.get_threshold()[2] > 1_000_000
    pacer.stop()
    assert gc.get_threshold() == before
    collection_pacer.note_activity()  # no pacer installed: nothing is held
    assert gc.get_threshold() == before


def test_each_edit_in_the_window_is_noted(qtbot, window, library, monkeypatch):
    open_file(qtbot, window, notes(library))
    monkeypatch.setattr(collection_pacer, "_last_activity", 0.0)
    type_at_end(qtbot, window, "x")
    assert collection_pacer._last_activity > 0


def test_the_app_gives_python_its_thresholds_back(library, tmp_path):
    before = gc.get_threshold()
    assert run_gui(library, None, tmp_path / "shot.png") == 0
    assert gc.get_threshold() == before


def test_a_new_process_sets_its_loaded_code_aside_before_any_qt_object(tmp_path):
    """In a fresh process the window's start takes the imported code out of later full
    collections; no wrapper of an object Qt may delete is among what it sets aside (module
    constants such as colours and fonts are plain values Python owns)."""
    import subprocess
    import sys

    probe = tmp_path / "probe.py"
    probe.write_text(
        "import gc, sys\n"
        "from foundry_app.ui.window.main_window import MainWindow\n"
        "from foundry_app.ui.window.app import window_process\n"
        "gc.collect()\n"
        "loaded = len(gc.get_objects())\n"
        "app, pacer = window_process(sys.argv[:1])\n"
        "seen = {id(o) for o in gc.get_objects()}\n"
        "print(gc.get_freeze_count(), loaded, len(seen))\n"
        "gc.unfreeze()\n"
        "from PySide6.QtCore import QObject\n"
        "from PySide6.QtGui import QStandardItem\n"
        "frozen = [o for o in gc.get_objects() if id(o) not in seen]\n"
        "print(sum(isinstance(o, (QObject, QStandardItem)) for o in frozen))\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, str(probe)], capture_output=True, text=True, check=True, timeout=120
    )
    counts, wrappers = result.stdout.split("\n")[:2]
    frozen, loaded, left = map(int, counts.split())
    assert frozen >= loaded * 0.9 and left < loaded * 0.1
    assert int(wrappers) == 0


def test_a_process_that_already_has_its_qapplication_sets_nothing_aside(qapp):
    from foundry_app.ui.window.app import window_process

    before = gc.get_freeze_count()
    _app, pacer = window_process([])
    try:
        assert gc.get_freeze_count() == before
    finally:
        pacer.stop()
