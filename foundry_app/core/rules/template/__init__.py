"""Rules that check a file against the sections its kind's template requires."""
