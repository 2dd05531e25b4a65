"""The main window, its menus and the settings it keeps."""
