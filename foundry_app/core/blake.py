"""BLAKE2b, the one hash Foundry uses: file digests, cache names, the template digest.

`hashlib` loads OpenSSL on import for algorithms Foundry never asks for; its BLAKE2b is the
interpreter's own `_blake2` module, which loads in a fraction of the time.
"""

try:
    from _blake2 import blake2b
except ImportError:  # an interpreter built without it: hashlib's constructor is the same hash
    from hashlib import blake2b

__all__ = ["blake2b"]
