"""Buffer: the Qt-free state of one open file (dirty, read-only, saving, changes on disk)."""

from __future__ import annotations

import os

import pytest
from hypothesis import given
from hypothesis import strategies as st

from foundry_app.core import storage
from foundry_app.core.buffer import (
    Buffer,
    ExternalChange,
    from_editor_text,
    paragraph_stand_in,
    to_editor_text,
)
from foundry_app.core.storage import FileConflictError

TEXT = "# Title\n\n- [ ] one\n- [x] two\n"


def replace_on_disk(path, data: bytes) -> None:
    """Another program's atomic save: a new file renamed over the old one."""
    temp = path.with_name(path.name + ".other")
    temp.write_bytes(data)
    os.replace(temp, path)


@pytest.fixture
def md(tmp_path):
    path = tmp_path / "conventions.md"
    path.write_text(TEXT, encoding="utf-8")
    return path


def test_a_loaded_buffer_is_clean_and_an_edit_makes_it_dirty(md):
    buffer = Buffer.load(md)
    assert buffer.text == TEXT and not buffer.dirty and not buffer.read_only
    buffer.edit(TEXT + "more\n")
    assert buffer.dirty
    buffer.edit(TEXT)  # typing back to the saved text is not a change
    assert not buffer.dirty


def test_save_writes_and_only_then_counts_as_saved(md):
    buffer = Buffer.load(md)
    buffer.edit(TEXT.replace("one", "uno"))
    buffer.save()
    assert md.read_text(encoding="utf-8") == TEXT.replace("one", "uno")
    assert not buffer.dirty
    assert buffer.external_change() == ExternalChange.NONE  # our own write is not "external"


def test_a_failed_write_leaves_the_buffer_dirty(md, monkeypatch):
    buffer = Buffer.load(md)
    buffer.edit("changed\n")

    def disk_full(*_args, **_kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "write_text_file", disk_full)
    with pytest.raises(OSError):
        buffer.save()
    assert buffer.dirty and buffer.saved_text == TEXT
    assert md.read_text(encoding="utf-8") == TEXT


def test_a_clean_buffer_reloads_after_a_change_on_disk(md):
    buffer = Buffer.load(md)
    replace_on_disk(md, b"# Changed elsewhere\n")
    assert buffer.external_change() == ExternalChange.RELOAD
    buffer.reload()
    assert buffer.text == "# Changed elsewhere\n" and not buffer.dirty
    assert buffer.external_change() == ExternalChange.NONE


def test_a_dirty_buffer_asks_and_never_overwrites_silently(md):
    buffer = Buffer.load(md)
    buffer.edit("mine\n")
    replace_on_disk(md, b"theirs\n")
    assert buffer.external_change() == ExternalChange.ASK
    with pytest.raises(FileConflictError):
        buffer.save()
    assert md.read_bytes() == b"theirs\n"
    assert buffer.dirty


def test_keep_mine_makes_the_next_save_a_deliberate_overwrite(md):
    buffer = Buffer.load(md)
    buffer.edit("mine\n")
    replace_on_disk(md, b"theirs\n")
    buffer.keep_mine()
    assert buffer.dirty and buffer.external_change() == ExternalChange.NONE
    buffer.save()
    assert md.read_bytes() == b"mine\n"


def test_force_save_overwrites_a_conflict(md):
    buffer = Buffer.load(md)
    buffer.edit("mine\n")
    replace_on_disk(md, b"theirs\n")
    buffer.save(force=True)
    assert md.read_bytes() == b"mine\n" and not buffer.dirty


def test_a_deleted_file_is_reported_missing(md):
    buffer = Buffer.load(md)
    md.unlink()
    assert buffer.external_change() == ExternalChange.MISSING


def test_a_file_that_is_not_utf8_opens_read_only_with_the_reason(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("# Café\n".encode("latin-1"))
    buffer = Buffer.load(path)
    assert buffer.read_only and "not UTF-8" in buffer.read_only_reason
    assert buffer.text.startswith("# Caf")
    buffer.edit("anything")
    with pytest.raises(PermissionError):
        buffer.save()
    assert path.read_bytes() == "# Café\n".encode("latin-1")


def test_a_read_only_buffer_follows_the_disk(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes(b"caf\xe9\n")
    buffer = Buffer.load(path)
    assert buffer.external_change() == ExternalChange.NONE
    path.write_bytes(b"fixed\n")
    assert buffer.external_change() == ExternalChange.RELOAD
    buffer.reload()
    assert not buffer.read_only and buffer.text == "fixed\n"


def test_crlf_and_bom_survive_an_edit_with_one_byte_changed(tmp_path):
    path = tmp_path / "windows.md"
    original = b"\xef\xbb\xbf# T\r\n\r\n- [ ] a\r\n"
    path.write_bytes(original)
    buffer = Buffer.load(path)
    buffer.edit(buffer.text.replace("[ ]", "[x]"))
    buffer.save()
    written = path.read_bytes()
    assert len(written) == len(original)
    assert sum(a != b for a, b in zip(written, original, strict=True)) == 1


def test_a_missing_file_cannot_be_loaded(tmp_path):
    with pytest.raises(OSError):
        Buffer.load(tmp_path / "nope.md")


def test_a_buffer_deleted_on_purpose_stays_dirty_and_saves_back(tmp_path):
    path = tmp_path / "gone" / "notes.md"
    path.parent.mkdir()
    path.write_text("# Notes\n", encoding="utf-8")
    buffer = Buffer.load(path)
    path.unlink()
    path.parent.rmdir()
    buffer.mark_deleted()
    assert buffer.dirty
    assert buffer.external_change() == ExternalChange.NONE  # no "deleted by another program"
    buffer.save()
    assert path.read_text(encoding="utf-8") == "# Notes\n" and not buffer.dirty


# pins: a buffer deleted on purpose is written back only where nothing has taken its name
# since: a file that appeared there (another program's, or one renamed onto it) is a conflict
def test_a_deleted_buffer_does_not_overwrite_a_file_that_took_its_name(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text("# Notes\n", encoding="utf-8")
    buffer = Buffer.load(path)
    buffer.edit("# Notes\n\nunsaved\n")
    path.unlink()
    buffer.mark_deleted()
    path.write_text("# another file now\n", encoding="utf-8")
    with pytest.raises(FileConflictError):
        buffer.save()
    assert path.read_text(encoding="utf-8") == "# another file now\n"
    assert buffer.dirty
    buffer.save(force=True)  # the author chose Overwrite
    assert path.read_text(encoding="utf-8") == "# Notes\n\nunsaved\n"


def test_a_moved_buffer_saves_to_its_new_path_without_a_conflict(tmp_path):
    old, new = tmp_path / "a.md", tmp_path / "b.md"
    old.write_text("one\n", encoding="utf-8")
    buffer = Buffer.load(old)
    old.rename(new)
    buffer.moved_to(new)
    assert buffer.external_change() == ExternalChange.NONE
    buffer.edit("two\n")
    buffer.save()
    assert new.read_text(encoding="utf-8") == "two\n" and not old.exists()


@given(st.text(alphabet=st.sampled_from("ab\n\u2028\u2029\x85\x0c\x00\r\uf8e0\uf8e1 ")))
def test_byte_exact_editor_text_round_trips_paragraph_separators(text):
    stand_in = paragraph_stand_in(text)
    shown = to_editor_text(text, stand_in)
    assert "\u2029" not in shown and len(shown) == len(text)
    assert from_editor_text(shown, stand_in) == text


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_link_replaced_by_a_plain_file_is_saved_after_the_reload(tmp_path):
    # another program saved alias.md the atomic way (temp + rename): a plain file now,
    # which the author reloads and edits; it is the only file a save changes
    (tmp_path / "real.md").write_text("# real\n", encoding="utf-8")
    os.symlink("real.md", tmp_path / "alias.md")
    buffer = Buffer.load(tmp_path / "alias.md")
    temp = tmp_path / ".alias.tmp"
    temp.write_text("# theirs\n", encoding="utf-8")
    os.replace(temp, tmp_path / "alias.md")
    buffer.reload()
    buffer.edit("# theirs, edited\n")
    buffer.save()
    assert (tmp_path / "alias.md").read_text(encoding="utf-8") == "# theirs, edited\n"
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == "# real\n"


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_link_deleted_on_purpose_is_written_back_as_a_file(tmp_path):
    (tmp_path / "real.md").write_text("# real\n", encoding="utf-8")
    os.symlink("real.md", tmp_path / "alias.md")
    buffer = Buffer.load(tmp_path / "alias.md")
    os.unlink(tmp_path / "alias.md")  # what Delete does to a link
    buffer.mark_deleted()
    buffer.edit("# mine\n")
    buffer.save()
    assert (tmp_path / "alias.md").read_text(encoding="utf-8") == "# mine\n"
    assert (tmp_path / "real.md").read_text(encoding="utf-8") == "# real\n"
