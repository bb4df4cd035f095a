"""`timeline headlines`: the editorial.yaml stub an editor fills in, from listing to the English page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.cli import main
from generator.editorial import read_editorial
from generator.headline_stub import render_headline_stub
from generator.models import Entry, Headline, TimeValue

ARTICLES = {
    "a.txt": (
        "أعلنت وزارة الخارجية يوم الاثنين 3 أكتوبر 2016 تعليق المحادثات مع موسكو. "
        "وقال المتحدث إن القرار نهائي.\n"
    ),
    "b.txt": (
        "اندلع حريق كبير في سوق الخضار القديم بوسط المدينة يوم الثلاثاء 4 أكتوبر 2016. "
        "ويعود بناء السوق إلى عام 1903.\n"
    ),
    "c.txt": "وقع اتفاق وقف إطلاق النار في جنيف يوم 9 سبتمبر 2016 بعد مفاوضات طويلة بين الوفدين.\n",
}
CATALOGUE = (
    "a.txt:\n  published: 2016-10-03\nb.txt:\n  published: 2016-10-05\nc.txt:\n  published: 2016-09-10\n"
)


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the default cache folder sits beside ./site
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "sources.yaml").write_text(CATALOGUE, encoding="utf-8")
    return folder


def stub_of(source: Path, tmp_path: Path, *flags: str) -> str:
    out = tmp_path / "stub.yaml"
    out.unlink(missing_ok=True)
    assert main(["headlines", "--source", str(source), *flags, "--output", str(out)]) == 0
    return out.read_text(encoding="utf-8")


def listed(stub: str) -> dict[str, dict[str, str]]:
    data = yaml.safe_load(stub) or {}  # (a stub of comments alone is empty editorial.yaml)
    return {str(key): value for key, value in data.items()}


def test_the_stub_lists_events_then_context_by_date_and_reads_as_editorial_yaml(
    source: Path, tmp_path: Path
) -> None:
    stub = stub_of(source, tmp_path, "--missing", "en")
    items = listed(stub)
    assert all(value == {"headline_en": ""} for value in items.values())
    dates = [line.split("# ")[1] for line in stub.splitlines() if line[:1].isalnum() and ":  # " in line]
    assert dates[:3] == ["2016-09-09", "2016-10-03", "2016-10-04"]  # events, in date order
    assert dates[3:] == ["1903"]  # then the background one
    assert stub.index("# event entries") < stub.index("# background (context) entries")
    assert '# headline_ar: "اندلع حريق كبير' in stub  # Arabic readable, not \u escapes
    # As it stands, it is valid editorial.yaml that changes nothing: an empty headline is "not yet written".
    (source / "editorial.yaml").write_text(stub, encoding="utf-8")
    overrides, problems = read_editorial(source / "editorial.yaml")
    assert problems == []
    assert set(overrides.overrides) == set(items)
    assert all(o.headline_en is None for o in overrides.overrides.values())
    assert listed(stub_of(source, tmp_path, "--missing", "en")) == items


def test_a_headline_filled_in_the_stub_shows_on_the_built_english_entry_page(
    source: Path, tmp_path: Path
) -> None:
    stub = stub_of(source, tmp_path, "--missing", "en")
    fire = next(line.split(":")[0] for line in stub.splitlines() if line.endswith("# 2016-10-04"))
    written = 'headline_en: "Fire guts the old vegetable market: \\"huge\\" damage #1"'
    blocks = [
        block.replace('headline_en: ""', written) if block.startswith(f"{fire}:") else block
        for block in stub.split("\n\n")
    ]
    filled = "\n\n".join(blocks)
    assert filled.count(written) == 1
    (source / "editorial.yaml").write_text(filled, encoding="utf-8")

    site = tmp_path / "site"
    assert main(["build", "--source", str(source), "--output", str(site), "--jobs", "1"]) == 0
    page = (site / "en" / "entries" / fire / "index.html").read_text(encoding="utf-8")
    assert "Fire guts the old vegetable market: &#34;huge&#34; damage #1" in page or (
        "Fire guts the old vegetable market: &quot;huge&quot; damage #1" in page
    )
    # The written one is no longer missing; the others still are.
    after = listed(stub_of(source, tmp_path, "--missing", "en"))
    assert fire not in after and len(after) == 3


def test_without_missing_every_entry_is_listed_with_both_headlines(source: Path, tmp_path: Path) -> None:
    items = listed(stub_of(source, tmp_path))
    assert len(items) == 4
    assert all(set(v) == {"headline_ar", "headline_en"} and v["headline_ar"] for v in items.values())
    assert listed(stub_of(source, tmp_path, "--missing", "ar")) == {}  # every entry has an Arabic one


def test_the_stub_lists_the_arabic_headlines_the_site_shows(source: Path, tmp_path: Path) -> None:
    """Quotes may write an entry's headline again (quotes.quote_entries): the stub shows that one too."""
    (source / "d.txt").write_text(
        "أصدرت المحكمة يوم الاثنين 3 أكتوبر 2016 حكمها في قضية الفساد، إذ برأت الوزير السابق الذي اعتقل "
        "يوم 9 سبتمبر 2016، وأمرت بالإفراج الفوري عن مساعديه الثلاثة يوم الثلاثاء 4 أكتوبر 2016.\n",
        encoding="utf-8",
    )
    with (source / "sources.yaml").open("a", encoding="utf-8") as catalogue:
        catalogue.write("d.txt:\n  published: 2016-10-04\n")
    site = tmp_path / "site"
    assert main(["build", "--source", str(source), "--output", str(site), "--jobs", "1"]) == 0
    shown = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))["entries"]
    items = listed(stub_of(source, tmp_path))
    assert {e["id"]: e["headline"]["ar"] for e in shown} == {k: v["headline_ar"] for k, v in items.items()}


def entry(entry_id: str, ar: str, en: str | None = None, role: str = "event") -> Entry:
    day = date(2016, 10, 3)
    return Entry(
        id=entry_id,
        time=TimeValue("2016-10-03", "day", day, day),
        events=(),
        headline=Headline(ar=ar, en=en),
        role=role,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize(
    "headline",
    [
        "الرئيس: «لن نتراجع» # عاجل",
        "قال \"نعم\" و'لا' ثم: انتهى",
        "- بيان: {أ} [ب] & *ج* ! %د @ `هـ` | > ?",
        "سطر\u2028بعده\u0085و\\ مائل",
        "   ",
    ],
)
def test_any_headline_round_trips_through_the_stub_comment_and_field(headline: str) -> None:
    entries = [entry("123456789012", headline), entry("0a1b2c3d4e5f", "ب", en=headline, role="context")]
    missing_en = render_headline_stub(entries, "en")
    assert list(yaml.safe_load(missing_en)) == ["123456789012"]  # an id of digits alone stays text
    uncommented = missing_en.replace("  # headline_ar:", "  headline_ar:")
    assert yaml.safe_load(uncommented)["123456789012"] == {"headline_ar": headline, "headline_en": ""}
    both = yaml.safe_load(render_headline_stub(entries, None))
    assert both["0a1b2c3d4e5f"] == {"headline_ar": "ب", "headline_en": headline}


def test_an_existing_output_file_is_never_replaced_without_force(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "mine.yaml"
    out.write_text("my notes\n", encoding="utf-8")
    assert main(["headlines", "--source", str(source), "--output", str(out)]) == 2
    assert out.read_text(encoding="utf-8") == "my notes\n"
    err = capsys.readouterr().err
    assert str(out) in err and "not replaced" in err and "--force" in err
    assert main(["headlines", "--source", str(source), "--output", str(out), "--force"]) == 0
    assert "headline_ar" in out.read_text(encoding="utf-8")
    assert "4 entries written to" in capsys.readouterr().out
    again = ["headlines", "--source", str(source), "--missing", "en", "--output", str(out), "--force"]
    assert main(again) == 0
    assert "4 entries without an English headline written to" in capsys.readouterr().out


def test_a_missing_source_folder_is_an_error_naming_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["headlines", "--source", str(tmp_path / "nowhere")]) == 2
    captured = capsys.readouterr()
    assert "nowhere" in captured.err and "source folder not found" in captured.err
    assert captured.out == ""


def test_an_unreadable_editorial_file_is_an_error_naming_it_and_no_stub_is_written(
    source: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (source / "editorial.yaml").write_text("abcdef012345:\n  headline_en: [unclosed\n", encoding="utf-8")
    out = tmp_path / "stub.yaml"
    assert main(["headlines", "--source", str(source), "--missing", "en", "--output", str(out)]) == 2
    err = capsys.readouterr().err
    assert "editorial.yaml" in err and "cannot be read" in err
    assert not out.exists()
