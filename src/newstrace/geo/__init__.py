"""Places: an offline gazetteer, place names resolved in an article's context, place typing by vote.

``load_gazetteer()`` (``gazetteer.py``) builds the index once per process; ``place_mentions`` (``resolve.py``)
resolves an article's place names; ``place_votes`` (``typing.py``) is the entities stage's vote for a
known place used as one. The events stage places and dates events with them (``extract/events/situate.py``).
geo imports nothing of extract.
"""
from __future__ import annotations

from .gazetteer import GazEntry, Gazetteer, fold, load_gazetteer
from .resolve import PlaceMention, PlaceResolver, place_mentions

__all__ = ["GazEntry", "Gazetteer", "PlaceMention", "PlaceResolver", "fold", "load_gazetteer", "place_mentions"]
