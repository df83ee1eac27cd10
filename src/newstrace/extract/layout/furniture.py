"""Page furniture: the lines a web page or a press release carries around a story.

``furniture_spans(text)`` returns the character ranges of press-release headers and contacts
("FOR IMMEDIATE RELEASE", "Media contact: ..."), photo and credit lines, and headings of related
links with the headline-like lines under them. Later stages code no event in them.

``popup_spans(text)`` returns a name's pop-up of linked headlines copied into a sentence with the page
text (the formal name glued to the first headline, the last headline ending in "MORE"): other stories'
words, so no stage reads an event, a figure or a quote there (the layout stage counts them non-prose).
"""
from __future__ import annotations

import re

__all__ = ["furniture_spans", "popup_spans"]

# Lines a page or a press release carries around the story, which report no event
# ("FOR IMMEDIATE RELEASE", "Media contact: ...", "Photo: Jane Roe/Reuters", "Related: Israel frees
# 90 prisoners"). A heading of related links also covers the headline-like lines under it.
_FURNITURE_LINE = re.compile(
    r"^[ \t]*(?:for immediate release|immediate release|embargoed (?:until|for)|media (?:contact|inquiries|enquiries)"
    r"|press (?:contact|office)|contacts?\s*:|(?:photo|photograph|picture|image|caption|credit|source)s?\s*:"
    r"|file photo\b|(?:related|recommended|also read|read also|read more|see also|more on this|watch|listen)\b[^\n]{0,40}$"
    r"|(?:related|read more|see also|watch|listen|also read)\s*:|click here\b|sign up\b|subscribe\b"
    r"|follow us\b|share this\b|advertisement\b|###|-\s*30\s*-)[^\n]*$", re.I | re.M)
_LINK_HEADING = re.compile(r"^[ \t]*(?:related|recommended|more from|more stories|more on this|read more|also read"
                           r"|read also|see also|you may also like|most read|top stories)\b[^\n]{0,40}$", re.I | re.M)
_PHOTO_ASIDE = re.compile(r"\((?:photo|image|picture|file photo|video)\b[^)\n]{0,120}\)", re.I)
# A name's pop-up copied into the sentence with the page text: "President Trump Donald John TrumpGOP senators
# balk at ... Warren goes local ... MORE has removed ...": the formal name, its last word glued to the first
# linked headline, the headlines run together, and a closing "MORE". The glued word marks the pop-up; the
# formal name begins after the name as the sentence writes it (the same surname a few words before).
_POPUP_END = re.compile(r"(?<=\S) MORE\b(?!:| FROM\b)")
_GLUED = re.compile(r"\b[A-Z][\w'’-]*[a-z][A-Z0-9][\w'’-]*")  # "TrumpGOP", "Clinton2020"
_JOIN = re.compile(r"(?<=[a-z])(?=[A-Z0-9])")
_POPUP_CHARS = 1000  # the longest pop-up: a formal name and three or four headlines, some of them digests
_NAME_CHARS = 80  # the written name before the formal one


def _popup_start(text: str, start: int, end: int) -> int | None:
    """Return where a pop-up before ``end`` begins: after the written name whose surname the formal name
    repeats glued to a headline ("Nancy Pelosi | Nancy PelosiOn The Money"), or None when there is none."""
    for glued in _GLUED.finditer(text, start, end):
        word = glued.group()
        for join in _JOIN.finditer(word):
            surname = word[:join.start()]
            written = text.rfind(f"{surname} ", max(start, glued.start() - _NAME_CHARS), glued.start())
            if written >= 0:
                return written + len(surname) + 1
    return None


def popup_spans(text: str) -> list[tuple[int, int]]:
    """Return the spans of names' pop-ups of linked headlines: from the formal name to "MORE"."""
    spans: list[tuple[int, int]] = []
    if " MORE" not in text:
        return spans
    last = 0
    for end in _POPUP_END.finditer(text):
        start = max(last, end.start() - _POPUP_CHARS, text.rfind("\n", 0, end.start()) + 1)
        begin = _popup_start(text, start, end.start())
        if begin is not None:
            spans.append((begin, end.end()))
            last = end.end()
    return spans


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, end) character ranges of page furniture in ``text``: no event comes from them."""
    spans = [m.span() for m in _FURNITURE_LINE.finditer(text)]
    spans += [m.span() for m in _PHOTO_ASIDE.finditer(text)]
    for heading in _LINK_HEADING.finditer(text):
        pos = heading.end() + 1
        while pos < len(text):
            end = text.find("\n", pos)
            end = len(text) if end < 0 else end
            line = text[pos:end].strip()
            # a link is a headline: short, no final stop
            if not line or len(line.split()) > 20 or line[-1] in ".!?\"”":
                break
            spans.append((pos, end))
            pos = end + 1
    return sorted(spans)
