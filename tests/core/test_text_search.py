"""The query engine shared by the find bar and the library search."""

from __future__ import annotations

import pytest

from foundry_app.core.text_search import (
    LineMatch,
    Query,
    QueryError,
    compile_query,
    find_spans,
    line_matches,
    match_seconds,
    replace_all,
)


def spans(haystack: str, **options) -> list[tuple[int, int]]:
    pattern = compile_query(Query(**options))
    return find_spans(haystack, pattern) if pattern else []


def test_plain_text_is_case_insensitive_unless_asked():
    assert spans("Item item ITEM", text="item") == [(0, 4), (5, 9), (10, 14)]
    assert spans("Item item ITEM", text="item", case_sensitive=True) == [(5, 9)]


def test_plain_text_is_not_a_pattern():
    assert spans("a.b axb", text="a.b") == [(0, 3)]


def test_whole_word_respects_punctuation_at_the_edges():
    assert spans("cat concat cat. (cat)", text="cat", whole_word=True) == [
        (0, 3),
        (11, 14),
        (17, 20),
    ]
    assert spans("a-b a-bc", text="a-b", whole_word=True) == [(0, 3)]


def test_empty_query_matches_nothing():
    assert compile_query(Query("")) is None


def test_a_bad_regex_says_why():
    with pytest.raises(QueryError, match="Invalid regular expression"):
        compile_query(Query("(unclosed", regex=True))


def test_empty_regex_matches_are_skipped():
    assert spans("ab\ncd", text="^", regex=True) == []


def test_replace_all_with_groups_in_both_syntaxes():
    pattern = compile_query(Query(r"(\w+)@(\w+)", regex=True))
    text = "alice@home and bob@work"
    assert replace_all(text, pattern, r"\2:\1", regex=True) == ("home:alice and work:bob", 2)
    assert replace_all(text, pattern, "$2:$1", regex=True) == ("home:alice and work:bob", 2)


def test_replace_all_literal_keeps_backslashes_and_dollars():
    pattern = compile_query(Query("x"))
    assert replace_all("x-x", pattern, r"$1\n", regex=False) == (r"$1\n-$1\n", 2)


def test_a_replacement_naming_a_missing_group_is_an_error():
    pattern = compile_query(Query(r"(a)", regex=True))
    with pytest.raises(QueryError):
        replace_all("a", pattern, r"\3", regex=True)


def test_line_matches_report_line_and_columns():
    text = "first line\nsecond needle here\n\nneedle again, needle\n"
    pattern = compile_query(Query("needle"))
    assert line_matches(text, pattern) == [
        LineMatch(2, 7, 13, "second needle here"),
        LineMatch(4, 0, 6, "needle again, needle"),
        LineMatch(4, 14, 20, "needle again, needle"),
    ]
    assert len(line_matches(text, pattern, limit=1)) == 1


def test_a_match_across_lines_is_shown_on_its_first_line():
    pattern = compile_query(Query(r"one\ntwo", regex=True))
    assert line_matches("zero one\ntwo", pattern) == [LineMatch(1, 5, 8, "zero one")]


def test_anchors_work_per_line():
    pattern = compile_query(Query(r"^- ", regex=True))
    assert [m.line for m in line_matches("- a\ntext - b\n- c", pattern)] == [1, 3]


def test_an_expression_that_backtracks_without_end_stops_with_a_reason():
    # `re` tries every split of the a's: years on this line, in the window's own thread
    pattern = compile_query(Query(r"^(a|aa)+$", regex=True))
    text = "a" * 60 + "b\n"
    for search in (
        lambda: find_spans(text, pattern),
        lambda: line_matches(text, pattern),
        lambda: replace_all(text, pattern, "x", regex=True),
    ):
        with pytest.raises(QueryError, match="ran for over 1 s without finishing: simplify it"):
            search()


def test_the_time_allowed_grows_with_the_text_so_a_long_scan_is_never_cut_short():
    # two million matches in 10 MB take seconds of matching; that is work, not backtracking
    text = "word " * 2_000_000
    assert match_seconds(text) > 10
    _, count = replace_all(text, compile_query(Query("word")), "w", regex=False)
    assert count == 2_000_000


def test_what_pythons_re_refuses_is_refused():
    for pattern in (r"\p{L}+", r"\Gx", r"[\w--\d]"):
        with pytest.raises(QueryError, match="Invalid regular expression"):
            compile_query(Query(pattern, regex=True))
