"""PLOVER event coding: who did what to whom, when and where, with factuality and who reports it.

``extract_events(doc, context=ctx)`` is the pipeline stage; the lexicon lives in ``data/`` and is
loaded once (see ``lexicon.py``); the coder itself is in ``coder.py``.
"""
from __future__ import annotations

import re

from ...records import Event
from .coder import SentenceCoder, trigger_depth
from ..doctext import doc_sents, doc_text
from ..layout.furniture import furniture_spans
from .lexicon import load_lexicon, quad_of

__all__ = ["extract_events", "main_event", "load_lexicon", "quad_of"]


def extract_events(doc, *, context) -> list[Event]:
    """Return the events of ``doc``, coded in PLOVER with a CAMEO code, in text order."""
    if context is None or getattr(context, "article", None) is None:
        raise TypeError("extract_events needs the pipeline Context of the article (context=ctx)")
    coder = SentenceCoder(doc, context)
    events: list[Event] = []
    non_prose = context.non_prose
    furniture = furniture_spans(doc_text(doc))
    for sent in doc_sents(doc):
        if is_subheading(sent) or is_credit(sent):
            continue
        coder.question = is_question(sent)  # "Can the US beat ISIS?": a question asserts nothing
        found = coder.code_sentence(sent)
        if non_prose:
            # Embedded posts and credits are not the outlet's prose: no event from a trigger inside one.
            found = [e for e in found if not context.in_non_prose(e.trigger.start, e.trigger.end)]
        if furniture:
            found = [e for e in found if not any(a <= e.trigger.start < b for a, b in furniture)]
        events.extend(found)
    events.sort(key=lambda e: (e.trigger.start, e.type))
    return events


_CREDIT = re.compile(
    r"\b(?:contributed(?: reporting)? to (?:this|the) (?:report|story|article)|contributed reporting"
    r"|(?:additional )?reporting by|editing by|writing by|compiled by|contributing(?= ?:))\b", re.I)


def is_credit(sent) -> bool:
    """Return True for a credit line ("Jane Roe contributed to this report.", "Contributing: Jane Roe in
    Paris"): no event in it."""
    # soft hyphens (U+00AD) are invisible line-break hints some pages leave inside words
    return len(sent) <= 40 and _CREDIT.search(sent.text.replace("\u00ad", "")) is not None


def is_question(sent) -> bool:
    """Return True for a sentence the outlet asks, ending in a question mark outside any quote."""
    for i in range(len(sent) - 1, -1, -1):
        if not sent[i].is_space:
            return sent[i].text == "?"
    return False


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


def main_event(events: list[Event], doc) -> Event | None:
    """Return the event of the main clause: the trigger highest in the parse, then the most confident.

    A negated event ("did not attack", "denied that it shelled") reports nothing that happened, so it
    is not the sentence's event (PLOVER: negated events may be left out of event data).
    """
    events = [e for e in events if e.factuality != "negated"]
    if not events:
        return None
    return min(events, key=lambda e: (trigger_depth(e, doc), -e.confidence, e.trigger.start))
