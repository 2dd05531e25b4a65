"""Skeleton text for template sections and new items, generated from the template itself."""

from __future__ import annotations

from datetime import date

from foundry_app.core.template import FrontMatterKey, KindSpec, SectionSpec

PLACEHOLDER = "TODO"


def section_body(spec: SectionSpec) -> str:
    """Placeholder content of the right shape for a required section."""
    if spec.content == "table":
        columns = spec.columns or ("Column",)
        header = "| " + " | ".join(columns) + " |"
        rule = "|" + "|".join("---" for _ in columns) + "|"
        row = "| " + " | ".join(PLACEHOLDER for _ in columns) + " |"
        return "\n".join((header, rule, row))
    if spec.content == "do-dont":
        prefixes = spec.prefixes or ("Do", "Don't")
        return "\n".join(f"- **{prefix}** {PLACEHOLDER}." for prefix in prefixes)
    if spec.content == "numbered":
        lead = f"**{PLACEHOLDER}.** " if spec.bold_lead else ""
        return f"1. {lead}{PLACEHOLDER}."
    if spec.content == "tasks":
        return "\n".join(f"- [ ] {PLACEHOLDER}." for _ in range(max(1, spec.min_items)))
    if spec.content == "bullets":
        return f"- {PLACEHOLDER}."
    return f"{PLACEHOLDER}."


def section_text(spec: SectionSpec) -> str:
    """The heading and body of a section, ending with one newline."""
    return f"## {spec.heading}\n\n{section_body(spec)}\n"


def item_files(kind: KindSpec, name: str, folder: str | None = None) -> dict[str, str]:
    """The files a new item starts with: each required file with its front matter, summary
    and required sections, as the template asks for them in `folder` (its kind folder)."""
    files = {}
    for filename in kind.required_files:
        spec = kind.file_spec(filename)
        parts = [f"# {_title_from(name)}\n"]
        about = f"{PLACEHOLDER}: say what this {kind.key} covers."
        parts.append(f"> {about}\n" if spec.summary else f"{about}\n")
        parts.extend(section_text(section) for section in spec.sections)
        if kind.code_examples and filename == kind.required_files[0]:
            parts.append(f"## Examples\n\n```text\n{PLACEHOLDER}: a worked example.\n```\n")
        home = folder or kind.folder
        if spec.front_matter and (
            not spec.front_matter_only_in or home in spec.front_matter_only_in
        ):
            parts[0] = _front_matter(spec.front_matter, name) + parts[0]
        files[filename] = "\n".join(parts)
    return files


def _front_matter(keys: tuple[FrontMatterKey, ...], name: str) -> str:
    """Starting values that pass the checks; a text value is left for the author to write."""
    values = {
        "item-name": name,
        "date": date.today().strftime("%Y-%m"),
        "boolean": "true",
    }
    lines = []
    for key in keys:
        if key.required:
            value = key.one_of[0] if key.one_of else values.get(key.value, PLACEHOLDER)
            lines.append(f"{key.key}: {value}")
    return "---\n" + "".join(line + "\n" for line in lines) + "---\n"


def _title_from(name: str) -> str:
    return " ".join(word.capitalize() for word in name.split("-"))
