"""Quick open's fuzzy matching, without Qt."""

from __future__ import annotations

from foundry_app.core.fuzzy import rank_paths, score_path

PATHS = [
    "README.md",
    "stacks/python/conventions.md",
    "stacks/python/testing.md",
    "stacks/react-native/conventions.md",
    "stacks/cloud-cost/notes.md",
    "stacks/concurrency/overview.md",
]


def ranked(query: str) -> list[str]:
    return [match.path for match in rank_paths(query, PATHS)]


def test_characters_in_order_anywhere_match():
    assert score_path("pyconv", "stacks/python/conventions.md") is not None
    assert score_path("vnoc", "stacks/python/conventions.md") is None


def test_a_match_in_the_file_name_ranks_above_one_in_folders():
    assert ranked("conv")[:2] == [
        "stacks/python/conventions.md",
        "stacks/react-native/conventions.md",
    ]


def test_word_starts_beat_scattered_letters():
    assert ranked("rn conv")[0] == "stacks/react-native/conventions.md"
    assert ranked("cc")[0] == "stacks/cloud-cost/notes.md"


def test_case_and_spaces_do_not_matter():
    assert ranked("TEST")[0] == "stacks/python/testing.md"
    assert ranked("py test")[0] == "stacks/python/testing.md"


def test_empty_query_lists_everything_in_order():
    assert ranked("") == PATHS


def test_positions_point_at_the_matched_characters():
    match = score_path("readme", "README.md")
    assert match.positions == (0, 1, 2, 3, 4, 5)


def test_limit_is_respected_on_many_paths():
    paths = [f"stacks/s{i}/conventions.md" for i in range(5000)]
    assert len(rank_paths("conv", paths, limit=20)) == 20
