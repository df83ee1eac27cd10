"""Attributions read from the dependency parse: who (subject) says (cue) what (the clause governed).

Each function here turns one syntactic pattern into ``Attribution`` candidates with character spans:
a reporting verb and its clausal complement ("X said that ..."), a reporting verb set into the clause it
reports ("..., X said", "The plan, she said, ..."), "according to X", and statement nouns ("the
ministry's statement read ...", "issued a statement expressing ..."). Direct quotations and speakers
are settled afterwards in ``quotes.py``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from ...datafiles import data_path, load_yaml
from ...errors import LexiconError
from ...lang import phrase_words
from ...lang.pronouns import PERSON_OBJECT_PRONOUNS, RELATIVE_PRONOUNS
from ..doctext import tokens_tagged

SUBJECT_DEPS = ("nsubj", "csubj")
_EDGE_PUNCT = " \t\n,;:.—–-"
_MARKS = "\"“”‘’«»„"


@dataclass(frozen=True)
class CueLexicon:
    speech_verbs: frozenset[str]
    stance_verbs: frozenset[str]
    cognition_verbs: frozenset[str]
    xcomp_verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    source_nouns: frozenset[str]
    object_verbs: frozenset[str]
    prepositional_cues: frozenset[str]
    proposition_nouns: frozenset[str]
    light_verbs: frozenset[str]
    passive_verbs: frozenset[str]

    def is_cue_verb(self, lemma: str) -> bool:
        return (lemma in self.speech_verbs or lemma in self.cognition_verbs or lemma in self.stance_verbs
                or lemma in self.object_verbs or lemma in self.xcomp_verbs)

    @functools.cached_property
    def prepositional_verbs(self) -> frozenset[str]:
        return frozenset(cue.split()[0] for cue in self.prepositional_cues)

    def rank(self, lemma: str) -> int:
        """Return 0 for a verb of speech, 1 for one of belief, 2 for a speech act: the order in which a
        quotation prefers them as its cue."""
        if lemma in self.speech_verbs:
            return 0
        return 1 if lemma in self.cognition_verbs else 2


@functools.lru_cache(maxsize=1)
def cue_lexicon() -> CueLexicon:
    """Return the cue lexicon from lang/data/quote_cues.yaml, loaded once."""
    raw = load_yaml("quote_cues.yaml")
    path = data_path("quote_cues.yaml")
    fields = CueLexicon.__dataclass_fields__
    if set(raw) != set(fields):
        raise LexiconError(f"{path} must be a mapping with exactly the keys {sorted(fields)}")
    values = {}
    for key in fields:
        items = raw[key]
        if not isinstance(items, list) or not all(isinstance(i, str) and i.strip() for i in items):
            raise LexiconError(f"{path}: {key} must be a list of non-empty strings")
        values[key] = frozenset(i.strip().lower() for i in items)
    return CueLexicon(**values)


@dataclass(slots=True)
class Attribution:
    """A candidate quote before its speaker is resolved; all offsets are characters of the text."""

    cue_start: int | None
    cue_end: int | None
    content_start: int
    content_end: int
    speaker: object | None  # spaCy Token heading the speaker phrase, or None
    rule: str
    confidence: float
    direct: bool = False
    addressee: tuple[int, int] | None = None
    speaker_span: tuple[int, int] | None = None  # set when the speaker is not a parsed token
    cue_token: object | None = None


def char_span(doc, first: int, last: int) -> tuple[int, int]:
    """Return the character span of tokens first..last (inclusive)."""
    return doc[first].idx, doc[last].idx + len(doc[last])


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Return (start, end) without edge whitespace, separating punctuation or unbalanced marks."""
    changed = True
    while changed and start < end:
        changed = False
        while start < end and text[start] in _EDGE_PUNCT:
            start, changed = start + 1, True
        while end > start and text[end - 1] in _EDGE_PUNCT:
            end, changed = end - 1, True
        inner = text[start:end]
        if inner and inner[0] in _MARKS and sum(inner.count(m) for m in _MARKS) % 2 == 1:
            start, changed = start + 1, True
        elif inner and inner[-1] in _MARKS and sum(inner.count(m) for m in _MARKS) % 2 == 1:
            end, changed = end - 1, True
    return start, end


def speaker_of(verb):
    """Return the token heading who speaks through ``verb``: its subject, or its governor's subject."""
    seen = 0
    while verb is not None and seen < 5:
        for child in verb.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
            if child.dep_ == "agent":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        return pobj
        # "..., adding that", "and noted that", "saying ...": the speaker is the governing verb's subject
        if verb.dep_ in ("xcomp", "advcl", "conj", "pcomp", "prep") and verb.head is not verb:
            # "by saying", "after telling": through the preposition to the verb it hangs on
            verb, seen = verb.head, seen + 1
            continue
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
            return verb.head
        return None
    return None


def phrase_span(doc, head) -> tuple[int, int]:
    """Return the character span of the noun phrase headed by ``head``, without clauses after it."""
    if head.pos_ == "PRON" or head.lower_ in RELATIVE_PRONOUNS:
        return char_span(doc, head.i, head.i)
    first = head.left_edge.i
    for i in range(first, head.i):
        if "\n" in doc[i].text:
            first = i + 1  # a heading the parser ran into the sentence
    while first < head.i and (doc[first].is_punct or doc[first].text in _MARKS or doc[first].is_space):
        first += 1
    last = head.i
    for child in head.rights:
        if child.dep_ in ("compound", "flat", "nummod") or (child.dep_ == "prep" and child.lower_ == "of"
                                                            and head.pos_ == "NOUN"):
            last = max(last, child.right_edge.i)
        else:
            break
    return char_span(doc, first, last)


def addressee_of(verb, lex: CueLexicon) -> tuple[int, int] | None:
    doc = verb.doc
    if verb.lemma_ in lex.addressee_verbs:
        for child in verb.children:
            if child.dep_ in ("dobj", "dative", "iobj") and child.pos_ in ("NOUN", "PROPN", "PRON"):
                return phrase_span(doc, child)
    for child in verb.children:
        if child.dep_ in ("prep", "dative") and child.lower_ == "to" and child.i > verb.i:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and pobj.pos_ in ("PROPN", "NOUN", "PRON") and (
                        pobj.ent_type_ in ("PERSON", "ORG", "NORP") or pobj.lower_ in phrase_words().audience_words):
                    return phrase_span(doc, pobj)
    return None


def _clause_without(doc, clause_head, inner) -> tuple[int, int] | None:
    """Return the span of clause_head's subtree with inner's subtree cut off at an edge."""
    first, last = clause_head.left_edge.i, clause_head.right_edge.i
    cut_first, cut_last = inner.left_edge.i, inner.right_edge.i
    if cut_first <= first and cut_last < last:
        first = cut_last + 1
    elif cut_last >= last and cut_first > first:
        last = cut_first - 1
    if first > last:
        return None
    return char_span(doc, first, last)


def _is_clause(head) -> bool:
    """Return True when ``head`` heads a clause with its own subject, or a quotation."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in head.children):
        return True
    return any(t.text in _MARKS or t.text == "''" for t in head.subtree)


def _is_cue_verb(tok, lex: CueLexicon) -> bool:
    return tok.pos_ in ("VERB", "AUX") and lex.is_cue_verb(tok.lemma_.lower())


def _confidence(lemma: str, lex: CueLexicon) -> float:
    return 0.8 if lemma in lex.speech_verbs else 0.6


def is_passive(tok) -> bool:
    """Return True for a passive or adjectival participle ("is believed", "wanted by the court")."""
    if tok.tag_ != "VBN":
        return False
    if any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children):
        return True
    has_aux = any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children)
    return not has_aux and tok.dep_ in ("acl", "amod", "advcl", "relcl", "conj", "ccomp", "xcomp")


def verb_attributions(doc, lex: CueLexicon, text: str | None = None) -> list[Attribution]:
    """Return attributions of reporting verbs with a clausal complement or set into what they report."""
    text = doc.text if text is None else text
    out: list[Attribution] = []
    for tok in tokens_tagged(doc, "VERB", "AUX"):
        lemma = tok.lemma_.lower()
        if not lex.is_cue_verb(lemma):
            if lemma in lex.prepositional_verbs and not is_passive(tok):
                _object_attribution(tok, lemma, speaker_of(tok), lex, out, text)
            continue
        cue = char_span(doc, tok.i, tok.i)
        if lemma == "point":  # "pointed out that"
            prt = [c for c in tok.children if c.dep_ == "prt"]
            if not prt:
                continue
            cue = (cue[0], prt[0].idx + len(prt[0]))
        if is_passive(tok):
            _passive_attribution(tok, lemma, lex, out, text)
            continue
        speaker = speaker_of(tok)
        if speaker is None and tok.tag_ == "VB" and tok.i == tok.sent.start:
            continue  # "Tell us ...", "Imagine that ...": a command, nobody's report
        found = False
        for child in tok.children:
            rule = None
            if child.dep_ == "ccomp":
                if child.i < tok.i and not _is_clause(child):
                    continue  # the parser took a fronted phrase for what is said
                if child.i < tok.i and any(t.text == ";" for t in doc[child.right_edge.i + 1:tok.i]):
                    continue  # "Israel disputes it; its army says ...": a semicolon ends the other clause
                rule = "verb_ccomp"
            elif (child.dep_ == "advcl" and child.i > tok.i and lemma in lex.speech_verbs
                  and any(c.dep_ == "nsubj" for c in child.children)
                  and not any(c.dep_ == "mark" for c in child.children)):
                # "said after the hearing he would ...": a reported clause the parser took for an
                # adverbial one, having no "because", "if" or "when" to open it
                rule = "verb_ccomp"
            elif child.dep_ == "xcomp" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                rule = "verb_xcomp"
            if rule is None:
                continue
            start, end = trim(text, *char_span(doc, child.left_edge.i, child.right_edge.i))
            if end - start < 2:
                continue
            conf = _confidence(lemma, lex) - (0.1 if rule == "verb_xcomp" else 0.0)
            out.append(Attribution(cue[0], cue[1], start, end, speaker, rule, conf,
                                   addressee=addressee_of(tok, lex), cue_token=tok))
            found = True
        if not found and lemma in lex.speech_verbs:
            found = _colon_block(tok, speaker, text, out)
        if not found and lemma in lex.speech_verbs:
            # "told a meeting of leaders that ...": the parser hangs the clause on the listener
            for child in tok.children:
                if child.dep_ in ("dobj", "dative") and child.i > tok.i:
                    clause = that_clause(child)
                    if clause is not None:
                        start, end = trim(text, *char_span(doc, clause.left_edge.i, clause.right_edge.i))
                        out.append(Attribution(cue[0], cue[1], start, end, speaker, "verb_that_clause",
                                               _confidence(lemma, lex) - 0.1,
                                               addressee=char_span(doc, child.left_edge.i, child.i),
                                               cue_token=tok))
                        found = True
                        break
        if not found:
            found = _object_attribution(tok, lemma, speaker, lex, out, text)
        if found:
            continue
        head = tok.head
        # "..., another source said." parsed with the report as head and the cue set into it
        if lemma in lex.stance_verbs or tok.tag_ == "VBG" or speaker is None or (
                speaker.pos_ not in ("PROPN", "NOUN", "PRON")):
            continue
        if tok.dep_ == "parataxis" or (
                tok.dep_ == "ccomp" and tok.i > head.i
                and head.pos_ in ("VERB", "AUX") and not _is_cue_verb(head, lex)
                and any(t.is_punct for t in doc[head.i:tok.i])):
            span = _clause_without(doc, head, tok)
            if span is None:
                continue
            start, end = trim(text, *span)
            if end - start >= 2 and speaker is not None:
                out.append(Attribution(cue[0], cue[1], start, end, speaker, "verb_inserted",
                                       _confidence(lemma, lex) - 0.05,
                                       addressee=addressee_of(tok, lex), cue_token=tok))
    return out


def _colon_block(tok, speaker, text: str, out: list[Attribution]) -> bool:
    """Add 'Limbaugh added:' followed by the paragraph it introduces; return whether one was."""
    if speaker is None:
        return False
    nxt = tok.i + 1
    doc = tok.doc
    while nxt < len(doc) and doc[nxt].dep_ in ("advmod", "prt", "npadvmod") and doc[nxt].head is tok:
        nxt += 1
    if nxt >= len(doc) or doc[nxt].text != ":":
        return False
    colon_end = doc[nxt].idx + 1
    line_end = text.find("\n", colon_end)
    if line_end < 0 or text[colon_end:line_end].strip():
        return False  # words after the colon on the same line are parsed as a clause already
    start = line_end
    while start < len(text) and text[start].isspace():
        start += 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    start, end = trim(text, start, end)
    if end - start < 2:
        return False
    out.append(Attribution(tok.idx, colon_end, start, end, speaker, "verb_colon_block", 0.7, cue_token=tok))
    return True


def _passive_attribution(tok, lemma: str, lex: CueLexicon, out: list[Attribution], text: str) -> None:
    """Add "X is expected to ...", "it was reported that ...": an attribution whose source is only
    named by an agent ("by the agency"), if at all."""
    if lemma not in lex.passive_verbs:
        return
    if not any(c.dep_ == "auxpass" for c in tok.children):
        return  # a bare participle ("a man known as ...") reports nobody's words
    doc = tok.doc
    agent = next((p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"), None)
    subject = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    for child in tok.children:
        if child.dep_ == "ccomp" and child.i > tok.i:
            first, last = child.left_edge.i, child.right_edge.i
        elif child.dep_ == "xcomp" and subject is not None and subject.lower_ not in ("it", "this"):
            first, last = subject.left_edge.i, child.right_edge.i
        else:
            continue
        start, end = trim(text, *char_span(doc, first, last))
        if end - start >= 2:
            out.append(Attribution(tok.idx, tok.idx + len(tok), start, end, agent, "passive", 0.45,
                                   cue_token=tok))
        return


def _object_attribution(tok, lemma: str, speaker, lex: CueLexicon, out: list[Attribution],
                        text: str) -> bool:
    """Add the attribution whose content is the verb's noun object ("cited his remarks", "called the
    plan a mistake") or prepositional object ("called for more funding"); return whether one was."""
    doc = tok.doc
    particle = next((c.lower_ for c in tok.children if c.dep_ == "prt"), None)
    phrasal = f"{lemma} {particle}" if particle else None
    for child in tok.children:
        if child.i < tok.i:
            continue
        if child.dep_ == "dobj" and (lemma in lex.object_verbs or phrasal in lex.prepositional_cues) and (
                child.pos_ in ("NOUN", "PROPN", "NUM") or child.lower_ in PERSON_OBJECT_PRONOUNS):
            last = child.right_edge.i
            for other in tok.children:
                if other.dep_ in ("oprd", "ccomp") and other.i > child.i:  # "called the plan a mistake"
                    last = max(last, other.right_edge.i)
            start, end = trim(text, *char_span(doc, child.left_edge.i, last))
            cue = char_span(doc, tok.i, tok.i)
            out.append(Attribution(cue[0], cue[1], start, end, speaker, "verb_object", 0.5,
                                   cue_token=tok))
            return True
        if child.dep_ == "prep" and (f"{lemma} {child.lower_}" in lex.prepositional_cues or (
                phrasal and f"{phrasal} {child.lower_}" in lex.prepositional_cues)):
            obj = next((c for c in child.children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is None or obj.pos_ == "PRON" or obj.ent_type_ in ("DATE", "TIME", "GPE", "LOC", "FAC"):
                continue  # "spoke on Tuesday", "spoke in Ohio": when and where, not what
            start, end = trim(text, *char_span(doc, obj.left_edge.i, obj.right_edge.i))
            cue = (tok.idx, child.idx + len(child))
            out.append(Attribution(cue[0], cue[1], start, end, speaker, "verb_prep", 0.55, cue_token=tok))
            return True
    return False


def according_to_attributions(doc, text: str | None = None) -> list[Attribution]:
    """Return "according to X" attributions: X is the speaker, the clause it hangs on the content."""
    text = doc.text if text is None else text
    out = []
    if "ccording" not in text:
        return out
    for tok in doc:
        if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
            continue
        to = doc[tok.i + 1]
        source = next((c for c in to.children if c.dep_ == "pobj"), None)
        if source is None:
            source = next((c for c in tok.children if c.dep_ == "pobj"), None)
        clause = tok.head
        hops = 0
        while clause.pos_ not in ("VERB", "AUX") and clause.head is not clause and hops < 4:
            clause, hops = clause.head, hops + 1
        if clause is tok:
            continue
        span = _clause_without(doc, clause, tok)
        if span is None:
            continue
        start, end = trim(text, *span)
        if end - start < 2:
            continue
        out.append(Attribution(tok.idx, to.idx + len(to), start, end, source, "according_to", 0.8,
                               cue_token=tok))
    return out


def _speaker_modifier(noun):
    """Return the token naming whose statement ``noun`` is ("the ministry's statement", "a White
    House statement"), or None."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in reversed(list(noun.lefts)):
        if child.dep_ in ("compound", "nmod", "amod") and (child.pos_ == "PROPN" or child.ent_type_):
            return child
    return None


def statement_attributions(doc, lex: CueLexicon, text: str | None = None) -> list[Attribution]:
    """Return attributions whose cue is a statement noun: "X's statement read/said ...", "X issued a
    statement expressing ...", "a statement from X saying ..."."""
    text = doc.text if text is None else text
    out = []
    for noun in tokens_tagged(doc, "NOUN"):
        if noun.lemma_.lower() not in lex.statement_nouns:
            continue
        cue = char_span(doc, noun.i, noun.i)
        verb = noun.head
        if noun.dep_ == "nsubj" and _is_cue_verb(verb, lex):
            owner = _speaker_modifier(noun)
            if owner is None:
                continue  # "the poll shows ...": the verb rule already names the poll as the source
            for child in verb.children:
                if child.dep_ == "ccomp":
                    start, end = trim(text, *char_span(doc, child.left_edge.i, child.right_edge.i))
                    # above the verb's own reading: the statement, not the verb "read", is the cue
                    out.append(Attribution(*cue, start, end, owner, "statement_subject", 0.85,
                                           cue_token=noun))
            # a direct quote beside "the statement read" is attached later, through cue_token
            continue
        for child in noun.children:
            if child.dep_ != "acl" or child.i < noun.i:
                continue
            if child.tag_ not in ("VBG", "VBN") and child.lemma_.lower() not in lex.speech_verbs:
                continue
            if child.tag_ == "VBN":  # "a statement released by X" describes, it does not report
                continue
            body = [c for c in child.children if c.dep_ in ("ccomp", "dobj", "xcomp")]
            if child.lemma_.lower() in phrase_words().text_verbs and body:
                start, end = char_span(doc, body[0].left_edge.i, child.right_edge.i)
            else:
                start, end = char_span(doc, child.i, child.right_edge.i)
            start, end = trim(text, start, end)
            owner = _speaker_modifier(noun)
            if owner is None and noun.dep_ in ("dobj", "pobj"):
                owner = speaker_of(noun.head if noun.dep_ == "dobj" else noun.head.head)
            out.append(Attribution(*cue, start, end, owner, "statement_noun", 0.7, cue_token=noun))
    return out


def that_clause(head):
    """Return the clause introduced by "that" hanging on ``head`` or on the noun of its "of" phrase
    ("the claim that ...", "told a meeting of leaders that ..."), or None."""
    for child in head.rights:
        if child.dep_ in ("acl", "relcl", "ccomp") and any(
                c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return child
        if child.dep_ == "prep" and child.lower_ == "of":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    found = that_clause(pobj)
                    if found is not None:
                        return found
    return None


def _infinitive_clause(noun):
    for child in noun.rights:
        if child.dep_ == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
            return child
    return None


def _noun_source(noun, lex: CueLexicon):
    """Return the token naming whose claim ``noun`` is: "Trump's claim", "a claim by X", "X made the
    claim"; or None."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None:
                return pobj
    if noun.dep_ == "dobj" and noun.head.lemma_.lower() in lex.light_verbs:
        return speaker_of(noun.head)
    return None


def proposition_attributions(doc, lex: CueLexicon, text: str | None = None) -> list[Attribution]:
    """Return attributions whose cue is a noun of claiming with its clause: "Trump's claim that ...",
    "made a promise to ...", "voiced concern that ..."."""
    text = doc.text if text is None else text
    out = []
    for noun in tokens_tagged(doc, "NOUN"):
        if noun.lemma_.lower() not in lex.proposition_nouns:
            continue
        clause = that_clause(noun) or _infinitive_clause(noun)
        if clause is None:
            continue
        start, end = trim(text, *char_span(doc, clause.left_edge.i, clause.right_edge.i))
        if end - start < 2:
            continue
        source = _noun_source(noun, lex)
        rule = "noun_clause" if source is not None else "noun_clause_unsourced"
        out.append(Attribution(noun.idx, noun.idx + len(noun), start, end, source, rule, 0.5, cue_token=noun))
    return out
