"""Write a headline from the clause that carries an event, by rules kept as data (data/headlines.yaml).

A wire sentence ("وقالت الهيئة في بيان، أمس الاثنين، إن السفينة عُوّمت") becomes a headline ("الهيئة:
السفينة عُوّمت") in a few stated steps: the dateline, the date and every relative time word go (the date
is shown beside the headline); a leading connective, a pluperfect frame ("وكانت … قد") and comma asides
go; an attribution becomes "Speaker: clause"; a long result is cut at a phrase boundary, never with an
ellipsis. Only displayed text comes out: words are compared folded, but never changed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from generator import arabic, wordweights, yamldata

_RULES_FILE = Path(__file__).parent / "data" / "headlines.yaml"
_GONE = "\x00"
"""Stands where a date mention was, so the words that framed it can go with it."""
_DASHES = "–—\\-"
"""Dashes, escaped for a character class."""
DATELINE_REACH = 140
"""Characters from a sentence's start within which a dateline ends."""
DATELINE_WORDS = 16
"""Words a dateline of several parts holds at most ("الرياض 11 صفر 1440 هـ الموافق 20 أكتوبر 2018 م
(الواحة)")."""
LEAD_WORDS = 8
"""The fewest words after "place – outlet:" that make it a lead's dateline, not a title's head."""
OUTLET_WORDS = 4
"""The most words an outlet's name after a dateline holds ("بوابة الساحل الغربي")."""
_PUNCT = "،,؛;:.؟?!…\"'«»“”()[]"
_QUOTES = {"«": "»", "“": "”", "(": ")"}
_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_HARAKAT = "".join(chr(c) for c in range(0x064B, 0x0653))
"""Short vowels, tanwin, shadda and sukun: marks that sit on the letter before them."""
_NOT_CONJUNCTION_MARKS = "\u064f\u0650\u0652\u064c\u064d"
"""Damma, kasra, sukun and their tanwin: on a first و or ف they show it is the word's own letter."""
_QUOTE_OPENERS = '«“"'
_BARE_THAT = frozenset({"ان", "بان"})
"""«أن»، «إن» and «بأن» folded: a that with no pronoun of its own."""
_OPEN_ENDS = _PUNCT.replace("»", "").replace("”", "").replace(")", "") + " "
"""What a cut headline may not end with: punctuation but a closing quote or bracket, and spaces."""


@dataclass(frozen=True)
class Rules:
    """The headline rules of data/headlines.yaml, folded for comparison."""

    limit: int
    shortest: int
    connectives: tuple[tuple[str, ...], ...]
    anaphoric: tuple[tuple[str, ...], ...]
    aside_firsts: frozenset[str]
    """The first words of the pluperfect and of the phrases that point back or remind (opens_as_aside)."""
    reminders: tuple[tuple[str, ...], ...]
    not_connective: frozenset[str]
    pluperfect: frozenset[str]
    particle: str
    attribution: frozenset[str]
    statement_verbs: frozenset[str]
    complementizers: frozenset[str]
    complementizer_not_written: frozenset[str]
    complementizer_not_after: frozenset[str]
    speaker_ends: frozenset[str]
    speaker_titles: frozenset[str]
    speaker_words: int
    not_speakers: frozenset[str]
    aside: re.Pattern[str]
    relative: tuple[tuple[str, ...], ...]
    time_frames: frozenset[str]
    date_frames: frozenset[str]
    weekdays: frozenset[str]
    cut_marks: str
    cut_before: frozenset[str]
    partitives: frozenset[str]
    dangling: frozenset[str]
    name_openers: frozenset[str]
    calendar_links: frozenset[str]
    demonstratives: frozenset[str]
    future_prefixes: tuple[str, ...]
    title_marks: tuple[str, ...]
    title_clause_words: int
    same_subject: tuple[str, ...]
    same_subject_particles: frozenset[str]
    dual_ending: tuple[str, ...]
    dual_reach: int
    title_mark_clause_words: int
    pair_takers: tuple[tuple[str, ...], ...]
    english_connectives: frozenset[str]
    frame_openers: frozenset[str]
    topic_openers: frozenset[str]
    frame_words: int
    long_frame_opener: str
    long_frame_words: int
    topic_words: int
    times_of_day: frozenset[str]
    time_openers: frozenset[str]
    leading_frames: tuple[tuple[str, ...], ...]
    placing_frame_verbs: frozenset[str]
    placing_frame_words: frozenset[str]
    placing_frame_reach: int
    count_qualifiers: frozenset[str]
    count_comparatives: frozenset[str]
    frame_goes_on: tuple[tuple[str, ...], ...]
    clause_links: frozenset[str]
    clause_openers: tuple[tuple[str, ...], ...]
    reply_frames: tuple[tuple[str, ...], ...]
    relative_pronouns: frozenset[str]
    main_clause_words: int
    date_clause_links: tuple[tuple[str, ...], ...]
    date_clause_resumptive: frozenset[str]
    date_clause_not_before: frozenset[str]
    quote_breaks: tuple[tuple[str, ...], ...]
    verb_conjunctions: tuple[tuple[str, ...], ...]
    time_conjunctions: frozenset[str]
    adverbs: tuple[tuple[str, ...], ...]
    quote_relatives: frozenset[str]
    quote_relative_reach: int
    quote_asides: frozenset[str]
    quote_words: int
    dateline_outlets: frozenset[str]
    kickers: frozenset[str]
    copulas: frozenset[str]
    day_after: frozenset[str]
    ordinals: frozenset[str]
    months: frozenset[str]


def _phrases(items: Sequence[str]) -> tuple[tuple[str, ...], ...]:
    """Return each phrase as its folded words, longest first (so the longest match wins)."""
    found = {tuple(arabic.words(item)) for item in items}
    return tuple(sorted((p for p in found if p), key=lambda p: (-len(p), p)))


def in_adverb(words: Sequence[str], k: int) -> bool:
    """Return True when words[k] ends an adverbial phrase of the rules' `adverbs` ("العمل عن بعد":
    remotely): then a link word (بعد) is no link."""
    return any(
        k + 1 >= len(phrase) and tuple(core_word(w) for w in words[k + 1 - len(phrase) : k + 1]) == phrase
        for phrase in rules().adverbs
    )


def _folded(items: Sequence[str]) -> frozenset[str]:
    """Return the folded words of a list of single words (a phrase of several words is a list of
    _phrases: folded here, its words would each stand for it)."""
    if any(len(arabic.words(item)) > 1 for item in items):
        phrases = [item for item in items if len(arabic.words(item)) > 1]
        raise ValueError(f"headlines.yaml: a phrase among single words: {phrases}")
    return frozenset(w for item in items for w in arabic.words(item))


@cache
def rules() -> Rules:
    """Return the headline rules, read once."""
    from generator.temporal.lexicon import data as lexicon

    data = yamldata.parse(_RULES_FILE.read_text(encoding="utf-8"))
    weekdays = {w for names in lexicon()["weekdays"].values() for name in names for w in arabic.words(name)}
    months = {
        arabic.words(name)[0]
        for table in ("months", "hijri_months")
        for names in lexicon()[table].values()
        for name in names
        if not name.startswith("شهر")
    }
    openers = "|".join(re.escape(w) for w in sorted(data["aside_openers"], key=len, reverse=True))
    aside = re.compile(rf"[،,]\s*(?:و?(?:{openers}))\s[^،,.؛]{{0,80}}?[،,]\s*")
    return Rules(
        limit=int(data["limit"]),
        shortest=int(data["shortest"]),
        connectives=_phrases(data["connectives"]),
        anaphoric=_phrases(data["anaphoric"]),
        aside_firsts=frozenset(p[0] for p in _phrases(data["anaphoric"]) + _phrases(data["reminders"]))
        | _folded(data["pluperfect"]),
        reminders=_phrases(data["reminders"]),
        not_connective=_folded(data.get("not_connective", [])),
        pluperfect=_folded(data["pluperfect"]),
        particle=arabic.fold(data["pluperfect_particle"]),
        attribution=_folded(data["attribution_verbs"]),
        statement_verbs=_folded(data["statement_verbs"]),
        complementizers=_folded(data["complementizers"]),
        complementizer_not_written=frozenset(
            arabic.written_words(" ".join(data["complementizer_not_written"]))
        ),
        complementizer_not_after=_folded(data["complementizer_not_after"]),
        speaker_ends=_folded(data["speaker_ends"]),
        speaker_titles=_folded(data["speaker_titles"]),
        speaker_words=int(data["speaker_words"]),
        not_speakers=_folded(data["not_speakers"]),
        aside=aside,
        relative=_phrases(data["relative"]),
        time_frames=_folded(data["time_frames"]),
        date_frames=_folded(data["date_frames"]),
        weekdays=frozenset(_bare(w) for w in weekdays),
        months=frozenset(_bare(w) for w in months),
        cut_marks="".join(data["cut_marks"]),
        cut_before=_folded(data["cut_before"]),
        partitives=_folded(data["partitives"]),
        dangling=_folded(data["dangling"]),
        name_openers=_folded(data["name_openers"]),
        calendar_links=_folded(data["calendar_links"]),
        demonstratives=_folded(data["demonstratives"]),
        future_prefixes=tuple(arabic.fold(p) for p in data["future_prefixes"]),
        title_marks=tuple(data["title_marks"]),
        title_clause_words=int(data["title_clause_words"]),
        same_subject=tuple(data["same_subject"]),
        same_subject_particles=_folded(data["same_subject_particles"]),
        dual_ending=tuple(data["dual_ending"]),
        dual_reach=int(data["dual_reach"]),
        title_mark_clause_words=int(data["title_mark_clause_words"]),
        pair_takers=_phrases(data["pair_takers"]),
        english_connectives=frozenset(w.lower() for w in data["english_connectives"]),
        frame_openers=_folded(data["frame_openers"]),
        topic_openers=_folded(data["topic_openers"]),
        frame_words=int(data["frame_words"]),
        long_frame_opener=arabic.fold(data["long_frame_opener"]),
        long_frame_words=int(data["long_frame_words"]),
        topic_words=int(data["topic_words"]),
        times_of_day=_folded(data["times_of_day"]),
        time_openers=_folded(data["time_openers"]),
        leading_frames=_phrases(data["leading_frames"]),
        placing_frame_verbs=_folded(data["placing_frame_verbs"]),
        placing_frame_words=_folded(data["placing_frame_words"]),
        placing_frame_reach=int(data["placing_frame_reach"]),
        count_qualifiers=_folded(data["count_qualifiers"]),
        count_comparatives=_folded(data["count_comparatives"]),
        frame_goes_on=_phrases(data["frame_goes_on"]),
        clause_links=_folded(data["clause_links"]),
        clause_openers=_phrases(data["clause_openers"]),
        reply_frames=_phrases(data["reply_frames"]),
        relative_pronouns=_folded(data["relative_pronouns"]),
        main_clause_words=int(data["main_clause_words"]),
        date_clause_links=_phrases(data["date_clause_links"]),
        date_clause_resumptive=_folded(data["date_clause_resumptive"]),
        date_clause_not_before=_folded(data["date_clause_not_before"]),
        quote_breaks=_phrases(data["quote_breaks"]),
        verb_conjunctions=_phrases(data["verb_conjunctions"]),
        time_conjunctions=_folded(data["time_conjunctions"]),
        adverbs=_phrases(data["adverbs"]),
        quote_relatives=_folded(data["quote_relatives"]),
        quote_relative_reach=int(data["quote_relative_reach"]),
        quote_asides=_folded(data["quote_asides"]),
        quote_words=int(data["quote_words"]),
        dateline_outlets=frozenset(_bare(w) for w in _folded(data["dateline_outlets"])),
        kickers=_folded(data["kickers"]),
        copulas=_folded(data["copulas"]),
        day_after=_folded(data["day_after"]),
        ordinals=_folded(
            [w for spelled in lexicon()["ordinals"].values() for w in spelled] + data["last_days"]
        ),
    )


def _bare(word: str) -> str:
    """Return a folded word without its article, for weekday names written with or without it."""
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


@lru_cache(maxsize=1 << 16)
def core_word(token: str) -> str:
    """Return a token folded, without the punctuation around it."""
    return arabic.fold(token.strip(_PUNCT + _DASHES))


def _zipf(word: str) -> float:
    from generator.wordweights import zipf

    return zipf(word)


def is_connective_letter(token: str, rule: Rules | None = None) -> bool:
    """Return True when a first word's leading و or ف is a conjunction, not part of the word.

    The rest must be a more common word than the whole ("وأعلنت" -> "أعلنت"; "وزارة" stays).
    """
    if rule is None or rule is rules():
        return _connective_letter(token)
    return _is_connective_letter(token, rule)


@lru_cache(maxsize=1 << 14)
def _connective_letter(token: str) -> bool:
    return _is_connective_letter(token, rules())


def _is_connective_letter(token: str, rule: Rules) -> bool:
    core = core_word(token)
    if core in ("و", "ف"):
        return True  # written apart: "و عقد"
    if len(core) < 3 or core[0] not in "وف" or core in rule.not_connective:
        return False
    written = token.strip(_PUNCT + _DASHES)
    if written[1:2] in _NOT_CONJUNCTION_MARKS:
        # "وُئدت": a و with its own damma, kasra or sukun is the word's letter (a conjunction takes fatha)
        return False
    rest = core[1:]
    if rest in rule.attribution or rest in rule.pluperfect or rest == rule.particle:
        return True
    if written[1:2] in "أإآ" or (rest.startswith("ال") and len(rest) > 3 and _zipf(core) <= _zipf(rest)):
        return True  # no word starts و+hamza, and ال opens the noun after a glued و (والمعتصمون)
    if len(rest) >= 3 and _zipf(core) <= wordweights.RARE and _zipf(rest) <= wordweights.RARE:
        whole, behind = arabic.without_suffix(core), arabic.without_suffix(rest)
        # both unknown to the word list: a glued و before a foreign name (وجونسن، ولعمامرة), unless
        # without a pronoun the whole is a word and the rest is not ("وقوفها": وقوف)
        return whole == core or _zipf(behind) >= _zipf(whole)
    if rest.startswith(rule.future_prefixes) and len(rest) >= 4 and _zipf(rest) >= _zipf(core):
        return True  # "وسيعلق": a future verb, as rare as the whole in the word list
    return _zipf(rest) > _zipf(core) + 0.3


def starts_with(words: Sequence[str], phrases: Sequence[tuple[str, ...]]) -> int:
    """Return how many leading words form one of the phrases (0 when none does)."""
    if not words:
        return 0
    first = core_word(words[0])
    by_first = _by_first_word(phrases)
    glued = first[:1] in "وف"
    if first not in by_first and not (glued and first[1:] in by_first):
        return 0
    cores = [first, *(core_word(w) for w in words[1:6])]
    for phrase in by_first.get(first, ()):
        if tuple(cores[: len(phrase)]) == phrase:
            return len(phrase)
    if glued:  # the phrase behind a glued و/ف ("وكما", "ومن جهته")
        behind = [first[1:], *cores[1:]]
        for phrase in by_first.get(first[1:], ()):
            if tuple(behind[: len(phrase)]) == phrase:
                return len(phrase)
    return 0


_BY_FIRST: dict[int, tuple[Sequence[tuple[str, ...]], dict[str, list[tuple[str, ...]]]]] = {}


def _by_first_word(phrases: Sequence[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    """Return the phrases by their first word, longest first (worked out once per list)."""
    known = _BY_FIRST.get(id(phrases))
    if known is None or known[0] is not phrases:
        index: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted((p for p in phrases if p), key=len, reverse=True):
            index.setdefault(phrase[0], []).append(phrase)
        known = _BY_FIRST[id(phrases)] = (phrases, index)
    return known[1]


_CLITIC_LETTERS = "وفبلك"
"""Letters glued before a word (a conjunction, a preposition): before a date, they go with it."""


def _blank(sentence: str, spans: Sequence[tuple[int, int]]) -> str:
    """Return the sentence with each date span replaced by a marker word, the letters glued before it
    ("بنهاية سبتمبر") included."""
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at or end > len(sentence):
            continue
        glued = len(sentence[:start]) - len(sentence[:start].rstrip(_CLITIC_LETTERS))
        if 0 < glued <= 2 and (start == glued or sentence[start - glued - 1].isspace()):
            start = max(at, start - glued)  # "بنهاية سبتمبر": the ب goes with its date
        out += [sentence[at:start], f" {_GONE} "]
        at = end
    out.append(sentence[at:])
    return "".join(out)


def _drop_dateline(text: str) -> str:
    """Return the text without a leading dateline ("السويس – 24 مارس (النيل) –", "بيروت - «موقع»:",
    "تونس – بوابة المقطم:")."""
    quoted = re.match(rf"\s*[^{_DASHES}:«(]{{1,40}}?:\s*«[^»]{{1,40}}»\s*[{_DASHES}:]\s", text)
    if quoted is not None and len(text[: quoted.group().find(":")].split()) <= 3:
        return text[quoted.end() :]  # "لندن: «المهجر» –": the city, then the outlet in quotes
    head = re.match(rf"\s*([^{_DASHES}:«(]{{1,40}}?)\s[{_DASHES}]\s", text)
    if head is None or len(head.group(1).split()) > 3:
        return text
    rest = text[head.end() :]
    tail = re.match(rf"([^{_DASHES}:]{{0,80}}?)\s*[{_DASHES}:]\s", rest)
    if (
        tail is not None
        and re.search(rf"[(«\d{_GONE}]", tail.group(1))
        and _dateline_tail(head.group(1), tail.group(1))
    ):
        return rest[tail.end() :]
    outlet = re.match(r"([^\s:،,.]+)((?:\s[^\s:،,.]+){0,2}):\s", rest)
    if outlet is not None and (
        _bare(core_word(outlet.group(1))) in rules().dateline_outlets
        or (_names_only(head.group(1), outlet.group()) and len(rest[outlet.end() :].split()) >= LEAD_WORDS)
    ):
        return rest[outlet.end() :]  # "تونس – بوابة المقطم: أعلنت…"، "الخرطوم – النفود: قال…"
    if re.search(rf"[(\d{_GONE}]", head.group(1)):
        return rest
    return text


def _dateline_tail(place: str, tail: str) -> bool:
    """Return True for a dateline's part after its place that is short ("24 مارس (النيل)"), or after a
    place of plain words a date in two calendars ("الأحد ١٦ صفر ١٤٣٩هـ الموافق ٥ نوفمبر ٢٠١٧م"; not after
    "وأعلنت الوزارة")."""
    words = tail.split()
    if len(words) <= 6:
        return True
    rule = rules()
    named = [arabic.fold(w) for w in place.split()]
    return (
        len(words) <= DATELINE_WORDS
        and bool(rule.calendar_links.intersection(map(arabic.fold, words)))
        and not any(w in arabic.stopwords() or is_connective_letter(w, rule) for w in named)
    )


def _names_only(place: str, outlet: str) -> bool:
    """Return True for a place of one or two words and an outlet of up to three, with no particle, digit or
    punctuation in either: a dateline ("الرباط – أبي رقراق:"), not a clause ("وقال – في بيان:"). (Before a
    lead's LEAD_WORDS words or more: a title "السودان – الانقلاب الثاني: ما الذي تغير" keeps its head.)"""
    words = place.split() + outlet.rstrip(": ").split()
    return (
        len(place.split()) <= 2
        and all(re.fullmatch(r"[\u0621-\u064a\u0671-\u06d3]+", w) for w in words)
        and not any(arabic.fold(w) in arabic.stopwords() for w in words)
    )


@lru_cache(maxsize=1 << 12)
def dateline_end(text: str) -> int:
    """Return where a sentence's body starts after a leading dateline, or 0 with none: "السويس – 24
    مارس (النيل) –", "مسقط في 11 يناير /مسقط للأنباء/ –", "الخرطوم 11 أبريل 2019 /المقرن/ –"."""
    dropped = _drop_dateline(text)
    if dropped is not text:
        return max(len(text) - len(dropped), _long_dateline_end(text))  # and its date after the outlet
    head = re.match(rf"\s*([^{_DASHES}:«]{{3,80}}?)\s[{_DASHES}](?:\s|$)", text)
    agency = head is not None and re.search(r"/[^/]+/|\([^()]+\)", head.group(1))  # /وكالة/, (وكالة)
    if head is not None and agency and len(head.group(1).split()) <= 8 and _opens_with_place(head.group(1)):
        return head.end()
    return _long_dateline_end(text) or label_end(text)


def names_an_outlet(text: str, own: str = "") -> bool:
    """Return True for a few words that only name an outlet ("بوابة الساحل الغربي"، "«الواحات»"), as a
    dateline's last part does: a word of the lexicon's dateline_outlets first, a name in quotes alone, or
    words of the article's `own` outlet's name ("كارون" of "وكالة كارون للأنباء")."""
    words = text.strip(" \t" + _DASHES + ":،,").split()
    if not 0 < len(words) <= OUTLET_WORDS:
        return False
    quoted = words[0][:1] == "«" and words[-1][-1:] == "»"
    named = {core_word(w) for w in own.split()}
    return (
        quoted
        or _bare(core_word(words[0])) in rules().dateline_outlets
        or bool(named)
        and all(core_word(w) in named for w in words)
    )


def label_end(text: str) -> int:
    """Return where a date that labels a paragraph ends, past its colon ("الاثنين 7 تشرين الأول: بدأت…"،
    "- الجمعة 12 أكتوبر: …"، "السبت 27 أغسطس – 06:40: …"), or 0: a roundup's day, which the entry shows
    beside its headline."""
    label = re.match(r"[\s\-–—•*·]*([^:：«»]{3,40}?(?:[0-9٠-٩]{1,2}:[0-9٠-٩]{2})?)[:：]\s", text)
    if label is None or len(label.group(1).split()) > 6 or not re.search(r"\d", label.group(1)):
        return 0
    return label.end() if _opens_with_place(label.group(1)) else 0


def _opens_with_place(head: str) -> bool:
    """Return True when a dateline's head holds a date after a few words, none a particle: a place,
    perhaps an outlet and a weekday ("الرياض – الوادي – الأربعاء 17 …"), not a sentence ("وأعلنت
    الوزارة (في بيان) أن 5 أشخاص")."""
    digit = re.search(r"\d", head)
    if digit is None:
        return False
    place = re.findall(r"\w+", arabic.fold(head[: digit.start()]))  # folded: "عمّان" is one word
    return len(place) <= 3 and not any(w in arabic.stopwords() for w in place)


_DATELINE_MARK = re.compile(rf"\s[{_DASHES}]+(?:\s|$)|:(?:\s|$)")


def _long_dateline_end(text: str) -> int:
    """Return where a dateline of several parts ends, or 0: "الرياض – الوادي – الأربعاء 17 صفر 1441هـ
    الموافق 16 أكتوبر 2019م:", "الرياض 11 صفر 1440 هـ الموافق 20 أكتوبر 2018 م (الواحة) –", "بقيق
    (السعودية) – 20 – 9 (الديرة) --", "الرياض، الاثنين 4 يوليو 2016م – «الواحة»:". Its parts are short,
    it holds a date (a digit) and it names the agency (in brackets or slashes, or last in «») or is at
    least three parts (city, outlet, date; "الجزائر – «الدرعية» – الأربعاء ١١ ربيع الأول ١٤٣٤هـ الموافق ٢٣
    يناير ٢٠١٣م:")."""
    ends = [m for m in _DATELINE_MARK.finditer(text, 0, DATELINE_REACH)]
    for mark in reversed(ends):
        head = text[: mark.start()]
        parts = re.split(rf"\s[{_DASHES}]+\s", head)
        named = [re.fullmatch(r"«[^«»]{1,30}»", p.strip()) is not None for p in parts]
        outlet = named[-1] or any(named[1:])  # "… – «الواحة»:"، "الجزائر – «الدرعية» – الأربعاء …:"
        if len(head.split()) > DATELINE_WORDS or any(len(p.split()) > 12 for p in parts):
            continue
        if any("«" in p for p, quoted in zip(parts, named, strict=True) if not quoted):
            continue
        if _opens_with_place(head) and (outlet or re.search(r"/[^/]+/|\([^()]+\)", head) or len(parts) >= 3):
            return mark.end()
    return 0


def _drop_time(words: list[str], rule: Rules) -> list[str]:
    """Return the words without date markers, relative time phrases, and the weekday names and
    framing words ("يوم", "صباح", "في") that went with them."""
    words, out = list(words), []
    i = 0
    outside = _outside_quotes(words)  # a quote (or an outlet's name, «أم درمان اليوم») is kept whole
    while i < len(words):
        timed = outside[i] and starts_with(words[i:], rule.relative)  # words of a time phrase here
        n = 1 if _GONE in words[i] else timed
        if not n:
            out.append(words[i])
            i += 1
            continue
        trailing = words[i + n - 1][-1] if words[i + n - 1][-1] in "،,.؛" else ""
        i += n
        if not trailing and i < len(words) and core_word(words[i]) in rule.ordinals:
            trailing = words[i][-1] if words[i][-1] in "،,.؛" else ""
            i += 1  # "وفي اليوم الثاني، …": the second day of something, a count, not today
        if not trailing and core_word(words[i - 1]) in rule.day_after:
            anchor = _anchor_words(words[i:], opening=all(_frames_time(w, rule) for w in out))
            if anchor:  # "في اليوم التالي لاندلاع الاحتجاجات،": the day after what
                i += anchor
                trailing = words[i - 1][-1] if words[i - 1][-1] in "،,.؛" else ""
        while i < len(words) and (_bare(core_word(words[i])) in rule.weekdays | {_GONE} or words[i] in "،,"):
            trailing = words[i][-1] if words[i][-1] in "،,.؛" else trailing
            i += 1
        if len(out) > 1 and core_word(out[-1]) in rule.demonstratives and _frames_time(out[-2], rule):
            out.pop()  # "صباح ذلك الأربعاء": that morning goes with its day
        while out and _frames_time(out[-1], rule) and out[-1][-1] not in "،,":
            opener = out.pop()[:1]
            if opener in _QUOTE_OPENERS or opener == "(":
                out.append(opener)  # "«ابتداءً من اليوم»": the quote's marks stay, to go together
                break
        if trailing and out:
            if out[-1][-1] in "،,":
                out[-1] = out[-1][:-1]  # the time stood between two commas: neither is left
            elif out[-1][-1] not in ".؛":
                out[-1] += trailing
        if out and core_word(out[-1]) in rule.topic_openers and i < len(words) and words[i][:1] == "ف":
            out.pop()  # "أما يوم الثلاثاء فكانت الرسالة…": the time was the topic; "كانت الرسالة…"
            words[i] = words[i][1:]
    return out


_ANCHOR_WORDS = 4
"""Words of what a day comes after ("اليوم التالي لاندلاع الاحتجاجات"), at most, dropped with it."""


def _anchor_words(words: Sequence[str], opening: bool) -> int:
    """Return how many of the words tell what a day comes after ("لاندلاع الاحتجاجات"، "للهجوم"): a
    word with ل and the definite words of its phrase; when the time opens the sentence, its words up to
    the comma that closes the frame ("في اليوم التالي لوصوله إلى بغداد، أعلن…")."""
    if not words or words[0][:1] != "ل":
        return 0
    if opening:
        comma = next((k for k, w in enumerate(words[:_ANCHOR_WORDS]) if w[-1] in "،,"), None)
        if comma is not None:
            return comma + 1
    n = 1
    while n < min(len(words), _ANCHOR_WORDS) and words[n - 1][-1] not in "،,.؛":
        if not core_word(words[n]).startswith("ال"):
            break
        n += 1
    return n


def _with_anchors(
    sentence: str, spans: Sequence[tuple[int, int]], rule: Rules
) -> tuple[tuple[int, int], ...]:
    """Return the date spans of a sentence, one that ends with a day-after word ("في اليوم التالي")
    stretched over what that day comes after ("للهجوم"): it goes with its date."""
    found = []
    for start, end in spans:
        written = sentence[start:end].split()
        if written and core_word(written[-1]) in rule.day_after:
            after = list(re.finditer(r"\S+", sentence[end:]))
            before = sentence[min(dateline_end(sentence), start) : start].split()
            opening = all(_frames_time(w, rule) for w in before if core_word(w))
            anchor = _anchor_words([m.group() for m in after], opening)
            if anchor:
                end += after[anchor - 1].end()
        found.append((start, end))
    return tuple(found)


def _frames_time(token: str, rule: Rules) -> bool:
    """Return True for a word that only frames a time ("يوم"، "صباح"، "في"، a weekday), with or without
    a glued و or ف ("وفي")."""
    bare = _bare(core_word(token))
    frames = rule.time_frames | rule.weekdays | rule.date_frames
    return bare in frames or (bare[:1] in "وف" and bare[1:] in frames)


def _outside_quotes(words: Sequence[str]) -> list[bool]:
    """Return, per word, whether it stands outside «…»."""
    found, depth = [], 0
    for word in words:
        found.append(depth + word.count("«") == 0)
        depth += word.count("«") - word.count("»")
    return found


def _drop_openers(words: list[str], rule: Rules) -> list[str]:
    """Return the words without leading connectives, a glued و/ف and the pluperfect frame."""
    return _openers_dropped(words, rule)[0]


def _openers_dropped(words: list[str], rule: Rules, joined: bool = False) -> tuple[list[str], bool]:
    """Return _drop_openers of the words, and whether a conjunction or «قد» went right before what is
    left (`joined`: one went before these words). A ف right after one is the word's own letter ("وفتحت":
    opened; "وقد فقد": lost)."""
    for _ in range(6):
        if not words:
            return words, joined
        n = starts_with(words, rule.connectives)
        if n:
            words = words[n:]
            if words and not core_word(words[0]):
                words = words[1:]
            continue
        first = words[0]
        if is_connective_letter(first, rule) and not (joined and first[0] == "ف"):
            rest = first[1:].lstrip(_HARAKAT)  # "وَأعلنت": the conjunction's fatha goes with it
            words = ([rest] if rest else []) + words[1:] if first[0] in "وف" else words
            joined = True
            continue
        frame = _frame_length(words, rule)
        if frame:
            words, joined = words[frame:], False  # "وبحسب القضاء، فقد اندلع…": the ف answers the frame
            if words and core_word(words[0]) in rule.relative_pronouns:  # "وفي كامبريلس، التي شهدت…، نظمت"
                end = next(
                    (k for k, w in enumerate(words[: rule.topic_words]) if w.endswith(("،", ","))), None
                )
                words = words[end + 1 :] if end is not None and end + 1 < len(words) else words
            continue
        topic = _topic_frame(words, rule)
        if topic is not None:
            words, joined = topic, False
            continue
        core = core_word(first)
        if core in rule.pluperfect:
            after = words[1:]
            for k, w in enumerate(after[:10]):
                if core_word(w) == rule.particle:
                    after = after[:k] + after[k + 1 :]
                    break
            words = after
            continue
        if core == rule.particle:
            words = words[1:]
            joined = True
            continue
        if first.strip() in "،,:؛" or not core:
            words = words[1:]
            continue
        break
    return words, joined


def _attribution(words: list[str], rule: Rules) -> list[str]:
    """Return "Speaker: clause" for "قال Speaker … إن clause" (the clause alone for a long speaker)."""
    if not words or core_word(words[0]) not in rule.attribution | rule.statement_verbs:
        return words
    cores = [core_word(w) for w in words[:30]]
    k = next(
        (
            i
            for i, c in enumerate(cores)
            if i > 0
            and _complementizer(words[i], c, rule)
            and cores[i - 1] not in rule.complementizer_not_after
        ),
        None,
    )
    quoted = next(  # past a name in quotes: "قال قائد «قسد» مظلوم عبدي …"، "…لمراسل «نخيل»: «…»"
        (
            i
            for i, w in enumerate(words[:30])
            if i > 1
            and w[:1] in _QUOTE_OPENERS
            and not _names_in_quotes(words, i, k if k is not None and i < k else None)
        ),
        None,
    )
    if core_word(words[0]) in rule.statement_verbs:
        quoted = None  # "أعلن" before a quote names what it announces ("أعلن «خطة…»")
    if quoted is not None and core_word(words[quoted - 1]) in rule.speaker_ends:
        quoted = None  # "كتب … في تدوينة على «فيسبوك» أن…": where it was said, a name
    said = words
    if quoted is not None and (k is None or quoted < k):  # "قال كيربي في بيان «نبحث…»": the quote is said
        said = [*words[:quoted], "أن", *words[quoted:]]
        k = quoted
    if k is None or k + 1 >= len(said):
        return words
    if core_word(words[0]) in rule.statement_verbs and core_word(said[k]) not in _BARE_THAT:
        return words  # "أعلنت القوات المسلحة أنها دفعت…": its own subject, better kept whole
    speaker = _speaker(said[1:k], rule)
    clause = said[k + 1 :]
    if len(" ".join(clause)) < rule.shortest:
        return words  # "…واصفا البيان بأنه صادر عن «جهات غير دستورية»": too little said on its own
    if 1 <= len(speaker) <= rule.speaker_words:
        return [*speaker[:-1], speaker[-1] + ":", *clause]
    return clause


def _complementizer(word: str, core: str, rule: Rules) -> bool:
    """Return True for a word (`core`, its core_word) that opens a reported clause («إن»، «بأن»), not one
    that only folds like one («بان كي مون»)."""
    return (
        core in rule.complementizers
        and "".join(arabic.written_words(word)) not in rule.complementizer_not_written
    )


def _speaker(words: list[str], rule: Rules) -> list[str]:
    """Return who says, from the words between a verb of saying and its «إن» ([] for "وأشار إلى أن…")."""
    speaker: list[str] = []
    title = 0  # where a title's «لل…» began ("الأمين العام للأمم المتحدة"): the speaker may end there
    for w in words:
        titled = bool(speaker) and core_word(speaker[-1]) in rule.speaker_titles
        if speaker and (core_word(w) in rule.speaker_ends or (w.startswith(("لل", "لـ")) and not titled)):
            break  # "في بيان"، "للتلفزيون": where or to whom it was said, not who said it
        if titled and w.startswith(("لل", "لـ")) and not title:
            title = len(speaker)
        speaker.append(w)
        if w[-1] in "،,":
            break
    if title and len(speaker) > rule.speaker_words:
        speaker = speaker[:title]  # too long with the title's body: "الأمين العام" alone
    while speaker and core_word(speaker[0]) in rule.not_speakers:
        speaker = speaker[1:]  # "وأشار إلى أن…": no speaker; "الكشف عن هويته" keeps its «عن»
    speaker = [w.rstrip("،,:") for w in speaker if core_word(w)]  # "وأضاف روحاني: «…»" has its colon
    return [w for w in speaker if core_word(w) not in rule.times_of_day]  # "وقال الوزير مساءً، إن…"


def says_on(sentence: str, before: str) -> bool:
    """Return True when a sentence opens with a verb of saying and no speaker ("وأضاف أن…") or one the
    sentence before names ("وقال نصر الله…" after "حمّل… حسن نصر الله…"): it goes on with those words."""
    rule = rules()
    words = _drop_openers(sentence.split()[:30], rule)
    if not words or core_word(words[0]) not in rule.attribution:
        return False
    cores = [core_word(w) for w in words]
    k = next((i for i, c in enumerate(cores) if i > 0 and _complementizer(words[i], c, rule)), len(words))
    speaker = {core_word(w) for w in _speaker(words[1:k], rule)}
    return speaker <= {core_word(w) for w in before.split()}


def _names_in_quotes(words: list[str], quoted: int, k: int | None) -> bool:
    """Return True when the quote that opens at word `quoted` closes within a few words, before «إن» at
    `k` (the speaker going on after it or not), or, with no «إن», closes within two words and the
    sentence goes on ("أفاد التلفزيون الخاص «النهار» بالعثور على…"): it names an outlet or a body, not what
    was said."""
    reach = min(k, quoted + 5) if k is not None else min(len(words), quoted + 2)
    close = next((i for i in range(quoted, reach) if "»" in words[i] or "”" in words[i]), None)
    if k is None:
        return close is not None and close + 1 < len(words) and bool(core_word(words[close + 1]))
    return close is not None and close < k


def _tidy(text: str) -> str:
    """Return text with the punctuation left by removals made good."""
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"\(\s*\)|«\s*»", " ", text)
    text = re.sub(r"\s+([،,.؛:»”؟?!])", r"\1", text)
    text = re.sub(r"([«“])\s+", r"\1", text)
    text = re.sub(r"[،,]\s*[،,]", "،", text)
    text = re.sub(r"[،,]\s*([.؛:])", r"\1", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text.strip("،,.؛:;- " + _DASHES).strip()


def _balanced(text: str) -> str:
    """Return text with its open quotes closed (or the unclosed quote dropped when it says little), and
    a closing mark whose opening one was left out dropped («ثم تكرر المشهد…، وهو رقم نفسي» without «ثم)."""
    for opener, closer in _QUOTES.items():
        if closer in text:
            text = _without_stray(text, opener, closer)
        while text.count(opener) > text.count(closer):
            at = text.rfind(opener)
            text = text + closer if len(text[at:]) > 12 else text[:at].rstrip("،, ")
    if text.count('"') % 2:
        text += '"'
    return text


def _without_stray(text: str, opener: str, closer: str) -> str:
    """Return text without each closing mark that no opening mark before it opens."""
    kept, depth = [], 0
    for char in text:
        if char == opener:
            depth += 1
        elif char == closer:
            if depth == 0:
                continue
            depth -= 1
        kept.append(char)
    return "".join(kept).strip() if len(kept) < len(text) else text


def cut(text: str, rule: Rules | None = None) -> str:
    """Return text cut to the rules' limit at the last phrase boundary before it, the quotes it leaves
    open closed within the limit too; never an ellipsis."""
    rule = rule or rules()
    text = text.replace("…", "").replace("...", "").strip()
    limit = rule.limit
    while True:
        written = _cut(text, rule, limit)
        if len(written) <= rule.limit or limit <= rule.shortest:
            return written
        limit -= len(written) - rule.limit  # the closing marks took room: cut shorter


def _cut(text: str, rule: Rules, limit: int) -> str:
    """Return text cut at the last phrase boundary before `limit` (cut), its open quotes closed."""
    if len(text) <= limit:
        return _settled(text.split(), rule)
    speaker = text.find(":")  # "X: …": never cut at or before the speaker's colon
    if len(text[:speaker].split()) > rule.speaker_words:
        speaker = -1  # a colon further on ("…، كتب فيها: «…»") follows no speaker
    marks = [i for i, ch in enumerate(text[: limit + 1]) if ch in rule.cut_marks and i > speaker]
    bounds = list(marks)
    weak = []  # before a glued و: often two nouns ("الشد والدفع"), so only when nothing else will do
    previous = core_word(text.split(None, 1)[0]) if text.strip() else ""
    for m in re.finditer(r"\s(\S+)", text[: limit + 1]):
        word = core_word(m.group(1))
        if word in rule.cut_before and previous not in rule.partitives:  # "عدد من المساجد": no boundary
            bounds.append(m.start())
        elif (
            word[:1] == "و"
            and is_connective_letter(m.group(1), rule)
            and not _takes_pair(text[: m.start()].split(), rule)  # never inside a pair ("بين قطر والسعودية")
        ):
            weak.append(m.start())
        previous = word
    bounds = [b for b in bounds if not _in_quote(text, b)]
    weak = [b for b in weak if not _in_quote(text, b)]  # "«على وشك…»": no conjunction; a quote stays whole
    good = [b for b in bounds if b >= rule.shortest + 10] or [b for b in weak if b >= rule.shortest + 10]
    # A mark past half the limit is the surest boundary ("…بنحو مليار دولار، موضحاً أن المبلغ يشمل ما…").
    good = [b for b in marks if b >= limit // 2 and b in bounds] or good
    if good:
        at = max(good)
    else:
        at = text.rfind(" ", 0, limit)
        at = at if at > 0 else limit
    head = text[:at].rstrip(_OPEN_ENDS)
    words = head.split()
    while len(words) > 3 and core_word(words[-1]) in rule.cut_before | rule.time_frames:
        words.pop()
    return _settled(words, rule)


def _settled(words: list[str], rule: Rules) -> str:
    """Return the words without what dangles, its quotes balanced, and again without a dangling word
    once a quote left open went ("…الخطوة بأنها «طعنة" -> "…الخطوة")."""
    balanced = _balanced(_without_dangling(words, rule)).split()
    while len(balanced) > 3 and _ends_dangling(balanced, rule):
        balanced.pop()
        balanced[-1] = balanced[-1].rstrip(_OPEN_ENDS)
    return " ".join(balanced)


def _takes_pair(before: Sequence[str], rule: Rules) -> bool:
    """Return True when one of the last two words before a و ends a pair_takers phrase ("بين واشنطن
    وموسكو"، "كل من واشنطن وموسكو"): the و joins the pair it takes."""
    cores = [core_word(w) for w in before[-4:]]
    return any(
        tuple(cores[end - len(phrase) + 1 : end + 1]) == phrase
        for phrase in rule.pair_takers
        for end in (len(cores) - 1, len(cores) - 2)
        if end - len(phrase) + 1 >= 0
    )


def _in_quote(text: str, at: int) -> bool:
    """Return True when offset `at` of text lies inside a quotation («…»، “…”، "…")."""
    head = text[:at]
    return head.count("«") > head.count("»") or head.count("“") > head.count("”") or head.count('"') % 2 == 1


def _dangles(word: str, rule: Rules) -> bool:
    """Return True for a word a headline never ends with, a glued و or ف before it or not ("وبحضور")."""
    core = core_word(word)
    ends = rule.dangling | rule.time_frames | rule.partitives  # "…برفقة عدد": its «من …» was cut
    return core in ends or (core[:1] in "وف" and core[1:] in ends)


def _ends_dangling(words: list[str], rule: Rules) -> bool:
    """Return True when the last word dangles (_dangles) and is no name's second half: "علي" after "بن"
    is a name («ملعب أحمد بن علي»), not the preposition على some outlets write so."""
    return _dangles(words[-1], rule) and not (len(words) > 1 and core_word(words[-2]) in rule.name_openers)


def _day_number(word: str) -> bool:
    """Return True for a bare number that can be a day of the month ("27"، "٢٧")."""
    digits = word.strip(_PUNCT).translate(_ARABIC_INDIC)
    return digits.isdigit() and len(digits) <= 2 and 1 <= int(digits) <= 31


def _without_dangling(words: list[str], rule: Rules) -> str:
    """Return the words joined, without the trailing ones that wait for what was cut or removed
    ("…يشطر المدينة، بحسب"، "تأجيل الحكم إلى")."""
    words = list(words)
    if len(words) > 3 and _day_number(words[-1]) and core_word(words[-2]) in rule.time_frames:
        words = words[:-1]  # "…في كركوك في 27": a date's day, the rest of it cut ("27 من الشهر نفسه")
    while len(words) > 3 and _ends_dangling(words, rule):
        words.pop()
        words[-1] = words[-1].rstrip(_OPEN_ENDS)
    last = max((i for i, w in enumerate(words[:-1]) if w.endswith(("،", ","))), default=-1)
    if words and words[-1].endswith((":", "：")):  # "…، كتب فيها:": what it introduces was cut
        if last >= rule.main_clause_words:
            words = words[: last + 1]
        words[-1] = words[-1].rstrip(_OPEN_ENDS + ":：")
        last = -1
    if last >= rule.main_clause_words and len(words) - last - 1 <= 3:  # "…في حلب، حيث قتل": a stub
        words = words[: last + 1]
        words[-1] = words[-1].rstrip(_OPEN_ENDS)
    return " ".join(words)


@lru_cache(maxsize=1 << 14)
def rewrite(sentence: str, spans: tuple[tuple[int, int], ...] = (), at: int | None = None) -> str:
    """Return a sentence rewritten as a headline; `spans` are its date mentions (sentence offsets), which
    leave it but for one that completes a name (names_with_date). With `at`, where the headline's date
    lies: a date in a clause of its own (date_clause) names that clause."""
    rule = rules()
    spans = _with_anchors(sentence, [span for span in spans if not names_with_date(sentence, span[0])], rule)
    clause = date_clause(sentence, at) if at is not None else 0
    placed = at is not None and not clause and 0 <= _placing_word_at(sentence, rule) < at
    if clause:
        sentence, spans = sentence[clause:], tuple((a - clause, b - clause) for a, b in spans if a >= clause)
    text = _blank(" ".join(sentence.splitlines()), spans)
    text = _without_kicker(text[dateline_end(text) :], rule)
    text = text[_time_label_end(text) :]
    words = _drop_time(text.split(), rule)
    if clause and len(words) > 1 and core_word(words[1]) in rule.date_clause_resumptive:
        words = [words[0], *words[2:]]  # "بدأت فيه الفرق…": the time it points back to is the date's
    words, conjoined = _openers_dropped(words, rule)
    head = words[:1]
    words = _main_clause(words, rule, placed)
    words = _attribution(words, rule)
    words, _ = _openers_dropped(words, rule, conjoined and words[:1] == head)
    words = _time_clause(words, rule)
    joined = rule.aside.sub(" ", " ".join(words))
    return cut(_tidy(joined.replace(_GONE, " ")), rule)


_TIME_LABEL = re.compile(
    rf"[\s،,{_GONE}]*(?:[0-9٠-٩]{{1,2}}[:.][0-9٠-٩]{{2}}(?:\s+[^\s:：–—-]{{2,8}})?|\([^()]{{1,15}}\))\s*[:：–—-]\s"
)


def _time_label_end(text: str) -> int:
    """Return where what is left of a paragraph's label once its date went ends: a clock time (and the
    time of day) or a time of day in brackets, then a colon or dash ("06:40: دوي انفجارات…"، "، 14:15 – آلاف
    المحتجين…" after «الاثنين 29 آب»، "5:20 مساءً: أوضح…"، "(صباحاً): هدوء حذر…"); else 0."""
    found = _TIME_LABEL.match(text)
    return found.end() if found else 0


def _without_kicker(text: str, rule: Rules) -> str:
    """Return a title without the label a site puts before it ("عاجل.. الجيش يعتقل…"، "عاجل | …")."""
    return text[kicker_end(text, rule) :]


def kicker_end(text: str, rule: Rules | None = None) -> int:
    """Return where the label a site puts before a title ends ("عاجل: إطلاق نار…"), or 0 with none: a
    newsroom's word, not what happened."""
    rule = rule or rules()
    found = _BRACKETED_KICKER.match(text) or re.match(rf"\s*(\S+)\s*(?:\.\.|[|:{_DASHES}])\s*", text)
    if found is not None and core_word(found.group(1)) in rule.kickers and len(text) > found.end():
        return found.end()
    return 0


_BRACKETED_KICKER = re.compile(r"\s*\((\S+)[^()]{0,15}\)\s*")
"""A label in brackets, with its hour ("(تحيين – 16:45) أفاد…")."""


def names_with_date(sentence: str, at: int) -> bool:
    """Return True when the written date at offset `at`, a day or a month first ("25 يناير"، "تموز
    2006"), completes the indefinite noun right before it, with no mark between ("ثورة 25 يناير"، "حرب
    تموز 2006"، "انتخابات أكتوبر 2019"): part of a name, which a headline keeps. Not "عام 2005" nor
    "يوم 18 أبريل", nor a date after a defined word ("مطار بيروت الدولي 21 تشرين"), which only dates."""
    rule = rules()
    first = sentence[at:].split(None, 1)
    if not first or not (first[0][:1].isdigit() or _bare(core_word(first[0])) in rule.months):
        return False
    before = sentence[max(0, at - 40) : at]
    words = before.split()
    if not words or not before[-1:].isspace() or words[-1][-1] in _PUNCT + _DASHES:
        return False
    word = core_word(words[-1])
    bare = word[1:] if word[:1] in "وفبل" and len(word) > 3 else word
    return (
        len(bare) > 2
        and not bare.startswith("ال")
        and not any(ch.isdigit() for ch in bare)
        and not _frames_time(word, rule)
        and not {word, bare} & rule.dangling
    )


@lru_cache(maxsize=1 << 12)
def main_part(sentence: str) -> str:
    """Return a sentence up to its first clause of its own (date_clause_links: "…، في وقت تسابق فيه فرق
    الإنقاذ الزمن"), which tells another happening or the circumstance of the sentence's."""
    links = clause_links(sentence, len(sentence))
    return sentence[: links[0][0]] if links else sentence


def date_clause(sentence: str, at: int) -> int:
    """Return where the clause holding offset `at` starts, past its link, when a date_clause_links word
    opens it after the sentence's start ("…، إذ شهدت المدينة فيضانا مدمرا عام 1959") and it runs
    main_clause_words words or more; else 0: the date is the sentence's own."""
    links = clause_links(sentence, at)
    if not links:
        return 0
    start = links[-1][1]
    return start if len(sentence[start:].split()) >= rules().main_clause_words else 0


def clause_links(sentence: str, end: int) -> list[tuple[int, int]]:
    """Return where each date_clause_links phrase before offset `end` starts and ends (past the space
    after it), the sentence's first word aside."""
    rule = rules()
    folded = arabic.fold(sentence[:end])
    if not any(phrase[-1] in folded for phrase in rule.date_clause_links):
        return []  # most sentences: no link at all
    tokens = list(re.finditer(r"\S+", sentence[:end]))
    words = [t.group() for t in tokens]
    found = []
    for k in range(1, len(tokens)):
        n = starts_with(words[k : k + 6], rule.date_clause_links)
        if n and not (k + n < len(words) and core_word(words[k + n]) in rule.date_clause_not_before):
            found.append((tokens[k].start(), tokens[k + n - 1].end() + 1))
    return found


def _main_clause(words: list[str], rule: Rules, placed: bool = False) -> list[str]:
    """Return the words from the clause that tells the happening when the sentence opens with a frame
    ("بعد أن مدد بوتين الهدنة، رفض الأميركيون…" -> "رفض الأميركيون…"; "وجاءت الخطوة بعدما استقالت
    الوزيرة…" -> "استقالت الوزيرة…"); with `placed` (the headline's date lies in what a placing frame
    places the news after: _placing_word_at), what it is placed after ("ويأتي الحادث بعد أسبوعين من
    سقوط رافعة…" -> "سقوط رافعة…"); else the words as they are."""
    after = _placing_frame(words, rule) if placed else 0
    framed = starts_with(words, rule.leading_frames)
    if after and not framed:  # what follows a comma there mostly qualifies the earlier happening
        return _placed_after(words, after, rule)
    if not framed:
        return words
    answered = _answered(words, framed, rule)
    if answered:
        return answered
    for k in range(framed, min(framed + 3, len(words))):  # "جاءت الخطوة بعدما …": what it follows
        opener = starts_with(words[k:], rule.clause_openers)
        if opener:
            rest = words[k + opener :]
            return rest if len(rest) >= rule.main_clause_words else words
    for k, word in enumerate(words[:-1]):
        if not word.endswith(("،", ",")):
            continue
        rest = words[k + 1 :]
        if starts_with(rest, rule.frame_goes_on) or is_connective_letter(rest[0], rule):
            continue  # the frame goes on
        if core_word(rest[0]) in rule.clause_links:
            rest = rest[1:]
        return rest if len(rest) >= rule.main_clause_words else words
    return _placed_after(words, after, rule) if after else words


def _placed_after(words: list[str], after: int, rule: Rules) -> list[str]:
    """Return what a placing frame places the news after, from words[after] past a count of time and
    «أن» ("بعد أسبوعين من سقوط رافعة…"، "بعد أن عبر…") up to its first comma; the words when too short."""
    told = words[_past_count(words, after, rule) :]
    told = _to_comma(told[1:] if told and core_word(told[0]) in rule.complementizers else told, rule)
    return told if len(told) >= rule.main_clause_words else words


def _to_comma(words: list[str], rule: Rules) -> list[str]:
    """Return the words up to their first comma when those make a clause (main_clause_words); else all."""
    comma = next((k for k, w in enumerate(words) if w.endswith(("،", ","))), len(words) - 1)
    return words[: comma + 1] if comma + 1 >= rule.main_clause_words else words


_COUNTED_FROM = frozenset(arabic.words("من على"))
"""The words that name what a count of time counts from ("ثلاثة أيام من…"، "عام على…"), folded."""


def _time_clause(words: list[str], rule: Rules) -> list[str]:
    """Return the clause a time conjunction opens without it, up to its comma ("حين رأى سكان الخرطوم
    المروحيات…، أدركوا…" -> "رأى سكان الخرطوم المروحيات…"); the words when none opens them."""
    if len(words) < 2 or core_word(words[0]) not in rule.time_conjunctions:
        return words
    return _to_comma(words[1:], rule)


def _placing_word_at(sentence: str, rule: Rules) -> int:
    """Return where the placing word of a sentence's placing frame starts (_placing_frame), or -1."""
    tokens = list(re.finditer(r"\S+", sentence))
    words = [t.group() for t in tokens]
    start = dateline_end(sentence)
    first = next((k for k, t in enumerate(tokens) if t.start() >= start), len(tokens))
    after = _placing_frame(words[first:], rule)
    return tokens[first + after - 1].start() if after else -1


def _placing_frame(words: Sequence[str], rule: Rules) -> int:
    """Return where what a placing frame places the news after starts ("ويأتي اجتماع الهيئة بعد خرق…":
    at «خرق»), or 0 for a sentence that opens with none (placing_frame_verbs)."""
    if not words or core_word(words[0]).removeprefix("و") not in rule.placing_frame_verbs:
        return 0
    reach = words[2 : 2 + rule.placing_frame_reach]
    at = next((k for k, w in enumerate(reach, 2) if core_word(w) in rule.placing_frame_words), 0)
    return at + 1 if at and at + 1 < len(words) else 0


def _past_count(words: Sequence[str], at: int, rule: Rules) -> int:
    """Return where what a count of time from words[at] counts from starts ("ثمانية أيام من استخدام…":
    at «استخدام»); `at` itself when no count opens there."""
    from generator.temporal import lexicon

    units, cardinals = lexicon.units(), lexicon.cardinals()
    for k in range(at, min(at + 6, len(words))):
        word = core_word(words[k])
        comparing = k > at and core_word(words[k - 1]) in rule.count_comparatives  # «أقل من شهرين»
        if word in _COUNTED_FROM and k > at and not comparing:
            return k + 1
        plain = lexicon.key(words[k]).removeprefix("و")  # "عام ونصف"
        counted = plain in units or plain in cardinals or plain.isdigit()
        if not (comparing or counted or word.removeprefix("و") in rule.count_qualifiers):
            return at
    return at


def _answered(words: list[str], framed: int, rule: Rules) -> list[str]:
    """Return "X did Y" for a frame that answers X ("جاءت هذه التصريحات ردا على شويغو الذي أعلن أن…"
    -> "أعلن شويغو أن…", verb first for _attribution), or [] when the frame answers no one."""
    for k in range(framed, min(framed + 3, len(words))):
        reply = starts_with(words[k:], rule.reply_frames)
        if not reply:
            continue
        at = k + reply
        who = next(
            (
                r
                for r in range(at + 1, min(at + 9, len(words)))
                if core_word(words[r]) in rule.relative_pronouns
            ),
            None,
        )
        if (
            who is None
            or len(words) - who - 1 < rule.main_clause_words
            or any(w[-1] in "،,." for w in words[at:who])
        ):
            return []
        return [words[who + 1], *words[at:who], *words[who + 2 :]]
    return []


def frame_words(words: Sequence[str]) -> int:
    """Return how many leading words make a place or time frame closed by a comma (_frame_length)."""
    return _frame_length(words, rules())


def _topic_frame(words: list[str], rule: Rules) -> list[str] | None:
    """Return the words of a sentence that opens with «أما X، فـY» as "X Y" (the topic is the subject:
    "أما طهران، فتواصل نفي…" -> "طهران تواصل نفي…"), or "Y" when X is a place frame or an adverb
    ("أما في إسرائيل، فوصف…"، "أما سياسياً، فقد جاء…"); None for any other opening."""
    if not words or core_word(words[0]) not in rule.topic_openers:
        return None
    for k in range(1, min(len(words) - 1, rule.topic_words + 2)):
        after = words[k + 1]
        if after[:1] != "ف" or len(after) < 3:
            continue
        if not words[k].endswith(("،", ",")) and not is_connective_letter(after, rule):
            continue  # "أما سريع فيعلن…" needs no comma; "أما الأمير فيصل…" is a name
        rest = [after[1:], *words[k + 2 :]]
        if core_word(rest[0]) == rule.particle and len(rest) > 1:
            rest = rest[1:]  # "فقد جاء"
        topic = [*words[1:k], words[k].rstrip("،,")]
        if core_word(topic[0]) in rule.frame_openers or (len(topic) == 1 and topic[0].endswith(("اً", "ا"))):
            return rest
        if core_word(rest[0]) in rule.attribution:
            return [rest[0], *topic, *rest[1:]]  # "أما الوزير فقال إن…": the speaker's frame reads it
        return [*topic, *rest]
    return None


def _frame_length(words: Sequence[str], rule: Rules) -> int:
    """Return how many leading words make a place or time frame closed by a comma ("في موسكو،"، "مساءً،"،
    "قرابة الخامسة والربع عصراً،"، "قبلها،"), or an adverb of the time of day alone ("صباحاً يزور…"), or 0."""
    if not words:
        return 0
    first = core_word(words[0])
    if len(words) > 1 and first in rule.times_of_day and words[0].endswith(("ً", "ا")):
        return 1  # an adverb of the time of day opens the clause, comma or none: "صباحاً يزور العبادي…"
    reach = rule.long_frame_words if first == rule.long_frame_opener else rule.frame_words
    counted = depth = 0
    for k, word in enumerate(words):
        opened = word.count("«")
        counted += depth + opened == 0 or opened > 0  # a name in quotes is one word: "…بثتها «سي إن إن»،"
        depth += opened - word.count("»")
        if counted > reach:
            break
        if word.endswith(("،", ",")):
            if first in rule.frame_openers:
                return k + 1
            timed = core_word(word.rstrip("،,")) in rule.times_of_day
            return k + 1 if timed and (k == 0 or first in rule.time_openers) else 0
    return 0


def title_clauses(title: str) -> list[tuple[int, int]]:
    """Return the spans of the happenings a title joins ("الجيش يمنع الغنوشي من دخول البرلمان وسعيد
    يقيل وزيري الدفاع والعدل" is two): cut at a title mark, or before a word whose و is a conjunction,
    where both sides have title_clause_words words or more. A title of one happening is one span."""
    rule = rules()
    marks = []
    for mark in rule.title_marks:
        at = title.find(mark)
        while at > 0:
            marks.append((at, at + len(mark)))
            at = title.find(mark, at + len(mark))
    marks = [(at, end) for at, end in marks if not _frame_only(title[:at], rule)]
    spans = _clauses(title, marks, rule.title_mark_clause_words)
    if len(spans) > 1:
        return spans
    cuts = [
        (match.start(), match.start())  # the next clause keeps its و
        for match in re.finditer(r"(?<=\s)و\S+", title)
        if is_connective_letter(match.group(), rule)
        and (not match.group()[1:].startswith(rule.same_subject) or _is_tafil(match.group()[1:]))
        and core_word(match.group())[1:] not in rule.same_subject_particles
        and not _takes_pair(title[: match.start()].split(), rule)
        and not _accusative(match.group())
        and not _copula_after(title, match.end())
        and not _paired_nisba(title[: match.start()].split()[-1:], match.group())
        and not _paired_nouns(title[: match.start()].split()[-1:], match.group())
        and not _dual_after(title, match.end(), rule)
    ]
    return _clauses(title, cuts, rule.title_clause_words)


def _frame_only(head: str, rule: Rules) -> bool:
    """Return True for a title's head that is only a frame placing what follows ("بعد «ابن الخطيب».. أستاذ
    في الصحة العامة: …"): a leading frame and fewer than main_clause_words words, no happening of its own."""
    words = head.split()
    return bool(starts_with(words, rule.leading_frames)) and len(words) < rule.main_clause_words


def _copula_after(title: str, at: int) -> bool:
    """Return True when a pronoun of the copula comes right after the word that ends at `at` ("خفض التصعيد
    والحوار هما الحل"): that word closes the subject the pronoun sums up, not a clause of its own."""
    return bool({core_word(w) for w in title[at:].split()[:1]} & rules().copulas)


def _dual_after(title: str, at: int, rule: Rules) -> bool:
    """Return True when a verb of two or more comes within a few words after offset `at` ("…وبن فرحان
    يتفقان"، "…وفرنسا وألمانيا يقفون"): the و joined the subjects of one happening."""
    return any(
        w.startswith(rule.same_subject) and w.endswith(rule.dual_ending) and len(w) > 4
        for w in (core_word(x) for x in title[at:].split()[: rule.dual_reach])
    )


def _paired_nouns(before: list[str], word: str) -> bool:
    """Return True when a word and the one before it are nouns with the article and one ending ("السفارتين
    والقنصليتين"، "الصحافيين والناشطين"): two of a list, not two clauses."""
    pair = [core_word(w) for w in [*before, word[1:]]]
    return (
        len(pair) == 2
        and all(w.startswith("ال") and len(w) > 5 for w in pair)
        and pair[0][-3:] == pair[1][-3:]
    )


def _paired_nisba(before: list[str], word: str) -> bool:
    """Return True when a word and the one before it are both adjectives of relation ("عربي وأفريقي"،
    "السياسية والأمنية"): one noun's two qualities, not two clauses."""
    ends = [core_word(w).removesuffix("ه") for w in [*before, word[1:]]]
    return len(ends) == 2 and all(len(w) > 3 and w.endswith("ي") for w in ends)


def _accusative(word: str) -> bool:
    """Return True for a word marked accusative by its tanwin ("وعدداً من الوزراء"): another object of
    the verb before it, not a clause of its own."""
    return word.rstrip("«»\"'،,.:؛").endswith(("اً", "ًا", "ةً", "ً"))


def _is_tafil(word: str) -> bool:
    """Return True for a verbal noun of the pattern تفعيل (توقيف، تعليق، تجميد): it opens with ت like
    an imperfective verb, but names another happening ("حداد ثلاثة أيام وتوقيف 9 أشخاص")."""
    letters = arabic.fold(word.strip("«»\"'،,.:؛"))
    return len(letters) == 5 and letters[0] == "ت" and letters[3] == "ي"


def _clauses(title: str, cuts: list[tuple[int, int]], least: int) -> list[tuple[int, int]]:
    """Return the spans of a title cut at `cuts` ((end, resume) offsets), both sides `least` words or more."""
    spans, start = [], 0
    for cut_at, resume in sorted(cuts):
        if cut_at < start:
            continue
        left, right = title[start:cut_at], title[resume:]
        if len(left.split()) >= least and len(right.split()) >= least:
            spans.append((start, cut_at))
            start = resume
    spans.append((start, len(title)))
    trimmed = []
    for s, e in spans:
        piece = title[s:e]
        if piece.strip():
            trimmed.append((s + len(piece) - len(piece.lstrip()), e - len(piece) + len(piece.rstrip())))
    return trimmed or [(0, len(title))]


def opens_in_pluperfect(sentence: str) -> bool:
    """Return True for a sentence that opens in the pluperfect ("وكان الزلزال قد ضرب…"): it recalls
    an earlier happening, so it is not the lead of the article's own news."""
    rule = rules()
    head = sentence.split(None, 1)[:1]
    first = core_word(head[0]) if head else ""
    return first in rule.pluperfect or (first[:1] in "وف" and first[1:] in rule.pluperfect)


def opens_as_aside(sentence: str) -> bool:
    """Return True for a sentence whose first words recall, point back or remind ("وكان … قد"، "وجاء ذلك
    بعد…"، "ويشار إلى أن…"): an aside in an account, read from its first words alone."""
    rule = rules()
    head = sentence.split(None, 6)[:6]
    first = core_word(head[0]) if head else ""
    if first not in rule.aside_firsts and not (first[:1] in "وف" and first[1:] in rule.aside_firsts):
        return False  # most sentences
    return (
        opens_in_pluperfect(sentence)
        or bool(starts_with(head, rule.anaphoric))
        or bool(starts_with(head, rule.reminders))
    )


def is_anaphoric(sentence: str) -> bool:
    """Return True for a sentence that opens by pointing back ("وجاء ذلك…") or with a subordinate
    frame ("بعد أن…", "بحسب…"): a poor headline."""
    return bool(starts_with(_drop_openers(sentence.split(), rules()), rules().anaphoric))


def opens_with_attribution(sentence: str) -> bool:
    """Return True for a sentence that opens by attributing words ("وأضاف أن…"، "وأكد البيان…"): a detail
    of someone's account, not a happening of its own."""
    rule = rules()
    words = _drop_openers(sentence.split()[:8], rule)
    return bool(words) and core_word(words[0]) in rule.attribution


def problem(headline: str) -> str:
    """Return why a headline does not read as one ('' when it does)."""
    rule = rules()
    words = headline.split()
    if not (rule.shortest <= len(headline) <= rule.limit + 20):
        return "length"
    if "…" in headline or "..." in headline:
        return "ellipsis"
    if starts_with(words, rule.connectives) or (words and is_connective_letter(words[0], rule)):
        return "connective"
    if words and (core_word(words[0]) in rule.pluperfect or core_word(words[0]) in rule.attribution):
        return "frame"
    outside = [word for word, out in zip(words, _outside_quotes(words), strict=True) if out]
    if any(starts_with(outside[i:], rule.relative) for i in range(len(outside))):
        return "relative time"  # (a time word in «…» is a quote's or a name's: «الخرطوم اليوم»)
    return ""


def english(sentence: str) -> str:
    """Return an English sentence as a headline: no leading connective, no final stop, cut under the
    limit at a phrase boundary; '' for one too short to say anything."""
    rule = rules()
    words = " ".join(sentence.split()).split(" ")
    while words and words[0].strip(",").lower() in rule.english_connectives:
        words = words[1:]
    text = " ".join(words).rstrip(" .")
    if len(text) > rule.limit:
        cut_at = max(text.rfind(mark, 0, rule.limit) for mark in (", ", "; ", " - ", " – ", ": "))
        text = text[:cut_at] if cut_at > rule.shortest else text[: text.rfind(" ", 0, rule.limit)]
    text = text.rstrip(" ,;:")
    return text[:1].upper() + text[1:] if len(text) >= rule.shortest else ""
