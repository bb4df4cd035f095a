"""`timeline add`: links served from 127.0.0.1 and saved pages become articles; failures name the link."""

from __future__ import annotations

import contextlib
import shutil
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from generator.cli import main
from generator.ingest import read_articles

PAGES = Path(__file__).resolve().parent / "fixtures" / "pages"
ROUTES = {
    "/iraq/2019/09/30/qaim-crossing.html": ("ar_chrome.html", "text/html; charset=utf-8"),
    "/world/sudan-deal": ("en_wire.html", "text/html"),
    "/maghreb/tunisie-loi-electorale": ("fr_maghreb.html", "text/html; charset=utf-8"),
    "/lebanon/electricity": ("ar_opengraph.html", "text/html; charset=utf-8"),
    "/article.php?id=71": ("ar_nothing.html", "text/html; charset=utf-8"),
    "/article.php?id=72": ("ar_dateline.html", "text/html; charset=utf-8"),
}


class _Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (the http.server name)
        if self.path == "/slow":
            time.sleep(1.5)
        if self.path in ROUTES:
            name, kind = ROUTES[self.path]
            self._send(200, kind, (PAGES / name).read_bytes())
        elif self.path == "/report.pdf":
            self._send(200, "application/pdf", b"%PDF-1.7\n")
        elif self.path == "/login":
            self._send(
                200, "text/html", b"<html><body><form><input name=user></form><p>Sign in</p></body></html>"
            )
        else:
            self._send(404, "text/html", b"<h1>Not Found</h1>")

    def _send(self, status: int, kind: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
            self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    """A news site on 127.0.0.1 serving the fixture pages; stopped after the test."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = False  # server_close() waits for every handler: no thread outlives the test
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def test_links_become_markdown_articles_with_what_the_page_said(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles"
    links = [f"{site}/iraq/2019/09/30/qaim-crossing.html", f"{site}/world/sudan-deal"]
    assert main(["add", *links, "--source", str(source)]) == 0
    out = capsys.readouterr().out
    assert (
        "added qaim-crossing.md: العراق يعيد فتح معبر القائم الحدودي مع سوريا · شبكة الرافدين الإخبارية"
        in out
    )
    assert "2019-09-30 (address: /2019/09/30/)" in out
    assert (
        "added sudan-deal.md: Sudan's military and protesters sign power-sharing deal · Gulf Courier" in out
    )
    assert "2019-08-17 (page metadata: JSON-LD datePublished)" in out
    articles, problems = read_articles(source)
    assert problems == []
    by_id = {a.id: a for a in articles}
    crossing = by_id["qaim-crossing"]
    assert crossing.published_source == "front-matter" and crossing.published_basis == "address: /2019/09/30/"
    assert crossing.url == links[0] and crossing.lang == "ar"
    assert crossing.text.startswith("أعاد العراق وسوريا فتح معبر القائم")
    assert by_id["sudan-deal"].lang == "en"
    assert (
        main(["add", f"{site}/article.php?id=71", f"{site}/article.php?id=72", "--source", str(source)]) == 0
    )
    by_query = sorted(p.name for p in source.glob("article-*.md"))
    assert len(by_query) == 2 and by_query[0] != by_query[1]  # one page, one file: the link names it
    header = (source / "qaim-crossing.md").read_text(encoding="utf-8").split("---")[1]
    assert "# outlet: page metadata: og:site_name" in header  # each field's basis stays beside it


def test_an_existing_file_is_never_overwritten(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "sudan-deal.md").write_text("my own notes\n", encoding="utf-8")
    assert main(["add", f"{site}/world/sudan-deal", "--source", str(source)]) == 1
    err = capsys.readouterr().err
    assert f"{site}/world/sudan-deal: sudan-deal.md already exists" in err and "not overwritten" in err
    assert (source / "sudan-deal.md").read_text(encoding="utf-8") == "my own notes\n"


def test_every_failure_names_the_link_and_the_reason_and_the_others_are_added(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles"
    listing = tmp_path / "links.txt"
    listing.write_text(
        f"# links collected this week\n{site}/missing-story\n\n{site}/report.pdf\n{site}/login\n"
        f"{site}/slow\n{site}/lebanon/electricity\n",
        encoding="utf-8",
    )
    status = main(["add", "--from", str(listing), "--source", str(source), "--timeout", "0.5"])
    captured = capsys.readouterr()
    assert status == 1
    errors = captured.err
    assert f"{site}/missing-story: the server answered 404" in errors
    assert f"{site}/report.pdf: is not a web page (the server sent application/pdf)" in errors
    assert f"{site}/login: has no article text" in errors
    assert f"{site}/slow: timed out after 0.5 s" in errors
    assert f"[5/5] {site}/lebanon/electricity" in errors  # the progress line
    assert "1 added" in captured.out and "4 not added" in captured.out
    assert sorted(p.name for p in source.iterdir()) == ["electricity.md"]


def test_a_folder_of_txt_files_with_a_catalogue_gets_a_txt_and_an_entry(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    (source / "old.txt").write_text("أعلنت الحكومة يوم 3 تشرين الأول/أكتوبر 2016 خطتها.\n", encoding="utf-8")
    catalogue = "# my catalogue\nold.txt:\n  published: 2016-10-03\n"
    (source / "sources.yaml").write_text(catalogue, encoding="utf-8")
    assert main(["add", f"{site}/maghreb/tunisie-loi-electorale", "--source", str(source)]) == 0
    assert (source / "sources.yaml").read_text(encoding="utf-8").startswith(catalogue)  # kept as it was
    articles, problems = read_articles(source)
    assert problems == []
    added = {a.id: a for a in articles}["tunisie-loi-electorale"]
    assert added.path.endswith(".txt") and added.lang == "fr"
    assert (added.published_source, added.published_basis) == (
        "catalogue",
        "page metadata: <time datetime> by the article",
    )
    assert added.outlet is not None and added.outlet.en == "Le Quotidien du Maghreb"


def test_from_links_to_a_built_site_in_three_commands(
    site: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source, out = tmp_path / "articles", tmp_path / "public"
    saved = tmp_path / "saved-page.html"
    shutil.copy(PAGES / "ar_dateline.html", saved)
    (tmp_path / "links.txt").write_text(
        f"{site}/lebanon/electricity\n{site}/world/sudan-deal\n", encoding="utf-8"
    )
    assert main(["add", "--from", str(tmp_path / "links.txt"), "--source", str(source)]) == 0
    assert main(["add", str(saved), "--source", str(source)]) == 0
    assert main(["build", "--source", str(source), "--output", str(out), "--jobs", "1"]) == 0
    assert "3 articles" in capsys.readouterr().out
    page = (out / "en" / "articles" / "sudan-deal" / "index.html").read_text(encoding="utf-8")
    assert "Sudan&#39;s military and protesters sign power-sharing deal" in page or "Sudan's military" in page
    assert (out / "ar" / "articles" / "saved-page" / "index.html").is_file()
