"""PLOVER event coding: who did what to whom, when and where, with factuality and who reports it.

``extract_events(doc, context=ctx)`` is the pipeline stage; the lexicon lives in ``data/`` and is
loaded once (see ``lexicon.py``); the coder itself is in ``coder.py``; each event's place and date are
given last, by ``situate.py``.
"""
from __future__ import annotations

from ...records import Event
from ..doctext import doc_sents
from .coder import SentenceCoder, trigger_depth
from .lexicon import load_lexicon, quad_of
from .parties import claimant, fill_by_side, fill_from_article, holders
from .situate import situate_events

__all__ = ["extract_events", "load_lexicon", "main_event", "quad_of"]


def extract_events(doc, *, context) -> list[Event]:
    """Return the events of ``doc``, coded in PLOVER with a CAMEO code, in text order."""
    if context is None or getattr(context, "article", None) is None:
        raise TypeError("extract_events needs the pipeline Context of the article (context=ctx)")
    coder = SentenceCoder(doc, context)
    events: list[Event] = []
    non_prose = context.layout.non_prose
    unreported = context.layout.unreported()  # credit lines and subheadings (the layout stage)
    furniture = context.layout.furniture
    for sent in doc_sents(doc):
        if (sent.start_char, sent.end_char) in unreported:
            continue
        coder.question = is_question(sent)  # "Can the US beat ISIS?": a question asserts nothing
        found = coder.code_sentence(sent)
        if non_prose:
            # Embedded posts and credits are not the outlet's prose: no event from a trigger inside one.
            found = [e for e in found if not context.in_non_prose(e.trigger.start, e.trigger.end)]
        if furniture:
            # press-release headers, contacts, photo lines, related links (the layout stage)
            found = [e for e in found if not any(f.start <= e.trigger.start < f.end for f in furniture)]
        events.extend(found)
    events.sort(key=lambda e: (e.trigger.start, e.type))
    # What the rest of the article says about the parties: codes, releasers, claims of responsibility.
    held_by = holders(doc, coder.args, context.article.published)
    events = fill_from_article(events, claimant(doc, coder.args, context.article.published), held_by)
    events = situate_events(events, doc, context)  # each event's place and date (situate.py)
    # a release whose releaser only its place or its captive's holder tells, among the article's sides
    return fill_by_side(events, doc, held_by)


def is_question(sent) -> bool:
    """Return True for a sentence the outlet asks, ending in a question mark outside any quote."""
    for i in range(len(sent) - 1, -1, -1):
        if not sent[i].is_space:
            return sent[i].text == "?"
    return False


def main_event(events: list[Event], doc) -> Event | None:
    """Return the event of the main clause: the trigger highest in the parse, then the most confident.

    A negated event ("did not attack", "denied that it shelled") reports nothing that happened, so it
    is not the sentence's event (PLOVER: negated events may be left out of event data).
    """
    events = [e for e in events if e.factuality != "negated"]
    if not events:
        return None
    return min(events, key=lambda e: (trigger_depth(e, doc), -e.confidence, e.trigger.start))
