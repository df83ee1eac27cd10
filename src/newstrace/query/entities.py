"""Entities: which entities a filter value denotes, lists, one entity merged with its linked variants.

An entity filter takes an id, a name, an alias or a role, in any case, and means the same in the CLI,
the API and the web UI (``resolve_entity``). Linking points variant rows at a canonical row
(``canonical_id``); an entity's *group* is its canonical row and every row pointing at it, and its
mentions are the mentions of its group, counted one way (``group_of``).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import and_, func, or_, select, text
from sqlalchemy.engine import Connection

from ..ids import entity_key
from ..lang.names import parse_person, role_signature
from ..store import schema as S
from ..store.read import is_canonical
from .base import Filters, Page, contains, json_contains, json_may_hold_word, like_escaped, nulls_last, page_of, snippet

ENTITY_ARTICLES = 200


def entity_row(conn: Connection, entity_id: str):
    return conn.execute(select(S.entities).where(S.entities.c.id == entity_id)).first()


def group_of(canonical):
    """Return a select of the ids of the group of ``canonical`` (an id, or a correlated column)."""
    e = S.entities.alias("member")
    return select(e.c.id).where(or_(e.c.id == canonical, e.c.canonical_id == canonical))


def entity_group_ids(conn: Connection, entity_id: str) -> tuple[str, list[str]]:
    """Return (canonical id, ids of every entity row linked to it) for an entity id; empty if unknown."""
    row = entity_row(conn, entity_id)
    if row is None:
        return entity_id, []
    canonical = row.canonical_id or row.id
    ids = conn.execute(group_of(canonical)).scalars().all()
    return canonical, sorted(set(ids) | {row.id})


def _canonical_of(conn: Connection, ids) -> set[str]:
    e = S.entities
    rows = conn.execute(select(e.c.id, e.c.canonical_id).where(e.c.id.in_(list(ids)))).all()
    return {r.canonical_id or r.id for r in rows}


def resolve_entity(conn: Connection, value: str) -> list[str]:
    """Return the canonical ids of the entities ``value`` denotes, most mentioned first (then by id).

    Tried in this order, the first that finds anything wins: an entity id; a name, any case; an alias
    (a form some report wrote it in: a mention's text, any case); for a one-word person name, a full
    name ending in it ("Putin": "Vladimir Putin"); the words of a role, description or alias of a
    canonical entity that has a role or was linked ("the Russian president" for one recorded as
    "President of Russia").
    """
    value = (value or "").strip()
    if not value:
        return []
    e, m = S.entities, S.mentions
    row = entity_row(conn, value)
    if row is not None:
        return [row.canonical_id or row.id]
    folded = S.fold(value)
    found = _canonical_of(conn, conn.execute(
        select(e.c.id).where(e.c.name_key == folded)).scalars())
    if not found:
        found = _canonical_of(conn, conn.execute(
            select(m.c.entity_id).where(m.c.text_key == folded).distinct()).scalars())
    key = entity_key(value)
    if not found and key:
        person = parse_person(value)
        if person is not None and person.bare:
            like = conn.execute(select(e.c.id, e.c.name).where(
                e.c.type == "PERSON", e.c.name_key.like(f"% {like_escaped(folded)}", escape="\\"))).all()
            found = _canonical_of(conn, [r.id for r in like if entity_key(r.name).endswith(" " + key)])
    if not found and key:
        found = _by_role(conn, value)
    if len(found) <= 1:
        return sorted(found)
    return _most_mentioned(conn, found)


def _by_role(conn: Connection, value: str) -> set[str]:
    """Return the canonical ids whose aliases, roles or descriptions have the words of ``value``."""
    e = S.entities
    wanted = role_signature(value)
    if not wanted:
        return set()
    described = text(f"({S.DESCRIBED[conn.dialect.name]})")  # ix_entities_described
    query = select(e.c.id, e.c.data).where(is_canonical(), described)
    words = sorted((w for w in wanted if w.islower() and len(w) > 2), key=len)
    if words:
        # only rows whose JSON may hold the longest word are parsed: a name nobody has costs one scan of
        # the text in SQL, not a JSON parse per entity; role words compare without accents, so a row
        # with a letter beyond ASCII is parsed too
        query = query.where(json_may_hold_word(e.c.data, words[-1]))
    found = set()
    for row in conn.execute(query):
        linked = row.data.get("linked") or row.data
        forms = [*(linked.get("aliases") or ()), *(linked.get("roles") or ()),
                 *(linked.get("descriptions") or ()), row.data.get("role") or ""]
        if any(role_signature(w) == wanted for w in forms if w):
            found.add(row.id)
    return found


def _most_mentioned(conn: Connection, canonical_ids) -> list[str]:
    m = S.mentions
    counts = {cid: conn.execute(select(func.count()).select_from(m).where(m.c.entity_id.in_(group_of(cid))))
              .scalar_one() for cid in canonical_ids}
    return sorted(counts, key=lambda c: (-counts[c], c))


def filter_ids(conn: Connection, value: str) -> list[str]:
    """Return the ids of every entity row an entity filter covers: the groups of all it denotes."""
    ids: set[str] = set()
    for canonical in resolve_entity(conn, value):
        ids.update(conn.execute(group_of(canonical)).scalars())
    return sorted(ids)


def mention_counts(conn: Connection, ids: list[str]) -> tuple[int, int]:
    """Return (mentions, articles) of a group of entity rows."""
    m = S.mentions
    n, articles = conn.execute(select(func.count(), func.count(func.distinct(m.c.article_id)))
                               .where(m.c.entity_id.in_(ids))).one()
    return int(n), int(articles)


def _entity_item(row) -> dict[str, Any]:
    data = dict(row.data or {})
    data.setdefault("kind", "entity")
    data.setdefault("id", row.id)
    data["canonical_id"] = row.canonical_id or row.id
    data["n_mentions"] = int(getattr(row, "n_mentions", 0) or 0)
    data["n_articles"] = int(getattr(row, "n_articles", 0) or 0)
    data.pop("mentions", None)
    return data


def list_entities(conn: Connection, f: Filters, limit: int | None, offset: int) -> Page:
    """Return canonical entities, most mentioned first (mentions of the whole group)."""
    e, m = S.entities, S.mentions
    # counted per listed entity (an index range each), so a filtered list never counts the mentions
    # of the whole store
    group = group_of(e.c.id).correlate(e)
    n_mentions = select(func.count()).where(m.c.entity_id.in_(group)).scalar_subquery().label("n_mentions")
    n_articles = (select(func.count(func.distinct(m.c.article_id))).where(m.c.entity_id.in_(group))
                  .scalar_subquery().label("n_articles"))
    query = select(e, n_mentions, n_articles)
    conds = [is_canonical()]
    if f.type:
        conds.append(e.c.type == f.type.upper())
    if f.q:
        conds.append(or_(contains(e.c.name, f.q), json_contains(e.c.data["aliases"], f.q)))
    if f.entity:
        conds.append(e.c.id.in_(resolve_entity(conn, f.entity)))
    if f.article:
        conds.append(e.c.id.in_(select(m.c.entity_id).where(m.c.article_id == f.article)))
    query = query.where(and_(*conds))
    return page_of(conn, query, [n_mentions.desc(), e.c.name, e.c.id], limit, offset, _entity_item)


def top_entities(conn: Connection, limit: int = 12) -> list[dict[str, Any]]:
    return list_entities(conn, Filters(), limit, 0).items


def get_entity(conn: Connection, entity_id: str) -> dict[str, Any] | None:
    """Return an entity merged with its linked variants: aliases, roles, written forms, and the (newest
    200) articles that mention it with how often; None for an unknown id."""
    canonical, ids = entity_group_ids(conn, entity_id)
    if not ids:
        return None
    rows = conn.execute(select(S.entities).where(S.entities.c.id.in_(ids))).all()
    by_id = {r.id: r for r in rows}
    main = by_id.get(canonical) or by_id[entity_id]
    item = _entity_item(main)
    aliases: list[str] = list(item.get("aliases") or [])
    roles: list[str] = list(item.get("roles") or ([item["role"]] if item.get("role") else []))
    for row in rows:
        if row.id == main.id:
            continue
        data = row.data or {}
        for name in [data.get("name"), *(data.get("aliases") or [])]:
            if name and name not in aliases and name != item.get("name"):
                aliases.append(name)
        for role in [data.get("role"), *(data.get("roles") or [])]:
            if role and role not in roles:
                roles.append(role)
    item["aliases"] = aliases
    item["roles"] = roles
    item["variants"] = [i for i in ids if i != main.id]
    item["n_mentions"], item["n_articles"] = mention_counts(conn, ids)
    m, a = S.mentions, S.articles
    mine = m.c.entity_id.in_(ids)
    # the written forms, most frequent first: what the reports call it
    forms = conn.execute(select(m.c.text, func.count().label("n")).where(mine).group_by(m.c.text)
                         .order_by(func.count().desc(), m.c.text).limit(50)).all()
    item["forms"] = [{"text": r.text, "n": int(r.n)} for r in forms]
    per_article = (
        select(m.c.article_id, func.count().label("n"), func.min(m.c.start).label("first"))
        .where(mine).group_by(m.c.article_id).subquery()
    )
    rows = conn.execute(
        select(per_article, a.c.title, a.c.source, a.c.published,
               func.substr(a.c.text, 1, 160).label("snippet"))
        .select_from(per_article.join(a, a.c.id == per_article.c.article_id))
        .order_by(nulls_last(a.c.published), a.c.published.desc(), a.c.id).limit(ENTITY_ARTICLES)
    ).all()
    item["articles"] = [
        {"id": r.article_id, "title": r.title, "source": r.source, "published": r.published,
         "snippet": snippet(r.snippet), "n_mentions": int(r.n), "first_mention": int(r.first)}
        for r in rows
    ]
    return item


def entity_names(conn: Connection, ids: list[str]) -> dict[str, str]:
    """Return the name of each entity id (unknown ids left out)."""
    if not ids:
        return {}
    rows = conn.execute(select(S.entities.c.id, S.entities.c.name).where(S.entities.c.id.in_(ids))).all()
    return {r.id: r.name for r in rows}


def display_name(conn: Connection, value: str) -> str | None:
    """Return the name of the entity an entity filter denotes first (for a heading), None if none."""
    found = resolve_entity(conn, value)
    if not found:
        return None
    row = entity_row(conn, found[0])
    linked = (row.data or {}).get("linked") or {}
    return linked.get("name") or row.name
