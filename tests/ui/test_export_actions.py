"""Export through the window's actions, output parsed back."""

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QAction
from window_helpers import conventions, notes, open_file

from foundry_app.ui import dialogs


def action(window, text: str) -> QAction:
    found = [a for a in window.findChildren(QAction) if a.text() == text]
    assert found, text
    return found[0]


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    asked = []

    def answer(target):
        def fake(parent, title, suggested, file_filter):
            asked.append((title, suggested, file_filter))
            return str(target) if target else ""

        monkeypatch.setattr(dialogs, "ask_save_path", fake)
        return asked

    return answer


def test_export_library_as_html(qtbot, window, library, save_to, tmp_path):
    target = tmp_path / "out" / "library.html"
    target.parent.mkdir()
    save_to(target)
    action(window, "Export Library as HTML…").trigger()
    html = target.read_text(encoding="utf-8")
    toc = re.findall(r'<li><a href="#(f\d+)">([^<]*)</a>', html)
    assert [title for _, title in toc] == ["Example", "Notes", "Example", "Library"]
    assert all(f'id="{anchor}"' in html for anchor, _ in toc)
    assert len(re.findall(r"<h1>", html)) == 5  # the export's title and every file's H1
    assert "http" not in html and "<link" not in html and "<script" not in html


def test_export_stack_as_markdown_uses_the_open_files_stack(
    qtbot, window, library, save_to, tmp_path
):
    open_file(qtbot, window, notes(library))
    target = tmp_path / "example.md"
    asked = save_to(target)
    action(window, "Export Stack as Markdown…").trigger()
    assert asked[0][1].name == "example.md"
    text = target.read_text(encoding="utf-8")
    assert "<!-- file: stacks/example/conventions.md -->" in text
    assert "<!-- file: stacks/example/notes.md -->" in text
    assert "stacks/other" not in text


def test_export_stack_without_an_open_file_asks_which(
    qtbot, window, library, save_to, tmp_path, monkeypatch
):
    monkeypatch.setattr(dialogs, "ask_choice", lambda parent, title, label, items: "other")
    target = tmp_path / "other.html"
    save_to(target)
    action(window, "Export Stack as HTML…").trigger()
    assert "stacks/other/conventions.md" in target.read_text(encoding="utf-8")


def test_cancelled_export_writes_nothing(qtbot, window, save_to, tmp_path):
    save_to(None)
    action(window, "Export Library as Markdown…").trigger()
    assert list(tmp_path.glob("*.md")) == []


def test_export_pdf_of_the_open_file(qtbot, window, library, save_to, tmp_path):
    open_file(qtbot, window, conventions(library))
    target = tmp_path / "conventions.pdf"
    save_to(target)
    action(window, "Export PDF…").trigger()
    assert target.read_bytes().startswith(b"%PDF")


def test_export_pdf_of_a_long_page_holds_all_of_it_not_the_window_shown(
    qtbot, window, library, save_to, tmp_path
):
    import sys
    from pathlib import Path

    from PySide6.QtPrintSupport import QPrinter

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    from synthetic import big_document

    path = library / "stacks" / "example" / "long.md"
    path.write_text(big_document(60_000), encoding="utf-8")
    open_file(qtbot, window, path)
    assert window.preview.showing_part()
    target = tmp_path / "long.pdf"
    save_to(target)
    action(window, "Export PDF…").trigger()
    window_only = tmp_path / "window.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(window_only))
    window.preview.document().print_(printer)

    def pages(pdf: Path) -> int:
        return len(re.findall(rb"/Type\s*/Page\b", pdf.read_bytes()))

    assert pages(target) > pages(window_only) >= 1
