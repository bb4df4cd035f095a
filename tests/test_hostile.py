"""End to end: seeds plus broken and hostile files build, every bad file is named, no payload runs."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import time
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jinja2 import bccache

from generator import urls
from generator.assets import TEMPLATES_DIR
from generator.config import read_config_file
from generator.editorial import read_editorial
from generator.errors import ConfigError
from generator.ingest import TooLargeNumber, read_articles
from generator.memo import Memo

ROOT = Path(__file__).resolve().parent.parent
TIMELINE = ROOT / ".venv" / "bin" / "timeline"
SENTENCE = (
    "أعلنت وزارة الخارجية يوم الاثنين 3 أكتوبر 2016 تعليق المحادثات مع موسكو. وقال المتحدث إن القرار نهائي.\n"
)
PAYLOAD = '<script>alert("PWN1")</script> <img src=x onerror=alert("PWN2")> javascript:alert("PWN3")'
MARKERS = [f"PWN{i}" for i in range(1, 14)]
BAD_FILES = ["latin.txt", "empty.txt", "binary.txt", "broken_front.md", "sources.yaml"]
GOOD_EXTRA = [
    "cp1256.txt", "hostile_text.txt", "hostile_front.md", "hostile_body.md", "bad_date.txt", "huge.txt",
]  # fmt: skip
HUGE_BYTES = 5 * 1024 * 1024
OWN_SCRIPT = re.compile(r"^/static/[\w.-]+\.js$")
URL_ATTRS = {"href", "src", "action", "formaction", "srcset", "poster", "data", "xlink:href"}


def write_corpus(source: Path) -> None:
    """Copy the seeds and add one file per kind of bad or hostile input."""
    source.mkdir(parents=True)
    for path in (ROOT / "seeds").iterdir():
        shutil.copyfile(path, source / path.name)
    (source / "hostile_text.txt").write_text(SENTENCE + PAYLOAD + "\n" + SENTENCE, encoding="utf-8")
    (source / "hostile_front.md").write_text(
        f"---\ntitle: '{PAYLOAD}'\noutlet: '<img src=x onerror=alert(\"PWN4\")>'\n"
        f"url: 'javascript:alert(\"PWN5\")'\npublished: 2016-10-04\n---\n{SENTENCE}",
        encoding="utf-8",
    )
    (source / "hostile_body.md").write_text(
        "---\npublished: 2016-10-04\nurl: 'https://example.com/\"><script>alert(PWN6)</script>'\n---\n"
        f"{SENTENCE}\n<script>alert('PWN7')</script>\n\n<img src=x onerror=\"alert('PWN8')\">\n\n"
        "[اضغط](javascript:alert('PWN9')) و <a href=\"javascript:alert('PWN10')\">رابط</a>\n\n" + SENTENCE,
        encoding="utf-8",
    )
    (source / "cp1256.txt").write_bytes(SENTENCE.encode("cp1256"))
    (source / "latin.txt").write_bytes(("caf\xe9 na\xefve r\xe9sum\xe9 " * 40).encode("latin-1"))
    (source / "empty.txt").write_bytes(b"")
    (source / "binary.txt").write_bytes(bytes(range(256)) * 20)
    (source / "broken_front.md").write_text(
        f"---\ntitle: [unclosed\npublished: 2016-10-04\n---\n{SENTENCE}", encoding="utf-8"
    )
    (source / "bad_date.txt").write_text(SENTENCE, encoding="utf-8")
    (source / "huge.txt").write_text(
        SENTENCE * (HUGE_BYTES // len(SENTENCE.encode("utf-8")) + 1), encoding="utf-8"
    )
    catalogue = (source / "sources.yaml").read_text(encoding="utf-8")
    catalogue += (
        "\nbad_date.txt:\n  published: 2016-02-30\n"
        f"hostile_text.txt:\n  title: '{PAYLOAD}'\n"
        "  outlet: {ar: '<script>alert(\"PWN11\")</script>', en: '<svg onload=alert(\"PWN12\")>'}\n"
        "  url: 'javascript:alert(\"PWN13\")'\n  published: 2016-10-04\n"
    )
    (source / "sources.yaml").write_text(catalogue, encoding="utf-8")


def run(source: Path, output: Path, *extra: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(TIMELINE), "build", "--source", str(source), "--output", str(output), "--jobs", "1", *extra],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=timeout,
        cwd=output.parent,
    )


def snapshot(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, subprocess.CompletedProcess[str]]:
    """One build of the hostile corpus through the real command line."""
    base = tmp_path_factory.mktemp("hostile")
    source = base / "articles"
    write_corpus(source)
    result = run(source, base / "site")
    return source, base / "site", result


def test_build_exits_0_and_names_every_bad_file(
    built: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    source, _, result = built
    assert result.returncode == 0, result.stderr
    for name in BAD_FILES + ["cp1256.txt", "hostile_front.md"]:  # undecodable, refused url, legacy encoding
        assert (source / name).as_posix() in result.stderr, name
    assert "2016-02-30" in result.stderr and "javascript:" in result.stderr


def test_every_good_article_has_a_page_in_both_languages(
    built: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    source, site, _ = built
    articles, _ = read_articles(source)
    assert {a.path for a in articles} >= set(GOOD_EXTRA)
    assert not {a.path for a in articles} & set(BAD_FILES)
    for article in articles:
        for lang in urls.LANGS:
            assert (site / urls.page_file(lang, "articles", article.slug)).is_file(), (lang, article.path)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and not (values.get("src") and OWN_SCRIPT.match(values["src"] or "")):
            self.bad.append(f"<script {attrs}>")
        self.in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"<{tag} {name}=...>")
            cleaned = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in URL_ATTRS and (
                "javascript:" in cleaned or cleaned.startswith(("vbscript:", "data:text"))
            ):
                self.bad.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data: str) -> None:
        if self.in_script and data.strip():
            self.bad.append(f"inline script: {data[:60]!r}")

    def handle_endtag(self, tag: str) -> None:
        self.in_script = False


def test_no_payload_gets_through_as_markup_or_link(
    built: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    _, site, _ = built
    seen = set()
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        data = path.read_bytes()
        text = data.decode("utf-8", errors="replace")
        seen |= {m for m in MARKERS if m in text}
        if path.suffix in (".html", ".svg"):
            parser = _Tags()
            parser.feed(text)
            assert parser.bad == [], (rel, parser.bad[:5])
            assert len(re.findall(r"<script\b", text, re.I)) == text.count('<script src="/')
        elif path.suffix in (".xml", ".json", ".txt"):
            assert not re.search(r"<(script|img|svg|iframe)\b", text, re.I), rel
            if path.suffix == ".json":
                json.loads(text)
            elif path.suffix == ".xml":
                ElementTree.fromstring(data)
        elif path.suffix == ".ics":  # plain text: the payload may appear, but never as extra properties
            lines = text.replace("\r\n ", "").split("\r\n")
            assert all(re.match(r"^[A-Z-]+[;:]", line) for line in lines if line), rel
            assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT")
        elif path.suffix == ".js" and rel.startswith("static/"):
            assert not any(m in text for m in MARKERS), rel
    assert {"PWN1", "PWN2"} <= seen  # plain-text payloads are shown (escaped), not silently lost


def test_strict_exits_non_zero_and_leaves_the_site_byte_for_byte(
    built: tuple[Path, Path, subprocess.CompletedProcess[str]],
) -> None:
    source, site, _ = built
    before = snapshot(site)
    result = run(source, site, "--strict")
    assert result.returncode != 0
    assert snapshot(site) == before


def test_two_articles_on_one_output_path_stop_the_build_naming_both(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "same.txt").write_text(SENTENCE, encoding="utf-8")
    (source / "same.md").write_text(SENTENCE, encoding="utf-8")
    result = run(source, tmp_path / "site", timeout=120)
    assert "same.txt" in result.stderr and "same.md" in result.stderr


def test_five_megabyte_article_builds_in_sane_time(tmp_path: Path) -> None:
    # A linear build takes about 15 s on a busy 2-core machine; a quadratic pass over it takes minutes.
    source = tmp_path / "articles"
    source.mkdir()
    repeat = HUGE_BYTES // len(SENTENCE.encode("utf-8")) + 1
    (source / "huge.txt").write_text(SENTENCE * repeat, encoding="utf-8")
    started = time.perf_counter()
    try:
        result = run(source, tmp_path / "site", timeout=90)
    except subprocess.TimeoutExpired:
        pytest.fail("a 5 MB article did not build within 90 s")
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - started < 90


# --- a folder someone else prepared ---------------------------------------------------------------------

BIG = "7" * 5000
"""A number of 5,000 digits: past what Python prints (4,300) and what any field needs."""
SECRET = "SECRET-FROM-OUTSIDE-THE-FOLDER"
BOMB = "a0: &a0 [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 9)
)
"""An alias bomb: nine lines that expand to 9^9 (387 million) elements."""


class _Planted:
    """A pickle that, once loaded, leaves a file behind: proof that a cache ran code."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (os.system, (f"touch {self.marker}",))


def plant_caches(cache: Path, marker: Path) -> None:
    """Put a code-running pickle everywhere a cache was ever read from: its records and Jinja's bytecode."""
    payload = pickle.dumps(_Planted(marker))
    for name in ("merge", "site", "pages", "fragments/ar", "fragments/en", "fragments/events"):
        for suffix in (".pickle", ".json"):
            (cache / f"{name}{suffix}").parent.mkdir(parents=True, exist_ok=True)
            (cache / f"{name}{suffix}").write_bytes(payload)
    # Jinja's FileSystemBytecodeCache reads a pickle after its magic header, named by the template.
    magic = b"j2" + pickle.dumps(bccache.bc_version, 2)
    magic += pickle.dumps((sys.version_info[0] << 24) | sys.version_info[1], 2)
    (cache / "templates").mkdir(parents=True, exist_ok=True)
    for template in TEMPLATES_DIR.glob("*.html"):
        key = hashlib.sha1(f"{template.name}|{template}".encode()).hexdigest()
        (cache / "templates" / f"__jinja2_{key}.cache").write_bytes(magic + payload)


def write_prepared(folder: Path, outside: Path) -> None:
    """A folder with planted caches, links out of it, a FIFO and every value that once stopped a build."""
    folder.mkdir()
    for path in (ROOT / "seeds").iterdir():
        shutil.copyfile(path, folder / path.name)
    (folder / "timeline.toml").write_text('[build]\ncache = ".state"\n', encoding="utf-8")
    (outside / "secret.txt").write_text(SENTENCE + SECRET + "\n", encoding="utf-8")
    (folder / "outside.txt").symlink_to(outside / "secret.txt")
    (folder / "passwd.txt").symlink_to("/etc/passwd")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "git.txt").symlink_to("../.git/config")
    os.mkfifo(folder / "pipe.txt")
    (folder / "inner.txt").symlink_to("000_f0ed1a79886ac0b2.txt")
    (folder / "big.md").write_text(f"---\ntitle: {BIG}\npublished: 2016-10-04\n---\n{SENTENCE}", "utf-8")
    (folder / "stamp.md").write_text(
        f"---\npublished: !!timestamp 2016-10-04 10:30:00\n---\n{SENTENCE}", encoding="utf-8"
    )
    (folder / "far.md").write_text(f"---\npublished: 9999-12-31\n---\n{SENTENCE}", encoding="utf-8")
    (folder / "early.md").write_text(f"---\npublished: 0001-01-01\n---\n{SENTENCE}", encoding="utf-8")
    (folder / "deep.md").write_text(f"---\ntitle: {'[' * 60}{']' * 60}\n---\n{SENTENCE}", encoding="utf-8")
    (folder / "bomb.md").write_text(f"---\n{BOMB}title: *a8\n---\n{SENTENCE}", encoding="utf-8")
    with (folder / "sources.yaml").open("a", encoding="utf-8") as catalogue:
        catalogue.write(f"\nstamp.md:\n  outlet: {BIG}\nfar.md:\n  published_basis: {BIG}\n")
    (folder / "editorial.yaml").write_text(
        BOMB + f"abcdefabcdef:\n  date: {BIG}\n  headline_ar: *a8\n  hide: true\n", encoding="utf-8"
    )


def test_a_prepared_folder_runs_no_planted_code_and_publishes_nothing_from_outside(tmp_path: Path) -> None:
    marker = tmp_path / "PLANTED-CODE-RAN"
    prepared = tmp_path / "prepared"
    write_prepared(prepared, tmp_path)
    plant_caches(prepared / ".state", marker)
    plant_caches(tmp_path / ".cache" / "timeline", marker)  # where the cache goes by default
    started = time.perf_counter()
    result = run(prepared, tmp_path / "site", timeout=120)
    assert result.returncode == 0, result.stderr
    assert time.perf_counter() - started < 60
    assert not marker.exists(), "a planted cache file ran code"
    problems = result.stderr
    for name, words in {
        "outside.txt": "symbolic link", "passwd.txt": "symbolic link", "zero.txt": "symbolic link",
        "git.txt": "symbolic link", "inner.txt": "symbolic link", "pipe.txt": "named pipe",
        "big.md:2": "5000 digits", "far.md:2": "9999-12-31", "early.md:2": "0001-01-01",
        "deep.md:2": "nests deeper", "bomb.md": "alias", "sources.yaml": "5000 digits",
        "editorial.yaml:10": "5000 digits", "editorial.yaml:1": "alias",
    }.items():  # fmt: skip
        named = [line for line in problems.splitlines() if f"prepared/{name}" in line and words in line]
        assert named, (name, words, problems)
    published = "".join(
        p.read_text("utf-8", "replace") for p in (tmp_path / "site").rglob("*") if p.is_file()
    )
    assert SECRET not in published and "root:x:0:0" not in published and "[core]" not in published
    assert "stamp" in published  # its day read from the timestamp, its bad outlet dropped
    # With --follow-symlinks, a link to a file inside the folder is read; links out of it still are not.
    result = run(prepared, tmp_path / "site", "--follow-symlinks", timeout=120)
    assert result.returncode == 0 and not marker.exists()
    linked = [line for line in result.stderr.splitlines() if "symbolic link" in line]
    assert not any("prepared/inner.txt" in line for line in linked)
    assert any("prepared/outside.txt" in line for line in linked)
    published = "".join(
        p.read_text("utf-8", "replace") for p in (tmp_path / "site").rglob("*") if p.is_file()
    )
    assert SECRET not in published and "inner" in published


def test_a_prepared_folders_settings_cannot_aim_the_site_or_cache_outside_it(tmp_path: Path) -> None:
    prepared = tmp_path / "prepared"
    prepared.mkdir()
    (prepared / "a.txt").write_text(SENTENCE, encoding="utf-8")
    victim = tmp_path / "victim"
    victim.mkdir()
    (victim / "index.html").write_text("mine", encoding="utf-8")
    for setting in (
        f'output = "{victim}"',
        'output = "../victim"',
        'cache = "/tmp"',
        'source = "../.."',
        'output = "."',
    ):
        (prepared / "timeline.toml").write_text(f"[build]\n{setting}\n", encoding="utf-8")
        result = subprocess.run(
            [str(TIMELINE), "build", "--config", str(prepared / "timeline.toml")],
            capture_output=True,
            text=True,
            cwd=tmp_path,
        )
        assert result.returncode == 2 and "inside this file's folder" in result.stderr, (
            setting,
            result.stderr,
        )
    assert (victim / "index.html").read_text(encoding="utf-8") == "mine" and len(list(victim.iterdir())) == 1
    # The command line may say otherwise.
    (prepared / "timeline.toml").write_text(f'[build]\noutput = "{victim}"\n', encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    result = subprocess.run(
        [str(TIMELINE), "build", "--source", str(prepared), "--output", str(elsewhere), "--jobs", "1"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert (elsewhere / ".timeline-site").is_file()


def test_building_into_someones_folder_is_refused_and_their_files_are_kept(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "a.txt").write_text(SENTENCE, encoding="utf-8")
    web = tmp_path / "web"
    web.mkdir()
    (web / "index.html").write_text("my home page", encoding="utf-8")
    (web / ".nojekyll").write_bytes(b"")
    (web / "photo.jpg").write_bytes(b"\xff\xd8")
    result = run(source, web, timeout=120)
    assert result.returncode == 2 and "not written by this tool" in result.stderr
    assert sorted(p.name for p in web.iterdir()) == [".nojekyll", "index.html", "photo.jpg"]
    assert (web / "index.html").read_text(encoding="utf-8") == "my home page"
    # A site it built: a file someone adds to it survives every rebuild, a full one too.
    site = tmp_path / "site"
    assert run(source, site, timeout=120).returncode == 0
    (site / "notes.txt").write_text("keep me", encoding="utf-8")
    (source / "b.txt").write_text(SENTENCE.replace("3 أكتوبر", "4 أكتوبر"), encoding="utf-8")
    for _ in range(2):
        assert run(source, site, timeout=120).returncode == 0
        assert (site / "notes.txt").read_text(encoding="utf-8") == "keep me"
    (site / "index.html").unlink()
    (site / "index.html").write_text("hand-edited", encoding="utf-8")  # replaced: the site lists it
    assert run(source, site, timeout=120).returncode == 0
    assert (site / "index.html").read_text(encoding="utf-8") != "hand-edited"


def test_staging_folders_of_killed_builds_are_removed_by_the_next(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "a.txt").write_text(SENTENCE, encoding="utf-8")
    dead = subprocess.run(["true"], check=True)  # (a finished process: its id is free)
    killed = tmp_path / f".site-tmp-{2**22 + 12345}-abc"
    old_style = tmp_path / ".site-tmp-xyz"
    running = tmp_path / f".site-tmp-{os.getpid()}-def"
    for folder in (killed, old_style, running):
        (folder / "ar").mkdir(parents=True)
        (folder / "ar" / "index.html").write_text("half", encoding="utf-8")
    os.utime(old_style, (time.time() - 7200, time.time() - 7200))
    assert dead.returncode == 0
    assert run(source, tmp_path / "site", timeout=120).returncode == 0
    assert not killed.exists() and not old_style.exists()
    assert running.exists(), "a staging folder of a build under way is left to it"


def test_a_link_rewritten_after_sanitising_cannot_become_markup(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "a.md").write_text(
        f"---\npublished: 2016-10-04\n---\n{SENTENCE}\n"
        '<a title="><img src=x onerror=alert(\'PWN20\')>">رابط</a> و <abbr title="اختصار">أ.ف.ب</abbr> '
        "و [اضغط](javascript:alert('PWN21')) و [المصدر](https://example.com/)\n",
        encoding="utf-8",
    )
    assert run(source, tmp_path / "site", timeout=120).returncode == 0
    page = next((tmp_path / "site" / "ar" / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    parser = _Tags()
    parser.feed(page)
    assert parser.bad == []
    assert '<abbr title="اختصار">أ.ف.ب</abbr>' in page  # the link rewrite no longer swallows it
    assert "رابط" in page and "اضغط" in page and 'href="https://example.com/"' in page


def test_control_and_bidi_characters_in_metadata_stay_inside_their_field(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    # YAML writes the escape (ESC) and the bell as \e and \a in a double-quoted string.
    title = '"عنوان\\e]0;pwned\\a \u202eabc"'
    (source / "a.md").write_text(
        f"---\ntitle: {title}\n"
        'outlet: {ar: "<b>وكالة</b>\u202e", en: "Agency\u2067"}\npublished: 2016-10-04\n---\n'
        f"{SENTENCE}",
        encoding="utf-8",
    )
    assert run(source, tmp_path / "site", timeout=120).returncode == 0
    site = tmp_path / "site"
    page = next((site / "ar" / "articles").glob("*/index.html")).read_text(encoding="utf-8")
    shown = re.search(r"<title>(.*?)</title>", page, re.S)[1]
    assert "\x1b" not in shown and "\x07" not in shown and "\u202eabc\u202c" in shown
    for name in ("data/events.json", "data/timelinejs.json", "timeline.ics", "ar/feed.xml"):
        text = (site / name).read_text(encoding="utf-8")
        assert "\x1b" not in text and "\x07" not in text, name
        for line in text.splitlines():  # every override or isolate opened on a line is closed on it
            assert line.count("\u202e") <= line.count("\u202c") and line.count("\u2067") <= line.count(
                "\u2069"
            ), (name, line)
    group = {e.get("group") for e in json.loads((site / "data/timelinejs.json").read_text("utf-8"))["events"]}
    assert "&lt;b&gt;وكالة&lt;/b&gt;\u202e\u202c" in group


# --- no input raises past the problem reporter --------------------------------------------------------------

FUZZ = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
yaml_scalar_text = st.one_of(
    st.sampled_from(
        [
            "~",
            "null",
            "yes",
            "0x1F",
            "1e999",
            "-.inf",
            ".nan",
            "!!timestamp 2016-10-04 10:30:00",
            "9999-12-31",
            "0001-01-01",
            "2016-02-30",
            BIG,
            f"-{BIG}",
            "!!binary aGVsbG8=",
            "!!set {a, b}",
            "&x 1",
            "*x",
            "'\u202e'",
            '"\\e[31m"',
            "[",
            "{",
            "]]",
            "- - -",
            "? a",
            "!!python/object:os.system x",
            "<b>x</b>",
        ]
    ),  # fmt: skip
    st.text(max_size=12),
)
yaml_keys = st.sampled_from(
    ["title", "outlet", "published", "url", "lang", "hide", "date", "headline_ar", "merge_with",
     "abcdefabcdef", "a.txt", "- x", "ar", "en"]
)  # fmt: skip
yaml_lines = st.lists(st.tuples(st.integers(0, 6), yaml_keys, yaml_scalar_text), max_size=10)
"""Lines of YAML-like text: an indentation, a key and a value, often invalid, sometimes hostile."""


def _yaml_text(lines: list[tuple[int, str, str]]) -> str:
    return "".join(f"{' ' * indent}{key}: {value}\n" for indent, key, value in lines)


@FUZZ
@given(catalogue=yaml_lines, front=yaml_lines)
def test_any_catalogue_and_front_matter_give_problems_not_errors(catalogue: list, front: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder)
        (source / "a.txt").write_text(SENTENCE, encoding="utf-8")
        (source / "b.md").write_text(f"---\n{_yaml_text(front)}---\n{SENTENCE}", encoding="utf-8")
        (source / "sources.yaml").write_text(_yaml_text(catalogue), encoding="utf-8")
        kept = Memo(source / ".cache", "")
        for cache in (None, kept, kept):  # the second read comes from the cache
            articles, problems = read_articles(source, cache)
            assert "a" in {a.id for a in articles}
            assert all(p.path.startswith(source.as_posix()) and p.message for p in problems)
            for article in articles:
                assert article.published is None or 1000 <= article.published.year <= 8999
                assert all(not isinstance(v, TooLargeNumber) for v in vars(article).values())


@FUZZ
@given(lines=yaml_lines)
def test_any_editorial_file_gives_problems_not_errors(lines: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "editorial.yaml"
        path.write_text(_yaml_text(lines), encoding="utf-8")
        edits, problems = read_editorial(path)
        assert all(p.path == "editorial.yaml" and p.message for p in problems)
        for override in edits.overrides.values():
            assert override.date is None or 1000 <= override.date.first.year <= 8999


toml_values = st.one_of(
    st.sampled_from(
        [
            '"/etc"',
            '"../out"',
            '"out"',
            '"."',
            '"~/x"',
            "0",
            "-1",
            "65",
            "64",
            BIG,
            "1979-05-27T07:32:00Z",
            "true",
            "[" * 500 + "]" * 500,
            "{a = {b = {c = 1}}}",
            '"\u202e"',
            "'\\x'",
            "nan",
            "inf",
            '"a\\u0000b"',
        ]
    ),  # fmt: skip
    st.text(max_size=10),
)
toml_keys = st.sampled_from(
    [
        "output",
        "cache",
        "source",
        "jobs",
        "strict",
        "title_ar",
        "base_url",
        "max_file_mb",
        "week_start",
        "other",
    ]
)


@FUZZ
@given(
    entries=st.lists(
        st.tuples(st.sampled_from(["[build]", "[site]", "[x]", ""]), toml_keys, toml_values), max_size=6
    )
)
def test_any_timeline_toml_is_read_or_refused_with_a_message(entries: list) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "timeline.toml"
        path.write_text(
            "".join(f"{head}\n{key} = {value}\n" for head, key, value in entries), encoding="utf-8"
        )
        try:
            values = read_config_file(path)
        except ConfigError as error:
            assert str(error).startswith(str(path))
            return
        for key in ("output", "cache", "source"):
            if key in values:
                assert values[key].resolve().is_relative_to(Path(folder).resolve()), values[key]
        assert 0 <= values.get("jobs", 0) <= 64


def test_a_site_an_earlier_version_built_is_taken_over_once_and_then_listed(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "a.txt").write_text(SENTENCE, encoding="utf-8")
    site = tmp_path / "site"
    assert run(source, site, timeout=120).returncode == 0
    (site / ".timeline-site").unlink()  # as a build before manifests left it
    assert run(source, site, timeout=120).returncode == 0
    listed = (site / ".timeline-site").read_text(encoding="utf-8").splitlines()
    assert "ar/index.html" in listed and "static/site.css" in listed
    (site / ".timeline-site").unlink()
    (site / "static" / "site.css").unlink()  # no longer every mark of a site of ours: someone's folder
    result = run(source, site, timeout=120)
    assert result.returncode == 2 and "not written by this tool" in result.stderr


def test_a_mount_point_as_output_is_refused_with_a_true_message() -> None:
    from generator.errors import BuildError
    from generator.sitewrite import check_output

    mount = next((Path(p) for p in ("/proc", "/dev/shm", "/sys") if os.path.ismount(p)), None)
    if mount is None:
        pytest.skip("no mount point to try here")
    with pytest.raises(BuildError, match="mount point") as refused:
        check_output(mount)
    assert f"{mount}/site" in str(refused.value), "it says what to do instead"
    assert ".site-old-" not in str(refused.value)
