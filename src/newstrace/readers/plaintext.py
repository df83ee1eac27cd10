"""Plain-text articles: an optional header line, an optional headline, then the text.

Layout rules (the header and the headline are taken out of ``Article.text``; everything else stays,
character for character, apart from line endings made ``\\n`` and white space trimmed at both ends):

- Header: a first line `` date YYYY-MM-DD By NAME`` (leading space and a colon after ``date``
  optional; ``By NAME`` optional; the date must start with a digit, so a headline "Date night ..."
  is not a header) gives the publication date and the byline. The date goes through
  ``parse_published``, so a bad one is a warning, not a failure.
- Headline: the first remaining line is the title when it is followed by a blank line and more text,
  is short (at most 20 words and 200 characters), and does not end like a sentence or a clause
  (``.``, ``,``, ``;``, ``:``, also before a closing quote); ``?``, ``!`` and a trailing ellipsis are
  allowed. This fits the BBC layout (headline, blank line, body) and leaves a first paragraph that is
  a sentence in the text.
- Standfirst: after a header, the first paragraph is the standfirst (summary) of the seeds layout.
  It stays in the text (it states facts) and its end offset is kept in ``meta["standfirst_end"]``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..timeframe import parse_published

_HEADER = re.compile(r"^[ \t]?date:?[ \t]+(?P<date>\d\S*)(?:[ \t]+[Bb]y[ \t]+(?P<byline>.+?))?[ \t]*$", re.IGNORECASE)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_SENTENCE_END = re.compile(r"[.,;:][\"'\u201d\u2019)\]]*$")
_ELLIPSIS_END = re.compile(r"(?:\.\.\.|\u2026)[\"'\u201d\u2019)\]]*$")
MAX_HEADLINE_WORDS = 20
MAX_HEADLINE_CHARS = 200


@dataclass(slots=True)
class TextLayout:
    text: str
    title: str = ""
    byline: str = ""
    published: str | None = None
    meta: dict = field(default_factory=dict)


def normalize_newlines(text: str) -> str:
    """Return ``text`` with CRLF and CR line endings made LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_layout(raw: str) -> TextLayout:
    """Return the article text with its header and headline taken out, and what they said."""
    text = normalize_newlines(raw).lstrip("\ufeff")
    layout = TextLayout(text="")
    warnings: list[str] = []

    first_line, _, rest = text.lstrip("\n").partition("\n")
    header = _HEADER.match(first_line)
    if header:
        published, warning = parse_published(header["date"])
        layout.published = published
        if warning:
            warnings.append(warning)
            layout.meta["published_raw"] = header["date"]
        layout.byline = (header["byline"] or "").strip()
        text = rest

    text = _trim_blank_lines(text)
    first_line, newline, rest = text.partition("\n")
    if newline and _is_headline(first_line, rest):
        layout.title = first_line.strip()
        text = _trim_blank_lines(rest)

    if header:
        paragraph_break = _BLANK_LINE.search(text)
        if paragraph_break:
            layout.meta["standfirst_end"] = paragraph_break.start()
    if warnings:
        layout.meta["warnings"] = warnings
    layout.text = text
    return layout


def _is_headline(line: str, rest: str) -> bool:
    line = line.strip()
    if not line or not rest.strip():
        return False
    # the headline must be followed by a blank line
    if rest.split("\n", 1)[0].strip():
        return False
    if len(line) > MAX_HEADLINE_CHARS or len(line.split()) > MAX_HEADLINE_WORDS:
        return False
    if _ELLIPSIS_END.search(line):  # "Rivals of the £400 Apple..." is a headline's trailing off
        return True
    return not _SENTENCE_END.search(line)


def _trim_blank_lines(text: str) -> str:
    """Drop blank lines and spaces at both ends."""
    lines = text.split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    while lines and not lines[-1].strip():
        lines.pop()
    return "\n".join(lines).strip()
