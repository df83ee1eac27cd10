"""RSS and Atom feeds, read with feedparser from bytes (never from a URL: nothing is fetched).

- An entry becomes an article when it has content (``content:encoded``, Atom ``content``) of at least
  ``MIN_CONTENT_CHARS`` characters of text, or else a summary of at least ``MIN_SUMMARY_CHARS``; the
  HTML in it is turned into paragraphs of plain text (twice when it was escaped twice). Shorter
  entries (headline-and-teaser items, placeholders) are dropped, each reported as an ``InputDropped``
  naming the entry and its length (unless no entry of the feed has text: then the feed is one error).
- Title, link, published (else updated) date and author come from the entry; the feed's title is the
  source. Origins are ``path#entry-N`` (N counts all entries from 1).
- A feed that is not well-formed still gives its entries when feedparser recovers them; each article
  then carries a warning. A document with no entries that feedparser could not parse is an error, and
  so is a feed whose entries hold no article text.
"""
from __future__ import annotations

import re
from collections.abc import Iterator

import feedparser
import lxml.html
from lxml import etree

from ..errors import InputDropped, InputError
from ..ids import article_id
from ..records import Article
from ..timeframe import parse_published
from .plaintext import normalize_newlines

MIN_SUMMARY_CHARS = 200
# shorter "content" is a placeholder ("Hello World", "submitted by /u/x [link] [comments]"), not an article
MIN_CONTENT_CHARS = 80

_BLOCK_TAGS = ("p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
               "table", "tr", "section", "article", "figure", "figcaption", "dd", "dt")
_SPACES = re.compile(r"[ \t\u00a0]+")
_MANY_BLANKS = re.compile(r"\n{3,}")
_LOOKS_LIKE_HTML = re.compile(r"<[a-zA-Z][^>]*>|&[a-z]+;|&#\d+;")
_EMAIL_THEN_NAME = re.compile(r"^[^\s@()]+@[^\s()]+ \((?P<name>[^()]+)\)$")
_NAME_THEN_EMAIL = re.compile(r"^(?P<name>[^()@]+?) \([^\s@()]+@[^\s()]+\)$")
_STILL_MARKUP = re.compile(r"^\s*<(?:!--|[a-zA-Z][^>]*>)")


def read_feed(data: bytes, path: str) -> Iterator[Article | InputError]:
    """Yield the articles of one feed, or one InputError when it gives none."""
    # white space before the XML declaration is a common publisher slip that makes the XML ill-formed
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<?xml"):
        data = data.lstrip(b" \t\r\n")
    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=True)
    entries = parsed.get("entries") or []
    problem = _bozo_reason(parsed)
    if not entries and problem:
        yield InputError(path, f"not a readable feed: {problem}")
        return
    if not parsed.get("version"):
        yield InputError(path, "not a feed: no RSS or Atom root element")
        return
    if not entries:
        yield InputError(path, "feed has no entries")
        return

    feed_title = " ".join((parsed.feed.get("title") or "").split())
    warnings = [f"feed is not well-formed ({problem}); entries read anyway"] if problem else []
    found = 0
    held: list[InputDropped] = []  # drops before the first article: only reported if the feed has one
    for number, entry in enumerate(entries, start=1):
        origin = f"{path}#entry-{number}"
        article = _entry_article(entry, origin, feed_title, warnings)
        if isinstance(article, str):
            held.append(InputDropped(origin, article))
            if found:
                yield from held
                held.clear()
            continue
        found += 1
        yield from held
        held.clear()
        yield article
    if not found:
        yield InputError(
            path, f"feed has {len(entries)} {'entry' if len(entries) == 1 else 'entries'} but none with article text "
            f"(content of {MIN_CONTENT_CHARS}+ characters, or a summary of {MIN_SUMMARY_CHARS}+)"
        )


def _bozo_reason(parsed) -> str:
    if not parsed.get("bozo"):
        return ""
    exc = parsed.get("bozo_exception")
    return " ".join(str(exc).split()) or type(exc).__name__


def _entry_article(entry, origin: str, feed_title: str, feed_warnings: list[str]) -> Article | str:
    """Return the entry's article, or why it is too short to be one."""
    text = ""
    for content in entry.get("content") or []:
        candidate = _plain(content.get("value") or "", content.get("type") or "")
        if len(candidate) > len(text):
            text = candidate
    longest = len(text)
    if len(text) < MIN_CONTENT_CHARS:
        text = ""
        summary = entry.get("summary_detail") or {}
        candidate = _plain(entry.get("summary") or "", summary.get("type") or "text/html")
        longest = max(longest, len(candidate))
        if len(candidate) >= MIN_SUMMARY_CHARS:
            text = candidate
    if not text:
        return (f"entry too short to be an article ({longest} characters of text; it needs content of "
                f"{MIN_CONTENT_CHARS}+ or a summary of {MIN_SUMMARY_CHARS}+)")

    warnings = list(feed_warnings)
    meta: dict = {}
    raw_date = entry.get("published") or entry.get("updated") or ""
    published, warning = parse_published(raw_date)
    if warning:
        warnings.append(warning)
        meta["published_raw"] = raw_date
    if entry.get("id"):
        meta["guid"] = entry["id"]
    tags = [t.get("term") for t in entry.get("tags") or [] if t.get("term")]
    if tags:
        meta["categories"] = tags
    if warnings:
        meta["warnings"] = warnings
    title = _plain(entry.get("title") or "", (entry.get("title_detail") or {}).get("type") or "text/plain")
    return Article(
        id=article_id(text), text=text, title=" ".join(title.split()), source=feed_title,
        byline=_byline(entry), url=entry.get("link") or "",
        published=published, origin=origin, meta=meta,
    )


def _byline(entry) -> str:
    """Return the entry's author by name: "desk@x.example (Anna Roth)" gives "Anna Roth"."""
    # feedparser's own split mangles addresses with long top-level domains, so split here
    author = " ".join((entry.get("author") or "").split())
    match = _EMAIL_THEN_NAME.match(author) or _NAME_THEN_EMAIL.match(author)
    return match["name"].strip() if match else author


def _plain(value: str, content_type: str) -> str:
    """Return the text of an entry field, its HTML made into paragraphs separated by a blank line."""
    value = normalize_newlines(value).strip()
    if not value:
        return ""
    if "html" not in content_type and not _LOOKS_LIKE_HTML.search(value):
        return value
    text = html_fragment_text(value)
    if _STILL_MARKUP.match(text):  # escaped twice by the publisher (seen in Reddit's feeds)
        text = html_fragment_text(text)
    return text


def html_fragment_text(markup: str) -> str:
    """Return the text of an HTML fragment, one paragraph per block element, scripts and styles dropped."""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (etree.ParserError, ValueError):
        return " ".join(markup.split())
    for bad in root.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for block in root.iter(*_BLOCK_TAGS):
        block.tail = "\n\n" + (block.tail or "")
        if block.text:
            block.text = "\n\n" + block.text
        else:
            block.text = "\n\n"
    text = root.text_content()
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _MANY_BLANKS.sub("\n\n", "\n".join(lines)).strip()
