"""One exception family: every error names the file (and line where known) and what to do."""

from __future__ import annotations


class TimelineError(Exception):
    """An error the user can act on; `str()` is the whole message."""

    def __init__(
        self, message: str, path: str | None = None, line: int | None = None, hint: str = ""
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        tail = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.message}{tail}"


class ConfigError(TimelineError):
    """timeline.toml is invalid; the message lists every problem at once."""


class BuildError(TimelineError):
    """The build cannot complete; the previous site is left untouched."""
