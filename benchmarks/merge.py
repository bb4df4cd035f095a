"""Time merge_events on synthetic events (1k and 10k) and print the scaling ratio; near-linear is about 1.

Each synthetic happening has a date (any day over ten years, or a month) and six topic words
from a 6,000-word vocabulary; one to three outlets report it with five of those words plus
common filler. Figures: best-of-3 wall time per size, ratio (t10k / t1k) / 10, and how well the entries
match the happenings (pair precision and recall).
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from calendar import monthrange
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from generator.editorial import Editorial  # noqa: E402
from generator.merge import merge_events  # noqa: E402
from generator.models import Article, Event, TimeValue  # noqa: E402

LETTERS = "بتثجحخدذرزسشصضطظعغفقكلمنهوي"
FILLER = ["الحكومة", "الوزير", "المدينة", "الرئيس", "البلاد", "المنطقة", "الأمن", "الدولة"]
START = date(2010, 1, 1)


def synthetic(n_events: int, seed: int = 7) -> tuple[list[Event], list[Article], dict[str, int]]:
    """Return n synthetic events, one article per event, and the happening each event reports."""
    rng = random.Random(seed)
    vocab = sorted({"".join(rng.choice(LETTERS) for _ in range(rng.randint(4, 7))) for _ in range(6000)})
    events: list[Event] = []
    articles: list[Article] = []
    truth: dict[str, int] = {}
    happening = 0
    while len(events) < n_events:
        first = START + timedelta(days=rng.randrange(3650))
        if rng.random() < 0.1:
            first = first.replace(day=1)
            last = first.replace(day=monthrange(first.year, first.month)[1])
            time_value = TimeValue(first.strftime("%Y-%m"), "month", first, last)
        else:
            time_value = TimeValue(first.isoformat(), "day", first, first)
        topic = rng.sample(vocab, 6)
        for _ in range(rng.randint(1, 3)):
            words = rng.sample(topic, 5) + rng.sample(FILLER, 3)
            rng.shuffle(words)
            sentence = " ".join(words) + "."
            aid = f"art{len(articles):06d}"
            eid = hashlib.sha1(aid.encode()).hexdigest()[:12]
            articles.append(Article(id=aid, path=f"{aid}.txt", text=sentence, slug=aid))
            events.append(Event(eid, aid, time_value, 0, len(sentence), sentence))
            truth[eid] = happening
            if len(events) == n_events:
                break
        happening += 1
    return events, articles, truth


def timed(n: int, repeat: int = 3) -> tuple[float, float, float]:
    """Return the best of `repeat` times to merge n events, and pair precision and recall."""
    events, articles, truth = synthetic(n)
    elapsed = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        entries, _ = merge_events(events, articles, Editorial())
        elapsed = min(elapsed, time.perf_counter() - started)
    found = {frozenset(p) for e in entries for p in combinations(sorted(ev.id for ev in e.events), 2)}
    by_happening: dict[int, list[str]] = {}
    for eid, h in truth.items():
        by_happening.setdefault(h, []).append(eid)
    expected = {frozenset(p) for ids in by_happening.values() for p in combinations(sorted(ids), 2)}
    precision = len(found & expected) / len(found) if found else 1.0
    recall = len(found & expected) / len(expected) if expected else 1.0
    return elapsed, precision, recall


def main() -> None:
    """Print merge times for 1,000 and 10,000 events and the scaling ratio."""
    small, p1, r1 = timed(1_000)
    large, p10, r10 = timed(10_000)
    print(f"merge 1,000 events:  {small:7.3f} s   pair precision {p1:.3f} recall {r1:.3f}")
    print(f"merge 10,000 events: {large:7.3f} s   pair precision {p10:.3f} recall {r10:.3f}")
    print(f"scaling ratio (t10k / t1k) / 10 = {large / small / 10:.2f}   (1.0 = linear, 10 = quadratic)")


if __name__ == "__main__":
    main()
