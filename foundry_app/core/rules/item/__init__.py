"""Rules about an item (a stack) as a whole: its name, its required files, its examples."""
