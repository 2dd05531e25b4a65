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
