"""newstrace: traceable event data from news articles."""
from __future__ import annotations

__version__ = "0.1.0"

from .records import Article, ArticleResult, Cluster, Conflict, DateValue, Entity, EntityRef, Event, Figure, Quote, Span

__all__ = [
    "Article", "ArticleResult", "Cluster", "Conflict", "DateValue", "Entity", "EntityRef", "Event",
    "Figure", "Quote", "Span", "__version__",
]
