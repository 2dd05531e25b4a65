"""File → New Stack…: a name field checked as it is typed, OK only for a usable name, and
the typed name kept when the stack cannot be created."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class NewStackDialog(QDialog):
    """`problem(name)` says why a name cannot be used (None: it can), in the same words
    as `foundry new-stack`; `create(name)` makes the stack and returns None, or the reason
    it failed, which the dialog shows while it stays open with the name."""

    def __init__(
        self,
        parent: QWidget | None,
        problem: Callable[[str], str | None],
        create: Callable[[str], str | None],
    ) -> None:
        super().__init__(parent)
        self.setObjectName("newStackDialog")
        self.setWindowTitle("New Stack")
        self._problem = problem
        self._create = create
        label = QLabel("&Name of the new stack:")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("stackNameEdit")
        self.name_edit.setPlaceholderText("feature-stores")
        label.setBuddy(self.name_edit)
        self.message = QLabel()
        self.message.setObjectName("stackNameProblem")
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("Create")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.name_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(420)
        self.name_edit.textChanged.connect(self._check)
        self._check()

    def name(self) -> str:
        return self.name_edit.text().strip()

    def _check(self) -> None:
        problem = self._problem(self.name())
        self.ok_button.setEnabled(problem is None)
        self.message.setText(problem or "")
        self.name_edit.setAccessibleDescription(problem or "")

    def accept(self) -> None:
        """OK (or Enter): create the stack; on failure say why and keep the dialog open."""
        if self._problem(self.name()) is not None:
            self._check()  # Enter on a name that became unusable: no creation
            return
        failure = self._create(self.name())
        if failure is not None:
            self.message.setText(failure)
            self.name_edit.setFocus()
            return
        super().accept()
