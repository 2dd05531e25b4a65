"""The outline of a file, with missing template sections in their place."""

from __future__ import annotations

from foundry_app.core.document import Document
from foundry_app.core.outline import OutlineEntry, current_entry, outline
from foundry_app.core.template import FileSpec, SectionSpec

SPEC = FileSpec(
    title=True,
    sections=(
        SectionSpec("Defaults"),
        SectionSpec("Do / Don't"),
        SectionSpec("Common Pitfalls"),
        SectionSpec("Checklist"),
    ),
)

TEXT = "# T\n\n## Defaults\n\ntext\n\n### Detail\n\n## Common Pitfalls\n\n## Extra\n"


def test_headings_h2_and_h3_in_order():
    assert outline(Document(TEXT)) == [
        OutlineEntry(2, "Defaults", 3),
        OutlineEntry(3, "Detail", 7),
        OutlineEntry(2, "Common Pitfalls", 9),
        OutlineEntry(2, "Extra", 11),
    ]


def test_missing_sections_are_placed_where_they_belong():
    entries = outline(Document(TEXT), SPEC)
    assert [(e.text, e.missing) for e in entries] == [
        ("Defaults", False),
        ("Detail", False),
        ("Do / Don't", True),
        ("Common Pitfalls", False),
        ("Extra", False),
        ("Checklist", True),
    ]


def test_an_empty_file_shows_every_required_section_missing():
    assert [e.text for e in outline(Document(""), SPEC)] == [
        "Defaults",
        "Do / Don't",
        "Common Pitfalls",
        "Checklist",
    ]


def test_current_entry_follows_the_line():
    entries = outline(Document(TEXT), SPEC)
    assert current_entry(entries, 1) is None
    assert entries[current_entry(entries, 5)].text == "Defaults"
    assert entries[current_entry(entries, 8)].text == "Detail"
    assert entries[current_entry(entries, 100)].text == "Extra"
