"""Merge events that report the same happening into timeline entries, and apply the editor's overrides.

Two events merge when their dates are compatible and their sentences say the same thing:
- dates: one range contains the other (equal days; a day inside a month, which joins only the likest of
  its days, so that it never bridges two), or, for a near-duplicate sentence, ranges that touch or overlap
  without nesting (then the entry warns `dates-disagree`);
- sentences: cosine similarity of IDF-weighted content stems (folded, clitics and light suffixes
  stripped, every date mention of the sentence and a leading dateline left out, news verbs one token
  per kind of happening); IDF comes from every sentence of every article, so names shared across
  outlets (كيري، لافروف، حلب) weigh more than words every sentence has;
- and not when each tells a kind of happening the other does not even name (told_apart), when one is
  a plan (dated after its article), or, for two sentences of one article, below SAME_ARTICLE;
- accounts a day apart join as wholes (_join_neighbour_days), or one outlet's on a close pair
  (ONE_OUTLET_ALIKE), never when one article dates both itself, nor into an account of three days;
  a title that reports a fact of its article may propose the join for that fact's account, and a close
  pair told with the night or the small hours ("ليل الخميس" / "الجمعة") joins them alone; a close pair
  (MAYBE_SAME) whose accounts stay apart makes each entry name the other as maybe the same (_maybe_same).
Only events whose ranges are near are compared (a sorted sweep over first days, long ranges apart),
and only when they could pass a threshold; union-find joins the pairs. Shortcuts keep a crowded day
from costing events², each giving the grouping that judging every near pair gives:
- the facts of one sentence whose dates nest are joined by sentence, unscored;
- copies (same vector, date, kind and back-reference flag: wire copy, one sentence repeated 28,000
  times) are joined outright and at most two of each, from two articles, enter the sweep; an event
  with fewer than MIN_SHARED_TERMS terms scores 0 with everyone and stays out;
- a report meets its own article's facts in a pass per article;
- an event with more than FEW_LATER later events in reach is indexed under its heavier terms, all but
  the lightest whose norm stays below the lowest threshold it could need; a later event meets only
  the indexed events that share one of its terms (sharing none keeps the cosine below that threshold).
Bound: an event reads at most POSTING_CAP indexed events per term of its sentence (twice for a
back-reference), so the sweep makes at most events × (FEW_LATER + 2 × terms × POSTING_CAP) pairs however
many events share a day; the other passes are linear but for the distinct dates of one sentence, met
pairwise. The cap changes nothing until more than POSTING_CAP events in reach of one another index one
term (a 5 MB article of varied sentences dated one day); then each meets only the latest POSTING_CAP of
them through that term.

With several processes, a forked one counts the IDF while the sentences are weighed, then takes half
the runs of events (dates apart by more than NEAR_DAYS, which no rule joins across) and half the
entries to make: the outcome is the one process's.

An entry's id is the sha1 (12 hex digits) of the smallest id among its events, so it survives a
rebuild as long as that event does; editorial overrides may name it or any of its event ids.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache, partial
from itertools import combinations
from operator import itemgetter
from typing import Any, TypeVar

from generator import arabic, headlines, quotes, vocabulary, wordweights
from generator.editorial import Editorial, Override
from generator.events import (
    Sentences,
    after_clauses,
    dated_in_relative_clause,
    opens_new_matter,
    orders_next_day,
    part_of_day,
    segment_sentences,
    standing_end,
    told_at_night,
)
from generator.models import GRAIN_ORDER, Article, Entry, Event, Headline, Problem, TimeValue
from generator.temporal import lexicon

SAME_EVENT = 0.20
"""Similarity above which two events with nested dates are one happening."""
SAME_ARTICLE = 0.35
"""Similarity above which two sentences of one article, dates nested, tell one happening: an article
tells a happening once and moves on, so two of its sentences of one day are most often two happenings."""
SAME_ANCHORED = 0.06
"""Similarity enough when both events are back-references: a past day each article dates only once."""
ANCHOR_MIN_AGE_DAYS = 2
"""A day at least this long before an article's publication is a back-reference, not the day's news."""
SAME_REPORT = 0.15
"""Similarity above which an article's report joins its own most similar recent fact."""
REPORT_LOOKBACK = 3
"""An article's report may be about a happening up to this many days before its publication."""
LEAD_SENTENCES = 2
"""An article's lead: this many sentences after its title (report_targets)."""
LEAD_LINE = 80
"""A line shorter than this that tells nothing ("بيروت – مراسل «السدرة»") is no sentence of a lead."""
NEAR_DUPLICATE = 0.60
"""Similarity above which events whose dates touch but do not nest are one happening told differently."""
COPY_ACCOUNT = 4
"""A copy dated otherwise joins an account a day off outright when one of the two is told by this many
articles at most; larger accounts on both sides must agree as wholes (_join_neighbour_days)."""
CLOSE_NEIGHBOURS = 0.30
"""Similarity of two sentences a day apart, below NEAR_DUPLICATE, that proposes joining their accounts."""
NEIGHBOUR_DAYS = 0.30
"""Average similarity above which two accounts a day apart so proposed are one happening."""
NEIGHBOUR_SAMPLE = 64
"""How many sentences of each account the average compares at most (a wire story copied 5,000 times)."""
CORE_PAIRS = 3
"""Pairs of sentences the parts of two accounts that tell one happening need, at least, to agree on."""
CORROBORATED = 0.10
"""What a close pair of sentences a day apart must share beside its heaviest term to propose a join: one
word in common (a name, "استقالة") is two resignations of consecutive days as often as one told twice."""
ONE_OUTLET_ALIKE = 0.40
"""Similarity of the close pair that joins an account told by one outlet to the account a day off: an outlet
that dates a happening a day apart from the others, whatever the rest of its account says."""
CARRIED_ALIKE = 0.45
"""Similarity a sentence with no date of its own (events._told_on) needs with a fact of its day, besides
the sentence it follows: nearly the same words, for nothing but its neighbour says when it happened."""
CARRIED_OUTLETS = 3
"""Articles that must carry one undated sentence on, each on the same day, for it to stand as a happening
of its own (a wire's sentence the outlets copied; _vouched)."""
CONTINUED = 0.12
"""Similarity enough for consecutive sentences of one article, of one day, to carry on one account."""
MIN_SHARED_TERMS = 2
"""One word in common is a coincidence, not a shared happening."""
SCORE_FLOOR = min(SAME_EVENT, SAME_REPORT, NEAR_DUPLICATE)
"""The lowest similarity any verdict but SAME_ANCHORED asks for: pairs surely below it are never scored."""
FEW_LATER = 16
"""An event with at most this many later events in reach meets them all unindexed (cheaper than indexing)."""
POSTING_CAP = 1000
"""An indexed term remembers only its latest this-many events in reach: the bound on work per crowded day.
The 10,000-article benchmark corpus (copies of the seeds, so close to the worst case) peaks at 264."""
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
KIND_WORDS = 4
"""A kind of happening named this many words or fewer from a sentence's date is what the sentence tells."""
_CLOSENESS = [1.0 + LOCAL_BOOST * max(0.0, 1.0 - distance / LOCAL_WINDOW) for distance in range(LOCAL_WINDOW)]
"""The weight of a term `distance` words from the date (1.0 from LOCAL_WINDOW on)."""
FOLDER_SENTENCES = 5000
"""A folder of this many sentences weighs words half by its own counts, half by Arabic at large: over a
few articles a folder's own counts are noise (a story's every word is in every article)."""
COMMONEST_ZIPF = 7.0
"""Words this common in Arabic at large (و، في، من) weigh nothing of their own."""
SENTENCE_MEMO = 1 << 15
"""How many distinct sentences build_idf remembers at once: a repeated one (wire copy) is folded once."""
PARALLEL_EVENTS = 4000
"""Below this many events, splitting the merge in halves for other processes costs more than it saves."""
Map = Callable[[Callable[[Any], Any], Sequence[Any]], list[Any]]
"""A function like the built-in map that returns a list, maybe computing in other processes."""
HEADLINE_LIMIT = 120
HEADLINE_TRIES = 8
"""How many candidate sentences an entry's headline is tried from, best first."""
HEADLINE_POOL = 40
"""Above this many events an entry's headline is its shortest clear sentence (centrality is quadratic)."""
DATES_DISAGREE = "dates-disagree"
DATES_MAY_DISAGREE = "dates-may-disagree"
MAYBE_SAME = 0.50
"""Similarity of a close pair a day apart, its accounts left apart, at which each entry names the other as
maybe the same happening (_maybe_same): an editor's call, not the merge's."""
CLAUSE_WORDS = 4
"""The fewest words a later clause of a sentence holds to be cited apart by another entry (_clauses_home)."""
TITLE_HEAD = 3
"""The fewest words a title tells its happening in before a phrase naming what it came after, and that
phrase names it in after its first word (_cause_at)."""

_CLAUSE_MARKS = "،؛:,;"
_END_MARKS = ".。؟?!؛;،,: "
_PAIRS = {"«": "»", "“": "”", "(": ")"}

Vector = dict[str, float]
Dates = tuple[tuple[int, int], ...]
"""Where a sentence's date mentions lie in it."""
T = TypeVar("T")
R = TypeVar("R")


def entry_id(event_ids: Iterable[str]) -> str:
    """Return an entry's stable id: sha1 of the smallest of its event ids, 12 hex digits."""
    return hashlib.sha1(f"entry:{min(event_ids)}".encode()).hexdigest()[:12]


def _weighted_terms(
    text: str,
    cut: tuple[int, int] | None,
    folded: dict[tuple[str, Dates], arabic.Folded],
    dates: Dates = (),
) -> dict[str, float]:
    """Return each content term of a sentence weighted by closeness to the date at `cut` (if any).

    `folded` keeps each sentence folded once for the several dates it may have. A leading dateline
    ("مسقط في 11 يناير /مسقط للأنباء/ –") says where the wire filed, not what happened, and a site's
    label ("عاجل:") how it filed: they are left out, and so are the sentence's `dates` (every date
    mention in it: "السبت 15 محرم 1441هـ" is when, not what).
    """
    sentence = folded.get((text, dates))
    if sentence is None:
        body = headlines.dateline_end(text)
        body += headlines.kicker_end(text[body:])  # "عاجل: …"
        sentence = folded[(text, dates)] = arabic.Folded(_without_dates(text, dates)[body:])
    skip = len(text) - len(sentence.text)
    if cut is not None:
        cut = (cut[0] - skip, cut[1] - skip) if cut[0] >= skip else None
    if cut is None:
        return {term: 1.0 for term in arabic.content_terms(sentence.text)}
    before = sentence.terms_before(cut[0])
    after = sentence.terms_after(cut[1])
    found: dict[str, float] = {}
    for distance, term in [*enumerate(reversed(before)), *enumerate(after)]:
        near_date = _CLOSENESS[distance] if distance < LOCAL_WINDOW else 1.0
        if found.get(term, 0.0) < near_date:
            found[term] = near_date
    return found


def _without_dates(text: str, dates: Dates) -> str:
    """Return a sentence with its date mentions blanked, every offset kept."""
    for start, end in dates:
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def article_dates(events: Iterable[Event]) -> dict[str, list[tuple[int, int]]]:
    """Return where the date mentions of each article lie in its text, in order."""
    found: dict[str, set[tuple[int, int]]] = defaultdict(set)
    for event in events:
        if event.mention is not None:
            found[event.article_id].add((event.mention.start, event.mention.end))
    return {article: sorted(spans) for article, spans in found.items()}


def dates_within(event: Event, spans: Sequence[tuple[int, int]]) -> Dates:
    """Return the date mentions (`spans` of its article, article_dates) that lie in an event's sentence,
    as sentence offsets; none for a title that is not a span of its article's text."""
    start, end = event.sentence_start, event.sentence_end
    if not spans or end - start != len(event.sentence):
        return ()
    inside = spans[bisect_left(spans, (start, start)) : bisect_right(spans, (end, end))]
    return tuple((a - start, b - start) for a, b in inside if b <= end)


def build_idf(
    articles: Sequence[Article], events: Sequence[Event], sentences: Sentences | None = None
) -> dict[str, float]:
    """Return each content term's weight: its inverse document frequency over every sentence of the
    folder, blended with its rarity in Arabic at large (general_weight) as far as the folder is small."""
    df: Counter[str] = Counter()
    common: dict[str, float] = {}  # a term -> the Zipf frequency of the commonest word that made it here
    seen: dict[str, tuple[str, ...]] = {}  # a sentence -> its distinct terms
    again: dict[str, int] = {}  # a seen sentence -> how many more times it came

    def tally(sentences: Iterable[str]) -> None:
        for text in sentences:
            if text in seen:
                again[text] = again.get(text, 0) + 1
                continue
            if len(seen) >= SENTENCE_MEMO:
                flush()
            made = arabic.terms_with_commonness(text)
            for term, zipf in made:
                if zipf > common.get(term, 0.0):
                    common[term] = zipf
            terms = seen[text] = tuple({term for term, _ in made})
            df.update(terms)

    def flush() -> None:
        for text, times in again.items():
            for term in seen[text]:
                df[term] += times
        seen.clear()
        again.clear()

    n = 0
    for article in articles:
        text = article.text
        known = sentences.get(article.id) if sentences is not None else None
        spans = known if known is not None else segment_sentences(text)
        n += len(spans)
        tally(text[s:e] for s, e in spans)
    reports = [event.sentence for event in events if event.is_report]
    n += len(reports)
    tally(reports)
    flush()
    share = n / (n + FOLDER_SENTENCES)
    weights = {}
    for term, count in df.items():
        local = math.log((n + 1) / (count + 0.5))
        general = general_weight(common.get(term, wordweights.RARE))
        weights[term] = share * local + (1 - share) * min(local, general)
    return weights


def general_weight(zipf: float) -> float:
    """Return a term's weight from how common its commonest word is in Arabic at large (Zipf; names
    weigh most)."""
    return max(0.0, COMMONEST_ZIPF - zipf) * math.log(10) / 2


def event_vector(event: Event, idf: dict[str, float], unseen: float, dates: Dates = ()) -> Vector:
    """Return the unit-length IDF-weighted stem vector of an event's sentence, its `dates` (dates_within)
    and its own date left out."""
    return _unit_vector(_weighted_terms(event.sentence, event.date_span, {}, dates), idf, unseen)


def _event_terms(events: Sequence[Event]) -> tuple[list[int], list[dict[str, float]]]:
    """Return each event's slot among the distinct (sentence, date, dates) keys and each key's weighted terms.

    (What a vector is before IDF weighs it: the merge reckons these while the IDF is counted.)
    """
    dates_of = article_dates(events)
    keys = [(e.sentence, e.date_span, _left_out(e, dates_of.get(e.article_id, ()))) for e in events]
    # A folded sentence is dropped once its last date is weighted, so only a few are held at once.
    dates_left = Counter((text, dates) for text, cut, dates in set(keys) if cut is not None)
    folded: dict[tuple[str, Dates], arabic.Folded] = {}
    slot_of: dict[tuple[str, tuple[int, int] | None, Dates], int] = {}
    slots = []
    terms: list[dict[str, float]] = []
    for key in keys:
        slot = slot_of.get(key)
        if slot is None:
            slot = slot_of[key] = len(terms)
            text, cut, dates = key
            terms.append(_weighted_terms(text, cut, folded, dates))
            if cut is not None:
                dates_left[(text, dates)] -= 1
                if not dates_left[(text, dates)]:
                    del folded[(text, dates)]
        slots.append(slot)
    return slots, terms


def _left_out(event: Event, dates: Sequence[tuple[int, int]]) -> Dates:
    """Return what an event's vector leaves out of its sentence: its dates (dates_within) and, after its
    own date (a report's: its first word), what it came some time after ("…، بعد ساعات من انتشارها في
    تل تمر": another happening's words)."""
    within = dates_within(event, dates)
    cut = event.date_span
    if cut is None and not event.is_report:
        return within
    after = cut[1] if cut is not None else 1  # a report: its whole sentence, the title or lead
    aside = [span for span in after_clauses(event.sentence) if span[0] >= after]
    if event.is_report:
        cause = _cause_at(event.sentence)
        if cause:
            aside.append((cause, len(event.sentence)))
    return tuple(sorted((*within, *aside))) if aside else within


def _cause_at(title: str) -> int:
    """Return where a title's phrase naming what its happening came after starts ("استقالة وزير النقل
    بعد مقتل 20 شخصاً في حريق": the fire is another happening), or 0: after TITLE_HEAD words at least."""
    rule = headlines.rules()
    tokens = list(re.finditer(r"\S+", title))
    for k in range(TITLE_HEAD, len(tokens)):
        n = headlines.starts_with([t.group() for t in tokens[k : k + 3]], rule.quote_breaks)
        if n and len(tokens) - k - n >= TITLE_HEAD:  # not a moment: "بعد صافرة النهاية"
            return tokens[k].start()
    return 0


def _vectors(
    slots: list[int], terms: list[dict[str, float]], idf: dict[str, float], unseen: float
) -> list[Vector]:
    """Return event_vector of every event from _event_terms (weighed in place): one object per slot."""
    for slot, weighted in enumerate(terms):
        terms[slot] = _unit_vector(weighted, idf, unseen)
    return [terms[slot] for slot in slots]


def _unit_vector(terms: dict[str, float], idf: dict[str, float], unseen: float) -> Vector:
    """Return the unit-length vector of weighted terms, each weight times its IDF (names boosted)."""
    weights: Vector = {}
    for term, closeness in terms.items():
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


def _corroborated(a: Vector, b: Vector, sim: float) -> bool:
    """Return whether two vectors of similarity `sim` a day apart agree beside the kind of happening
    they tell (each day has its resignation): as much as two accounts of one day must (SAME_EVENT)
    without it, and more than their heaviest term (CORROBORATED)."""
    shared = [(t, w * b[t]) for t, w in a.items() if t in b]
    beside = sim - sum(part for t, part in shared if t.startswith(vocabulary.CONCEPT))
    return beside >= SAME_EVENT and sim - max((part for _, part in shared), default=0.0) >= CORROBORATED


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


def _is_long(t: TimeValue) -> bool:
    return _span(t) > LONG_SPAN_DAYS


def _indexed_terms(vector: Vector, floor: float) -> list[str]:
    """Return the terms a vector is indexed under: all but its lightest, whose joint norm stays below `floor`.

    A unit vector sharing none of them scores below `floor` with this one (Cauchy–Schwarz on the rest).
    """
    ordered = sorted(vector.items(), key=itemgetter(1))
    budget = floor * floor * (1 - 1e-9)
    spent = 0.0
    for k, (_, weight) in enumerate(ordered):
        spent += weight * weight
        if spent >= budget:
            return [term for term, _ in ordered[k:]]
    return []


class _Index:
    """Sweep events by indexed term, forgetting those out of reach and all but a term's latest POSTING_CAP."""

    def __init__(self, reach: dict[int, int]) -> None:
        self.reach = reach
        self.postings: dict[str, list[int]] = {}
        self.pruned: dict[str, int] = {}
        """The day each posting was last cleared of events out of reach (the sweep's days never go back)."""

    def meet(self, terms: Iterable[str], day: int, met: set[int]) -> None:
        """Add to `met` the events indexed under any of `terms` whose ranges reach `day`."""
        reach, pruned = self.reach, self.pruned
        for term in terms:
            posting = self.postings.get(term)
            if posting:
                if pruned[term] != day:
                    pruned[term] = day
                    posting[:] = [i for i in posting if reach[i] >= day]
                met.update(posting)

    def add(self, terms: Iterable[str], j: int, day: int) -> None:
        """Index event j (first day `day`) under `terms`."""
        for term in terms:
            posting = self.postings.get(term)
            if posting is None:
                posting = self.postings[term] = []
                self.pruned[term] = day
            elif len(posting) >= POSTING_CAP:
                posting[:] = [i for i in posting if self.reach[i] >= day][1 - POSTING_CAP :]
                self.pruned[term] = day
            posting.append(j)


def _candidate_pairs(
    events: Sequence[Event], vectors: Sequence[Vector], anchored: Sequence[bool], among: Iterable[int]
) -> Iterator[tuple[int, int]]:
    """Yield the pairs of `among` near in date that may score above a threshold, earlier in the sweep first.

    Events sweep by first day (long ones apart from short ones). An event with few later events in
    reach meets them all; one with more is indexed under its heavier terms instead, and each later
    event meets only those indexed under one of its own terms. Back-references get a second index cut
    for SAME_ANCHORED, which only back-references read.
    """
    for long in (False, True):
        order = sorted(
            (i for i in among if _is_long(events[i].time) == long), key=lambda i: _sweep_key(events[i])
        )
        days = [events[i].time.first.toordinal() for i in order]
        reach = {i: events[i].time.last.toordinal() + NEAR_DAYS for i in order}
        shared, anchors = _Index(reach), _Index(reach)
        for pos, j in enumerate(order):
            day = days[pos]
            met: set[int] = set()
            shared.meet(vectors[j], day, met)
            if anchored[j]:
                anchors.meet(vectors[j], day, met)
            for i in met:
                yield i, j
            stop = bisect_right(days, reach[j])
            if stop - pos - 1 <= FEW_LATER:
                for k in range(pos + 1, stop):
                    yield j, order[k]
                continue
            shared.add(_indexed_terms(vectors[j], SCORE_FLOOR), j, day)
            if anchored[j]:
                anchors.add(_indexed_terms(vectors[j], SAME_ANCHORED), j, day)


def _planned(events: Sequence[Event], articles: Sequence[Article], among: Sequence[int]) -> set[int]:
    """Return the events of `among` dated after their article's publication: what was planned then
    ("سيطرح على مجلس الوزراء يوم الاثنين المقبل") is not the happening of that day, and stays apart."""
    published = {a.id: a.published for a in articles if a.published is not None}
    found = set()
    for i in among:
        e = events[i]
        day = published.get(e.article_id)
        if day is not None and not e.is_report and e.time.first > day:
            found.add(i)
    return found


def _anchored(
    events: Sequence[Event], articles: Sequence[Article], among: Sequence[int] | None = None
) -> list[bool]:
    """Return, per event, whether it is a back-reference: a past day its article dates in one sentence only.

    With `among` (whole runs: a day's events are all in its run), only those events are told; the
    others are False.

    Articles rarely name an exact past day except to point at something that happened then, so two
    outlets each naming the same past day once most likely point at the same happening; the day of
    publication, crowded with the day's news, never counts.
    """
    age = timedelta(days=ANCHOR_MIN_AGE_DAYS)
    # The last day old enough, per article with a publication date.
    cutoff = {a.id: a.published - age for a in articles if a.published is not None}
    # The sentences of each article that date each old enough day (the only days that may count).
    told = range(len(events)) if among is None else among
    sentences: dict[tuple[str, str], set[int]] = defaultdict(set)
    for i in told:
        e = events[i]
        if e.gives_date and e.time.grain == "day":
            last = cutoff.get(e.article_id)
            if last is not None and e.time.last <= last:
                sentences[(e.article_id, e.time.value)].add(e.sentence_start)
    flags = [False] * len(events)
    for i in told:
        e = events[i]
        flags[i] = e.gives_date and len(sentences.get((e.article_id, e.time.value), ())) == 1
    return flags


def _join_sentences(events: Sequence[Event], uf: _UnionFind, among: Sequence[int]) -> None:
    """Union the facts of one sentence whose dates nest (a long date never meets a short one, as in sweeps).

    Equal dates join in one step; distinct dates of a sentence are compared pairwise (a sentence has few).
    """
    by_sentence: dict[tuple[str, int, bool], list[int]] = defaultdict(list)
    for i in among:
        e = events[i]
        if not e.is_report:
            by_sentence[(e.article_id, e.sentence_start, _is_long(e.time))].append(i)
    for members in by_sentence.values():
        if len(members) < 2:
            continue
        dates: dict[TimeValue, int] = {}
        for i in members:
            uf.union(dates.setdefault(events[i].time, i), i)
        for (t, i), (u, j) in combinations(dates.items(), 2):
            if nested(t, u):
                uf.union(i, j)


def _join_copies(
    events: Sequence[Event],
    vectors: Sequence[Vector],
    kind: Sequence[int],
    anchored: Sequence[bool],
    uf: _UnionFind,
    among: Sequence[int],
) -> list[int]:
    """Union copies of one sentence and return the few of each class that stand for it in the sweep.

    Copies share vector, date, kind and anchoring (wire copy, a sentence repeated): their similarity
    is 1, so every rule unions them. With anyone else a copy's verdict depends on its article only
    through "another article" (which never asks more than "the same article"), so the first copy and
    the first from another article stand for all. Events with fewer than MIN_SHARED_TERMS terms score
    0 with everyone and take no part.
    """
    classes: dict[tuple[int, TimeValue, bool, bool], list[int]] = {}
    for i in among:
        if len(vectors[i]) < MIN_SHARED_TERMS:
            continue
        e = events[i]
        stand = classes.setdefault((kind[i], e.time, e.is_report, anchored[i]), [i])
        uf.union(stand[0], i)
        if len(stand) == 1 and e.article_id != events[stand[0]].article_id:
            stand.append(i)
    return [i for stand in classes.values() for i in stand]


def _sweep_key(e: Event) -> tuple[date, int, str]:
    """Order events as the pairwise sweep met them: by first day, longer first, then by id."""
    return (e.time.first, -_span(e.time), e.id)


def report_targets(
    events: Sequence[Event],
    vectors: Sequence[Vector],
    sentences: Sentences | None = None,
    plain: Callable[[str], Vector] | None = None,
    titles: Mapping[str, str] | None = None,
) -> tuple[dict[int, int], set[int]]:
    """Return, for each report, the fact of its own article it reports (by position in `events`), and
    the reports that report nothing new (a later clause of a title that no fact of its article tells).

    An article's own news is the happening its title is about, told by its lead (the first
    LEAD_SENTENCES sentences after the title, but for one in the pluperfect): among its facts dated
    from REPORT_LOOKBACK days before publication to the day itself, the lead fact most like the title
    (of the title's own date, when it has one); with none alike, the fact most like it (at least
    SAME_REPORT), else the lead's first fact; with no fact at all and a lead that dates only background
    ("منذ صباح الثلاثاء… تحولت السفينة إلى حديث أسواق الشحن"), a profile, or with a lead that tells an
    older happening ("حين وقف لعمامرة أمام الصحافيين يوم الثلاثاء 24 أغسطس…" in an analysis of the
    29th), an analysis: it adds nothing of its own.
    A title's later clause ("….. ووزيرة الإعلام تستقيل") is
    another happening: the fact most like it (at least SAME_REPORT), a sentence carried on of the
    title's day included (events._told_on: the title vouches for it), else it adds nothing of its own.
    `plain` gives a sentence's vector with no term nearer its date than another: a title speaks of
    the whole main clause of a sentence (headlines.main_part), not of what lies near one of its dates nor
    of a side clause ("…، في وقت تسابق فيه فرق الإنقاذ الزمن"). `titles` are the articles' titles by id:
    a fact dated in its title goes where the title goes (_title_facts).
    """
    facts: dict[str, list[int]] = defaultdict(list)
    carried: dict[str, list[int]] = defaultdict(list)
    reports: dict[str, list[int]] = defaultdict(list)
    background: dict[str, list[int]] = defaultdict(list)
    for i, e in enumerate(events):
        if e.is_report:
            reports[e.article_id].append(i)
        elif e.role == "context":
            background[e.article_id].append(i)
        elif not _is_long(e.time):
            # (a sentence carried on is no article's own news, but a title's later clause may tell it)
            (carried if e.carried else facts)[e.article_id].append(i)
    lookback = timedelta(days=REPORT_LOOKBACK)
    targets: dict[int, int] = {}
    idle: set[int] = set()
    for aid, clauses in reports.items():
        title = (titles or {}).get(aid, "").strip()
        # in the title's order (a title outside the text has each clause at the lead's start)
        clauses.sort(key=lambda r: (events[r].sentence_start, title.find(events[r].sentence)))
        day = events[clauses[0]].time.first
        recent = [
            f
            for f in facts.get(aid, ())
            if day - lookback <= events[f].time.first and events[f].time.last <= day
        ]
        in_title = {f for f in recent if title and events[f].sentence.strip() == title}
        dated = [events[f].time for f in in_title]  # the title's own dates
        rivals = sorted(
            (f for f in recent if f not in in_title),
            key=lambda f: (events[f].sentence_start, events[f].id),
        )
        spans = sentences.get(aid) if sentences is not None else None
        told_at = {events[k].sentence_start for k in (*facts[aid], *carried[aid], *background[aid])}
        lead_end = _lead_end(spans, events[clauses[0]], told_at)
        later = rivals + [f for f in carried.get(aid, ()) if events[f].time == events[clauses[0]].time]
        for n, r in enumerate(clauses):
            if n:  # a later clause: any fact of its article, or a sentence carried on of the title's day
                alike = [similarity(vectors[r], vectors[f]) for f in later]
                if plain:  # a title's clause speaks of a whole sentence, not of what lies near its date
                    alike = [
                        max(a, similarity(vectors[r], plain(events[f].sentence)))
                        for a, f in zip(alike, later, strict=True)
                    ]
                best = max(range(len(later)), key=lambda k: (alike[k], -k), default=None)
                if best is not None and alike[best] >= SAME_REPORT:
                    targets[r] = later[best]
                else:
                    idle.add(r)
                continue
            # A title names the happening of a whole main clause, not of a side clause; of one sentence's
            # facts, the one whose date lies nearest its words.
            near = [similarity(vectors[r], vectors[f]) for f in rivals]
            mains = [plain(headlines.main_part(events[f].sentence)) for f in rivals] if plain else []
            alike = [similarity(vectors[r], main) for main in mains] if plain else near
            best = max(range(len(rivals)), key=lambda k: (alike[k], near[k], -k), default=None)
            lead = [
                k
                for k, f in enumerate(rivals)
                if events[f].sentence_start < lead_end
                and not headlines.opens_in_pluperfect(events[f].sentence)
            ]
            lead = [k for k in lead if any(nested(events[rivals[k]].time, t) for t in dated)] or lead
            told = max(lead, key=lambda k: (alike[k], near[k], -k), default=None)
            if told is not None and alike[told] > 0:
                targets[r] = rivals[told]
            elif best is not None and alike[best] >= SAME_REPORT:
                targets[r] = rivals[best]
            elif told is not None:
                targets[r] = rivals[told]
            elif any(events[k].sentence_start < lead_end for k in (*facts[aid], *background[aid])):
                idle.add(r)  # its lead dates only background or an older happening: a profile, an analysis
        _title_facts(events, in_title, clauses, targets)
    return targets, idle


def _title_facts(
    events: Sequence[Event], in_title: set[int], clauses: Sequence[int], targets: dict[int, int]
) -> None:
    """Send the dated facts of an article's title ("زلزال عنيف يهز الحوز ليلة الجمعة") where the title's
    clause goes, when their dates nest: a title tells its happening once, dated or not."""
    for f in in_title:
        e = events[f]
        if e.mention is None:
            continue
        clause = max((r for r in clauses if events[r].sentence_start <= e.mention.start), default=clauses[0])
        target = targets.get(clause)
        if target is not None and target != f and nested(e.time, events[target].time):
            targets[f] = target


def _plain_vector(sentence: str, idf: dict[str, float], unseen: float) -> Vector:
    """Return a sentence's unit vector with every term weighed alike, wherever its dates lie."""
    return _unit_vector({term: 1.0 for term in arabic.content_terms(sentence)}, idf, unseen)


def _without(
    idle: set[int], events: Sequence[Event], vectors: Sequence[Vector], targets: dict[int, int]
) -> tuple[list[Event], list[Vector], dict[int, int]]:
    """Return the events and vectors but those at `idle`, and the targets renumbered to match."""
    kept = [i for i in range(len(events)) if i not in idle]
    at = {old: new for new, old in enumerate(kept)}
    return [events[i] for i in kept], [vectors[i] for i in kept], {at[r]: at[f] for r, f in targets.items()}


def _lead_end(
    spans: Sequence[tuple[int, int]] | None, report: Event, told_at: AbstractSet[int] = frozenset()
) -> int:
    """Return where an article's lead ends: after LEAD_SENTENCES sentences following its title, not
    counting a page's short lines that tell nothing (a byline, a date on a line of its own: no event of
    the article, `told_at`, starts there, and they are shorter than LEAD_LINE characters)."""
    if not spans:
        return report.sentence_end + 1
    after = [s for s in spans if s[0] >= report.sentence_end] if report.sentence_end > 0 else list(spans)
    after = [s for s in after if s[0] in told_at or s[1] - s[0] > LEAD_LINE]
    if not after:
        return report.sentence_end + 1
    return after[min(LEAD_SENTENCES, len(after)) - 1][1]


def _dated_as_reported(events: Sequence[Event], targets: dict[int, int]) -> list[Event]:
    """Return the events with each report dated as the happening it reports."""
    moved = list(events)
    for r, f in targets.items():
        moved[r] = replace(events[r], time=events[f].time)
    return moved


def _join_continuations(
    events: Sequence[Event],
    vectors: Sequence[Vector],
    uf: _UnionFind,
    among: Sequence[int],
    sentences: Sentences | None,
) -> None:
    """Union facts of one day told in consecutive sentences of one article (an account carried on: alike,
    or the later one points back, "وجاء ذلك…", or goes on with the words told before, "وأضاف أن…"), unless
    it turns to another matter (events.opens_new_matter) or either recalls one in the pluperfect ("وكان …
    قد"): no account goes on from a recollection but its speaker's words ("وكان الرئيس قد كتب…" then
    "وشدد الرئيس على أن…")."""
    if sentences is None:
        return
    by_article: dict[str, list[int]] = defaultdict(list)
    for i in among:
        e = events[i]
        if not e.is_report and e.role == "event" and e.time.first == e.time.last:
            by_article[e.article_id].append(i)
    for aid, facts in by_article.items():
        starts = [s for s, _ in sentences.get(aid, ())]
        if not starts:
            continue
        by_sentence: dict[int, list[int]] = defaultdict(list)
        for i in facts:
            by_sentence[bisect_right(starts, events[i].sentence_start) - 1].append(i)
        for k, here in sorted(by_sentence.items()):
            before = by_sentence.get(k - 1)
            pairs = [(i, j) for i in here for j in before or () if events[i].time == events[j].time]
            alike = [(i, j) for i, j in pairs if similarity(vectors[i], vectors[j]) >= CONTINUED]
            sentence = events[here[0]].sentence
            if (
                len(alike) < len(pairs)
                and headlines.opens_as_aside(sentence)
                and headlines.is_anaphoric(sentence)
            ):
                alike = pairs  # "وجاء ذلك بعدما…" carries the account before on, whatever its words
            recalled = [
                headlines.opens_in_pluperfect(told) and not headlines.is_anaphoric(told)
                for told in (sentence, events[before[0]].sentence if before else "")
            ]
            if before and not recalled[0] and headlines.says_on(sentence, events[before[0]].sentence):
                alike = pairs  # "وقال نصر الله…", "وأضاف أن…": the words told before go on, recalled or not
            elif any(recalled):
                continue  # "وكان ولي العهد قد تلقى…" recalls its own happening, however alike
            first = min(before or (), key=lambda j: _mention_at(events[j]), default=None)
            if first is not None and dated_in_relative_clause(events[first]):
                continue  # the day told before dates what a noun names ("التفجير الذي استهدف أمس"), not
                # the account ("دانت الإمارات…") the next sentence carries on
            if alike and not opens_new_matter(sentence):
                for i, j in alike:
                    uf.union(i, j)


def _parts_apart(a: Event, b: Event) -> bool:
    """Return True when one event is told in the morning and the other in the evening (events.part_of_day)."""
    first = part_of_day(a)
    second = part_of_day(b) if first is not None else None
    return second is not None and first != second


def _link(
    events: Sequence[Event],
    vectors: Sequence[Vector],
    articles: Sequence[Article],
    targets: dict[int, int],
    sentences: Sentences | None,
    among: Sequence[int],
) -> tuple[list[int], list[tuple[int, int]]]:
    """Return, for each event of `among` (ascending), the smallest of the events judged one happening with it,
    and the close pairs a day apart (MAYBE_SAME alike) whose accounts stayed apart (_maybe_same).

    `among` holds whole runs (_runs): no event outside it could join one inside.
    """
    uf = _UnionFind(len(events))
    anchored = _anchored(events, articles, among)
    _join_sentences(events, uf, among)
    _join_continuations(events, vectors, uf, among, sentences)
    # Sentences repeated across articles (wire copy, boilerplate) give equal vectors: score each pair once.
    interned: dict[tuple[tuple[str, float], ...], int] = {}
    of_object: dict[int, int] = {}  # events of one sentence and date share a vector object
    kind = [-1] * len(events)
    for i in among:
        v = vectors[i]
        k = of_object.get(id(v))
        if k is None:
            k = of_object[id(v)] = interned.setdefault(tuple(v.items()), len(interned))
        kind[i] = k
    repeated = {k for k, n in Counter(kind[i] for i in among).items() if n > 1}
    scores: dict[tuple[int, int], float] = {}

    def score(i: int, j: int) -> float:
        if kind[i] not in repeated and kind[j] not in repeated:
            return similarity(vectors[i], vectors[j])
        key = (kind[i], kind[j])
        if key not in scores:
            scores[key] = similarity(vectors[i], vectors[j])
        return scores[key]

    kinds: dict[tuple[str, tuple[int, int] | None], tuple[frozenset[str], frozenset[str]]] = {}

    of_event: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def kinds_of(k: int) -> tuple[frozenset[str], frozenset[str]]:
        found = of_event.get(k)
        if found is None:
            key = (events[k].sentence, events[k].date_span)  # copies ask once
            found = of_event[k] = kinds.get(key) or kinds.setdefault(key, _kinds(events[k]))
        return found

    later_clauses = _later_clauses(events, among, targets, articles)
    place = _date_places(events, among)
    find = uf.find
    neighbours: list[tuple[float, int, int]] = []  # close pairs of sentences a day apart
    standing = _join_copies(events, vectors, kind, anchored, uf, among)
    planned = _planned(events, articles, among)
    wider: dict[int, tuple[float, int]] = {}  # a week or a month -> its likest day's (score, -position)
    for i, j in _candidate_pairs(events, vectors, anchored, standing):
        if i in planned or j in planned or (find(i) == find(j) and events[i].time == events[j].time):
            continue  # a plan is not what later happened; one happening already (a wider date still
            # looks for its likest narrower one)
        a, b = events[i], events[j]
        if a.article_id == b.article_id and a.is_report != b.is_report:
            continue  # a report meets its own article's facts in report_targets
        is_nested = nested(a.time, b.time)
        if not is_nested and max(_span(a.time), _span(b.time)) > NEAR_DAYS:
            continue  # days may be a day apart; 2012 and 2013, or March and April, are not
        sim = score(i, j)
        if (a.carried or b.carried) and (
            sim < CARRIED_ALIKE or a.time != b.time or a.is_report or b.is_report
        ):
            continue  # dated only by the account it carries on: that day, and close to a copy
        if SCORE_FLOOR <= sim < NEAR_DUPLICATE and told_apart(kinds_of(i), kinds_of(j)):
            continue  # each tells a kind of happening the other does not even name
        if sim < NEAR_DUPLICATE and a.time == b.time and _parts_apart(a, b):
            continue  # "أدلى بصوته صباح أمس" and "خاطب أنصاره مساء الاثنين": two happenings of a day
        if a.carried or b.carried:
            uf.union(i, j)
            continue
        if a.is_report or b.is_report:
            if i in later_clauses or j in later_clauses:
                continue  # a few words of a title: what it reports joins for it
            if is_nested and sim >= SAME_EVENT and a.time == b.time:
                uf.union(i, j)
            elif is_nested and sim >= SAME_EVENT:  # a week meets its likest day only, a title's too
                wide, narrow = (i, j) if _span(a.time) > _span(b.time) else (j, i)
                wider[wide] = max(wider.get(wide, (-1.0, 0)), (sim, -narrow))
            elif (
                sim >= CLOSE_NEIGHBOURS
                and _title_a_day_off(events, targets, i, j)
                and _corroborated(vectors[i], vectors[j], sim)
            ):
                neighbours.append((sim, i, j))
            continue
        if is_nested:
            both_anchored = anchored[i] and anchored[j] and a.article_id != b.article_id
            if a.article_id == b.article_id:
                needed = SAME_ARTICLE
            else:
                needed = SAME_ANCHORED if both_anchored and a.time == b.time else SAME_EVENT
            if sim >= needed and a.time == b.time:
                uf.union(i, j)
            elif sim >= needed:  # a wider date joins its likest narrower one only: never two days
                wide, narrow = (i, j) if _span(a.time) > _span(b.time) else (j, i)
                wider[wide] = max(wider.get(wide, (-1.0, 0)), (sim, -narrow))
        elif a.article_id != b.article_id and sim >= NEAR_DUPLICATE:
            if place[i] == place[j]:  # a copy dated otherwise, date for date: not the copy's other date
                neighbours.append((sim, i, j))  # (_join_neighbour_days)
        elif (
            a.article_id != b.article_id
            and sim >= CLOSE_NEIGHBOURS
            and _corroborated(vectors[i], vectors[j], sim)
        ):
            neighbours.append((sim, i, j))
    likest: dict[int, tuple[float, int, int]] = {}  # a wider date's account -> its likest narrower date
    for wide, (sim, narrow) in wider.items():  # (two weeks one account tells meet one day, not two)
        root = find(wide)
        likest[root] = max(likest.get(root, (-1.0, 0, 0)), (sim, narrow, -wide))
    for _, narrow, wide in sorted(likest.values()):
        uf.union(-wide, -narrow)
    for r in among:
        if r in targets:
            uf.union(r, targets[r])
    _join_neighbour_days(events, uf, among, neighbours, score, set(targets) - later_clauses)
    apart = [(i, j) for sim, i, j in neighbours if sim >= MAYBE_SAME and uf.find(i) != uf.find(j)]
    return [find(i) for i in among], apart


def _date_places(events: Sequence[Event], among: Sequence[int]) -> dict[int, int]:
    """Return, per event, which of its sentence's dates dates it (0 for the first): a copy's sentence
    and its original's meet date for date, not the original's other date ("منذ مقتله فجر الجمعة، إذ
    طالبت الكتائب أمس السبت…")."""
    starts: dict[tuple[str, int], list[int]] = defaultdict(list)
    for k in among:
        m = events[k].mention
        if m is not None:
            starts[(events[k].article_id, events[k].sentence_start)].append(m.start)
    place = dict.fromkeys(among, 0)
    for k in among:
        m = events[k].mention
        if m is not None:
            place[k] = sorted(set(starts[(events[k].article_id, events[k].sentence_start)])).index(m.start)
    return place


def _title_a_day_off(events: Sequence[Event], targets: Mapping[int, int], i: int, j: int) -> bool:
    """Return True when one of two events is a title that reports a fact of its article (`targets`) and
    the other another outlet's fact dated a day from that fact: a title tells its happening in the
    plainest words, so it may propose that the two days' accounts are one (_join_neighbour_days)."""
    report, fact = (i, j) if events[i].is_report else (j, i)
    target = targets.get(report)
    if target is None or not events[fact].gives_date or events[fact].article_id == events[report].article_id:
        return False
    told, other = events[target].time, events[fact].time
    return told.grain == other.grain == "day" and abs((told.first - other.first).days) == 1


def _later_clauses(
    events: Sequence[Event], among: Sequence[int], targets: Mapping[int, int], articles: Sequence[Article]
) -> set[int]:
    """Return the reports of a title's later clauses ("…، والرئاسي يعلن درنة منكوبة") that report a fact of
    their own article: what the clause tells is that fact's, and it meets other outlets for it."""
    titles = {a.id: a.title for a in articles if a.title}
    return {
        k
        for k in among
        if events[k].is_report
        and k in targets
        and titles.get(events[k].article_id, "").find(events[k].sentence) > 0
    }


def _vouched(events: Sequence[Event], group: Sequence[int]) -> bool:
    """Return False for a group of sentences carried on (events._told_on) only: with no date of their
    own, nothing in them says when their happening was. Unless CARRIED_OUTLETS articles or more carry it
    on, each on the same day (a wire's "وسُحبت السفينة إلى البحيرات المرة الكبرى" its copies keep after
    the same dated sentence), and it opens by naming a kind of happening, neither attributing words
    ("وأضاف أن…") nor saying what goes on."""
    if any(not events[k].carried for k in group):
        return True
    return len({events[k].article_id for k in group}) >= CARRIED_OUTLETS and all(
        _opens_with_happening(events[k].sentence)
        and not headlines.opens_with_attribution(events[k].sentence)
        and not standing_end(events[k].sentence)
        for k in group
    )


def _opens_with_happening(sentence: str) -> bool:
    """Return True for a sentence whose first word names a kind of happening (data/synonyms.yaml):
    "وسُحبت السفينة إلى البحيرات" (withdraw), not "ويبلغ طول السفينة 400 متر"."""
    first = arabic.content_terms(sentence[headlines.dateline_end(sentence) :][:40])[:1]
    return bool(first) and first[0].startswith(vocabulary.CONCEPT)


def _kinds(event: Event) -> tuple[frozenset[str], frozenset[str]]:
    """Return the kinds of happening (synonym groups, data/synonyms.yaml) an event's sentence tells (its
    first word's and those within KIND_WORDS words of its date; a report's: the first its title names,
    "يوقف الملاحة حتى تعويم…" a suspension) and every kind it names."""
    weighted = _weighted_terms(event.sentence, event.date_span, {}, _left_out(event, ()))
    named = frozenset(t for t in weighted if t.startswith(vocabulary.CONCEPT))
    if not named:
        return named, named
    text = event.sentence[headlines.dateline_end(event.sentence) :]
    terms = arabic.content_terms(text)
    if event.is_report:
        return frozenset(next(([t] for t in terms if t in named), [])), named
    told = {t for t in terms[:1] if t in named}
    near = 1.0 if event.mention is None else _CLOSENESS[KIND_WORDS]
    told.update(t for t in named if weighted[t] >= near)
    return frozenset(told), named


def told_apart(a: tuple[frozenset[str], frozenset[str]], b: tuple[frozenset[str], frozenset[str]]) -> bool:
    """Return True when two sentences, by their _kinds, each tell a kind of happening the other does
    not even name: one actor's two acts of a day ("أصدر أمرا بإعفاء…"، "أصدر أمرا بحظر…")."""
    return bool(a[0] and b[0] and not a[0] & b[1] and not b[0] & a[1])


def _join_neighbour_days(
    events: Sequence[Event],
    uf: _UnionFind,
    among: Sequence[int],
    pairs: list[tuple[float, int, int]],
    score: Callable[[int, int], float],
    titles: AbstractSet[int] = frozenset(),
) -> None:
    """Join the accounts of neighbouring days that agree as wholes: outlets do differ by a day.

    A close pair of sentences (or a title and another outlet's sentence, _title_a_day_off) only
    proposes the join; the two accounts join when their sentences from different articles are, on
    average, NEIGHBOUR_DAYS alike, either those dated by their own words or those and the titles
    (`titles`, which report a fact of their accounts), or the parts of them that tell the proposing
    pair's happening (_core: an account may hold another happening of its day too): one close pair
    cannot chain two happenings of consecutive days, unless the earlier is told with the night or the
    later with the small hours (events.told_at_night): outlets count those hours on either side of
    midnight. The entry then warns that its sources' dates disagree. An account of thousands of copies
    is judged by its first NEIGHBOUR_SAMPLE sentences.
    """
    members: dict[int, list[int]] = defaultdict(list)
    for i in among:
        members[uf.find(i)].append(i)
    for sim, i, j in sorted(pairs, reverse=True):
        first, second = uf.find(i), uf.find(j)
        if first == second or _days_spanned(events, members[first] + members[second]) > 2:
            continue  # (outlets differ by a day: two such joins must not chain three days' news)
        if (sim >= NEAR_DUPLICATE and _copy_joins(events, members[first], members[second])) or (
            _days_join(events, members[first], members[second], i, j, score, titles)
        ):
            uf.union(first, second)
            joined = uf.find(first)
            members[joined] = sorted(members.pop(first) + members.pop(second))  # the sample: the earliest


def _days_spanned(events: Sequence[Event], group: Sequence[int]) -> int:
    """Return how many days the day-dated events of a group span, first to last (0 when none is)."""
    days = [events[k].time.first for k in group if events[k].time.grain == "day"]
    return (max(days) - min(days)).days + 1 if days else 0


def _days_join(
    events: Sequence[Event],
    ones: Sequence[int],
    others: Sequence[int],
    i: int,
    j: int,
    score: Callable[[int, int], float],
    titles: AbstractSet[int],
) -> bool:
    """Return True when two accounts a day apart, proposed by their close pair (i, j), are one happening
    (_join_neighbour_days): not told apart by one outlet, nor ordered the day after, and agreeing as
    wholes, one told by one outlet alone and the pair ONE_OUTLET_ALIKE, told with the night or the small
    hours, or agreeing in the parts that tell the pair's."""
    if _told_apart_by_one(events, ones, others):
        return False
    later = i if events[i].time.first > events[j].time.first else j
    if events[later].gives_date and orders_next_day(events[later].sentence):
        return False  # "التقى بومبيو أمس أردوغان، غداة محادثاته في الرياض": the day after, another happening
    if any(_agree(events, ones, others, score, kept) for kept in (frozenset(), titles)):
        return True
    if (
        score(i, j) >= ONE_OUTLET_ALIKE
        and min(len({events[k].article_id for k in g}) for g in (ones, others)) == 1
    ):
        return True  # one outlet a day off ("زار العبادي البصرة أمس الثلاثاء" against four outlets' Monday)
    earlier = j if later == i else i
    if (events[earlier].gives_date and told_at_night(events[earlier])) or (
        events[later].gives_date and told_at_night(events[later], "dawn_marks")
    ):
        return True  # "ليل الخميس" / "الجمعة", "الخميس" / "فجر الجمعة"
    return _cores_agree(events, _core(ones, i, score), _core(others, j, score), score)


def _copy_joins(events: Sequence[Event], ones: Sequence[int], others: Sequence[int]) -> bool:
    """Return True when a copy dated otherwise joins the other account outright: one of the two
    accounts is told by COPY_ACCOUNT articles at most (an outlet a day off); two accounts many outlets
    tell are two days' news, which a copy of one statement re-dated by a dateline must not chain."""
    told = [{events[k].article_id for k in group} for group in (ones, others)]
    return min(len(t) for t in told) <= COPY_ACCOUNT


def _agree(
    events: Sequence[Event],
    one: Sequence[int],
    other: Sequence[int],
    score: Callable[[int, int], float],
    titles: AbstractSet[int],
) -> bool:
    """Return True when two accounts' sentences dated by their own words (and `titles`) from different
    articles are, on average, NEIGHBOUR_DAYS alike; each account judged by its first NEIGHBOUR_SAMPLE."""
    ones, others = (
        [k for k in group if events[k].gives_date or k in titles][:NEIGHBOUR_SAMPLE] for group in (one, other)
    )
    sims = [score(p, q) for p in ones for q in others if events[p].article_id != events[q].article_id]
    return bool(sims) and sum(sims) / len(sims) >= NEIGHBOUR_DAYS


def _core(group: Sequence[int], proposer: int, score: Callable[[int, int], float]) -> list[int]:
    """Return the sentences of an account alike the one that proposed the join (SAME_EVENT): the part of
    it that tells the proposer's happening, when another of that day was joined to it too."""
    return [k for k in group[:NEIGHBOUR_SAMPLE] if k == proposer or score(k, proposer) >= SAME_EVENT]


def _cores_agree(
    events: Sequence[Event], ones: Sequence[int], others: Sequence[int], score: Callable[[int, int], float]
) -> bool:
    """Return True when the parts of two accounts that tell the proposing pair's happening (_core) agree
    as wholes: NEIGHBOUR_DAYS alike on average over CORE_PAIRS pairs or more from different articles."""
    sims = [score(p, q) for p in ones for q in others if events[p].article_id != events[q].article_id]
    return len(sims) >= CORE_PAIRS and sum(sims) / len(sims) >= NEIGHBOUR_DAYS


def _told_apart_by_one(events: Sequence[Event], ones: Sequence[int], others: Sequence[int]) -> bool:
    """Return True when one article dates both accounts itself, in sentences of their own: that outlet
    tells two happenings ("انتشال مسجل البيانات… وكان مسجل الأصوات قد انتُشل أمس")."""
    told = {(events[k].article_id, events[k].sentence_start) for k in ones if _dates_itself(events[k])}
    articles = {article for article, _ in told}
    return any(
        events[k].article_id in articles and (events[k].article_id, events[k].sentence_start) not in told
        for k in others
        if _dates_itself(events[k])
    )


def _dates_itself(event: Event) -> bool:
    """Return True for a fact dated by its own sentence (not a report, not carried on)."""
    return event.gives_date and not event.is_report


def _runs(events: Sequence[Event]) -> list[list[int]]:
    """Return the events in runs that no rule joins across: long and short ones apart, and dates apart.

    Every rule joins events whose dates nest, overlap or lie at most NEAR_DAYS apart, and a long date
    meets only long ones: a run ends where the next first day lies beyond every range so far.
    """
    runs: list[list[int]] = []
    of_value: dict[int, tuple[int, int]] = {}  # by id: events share their dates' objects
    days = []
    for e in events:
        span = of_value.get(id(e.time))
        if span is None:
            span = of_value[id(e.time)] = (e.time.first.toordinal(), e.time.last.toordinal())
        days.append(span)
    for long in (False, True):
        kept = (i for i, (first, last) in enumerate(days) if (last - first > LONG_SPAN_DAYS) == long)
        reach = -1
        for i in sorted(kept, key=days.__getitem__):
            first, last = days[i]
            if first > reach:
                runs.append([])
            runs[-1].append(i)
            reach = max(reach, last + NEAR_DAYS)
    return runs


def _halves(parts: Sequence[Sequence[int]]) -> tuple[list[int], list[int]]:
    """Return the positions of `parts` in two bins about equal in members (the largest parts first)."""
    bins: tuple[list[int], list[int]] = ([], [])
    weight = [0, 0]
    for position in sorted(range(len(parts)), key=lambda p: -len(parts[p])):
        lighter = 0 if weight[0] <= weight[1] else 1
        bins[lighter].append(position)
        weight[lighter] += len(parts[position])
    return bins


def _serial(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    return [fn(item) for item in items]


def _called(fn: Callable[[], Any]) -> Any:
    return fn()


def _entries(
    events: Sequence[Event], vectors: dict[str, Vector], titles: Titles, groups: Sequence[Sequence[int]]
) -> list[tuple[Entry, tuple[int, ...]]]:
    """Return each group's entry with its events left out, and their positions in `events` in its order.

    (Positions are what a forked process sends back: the events themselves stay where they are.)
    """
    clear_memo: dict[str, bool] = {}
    made = []
    for group in groups:
        entry = _make_entry([events[k] for k in group], vectors, clear_memo, titles)
        position = {events[k].id: k for k in group}
        made.append((replace(entry, events=()), tuple(position[e.id] for e in entry.events)))
    return made


def _choose_time(events: Sequence[Event]) -> tuple[TimeValue, tuple[str, ...]]:
    """Return an entry's date (the finest, most cited) and a warning when its sources disagree."""
    facts = [e for e in events if e.gives_date] or [e for e in events if not e.is_report] or list(events)
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


def _headline_order(
    events: Sequence[Event],
    vectors: dict[str, Vector],
    clear_memo: dict[str, bool],
    titles: set[str],
    when: TimeValue | None = None,
) -> list[Event]:
    """Return the events whose sentences may name the entry, best first.

    An outlet's own title reporting the entry (on its day `when`, when some do: a title another day
    joined through its account may tell what followed, "خادم الحرمين يعزي…") comes first; then clear
    fact sentences (five words or more), the most central (mean similarity to the others) and shortest
    first. A background sentence the entry cites (a plan of the day), and one that dates this happening
    only in what it came after ("بدأت القوات الانسحاب، بعد ساعات من بيان صدر ليل الأحد": it names
    another), are candidates only when nothing else is.
    """
    reports = [e for e in events if e.is_report and e.sentence in titles]
    reports = [e for e in reports if e.time == when] or reports
    facts = [e for e in events if not e.is_report]
    told = [e for e in facts if e.role == "event"] or facts  # background cites, never names
    pool = [e for e in told if not _dated_in_aside(e)] or told or list(events)
    clear = [e for e in pool if _is_clear(e.sentence, clear_memo)] or pool
    if len(events) > HEADLINE_POOL:
        return _by_length(reports) + _by_length(clear)[:HEADLINE_POOL]
    own = [vectors.get(e.id, {}) for e in events]
    # Centrality: mean similarity to the others. Copies share a vector object, so each ordered pair of
    # objects is scored once (similarity(a, b) and (b, a) differ only in summation order, which only
    # equal lengths leave open).
    sims: dict[tuple[int, int], float] = {}
    scores: dict[str, float] = {}
    for e in {e.id: e for e in reports + clear}.values():
        mine = vectors.get(e.id, {})
        row = []
        for o, theirs in zip(events, own, strict=True):
            if o.id == e.id:
                continue
            key = (id(mine), id(theirs))
            sim = sims.get(key)
            if sim is None:
                sim = sims[key] = similarity(mine, theirs)
                if len(mine) != len(theirs):
                    sims[(id(theirs), id(mine))] = sim
            row.append(sim)
        scores[e.id] = sum(row) / len(row) if row else 0.0

    def ranked(found: list[Event]) -> list[Event]:
        if not found:
            return []
        median = sorted(scores[e.id] for e in found)[len(found) // 2]  # of two, the more central
        central = [e for e in found if scores[e.id] >= median]
        return _by_length(central) + _by_length([e for e in found if scores[e.id] < median])

    return ranked(reports) + ranked(clear)


def _mention_at(event: Event) -> int:
    """Return where an event's date mention starts in its sentence (0 with none)."""
    return event.mention.start - event.sentence_start if event.mention is not None else 0


def _dated_in_aside(event: Event) -> bool:
    """Return True when an event's date lies in what its sentence's happening came some time after."""
    m = event.mention
    if m is None:
        return False
    at = m.start - event.sentence_start
    return any(a <= at < b for a, b in after_clauses(event.sentence))


def _by_length(events: Sequence[Event]) -> list[Event]:
    return sorted(events, key=lambda e: (len(e.sentence), e.id))


def _date_spans(event: Event, events: Sequence[Event]) -> tuple[tuple[int, int], ...]:
    """Return the date mentions of an event's sentence (those the entry's events know), sentence offsets:
    what its headline leaves out. A feast's name (عيد الأم) says more than its date, and stays."""
    spans = set()
    for other in events:
        m = other.mention
        same = other.article_id == event.article_id and other.sentence_start == event.sentence_start
        if same and m and event.sentence_start <= m.start and m.end <= event.sentence_end:
            if lexicon.is_holiday(m.text):
                continue
            spans.add((m.start - event.sentence_start, m.end - event.sentence_start))
    return tuple(sorted(spans))


def _headline(events: Sequence[Event], order: Sequence[Event]) -> tuple[str, str]:
    """Return the first candidate rewritten into a headline that reads as one, and where it came from."""
    fallback = ""
    for event in order[:HEADLINE_TRIES]:
        at = event.mention.start - event.sentence_start if event.mention is not None else None
        written = headlines.rewrite(event.sentence, _date_spans(event, events), at)
        if not written:
            continue
        fallback = fallback or written
        if not headlines.problem(written) and not headlines.is_anaphoric(event.sentence):
            return written, "title" if event.is_report and event.mention is None else "clause"
    return fallback, "clause"


def _is_clear(sentence: str, memo: dict[str, bool]) -> bool:
    """Return whether a sentence has at least five words (clear enough for a headline)."""
    found = memo.get(sentence)
    if found is None:
        found = memo[sentence] = len(sentence.split()) >= 5
    return found


def _make_entry(
    events: Sequence[Event], vectors: dict[str, Vector], clear_memo: dict[str, bool], titles: Titles
) -> Entry:
    ordered = tuple(
        sorted(events, key=lambda e: (e.is_report, e.time.first, e.article_id, e.sentence_start, e.id))
    )
    when, warnings = _choose_time(ordered)
    arabic_ones = [e for e in ordered if e.article_id not in titles.languages]
    english = [e for e in ordered if titles.languages.get(e.article_id) == "en"]
    en = _source_headline(english, titles.texts)
    if arabic_ones:
        ar, basis = _headline(
            arabic_ones, _headline_order(arabic_ones, vectors, clear_memo, titles.texts, when)
        )
    else:  # no Arabic source: the headline of a source in its own language, marked as such
        first = titles.languages[ordered[0].article_id]
        ar = _source_headline([e for e in ordered if titles.languages[e.article_id] == first], titles.texts)
        basis = f"{first}-source"
    return Entry(
        id=entry_id(e.id for e in ordered),
        time=when,
        events=ordered,
        headline=Headline(
            ar=ar or trim_headline(ordered[0].sentence) or when.value,
            en=en or None,
            basis_ar=basis,
            basis_en="english-source" if en else "",
        ),
        warnings=warnings,
        role="event" if any(e.role == "event" for e in ordered) else "context",
    )


@dataclass(frozen=True)
class Titles:
    """What entries are named from besides their events: the articles' titles (or a title's clauses)
    and the language of every article not in Arabic."""

    texts: set[str]
    languages: dict[str, str]


def _source_headline(events: Sequence[Event], titles: set[str]) -> str:
    """Return a headline from an entry's sources in one Latin-script language: a title first, else
    the shortest sentence, cut at a phrase boundary; '' when there is none."""
    ranked = sorted(events, key=lambda e: (e.sentence not in titles, len(e.sentence), e.id))
    for event in ranked:
        written = headlines.english(event.sentence)
        if written:
            return written
    return ""


def _apply_structure(
    groups: list[list[int]],
    events: Sequence[Event],
    editorial: Editorial,
    by_entry: dict[str, int],
    problems: list[Problem],
) -> list[list[int]]:
    """Return the groups after the editor's splits and merges; unknown ids become problems.

    `by_entry` maps the entry id each event would anchor to that event (an override may name either).
    """
    if not editorial.overrides:  # groups come ordered as the merging below would leave them
        return groups
    by_event = {e.id: i for i, e in enumerate(events)}

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
    old = entry.headline
    headline = Headline(
        ar=override.headline_ar or old.ar,
        en=override.headline_en or old.en,
        summary_ar=override.summary_ar or old.summary_ar,
        summary_en=override.summary_en or old.summary_en,
        basis_ar="editor" if override.headline_ar else old.basis_ar,
        basis_en="editor" if override.headline_en else old.basis_en,
    )
    time, warnings = entry.time, entry.warnings
    if override.date is not None:
        time = override.date
        warnings = tuple(w for w in warnings if w != DATES_DISAGREE)
    return replace(entry, time=time, headline=headline, warnings=warnings)


def _edited(
    entries: list[Entry], events: Sequence[Event], editorial: Editorial, by_entry: dict[str, int]
) -> list[Entry]:
    """Return the entries with the editor's headlines, summaries and dates, hidden ones left out."""
    by_id_entry = {entry.id for entry in entries}

    holder = {e.id: entry.id for entry in entries for e in entry.events}
    holder.update({key: holder[events[i].id] for key, i in by_entry.items()})
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
    return result


def merge_events(
    events: Sequence[Event],
    articles: Sequence[Article],
    editorial: Editorial,
    sentences: Sentences | None = None,
    *,
    parallel: Map | None = None,
) -> tuple[list[Entry], list[Problem]]:
    """Return one entry per happening (events merged across outlets, overrides applied) and any problems.

    `sentences` are the articles' sentence spans when the caller has them (events.sentence_spans).
    With `parallel` (a map that computes its items side by side: Executor.beside) and PARALLEL_EVENTS
    events or more, the IDF is counted beside the terms, and the runs of events (_runs) are judged, and
    the entries made, in two halves side by side: the result is the same.
    """
    problems: list[Problem] = []
    events = sorted(events, key=lambda e: e.id)
    both: Map = parallel if parallel is not None and len(events) >= PARALLEL_EVENTS else _serial
    split = both is not _serial
    # (Split, the IDF is counted beside the terms: both read the whole folder, neither needs the other.)
    counted = both(_called, [partial(_event_terms, events), partial(build_idf, articles, events, sentences)])
    (slots, terms), idf = counted
    unseen = max(idf.values(), default=1.0)
    vectors = _vectors(slots, terms, idf, unseen)
    plain = lru_cache(maxsize=None)(partial(_plain_vector, idf=idf, unseen=unseen))  # wire copies ask again
    named = {a.id: a.title for a in articles if a.title}
    targets, idle = report_targets(events, vectors, sentences, plain, named)
    if idle:
        events, vectors, targets = _without(idle, events, vectors, targets)
    events = _dated_as_reported(events, targets)

    link = partial(_link, events, vectors, articles, targets, sentences)
    if split:
        runs = _runs(events)
        among = [sorted(i for p in half for i in runs[p]) for half in _halves(runs)]
    else:
        among = [list(range(len(events))), []]
    roots = [0] * len(events)
    apart: list[tuple[str, str]] = []
    for members, (found, close) in zip(among, both(link, among), strict=True):
        for i, root in zip(members, found, strict=True):
            roots[i] = root
        apart.extend((events[i].id, events[j].id) for i, j in close)
    grouped: dict[int, list[int]] = defaultdict(list)
    for i, root in enumerate(roots):
        grouped[root].append(i)
    grouped = {root: group for root, group in grouped.items() if _vouched(events, group)}
    # Only overrides ask which event an entry id names: no sha1 per event without them.
    kept = sorted(i for group in grouped.values() for i in group)
    by_entry = {entry_id([events[i].id]): i for i in kept} if editorial.overrides else {}
    groups = _apply_structure(list(grouped.values()), events, editorial, by_entry, problems)

    by_id = {e.id: v for e, v in zip(events, vectors, strict=True)}
    titled = {a.id for a in articles if a.title}
    titles = Titles(
        {e.sentence for e in events if e.is_report and e.article_id in titled},  # or a clause of one
        {a.id: a.lang for a in articles if a.lang != "ar"},
    )
    positions = _halves(groups) if split else (list(range(len(groups))), [])
    shares = [[groups[p] for p in half] for half in positions]
    parts: list[tuple[Entry, tuple[int, ...]]] = [None] * len(groups)  # type: ignore[list-item]
    for half, made in zip(positions, both(partial(_entries, events, by_id, titles), shares), strict=True):
        for p, part in zip(half, made, strict=True):
            parts[p] = part
    entries = [replace(entry, events=tuple(events[k] for k in order)) for entry, order in parts]
    result = _edited(entries, events, editorial, by_entry) if editorial.overrides else entries
    result = _clauses_home(result, by_id, plain)
    result = _maybe_same(result, apart)
    result.sort(key=lambda e: (e.time.first, GRAIN_ORDER[e.time.grain], e.id))
    return result, problems


def _clauses_home(
    entries: list[Entry], vectors: Mapping[str, Vector], plain: Callable[[str], Vector]
) -> list[Entry]:
    """Return the entries with each later clause of a sentence that tells two happenings of its day
    ("…، فيما أعلنت السلطات رفع حظر التجوال") cited, as that clause, by the entry of the day that tells
    its happening: when it is SAME_EVENT alike or more one of that entry's sentences (not its own sentence
    or a copy of it), and more alike than any of its own entry's. The sentence's first part stays where
    it was, quoted alone."""
    by_day: dict[TimeValue, list[int]] = defaultdict(list)
    for k, entry in enumerate(entries):
        if entry.role == "event" and entry.time.grain == "day":
            by_day[entry.time].append(k)
    dated: dict[tuple[str, int], set[tuple[int, int]]] = defaultdict(set)
    for entry in entries:
        for e in entry.events:
            if e.date_span is not None:
                dated[(e.article_id, e.sentence_start)].add(e.date_span)

    def likeness(v: Vector, entry: Entry, told: Event) -> float:
        return max(
            (
                similarity(v, vectors[x.id])
                for x in entry.events[:NEIGHBOUR_SAMPLE]
                if (x.article_id, x.sentence_start) != (told.article_id, told.sentence_start)
                and similarity(vectors[x.id], vectors[told.id]) < NEAR_DUPLICATE  # not its copy
            ),
            default=0.0,
        )

    homes: dict[tuple[str, int, int], int | None] = {}  # a wire copy's clause is judged once per entry
    moved: dict[int, list[Event]] = defaultdict(list)
    cut: dict[tuple[int, str], int] = {}
    for k, entry in enumerate(entries):
        days = by_day.get(entry.time, [])
        if len(days) < 2 or entry.role != "event":
            continue
        for e in entry.events:
            if not e.gives_date or e.time != entry.time or e.id not in vectors:
                continue
            for a, b in _clauses_after(e, dated[(e.article_id, e.sentence_start)]):
                key = (e.sentence, a, k)
                if key not in homes:
                    v = plain(e.sentence[a:b])
                    best, likest = max((likeness(v, entries[j], e), j) for j in days if j != k)
                    homes[key] = likest if best >= SAME_EVENT and best > likeness(v, entry, e) else None
                home = homes[key]
                if home is not None:
                    clause_id = hashlib.sha1(f"{e.id}:clause:{a}".encode()).hexdigest()[:12]
                    moved[home].append(replace(e, id=clause_id, quote=(a, b)))
                    cut[(k, e.id)] = min(a, cut.get((k, e.id), a))
    if not moved:
        return entries
    result = []
    for k, entry in enumerate(entries):
        kept = tuple(
            replace(e, quote=(0, len(e.sentence[: cut[(k, e.id)]].rstrip(_END_MARKS))))
            if (k, e.id) in cut
            else e
            for e in entry.events
        )
        result.append(replace(entry, events=kept + tuple(moved.get(k, ()))))
    return result


def _clauses_after(event: Event, dates: AbstractSet[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return where the clauses after an event's date's clause lie that may tell another happening of
    its day: of CLAUSE_WORDS words or more, with no date of their own, neither relative nor placing it
    before or after another happening ("بعد الهجوم على منشآت النفط": its cause, not a happening told)."""
    own = event.date_span
    if own is None:
        return []
    sentence = event.sentence
    starts = [s for s, relative in quotes.clause_starts(sentence) if not relative]
    if not starts:
        return []
    breaks = headlines.rules().quote_breaks
    found = []
    for a, b in zip(starts, [*starts[1:], len(sentence)], strict=True):
        end = len(sentence[:b].rstrip(_END_MARKS))
        if (
            a >= own[1]
            and not headlines.starts_with(sentence[a:end].split()[:3], breaks)
            and len(sentence[a:end].split()) >= CLAUSE_WORDS
            and not any(a <= x < end for x, _ in dates)
        ):
            found.append((a, end))
    return found


def _maybe_same(entries: list[Entry], apart: Sequence[tuple[str, str]]) -> list[Entry]:
    """Return the entries, each event entry of a day that holds one of a close pair (by event ids) whose
    other sentence stayed in an event entry of the day before or after naming that entry (`maybe_same`)
    and warning DATES_MAY_DISAGREE: outlets may date one happening a day apart, and an editor who finds
    them one joins them (merge_with in editorial.yaml)."""
    holder = {e.id: entry for entry in entries for e in entry.events}
    others: dict[str, set[str]] = defaultdict(set)
    for a, b in apart:
        one, other = holder.get(a), holder.get(b)
        if one is None or other is None or one.id == other.id:
            continue  # hidden, or joined by the editor
        if not all(x.role == "event" and x.time.grain == "day" for x in (one, other)):
            continue
        if abs((one.time.first - other.time.first).days) == 1:
            others[one.id].add(other.id)
            others[other.id].add(one.id)
    if not others:
        return entries
    return [
        replace(
            entry,
            maybe_same=tuple(sorted(others[entry.id])),
            warnings=tuple(sorted({*entry.warnings, DATES_MAY_DISAGREE})),
        )
        if entry.id in others
        else entry
        for entry in entries
    ]
