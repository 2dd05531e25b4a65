"""Libraries in both public layouts, opened without library.toml, checked by the standard
template: persona files and sections, packs' conventions.md and its front matter."""

from __future__ import annotations

import shutil

from newer_layout import PERSONA_SECTIONS, make_newer_layout, persona_text

from foundry_app.core.library import Library
from foundry_app.core.lint import lint_library


def newer_persona(title: str) -> str:
    """A persona in the newer layout: Category first, Activated When after Scope."""
    text = persona_text(title)
    text = text.replace("## Mission", "## Category\n\nSoftware Development\n\n## Mission")
    return text.replace(
        "## Operating Principles",
        "## Activated When\n\nA story needs code.\n\n## Operating Principles",
    )


def findings(root):
    return lint_library(Library.open(root), use_cache=False).diagnostics


def test_an_intact_persona_in_either_layout_has_no_template_finding(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    persona = root / "personas" / "core" / "developer" / "persona.md"
    persona.write_text(newer_persona("Developer"), encoding="utf-8")
    found = findings(root)
    assert [d for d in found if "personas/" in d.path.as_posix()] == []


def test_a_missing_persona_file_is_reported_at_its_path(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    (root / "personas" / "extended" / "data-analyst" / "prompts.md").unlink()
    [missing] = [d for d in findings(root) if d.name == "missing-file"]
    assert missing.path == root / "personas" / "extended" / "data-analyst" / "prompts.md"
    assert missing.line == 1


def test_a_removed_section_is_reported_where_it_belongs(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    persona = root / "personas" / "core" / "developer" / "persona.md"
    persona.write_text(persona_text("Developer", leave_out="Escalation Triggers"), encoding="utf-8")
    [found] = [d for d in findings(root) if d.path == persona]
    lines = persona.read_text(encoding="utf-8").split("\n")
    assert found.name == "missing-section" and "Escalation Triggers" in found.message
    assert lines[found.line - 1] == "## Anti-Patterns"  # the next required section
    assert PERSONA_SECTIONS.index("Anti-Patterns") > PERSONA_SECTIONS.index("Escalation Triggers")


def test_optional_persona_sections_out_of_order_are_reported(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    persona = root / "personas" / "core" / "developer" / "persona.md"
    text = persona_text("Developer") + "\n## Category\n\nLate.\n"
    persona.write_text(text, encoding="utf-8")
    names = [d.name for d in findings(root) if d.path == persona]
    assert names and set(names) == {"section-order"}  # never missing-section


def test_a_pack_without_conventions_md_is_reported(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    (root / "expertise" / "mlops" / "conventions.md").unlink()
    (root / "expertise" / "mlops" / "serving.md").write_text(
        "# Serving\n\nText.\n", encoding="utf-8"
    )
    [missing] = [d for d in findings(root) if d.name == "missing-file"]
    assert missing.path == root / "expertise" / "mlops" / "conventions.md"


def test_the_older_layout_opens_without_library_toml_too(tmp_path):
    root = make_newer_layout(tmp_path / "lib")
    shutil.move(root / "expertise", root / "stacks")
    personas = root / "personas"
    for group in ("core", "extended"):
        for persona in (personas / group).iterdir():
            shutil.move(persona, personas / persona.name)
        (personas / group).rmdir()
    library = Library.open(root)
    assert library.uses_builtin_template
    assert {(i.kind.key, i.name) for i in library.items} == {
        ("stack", "mlops"),
        ("persona", "developer"),
        ("persona", "data-analyst"),
    }
    assert [d for d in findings(root) if "personas/" in d.path.as_posix()] == []
