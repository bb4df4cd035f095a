"""The Arabic date engine: find date expressions in a text and resolve them against its document date.

find_mentions(text, dct) -> list[Mention]    spans index `text` exactly, sorted, non-overlapping
anchor.infer_dct(text) -> (date | None, evidence)
prepare()                                    compile every pattern now (else each when first needed)
"""

from __future__ import annotations

import gc
from datetime import date

from generator.models import Mention
from generator.temporal.normalize import fold
from generator.temporal.recognize import find_candidates, select
from generator.temporal.resolve import Resolver

ENGINE_VERSION = "1.2"
"""Bump when the engine's output changes for the same input (the extraction cache keys on it)."""

__all__ = ["ENGINE_VERSION", "find_mentions", "prepare"]


def prepare() -> None:
    """Compile every pattern of the engine now, instead of as texts first need them.

    Compiling takes about 70 ms: a process that prepares before forking gives every child the
    patterns ready, and one prepared while the articles are read has them when an edit needs them.
    """
    from generator.temporal import anchor, recognize, resolve, tense

    recognize.patterns()
    recognize._trigger()
    recognize._tail()
    resolve._tables()
    tense._patterns()
    tense._past_pattern()
    anchor._weekday_names()


def find_mentions(
    text: str, dct: date | None, *, week_start: str = "saturday", not_dates: tuple[str, ...] = ()
) -> list[Mention]:
    """Return the date mentions of a text, resolved against its document date (None: unresolved).

    `not_dates` are a user's own phrases that hold a date word but name no date (timeline.toml).
    """
    # The work allocates many small acyclic objects; the cyclic collector would rescan them again
    # and again on a long text (superlinear time), so it pauses for the call.
    collecting = gc.isenabled()
    gc.disable()
    try:
        folded = fold(text)
        resolver = Resolver(folded, dct, week_start)
        candidates, blocked = find_candidates(folded.text, not_dates=tuple(not_dates))
        resolved = [r for c in candidates for r in resolver.resolve(c)]
        joined = resolver.join_ranges(select(resolved, blocked))
        return [r.mention for r in resolver.join_equivalents(joined)]
    finally:
        if collecting:
            gc.enable()
