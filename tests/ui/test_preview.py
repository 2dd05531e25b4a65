"""MarkdownPreview: link routing, scroll keeping, scroll sync and no fetching."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QTextDocument
from window_helpers import refused

from foundry_app.ui.panels import preview as preview_module
from foundry_app.ui.panels.preview import MarkdownPreview


def long_page(blocks: int = 300, *, tail: str = "") -> str:
    """One anchored paragraph per odd source line, like render_html emits."""
    body = "".join(
        f'<a name="L{2 * i + 1}"></a><p>Paragraph {i} {"word " * 30}</p>' for i in range(blocks)
    )
    return f"<html><body>{body}{tail}</body></html>"


@pytest.fixture
def preview(qtbot) -> MarkdownPreview:
    widget = MarkdownPreview()
    qtbot.addWidget(widget)
    widget.resize(400, 300)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_defaults(preview):
    assert preview.objectName() == "preview"
    assert not preview.openLinks()
    assert not preview.openExternalLinks()
    preview.show_html("<p>hello</p>")
    preview.selectAll()
    assert preview.textCursor().selectedText() == "hello"


def test_task_link_emits_task_toggled(preview, qtbot):
    preview.show_html('<p><a href="task:7">☐</a> write tests</p>')
    with qtbot.waitSignal(preview.taskToggled) as blocker:
        preview.anchorClicked.emit(QUrl("task:7"))
    assert blocker.args == [7]
    assert "write tests" in preview.toPlainText()  # nothing navigated away


@pytest.mark.parametrize("href", ["model-training.md#x", "../python/conventions.md"])
def test_relative_link_emits_file_link(preview, qtbot, href):
    with qtbot.waitSignal(preview.fileLinkActivated) as blocker:
        preview.follow_link(QUrl(href))
    assert blocker.args == [href]


@pytest.mark.parametrize("href", ["https://example.com/a", "http://x.org", "mailto:a@b.c"])
def test_external_link_goes_to_desktop(preview, monkeypatch, href):
    opened = []
    monkeypatch.setattr(preview_module.QDesktopServices, "openUrl", opened.append)
    preview.anchorClicked.emit(QUrl(href))
    assert opened == [QUrl(href)]


def test_unknown_scheme_does_nothing(preview, monkeypatch, qtbot):
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", opened.append)
    with qtbot.assertNotEmitted(preview.fileLinkActivated):
        preview.follow_link(QUrl("javascript:alert(1)"))
    assert opened == []


def test_fragment_link_scrolls_within_preview(preview, qtbot):
    preview.show_html(long_page(tail='<a name="the-end"></a><p>End</p>'))
    with qtbot.assertNotEmitted(preview.fileLinkActivated):
        preview.follow_link(QUrl("#the-end"))
    assert preview.verticalScrollBar().value() > 0


def test_show_html_twice_keeps_scroll_position(preview):
    preview.show_html(long_page())
    bar = preview.verticalScrollBar()
    assert bar.maximum() > 2000
    bar.setValue(1500)
    preview.show_html(long_page(tail="<p>one more paragraph</p>"))
    assert "one more paragraph" in preview.toPlainText()
    assert bar.value() == 1500


def test_scroll_to_line_uses_nearest_anchor_at_or_before(preview, monkeypatch):
    preview.show_html(long_page())
    assert preview.anchor_lines()[:3] == [1, 3, 5]
    anchors = []
    monkeypatch.setattr(preview, "scrollToAnchor", anchors.append)
    preview.scroll_to_line(100)  # between L99 and L101
    preview.scroll_to_line(101)
    # the block's own anchor, then the next one (to place the line inside a long block)
    assert anchors == ["L99", "L101", "L101", "L103"]


def test_scroll_to_line_moves_the_view(preview):
    preview.show_html(long_page())
    preview.scroll_to_line(400)
    further = preview.verticalScrollBar().value()
    preview.scroll_to_line(200)
    assert 0 < preview.verticalScrollBar().value() < further
    preview.scroll_to_line(0)
    assert preview.verticalScrollBar().value() == 0


def test_load_resource_fetches_nothing(preview):
    image = int(QTextDocument.ResourceType.ImageResource)
    assert refused(preview.loadResource(image, QUrl("http://example.com/x.png")))
    assert refused(preview.loadResource(image, QUrl("file:///etc/passwd")))
    preview.show_html('<p>pic <img src="https://example.com/x.png"> here</p>')
    assert "pic" in preview.toPlainText()


def test_a_big_files_page_is_a_few_screens_of_the_pane_tall(qtbot, preview):
    from foundry_app.core.document import Document
    from foundry_app.core.render import render_blocks

    body = "Words to fill a paragraph of the preview, many of them. " * 6
    blocks = render_blocks(Document("".join(f"## Part {n}\n\n{body}\n\n" for n in range(600))))
    preview.resize(700, 600)
    preview.show_blocks(blocks)
    first = preview.document().size().height()
    preview.show_blocks(blocks)  # the second page is sized to the pane
    screens = preview.document().size().height() / preview.viewport().height()
    assert preview.document().size().height() < first and 2 <= screens <= 8
    preview.resize(700, 2400)  # a taller pane: the page grows with it
    qtbot.waitUntil(lambda: preview.document().size().height() >= 2 * preview.viewport().height())


def test_a_click_on_text_names_its_source_line_on_each_new_page(qtbot, preview):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from foundry_app.core.document import Document
    from foundry_app.core.render import render_html

    def click_on(word: str) -> list[int]:
        cursor = preview.document().find(word)
        point = preview.cursorRect(cursor).center()
        clicked = []
        preview.sourceLineClicked.connect(clicked.append)
        QTest.mouseClick(preview.viewport(), Qt.MouseButton.LeftButton, pos=point)
        preview.sourceLineClicked.disconnect(clicked.append)
        return clicked

    first = "# Title\n\nalpha words\n\nbeta words\n"
    preview.show_html(render_html(Document(first)), first)
    assert click_on("beta") == [5]
    second = "# Title\n\nintro\n\n\n\nalpha words\n\nbeta words\n"  # the lines moved
    preview.show_html(render_html(Document(second)), second)
    assert click_on("beta") == [9]


class _Resizes(QObject):
    """The widths a widget is resized to while it is watched."""

    def __init__(self) -> None:
        super().__init__()
        self.widths: list[int] = []

    def eventFilter(self, _watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.widths.append(event.size().width())
        return False


def test_a_new_long_page_is_laid_out_at_one_width(preview):
    preview.show_html(long_page())
    resizes = _Resizes()
    preview.viewport().installEventFilter(resizes)
    preview.show_html(long_page(tail="<p>one more paragraph</p>"))
    preview.viewport().removeEventFilter(resizes)
    # the scroll bar did not go and come back, which laid the page out a second time
    assert resizes.widths == []
    assert preview.verticalScrollBar().isVisible()


def test_a_short_page_after_a_long_one_has_no_scroll_bar(preview):
    preview.show_html(long_page())
    preview.show_html("<p>short</p>")
    assert preview.verticalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAsNeeded
    assert not preview.verticalScrollBar().isVisible()
    preview.show_html(long_page())
    assert preview.verticalScrollBar().isVisible()


def test_a_window_that_opens_on_a_huge_fence_moves_on_with_the_pane_kept(qtbot, preview):
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QAbstractSlider

    from foundry_app.core.document import Document
    from foundry_app.core.render import render_blocks

    code = "\n".join(f"line_{n} = {n}  # padding padding" for n in range(1500))
    text = f"```python\n{code}\n```\n\n" + "".join(f"## Part {n}\n\nwords\n\n" for n in range(400))
    preview.show_blocks(render_blocks(Document(text)))
    assert preview._window == (0, 1)  # the fence alone is more than a window's budget
    bar = preview.verticalScrollBar()
    bar.triggerAction(QAbstractSlider.SliderAction.SliderToMaximum)  # the reader drags down
    shown = preview.cursorForPosition(QPoint(10, 10)).block().text()
    qtbot.waitUntil(lambda: preview._window != (0, 1))
    # the move restores the pane into the page's scroll range, which must be its real one
    assert preview.cursorForPosition(QPoint(10, 10)).block().text() == shown
