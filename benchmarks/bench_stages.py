"""Where the time goes: one open, one keystroke and one library lint, split into parse,
rules, render, highlighter and Qt layout. Medians of a few runs, in milliseconds; asserts
nothing. Every change to speed is judged by these figures.

Run: QT_QPA_PLATFORM=offscreen uv run python benchmarks/bench_stages.py [--library PATH]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

MLOPS = ROOT / "ai-team-library" / "stacks" / "mlops" / "conventions.md"


def median_ms(work: Callable[[], object], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def file_stages(app, name: str, library, path: Path, text: str) -> None:
    from PySide6.QtGui import QTextCursor

    from foundry_app.core.document import Document
    from foundry_app.core.large_file import is_large
    from foundry_app.core.lint import check_document
    from foundry_app.core.render import render_html
    from foundry_app.ui.editor.editor import MarkdownEditor
    from foundry_app.ui.editor.highlighter import MarkdownHighlighter
    from foundry_app.ui.panels.preview import MarkdownPreview

    doc = Document(text)
    html = render_html(doc)
    parse = median_ms(lambda: Document(text))
    # on the tokens already made, so each stage is timed on its own, not as a difference
    rules = median_ms(lambda: check_document(library, path, Document(text, doc.tokens)))
    render = median_ms(lambda: render_html(Document(text, doc.tokens)))

    editor = MarkdownEditor()
    editor.resize(760, 800)
    editor.show()
    highlighter = editor._highlighter

    def load_and_highlight() -> None:
        highlighter.setDocument(None)
        editor.load_text(text)
        highlighter.setDocument(editor.document())  # highlights every block, now
        app.processEvents()

    highlight_all = median_ms(load_and_highlight, 3)
    preview = MarkdownPreview()
    preview.resize(460, 800)
    preview.show()

    def layout() -> None:
        preview.show_html("")
        preview.show_html(html)
        app.processEvents()

    qt_layout = median_ms(layout, 3)
    block = editor.document().findBlockByNumber(min(40, editor.blockCount() - 1))

    def keystroke() -> None:
        QTextCursor(block).insertText("x")
        app.processEvents()

    key = median_ms(keystroke, 20)
    one_block = MarkdownHighlighter(editor.document())  # a second one, to time one block
    per_block = median_ms(lambda: one_block.rehighlightBlock(block), 20)
    one_block.setDocument(None)
    print(f"\n{name} ({len(text.encode('utf-8')) / 1e3:.0f} KB, {doc.line_count} lines)")
    print("  open:")
    print(f"    parse {parse:.1f} · rules {rules:.1f} · render {render:.1f} ms")
    print(f"    highlighter over every block {highlight_all:.1f} ms")
    print(f"    Qt layout of the whole preview {qt_layout:.1f} ms")
    print("  keystroke:")
    print(
        f"    editor insert + repaint {key:.2f} ms; highlighter for the edited line "
        f"{per_block:.2f} ms"
    )
    if is_large(text):  # the child re-parses and re-renders only what the edit touched
        again_parse, again_render = incremental_stages(text)
        print(
            f"    then the live lint, in the child: parse {again_parse:.1f} + rules "
            f"{rules:.1f} + render {again_render:.1f} ms (only the edited chunk and block)"
        )
    else:
        print(
            f"    then the live lint: parse {parse:.1f} + rules {rules:.1f} + render "
            f"{render:.1f} ms (off the GUI thread)"
        )
    editor.close()
    preview.close()


def incremental_stages(text: str) -> tuple[float, float]:
    """Median (parse, render) ms of one-character edits after the first text, done the way
    the live-lint child does them: unchanged chunks and blocks are kept."""
    from foundry_app.core.document import Document
    from foundry_app.core.incremental_parse import IncrementalParser
    from foundry_app.core.render import BlockReuse

    parser, reuse = IncrementalParser(), BlockReuse()
    reuse.blocks(Document(text, parser.tokens(text)))
    at = text.index("\n", len(text) // 3)
    parses, renders = [], []
    for n in range(1, 8):
        version = text[:at] + "x" * n + text[at:]
        start = time.perf_counter()
        doc = Document(version, parser.tokens(version))
        middle = time.perf_counter()
        reuse.blocks(doc)
        parses.append((middle - start) * 1000)
        renders.append((time.perf_counter() - middle) * 1000)
    return statistics.median(parses), statistics.median(renders)


def library_stages(library) -> None:
    from foundry_app.core.document import Document
    from foundry_app.core.facts import analyze
    from foundry_app.core.lint import lint_library
    from foundry_app.core.storage import read_text_file

    files = library.markdown_files()
    texts = {}
    read = median_ms(lambda: texts.update({p: read_text_file(p).text for p in files}), 3)
    docs = {}
    parse = median_ms(lambda: docs.update({p: Document(t) for p, t in texts.items()}), 3)
    rules = median_ms(lambda: [analyze(p, d, library.file_spec(p)) for p, d in docs.items()], 3)
    whole = median_ms(lambda: lint_library(library, use_cache=False, jobs=1), 3)
    size = sum(len(t.encode("utf-8")) for t in texts.values())
    print(f"\nlibrary lint, one process ({len(files)} files, {size / 1e6:.2f} MB)")
    print(f"  read {read:.1f} · parse {parse:.1f} · file rules {rules:.1f} ms")
    print(f"  lint_library, no cache, one process: {whole:.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--library", type=Path, default=ROOT / "ai-team-library")
    args = parser.parse_args()
    from PySide6.QtWidgets import QApplication
    from synthetic import big_document

    from foundry_app.core.library import Library

    app = QApplication.instance() or QApplication([])
    shipped = Library.open(ROOT / "ai-team-library")
    file_stages(app, "stacks/mlops/conventions.md", shipped, MLOPS, MLOPS.read_text("utf-8"))
    with tempfile.TemporaryDirectory() as temp:
        path = Path(temp) / "big.md"
        file_stages(app, "a 300 KB file", None, path, big_document(300_000))
    library_stages(Library.open(args.library))


if __name__ == "__main__":
    main()
