"""Templates that ship inside the package (read with importlib.resources)."""
