"""Edit → Preferences…: every preference in one form, each change applied and stored at once.

The dialog holds no values of its own: it shows WindowPreferences.current and hands each
edit to WindowPreferences.update, so the window and the form never disagree.
"""

from __future__ import annotations

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from foundry_app.core.preferences import (
    FONT_SIZE_RANGE,
    LINT_DELAY_RANGE,
    START_BUNDLED,
    START_FOLDER,
    START_LAST,
    Preferences,
)
from foundry_app.ui.theme import CHOICES
from foundry_app.ui.theme.fonts import default_editor_font, default_preview_font
from foundry_app.ui.window.preferences import WindowPreferences

START_TITLES = (
    (START_LAST, "The last library opened"),
    (START_BUNDLED, "The bundled library"),
    (START_FOLDER, "This folder:"),
)


class PreferencesDialog(QDialog):
    def __init__(self, preferences: WindowPreferences, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle("Preferences")
        self.preferences = preferences
        self._filling = False  # programmatic updates of the form are not edits

        self.theme = self._combo("themeChoice", "Theme", [(c, t) for c, t in CHOICES])
        fixed, every = _font_families()
        self.editor_family = self._combo(
            "editorFontFamily",
            "Editor font",
            [("", f"System fixed font ({default_editor_font().family()})")]
            + [(f, f) for f in fixed],
        )
        self.editor_size = self._size_box("editorFontSize", "Editor font size")
        self.preview_family = self._combo(
            "previewFontFamily",
            "Preview font",
            [("", f"System font ({default_preview_font().family()})")] + [(f, f) for f in every],
        )
        self.preview_size = self._size_box("previewFontSize", "Preview font size")
        self.lint_delay = QSpinBox(self)
        self.lint_delay.setObjectName("lintDelay")
        self.lint_delay.setAccessibleName("Live check delay")
        self.lint_delay.setRange(*LINT_DELAY_RANGE)
        self.lint_delay.setSingleStep(50)
        self.lint_delay.setSuffix(" ms")
        self.lint_delay.setToolTip("How long typing must pause before the file is checked")
        self.save_on_tick = self._check(
            "saveOnTick", "Save the open file when a checkbox is ticked"
        )
        self.word_wrap = self._check("wordWrap", "Wrap long lines in the editor")
        self.show_whitespace = self._check("showWhitespace", "Show spaces and tabs")
        self.start = self._combo("startLibrary", "Library at start", list(START_TITLES))
        self.start_folder = QLineEdit(self)
        self.start_folder.setObjectName("startFolder")
        self.start_folder.setAccessibleName("Library folder at start")
        self.start_folder.setReadOnly(True)
        self.start_folder.setPlaceholderText("no folder chosen")
        self.choose_folder = QPushButton("Choose…", self)
        self.choose_folder.setObjectName("chooseStartFolder")
        self.choose_folder.setAccessibleName("Choose the library folder opened at start")
        self.choose_folder.clicked.connect(self._choose_folder)

        form = QFormLayout()
        form.addRow("&Theme:", self.theme)
        form.addRow("&Editor font:", _row(self.editor_family, self.editor_size))
        form.addRow("&Preview font:", _row(self.preview_family, self.preview_size))
        form.addRow("Live check &delay:", self.lint_delay)
        form.addRow("", self.save_on_tick)
        form.addRow("", self.word_wrap)
        form.addRow("", self.show_whitespace)
        form.addRow("&Library at start:", self.start)
        form.addRow("", _row(self.start_folder, self.choose_folder))

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.reset_button = buttons.addButton(
            "Reset to defaults", QDialogButtonBox.ButtonRole.ResetRole
        )
        self.reset_button.setObjectName("resetPreferences")
        self.reset_button.clicked.connect(self.preferences.reset)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(buttons)

        self._connect()
        self.preferences.changed.connect(self._fill)
        self._fill(self.preferences.current)

    # --- the form -----------------------------------------------------------------------

    def _combo(self, name: str, accessible: str, items: list[tuple[str, str]]) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(accessible)
        for value, title in items:
            combo.addItem(title, value)
        return combo

    def _size_box(self, name: str, accessible: str) -> QSpinBox:
        box = QSpinBox(self)
        box.setObjectName(name)
        box.setAccessibleName(accessible)
        box.setRange(int(FONT_SIZE_RANGE[0]), int(FONT_SIZE_RANGE[1]))
        box.setSpecialValueText("Default size")  # shown for 0: keep the system's size
        box.setSuffix(" pt")
        return box

    def _check(self, name: str, text: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.setObjectName(name)
        return box

    def _connect(self) -> None:
        update = self._update
        self.theme.currentIndexChanged.connect(lambda: update(theme=self.theme.currentData()))
        self.editor_family.currentIndexChanged.connect(
            lambda: update(editor_font_family=self.editor_family.currentData())
        )
        self.editor_size.valueChanged.connect(lambda v: update(editor_font_size=float(v)))
        self.preview_family.currentIndexChanged.connect(
            lambda: update(preview_font_family=self.preview_family.currentData())
        )
        self.preview_size.valueChanged.connect(lambda v: update(preview_font_size=float(v)))
        self.lint_delay.valueChanged.connect(lambda v: update(lint_delay_ms=v))
        self.save_on_tick.toggled.connect(lambda on: update(save_on_tick=on))
        self.word_wrap.toggled.connect(lambda on: update(word_wrap=on))
        self.show_whitespace.toggled.connect(lambda on: update(show_whitespace=on))
        self.start.currentIndexChanged.connect(
            lambda: update(start_library=self.start.currentData())
        )

    def refresh(self) -> None:
        self._fill(self.preferences.current)

    def _update(self, **changes) -> None:
        if not self._filling:
            self.preferences.update(**changes)

    def _fill(self, prefs: Preferences) -> None:
        """Show `prefs` (after a change here, in the menus, or a reset)."""
        self._filling = True
        try:
            _select(self.theme, prefs.theme)
            _select(self.editor_family, prefs.editor_font_family)
            self.editor_size.setValue(round(prefs.editor_font_size))
            _select(self.preview_family, prefs.preview_font_family)
            self.preview_size.setValue(round(prefs.preview_font_size))
            self.lint_delay.setValue(prefs.lint_delay_ms)
            self.save_on_tick.setChecked(prefs.save_on_tick)
            self.word_wrap.setChecked(prefs.word_wrap)
            self.show_whitespace.setChecked(prefs.show_whitespace)
            _select(self.start, prefs.start_library)
            self.start_folder.setText(prefs.start_folder)
            folder = prefs.start_library == START_FOLDER
            self.start_folder.setEnabled(folder)
            self.choose_folder.setEnabled(folder)
        finally:
            self._filling = False

    def _choose_folder(self) -> None:
        folder = self.parent().choose_library_folder() if self.parent() else ""
        if folder:
            self.preferences.update(start_library=START_FOLDER, start_folder=folder)


def _row(*widgets: QWidget) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    for index, widget in enumerate(widgets):
        layout.addWidget(widget, 1 if index == 0 else 0)
    return row


def _select(combo: QComboBox, value: str) -> None:
    """Select the item holding `value`; a family no longer installed is listed as it is."""
    index = combo.findData(value)
    if index < 0:
        combo.addItem(value, value)
        index = combo.count() - 1
    combo.setCurrentIndex(index)


def _font_families() -> tuple[list[str], list[str]]:
    """(fixed-pitch families, every family), without Qt's private ones."""
    every = [f for f in QFontDatabase.families() if not QFontDatabase.isPrivateFamily(f)]
    return [f for f in every if QFontDatabase.isFixedPitch(f)], every
