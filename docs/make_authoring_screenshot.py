"""Regenerate docs/screenshot-authoring.png: the real window with the Outline and the
library Search panels open (a search for "drift" in the shipped library).

Run: xvfb-run -a uv run python docs/make_authoring_screenshot.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from foundry_app.ui.window.main_window import MainWindow  # noqa: E402


def save(window: MainWindow, target: Path) -> None:
    """A 256-colour PNG: the picture stays sharp and under 300 KB."""
    image = window.grab().toImage()
    image.convertToFormat(QImage.Format.Format_Indexed8, Qt.ImageConversionFlag.AvoidDither).save(
        str(target)
    )


def main() -> None:
    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory() as folder:
        library = Path(folder) / "ai-team-library"
        shutil.copytree(ROOT / "ai-team-library", library)
        settings = QSettings(str(Path(folder) / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(library, settings=settings)
        window.resize(1500, 900)
        window.show()
        window.open_path(library / "stacks" / "mlops" / "conventions.md")
        search = window.finding.search
        search.show_search()
        search.panel.query.setText("drift")
        search.panel.search_now()
        target = ROOT / "docs" / "screenshot-authoring.png"

        def shoot() -> None:
            if search.searching or window.lint_pending or window.lint_running:
                QTimer.singleShot(200, shoot)
                return
            window.editor.go_to_line(40)
            QTimer.singleShot(500, lambda: (save(window, target), app.quit()))

        QTimer.singleShot(1500, shoot)
        app.exec()
        window.close()
    print(target)


if __name__ == "__main__":
    main()
