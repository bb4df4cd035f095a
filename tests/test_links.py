"""Every link of the built seed site leads somewhere, under '/' and under a GitHub Pages base path."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from linkcheck import check_site, target_file

from generator.config import Config

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
BASES = ("/", "/demo/")


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The seeds built once per base URL, through the real pipeline."""
    from generator.build import build_site

    built: dict[str, Path] = {}
    for base in BASES:
        work = tmp_path_factory.mktemp("site" + base.strip("/"))
        config = Config(source=SEEDS, output=work / "site", base_url=base, cache=work / "cache", jobs=1)
        build_site(config)
        built[base] = work / "site"
    return built


@pytest.mark.parametrize("base", BASES)
def test_built_site_has_no_broken_links_or_anchors(sites: dict[str, Path], base: str) -> None:
    report = check_site(sites[base], base)
    assert report.broken == [], "\n".join(str(b) for b in report.broken[:30])
    assert report.pages >= 20 and report.links >= 200 and report.fragments >= 5, report


@pytest.mark.parametrize("base", BASES)
def test_feeds_sitemap_and_data_carry_the_base_path(sites: dict[str, Path], base: str) -> None:
    site = sites[base]
    locs = [e.text or "" for e in ET.parse(site / "sitemap.xml").iter() if e.tag.endswith("}loc")]
    assert locs
    for lang in ("ar", "en"):
        feed = ET.parse(site / lang / "feed.xml")
        locs += [e.get("href", "") for e in feed.iter() if e.tag.endswith("}link")]
    data = json.loads((site / "data" / "events.json").read_text(encoding="utf-8"))
    locs += [source["url"] for entry in data["entries"] for source in entry["sources"]]
    for url in locs:
        path = url.split("#")[0]
        path = path[path.index("/", path.index("//") + 2) :] if "//" in path else path
        assert path.startswith(base), url
        assert target_file(site, base, path)[0] is not None, url


def _write(root: Path, relative: str, html: str) -> None:
    file = root / relative
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(html, encoding="utf-8")


def test_checker_reports_missing_pages_anchors_and_links_outside_the_base(tmp_path: Path) -> None:
    _write(tmp_path, "index.html", '<a href="/demo/ar/">ok</a><a href="/demo/ar/#s12">ok</a>')
    _write(
        tmp_path,
        "ar/index.html",
        '<p id="s12">x</p><a href="../missing/">1</a><a href="#s99">2</a><a href="/ar/">3</a>'
        '<a href="https://example.org/x">external</a><a href="mailto:a@b.c">mail</a>'
        '<img src="/demo/static/gone.png" alt=""><a href="#s12">ok</a>',
    )
    report = check_site(tmp_path, "/demo/")
    reasons = sorted((b.link, b.reason.split(" ")[0]) for b in report.broken)
    assert reasons == [
        ("#s99", "no"),
        ("../missing/", "no"),
        ("/ar/", "outside"),
        ("/demo/static/gone.png", "no"),
    ]


def test_pages_workflow_builds_under_the_repository_name_and_deploys() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    assert workflow["concurrency"]["group"]
    steps = workflow["jobs"]["build"]["steps"]
    uses = {step.get("uses", "").split("@")[0]: step for step in steps}
    assert uses["actions/setup-python"]["with"]["python-version"] == "3.11"
    assert uses["actions/upload-pages-artifact"]["uses"].endswith("@v3")
    assert uses["actions/upload-pages-artifact"]["with"]["path"] == "site"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build" and deploy["steps"][-1]["uses"] == "actions/deploy-pages@v4"


@pytest.mark.parametrize(
    ("repository", "owner", "base"),
    [("news-timeline", "someone", "/news-timeline/"), ("Someone.github.io", "someone", "/")],
)
def test_pages_workflow_passes_the_base_url_make_expects(
    tmp_path: Path, repository: str, owner: str, base: str
) -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    step = next(s for s in workflow["jobs"]["build"]["steps"] if "make site" in s.get("run", ""))
    fake_make = tmp_path / "make"
    fake_make.write_text('#!/bin/sh\necho "$@"\n', encoding="utf-8")
    fake_make.chmod(fake_make.stat().st_mode | stat.S_IEXEC)
    env = {**os.environ, "PATH": f"{tmp_path}{os.pathsep}{os.environ['PATH']}", "REPOSITORY": repository}
    env["OWNER"] = owner
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == [
        "site",
        f"BASE_URL={base}",
        f"SITE_URL=https://{owner.lower()}.github.io",
    ]
    site_rule = (ROOT / "Makefile").read_text(encoding="utf-8").split("\nsite:")[1].split("\n\n")[0]
    assert "$(BASE_URL)" in site_rule and "$(SITE_URL)" in site_rule
