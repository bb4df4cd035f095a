"""Ingest: every way an article folder can be wrong gives one message naming the file; the rest load."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest

from generator.errors import TimelineError
from generator.ingest import decode_text, make_slug, read_articles
from generator.memo import Memo
from generator.models import Outlet

ARABIC = "أعلنت وزارة الخارجية يوم الاثنين 3 أكتوبر 2016 تعليق المحادثات مع موسكو بشأن سوريا.\n"


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return path


def only(problems: list, name: str) -> list:
    return [p for p in problems if name in p.path or name in p.message]


def test_seed_catalogue_dates_every_seed(seeds_dir: Path) -> None:
    articles, problems = read_articles(seeds_dir)
    assert problems == []
    assert len(articles) == len(list(seeds_dir.glob("*.txt")))
    for article in articles:
        assert article.published is not None and article.published_source == "catalogue"
        assert article.text == (seeds_dir / article.path).read_text(encoding="utf-8").replace("\r\n", "\n")


def test_text_is_kept_except_bom_and_crlf(tmp_path: Path) -> None:
    body = "سطر أول\r\n  سطر ثانٍ\u200f\r\n\r\nنهاية\t\n"
    write(tmp_path, "a.txt", b"\xef\xbb\xbf" + body.encode("utf-8"))
    write(tmp_path, "b.txt", body.replace("\r\n", "\n"))
    (a, b), problems = read_articles(tmp_path)
    assert problems == []
    assert a.text == b.text == body.replace("\r\n", "\n")


def test_markdown_front_matter_wins_over_catalogue(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sources.yaml",
        "report.md:\n  title: من الفهرس\n  published: 2016-01-01\n  published_basis: editor\n"
        "  url: https://example.org/catalogue\n",
    )
    write(
        tmp_path,
        "report.md",
        "---\ntitle: العنوان\noutlet: {ar: الميادين, en: Al Mayadeen}\npublished: 2016-10-04\n"
        "lang: ar\n---\n" + ARABIC,
    )
    (article,), problems = read_articles(tmp_path)
    assert problems == []
    assert article.title == "العنوان"
    assert article.outlet == Outlet(ar="الميادين", en="Al Mayadeen")
    assert article.published == date(2016, 10, 4)
    assert article.published_source == "front-matter"
    assert article.published_basis is None  # the catalogue's basis described the catalogue's date
    assert article.url == "https://example.org/catalogue"
    assert article.text == ARABIC
    assert article.path == "report.md"


def test_outlet_as_plain_string(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\noutlet: Reuters\n---\n" + ARABIC)
    (article,), _ = read_articles(tmp_path)
    assert article.outlet == Outlet(ar="Reuters", en="Reuters")


def test_subfolders_give_path_ids_and_url_safe_slugs(tmp_path: Path) -> None:
    write(tmp_path, "2016/أكتوبر/تقرير الخارجية.txt", ARABIC)
    write(tmp_path, "2016/sources.yaml", "أكتوبر/تقرير الخارجية.txt:\n  published: 2016-10-03\n")
    write(tmp_path, "plain_id-1.txt", ARABIC)
    write(tmp_path, "Mixed Case.v2.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    assert problems == []
    by_id = {a.id: a for a in articles}
    nested = by_id["2016/أكتوبر/تقرير الخارجية"]
    assert nested.path == "2016/أكتوبر/تقرير الخارجية.txt"
    assert nested.published == date(2016, 10, 3)
    assert nested.slug.startswith("2016-أكتوبر-تقرير-الخارجية-")
    assert by_id["plain_id-1"].slug == "plain_id-1"
    assert by_id["Mixed Case.v2"].slug.startswith("mixed-case-v2-")
    for article in articles:
        assert "/" not in article.slug and " " not in article.slug and "." not in article.slug


def test_slugs_never_collide() -> None:
    ids = ["a b", "a-b", "A-B", "a.b", "a/b", "a_b", "عَرَبي", "عربي", "!!!", "???"]
    slugs = [make_slug(i) for i in ids]
    assert len(set(slugs)) == len(ids)
    assert make_slug("a-b") == "a-b"


def test_same_id_twice_is_one_problem_naming_both(tmp_path: Path) -> None:
    write(tmp_path, "x.txt", ARABIC)
    write(tmp_path, "x.md", ARABIC)
    write(tmp_path, "y.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    assert [a.id for a in articles] == ["x", "y"]
    assert len(problems) == 1
    assert "x.txt" in problems[0].path and "x.md" in problems[0].message


def test_case_only_difference_gives_two_pages(tmp_path: Path) -> None:
    write(tmp_path, "Report.txt", ARABIC)
    write(tmp_path, "report.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    assert problems == []
    assert len({a.slug for a in articles}) == 2


@pytest.mark.parametrize(("encoding", "label"), [("cp1256", "Windows-1256"), ("iso-8859-6", "ISO-8859-6")])
def test_legacy_arabic_encodings_are_decoded_with_a_warning(
    tmp_path: Path, encoding: str, label: str
) -> None:
    text = "أعلنت الخارجية تعليق المحادثات مع موسكو يوم الاثنين، وقال المتحدث إن القرار نهائي.\n"
    write(tmp_path, "legacy.txt", text.encode(encoding))
    write(tmp_path, "good.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    assert {a.id: a.text for a in articles}["legacy"] == text
    assert len(problems) == 1
    assert problems[0].path.endswith("legacy.txt") and label in problems[0].message


BAD_INPUTS = {
    "invalid-utf8.txt": b"Caf\xe9 in Paris, r\xe9sum\xe9 of the day\n",
    "empty.txt": b"",
    "blank.md": b"---\ntitle: x\n---\n   \n",
    "binary.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    "broken.md": b"---\ntitle: [unclosed\n---\n" + ARABIC.encode(),
    "unclosed.md": b"---\ntitle: x\n" + ARABIC.encode(),
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_file_is_one_problem_and_the_rest_load(tmp_path: Path, name: str) -> None:
    write(tmp_path, name, BAD_INPUTS[name])
    write(tmp_path, "good.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    assert [a.id for a in articles] == ["good"]
    assert len(problems) == 1
    assert problems[0].path == (tmp_path / name).as_posix()
    assert problems[0].hint  # says what to do


def test_front_matter_written_for_a_static_site_generator_gives_its_date_and_language(tmp_path: Path) -> None:
    """Jekyll, Hugo and Pelican write `date:` (often with a time) and `language:`: read as published and
    lang; when `published:` is given too, it wins, and a bad date points at the line that wrote it."""
    write(
        tmp_path,
        "hugo.md",
        "---\ntitle: العنوان\ndate: 2021-03-23T10:15:00+02:00\nlanguage: ar\n---\n" + ARABIC,
    )
    write(tmp_path, "both.md", "---\ndate: 2021-03-20\npublished: 2021-03-24\n---\n" + ARABIC)
    write(tmp_path, "bad.md", "---\ntitle: عنوان\ndate: 2021-02-30\n---\n" + ARABIC)
    articles, problems = read_articles(tmp_path)
    by_id = {a.id: a for a in articles}
    assert by_id["hugo"].published == date(2021, 3, 23) and by_id["hugo"].lang == "ar"
    assert by_id["hugo"].published_source == "front-matter"
    assert by_id["both"].published == date(2021, 3, 24)
    found = sorted((Path(p.path).name, p.line, p.code, p.message) for p in problems)
    assert [f[:3] for f in found] == [("bad.md", 3, "bad-published"), ("both.md", 2, "bad-date")]
    assert "published is given too" in found[1][3]


def test_broken_front_matter_points_at_the_line(tmp_path: Path) -> None:
    write(tmp_path, "a.md", "---\ntitle: ok\noutlet: {ar: x\n---\n" + ARABIC)
    _, (problem,) = read_articles(tmp_path)
    assert problem.line is not None and 3 <= problem.line <= 5
    assert f"a.md:{problem.line}:" in str(problem)


def test_impossible_catalogue_date_is_reported_and_inferred_later(tmp_path: Path) -> None:
    write(
        tmp_path,
        "sources.yaml",
        "a.txt:\n  title: t\n  published: 2016-02-30\nb.txt:\n  published: 2016-02-29\n",
    )
    write(tmp_path, "a.txt", ARABIC)
    write(tmp_path, "b.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    by_id = {a.id: a for a in articles}
    assert by_id["a"].published is None and by_id["a"].published_source == "none"
    assert by_id["a"].title == "t"
    assert by_id["b"].published == date(2016, 2, 29)
    assert len(problems) == 1
    assert problems[0].path.endswith("sources.yaml") and problems[0].line == 3
    assert "a.txt" in problems[0].message and "2016-02-30" in problems[0].message


@pytest.mark.parametrize(
    "url", ["javascript:alert(1)", "ftp://example.org/a", "www.example.org", "file:///etc"]
)
def test_non_web_catalogue_url_is_reported_and_dropped(tmp_path: Path, url: str) -> None:
    write(tmp_path, "sources.yaml", f"a.txt:\n  url: '{url}'\n  published: 2016-10-03\n")
    write(tmp_path, "a.txt", ARABIC)
    (article,), (problem,) = read_articles(tmp_path)
    assert article.url is None and article.published == date(2016, 10, 3)
    assert problem.line == 2 and "a.txt" in problem.message and url in problem.message


def test_catalogue_entry_for_missing_file(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", "a.txt: {}\ngone.txt:\n  published: 2016-10-03\n")
    write(tmp_path, "a.txt", ARABIC)
    articles, (problem,) = read_articles(tmp_path)
    assert len(articles) == 1
    assert "gone.txt" in problem.message and problem.line == 2


def test_broken_catalogue_still_loads_the_articles(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", "a.txt:\n  title: [oops\n")
    write(tmp_path, "a.txt", ARABIC)
    articles, (problem,) = read_articles(tmp_path)
    assert len(articles) == 1 and problem.path.endswith("sources.yaml") and problem.line is not None


def test_settings_and_overrides_are_not_articles(tmp_path: Path) -> None:
    write(tmp_path, "editorial.yaml", "{}\n")
    write(tmp_path, "timeline.toml", "[site]\n")
    write(tmp_path, ".hidden/a.txt", ARABIC)
    write(tmp_path, "site/.nojekyll", "")  # a site built inside the source folder
    write(tmp_path, "site/robots.txt", "User-agent: *\n")
    write(tmp_path, "a.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    assert [a.id for a in articles] == ["a"] and problems == []


def test_missing_source_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TimelineError, match="source folder not found"):
        read_articles(tmp_path / "nope")


def test_utf16_with_bom_is_decoded() -> None:
    text, warning = decode_text("نص عربي\r\n".encode("utf-16"))
    assert text == "نص عربي\n" and warning is not None and "UTF-16" in warning


def test_five_megabyte_article_ingests_quickly(tmp_path: Path) -> None:
    body = (ARABIC * (5_000_000 // len(ARABIC.encode("utf-8")) + 1)).encode("utf-8")
    write(tmp_path, "big.txt", body)
    started = time.perf_counter()
    (article,), problems = read_articles(tmp_path)
    assert time.perf_counter() - started < 2.0
    assert problems == [] and len(article.text.encode("utf-8")) == len(body)


def test_documents_in_other_formats_are_reported(tmp_path: Path) -> None:
    write(tmp_path, "report.docx", b"PK\x03\x04")
    write(tmp_path, "notes.markdown", ARABIC)
    write(tmp_path, "photo.jpg", b"\xff\xd8")
    write(tmp_path, "a.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert sorted(Path(p.path).name for p in problems) == ["notes.markdown", "report.docx"]
    assert all(".txt" in p.message for p in problems)


def test_a_file_listed_twice_in_the_catalogue_is_reported(tmp_path: Path) -> None:
    write(tmp_path, "sources.yaml", "a.txt:\n  title: first\na.txt:\n  title: second\n")
    write(tmp_path, "b.md", "---\ntitle: one\ntitle: two\n---\n" + ARABIC)
    write(tmp_path, "a.txt", ARABIC)
    articles, problems = read_articles(tmp_path)
    assert {a.id: a.title for a in articles} == {"a": "second", "b": "two"}
    assert sorted((Path(p.path).name, p.line) for p in problems) == [("b.md", 3), ("sources.yaml", 3)]


def test_utf8_with_a_few_broken_bytes_keeps_its_text(tmp_path: Path) -> None:
    good = ARABIC.encode("utf-8")
    cut = good.index(b" ", 30)
    write(tmp_path, "damaged.txt", good[:cut] + b"\xff" + good[cut:])
    (article,), (problem,) = read_articles(tmp_path)
    assert article.text == good[:cut].decode("utf-8") + "\ufffd" + good[cut:].decode("utf-8")
    assert f"1 byte that is not valid UTF-8 (the first at byte {cut})" in problem.message


def test_a_parsed_catalogue_is_read_back_from_the_cache_until_it_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator import ingest

    source, folder = tmp_path / "src", tmp_path / "cache"
    cache = Memo(folder, "")
    write(source, "a.txt", ARABIC)
    write(source, "sources.yaml", "a.txt:\n  outlet: الشرق الأوسط\n  published: 2016-10-03\n  title: [x\n")
    first = read_articles(source, cache)
    assert [p.code for p in first[1]] == ["catalogue"]
    parses: list[str] = []
    real = ingest.load_yaml
    monkeypatch.setattr(ingest, "load_yaml", lambda raw, *more: parses.append(raw) or real(raw, *more))
    assert read_articles(source, cache) == read_articles(source) == first  # invalid YAML: never stored
    assert len(parses) == 2
    write(source, "sources.yaml", "a.txt:\n  outlet: الشرق الأوسط\n  published: 2016-10-03\n")
    parses.clear()
    (article,), problems = read_articles(source, cache)
    assert problems == [] and article.published == date(2016, 10, 3) and len(parses) == 1
    assert read_articles(source, cache) == ([article], []) and len(parses) == 1  # the cached parse
    for record in folder.iterdir():
        record.write_bytes(b"not a record")
    assert read_articles(source, cache) == ([article], []) and len(parses) == 2  # corrupt: parsed again
