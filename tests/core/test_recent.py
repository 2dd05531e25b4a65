"""The recent-libraries list."""

from __future__ import annotations

from foundry_app.core import recent


def test_newest_first_without_repeats_and_at_most_ten():
    paths: list[str] = []
    for number in range(12):
        paths = recent.remember(paths, f"/libs/{number}")
    paths = recent.remember(paths, "/libs/5/")
    assert paths[0] == "/libs/5" and len(paths) == 10 and paths.count("/libs/5") == 1
    assert "/libs/0" not in paths and "/libs/1" not in paths


def test_forget_and_forget_missing(tmp_path):
    kept = tmp_path / "kept"
    kept.mkdir()
    paths = [str(kept), str(tmp_path / "gone")]
    assert recent.forget(paths, kept) == [str(tmp_path / "gone")]
    assert recent.forget_missing(paths) == [str(kept)]


def test_stored_lists_round_trip_and_junk_reads_as_empty():
    assert recent.load(recent.dump(["/a", "/b"])) == ["/a", "/b"]
    for junk in (None, "", "not json", '{"a": 1}', 42, '[1, "", "/ok"]'):
        assert recent.load(junk) in ([], ["/ok"])
