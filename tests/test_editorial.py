"""Editorial overrides: an editor's headline, date, hiding, merging and splitting survive every rebuild."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.editorial import Editorial, read_editorial
from generator.events import build_events
from generator.merge import DATES_DISAGREE, entry_id, merge_events
from generator.models import Article, Entry, Mention, TimeValue


def day(iso: str) -> TimeValue:
    d = date.fromisoformat(iso)
    return TimeValue(iso, "day", d, d)


TALKS = "علقت الحكومة يوم الاثنين محادثاتها مع النقابات بشأن زيادة الأجور في قطاع النقل."
TALKS_2 = "وأعلنت الحكومة يوم الاثنين تعليق المحادثات مع نقابات النقل حول الأجور."
FIRE = "واندلع حريق كبير في سوق الخضار القديم بوسط المدينة يوم الاثنين."


def corpus() -> tuple[list[Article], dict[str, list[Mention]]]:
    articles, mentions = [], {}
    for aid, lines in {"a": [TALKS, FIRE], "b": [TALKS_2]}.items():
        text = "\n".join(lines)
        found = []
        for line in lines:
            start = text.index(line) + line.index("يوم الاثنين")
            found.append(
                Mention(start, start + len("يوم الاثنين"), "يوم الاثنين", day("2020-06-01"), "weekday")
            )
        articles.append(Article(id=aid, path=f"{aid}.txt", text=text, slug=aid))
        mentions[aid] = found
    return articles, mentions


def build(tmp_path: Path, yaml_text: str | None = None) -> tuple[list[Entry], list]:
    articles, mentions = corpus()
    path = tmp_path / "editorial.yaml"
    if yaml_text is not None:
        path.write_text(yaml_text, encoding="utf-8")
    editorial, problems = read_editorial(path)
    entries, merge_problems = merge_events(build_events(articles, mentions), articles, editorial)
    return entries, [*problems, *merge_problems]


def talks_and_fire(entries: list[Entry]) -> tuple[Entry, Entry]:
    (talks,) = [e for e in entries if any("الأجور" in ev.sentence for ev in e.events)]
    (fire,) = [e for e in entries if any("حريق" in ev.sentence for ev in e.events)]
    return talks, fire


def test_without_an_editorial_file_nothing_changes(tmp_path: Path) -> None:
    entries, problems = build(tmp_path)
    assert problems == []
    talks, fire = talks_and_fire(entries)
    assert len(talks.events) == 2 and len(fire.events) == 1


def test_headlines_and_summaries_from_the_editor_replace_the_generated_ones(tmp_path: Path) -> None:
    first, _ = build(tmp_path)
    talks, _ = talks_and_fire(first)
    entries, problems = build(
        tmp_path,
        f"{talks.id}:\n  headline_en: Government suspends wage talks\n  headline_ar: تعليق محادثات الأجور\n"
        f"  summary_en: Transport unions were told on Monday.\n",
    )
    assert problems == []
    talks, fire = talks_and_fire(entries)
    assert talks.headline.en == "Government suspends wage talks"
    assert talks.headline.ar == "تعليق محادثات الأجور"
    assert talks.headline.summary_en == "Transport unions were told on Monday."
    assert fire.headline.en is None


def test_an_override_keyed_by_an_event_id_reaches_the_entry_holding_that_event(tmp_path: Path) -> None:
    first, _ = build(tmp_path)
    _, fire = talks_and_fire(first)
    entries, problems = build(tmp_path, f"{fire.events[0].id}:\n  headline_en: Fire in the old market\n")
    assert problems == []
    assert talks_and_fire(entries)[1].headline.en == "Fire in the old market"


def test_an_empty_headline_is_not_yet_written_and_leaves_the_entry_as_it_was(tmp_path: Path) -> None:
    first, _ = build(tmp_path)
    talks, fire = talks_and_fire(first)
    entries, problems = build(
        tmp_path,
        f'{talks.id}:\n  headline_en: ""\n  headline_ar: "  "\n'
        f"{fire.id}:\n  headline_en: Fire in the market\n",
    )
    assert problems == []
    edited_talks, edited_fire = talks_and_fire(entries)
    assert edited_talks.headline.en is None and edited_talks.headline.ar == talks.headline.ar
    assert edited_fire.headline.en == "Fire in the market"


def test_hide_removes_the_entry(tmp_path: Path) -> None:
    first, _ = build(tmp_path)
    _, fire = talks_and_fire(first)
    entries, _ = build(tmp_path, f"{fire.id}:\n  hide: true\n")
    assert fire.id not in {e.id for e in entries}
    assert len(entries) == len(first) - 1


def test_date_corrects_the_entry_date(tmp_path: Path) -> None:
    first, _ = build(tmp_path)
    _, fire = talks_and_fire(first)
    entries, _ = build(tmp_path, f"{fire.id}:\n  date: '2020-05'\n")
    fixed = talks_and_fire(entries)[1]
    assert (fixed.time.value, fixed.time.grain, fixed.time.first, fixed.time.last) == (
        "2020-05",
        "month",
        date(2020, 5, 1),
        date(2020, 5, 31),
    )
    assert DATES_DISAGREE not in fixed.warnings


def test_merge_with_joins_entries_and_split_separates_them(tmp_path: Path) -> None:
    first, _ = build(tmp_path)
    talks, fire = talks_and_fire(first)
    merged, problems = build(tmp_path, f"{fire.id}:\n  merge_with: [{talks.id}]\n")
    assert problems == []
    (one,) = [e for e in merged if len(e.events) == 3]
    assert one.id == entry_id(ev.id for ev in one.events)

    split, problems = build(tmp_path, f"{talks.id}:\n  split: true\n")
    assert problems == []
    assert sorted(len(e.events) for e in split) == [1, 1, 1]
    again, _ = build(tmp_path, f"{talks.id}:\n  split: true\n")
    assert [e.id for e in again] == [e.id for e in split], "split entries keep their ids across rebuilds"


def test_an_unknown_id_is_a_problem_naming_the_file_and_the_id(tmp_path: Path) -> None:
    entries, problems = build(tmp_path, "abcdefabcdef:\n  headline_en: Nothing\n")
    assert len(entries) == 2
    (problem,) = problems
    assert problem.path == "editorial.yaml" and "abcdefabcdef" in problem.message

    first, _ = build(tmp_path)
    talks, _ = talks_and_fire(first)
    _, problems = build(tmp_path, f"{talks.id}:\n  merge_with: [fedcbafedcba]\n")
    assert [p.path for p in problems] == ["editorial.yaml"] and "fedcbafedcba" in problems[0].message


def test_malformed_overrides_are_reported_each_and_the_rest_still_read(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yaml"
    path.write_text(
        "abcdefabcdef:\n  headline_en: Fine\n  colour: red\n"
        "123456abcdef:\n  date: 'ninth of May'\n  hide: maybe\n"
        "not-an-id:\n  hide: true\n",
        encoding="utf-8",
    )
    editorial, problems = read_editorial(path)
    messages = " | ".join(p.message for p in problems)
    assert (
        "colour" in messages and "ninth of May" in messages and "hide" in messages and "not-an-id" in messages
    )
    assert all(p.path == "editorial.yaml" for p in problems)
    assert editorial.overrides["abcdefabcdef"].headline_en == "Fine"


def test_broken_yaml_is_one_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "editorial.yaml"
    path.write_text("abcdefabcdef:\n  headline_en: [unclosed\n", encoding="utf-8")
    editorial, problems = read_editorial(path)
    assert editorial == Editorial()
    (problem,) = problems
    assert problem.path == "editorial.yaml" and problem.line is not None


def test_the_seed_editorial_file_reads_cleanly(seeds_dir: Path) -> None:
    editorial, problems = read_editorial(seeds_dir / "editorial.yaml")
    assert problems == []
    assert len(editorial.overrides) >= 10
    assert all(o.headline_en for o in editorial.overrides.values())


def test_overrides_by_entry_id_and_by_event_id_combine_with_the_entry_id_first(tmp_path: Path) -> None:
    first, _ = build(tmp_path)
    talks, _ = talks_and_fire(first)
    event = talks.events[-1].id
    entries, problems = build(
        tmp_path,
        f"{event}:\n  headline_en: From the event\n  summary_en: Event summary\n"
        f"{talks.id}:\n  headline_en: From the entry\n",
    )
    assert problems == []
    talks, _ = talks_and_fire(entries)
    assert talks.headline.en == "From the entry"
    assert talks.headline.summary_en == "Event summary"
