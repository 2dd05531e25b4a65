"""Lint rules. Each module holds rules of one family; registry.py ties them together."""
