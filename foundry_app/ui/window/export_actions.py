"""File → Export: a stack or the library as one HTML or Markdown file (core.export), and
Print / Export PDF of the open file through Qt's printing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDialog, QMenu

from foundry_app.core import storage
from foundry_app.ui import dialogs

if TYPE_CHECKING:
    from foundry_app.core.library import Item
    from foundry_app.ui.window.main_window import MainWindow

_HTML_FILTER = "HTML files (*.html)"
_MARKDOWN_FILTER = "Markdown files (*.md)"


class ExportActions:
    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.menu = QMenu("&Export", window)
        self.actions: list[QAction] = []
        self._add("Export Stack as HTML…", lambda: self.export_stack("html"))
        self._add("Export Stack as Markdown…", lambda: self.export_stack("md"))
        self._add("Export Library as HTML…", lambda: self.export_library("html"))
        self._add("Export Library as Markdown…", lambda: self.export_library("md"))
        self.menu.addSeparator()
        self._add("Print…", self.print_file)
        self._add("Export PDF…", self.export_pdf)
        _insert_before_quit(window, self.menu)

    def _add(self, text: str, slot) -> None:
        action = QAction(text, self.window)
        action.triggered.connect(slot)
        self.menu.addAction(action)
        self.window.addAction(action)
        self.actions.append(action)

    # --- HTML and Markdown ----------------------------------------------------------------

    def export_stack(self, kind: str) -> Path | None:
        library = self.window.library
        item = self._current_or_chosen_item()
        if library is None or item is None:
            return None
        return self._export(list(item.files), item.name, kind)

    def export_library(self, kind: str) -> Path | None:
        library = self.window.library
        if library is None:
            return None
        return self._export(None, library.root.name, kind)

    def _current_or_chosen_item(self) -> Item | None:
        library = self.window.library
        if library is None:
            return None
        path = self.window.documents.path
        item = library.item_for(path) if path is not None else None
        if item is not None:
            return item
        names = [item.name for item in library.items]
        if not names:
            self.window.show_status("The library has no stack to export")
            return None
        chosen = dialogs.ask_choice(self.window, "Export Stack", "Stack to export:", names)
        return next((item for item in library.items if item.name == chosen), None)

    def _export(self, files: list[Path] | None, title: str, kind: str) -> Path | None:
        library = self.window.library
        suffix, file_filter = (
            (".html", _HTML_FILTER) if kind == "html" else (".md", _MARKDOWN_FILTER)
        )
        suggested = library.root.parent / f"{title}{suffix}"
        answer = dialogs.ask_save_path(self.window, f"Export {title}", suggested, file_filter)
        if not answer:
            return None
        target = Path(answer)
        from foundry_app.core.export import collect, export_html, export_markdown, tree_order

        exported = collect(library, tree_order(library, files))
        if kind == "html":
            text = export_html(exported, title, library.root)
        else:
            text = export_markdown(exported, title)
        try:
            storage.write_generated_file(target, text)
        except OSError as error:
            self.window.report_error(f"Could not write {target}:\n{error}")
            return None
        self.window.show_status(f"Exported {len(exported)} files to {target}")
        return target

    # --- printing -----------------------------------------------------------------------

    def export_pdf(self) -> Path | None:
        path = self.window.documents.path
        if path is None:
            self.window.show_status("Open a file to export it as PDF")
            return None
        suggested = path.with_suffix(".pdf")
        answer = dialogs.ask_save_path(self.window, "Export PDF", suggested, "PDF files (*.pdf)")
        if not answer:
            return None
        from PySide6.QtPrintSupport import QPrinter  # Qt's printing is loaded when first used

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(answer)
        printer.setDocName(path.name)
        self._print_page(printer)
        self.window.show_status(f"Exported {path.name} to {answer}")
        return Path(answer)

    def print_file(self) -> bool:
        if self.window.documents.path is None:
            self.window.show_status("Open a file to print it")
            return False
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return False
        self._print_page(printer)
        return True

    def _print_page(self, printer) -> None:
        """The whole preview page, not the window of a long one the pane shows."""
        preview = self.window.preview
        page = preview.printable_document()
        try:
            page.print_(printer)
        finally:
            if page is not preview.document():
                page.deleteLater()


def _insert_before_quit(window: MainWindow, menu: QMenu) -> None:
    bar = window.menuBar()
    file_menu = next((a.menu() for a in bar.actions() if a.text().replace("&", "") == "File"), None)
    if file_menu is None:
        bar.addMenu(menu)
        return
    quit_action = next(
        (a for a in file_menu.actions() if a.text().replace("&", "") == "Quit"), None
    )
    if quit_action is None:
        file_menu.addMenu(menu)
    else:
        file_menu.insertMenu(quit_action, menu)
        file_menu.insertSeparator(quit_action)
