"""Units and currencies written next to a number, and their canonical names.

``unit_after(text, pos)`` reads the unit written right after a number ("87mph", "19 per cent",
"5 kW"), ``currency_before(text, pos)`` the currency sign before it ("US$", "PS", "Y="), and
``canonical_unit(written)`` names a unit as written ("US$ per barrel" -> "USD per barrel"); the
evaluation reads gold units with the same lexicon.
"""
from __future__ import annotations

import functools
import re

from .lexicon import UnitForm, units, words_regex


def currency_before(text: str, pos: int) -> tuple[str | None, int]:
    """Return (ISO code, start) of a currency sign written just before ``pos``, or (None, pos)."""
    window = text[max(0, pos - 8):pos]
    for form in units().currency_prefixes:
        for gap in ("", " "):
            candidate = form.text + gap
            if window.endswith(candidate):
                start = pos - len(candidate)
                # a letter code must not be the tail of a longer word ("DUSD5")
                if form.text[0].isalpha() and start > 0 and text[start - 1].isalpha():
                    continue
                if gap and form.text.isalpha() and len(form.text) < 3:
                    continue  # "RM 5" is fine written glued only; "PS 5" is too ambiguous
                return form.canonical, start
    return None, pos


@functools.lru_cache(maxsize=1)
def _unit_matchers() -> tuple[re.Pattern[str], dict[str, UnitForm], re.Pattern[str], dict[str, UnitForm]]:
    """Return (word regex, lowercased word -> form, symbol regex, symbol -> form) for units after a number."""
    words: dict[str, UnitForm] = {}
    symbols: dict[str, UnitForm] = {}
    for form in units().after:  # longest first: the first form written a way wins
        if form.symbol:
            symbols.setdefault(form.text, form)
        else:
            words.setdefault(form.text.lower(), form)
    word_re = re.compile(rf"(?:{words_regex(list(words))})(?![A-Za-z0-9])", re.I)
    symbol_re = re.compile(rf"(?:{words_regex(list(symbols))})")
    return word_re, words, symbol_re, symbols


def unit_after(text: str, pos: int, *, money: bool) -> tuple[UnitForm | None, int]:
    """Return the unit written right after ``pos`` (glued, after a space or a hyphen) and its end."""
    word_re, words, symbol_re, symbols = _unit_matchers()
    for gap in ("", " ", "-", "\u00a0"):
        if gap and not text.startswith(gap, pos):
            continue
        at = pos + len(gap)
        best: tuple[UnitForm, int] | None = None
        w = word_re.match(text, at)
        if w:
            best = (words[w.group().lower()], w.end())
        sm = symbol_re.match(text, at)
        if sm and (best is None or sm.end() > best[1]):
            sym = symbols[sm.group()]
            after = text[sm.end():sm.end() + 1]
            glued_ok = not (after and after.isalnum() and sym.text[-1].isalnum())
            if gap and len(sym.text) == 1 and sym.text not in "°%″CFAWV":
                glued_ok = False  # a lone letter is a unit only when glued: "5t", "45.5p"
            if gap == "-" and len(sym.text) <= 2:
                glued_ok = False
            if glued_ok:
                best = (sym, sm.end())
        if best is not None and not (best[0].kind == "money" and money):
            return best
    return None, pos


def per_unit(text: str, pos: int) -> tuple[str, int]:
    """Return ("per X", end) for a rate written after a unit ("$3 per share", "$3500 a month")."""
    m = re.match(r"\s*(?:per|/)\s*([A-Za-z][A-Za-z-]*[0-9²³]?(?:\s(?:foot|feet|metre|meter|mile|m))?)", text[pos:])
    if m:
        word = m.group(1)
        form, _ = unit_after(word, 0, money=False)
        return f"per {form.canonical if form else singular(word.lower())}", pos + m.end()
    m = re.match(r"\s+(?:a|an)\s+([A-Za-z]+)(?!\s+(?:earlier|later|ago|before|after|on|back|from|since)\b)", text[pos:])
    if m:
        form, end = unit_after(m.group(1), 0, money=False)
        if form is not None and end == len(m.group(1)) and form.kind in ("time", "mass", "volume", "length"):
            return f"per {form.canonical}", pos + m.end()
    return "", pos


def singular(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


@functools.lru_cache(maxsize=1)
def _unit_table() -> tuple[dict[str, str], dict[str, str]]:
    """Return (word forms lowercased -> canonical, symbols as written -> canonical)."""
    table = units()
    words: dict[str, str] = {}
    symbols: dict[str, str] = {}
    for canonical in table.kinds:
        words.setdefault(canonical.lower(), canonical)
    for form in (*table.after, *table.currency_prefixes):
        if form.symbol:
            symbols.setdefault(form.text, form.canonical)
        else:
            words.setdefault(form.text.lower(), form.canonical)
    return words, symbols


@functools.lru_cache(maxsize=4096)
def canonical_unit(written: str) -> str | None:
    """Return the canonical name of a unit as written ("US$ per barrel" -> "USD per barrel"), or None."""
    text = written.strip()
    if not text:
        return None
    words, symbols = _unit_table()
    if text in symbols:
        return symbols[text]
    if text.lower() in words:
        return words[text.lower()]
    one = singular(text.lower())
    if one in words:
        return words[one]
    for sep in (" per ", "/", " a ", " an "):
        if sep in text:
            main, rest = text.split(sep, 1)
            head = canonical_unit(main)
            if head is not None:
                tail = canonical_unit(rest) or singular(rest.strip().lower())
                return f"{head} per {tail}"
    return None
