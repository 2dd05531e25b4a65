"""Hand big freed buffers back to the system at once (glibc only; elsewhere nothing).

Each check of a 5 MB file makes a few copies of its text that live for one revision (10 MB
each as Python strings). glibc raises its mmap threshold each time such a block is freed,
so later ones come from the heap, where freed space stays counted in the process's memory:
the window swung between 275 and 325 MB while typing, against about 250 MB with a fixed
threshold, where every block of 128 KB or more is mapped and unmapped on its own.
"""

from __future__ import annotations

import ctypes
import sys

_M_MMAP_THRESHOLD = -3  # mallopt's parameter number, from glibc's malloc.h
_THRESHOLD_BYTES = 128 * 1024  # glibc's own starting value, kept from now on


def return_big_buffers_to_the_system() -> bool:
    """Fix glibc's mmap threshold for this process; True when it was set."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        process = ctypes.CDLL(None)  # the symbols already loaded: libc's among them
        process.gnu_get_libc_version  # noqa: B018 - raises AttributeError off glibc (musl)
        mallopt = process.mallopt
    except (OSError, AttributeError):
        return False
    return mallopt(_M_MMAP_THRESHOLD, _THRESHOLD_BYTES) == 1
