"""Merge events that report the same happening into timeline entries, and apply the editor's overrides.

Two events merge when their dates are compatible and their sentences say the same thing:
- dates: one range contains the other (equal days; a day inside a month), or, for a near-duplicate
  sentence, ranges that touch or overlap without nesting (then the entry warns `dates-disagree`);
- sentences: cosine similarity of IDF-weighted content stems (folded, clitics and light suffixes
  stripped, the date mention itself left out); IDF comes from every sentence of every article, so
  names shared across outlets (كيري، لافروف، حلب) weigh more than words every sentence has.
Only events whose ranges are near are compared (a sorted sweep over first days), then
union-find joins the pairs: the work grows with events × events-per-window, not events².

An entry's id is the sha1 (12 hex digits) of the smallest id among its events, so it survives a
rebuild as long as that event does; editorial overrides may name it or any of its event ids.
"""

from __future__ import annotations

import hashlib
import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from generator import arabic
from generator.editorial import Editorial, Override
from generator.events import segment_sentences
from generator.models import GRAIN_ORDER, Article, Entry, Event, Headline, Problem, TimeValue

SAME_EVENT = 0.20
"""Similarity above which two events with nested dates are one happening."""
SAME_ANCHORED = 0.06
"""Similarity enough when both events are back-references: a past day each article dates only once."""
ANCHOR_MIN_AGE_DAYS = 2
"""A day at least this long before an article's publication is a back-reference, not the day's news."""
SAME_REPORT = 0.15
"""Similarity above which an article's report joins its own most similar fact of the same day."""
NEAR_DUPLICATE = 0.60
"""Similarity above which events whose dates touch but do not nest are one happening told differently."""
MIN_SHARED_TERMS = 2
"""One word in common is a coincidence, not a shared happening."""
NAME_BOOST = 1.5
"""Extra weight of Latin-script names and figures, which paraphrase does not change."""
NEAR_DAYS = 1
"""Ranges this many days apart (or overlapping) may still be one happening, with a warning."""
LONG_SPAN_DAYS = 92
"""Events longer than a season are compared only with other long events."""
LOCAL_BOOST = 2.0
LOCAL_WINDOW = 10
"""Content words near the date mention say most about the dated happening: weight up to 1+LOCAL_BOOST,
fading to 1 over LOCAL_WINDOW words."""
HEADLINE_LIMIT = 120
HEADLINE_POOL = 40
"""Above this many events an entry's headline is its shortest clear sentence (centrality is quadratic)."""
DATES_DISAGREE = "dates-disagree"

_CLAUSE_MARKS = "،؛:,;"
_END_MARKS = ".。؟?!؛;،,: "
_PAIRS = {"«": "»", "“": "”", "(": ")"}

Vector = dict[str, float]


def entry_id(event_ids: Iterable[str]) -> str:
    """Return an entry's stable id: sha1 of the smallest of its event ids, 12 hex digits."""
    return hashlib.sha1(f"entry:{min(event_ids)}".encode()).hexdigest()[:12]


def _weighted_terms(event: Event) -> dict[str, float]:
    """Return each content term of an event's sentence weighted by closeness to the date."""
    text = event.sentence
    mention = event.mention
    if mention is None or not (event.sentence_start <= mention.start and mention.end <= event.sentence_end):
        return {term: 1.0 for term in arabic.content_terms(text)}
    a, b = mention.start - event.sentence_start, mention.end - event.sentence_start
    before = arabic.content_terms(text[:a])
    after = arabic.content_terms(text[b:])
    found: dict[str, float] = {}
    for distance, term in [*enumerate(reversed(before)), *enumerate(after)]:
        near_date = 1.0 + LOCAL_BOOST * max(0.0, 1.0 - distance / LOCAL_WINDOW)
        found[term] = max(found.get(term, 0.0), near_date)
    return found


def build_idf(articles: Sequence[Article], events: Sequence[Event]) -> dict[str, float]:
    """Return the inverse document frequency of every content stem over all sentences of all articles."""
    df: Counter[str] = Counter()
    n = 0
    for article in articles:
        for s, e in segment_sentences(article.text):
            df.update(set(arabic.content_terms(article.text[s:e])))
            n += 1
    for event in events:
        if event.is_report:
            df.update(set(arabic.content_terms(event.sentence)))
            n += 1
    return {term: math.log((n + 1) / (count + 0.5)) for term, count in df.items()}


def event_vector(event: Event, idf: dict[str, float], unseen: float) -> Vector:
    """Return the unit-length IDF-weighted stem vector of an event's sentence, its date left out."""
    weights: Vector = {}
    for term, closeness in _weighted_terms(event).items():
        weight = idf.get(term, unseen) * closeness
        if arabic.is_name_like(term):
            weight *= NAME_BOOST
        if weight > 0:
            weights[term] = weight
    norm = math.sqrt(sum(w * w for w in weights.values()))
    return {t: w / norm for t, w in weights.items()} if norm else {}


def similarity(a: Vector, b: Vector) -> float:
    """Return the cosine similarity of two unit vectors (0 below MIN_SHARED_TERMS shared terms)."""
    if len(a) > len(b):
        a, b = b, a
    shared = [w * b[t] for t, w in a.items() if t in b]
    return sum(shared) if len(shared) >= MIN_SHARED_TERMS else 0.0


def nested(a: TimeValue, b: TimeValue) -> bool:
    """Return True when one range lies inside the other."""
    return (a.first >= b.first and a.last <= b.last) or (b.first >= a.first and b.last <= a.last)


def near(a: TimeValue, b: TimeValue) -> bool:
    """Return True when two ranges overlap or lie at most NEAR_DAYS apart."""
    gap = (max(a.first, b.first) - min(a.last, b.last)).days
    return gap <= NEAR_DAYS


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> None:
        a, b = self.find(i), self.find(j)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


def _span(t: TimeValue) -> int:
    return (t.last - t.first).days


def _candidate_pairs(events: Sequence[Event]) -> Iterable[tuple[int, int]]:
    """Yield index pairs whose date ranges are near enough to be compared, sweeping by first day."""
    for long in (False, True):
        order = sorted(
            (i for i, e in enumerate(events) if (_span(e.time) > LONG_SPAN_DAYS) == long),
            key=lambda i: (events[i].time.first, -_span(events[i].time), events[i].id),
        )
        firsts = [events[i].time.first.toordinal() for i in order]
        for pos, i in enumerate(order):
            stop = bisect_right(firsts, events[i].time.last.toordinal() + NEAR_DAYS)
            for k in range(pos + 1, stop):
                yield i, order[k]


def _anchored(events: Sequence[Event], articles: Sequence[Article]) -> list[bool]:
    """Return, per event, whether it is a back-reference: a past day its article dates in one sentence only.

    Articles rarely name an exact past day except to point at something that happened then, so two
    outlets each naming the same past day once most likely point at the same happening; the day of
    publication, crowded with the day's news, never counts.
    """
    published = {a.id: a.published for a in articles}
    sentences: dict[tuple[str, str], set[int]] = defaultdict(set)
    for e in events:
        if not e.is_report and e.time.grain == "day":
            sentences[(e.article_id, e.time.value)].add(e.sentence_start)
    flags = []
    for e in events:
        day = published.get(e.article_id)
        old = day is not None and (day - e.time.last).days >= ANCHOR_MIN_AGE_DAYS
        flags.append(not e.is_report and old and len(sentences.get((e.article_id, e.time.value), ())) == 1)
    return flags


def _link(events: Sequence[Event], vectors: Sequence[Vector], anchored: Sequence[bool]) -> _UnionFind:
    """Return the union-find of events judged to report the same happening."""
    uf = _UnionFind(len(events))
    best_own: dict[int, tuple[float, int]] = {}
    # Sentences repeated across articles (wire copy, boilerplate) give equal vectors: score each pair once.
    interned: dict[tuple[tuple[str, float], ...], int] = {}
    kind = [interned.setdefault(tuple(v.items()), len(interned)) for v in vectors]
    repeated = {k for k, n in Counter(kind).items() if n > 1}
    scores: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> float:
        if kind[i] not in repeated and kind[j] not in repeated:
            return similarity(vectors[i], vectors[j])
        key = (kind[i], kind[j])
        if key not in scores:
            scores[key] = similarity(vectors[i], vectors[j])
        return scores[key]

    for i, j in _candidate_pairs(events):
        a, b = events[i], events[j]
        is_nested = nested(a.time, b.time)
        if a.is_report or b.is_report:
            if not is_nested:
                continue
            sim = score(i, j)
            if a.article_id == b.article_id and a.is_report != b.is_report:
                report, fact = (i, j) if a.is_report else (j, i)
                if sim > best_own.get(report, (-1.0, -1))[0]:
                    best_own[report] = (sim, fact)
            elif sim >= SAME_EVENT:
                uf.union(i, j)
            continue
        same_sentence = a.article_id == b.article_id and a.sentence_start == b.sentence_start
        if is_nested and same_sentence:
            uf.union(i, j)
            continue
        sim = score(i, j)
        if is_nested:
            both_anchored = anchored[i] and anchored[j] and a.article_id != b.article_id
            if sim >= (SAME_ANCHORED if both_anchored and a.time == b.time else SAME_EVENT):
                uf.union(i, j)
        elif a.article_id != b.article_id and sim >= NEAR_DUPLICATE:
            uf.union(i, j)
    for report, (sim, fact) in sorted(best_own.items()):
        if sim >= SAME_REPORT:
            uf.union(report, fact)
    return uf


def _choose_time(events: Sequence[Event]) -> tuple[TimeValue, tuple[str, ...]]:
    """Return an entry's date (the finest, most cited) and a warning when its sources disagree."""
    facts = [e for e in events if not e.is_report] or list(events)
    finest = min(GRAIN_ORDER[e.time.grain] for e in facts)
    fine = [e.time for e in facts if GRAIN_ORDER[e.time.grain] == finest]
    counts = Counter(fine)
    chosen = min(counts, key=lambda t: (-counts[t], _span(t), t.first, t.value))
    disagree = any(not (e.time.first <= chosen.first and chosen.last <= e.time.last) for e in facts)
    return chosen, ((DATES_DISAGREE,) if disagree else ())


def _balance_quotes(text: str) -> str:
    for opener, closer in _PAIRS.items():
        missing = text.count(opener) - text.count(closer)
        if missing > 0:
            text += closer * missing
    if text.count('"') % 2:
        text += '"'
    return text


def trim_headline(sentence: str, limit: int = HEADLINE_LIMIT) -> str:
    """Return a sentence cut to about `limit` characters at a clause boundary, quotes balanced."""
    text = " ".join(sentence.split()).rstrip(".،؛:,; ")
    if len(text) > limit:
        cut = max((i for i, ch in enumerate(text[: limit + 1]) if ch in _CLAUSE_MARKS), default=-1)
        if cut >= limit // 2:
            text = text[:cut].rstrip(_END_MARKS)
        else:
            space = text.rfind(" ", 0, limit)
            text = (text[:space] if space > 0 else text[:limit]).rstrip(_END_MARKS) + "…"
    return _balance_quotes(text.strip())


def _headline_event(events: Sequence[Event], vectors: dict[str, Vector]) -> Event:
    """Return the event whose sentence best names the entry: a central, clear, short fact sentence."""
    pool = [e for e in events if not e.is_report] or list(events)
    clear = [e for e in pool if len(e.sentence.split()) >= 5] or pool

    def centrality(e: Event) -> float:
        others = [o for o in events if o.id != e.id]
        if not others:
            return 0.0
        return sum(similarity(vectors.get(e.id, {}), vectors.get(o.id, {})) for o in others) / len(others)

    if len(events) > HEADLINE_POOL:
        return min(clear, key=lambda e: (len(e.sentence), e.id))
    scores = {e.id: centrality(e) for e in clear}
    ranked = sorted(scores.values())
    median = ranked[(len(ranked) - 1) // 2]
    central = [e for e in clear if scores[e.id] >= median]
    return min(central, key=lambda e: (len(e.sentence), e.id))


def _make_entry(events: Sequence[Event], vectors: dict[str, Vector]) -> Entry:
    ordered = tuple(
        sorted(events, key=lambda e: (e.is_report, e.time.first, e.article_id, e.sentence_start, e.id))
    )
    when, warnings = _choose_time(ordered)
    best = _headline_event(ordered, vectors)
    ar = trim_headline(best.sentence) or when.value
    return Entry(
        id=entry_id(e.id for e in ordered),
        time=when,
        events=ordered,
        headline=Headline(ar=ar),
        warnings=warnings,
    )


def _apply_structure(
    groups: list[list[int]], events: Sequence[Event], editorial: Editorial, problems: list[Problem]
) -> list[list[int]]:
    """Return the groups after the editor's splits and merges; unknown ids become problems."""
    by_event = {e.id: i for i, e in enumerate(events)}
    by_entry = {entry_id([events[i].id]): i for i in range(len(events))}  # an entry id names its anchor event

    def anchor(key: str) -> int | None:
        return by_event.get(key, by_entry.get(key))

    group_of = {i: g for g, group in enumerate(groups) for i in group}
    uf = _UnionFind(len(events))
    split = set()
    for key, override in sorted(editorial.overrides.items()):
        if override.split and anchor(key) is not None:
            split.add(group_of[anchor(key)])  # type: ignore[index]
    for g, group in enumerate(groups):
        if g not in split:
            for i in group[1:]:
                uf.union(group[0], i)
    for key, override in sorted(editorial.overrides.items()):
        here = anchor(key)
        if here is None:
            problems.append(
                Problem(
                    editorial.path,
                    f"override for unknown id '{key}'",
                    hint="no entry or event has this id; it may belong to a removed article",
                    code="editorial-unknown-id",
                )
            )
            continue
        for other in override.merge_with:
            there = anchor(other)
            if there is None:
                problems.append(
                    Problem(
                        editorial.path,
                        f"'{key}': merge_with names unknown id '{other}'",
                        hint="no entry or event has this id",
                        code="editorial-unknown-id",
                    )
                )
                continue
            uf.union(here, there)
    merged: dict[int, list[int]] = defaultdict(list)
    for i in sorted(group_of):
        merged[uf.find(i)].append(i)
    return list(merged.values())


def _combine(overrides: Sequence[Override]) -> Override:
    """Return one override from several naming the same entry: the first that sets a field wins."""

    def first(name: str) -> Any:
        return next((getattr(o, name) for o in overrides if getattr(o, name) is not None), None)

    return Override(
        headline_en=first("headline_en"),
        headline_ar=first("headline_ar"),
        summary_en=first("summary_en"),
        summary_ar=first("summary_ar"),
        date=first("date"),
        hide=any(o.hide for o in overrides),
    )


def _apply_content(entry: Entry, override: Override) -> Entry:
    headline = Headline(
        ar=override.headline_ar or entry.headline.ar,
        en=override.headline_en or entry.headline.en,
        summary_ar=override.summary_ar or entry.headline.summary_ar,
        summary_en=override.summary_en or entry.headline.summary_en,
    )
    time, warnings = entry.time, entry.warnings
    if override.date is not None:
        time = override.date
        warnings = tuple(w for w in warnings if w != DATES_DISAGREE)
    return Entry(id=entry.id, time=time, events=entry.events, headline=headline, warnings=warnings)


def merge_events(
    events: Sequence[Event], articles: Sequence[Article], editorial: Editorial
) -> tuple[list[Entry], list[Problem]]:
    """Return one entry per happening (events merged across outlets, overrides applied) and any problems."""
    problems: list[Problem] = []
    events = sorted(events, key=lambda e: e.id)
    idf = build_idf(articles, events)
    unseen = max(idf.values(), default=1.0)
    vectors = [event_vector(e, idf, unseen) for e in events]
    uf = _link(events, vectors, _anchored(events, articles))
    grouped: dict[int, list[int]] = defaultdict(list)
    for i in range(len(events)):
        grouped[uf.find(i)].append(i)
    groups = _apply_structure(list(grouped.values()), events, editorial, problems)

    by_id = {e.id: v for e, v in zip(events, vectors, strict=True)}
    entries = [_make_entry([events[i] for i in group], by_id) for group in groups]
    by_id_entry = {entry.id for entry in entries}

    holder = {e.id: entry.id for entry in entries for e in entry.events}
    holder.update({entry_id([e.id]): entry.id for entry in entries for e in entry.events})
    targeted: dict[str, list[Override]] = defaultdict(list)
    # An override keyed by the entry's own id comes first; those keyed by its events follow, by id.
    for key, override in sorted(
        editorial.overrides.items(), key=lambda kv: (kv[0] not in by_id_entry, kv[0])
    ):
        if key in holder:
            targeted[holder[key]].append(override)
    chosen = {target: _combine(overrides) for target, overrides in targeted.items()}
    result: list[Entry] = []
    for entry in entries:
        edit = chosen.get(entry.id)
        if edit is not None:
            if edit.hide:
                continue
            entry = _apply_content(entry, edit)
        result.append(entry)
    result.sort(key=lambda e: (e.time.first, GRAIN_ORDER[e.time.grain], e.id))
    return result, problems
