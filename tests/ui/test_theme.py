"""Themes: one definition of every colour, readable in light and dark, switched live."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from helpers import ROOT
from pixels import ground_and_ink, ink_contrast, text_rect, viewport_image
from pygments.styles import get_style_by_name
from PySide6.QtCore import QRect
from PySide6.QtGui import QAction, QPalette
from window_helpers import conventions, line_of, make_window, open_file

from foundry_app.ui.theme import DARK, LIGHT, THEMES, contrast_ratio, themes
from foundry_app.ui.theme.contrast import parse_hex
from foundry_app.ui.theme.manager import ThemeManager
from foundry_app.ui.theme.palettes import EDITOR_TEXT_ACCENTS

READABLE = 4.5
SAMPLE = (
    "# Heading of the page\n\n"
    "Body text that people read.\n\n"
    "```python\n"
    "import os  # a comment\n"
    "value = 'quoted'\n"
    "```\n\n"
    "| Column | Other |\n"
    "|---|---|\n"
    "| cellvalue | more |\n"
)


@pytest.fixture(autouse=True)
def light_afterwards():
    yield
    themes().set_choice("light")  # later tests expect the default light look


def theme_action(window, title: str) -> QAction:
    actions = [a for a in window.findChildren(QAction) if a.text() == title and a.isCheckable()]
    assert len(actions) == 1, f"one checkable {title!r} action expected"
    return actions[0]


def test_no_colour_literal_in_ui_outside_the_theme():
    ui = ROOT / "foundry_app" / "ui"
    literal = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|QColor\(\s*\d+\s*,")
    offenders = []
    for path in ui.rglob("*.py"):
        if (ui / "theme") in path.parents:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if literal.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_the_literal_check_would_catch_one(tmp_path):
    literal = re.compile(r"#[0-9a-fA-F]{6}\b|#[0-9a-fA-F]{3}\b|QColor\(\s*\d+\s*,")
    assert literal.search('fmt.setForeground(QColor("#1f5fa8"))')
    assert literal.search("QColor(31, 95, 168)")
    assert literal.search("style = 'color:#fff'")
    assert not literal.search("self.setStyleSheet(f'#{name} { }')")


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_theme_colours_are_readable_on_their_ground(theme):
    base, a, roles = theme.roles["Base"], theme.accents, theme.roles
    pairs = {f"editor {accent}": (a[accent], base) for accent in EDITOR_TEXT_ACCENTS}
    pairs |= {
        "body": (roles["Text"], base),
        "window": (roles["WindowText"], roles["Window"]),
        "buttons": (roles["ButtonText"], roles["Button"]),
        "selection": (roles["HighlightedText"], roles["Highlight"]),
        "placeholder and line numbers": (roles["PlaceholderText"], base),
        "links": (roles["Link"], base),
        "tooltips": (roles["ToolTipText"], roles["ToolTipBase"]),
        "code": (a["code_text"], a["code_background"]),
        "table header": (roles["Text"], a["table_header"]),
        "muted preview text": (a["muted"], base),
        "warning bar": (a["bar_text"], a["bar_warning"]),
        "info bar": (a["bar_text"], a["bar_info"]),
        "tree badge": (a["badge"], base),
        "tree error badge": (a["error"], base),
    }
    weak = {
        name: round(contrast_ratio(fg, bg), 2)
        for name, (fg, bg) in pairs.items()
        if contrast_ratio(fg, bg) < READABLE
    }
    assert weak == {}


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_every_code_token_is_readable_on_the_code_ground(theme):
    ground = theme.accents["code_background"]
    style = get_style_by_name(theme.pygments_style)
    weak = {
        str(token): round(contrast_ratio(f"#{look['color']}", ground), 2)
        for token, look in style
        if look["color"]
        and "Whitespace" not in str(token)  # invisible
        and "Error" not in str(token)  # drawn on its own red ground
        and contrast_ratio(f"#{look['color']}", ground) < READABLE
    }
    assert weak == {}


def test_the_palette_is_the_theme():
    assert THEMES == {"light": LIGHT, "dark": DARK}
    palette = DARK.palette()
    assert palette.color(QPalette.ColorRole.Base).name() == DARK.roles["Base"]
    assert palette.color(QPalette.ColorRole.Text).name() == DARK.roles["Text"]


@pytest.fixture
def sample_file(library) -> Path:
    path = library / "stacks" / "example" / "look.md"
    path.write_text(SAMPLE, encoding="utf-8")
    return path


def rendered_contrasts(window) -> dict[str, float]:
    """Contrast of the ink against its ground, sampled from the pixels on screen."""
    editor, preview = window.editor, window.preview
    editor.clear_diagnostics()  # underlines are not text
    editor.verticalScrollBar().setValue(0)
    preview.verticalScrollBar().setValue(0)
    window.external_bar.show_message("The file changed on disk.", [("Reload", lambda: None)])
    window.repaint()
    editor_image, preview_image = viewport_image(editor), viewport_image(preview)
    bar = window.external_bar
    return {
        "editor heading": ink_contrast(editor_image, text_rect(editor, "Heading of the page")),
        "editor body": ink_contrast(editor_image, text_rect(editor, "Body text that people")),
        "editor fence": ink_contrast(editor_image, text_rect(editor, "import os  # a comment")),
        "preview body": ink_contrast(preview_image, text_rect(preview, "Body text that people")),
        "preview code": ink_contrast(preview_image, text_rect(preview, "value = 'quoted'")),
        "preview table": ink_contrast(preview_image, text_rect(preview, "cellvalue")),
        "message bar": ink_contrast(bar.grab().toImage(), bar.label.geometry()),
    }


@pytest.mark.parametrize("title", ["Light", "Dark"])
def test_rendered_text_is_readable(qtbot, window, sample_file, title):
    theme_action(window, title).trigger()
    open_file(qtbot, window, sample_file)
    contrasts = rendered_contrasts(window)
    print(title, {name: round(value, 2) for name, value in contrasts.items()})  # the figures
    weak = {name: round(value, 2) for name, value in contrasts.items() if value < READABLE}
    assert weak == {}, contrasts


def test_switching_the_theme_repaints_everything_live(qtbot, window, sample_file):
    open_file(qtbot, window, sample_file)
    editor, preview = window.editor, window.preview

    def grounds() -> dict[str, tuple[int, int, int]]:
        return {
            "editor": ground_and_ink(viewport_image(editor), text_rect(editor, "Body text"))[0],
            "preview": ground_and_ink(viewport_image(preview), text_rect(preview, "Body text"))[0],
            "code": ground_and_ink(viewport_image(preview), text_rect(preview, "value ="))[0],
        }

    theme_action(window, "Light").trigger()
    qtbot.waitUntil(lambda: not window.lint_pending)
    light = grounds()
    theme_action(window, "Dark").trigger()
    qtbot.waitUntil(lambda: not window.lint_pending)
    dark = grounds()
    assert themes().theme is DARK and theme_action(window, "Dark").isChecked()
    assert not theme_action(window, "Light").isChecked()
    for part in light:
        assert light[part] != dark[part], part
    assert sum(dark["editor"]) < sum(light["editor"])  # a dark ground, really
    assert dark["code"] == parse_hex(DARK.accents["code_background"])
    assert dark["preview"] == parse_hex(DARK.roles["Base"])


def test_follow_system_is_the_default_and_follows_a_dark_system(
    qtbot, library, settings, monkeypatch
):
    monkeypatch.setattr(ThemeManager, "system_is_dark", lambda self: True)
    window = make_window(qtbot, library, settings)
    assert theme_action(window, "Follow System").isChecked()
    assert themes().theme is DARK
    monkeypatch.setattr(ThemeManager, "system_is_dark", lambda self: False)
    themes()._on_system_scheme_changed()  # what Qt calls when the desktop switches
    assert themes().theme is LIGHT


def test_the_chosen_theme_is_remembered(qtbot, library, settings):
    first = make_window(qtbot, library, settings)
    theme_action(first, "Dark").trigger()
    first.close()
    themes().set_choice("light")
    second = make_window(qtbot, library, settings)
    assert theme_action(second, "Dark").isChecked()
    assert themes().theme is DARK


def test_an_unattended_run_takes_its_theme_from_the_environment(qtbot, library, monkeypatch):
    monkeypatch.setenv("FOUNDRY_THEME", "dark")
    window = make_window(qtbot, library, False)  # no settings, as --screenshot runs
    assert themes().theme is DARK and theme_action(window, "Dark").isChecked()


# a check box's frame is a graphical object: WCAG asks 3:1 against what is next to it
BOX_VISIBLE = 3.0


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
def test_the_check_box_frame_stands_out_from_its_ground(theme):
    assert contrast_ratio(theme.accents["indicator_border"], theme.roles["Base"]) >= BOX_VISIBLE
    assert contrast_ratio(theme.accents["indicator_border"], theme.roles["Window"]) >= BOX_VISIBLE


def checklist_box_contrasts(qtbot, window, library) -> dict[str, float]:
    """Contrast of each Checklist panel box (ticked or not) against its row, from pixels."""
    path = conventions(library)
    open_file(qtbot, window, path)
    panel = window.checklist
    first = line_of(path.read_text(), "- [ ] One")
    qtbot.waitUntil(lambda: panel.task_item(path, first) is not None)
    panel.tree.clearSelection()
    panel.tree.setCurrentItem(None)
    image = viewport_image(panel.tree)
    found = {}
    for needle in ("- [ ] One", "- [x] Two"):
        row = panel.tree.visualItemRect(panel.task_item(path, line_of(path.read_text(), needle)))
        box = QRect(row.left(), row.top(), row.height() + 2, row.height())  # the indicator
        found[needle] = ink_contrast(image, box)
    return found


@pytest.mark.parametrize("title", ["Light", "Dark"])
def test_checklist_boxes_are_visible(qtbot, window, library, title):
    theme_action(window, title).trigger()
    contrasts = checklist_box_contrasts(qtbot, window, library)
    print(title, {name: round(value, 2) for name, value in contrasts.items()})  # the figures
    assert min(contrasts.values()) >= BOX_VISIBLE, contrasts
