"""Preview the built site with live reload: rebuild on change, swap whole, reload the browser.

The site is served under its base URL (config.base_url), exactly as GitHub Pages serves a project
site, so every link the preview shows is a link the published site has; `/` redirects to the base.
Only files inside the built site are served: request paths are normalised, and every file is
resolved (symlinks followed) and checked to lie inside the site folder; no dotfile is served.

A web page elsewhere must not read the preview (drafts, hidden entries): only requests whose Host
names the preview itself are answered (127.0.0.1, localhost or [::1] with its port, or the --host
given), which defeats DNS rebinding; the live-reload socket takes only its own origin; overlong
paths get 414; idle connections are closed.
"""

from __future__ import annotations

import asyncio
import errno
import mimetypes
import os
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote, urlsplit

from livereload import Server
from livereload.handlers import LiveReloadHandler, LiveReloadJSHandler
from livereload.server import LiveScriptInjector
from livereload.watcher import Watcher
from tornado import web
from tornado.ioloop import IOLoop

from generator import urls
from generator.assets import STATIC_DIR, TEMPLATES_DIR
from generator.config import CONFIG_FILE, Config
from generator.errors import TimelineError

if TYPE_CHECKING:
    from generator.build import BuildReport


LOCAL_HOSTS = ("127.0.0.1", "localhost", "[::1]")
MAX_URI = 4096
"""Longer request targets get 414: no page of the site has so long an address."""
IDLE_SECONDS = 60
"""A connection that sends nothing for this long is closed."""
MAX_HEADER_BYTES = 64 * 1024
DEBOUNCE_SECONDS = 0.3
"""A rebuild starts once watched files have been quiet this long (an editor's save is several writes)."""
POLL_SECONDS = 0.15
KEPT = "Still serving the last good site; fix the problem and save again."
SWAP_WAIT_SECONDS = 2.0
"""How long a request waits for the site folder to reappear while a build swaps it in."""

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".atom": "application/atom+xml; charset=utf-8",
    ".ics": "text/calendar; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".wasm": "application/wasm",
    ".webmanifest": "application/manifest+json",
}


@dataclass(frozen=True)
class Resolution:
    """What a request path means: a site file to send, a redirect, or a refusal."""

    kind: Literal["file", "redirect", "forbidden", "missing"]
    location: str = ""
    """Where a redirect goes, or the file to send."""


def resolve_request(root: Path, base: str, path: str) -> Resolution:
    """Map a decoded request path to a file inside root served under base, or refuse it."""
    if path in ("/", base.rstrip("/")) and base != "/":
        return Resolution("redirect", base)
    if not path.startswith(base):
        return Resolution("missing")
    inner = path[len(base) :]
    if "\x00" in inner or "\\" in inner or inner.startswith("/"):
        return Resolution("forbidden")
    parts = [part for part in inner.split("/") if part not in ("", ".")]
    if ".." in parts:
        return Resolution("forbidden")
    if any(part.startswith(".") for part in parts):  # .nojekyll, .timeline-site, an editor's .swp
        return Resolution("missing")
    real_root = Path(os.path.realpath(root))
    candidate = root.joinpath(*parts)
    if not _inside(candidate, real_root):
        return Resolution("forbidden")
    if candidate.is_dir():
        if inner and not inner.endswith("/"):
            return Resolution("redirect", path + "/")
        candidate = candidate / "index.html"
        if not _inside(candidate, real_root):
            return Resolution("forbidden")
    if candidate.is_file():
        return Resolution("file", str(candidate))
    return Resolution("missing")


def _inside(path: Path, real_root: Path) -> bool:
    """Tell whether path, with every symlink followed, lies in real_root."""
    return Path(os.path.realpath(path)).is_relative_to(real_root)


def content_type(name: str) -> str:
    """Return the Content-Type to send for a site file."""
    suffix = os.path.splitext(name)[1].lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


class Site:
    """The served site: a stable folder (builds rename new sites into it) and its current base URL."""

    def __init__(self, root: Path, base: str) -> None:
        self.root = root
        self.base = urls.normalize_base(base)


class SiteHandler(web.RequestHandler):
    """Serve files of the built site and nothing outside it; wait out a build's swap."""

    def initialize(self, site: Site) -> None:
        """Remember the site being served."""
        self.site = site

    def set_default_headers(self) -> None:
        """Never let the browser keep an old build."""
        self.set_header("Cache-Control", "no-store")

    async def get(self, path: str) -> None:
        """Send the file the path names, a redirect, or an error page."""
        await self._respond("/" + path, body=True)

    async def head(self, path: str) -> None:
        """Answer as GET would, without the body."""
        await self._respond("/" + path, body=False)

    async def _respond(self, path: str, body: bool) -> None:
        deadline = time.monotonic() + SWAP_WAIT_SECONDS
        while True:
            if self._attempt(path, body):
                return
            if time.monotonic() >= deadline:
                raise web.HTTPError(503, reason="Site is being rebuilt")
            await asyncio.sleep(0.05)

    def _attempt(self, path: str, body: bool) -> bool:
        """Answer the request, or return False when the site folder is mid-swap and it should wait."""
        root = self.site.root
        if not root.is_dir():
            return False
        try:
            found = resolve_request(root, self.site.base, path)
        except (OSError, ValueError):  # a name too long for the file system, say
            raise web.HTTPError(404) from None
        if found.kind == "redirect":
            self.redirect(quote(found.location, safe="/"))  # headers are ASCII: Arabic names get %-encoded
            return True
        if found.kind == "forbidden":
            raise web.HTTPError(403)
        if found.kind == "missing":
            raise web.HTTPError(404)
        try:
            with open(found.location, "rb") as handle:
                content = handle.read()
        except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
            return False  # the tree changed between resolving and opening: a swap is under way
        self.set_header("Content-Type", content_type(found.location))
        if body:
            self.write(content)
        else:
            self.set_header("Content-Length", str(len(content)))
        return True

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Show the site's own 404 page when it has one, a one-line message otherwise."""
        if status_code == 404:
            try:
                page = (self.site.root / "404.html").read_bytes()
            except OSError:
                pass
            else:
                self.set_header("Content-Type", CONTENT_TYPES[".html"])
                self.finish(page)
                return
        self.set_header("Content-Type", CONTENT_TYPES[".txt"])
        self.finish(f"{status_code} {self._reason}\n")


class QuietWatcher(Watcher):
    """livereload's polling watcher, except that it never reloads browsers by itself.

    Its tasks only note that something changed; the browser reloads once a rebuild has swapped
    a new site in, never before, and not at all after a failed build.
    """

    def ignore(self, filename: str) -> bool:
        """Skip editors' backup, swap and lock files."""
        name = os.path.basename(filename)
        return name.startswith((".#", "#")) or name.endswith("~") or super().ignore(filename)

    def start(self, callback: Callable[[], None]) -> bool:
        """Poll faster than livereload's 0.8 s so the debounce sets the pace, but never hog the server.

        Each poll walks the watched folders; the next one waits at least three times as long as
        the last took, so a large archive costs the server a quarter of its time at most.
        """
        loop = IOLoop.current()

        def poll() -> None:
            started = time.monotonic()
            try:
                callback()
            finally:
                loop.call_later(max(POLL_SECONDS, 3 * (time.monotonic() - started)), poll)

        loop.call_later(POLL_SECONDS, poll)
        return True

    def examine(self) -> tuple[str | None, float | None]:
        """Run the change tasks; report nothing so livereload does not reload on its own."""
        super().examine()
        return None, None


def skip_path(watched: Path, avoid: tuple[Path, ...]) -> Callable[[str], bool]:
    """Return a test for files a watch should ignore: hidden ones below it, and the build's own output."""
    top = os.path.abspath(watched) + os.sep
    avoided = tuple(os.path.abspath(folder) + os.sep for folder in avoid)

    def skip(filename: str) -> bool:
        path = os.path.abspath(filename)  # string work only: this runs for every file on every poll
        if path.startswith(avoided):
            return True
        inner = path[len(top) :] if path.startswith(top) else os.path.basename(path)
        return (os.sep + inner).find(os.sep + ".") >= 0

    return skip


class Rebuilder:
    """Rebuild in a background thread once changes have been quiet for a moment; one build at a time."""

    def __init__(self, build: Callable[[], bool], delay: float = DEBOUNCE_SECONDS) -> None:
        self._build = build
        self._delay = delay
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._last_change = 0.0
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="timeline-rebuild", daemon=True)

    def start(self) -> None:
        """Start waiting for changes."""
        self._thread.start()

    def changed(self) -> None:
        """Note that a watched file changed."""
        with self._lock:
            self._last_change = time.monotonic()
        self._wake.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Stop once the build under way, if any, has finished."""
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while True:
            self._wake.wait()
            while not self._stop.is_set():
                with self._lock:
                    quiet_for = time.monotonic() - self._last_change
                    if quiet_for >= self._delay:
                        self._wake.clear()  # changes from here on need another build
                        break
                time.sleep(self._delay - quiet_for)
            if self._stop.is_set():
                return
            self._build()


def run_build(build: Callable[[], object]) -> bool:
    """Run one build and print its account; on failure print why and that the last good site stays."""
    from generator.problems import print_problems

    try:
        report = build()
    except TimelineError as error:
        _say(f"Build failed: {error}\n{KEPT}")
        return False
    except Exception:
        _say("Build failed:\n" + traceback.format_exc().rstrip() + "\n" + KEPT)
        return False
    problems = getattr(report, "problems", ())
    if problems:
        print_problems(problems, sys.stderr)
    summary = getattr(report, "summary", None)
    if callable(summary):
        _say(summary())
    if getattr(report, "written", True) is False:
        _say(KEPT)
        return False
    return True


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def config_reloader(config: Config, config_file: Path | None = None) -> Callable[[], Config]:
    """Return a function that rereads the settings file, keeping what the command line set at start."""
    from generator.config import build_date_from_env, find_config_file, read_config_file

    def from_file() -> dict[str, Any]:
        found = find_config_file(config_file, config.source)
        return read_config_file(found, ("source", "output")) if found is not None else {}  # (both fixed)

    try:
        at_start = from_file()
    except TimelineError:
        at_start = {}
    defaults = Config()
    fixed = {"source": config.source, "output": config.output}
    overrides = {
        f.name: getattr(config, f.name)
        for f in fields(Config)
        if f.name != "build_date"
        and getattr(config, f.name) != at_start.get(f.name, getattr(defaults, f.name))
    }

    def reload() -> Config:
        values = {**from_file(), **overrides, **fixed}
        return replace(defaults, build_date=build_date_from_env(os.environ), **values)

    return reload


def watched_paths(config: Config, config_file: Path | None = None) -> list[Path]:
    """Return what a build depends on: articles and catalogues, templates, static files, settings."""
    return [config.source, TEMPLATES_DIR, STATIC_DIR, config_file or Path(CONFIG_FILE)]


def allowed_hosts(host: str, port: int) -> frozenset[str]:
    """Return the Host headers the preview answers: the loopback names and `host`, with the port."""
    names = {*LOCAL_HOSTS, f"[{host}]" if ":" in host and not host.startswith("[") else host}
    return frozenset(f"{name}:{port}".lower() for name in names) | (
        frozenset(name.lower() for name in names) if port == 80 else frozenset()
    )


class Refusal(web.RequestHandler):
    """Answer any request with one status and a one-line message, and nothing else."""

    def initialize(self, status: int) -> None:
        """Remember the status to answer with."""
        self.status = status

    def prepare(self) -> None:
        """Refuse before any method runs."""
        raise web.HTTPError(self.status)

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        """Say the status in one line, with no traceback."""
        self.set_header("Content-Type", CONTENT_TYPES[".txt"])
        self.finish(f"{status_code} {self._reason}\n")


class GuardedApplication(web.Application):
    """A Tornado application that answers only its allowed Host names and request targets of sane length."""

    def __init__(self, handlers: list[Any], hosts: frozenset[str], **settings: Any) -> None:
        super().__init__(handlers, **settings)
        self.hosts = hosts

    def find_handler(self, request: Any, **kwargs: Any) -> Any:
        """Route a request from a foreign Host to 421 and an overlong one to 414, the rest as usual."""
        if (request.host or "").lower() not in self.hosts:
            return self.get_handler_delegate(request, Refusal, {"status": 421})
        if len(request.uri or "") > MAX_URI:
            return self.get_handler_delegate(request, Refusal, {"status": 414})
        return super().find_handler(request, **kwargs)


class SameOriginLiveReload(LiveReloadHandler):
    """livereload's socket, open only to pages of the preview itself (livereload accepts any origin)."""

    def check_origin(self, origin: str) -> bool:
        """Accept a socket only from a page whose origin is this server's host and port."""
        return urlsplit(origin).netloc.lower() == (self.request.host or "").lower()


class PreviewServer(Server):
    """livereload's Server whose only web handler is the site handler (no raw static-file root)."""

    def __init__(self, site: Site, watcher: Watcher) -> None:
        super().__init__(watcher=watcher)
        self.site = site

    def get_web_handlers(self, script: bytes) -> list[Any]:
        """Route every request outside livereload's own endpoints to the site handler."""
        return [(r"/(.*)", SiteHandler, {"site": self.site})]

    def application(  # type: ignore[override]
        self,
        port: int,
        host: str,
        liveport: int | None = None,
        debug: bool | None = None,
        live_css: bool = True,
    ) -> None:
        """Listen on host:port with livereload's endpoints and the site, guarded (see GuardedApplication)."""
        LiveReloadHandler.watcher = self.watcher
        LiveReloadHandler.live_css = live_css
        port_js = "(window.location.port || (window.location.protocol == 'https:' ? 443: 80))"
        script = (  # livereload's own snippet: the page loads livereload.js from the host it came from
            '<script type="text/javascript">(function(){var s=document.createElement("script");'
            f'var port={port_js};s.src="//"+window.location.hostname+":"+port'
            '+ "/livereload.js?port=" + port;document.head.appendChild(s);})();</script>'
        ).encode()

        class Injector(LiveScriptInjector):  # type: ignore[misc]
            pass

        Injector.script = script
        handlers = [
            (r"/livereload", SameOriginLiveReload),
            (r"/livereload.js", LiveReloadJSHandler),
            *self.get_web_handlers(script),
        ]
        app = GuardedApplication(handlers, allowed_hosts(host, port), debug=False, transforms=[Injector])
        app.listen(
            port,
            address=host,
            idle_connection_timeout=IDLE_SECONDS,
            body_timeout=IDLE_SECONDS,
            max_header_size=MAX_HEADER_BYTES,
        )


def serve(config: Config, host: str = "127.0.0.1", port: int = 8000, config_file: Path | None = None) -> None:
    """Build the site, serve it under its base URL, and rebuild and reload on every saved change.

    config_file is the settings file named on the command line (--config), reread on each rebuild;
    without it ./timeline.toml, else the source folder's, is.
    """
    from generator.build import build_site

    site = Site(config.output.absolute(), config.base_url)
    reload_config = config_reloader(config, config_file)
    loop = IOLoop.current()

    def rebuild() -> bool:
        current = config

        def build() -> BuildReport:
            nonlocal current
            current = reload_config()
            return build_site(current)

        if not run_build(build):
            return False
        if urls.normalize_base(current.base_url) != site.base:
            site.base = urls.normalize_base(current.base_url)
            _say(f"Base URL is now {site.base}: http://{host}:{port}{site.base}")
        loop.add_callback(LiveReloadHandler.reload_waiters, "*")
        return True

    try:
        run_build(lambda: build_site(config))
    except KeyboardInterrupt:
        return
    watcher = QuietWatcher()
    server = PreviewServer(site, watcher)
    rebuilder = Rebuilder(rebuild)
    avoid = (site.root, config.cache_dir.absolute())
    for path in watched_paths(config, config_file):
        server.watch(str(path), rebuilder.changed, ignore=skip_path(path, avoid))
    rebuilder.start()
    _say(f"Serving {config.output} at http://{host}:{port}{site.base} (Ctrl-C stops)")
    restore = stop_on_signals(loop)
    try:
        server.serve(port=port, host=host, debug=False, restart_delay=0)
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise TimelineError(f"{host}:{port} is already in use", hint="pass another --port") from error
        raise
    finally:
        restore()
        rebuilder.stop()
    _say("Stopped.")


def stop_on_signals(loop: IOLoop) -> Callable[[], None]:
    """Make Ctrl-C (and SIGTERM) stop the server loop cleanly; return a function restoring the old handlers.

    Installed explicitly so the server stops even when it was started with SIGINT ignored (a
    background job of a non-interactive shell), and without a KeyboardInterrupt mid-request.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}

    def stop(signum: int, frame: object) -> None:
        loop.add_callback(loop.stop)

    for sig in previous:
        signal.signal(sig, stop)

    def restore() -> None:
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return restore
