"""timeline.toml (optional) -> a validated Config; every problem reported at once."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from generator.errors import ConfigError
from generator.plaintext import plain_line

CONFIG_FILE = "timeline.toml"
CACHE_DIR = Path(".cache") / "timeline"
"""Extraction cache, relative to the output folder's parent (site/ -> .cache/timeline/)."""

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DIGITS = ("western", "arabic-indic")
LANGS = ("ar", "en")
MAX_JOBS = 64
"""At most this many processes: more only costs memory (each holds a share of the site)."""
_INNER = "a relative folder path inside this file's folder (no '..'); --output and --cache may go elsewhere"


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know beyond the articles themselves."""

    title_ar: str = "الخط الزمني"
    title_en: str = "Timeline"
    base_url: str = "/"
    site_url: str | None = None
    """Absolute origin the site is published at ('https://owner.github.io'): sitemap, feeds, calendar."""
    default_lang: str = "ar"
    source: Path = field(default_factory=lambda: Path("seeds"))
    output: Path = field(default_factory=lambda: Path("site"))
    week_start: str = "saturday"
    """First day of the week for 'this week' / 'last week' (the Arab-world convention by default)."""
    digits: str = "western"
    """How Arabic pages write numbers: 'western' (0-9) or 'arabic-indic' (٠-٩)."""
    strict: bool = False
    jobs: int = 0
    """Processes to extract dates, merge and write pages with; 0 means one per CPU core."""
    build_date: str | None = None
    """ISO date shown as the build date; from SOURCE_DATE_EPOCH when set, else None (never the clock)."""
    cache: Path | None = None
    """Extraction cache folder; None means .cache/timeline/ beside the output folder."""
    not_dates: tuple[str, ...] = ()
    """The user's own names that hold a date word but name no date (an outlet, a programme), added to
    the date lexicon's `not_dates` list."""
    follow_symlinks: bool = False
    """Read symbolic links in the source folder that lead to files inside it (--follow-symlinks only)."""
    max_file_mb: int = 20
    """Articles and catalogues larger than this many megabytes are reported and skipped."""

    @property
    def cache_dir(self) -> Path:
        """Return the extraction cache folder this build uses."""
        if self.cache is not None:
            return self.cache
        return self.output.absolute().parent / CACHE_DIR

    def pages_depend_on(self) -> Config:
        """Return the settings the output depends on: paths absolute, however the command spelled
        them, and without --jobs or the cache folder, so neither invalidates the last build's pages."""
        return replace(self, source=self.source.absolute(), output=self.output.absolute(), cache=None, jobs=0)


@dataclass(frozen=True)
class Option:
    """One key of timeline.toml: where it lives, which Config field it sets, and what it accepts."""

    section: str
    key: str
    expected: str
    check: Callable[[Any], bool]
    convert: Callable[[Any, Path], Any] = lambda value, _base: value

    @property
    def name(self) -> str:
        return f"{self.section}.{self.key}"


def _is_str(value: Any) -> bool:
    return isinstance(value, str)


def _is_nonempty_str(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def _one_of(choices: tuple[str, ...]) -> Callable[[Any], bool]:
    return lambda value: isinstance(value, str) and value.lower() in choices


def _path(value: Any, base: Path) -> Path:
    return base / value


def _inner_path(value: Any) -> bool:
    """Tell whether a path from timeline.toml stays inside the settings file's folder: relative, no '..'.

    A folder someone else prepared may carry its own timeline.toml: it may not aim the site, which
    replaces what it finds, or the cache anywhere else. The command line (--output, --cache) may.
    """
    if not isinstance(value, str) or not value.strip() or "\0" in value or "\\" in value:
        return False
    path = Path(value)
    return not path.is_absolute() and not value.startswith("~") and ".." not in path.parts


_BASE_URL = re.compile(r"^/?[A-Za-z0-9._~\-/%]*$")
_SITE_URL = re.compile(r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?/?$")


def _site_url(value: Any) -> bool:
    return isinstance(value, str) and bool(_SITE_URL.match(value))


SCHEMA: tuple[Option, ...] = (
    Option("site", "title_ar", "a non-empty string", _is_nonempty_str, lambda v, _b: plain_line(v)),
    Option("site", "title_en", "a non-empty string", _is_nonempty_str, lambda v, _b: plain_line(v)),
    Option(
        "site",
        "base_url",
        "a URL path such as '/' or '/repo/'",
        lambda v: isinstance(v, str) and bool(_BASE_URL.match(v)),
    ),
    Option(
        "site",
        "site_url",
        "an absolute http(s) origin without a path, e.g. 'https://owner.github.io'",
        _site_url,
        lambda v, _b: v.rstrip("/"),
    ),
    Option("site", "default_lang", "one of " + ", ".join(LANGS), _one_of(LANGS), lambda v, _b: v.lower()),
    Option("build", "source", _INNER, _inner_path, _path),
    Option("build", "output", _INNER, lambda v: _inner_path(v) and Path(v).parts != (), _path),
    Option("build", "cache", _INNER, _inner_path, _path),
    Option("build", "week_start", "a weekday name in English", _one_of(WEEKDAYS), lambda v, _b: v.lower()),
    Option("build", "digits", "one of " + ", ".join(DIGITS), _one_of(DIGITS), lambda v, _b: v.lower()),
    Option(
        "build",
        "jobs",
        f"a whole number from 0 to {MAX_JOBS} (0 = one per CPU core)",
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= MAX_JOBS,
    ),
    Option("build", "strict", "true or false", lambda v: isinstance(v, bool)),
    Option(
        "build",
        "max_file_mb",
        "a whole number of megabytes from 1 to 1024",
        lambda v: isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 1024,
    ),
    Option(
        "dates",
        "not_dates",
        'a list of phrases (strings), e.g. ["صباح الخير يا مصر"]',
        lambda v: isinstance(v, list) and all(_is_nonempty_str(p) for p in v),
        lambda v, _b: tuple(v),
    ),
)
"""Every key timeline.toml may hold; anything else is reported."""


def _describe(value: Any) -> str:
    if isinstance(value, int) and value.bit_length() > 64:  # (repr refuses past 4,300 digits)
        return f"an integer of about {int(value.bit_length() * 0.30103) + 1} digits"
    if isinstance(value, (dict, list)):
        return f"({'a table' if isinstance(value, dict) else 'an array'})"  # (may nest deep: no repr)
    kind = {dict: "a table", list: "an array", bool: "a boolean", int: "an integer", float: "a number"}
    return f"{value!r} ({kind.get(type(value), type(value).__name__)})"


def read_config_file(path: Path, given: Collection[str] = ()) -> dict[str, Any]:
    """Return the Config fields set in a timeline.toml, or raise ConfigError listing every problem.

    Keys in `given` (set on the command line, which wins) are not checked or returned.
    """
    import tomllib  # (here: most builds have no settings file)

    name = str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration: {exc.strerror or exc}", path=name) from exc
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise ConfigError("the configuration is not UTF-8", path=name, hint="save it as UTF-8") from exc
    except RecursionError as exc:
        raise ConfigError(
            "the configuration nests too deep", path=name, hint="a table needs no nesting"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        line = re.search(r"line (\d+)", str(exc))
        raise ConfigError(
            f"not valid TOML: {exc}",
            path=name,
            line=int(line.group(1)) if line else None,
            hint="see the timeline.toml example in README.md",
        ) from exc
    except ValueError as exc:  # (tomllib's int() of a number past 4,300 digits)
        long = re.search(r"\d{100,}", raw.decode("utf-8", "replace"))
        at = raw[: long.start()].count(b"\n") + 1 if long else None
        raise ConfigError("holds a number too long to be any setting", path=name, line=at) from exc
    return validate(data, path.absolute().parent, name, given)


def validate(
    data: Mapping[str, Any], base: Path, name: str = CONFIG_FILE, given: Collection[str] = ()
) -> dict[str, Any]:
    """Check parsed TOML against SCHEMA and return Config field values; raise one ConfigError for all."""
    options = {(o.section, o.key): o for o in SCHEMA}
    sections = sorted({o.section for o in SCHEMA})
    problems: list[str] = []
    values: dict[str, Any] = {}
    for section, table in data.items():
        if section not in sections:
            problems.append(f"[{section}]: unknown section; expected one of {', '.join(sections)}")
            continue
        if not isinstance(table, dict):
            problems.append(f"{section}: expected a table [{section}], found {_describe(table)}")
            continue
        for key, value in table.items():
            if key in given and (section, key) in options:
                continue
            option = options.get((section, key))
            if option is None:
                known = ", ".join(o.key for o in SCHEMA if o.section == section)
                problems.append(f"{section}.{key}: unknown key; expected one of {known}")
            elif not option.check(value):
                problems.append(f"{option.name}: expected {option.expected}, found {_describe(value)}")
            else:
                values[option.key] = option.convert(value, base)
    if problems:
        listing = "\n".join(f"  - {p}" for p in problems)
        count = f"{len(problems)} problem{'s' if len(problems) > 1 else ''}"
        raise ConfigError(f"invalid configuration ({count}):\n{listing}", path=name)
    return values


def build_date_from_env(environ: Mapping[str, str]) -> str | None:
    """Return SOURCE_DATE_EPOCH as an RFC 3339 UTC timestamp, or None when it is not set."""
    raw = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not raw:
        return None
    try:
        moment = datetime.fromtimestamp(int(raw), tz=UTC)
    except (ValueError, OverflowError, OSError) as exc:
        raise ConfigError(
            f"SOURCE_DATE_EPOCH={raw!r} is not a Unix timestamp",
            hint="set it to whole seconds since 1970-01-01, e.g. $(git log -1 --format=%ct)",
        ) from exc
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def find_config_file(explicit: Path | None, source: Path | None) -> Path | None:
    """Return the timeline.toml to read: the one named, else ./timeline.toml, else the source folder's."""
    if explicit is not None:
        if not explicit.is_file():
            raise ConfigError("configuration file not found", path=str(explicit))
        return explicit
    for candidate in (Path(CONFIG_FILE), (source or Config().source) / CONFIG_FILE):
        if candidate.is_file():
            return candidate
    return None


def load_config(
    path: Path | None = None,
    overrides: Mapping[str, Any] | None = None,
    environ: Mapping[str, str] | None = None,
) -> Config:
    """Return the Config from timeline.toml (if any), then command-line overrides, then SOURCE_DATE_EPOCH."""
    given = {key for key, value in (overrides or {}).items() if value is not None}
    values: dict[str, Any] = read_config_file(path, given) if path is not None else {}
    allowed = {f.name for f in fields(Config)}
    by_key = {o.key: o for o in SCHEMA}
    for key, value in (overrides or {}).items():
        if key not in allowed:
            raise ConfigError(f"unknown setting '{key}'")
        if value is None:
            continue
        option = by_key.get(key)
        if option is not None and isinstance(value, str) and not option.check(value):
            flag = "--" + key.replace("_", "-")
            raise ConfigError(f"{flag} {value!r}: expected {option.expected}")
        values[key] = option.convert(value, Path.cwd()) if option is not None and key == "site_url" else value
    env = os.environ if environ is None else environ
    if "build_date" not in values:
        values["build_date"] = build_date_from_env(env)
    config = replace(Config(), **values)
    if not 0 <= config.jobs <= MAX_JOBS:
        raise ConfigError(
            f"jobs must be from 0 to {MAX_JOBS}, found {config.jobs}", hint="0 means one per CPU core"
        )
    return config
