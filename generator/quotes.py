"""Which words of a source sentence an entry quotes.

A sentence may tell the happenings of several entries ("أمرت السلطات، اليوم الجمعة، بتوقيف تسعة من
العاملين على العبارة التي انقلبت أمس"): each of them then quotes the clause of its own date, not the
whole sentence, so that what an entry cites is what it reports. Clauses open at the headline rules'
quote_breaks and date_clause_links, or at a conjunction و after a comma. A sentence one entry cites is
quoted whole, but from a quote_breaks link before its date ("وتأتي الاستقالة بعد شهرين من احتجاجات …
في 3 آذار") and up to a phrase after its date that places it some time after another happening ("…،
بعد يومين من مسيرات غير مسبوقة"): each tells that other happening.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from generator import headlines
from generator.events import after_clauses
from generator.models import Entry, Event, Headline

_TOKEN = re.compile(r"\S+")
_COMMAS = "،,"


@lru_cache(maxsize=1 << 14)  # wire copies: one sentence cited by many entries' events
def clause_starts(sentence: str, others_only: bool = False) -> tuple[tuple[int, bool], ...]:
    """Return where each clause of a sentence but the first starts, each with whether a relative
    pronoun opens it; with `others_only`, only the clauses a link opens that tells another happening."""
    rule = headlines.rules()
    tokens = list(_TOKEN.finditer(sentence))
    words = [t.group() for t in tokens]
    starts = {start: False for start, _ in headlines.clause_links(sentence, len(sentence))}
    for k in range(1, len(words)):
        core = headlines.core_word(words[k])
        if headlines.in_adverb(words, k):
            continue  # "العمل عن بعد": no link
        if others_only:
            if headlines.starts_with(words[k : k + 3], rule.quote_breaks):
                starts[tokens[k].start()] = False
        elif core in rule.quote_relatives or core[:1] == "و" and core[1:] in rule.quote_relatives:
            starts[tokens[k].start()] = True
        elif headlines.starts_with(words[k : k + 3], rule.quote_breaks) or (
            words[k - 1][-1] in _COMMAS
            and core[:1] == "و"
            and core[1:] not in rule.quote_asides
            and headlines.is_connective_letter(words[k], rule)
        ):
            starts[tokens[k].start()] = False
    return tuple(sorted(starts.items()))


def quote_span(sentence: str, date: tuple[int, int] | None, others_only: bool = False) -> tuple[int, int]:
    """Return where the clause holding the date phrase at `date` (offsets in the sentence) lies; the
    first clause for no date (an article's report, a sentence carried on). A clause of fewer than
    quote_words words besides its date is quoted with the clause before it."""
    rule = headlines.rules()
    at, end = date or (0, 0)
    clauses = clause_starts(sentence, others_only)
    starts = [s for s, _ in clauses]
    ends = [s for s, relative in clauses if s >= max(end, 1) and not (relative and _names(sentence, end, s))]
    first = max((s for s in starts if s < at and not _opens_date(sentence[s:at])), default=0)
    last = min(ends, default=len(sentence))
    while first > 0 and len(sentence[first:last].split()) - len(sentence[at:end].split()) < rule.quote_words:
        first = max((s for s in starts if s < first), default=0)
    return first, len(sentence[:last].rstrip(" \t\n" + _COMMAS))


def _opens_date(between: str) -> bool:
    """Return True when the words between a clause's start and its date are one quote_breaks word: it
    opens the date phrase ("بعد ظهر الثلاثاء"), no clause of its own."""
    words = between.split()
    return len(words) == 1 and headlines.starts_with(words, headlines.rules().quote_breaks) == 1


def _before_aside(sentence: str, date: tuple[int, int] | None) -> int:
    """Return where a sentence ends before a phrase after its date that places it some time after
    another happening ("…، بعد يومين من مسيرات غير مسبوقة": events.after_clauses), which tells that
    other happening; the sentence's end when there is none."""
    at, end = date or (0, 0)
    said = len(sentence[at:end].split())
    for start, _ in after_clauses(sentence):
        if start >= end and len(sentence[:start].split()) - said >= headlines.rules().quote_words:
            return len(sentence[:start].rstrip(" \t\n" + _COMMAS))
    return len(sentence)


def _own_span(sentence: str, date: tuple[int, int] | None, dated: Sequence[int] = ()) -> tuple[int, int]:
    """Return what an entry quotes of a sentence no other entry cites: from a link before its date
    that places the sentence's news after or before another happening ("وتأتي الاستقالة بعد شهرين من
    احتجاجات … في 3 آذار": the date is the protests'), up to an aside after the date (_before_aside). A
    link after the date stays: there it tells the happening's cause or sequel ("… أمس إثر انهيار سدين");
    so does the clause before the link when another of the sentence's dates (`dated`, where they start)
    lies in it: that clause is the sentence's own news ("وشهدت طهران أمس تظاهرات عقب صلاة الجمعة")."""
    if date is None:
        return 0, _before_aside(sentence, date)
    a, _ = quote_span(sentence, date, others_only=True)
    if any(at < a for at in dated):
        a = 0
    return a, _before_aside(sentence, date)


def _names(sentence: str, end: int, relative: int) -> bool:
    """Return True when a relative clause at `relative` follows a date ending at `end` closely enough
    to tell what the dated noun was."""
    return end > 0 and len(sentence[end:relative].split()) <= headlines.rules().quote_relative_reach


def quote_entries(entries: Sequence[Entry]) -> list[Entry]:
    """Return the entries, each event of a sentence that several entries cite quoting its clause (all
    of this entry's clauses of that sentence, and what lies between them), and each event of another
    sentence quoting it up to a phrase that places it after another happening."""
    citing: dict[tuple[str, int], set[str]] = defaultdict(set)
    dated: dict[tuple[str, int], list[int]] = defaultdict(list)  # where each sentence's dates start
    for entry in entries:
        for event in entry.events:
            citing[(event.article_id, event.sentence_start)].add(entry.id)
            if event.date_span is not None:
                dated[(event.article_id, event.sentence_start)].append(event.date_span[0])
    quoted = []
    for entry in entries:
        spans: dict[tuple[str, int], tuple[int, int]] = {}
        for event in entry.events:
            key = (event.article_id, event.sentence_start)
            if not event.sentence.strip() or event.quote is not None:
                continue  # (a clause the merge cited apart: merge._clauses_home)
            date = event.date_span
            a, b = (
                quote_span(event.sentence, date)
                if len(citing[key]) > 1
                else _own_span(event.sentence, date, dated[key])
            )
            if a == 0 and b >= len(event.sentence.rstrip()):
                continue  # its clause is the whole sentence
            had = spans.get(key)
            spans[key] = (min(a, had[0]), max(b, had[1])) if had else (a, b)
        if not spans:
            quoted.append(entry)
            continue
        events = tuple(
            replace(e, quote=spans[key]) if (key := (e.article_id, e.sentence_start)) in spans else e
            for e in entry.events
        )
        headline = _headline(entry.headline, events) if entry.role == "event" else entry.headline
        quoted.append(replace(entry, events=events, headline=headline))
    return quoted


def _headline(headline: Headline, events: Sequence[Event]) -> Headline:
    """Return an entry's headline, written again from its first quote that makes one when the merge
    wrote it from a clause no source quotes ("…، إذ اغتيل النائب العام في 29 يونيو، وهاجم مسلحون مواقع
    للجيش في الأول من يوليو" quoted for 1 July: not the assassination)."""
    if headline.basis_ar != "clause" or any(_says(headline.ar, e.quoted) for e in events):
        return headline
    if not any(e.quote is not None and _says(headline.ar, e.sentence) for e in events):
        return headline  # written from a title or a sentence of another entry's
    for event in events:
        if event.quote is None or event.is_report:
            continue
        dates = _quoted_dates(event, events)
        own = event.date_span
        at = own[0] - event.quote[0] if own is not None and event.quote[0] <= own[0] else None
        written = headlines.rewrite(event.quoted, dates, at)
        if written:
            written = _without_conjunction(written)
        if written and not headlines.problem(written) and not _poor(written, event.quoted):
            return replace(headline, ar=written)
    return headline


def _without_conjunction(written: str) -> str:
    """Return a headline written from a clause without the conjunction that opens it when a verb must
    follow it ("بعدما ظلت محصورة…": "ظلت محصورة…"; headlines.yaml verb_conjunctions)."""
    words = written.split()
    n = headlines.starts_with(words, headlines.rules().verb_conjunctions)
    rest = " ".join(words[n:]).rstrip(" ،,؛;")
    if not n or len(words) - n < headlines.rules().quote_words or "." in rest.rstrip("."):
        return written  # (a quote that runs on into another sentence heads nothing)
    return rest


def _quoted_dates(event: Event, events: Sequence[Event]) -> tuple[tuple[int, int], ...]:
    """Return where the entry's date mentions of an event's sentence lie in its quote (quote offsets)."""
    assert event.quote is not None
    a, b = event.quote
    dates = set()
    for other in events:
        if other.article_id == event.article_id and other.sentence_start == event.sentence_start:
            own = other.date_span
            if own is not None and a <= own[0] and own[1] <= b:
                dates.add((own[0] - a, own[1] - a))
    return tuple(sorted(dates))


def _poor(written: str, quote: str) -> bool:
    """Return True for a quote that makes a poor headline: one that points back ("وجاء ذلك…"), a
    relative clause, whose noun is outside it ("التي انتهت بسيطرتها على عفرين"), or one that places
    its happening after or before another ("بعدما استقبله…"، "قبل أن تعيدهم…")."""
    rule = headlines.rules()
    words = written.split()
    return (
        headlines.is_anaphoric(quote)
        or headlines.core_word(words[0]) in rule.quote_relatives
        or bool(headlines.starts_with(words, rule.quote_breaks))
    )


def _says(headline: str, quote: str) -> bool:
    """Return True when most of a headline's words are a quote's: it was written from that quote."""
    words = set(_TOKEN.findall(headline))
    return len(words & set(_TOKEN.findall(quote))) * 2 >= len(words)
