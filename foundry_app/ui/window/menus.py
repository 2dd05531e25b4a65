"""The menu bar: File, Edit, View, Help, wired to the window's parts."""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu


def build_menus(window: QMainWindow) -> None:
    """`window` is a MainWindow; every action calls one of its parts."""
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    new_stack = _action(window, file_menu, "&New Stack…", window.new_stack, "Ctrl+Shift+N")
    new_stack.setObjectName("newStackAction")
    window.file_actions.add_to(file_menu)
    file_menu.addSeparator()
    open_library = _action(
        window, file_menu, "Open &Library…", window.choose_and_open_library, "Ctrl+Shift+O"
    )
    open_library.setObjectName("openLibraryAction")
    new_library = _action(window, file_menu, "New Li&brary…", window.create_new_library)
    new_library.setObjectName("newLibraryAction")
    file_menu.addMenu(window.recent_libraries.menu)
    file_menu.addSeparator()
    _action(window, file_menu, "&Save", window.save, QKeySequence.StandardKey.Save)
    save_as = _action(
        window, file_menu, "Save &As…", window.documents.save_as, QKeySequence.StandardKey.SaveAs
    )
    save_as.setShortcut(QKeySequence("Ctrl+Shift+S"))  # SaveAs has no key on some desktops
    save_as.setObjectName("saveAsAction")
    _action(window, file_menu, "&Revert", window.documents.revert)
    file_menu.addSeparator()
    quit_action = _action(window, file_menu, "&Quit", window.close, "Ctrl+Q")
    quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    editor = window.editor
    edit = bar.addMenu("&Edit")
    _action(window, edit, "&Undo", editor.undo, QKeySequence.StandardKey.Undo)
    _action(window, edit, "&Redo", editor.redo, QKeySequence.StandardKey.Redo)
    edit.addSeparator()
    # the editor's own actions: their shortcuts work while the editor has focus, and
    # sharing them (not copying) avoids two actions fighting over one key
    edit.addAction(window.editor_pane.find_action)
    edit.addAction(window.editor_pane.replace_action)
    edit.addAction(window.editor_pane.goto_line_action)
    edit.addAction(editor.quick_fix_action)
    # the task on the cursor's line as the buffer is now: never a line from an older parse
    toggle = _action(
        window,
        edit,
        "&Toggle Task",
        lambda: window.documents.toggle_task(editor.cursor_line()),
        "Ctrl+Return",
    )
    toggle.setObjectName("toggleTaskAction")
    edit.addSeparator()
    for action in window.editor_pane.editing_help.actions:
        edit.addAction(action)
    edit.addSeparator()
    preferences = _action(window, edit, "Preferences…", window.show_preferences, "Ctrl+,")
    preferences.setObjectName("preferencesAction")
    preferences.setMenuRole(QAction.MenuRole.PreferencesRole)

    view = bar.addMenu("&View")
    view.addAction(editor.next_problem_action)
    view.addAction(editor.previous_problem_action)
    view.addSeparator()
    reload_library = _action(
        window, view, "&Reload Library", lambda: window.refresh_library(relint=True), "F5"
    )
    reload_library.setObjectName("reloadLibraryAction")
    # a preference: the window's preferences apply and remember it (and check the action)
    wrap = _action(
        window, view, "&Word Wrap", lambda on: window.preferences.update(word_wrap=on), "Alt+Z"
    )
    wrap.setObjectName("wordWrapAction")
    wrap.setCheckable(True)
    window.word_wrap_action = wrap
    view.addSeparator()
    view.addAction(window.problems_dock.toggleViewAction())
    view.addAction(window.checklist_dock.toggleViewAction())
    for title, widget in (("Library Tree", window.tree), ("Preview", window.preview)):
        toggle = _action(window, view, title, lambda on, w=widget: w.setVisible(on))
        toggle.setCheckable(True)
        toggle.setChecked(True)

    help_menu = bar.addMenu("&Help")
    shortcuts = _action(window, help_menu, "&Keyboard Shortcuts", window.show_shortcuts)
    shortcuts.setObjectName("keyboardShortcutsAction")
    rules = _action(window, help_menu, "&Rules", lambda: window.show_rules())
    rules.setObjectName("rulesAction")
    help_menu.addSeparator()
    _action(window, help_menu, "&About Foundry", window.show_about)


def _action(window: QMainWindow, menu: QMenu, text: str, slot, shortcut=None) -> QAction:
    action = QAction(text, window)
    if shortcut is not None:
        action.setShortcut(QKeySequence(shortcut))
    action.triggered.connect(slot)
    menu.addAction(action)
    return action
