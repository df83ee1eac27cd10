"""The layout stage: what in an article is not the outlet's prose, found once, before every other stage.

Embedded social-media posts and their credits (``embedded``) are spans no later stage reads figures,
events or quotes of the outlet from (the quotes stage keeps each post as an embedded quote of its
account, and the dates stage resolves "today" inside a post against the post's own date); credit lines
and subheadings (``lines``) are sentences the events stage does not code; page furniture (``furniture``:
press-release headers and contacts, photo and credit lines, related-link lists) holds no event. A name's
pop-up of other stories' headlines copied into a sentence (``furniture.popup_spans``) is non-prose.

The dateline a report opens with (``datelines``: "GAZA CITY (AP) —") is layout too: it gives the
article's place (and its date when the reader had none), and no stage reads an event, a figure or a
quote of the outlet there. Page boilerplate belongs here too when a rule for it is written: a new kind of
span is one more field of ``Layout``, filled here and skipped by the stages that read it.
"""
from __future__ import annotations

from dataclasses import dataclass

from ...records import Span
from ..doctext import doc_sents, doc_text
from .datelines import Dateline, find_dateline
from .embedded import EmbeddedPost, embedded_posts
from .furniture import furniture_spans, popup_spans
from .lines import is_credit, is_subheading


@dataclass(frozen=True, slots=True)
class Layout:
    """The layout of one article: spans the later stages skip, each traceable to its characters."""

    posts: tuple[EmbeddedPost, ...] = ()
    non_prose: tuple[Span, ...] = ()  # embedded posts with their credits, headline pop-ups: not the outlet's words
    credit_lines: tuple[Span, ...] = ()  # sentences crediting reporters or editors
    subheadings: tuple[Span, ...] = ()  # verbless heading lines between paragraphs
    furniture: tuple[Span, ...] = ()  # press-release headers, contacts, photo lines, related links: no events
    dateline: Dateline | None = None  # "KABUL, Afghanistan (Jan. 25, 2013) —": its span is non-prose too

    def unreported(self) -> frozenset[tuple[int, int]]:
        """Return the (start, end) of every sentence that reports nothing: credit lines and subheadings."""
        return frozenset((s.start, s.end) for s in (*self.credit_lines, *self.subheadings))


def extract_layout(doc, *, context=None) -> Layout:
    """Return the layout of ``doc``: its embedded posts, credit lines, subheadings and dateline."""
    text = doc_text(doc)
    posts = tuple(embedded_posts(text))
    credits: list[Span] = []
    headings: list[Span] = []
    for sent in doc_sents(doc):
        if is_subheading(sent):
            headings.append(Span.of(text, sent.start_char, sent.end_char))
        elif is_credit(sent):
            credits.append(Span.of(text, sent.start_char, sent.end_char))
    dateline = find_dateline(text)
    non_prose = (tuple(Span.of(text, p.start, p.end) for p in posts) + ((dateline.span,) if dateline else ())
                 + tuple(Span.of(text, a, b) for a, b in popup_spans(text)))
    return Layout(posts=posts, non_prose=non_prose, credit_lines=tuple(credits), subheadings=tuple(headings),
                  furniture=tuple(Span.of(text, a, b) for a, b in furniture_spans(text)), dateline=dateline)
