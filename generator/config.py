"""timeline.toml (optional) -> a validated Config; every problem reported at once."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Config:
    """Everything a build needs to know beyond the articles themselves."""

    title_ar: str = "الخط الزمني"
    title_en: str = "Timeline"
    base_url: str = "/"
    default_lang: str = "ar"
    source: Path = field(default_factory=lambda: Path("seeds"))
    output: Path = field(default_factory=lambda: Path("site"))
    week_start: str = "saturday"
    """First day of the week for 'this week' / 'last week' (the Arab-world convention by default)."""
    digits: str = "western"
    """How Arabic pages write numbers: 'western' (0-9) or 'arabic-indic' (٠-٩)."""
    strict: bool = False
    jobs: int = 0
    """Extraction processes; 0 means one per CPU core."""
    build_date: str | None = None
    """ISO date shown as the build date; from SOURCE_DATE_EPOCH when set, else None (never the clock)."""
