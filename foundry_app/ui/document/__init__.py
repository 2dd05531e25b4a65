"""The open document: loading, saving, watching the file on disk, and the message bar."""
