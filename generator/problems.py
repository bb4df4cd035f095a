"""Print input problems once each, collapsing floods of the same message into one counted line."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import TextIO

from generator.models import Problem
from generator.plaintext import terminal_safe

LIMIT = 3
"""A message found in more files than this is printed once, with the count of the others."""


def unique_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return the problems without exact repeats, in a stable order (by file, line, message)."""
    return sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.message, p.hint, p.code))


def format_problems(problems: Iterable[Problem], limit: int = LIMIT) -> list[str]:
    """Return one line per problem; a message in more than `limit` files becomes one counted line."""
    unique = unique_problems(problems)
    groups: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in unique:
        groups[(problem.message, problem.hint)].append(problem)
    lines: list[str] = []
    done: set[tuple[str, str]] = set()
    for problem in unique:
        key = (problem.message, problem.hint)
        if key in done:
            continue
        group = groups[key]
        if len(group) <= limit:
            lines.extend(str(p) for p in group)
        else:
            lines.append(f"{group[0]} [and {len(group) - 1} more files with the same problem]")
        done.add(key)
    return lines


def print_problems(problems: Iterable[Problem], stream: TextIO) -> int:
    """Print the problems to `stream` (usually stderr) and return how many distinct ones there were."""
    unique = unique_problems(problems)
    for line in format_problems(unique):
        print(terminal_safe(line), file=stream)  # a file name may hold a terminal escape
    return len(unique)
