"""A hand-built Timeline for the site tests: every grain, both kinds of article, and hostile text."""

from __future__ import annotations

from datetime import date

from generator.models import (
    Article,
    Entry,
    Event,
    Headline,
    Mention,
    Outlet,
    Timeline,
    TimeValue,
)
from generator.timeline import build_timeline

PLAIN_TEXT = (
    "علقت واشنطن مفاوضاتها مع موسكو يوم الاثنين 3 تشرين الأول 2016.\n"
    "وانهارت الهدنة التي أعلنت في التاسع من أيلول/سبتمبر بين الوزيرين.\n"
    "\n"
    "وقال مسؤول <script>alert('x')</script> إن <img src=x onerror=alert(1)> الاتفاق بدأ في مطلع أيار 2016.\n"
    "وكتب javascript:alert(1) أن الاجتماع عقد الأسبوع الماضي في جنيف."
)
MARKDOWN_TEXT = (
    "# تقرير\n"
    "\n"
    "قالت المصادر في عام 2015 إن [الرابط](javascript:alert(3)) و<script>alert(4)</script>"
    ' و<a href="https://example.org" onclick="alert(5)">الموقع</a> لم يتغير منذ **صيف 2016** كما ذكرت.\n'
)
UNDATED_TEXT = (
    "بدأت القصة في ثمانينيات القرن الماضي.\n"
    "وجرت المحادثات من 3 إلى 5 أيار 2016 في فيينا.\n"
    "ثم أعلن الطرفان يوم الاثنين 3 تشرين الأول 2016 وقف التعاون."
)


def _span(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    return start, start + len(needle)


def _sentence(text: str, needle: str) -> tuple[int, int]:
    start = text.index(needle)
    a = text.rfind("\n", 0, start) + 1
    b = text.find("\n", start)
    return a, len(text) if b == -1 else b


def _event(
    article: Article, needle: str, time: TimeValue, kind: str = "absolute", warnings: tuple[str, ...] = ()
) -> Event:
    start, end = _span(article.text, needle)
    s_start, s_end = _sentence(article.text, needle)
    mention = Mention(start, end, needle, time, kind, warnings=warnings)  # type: ignore[arg-type]
    return Event(
        f"ev-{article.id}-{start}", article.id, time, s_start, s_end, article.text[s_start:s_end], mention
    )


def day(iso: str) -> TimeValue:
    """Return a day TimeValue."""
    d = date.fromisoformat(iso)
    return TimeValue(iso, "day", d, d)


def sample_articles() -> tuple[Article, Article, Article]:
    """Return a plain article, a Markdown article with hostile metadata, and an anonymous one."""
    plain = Article(
        id="plain",
        path="plain.txt",
        text=PLAIN_TEXT,
        slug="plain",
        title=None,
        outlet=Outlet("الميادين", "Al Mayadeen"),
        url="https://example.org/news?id=1&x=<y>",
        published=date(2016, 10, 3),
        published_basis="editor: the text names Monday 3 October 2016",
        published_source="catalogue",
    )
    markdown = Article(
        id="notes/md",
        path="notes/md.md",
        text=MARKDOWN_TEXT,
        slug="notes-md",
        title='<img src=x onerror=alert(2)> تقرير "خاص"',
        outlet=Outlet("رويترز", "Reuters <b>"),
        url="javascript:alert(6)",
        published=date(2016, 9, 1),
        published_source="front-matter",
    )
    anonymous = Article(id="anon", path="anon.txt", text=UNDATED_TEXT, slug="anon", published=None)
    return plain, markdown, anonymous


def sample_timeline() -> Timeline:
    """Return a Timeline with a day (two sources), a year-inferred day, approximate month, week, year,
    season, decade and range entries, and a hostile headline."""
    plain, md, anon = sample_articles()
    monday = day("2016-10-03")
    entries = [
        Entry(
            "e-monday",
            monday,
            (
                _event(plain, "الاثنين 3 تشرين الأول 2016", monday),
                _event(anon, "الاثنين 3 تشرين الأول 2016", monday),
            ),
            Headline("علقت واشنطن مفاوضاتها مع موسكو", "Washington suspends talks with Moscow"),
        ),
        Entry(
            "e-truce",
            day("2016-09-09"),
            (_event(plain, "التاسع من أيلول/سبتمبر", day("2016-09-09"), warnings=("year-inferred",)),),
            Headline("وانهارت الهدنة", None),
        ),
        Entry(
            "e-may",
            TimeValue("2016-05", "month", date(2016, 5, 1), date(2016, 5, 10), approximate=True),
            (
                _event(
                    plain,
                    "مطلع أيار 2016",
                    TimeValue("2016-05", "month", date(2016, 5, 1), date(2016, 5, 10), approximate=True),
                ),
            ),
            Headline('<script>alert("h")</script> الاتفاق بدأ', "<b>The deal</b> began"),
        ),
        Entry(
            "e-week",
            TimeValue("2016-W39", "week", date(2016, 9, 24), date(2016, 9, 30)),
            (
                _event(
                    plain,
                    "الأسبوع الماضي",
                    TimeValue("2016-W39", "week", date(2016, 9, 24), date(2016, 9, 30)),
                    kind="relative",
                ),
            ),
            Headline("اجتماع في جنيف", "A meeting in Geneva"),
        ),
        Entry(
            "e-year",
            TimeValue("2015", "year", date(2015, 1, 1), date(2015, 12, 31)),
            (_event(md, "عام 2015", TimeValue("2015", "year", date(2015, 1, 1), date(2015, 12, 31))),),
            Headline("قالت المصادر", "The sources said"),
            warnings=("dates-disagree",),
        ),
        Entry(
            "e-summer",
            TimeValue("2016-SU", "season", date(2016, 6, 1), date(2016, 8, 31)),
            (_event(md, "صيف 2016", TimeValue("2016-SU", "season", date(2016, 6, 1), date(2016, 8, 31))),),
            Headline("صيف", "Summer"),
        ),
        Entry(
            "e-decade",
            TimeValue("198", "decade", date(1980, 1, 1), date(1989, 12, 31)),
            (
                _event(
                    anon,
                    "ثمانينيات القرن الماضي",
                    TimeValue("198", "decade", date(1980, 1, 1), date(1989, 12, 31)),
                ),
            ),
            Headline("بدأت القصة", "The story began"),
        ),
        Entry(
            "e-range",
            TimeValue("2016-05-03/2016-05-05", "day", date(2016, 5, 3), date(2016, 5, 5)),
            (
                _event(
                    anon,
                    "من 3 إلى 5 أيار 2016",
                    TimeValue("2016-05-03/2016-05-05", "day", date(2016, 5, 3), date(2016, 5, 5)),
                ),
            ),
            Headline("محادثات فيينا", "Vienna talks"),
        ),
        Entry(
            "e-report",
            day("2016-09-01"),
            (Event("ev-md-report", md.id, day("2016-09-01"), 0, 0, "", None, is_report=True),),
            Headline("تقرير خاص", "A special report"),
        ),
    ]
    return build_timeline(entries, [plain, md, anon], [])
