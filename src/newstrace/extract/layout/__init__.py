"""Layout stage: the parts of an article that are not the outlet's prose.

``embedded_posts`` finds embedded social-media posts and their credit lines.
"""
from __future__ import annotations

from .embedded import EmbeddedPost, embedded_posts

__all__ = ["EmbeddedPost", "embedded_posts"]
