"""Layout stage: the parts of an article that are not the outlet's prose.

``embedded_posts`` finds embedded social-media posts and their credit lines; ``find_dateline`` the
dateline a report opens with ("GAZA CITY (AP) —"), and ``dated_by_dateline`` the date it gives a report
without a publication date.
"""
from __future__ import annotations

from .datelines import Dateline, dated_by_dateline, find_dateline
from .embedded import EmbeddedPost, embedded_posts

__all__ = ["Dateline", "EmbeddedPost", "dated_by_dateline", "embedded_posts", "find_dateline"]
