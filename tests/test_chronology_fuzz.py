"""Random news never crashes the chronology stages (events, merge, headlines) and keeps their invariants.

Articles are drawn from words that exercise every rule of events and merging: dates the engine reads,
phrases that point back, placing frames, منذ and حتى, title marks and conjunctions, synonym groups,
datelines and quotes. The date engine finds the mentions, as in a build.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator import headlines
from generator.editorial import Editorial
from generator.events import build_events, segment_sentences
from generator.merge import merge_events
from generator.models import Article
from generator.temporal import find_mentions

WORDS = [
    "أعلن",
    "وأعلنت",
    "الحكومة",
    "الرئيس",
    "استقالة",
    "زلزال",
    "مساعدات",
    "سعيد",
    "مسقط",
    "قتلى",
    "اليوم",
    "أمس",
    "الخميس",
    "يوم الجمعة",
    "في 12 مارس",
    "منذ",
    "حتى",
    "وفي اليوم نفسه،",
    "في اليوم التالي",
    "ويأتي القرار بعد",
    "عقب",
    "من",
    "«أم درمان اليوم»",
    "المقبل",
    "سيطرح",
    "وكان",
    "قد",
    "بين",
    "و",
    "..",
    "،",
    "القاهرة – 20 مايو (وكالة) –",
    "أسبوع على",
    "عطلة نهاية الأسبوع",
    "ونصف اليوم",
    "ثلاثة أيام",
    "بعد أسبوع على",
    "حظر",
    "إعفاء",
    "الأربعون",
    "2019",
    "نهاية الشهر",
    "والمعتصمون",
    "وأمزميز",
]
SENTENCE = st.lists(st.sampled_from(WORDS), min_size=1, max_size=14).map(lambda ws: " ".join(ws) + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
ARTICLE = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=8).map(" ".join),  # title
    st.lists(PARAGRAPH, min_size=1, max_size=3).map("\n".join),
    st.one_of(st.none(), st.integers(0, 20)),  # days after the story's first day, or undated
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ARTICLE, min_size=1, max_size=4))
def test_random_news_never_crashes_events_merge_or_headlines(
    drawn: list[tuple[str, str, int | None]],
) -> None:
    start = date(2020, 3, 1)
    articles, mentions = [], {}
    for n, (title, body, days) in enumerate(drawn):
        text = f"{title}\n{body}"
        published = start + timedelta(days=days) if days is not None else None
        article = Article(f"a{n}", f"a{n}.txt", text, f"a{n}", title=title, published=published)
        articles.append(article)
        mentions[article.id] = list(find_mentions(text, published))
    sentences = {a.id: segment_sentences(a.text) for a in articles}
    events = build_events(articles, mentions, sentences)
    by_id = {a.id: a for a in articles}
    for event in events:
        assert by_id[event.article_id].text[event.sentence_start : event.sentence_end] == event.sentence
        assert event.role in ("event", "context")
    entries, _ = merge_events(events, articles, Editorial(), sentences)
    assert sum(len(entry.events) for entry in entries) <= len(events)
    for entry in entries:
        assert entry.events and entry.time.first <= entry.time.last
        assert "…" not in entry.headline.ar
    for event in events:
        assert headlines.dateline_end(event.sentence) <= len(event.sentence)
