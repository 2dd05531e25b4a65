"""The preview in the real window: a click jumps to the source, local images only."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QTextCursor, QTextDocument
from window_helpers import conventions, open_file, refused

IMAGE = int(QTextDocument.ResourceType.ImageResource)


def click_text(qtbot, browser, needle: str) -> None:
    """A real click on the first occurrence of `needle` in the preview."""
    found = browser.document().find(needle)
    assert not found.isNull(), needle
    cursor = QTextCursor(browser.document())
    cursor.setPosition(found.selectionStart() + 1)
    browser.setTextCursor(cursor)  # scrolls it into view
    browser.ensureCursorVisible()
    point = browser.cursorRect(cursor).center() + QPoint(1, 0)
    browser.setTextCursor(QTextCursor(browser.document()))  # no selection before the click
    qtbot.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)


def test_a_click_in_the_preview_moves_the_editor_to_that_block(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    qtbot.waitUntil(lambda: "Build features" in window.preview.toPlainText())
    click_text(qtbot, window.preview, "Build features")
    assert window.editor.textCursor().block().text().startswith("1. **Leaky features.**")
    click_text(qtbot, window.preview, "pin every")
    assert window.editor.textCursor().block().text() == "- **Do** pin every dependency."


def test_a_checkbox_click_still_ticks_and_does_not_jump(qtbot, window, library):
    open_file(qtbot, window, conventions(library))
    qtbot.waitUntil(lambda: "One" in window.preview.toPlainText())
    window.editor.go_to_line(1)
    from window_helpers import click_anchor

    line = window.editor.text().split("\n").index("- [ ] One") + 1
    click_anchor(qtbot, window.preview, f"task:{line}")
    qtbot.waitUntil(lambda: "- [x] One" in conventions(library).read_text(encoding="utf-8"))


def write_png(path, colour="red", size=(8, 6)) -> None:
    image = QImage(*size, QImage.Format.Format_RGB32)
    image.fill(QColor(colour))
    assert image.save(str(path))


def test_local_images_inside_the_library_load_and_nothing_else(qtbot, window, library, tmp_path):
    folder = library / "stacks" / "example"
    (folder / "img").mkdir()
    write_png(folder / "img" / "flow chart.png")
    write_png(tmp_path / "outside.png")
    (folder / "link.png").symlink_to(tmp_path / "outside.png")
    page = folder / "pictures.md"
    page.write_text(
        "# Pictures\n\n![flow](img/flow%20chart.png)\n\n![out](../../../outside.png)\n\n"
        "![link](link.png)\n\n![web](https://example.com/x.png)\n",
        encoding="utf-8",
    )
    window.refresh_library()
    open_file(qtbot, window, page)
    preview = window.preview
    qtbot.waitUntil(lambda: "[image: web]" in preview.toPlainText())
    loaded = preview.loadResource(IMAGE, QUrl("img/flow%20chart.png"))
    assert isinstance(loaded, QImage) and loaded.width() == 8
    assert refused(preview.loadResource(IMAGE, QUrl("../../../outside.png")))
    assert refused(preview.loadResource(IMAGE, QUrl("link.png")))  # a link out of the library
    assert refused(preview.loadResource(IMAGE, QUrl("https://example.com/x.png")))
    assert refused(preview.loadResource(IMAGE, QUrl("file:///etc/passwd")))
    assert refused(preview.loadResource(IMAGE, QUrl("pictures.md")))  # not an image
    # the image is really in the rendered page
    assert "img/flow%20chart.png" in preview.toHtml()


def test_kbd_and_details_render(qtbot, window, library):
    page = library / "stacks" / "example" / "keys.md"
    page.write_text(
        "# Keys\n\nPress <kbd>Ctrl</kbd>+<kbd>S</kbd>\n\n"
        "<details>\n<summary>Why</summary>\n\nBecause.\n\n</details>\n",
        encoding="utf-8",
    )
    window.refresh_library()
    open_file(qtbot, window, page)
    qtbot.waitUntil(lambda: "Because." in window.preview.toPlainText())
    text = window.preview.toPlainText()
    assert "Press Ctrl+S" in text and "▾ Why" in text and "<kbd>" not in text
