"""Lines of an article that carry no reporting of their own: credit lines and subheadings.

Both are read off the parsed sentences: a credit line names who reported or edited the story; a
subheading is a short verbless line that names what the next paragraphs report.
"""
from __future__ import annotations

import re

from ..doctext import doc_text

_CREDIT = re.compile(
    r"\b(?:contributed(?: reporting)? to (?:this|the) (?:report|story|article)|contributed reporting"
    r"|(?:additional )?reporting by|editing by|writing by|compiled by|contributing(?= ?:))\b", re.I)


def is_credit(sent) -> bool:
    """Return True for a credit line ("Jane Roe contributed to this report.", "Contributing: Jane Roe in
    Paris"): no event in it."""
    # soft hyphens (U+00AD) are invisible line-break hints some pages leave inside words
    return len(sent) <= 40 and _CREDIT.search(sent.text.replace("\u00ad", "")) is not None


def is_subheading(sent) -> bool:
    """Return True for a verbless line without a final stop ("Joint Hamas, PIJ Release").

    A subheading names what the next paragraphs report; coding it would count one event twice and
    give it parties from a phrase with no syntax ("PIJ Release" as the actor).
    """
    if len(sent) > 24:
        return False  # more than 12 words whatever the spaces between them
    words = [t for t in sent if not t.is_space]
    if not words or len(words) > 12:
        return False
    text = doc_text(sent.doc)
    start, end = words[0].idx, words[-1].idx + len(words[-1].text)
    if start and text[start - 1] != "\n" or end < len(text) and text[end] not in "\r\n":
        return False
    if words[-1].is_punct and words[-1].text not in (")", "]"):
        return False
    return not any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") for t in words)
