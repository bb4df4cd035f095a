"""The Arabic date engine: find date expressions in a text and resolve them against its document date.

find_mentions(text, dct) -> list[Mention]    spans index `text` exactly, sorted, non-overlapping
anchor.infer_dct(text) -> (date | None, evidence)
"""

from __future__ import annotations

from datetime import date

from generator.models import Mention
from generator.temporal.normalize import fold
from generator.temporal.recognize import find_candidates, select
from generator.temporal.resolve import Resolver

ENGINE_VERSION = "1.45"
"""Bump when the engine's output changes for the same input (the extraction cache keys on it)."""

__all__ = ["ENGINE_VERSION", "find_mentions"]


def find_mentions(
    text: str, dct: date | None, *, week_start: str = "saturday", not_dates: tuple[str, ...] = ()
) -> list[Mention]:
    """Return the date mentions of a text, resolved against its document date (None: unresolved).

    `not_dates` are a user's own phrases that hold a date word but name no date (timeline.toml).
    """
    folded = fold(text)
    resolver = Resolver(folded, dct, week_start)
    candidates, blocked = find_candidates(folded.text, not_dates=tuple(not_dates))
    resolved = [r for c in candidates for r in resolver.resolve(c)]
    joined = resolver.join_nights(resolver.join_ranges(select(resolved, blocked)))
    return [r.mention for r in resolver.days_from_before(resolver.join_equivalents(joined))]
