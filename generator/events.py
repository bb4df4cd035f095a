"""Turn articles and their date mentions into events: one per dated sentence, plus each article's report."""

from __future__ import annotations

import hashlib
import re
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import replace
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

from generator import arabic, headlines, yamldata
from generator.models import Article, Event, Mention, Problem, Role, TimeValue
from generator.temporal import anchor, lexicon, normalize, tense

_SALIENCE_FILE = Path(__file__).parent / "data" / "salience.yaml"
_ABSOLUTE_KINDS = frozenset({"absolute", "hijri"})
_UNTIL_KINDS = _ABSOLUTE_KINDS | {"weekday"}
"""Kinds of date that, right after an until-word, end a period (until_words)."""

_ENDERS = frozenset(".؟!?")
"""Marks that end a sentence. The Arabic semicolon is not one: it joins the clauses of one sentence
("تبادلا الاتهامات أمس؛ إذ حمّلت …"), whose date the second clause shares."""
_OPENERS = {"«": "»", "“": "”"}
_CLOSERS = {"»": "«", "”": "“"}
_TRAILERS = frozenset("\"'»”)]’")
_LINE_ENDS = "\n\r\u2029\u2028"
_MARKS = frozenset(_LINE_ENDS) | _ENDERS | set(_OPENERS) | set(_CLOSERS) | {'"'}
_NEXT_MARK = re.compile("[" + re.escape("".join(sorted(_MARKS))) + "]")
"""The only characters the sentence splitter acts on."""
_WORDS = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.؟!?\n]")
_CLAUSE_BREAK = re.compile(r"[،,؛;:]|(?<!\w)(?:حيث|إذ|فيما|بينما)(?!\w)")
"""Where a clause of its own starts: a date after one is not in the phrase a placing word opened."""
_UNDATED_KINDS = frozenset({"duration", "present"})
_MIN_LEAD_WORDS = 5
"""A report stands on the first sentence this long, so a dateline ("واشنطن / وكالات") is skipped."""
MAX_SENTENCE = 2000
"""Text running longer without a stop (a dump, a list, a 5 MB paragraph) is cut into pieces this long at
most, at a clause mark or else a space, so no event carries (and no page repeats) megabytes of text."""
_CLAUSE_MARKS = "،,;:"
DATE_LINE_WORDS = 12
"""The most words, figures not counted, a sentence that is only a date holds ("الاثنين ١ صفر ١٤٤٤هـ
الموافق ٢٩ أغسطس ٢٠٢٢م")."""
ENTERING_WORDS = 12
"""Words from a sentence's start within which something entering a period is told ("يدخل … أسبوعه")."""
ENTERING_AT = 4
"""Words from a sentence's start within which its entering verb stands ("واليوم الأحد، يدخل…")."""
AFTER_TIME_WORDS = 3
"""Words after بعد within which a time between two happenings is told ("بعد أقل من ساعات من…")."""
ROUNDUP_LABELS = 3
"""Paragraphs opening with a date label ("الثلاثاء 28 حزيران: …") that make an article a roundup."""
_TITLE_PARTS = re.compile(r"\s*(?::|\||\.\.+|\s[-–—]\s)\s*")
CARRIED_SENTENCES = 6
"""How many undated sentences after a dated one carry its account on (_told_on): further on, an
article has usually moved to comment, background or another happening. (A wire of a busy day tells its
riots, a mayor's words and the police's in the five or six sentences after its lead: 4 lost them.)"""


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _ends_at(text: str, i: int) -> bool:
    """Return True when the punctuation at i ends a sentence (not a decimal, initial, ellipsis or URL dot)."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if ch != ".":
        return True
    if prev == "." or nxt == "." or prev == "…":
        return False  # "..", "(..)", "..."
    if nxt and not nxt.isspace() and nxt not in _TRAILERS:
        return False  # 12.8, www.example.com, أ.ف.ب
    # An initial: one letter standing alone before the dot ("م." "د." "J."), unless a figure stands
    # before it: then it marks an era or a unit ("٢٠١٧م." "عام 2017 م.") and the sentence ends.
    before = text[max(0, i - 3) : i]
    if len(before) < 2 or not _is_letter(before[-1]) or _is_letter(before[-2]):
        return True
    return before[-2].isdigit() or (len(before) == 3 and before[-2] == " " and before[0].isdigit())


def segment_sentences(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) spans of the sentences of a text, trimmed of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    depth: dict[str, int] = {"«": 0, "“": 0}
    straight_open = False

    def close(end: int) -> None:
        nonlocal start
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.extend(_cut_long(text, s, e))
        start = end

    i = 0
    n = len(text)
    while i < n:
        if text[i] not in _MARKS:  # nothing to do until the next mark: jump there
            found = _NEXT_MARK.search(text, i)
            if found is None:
                break
            i = found.start()
        ch = text[i]
        if ch in _LINE_ENDS:
            close(i)
            depth = {"«": 0, "“": 0}
            straight_open = False
        elif ch in _OPENERS:
            depth[ch] += 1
        elif ch in _CLOSERS:
            opener = _CLOSERS[ch]
            depth[opener] = max(0, depth[opener] - 1)
        elif ch == '"':
            straight_open = not straight_open
        elif ch in _ENDERS and _ends_at(text, i):
            j = i + 1
            while j < n and text[j] in _ENDERS:
                j += 1
            quoted = straight_open or any(depth.values())
            if quoted:
                # Inside a quote, a sentence ends only where the quote closes right after the mark.
                inner, opened = dict(depth), straight_open
                while j < n and text[j] in _TRAILERS and (opened or any(inner.values())):
                    if text[j] == '"':
                        opened = False
                    elif text[j] in _CLOSERS:
                        inner[_CLOSERS[text[j]]] = max(0, inner[_CLOSERS[text[j]]] - 1)
                    j += 1
                if opened or any(inner.values()) or (j < n and not text[j].isspace()):
                    i += 1
                    continue
                depth, straight_open = inner, opened
            while j < n and text[j] in _TRAILERS:
                j += 1
            close(j)
            i = j
            continue
        i += 1
    close(n)
    return spans


def _cut_long(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Return the span s..e cut into trimmed pieces of at most MAX_SENTENCE characters.

    Each cut falls after the last clause mark in the second half of the allowance, else at the last
    space there, else at the limit.
    """
    pieces: list[tuple[int, int]] = []
    while e - s > MAX_SENTENCE:
        low, high = s + MAX_SENTENCE // 2, s + MAX_SENTENCE
        cut = max(text.rfind(mark, low, high - 1) for mark in _CLAUSE_MARKS) + 1
        if cut <= 0:
            cut = text.rfind(" ", low, high)
        if cut <= 0:
            cut = high
        end = cut
        while end > s and text[end - 1].isspace():
            end -= 1
        pieces.append((s, end))
        s = cut
        while s < e and text[s].isspace():
            s += 1
    if e > s:
        pieces.append((s, e))
    return pieces


def event_id(
    article_id: str, sentence: tuple[int, int], mention: tuple[int, int] | None, carried: bool = False
) -> str:
    """Return the stable id of an event: sha1 of article id, sentence span and mention span (or what
    dates it instead), 12 hex digits."""
    tail = f"{mention[0]}-{mention[1]}" if mention else "carried" if carried else "report"
    key = f"{article_id}:{sentence[0]}-{sentence[1]}:{tail}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def day_value(day: date) -> TimeValue:
    """Return the day-grain TimeValue of a date."""
    return TimeValue(value=day.isoformat(), grain="day", first=day, last=day)


def _report_sentence(article: Article, spans: list[tuple[int, int]]) -> tuple[int, int, str] | None:
    """Return the span and text standing for the whole article: its title, else its first sentence."""
    title = (article.title or "").strip()
    if title:
        at = article.text.find(title)
        if at >= 0:
            return at, at + len(title), title
        return (*spans[0], title) if spans else (0, 0, title)  # not in the text: front matter, a page's <h1>
    for s, e in spans:
        if len(article.text[s:e].split()) >= _MIN_LEAD_WORDS:
            return s, e, article.text[s:e]
    if spans:
        s, e = spans[0]
        return s, e, article.text[s:e]
    return None


Sentences = Mapping[str, Sequence[tuple[int, int]]]
"""Each article's sentence spans (segment_sentences) by article id."""


def sentence_spans(articles: Sequence[Article]) -> dict[str, list[tuple[int, int]]]:
    """Return every article's sentences, split once for the stages that read them (events, merge)."""
    return {article.id: segment_sentences(article.text) for article in articles}


def packed_spans(text: str) -> bytes:
    """Return the text's sentence spans as flat 64-bit integers: kept so, a build's load in milliseconds."""
    return array("q", chain.from_iterable(segment_sentences(text))).tobytes()


def unpacked_spans(packed: bytes) -> list[tuple[int, int]]:
    """Return the sentence spans packed_spans packed."""
    numbers = array("q")
    numbers.frombytes(packed)
    pairs = iter(numbers)
    return list(zip(pairs, pairs, strict=True))


@cache
def _salience() -> dict[str, Any]:
    data = yamldata.parse(_SALIENCE_FILE.read_text(encoding="utf-8"))
    return {
        "background": timedelta(days=int(data["background_days"])),
        "grains": frozenset(data["context_grains"]),
        "since": frozenset(arabic.fold_word(w) for w in data["since_words"]),
        "since_reach": int(data["since_reach"]),
        "commentary_verbs": frozenset(arabic.fold_word(w) for w in data["commentary_verbs"]),
        "commentators": frozenset(arabic.fold_word(w) for w in data["commentators"]),
        "since_written": tuple(data["since_words"]),
        "credit_marks": tuple(data["credit_marks"]),
        "caption_words": int(data["caption_words"]),
        "boilerplate": tuple(
            tuple(arabic.fold(w) for w in _WORDS.findall(o)) for o in data["boilerplate_openers"]
        ),
        "recurring_marks": tuple(data["recurring_marks"]),
        "recurring_marks_folded": frozenset(arabic.fold(w) for w in data["recurring_marks"]),
        "habit": frozenset(arabic.fold(w) for w in data["habit_words"]),
        "habit_written": tuple(w.rstrip("ًٌٍ") for w in data["habit_words"]),
        "habit_reach": int(data["habit_reach"]),
        "entering": frozenset(arabic.fold(w) for w in data["entering_verbs"]),
        "entered_periods": frozenset(arabic.fold(w) for w in data["entered_periods"]),
        "recurring": tuple(tuple(arabic.fold(w) for w in _WORDS.findall(p)) for p in data["recurring_after"]),
        "parts_of_day": (
            ("morning", tuple(arabic.fold(w) for w in data["morning_marks"])),
            ("evening", tuple(arabic.fold(w) for w in data["evening_marks"])),
        ),
        "introducers": frozenset(arabic.fold(w) for w in data["date_introducers"]),
        "relative": frozenset(arabic.fold(w) for w in data["relative_pronouns"]),
        "relative_reach": int(data["relative_reach"]),
        "day_news": frozenset(arabic.fold(w) for w in data["day_news_verbs"]),
        "day_news_reach": int(data["day_news_reach"]),
        "attribution": frozenset(arabic.fold(w) for w in data["attribution_words"]),
        "obituary": frozenset(arabic.fold(w) for w in data["obituary_verbs"]),
        "until": frozenset(arabic.fold(w) for w in data["until_words"]),
        "until_openers": tuple(tuple(arabic.fold(w) for w in o.split()) for o in data["until_openers"]),
        "until_reach": int(data["until_reach"]),
        "until_written": tuple(o.split()[-1] for o in data["until_openers"]),
        "before_start": frozenset(data["grains_before_start"]),
        "begun_before": frozenset(data["grains_begun_before"]),
        "recalled": timedelta(days=int(data["recalled_days"])),
        "shifts": tuple(tuple(arabic.words(w)) for w in data["topic_shifts"]),
        "place_words": int(data["place_frame_words"]),
        "current": frozenset(data["current_grains"]),
        "placing_verbs": frozenset(arabic.fold(w) for w in data["placing_verbs"]),
        "coinciding_verbs": frozenset(arabic.fold(w) for w in data["coinciding_verbs"]),
        "coinciding_words": frozenset(arabic.fold(w) for w in data["coinciding_words"]),
        "anniversaries": frozenset(arabic.fold(w) for w in data["anniversary_words"]),
        "calendar_arrivals": frozenset(arabic.fold(w) for w in data["calendar_arrivals"]),
        "coinciding_written": tuple(data["coinciding_words"]),
        "circumstance_verbs": frozenset(arabic.fold(w) for w in data["placing_verbs"]),
        "circumstance_words": frozenset(arabic.fold(w) for w in data["circumstance_words"]),
        "circumstance_written": tuple(data["circumstance_words"]),
        "circumstance_links": frozenset(arabic.fold(w) for w in data["circumstance_links"]),
        "placing_words": frozenset(arabic.fold(w) for w in data["placing_words"]),
        "standing_until": frozenset(arabic.fold(w) for w in data["standing_until"]),
        "placing_written": tuple(data["placing_words"]),
        "placing_reach": int(data["placing_reach"]),
        "placing_object_reach": int(data["placing_object_reach"]),
        "topic_frames": frozenset(arabic.fold(w) for w in data["topic_frames"]),
        "verb_particles": frozenset(arabic.fold(w) for w in data["verb_particles"]),
        "after_words": frozenset(arabic.fold(w) for w in data["after_words"]),
        "after_written": tuple(data["after_words"]),
        "after_links": frozenset(arabic.fold(w) for w in data["after_links"]),
        "pointing": tuple(
            (tuple(arabic.fold(w) for w in _WORDS.findall(phrase)), int(days))
            for days, phrases in data["pointing_back"].items()
            for phrase in phrases
        ),
        "pointing_marks": tuple(data["pointing_back_marks"]),
        "look_back": tuple(tuple(arabic.words(t)) for t in data["look_back_titles"]),
        "look_back_genres": frozenset(tuple(arabic.words(t)) for t in data["look_back_genres"]),
        "interviewers": frozenset(w for t in data["interview_bylines"] for w in arabic.words(t)),
        "interview_labels": frozenset(data["interview_labels"]),
        "date_line_words": tuple(data["date_line_words"]),
        "comparatives": frozenset(tuple(arabic.fold(w) for w in c.split()) for c in data["comparatives"]),
        "negations": frozenset(arabic.fold(w) for w in data["negations"]),
        "negations_written": tuple(data["negations"]),
        "plan_openers": tuple(tuple(headlines.core_word(w) for w in p.split()) for p in data["plan_openers"]),
        "update_labels": frozenset(arabic.fold(w) for w in data["update_labels"]),
        "nothing": frozenset(arabic.fold(w) for w in data["nothing_words"]),
        "question_marks": tuple(data["question_marks"]),
        "recalling": tuple(data["recalling_phrases"]),
        "next_day_marks": tuple(arabic.fold(w) for w in data["next_day_marks"]),
        "night_marks": tuple(arabic.fold(w) for w in data["night_marks"]),
        "dawn_marks": tuple(arabic.fold(w) for w in data["dawn_marks"]),
        "look_back_counted": frozenset(arabic.fold(w) for w in data["look_back_counted"]),
        "look_back_days": int(data["look_back_days"]),
        "roundup": tuple(tuple(arabic.words(t)) for t in data["roundup_titles"]),
        "ongoing_openers": frozenset(arabic.fold(w) for w in data["ongoing_openers"]),
        "past_plans": tuple(tuple(arabic.fold(w) for w in _WORDS.findall(p)) for p in data["past_plans"]),
        "plan_subject_words": int(data["plan_subject_words"]),
        "plan_firsts": frozenset(arabic.fold(_WORDS.findall(p)[0]) for p in data["past_plans"]),
        "awaited": frozenset(arabic.fold(w) for w in data["awaited_words"]),
        "awaited_reach": int(data["awaited_reach"]),
        "awaited_opening": int(data["awaited_opening"]),
        "awaited_opening_reach": int(data["awaited_opening_reach"]),
        "ongoing": tuple(tuple(arabic.fold(w) for w in _WORDS.findall(p)) for p in data["ongoing_verbs"]),
        "ongoing_not_before": frozenset(arabic.fold(w) for w in data["ongoing_not_before"]),
    }


def opens_new_matter(sentence: str) -> bool:
    """Return True when a sentence opens by turning to another matter ("من جهة أخرى"، "وفي اليابان،")."""
    rules = _salience()
    head = arabic.words(sentence[:80])
    bare = [head[0][1:], *head[1:]] if head and head[0][:1] in "وف" and len(head[0]) > 2 else head
    for shift in rules["shifts"]:
        if tuple(head[: len(shift)]) == shift or tuple(bare[: len(shift)]) == shift:
            return True
    frame = sentence.split("،", 1)[0].split(",", 1)[0]
    words = frame.split()
    return (
        "،" in sentence[:60]
        and 1 < len(words) <= rules["place_words"] + 1
        and arabic.fold(words[0]) in ("في", "وفي", "فيما", "وفيما")
    )


def told_at_night(event: Event, marks: str = "night_marks") -> bool:
    """Return True when an event's date is told with the night ("ليل الخميس"، "منتصف ليل الاثنين"، "في
    ساعة متأخرة من مساء أمس"): outlets that count its hours past midnight date it a day later. With
    `marks="dawn_marks"`, told with the small hours ("فجر الجمعة"): others may date it a day earlier."""
    m = event.mention
    return m is not None and any(mark in arabic.fold(m.text) for mark in _salience()[marks])


def part_of_day(event: Event) -> str | None:
    """Return "morning" or "evening" when the event's date is told with that part of the day ("صباح
    أمس"، "مساء الاثنين"، "ليل الخميس"), else None (salience.yaml morning_marks, evening_marks)."""
    m = event.mention
    if m is None:
        return None
    folded = arabic.fold(m.text)
    parts = [part for part, marks in _salience()["parts_of_day"] if any(mark in folded for mark in marks)]
    return parts[0] if len(parts) == 1 else None


def orders_next_day(sentence: str) -> bool:
    """Return True when a sentence places its happening the day after another ("غداة محادثاته في
    الرياض"، "في اليوم التالي لاندلاع الاحتجاجات"): it tells two days apart."""
    folded = arabic.fold(sentence)
    return any(mark in folded for mark in _salience()["next_day_marks"])


INTERVIEW_REACH = 400
"""Characters from an article's start within which its byline says who interviewed ("حاورته: …")."""


def looks_back(article: Article) -> bool:
    """Return True for an article whose title counts the time since something ("أسبوع على …"، "خمسة
    أيام بعد «الغيمة الصفراء»"), in any of its parts, or names it an interview or a view in its first
    ("حوار | …"), or says who spoke to the article's own outlet ("باحث عراقي لـ«الدلتا اليوم»: …"), or whose
    byline names who interviewed ("حاورته: …"، a line "حوار: …", within INTERVIEW_REACH characters): a
    look back, with no news of its own day."""
    rules = _salience()
    parts = _TITLE_PARTS.split(article.title or "")
    return (
        (len(parts) > 1 and tuple(arabic.words(parts[0])) in rules["look_back_genres"])
        or _title_opens_with(article, rules["look_back"])
        or any(_counts_time_since(part, rules) for part in parts)
        or _told_to_own_outlet(article, parts[0])
        or bool(rules["interviewers"].intersection(arabic.words(article.text[:INTERVIEW_REACH])))
        or any(
            line.split(":", 1)[0].strip() in rules["interview_labels"]
            for line in article.text[:INTERVIEW_REACH].splitlines()
            if ":" in line
        )
    )


_TOLD_TO = re.compile(r"\sلـ?\s?«([^»]{2,40})»\s*$")


def _told_to_own_outlet(article: Article, head: str) -> bool:
    """Return True for a title whose head says who spoke to the article's own outlet ("باحث عراقي
    لـ«الدلتا اليوم»: انسحاب الصدر…"): an interview, a view, no news of its own day."""
    told = _TOLD_TO.search(head)
    own = article.outlet.ar if article.outlet is not None else ""
    named = {headlines.core_word(w) for w in own.split()}
    return (
        told is not None
        and bool(named)
        and all(headlines.core_word(w) in named for w in told.group(1).split())
    )


def _counts_time_since(part: str, rules: dict[str, Any]) -> bool:
    """Return True when a title part opens with a count of time and a since-word ("خمسة أيام بعد"،
    "6 أشهر على"): at least look_back_days days, or any count of weeks, months or years."""
    words = part.split()[:3]
    count = None
    if words and (words[0].isdigit() or lexicon.key(words[0]) in lexicon.cardinals()):
        count = int(words[0]) if words[0].isdigit() else lexicon.cardinals()[lexicon.key(words[0])]
        words = words[1:]
    if len(words) < 2 or arabic.fold(words[1]) not in rules["look_back_counted"]:
        return False
    unit, implied = lexicon.units().get(lexicon.key(words[0]), (None, None))
    if unit is None:
        return False
    days = (count or implied or 0) if unit == "day" else rules["look_back_days"]
    return days >= rules["look_back_days"]


def is_roundup(article: Article, mentions: Sequence[Mention] = ()) -> bool:
    """Return True for an article whose title heads a roundup in any of its parts ("يوميات …"، "أبرز
    محطات …"، "خمسة أيام بعد الحادثة: يوميات…"), or whose paragraphs open with ROUNDUP_LABELS dates or
    more ("الثلاثاء 28 حزيران: …"): it names the story, not a happening of its own day."""
    if _title_opens_with(article, _salience()["roundup"]):
        return True
    text = article.text
    labelled = {text.rfind("\n", 0, m.start) for m in mentions if m.time is not None and _label_end(text, m)}
    return len(labelled) >= ROUNDUP_LABELS


def _title_opens_with(article: Article, heads: Sequence[tuple[str, ...]]) -> bool:
    """Return True when the title, or a part of it after a colon, a bar, a dash or two dots, opens
    with one of `heads` (word tuples)."""
    for part in _TITLE_PARTS.split(article.title or ""):
        words = tuple(arabic.words(part[:60]))
        if any(words[: len(head)] == head for head in heads):
            return True
    return False


def story_start(articles: Sequence[Article]) -> date | None:
    """Return the first publication date among the articles: where the story's own time begins."""
    return min((a.published for a in articles if a.published is not None), default=None)


def _until_opens_clause(text: str, sentence_start: int, at: int) -> bool:
    """Return True when an until-phrase of a few words alone opens the clause before offset `at`
    ("وحتى مساء أمس، لم…"، "وإلى حدود زوال اليوم، …"): a period up to the date, fronted."""
    window = text[max(sentence_start, at - 40) : at]
    rules = _salience()
    if not any(word in window for word in rules["until_written"]):
        return False  # most dates: a quick test before folding
    clause = [arabic.fold_word(w) for w in _CLAUSE_BREAK.split(window)[-1].split()]
    if not clause or len(clause) > rules["until_reach"]:
        return False
    if clause[0][:1] in "وف" and len(clause[0]) > 3:
        clause[0] = clause[0][1:]
    return any(tuple(clause[: len(opener)]) == opener for opener in rules["until_openers"])


def _word_before(text: str, sentence_start: int, at: int) -> str:
    """Return the folded word of the sentence that ends right before offset `at` (skipping spaces), or ''."""
    head = text[max(sentence_start, at - 40) : at].split()
    return arabic.fold_word(head[-1]) if head else ""


def mention_role(
    text: str,
    mention: Mention,
    dct: date | None,
    start: date | None,
    sentence_start: int = 0,
    looking_back: bool = False,
) -> Role:
    """Return whether a dated mention is a happening of the story or background (context).

    Context: a grain too coarse for a chronology (a year, a season); a date ending well before the
    story's first publication, a month ending before it, a week or month begun well before it, or a day
    some days before it that a sentence in the pluperfect recalls; a date after the article's own (what is
    planned has not happened), or its own day still awaited ("المنتظر اليوم"); a month or week that
    holds the article's own day (the present); a date that starts or ends a period ("منذ مارس 2011"،
    "منذ مساء الأحد"، "حتى 19 فبراير"); a date that places the sentence's news after something older
    ("ويأتي القرار بعد … في 22 سبتمبر"); the day a plan of the past was meant for ("وكان يفترض صدور
    الحكم في السابع من آب"); a clause that says nothing happened ("ولم يصدر حتى مساء اليوم أي رد"); a
    question ("كيف تقرئين ما حدث الخميس الماضي؟").
    `sentence_start` is where the mention's sentence starts in `text`; `looking_back`, whether its article
    looks back (looks_back: what a sentence of it recalls is what it is about).
    """
    time = mention.time
    assert time is not None
    rules = _salience()
    if time.grain in rules["grains"]:
        return "context"
    if start is not None and time.last < start - rules["background"]:
        return "context"
    if start is not None and time.grain in rules["before_start"] and time.last < start:
        return "context"
    if start is not None and time.grain in rules["begun_before"] and time.first < start - rules["background"]:
        return "context"
    if (
        start is not None
        and not looking_back
        and time.first < start - rules["recalled"]
        and headlines.opens_in_pluperfect(text[sentence_start : mention.start])
    ):
        return "context"  # "وكانت الحكومة قد أقرت مشروع القانون في 21 أيار" in coverage from 30 May
    if dct is not None and time.first > dct:
        return "context"
    if dct is not None and time.grain in rules["current"] and time.first <= dct <= time.last:
        return "context"
    if dct is not None and time.first == dct and _awaited(text, sentence_start, mention.start):
        return "context"
    before = _word_before(text, sentence_start, mention.start)
    if before in rules["until"] and (
        mention.kind in _UNTIL_KINDS or (dct is not None and time.first == dct)
    ):  # "حتى 19 فبراير"، "مزدحم إلى غاية مساء الأربعاء"; "لم يتعاف منها اقتصاده حتى اليوم": to this day
        return "context"
    if _until_opens_clause(text, sentence_start, mention.start):
        return "context"
    if (
        tuple(arabic.fold_word(w) for w in text[sentence_start : mention.start].split()[-2:])
        in rules["comparatives"]
    ):
        return "context"  # "أبعد من الأسبوع الماضي": what the clause reaches beyond
    if before in rules["since"] and (mention.kind in _ABSOLUTE_KINDS or not _counted(mention.text)):
        return "context"
    if _since_then(text, sentence_start, mention.start):
        return "context"
    if (
        dct is not None
        and time.first < dct - timedelta(days=1)  # a month that ends yesterday is still the past
        and (
            _placed_after(text, sentence_start, mention.start)
            or _placed_after(text, sentence_start, mention.start, "circumstance")
            or _placed_aside(text, sentence_start, mention.start)
        )
    ):
        return "context"
    if _placed_after(text, sentence_start, mention.start, "coinciding") and (
        mention.kind == "hijri" or _names_anniversary(text, sentence_start, mention.end)
    ):
        return "context"  # "ويتزامن التصعيد مع أول أيام شهر رمضان": the calendar's day the news falls on
    if _listed(_first_word(text, sentence_start), rules["calendar_arrivals"]):
        return "context"  # "ويحل اليوم أول أيام شهر رمضان": the calendar's own news
    if _planned_then(text, sentence_start, mention.start):
        return "context"
    if _recurring(text, sentence_start, mention.start, mention.end):
        return "context"
    if _commentary(text, sentence_start) or _commented(text, sentence_start, mention.start):
        return "context"
    if _nothing_happened(text, sentence_start, mention.start, mention.end):
        return "context"
    if _asked(text, mention.end):
        return "context"
    if _recalling(text, sentence_start, mention.end):
        return "context"  # "وتعيد أحداث اليوم إلى الأذهان تفجيرات…": a comparison with the past
    return "event"


def _recalling(text: str, sentence_start: int, end: int) -> bool:
    """Return True when the date's sentence opens by saying what something brings back to mind
    (recalling_phrases, in its first clause): not a later clause's («…، ليعيد إلى الأذهان إنجاز 1986»)."""
    stop = _SENTENCE_END.search(text, end)
    first = _CLAUSE_BREAK.split(text[sentence_start : stop.start() if stop else len(text)], maxsplit=1)[0]
    return any(phrase in first for phrase in _salience()["recalling"])


def _asked(text: str, end: int) -> bool:
    """Return True when the date's sentence ends in a question mark ("كيف تقرئين ما حدث الخميس الماضي؟"):
    an interviewer's or a writer's question asks about a happening, it tells none. A question someone is
    quoted asking («…من يحاسب القتلة؟») ends a quote, not the sentence."""
    found = _SENTENCE_END.search(text, end)
    return (
        found is not None
        and found.group() in _salience()["question_marks"]
        and text[found.end() : found.end() + 1] not in ("»", "”", '"')
    )


def _first_word(text: str, sentence_start: int) -> str:
    """Return the folded first word of the sentence that starts at `sentence_start`."""
    first = _WORDS.search(text, sentence_start, sentence_start + 40)
    return arabic.fold_word(first.group()) if first is not None else ""


def _names_anniversary(text: str, sentence_start: int, end: int) -> bool:
    """Return True when the sentence, up to a little past the date, names an anniversary ("…مع إحياء
    الأردنيين اليوم الذكرى الثالثة والخمسين لمعركة الكرامة"): a day the calendar brings round."""
    words = {arabic.fold_word(w) for w in _WORDS.findall(text[sentence_start : end + 40])}
    return any(_listed(w, _salience()["anniversaries"]) for w in words)


def _nothing_happened(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Return True when the date's clause says that nothing happened ("ولم يصدر عن الرباط إلى غاية
    مساء اليوم أي تعليق"): a negation before the date, in its clause, and a word of "any" after it."""
    window = text[max(sentence_start, start - 100) : start]
    rules = _salience()
    if not any(word in window for word in rules["negations_written"]):
        return False  # most dates: a quick test before folding
    before = _CLAUSE_BREAK.split(window)[-1]
    after = _CLAUSE_BREAK.split(_SENTENCE_END.split(text[end : end + 100], 1)[0], 1)[0]
    words = [headlines.core_word(w) for w in before.split()]
    negated = next((k for k, w in enumerate(words) if _listed(w, rules["negations"])), None)
    if negated is None:
        return False
    words += [headlines.core_word(w) for w in after.split()]
    return any(w in rules["nothing"] for w in words[negated + 1 :])


def _listed(word: str, listed: frozenset[str]) -> bool:
    """Return True for a folded word in `listed`, alone or with a glued و or ف ("ويترقب")."""
    return word in listed or (word[:1] in "وف" and word[1:] in listed)


def _awaited(text: str, sentence_start: int, at: int) -> bool:
    """Return True when an awaiting word ("المنتظر"، "من المقرر"، "ويترقب") or a verb in the future
    ("سيلقي") lies among the few words before offset `at`, in the date's own clause, or an awaiting word
    opens a sentence whose first words hold the date
    ("ومن المقرر أن يفتتح ولي العهد، نائب رئيس مجلس الوزراء، اليوم…"): a happening the article's day
    still waits for."""
    rules = _salience()
    window = text[max(sentence_start, at - 120) : at]
    clause = _CLAUSE_BREAK.split(window)[-1]
    before = clause.split()[-rules["awaited_reach"] :]
    words = [headlines.core_word(w) for w in before]
    if any(_listed(w, rules["awaited"]) for w in words):
        return True
    folded = normalize.fold(window)
    if tense.is_future(folded, len(folded.text)):
        return True  # "بأن البرهان سيلقي بياناً في وقت لاحق اليوم": a future verb before the day
    opening = text[sentence_start:at].split()
    if len(opening) > rules["awaited_opening_reach"]:
        return False
    return any(_listed(headlines.core_word(w), rules["awaited"]) for w in opening[: rules["awaited_opening"]])


def _in_relative_clause(text: str, sentence_start: int, after: int, at: int) -> bool:
    """Return True when a relative pronoun (الذي، التي، اللذين…) or a word naming a source (وفق، بحسب…)
    stands among the few words before offset `at`, after offset `after` and in the date's clause: the
    date qualifies a noun. Not after a verb that tells of a death ("نعى الديوان السلطان، الذي وافته
    المنية أمس"): that clause is the news."""
    rules = _salience()
    clause = _CLAUSE_BREAK.split(text[after:at])[-1]
    words = [arabic.fold_word(w) for w in clause.split()[-rules["relative_reach"] :]]
    if not any(_listed(w, rules["relative"]) or w in rules["attribution"] for w in words):
        return False
    return not any(
        _listed(headlines.core_word(w), rules["obituary"]) for w in text[sentence_start:at].split()
    )


def _placed_by_word(text: str, after: int, at: int) -> bool:
    """Return True when a placing word (بعد، قبل، عقب…) stands among the few words right before offset
    `at`, after offset `after` and in the date's clause: the date is what the sentence's happening, dated
    before it, came after or before ("بعد عطلة عيد الفطر"، "قبل رمضان")."""
    rules = _salience()
    words = _CLAUSE_BREAK.split(text[after:at])[-1].split()
    last = range(max(0, len(words) - rules["placing_object_reach"]), len(words))
    return any(_is_placing(words[k], rules) and not headlines.in_adverb(words, k) for k in last)


def _names_the_day_of(text: str, sentence_start: int, mention: Mention) -> bool:
    """Return True when a day-and-month date stands right after a noun, no word introducing it (a
    preposition, a time word, a weekday: date_introducers), nor a mark between: it names the day of
    what that noun names ("استفتاء 25 يوليو"، "لنتائج انتخابات 12 ديسمبر"), not of the clause."""
    if mention.kind not in _ABSOLUTE_KINDS or mention.time is None or mention.time.grain != "day":
        return False
    rules = _salience()
    own = _WORDS.findall(mention.text)[:1]
    before = text[max(sentence_start, mention.start - 40) : mention.start]
    if not own or not before.endswith(" ") or not before.strip():
        return False
    word = before.split()[-1]
    if not _WORDS.fullmatch(word) or any(ch.isdigit() for ch in word):
        return False
    introducers = rules["introducers"]
    folded = [arabic.fold_word(word), arabic.fold_word(own[0])]
    return not any(w in introducers or w[1:] in introducers for w in folded)


def _day_news(text: str, sentence_start: int, mention: Mention) -> bool:
    """Return True when a sentence opens with a verb that tells news (day_news_verbs) and the date
    follows it within a few words: "وأعلنت الحكومة اليابانية اليوم ارتفاع عدد…", news of the day."""
    rules = _salience()
    body = sentence_start + headlines.dateline_end(text[sentence_start : mention.start])
    words = text[body : mention.start].split()
    opens = bool(words) and _listed(headlines.core_word(words[0]), rules["day_news"])
    return opens and len(words) <= rules["day_news_reach"]


def dated_in_relative_clause(event: Event) -> bool:
    """Return True when an event's date lies in a relative clause of its sentence (_in_relative_clause:
    "دانت الإمارات التفجير الذي استهدف أمس الكنيسة"): it dates what a noun names, not the main clause."""
    m = event.mention
    return m is not None and _in_relative_clause(event.sentence, 0, 0, m.start - event.sentence_start)


def _commentary(text: str, sentence_start: int) -> bool:
    """Return True for a sentence that opens with an unnamed commentator's view ("وقال باحث في العلاقات
    الدولية إن «…اليوم»"، "ويرى محللون أن…"): commentary, whose dates are no happening."""
    rules = _salience()
    head = [arabic.fold_word(w) for w in _WORDS.findall(text[sentence_start : sentence_start + 60])[:3]]
    if not head or not _listed(head[0], rules["commentary_verbs"]):
        return False
    return any(_is_commentator(w, rules) for w in head[1:])


def _is_commentator(word: str, rules: dict[str, Any]) -> bool:
    """Return True for a folded word that names an unnamed commentator ("محللون"، "وباحثون"، "كالمراقبين")."""
    return _listed(word, rules["commentators"]) or word[2:] in rules["commentators"]


def _commented(text: str, sentence_start: int, at: int) -> bool:
    """Return True when the date's clause reports an unnamed commentator's view before it ("…، وهي ذاكرة
    يقول باحثون إنها تغذي اليوم انعدام الثقة"): a verb of commentary, then a commentator, then the date."""
    rules = _salience()
    clause = _CLAUSE_BREAK.split(text[max(sentence_start, at - 120) : at])[-1]
    words = [arabic.fold_word(w) for w in _WORDS.findall(clause)]
    return any(
        _listed(w, rules["commentary_verbs"]) and any(_is_commentator(c, rules) for c in words[k + 1 : k + 3])
        for k, w in enumerate(words)
    )


FRAME_REACH = 80
"""A frame that opens a sentence ("وفي دبي،") closes with its comma within this many characters."""
COUNTED_DAYS_AT = 5
"""A count of days ("لليوم الثالث") among a sentence's first words, after its subject and predicate ("الإنترنت
مقطوع لليوم الثالث"), says it goes on as one that opens with it does."""


@lru_cache(maxsize=1 << 12)
def standing_end(sentence: str, after: int = 0) -> int:
    """Return where the clause of a standing state ends in a sentence whose main verb says that something
    goes on ("واصلت القاطرات، اليوم الأربعاء، محاولات تعويم السفينة التي جنحت أمس") or that opens by
    counting its days ("لليوم الثالث على التوالي…"، "الإضراب في يومه الثاني…"), read from `after` (past a
    paragraph's date label):
    at its first relative pronoun, since-word, until-word ("حتى 19 أبريل": when it ends) or placing word, or
    a conjunction after a comma ("، وقتل…"),
    which opens a happening of its own. 0 for any other sentence. Dates before it name no happening."""
    rules = _salience()
    body = max(headlines.dateline_end(sentence), after)
    written = sentence[body:].split()
    framed = written
    if "،" in sentence[body : body + FRAME_REACH] or "," in sentence[body : body + FRAME_REACH]:
        bare = (
            [written[0][1:], *written[1:]]
            if written and headlines.is_connective_letter(written[0])
            else written
        )
        frame = headlines.frame_words(bare)
        framed = bare[frame:] if frame else written  # "وفي دبي، واصل معرض…"
    words = [headlines.core_word(w) for w in framed[:6]]
    readings = [words, [words[0][1:], *words[1:]]] if words and words[0][:1] in "وف" else [words]
    counted = any(head[:1] and head[0] in rules["ongoing_openers"] for head in readings) or any(
        w in rules["ongoing_openers"] for w in words[1:COUNTED_DAYS_AT]
    )  # "الإنترنت مقطوع لليوم الثالث"
    if not counted and not _in_its_period(words, rules) and not _enters(" ".join(framed), rules):
        verb = headlines.starts_with(framed[:6], rules["ongoing"]) or _predicate_goes_on(framed, rules)
        if not verb:
            return 0
        if any(w in rules["ongoing_not_before"] for w in words[verb:]):
            return 0  # "تواصل الوزير مع نظيره": was in touch with
    opening = rules["relative"] | rules["since"] | rules["placing_words"] | rules["standing_until"]
    after_mark = False
    for word in _WORDS.finditer(sentence, body):
        if _listed(headlines.core_word(word.group()), opening):
            return word.start()
        if after_mark and headlines.is_connective_letter(word.group()):
            return word.start()  # "…لليوم الثالث، وقتل خمسة متظاهرين اليوم": a clause of its own
        after_mark = sentence[word.end() : word.end() + 2].strip()[:1] in ("،", ",")
    return len(sentence)


def _predicate_goes_on(words: Sequence[str], rules: dict[str, Any]) -> int:
    """Return where the ongoing verb ends that follows a sentence's subject of a few words, in the
    present ("فريق تقييم الحوادث المشترك يواصل جمع البيانات"، "مئات العائلات لا تزال خارج منازلها"), or 0:
    no verb of saying and no «أن» before it (that is what someone said goes on, not the sentence's news)."""
    told = headlines.rules()
    said = told.attribution | told.statement_verbs | told.complementizers
    for k in range(1, min(len(words), COUNTED_DAYS_AT)):
        if _listed(headlines.core_word(words[k - 1]), said):
            return 0
        if headlines.core_word(words[k])[:1] in "يت" or headlines.core_word(words[k]) in ("لا", "ما"):
            found = headlines.starts_with(words[k : k + 3], rules["ongoing"])
            if found:
                return k + found
    return 0


def _enters(text: str, rules: dict[str, Any]) -> bool:
    """Return True when the opening clause of a text says something enters a period of its own ("واليوم
    الأحد، يدخل العصيان المدني أسبوعه الثاني"): it goes on."""
    if not any(word in text for word in ("دخل", "يدخل", "تدخل")):
        return False  # most sentences: a quick test before folding
    words = [headlines.core_word(w) for w in text.split()[:ENTERING_WORDS]]
    entering = rules["entering"]
    first = words[:ENTERING_AT]
    at = next((k for k, w in enumerate(first) if _listed(w, entering)), None)
    return at is not None and any(w in rules["entered_periods"] for w in words[at + 1 :])


def _in_its_period(words: Sequence[str], rules: dict[str, Any]) -> bool:
    """Return True when a sentence opens with a subject (a noun with its article) that is in a period of
    its own ("الإضراب في يومه الثاني"، "الاعتصام المفتوح في أسبوعه الثالث"): it goes on."""
    first = words[0] if words else ""
    subject = first[1:] if first[:3] in ("وال", "فال") else first
    return subject.startswith("ال") and any(
        words[k] == "في" and words[k + 1] in rules["entered_periods"]
        for k in range(1, min(4, len(words) - 1))
    )


def _recurring(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Return True when the words right after a date make it come round every year ("يحتفل العراقيون
    بعيد الأم في 21 مارس من كل عام"), «كل» comes right before it ("كل ثلاثاء"), or a word of habit a
    few words before it ("ويُحيي السودانيون عادة في 21 تشرين الأول ذكرى ثورة 1964"): a custom, not a
    happening."""
    rules = _salience()
    before = text[max(sentence_start, start - 40) : start]  # (the sentence before holds no habit of this one)
    last = before.split()[-1:] if before[-1:].isspace() else []
    if last and headlines.core_word(last[0]) in rules["recurring_marks_folded"]:
        return True  # "كل ثلاثاء": every Tuesday
    if any(mark in before for mark in rules["habit_written"]):
        clause = _CLAUSE_BREAK.split(before)[-1]
        words = [headlines.core_word(w) for w in clause.split()[-rules["habit_reach"] :]]
        if any(w in rules["habit"] for w in words):
            return True
    window = text[end : end + 40]
    if not any(mark in window for mark in rules["recurring_marks"]):
        return False  # most dates: a quick test before folding
    after = [arabic.fold_word(w) for w in _WORDS.findall(window)]
    return any(tuple(after[: len(words)]) == words for words in rules["recurring"])


def _since_then(text: str, sentence_start: int, at: int) -> bool:
    """Return True when a since-word opens the few words before offset `at`, in the date's clause (or the
    one before, when the date opens an aside between commas: "منذ أن أصدر البيطار، يوم الثلاثاء، مذكرة"):
    the date starts the period it names ("منذ انطلاق الحراك الشعبي في 22 فيفري"), not a happening."""
    rules = _salience()
    window = text[max(sentence_start, at - 80) : at]
    if not any(word in window for word in rules["since_written"]):
        return False  # most dates: a quick test before folding
    clauses = _CLAUSE_BREAK.split(window)
    clause = clauses[-2] if len(clauses) > 1 and not clauses[-1].strip() else clauses[-1]
    words = [headlines.core_word(w) for w in clause.split()[-rules["since_reach"] :]]
    return any(_listed(w, rules["since"]) for w in words[: len(words) - (clause is clauses[-1])])


def _planned_then(text: str, sentence_start: int, at: int) -> bool:
    """Return True when the sentence opens with a plan of the past ("وكان يفترض…"، "وكان من المقرر…"،
    its subject perhaps between: "وكانت الشركة المغربية تستعد…") and the date at offset `at` lies in
    that opening clause: the day it was meant for."""
    rules = _salience()
    plans = rules["past_plans"]
    first = _WORDS.match(text, sentence_start)
    word = arabic.fold(first.group()) if first is not None else ""
    if not _listed(word, rules["plan_firsts"]):
        return False  # most sentences: not opening with «كان»
    opening = _CLAUSE_BREAK.split(text[sentence_start:at], 1)
    if len(opening) > 1:
        return False
    words = [arabic.fold_word(w) for w in _WORDS.findall(opening[0][:60])]
    if words and words[0][:1] in "وف" and len(words[0]) > 3:
        words[0] = words[0][1:]
    reach = rules["plan_subject_words"]
    return any(
        words[:1] == list(plan[:1])
        and any(tuple(words[k : k + len(plan) - 1]) == plan[1:] for k in range(1, reach + 2))
        for plan in plans
    )


def _counted(phrase: str) -> bool:
    """Return True when a date phrase counts periods ("يومين"، "ثلاثة أيام"): after منذ, an "ago"."""
    units = lexicon.units()
    return any(lexicon.key(word) in units for word in phrase.split())


def _placed_after(text: str, sentence_start: int, at: int, kind: str = "placing") -> bool:
    """Return True when the sentence opens with a placing verb and a placing word, and the date at
    offset `at` lies in what it places the news after ("ويأتي القرار بعد قرابة عامين من غلق الأجواء في
    22 سبتمبر"), not in a clause of its own after a comma ("…، حيث قال كيري يوم الخميس"). With
    `kind="coinciding"`, a verb and a word of coinciding ("ويتزامن التصعيد مع أول أيام شهر رمضان"); with
    `kind="circumstance"`, a placing verb and a circumstance ("وتأتي الفاجعة في لحظة حساسة، إذ زار…")."""
    rules = _salience()
    reach = rules["placing_reach"] + 1
    opening = text[sentence_start : min(at, sentence_start + 30 * reach)]
    if not any(word in opening for word in rules[f"{kind}_written"]):
        return False  # most sentences: a quick test before folding
    if _listed(arabic.fold(opening.split(None, 1)[0]) if opening.split() else "", rules["topic_frames"]):
        opening = _CLAUSE_BREAK.split(opening, 1)[-1]  # "أما سياسياً، فقد جاء الهجوم بعد…"
    head = opening.split(None, reach + 2)[: reach + 2]
    head = head[headlines.starts_with(head, headlines.rules().connectives) :]  # "كما يأتي…"
    head = [w for w in head if arabic.fold_word(w) not in rules["verb_particles"]][:reach]  # "فقد جاء"
    if not head:
        return False
    verb = headlines.core_word(head[0])
    if not _listed(verb, rules[f"{kind}_verbs"]):
        return False
    placing = next((w for w in head[1:] if _is_placing(w, rules, kind)), None)
    if placing is None:
        return False
    placed = text[text.index(placing, sentence_start) : at]  # what the news is placed after, up to the date
    clauses = _CLAUSE_BREAK.split(placed)
    if len(clauses) == 1:
        return True
    if kind == "circumstance":  # a clause that explains the circumstance ("…، إذ زار…") or qualifies it
        links = [m.group() for m in _CLAUSE_BREAK.finditer(placed) if m.group().strip() not in _CLAUSE_MARKS]
        if not links and len(clauses) == 2:  # ("في منتصف صوم العذراء، الذي بدأ في السابع من أغسطس")
            qualifying = clauses[-1].split(None, 1)
            return bool(qualifying) and _listed(arabic.fold_word(qualifying[0]), rules["relative"])
        return len(links) == 1 and _listed(arabic.fold_word(links[0]), rules["circumstance_links"])
    own = clauses[-1].split(None, 1)  # the date's own clause may open with a placing word too
    return bool(own) and _is_placing(own[0], rules, kind)


def _placed_aside(text: str, sentence_start: int, at: int) -> bool:
    """Return True when the date at offset `at` lies in a clause that opens with a placing word, a later
    one ("قدم استقالته في 2 أبريل، بعد أسابيع من احتجاجات انطلقت يوم 22 فبراير") or the sentence's
    opening frame ("وبعد تعليق جلسة أممية قبل أسبوعين، …، يتوقع أن يعقد المجلس اليوم…"): what the
    sentence's happening came after or before."""
    rules = _salience()
    clauses = _CLAUSE_BREAK.split(text[sentence_start:at])
    opening = clauses[-1].split(None, 1)
    return bool(opening) and _is_placing(opening[0], rules)


@lru_cache(maxsize=1 << 14)
def after_clauses(sentence: str) -> tuple[tuple[int, int], ...]:
    """Return where a sentence's phrases that place it some time after another happening lie, each
    from its word to the end of its clause ("دخلت وحدات الجيش منبج، بعد ساعات من انتشارها في تل تمر"):
    they name that earlier happening, not what this one is. Without a time from something ("لقي 71
    شخصا حتفهم إثر انقلاب عبارة"، "عاد بعد أسبوعين قضاهما في المستشفى") the phrase tells the
    happening's cause or its course, which is the happening itself."""
    rules = _salience()
    if not any(word in sentence for word in rules["after_written"]):
        return ()  # most sentences: a quick test before folding
    spans: list[tuple[int, int]] = []
    words = list(_WORDS.finditer(sentence))
    for k, word in enumerate(words):
        if spans and word.start() < spans[-1][1]:
            continue
        core = headlines.core_word(word.group())
        if not _listed(core, rules["after_words"]):
            continue
        after = [w.group() for w in words[k + 1 : k + 2 + AFTER_TIME_WORDS]]
        counted = next((n for n in range(1, len(after)) if _counted(after[n - 1])), 0)
        if counted and any(arabic.fold_word(w) in rules["after_links"] for w in after[counted : counted + 2]):
            stop = _CLAUSE_BREAK.search(sentence, word.end())
            spans.append((word.start(), stop.start() if stop else len(sentence)))
    return tuple(spans)


def _is_placing(word: str, rules: dict[str, Any], kind: str = "placing") -> bool:
    """Return True for a placing word (or another `kind`'s), with or without a glued و ("عقب"، "وبعد")."""
    folded = headlines.core_word(word)
    words = rules[f"{kind}_words"]
    return folded in words or folded[:1] == "و" and folded[1:] in words


def build_events(
    articles: Sequence[Article],
    mentions: Mapping[str, Sequence[Mention]],
    sentences: Sentences | None = None,
) -> list[Event]:
    """Return one event per resolved date mention and one report event per dated article.

    Each dated mention's event carries its role (mention_role): a happening, or background.
    """
    events: list[Event] = []
    start = story_start(articles)
    for article in sorted(articles, key=lambda a: a.id):
        known = sentences.get(article.id) if sentences is not None else None
        spans = list(known) if known is not None else segment_sentences(article.text)
        events.extend(article_events(article, mentions.get(article.id, ()), spans, start))
    return events


def article_events(
    article: Article, mentions: Sequence[Mention], spans: Sequence[tuple[int, int]], start: date | None
) -> list[Event]:
    """Return one article's events (build_events): its dated sentences, those that point back or
    carry the account on, and its reports. `start` is the story's first publication day."""
    aid, text = article.id, article.text
    outlet = article.outlet.ar if article.outlet is not None else ""
    furniture = _boilerplate(text, spans) | _date_lines(text, spans, mentions, outlet)
    spans = [span for span in spans if span[0] not in furniture]
    starts = [s for s, _ in spans]
    events: list[Event] = []
    told: dict[int, int] = {}  # sentence start -> where the date of its happening ends
    standing: dict[int, int] = {}  # sentence start -> where its clause of a standing state ends
    looking_back = looks_back(article)
    roundup = is_roundup(article, mentions)
    # a roundup's lead, before its first dated paragraph, introduces the roundup ("نرصد في هذه التغطية…
    # حتى مساء اليوم"): its own day there is no news
    roundup_lead = _first_label(text, mentions) if roundup else 0
    title_at = text.find(article.title) if roundup_lead and article.title else -1
    roundup_title = (title_at, title_at + len(article.title or "")) if title_at >= 0 else (0, 0)
    labels = _labels(text, mentions)
    announced: set[str] = set()  # events of a later day than their paragraph's label (_after_label)
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if mention.time is None or mention.kind in _UNDATED_KINDS:
            continue
        k = bisect_right(starts, mention.start) - 1
        if k < 0 or mention.start >= spans[k][1]:
            continue  # not inside a sentence (or inside a page's boilerplate)
        s, e = spans[k]
        if s not in standing:
            label = _label_end(text, mention) or _date_frame_end(text, s, mention)
            standing[s] = standing_end(text[s:e], label - s if label else 0)
        if mention.start < s + standing[s] or (standing[s] and _since_opens(mention)):
            continue  # "واصلت القاطرات اليوم محاولات التعويم": what goes on happened on no day; nor
            # does a date that opens with the since-word ending its clause ("وتسود المنطقة منذ ساعات الصباح…")
        uid = event_id(aid, (s, e), (mention.start, mention.end))
        role = mention_role(text, mention, article.published, start, s, looking_back)
        looks_on = looking_back or mention.start < roundup_lead
        own_day = article.published is not None and mention.time.first >= article.published
        if looks_on and own_day and (mention.start < roundup_lead or not _day_news(text, s, mention)):
            role = "context"  # the look-back's own day, or the day a roundup runs up to
        if mention.start < roundup_lead and mention.time.last > mention.time.first:
            role = "context"  # "نرصد فيما يلي أبرز محطات الأيام الأربعة الماضية": the days a roundup covers
        if roundup_title[0] <= mention.start < roundup_title[1]:
            role = "context"  # "يوميات الانقلاب: من اعتقالات الفجر إلى «مليونية» السبت": the span it covers
        if role == "event" and s in told and _in_relative_clause(text, s, told[s], mention.start):
            role = "context"  # "نظمت الشركة اليوم جولة في المعملين، اللذين تعرضا لهجوم السبت الماضي"
        if role == "event" and s in told and _names_the_day_of(text, s, mention):
            role = "context"  # "قال بلينكن فجر الجمعة إن استفتاء 25 يوليو اتسم…": the day of a noun
        if role == "event" and s in told and _placed_by_word(text, told[s], mention.start):
            role = "context"  # "الخميس 20 أيار: بوريطة… عازياً موجة العبور إلى… بعد عطلة عيد الفطر"
        event = Event(uid, aid, mention.time, s, e, text[s:e], mention, role=role)
        if role == "event" and labels and _after_label(text, event, labels):
            event = replace(event, role="context")
            announced.add(uid)
        if event.role == "event":
            told.setdefault(s, mention.end)
        events.append(event)
    events = _without_datelines(text, events)
    events.extend(_pointing_back(article, spans, events, start, mentions))
    events.extend(_labelled(article, spans, labels, events, announced))
    if article.published is not None and not looking_back:
        report = _report_sentence(article, list(spans))  # the title or lead the report stands on
        events.extend(_told_on(article, spans, events, report, labels))
        if not _lead_goes_on(text, spans, report) and not roundup:
            events.extend(_reports(article, report))
    return events


def _lead_goes_on(text: str, spans: Sequence[tuple[int, int]], report: tuple[int, int, str] | None) -> bool:
    """Return True when an article's lead, its first full sentence after the title, tells what goes on
    ("واصلت فرق الإنقاذ، أمس، ولليوم الثامن، البحث…"): the article has no news of its own day."""
    after = report[1] if report is not None else 0
    lead = next((text[s:e] for s, e in spans if s >= after and len(text[s:e].split()) >= _MIN_LEAD_WORDS), "")
    return standing_end(lead) > 0


def _date_lines(
    text: str, spans: Sequence[tuple[int, int]], mentions: Sequence[Mention], outlet: str = ""
) -> set[int]:
    """Return the starts of the sentences that are only a date ("الاثنين ١ صفر ١٤٤٤هـ الموافق ٢٩ أغسطس
    ٢٠٢٢م" on a page's line of its own) or a dateline ("القاهرة ١٤ مايو ٢٠٢٢ /الكنانة/ –"، "تونس –
    «الواحات» – ٩ مارس:"، "رأس اجدير – 22 مارس 2016 – بوابة الساحل الغربي"، "طهران – 17 شهريور 1397 – كارون",
    the article's own `outlet` last): a page's stamp, which tells no happening."""
    found = set()
    seen = set()
    starts = [s for s, _ in spans]
    for m in mentions:
        k = bisect_right(starts, m.start) - 1
        if k < 0 or m.start >= spans[k][1] or spans[k][0] in seen:
            continue
        s, e = spans[k]
        seen.add(s)
        if sum(1 for w in _WORDS.findall(text[s:e]) if not w.isdigit()) > DATE_LINE_WORDS:
            continue  # most sentences: longer than any date (its figures not counted)
        rest = text[s:e]
        for other in mentions:
            if s <= other.start and other.end <= e:
                rest = rest[: other.start - s] + " " * (other.end - other.start) + rest[other.end - s :]
        body = rest[headlines.dateline_end(text[s:e]) :]  # what a dateline (if any) leads to
        if (
            {t for t in arabic.content_terms(body) if not t.isdigit()} <= _stamp_words()  # "العدد ١٥٣٢٠"
            or headlines.names_an_outlet(body, outlet)
            or _place_and_outlet(body, outlet)
        ):
            found.add(s)
    return found


def _place_and_outlet(line: str, outlet: str) -> bool:
    """Return True for what is left of a date line once its dates are gone when it is a place and an
    outlet ("مسقط، – «الفلج»"، "مسقط – مراسل «المرفأ» | … الموافق …") or an outlet and a publication stamp
    ("الهقار – نشر في …"): a dateline or a stamp on a line of its own."""
    parts = [p for p in re.split(r"[–—|،,:-]", line) if p.strip()]
    if len(parts) < 2 or len(parts[0].split()) > 3:
        return False
    named = [p for p in parts if headlines.names_an_outlet(p, outlet)]
    rest = {t for p in parts[1:] if p not in named for t in arabic.content_terms(p)}
    stamped = bool(rest & _stamp_terms())  # "الهقار – نشر في 30 مارس 2022"
    return (bool(named) or stamped) and rest <= _stamp_words()


@cache
def _stamp_terms() -> frozenset[str]:
    """Return the terms of the words that stamp a page's publication ("نشر في"، "آخر تحديث")."""
    return frozenset(t for w in lexicon.data()["publication_stamps"] for t in arabic.content_terms(w))


@cache
def _stamp_words() -> frozenset[str]:
    """Return the terms a date line may hold beside its dates: a publication stamp's, the words that
    state a date's equivalent in the other calendar ("الموافق"), a newspaper's issue ("العدد")."""
    words = [*lexicon.data()["connectors"]["stated_equivalent"], *_salience()["date_line_words"]]
    return _stamp_terms() | frozenset(t for w in words for t in arabic.content_terms(w))


def _boilerplate(text: str, spans: Sequence[tuple[int, int]]) -> set[int]:
    """Return the starts of the sentences in a page's boilerplate paragraphs ("اقرأ أيضاً: …"، "تابعونا
    على…"، "جميع الحقوق محفوظة"): a paragraph that opens with one of salience.yaml's `boilerplate_openers`,
    the paragraph after an opener that stands alone ("اقرأ أيضاً:" on a line of its own), a short line
    that stamps the page's publication ("نشر في: 12 مارس 2023"; the lexicon's `publication_stamps`), and a
    paragraph all in brackets or a short one with a photo's credit, a photo's caption ("(صورة: …)"،
    "المتحدث باسم الكرملين دميتري بيسكوف. © Sputnik")."""
    openers, firsts = _furniture()
    rules = _salience()
    skipped: list[tuple[int, int]] = []
    at, alone = 0, False
    for line in text.split("\n"):
        end = at + len(line)
        bare = line.strip()
        credited = (
            any(mark in bare for mark in rules["credit_marks"])
            and len(bare.split()) <= rules["caption_words"]
        )
        if credited or (bare[:1] == "(" and bare[-1:] == ")" and bare.count("(") == 1):
            skipped.append((at, end))  # "(صورة: سيارات محترقة في أحد الشوارع)": a photo's caption
            at, alone = end + 1, False
            continue
        head = _WORDS.search(line, 0, 40)
        if head is None or not (alone or _folded_word(head.group()) in firsts):
            alone = alone and head is None  # most lines: one word folded, and on
            at = end + 1
            continue
        words = tuple(arabic.fold_word(w) for w in _WORDS.findall(line[:80]))
        stamp = anchor.is_stamp(words)
        if alone or stamp or any(words[: len(o)] == o for o in openers):
            skipped.append((at, end))
            alone = not alone and not stamp and len(words) <= max(len(o) for o in openers) + 1
        else:
            alone = False
        at = end + 1
    if not skipped:
        return set()
    ends = [b for _, b in skipped]
    return {s for s, _ in spans if (k := bisect_right(ends, s)) < len(skipped) and skipped[k][0] <= s}


@lru_cache(maxsize=1 << 14)
def _folded_word(word: str) -> str:
    """Return arabic.fold of a word, remembered: paragraphs open with the same few words."""
    return arabic.fold(word)


@cache
def _furniture() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    """Return the boilerplate openers, folded word by word, and the first words of them and of the
    publication stamps (anchor.publication_stamps): the only paragraphs read further."""
    openers = _salience()["boilerplate"]
    return openers, frozenset(phrase[0] for phrase in (*openers, *anchor.publication_stamps()))


def _pointing_back(
    article: Article,
    spans: Sequence[tuple[int, int]],
    own: Sequence[Event],
    start: date | None,
    mentions: Sequence[Mention] = (),
) -> list[Event]:
    """Return events for the undated sentences of an article that point back to the date just told
    ("وفي اليوم نفسه"، "في اليوم التالي"): each dated as the day the last dated sentence before it tells
    (its first), plus the days the phrase adds. A day of the story counts whatever its role there (a
    commentator's "حين أعلن البيت الأبيض فجر الاثنين" still names it), background before the story
    does not; the sentence's own words give its role. `own` are the article's events from its written
    dates; `start` is the story's first publication day. A sentence that writes a day of its own, even one
    that made no event ("ويستمر بناء السجل حتى الأربعاء 4 ديسمبر، على أن يُعلن السعر في اليوم التالي"),
    points back to that day, not to the sentence before: it is no sentence of this kind (`mentions`)."""
    last: dict[int, Event] = {}  # sentence start -> the day it tells
    for event in own:
        if event.time.grain != "day" or event.mention is None:
            continue
        if event.role == "event" or (start is not None and event.time.first >= start):
            kept = last.get(event.sentence_start)
            if kept is None or _tells_before(event, kept):
                last[event.sentence_start] = event
    if not last:
        return []
    rules = _salience()
    phrases = rules["pointing"]
    starts = [s for s, _ in spans]
    marked = {bisect_right(starts, at) - 1 for at in _occurrences(article.text, rules["pointing_marks"])}
    if not marked:
        return []  # no phrase that points back: most articles
    # a year names no day of its happening ("وفي اليوم نفسه، حذر غوتيريش من أن اليمن سيواجه في عام 2019")
    dated = {event.sentence_start for event in own if event.time.grain not in rules["grains"]}
    for m in mentions:
        holder = bisect_right(starts, m.start) - 1
        if holder >= 0 and m.time is not None and m.time.grain not in rules["grains"]:
            dated.add(starts[holder])
    found: list[Event] = []
    before: Event | None = None
    for k, (s, e) in enumerate(spans):
        if s in last:
            before = last[s]
        if before is None or s in dated or k not in marked:
            continue
        folded = arabic.fold(article.text[s:e])
        if not any(" ".join(phrase) in folded for phrase, _ in phrases):
            continue
        tokens = [(m.start(), m.end(), arabic.fold(m.group())) for m in _WORDS.finditer(article.text, s, e)]
        words = [w[1:] if w[:1] in "وف" and len(w) > 3 else w for _, _, w in tokens]
        for phrase, days in phrases:
            at = next((i for i in range(len(words)) if tuple(words[i : i + len(phrase)]) == phrase), None)
            if at is None:
                continue
            first, end = tokens[at][0], tokens[at + len(phrase) - 1][1]
            time = before.time if not days else day_value(before.time.first + timedelta(days=days))
            mention = Mention(first, end, article.text[first:end], time, "relative")
            uid = event_id(article.id, (s, e), (first, end))
            role = mention_role(article.text, mention, article.published, start, s)
            found.append(Event(uid, article.id, time, s, e, article.text[s:e], mention, role=role))
            break
    return found


_LABEL_END = re.compile(
    r"\s*(?:[،,]?\s*[0-9٠-٩]{1,2}[:.][0-9٠-٩]{2}\s*[:：–—-]|[–—-]\s*[0-9٠-٩]{1,2}[:.][0-9٠-٩]{2}\s*[:：]"
    r"|\([^()]{1,15}\)\s*[:：]|[:：])"
)
"""What ends a paragraph's date label: a colon, or a clock time and a colon or dash ("الاثنين 29 آب، 18:45 –"،
"السبت 27 أغسطس – 06:40:"), or a time of day in brackets and a colon ("الأربعاء 19 نيسان (صباحاً):")."""
_BULLETS = " \t-–—•*·"


def _labelled(
    article: Article,
    spans: Sequence[tuple[int, int]],
    labels: Mapping[int, tuple[Mention, TimeValue]],
    own: Sequence[Event],
    announced: AbstractSet[str] = frozenset(),
) -> list[Event]:
    """Return events for the undated sentences of a paragraph that a date opens as its label
    ("الخميس 11 أكتوبر: أعلن كالين… وفي واشنطن، قال ترامب…", a roundup's or a chronology's day): each is
    dated by the label as by its own words, not carried on for a few sentences only. So is a sentence
    whose only dates are background ("وفي اليوم نفسه، طالبت…، بعد توقيفهم يوم الجمعة") or what that day's
    news `announced` (ids of own events: "يعلن أن الهدنة تبدأ…"); not a commentator's view ("وقال محلل…"),
    which at most carries the account on (_told_on), nor what goes on (standing_end)."""
    text = article.text  # `labels`: the article's paragraph labels (_labels)
    if not labels:
        return []  # most articles: no paragraph opens with a date and a colon
    dated = {event.sentence_start for event in own if event.role == "event" and event.id not in announced}
    found: list[Event] = []
    for s, e in spans:
        label = labels.get(text.rfind("\n", 0, s) + 1)
        if label is None or s in dated or s <= label[0].start < e or headlines.opens_as_aside(text[s:e]):
            continue  # (the label's own sentence is dated by its words, or goes on: "لليوم الثالث…")
        if (
            _opens_negated(text[s:e])
            or _opens_planned(text[s:e])
            or _commentary(text, s)
            or standing_end(text[s:e])
        ):
            continue  # what did not happen ("ولم يصدر تعليق رسمي…"), what is to come ("ومن المقرر أن…"), a
            # commentator's view ("وقال محلل…"), or what goes on ("وتواصل النيابة تحقيقاتها لليوم الرابع"):
            # no happening of the label's day
        m, time = label
        uid = event_id(article.id, (s, e), (m.start, m.end))
        found.append(Event(uid, article.id, time, s, e, text[s:e], m, role="event"))
    return found


def _since_opens(mention: Mention) -> bool:
    """Return True for a date phrase that opens with a since-word ("منذ ساعات")."""
    first = mention.text.split(None, 1)[:1]
    return bool(first) and _listed(arabic.fold_word(first[0]), _salience()["since"])


def _opens_planned(sentence: str) -> bool:
    """Return True for a sentence that opens with a plan ("ومن المقرر أن تنتهي…"، "ويتوقع أن…")."""
    words = sentence.split(None, 3)[:3]
    if words and headlines.is_connective_letter(words[0]):
        words[0] = words[0][1:]
    return headlines.starts_with(words, _salience()["plan_openers"]) > 0


def _opens_update(sentence: str) -> bool:
    """Return True for a sentence a live page's update label opens ("تحديث – 06:10: …"، "(تحيين) …")."""
    first = sentence.split(None, 1)[:1]
    return bool(first) and headlines.core_word(first[0].lstrip("(")) in _salience()["update_labels"]


def _opens_negated(sentence: str) -> bool:
    """Return True for a sentence whose first word is a negation ("ولم يصدر…"، "لم تعلن أي جهة…")."""
    first = sentence.split(None, 1)[:1]
    return bool(first) and _listed(headlines.core_word(first[0]), _salience()["negations"])


def _labels(text: str, mentions: Sequence[Mention]) -> dict[int, tuple[Mention, TimeValue]]:
    """Return, per paragraph start, the date that labels the paragraph (_label_end), if any."""
    labels: dict[int, tuple[Mention, TimeValue]] = {}
    for m in mentions:
        if m.time is not None and m.kind not in _UNDATED_KINDS and _label_end(text, m):
            labels.setdefault(text.rfind("\n", 0, m.start) + 1, (m, m.time))
    return labels


def _after_label(text: str, event: Event, labels: Mapping[int, tuple[Mention, TimeValue]]) -> bool:
    """Return True for an event dated after the label of its paragraph ("الأحد 16 كانون الأول: … مساءً،
    يعلن الوزير أن الهدنة تبدأ منتصف ليل الاثنين"): the paragraph tells that day, and a later one is what
    that day's news announced or planned."""
    label = labels.get(text.rfind("\n", 0, event.sentence_start) + 1)
    return label is not None and event.mention is not label[0] and event.time.first > label[1].last


def _without_datelines(text: str, events: list[Event]) -> list[Event]:
    """Return the events without those dated by a sentence's dateline ("الرياض – الوادي – الأربعاء 16
    أكتوبر 2019م: فرضت واشنطن فجر أمس الثلاثاء عقوبات…") where the sentence dates its happening itself:
    the dateline says when the wire filed. A paragraph's date label is no dateline: it is the day of
    what the paragraph tells, whatever other dates its sentence names."""
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for event in events:
        by_sentence[event.sentence_start].append(event)
    dropped: set[str] = set()
    for s, found in by_sentence.items():
        if len(found) < 2:
            continue
        sentence = text[s : found[0].sentence_end]
        body = s + headlines.dateline_end(sentence)
        if body > s and body == s + headlines.label_end(sentence):
            continue  # a roundup's day ("الأحد 15 آب: الشرطة تعلن توقيف… قتل الشاب يوم 11 آب"): its own
        inside = [x for x in found if x.mention is not None and x.mention.end <= body]
        told = any(x.role == "event" and x.mention is not None and x.mention.start >= body for x in found)
        if inside and told:
            dropped.update(x.id for x in inside)
    return [event for event in events if event.id not in dropped] if dropped else events


def _first_label(text: str, mentions: Sequence[Mention]) -> int:
    """Return where the first paragraph a date labels starts; 0 when none does."""
    return min((text.rfind("\n", 0, m.start) + 1 for m in mentions if _label_end(text, m)), default=0)


def _date_frame_end(text: str, sentence_start: int, mention: Mention) -> int:
    """Return where a date that opens its sentence as a frame ends, past its comma ("واليوم السبت، لا
    تزال مئات العائلات تنتظر…"); 0 for any other date."""
    if text[sentence_start : mention.start].strip(" \t\u200fوف"):
        return 0
    comma = re.match(r"\s*[،,]\s*", text[mention.end : mention.end + 4])
    return mention.end + comma.end() if comma else 0


def _label_end(text: str, mention: Mention) -> int:
    """Return where a date that labels its paragraph ends, past its colon ("- الخميس 11 أكتوبر: …"); 0
    for any other date."""
    line = text.rfind("\n", 0, mention.start) + 1
    if text[line : mention.start].strip(_BULLETS):
        return 0
    colon = _LABEL_END.match(text, mention.end)
    return colon.end() if colon else 0


def _tells_before(event: Event, kept: Event) -> bool:
    """Return True when `event` rather than `kept` is the day their sentence tells: its main clause's,
    the first it names ("رفع في 23 تشرين الأول العقوبات التي فرضها قبل تسعة أيام")."""
    return kept.mention is not None and event.mention is not None and event.mention.start < kept.mention.start


def _told_on(
    article: Article,
    spans: Sequence[tuple[int, int]],
    own: Sequence[Event],
    report: tuple[int, int, str] | None,
    labels: Mapping[int, tuple[Mention, TimeValue]] | None = None,
) -> list[Event]:
    """Return events for the undated sentences that carry an account on: each dated as the happening
    told before it ("وأوضح كامينوس أن الطائرة هبطت…" after "أعلن… اليوم"), the first day of that
    sentence (its main clause's, not a later qualifier's: "…احتجاجا على إقرار القانون مساء أمس"), for up to
    CARRIED_SENTENCES sentences. After a sentence of background only nothing is carried; an aside
    (pluperfect, pointing back) neither is carried nor changes the account, and a sentence that opens
    with a negation ("ولم تعلن أي جهة مسؤوليتها": what did not happen) is not carried. A paragraph a
    date labels (`labels`, _labels) opens that day's account even when its own sentence dates nothing
    ("الجمعة 20 أيلول (يُحدَّث): ساد صباحاً هدوء حذر…" and a live blog's updates after it). A carried
    sentence stands only with what it joins (merge): alone, it is left out."""
    text = article.text
    by_sentence: dict[int, list[Event]] = defaultdict(list)
    for event in own:
        by_sentence[event.sentence_start].append(event)
    current: Event | None = None
    day: TimeValue | None = None  # the day the account being carried on tells
    since = 0  # sentences carried on since the last one dated
    found: list[Event] = []
    for s, e in spans:
        here = by_sentence.get(s)
        sentence = text[s:e]
        if here:
            days = [x for x in here if x.role == "event" and x.time.grain == "day" and x.mention]
            told = min(days, key=lambda x: x.mention.start if x.mention else 0) if days else None
            if told is not current and not headlines.opens_as_aside(sentence):
                current, since = told, 0  # after an aside ("وكان … قد", "وجاء ذلك إثر …") the account goes on
                # a sentence of what goes on ("يتواصل لليوم الثالث اعتصام…، منذ وفاة الشاب السبت") tells
                # today's state: the day it names is its since-clause's, no account carried on
                day = told.time if told is not None and not standing_end(sentence) else None
            continue
        label = labels.get(s) if labels else None
        if label is not None and label[1].grain == "day":
            current, day, since = None, label[1], 0  # a labelled day's account opens, dated or not
            continue
        if _opens_update(sentence) and article.published is not None:
            current, day, since = None, day_value(article.published), 0  # the page's day, at that hour
        since += 1
        if day is None or since > CARRIED_SENTENCES or len(sentence.split()) < _MIN_LEAD_WORDS:
            continue
        if report is not None and (report[0] <= s < report[1] or report[2].strip() == sentence.strip()):
            continue  # the article's title or lead: its report stands for it
        if headlines.opens_as_aside(sentence) or _opens_negated(sentence) or standing_end(sentence):
            continue  # (an aside, what did not happen, "ولم تعلن أي جهة مسؤوليتها", or what goes on)
        uid = event_id(article.id, (s, e), None, carried=True)
        found.append(Event(uid, article.id, day, s, e, sentence, None, role="event", carried=True))
    return found


def _occurrences(text: str, marks: Sequence[str]) -> Iterator[int]:
    """Yield where each mark occurs in text (str.find: most texts hold none, and say so fast)."""
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            yield at
            at = text.find(mark, at + 1)


def _reports(article: Article, found: tuple[int, int, str] | None) -> list[Event]:
    """Return the article's own news, dated by its publication: one report per happening its title
    joins (headlines.title_clauses), else one for its title or lead sentence (`found`: _report_sentence)."""
    if found is None:
        return []
    s, e, sentence = found
    assert article.published is not None
    if not article.title:
        return [_report(article, (s, e), (s, e), sentence)]
    clauses = headlines.title_clauses(sentence)
    if sentence == article.text[s:e]:
        return [_report(article, (s + a, s + b), (s + a, s + b), sentence[a:b]) for a, b in clauses]
    # A title outside the text (front matter, a page's <h1>) links to the lead but spans none of it: the
    # lead's dates are not the title's. One clause keeps the id it had when it took the lead's span.
    if len(clauses) == 1:
        return [_report(article, (s, s), (s, e), sentence)]
    return [_report(article, (s, s), (s + a, s + b), sentence[a:b]) for a, b in clauses]


def _report(article: Article, span: tuple[int, int], key: tuple[int, int], sentence: str) -> Event:
    """Return a report event of an article's own news, dated by its publication; `key` makes its id."""
    assert article.published is not None
    uid = event_id(article.id, key, None)
    return Event(uid, article.id, day_value(article.published), *span, sentence, is_report=True)


def undated_problems(articles: Sequence[Article], mentions: Mapping[str, Sequence[Mention]]) -> list[Problem]:
    """Return a problem for each article with no document date: its relative dates stay unresolved."""
    problems = []
    for article in articles:
        if article.published is not None or not article.extraction:
            continue  # dated, or the engine failed on it (a problem of its own)
        found = mentions.get(article.id, ())
        unresolved = sum(1 for m in found if m.time is None)
        dated = sum(1 for m in found if m.time is not None and m.kind not in _UNDATED_KINDS)
        what = f"{unresolved} relative date{'s' if unresolved != 1 else ''} unresolved"
        if dated:
            what += f", {dated} written date{'s' if dated != 1 else ''} kept"
        problems.append(
            Problem(
                article.path,
                f"no publication date: {what}, and no report of its own news",
                hint="add published: YYYY-MM-DD for it to sources.yaml (or its front matter)",
                code="undated-article",
            )
        )
    return problems
