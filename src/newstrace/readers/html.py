"""HTML pages: trafilatura finds the main text and the metadata (title, date, author, site name).

- The text is trafilatura's plain-text output with paragraphs separated by a blank line, as in plain
  text articles; a first line repeating the title is dropped (the title is metadata).
- The publication date is the page's original date as its metadata states it (htmldate without its
  "extensive" search of the free text, which guesses), then checked by ``parse_published``.
- A page with no main text, or less than ``MIN_TEXT_CHARS`` of it, raises ``NoArticle``: a navigation
  page or a "moved" notice is not an article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

NO_ARTICLE = "no article text found in the HTML"
# below this, what trafilatura finds is a menu or a notice ("Home", "Move along"), not an article
MIN_TEXT_CHARS = 100
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


class NoArticle(Exception):
    """The page holds no article text; the message is the one-line reason."""


@dataclass(slots=True)
class HtmlArticle:
    text: str
    title: str = ""
    byline: str = ""
    source: str = ""
    url: str = ""
    date: str | None = None
    meta: dict = field(default_factory=dict)


def declared_charset(data: bytes) -> str | None:
    """Return the charset a page declares in a ``<meta>`` tag near its start, or None."""
    match = _META_CHARSET.search(data[:4096])
    return match[1].decode("ascii") if match else None


def extract_html(data: bytes | str) -> HtmlArticle:
    """Return the main text and metadata of one HTML page; raise NoArticle when there is none."""
    import trafilatura  # about 1.1 s to import: only an HTML input pays it

    try:
        doc = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_images=False,
            date_extraction_params={"original_date": True, "extensive_search": False},
        )
    except (ValueError, TypeError) as exc:  # lxml refuses some documents outright
        raise NoArticle(f"HTML could not be parsed: {exc}") from exc
    if doc is None or not (doc.text or "").strip():
        raise NoArticle(NO_ARTICLE)

    title = " ".join((doc.title or "").split())
    lines = [line.strip() for line in doc.text.split("\n")]
    lines = [line for line in lines if line]
    if lines and title and " ".join(lines[0].split()) == title:
        lines = lines[1:]
    if sum(len(line) for line in lines) < MIN_TEXT_CHARS:
        raise NoArticle(NO_ARTICLE)
    meta = {}
    if doc.description:
        meta["description"] = doc.description
    if doc.hostname:
        meta["hostname"] = doc.hostname
    if doc.language:
        meta["language"] = doc.language
    return HtmlArticle(
        text="\n\n".join(lines), title=title, byline=doc.author or "",
        source=doc.sitename or doc.hostname or "", url=doc.url or "", date=doc.date, meta=meta,
    )
