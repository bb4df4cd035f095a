"""Read the corpus and the seed gold, check a mention against an expectation, score the seeds.

The corpus files are the specification (see README.md beside this file); this module only reads
them and says, Duckling-style, how an engine's answer misses them.
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path(__file__).resolve().parent
ROOT = CORPUS.parent.parent
SEEDS = ROOT / "seeds"
GOLD = CORPUS / "seeds_gold.yaml"

GRAINS = ("day", "week", "month", "season", "year", "decade")
KINDS = ("absolute", "relative", "weekday", "hijri", "duration", "present")
WARNINGS = (
    "year-inferred",
    "month-names-disagree",
    "weekday-disagrees",
    "invalid-date",
    "hijri-out-of-range",
    "no-dct",
    "stated-equivalent",
)
EXPECT_KEYS = {"value", "grain", "kind", "calendar", "approximate", "first", "last", "warnings", "span"}
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}


def _iso(raw: Any) -> Any:
    """Return YAML's dates and bare numbers (2016, 198) as the ISO strings they spell."""
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, int) and not isinstance(raw, bool):
        return str(raw)
    return raw


@dataclass(frozen=True)
class Expect:
    """What one mention must be: every field given is checked; absent fields are free."""

    fields: dict[str, Any]

    def describe(self) -> str:
        """Return the expectation as one readable line."""
        parts = [f"{k}: {v}" for k, v in self.fields.items() if k != "warnings"]
        if self.fields.get("warnings"):
            parts.append(f"warnings ⊇ {list(self.fields['warnings'])}")
        return "{" + ", ".join(parts) + "}"


@dataclass(frozen=True)
class Case:
    """One phrasing of one expectation, with where it is written."""

    file: str
    line: int
    text: str
    dct: date | None
    expects: tuple[Expect, ...]
    count: int
    span: str | None = None

    @property
    def id(self) -> str:
        """Return a pytest id naming the file, the line and the text."""
        return f"{self.file}:{self.line}:{self.text}"


@dataclass
class CorpusFile:
    """One corpus file: its positive cases, its negative texts, and anything wrong with it."""

    name: str
    cases: list[Case] = field(default_factory=list)
    negatives: list[Case] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def corpus_paths() -> list[Path]:
    """Return every corpus YAML file, sorted (the seed gold is not a corpus file)."""
    return sorted(p for p in CORPUS.glob("*.yaml") if p != GOLD)


def _lines(node: yaml.Node | None, key: str) -> list[yaml.Node]:
    """Return the sequence nodes under key in a mapping node (empty if absent)."""
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if k.value == key and isinstance(v, yaml.SequenceNode):
                return list(v.value)
    return []


def _date(raw: Any, where: str, problems: list[str]) -> date | None:
    """Return raw as a date, or note the problem."""
    try:
        return date.fromisoformat(_iso(raw))
    except (TypeError, ValueError):
        problems.append(f"{where}: {raw!r} is not an ISO date")
        return None


def _expect(raw: Any, where: str, problems: list[str]) -> Expect | None:
    """Return a validated expectation, or note why it is not one."""
    if not isinstance(raw, dict):
        problems.append(f"{where}: expect must be a mapping, got {raw!r}")
        return None
    unknown = set(raw) - EXPECT_KEYS
    if unknown:
        problems.append(f"{where}: unknown expect fields {sorted(unknown)}")
    if "value" not in raw:
        problems.append(f"{where}: expect has no value (write value: null for none)")
    fields = {k: _iso(v) for k, v in raw.items()}
    if fields.get("value") is not None:
        if fields.get("grain") not in GRAINS:
            problems.append(f"{where}: grain {fields.get('grain')!r} is not one of {GRAINS}")
        elif period(fields["value"], fields["grain"]) is None:
            problems.append(f"{where}: value {fields['value']!r} is not ISO for grain {fields['grain']}")
    if "kind" in fields and fields["kind"] not in KINDS:
        problems.append(f"{where}: kind {fields['kind']!r} is not one of {KINDS}")
    if "calendar" in fields and fields["calendar"] not in ("gregorian", "hijri"):
        problems.append(f"{where}: calendar {fields['calendar']!r}")
    for bad in set(fields.get("warnings") or ()) - set(WARNINGS):
        problems.append(f"{where}: unknown warning {bad!r}")
    for edge in ("first", "last"):
        if edge in fields:
            _date(fields[edge], f"{where} {edge}", problems)
    return Expect(fields)


def read_corpus_file(path: Path) -> CorpusFile:
    """Parse one corpus file into cases; every problem is kept, none raised."""
    out = CorpusFile(path.name)
    source = path.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(source)
        tree = yaml.compose(source)
    except yaml.YAMLError as err:
        out.problems.append(f"{path.name}: not YAML: {err}")
        return out
    if not isinstance(data, dict) or "dct" not in data:
        out.problems.append(f"{path.name}: top level must be a mapping with dct")
        return out
    default_dct = _date(data["dct"], f"{path.name}: dct", out.problems)
    for section, negative in (("cases", False), ("nothing", True)):
        groups = data.get(section) or []
        for i, (group, gnode) in enumerate(zip(groups, _lines(tree, section), strict=False)):
            where = f"{path.name}:{gnode.start_mark.line + 1}"
            texts = group.get("texts") if isinstance(group, dict) else None
            if not texts or not all(isinstance(t, str) and t.strip() for t in texts):
                out.problems.append(f"{where}: group {i} needs a non-empty list of texts")
                continue
            dct = (
                default_dct
                if "dct" not in group
                else group["dct"] and _date(group["dct"], where, out.problems)
            )
            expects: list[Expect] = []
            if not negative:
                raw = group.get("expect")
                for item in raw if isinstance(raw, list) else [raw]:
                    exp = _expect(item, where, out.problems)
                    if exp is not None:
                        expects.append(exp)
                if not expects:
                    continue
            count = 0 if negative else int(group.get("count", len(expects)))
            tnodes = _lines(gnode, "texts")
            for text, tnode in zip(texts, tnodes, strict=False):
                if group.get("span") is not None and group["span"] not in text:
                    out.problems.append(f"{where}: span {group['span']!r} is not in {text!r}")
                case = Case(
                    path.name, tnode.start_mark.line + 1, text, dct, tuple(expects), count, group.get("span")
                )
                (out.negatives if negative else out.cases).append(case)
    if not out.cases and not out.negatives:
        out.problems.append(f"{path.name}: no cases")
    return out


def read_corpus() -> list[CorpusFile]:
    """Read every corpus file."""
    return [read_corpus_file(p) for p in corpus_paths()]


def period(value: str, grain: str) -> tuple[date, date] | None:
    """Return the first and last day an ISO value of this grain covers (docs/dates.md), None if malformed."""
    if "/" in value:
        a, _, b = value.partition("/")
        # A Hijri month or year is written as an interval of days whatever its grain.
        inner = "day" if len(a) == 10 and len(b) == 10 else grain
        left, right = period(a, inner), period(b, inner)
        return (left[0], right[1]) if left and right and left[0] <= right[1] else None
    try:
        if grain == "day":
            d = date.fromisoformat(value)
            return d, d
        if grain == "week":
            iso_year, _, week = value.partition("-W")
            monday = date.fromisocalendar(int(iso_year), int(week), 1)
            return monday - timedelta(days=2), monday + timedelta(days=4)
        if grain == "month":
            y, m = (int(x) for x in value.split("-"))
            return date(y, m, 1), date(y, m, calendar.monthrange(y, m)[1])
        if grain == "season":
            year, code = value.split("-")
            start, end = SEASON_MONTHS[code]
            last_year = int(year) + (1 if code == "WI" else 0)
            last_day = calendar.monthrange(last_year, end)[1]
            return date(int(year), start, 1), date(last_year, end, last_day)
        if grain == "year" and len(value) == 4:
            return date(int(value), 1, 1), date(int(value), 12, 31)
        if grain == "decade" and len(value) == 3:
            return date(int(value) * 10, 1, 1), date(int(value) * 10 + 9, 12, 31)
    except (ValueError, KeyError):
        return None
    return None


def describe(m: Any) -> str:
    """Return one found mention as a readable line."""
    t = m.time
    when = (
        f"{t.value} {t.grain} {t.first}…{t.last}{' approximate' if t.approximate else ''}"
        if t
        else "time=None"
    )
    cal = "" if m.calendar == "gregorian" else f" {m.calendar}"
    return f"[{m.start}:{m.end}] «{m.text}» {when} {m.kind}{cal} warnings={list(m.warnings)}"


def mismatches(exp: Expect, m: Any) -> list[str]:
    """Return how mention m differs from the expectation (empty when it meets it)."""
    f, t, out = exp.fields, m.time, []
    if f["value"] is None:
        if t is not None:
            out.append(f"value {t.value!r} != None")
    elif t is None:
        out.append(f"value None != {f['value']!r}")
    else:
        if t.value != f["value"]:
            out.append(f"value {t.value!r} != {f['value']!r}")
        if t.grain != f.get("grain"):
            out.append(f"grain {t.grain!r} != {f.get('grain')!r}")
        approximate = f.get("approximate")
        if approximate is not None and bool(t.approximate) != approximate:
            out.append(f"approximate {t.approximate} != {approximate}")
        edges = period(f["value"], f["grain"]) or (None, None)
        for name, got, derived in (("first", t.first, edges[0]), ("last", t.last, edges[1])):
            want = f.get(name) or (None if approximate else derived and derived.isoformat())
            if want is not None and got.isoformat() != want:
                out.append(f"{name} {got} != {want}")
    for name in ("kind", "calendar"):
        if name in f and getattr(m, name) != f[name]:
            out.append(f"{name} {getattr(m, name)!r} != {f[name]!r}")
    missing = [w for w in f.get("warnings") or () if w not in m.warnings]
    if missing:
        out.append(f"warnings lack {missing}")
    if f.get("span") is not None and m.text != f["span"]:
        out.append(f"span «{m.text}» != «{f['span']}»")
    return out


def check(case: Case, mentions: Sequence[Any]) -> str | None:
    """Return why the mentions found for a case miss it (None when they meet it)."""
    found = "\n".join(f"    {describe(m)}" for m in mentions) or "    (nothing)"
    head = f"{case.file}:{case.line}\n  input: «{case.text}»\n  dct:   {case.dct}\n"
    bad_spans = [m for m in mentions if case.text[m.start : m.end] != m.text]
    if bad_spans:
        return head + f"  text[start:end] != mention.text for:\n{found}"
    if not case.expects:
        return None if not mentions else head + f"  expected: no mention\n  found {len(mentions)}:\n{found}"
    wanted = [Expect({**e.fields, "span": case.span}) if case.span else e for e in case.expects]
    head += f"  expected {case.count} mention(s): " + "; ".join(e.describe() for e in wanted) + "\n"
    problems: list[str] = []
    if len(mentions) != case.count:
        problems.append(f"expected {case.count} mention(s), found {len(mentions)}")
    free = list(mentions)
    for exp in wanted:
        scored = sorted(((mismatches(exp, m), i) for i, m in enumerate(free)), key=lambda s: len(s[0]))
        if scored and not scored[0][0]:
            free.pop(scored[0][1])
        else:
            why = "; ".join(scored[0][0]) if scored else "nothing to compare"
            problems.append(f"no mention meets {exp.describe()} (closest: {why})")
    if not problems:
        return None
    return head + "  " + "\n  ".join(problems) + f"\n  found:\n{found}"


# --- seed gold -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Gold:
    """One date expression a careful reader marks in a seed, located in the text."""

    file: str
    start: int
    end: int
    text: str
    value: str | None
    grain: str | None
    kind: str


def read_gold(path: Path = GOLD) -> tuple[dict[str, date], list[Gold], list[str]]:
    """Return each seed's catalogue DCT, the gold mentions located in the texts, and any problem."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    catalogue = yaml.safe_load((SEEDS / "sources.yaml").read_text(encoding="utf-8"))
    dcts: dict[str, date] = {}
    gold: list[Gold] = []
    problems: list[str] = []
    for name, entry in sorted(data["files"].items()):
        text = (SEEDS / name).read_text(encoding="utf-8")
        dct = date.fromisoformat(_iso(entry["dct"]))
        if catalogue[name]["published"] != dct:
            problems.append(f"{name}: gold dct {dct} != catalogue {catalogue[name]['published']}")
        dcts[name] = dct
        for item in entry["mentions"]:
            needle, nth, at = item["text"], int(item.get("occurrence", 1)), -1
            for _ in range(nth):
                at = text.find(needle, at + 1)
                if at < 0:
                    break
            if at < 0:
                problems.append(f"{name}: {needle!r} occurrence {nth} not in the text")
                continue
            value = _iso(item.get("value"))
            if value is not None and period(value, item.get("grain", "")) is None:
                problems.append(f"{name}: {needle!r}: value {value!r} is not ISO for {item.get('grain')!r}")
            if item.get("kind") not in KINDS:
                problems.append(f"{name}: {needle!r}: kind {item.get('kind')!r}")
            gold.append(Gold(name, at, at + len(needle), needle, value, item.get("grain"), item["kind"]))
    spans = sorted((g.file, g.start, g.end) for g in gold)
    problems += [
        f"{a[0]}: two gold mentions at {a[1]}" for a, b in zip(spans, spans[1:], strict=False) if a == b
    ]
    return dcts, gold, problems


@dataclass
class Score:
    """Matched, missed and spurious mentions over some seeds."""

    gold: int = 0
    found: int = 0
    matched: int = 0
    misses: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Return the share of found mentions that match gold (1.0 when nothing was found)."""
        return self.matched / self.found if self.found else 1.0

    @property
    def recall(self) -> float:
        """Return the share of gold mentions found (1.0 when there is no gold)."""
        return self.matched / self.gold if self.gold else 1.0


def score_seeds(find_mentions: Callable[[str, date | None], Sequence[Any]]) -> dict[str, Score]:
    """Score find_mentions on every gold seed: a match overlaps a gold span with equal value and grain."""
    dcts, gold, problems = read_gold()
    if problems:
        raise ValueError("seed gold is broken:\n" + "\n".join(problems))
    scores: dict[str, Score] = {}
    for name, dct in dcts.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        found = list(find_mentions(text, dct))
        wanted = [g for g in gold if g.file == name]
        s = scores[name] = Score(gold=len(wanted), found=len(found))
        free = list(found)
        for g in wanted:
            hit = next((m for m in free if _meets(g, m)), None)
            if hit is None:
                s.misses.append(f"{g.start}:{g.end} «{g.text}» {g.value} {g.grain} {g.kind}")
            else:
                free.remove(hit)
                s.matched += 1
        s.spurious = [describe(m) for m in free]
    return scores


def _meets(g: Gold, m: Any) -> bool:
    """Return whether a found mention overlaps a gold one and has its value and grain."""
    value, grain = (m.time.value, m.time.grain) if m.time else (None, None)
    same = value == g.value and (g.value is None or grain == g.grain)
    return m.start < g.end and g.start < m.end and same


def total(scores: dict[str, Score]) -> Score:
    """Return the sum of per-file scores."""
    out = Score()
    for s in scores.values():
        out.gold, out.found, out.matched = out.gold + s.gold, out.found + s.found, out.matched + s.matched
    return out


def iter_cases(files: Sequence[CorpusFile]) -> Iterator[Case]:
    """Yield every positive and negative case of the files."""
    for f in files:
        yield from f.cases
        yield from f.negatives
