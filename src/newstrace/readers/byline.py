"""An outlet named by a byline: "By Palestine Chronicle Staff" is the outlet's own desk, not a person."""
from __future__ import annotations

import re
from dataclasses import replace

from ..records import Article

# the words a newsroom signs with when no reporter is named
_DESK = re.compile(
    r"^(?:by\s+)?(?:the\s+)?(?P<outlet>.+?)\s+(?:staff(?:\s+(?:writers?|reporters?))?|newsroom|news\s+desk|"
    r"editorial\s+(?:board|team|staff)|correspondents?)\.?$",
    re.IGNORECASE,
)


def outlet_from_byline(byline: str) -> str:
    """Return the outlet a desk byline names ("Palestine Chronicle Staff" -> "Palestine Chronicle"), or ""."""
    match = _DESK.match(" ".join(byline.split()))
    return match["outlet"].strip(" ,;:-") if match else ""


def with_outlet(article: Article) -> Article:
    """Return the article with its outlet taken from a desk byline when no outlet is known."""
    if article.source or not article.byline:
        return article
    outlet = outlet_from_byline(article.byline)
    return replace(article, source=outlet) if outlet else article
