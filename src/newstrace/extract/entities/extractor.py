"""Named entities of one article, consistent across the document.

spaCy's small English model types the same name differently from one sentence to the next and misses
repeated mentions. This stage makes one article say one thing about a name:

- every mention of a name gets the name's one type (the knowledge base's when it knows the name, else the
  majority vote of the model, PERSON winning ties since a name typed PERSON once is rarely an ORG);
- a surname alone ("Trufanov") joins the one full name in the article that ends with it, and a nickname in
  parentheses ("Alexander (Sasha) Trufanov") becomes an alias;
- names the model found once are found again wherever they recur in the text;
- a title before a person ("Kremlin spokesperson Dmitry Peskov") or in apposition ("Anatoly Viktorov,
  Russian ambassador") is the person's role, and an organisation or place named in it the affiliation;
- what the model takes for a name but is page debris is dropped: a clock time or a URL inside, words
  joined by a slash (photo credits), a year at either end, a name written without a capital letter, a
  name made only of page words ("JUST WATCHED", "LLC") or of a title ("Col"), an adjective made from a
  name ("anti-Muslim", "Ebola-free");
- two nationality words in a row ("American Indian") are one people, not the last word's country.

Which names mean one thing in every article (``name_scope``): a name the knowledge base knows, a person
named with two words or more, and any other name holding a word that is not a generic word of
``lang/data/word_kinds.yaml`` (``lang.kinds``) or a country word ("Hamas", "Boston Police", "Indonesian Navy": a country word
with a body a country has one of). Their entity id is made of type and name, the same in every article.
A bare one-word person name ("Miller") and a name made only of generic words ("Navy", "Armed Services
Committee", "British Embassy") are kept per article: their id includes the article id, and linking
decides on evidence whether two of them are one thing.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ... import kb
from ...datafiles import alternation
from ...geo.typing import place_votes
from ...ids import entity_id, entity_key
from ...lang import phrase_words
from ...lang.kinds import is_country_word, name_scope
from ...lang.names import HONORIFICS, PERSON_NOUNS
from ...records import Entity, EntityRef, Mention, Span
from ..doctext import doc_text

LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "NORP", "LOC": "LOC", "FAC": "FAC"}
_TYPE_PRIORITY = {"PERSON": 5, "ORG": 4, "GPE": 3, "NORP": 2, "LOC": 1, "FAC": 0}
_PAREN = re.compile(r"\s*\(([^()]{1,40})\)\s*")
# Words before a name that are not part of it: articles and quantifiers ("Another State Department
# deputy"), and the labels of video players written in capitals ("WATCH Boston suspect...").
_LEADING = re.compile(
    r"^(?:(?:the|a|an|another|every|each|some|several|many|these|those)\s+"
    r"|(?-i:(?:JUST|MUST|WATCH|WATCHED|VIDEO|PHOTOS?|SOT|CLOSE|READ|MORE|RELATED)\s+)"
    r"|(?-i:(?:Near|Outside|Inside|Around|Across|Throughout|Towards?|In|At|From)\s+))+",
    re.IGNORECASE,
)
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
# Words after a name that are not part of it ("Kay Hagan of North Carolina" cut after "of").
_TRAILING_WORD = re.compile(r"\s+(?:of|and|the|in|for|at|on)$")
# Page debris the model tags as a name: a clock time ("ISIS 04:11"), a URL or markup, words joined by a
# slash ("Jones/AFP/Getty Images"), a year at either end ("Copyright 2014", "Obama's 2010"), an ordinal
# after a name ("Israel 26th").
_DEBRIS = re.compile(
    r"\b\d{1,2}:\d{2}\b|https?:|www\.|[<>\"=]|[A-Za-z]{2}/|/[A-Za-z]{2}|/\s*$|^\s*/"
    r"|^(?:19|20)\d\d\b|\b(?:19|20)\d\d$|\s\d+(?:st|nd|rd|th)$|\w['’]s\s+\d"
    r"|\w\s+The\s"  # two names run together across a caption's end: "Boston Marathon The Cambridge..."
)
# An adjective made from a name is not a name: "anti-Muslim", "pro-Russian", "Ebola-free", "U.S.-led".
_ADJECTIVE = re.compile(
    r"^(?:[Aa]nti|[Pp]ro|[Nn]on|[Ee]x|[Nn]eo|post|pre|mid|un)-|[\w.]-(?:free|led|backed|based|born|era|style|funded|"
    r"controlled|held|allied|linked|inspired|affiliated|owned|run|made|friendly|related|like|bound|"
    r"sponsored|dominated|occupied|speaking|leaning|bred)\b"
)
# Role words that may stand before or beside a person's name.
_ROLE_DEPS = {"compound", "amod", "nmod", "npadvmod", "poss", "case"}


@dataclass(slots=True)
class _Group:
    """The mentions of one name (before merging surnames into full names)."""

    key: str
    names: Counter = field(default_factory=Counter)
    types: Counter = field(default_factory=Counter)
    spans: list[tuple[int, int]] = field(default_factory=list)
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    role_spans: list[tuple[int, int]] = field(default_factory=list)
    kb_entry: kb.KBEntry | None = None

    @property
    def name(self) -> str:
        # The longest written form is the most complete ("Vladimir Putin" over "Putin").
        return max(self.names, key=lambda n: (len(n.split()), self.names[n], len(n)))

    @property
    def type(self) -> str:
        if self.kb_entry is not None:
            return self.kb_entry.type
        return max(self.types, key=lambda t: (self.types[t], _TYPE_PRIORITY.get(t, 0)))


def _clean_name(text: str) -> tuple[str, list[str]]:
    """Return a mention's name without article, possessive or parenthetical, and the parentheticals."""
    nicknames = [m.group(1).strip() for m in _PAREN.finditer(text)]
    name = _PAREN.sub(" ", text).strip()
    name = _LEADING.sub("", name)
    name = _TRAILING_POSSESSIVE.sub("", name).strip(" ,.;:-–—\"'“”‘’")
    return re.sub(r"\s+", " ", name), nicknames


def _trim_span(doc, start: int, end: int) -> tuple[int, int]:
    """Return char offsets without a leading article or a trailing possessive."""
    text = doc_text(doc)[start:end]
    lead = _LEADING.match(text)
    if lead:
        start += lead.end()
    text = doc_text(doc)[start:end]
    trail = _TRAILING_WORD.search(text)
    if trail and trail.start() > 0:
        end -= trail.end() - trail.start()
        text = doc_text(doc)[start:end]
    trail = _TRAILING_POSSESSIVE.search(text)
    if trail and end - start > trail.end() - trail.start():
        end -= trail.end() - trail.start()
    return start, end


def _role_of(ent) -> tuple[str, tuple[int, int]] | None:
    """Return the title or role written beside a person mention, with its char offsets."""
    doc = ent.doc
    root = ent.root
    sent = ent.sent
    # Title before the name inside the same noun phrase: "Kremlin spokesperson Dmitry Peskov".
    left = [t for t in root.lefts if t.i < ent.start and t.dep_ in _ROLE_DEPS and t.ent_type_ != "PERSON"]
    if left:
        first = max(min(t.left_edge.i for t in left), sent.start)
        while first < ent.start and "\n" in doc[first:ent.start].text:
            first += 1
        tokens = [t for t in doc[first:ent.start] if not t.is_punct or t.text in "-’'"]
        if tokens and any(t.pos_ in ("NOUN", "PROPN") for t in tokens):
            start, end = doc[first].idx, doc[ent.start - 1].idx + len(doc[ent.start - 1])
            while start < end and doc_text(doc)[start] in "('\"“‘":
                start += 1
            role = doc_text(doc)[start:end].strip(" ,")
            if role and not role.lower().startswith(("the ", "a ", "an ")) and len(role) <= 80:
                return role, (start, start + len(role))
    # Apposition: "Anatoly Viktorov, Russian ambassador" / "the ambassador, Anatoly Viktorov".
    candidates = [t for t in root.children if t.dep_ == "appos" and t.ent_type_ != "PERSON"]
    if root.dep_ == "appos" and root.head.ent_type_ != "PERSON" and root.head.pos_ in ("NOUN", "PROPN"):
        candidates.append(root.head)
    for head in candidates:
        if head.pos_ not in ("NOUN", "PROPN"):
            continue
        sub = [t for t in head.subtree if not (ent.start <= t.i < ent.end)]
        sub = [t for t in sub if t.i < ent.start] if head.i < ent.start else [t for t in sub if t.i >= ent.end]
        while sub and (sub[0].is_punct or sub[0].pos_ == "DET"):
            sub = sub[1:]
        while sub and sub[-1].is_punct:
            sub = sub[:-1]
        if sub and len(sub) <= 12 and all(sent.start <= t.i < sent.end for t in sub) \
                and "\n" not in doc[sub[0].i:sub[-1].i + 1].text:
            start, end = sub[0].idx, sub[-1].idx + len(sub[-1])
            return doc_text(doc)[start:end], (start, end)
    return None


_NICKNAME_NAME = re.compile(r"\b([A-Z][\w'’-]+) \(([A-Z][\w'’-]+)\) ([A-Z][\w'’-]+)\b")


def _candidate_ents(doc):
    """Return the model's entities, with "First (Nick) Last" names taken whole as one PERSON, and two
    nationality words in a row ("American Indian") taken whole as one NORP."""
    # spaCy takes 2-3 s to import: importing the pipeline module must not (CLI start-up)
    from spacy.tokens import Span as DocSpan
    from spacy.util import filter_spans

    extra = []
    for match in _NICKNAME_NAME.finditer(doc_text(doc)):
        span = doc.char_span(match.start(), match.end(), label="PERSON")
        if span is not None:
            extra.append(span)
    ents = list(doc.ents)
    for ent in ents:
        # The model often tags only the last word of "American Indian": the people named is the
        # compound, not the country of its last word.
        if ent.label_ != "NORP" or ent.start == 0:
            continue
        prev = doc[ent.start - 1]
        if prev.whitespace_ != " " or not prev.text[:1].isupper() or not is_country_word(prev.text):
            continue
        extra.append(DocSpan(doc, ent.start - 1, ent.end, label="NORP"))
    if not extra:
        return ents
    return sorted(filter_spans(extra + ents), key=lambda e: e.start)


def _person_context(ent) -> bool:
    """Return True when the parse puts a person noun or a person's name in apposition or coordination."""
    root = ent.root
    neighbours = [root.head] if root.dep_ in ("appos", "conj") else []
    neighbours += [t for t in root.children if t.dep_ in ("appos", "conj")]
    for t in neighbours:
        if t.ent_type_ == "PERSON" or t.lemma_.lower() in PERSON_NOUNS:
            return True
    return False


def _place_context(ent) -> bool:
    """Return True when a one-word name is the object of a locative preposition ("in Raqqah") and
    nothing around it says person (the small model types some towns PERSON)."""
    root = ent.root
    prep = root.head
    words = phrase_words()
    if root.dep_ != "pobj" or prep.lower_ not in words.name_place_preps or _person_context(ent):
        return False
    # "in" and "into" also take what one believes in or looks into ("confidence in Obama"): only
    # where they give a verb its place; the others are places whatever they hang on
    return prep.lower_ not in words.name_place_verb_preps or prep.head.pos_ in ("VERB", "AUX")


def extract_entities(doc, *, context) -> list[Entity]:
    """Return the entities of ``doc``, one per thing named, with every mention; fills the mention index."""
    groups: dict[str, _Group] = {}
    for ent in _candidate_ents(doc):
        label = LABELS.get(ent.label_)
        if label is None:
            continue
        start, end = _trim_span(doc, ent.start_char, ent.end_char)
        name, nicknames = _clean_name(doc_text(doc)[start:end])
        key = entity_key(name)
        if len(key) < 2 or not any(c.isalpha() for c in key) or is_debris(doc_text(doc)[start:end], name):
            continue
        group = groups.setdefault(key, _Group(key))
        group.names[name] += 1
        group.types[label] += 1
        if label != "PERSON" and len(ent) == 1 and _person_context(ent):
            group.types["PERSON"] += 2
        if label == "PERSON" and sum(t.dep_ != "prep" for t in ent) == 1 and _place_context(ent):
            group.types["GPE"] += 2
        group.types["GPE"] += place_votes(ent, name, doc_text(doc))  # a known place used as one (geo/typing.py)
        group.spans.append((start, end))
        group.aliases.update(nicknames)
        if nicknames:
            group.aliases.add(doc_text(doc)[start:end])
        if label == "PERSON":
            role = _role_of(ent)
            if role:
                group.roles.append(role[0])
                group.role_spans.append(role[1])

    for group in groups.values():
        group.kb_entry = kb.lookup(group.name, group.type)

    _find_repeats(doc, groups)
    merged = _merge_surnames(groups)
    entities, index = _build(doc, context, merged)
    context.mention_index = index
    return entities


def _find_repeats(doc, groups: dict[str, _Group]) -> None:
    """Add mentions of known names that the model missed where they recur in the text."""
    names = {n for g in groups.values() for n in g.names if len(n) >= 3}
    nicks = {a: g.key for g in groups.values() for a in g.aliases if len(a) >= 3 and "(" not in a}
    if not names and not nicks:
        return
    covered = sorted(s for g in groups.values() for s in g.spans)
    by_name = {n: g for g in groups.values() for n in g.names}
    pattern = re.compile(rf"(?<![\w-])(?:{alternation(names | set(nicks))})(?![\w-])")
    for match in pattern.finditer(doc_text(doc)):
        start, end = match.span()
        if any(s < end and start < e for s, e in covered):
            continue
        if doc.char_span(start, end) is None:
            continue
        text = match.group(0)
        group = by_name.get(text) or groups[nicks[text]]
        group.spans.append((start, end))


def _merge_surnames(groups: dict[str, _Group]) -> list[_Group]:
    """Fold single-word person names into the one full name of the article they belong to."""
    people = [g for g in groups.values() if g.type == "PERSON" and len(g.key.split()) >= 2]
    by_last: dict[str, list[_Group]] = defaultdict(list)
    by_first: dict[str, list[_Group]] = defaultdict(list)
    for g in people:
        parts = g.key.split()
        if len(parts[0]) > 1:
            by_last[parts[-1]].append(g)
        by_first[parts[0]].append(g)
        for alias in g.aliases:
            by_first[entity_key(alias)].append(g)
    out = []
    for g in groups.values():
        parts = g.key.split()
        target = None
        if len(parts) == 1 and g.kb_entry is None:
            last = by_last.get(parts[0], [])
            if len(last) == 1:
                target = last[0]  # "Trufanov" -> "Alexander Trufanov"
            elif not last:
                # A first name or nickname alone joins the one full name that starts with it or
                # gives it in parentheses ("Sasha", "Sapir").
                first = {id(x): x for x in by_first.get(parts[0], [])}
                if len(first) == 1:
                    target = next(iter(first.values()))
        elif len(parts) == 2 and len(parts[0]) == 1 and g.type == "PERSON":
            last = [x for x in by_last.get(parts[1], []) if x.key.split()[0].startswith(parts[0])]
            if len(last) == 1:
                target = last[0]  # "A. Trufanov"
        if target is not None and target is not g:
            target.spans.extend(g.spans)
            target.aliases.update(g.names)
            target.roles.extend(g.roles)
            target.role_spans.extend(g.role_spans)
            continue
        out.append(g)
    return out


def _build(doc, context, groups: list[_Group]) -> tuple[list[Entity], dict[tuple[int, int], Entity]]:
    article_id = context.article.id
    entities: list[Entity] = []
    index: dict[tuple[int, int], Entity] = {}
    name_to_ref: dict[str, EntityRef] = {}
    prepared = []
    for g in groups:
        entry = g.kb_entry
        etype = g.type
        name = entry.canonical if entry else g.name
        # A name that means one thing everywhere has one id in every article; any other is the article's.
        scope = None if name_scope(etype, name, known=entry is not None) == "global" else article_id
        eid = entity_id(etype, name, scope)
        name_to_ref[g.key] = EntityRef(eid, name)
        prepared.append((g, entry, etype, name, eid))
    spans_by_key = [(s, g.key) for g in groups for s in g.spans]
    for g, entry, etype, name, eid in prepared:
        role = Counter(g.roles).most_common(1)[0][0] if g.roles else (entry.role if entry else None)
        affiliation = None
        for rs, re_ in g.role_spans:
            hits = [(e - s, k) for (s, e), k in spans_by_key if rs <= s and e <= re_ and k != g.key]
            if hits:
                affiliation = name_to_ref[max(hits)[1]]  # the longest name: the ministry, not "Russian"
                break
        if affiliation is None and entry is not None and entry.affiliation:
            affiliation = EntityRef(entity_id("GPE", entry.affiliation), entry.affiliation)
        actor_code = entry.actor_code if entry else None
        if actor_code is None and role:
            actor_code = kb.actor_code_for(role)
        if actor_code is None:
            actor_code = kb.actor_code_for(name)
        aliases = set(g.names) | g.aliases
        if entry:
            aliases |= {a for a in entry.aliases if a in doc_text(doc)}
        aliases.discard(name)
        mentions = tuple(
            Mention(article_id, Span.of(doc_text(doc), s, e)) for s, e in sorted(set(g.spans))
        )
        entity = Entity(
            id=eid, type=etype, name=name, aliases=tuple(sorted(aliases)), role=role,
            affiliation=affiliation, actor_code=actor_code, mentions=mentions,
            rule="kb" if entry else "ner+document-consistency",
        )
        entities.append(entity)
        for m in mentions:
            index[(m.span.start, m.span.end)] = entity
    # Two names may fold to one canonical id (a KB alias and the full name): keep one record.
    merged: dict[str, Entity] = {}
    for e in entities:
        if e.id in merged:
            prev = merged[e.id]
            e = Entity(
                id=e.id, type=e.type, name=e.name,
                aliases=tuple(sorted(set(prev.aliases) | set(e.aliases))), role=prev.role or e.role,
                affiliation=prev.affiliation or e.affiliation, actor_code=prev.actor_code or e.actor_code,
                mentions=tuple(sorted(set(prev.mentions) | set(e.mentions), key=lambda m: m.span.start)),
                rule=prev.rule,
            )
        merged[e.id] = e
    index = {k: merged[v.id] for k, v in index.items()}
    return list(merged.values()), index


# -- which names mean the same thing in every article ------------------------------------------------

def is_debris(text: str, name: str) -> bool:
    """Return True when a mention the model tagged is page debris rather than a name (see the module
    doc): ``text`` as written, ``name`` as cleaned."""
    if _DEBRIS.search(text) or _ADJECTIVE.search(name) or not any(c.isupper() for c in name):
        return True
    words = entity_key(name).split()
    if words and all(w in HONORIFICS for w in words):
        return True  # a title alone ("Col", "Gen"): the name came after it
    return name_scope("ORG", name) == "debris"
