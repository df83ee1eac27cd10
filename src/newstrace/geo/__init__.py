"""Where and when events happened: an offline gazetteer, place resolution in context, datelines.

``locate_events(events, doc, context)`` is the step the events stage ends with: it resolves the
article's place names (``resolve.py``) against the gazetteer (``gazetteer.py``) and gives each event a
place and a date, saying where each came from (``situate.py``).
"""
from __future__ import annotations

from .datelines import Dateline, find_dateline
from .gazetteer import GazEntry, load_gazetteer
from .resolve import PlaceMention, place_mentions
from .situate import situate_events

__all__ = ["Dateline", "GazEntry", "PlaceMention", "find_dateline", "load_gazetteer", "locate_events",
           "place_mentions", "situate_events"]


def locate_events(events, doc, context):
    """Return the events with a place and a date each, where any can be had (see ``situate.py``)."""
    if not events:
        return events
    dateline = getattr(context, "dateline", None)
    mentions = place_mentions(doc, context, dateline=dateline)
    return situate_events(events, doc, context, mentions, dateline)
