"""An article as safe HTML: paragraphs, sentence anchors and highlighted date mentions, from offsets.

Every piece of article text is escaped (plain text) or sanitised with nh3 (Markdown); only the tags
written here become markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from heapq import heappop, heappush
from html import escape

import nh3

from generator.urls import sentence_anchor

_PARAGRAPH = re.compile(r"\S(?:[^\n]*\S)?")
_DEAD_LINK = re.compile(r"<a(?=[\s>])(?![^>]*\bhref=)[^>]*>(.*?)</a>", re.DOTALL)
"""A link whose address the sanitiser removed (javascript:, data:) is kept as its text."""
_HEADING = re.compile(r"<(/?)h([1-6])(?=[\s>])")
"""Markdown headings sit under the page's h1 and the text's h2, so they are demoted by two levels."""
_PRIVATE = re.compile("[\U000f0000-\U000ffffd\U00100000-\U0010fffd]")
_MARKER = re.compile("[\U000f0000-\U000ffffd]|[\U00100000-\U0010fffd]{2}")
"""Private-use characters mark insertion points while Markdown is converted: one of plane 15 each, then
pairs of plane 16 once those run out."""
_TAG_ID = re.compile(r'<[^<>]*?\bid="([^"<>]*)"')
"""The id attribute of a tag (text is escaped, so it never forms one)."""
_MD_TAGS = {
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "code",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "li",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "ul",
}
_MD_ATTRIBUTES: dict[str, set[str]] = {"a": {"href", "title"}, "abbr": {"title"}}
_OWN_ATTRIBUTES: dict[str, set[str]] = {
    "span": {"id", "class", "role", "lang", "dir", "data-search-ignore"},
    "mark": {"class", "tabindex", "title", "aria-describedby"},
    "time": {"datetime"},
}
_URL_SCHEMES = {"http", "https", "mailto"}
_LINK_REL = "external noopener noreferrer nofollow"


@dataclass(frozen=True)
class Highlight:
    """A date mention to highlight: its span and what the tooltip says."""

    start: int
    end: int
    label: str
    datetime: str | None = None
    kind: str = "date"
    """'date' (resolved), 'duration' or 'unresolved': the latter two are styled apart, with no datetime."""


@dataclass(frozen=True)
class TipLanguage:
    """The language the tooltips are written in (the page's, not the article's)."""

    lang: str
    dir: str


def render_article_html(
    text: str,
    sentences: Mapping[int, int],
    highlights: Sequence[Highlight],
    tip: TipLanguage,
    is_markdown: bool = False,
) -> str:
    """Return the article body as HTML with `id="s<start>"` sentence anchors and focusable mention marks."""
    clipped, marks = _clip_sentences(sentences, len(text)), _non_overlapping(highlights, len(text))
    if is_markdown:
        html = _render_markdown(text, clipped, marks, tip)
        return _lost_anchors(html, sentences) + html
    key = (text, tuple(sorted(sentences.items())), tuple((m.start, m.end, m.datetime, m.kind) for m in marks))
    parts = _SKELETONS.get(key)
    if parts is None:
        holes = [Highlight(m.start, m.end, f"\0{i}\0", m.datetime, m.kind) for i, m in enumerate(marks)]
        parts = _plain_parts(text, clipped, holes, _HOLE_TIP)
        parts.insert(0, (_lost_anchors("".join(part for part, _ in parts), sentences), False))
        _SKELETONS[key] = parts
        if len(_SKELETONS) > _SKELETONS_KEPT:
            del _SKELETONS[next(iter(_SKELETONS))]
    labels = {str(i): escape(m.label) for i, m in enumerate(marks)}
    labels.update(lang=tip.lang, dir=tip.dir)
    return "".join(_HOLE.sub(lambda h: labels[h[1]], part) if hole else part for part, hole in parts)


def _lost_anchors(html: str, sentences: Mapping[int, int]) -> str:
    """Return empty anchors for the sentences the body holds none for, to go before it.

    Every sentence link must land somewhere, even on a span the text could not hold (empty, or inside
    Markdown syntax). Labels filled into holes are escaped text, so they never hold an id.
    """
    present = set(_TAG_ID.findall(html))
    missing = [s for s in sorted(sentences) if sentence_anchor(s) not in present]
    return "".join(f'<span id="{sentence_anchor(s)}"></span>' for s in missing)


_HOLE = re.compile("\0([^\0]*)\0")
_HOLE_TIP = TipLanguage("\0lang\0", "\0dir\0")
_SKELETONS: dict[tuple[object, ...], list[tuple[str, bool]]] = {}
"""The last few article bodies rendered, their labels and tooltip language left as holes: the
Arabic and English pages of an article (written one after the other) differ only there."""
_SKELETONS_KEPT = 8


def _plain_parts(
    text: str, sentences: Mapping[int, int], marks: Sequence[Highlight], tip: TipLanguage
) -> list[tuple[str, bool]]:
    """Return a plain-text body as pieces of HTML, each marked True when it holds holes to fill."""
    paragraphs = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(text)]
    ops = _tag_ops(paragraphs, sentences, marks, tip)
    starts = [a for a, _ in paragraphs]
    out: list[tuple[str, bool]] = []
    plain: list[str] = []
    cursor = 0
    for pos in sorted(ops):
        if cursor < pos and _covering(paragraphs, starts, cursor) is not None:
            plain.append(escape(text[cursor:pos], quote=False))
        if "\0" in ops[pos]:
            out += [("".join(plain), False), (ops[pos], True)]
            plain = []
        else:
            plain.append(ops[pos])
        cursor = pos
    out.append(("".join(plain), False))
    return out


def _clip_sentences(sentences: Mapping[int, int], size: int) -> dict[int, int]:
    return {s: min(e, size) for s, e in sorted(sentences.items()) if 0 <= s < min(e, size)}


def _non_overlapping(highlights: Sequence[Highlight], size: int) -> list[Highlight]:
    kept: list[Highlight] = []
    for mark in sorted(highlights, key=lambda h: (h.start, -h.end, h.label)):
        if 0 <= mark.start < mark.end <= size and (not kept or mark.start >= kept[-1].end):
            kept.append(mark)
    return kept


def _covering(spans: Sequence[tuple[int, int]], starts: Sequence[int], pos: int) -> int | None:
    """Return the index of the span holding `pos` among sorted, non-overlapping spans and their starts."""
    k = bisect_right(starts, pos) - 1
    return k if k >= 0 and pos < spans[k][1] else None


def _tag_ops(
    paragraphs: Sequence[tuple[int, int]] | None,
    sentences: Mapping[int, int],
    marks: Sequence[Highlight],
    tip: TipLanguage,
    text_size: int = 0,
) -> dict[int, str]:
    """Return, for each offset where markup changes, the closing and opening tags to write there."""
    points = {0, text_size}
    blocks = list(paragraphs) if paragraphs is not None else [(0, text_size)]
    for a, b in blocks:
        points.update((a, b))
    for s, e in sentences.items():
        points.update((s, e))
    for m in marks:
        points.update((m.start, m.end))
    ordered = sorted(points)
    ops: dict[int, list[str]] = {p: [] for p in ordered}
    stack: list[tuple[str, int]] = []
    opened: set[tuple[str, int]] = set()
    wrap_paragraphs = paragraphs is not None

    def close_to(depth: int, pos: int) -> None:
        while len(stack) > depth:
            kind, key = stack.pop()
            if kind == "p":
                ops[pos].append("</p>")
            elif kind == "s":
                ops[pos].append("</span>")
            else:
                mark = marks[key]
                ops[pos].append("</time></mark>" if mark.datetime else "</mark>")
                if key not in tipped:
                    tipped.add(key)
                    ops[pos].append(
                        f'<span class="tip" role="tooltip" id="tip-{mark.start}" lang="{tip.lang}"'
                        f' dir="{tip.dir}" data-search-ignore>{escape(mark.label)}</span>'
                    )

    tipped: set[int] = set()
    block_starts = [pa for pa, _ in blocks]
    mark_spans = [(m.start, m.end) for m in marks]
    mark_starts = [m.start for m in marks]
    by_start = sorted(sentences.items())
    waiting = 0
    open_sentences: list[tuple[int, int]] = []
    """A heap of the sentences begun so far, latest start on top: (-start, end)."""
    for a in ordered[:-1]:
        while waiting < len(by_start) and by_start[waiting][0] <= a:
            heappush(open_sentences, (-by_start[waiting][0], by_start[waiting][1]))
            waiting += 1
        while open_sentences and open_sentences[0][1] <= a:
            heappop(open_sentences)
        block = _covering(blocks, block_starts, a)
        want: list[tuple[str, int]] = []
        if block is not None:
            if wrap_paragraphs:
                want.append(("p", block))
            if open_sentences:
                want.append(("s", -open_sentences[0][0]))
            mark_index = _covering(mark_spans, mark_starts, a)
            if mark_index is not None:
                want.append(("m", mark_index))
        common = 0
        while common < min(len(stack), len(want)) and stack[common] == want[common]:
            common += 1
        close_to(common, a)
        for item in want[common:]:
            ops[a].append(_open_tag(item, item not in opened, sentences, marks))
            opened.add(item)
            stack.append(item)
    close_to(0, ordered[-1])
    return {p: "".join(parts) for p, parts in ops.items() if parts}


def _open_tag(
    item: tuple[str, int], first: bool, sentences: Mapping[int, int], marks: Sequence[Highlight]
) -> str:
    kind, key = item
    if kind == "p":
        return "<p>"
    if kind == "s":
        return f'<span class="sentence" id="{sentence_anchor(key)}">' if first else '<span class="sentence">'
    mark = marks[key]
    attrs = ' class="mention"' if mark.kind == "date" else f' class="mention {escape(mark.kind)}"'
    if first:
        attrs += f' tabindex="0" title="{escape(mark.label)}" aria-describedby="tip-{mark.start}"'
    inner = f'<time datetime="{escape(mark.datetime)}">' if mark.datetime else ""
    return f"<mark{attrs}>{inner}"


def _marker(n: int) -> str:
    """Return the n-th insertion marker (see _MARKER)."""
    if n < 0xFFFE:
        return chr(0xF0000 + n)
    high, low = divmod(n - 0xFFFE, 0xFFFE)
    return chr(0x100000 + high) + chr(0x100000 + low)


def _render_markdown(
    text: str, sentences: Mapping[int, int], marks: Sequence[Highlight], tip: TipLanguage
) -> str:
    import markdown as markdown_lib  # (here: only Markdown articles need it, and it takes 7 ms to import)

    ops = _tag_ops(None, sentences, marks, tip, text_size=len(text))
    markers: dict[str, str] = {}
    pieces: list[str] = []
    cursor = 0
    for n, pos in enumerate(sorted(ops)):
        marker = _marker(n)
        markers[marker] = ops[pos]
        pieces.append(_PRIVATE.sub("", text[cursor:pos]))
        pieces.append(marker)
        cursor = pos
    pieces.append(_PRIVATE.sub("", text[cursor:]))
    source = "".join(pieces)
    html = markdown_lib.markdown(source, output_format="html")
    html = nh3.clean(
        html, tags=_MD_TAGS, attributes=_MD_ATTRIBUTES, url_schemes=_URL_SCHEMES, link_rel=_LINK_REL
    )
    # Every rewrite happens between the two passes: what nh3 returns last is returned as it is.
    html = _DEAD_LINK.sub(r"\1", html)
    html = _HEADING.sub(lambda m: f"<{m[1]}h{min(int(m[2]) + 2, 6)}", html)
    html = _MARKER.sub(lambda m: markers.get(m[0], ""), html)
    html = _PRIVATE.sub("", html)
    attributes = {**_MD_ATTRIBUTES, **_OWN_ATTRIBUTES}
    return nh3.clean(
        html,
        tags=_MD_TAGS | set(_OWN_ATTRIBUTES),
        attributes=attributes,
        url_schemes=_URL_SCHEMES,
        link_rel=_LINK_REL,
    )
