"""Background work: live lint, the library lint child and its results."""
