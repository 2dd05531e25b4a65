"""Lint speed, whole process, paired with rumdl on the same files in the same run.

For a 146-file library (the public ai-team-library's stacks when given with --public,
else a synthetic one of the same shape) and a synthetic 1,000-file one: cold
`foundry lint --no-cache` against `rumdl check --no-cache`, run in turn (A B A B …) so
both see the same machine; the cold throughput; the unchanged re-lint with a warm cache;
and the shipped library, whole process. Prints medians; asserts nothing.

With --big-file MB, also one file of that many MB (a generated reference, say): time and
peak memory of both, to show what one huge file costs.

Run: uv run python benchmarks/bench_lint.py [--public LIBRARY] [--runs 7] [--big-file 20]
  LIBRARY: a library root (stacks/ or expertise/, with or without a library.toml), e.g. a
  folder holding only the public ai-team-library's expertise/ (219 files, 2.0 MB today).
rumdl: $RUMDL, else `rumdl` on PATH, else `uvx --from rumdl==0.3.0` finds it.
Targets (2 cores): cold foundry <= 2x rumdl on both libraries; cold >= 10 MB/s; unchanged
re-lint <= 0.2 s; the shipped library <= 0.3 s whole process.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from installed_env import BYTECODE_NOTE, with_bytecode
from synthetic import ROOT, library_size, make_synthetic_library

RUMDL_VERSION = "0.3.0"


def find_rumdl() -> str | None:
    explicit = os.environ.get("RUMDL") or shutil.which("rumdl")
    if explicit:
        return explicit
    uvx = shutil.which("uvx")
    if uvx is None:
        return None
    found = subprocess.run(
        [uvx, "--from", f"rumdl=={RUMDL_VERSION}", "sh", "-c", "command -v rumdl"],
        capture_output=True,
        text=True,
        check=False,
    )
    path = found.stdout.strip().splitlines()[-1] if found.stdout.strip() else ""
    return path or None


def wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(
        command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    elapsed = time.perf_counter() - start
    if done.returncode not in (0, 1):  # 1 means findings; anything else is a run that failed
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr.decode()}")
    return elapsed


def wall_and_peak(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Seconds and peak resident MB of one run of `command`."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.DEVNULL)
    _pid, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({status})")
    return elapsed, usage.ru_maxrss / 1024


def one_big_file(megabytes: int, temp: Path, rumdl: str | None, env: dict[str, str]) -> None:
    from synthetic import TEMPLATE, big_document

    folder = temp / "huge" / "stacks" / "huge"
    folder.mkdir(parents=True)
    (temp / "huge" / "library.toml").write_text(TEMPLATE.read_text("utf-8"), "utf-8")
    (folder / "conventions.md").write_text(big_document(megabytes * 1_000_000), "utf-8")
    library = temp / "huge"
    commands = {"foundry lint --no-cache": foundry("--no-cache", str(library))}
    if rumdl:
        theirs = [rumdl, "check", "--no-cache", str(library)]
        commands[f"rumdl {RUMDL_VERSION} check --no-cache"] = theirs
    print(f"\none file of {megabytes} MB, best of 2 runs each")
    for name, command in commands.items():
        runs = [wall_and_peak(command, env) for _ in range(2)]
        seconds = min(run[0] for run in runs)
        peak = max(run[1] for run in runs)
        print(f"  {name}: {seconds:.2f} s, peak {peak:.0f} MB")


def foundry(*args: str) -> list[str]:
    return [sys.executable, "-m", "foundry_app", "lint", *args]


def paired(name: str, library: Path, rumdl: str | None, env: dict[str, str], runs: int) -> None:
    files, size = library_size(library)
    megabytes = size / 1e6
    ours_command = foundry("--no-cache", "--library", str(library), str(library))
    theirs_command = [rumdl, "check", "--no-cache", str(library)] if rumdl else None
    wall(ours_command, env)  # warm-up: the OS file cache, the interpreter's .pyc files
    if theirs_command:
        wall(theirs_command, env)
    ours, theirs, ratios = [], [], []
    for _ in range(runs):
        ours.append(wall(ours_command, env))
        if theirs_command:
            theirs.append(wall(theirs_command, env))
            ratios.append(ours[-1] / theirs[-1])
    ours_median = statistics.median(ours)
    print(f"\n{name}: {files} files, {megabytes:.2f} MB, {runs} runs each, interleaved")
    print(f"  foundry lint --no-cache: median {ours_median:.3f} s (min {min(ours):.3f})")
    print(f"  cold throughput: {megabytes / ours_median:.2f} MB/s  (target >= 10 MB/s)")
    if theirs_command:
        print(
            f"  rumdl {RUMDL_VERSION} check --no-cache: median {statistics.median(theirs):.3f} s"
            f" (min {min(theirs):.3f})"
        )
        print(
            f"  foundry / rumdl, pair by pair: median {statistics.median(ratios):.1f}x"
            "  (target <= 2x)"
        )
    else:
        print("  rumdl not found: set RUMDL or install uv (uvx) for the paired figure")
    cache_env = {**env, "FOUNDRY_CACHE_DIR": tempfile.mkdtemp(prefix="foundry-bench-cache-")}
    cached_command = foundry("--library", str(library), str(library))
    wall(cached_command, cache_env)  # fills the cache
    warm = [wall(cached_command, cache_env) for _ in range(runs)]
    print(
        f"  unchanged re-lint (warm cache, whole process): median {statistics.median(warm):.3f} s"
        "  (target <= 0.2 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--public", type=Path, help="a 146-file library (see the docstring)")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--big-file", type=int, default=0, metavar="MB", help="also one huge file")
    args = parser.parse_args()
    rumdl = find_rumdl()
    print(f"machine: {os.cpu_count()} cores; rumdl: {rumdl or 'not found'}")
    if BYTECODE_NOTE:
        print(BYTECODE_NOTE)
    env = with_bytecode(dict(os.environ))
    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        if args.public:
            paired("public ai-team-library stacks", args.public, rumdl, env, args.runs)
        else:
            small = make_synthetic_library(temp / "small", files=146)
            paired("synthetic 146-file library", small, rumdl, env, args.runs)
        big = make_synthetic_library(temp / "big", files=1000)
        paired("synthetic 1,000-file library", big, rumdl, env, max(3, args.runs // 2))

        shipped = ROOT / "ai-team-library"
        files, size = library_size(shipped)
        cold_env = {**env, "FOUNDRY_CACHE_DIR": str(temp / "cache-shipped")}
        cold = [wall(foundry("--no-cache", str(shipped)), cold_env) for _ in range(args.runs)]
        wall(foundry(str(shipped)), cold_env)
        warm = [wall(foundry(str(shipped)), cold_env) for _ in range(args.runs)]
        print(f"\nshipped library: {files} files, {size / 1e3:.0f} KB, whole process")
        print(
            f"  foundry lint --no-cache: median {statistics.median(cold):.3f} s  (target <= 0.3 s)"
        )
        print(f"  foundry lint, warm cache: median {statistics.median(warm):.3f} s")
        if args.big_file:
            one_big_file(args.big_file, temp, rumdl, env)


if __name__ == "__main__":
    main()
