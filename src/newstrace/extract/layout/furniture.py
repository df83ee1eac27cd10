"""Page furniture: the lines a web page or a press release carries around a story.

``furniture_spans(text)`` returns the character ranges of press-release headers and contacts
("FOR IMMEDIATE RELEASE", "Media contact: ..."), photo and credit lines, and headings of related
links with the headline-like lines under them. Later stages code no event in them.
"""
from __future__ import annotations

import re

__all__ = ["furniture_spans"]

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
