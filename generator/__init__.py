"""Arabic news timelines: date extraction, cross-source merging and a bilingual static site."""

__version__ = "0.1.0"
