"""Files and folders from the window: New File, New Folder, Rename, Duplicate, Delete,
Reveal, Copy Path and Undo Rename, in the File menu and the tree's context menu.

The decisions (safe names, starter text, which links a rename rewrites) are in
core.file_ops; this asks the author, runs them and keeps the window in step.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFile, QObject, QPoint, Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QMenu

from foundry_app.core import file_ops
from foundry_app.core.file_ops import FileOpError, RenameDone
from foundry_app.core.library_tree import FILE, KIND
from foundry_app.core.wording import counted, readable
from foundry_app.ui import dialogs


def move_to_trash(path: Path) -> bool:
    """The system trash; False where there is none (tests replace this)."""
    return bool(QFile.moveToTrash(str(path)))


def open_in_file_manager(folder: Path) -> bool:
    """The desktop's file manager on `folder` (tests replace this)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))


class FileActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.tree = window.tree
        self.last_rename: RenameDone | None = None
        self.new_file = self._action("New File", self.create_file, name="newFileAction")
        self.new_folder = self._action("New Folder", self.create_folder, name="newFolderAction")
        self.rename = self._action("Rename", self.rename_current, "F2", "renameAction")
        self.duplicate = self._action("Duplicate", self.duplicate_current, name="duplicateAction")
        self.delete = self._action(
            "Delete", self.delete_current, QKeySequence.StandardKey.Delete, "deleteAction"
        )
        self.reveal = self._action(
            "Reveal in File Manager", self.reveal_current, name="revealAction"
        )
        self.copy_path = self._action("Copy Path", self.copy_current_path, name="copyPathAction")
        self.undo_rename = self._action("Undo Rename", self.undo_last_rename, name="undoRename")
        self.undo_rename.setEnabled(False)
        for action in (self.rename, self.delete):
            # only while the tree has focus: F2 and Delete mean something else in the editor
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.view.addAction(action)  # not the filter box: Del edits its text
        self.tree.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.view.customContextMenuRequested.connect(self._show_context_menu)

    def _action(self, text: str, slot, shortcut=None, name: str = "") -> QAction:
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def add_to(self, menu: QMenu) -> None:
        """The File menu's part."""
        menu.addActions([self.new_file, self.new_folder])
        menu.addSeparator()
        menu.addActions([self.rename, self.duplicate, self.delete, self.undo_rename])
        menu.addSeparator()
        menu.addActions([self.reveal, self.copy_path])

    def context_menu(self) -> QMenu:
        menu = QMenu(self.tree)
        menu.setObjectName("treeContextMenu")
        new_stack = self.window.findChild(QAction, "newStackAction")
        if new_stack is not None:
            menu.addAction(new_stack)
        self.add_to(menu)
        target = self.tree.current_target()
        on_entry = target is not None and target[0] != KIND
        for action in (self.rename, self.duplicate, self.delete):
            action.setEnabled(on_entry)
        return menu

    def _show_context_menu(self, point: QPoint) -> None:
        index = self.tree.view.indexAt(point)
        if index.isValid():
            self.tree.view.setCurrentIndex(index)
        menu = self.context_menu()
        menu.exec(self.tree.view.viewport().mapToGlobal(point))
        for action in (self.rename, self.duplicate, self.delete):
            action.setEnabled(True)  # the menu bar's copies check when triggered

    # --- what the actions work on -----------------------------------------------------------

    def _target(self) -> tuple[str, Path] | None:
        if self.window.library is None:
            return None
        return self.tree.current_target()

    def _entry(self) -> Path | None:
        """The selected file or folder that Rename, Duplicate and Delete act on."""
        target = self._target()
        if target is None or target[0] == KIND:
            self.window.show_status("Select a file or folder in the library tree first")
            return None
        return target[1]

    def _folder(self) -> Path | None:
        """Where New File and New Folder put what they make: the selected folder, the
        folder of the selected file, or the library's top."""
        if self.window.library is None:
            return None
        target = self._target()
        if target is None:
            return self.window.library.root
        role, path = target
        return path.parent if role == FILE else path

    def _relative(self, path: Path) -> str:
        return self.window.library.relative(path)

    def _refused(self, what: str, error: Exception) -> None:
        self.window.report_error(f"{what}: {error}")

    # --- new ------------------------------------------------------------------------------------

    def create_file(self) -> Path | None:
        folder = self._folder()
        if folder is None:
            return None
        name = dialogs.ask_name(
            self.window,
            "New File",
            f"Name of the new file in {self._relative(folder) or 'the library'}/ "
            "(.md is added when there is no extension):",
        )
        if not name:
            return None
        try:
            path = file_ops.create_file(self.window.library, folder, name)
        except (FileOpError, OSError) as error:
            self._refused("Cannot create the file", error)
            return None
        self.window.refresh_library()
        self.window.open_path(path)
        self.window.show_status(f"Created {self._relative(path)}")
        return path

    def create_folder(self) -> Path | None:
        folder = self._folder()
        if folder is None:
            return None
        name = dialogs.ask_name(self.window, "New Folder", "Name of the new folder:")
        if not name:
            return None
        try:
            path = file_ops.create_folder(self.window.library, folder, name)
        except (FileOpError, OSError) as error:
            self._refused("Cannot create the folder", error)
            return None
        self.tree.made_folders.append(path)
        self._show_changes(select=path)
        self.window.show_status(f"Created {self._relative(path)}/")
        return path

    def duplicate_current(self) -> Path | None:
        path = self._entry()
        if path is None:
            return None
        name = dialogs.ask_name(
            self.window,
            "Duplicate",
            f"Name of the copy of {readable(path.name)}:",
            readable(file_ops.suggest_copy_name(path)),
        )
        if not name:
            return None
        try:
            copy = file_ops.duplicate(self.window.library, path, name)
        except (FileOpError, OSError) as error:
            self._refused(f"Cannot duplicate {path.name}", error)
            return None
        self._show_changes(select=copy)
        self.window.show_status(f"Duplicated {path.name} as {copy.name}")
        return copy

    # --- rename -----------------------------------------------------------------------------------

    def rename_current(self) -> Path | None:
        path = self._entry()
        if path is None:
            return None
        # shown readable: a Qt string would drop a byte of the name that is not UTF-8, and
        # the default accepted as it stands would then rename the file to the name without it
        shown = readable(path.name)
        name = dialogs.ask_name(self.window, "Rename", f"New name for {shown}:", shown)
        if not name or name.strip() in (path.name, shown):
            return None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # it reads every file
        try:
            plan = file_ops.plan_rename(self.window.library, path, name)
        except (FileOpError, OSError) as error:
            plan, problem = None, error
        finally:
            QApplication.restoreOverrideCursor()
        if plan is None:
            self._refused(f"Cannot rename {path.name}", problem)
            return None
        linking = [self._relative(p) for p in plan.files()]
        if not dialogs.confirm_rename(self.window, path.name, plan.new.name, linking):
            return None
        touched = [plan.old, *plan.files()]
        if not self._settle_open_buffer(touched):
            return None
        try:
            done = file_ops.apply_rename(plan)
        except (FileOpError, OSError) as error:
            self._refused(f"Cannot rename {path.name}", error)
            self._show_changes()
            return None
        self.last_rename = done
        self.undo_rename.setEnabled(True)
        self.window.documents.follow_move(plan.old, plan.new)
        self._show_changes(select=plan.new)
        links = f"; links updated in {counted(len(linking), 'file')}" if linking else ""
        self.window.show_status(f"Renamed {path.name} to {plan.new.name}{links} (Undo Rename)")
        return plan.new

    def undo_last_rename(self) -> bool:
        done = self.last_rename
        if done is None:
            return False
        if not self._settle_open_buffer([done.plan.new, *done.after]):
            return False
        try:
            file_ops.inside(self.window.library, done.plan.new)  # not after a library switch
            file_ops.undo_rename(done)
        except (FileOpError, OSError) as error:
            self._refused("Cannot undo the rename", error)
            return False
        self.last_rename = None
        self.undo_rename.setEnabled(False)
        self.window.documents.follow_move(done.plan.new, done.plan.old)
        self._show_changes(select=done.plan.old)
        self.window.show_status(f"Renamed {done.plan.new.name} back to {done.plan.old.name}")
        return True

    def _settle_open_buffer(self, touched: list[Path]) -> bool:
        """Unsaved edits in an open file the operation touches are saved (or dropped)
        first, so no write ever races the buffer; False when the author cancels."""
        documents = self.window.documents
        path = documents.path
        if path is None or not documents.is_dirty():
            return True
        if not any(path == t or t in path.parents for t in touched):
            return True
        choice = self.window.ask_unsaved_changes()
        if choice == "save":
            return documents.save()
        if choice == "discard":
            documents.reload()
            return True
        return False

    # --- delete -----------------------------------------------------------------------------------

    def delete_current(self) -> bool:
        path = self._entry()
        if path is None:
            return False
        what = file_ops.describe(path)
        if not dialogs.confirm_delete(self.window, what):
            return False
        try:
            file_ops.inside(self.window.library, path)
        except FileOpError as error:
            self._refused(f"Cannot delete {path.name}", error)
            return False
        if move_to_trash(path):
            done = "Moved to the trash"
        elif dialogs.confirm_permanent_delete(self.window, what):
            try:
                file_ops.delete_permanently(self.window.library, path)
            except (FileOpError, OSError) as error:
                self._refused(f"Cannot delete {path.name}", error)
                return False
            done = "Deleted permanently"
        else:
            return False
        self.window.documents.note_deleted(path)
        self._show_changes()
        self.window.show_status(f"{done}: {self._relative(path)}")
        return True

    # --- reveal and copy --------------------------------------------------------------------------

    def reveal_current(self) -> None:
        target = self._target()
        if target is None:
            return
        role, path = target
        open_in_file_manager(path.parent if role == FILE else path)

    def copy_current_path(self) -> None:
        target = self._target()
        if target is not None:
            QGuiApplication.clipboard().setText(str(target[1]))
            self.window.show_status(f"Copied {target[1]}")

    def _show_changes(self, select: Path | None = None) -> None:
        self.window.refresh_library(force=True)
        if select is not None:
            self.tree.select_path(select)
