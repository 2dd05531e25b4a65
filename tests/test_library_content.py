"""The shipped library's examples: every Python/JSON/TOML block parses; stdlib-only Python runs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import SHIPPED_LIBRARY

from foundry_app.core.document import Document

STDLIB = set(sys.stdlib_module_names) | {"__future__"}
MARKDOWN = sorted(SHIPPED_LIBRARY.rglob("*.md"))


def python_blocks():
    for path in MARKDOWN:
        doc = Document(path.read_text(encoding="utf-8"))
        for fence in doc.fences:
            if fence.language == "python":
                yield pytest.param(
                    path, fence, id=f"{path.relative_to(SHIPPED_LIBRARY)}:{fence.line}"
                )


def imported_modules(tree: ast.AST) -> set[str]:
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def is_runnable(fence) -> bool:
    """Stdlib-only examples run as they stand, unless the author marked them `norun`."""
    if "norun" in fence.info.split():
        return False
    return imported_modules(ast.parse(fence.content)) <= STDLIB


@pytest.mark.parametrize("path, fence", list(python_blocks()))
def test_python_example(path: Path, fence, tmp_path: Path):
    tree = ast.parse(fence.content, filename=f"{path}:{fence.line}")
    if not is_runnable(fence):
        assert tree.body, "an example needs code"
        return
    result = subprocess.run(
        [sys.executable, "-I", "-c", fence.content],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, f"{path}:{fence.line} failed:\n{result.stderr[-2000:]}"


def test_enough_examples_run():
    runnable = [fence for _, fence in (p.values for p in python_blocks()) if is_runnable(fence)]
    assert len(runnable) >= 20


def test_mlops_stack_is_substantial():
    mlops = SHIPPED_LIBRARY / "stacks" / "mlops"
    lines = sum(len(p.read_text(encoding="utf-8").splitlines()) for p in mlops.glob("*.md"))
    assert lines > 1500


# Examples that must keep running: if one of them gains a heavy import, it would silently stop
# being executed, so the test names the code each must contain.
MUST_RUN = {
    "stacks/mlops/monitoring.md": "def psi_numeric",
    "stacks/mlops/distributed-training.md": "def atomic_save",
    "stacks/mlops/model-training.md": "def time_entity_split",
    "stacks/mlops/governance.md": "def fairness_gate",
    "stacks/mlops/fine-tuning.md": "def contaminated",
    "stacks/mlops/llm-frameworks.md": "class FrameworkAnswerer",
}


@pytest.mark.parametrize("relative, marker", sorted(MUST_RUN.items()))
def test_key_examples_are_selected_to_run(relative: str, marker: str):
    doc = Document((SHIPPED_LIBRARY / relative).read_text(encoding="utf-8"))
    fences = [f for f in doc.fences if f.language == "python" and marker in f.content]
    assert fences, f"no Python example in {relative} contains {marker!r}"
    assert all(is_runnable(f) for f in fences), f"{relative}: {marker!r} example no longer runs"


# Where a runnable example stands in for a heavy library, the page also shows that library's
# real call, so a reader knows what the stand-in replaces.
REAL_CALLS = {
    "stacks/mlops/monitoring.md": "Report([DataDriftPreset(",
    "stacks/mlops/distributed-training.md": "torch.save(state, f)",
    "stacks/mlops/llm-frameworks.md": "index.as_query_engine(filters=",
    "stacks/mlops/governance.md": "MetricFrame(metrics=",
    "stacks/mlops/model-training.md": "validate(df, lazy=True)",
}


@pytest.mark.parametrize("relative, call", sorted(REAL_CALLS.items()))
def test_stand_ins_show_the_real_call(relative: str, call: str):
    assert call in (SHIPPED_LIBRARY / relative).read_text(encoding="utf-8")
