"""Browser-test fixtures: one built site per session, served over HTTP on 127.0.0.1, and Debian's Chromium."""

from __future__ import annotations

import contextlib
import functools
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(TESTS))


def build_sample_site(output: Path) -> None:
    """Build the site, search index included, from the seeds with the real pipeline."""
    from generator.build import build_site
    from generator.config import Config

    build_site(Config(source=TESTS.parent / "seeds", output=output, cache=output.parent / "cache"))


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The built site, once per session."""
    output = tmp_path_factory.mktemp("browser") / "site"
    build_sample_site(output)
    return output


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


@contextlib.contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on a free port of 127.0.0.1; yield its root URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The built site served over HTTP on a free port of 127.0.0.1."""
    with serving(site_dir) as url:
        yield url


@pytest.fixture
def page(browser: object) -> Iterator[object]:
    """A fresh desktop page; closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    yield page
    context.close()


def page_paths(site_dir: Path) -> list[str]:
    """One page of every type in both languages, as paths under the site root."""
    paths = ["", "404.html"]
    for lang in ("ar", "en"):
        paths += [f"{lang}/", f"{lang}/sources/", f"{lang}/about/", f"{lang}/search/"]
        for kind in ("entries", "articles", "years", "outlets"):
            found = sorted(p.name for p in (site_dir / lang / kind).iterdir() if p.is_dir())
            if found:
                paths.append(f"{lang}/{kind}/{found[0]}/")
    return paths
