"""How common a word is in Arabic at large, from wordfreq's list, so a 10-article folder weighs words
as well as a 10,000-article one (a folder's own counts over a few articles are noise)."""

from __future__ import annotations

from functools import cache

from generator import arabic

WORDLIST = "small"
"""wordfreq's smaller list (56,000 Arabic words, 20 ms to load) carries every word common enough to matter."""
RARE = 1.0
"""The Zipf value of a word the list does not hold: rarer than anything in it (names, new coinages)."""


@cache
def _table() -> dict[str, float]:
    """Return {folded word: Zipf frequency}, the most common spelling's figure for each folded form."""
    import math

    from wordfreq import get_frequency_dict

    listed = get_frequency_dict("ar", wordlist=WORDLIST)
    table: dict[str, float] = {}
    # folded in one call: no word of the list holds a line break, and folding keeps one line per word
    for folded, freq in zip(arabic.fold("\n".join(listed)).split("\n"), listed.values(), strict=True):
        zipf = math.log10(freq) + 9 if freq > 0 else RARE
        if zipf > table.get(folded, 0.0):
            table[folded] = zipf
    return table


def zipf(word: str) -> float:
    """Return the Zipf frequency (log10 per billion words, 0–8) of a word, folded; RARE when unlisted."""
    return _table().get(arabic.fold_word(word), RARE)
