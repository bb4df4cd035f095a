"""Write the editorial.yaml stub of headlines to fill in: `timeline headlines`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import yaml

from generator.models import Entry
from generator.timeline import entry_order

Language = Literal["ar", "en"]
ROLES = ("event", "context")
"""Event entries first, then context (background) ones."""
_OTHER: dict[Language, Language] = {"en": "ar", "ar": "en"}
_NAMES = {"en": "English", "ar": "Arabic"}


def headline_in(entry: Entry, lang: Language) -> str:
    """Return the entry's headline in one language ('' when it has none)."""
    return (entry.headline.en if lang == "en" else entry.headline.ar) or ""


def entries_missing(entries: Sequence[Entry], missing: Language | None) -> list[Entry]:
    """Return the entries without a headline in `missing` (all without it): event entries first, by date."""
    chosen = [e for e in entries if missing is None or not headline_in(e, missing)]
    return sorted(
        chosen, key=lambda e: (ROLES.index(e.role) if e.role in ROLES else len(ROLES), entry_order(e))
    )


def quoted(text: str) -> str:
    """Return text as one double-quoted YAML scalar on one line (Arabic kept readable, breaks escaped)."""
    dumped = yaml.safe_dump(text, default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.removesuffix("\n")


def _key(entry_id: str) -> str:
    """Return the id as a YAML key that reads back as this text (an id of digits alone is quoted)."""
    return entry_id if yaml.safe_load(entry_id) == entry_id else quoted(entry_id)


def render_headline_stub(entries: Sequence[Entry], missing: Language | None) -> str:
    """Return editorial.yaml text for the entries missing a headline in `missing` (every entry when None).

    With `missing`, the other language's headline is a comment for reference and the missing one an
    empty field to fill in (editorial.yaml ignores an empty headline). Without it, both are fields.
    """
    chosen = entries_missing(entries, missing)
    what = f"without an {_NAMES[missing]} headline" if missing else "with their headlines"
    lines = [
        f"# {len(chosen)} entr{'y' if len(chosen) == 1 else 'ies'} {what} (timeline headlines).",
        "# Write the headlines and paste the entries into editorial.yaml (keep only those you change):",
        "# an empty headline is ignored, so one not written yet may stay as it is.",
    ]
    role = None
    for entry in chosen:
        if entry.role != role:
            role = entry.role
            lines += ["", "# background (context) entries" if role == "context" else "# event entries"]
        lines += ["", f"{_key(entry.id)}:  # {entry.time.value}"]
        if missing is None:
            lines += [f"  headline_{lang}: {quoted(headline_in(entry, lang))}" for lang in ("ar", "en")]
        else:
            lines += [
                f"  # headline_{_OTHER[missing]}: {quoted(headline_in(entry, _OTHER[missing]))}",
                f'  headline_{missing}: ""',
            ]
    return "\n".join(lines) + "\n"
