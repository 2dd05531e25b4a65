"""The Markdown editor and its parts: highlighter, gutter, marks, find and go-to bars."""
