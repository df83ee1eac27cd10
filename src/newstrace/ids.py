"""Stable identifiers derived from content, so that ingesting the same input twice is a no-op."""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")


def normalize_text(text: str) -> str:
    """Return the text in NFC with runs of whitespace collapsed: what an article id hashes."""
    return _WS.sub(" ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """Return the id of an article: a hash of its normalized text."""
    return "a_" + hashlib.sha1(normalize_text(text).encode("utf-8")).hexdigest()[:16]


def record_id(kind: str, *parts: object) -> str:
    """Return a stable id for a record of ``kind`` made from ``parts`` (article id, offsets, type...)."""
    key = "\x1f".join(str(p) for p in parts)
    return f"{kind[:2]}_" + hashlib.sha1(f"{kind}\x1e{key}".encode()).hexdigest()[:16]


_PUNCT = re.compile(r"[^\w\s]")


@functools.lru_cache(maxsize=1 << 17)
def entity_key(name: str) -> str:
    """Return the normalized form of an entity name used to key it: casefolded, no accents or punctuation.

    Cached: linking and the knowledge base key the same names over and over."""
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _WS.sub(" ", _PUNCT.sub(" ", name.casefold())).strip()


def entity_id(type_: str, name: str, scope: str | None = None) -> str:
    """Return the id of an entity from its type and canonical name: the same name has the same id in
    any article. ``scope`` (an article id) keeps a name to one article: a name too generic or too bare
    to mean one thing everywhere ("Navy", "Miller") has an id of its own in each article, and linking
    decides which of them are one thing."""
    if scope is None:
        return record_id("entity", type_, entity_key(name))
    return record_id("entity", type_, entity_key(name), scope)


def is_scoped_entity(entity_id_: str, type_: str, name: str) -> bool:
    """Return True when an entity row's id is not its global id: a row kept to one article."""
    return entity_id_ != entity_id(type_, name)
