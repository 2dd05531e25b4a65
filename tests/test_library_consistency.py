"""Facts the shipped library states in several places agree with each other."""

from __future__ import annotations

import re

from helpers import SHIPPED_LIBRARY

TEXTS = {p: p.read_text(encoding="utf-8") for p in sorted(SHIPPED_LIBRARY.rglob("*.md"))}


def test_one_actions_checkout_major_version():
    majors = {m for text in TEXTS.values() for m in re.findall(r"actions/checkout@v(\d+)", text)}
    assert len(majors) == 1, majors


def test_lethal_trifecta_is_named_one_way():
    assert not [p.name for p, text in TEXTS.items() if re.search(r"lethal trio", text, re.I)]


def test_output_price_ratio_is_stated_only_in_mlops_conventions():
    ratio = re.compile(r"\d\s*(?:–|-|to)\s*\d\s*(?:×|x)\s+(?:input|dearer)", re.I)
    where = [p.relative_to(SHIPPED_LIBRARY).as_posix() for p, t in TEXTS.items() if ratio.search(t)]
    assert where == ["stacks/mlops/conventions.md"], where


def test_contract_volume_key_matches_its_validator():
    text = TEXTS[SHIPPED_LIBRARY / "stacks" / "data-engineering" / "data-quality.md"]
    keys = set(re.findall(r"max_change_vs_\w+", text))
    assert keys == {"max_change_vs_weekday_median"}, keys


def test_default_deny_ships_with_a_dns_allow():
    text = TEXTS[SHIPPED_LIBRARY / "stacks" / "kubernetes" / "conventions.md"]
    assert "policyTypes: [Ingress, Egress]" in text
    assert "port: 53" in text and "k8s-app: kube-dns" in text


def stacks_linked_from(stack: str) -> dict[str, int]:
    """How many relative links in the stack's files point into each other stack."""
    counts: dict[str, int] = {}
    for path, text in TEXTS.items():
        if path.parent.name != stack or path.parent.parent.name != "stacks":
            continue
        for target in re.findall(r"\]\(\.\./([a-z0-9-]+)/[^)\s]*\.md(?:#[^)\s]*)?\)", text):
            counts[target] = counts.get(target, 0) + 1
    return counts


def test_mlops_and_its_neighbours_link_both_ways():
    neighbours = ("security", "data-engineering", "kubernetes", "python")
    out = stacks_linked_from("mlops")
    assert all(out.get(stack, 0) >= 1 for stack in neighbours), out
    back = {stack: stacks_linked_from(stack).get("mlops", 0) for stack in neighbours}
    assert all(back.values()), back


def test_cross_stack_links_are_counted():
    assert stacks_linked_from("no-such-stack") == {}
    assert stacks_linked_from("python").get("python-qt-pyside6", 0) >= 1
