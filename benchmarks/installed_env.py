"""The environment a whole-process benchmark runs Foundry in: as an installed app has it,
with bytecode caches. A shell that sets PYTHONDONTWRITEBYTECODE makes every start compile
each module again (0.1-0.4 s here), which no user's install pays."""

from __future__ import annotations

import os

BYTECODE_NOTE = (
    "  (bytecode caches allowed for these runs: this shell sets PYTHONDONTWRITEBYTECODE)"
    if os.environ.get("PYTHONDONTWRITEBYTECODE")
    else ""
)


def with_bytecode(env: dict[str, str]) -> dict[str, str]:
    """`env` without the setting that forbids .pyc files."""
    return {name: value for name, value in env.items() if name != "PYTHONDONTWRITEBYTECODE"}
