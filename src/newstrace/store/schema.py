"""The store's tables: one SQLAlchemy Core schema for SQLite and PostgreSQL.

Each record kind has a table with the columns the store filters and joins on, and ``data``: the record's
export dict (records.py ``to_dict()``). Cross-article links (clusters, series, canonical entities) live
in columns that linking fills, so the extraction rows never need rewriting.
"""
from __future__ import annotations

from sqlalchemy import JSON, Column, Float, ForeignKey, Index, Integer, MetaData, String, Table, Text, text

metadata = MetaData()


def fold(value: str | None) -> str | None:
    """Return the key a text is found by in any case: Unicode case folding ("Öcalan", "ÖCALAN" -> "öcalan").

    SQLite's lower() folds ASCII letters only, and PostgreSQL's follows the server's locale (under C, ASCII
    only again), so a search in any case compares these keys, made in Python when a row is written, and the
    two backends give the same answers."""
    return None if value is None else value.casefold()


def _folded(column: str):
    """Return a column default: the folded value of ``column`` of the same row (for any Core insert)."""
    return lambda context: fold(context.get_current_parameters().get(column))


schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("applied_at", String(40), nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", String(40), primary_key=True),
    Column("title", Text, nullable=False, default=""),
    Column("source", Text, nullable=False, default=""),
    Column("byline", Text, nullable=False, default=""),
    Column("url", Text, nullable=False, default=""),
    Column("published", String(10)),  # YYYY-MM-DD or NULL
    Column("language", String, nullable=False, default="en"),
    Column("length", Integer, nullable=False),
    Column("origin", Text, nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("meta", JSON, nullable=False),
    Column("ingested_at", String(40), nullable=False),
    Column("linked", Integer, nullable=False, default=0),  # 1 once cross-article linking has seen it
    Column("source_key", Text, default=_folded("source")),  # fold(source): the outlet in any case
)
Index("ix_articles_published", articles.c.published)
# articles in date order, undated last: an entity's articles, oldest first, read off the index
IX_ARTICLES_DATE_ORDER = Index("ix_articles_date_order", articles.c.published.is_(None), articles.c.published,
                               articles.c.id)
# linking asks for the articles not linked yet: few rows of many, and without the index every run
# scanned the whole table, texts and all (migration 2 adds it to stores made before)
IX_ARTICLES_LINKED = Index("ix_articles_linked", articles.c.linked)

# One row per entity id. Entity ids come from (type, canonical name), so the same name in two
# articles is one row; linking points variants at one canonical row through canonical_id.
entities = Table(
    "entities", metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String, nullable=False),
    Column("name", Text, nullable=False),
    Column("actor_code", String),
    Column("canonical_id", String(40)),  # NULL until linked; equals id for a canonical entity
    Column("data", JSON, nullable=False),  # to_dict() without mentions; aliases/roles merged across articles
    Column("name_key", Text, default=_folded("name")),  # fold(name): the name in any case
)
Index("ix_entities_name", entities.c.name)
Index("ix_entities_canonical", entities.c.canonical_id)
# the CLI and API find an entity by its name in any case (query.resolve_entity). Migration 9 replaced
# the index on lower(name) (``LOWER_INDEXES``), whose lower() folds ASCII only on SQLite, with the key's.
IX_ENTITIES_NAME_KEY = Index("ix_entities_name_key", entities.c.name_key)
# the rows that carry a role or linking's merged view (aliases, roles, descriptions): a filter by a role
# ("the Russian president") reads these alone (query.entities). A partial index: the query repeats the
# condition word for word, which is how SQLite knows it may use it.
DESCRIBED = {
    "sqlite": "json_extract(data, '$.role') IS NOT NULL OR json_extract(data, '$.linked') IS NOT NULL",
    "postgresql": "(data ->> 'role') IS NOT NULL OR (data -> 'linked') IS NOT NULL",
}
IX_ENTITIES_DESCRIBED = Index("ix_entities_described", entities.c.id,
                              sqlite_where=text(DESCRIBED["sqlite"]), postgresql_where=text(DESCRIBED["postgresql"]))

# The blocking keys of canonical entities (a name's key, a person's surname, an organisation's initials,
# ...: link.entity_names.index_keys): linking a name looks its keys up here instead of loading every entity.
entity_keys = Table(
    "entity_keys", metadata,
    Column("key", String(200), primary_key=True),
    Column("canonical_id", String(40), primary_key=True),
)

mentions = Table(
    "mentions", metadata,
    Column("entity_id", String(40), ForeignKey("entities.id"), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("start", Integer, primary_key=True),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("text_key", Text, default=_folded("text")),  # fold(text): the form in any case
)
Index("ix_mentions_article", mentions.c.article_id)
# an entity filter finds an entity by a form a report wrote it in, any case (query.resolve_entity)
IX_MENTIONS_TEXT_KEY = Index("ix_mentions_text_key", mentions.c.text_key)
IX_ARTICLES_SOURCE_KEY = Index("ix_articles_source_key", articles.c.source_key)
# the indexes on lower(...) that migrations 2 and 8 made before the folded keys; migration 9 drops them
LOWER_INDEXES = ("ix_entities_name_lower", "ix_mentions_text_lower")

events = Table(
    "events", metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("type", String, nullable=False),
    Column("mode", String),
    Column("cameo", String),
    Column("factuality", String, nullable=False),
    Column("date", String(10)),  # sortable: the value, or the start of a range; NULL when unknown
    Column("cluster_id", String(40)),
    Column("position", Integer),  # start of the trigger: keeps an article's events in reading order
    Column("data", JSON, nullable=False),
)
Index("ix_events_article", events.c.article_id)
Index("ix_events_type_date", events.c.type, events.c.date)
Index("ix_events_cluster", events.c.cluster_id)
# events in date order, undated last (``stats --events``, query.list_events): the
# first page is read off the index instead of sorting every event
IX_EVENTS_DATE_ORDER = Index("ix_events_date_order", events.c.date.is_(None), events.c.date, events.c.article_id,
                             events.c.position, events.c.id)

# Which entities an event involves, and how: actor, recipient, location, reported_by.
event_entities = Table(
    "event_entities", metadata,
    Column("event_id", String(40), ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(40), primary_key=True),
    Column("role", String(16), primary_key=True),  # actor, recipient, location, reported_by
)
Index("ix_event_entities_entity", event_entities.c.entity_id)

figures = Table(
    "figures", metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("measure", String, nullable=False),
    Column("value", Float),
    Column("as_of", String(10)),
    Column("claimed_by_id", String(40)),
    Column("series_id", String(40)),
    Column("position", Integer),  # start of the figure's span
    Column("data", JSON, nullable=False),
)
Index("ix_figures_article", figures.c.article_id)
Index("ix_figures_series", figures.c.series_id)
# the figures an entity claims (its page, the figures and conflicts filtered by it)
IX_FIGURES_CLAIMED_BY = Index("ix_figures_claimed_by", figures.c.claimed_by_id)

quotes = Table(
    "quotes", metadata,
    Column("id", String(40), primary_key=True),
    Column("article_id", String(40), ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_id", String(40)),
    Column("position", Integer),  # start of the quoted content
    Column("data", JSON, nullable=False),
)
Index("ix_quotes_article", quotes.c.article_id)
Index("ix_quotes_speaker", quotes.c.speaker_id)

clusters = Table(
    "clusters", metadata,
    Column("id", String(40), primary_key=True),
    Column("type", String, nullable=False),
    Column("date", String(10)),
    Column("data", JSON, nullable=False),
)
# the timeline: clusters in date order, undated last (query.list_clusters, query.timeline)
IX_CLUSTERS_DATE_ORDER = Index("ix_clusters_date_order", clusters.c.date.is_(None), clusters.c.date, clusters.c.id)

# Where each figure series can be found: one row per (measure, unit, place the series names,
# magnitude of its latest value), so that linking a figure reads the few series that can take it
# instead of every series of its measure. Linking keeps it; it holds nothing that linking cannot
# rebuild. A row with place "*" marks a measure whose series are all indexed.
series_index = Table(
    "series_index", metadata,
    Column("measure", String(40), primary_key=True),
    Column("unit", String(40), primary_key=True),  # "" when the figures have no unit
    Column("place", String(48), primary_key=True),  # "L:" location or "P:" place of the sentence + id
    Column("magnitude", Integer, primary_key=True),  # of the series' latest value: frexp exponent
    Column("series_id", String(40), primary_key=True),
    # the day of the series' latest member: a series silent for over a year takes no new figure
    Column("latest", String(10)),
)
Index("ix_series_index_series", series_index.c.series_id)

conflicts = Table(
    "conflicts", metadata,
    Column("id", String(40), primary_key=True),
    Column("relation", String, nullable=False),
    Column("series_id", String(40)),
    Column("data", JSON, nullable=False),
)

# Reciprocal releases (captives for prisoners) as one story: linking rebuilds them after each run.
exchanges = Table(
    "exchanges", metadata,
    Column("id", String(40), primary_key=True),
    Column("date", String(10)),
    Column("data", JSON, nullable=False),
)
# which clusters, entities and articles an exchange holds: the timeline, entity and article pages
# find an event's exchange here
exchange_members = Table(
    "exchange_members", metadata,
    Column("exchange_id", String(40), ForeignKey("exchanges.id", ondelete="CASCADE"), primary_key=True),
    Column("kind", String(16), primary_key=True),  # cluster, entity, article, event
    Column("member_id", String(40), primary_key=True),
)
Index("ix_exchange_members_member", exchange_members.c.member_id)

# Inputs that could not be read or extracted (kind "failed"), and inputs read but not kept (kind
# "dropped": a feed entry too short to be an article, a duplicate): nothing goes missing unrecorded.
failures = Table(
    "failures", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("origin", Text, nullable=False),
    Column("reason", Text, nullable=False),
    Column("at", String(40), nullable=False),
    Column("kind", String(16), nullable=False, server_default="failed"),
)
FAILURE_KINDS = ("failed", "dropped")
