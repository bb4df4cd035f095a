"""Decide whether the clause leading up to a mention speaks of the future.

The clause runs back from the mention to the last punctuation mark or relative pronoun (الذي، التي…);
when it holds nothing but the mention (a date after a comma), the clause before that comma counts.
Future cues: a verb with the سـ prefix (سيجتمع، ستكون), سوف, من المقرر, يعتزم, المقبل… (lexicon).
"""

from __future__ import annotations

import re
from functools import cache

from generator.temporal import lexicon as lx
from generator.temporal.lexicon import alt
from generator.temporal.normalize import fold_word

WINDOW = 240
"""How far back (in characters) a clause is looked for; keeps the whole scan linear."""


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    lex = lx.data()
    boundary = re.compile(r"([.!?؟؛;\n:«»\"“”]|[،,])|(?<!\w)" + alt(lex["clause_openers"]) + r"(?!\w)")
    cue = re.compile(r"(?<!\w)[وف]?(?:" + alt(lex["future_cues"]) + r"(?!\w)|(?P<verb>س[يتنا]\w{2,}))")
    return boundary, cue, frozenset(fold_word(w) for w in lex["not_future"])


def is_future(folded: str, start: int) -> bool:
    """Return whether the clause before folded[start] carries a future cue."""
    boundary, cue, nouns = _patterns()
    lo = max(0, start - WINDOW)
    window = folded[lo:start]
    cuts = [(m.start(), m.end(), m.group(1) in ("،", ",")) for m in boundary.finditer(window)]
    begin = cuts[-1][1] if cuts else 0
    clause = window[begin:]
    if not re.search(r"\w", clause) and cuts and cuts[-1][2]:
        prior = cuts[-2][1] if len(cuts) > 1 else 0
        clause = window[prior : cuts[-1][0]]
    for m in cue.finditer(clause):
        verb = m.group("verb")
        if verb is None or verb not in nouns:
            return True
    return False


@cache
def _past_pattern() -> re.Pattern[str]:
    verbs = alt(lx.data()["past_verbs"])
    return re.compile(r"(?<!\w)[وف]?" + verbs + r"\s+(?:(?:في|يوم|بتاريخ)\s+)?$")


def is_past_governed(folded: str, start: int) -> bool:
    """Return whether a past-tense verb directly governs the mention at folded[start]."""
    return _past_pattern().search(folded, max(0, start - 40), start) is not None
