"""timeline.toml: validated as a whole, every problem named with key, expected and found."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import Config, find_config_file, load_config
from generator.errors import ConfigError


def write_toml(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "timeline.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_defaults() -> None:
    config = load_config(None, environ={})
    assert config == Config()
    assert config.cache_dir == Path("site").absolute().parent / ".cache" / "timeline"


def test_file_sets_every_key(tmp_path: Path) -> None:
    path = write_toml(
        tmp_path,
        '[site]\ntitle_ar = "سوريا"\ntitle_en = "Syria"\nbase_url = "/repo/"\ndefault_lang = "en"\n'
        '[build]\nsource = "articles"\noutput = "public"\nweek_start = "Monday"\ndigits = "arabic-indic"\n'
        "jobs = 2\n",
    )
    config = load_config(path, environ={})
    assert (config.title_ar, config.title_en, config.base_url, config.default_lang) == (
        "سوريا",
        "Syria",
        "/repo/",
        "en",
    )
    assert config.source == tmp_path / "articles" and config.output == tmp_path / "public"
    assert (config.week_start, config.digits, config.jobs) == ("monday", "arabic-indic", 2)


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    path = write_toml(
        tmp_path,
        '[site]\ntitle_ar = 3\ndefault_lang = "fr"\ncolour = "red"\n'
        '[build]\njobs = -1\nweek_start = "someday"\ndigits = "roman"\n[extra]\n',
    )
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    message = str(caught.value)
    assert message.startswith(str(path))
    assert "7 problems" in message
    for expected in (
        "site.title_ar: expected a non-empty string, found 3 (an integer)",
        "site.default_lang: expected one of ar, en, found 'fr'",
        "site.colour: unknown key",
        "build.jobs: expected a whole number from 0 to 64",
        "build.week_start: expected a weekday name",
        "build.digits: expected one of western, arabic-indic, found 'roman'",
        "[extra]: unknown section",
    ):
        assert expected in message


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[site]\ntitle_ar = "unclosed\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path, environ={})
    assert caught.value.line == 2


def test_flags_override_the_file(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[site]\nbase_url = "/a/"\n[build]\njobs = 3\n')
    config = load_config(path, {"base_url": "/b/", "jobs": None, "output": Path("out")}, environ={})
    assert config.base_url == "/b/" and config.jobs == 3 and config.output == Path("out")


def test_source_date_epoch_sets_the_build_date() -> None:
    assert load_config(None, environ={"SOURCE_DATE_EPOCH": "1475539200"}).build_date == "2016-10-04T00:00:00Z"
    assert load_config(None, environ={}).build_date is None
    with pytest.raises(ConfigError, match="SOURCE_DATE_EPOCH"):
        load_config(None, environ={"SOURCE_DATE_EPOCH": "yesterday"})


def test_config_file_lookup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    source = tmp_path / "articles"
    source.mkdir()
    assert find_config_file(None, source) is None
    (source / "timeline.toml").write_text("", encoding="utf-8")
    assert find_config_file(None, source) == source / "timeline.toml"
    (tmp_path / "timeline.toml").write_text("", encoding="utf-8")
    assert find_config_file(None, source) == Path("timeline.toml")
    with pytest.raises(ConfigError, match="not found"):
        find_config_file(tmp_path / "missing.toml", source)


def test_a_full_address_as_base_url_is_refused_with_the_fix() -> None:
    with pytest.raises(ConfigError, match="--base-url 'https://example.org/repo/': expected a URL path"):
        load_config(None, {"base_url": "https://example.org/repo/"}, environ={})


def test_site_url_from_file_and_flag_is_an_origin_without_path(tmp_path: Path) -> None:
    path = write_toml(tmp_path, '[site]\nsite_url = "https://owner.github.io/"\n')
    assert load_config(path, environ={}).site_url == "https://owner.github.io"
    flagged = load_config(path, {"site_url": "http://localhost:8000"}, environ={})
    assert flagged.site_url == "http://localhost:8000"
    assert load_config(None, environ={}).site_url is None
    with pytest.raises(ConfigError, match="--site-url 'https://owner.github.io/repo/': expected an absolute"):
        load_config(None, {"site_url": "https://owner.github.io/repo/"}, environ={})
    bad = write_toml(tmp_path, '[site]\nsite_url = "owner.github.io"\n')
    with pytest.raises(ConfigError, match="site.site_url: expected an absolute http"):
        load_config(bad, environ={})


def test_not_dates_from_timeline_toml_reach_the_date_engine(tmp_path: Path) -> None:
    """A user's own outlet name in [dates] not_dates stops its date word being read as a date."""
    from datetime import date

    from generator.extract import extract_text

    (tmp_path / "timeline.toml").write_text('[dates]\nnot_dates = ["نشرة الخميس"]\n', encoding="utf-8")
    config = load_config(tmp_path / "timeline.toml")
    assert config.not_dates == ("نشرة الخميس",)
    text = "قال مقدم نشرة الخميس إن الاتفاق وقع الخميس"
    found = extract_text(text, date(2023, 3, 15), config.week_start, config.not_dates).mentions
    assert [m.text for m in found] == ["الخميس"] and found[0].start == text.rindex("الخميس")
    assert len(extract_text(text, date(2023, 3, 15)).mentions) == 2


def test_not_dates_must_be_a_list_of_phrases(tmp_path: Path) -> None:
    (tmp_path / "timeline.toml").write_text('[dates]\nnot_dates = "روسيا اليوم"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="dates.not_dates: expected a list of phrases"):
        load_config(tmp_path / "timeline.toml")


def test_an_outlet_of_the_catalogue_whose_name_holds_a_date_word_is_a_name_wherever_it_is_quoted() -> None:
    """«أم درمان اليوم» quoted in another outlet's article names the paper, not today; «اليوم» alone
    (a paper of that name) would hide every today, so a name that is all date words is left out."""
    from datetime import date

    from generator.extract import extract_text, items_and_keys, outlet_names_with_dates
    from generator.models import Article, Outlet

    text = "وقال شهود لـ«أم درمان اليوم» إن الجنود فتحوا البوابات، ووصل المحتجون اليوم إلى القيادة."
    papers = [
        ("صحيفة أم درمان اليوم", "a"),
        ("جريدة اليوم", "b"),
        ("وكالة المقرن", "c"),
        ("المصري اليوم", "d"),
    ]
    articles = [
        Article(aid, f"{aid}.txt", text, aid, outlet=Outlet(ar=name, en=aid), published=date(2019, 4, 6))
        for name, aid in papers
    ]
    assert outlet_names_with_dates(articles) == ("أم درمان اليوم",)  # المصري اليوم: the lexicon knows it
    items, keys = items_and_keys(articles, Config())
    found = extract_text(*items[0][:5]).mentions
    assert [m.start for m in found] == [text.rindex("اليوم")]
    alone = items_and_keys(articles[1:], Config())[1]
    assert keys[1] != alone[0], "the folder's outlet names are part of every article's extraction key"
