"""Rules that hold for every Markdown file: title, headings, sections, code fences, placeholders."""
