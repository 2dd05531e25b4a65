"""The layering the architecture promises: core and the linter never load Qt."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from helpers import ROOT


def loaded_modules(code: str, env: dict[str, str] | None = None) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        env=env,
    )
    return set(result.stdout.split())


def top_level(modules: set[str]) -> set[str]:
    return {name.split(".")[0] for name in modules}


def test_core_never_imports_qt():
    modules = loaded_modules(
        "import pkgutil, importlib, foundry_app.core as core\n"
        "for m in pkgutil.walk_packages(core.__path__, 'foundry_app.core.'):\n"
        "    importlib.import_module(m.name)"
    )
    assert "foundry_app.core.rules.template.missing_section" in modules
    assert not top_level(modules) & {"PySide6", "shiboken6"}


def test_a_lint_run_loads_neither_qt_nor_pygments():
    modules = loaded_modules(
        "from foundry_app.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['lint', '--no-cache', 'ai-team-library'])"
    )
    assert "foundry_app.core.rules.template.missing_section" in modules  # the rules really ran
    assert not top_level(modules) & {"PySide6", "shiboken6", "pygments"}


LINT_SHIPPED_LIBRARY = (
    "from foundry_app.cli import main\n"
    "import contextlib, io\n"
    "with contextlib.redirect_stdout(io.StringIO()):\n"
    "    main(['lint', 'ai-team-library'])"
)


def test_a_lint_served_from_the_cache_loads_no_parser_and_no_file_rule(tmp_path: Path):
    env = {**os.environ, "FOUNDRY_CACHE_DIR": str(tmp_path)}
    cold = loaded_modules(LINT_SHIPPED_LIBRARY, env)
    assert "markdown_it_pyrs" in top_level(cold)  # the first run parsed and filled the cache
    assert "markdown_it" not in top_level(cold)  # the Python engine waits for a text it needs
    assert list(tmp_path.iterdir())

    warm = loaded_modules(LINT_SHIPPED_LIBRARY, env)
    assert "foundry_app.core.rules.links.broken_link" in warm  # cross-file rules still run
    assert "foundry_app.core.rules.item.missing_file" in warm
    assert not top_level(warm) & {
        "markdown_it_pyrs",
        "markdown_it",
        "mdit_py_plugins",
        "yaml",
        "pygments",
        "multiprocessing",
        "concurrent",
        "platformdirs",
        "PySide6",
    }
    file_rules = ("foundry_app.core.rules.document", "foundry_app.core.rules.template")
    assert not {m for m in warm if m.startswith(file_rules)}
    assert "foundry_app.core.document" not in warm


def test_the_window_is_shown_before_the_lint_rules_pygments_and_the_dialogs_load():
    """What the first paint does not need waits: the live lint's warm-up loads the lint and
    pygments after the window is shown, the dialogs and sheets load when first opened."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "FOUNDRY_CACHE_DIR": "/nonexistent"}
    shown = loaded_modules(
        "import os\n"
        "from pathlib import Path\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from foundry_app.ui.window.main_window import MainWindow\n"
        "app = QApplication([])\n"
        "window = MainWindow(Path('ai-team-library'), settings=False, unattended=True)\n"
        "window.open_path('stacks/mlops/conventions.md')\n"
        "window.show()\n"
        "window.lint_runner.cancel()",
        env,
    )
    assert "foundry_app.ui.panels.library_tree" in shown  # the window really was built
    assert not top_level(shown) & {"pygments", "platformdirs", "yaml"}
    assert {m for m in shown if m.startswith("foundry_app.core.rules")} <= {
        "foundry_app.core.rules",
        "foundry_app.core.rules.registry",
    }
    assert not shown & {
        "foundry_app.core.lint",
        "foundry_app.core.export",
        "foundry_app.core.new_item",
        "foundry_app.core.new_library",
        "foundry_app.ui.window.help_sheets",
        "foundry_app.ui.window.new_stack_dialog",
        "foundry_app.ui.window.preferences_dialog",
        "PySide6.QtPrintSupport",
    }
