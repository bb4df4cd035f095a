"""Build the site from the seeds and photograph it in Chromium: docs/screenshots/*.png.

Usage: .venv/bin/python docs/make_screenshots.py [--source seeds] [--out docs/screenshots]
Writes timeline-{ar,en}-{desktop,phone}.png, entry-{ar,en}-{desktop,phone}.png (an entry whose sources
disagree, if any) and article-ar-{desktop,phone}.png.
"""

from __future__ import annotations

import argparse
import functools
import shutil
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from chromium import CHROMIUM_ARGS  # noqa: E402  (the flags a closed network needs, shared with the tests)

VIEWPORTS = {"desktop": ({"width": 1280, "height": 900}, 1), "phone": ({"width": 360, "height": 740}, 2)}


class QuietHandler(SimpleHTTPRequestHandler):
    """Serve the built site without request logs."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return


def article_to_show(site: Path) -> str:
    """Return the slug of the Arabic article whose first highlighted date comes earliest in its text."""

    def first_mention(page: Path) -> tuple[int, int, str]:
        html = page.read_text(encoding="utf-8")
        body = html.find('class="article-text"')
        at = html.find('class="mention"', body)
        return (at - body if at >= 0 else len(html), -html.count('class="mention"'), page.parent.name)

    pages = sorted((site / "ar" / "articles").glob("*/index.html"))
    return min(pages, key=first_mention).parent.name


def entry_to_show(site: Path) -> str:
    """Return the id of an entry whose sources disagree on the date, else of the one with most sources."""
    pages = sorted((site / "ar" / "entries").glob("*/index.html"))

    def weight(page: Path) -> tuple[bool, int, str]:
        html = page.read_text(encoding="utf-8")
        return ("entry-says" in html, html.count("<blockquote"), page.parent.name)

    return max(pages, key=weight).parent.name


def photograph(site: Path, out: Path) -> list[Path]:
    """Serve the site on 127.0.0.1 and write the four screenshots."""
    from playwright.sync_api import sync_playwright

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    article = article_to_show(site)
    written = []
    out.mkdir(parents=True, exist_ok=True)
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for name, (viewport, scale) in VIEWPORTS.items():
                context = browser.new_context(
                    viewport=viewport,
                    device_scale_factor=scale,
                    color_scheme="light",
                    reduced_motion="reduce",
                    locale="ar",
                )
                page = context.new_page()
                for lang in ("ar", "en"):
                    page.goto(f"{base}/{lang}/")
                    target = out / f"timeline-{lang}-{name}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                    page.goto(f"{base}/{lang}/entries/{entry_to_show(site)}/")
                    target = out / f"entry-{lang}-{name}.png"
                    page.screenshot(path=str(target))
                    written.append(target)
                page.goto(f"{base}/ar/articles/{article}/")
                mark = page.locator("mark.mention").first
                if mark.count():
                    mark.evaluate(
                        "el => { el.scrollIntoView({block: 'center'}); el.focus({preventScroll: true}); }"
                    )
                target = out / f"article-ar-{name}.png"
                page.screenshot(path=str(target))
                written.append(target)
                context.close()
            browser.close()
    finally:
        server.shutdown()
    return written


def main() -> None:
    """Build from the seeds into a temporary folder and photograph it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=ROOT / "seeds")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    from generator.build import build_site
    from generator.config import find_config_file, load_config

    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        config = load_config(find_config_file(None, args.source), {"source": args.source, "output": site})
        build_site(config)
        for path in photograph(site, args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


if __name__ == "__main__":
    main()
