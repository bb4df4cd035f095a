"""The `timeline` command as a user runs it: real processes, exit codes, messages, the extract contract."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from generator import cli
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = (
    "أعلنت وزارة الخارجية يوم الاثنين 3 أكتوبر 2016 تعليق المحادثات مع موسكو. وقال المتحدث إن القرار نهائي.\n"
)
DATED = "دمشق - الثلاثاء 4 أكتوبر/ تشرين الأول 2016\nقال المتحدث أمس إن الاجتماع سيعقد الأحد المقبل.\n"
MENTION_KEYS = ["text", "start", "end", "value", "grain", "first", "last", "kind", "calendar", "warnings"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1475625600"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=cwd or ROOT,
        timeout=300,
        check=False,
    )


def make_source(tmp_path: Path) -> Path:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (source / "sources.yaml").write_text("a.txt:\n  published: 2016-10-03\n", encoding="utf-8")
    return source


def test_help_explains_the_commands_with_examples() -> None:
    result = run("--help")
    assert result.returncode == 0
    for word in ("build", "serve", "extract", "examples:", "timeline build --source"):
        assert word in result.stdout
    assert "--strict" in run("build", "--help").stdout


def test_build_prints_what_it_built_and_problems_once(tmp_path: Path) -> None:
    source = make_source(tmp_path)
    (source / "empty.txt").write_bytes(b"")
    result = run("build", "--source", str(source), "--output", str(tmp_path / "site"), "--jobs", "1")
    assert result.returncode == 0, result.stderr
    summary = result.stdout.strip().splitlines()
    assert len(summary) == 1
    for word in ("1 articles", "date mentions", "entries", "pages", " s;"):
        assert word in summary[0]
    assert result.stderr.count("empty.txt: is empty") == 1
    assert (tmp_path / "site" / "index.html").is_file()

    strict = run("build", "--source", str(source), "--output", str(tmp_path / "site"), "--strict")
    assert strict.returncode == 1
    assert "empty.txt" in strict.stderr and "unchanged" in strict.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "x.txt", "--dct", "2016-02-30"], "is not a date"),
        (["build", "--source", "no/such/folder"], "source folder not found"),
        (["build", "--jobs", "-2"], "give a whole number"),
        (["teleport"], "invalid choice"),
    ],
)
def test_errors_exit_2_with_a_message_not_a_traceback(tmp_path: Path, args: list[str], message: str) -> None:
    result = run(*args, "--output", str(tmp_path / "site")) if args[0] == "build" else run(*args)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_invalid_config_lists_every_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "timeline.toml"
    config.write_text('[site]\ndefault_lang = "fr"\n[build]\njobs = "many"\n', encoding="utf-8")
    status = main(["build", "--config", str(config), "--source", str(make_source(tmp_path))])
    err = capsys.readouterr().err
    assert status == 2
    assert "site.default_lang" in err and "build.jobs" in err and "2 problems" in err


def extract_json(capsysbinary: pytest.CaptureFixture[bytes], *args: str) -> tuple[int, list[dict]]:
    status = main(["extract", *args])
    out = capsysbinary.readouterr().out.decode("utf-8")
    return status, [json.loads(line) for line in out.splitlines()]


def test_extract_json_contract_and_dct_sources(
    tmp_path: Path, capsysbinary: pytest.CaptureFixture[bytes]
) -> None:
    source = make_source(tmp_path)
    (source / "fm.md").write_text("---\npublished: 2016-10-05\n---\n" + ARTICLE, encoding="utf-8")
    (source / "dated.txt").write_text(DATED, encoding="utf-8")
    (source / "undated.txt").write_text("قال المتحدث إن الاجتماع انتهى.\n", encoding="utf-8")
    paths = [str(source / n) for n in ("a.txt", "fm.md", "dated.txt", "undated.txt")]
    status, records = extract_json(capsysbinary, *paths)
    assert status == 0
    assert [r["path"] for r in records] == paths
    assert [r["dct_source"] for r in records] == ["catalogue", "front-matter", "inferred", "none"]
    assert [r["dct"] for r in records] == ["2016-10-03", "2016-10-05", "2016-10-04", None]
    assert records[2]["dct_evidence"] and "dct_evidence" not in records[0]
    texts = {p: Path(p).read_text(encoding="utf-8") for p in paths}
    for record in records:
        assert list(record)[:3] == ["path", "dct", "dct_source"] and list(record)[-1] == "mentions"
        for mention in record["mentions"]:
            assert list(mention) == MENTION_KEYS
            body = texts[record["path"]].split("---\n", 2)[-1]
            assert body[mention["start"] : mention["end"]] == mention["text"]
    assert any(m["value"] == "2016-10-03" for m in records[0]["mentions"])

    status, (forced,) = extract_json(capsysbinary, paths[0], "--dct", "2017-01-01")
    assert forced["dct"] == "2017-01-01" and forced["dct_source"] == "cli"


def test_extract_text_format_and_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = make_source(tmp_path)
    (source / "sources.yaml").write_text(
        "a.txt:\n  published: 2016-10-03\n  url: ftp://x\nother.txt: {}\n", encoding="utf-8"
    )
    (source / "bad.txt").write_bytes(b"\x00\x00")
    result = run("extract", "--format", "text", str(source / "a.txt"), str(source / "bad.txt"))
    assert result.returncode == 1
    assert "document date 2016-10-03, from catalogue" in result.stdout
    assert "bad.txt: looks binary" in result.stderr
    assert "sources.yaml:3: entry 'a.txt': url 'ftp://x'" in result.stderr  # its own entry's problems only
    assert "other.txt" not in result.stderr


def test_a_failed_build_says_the_previous_site_is_unchanged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    source, site = make_source(tmp_path), tmp_path / "site"
    assert main(["build", "--source", str(source), "--output", str(site), "--jobs", "1"]) == 0

    def broken(*_args: object) -> dict[str, bytes]:
        raise KeyError("headline")

    monkeypatch.setattr("generator.render.render_site", broken)
    (source / "a.txt").write_text(ARTICLE + "وقال المتحدث إن الوفد سيعود.\n", encoding="utf-8")  # must render
    capsys.readouterr()
    assert main(["build", "--source", str(source), "--output", str(site), "--jobs", "1"]) == 2
    err = capsys.readouterr().err
    assert "internal error: KeyError" in err and f"{site}/ is unchanged" in err and "Traceback" not in err


def test_progress_line_only_on_a_terminal(tmp_path: Path) -> None:
    import pty

    source = make_source(tmp_path)
    plain = run("build", "--source", str(source), "--output", str(tmp_path / "a"), "--jobs", "1")
    # Not a terminal: no progress, just the summary on stdout (and the note that links are paths only).
    assert plain.stderr.strip() == cli.SITE_URL_NOTE

    controller, terminal = pty.openpty()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    command = [
        sys.executable,
        "-m",
        "generator",
        "build",
        "--source",
        str(source),
        "--output",
        str(tmp_path / "b"),
    ]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=terminal, env=env, cwd=ROOT) as process:
        os.close(terminal)
        out, _ = process.communicate(timeout=300)
        seen = b""
        while True:
            try:
                chunk = os.read(controller, 4096)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
    os.close(controller)
    assert process.returncode == 0
    assert b"articles extracted: 1/1" in seen and b"files written:" in seen
    assert b"Built" in out


def test_site_url_makes_the_sitemap_absolute(tmp_path: Path) -> None:
    source = make_source(tmp_path)
    site = tmp_path / "site"
    args = ["build", "--source", str(source), "--output", str(site), "--jobs", "1", "--base-url", "/repo/"]
    result = run(*args, "--site-url", "https://owner.github.io")
    assert result.returncode == 0, result.stderr
    assert "--site-url" not in result.stderr, "no note when the links can be absolute"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://owner.github.io/repo/ar/</loc>" in sitemap
    bad = run(*args, "--site-url", "owner.github.io")
    assert bad.returncode == 2 and "--site-url 'owner.github.io'" in bad.stderr


def test_serve_passes_the_named_config_file_on_for_rebuilds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import generator.serve

    config_file = tmp_path / "custom.toml"
    config_file.write_text('[site]\nsite_url = "https://owner.github.io"\n', encoding="utf-8")
    calls: list[tuple[object, ...]] = []
    monkeypatch.setattr(
        generator.serve,
        "serve",
        lambda config, host, port, config_file: calls.append((config, port, config_file)),
    )
    assert main(["serve", "--config", str(config_file), "--port", "8123"]) == 0
    [(config, port, passed)] = calls
    assert passed == config_file and port == 8123
    assert config.site_url == "https://owner.github.io"  # type: ignore[attr-defined]
