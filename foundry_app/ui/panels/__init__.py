"""The side and bottom panels: library tree, problems, checklist and preview."""
