"""Libraries without a library.toml of their own: Foundry's standard template."""

from __future__ import annotations

import pytest
from newer_layout import make_newer_layout, persona_text

from foundry_app.core.library import Library, LibraryError
from foundry_app.core.lint import lint_library
from foundry_app.core.template import builtin_template, builtin_template_text, parse_template


def test_a_library_in_the_newer_layout_opens_with_the_standard_template(tmp_path):
    library = Library.open(make_newer_layout(tmp_path / "lib"))
    assert library.uses_builtin_template
    assert [(i.kind.key, i.name) for i in library.items] == [
        ("stack", "mlops"),
        ("persona", "developer"),
        ("persona", "data-analyst"),
    ]
    developer = library.items[1]
    assert developer.path == library.root / "personas" / "core" / "developer"
    assert developer.path / "templates" / "handoff.md" in developer.files


def test_personas_straight_under_personas_are_items_too(tmp_path):
    root = tmp_path / "lib"
    (root / "personas" / "architect").mkdir(parents=True)
    (root / "personas" / "architect" / "persona.md").write_text(
        persona_text("Architect"), encoding="utf-8"
    )
    (root / "stacks" / "python").mkdir(parents=True)
    library = Library.open(root)
    assert {(i.kind.key, i.name) for i in library.items} == {
        ("stack", "python"),
        ("persona", "architect"),
    }


def test_a_folder_that_looks_like_nothing_known_is_refused(tmp_path):
    (tmp_path / "notes").mkdir()
    with pytest.raises(LibraryError, match="not a library"):
        Library.open(tmp_path)


def test_a_removed_persona_section_is_reported_in_that_file(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    persona = root / "personas" / "extended" / "data-analyst" / "persona.md"
    persona.write_text(persona_text("Data Analyst", leave_out="Quality Bar"), encoding="utf-8")
    report = lint_library(Library.open(root), use_cache=False)
    found = [d for d in report.diagnostics if d.path == persona]
    assert [d.rule for d in found] == ["FT101"] and "Quality Bar" in found[0].message
    intact = root / "personas" / "core" / "developer" / "persona.md"
    assert not [d for d in report.diagnostics if d.path == intact]


def test_save_template_writes_it_once_and_the_library_then_reads_it(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    library = Library.open(root)
    path = library.save_template()
    assert path.read_text(encoding="utf-8") == builtin_template_text()
    assert not library.uses_builtin_template
    with pytest.raises(FileExistsError):
        library.save_template()
    again = Library.open(root)
    assert not again.uses_builtin_template
    assert [i.name for i in again.items] == [i.name for i in library.items]


def test_the_standard_template_parses_with_candidate_folders_and_groups():
    kinds = {kind.key: kind for kind in builtin_template().kinds}
    assert kinds["stack"].folders == ("stacks", "expertise")
    assert kinds["persona"].groups
    with pytest.raises(ValueError, match="folder"):
        parse_template('[kinds.x]\nfolder = ["ok", "../up"]\n')


def test_other_text_files_are_part_of_the_library_but_not_linted_as_markdown(tmp_path):
    library = Library.open(make_newer_layout(tmp_path / "lib"))
    contracts = library.root / "personas" / "core" / "developer" / "contracts.yml"
    assert library.text_files == [contracts]
    assert contracts not in library.markdown_files()


def test_a_new_stack_in_the_newer_layout_goes_under_expertise(tmp_path):
    from foundry_app.core.new_item import create_item

    library = Library.open(make_newer_layout(tmp_path / "lib"))
    created = create_item(library, "stack", "feature-flags")
    assert created[0] == library.root / "expertise" / "feature-flags" / "conventions.md"
    assert not (library.root / "stacks").exists()
    assert "feature-flags" in [item.name for item in library.items]
