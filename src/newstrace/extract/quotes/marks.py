"""Quoted passages found by their marks: straight and curly, double and single, across sentences.

Marks are paired within a paragraph, character by character, before any parsing: a quotation often
spans several sentences, and spaCy's sentence splitter cuts through it. A quotation left open at the end
of a paragraph runs to that paragraph's end (the convention for quotes that go on over paragraphs).
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„‟«"
_DOUBLE_CLOSE = "”»"
_OPEN_CONTEXT = " \t\n([{—–-/:"  # what may stand before an opening mark
_PARAGRAPH = re.compile(r"\n\s*\n|\n")


@dataclass(frozen=True, slots=True)
class QuotedPassage:
    """A quoted run: ``outer`` includes the marks, ``inner`` is the text inside them."""

    outer_start: int
    outer_end: int
    inner_start: int
    inner_end: int
    closed: bool  # False when the paragraph ended before a closing mark

    def contains(self, start: int, end: int) -> bool:
        return self.outer_start <= start and end <= self.outer_end


def _is_opening_straight(text: str, i: int, length: int = 1) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + length] if i + length < len(text) else " "
    return (before in _OPEN_CONTEXT or before in _DOUBLE_OPEN) and not after.isspace()


def _double_marks(text: str, start: int, end: int) -> list[tuple[int, str, int]]:
    """Return (offset, 'open'|'close', length) for each double quotation mark in text[start:end]; two
    apostrophes ('') count as one straight double mark, as some newspapers' archives write it."""
    marks = []
    i = start
    while i < end:
        c = text[i]
        if c in _DOUBLE_OPEN:
            marks.append((i, "open", 1))
        elif c in _DOUBLE_CLOSE:
            marks.append((i, "close", 1))
        elif c == '"':
            marks.append((i, "open" if _is_opening_straight(text, i) else "close", 1))
        elif c == "'" and i + 1 < end and text[i + 1] == "'":
            marks.append((i, "open" if _is_opening_straight(text, i, 2) else "close", 2))
            i += 1
        i += 1
    return marks


def _pair(marks: list[tuple[int, str, int]], para_end: int) -> list[tuple[int, int, int, int, bool]]:
    """Return (open offset, open length, close offset, close length, closed) pairs; an unclosed quote
    runs to ``para_end``."""
    pairs = []
    opened: tuple[int, int] | None = None
    for offset, kind, length in marks:
        if kind == "open":
            if opened is None:
                opened = (offset, length)
            # a second opening mark before a close: the first one was never closed, or the text nests
            # marks of one kind; either way the first opening still governs
        elif opened is not None:
            pairs.append((opened[0], opened[1], offset, length, True))
            opened = None
    if opened is not None:
        pairs.append((opened[0], opened[1], para_end, 0, False))
    return pairs


def _single_quotes(text: str, start: int, end: int, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Return (open, close) offsets of single-mark quotations that are not apostrophes."""
    out = []
    i = start
    while i < end:
        c = text[i]
        if c in "‘'" and not any(s <= i < e for s, e in taken):
            before = text[i - 1] if i > start else " "
            after = text[i + 1] if i + 1 < end else " "
            if (before.isspace() or before in "([—–:") and after.isalnum():
                close = _find_single_close(text, i + 1, min(end, i + 400))
                if close is not None:
                    out.append((i, close))
                    i = close + 1
                    continue
        i += 1
    return out


def _find_single_close(text: str, start: int, end: int) -> int | None:
    for j in range(start, end):
        c = text[j]
        if c == "\n":
            return None
        if c in "’'":
            after = text[j + 1] if j + 1 < len(text) else " "
            before = text[j - 1]
            # "Russians’ cause" is a possessive: a closing mark is followed by space or punctuation and
            # comes after a word or a sentence mark; the quote must hold more than one word
            if (after.isspace() or after in ",.;:!?)”\"—") and not before.isspace():
                if " " in text[start:j]:
                    return j
                return None
    return None


def quoted_passages(text: str) -> list[QuotedPassage]:
    """Return the quoted passages of ``text`` in order of their opening mark."""
    passages: list[QuotedPassage] = []
    pos = 0
    bounds = []
    for m in _PARAGRAPH.finditer(text):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, len(text)))
    for p_start, p_end in bounds:
        if p_start >= p_end:
            continue
        pairs = _pair(_double_marks(text, p_start, p_end), p_end)
        taken = [(o, c + c_len) for o, _, c, c_len, _ in pairs]
        for o, o_len, c, c_len, closed in pairs:
            passages.append(QuotedPassage(o, c + c_len, o + o_len, c, closed))
        for o, c in _single_quotes(text, p_start, p_end, taken):
            passages.append(QuotedPassage(o, c + 1, o + 1, c, True))
    passages.sort(key=lambda q: q.outer_start)
    return [_trim(text, q) for q in passages if q.inner_end > q.inner_start]


def _trim(text: str, q: QuotedPassage) -> QuotedPassage:
    s, e = q.inner_start, q.inner_end
    while s < e and text[s].isspace():
        s += 1
    # a comma before the closing mark belongs to the sentence around the quote, not to the quote
    while e > s and (text[e - 1].isspace() or text[e - 1] == ","):
        e -= 1
    return QuotedPassage(q.outer_start, q.outer_end, s, e, q.closed)
