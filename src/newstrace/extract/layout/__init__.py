"""Layout stage, the first: the parts of an article that are not the outlet's prose.

``extract_layout(doc, context=ctx)`` is the stage and returns a ``Layout`` (embedded posts, credit
lines, subheadings, the dateline); ``embedded_posts`` finds embedded social-media posts and their credits
in a text, ``find_dateline`` the dateline a report opens with ("GAZA CITY (AP) —"), and
``date_by_dateline`` dates a report without a publication date by its dateline.
"""
from __future__ import annotations

from .datelines import Dateline, dated_by_dateline, find_dateline
from .embedded import EmbeddedPost, embedded_posts
from .extractor import Layout, extract_layout
from .lines import is_credit, is_subheading

__all__ = ["Dateline", "EmbeddedPost", "Layout", "dated_by_dateline", "embedded_posts", "extract_layout",
           "find_dateline", "is_credit", "is_subheading"]
