"""Layout stage, the first: the parts of an article that are not the outlet's prose.

``extract_layout(doc, context=ctx)`` is the stage and returns a ``Layout`` (embedded posts, credit
lines, subheadings); ``embedded_posts`` finds embedded social-media posts and their credits in a text.
"""
from __future__ import annotations

from .embedded import EmbeddedPost, embedded_posts
from .extractor import Layout, extract_layout
from .lines import is_credit, is_subheading

__all__ = ["EmbeddedPost", "Layout", "embedded_posts", "extract_layout", "is_credit", "is_subheading"]
