"""The window's modal questions, each returning a plain answer the callers can test for."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox, QWidget

from foundry_app import __version__
from foundry_app.core.wording import counted


def ask_unsaved_changes(parent: QWidget, name: str) -> str:
    """Save / Discard / Cancel; returns "save", "discard" or "cancel"."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Unsaved changes", f"Save the changes to {name}?", parent=parent
    )
    box.setInformativeText("Your changes are lost if you don't save them.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = QMessageBox.StandardButton(box.exec())
    if answer == QMessageBox.StandardButton.Save:
        return "save"
    return "discard" if answer == QMessageBox.StandardButton.Discard else "cancel"


def ask_conflict(parent: QWidget, path: Path) -> str:
    """The file changed on disk since it was read: "overwrite", "reload" or "cancel"."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "File changed on disk",
        f"{path.name} was changed by another program.",
        parent=parent,
    )
    box.setInformativeText(
        "Overwrite it with your version, or reload it (your edits are lost; Undo brings them back)?"
    )
    overwrite = box.addButton("Overwrite", QMessageBox.ButtonRole.DestructiveRole)
    reload = box.addButton("Reload", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "overwrite" if clicked is overwrite else "reload" if clicked is reload else "cancel"


def ask_save_as_path(parent: QWidget, start: Path) -> str:
    """Save As: the chosen file name (the dialog confirms an overwrite), or "" if cancelled."""
    name, _filter = QFileDialog.getSaveFileName(
        parent, "Save As", str(start), "Markdown (*.md *.markdown);;All files (*)"
    )
    return name


def ask_save_failed(parent: QWidget, name: str, reason: str) -> str:
    """A save failed; the edits are still unsaved: "save_as" or "cancel"."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Not saved", f"Could not save {name}.", parent=parent
    )
    box.setInformativeText(f"{reason}\n\nYour edits are kept. Save them under another name?")
    save_as = box.addButton("Save As…", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(save_as)
    box.exec()
    return "save_as" if box.clickedButton() is save_as else "cancel"


def ask_restore(parent: QWidget, name: str, count: int) -> str:
    """Foundry ended without saving: "restore" the unsaved text of `name`, or "discard"."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Restore unsaved changes",
        f"Foundry closed unexpectedly with unsaved changes to {name}.",
        parent=parent,
    )
    more = f" ({counted(count - 1, 'older recovered file')} too)" if count > 1 else ""
    box.setInformativeText(
        "Restore opens the file with those changes, unsaved: nothing is written until you "
        f"save. Discard drops them{more}."
    )
    restore = box.addButton("Restore Unsaved Changes", QMessageBox.ButtonRole.AcceptRole)
    box.addButton(QMessageBox.StandardButton.Discard)
    box.setDefaultButton(restore)
    box.exec()
    return "restore" if box.clickedButton() is restore else "discard"


def show_error(parent: QWidget, text: str) -> None:
    QMessageBox.warning(parent, "Foundry", text)


def show_about(parent: QWidget) -> None:
    QMessageBox.about(
        parent,
        "About Foundry",
        f"<h3>Foundry {__version__}</h3><p>A workbench for the authors of a Markdown "
        "know-how library: edit beside a live preview, see every place a file breaks "
        "the library's template, tick checklists straight into the files.</p>",
    )


def ask_name(parent: QWidget, title: str, label: str, default: str = "") -> str:
    """A file or folder name, or "" when cancelled (the caller checks and explains it)."""
    name, accepted = QInputDialog.getText(parent, title, label, text=default)
    return name if accepted else ""


def confirm(parent: QWidget, title: str, text: str, details: str, action: str) -> bool:
    """A yes-or-cancel question whose yes button says what it does ("Rename", "Delete")."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    box.setInformativeText(details)
    go = box.addButton(action, QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


def confirm_rename(parent: QWidget, old: str, new: str, linking: list[str]) -> bool:
    if linking:
        shown = "\n".join(f"• {name}" for name in linking[:12])
        more = f"\n… and {len(linking) - 12} more" if len(linking) > 12 else ""
        details = f"Links in these files are updated to the new name:\n{shown}{more}"
    else:
        details = "No link in the library points at it."
    return confirm(parent, "Rename", f"Rename {old} to {new}?", details, "Rename")


def confirm_delete(parent: QWidget, what: str) -> bool:
    return confirm(
        parent,
        "Delete",
        f"Move {what} to the trash?",
        "You can restore it from the trash.",
        "Move to Trash",
    )


def confirm_permanent_delete(parent: QWidget, what: str) -> bool:
    return confirm(
        parent,
        "Delete permanently",
        f"{what[0].upper()}{what[1:]} cannot be moved to the trash here.",
        "Delete it permanently? This cannot be undone.",
        "Delete Permanently",
    )


def confirm_library_replace(parent: QWidget, summary: str, preview: str) -> bool:
    """Replace All across the library: the changes file by file, before anything is written."""
    box = QMessageBox(QMessageBox.Icon.Question, "Replace All", summary, parent=parent)
    box.setInformativeText("Files open in the editor are changed in the editor, not on disk.")
    box.setDetailedText(preview)
    go = box.addButton("Replace", QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.exec()
    return box.clickedButton() is go


def ask_save_path(parent: QWidget, title: str, suggested: Path, file_filter: str) -> str:
    """Where to write an export; "" when cancelled."""
    path, _ = QFileDialog.getSaveFileName(parent, title, str(suggested), file_filter)
    return path


def ask_choice(parent: QWidget, title: str, label: str, items: list[str]) -> str:
    """One of `items`, or "" when cancelled."""
    choice, accepted = QInputDialog.getItem(parent, title, label, items, 0, False)
    return choice if accepted else ""
