"""The read layer: every query of the CLI, the web pages and the API goes through this package.

Data flows one way: readers -> extraction -> store -> link -> **query** -> CLI, web UI, API. The CLI's
``timeline``/``entity``/``conflicts``/``stats``, the API's lists and records and the UI's pages all call
the functions below, so one filter gives one answer everywhere.

Each function takes an open connection first (``with query.connect(store) as conn: ...``), so that a
page can run several queries on one connection; lists take ``Filters`` and a limit and offset and
return a ``Page`` (``items``, ``total``). The rules they share:

- an ``entity`` filter is an entity id, a name, an alias (a form a report wrote it in) or a role, in any
  case (``resolve_entity``); it covers the entity's linked variants;
- ``since``/``until`` (YYYY[-MM[-DD]]) keep records whose date overlaps the period (``date_range``);
- mention counts are those of the entity's group (``group_of``); store counts are ``counts``.

A new query goes in the module of what it reads (entities, articles, records, linked, exchanges,
charts) and is exported here; the CLI and the web only format what it returns.
"""
from __future__ import annotations

from .articles import get_article, list_articles, recent_articles
from .base import Filters, Page, check_bound, connect, date_range
from .charts import counterparts, events_by_period
from .entities import (
    display_name,
    entity_group_ids,
    entity_names,
    entity_row,
    filter_ids,
    get_entity,
    group_of,
    list_entities,
    mention_counts,
    resolve_entity,
    top_entities,
)
from .exchanges import exchange_detail, exchange_title, exchanges_of, exchanges_of_entity, list_exchanges, side_count
from .linked import (
    conflicts,
    get_cluster,
    get_conflict,
    get_series,
    list_clusters,
    list_conflicts,
    list_series,
    timeline,
)
from .overview import counts, failures, store_version
from .places import EventPlaces, event_places, places_of
from .profile import entity_profile
from .records import event_types, figure_measures, get_record, list_events, list_figures, list_quotes

__all__ = [
    "EventPlaces",
    "Filters",
    "Page",
    "check_bound",
    "conflicts",
    "connect",
    "counterparts",
    "counts",
    "date_range",
    "display_name",
    "entity_group_ids",
    "entity_names",
    "entity_profile",
    "entity_row",
    "event_places",
    "event_types",
    "events_by_period",
    "exchange_detail",
    "exchange_title",
    "exchanges_of",
    "exchanges_of_entity",
    "failures",
    "figure_measures",
    "filter_ids",
    "get_article",
    "get_cluster",
    "get_conflict",
    "get_entity",
    "get_record",
    "get_series",
    "group_of",
    "list_articles",
    "list_clusters",
    "list_conflicts",
    "list_entities",
    "list_events",
    "list_exchanges",
    "list_figures",
    "list_quotes",
    "list_series",
    "mention_counts",
    "places_of",
    "recent_articles",
    "resolve_entity",
    "side_count",
    "store_version",
    "timeline",
    "top_entities",
]
