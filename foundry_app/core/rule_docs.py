"""A rule's reference text as Markdown, from its registry entry: the docs/rules.md section
and the app's Help → Rules both show exactly this."""

from __future__ import annotations

from foundry_app.core.rule_config import OUTSIDE_KINDS
from foundry_app.core.rules.registry import Rule


def rule_section(rule: Rule) -> str:
    """`## ID name`, the summary with severity (and the level outside any kind, where it
    differs) and scope, then the docstring's prose with
    its indented examples as fenced text."""
    body = rule.doc.split("\n", 1)[1].strip() if "\n" in rule.doc else ""
    outside = OUTSIDE_KINDS.get(rule.id)
    level = f"**{rule.severity}**" + (f" (**{outside}** outside any kind)" if outside else "")
    parts = [
        f"\n## {rule.id} {rule.name}\n",
        f"{rule.summary} Severity: {level}; applies to: {scope_text(rule.scope)}.\n",
    ]
    if body:
        parts.append(indented_examples_to_fences(body))
    return "\n".join(parts)


def scope_text(scope: str) -> str:
    return {
        "file": "each Markdown file",
        "links": "links in each file",
        "item": "each stack",
        "suppressions": "suppression comments in each file",
        "data": "each YAML, JSON and TOML file",
    }[scope]


def indented_examples_to_fences(body: str) -> str:
    """Docstrings show examples indented; the reference shows them as fenced text."""
    out, block = [], []

    def flush() -> None:
        if block:
            while block and not block[-1].strip():
                block.pop()
            out.extend(["````text", *block, "````"])
            block.clear()

    for line in body.split("\n"):
        if line.startswith("    ") or (block and not line.strip()):
            block.append(line[4:])
        else:
            flush()
            out.append(line)
    flush()
    return "\n".join(out) + "\n"
