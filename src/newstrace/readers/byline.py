"""An outlet named by a byline: "By Palestine Chronicle Staff" is the outlet's own desk, not a person."""
from __future__ import annotations

import functools
import re
from dataclasses import replace

from ..datafiles import load_yaml
from ..records import Article


@functools.cache
def _desk() -> re.Pattern:
    """Return the pattern of a desk byline: the outlet, then one of lang/data/bylines.yaml's desk words."""
    words = sorted(load_yaml("bylines.yaml")["desk_words"], key=len, reverse=True)
    desk = "|".join(r"\s+".join(map(re.escape, phrase.split())) for phrase in words)
    return re.compile(rf"^(?:by\s+)?(?:the\s+)?(?P<outlet>.+?)\s+(?:{desk})\.?$", re.IGNORECASE)


def outlet_from_byline(byline: str) -> str:
    """Return the outlet a desk byline names ("Palestine Chronicle Staff" -> "Palestine Chronicle"), or ""."""
    match = _desk().match(" ".join(byline.split()))
    return match["outlet"].strip(" ,;:-") if match else ""


def with_outlet(article: Article) -> Article:
    """Return the article with its outlet taken from a desk byline when no outlet is known."""
    if article.source or not article.byline:
        return article
    outlet = outlet_from_byline(article.byline)
    return replace(article, source=outlet) if outlet else article
