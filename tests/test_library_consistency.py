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
