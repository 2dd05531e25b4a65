"""Rules about links between files; they run on every lint, even when a file's facts are cached."""
