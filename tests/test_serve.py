"""The preview server: serves only the built site, under its base URL, and keeps the last good build."""

from __future__ import annotations

import asyncio
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from tornado import web

from generator import urls
from generator.config import Config
from generator.errors import TimelineError
from generator.ingest import make_slug
from generator.serve import (
    Rebuilder,
    Site,
    SiteHandler,
    config_reloader,
    resolve_request,
    run_build,
    skip_path,
)

ROOT = Path(__file__).resolve().parent.parent
SECRET = "TOP-SECRET-OUTSIDE-THE-SITE"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(port: int, path: str, timeout: float = 10.0) -> tuple[int, dict[str, str], bytes]:
    """Send the path exactly as written (no client-side normalisation) and return status, headers, body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        conn.close()


@pytest.fixture
def built(tmp_path: Path) -> Path:
    """A small built site at tmp/site, a secret file beside it, and symlinks trying to reach it."""
    site = tmp_path / "site"
    (site / "ar" / "entries" / "x").mkdir(parents=True)
    (site / "index.html").write_text("<html><head></head><body>root</body></html>", encoding="utf-8")
    (site / "404.html").write_text("<html><head></head><body>صفحة غير موجودة</body></html>", encoding="utf-8")
    (site / "ar" / "index.html").write_text(
        "<html><head></head><body>الخط الزمني</body></html>", encoding="utf-8"
    )
    (site / "ar" / "entries" / "x" / "index.html").write_text("entry x", encoding="utf-8")
    (site / "data.json").write_text("{}", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    (tmp_path / "outside").mkdir()
    (tmp_path / "outside" / "index.html").write_text(SECRET, encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", site / "leak.txt")
    os.symlink(tmp_path / "outside", site / "leakdir")
    return site


def _start(site: Site) -> Iterator[int]:
    port = _free_port()
    ready = threading.Event()
    holder: dict[str, asyncio.AbstractEventLoop] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        holder["loop"] = loop
        app = web.Application([(r"/(.*)", SiteHandler, {"site": site})])
        server = app.listen(port, address="127.0.0.1")
        ready.set()
        loop.run_forever()
        server.stop()
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    ready.wait(5)
    yield port
    holder["loop"].call_soon_threadsafe(holder["loop"].stop)
    thread.join(5)


@pytest.fixture
def root_server(built: Path) -> Iterator[int]:
    """The site handler serving the small site under '/'."""
    yield from _start(Site(built, "/"))


@pytest.fixture
def demo_server(built: Path) -> Iterator[int]:
    """The site handler serving the small site under '/demo/', as a GitHub Pages project site."""
    yield from _start(Site(built, "/demo/"))


TRAVERSALS = [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/ar/../../secret.txt",
    "/ar/%2e%2e/%2e%2e/secret.txt",
    "/ar/..%2f..%2fsecret.txt",
    "//etc/passwd",
    "/%2fetc/passwd",
    "/%2Fetc%2Fpasswd",
    "/leak.txt",
    "/leakdir/",
    "/leakdir/index.html",
    "/..\\secret.txt",
    "/%00/secret.txt",
]


@pytest.mark.parametrize("path", TRAVERSALS)
def test_requests_never_reach_files_outside_the_site(root_server: int, path: str) -> None:
    status, _, body = _get(root_server, path)
    assert status in (400, 403, 404), (path, status)
    assert SECRET.encode() not in body
    assert b"root:" not in body


@pytest.mark.parametrize(
    "path",
    [
        "/demo/../secret.txt",
        "/demo/%2e%2e/secret.txt",
        "/demo/..%2fsecret.txt",
        "/demo//etc/passwd",
        "/demo/leak.txt",
        "/%2e%2e/secret.txt",
    ],
)
def test_traversal_under_a_base_url_is_refused_too(demo_server: int, path: str) -> None:
    status, _, body = _get(demo_server, path)
    assert status in (400, 403, 404), (path, status)
    assert SECRET.encode() not in body


def test_absolute_form_request_target_is_not_a_way_out(root_server: int) -> None:
    status, _, body = _get(root_server, "http://127.0.0.1/../secret.txt")
    assert SECRET.encode() not in body
    assert status in (400, 403, 404)


def test_pages_are_served_with_their_type_and_without_caching(root_server: int) -> None:
    status, headers, body = _get(root_server, "/ar/")
    assert status == 200
    assert "الخط الزمني" in body.decode("utf-8")
    assert headers["content-type"] == "text/html; charset=utf-8"
    assert headers["cache-control"] == "no-store"
    status, headers, _ = _get(root_server, "/data.json")
    assert (status, headers["content-type"]) == (200, "application/json; charset=utf-8")


def test_folder_without_slash_redirects_and_unknown_path_gets_the_site_404(root_server: int) -> None:
    status, headers, _ = _get(root_server, "/ar/entries/x")
    assert status in (301, 302) and headers["location"] == "/ar/entries/x/"
    status, _, body = _get(root_server, "/ar/entries/nothing/")
    assert status == 404
    assert "صفحة غير موجودة" in body.decode("utf-8")


def test_a_base_url_site_is_served_under_its_base_only(demo_server: int) -> None:
    status, _, body = _get(demo_server, "/demo/ar/")
    assert status == 200 and "الخط الزمني" in body.decode("utf-8")
    for path in ("/", "/demo"):
        status, headers, _ = _get(demo_server, path)
        assert status in (301, 302) and headers["location"] == "/demo/", path
    status, _, _ = _get(demo_server, "/ar/")
    assert status == 404


def test_a_request_during_a_swap_waits_for_the_new_site(built: Path, root_server: int) -> None:
    moved = built.with_name("site-being-swapped")
    built.rename(moved)
    result: dict[str, tuple[int, dict[str, str], bytes]] = {}
    request = threading.Thread(target=lambda: result.setdefault("r", _get(root_server, "/ar/")))
    request.start()
    time.sleep(0.4)
    moved.rename(built)
    request.join(10)
    status, _, body = result["r"]
    assert status == 200 and "الخط الزمني" in body.decode("utf-8")


def test_resolve_request_maps_folders_to_their_index(built: Path) -> None:
    assert resolve_request(built, "/", "/ar/").location == str(built / "ar" / "index.html")
    assert resolve_request(built, "/demo/", "/demo/ar/entries/x").kind == "redirect"
    assert resolve_request(built, "/demo/", "/demo/ar/entries/x/").kind == "file"
    assert resolve_request(built, "/", "/missing.html").kind == "missing"


def test_changes_in_quick_succession_make_one_build() -> None:
    builds: list[float] = []
    rebuilder = Rebuilder(lambda: builds.append(time.monotonic()) is None, delay=0.3)
    rebuilder.start()
    try:
        for _ in range(5):
            rebuilder.changed()
            time.sleep(0.05)
        deadline = time.monotonic() + 5
        while not builds and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.6)
    finally:
        rebuilder.stop()
    assert len(builds) == 1


def test_a_failed_build_is_reported_not_raised(capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> None:
        raise ValueError("template exploded")

    assert run_build(broken) is False
    err = capsys.readouterr().err
    assert "Build failed" in err and "template exploded" in err and "last good site" in err


# --- end to end: `timeline serve` as a user runs it ------------------------------------------------------

NEW_ARTICLE = (
    "بيروت - أعلنت الحكومة اللبنانية يوم الخميس 16 آذار/مارس 2017 عن خطة جديدة لإعادة إعمار المرفأ.\n"
    "وقال وزير الأشغال إن الأعمال ستبدأ في مطلع نيسان/أبريل 2017 وتستمر عامين.\n"
)


SECOND_ARTICLE = "عمّان - افتتحت الحكومة الأردنية يوم الأحد 4 شباط/فبراير 2018 مبنى المطار الجديد.\n"


def _read(name: str) -> str:
    return Path(name).read_text(encoding="utf-8")


def _command() -> list[str]:
    script = Path(sys.executable).with_name("timeline")
    return [str(script)] if script.exists() else [sys.executable, "-m", "generator"]


def _wait_for(predicate: Callable[[], bool], timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.25)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def _article_page(port: int, article_id: str) -> str | None:
    """Return the Arabic page of an article as served, or None while it is not."""
    status, _, body = _get(port, urls.article_href("/", "ar", make_slug(article_id)))
    return body.decode("utf-8") if status == 200 else None


def _shows(port: int, article_id: str, phrase: str) -> bool:
    page = _article_page(port, article_id)
    return page is not None and phrase in page


@dataclass
class Preview:
    """A running `timeline serve` on a copy of the seeds: its source folder, port and log."""

    source: Path
    port: int
    log: Path


@pytest.fixture
def preview(tmp_path: Path) -> Iterator[Preview]:
    """Start `timeline serve` as a user would; on teardown press Ctrl-C and check it exits cleanly."""
    source = tmp_path / "articles"
    shutil.copytree(ROOT / "seeds", source)
    port = _free_port()
    log_path = tmp_path / "serve.log"
    log = log_path.open("w", encoding="utf-8")
    command = [*_command(), "serve", "--source", str(source), "--output", str(tmp_path / "site")]
    process = subprocess.Popen(
        [*command, "--port", str(port)],
        cwd=tmp_path,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:

        def up() -> bool:
            try:
                return _get(port, "/ar/", timeout=2)[0] == 200
            except OSError:
                return process.poll() is not None  # exited: stop waiting, the assertion below says why

        _wait_for(up, 60, "the first build to be served")
        assert process.poll() is None, _read(log_path)[-2000:]
        yield Preview(source, port, log_path)
    finally:
        process.send_signal(signal.SIGINT)
        try:
            code = process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            raise
        finally:
            log.close()
    text = _read(log_path)
    assert code == 0, text[-2000:]
    assert "KeyboardInterrupt" not in text and "Stopped." in text


@pytest.mark.slow
def test_timeline_serve_rebuilds_on_change_and_keeps_the_last_good_site(preview: Preview) -> None:
    port, source = preview.port, preview.source
    status, _, body = _get(port, "/ar/")
    assert status == 200 and b"livereload" in body  # the reload script is injected

    (source / "zz_preview_added.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    _wait_for(lambda: _shows(port, "zz_preview_added", "المرفأ"), 30, "the new article to be served")

    (source / "timeline.toml").write_text("[site\nbase_url = ", encoding="utf-8")
    (source / "zz_preview_second.txt").write_text(SECOND_ARTICLE, encoding="utf-8")
    _wait_for(lambda: "Build failed" in _read(preview.log), 30, "the failure to be reported")
    assert "timeline.toml" in _read(preview.log).split("Build failed")[-1]
    assert _get(port, "/ar/")[0] == 200
    assert _shows(port, "zz_preview_added", "المرفأ")
    assert _article_page(port, "zz_preview_second") is None

    (source / "timeline.toml").unlink()
    _wait_for(lambda: _shows(port, "zz_preview_second", "المطار"), 30, "the fixed build to be served")


@pytest.mark.slow
@pytest.mark.browser
def test_an_open_page_reloads_itself_after_a_save(preview: Preview, browser: object) -> None:
    article = sorted(preview.source.glob("*.txt"))[0]
    address = f"http://127.0.0.1:{preview.port}" + urls.article_href("/", "ar", make_slug(article.stem))
    page = browser.new_page()  # type: ignore[attr-defined]
    try:
        page.goto(address)
        page.wait_for_function("window.LiveReload !== undefined", timeout=10_000)
        page.evaluate("window.beforeSave = true")
        with article.open("a", encoding="utf-8") as handle:
            handle.write("\nوأكد المتحدث أن الفريق الفني أنهى تقريره الأول.\n")
        page.wait_for_function("window.beforeSave === undefined", timeout=30_000)
        page.wait_for_load_state()
        assert "الفريق الفني" in page.content()
    finally:
        page.close()


def test_a_strict_build_that_wrote_nothing_counts_as_failed(capsys: pytest.CaptureFixture[str]) -> None:
    class Unwritten:
        problems = ()
        written = False

        def summary(self) -> str:
            return "Not written (1 problem, --strict)"

    assert run_build(Unwritten) is False
    assert "Not written" in capsys.readouterr().err


def test_watch_ignores_hidden_files_and_the_built_site_but_not_articles(tmp_path: Path) -> None:
    source = tmp_path / ".hidden-parent" / "articles"
    skip = skip_path(source, (source / "site",))
    assert not skip(str(source / "001.txt"))
    assert not skip(str(source / "sub" / "sources.yaml"))
    assert skip(str(source / ".001.txt.swp"))
    assert skip(str(source / ".git" / "index"))
    assert skip(str(source / "site" / "ar" / "index.html"))


def test_arabic_folder_names_are_served_and_redirected(built: Path, root_server: int) -> None:
    folder = built / "ar" / "articles" / "خبر-عاجل"
    folder.mkdir(parents=True)
    (folder / "index.html").write_text("<p>خبر</p>", encoding="utf-8")
    quoted = "/ar/articles/%D8%AE%D8%A8%D8%B1-%D8%B9%D8%A7%D8%AC%D9%84"
    status, headers, _ = _get(root_server, quoted)
    assert status in (301, 302) and headers["location"] == quoted + "/"
    status, _, body = _get(root_server, headers["location"])
    assert status == 200 and "خبر" in body.decode("utf-8")


def test_rebuilds_reread_the_settings_but_keep_the_command_line(tmp_path: Path) -> None:
    source = tmp_path / "articles"
    source.mkdir()
    settings = source / "timeline.toml"
    settings.write_text('[site]\ntitle_en = "Before"\n', encoding="utf-8")
    started = Config(title_en="Before", source=source, output=tmp_path / "out", jobs=1)
    reload = config_reloader(started)
    settings.write_text('[site]\ntitle_en = "After"\nbase_url = "/demo/"\n', encoding="utf-8")
    again = reload()
    assert (again.title_en, again.base_url) == ("After", "/demo/")
    assert (again.source, again.output, again.jobs) == (source, tmp_path / "out", 1)
    settings.write_text("[site\n", encoding="utf-8")
    with pytest.raises(TimelineError):
        reload()


# --- a web page elsewhere cannot read the preview --------------------------------------------------------


def _request(port: int, path: str, headers: dict[str, str]) -> tuple[int, bytes]:
    """Send a GET with exactly these headers (Host among them) and return status and body."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        conn.putrequest("GET", path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            conn.putheader(name, value)
        conn.endheaders()
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _websocket_status(port: int, origin: str) -> int:
    """Open livereload's socket from a page of `origin` and return the handshake's status."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(
            (
                f"GET /livereload HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                f"Sec-WebSocket-Version: 13\r\nOrigin: {origin}\r\n\r\n"
            ).encode()
        )
        return int(sock.recv(200).split(b" ", 2)[1])


@pytest.mark.slow
def test_the_preview_answers_only_its_own_host_and_origin(preview: Preview) -> None:
    port = preview.port
    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", f"LOCALHOST:{port}"):
        assert _request(port, "/ar/", {"Host": host})[0] == 200, host
    # DNS rebinding: a page of attacker.example whose name now points at 127.0.0.1.
    for host in (f"attacker.example:{port}", "attacker.example", f"127.0.0.1:{port + 1}", ""):
        status, body = _request(port, "/ar/", {"Host": host})
        assert status == 421 and "الخط الزمني".encode() not in body, host
    assert _request(port, "/livereload.js", {"Host": f"attacker.example:{port}"})[0] == 421
    assert _websocket_status(port, f"http://127.0.0.1:{port}") == 101
    assert _websocket_status(port, "http://attacker.example") == 403
    assert _websocket_status(port, f"http://localhost:{port + 1}") == 403


@pytest.mark.slow
def test_the_preview_hides_dotfiles_and_answers_long_paths_without_a_traceback(preview: Preview) -> None:
    port = preview.port
    site = preview.source.parent / "site"
    assert (site / ".timeline-site").is_file() and (site / ".nojekyll").is_file()
    for path in ("/.timeline-site", "/.nojekyll", "/ar/.hidden", "/%2Etimeline-site"):
        assert _get(port, path)[0] == 404, path
    assert _get(port, "/" + "a" * 10_000)[0] == 414
    assert _get(port, "/ar/" + "%D8%A8" * 300)[0] == 404  # a name too long for the file system
    assert _get(port, "/ar/")[0] == 200
    assert "Traceback" not in _read(preview.log)


@pytest.mark.slow
def test_an_unreadable_editorial_file_keeps_the_last_good_site_served(preview: Preview) -> None:
    port, source = preview.port, preview.source
    _, _, before = _get(port, "/ar/")
    (source / "editorial.yaml").write_text("abc123abc123: {hide: true\n", encoding="utf-8")
    (source / "zz_preview_added.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    _wait_for(lambda: "Not written" in _read(preview.log), 30, "the build to be held back")
    assert "editorial.yaml:" in _read(preview.log) and "editorial.yaml unreadable" in _read(preview.log)
    assert _get(port, "/ar/")[2] == before and _article_page(port, "zz_preview_added") is None
    (source / "editorial.yaml").write_text("", encoding="utf-8")
    _wait_for(lambda: _shows(port, "zz_preview_added", "المرفأ"), 30, "the site once the file is fixed")


def test_the_preview_closes_idle_connections(built: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator import serve

    monkeypatch.setattr(serve, "IDLE_SECONDS", 1)
    port = _free_port()
    ready = threading.Event()
    holder: dict[str, asyncio.AbstractEventLoop] = {}

    def run() -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        holder["loop"] = loop
        serve.PreviewServer(Site(built, "/"), serve.QuietWatcher()).application(port, "127.0.0.1")
        ready.set()
        loop.run_forever()
        loop.close()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    assert ready.wait(5)
    try:
        assert _get(port, "/ar/")[0] == 200
        with socket.create_connection(("127.0.0.1", port), timeout=10) as idle:
            started = time.monotonic()
            assert idle.recv(100) == b"", "a connection that sends nothing is closed"
            assert time.monotonic() - started < 5
    finally:
        holder["loop"].call_soon_threadsafe(holder["loop"].stop)
        thread.join(5)
