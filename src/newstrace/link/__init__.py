"""Cross-article linking: canonical entities, event clusters, figure series and conflicts.

``link_pending(store)`` links the articles not linked yet (what ``newstrace ingest`` calls after
writing); ``link_rebuild(store)`` clears every link and links everything again.
"""
from __future__ import annotations

from .run import LinkSummary, clear_links, link_pending, link_rebuild

__all__ = ["LinkSummary", "clear_links", "link_pending", "link_rebuild"]
