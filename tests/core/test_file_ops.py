"""Names, new files, duplicates and renames that take the library's links along."""

from __future__ import annotations

import os

import pytest
from helpers import GOOD_CONVENTIONS, make_library

from foundry_app.core import storage as file_ops_storage
from foundry_app.core.file_ops import (
    FileOpError,
    apply_rename,
    check_name,
    create_file,
    create_folder,
    delete_permanently,
    describe,
    duplicate,
    plan_rename,
    starter_text,
    suggest_copy_name,
    undo_rename,
)
from foundry_app.core.library import Library

NOTES = (
    "# Notes\n\nSee [the checklist](conventions.md#checklist) and [guide](../../guides/style.md).\n"
)
STYLE = (
    "# Style\n\nRead [example](../stacks/example/conventions.md), "
    "[notes](../stacks/example/notes.md) and [the stack](../stacks/example/).\n"
)


@pytest.fixture
def library(tmp_path) -> Library:
    root = make_library(
        tmp_path / "lib", {"example": {"conventions.md": GOOD_CONVENTIONS, "notes.md": NOTES}}
    )
    (root / "guides").mkdir()
    (root / "guides" / "style.md").write_text(STYLE, encoding="utf-8")
    return Library.open(root)


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        ("..", "means a folder"),
        ("a/b.md", "cannot contain /"),
        ("con", "device name"),
        ("CON.md", "device name"),
        ("x" * 300, "too long"),
        ("two\nlines", "line break"),
        ("two\u2028lines", "line break"),
        ("next\x85line", "line break"),
        ("evil\u202egpj.md", "invisible"),
        ("", "empty"),
        (".hidden", "hidden"),
        ("back\\slash", "cannot contain \\"),
    ],
)
def test_hostile_names_are_refused_with_the_reason(answer, reason):
    with pytest.raises(FileOpError, match=reason.replace("\\", "\\\\")):
        check_name(answer)


def test_md_is_added_only_when_the_name_has_no_extension():
    assert check_name("  topic ") == "topic.md"
    assert check_name("contracts.yml") == "contracts.yml"
    assert check_name("templates", markdown=False) == "templates"


def test_a_new_file_starts_with_its_title_and_the_templates_first_section(library):
    folder = library.root / "stacks" / "example"
    path = create_file(library, folder, "feature-flags")
    assert path == folder / "feature-flags.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# Feature Flags\n\n## Defaults\n\n| Concern | Default | Alternatives |")
    assert starter_text(library, library.root / "guides" / "x.md") == "# X\n"


def test_a_new_file_never_overwrites_and_never_leaves_the_library(library, tmp_path):
    folder = library.root / "stacks" / "example"
    with pytest.raises(FileOpError, match="already exists"):
        create_file(library, folder, "notes")
    with pytest.raises(FileOpError, match="not inside the library"):
        create_file(library, tmp_path, "escape")
    assert (folder / "notes.md").read_text(encoding="utf-8") == NOTES


def test_new_folder_and_a_new_non_markdown_file_is_empty(library):
    folder = create_folder(library, library.root / "guides", "shared")
    assert folder.is_dir()
    assert create_file(library, folder, "defaults.yml").read_text(encoding="utf-8") == ""


def test_duplicate_a_file_and_a_folder(library):
    notes = library.root / "stacks" / "example" / "notes.md"
    assert suggest_copy_name(notes) == "notes-copy.md"
    copy = duplicate(library, notes, suggest_copy_name(notes))
    assert copy.read_bytes() == notes.read_bytes()
    assert suggest_copy_name(notes) == "notes-copy-2.md"
    stack = library.root / "stacks" / "example"
    folder_copy = duplicate(library, stack, suggest_copy_name(stack))
    assert folder_copy.name == "example-copy"
    assert sorted(p.name for p in folder_copy.iterdir()) == sorted(p.name for p in stack.iterdir())
    assert not [p for p in stack.parent.iterdir() if p.name.startswith(".")], "no staging left"


def test_duplicating_a_folder_with_a_symlink_loop_copies_the_link(library):
    stack = library.root / "stacks" / "example"
    os.symlink(stack, stack / "loop")
    copy = duplicate(library, stack, "looped")
    assert (copy / "loop").is_symlink()


def test_describe_says_what_a_delete_touches(library):
    stack = library.root / "stacks" / "example"
    assert describe(stack) == "the folder example/ and the 2 files in it"
    assert describe(stack / "notes.md") == "notes.md"


def test_permanent_delete_stays_inside_the_library(library, tmp_path):
    outside = tmp_path / "outside.md"
    outside.write_text("x", encoding="utf-8")
    with pytest.raises(FileOpError):
        delete_permanently(library, outside)
    with pytest.raises(FileOpError):
        delete_permanently(library, library.root)
    delete_permanently(library, library.root / "guides")
    assert not (library.root / "guides").exists() and outside.exists()


def test_renaming_a_file_lists_and_rewrites_every_link_to_it(library):
    stack = library.root / "stacks" / "example"
    plan = plan_rename(library, stack / "conventions.md", "rules")
    assert plan.new == stack / "rules.md"
    assert sorted(p.name for p in plan.files()) == ["notes.md", "style.md"]
    done = apply_rename(plan)
    assert (stack / "rules.md").exists() and not (stack / "conventions.md").exists()
    notes = (stack / "notes.md").read_text(encoding="utf-8")
    assert "[the checklist](rules.md#checklist)" in notes
    style = (library.root / "guides" / "style.md").read_text(encoding="utf-8")
    assert "[example](../stacks/example/rules.md)" in style
    assert "[notes](../stacks/example/notes.md)" in style, "other links are left alone"

    undo_rename(done)
    assert (stack / "conventions.md").exists() and not (stack / "rules.md").exists()
    assert (stack / "notes.md").read_text(encoding="utf-8") == NOTES
    assert (library.root / "guides" / "style.md").read_text(encoding="utf-8") == STYLE


def test_renaming_a_folder_rewrites_links_into_it_but_not_links_inside_it(library):
    stack = library.root / "stacks" / "example"
    plan = plan_rename(library, stack, "sample")
    assert [p.name for p in plan.files()] == ["style.md"]  # notes.md's links move with it
    apply_rename(plan)
    style = (library.root / "guides" / "style.md").read_text(encoding="utf-8")
    assert "[example](../stacks/sample/conventions.md)" in style
    assert "[the stack](../stacks/sample/)" in style
    moved_notes = library.root / "stacks" / "sample" / "notes.md"
    assert moved_notes.read_text(encoding="utf-8") == NOTES


def test_a_link_file_kept_its_bytes_except_the_link(library):
    style = library.root / "guides" / "style.md"
    style.write_bytes(STYLE.replace("\n", "\r\n").encode("utf-8-sig"))
    apply_rename(plan_rename(library, library.root / "stacks" / "example" / "notes.md", "log"))
    data = style.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    assert b"(../stacks/example/log.md)" in data


def test_undo_is_refused_when_a_file_changed_since(library):
    stack = library.root / "stacks" / "example"
    done = apply_rename(plan_rename(library, stack / "conventions.md", "rules.md"))
    (stack / "notes.md").write_text("changed by hand\n", encoding="utf-8")
    with pytest.raises(FileOpError, match="changed since"):
        undo_rename(done)
    assert (stack / "rules.md").exists()


def test_rename_refuses_a_taken_name_and_the_same_name(library):
    stack = library.root / "stacks" / "example"
    with pytest.raises(FileOpError, match="already exists"):
        plan_rename(library, stack / "conventions.md", "notes")
    with pytest.raises(FileOpError, match="same"):
        plan_rename(library, stack / "notes.md", "notes.md")


def test_a_link_that_cannot_be_written_undoes_the_whole_rename(library, monkeypatch):
    stack = library.root / "stacks" / "example"
    plan = plan_rename(library, stack / "conventions.md", "rules")
    real_write = file_ops_storage.write_text_file
    calls = []

    def failing_write(file, text, **kwargs):
        calls.append(file.path)
        if len(calls) == 2:
            raise PermissionError("read-only file")
        return real_write(file, text, **kwargs)

    monkeypatch.setattr(file_ops_storage, "write_text_file", failing_write)
    with pytest.raises(FileOpError, match="Nothing was renamed"):
        apply_rename(plan)
    assert (stack / "conventions.md").exists() and not (stack / "rules.md").exists()
    assert (stack / "notes.md").read_text(encoding="utf-8") == NOTES
    assert (library.root / "guides" / "style.md").read_text(encoding="utf-8") == STYLE


def test_a_rename_that_differs_in_case_never_replaces_another_file(library):
    stack = library.root / "stacks" / "example"
    (stack / "Notes.md").write_text("# Other\n", encoding="utf-8")
    if (stack / "notes.md").read_text(encoding="utf-8") == "# Other\n":
        pytest.skip("a case-insensitive file system: the two names are one file")
    with pytest.raises(FileOpError, match="already exists"):
        plan_rename(library, stack / "notes.md", "Notes.md")
    assert (stack / "Notes.md").read_text(encoding="utf-8") == "# Other\n"


def test_a_case_only_rename_of_a_lone_file_is_allowed(library):
    stack = library.root / "stacks" / "example"
    apply_rename(plan_rename(library, stack / "notes.md", "Notes.md"))
    assert [p.name for p in stack.iterdir() if p.name.lower() == "notes.md"] == ["Notes.md"]


def test_reference_definitions_follow_a_rename_and_labels_and_code_are_left_alone(library):
    stack = library.root / "stacks" / "example"
    guide = library.root / "guides" / "refs.md"
    text = (
        "# Refs\n\nSee [notes.md][n] and [the stack][s].\n\n"
        "[n]: ../stacks/example/notes.md\n"
        '[s]: <../stacks/example/notes.md#notes> "title"\n\n'
        "```text\n[x]: ../stacks/example/notes.md\n```\n"
    )
    guide.write_text(text, encoding="utf-8")
    apply_rename(plan_rename(Library.open(library.root), stack / "notes.md", "log"))
    assert guide.read_text(encoding="utf-8") == (
        "# Refs\n\nSee [notes.md][n] and [the stack][s].\n\n"
        "[n]: ../stacks/example/log.md\n"
        '[s]: <../stacks/example/log.md#notes> "title"\n\n'
        "```text\n[x]: ../stacks/example/notes.md\n```\n"
    )


def test_images_follow_a_renamed_picture_folder(library):
    pictures = library.root / "guides" / "img"
    pictures.mkdir()
    (pictures / "flow.png").write_bytes(b"\x89PNG")
    guide = library.root / "guides" / "style.md"
    guide.write_text(
        "# Style\n\n![flow](img/flow.png) and ![again](img/flow.png)\n", encoding="utf-8"
    )
    apply_rename(plan_rename(library, pictures, "pictures"))
    assert guide.read_text(encoding="utf-8") == (
        "# Style\n\n![flow](pictures/flow.png) and ![again](pictures/flow.png)\n"
    )


# pins: the links are found again in the text as it is when the rename runs: a save in
# between (the author's, at the unsaved-changes question) moved the linking line down
def test_links_moved_since_the_plan_are_still_rewritten(library):
    stack = library.root / "stacks" / "example"
    plan = plan_rename(library, stack / "conventions.md", "rules")
    notes = stack / "notes.md"
    notes.write_text("# Notes\n\nA new first paragraph.\n\n" + NOTES[len("# Notes\n\n") :])
    apply_rename(plan)
    text = notes.read_text(encoding="utf-8")
    assert "(rules.md#checklist)" in text and "conventions.md" not in text


# pins: a file whose name has a byte that is not UTF-8 renames, and a link to it (which
# can only be written %FF) follows; renaming to such a folder writes the link %-encoded
def test_a_name_with_a_byte_that_is_not_utf8_renames_with_its_links(library):
    stack = library.root / "stacks" / "example"
    odd = stack / os.fsdecode(b"odd\xff.md")
    try:
        odd.write_text("# Odd\n", encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses a name that is not UTF-8")
    (stack / "links.md").write_text("# Links\n\nSee [odd](odd%FF.md).\n", encoding="utf-8")
    done = apply_rename(plan_rename(Library.open(library.root), odd, "even"))
    assert (stack / "even.md").exists() and not odd.exists()
    assert (stack / "links.md").read_text(encoding="utf-8") == "# Links\n\nSee [odd](even.md).\n"
    undo_rename(done)
    assert odd.exists()
    assert (stack / "links.md").read_text(encoding="utf-8") == "# Links\n\nSee [odd](odd%FF.md).\n"
