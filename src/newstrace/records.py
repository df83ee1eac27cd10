"""Typed, frozen records: the export contract of DESIGN.md, one class per record kind.

Every record carries character offsets into its article's text (a ``Span``) so that it can be
traced back to the exact characters it came from. ``to_dict()`` gives the JSON shape of the export
contract, ``kind`` first.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .timeframe import require_day

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
    "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE",
    "COERCE", "ASSAULT",
)
FACTUALITY = ("asserted", "negated", "future", "hypothetical", "historical")
QUALIFIERS = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "range")
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")
GRANULARITIES = ("year", "month", "week", "day")
# where an event's date comes from: its own clause, its sentence, its paragraph, or the publication date
# (granularity "reported": on or before the publication)
DATE_SOURCES = ("stated", "sentence", "paragraph", "publication")
PLACE_FEATURES = ("country", "admin1", "city", "landmark")
# where an event's place comes from: its sentence, its paragraph, the article's dateline, the article
PLACE_SOURCES = ("sentence", "paragraph", "dateline", "article")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of characters ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        return cls(start, end, text[start:end])


@dataclass(frozen=True, slots=True)
class EntityRef:
    """A reference to an entity record; ``id`` is None for the outlet's own voice."""

    id: str | None
    name: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "name": self.name}


@dataclass(frozen=True, slots=True)
class Party:
    """A party of an event: the entity (``id`` None when no entity names it), the mention in the event's
    sentence as a whole noun phrase, and the CAMEO actor code valid on the event's date.

    For a pronoun, ``span`` is the antecedent's mention when one is found in the article and
    ``pronoun`` the pronoun's own span. Consumers that only need ``id`` and ``name`` read it as an
    ``EntityRef``.
    """

    id: str | None
    name: str
    span: Span | None = None
    code: str | None = None
    pronoun: Span | None = None

    def ref(self) -> EntityRef:
        return EntityRef(self.id, self.name)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "name": self.name,
                               "span": self.span.to_dict() if self.span is not None else None, "code": self.code}
        if self.pronoun is not None:
            out["pronoun"] = self.pronoun.to_dict()
        return out


@dataclass(frozen=True, slots=True)
class DateValue:
    """A resolved (or knowingly unresolved) date: ``value`` is YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www.

    A range has ``start`` and ``end`` instead of ``value``. ``value`` and ``start`` are both None when
    the expression could not be resolved (``note`` says why, e.g. no publication date).
    """

    value: str | None
    granularity: str
    text: str
    span: Span | None = None
    start: str | None = None
    end: str | None = None
    kind: str = "date"  # date | range | duration | set
    rule: str = ""
    note: str = ""
    source: str = ""  # for an event's date: one of DATE_SOURCES

    @property
    def resolved(self) -> bool:
        return self.value is not None or self.start is not None

    def to_dict(self) -> dict[str, Any]:
        value: Any = self.value
        if self.start is not None or self.end is not None:
            value = {"start": self.start, "end": self.end}
        out: dict[str, Any] = {"value": value, "granularity": self.granularity, "text": self.text}
        if self.span is not None:
            out["span"] = self.span.to_dict()
        if self.kind != "date":
            out["type"] = self.kind
        if self.note:
            out["note"] = self.note
        if self.source:
            out["source"] = self.source
        return out


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    title: str = ""
    source: str = ""
    byline: str = ""
    url: str = ""
    published: str | None = None  # YYYY-MM-DD
    language: str = "en"
    origin: str = ""  # where it was read from: path, path:line, feed entry
    meta: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # the publication date anchors every relative date of the article: an impossible one is refused
        # here, whichever way the article came in (readers, API, Python, a batch file)
        if self.published is not None:
            require_day(self.published)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "article", "id": self.id, "title": self.title, "source": self.source,
            "byline": self.byline, "url": self.url, "published": self.published,
            "language": self.language, "length": len(self.text), "origin": self.origin,
            "meta": self.meta,
        }


@dataclass(frozen=True, slots=True)
class Mention:
    article: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"article": self.article, "span": self.span.to_dict()}


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name: str
    aliases: tuple[str, ...] = ()
    role: str | None = None
    affiliation: EntityRef | None = None
    actor_code: str | None = None
    mentions: tuple[Mention, ...] = ()
    rule: str = ""

    def ref(self) -> EntityRef:
        return EntityRef(self.id, self.name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "entity", "id": self.id, "type": self.type, "name": self.name,
            "aliases": list(self.aliases), "role": self.role,
            "affiliation": self.affiliation.to_dict() if self.affiliation else None,
            "actor_code": self.actor_code,
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True, slots=True)
class Place:
    """Where an event happened: the entity (or text) that names it, resolved to a gazetteer entry.

    ``country`` is ISO 3166-1 alpha-3, ``admin1`` an ISO 3166-2 code, ``feature`` one of
    PLACE_FEATURES, ``source`` one of PLACE_SOURCES; ``gazetteer`` is the entry's id (``geonames:N``,
    ``iso3166:XX``) and ``span`` the mention the place was read from. Unresolved names keep ``country``
    and the rest None.
    """

    id: str | None
    name: str
    span: Span | None = None
    country: str | None = None
    admin1: str | None = None
    lat: float | None = None
    lon: float | None = None
    feature: str | None = None
    source: str = "sentence"
    gazetteer: str | None = None

    def ref(self) -> EntityRef:
        return EntityRef(self.id, self.name)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "name": self.name, "span": self.span.to_dict() if self.span else None,
            "country": self.country, "admin1": self.admin1, "lat": self.lat, "lon": self.lon,
            "feature": self.feature, "source": self.source, "gazetteer": self.gazetteer,
        }


def _ref(ref: EntityRef | Place | None) -> dict[str, Any] | None:
    return ref.to_dict() if ref is not None else None


def _date(date: DateValue | None) -> dict[str, Any] | None:
    return date.to_dict() if date is not None else None


@dataclass(frozen=True, slots=True)
class Event:
    id: str
    article: str
    type: str
    mode: str | None
    context: str | None
    cameo: str | None
    actors: tuple[Party, ...]
    recipients: tuple[Party, ...]
    location: EntityRef | Place | None
    date: DateValue | None
    factuality: str
    reported_by: EntityRef | None
    trigger: Span
    sentence: Span
    sizes: dict[str, str] = field(default_factory=dict)  # measure -> figure id
    confidence: float = 0.5
    why: str = ""  # the rule or pattern that fired, readable
    cluster: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "event", "id": self.id, "article": self.article, "type": self.type,
            "mode": self.mode, "context": self.context, "cameo": self.cameo,
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "location": _ref(self.location), "date": _date(self.date),
            "factuality": self.factuality, "reported_by": _ref(self.reported_by),
            "trigger": self.trigger.to_dict(), "sentence": self.sentence.to_dict(),
            "sizes": dict(self.sizes), "confidence": round(self.confidence, 3), "why": self.why,
            "cluster": self.cluster,
        }


@dataclass(frozen=True, slots=True)
class Figure:
    id: str
    article: str
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    measure: str
    counted: str
    span: Span
    sentence: Span
    location: EntityRef | None = None
    as_of: DateValue | None = None
    claimed_by: EntityRef | None = None
    unit: str | None = None  # for money, percent and other non-count quantities
    subset_of: str | None = None  # id of the figure this one is a part of
    confidence: float = 0.5
    rule: str = ""
    series: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "figure", "id": self.id, "article": self.article, "value": self.value,
            "low": self.low, "high": self.high, "qualifier": self.qualifier,
            "measure": self.measure, "counted": self.counted, "unit": self.unit,
            "location": _ref(self.location), "as_of": _date(self.as_of),
            "claimed_by": _ref(self.claimed_by), "subset_of": self.subset_of,
            "span": self.span.to_dict(), "sentence": self.sentence.to_dict(),
            "confidence": round(self.confidence, 3), "rule": self.rule, "series": self.series,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    id: str
    article: str
    speaker: EntityRef | None
    speaker_text: str | None
    speaker_span: Span | None
    cue: str | None
    cue_span: Span | None
    content: Span
    direct: bool
    addressee: str | None = None
    date: DateValue | None = None
    embedded: bool = False  # an embedded social-media post or credit, not the outlet's prose
    confidence: float = 0.5
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "quote", "id": self.id, "article": self.article,
            "speaker": _ref(self.speaker), "speaker_text": self.speaker_text,
            "speaker_span": self.speaker_span.to_dict() if self.speaker_span else None,
            "cue": self.cue, "cue_span": self.cue_span.to_dict() if self.cue_span else None,
            "content": self.content.to_dict(), "direct": self.direct,
            "addressee": self.addressee, "date": _date(self.date), "embedded": self.embedded,
            "confidence": round(self.confidence, 3), "rule": self.rule,
        }


@dataclass(frozen=True, slots=True)
class Cluster:
    id: str
    type: str
    date: DateValue | None
    actors: tuple[EntityRef, ...]
    events: tuple[str, ...]
    recipients: tuple[EntityRef, ...] = ()
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "cluster", "id": self.id, "type": self.type, "date": _date(self.date),
            "actors": [a.to_dict() for a in self.actors],
            "recipients": [r.to_dict() for r in self.recipients],
            "events": list(self.events), "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class ExchangeSide:
    """One side of an exchange: who released, who was released (figures and named people), and the
    release clusters that report it."""

    released_by: tuple[EntityRef, ...]
    figures: tuple[dict[str, Any], ...] = ()  # {"id", "value", "counted", "text"}: how many were released
    released: tuple[EntityRef, ...] = ()  # named people released (entity refs; id None when not an entity)
    clusters: tuple[str, ...] = ()
    events: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "released_by": [r.to_dict() for r in self.released_by], "figures": [dict(f) for f in self.figures],
            "released": [r.to_dict() for r in self.released], "clusters": list(self.clusters),
            "events": list(self.events),
        }


@dataclass(frozen=True, slots=True)
class Exchange:
    """A reciprocal release (captives for prisoners) as one story across its reports.

    ``deal`` is the agreement or ceasefire it belongs to when reported (``{"name", "date", "event"}``),
    ``mediators`` the parties thanked or credited for their role, ``why`` the evidence read from the text.
    """

    id: str
    date: DateValue | None
    sides: tuple[ExchangeSide, ...]
    deal: dict[str, Any] | None = None
    location: EntityRef | None = None
    mediators: tuple[EntityRef, ...] = ()
    events: tuple[str, ...] = ()
    articles: tuple[str, ...] = ()
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "exchange", "id": self.id, "deal": self.deal, "date": _date(self.date),
            "location": _ref(self.location), "sides": [s.to_dict() for s in self.sides],
            "mediators": [m.to_dict() for m in self.mediators], "events": list(self.events),
            "articles": list(self.articles), "why": self.why,
        }


@dataclass(frozen=True, slots=True)
class Conflict:
    id: str
    figures: tuple[str, ...]
    relation: str  # contradicts | revises | different_scope
    explanation: str
    series: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": "conflict", "id": self.id, "figures": list(self.figures),
            "relation": self.relation, "explanation": self.explanation, "series": self.series,
        }


@dataclass(slots=True)
class ArticleResult:
    """All records extracted from one article: what the store writes in one transaction."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateValue] = field(default_factory=list)

    def records(self) -> list[Any]:
        return [self.article, *self.entities, *self.events, *self.figures, *self.quotes]

    def to_dicts(self) -> list[dict[str, Any]]:
        return [r.to_dict() for r in self.records()]
