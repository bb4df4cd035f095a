"""Text from the source folder made safe to put in a line of any output: no control characters, and
no bidirectional control that reaches past the field it came in.

A title carrying U+202E (RIGHT-TO-LEFT OVERRIDE) would otherwise reverse whatever follows it in a
browser tab, a feed reader's list or a calendar; a terminal escape in a title would reach the
terminal of whoever reads the feed with a command-line tool. Displayed text keeps every other
character as written (Arabic is never normalised here).
"""

from __future__ import annotations

import re

_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
"""C0 (but tab, newline, carriage return) and C1 controls, and DEL."""
_LINE_BREAKS = re.compile("[\t\n\r\u2028\u2029]+")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Embeddings and overrides (LRE RLE PDF LRO RLO) and isolates (LRI RLI FSI PDI)."""
_OPENS_EMBEDDING = frozenset("\u202a\u202b\u202d\u202e")
_OPENS_ISOLATE = frozenset("\u2066\u2067\u2068")
_PDF, _PDI = "\u202c", "\u2069"


def contain_bidi(text: str) -> str:
    """Return text with every bidi embedding, override and isolate it opens closed at its end, and
    every closing control that closes nothing in it removed (Unicode UAX #9 pairing)."""
    if _BIDI.search(text) is None:  # nearly every text: one scan in C
        return text
    out: list[str] = []
    opened: list[str] = []
    for char in text:
        if char in _OPENS_EMBEDDING or char in _OPENS_ISOLATE:
            opened.append(char)
        elif char == _PDF:
            if not opened or opened[-1] in _OPENS_ISOLATE:
                continue  # closes nothing opened in this text (a PDF never closes an isolate)
            opened.pop()
        elif char == _PDI:
            if not any(c in _OPENS_ISOLATE for c in opened):
                continue
            while opened.pop() not in _OPENS_ISOLATE:  # a PDI also closes the embeddings inside it
                pass
        out.append(char)
    out.extend(_PDI if c in _OPENS_ISOLATE else _PDF for c in reversed(opened))
    return "".join(out)


_SPECIAL_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_SPECIAL_IN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def plain_line(text: str) -> str:
    """Return text as one line: control characters removed, line breaks and tabs a space, bidi contained."""
    if _SPECIAL_IN_LINE.search(text) is None:  # nearly every text: one scan in C
        return text
    if _CONTROLS.search(text) is not None:
        text = _CONTROLS.sub("", text)
    return contain_bidi(_LINE_BREAKS.sub(" ", text))


def plain_text(text: str) -> str:
    """Return text with its control characters removed (line breaks and tabs kept) and bidi contained."""
    if _SPECIAL_IN_TEXT.search(text) is None:
        return text
    if _CONTROLS.search(text) is not None:
        text = _CONTROLS.sub("", text)
    return contain_bidi(text)


def terminal_safe(text: str) -> str:
    """Return text fit to print on a terminal: every character that is not printable (an escape, a
    bidi control) written as its Python escape, so a file name cannot drive the terminal."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode("ascii") for c in text)
