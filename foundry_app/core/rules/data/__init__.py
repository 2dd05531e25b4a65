"""Rules for the library's data files (YAML, JSON, TOML), which are not Markdown."""
