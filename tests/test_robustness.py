"""Whatever lands in the source folder, ingest reports it and never raises; floods of one problem collapse."""

from __future__ import annotations

import re
import string
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.ingest import assign_slugs, read_articles
from generator.models import Article, Problem
from generator.problems import format_problems

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

names = st.text(
    alphabet=string.ascii_letters + string.digits + "-_ .أبتثجحخ", min_size=1, max_size=12
).filter(lambda n: n.strip(" .") == n and not n.startswith("."))
yaml_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30), st.dates()
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)
front_keys = st.sampled_from(["title", "outlet", "url", "published", "published_basis", "lang", "other"])


def check(source: Path) -> tuple[list[Article], list[Problem]]:
    articles, problems = read_articles(source)
    for article in articles:
        assert article.slug and "/" not in article.slug
        assert "\r\n" not in article.text and not article.text.startswith("\ufeff")
    for problem in problems:
        assert problem.path.startswith(source.as_posix()) and problem.message
    return articles, problems


@FUZZ
@given(files=st.dictionaries(names, st.binary(max_size=300), min_size=1, max_size=4))
def test_random_bytes_never_raise(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        for name, data in files.items():
            (source / f"{name}.txt").write_bytes(data)
        articles, problems = check(source)
        assert len(articles) + len({p.path for p in problems}) >= 1


@FUZZ
@given(text=st.text(max_size=400), suffix=st.sampled_from([".txt", ".md"]))
def test_random_unicode_never_raises(text: str, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:  # lone surrogates cannot be in a UTF-8 file
            data = text.encode("utf-8", "surrogatepass")
        (source / f"a{suffix}").write_bytes(data)
        articles, problems = check(source)
        if articles and suffix == ".txt":
            assert articles[0].text == text.replace("\r\n", "\n").removeprefix("\ufeff")
        assert articles or problems


@FUZZ
@given(
    front=st.dictionaries(front_keys, yaml_values, max_size=6),
    catalogue=st.dictionaries(front_keys, yaml_values, max_size=6),
    raw=st.text(max_size=80),
)
def test_random_front_matter_and_catalogue_never_raise(front: dict, catalogue: dict, raw: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        body = "نص الخبر يوم الاثنين.\n"
        header = yaml.safe_dump(front, allow_unicode=True)
        (source / "a.md").write_text(f"---\n{header}---\n{body}", encoding="utf-8")
        (source / "b.md").write_text(f"---\n{raw}\n---\n{body}", encoding="utf-8")
        (source / "sources.yaml").write_text(
            yaml.safe_dump({"a.md": catalogue}, allow_unicode=True), encoding="utf-8"
        )
        articles, _ = check(source)
        assert "a" in {a.id for a in articles}  # well-formed YAML never costs the article


def test_a_thousand_identical_problems_print_as_one_line() -> None:
    flood = [Problem(f"src/{i:04}.txt", "is empty; skipped", hint="add the text") for i in range(1000)]
    other = Problem("src/x.md", "has front matter that is never closed", line=1)
    lines = format_problems([*flood, other, other])
    assert len(lines) == 2
    assert lines[0].startswith("src/0000.txt: is empty; skipped (add the text)") and "999 more" in lines[0]
    assert lines[1] == "src/x.md:1: has front matter that is never closed"


def test_a_few_identical_problems_are_each_printed() -> None:
    problems = [Problem(f"src/{i}.txt", "is empty; skipped") for i in range(3)]
    assert format_problems(problems) == [str(p) for p in problems]


def test_yaml_alias_bombs_are_reported_not_expanded(tmp_path: Path) -> None:
    levels = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 9)]
    header = "\n".join(levels) + "\noutlet: {ar: *a8}\nurl: *a8\npublished: *a8\nlang: *a8\ntitle: *a8\n"
    (tmp_path / "a.md").write_text(f"---\n{header}---\nنص الخبر.\n", encoding="utf-8")
    articles, problems = read_articles(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert "yaml-alias" in {p.code for p in problems}  # each alias read as null: the fields are absent
    assert articles[0].title is None and articles[0].outlet is None


SLUG = re.compile(r"^[a-z0-9_\-\u0621-\u06FF]+$")


@FUZZ
@given(ids=st.sets(st.text(min_size=1, max_size=20), min_size=1, max_size=12))
def test_slugs_are_url_safe_and_distinct_for_any_ids(ids: set[str]) -> None:
    articles = [Article(id=i, path=f"{i}.txt", text="x", slug="") for i in sorted(ids)]
    slugged, problems = assign_slugs(Path("src"), articles)
    assert problems == [] and len(slugged) == len(ids)
    assert len({a.slug for a in slugged}) == len(ids)
    for article in slugged:
        assert SLUG.match(article.slug), article.slug
        assert len(article.slug) <= 100
