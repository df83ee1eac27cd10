"""Attributions carried by layout rather than by a verb: "NAME: words" lines (headlines, interview
transcripts) and quotations credited with a dash ('"..." ― Name').
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...datafiles import load_yaml

# 1 to 4 capitalised words (or one all-capitals name) at the start of a line, then a colon
_COLON_LINE = re.compile(
    r"^[ \t\"“]*(?P<name>(?:[A-Z][\w.'’-]*)(?:[ \t]+(?:[A-Z][\w.'’-]*|of|on|de|al|van|von)){0,3})[ \t]*:"
    r"[ \t]+(?P<content>\S[^\n]*)$",
    re.M,
)
# words that introduce a line without naming who speaks (lang/data/page_words.yaml)
_NOT_SPEAKERS = frozenset(load_yaml("page_words.yaml")["not_speakers"])
_DASH_CREDIT = re.compile(
    r"[ \t\u00a0]*(?P<dash>[―—–])[ \t\u00a0]*(?P<name>[A-Z][^\n.,;:!?\"“”]{1,60}?)[ \t\u00a0.]*")
_TIME = re.compile(r"^\d{1,2}(?::\d\d)?\s*(?:a\.m|p\.m|am|pm)", re.I)


@dataclass(frozen=True, slots=True)
class LayoutAttribution:
    speaker: tuple[int, int]
    cue: tuple[int, int]
    content: tuple[int, int]
    rule: str


def colon_lines(text: str) -> list[LayoutAttribution]:
    """Return "NAME: words" lines: a headline's "Pence: ...", a transcript's "WALLACE: ..."."""
    out = []
    for m in _COLON_LINE.finditer(text):
        name = m.group("name")
        if name.lower() in _NOT_SPEAKERS or _TIME.match(name) or len(m.group("content").split()) < 3:
            continue
        if name.split()[0].lower() in _NOT_SPEAKERS:
            continue
        colon = text.index(":", m.end("name"))
        end = m.end("content")
        while end > m.start("content") and text[end - 1] in " \t\"”":
            end -= 1
        out.append(LayoutAttribution((m.start("name"), m.end("name")), (colon, colon + 1),
                                     (m.start("content"), end), "colon_line"))
    return out


def dash_credit(text: str, passage_end: int) -> LayoutAttribution | None:
    """Return the credit of a quotation followed, on its line, by '― Name', or None."""
    line_end = text.find("\n", passage_end)
    m = _DASH_CREDIT.fullmatch(text, passage_end, line_end if line_end >= 0 else len(text))
    if m is None or len(m.group("name").split()) > 5:
        return None
    return LayoutAttribution((m.start("name"), m.end("name")), (m.start("dash"), m.end("dash")), (0, 0),
                             "dash_credit")


_HEADLINE_WORD = re.compile(r"[A-Za-z][\w'’.-]*")


def _verb_lemmas(word: str) -> set[str]:
    """Return the lemmas a headline verb may have: "Says" -> say, "Vows" -> vow, "Rips" -> rip."""
    w = word.lower()
    out = {w}
    if w.endswith("ies"):
        out.add(w[:-3] + "y")
    if w.endswith("es"):
        out.add(w[:-2])
    if w.endswith("s"):
        out.add(w[:-1])
    if w.endswith("ed"):
        out |= {w[:-2], w[:-1]}
    if w == "said":
        out.add("say")
    return out


def headline_attribution(text: str, verbs: frozenset[str]) -> LayoutAttribution | None:
    """Return the attribution of a title-case headline "Obama Sees 'Personal Insult' If ...": the words
    before the first reporting verb speak, the words after it are what they say. The parser reads such
    lines poorly, every word being capitalised."""
    line_end = text.find("\n")
    line_end = len(text) if line_end < 0 else line_end
    line = text[:line_end]
    words = list(_HEADLINE_WORD.finditer(line))
    if len(words) < 3:
        return None
    capitalised = sum(1 for w in words if w.group()[0].isupper())
    if capitalised < 0.7 * len(words):
        return None
    for i, w in enumerate(words[1:6], start=1):
        if _verb_lemmas(w.group()) & verbs:
            end = line_end
            while end > w.end() and text[end - 1] in " .\t":
                end -= 1
            start = w.end()
            while start < end and text[start] == " ":
                start += 1
            if end - start < 3:
                return None
            return LayoutAttribution((words[0].start(), words[i - 1].end()), (w.start(), w.end()),
                                     (start, end), "headline_verb")
    return None
