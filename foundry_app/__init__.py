"""Foundry: a desktop workbench and linter for Markdown know-how libraries."""

__version__ = "0.1.0"
