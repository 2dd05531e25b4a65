"""The library tree's shape and its rolled-up counts, decided without Qt."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from helpers import GOOD_CONVENTIONS, make_library

from foundry_app.core.library import Library
from foundry_app.core.library_tree import (
    FILE,
    FOLDER,
    KIND,
    NOTHING,
    RolledUp,
    Tally,
    build_tree,
)


def _kind(key: str, title: str) -> SimpleNamespace:
    return SimpleNamespace(key=key, title=title)


def _newer_layout(root: Path) -> SimpleNamespace:
    """A library shaped like the newer public layout: expertise/, grouped personas, claude/."""
    expertise, personas = _kind("stack", "Expertise"), _kind("persona", "Personas")
    pack = root / "expertise" / "mlops"
    dev = root / "personas" / "core" / "developer"
    items = [
        SimpleNamespace(kind=expertise, name="mlops", path=pack, files=(pack / "conventions.md",)),
        SimpleNamespace(
            kind=personas,
            name="developer",
            path=dev,
            files=(dev / "persona.md", dev / "templates" / "handoff.md", dev / "outputs.md"),
        ),
    ]
    other = [
        root / "claude" / "commands" / "review.md",
        root / "claude" / "skills" / "lint" / "SKILL.md",
        root / "personas" / "README.md",
        root / "README.md",
    ]
    return SimpleNamespace(
        root=root,
        template=SimpleNamespace(kinds=(expertise, personas, _kind("workflow", "Workflows"))),
        items=items,
        markdown_files=lambda: [f for i in items for f in i.files] + other,
        text_files=[dev / "contracts.yml", root / "personas" / "core" / "defaults.yml"],
    )


def _shape(node, depth=0) -> list[str]:
    lines = [f"{'  ' * depth}{node.role}:{node.label}"]
    for child in node.children:
        lines.extend(_shape(child, depth + 1))
    return lines


def test_kinds_come_first_then_folders_then_top_files(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    assert [(n.role, n.label) for n in tops] == [
        (KIND, "Expertise (1)"),
        (KIND, "Personas (1)"),
        (FOLDER, "claude"),
        (FILE, "README.md"),
    ]


def test_items_hold_their_files_and_sub_folders_and_other_folders_nest(tmp_path):
    lines = [line for top in build_tree(_newer_layout(tmp_path)) for line in _shape(top)]
    assert lines == [
        "kind:Expertise (1)",
        "  item:mlops",
        "    file:conventions.md",
        "kind:Personas (1)",
        "  item:developer",
        "    folder:templates",
        "      file:handoff.md",
        "    file:contracts.yml",
        "    file:outputs.md",
        "    file:persona.md",
        "  folder:core",
        "    file:defaults.yml",
        "  file:README.md",
        "folder:claude",
        "  folder:commands",
        "    file:review.md",
        "  folder:skills",
        "    folder:lint",
        "      file:SKILL.md",
        "file:README.md",
    ]


def test_no_label_is_a_path(tmp_path):
    for top in build_tree(_newer_layout(tmp_path)):
        for node in top.walk():
            assert "/" not in node.label


def test_a_real_library_in_the_shipped_layout(tmp_path):
    root = make_library(
        tmp_path / "lib",
        {"example": {"conventions.md": GOOD_CONVENTIONS, "notes.md": "# Notes\n"}},
    )
    (root / "guides").mkdir()
    (root / "guides" / "style.md").write_text("# Style\n", encoding="utf-8")
    tops = build_tree(Library.open(root))
    assert [line for top in tops for line in _shape(top)] == [
        "kind:Stacks (1)",
        "  item:example",
        "    file:conventions.md",
        "    file:notes.md",
        "folder:guides",
        "  file:style.md",
        "file:library.toml",
    ]
    assert tops[1].path == root.resolve() / "guides"


def test_counts_roll_up_to_every_folder_item_and_kind(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    rolled = RolledUp(tops)
    dev = tmp_path / "personas" / "core" / "developer"
    rolled.set(dev / "templates" / "handoff.md", Tally(errors=1, done=1, total=3))
    rolled.set(dev / "persona.md", Tally(warnings=2))
    rolled.set(tmp_path / "claude" / "commands" / "review.md", Tally(warnings=1))
    personas, claude = tops[1], tops[2]
    assert rolled.total(rolled.node_at(dev / "templates")).badge() == "1 ✖ · 1/3"
    assert rolled.total(rolled.node_at(dev)).badge() == "1 ✖ 2 ⚠ · 1/3"
    assert rolled.total(personas).badge() == "1 ✖ 2 ⚠ · 1/3"
    assert rolled.total(claude).badge() == "1 ⚠"
    assert rolled.total(tops[0]) == NOTHING


def test_a_change_updates_only_the_nodes_above_it(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    rolled = RolledUp(tops)
    review = tmp_path / "claude" / "commands" / "review.md"
    changed = rolled.set(review, Tally(errors=2))
    assert [n.label for n in changed] == ["review.md", "commands", "claude"]
    assert rolled.set(review, Tally(errors=2)) == []  # unchanged: nothing to repaint
    rolled.set(review, NOTHING)
    assert rolled.total(tops[2]) == NOTHING


def test_findings_on_paths_that_are_not_nodes_count_at_the_nearest_node(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    rolled = RolledUp(tops)
    pack = tmp_path / "expertise" / "mlops"
    rolled.set(pack / "missing.md", Tally(errors=1))  # a required file that is not there
    rolled.set(tmp_path / "expertise", Tally(warnings=1))  # the kind's folder itself
    rolled.set(tmp_path.parent / "elsewhere.md", Tally(errors=5))  # outside: counted nowhere
    assert rolled.total(rolled.node_at(pack)).badge() == "1 ✖"
    assert rolled.total(tops[0]).badge() == "1 ✖ 1 ⚠"
    assert sum(rolled.total(top).errors for top in tops) == 1


def test_reset_replaces_every_total(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    rolled = RolledUp(tops)
    rolled.set(tmp_path / "README.md", Tally(errors=1))
    rolled.reset({tmp_path / "claude" / "commands" / "review.md": Tally(done=2, total=2)})
    assert rolled.total(rolled.node_at(tmp_path / "README.md")) == NOTHING
    assert rolled.total(tops[2]).badge() == "2/2"


def _every_total(rolled: RolledUp, tops) -> list[Tally]:
    return [rolled.total(node) for top in tops for node in top.walk()]


def test_a_reset_in_pieces_ends_with_the_totals_of_a_reset_in_one_go(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    dev = tmp_path / "personas" / "core" / "developer"
    tallies = {
        dev / "templates" / "handoff.md": Tally(errors=1, done=1, total=3),
        dev / "persona.md": Tally(warnings=2),
        tmp_path / "expertise" / "mlops" / "missing.md": Tally(errors=1),
        tmp_path / "claude" / "commands" / "review.md": Tally(warnings=1),
        tmp_path.parent / "elsewhere.md": Tally(errors=5),
    }
    whole, stepped = RolledUp(tops), RolledUp(tops)
    whole.reset(tallies)
    pieces = list(stepped.reset_in_pieces(tallies, piece=2))
    assert len(pieces) > 2, "several pieces, one path or node batch each"
    assert _every_total(stepped, tops) == _every_total(whole, tops)


def test_a_set_while_a_reset_is_in_pieces_wins_over_the_reset(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    review = tmp_path / "claude" / "commands" / "review.md"
    rolled = RolledUp(tops)
    pieces = rolled.reset_in_pieces({review: Tally(errors=3)}, piece=2)
    next(pieces)
    assert rolled.total(tops[2]) == NOTHING, "the old totals stay until the last piece"
    rolled.set(review, Tally(warnings=1))  # a newer live result for that file
    assert rolled.total(tops[2]).badge() == "1 ⚠"
    for _piece in pieces:
        pass
    assert rolled.total(tops[2]).badge() == "1 ⚠"
    assert rolled.total(rolled.node_at(review)).badge() == "1 ⚠"


def test_a_reset_dropped_halfway_leaves_the_old_totals(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    review = tmp_path / "claude" / "commands" / "review.md"
    rolled = RolledUp(tops)
    rolled.set(review, Tally(warnings=1))
    pieces = rolled.reset_in_pieces({review: Tally(errors=3)}, piece=2)
    next(pieces)
    pieces.close()
    rolled.set(review, Tally(warnings=2))
    assert rolled.total(tops[2]).badge() == "2 ⚠"


def test_an_empty_folder_just_made_is_shown_where_it_belongs(tmp_path):
    library = _newer_layout(tmp_path)
    made = [tmp_path / "claude" / "agents", tmp_path / "personas" / "core" / "developer" / "x"]
    tops = build_tree(library, made)
    claude = tops[2]
    assert [c.label for c in claude.children] == ["agents", "commands", "skills"]
    developer = tops[1].children[0]
    assert [c.label for c in developer.children][:2] == ["templates", "x"]


def test_reset_and_one_by_one_updates_agree(tmp_path):
    tops = build_tree(_newer_layout(tmp_path))
    dev = tmp_path / "personas" / "core" / "developer"
    tallies = {
        dev / "persona.md": Tally(errors=1, total=2, done=1),
        dev / "templates" / "handoff.md": Tally(warnings=3),
        tmp_path / "claude" / "commands" / "review.md": Tally(errors=2),
        dev / "missing.md": Tally(errors=1),
    }
    at_once, one_by_one = RolledUp(tops), RolledUp(tops)
    at_once.reset(tallies)
    for path, tally in tallies.items():
        one_by_one.set(path, tally)
    for top in tops:
        for node in top.walk():
            assert at_once.total(node) == one_by_one.total(node), node.label
    at_once.set(dev / "persona.md", NOTHING)  # and later single updates still apply
    assert at_once.total(tops[1]) == Tally(errors=1, warnings=3)


def test_the_tree_adds_one_tracked_object_per_file(tmp_path):
    """Every object the garbage collector tracks is walked by each full collection of the
    window: a file's node is one object, a leaf holding no list of its own."""
    import gc

    root = tmp_path / "lib"
    files = [root / "notes" / f"part-{n // 100}" / f"note-{n}.md" for n in range(2000)]
    library = SimpleNamespace(
        root=root,
        template=SimpleNamespace(kinds=()),
        items=[],
        markdown_files=lambda: files,
    )
    gc.collect()
    before = len(gc.get_objects())
    tops = build_tree(library)
    added = len(gc.get_objects()) - before
    nodes = [node for top in tops for node in top.walk()]
    assert sum(node.role == FILE for node in nodes) == len(files)
    assert added <= len(files) * 1.1
