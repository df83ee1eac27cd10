"""Where and when each event happened: a place and a date for every event, saying where each came from.

Place (``location.source``): the place the event's own clause names (the coder's argument rules), else a
place its sentence names after a locative preposition, else the nearest such place earlier in its
paragraph, else the dateline's, else (for material acts only: a statement is made where its speaker is)
the place the article names most often as where things happen.

Date (``date.source``): the date of the event's own clause (``stated``), else a date its sentence gives
(``sentence``), else the nearest one earlier in its paragraph (``paragraph``), else the publication date
with granularity ``reported`` (on or before it). Only dates near the report are borrowed from the
sentence or the paragraph; background history ("historical") and what is pledged or hypothetical borrow
none: history keeps its own date, and a future act is not dated by the report.

A dateline is layout: a party of an event that is only named in the dateline is dropped.
"""
from __future__ import annotations

import dataclasses
import re
from collections import Counter
from datetime import date, timedelta

from ...datafiles import alternation
from ...geo import PlaceMention, place_mentions
from ...geo.words import geo_words
from ...lang import dating_words, phrase_words
from ...records import DateValue, Event, Place, Span
from ..doctext import doc_text
from ..layout import Dateline

_W = phrase_words()  # the word lists of lang/data/phrases.yaml
# prepositions that place any event ("talks in Doha", "met at the Kremlin"), and with them those that place
# an act done to a place or from it ("strikes on Gaza", "freed from Gaza")
GENERAL_PREPS = _W.event_place_preps
MATERIAL_PREPS = _W.event_place_preps | _W.material_place_preps
MATERIAL = frozenset({"ASSAULT", "COERCE", "RETREAT", "MOBILIZE", "AID", "SANCTION", "PROTEST"})
_SPECIFIC = {"landmark": 3, "city": 3, "admin1": 2, "country": 1, None: 0}
# a date borrowed from the sentence or paragraph must fall this close before the publication
BORROW_DAYS = 62
# prepositions that make a date a bound of an act, not its date ("before Saturday", "since 2015")
BOUNDS = _W.event_date_bounds
_ONGOING = dating_words().ongoing_nouns
_STARTS = dating_words().start_verbs
_PARAGRAPH = re.compile(r"\n\s*")
_TENSED = frozenset({"VBD", "VBZ", "VBP", "MD"})
_CONTAINER = re.compile(r"['’]?s?\s+(?:suburbs?|district|neighbou?rhood|outskirts|countryside)\s+of\b", re.I)
# what a report calls a settlement ("city", "town") and a first-level division ("province"): geo/data/words.yaml
_SETTLEMENTS = geo_words().settlement_nouns
_PROVINCES = geo_words().province_nouns
# "in the city", "near the town": a place named before, by what it is
_ANAPHOR = re.compile(r"\b(?:in|at|near|outside|inside|into|around|across|on|of)\s+the\s+"
                      rf"({alternation(_SETTLEMENTS | _PROVINCES)})\b(?!\s+of\b)", re.I)
# what a material act is done to: its object is where it happened ("bombed Douma", "hit Maarat al-Numan")
_OBJECTS = frozenset({"dobj", "nsubjpass", "obj"})
# the subject of a verb: a date inside it dates that noun, not the clause ("an article from March described
# ..."); not an object, where a date the parser hangs on the noun is as often the verb's ("condemned the
# attack on Monday")
_ARGUMENTS = frozenset({"nsubj", "nsubjpass"})
_BESIDE = re.compile(rf"(?:\s*(?:district|{alternation(_SETTLEMENTS)}|area|camp|,|in|of|the))*\s*", re.I)


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Return the (start, end) of each paragraph: runs of text between line breaks."""
    out, start = [], 0
    for m in _PARAGRAPH.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _paragraph_of(paras: list[tuple[int, int]], pos: int) -> tuple[int, int]:
    for start, end in paras:
        if start <= pos < end:
            return start, end
    return (pos, pos)


def place_of(mention: PlaceMention, source: str) -> Place:
    """Return the Place record of a mention."""
    e = mention.entry
    if e is None:
        return Place(mention.entity_id, mention.name, mention.span, source=source)
    return Place(mention.entity_id, mention.name, mention.span, country=e.country, admin1=e.admin1,
                 lat=e.lat, lon=e.lon, feature=e.feature, source=source, gazetteer=e.id)


def _bare_participle(clause) -> bool:
    """Whether an adverbial clause is a bare participle or infinitive with no subject, mark or date of its
    own ("met him on Saturday, welcoming his release"; "overruled his aides last March to order the
    evacuation"): it happens when its main clause does, and so does what its object names."""
    if clause.tag_ == "VB":  # an infinitive of purpose: "to" and nothing else before its verb
        return [c.tag_ for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "mark", "aux")] == ["TO"]
    return clause.tag_ == "VBG" and not any(c.dep_ in ("nsubj", "nsubjpass", "mark", "aux") for c in clause.children)


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value and len(value) == 10 else None
    except ValueError:
        return None


def _end_of(value: DateValue) -> date | None:
    raw = value.end or value.value or value.start
    if not raw:
        return None
    if len(raw) == 4 and raw.isdigit():
        return date(int(raw), 12, 31)
    if len(raw) == 7 and raw[4] == "-":
        y, m = int(raw[:4]), int(raw[5:7])
        return (date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)) if 1 <= m <= 12 else None
    if "-W" in raw:
        try:
            return date.fromisocalendar(int(raw[:4]), int(raw[-2:]), 7)
        except ValueError:
            return None
    return _day(raw[:10])


class Situator:
    """Give the events of one article their place and date."""

    def __init__(self, doc, context, mentions: list[PlaceMention], dateline: Dateline | None) -> None:
        self.text = doc_text(doc)
        self.doc = doc
        self.context = context
        self.mentions = mentions
        self.dateline = dateline
        self.paras = paragraphs(self.text)
        self.published = context.article.published
        self.pub_day = _day(self.published)
        self.dates = sorted((d for d in context.dates if d.span is not None and d.resolved
                             and d.kind not in ("duration", "set")), key=lambda d: d.span.start)
        self.dateline_place: Place | None = None
        if dateline is not None:
            inside = [m for m in mentions if m.span.start == dateline.place.start and m.entry is not None]
            if inside:
                self.dateline_place = place_of(inside[0], "dateline")
            # the dateline's date is the report's, not an event's: "(Jan. 25, 2013) — ... yesterday"
            self.dates = [d for d in self.dates if not self._in_dateline(d.span.start, d.span.end)]
        self.article_place = self._article_place()

    # ---- places ------------------------------------------------------------------------------
    def _in_dateline(self, start: int, end: int) -> bool:
        d = self.dateline
        return d is not None and d.span.start <= start and end <= d.span.end

    def _article_place(self) -> Place | None:
        counts: Counter = Counter()
        first: dict[str, PlaceMention] = {}
        for m in self.mentions:
            if m.entry is None or m.prep not in GENERAL_PREPS or self._in_dateline(m.span.start, m.span.end):
                continue
            counts[m.entry.id] += 1
            first.setdefault(m.entry.id, m)
        if not counts:
            return None
        best = max(counts, key=lambda k: (counts[k], _SPECIFIC.get(first[k].entry.feature, 0),
                                          -first[k].span.start))
        return place_of(first[best], "article")

    def _from_the_act(self, mention: PlaceMention, event: Event) -> bool:
        """Return False when "from X" hangs on a word that is neither the act nor one of its parties
        ("released ... without demands from Israel"): X is where the demands came from, not the release."""
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return True
        root = span.root
        if root.dep_ != "pobj" or root.head.lower_ != "from":
            return True
        head = root.head.head
        at = head.idx
        if event.trigger.start <= at < event.trigger.end or head.pos_ in ("VERB", "AUX"):
            return True
        return any(p.span is not None and p.span.start <= at < p.span.end
                   for p in (*event.actors, *event.recipients) if getattr(p, "span", None) is not None)

    def _paragraph_place(self, event: Event) -> Place | None:
        """Return the last place named after a locative preposition earlier in the event's paragraph."""
        p_start, _p_end = _paragraph_of(self.paras, event.sentence.start)
        before = [m for m in self.mentions if p_start <= m.span.start and m.span.end <= event.sentence.start
                  and m.entry is not None and m.prep in GENERAL_PREPS
                  and not self._in_dateline(m.span.start, m.span.end)]
        return place_of(before[-1], "paragraph") if before else None

    def _container(self, mention: PlaceMention) -> bool:
        """Return True for a place named as what holds another ("the Damascus suburb of Douma")."""
        return _CONTAINER.match(self.text, mention.span.end) is not None

    def _anaphoric_place(self, event: Event) -> Place | None:
        """Return the place a sentence names as "the city", "the town" or "the province" after a locative
        preposition: the last such place named before it ("in the city" after "in Mosul")."""
        sentence = self.text[event.sentence.start:event.sentence.end]
        found = _ANAPHOR.search(sentence)
        if found is None:
            return None
        features = ("admin1",) if found.group(1).lower() in _PROVINCES else ("city",)
        before = [m for m in self.mentions if m.span.end <= event.sentence.start and m.entry is not None
                  and m.entry.feature in features and m.prep is not None]
        return place_of(before[-1], "sentence") if before else None

    def _object_place(self, event: Event, in_sentence: list[PlaceMention]) -> PlaceMention | None:
        """Return the place a material act is done to, named as its object ("bombed Douma"), if any."""
        trig = self.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if trig is None or len(trig) == 0:
            return None
        verb = trig.root
        verbs = {verb.i}
        if verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ == "VERB":
            verbs.add(verb.head.i)  # "bombed Douma, killing nine people": the killing is in Douma
        for m in in_sentence:
            if m.entry is None or m.prep is not None or m.entry.feature == "country":
                continue
            span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            root = span.root
            if root.dep_ in _OBJECTS and root.head.i in verbs:
                return m
        return None

    def _modifier_of_trigger(self, event: Event, in_sentence: list[PlaceMention]) -> PlaceMention | None:
        """Return a town's or region's name written before an event noun as what it is of ("the Benghazi
        attack", "the Boston bombing"): where it happened. A country's says who did it ("a U.S. strike")."""
        trigger = self._trigger_token(event)
        if trigger is None or trigger.pos_ != "NOUN":
            return None
        for m in in_sentence:
            if m.entry is None or m.entry.feature == "country" or not m.span.end <= trigger.idx:
                continue
            span = self.doc.char_span(m.span.start, m.span.end, alignment_mode="expand")
            if span is not None and any(t.dep_ in ("compound", "nmod", "amod") and t.head.i == trigger.i for t in span):
                return m
        return None

    def _subject(self, mention: PlaceMention) -> bool:
        """Return True for a name that is the subject of an active clause: a party, not where anything
        happened (a passive's subject may be: "Douma was bombed")."""
        span = self.doc.char_span(mention.span.start, mention.span.end, alignment_mode="expand")
        return span is not None and len(span) > 0 and span.root.dep_ == "nsubj"

    def _parties_names(self, event: Event) -> set[str]:
        return {r.name.lower() for r in (*event.actors, *event.recipients)}

    def place_for(self, event: Event) -> Place | None:
        sent_start, sent_end = event.sentence.start, event.sentence.end
        parties = self._parties_names(event)
        preps = MATERIAL_PREPS if event.type in MATERIAL else GENERAL_PREPS
        if event.type in ("CONSULT", "AID"):
            preps = preps | {"to"}  # "travelled to Doha for talks", "aid to Gaza"
        in_sentence = [m for m in self.mentions if sent_start <= m.span.start and m.span.end <= sent_end
                       and not self._in_dateline(m.span.start, m.span.end)]
        loc = event.location
        if loc is not None:
            named = [m for m in in_sentence if (loc.id is not None and m.entity_id == loc.id) or m.name == loc.name
                     or m.span.text == loc.name]
            written = [m for m in named if not m.modifier and not self._subject(m)]
            if named and not written:
                # a country's name written as whose a thing is ("killed in a U.S. airstrike") or a subject
                # ("In the strike that killed him, the United States also took out ...") places nothing
                loc = None
        located = [m for m in in_sentence if m.entry is not None and m.prep in preps
                   and m.name.lower() not in parties and m.span.text.lower() not in parties
                   and (m.prep != "from" or self._from_the_act(m, event))]
        named_by = self._modifier_of_trigger(event, in_sentence)
        if named_by is not None:
            return place_of(named_by, "sentence")  # "the Benghazi attack", "the Boston bombing"
        if event.type in MATERIAL:
            target = self._object_place(event, in_sentence)
            if target is not None:
                return place_of(target, "sentence")
        finest = max(located, key=lambda m: (_SPECIFIC.get(m.entry.feature, 0), not self._container(m),
                                             -abs(m.span.start - event.trigger.start)), default=None)
        if loc is not None:
            own = written
            if own:
                best = min(own, key=lambda m: abs(m.span.start - event.trigger.start))
                if best.entry is not None:
                    if finest is not None and finest.entry.country == best.entry.country and (
                            _SPECIFIC.get(finest.entry.feature, 0) > _SPECIFIC.get(best.entry.feature, 0)
                            or self._container(best) and not self._container(finest)):
                        # "raided the city of Jenin in the West Bank": the city; "in the Damascus suburb
                        # of Douma": the suburb
                        best = finest
                    return place_of(best, "sentence")
        if finest is not None:
            return place_of(finest, "sentence")
        if loc is not None:
            named = next((m for m in in_sentence if m.name == loc.name or m.span.text == loc.name), None)
            if named is not None:
                # "in Nad-e Ali district, Helmand province": the region named beside an unknown place
                beside = [m for m in in_sentence if m.entry is not None and 0 <= m.span.start - named.span.end <= 40
                          and _BESIDE.fullmatch(self.text[named.span.end:m.span.start])]
                if beside:
                    return place_of(beside[0], "sentence")
            # named, not in the gazetteer: kept unless a region of the paragraph or the dateline holds it
            # (an unknown district of a press release from "PAKTIKA PROVINCE, Afghanistan")
            unknown = Place(loc.id, loc.name, None, source="sentence")
            if event.factuality == "historical":
                return unknown
            around = self._paragraph_place(event) or self.dateline_place
            return around if around is not None and around.feature in ("admin1", "country") else unknown
        anaphor = self._anaphoric_place(event)
        if anaphor is not None:
            return anaphor
        if event.factuality == "historical":
            return None  # background history keeps its own place, never the report's
        around = self._paragraph_place(event)
        if around is not None:
            return around
        if self.dateline_place is not None:
            return self.dateline_place
        if event.type not in MATERIAL:
            return None  # a statement is made where its speaker is, not where the article's events happen
        return self.article_place

    # ---- dates -------------------------------------------------------------------------------
    def _near_report(self, value: DateValue) -> bool:
        end = _end_of(value)
        if end is None or self.pub_day is None:
            return False
        return self.pub_day - timedelta(days=BORROW_DAYS) <= end <= self.pub_day + timedelta(days=1)

    def _governor(self, value: DateValue):
        """Return (the first verb above a date, the subject of that verb the date is inside of, if any: "an
        article from March described ..."), or (None, None) when it is a bound ("before Saturday's
        vote") or cannot be read off the parse."""
        span = self.doc.char_span(value.span.start, value.span.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            return None, None
        first, tok = span[0], span.root
        if first.i > 0 and self.doc[first.i - 1].lower_ in BOUNDS or tok.dep_ == "poss":
            return None, None
        inside = None
        for _ in range(12):
            if tok.head is tok:
                return (tok if tok.pos_ in ("VERB", "AUX") else None), inside
            if inside is None and tok.dep_ in _ARGUMENTS and tok.pos_ in ("NOUN", "PROPN") and tok.i not in range(
                    span.start, span.end):
                inside = tok
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ != "prep":
                return tok, inside
        return None, None

    def _governs(self, verb, trigger_start: int) -> str | None:
        """Return how the trigger is in the clause of ``verb``: "direct" (the clause's own act, its
        complement or a bare participle of it), "reported" (through what the clause says: "said on Monday
        that ..."), or None when it is not, or inside a relative or adverbial clause of its own below it."""
        trig = self.doc.char_span(trigger_start, trigger_start + 1, alignment_mode="expand")
        if trig is None or len(trig) == 0:
            return None
        tok = trig[0]
        reported = False  # the path passed through what a clause says ("said on Monday that ...")
        for _ in range(12):
            if tok.i == verb.i:
                return "reported" if reported else "direct"
            if tok.dep_ in ("relcl", "acl") or tok.head is tok:
                return None
            if tok.dep_ == "advcl" and (reported or tok.head.i != verb.i or not _bare_participle(tok)):
                # a bare participle on the dated verb itself shares its date ("met him on Saturday,
                # welcoming his release"); one lower down, or under what is said, has its own
                return None
            reported = reported or tok.dep_ == "ccomp"
            tok = tok.head
        return None

    def _untensed_below(self, verb, trigger_start: int) -> bool:
        """Return True when ``verb`` is a gerund ("of making bombs on Sunday") that hangs, through words
        without tense, below the trigger: no relative clause and no verb with a tense or an auxiliary
        between them."""
        trig = self.doc.char_span(trigger_start, trigger_start + 1, alignment_mode="expand")
        if trig is None or len(trig) == 0:
            return False
        target = trig[0]
        if verb.tag_ != "VBG" or verb.dep_ in ("acl", "relcl"):
            return False  # "the agreement signed in May": a participle on a noun has its own date
        tok = verb
        for _ in range(12):
            if tok.i == target.i:
                return tok.i != verb.i
            if tok.dep_ in ("relcl", "ccomp", "conj", "parataxis") or tok.tag_ in _TENSED \
                    or any(c.dep_ in ("aux", "auxpass") for c in tok.children) or tok.head is tok:
                return False
            tok = tok.head
        return False

    def _trigger_token(self, event: Event):
        span = self.doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        return span.root if span is not None and len(span) else None

    def _perfect(self, tok) -> bool:
        """Return True when the trigger's clause is in the perfect ("planes have pounded", "had fled"): a
        time up to the report or before the narrative's, not the day an earlier sentence names."""
        for _ in range(3):
            if tok.pos_ in ("VERB", "AUX"):
                return tok.tag_ == "VBN" and any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
            if tok.head is tok:
                return False
            tok = tok.head
        return False

    def date_for(self, event: Event) -> DateValue | None:
        own = event.date
        if own is not None and own.span is not None and self._in_dateline(own.span.start, own.span.end):
            own = None  # the coder took the dateline's date for the clause's
        if own is not None:
            return dataclasses.replace(own, source="stated")
        if event.factuality in ("future", "hypothetical"):
            return None  # a pledge or a condition is not dated by the report
        trigger = self._trigger_token(event)
        if trigger is not None and trigger.pos_ == "NOUN" and trigger.lemma_.lower() in _ONGOING:
            return None  # "the war on Gaza": a situation that lasts has no day but its own, not the report's
        s_start, s_end = event.sentence.start, event.sentence.end
        historical = event.factuality == "historical"
        # a date of the clause the event is reported in ("On Saturday, Hamas said it had freed ...",
        # "Last December, he overruled his advisers to order the withdrawal"), never one of another clause
        # ("detainees who were arrested after October 7") or a bound. The clause's own date holds however
        # long ago; one of the statement an act is reported in only when near the report, and background
        # history takes only its own clause's
        here = [d for d in self.dates if s_start <= d.span.start and d.span.end <= s_end]
        for d in sorted(here, key=lambda d: abs(d.span.start - event.trigger.start)):
            verb, inside = self._governor(d)
            if inside is not None and (trigger is None or inside.i != trigger.i):
                continue  # "an article from March described the detention": the article's date
            how = self._governs(verb, event.trigger.start) if verb is not None else None
            if how == "direct" or how == "reported" and not historical and self._near_report(d):
                return dataclasses.replace(d, source="sentence")
        if not historical:
            for d in sorted(here, key=lambda d: abs(d.span.start - event.trigger.start)):
                # "arrested two men suspected of making bombs on Sunday": a date the parser hangs on a
                # verb without tense inside the event's own clause dates the event
                verb, inside = self._governor(d)
                if verb is not None and inside is None and self._near_report(d) and self._untensed_below(verb, event.trigger.start):
                    return dataclasses.replace(d, source="sentence")
            # the date of an earlier sentence's main clause in the paragraph, unless this clause is in the
            # perfect ("U.S. planes have pounded targets") or that clause says when something began ("the
            # campaign began Aug. 8"): what follows goes on after the day, not on it
            if trigger is None or not self._perfect(trigger):
                p_start, _ = _paragraph_of(self.paras, s_start)
                before = [d for d in self.dates if p_start <= d.span.start and d.span.end <= s_start
                          and self._near_report(d)]
                for d in reversed(before):
                    verb, inside = self._governor(d)
                    if verb is not None and inside is None and verb.dep_ == "ROOT":
                        if verb.lemma_.lower() in _STARTS:
                            break
                        return dataclasses.replace(d, source="paragraph")
        if self.published is None:
            return None
        return DateValue(value=self.published, granularity="reported", text="", rule="publication",
                         note="on or before the publication date", source="publication")

    # ---- parties -----------------------------------------------------------------------------
    def _named_outside_dateline(self, party, sentence: Span) -> bool:
        """Return False for a party whose only mention in the sentence is the dateline's."""
        if self.dateline is None or not self.dateline.span.start < sentence.end:
            return True
        span = getattr(party, "span", None)
        if span is not None:
            return not self._in_dateline(span.start, span.end)
        d = self.dateline.span
        return party.name in self.text[sentence.start:d.start] + self.text[d.end:sentence.end]

    def situate(self, event: Event) -> Event:
        actors = tuple(a for a in event.actors if self._named_outside_dateline(a, event.sentence))
        recipients = tuple(r for r in event.recipients if self._named_outside_dateline(r, event.sentence))
        return dataclasses.replace(event, actors=actors, recipients=recipients, location=self.place_for(event),
                                   date=self.date_for(event))


def situate_events(events: list[Event], doc, context) -> list[Event]:
    """Return the events with a place and a date each (where any can be had), in the same order."""
    if not events:
        return events
    dateline = context.layout.dateline
    mentions = place_mentions(doc, context, text=doc_text(doc), dateline=dateline)
    situator = Situator(doc, context, mentions, dateline)
    return [situator.situate(e) for e in events]
