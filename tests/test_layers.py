"""The layering the architecture promises: core and the linter never load Qt."""

from __future__ import annotations

import subprocess
import sys

from helpers import ROOT


def loaded_modules(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", f"{code}\nimport sys\nprint('\\n'.join(sys.modules))"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
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
