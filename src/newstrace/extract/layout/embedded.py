"""Embedded social-media posts and their credit lines, told apart from the article's own prose.

A page that embeds a tweet keeps, after extraction to text, the post's words followed by a credit:
"... pic.twitter.com/abc — Some Outlet (@handle) February 15, 2025". Those words are the account's,
not the outlet's reporting, and no other stage should read figures or events from them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...lang.calendar import month_numbers
from ...timeframe import parse_published

# the credit of an embedded tweet: dash, account name, (@handle), date
_TWEET_CREDIT = re.compile(
    r"[—–-]{1,2}\s*(?P<name>[^\n—–()@]{1,80}?)\s*\(@(?P<handle>\w{1,30})\)\s*"
    r"(?P<date>(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4}))?"
)
# the credit of an embedded Instagram post
_POST_CREDIT = re.compile(
    r"(?:A post shared by|Posted by)\s+(?P<name>[^\n()@]{1,80}?)\s*\(@(?P<handle>[\w.]{1,30})\)"
    r"(?:\s+on\s+(?P<date>(?P<month>[A-Z][a-z]+)\.?\s+(?P<day>\d{1,2}),\s+(?P<year>\d{4})))?"
)
_SHARED_ON = re.compile(r"(?:This|View this) post (?:was shared )?on (?:Instagram|Facebook|TikTok|X|Twitter)",
                        re.I)
_LINK = re.compile(r"(?:pic\.twitter\.com/\w+|https?://t\.co/\w+|https?://(?:www\.)?instagram\.com/p/\S+)")
_PARAGRAPH = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class EmbeddedPost:
    """A paragraph that is an embedded post: its span, the post's words, and its credit."""

    start: int
    end: int
    content_start: int
    content_end: int
    name_start: int | None
    name_end: int | None
    handle_start: int | None
    handle_end: int | None
    date: str | None  # YYYY-MM-DD from the credit line
    date_start: int | None
    date_end: int | None


def _credit_date(m: re.Match) -> str | None:
    """Return the YYYY-MM-DD of a credit's date, read by timeframe (the one parser of a publication
    date); None when there is none, or when it is no real date ("February 30, 2025")."""
    if not m.group("date") or m.group("month").lower() not in month_numbers():
        return None
    return parse_published(m.group("date"))[0]


def embedded_posts(text: str) -> list[EmbeddedPost]:
    """Return the paragraphs of ``text`` that are embedded posts or their credits, in order."""
    posts = []
    for para in _PARAGRAPH.finditer(text):
        p_start, p_end = para.start(), para.end()
        chunk = para.group()
        credit = _TWEET_CREDIT.search(chunk) or _POST_CREDIT.search(chunk)
        if credit is not None and not credit.group("date") and not _LINK.search(chunk):
            credit = None  # "(@handle)" alone in prose is a mention, not a credit
        link = _LINK.search(chunk)
        shared = _SHARED_ON.search(chunk)
        if credit is None and link is None and shared is None:
            continue
        cut = min(m.start() for m in (credit, link, shared) if m is not None)
        c_start, c_end = p_start, p_start + cut
        while c_end > c_start and text[c_end - 1] in " \t—–-":
            c_end -= 1
        while c_start < c_end and text[c_start].isspace():
            c_start += 1
        name = handle = date_span = (None, None)
        date = None
        if credit is not None:
            name = (p_start + credit.start("name"), p_start + credit.end("name"))
            handle = (p_start + credit.start("handle") - 1, p_start + credit.end("handle"))
            date = _credit_date(credit)
            if credit.group("date"):
                date_span = (p_start + credit.start("date"), p_start + credit.end("date"))
        posts.append(EmbeddedPost(
            p_start, p_end, c_start, c_end, name[0], name[1], handle[0], handle[1], date,
            date_span[0], date_span[1],
        ))
    return posts
