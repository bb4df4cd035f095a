"""Decide whether the clause leading up to a mention speaks of the future, or announces a fixture.

The clause runs back from the mention to the last punctuation mark or relative pronoun (الذي، التي…);
when it holds nothing but the mention (a date after a comma, or after a comma and و), the clause before
that comma counts.
Future cues: an imperfective verb with the future prefix سـ (سيجتمع، ستكون، سنعمل، سأزور), سوف,
and the words of the lexicon's `future_cues` (من المقرر، المرتقب، المقبل…). A word that merely
begins with س is no cue: the prefix must stand before an imperfective letter (ي ت ن أ) and a stem,
the word must not end as a noun does (ة، ات), and the lexicon's `not_future` names the rest
(سيطر، سياسة، سنوات). Fixture verbs (`fixture_verbs`: يستضيف، يلتقي، تنطلق…) announce a coming
match or meeting even without the prefix. A weekday after «حتى» in a clause that extends something
(`extension_words`: تمديد، مدد…) is a deadline pushed back: the coming one.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from generator.temporal import lexicon as lx
from generator.temporal.lexicon import alt
from generator.temporal.normalize import Folded, fold_word

WINDOW = 240
"""How far back (in characters) a clause is looked for; keeps the whole scan linear."""

NOUN_SUFFIXES = ("", "ه", "ها", "هم", "هما", "ت", "تها", "ته", "وا", "ات", "ي", "ين", "ون", "يه", "يا")
"""Endings a `not_future` word may carry and still be the same noun or past verb (سيطرت، سيارته)."""


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str], re.Pattern[str]]:
    lex = lx.data()
    boundary = re.compile(r"([.!?؟؛;\n:«»\"“”]|[،,])|(?<!\w)" + alt(lex["clause_openers"]) + r"(?!\w)")
    plan = alt(lex["plan_links"]) + r"\s+[يتن]\w{2,}"  # "على أن تقلع طائرة ثانية الثلاثاء"
    cue = re.compile(
        r"(?<!\w)[وف]?(?:" + alt(lex["future_cues"]) + r"(?!\w)|" + plan + r"|(?P<verb>س[يتنا]\w{2,}))"
    )
    bases = {fold_word(w) for w in lex["not_future"]}
    bases |= {b[:-1] + "ت" for b in bases if b.endswith("ه")}  # سيارة -> سيارته
    nouns = frozenset(b + end for b in bases for end in NOUN_SUFFIXES)
    fixture = re.compile(r"(?<!\w)[وف]?" + alt(lex["fixture_verbs"]) + r"(?!\w)")
    return boundary, cue, nouns, fixture


@cache
def _extension() -> tuple[re.Pattern[str], re.Pattern[str]]:
    until = re.compile(r"(?<!\w)" + fold_word("حتى") + r"\s+(?:يوم\s+)?$")
    extended = re.compile(r"(?<!\w)" + alt(lx.data()["extension_words"]) + r"(?!\w)")
    return until, extended


@lru_cache(maxsize=64)
def _clause(folded: str, start: int) -> tuple[str, int]:
    """Return the clause before folded[start] and where it starts in folded (asked for several cues)."""
    boundary = _patterns()[0]
    lo = max(0, start - WINDOW)
    window = folded[lo:start]
    cuts = [(m.start(), m.end(), m.group(1) in ("،", ",")) for m in boundary.finditer(window)]
    begin = cuts[-1][1] if cuts else 0
    clause = window[begin:]
    if re.fullmatch(r"\W*(?:[وف]\W*)?", clause) and cuts and cuts[-1][2]:  # ("…، ويوم الثلاثاء")
        prior = cuts[-2][1] if len(cuts) > 1 else 0
        return window[prior : cuts[-1][0]], lo + prior
    return clause, lo + begin


def _is_future_verb(folded: Folded, verb: str, at: int) -> bool:
    """Return whether a word of the form س + ي/ت/ن/ا + stem, at folded index `at`, is a future verb."""
    nouns = _patterns()[2]
    if verb in nouns:
        return False
    original_start, original_end = folded.span(at, at + len(verb))
    original = folded.original[original_start:original_end]
    letters = [ch for ch in original if ch.isalpha()]
    if verb[1] == "ا" and (len(letters) < 2 or letters[1] != "أ"):
        return False  # سابق، ساخن، ساعة: a bare alef is no prefix; سأزور writes its hamza
    if letters and letters[-1] == "ة":
        return False  # سيارة، سيطرة: a verb never ends in ta marbuta
    return not (len(verb) >= 5 and verb.endswith("ات"))  # سنوات، سيارات


_COMPLETING = re.compile(r"^\W*[وف]?ل[يتن]\w{2,}")
"""A clause that completes the one before it with لـ and an imperfective ("…، لتبلغ ذروته يوم الثلاثاء"):
its time is that clause's."""


def is_future(folded: Folded, start: int) -> bool:
    """Return whether the clause before folded.text[start] carries a future cue, or the clause before
    it does when this one only completes it ("يتوقع أن يتحرك المنخفض، لتبلغ ذروته يوم الثلاثاء")."""
    cue = _patterns()[1]
    clause, at = _clause(folded.text, start)
    for m in cue.finditer(clause):
        verb = m.group("verb")
        if verb is None or _is_future_verb(folded, verb, at + m.start("verb")):
            return True
    return _COMPLETING.match(clause) is not None and at > 0 and is_future(folded, at - 1)


def is_extended(folded: Folded, start: int) -> bool:
    """Return whether the date at folded.text[start] follows «حتى» in a clause that extends something
    ("تمديد العمل عن بعد حتى يوم الجمعة"): a deadline pushed back."""
    until, extended = _extension()
    clause, _ = _clause(folded.text, start)
    return until.search(clause) is not None and extended.search(clause) is not None


def is_fixture(folded: Folded, start: int) -> bool:
    """Return whether the clause before folded.text[start] announces a fixture (يستضيف، يلتقي، تنطلق)."""
    clause, _ = _clause(folded.text, start)
    return _patterns()[3].search(clause) is not None


@cache
def _durative() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    lex = lx.data()
    before = re.compile(r"(?<!\w)[وف]?" + alt(lex["durative_words"]) + r"(?!\w)")
    after = re.compile(r"\W{0,3}" + alt(lex["durative_after"]) + r"(?!\w)")
    from_verb = re.compile(r"(?<!\w)[وف]?" + alt(lex["from_verbs"]) + r"(?!\w)")
    negation = re.compile(r"(?<!\w)[وف]?" + alt(lex["durative_clause"]) + r"(?!\w)")
    return before, after, from_verb, negation


LAST_WORDS = re.compile(r"(?:\w+\W+){0,4}$")
IMPERFECTIVE_PLURAL = re.compile(r"(?<!\w)[وف]?[يت]\w{3,}(?:ون|ان)\W+$")


def is_durative(folded: str, start: int, end: int) -> bool:
    """Return whether منذ + a count at folded[start:end] is a length (الحرب المستمرة منذ…), not a date."""
    before, after, _, negation = _durative()
    words = LAST_WORDS.search(folded, max(0, start - 60), start)
    lead = words.group() if words else ""
    return (
        before.search(lead) is not None
        or negation.search(_clause(folded, start)[0]) is not None
        or IMPERFECTIVE_PLURAL.search(lead) is not None
        or after.match(folded, end) is not None
    )


def is_from_verb_before(folded: str, start: int) -> bool:
    """Return whether a verb that takes من stands among the four words before folded[start]."""
    words = LAST_WORDS.search(folded, max(0, start - 60), start)
    return words is not None and _durative()[2].search(words.group()) is not None


@cache
def _past_pattern() -> re.Pattern[str]:
    verbs = alt(lx.data()["past_verbs"])
    return re.compile(r"(?<!\w)[وف]?" + verbs + r"\s+(?:(?:في|يوم|بتاريخ)\s+)?$")


def is_past_governed(folded: str, start: int) -> bool:
    """Return whether a past-tense verb directly governs the mention at folded[start]."""
    return _past_pattern().search(folded, max(0, start - 40), start) is not None


@cache
def _recalled() -> re.Pattern[str]:
    return re.compile(r"(?<!\w)[وف]?" + alt(lx.data()["recalled_cues"]) + r"(?!\w)")


def is_recalled(folded: Folded, start: int) -> bool:
    """Return whether the clause before folded.text[start] recalls the past ("وكان قد عاد…"، "في اليوم
    نفسه"): a count after بعد there counts from that past, not from the DCT, unless a future cue says so."""
    clause, _ = _clause(folded.text, start)
    return _recalled().search(clause) is not None and not is_future(folded, start)
