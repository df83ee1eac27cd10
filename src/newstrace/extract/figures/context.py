"""What a number counts and who claims it: read from the parse around the number.

Each function takes the spaCy tokens of one number and returns one field of a Figure: the counted
noun phrase, the measure (from the governing verb or noun, via ``figures.yaml``), the
attribution (claimed_by), the location and the as-of date.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ...ids import entity_id
from ...lang import phrase_words
from ...records import DateValue, EntityRef
from ...timeframe import parse_point
from ..doctext import entity_of
from .lexicon import figure_words

_NOUNS = ("NOUN", "PROPN")
_W = phrase_words()  # the word lists of lang/data/phrases.yaml
_PLACE_TYPES = ("GPE", "LOC")
_ENTITY_TYPES = ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


@dataclass(frozen=True, slots=True)
class Counted:
    """The counted noun phrase as written, its head token index (or None) and its char span."""

    text: str
    head: int | None
    start: int | None = None
    end: int | None = None


def counted_phrase(doc, anchor) -> Counted:
    """Return the noun phrase a count number quantifies ("369 Palestinian detainees" -> that phrase)."""
    nxt = doc[anchor.i + 1] if anchor.i + 1 < len(doc) else None
    if nxt is None or nxt.is_sent_start:
        return Counted("", None)
    # "29 of the freed prisoners", "dozens of people", "one of the best screens"
    if nxt.lower_ == "of":
        obj = next((c for c in nxt.children if c.dep_ == "pobj"), None)
        if obj is None:
            obj = next((t for t in doc[nxt.i + 1:nxt.i + 6] if t.pos_ in _NOUNS), None)
        if obj is not None and obj.pos_ in _NOUNS + ("PRON",):
            first = nxt.i + 1
            while first < obj.i and doc[first].pos_ in ("DET", "PRON") and doc[first].dep_ in ("det", "poss"):
                first += 1
            if obj.pos_ == "PRON":
                return Counted("", None)
            return _phrase(doc, first, obj.i)
    head = anchor.head
    if anchor.dep_ in ("nummod", "quantmod", "amod", "compound", "nmod") and head.i > anchor.i and head.pos_ in _NOUNS:
        between = doc[anchor.i + 1:head.i]
        if head.i - anchor.i <= 6 and all(_modifier_between(t, head) for t in between) and not _relative_time(head, between):
            return _phrase(doc, anchor.i + 1, head.i)
    # the parse missed it: a run of modifiers ending in a noun right after the number
    i = anchor.i + 1
    last_noun = None
    while i < len(doc) and i - anchor.i <= 5:
        t = doc[i]
        if t.ent_type_ in ("DATE", "TIME") and t.lower_ in _W.relative_date_words:
            break
        if t.pos_ == "NOUN" or (t.pos_ == "PROPN" and t.tag_ == "NNPS"):
            last_noun = i
            if i + 1 < len(doc) and doc[i + 1].pos_ in _NOUNS:
                i += 1
                continue
            break
        if t.pos_ in ("ADJ", "PROPN") or (t.text == "-" and last_noun is None):
            i += 1
            continue
        break
    if last_noun is not None:
        return _phrase(doc, anchor.i + 1, last_noun)
    return Counted("", None)


def _modifier_between(token, head) -> bool:
    """True if ``token`` can sit between a number and its noun: "recorded songs", "rushing yards".

    A gerund followed by more words takes an object ("36 serving life sentences"): the number then
    counts people, not sentences.
    """
    if token.text == "-":
        return True
    if token.pos_ == "VERB":
        return token.tag_ == "VBN" or (token.tag_ == "VBG" and token.i + 1 == head.i)
    return token.pos_ not in ("AUX", "ADP", "PUNCT", "SCONJ", "PRON")  # "Ford and Toyota trucks" keeps its "and"


def _relative_time(head, between) -> bool:
    """True for "2.1 last year": a time noun anchored by last/next/this is a date, not what is counted."""
    return head.ent_type_ in ("DATE", "TIME") and any(
        t.lower_ in _W.relative_date_words or t.lower_ == "the" for t in between)


def _phrase(doc, first: int, head: int) -> Counted:
    while first < head and (doc[first].is_punct or doc[first].lower_ in ("of", "the")):
        first += 1
    span = doc[first:head + 1]
    return Counted(span.text, head, span.start_char, span.end_char)


def _lemma(token) -> str:
    return token.lemma_.lower()


def _predicate_measure(token) -> str | None:
    words = figure_words()
    for key in (_lemma(token), token.lower_):
        if key in words.measure_predicates:
            return words.measure_predicates[key]
    return None


def _tally_measure(tally) -> tuple[str, str] | None:
    """Return the measure a tally phrase names ("death toll", "number of people killed"), or None."""
    words = figure_words()
    if _lemma(tally) == "toll" and not any(c.dep_ in ("compound", "amod") for c in tally.children):
        return words.measure_nouns.get("toll"), tally.text
    for tok in tally.subtree:
        if tok.i == tally.i:
            continue
        if tok.dep_ in ("acl", "relcl", "amod"):
            found = _predicate_measure(tok)
            if found:
                return found, tok.text
        if tok.dep_ in ("compound", "amod", "pobj"):
            for key in (_lemma(tok), tok.lower_):
                if key in words.measure_nouns:
                    return words.measure_nouns[key], tok.text
    return None


def measure_of(doc, anchor, counted: Counted) -> tuple[str, str]:
    """Return (measure, the word that decided it) for a count, or ("other", "") when nothing says."""
    words = figure_words()
    focus = doc[counted.head] if counted.head is not None else anchor
    # 1. a modifier of the number or of the counted noun: "14,000 still missing", "freed prisoners"
    for node in (anchor, focus):
        for child in node.children:
            if child.dep_ in ("acl", "relcl", "acomp", "amod", "advcl") and child.i != anchor.i:
                found = _predicate_measure(child)
                if found:
                    return found, child.text
    # 1b. "put the toll at 50,021", "raised the number of dead to 40": a tally set at the number
    if anchor.dep_ == "pobj" and anchor.head.lower_ in ("at", "to") and anchor.head.head.pos_ == "VERB":
        for tally in (c for c in anchor.head.head.children
                      if c.dep_ in ("nsubj", "nsubjpass", "dobj") and _lemma(c) in _W.tally_nouns):
            found = _tally_measure(tally)
            if found:
                return found
    # 2. the governing predicate: walk up to the first verb or adjective, from the number or its noun,
    # whichever is higher ("1,400 of his people": the number; "369 detainees": the noun)
    node = anchor if _is_ancestor(anchor, focus) else focus
    for _ in range(4):
        if node.dep_ == "ROOT" or node.head is node:
            break
        if node.dep_ == "pobj" and node.head.lower_ not in _W.qualifying_preps:
            break  # "photos of the two men", "during two gun fights": the verb's object is another noun
        if node.dep_ == "nsubj" and any(c.dep_ == "dobj" for c in node.head.children):
            break  # "two explosions wounded dozens": the subject of an active verb is the agent
        node = node.head
        if node.pos_ in ("VERB", "ADJ", "AUX"):
            found = _predicate_measure(node)
            if found:
                return found, node.text
            if _lemma(node) in _W.membership_verbs:
                # "the released group included 36 detainees": the group's modifier says what they are
                subjects = [c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")]
                for mod in (m for subj in subjects for m in subj.children):
                    if mod.dep_ in ("amod", "acl", "relcl", "compound"):
                        found = _predicate_measure(mod)
                        if found:
                            return found, mod.text
            # "the number of people killed has risen to 35", "put the toll at 50,021": the verb's
            # subject or object is a tally, and what it tallies says the measure
            for tally in (c for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")
                          and _lemma(c) in _W.tally_nouns and c.i < anchor.i):
                found = _tally_measure(tally)
                if found:
                    return found
            # "24 believed to be alive": look into the verb's complement chain
            frontier = [node]
            for _depth in range(3):
                frontier = [c for n in frontier for c in n.children
                            if c.dep_ in ("acomp", "xcomp", "oprd", "attr", "ccomp") and c.i > node.i]
                for sub in frontier:
                    found = _predicate_measure(sub)
                    if found:
                        return found, sub.text
            break
    # 3. the counted noun itself: "59 captives", "4,000 detainees"
    if counted.head is not None:
        head = doc[counted.head]
        for key in (_lemma(head), head.lower_):
            if key in words.measure_nouns:
                return words.measure_nouns[key], head.text
    return "other", ""


def _is_ancestor(node, other) -> bool:
    """True if ``node`` is ``other`` or one of its heads."""
    for _ in range(8):
        if other.i == node.i:
            return True
        if other.head is other:
            return False
        other = other.head
    return False


def entity_ref_for(context, doc, start: int, end: int, text: str) -> EntityRef:
    """Return a ref to the entity named at [start, end), or a ref by name when no entity record fits."""
    ent = context.entity_at(start, end)
    if ent is not None:
        return ent.ref()
    if not context.mention_index:
        # no entity stage ran: name the tagger's entity by the id the entity stage would give it
        span = doc.char_span(start, end, alignment_mode="expand")
        for e in span.ents if span is not None else ():
            if e.label_ in _ENTITY_TYPES and e.end_char - e.start_char >= (end - start) * 0.6:
                return EntityRef(entity_id(e.label_, e.text), e.text)
    return EntityRef(None, text)


def _source_ref(context, doc, phrase) -> EntityRef:
    """Return who owns an attribution phrase: "Israeli estimates" -> Israel, "the ministry" -> it."""
    words = figure_words()
    root = phrase.root
    if _lemma(root) in words.document_nouns:
        # "a list provided by X", "figures from X", "data of X"
        for t in phrase:
            attached = t.head.i == root.i or (t.dep_ == "agent" and t.head.head.i == root.i)
            if t.dep_ in ("agent", "prep") and t.lower_ in words.owner_markers and attached:
                obj = next((c for c in t.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    sub = doc[obj.left_edge.i:obj.right_edge.i + 1]
                    return entity_ref_for(context, doc, sub.start_char, sub.end_char, _trim(sub.text))
        # "Israeli estimates": the owner is the modifier that names an entity
        for child in root.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod") and child.ent_type_:
                ent_span = entity_of(child)
                if ent_span is not None:
                    return entity_ref_for(context, doc, ent_span.start_char, ent_span.end_char, ent_span.text)
    start, end = root.idx, root.idx + len(root.text)
    ent_span = entity_of(root)
    if ent_span is not None and ent_span.label_ in _ENTITY_TYPES:
        return entity_ref_for(context, doc, ent_span.start_char, ent_span.end_char, ent_span.text)
    ent = context.entity_at(start, end)
    if ent is not None:
        return ent.ref()
    return EntityRef(None, _trim(phrase.text))


def _trim(text: str) -> str:
    return re.sub(r"^(?:the|a|an)\s+", "", text.strip(" ,.;:"), flags=re.I) if text else text


def claimed_by(context, doc, sent, anchor, previous=None) -> tuple[EntityRef, str]:
    """Return (who claims a number, the rule): a quote's speaker, a source phrase, a reporting verb, or the outlet."""
    pos = anchor.idx
    own = _source_phrase(context, doc, sent, pos)
    if own is not None and own[0].id is not None:
        return own
    for quote in context.quotes:
        if getattr(quote, "embedded", False):
            continue
        if quote.content.start <= pos < quote.content.end and (quote.speaker or quote.speaker_text):
            speaker = quote.speaker or EntityRef(None, quote.speaker_text)
            if speaker.id is None and own is not None:
                return own  # "a list provided by X": our reading names the owner of the document
            return speaker, "quote"
    if own is not None:
        return own
    return _reporting_verb(context, doc, sent, anchor, previous)


def _source_phrase(context, doc, sent, pos: int) -> tuple[EntityRef, str] | None:
    """Return the owner of an "according to X" / "based on figures from X" in the sentence, or None."""
    words = figure_words()
    lowered = sent.text.lower()
    for phrase in words.source_phrases:
        for found in re.finditer(rf"\b{re.escape(phrase)}\b", lowered):
            last_char = sent.start_char + found.end() - 1
            span = doc.char_span(sent.start_char + found.start(), last_char + 1, alignment_mode="expand")
            if span is None or span.end >= sent.end:
                continue
            source = _phrase_after(doc, span[-1], sent)
            if source is not None and not (source.start_char <= pos < source.end_char):
                return _source_ref(context, doc, source), f"source:{phrase}"
    return None


def _reporting_verb(context, doc, sent, anchor, previous=None) -> tuple[EntityRef, str]:
    """Return the subject of a reporting verb that governs the number, else the outlet."""
    words = figure_words()
    # "X said/reported (that) ... N ...": a reporting verb above the number
    node = anchor
    first_verb = True
    for _ in range(8):
        if node.head is node:
            break
        node = node.head
        if node.pos_ not in ("VERB", "AUX"):
            continue
        own_verb, first_verb = first_verb, False
        lemma = _lemma(node)
        if any(c.dep_ == "prep" and c.lower_ == "at" for c in node.children) \
                and f"{lemma}_at" in words.direct_reporting_verbs:
            lemma = f"{lemma}_at"  # "the ministry put the toll at 50,021"
        direct = lemma in words.direct_reporting_verbs
        if (lemma in words.reporting_verbs or direct) and (not own_verb or direct):
            subj = next((c for c in node.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and not (subj.left_edge.i <= anchor.i <= subj.right_edge.i):
                speaker = _speaker_of_cue(context, node)
                if speaker is not None:
                    return speaker, "reporting_verb"
                phrase = doc[subj.left_edge.i:subj.right_edge.i + 1]
                if subj.pos_ == "PRON":
                    return EntityRef(None, subj.text), "reporting_verb"
                return _source_ref(context, doc, phrase), "reporting_verb"
    # "..., the ministry said." parsed with the number in the main clause
    for tok in sent:
        if tok.dep_ in ("parataxis", "ccomp", "advcl") and _lemma(tok) in words.reporting_verbs and tok.i > anchor.i:
            subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if subj is not None and subj.pos_ != "PRON":
                return _source_ref(context, doc, doc[subj.left_edge.i:subj.right_edge.i + 1]), "reporting_verb"
    if previous is not None:
        carried = _paragraph_claim(context, doc, previous, sent)
        if carried is not None:
            return carried
    source = getattr(context.article, "source", "") or "the outlet"
    return EntityRef(None, source), "outlet"


def _paragraph_claim(context, doc, previous, sent) -> tuple[EntityRef, str] | None:
    """Return who speaks in the sentence before, in the same paragraph, if it opens with "X said that ...".

    "The ministry said that ... . In May, four more were freed": the second sentence goes
    on with what the ministry said.
    """
    previous_text = previous.text
    tail_start = previous.start_char + len(previous_text.rstrip())
    if "\n" in previous_text[tail_start - previous.start_char:] or previous.end != sent.start:
        return None  # a new paragraph
    words = figure_words()
    # the tagger may glue a headline to the sentence: read only its last paragraph
    para_start = previous.start_char + previous_text.rstrip().rfind("\n") + 1
    for tok in previous:
        if tok.idx < para_start or _lemma(tok) not in words.reporting_verbs:
            continue
        if not any(c.dep_ == "ccomp" for c in tok.children):
            continue
        subj = next((c for c in tok.children if c.dep_ == "nsubj"), None)
        if subj is None or subj.pos_ == "PRON" or subj.idx < para_start:
            continue
        speaker = _speaker_of_cue(context, tok)
        if speaker is not None:
            return speaker, "paragraph:reporting_verb"
        return _source_ref(context, doc, doc[subj.left_edge.i:subj.right_edge.i + 1]), "paragraph:reporting_verb"
    return None


def _speaker_of_cue(context, cue) -> EntityRef | None:
    """Return the speaker the quotes stage resolved for the quote cued by ``cue``, if it resolved one."""
    for quote in context.quotes:
        if quote.cue_span is not None and quote.cue_span.start == cue.idx and quote.speaker is not None:
            return quote.speaker
    return None


def _phrase_after(doc, last, sent):
    """Return the noun phrase introduced by a source phrase ending at token ``last``, or None."""
    obj = next((c for c in last.children if c.dep_ in ("pobj", "dobj")), None)
    if obj is not None:
        return doc[obj.left_edge.i:obj.right_edge.i + 1]
    i = last.i + 1
    start = i
    while i < sent.end and not doc[i].is_punct and doc[i].pos_ not in ("VERB", "AUX"):
        i += 1
    if i > start:
        return doc[start:i]
    return None


def location_of(context, doc, anchor, counted: Counted, sent) -> EntityRef | None:
    """Return the place a number is about: a GPE/LOC after "in/from/at" that hangs off its clause."""
    chain = {anchor.i}
    node = anchor
    for _ in range(6):
        if node.head is node:
            break
        node = node.head
        chain.add(node.i)
        if node.pos_ in ("VERB", "AUX"):
            # the figure's own clause: "in Gaza" of another clause is not where it was counted; the
            # clause's subject and object count ("floods in Kerala displaced 3,000 families")
            chain.update(c.i for c in node.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))
            break
    if counted.head is not None:
        chain.add(counted.head)
        for child in doc[counted.head].children:
            if child.dep_ in ("acl", "relcl"):
                chain.add(child.i)
    for tok in sent:
        if tok.dep_ != "prep" or tok.lower_ not in _W.figure_place_preps or tok.head.i not in chain:
            continue
        obj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if obj is None:
            continue
        for t in doc[obj.left_edge.i:obj.right_edge.i + 1]:
            ent = context.entity_at(t.idx, t.idx + len(t.text))
            if ent is not None and ent.type in _PLACE_TYPES:
                return ent.ref()
            if t.ent_type_ in _PLACE_TYPES and not context.mention_index:
                e = entity_of(t)
                return EntityRef(entity_id(e.label_, e.text), e.text)
    return None


def as_of_date(context, doc, anchor, counted: Counted, sent) -> tuple[DateValue | None, str]:
    """Return (the date a number holds for, the rule): a date hanging off its clause, else the publication date."""
    chain = {anchor.i}
    node = anchor
    verb = None
    for _ in range(6):
        if node.head is node:
            break
        node = node.head
        chain.add(node.i)
        if node.pos_ in ("VERB", "AUX") and verb is None:
            verb = node
            break
    if verb is not None and verb.dep_ == "ccomp" and _lemma(verb.head) in figure_words().reporting_verbs:
        chain.add(verb.head.i)  # "on Wednesday the ministry said 12 were killed": the report's date
    if counted.head is not None:
        chain.add(counted.head)
    for date in context.dates_in(sent.start_char, sent.end_char):
        if not date.resolved or date.span is None:
            continue
        span = doc.char_span(date.span.start, date.span.end, alignment_mode="expand")
        if span is None:
            continue
        opener = doc[span.start - 1] if span.start > sent.start else None
        if span[0].lower_ in _W.figure_date_openers or (opener is not None and opener.lower_ in _W.figure_date_openers):
            continue  # "since March 18": when the count started, not when it held
        # "as of Monday", "on Wednesday": climb from the date through its prepositions to what it modifies
        attach = span.root.head
        for _ in range(3):
            if attach.pos_ in ("VERB", "AUX", "NOUN") and attach.dep_ not in ("prep", "pcomp"):
                break
            attach = attach.head
        if attach.i in chain or span.root.i in chain:
            return date, "date_in_clause"
    published = getattr(context.article, "published", None)
    if published:
        return DateValue(value=published, granularity=parse_point(published).granularity, text=published, rule="publication",
                         note="no date governs the figure in its sentence: the article's publication date"), "publication"
    return None, ""
