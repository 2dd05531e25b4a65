"""Storage: byte-exact round trips, clear errors, conflict detection, atomic writes."""

from __future__ import annotations

import codecs
import os
import stat
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from foundry_app.core import storage
from foundry_app.core.storage import (
    FileConflictError,
    NotUtf8Error,
    TextFile,
    changed_on_disk,
    decode,
    encode,
    read_text,
    read_text_file,
    write_new_file,
    write_text_file,
    write_text_file_as,
)

BOM = codecs.BOM_UTF8


def make(tmp_path, data: bytes, name: str = "doc.md"):
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("bom", [b"", BOM])
@pytest.mark.parametrize("newline", [b"\n", b"\r\n"])
@pytest.mark.parametrize("final", [True, False])
def test_round_trip_is_byte_exact(tmp_path, bom, newline, final):
    data = bom + newline.join([b"# T\xc3\xa9", b"", b"- [ ] a  ", b"\tx"]) + (newline * final)
    path = make(tmp_path, data)
    file = read_text_file(path)
    assert "\r" not in file.text and not file.text.startswith("\ufeff")
    assert file.text.endswith("\n") is final
    assert file.encoding == ("utf-8-sig" if bom else "utf-8")
    assert file.newline == newline.decode()
    assert file.size == len(data)
    assert encode(file, file.text) == data
    write_text_file(file, file.text)
    assert path.read_bytes() == data


def test_edit_keeps_bom_and_crlf(tmp_path):
    path = make(tmp_path, BOM + b"a\r\nb\r\n")
    file = read_text_file(path)
    write_text_file(file, "a\nB\nc\n")
    assert path.read_bytes() == BOM + b"a\r\nB\r\nc\r\n"


def test_mixed_newlines_pick_the_dominant_style_and_keep_each_line(tmp_path):
    data = b"one\r\ntwo\r\nthree\nfour\r\nfive"
    file = read_text_file(make(tmp_path, data))
    assert file.newline == "\r\n"
    assert file.text == "one\ntwo\nthree\nfour\nfive"
    assert encode(file, file.text) == data
    assert encode(file, "one\ntwo\nTHREE\nfour\nfive") == b"one\r\ntwo\r\nTHREE\nfour\r\nfive"
    # an inserted line gets the dominant style; its neighbours keep theirs
    assert encode(file, "one\ntwo\nthree\nnew\nfour\nfive") == (
        b"one\r\ntwo\r\nthree\nnew\r\nfour\r\nfive"
    )


def test_lone_carriage_returns_are_line_breaks(tmp_path):
    file = read_text_file(make(tmp_path, b"a\rb\rc"))
    assert file.text == "a\nb\nc"
    assert encode(file, file.text) == b"a\rb\rc"


def test_empty_file(tmp_path):
    file = read_text_file(make(tmp_path, b""))
    assert (file.text, file.encoding, file.newline) == ("", "utf-8", "\n")
    assert encode(file, "") == b""


def test_not_utf8_has_a_clear_reason(tmp_path):
    path = make(tmp_path, "caf\u00e9 ok\n".encode() + b"bad \xff byte\n")
    with pytest.raises(NotUtf8Error) as caught:
        read_text_file(path)
    error = caught.value
    assert error.path == path and error.offset == 13
    assert str(path) in str(error)
    assert "not UTF-8" in str(error) and "0xff" in str(error) and "byte offset 13" in str(error)
    assert isinstance(error, ValueError)


def test_not_utf8_offset_counts_the_bom(tmp_path):
    with pytest.raises(NotUtf8Error, match="byte offset 4"):
        read_text_file(make(tmp_path, BOM + b"a\xe9b"))


def test_latin1_is_refused(tmp_path):
    with pytest.raises(NotUtf8Error, match="byte offset 3"):
        read_text_file(make(tmp_path, "caf\u00e9".encode("latin-1")))


def test_os_errors_propagate(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_text_file(tmp_path / "missing.md")
    with pytest.raises(IsADirectoryError):
        read_text_file(tmp_path)


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"# T\n",
        BOM + b"# T\r\nb\r\n",
        b"a\rb\r\nc\n",  # mixed, with a lone CR
        "caf\u00e9 \U0001f600\n".encode(),
        b"no final newline",
    ],
)
def test_the_lint_reader_gives_the_text_the_editor_reader_gives(tmp_path, data):
    path = make(tmp_path, data)
    assert read_text(path) == read_text_file(path).text


def test_the_lint_reader_refuses_what_the_editor_reader_refuses(tmp_path):
    with pytest.raises(NotUtf8Error, match="byte offset 4"):
        read_text(make(tmp_path, BOM + b"a\xe9b"))
    with pytest.raises(IsADirectoryError):
        read_text(tmp_path)
    with pytest.raises(FileNotFoundError):
        read_text(tmp_path / "missing.md")


def test_write_returns_the_new_state(tmp_path):
    path = make(tmp_path, b"a\n")
    first = read_text_file(path)
    second = write_text_file(first, "b\n")
    assert isinstance(second, TextFile)
    assert second.text == "b\n" and second == read_text_file(path)
    assert not changed_on_disk(second)
    assert changed_on_disk(first)
    write_text_file(second, "c\n")  # the new state is good for the next save
    assert path.read_bytes() == b"c\n"


def test_conflict_when_changed_on_disk(tmp_path):
    path = make(tmp_path, b"mine\n")
    file = read_text_file(path)
    path.write_bytes(b"theirs, longer\n")
    assert changed_on_disk(file)
    with pytest.raises(FileConflictError) as caught:
        write_text_file(file, "mine, edited\n")
    assert caught.value.path == path and not caught.value.deleted
    assert path.read_bytes() == b"theirs, longer\n"
    write_text_file(file, "mine, edited\n", force=True)
    assert path.read_bytes() == b"mine, edited\n"


def test_conflict_with_same_size_but_new_mtime(tmp_path):
    path = make(tmp_path, b"aaaa\n")
    file = read_text_file(path)
    path.write_bytes(b"bbbb\n")
    os.utime(path, ns=(file.mtime_ns + 10**9, file.mtime_ns + 10**9))
    assert changed_on_disk(file)


def test_touch_without_change_is_no_conflict(tmp_path):
    path = make(tmp_path, b"same\n")
    file = read_text_file(path)
    os.utime(path, ns=(file.mtime_ns + 10**9, file.mtime_ns + 10**9))
    assert not changed_on_disk(file)
    write_text_file(file, "edited\n")
    assert path.read_bytes() == b"edited\n"


def test_conflict_when_deleted(tmp_path):
    path = make(tmp_path, b"x\n")
    file = read_text_file(path)
    path.unlink()
    assert changed_on_disk(file)
    with pytest.raises(FileConflictError, match="deleted") as caught:
        write_text_file(file, "y\n")
    assert caught.value.deleted and not path.exists()
    write_text_file(file, "y\n", force=True)
    assert path.read_bytes() == b"y\n"


def test_atomic_write_leaves_no_temp_files(tmp_path):
    path = make(tmp_path, b"a\n")
    file = read_text_file(path)
    for text in ("b\n", "c\n", "d\n"):
        file = write_text_file(file, text)
    assert os.listdir(tmp_path) == ["doc.md"]


# pins: a file whose name is at the file system's limit (255 bytes) saves: its temp file
# beside it carries a shorter name (it once had the whole name, and the save failed)
@pytest.mark.parametrize("name", ["x" * 252 + ".md", "é" * 125 + ".md"])
def test_a_file_named_at_the_length_limit_saves(tmp_path, name):
    path = tmp_path / name
    try:
        path.write_bytes(b"a\n")
    except OSError:
        pytest.skip("this file system keeps shorter names")
    file = write_text_file(read_text_file(path), "b\n")
    assert path.read_bytes() == b"b\n" and file.text == "b\n"
    assert os.listdir(tmp_path) == [name]


def test_failed_write_keeps_the_original_and_cleans_up(tmp_path, monkeypatch):
    path = make(tmp_path, b"original\n")
    file = read_text_file(path)

    def broken_replace(src, dst):
        raise OSError("disk on fire")

    monkeypatch.setattr(storage.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk on fire"):
        write_text_file(file, "new\n")
    assert path.read_bytes() == b"original\n"
    assert os.listdir(tmp_path) == ["doc.md"]


def test_failed_encode_writes_nothing(tmp_path):
    path = make(tmp_path, b"original\n")
    file = read_text_file(path)
    with pytest.raises(UnicodeEncodeError):
        write_text_file(file, "lone surrogate \ud800\n")
    assert path.read_bytes() == b"original\n" and os.listdir(tmp_path) == ["doc.md"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
@pytest.mark.parametrize("mode", [0o640, 0o600, 0o755, 0o664])
def test_permission_bits_are_kept(tmp_path, mode):
    path = make(tmp_path, b"a\n")
    path.chmod(mode)
    write_text_file(read_text_file(path), "b\n")
    assert stat.S_IMODE(path.stat().st_mode) == mode


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_write_through_symlink_keeps_the_link(tmp_path):
    target = make(tmp_path, b"a\n", "real.md")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    write_text_file(read_text_file(link), "b\n")
    assert link.is_symlink() and target.read_bytes() == b"b\n"


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
@pytest.mark.parametrize("force", [False, True])
def test_a_name_swapped_for_a_link_elsewhere_is_never_written_through(tmp_path, force):
    path = make(tmp_path, b"same\n", "notes.md")
    opened = read_text_file(path)
    (tmp_path / "outside").mkdir()
    elsewhere = make(tmp_path / "outside", b"same\n", "private.md")  # same bytes: no conflict
    path.unlink()
    path.symlink_to(elsewhere)
    with pytest.raises(storage.LinkChangedError, match=f"now leads to {elsewhere}"):
        write_text_file(opened, "mine\n", force=force)
    assert elsewhere.read_bytes() == b"same\n" and path.is_symlink()


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_link_re_pointed_since_the_read_is_never_written_through(tmp_path):
    first = make(tmp_path, b"a\n", "first.md")
    second = make(tmp_path, b"a\n", "second.md")
    link = tmp_path / "link.md"
    link.symlink_to(first)
    opened = read_text_file(link)
    link.unlink()
    link.symlink_to(second)
    with pytest.raises(storage.LinkChangedError):
        write_text_file(opened, "b\n", force=True)
    assert first.read_bytes() == second.read_bytes() == b"a\n"


def test_a_file_renamed_by_foundry_is_written_at_its_new_name(tmp_path):
    old = make(tmp_path, b"a\n", "old.md")
    opened = read_text_file(old)
    new = tmp_path / "new.md"
    old.rename(new)
    write_text_file(storage.moved_file(opened, new), "b\n")
    assert new.read_bytes() == b"b\n" and not old.exists()


def test_write_new_file(tmp_path):
    path = tmp_path / "new.md"
    file = write_new_file(path, "# New\n")
    assert path.read_bytes() == b"# New\n"
    assert file == read_text_file(path)
    assert os.listdir(tmp_path) == ["new.md"]
    if os.name == "posix":
        umask = os.umask(0)
        os.umask(umask)
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask


def test_write_new_file_refuses_to_overwrite(tmp_path):
    path = make(tmp_path, b"keep\n")
    with pytest.raises(FileExistsError):
        write_new_file(path, "clobber\n")
    assert path.read_bytes() == b"keep\n" and os.listdir(tmp_path) == ["doc.md"]


# --- property: any UTF-8 file with any mix of newlines and BOM round-trips byte for byte ---

_LINE = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\r\n"))


@st.composite
def raw_files(draw) -> bytes:
    lines = draw(st.lists(_LINE, min_size=1, max_size=8))
    endings = draw(
        st.lists(
            st.sampled_from(["\n", "\r\n", "\r"]), min_size=len(lines) - 1, max_size=len(lines) - 1
        )
    )
    final = draw(st.sampled_from(["", "\n", "\r\n"]))
    text = "".join(map(str.__add__, lines, [*endings, final]))
    return (BOM if draw(st.booleans()) else b"") + text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(raw_files())
def test_decode_encode_round_trip(raw: bytes):
    file = decode("p.md", raw)
    assert "\r" not in file.text
    assert encode(file, file.text) == raw


@settings(max_examples=200, deadline=None)
@given(raw_files(), st.data())
def test_editing_one_line_touches_only_that_line(raw: bytes, data):
    file = decode("p.md", raw)
    lines = file.text.split("\n")
    index = data.draw(st.integers(0, len(lines) - 1))
    lines[index] = lines[index] + "!"
    edited = encode(file, "\n".join(lines))
    assert len(edited) == len(raw) + 1
    prefix = next(
        (i for i, (a, b) in enumerate(zip(raw, edited, strict=False)) if a != b), len(raw)
    )
    assert edited[:prefix] + edited[prefix + 1 :] == raw and edited[prefix : prefix + 1] == b"!"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_read_only_files_are_refused_not_replaced(tmp_path):
    path = make(tmp_path, b"a\n")
    path.chmod(0o444)
    inode = path.stat().st_ino
    with pytest.raises(PermissionError) as raised:
        write_text_file(read_text_file(path), "b\n")
    assert raised.value.filename == str(path) and "read-only" in str(raised.value)
    assert path.read_bytes() == b"a\n" and path.stat().st_ino == inode
    assert os.listdir(tmp_path) == ["doc.md"]


def test_read_only_folder_error_names_the_users_file(tmp_path, monkeypatch):
    path = make(tmp_path, b"a\n")
    file = read_text_file(path)

    def refuse(*_args, **kwargs):  # what a read-only folder does (root would not see it)
        temp = Path(kwargs["dir"]) / f"{kwargs['prefix']}abc{kwargs['suffix']}"
        raise PermissionError(13, "Permission denied", str(temp))

    monkeypatch.setattr("tempfile.mkstemp", refuse)  # storage imports tempfile when it writes
    with pytest.raises(PermissionError) as raised:
        write_text_file(file, "b\n")
    assert raised.value.filename == str(path)
    assert ".tmp" not in str(raised.value) and "not writable" in str(raised.value)


@pytest.mark.skipif(os.name != "posix", reason="hard links")
def test_a_save_keeps_a_hard_link(tmp_path):
    path = make(tmp_path, b"a\n")
    other = tmp_path / "other-name.md"
    os.link(path, other)
    write_text_file(read_text_file(path), "b\n")
    assert other.read_bytes() == b"b\n" and os.path.samefile(path, other)
    assert sorted(os.listdir(tmp_path)) == ["doc.md", "other-name.md"]


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_save_as_through_a_symlink_keeps_the_link_and_the_encoding(tmp_path):
    source = make(tmp_path, b"\xef\xbb\xbfa\r\n", "src.md")
    target = make(tmp_path, b"old\n", "real.md")
    link = tmp_path / "link.md"
    link.symlink_to(target)
    saved = write_text_file_as(read_text_file(source), "b\n", link)
    assert link.is_symlink() and target.read_bytes() == b"\xef\xbb\xbfb\r\n"
    assert saved.path == link and not changed_on_disk(saved)
