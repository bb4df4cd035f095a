"""Saved web pages: the article text without the site around it, and each field with where it was found."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.cli import main
from generator.ingest import read_articles
from generator.webpage import MAX_BYTES, PageError, read_page

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"


def page(name: str, url: str | None = None):  # type: ignore[no-untyped-def]
    return read_page((PAGES / name).read_bytes(), url)


def test_opengraph_and_json_ld_page_gives_every_field_with_its_basis() -> None:
    found = page("ar_opengraph.html")
    assert found.title == "لبنان: الحكومة تقر خطة الكهرباء بعد جلسة ماراتونية"
    assert found.outlet == "النهار الجديد"
    assert found.url == "https://www.annahar-jadid.example/politics/2019/04/08/lebanon-electricity-plan"
    assert found.published == date(2019, 4, 8)  # the publisher's own day, not the modified one
    assert dict(found.basis) == {
        "title": "page metadata: og:title",
        "outlet": "page metadata: og:site_name",
        "url": "page metadata: canonical link",
        "published": "page metadata: article:published_time",
    }
    assert found.text.startswith("أقر مجلس الوزراء اللبناني مساء الاثنين")
    assert "سيدر" in found.text
    for chrome in ("اقرأ أيضا", "المصارف تطالب", "وعود منذ عشرين سنة", "جميع الحقوق محفوظة", "فيسبوك"):
        assert chrome not in found.text


def test_heavy_site_chrome_is_left_out_and_sidebar_dates_are_no_publication_date() -> None:
    saved = page("ar_chrome.html")
    assert saved.text.startswith("أعاد العراق وسوريا فتح معبر القائم")
    for chrome in (
        "الأكثر قراءة",
        "ملفات تعريف الارتباط",
        "عاجل",
        "أخبار ذات صلة",
        "خطوة ممتازة",
        "النشرة البريدية",
    ):
        assert chrome not in saved.text
    assert saved.published is None  # only the "most read" list has dates
    fetched = page("ar_chrome.html", "https://rafidain.example/iraq/2019/09/30/qaim-crossing")
    assert fetched.published == date(2019, 9, 30)
    assert dict(fetched.basis)["published"] == "address: /2019/09/30/"


def test_a_page_without_metadata_is_dated_by_its_byline_stamp_not_by_its_lists() -> None:
    saved = page("ar_byline.html")  # «نشر بتاريخ: …» in a <span>; a "most read" list with dates after it
    assert saved.published == date(2021, 3, 5)
    assert dict(saved.basis)["published"] == "page byline: «نشر بتاريخ: الجمعة 5 مارس 2021 - 10:15»"
    assert saved.text.startswith("قدم وزير المالية استقالته") and "نشر بتاريخ" not in saved.text


def test_page_with_only_a_dateline_keeps_it_in_the_text_and_the_build_dates_by_it(tmp_path: Path) -> None:
    shutil.copy(PAGES / "ar_dateline.html", tmp_path / "algiers.html")
    (article,), problems = read_articles(tmp_path)
    assert problems == []
    assert article.published is None and article.published_source == "none"
    assert article.text.startswith("الجزائر - 12 نيسان/أبريل 2019 (وكالات)")
    assert "الأرشيف" not in article.text and "|" not in article.text  # the layout table is no content
    assert article.title == "الجزائر: مسيرات جديدة في العاصمة"


def test_english_and_french_pages_are_read_in_their_language(tmp_path: Path) -> None:
    for name in ("en_wire.html", "fr_maghreb.html", "ar_nothing.html"):
        shutil.copy(PAGES / name, tmp_path / name)
    articles, problems = read_articles(tmp_path)
    assert problems == []
    by_id = {a.id: a for a in articles}
    assert (
        by_id["en_wire"].lang == "en"
        and by_id["fr_maghreb"].lang == "fr"
        and by_id["ar_nothing"].lang == "ar"
    )
    assert by_id["fr_maghreb"].published == date(2019, 6, 19)
    assert by_id["fr_maghreb"].published_basis == "page metadata: <time datetime> by the article"
    assert by_id["en_wire"].published_basis == "page metadata: JSON-LD datePublished"
    nothing = by_id["ar_nothing"]
    assert (nothing.title, nothing.outlet, nothing.url, nothing.published, nothing.page_basis) == (
        None,
        None,
        None,
        None,
        (),
    )


def test_the_catalogue_wins_where_it_speaks(tmp_path: Path) -> None:
    shutil.copy(PAGES / "ar_opengraph.html", tmp_path / "power.html")
    (tmp_path / "sources.yaml").write_text(
        "power.html:\n  title: عنوان المحرر\n  published: 2019-04-09\n  published_basis: editor\n"
        "  lang: ar\n",
        encoding="utf-8",
    )
    (article,), problems = read_articles(tmp_path)
    assert problems == []
    assert article.title == "عنوان المحرر"
    assert (article.published, article.published_source, article.published_basis) == (
        date(2019, 4, 9),
        "catalogue",
        "editor",
    )
    assert article.outlet is not None and article.outlet.ar == "النهار الجديد"  # the page fills the rest
    assert dict(article.page_basis) == {
        "outlet": "page metadata: og:site_name",
        "url": "page metadata: canonical link",
    }


def test_pages_without_text_binary_or_too_large_are_problems_that_name_the_file(tmp_path: Path) -> None:
    shutil.copy(PAGES / "en_wire.html", tmp_path / "good.html")
    (tmp_path / "menu.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        "<p>Subscribe</p></body></html>",
        encoding="utf-8",
    )
    (tmp_path / "scan.htm").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    (tmp_path / "huge.html").write_bytes(
        b"<html><body><p>" + b"a " * (MAX_BYTES // 2 + 1) + b"</p></body></html>"
    )
    articles, problems = read_articles(tmp_path)
    assert [a.id for a in articles] == ["good"]
    messages = {Path(p.path).name: p.message for p in problems}
    assert set(messages) == {"menu.html", "scan.htm", "huge.html"}
    assert "no article text" in messages["menu.html"]
    assert "binary" in messages["scan.htm"]
    assert "over the 16 MB limit" in messages["huge.html"]
    assert all(p.hint for p in problems)


def test_a_folder_of_pages_and_text_files_builds_one_timeline_showing_each_basis(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    for name in ("ar_opengraph.html", "en_wire.html", "fr_maghreb.html", "ar_dateline.html"):
        shutil.copy(PAGES / name, source / name)
    (source / "note.txt").write_text(
        "أعلنت الحكومة يوم 3 تشرين الأول/أكتوبر 2016 خطتها للكهرباء.\n", encoding="utf-8"
    )
    out = tmp_path / "site"
    assert main(["build", "--source", str(source), "--output", str(out), "--jobs", "1"]) == 0
    assert "0 problems" in capsys.readouterr().out
    english = (out / "en" / "articles" / "en_wire" / "index.html").read_text(encoding="utf-8")
    assert 'class="article-text" lang="en" dir="ltr"' in english
    assert "page metadata: JSON-LD datePublished" in english and "page metadata: og:title" in english
    arabic = (out / "ar" / "articles" / "ar_opengraph" / "index.html").read_text(encoding="utf-8")
    assert 'class="article-text" lang="ar" dir="rtl"' in arabic
    assert "page metadata: article:published_time" in arabic
    french = (out / "ar" / "articles" / "fr_maghreb" / "index.html").read_text(encoding="utf-8")
    assert 'lang="fr" dir="ltr"' in french
    assert french.count('<mark class="mention"') == 7  # its dates are highlighted: all seven
    events = (out / "data" / "events.json").read_text(encoding="utf-8")
    assert "2019-10-06" in events and "2019-08-21" in events  # French and English sentences are entries
    shards = "".join(p.read_text(encoding="utf-8") for p in (out / "searchindex").rglob("*.json"))
    assert "parlement" in shards and "khartoum" in shards  # French and English words are searched


@settings(max_examples=40, deadline=None)
@given(
    st.binary(max_size=2000) | st.text(max_size=2000).map(lambda t: ("<html><body><p>" + t).encode("utf-8"))
)
def test_any_bytes_give_a_page_or_a_page_error(data: bytes) -> None:
    try:
        found = read_page(data)
    except PageError as exc:
        assert exc.message and exc.hint
    else:
        assert found.text.strip()
