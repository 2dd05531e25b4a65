"""Big freed buffers go back to the system: after the tuning, a megabyte is mapped on its
own even once a bigger block has been freed (glibc would otherwise serve it from the heap)."""

from __future__ import annotations

import platform
import subprocess
import sys

import pytest

from foundry_app.core.big_buffers import return_big_buffers_to_the_system

GLIBC = sys.platform.startswith("linux") and platform.libc_ver()[0] == "glibc"

PROBE = """
import ctypes, sys
class Info(ctypes.Structure):
    _fields_ = [(n, ctypes.c_size_t) for n in (
        "arena", "ordblks", "smblks", "hblks", "hblkhd", "usmblks", "fsmblks", "uordblks",
        "fordblks", "keepcost")]
libc = ctypes.CDLL(None)
libc.mallinfo2.restype = Info
if sys.argv[1] == "tuned":
    from foundry_app.core.big_buffers import return_big_buffers_to_the_system
    assert return_big_buffers_to_the_system()
freed = bytearray(4 * 2**20)  # glibc raises its threshold past 4 MB when this is freed
del freed
before = libc.mallinfo2().hblkhd
kept = bytearray(2**20)
print(libc.mallinfo2().hblkhd - before)
"""


def mapped_growth(mode: str) -> int:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, mode], capture_output=True, text=True, check=True
    )
    return int(done.stdout)


@pytest.mark.skipif(not GLIBC, reason="the tuning is glibc's mallopt")
def test_after_the_tuning_a_megabyte_is_mapped_on_its_own():
    assert mapped_growth("plain") < 2**20  # from the heap: freed, it stays the process's
    assert mapped_growth("tuned") >= 2**20


@pytest.mark.skipif(GLIBC, reason="off glibc there is nothing to tune")
def test_elsewhere_the_tuning_does_nothing():
    assert return_big_buffers_to_the_system() is False
