"""A new library: the standard template written once, only into an empty folder."""

from __future__ import annotations

import pytest

from foundry_app.core.library import Library
from foundry_app.core.new_library import NewLibraryError, create_library, init_library
from foundry_app.core.template import builtin_template_text


def test_a_new_library_in_an_empty_folder_opens(tmp_path):
    folder = tmp_path / "team-library"
    folder.mkdir()
    written = create_library(folder)
    assert written == folder / "library.toml"
    assert written.read_text(encoding="utf-8") == builtin_template_text()
    assert Library.open(folder).root == folder.resolve()


@pytest.mark.parametrize("entry", ["notes.md", ".git"])
def test_a_folder_with_anything_in_it_is_refused_and_left_alone(tmp_path, entry):
    (tmp_path / entry).write_text("mine\n", encoding="utf-8")
    with pytest.raises(NewLibraryError, match="is not empty") as refused:
        create_library(tmp_path)
    assert entry in str(refused.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == [entry]


def test_not_a_folder(tmp_path):
    with pytest.raises(NewLibraryError, match="not a folder"):
        create_library(tmp_path / "missing")
    with pytest.raises(NewLibraryError, match="not a folder"):
        init_library(tmp_path / "missing")


def test_init_never_overwrites_a_template(tmp_path):
    (tmp_path / "library.toml").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(NewLibraryError, match="already exists"):
        init_library(tmp_path)
    assert (tmp_path / "library.toml").read_text(encoding="utf-8") == "# mine\n"
