"""Every registered rule has its own test file and a docstring with Bad and Good examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from foundry_app.core.rules.registry import all_rules

HERE = Path(__file__).parent
RULES = all_rules()


def test_the_registry_holds_rules():
    assert len(RULES) >= 17
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_has_a_test_file(rule):
    path = HERE / f"test_{rule.name.replace('-', '_')}.py"
    assert path.is_file(), f"rule {rule.id} {rule.name} has no {path.name}"
    text = path.read_text(encoding="utf-8")
    assert f'RULE = "{rule.name}"' in text, f"{path.name} does not test {rule.name}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.name)
def test_rule_doc_has_bad_and_good_examples(rule):
    assert "Bad" in rule.doc, f"{rule.name}: docstring has no Bad example"
    assert "Good" in rule.doc, f"{rule.name}: docstring has no Good example"
    assert rule.summary
