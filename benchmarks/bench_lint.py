"""Lint speed: cold and unchanged re-lint of a synthetic 1,000-file library, and the shipped one.

Run: uv run python benchmarks/bench_lint.py
Targets (2 cores): cold >= 1.5 MB/s end to end, unchanged re-lint <= 0.3 s,
`foundry lint` on the shipped library <= 0.6 s for the whole process.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import ROOT, library_size, make_synthetic_library


def timed_cli(args: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "foundry_app", "lint", *args],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start, result.returncode


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        library = make_synthetic_library(temp / "library")
        files, size = library_size(library)
        megabytes = size / 1e6
        env = {**os.environ, "FOUNDRY_CACHE_DIR": str(temp / "cache")}
        cold, code = timed_cli(["--library", str(library)], env)
        warm, _ = timed_cli(["--library", str(library)], env)
        print(f"synthetic library: {files} files, {megabytes:.1f} MB (exit code {code})")
        rate = megabytes / cold
        print(f"  cold lint (whole process): {cold:.2f} s, {rate:.2f} MB/s  (target >= 1.5 MB/s)")
        print(f"  unchanged re-lint (whole process): {warm:.3f} s  (target <= 0.3 s)")

        shipped = ROOT / "ai-team-library"
        shipped_files, shipped_size = library_size(shipped)
        env_shipped = {**os.environ, "FOUNDRY_CACHE_DIR": str(temp / "cache-shipped")}
        first, code = timed_cli([str(shipped)], env_shipped)
        again, _ = timed_cli([str(shipped)], env_shipped)
        kilobytes = shipped_size / 1e3
        print(f"shipped library: {shipped_files} files, {kilobytes:.0f} KB (exit code {code})")
        print(
            f"  foundry lint, no cache: {first:.3f} s; with cache: {again:.3f} s  (target <= 0.6 s)"
        )


if __name__ == "__main__":
    main()
