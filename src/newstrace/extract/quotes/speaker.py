"""Who a speaker phrase names: the entity under it, or, for "he", "they", "who", "the ministry",
"the Russian president", the earlier entity it stands for.

The resolver is deliberately small and explainable: a pronoun takes the most recent compatible speaker
or subject of the preceding sentences (a person for he/she, an organisation or group for they/it); a
relative pronoun takes the noun its clause hangs on; a definite description takes the most recent entity
whose name, role or written title holds the description's head noun.
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from ...ids import entity_id
from ...lang import phrase_words
from ...lang.kinds import is_post
from ...lang.pronouns import GROUP_PRONOUNS, PERSON_PRONOUNS, RELATIVE_PRONOUNS
from ...records import EntityRef
from ..doctext import doc_sents

SPEAKER_TYPES = ("PERSON", "ORG", "GPE", "NORP", "FAC")
GROUP_TYPES = ("ORG", "NORP", "GPE")
_LOOKBACK_SENTENCES = 6


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    type: str
    ref: EntityRef
    words: frozenset[str]  # lowercased words of the name, role and the title written before it


@dataclass(frozen=True, slots=True)
class Resolution:
    ref: EntityRef | None
    how: str  # "entity", "pronoun", "relative", "description", "unresolved"
    type: str | None = None


class SpeakerResolver:
    """Resolves speaker phrases of one article against its entity mentions and earlier speakers."""

    def __init__(self, doc, context, owner_nouns: frozenset[str] = frozenset(),
                 source_nouns: frozenset[str] = frozenset()) -> None:
        self.owner_nouns = owner_nouns
        self.source_nouns = source_nouns
        self.doc = doc
        self.text_length = len(context.article.text)
        self.context = context
        self.mentions = self._mentions()
        self._starts = [m.start for m in self.mentions]
        self.sent_starts = [s.start_char for s in doc_sents(doc)]
        # (content/cue position, sentence index, type, ref) of speakers already resolved, in order
        self.speakers: list[tuple[int, str, EntityRef]] = []

    def _mentions(self) -> list[Mention]:
        doc, ctx = self.doc, self.context
        out = []
        if ctx.mention_index:
            for (s, e), ent in ctx.mention_index.items():
                if ent.type in SPEAKER_TYPES:
                    words = set(ent.name.lower().split())
                    if ent.role:
                        words |= set(ent.role.lower().split())
                    out.append(Mention(s, e, ent.type, ent.ref(), frozenset(words | self._title_words(s, e))))
        else:
            # no entity stage ran: fall back on the parser's entities, with ids made the same way
            for ent in doc.ents:
                if ent.label_ in SPEAKER_TYPES:
                    ref = EntityRef(entity_id(ent.label_, ent.text), ent.text)
                    words = set(ent.text.lower().split()) | self._title_words(ent.start_char, ent.end_char)
                    out.append(Mention(ent.start_char, ent.end_char, ent.label_, ref, frozenset(words)))
        out.sort(key=lambda m: (m.start, m.end))
        return out

    def _title_words(self, start: int, end: int) -> set[str]:
        """Return words written as a title beside a mention: "Russian President [Putin]", "[X], the
        ministry's spokesperson"."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return set()
        words = set()
        i = span.start - 1
        while i >= 0 and i >= span.start - 5:
            tok = self.doc[i]
            if tok.dep_ not in ("compound", "amod", "nmod", "det", "poss", "case") and tok.pos_ not in (
                    "PROPN", "NOUN", "ADJ"):
                break
            words.add(tok.lower_)
            i -= 1
        for tok in span.root.children:
            if tok.dep_ == "appos":
                words |= {t.lower_ for t in tok.subtree if t.pos_ in ("NOUN", "PROPN", "ADJ")}
        return words

    def sentence_index(self, offset: int) -> int:
        return max(0, bisect_left(self.sent_starts, offset + 1) - 1)

    def entity_at(self, start: int, end: int) -> Mention | None:
        best, best_overlap = None, 0
        i = bisect_left(self._starts, start - 200)
        for m in self.mentions[i:]:
            if m.start >= end:
                break
            overlap = min(m.end, end) - max(m.start, start)
            if overlap > best_overlap:
                best, best_overlap = m, overlap
        return best

    def remember(self, offset: int, mention_type: str, ref: EntityRef) -> None:
        self.speakers.append((offset, mention_type, ref))

    def resolve(self, head, span: tuple[int, int]) -> Resolution:
        """Return the entity the speaker phrase at ``span`` (headed by token ``head``) refers to."""
        if head is None:
            m = self.entity_at(*span)
            return Resolution(m.ref, "entity", m.type) if m else Resolution(None, "unresolved")
        lower = head.lower_
        if lower in RELATIVE_PRONOUNS and head.head is not head:
            return self._relative(head)
        if head.pos_ == "PRON":
            if lower in PERSON_PRONOUNS:
                return self._antecedent(span[0], ("PERSON",))
            if lower in GROUP_PRONOUNS:
                return self._antecedent(span[0], GROUP_TYPES, singular=lower in ("it", "its"))
            return Resolution(None, "unresolved")
        m = self.entity_at(head.idx, head.idx + len(head))
        if m is not None:
            return Resolution(m.ref, "entity", m.type)
        for child in head.children:
            if child.dep_ == "appos":  # "the Russian ambassador, Anatoly Viktorov,"
                m = self.entity_at(child.idx, child.idx + len(child))
                if m is not None:
                    return Resolution(m.ref, "entity", m.type)
        m = self.entity_at(*span)
        if m is not None and (m.type in ("PERSON", "ORG") or head.lemma_.lower() in self.owner_nouns):
            # "the Anadolu news agency"; "Israeli estimates", "the ministry statement": a statement
            # stands for its owner. A nationality alone does not speak: "Russian Ambassador" is no
            # statement of Russia's.
            return Resolution(m.ref, "entity", m.type)
        if head.pos_ == "NOUN":
            return self._description(head, span[0])
        return Resolution(None, "unresolved")

    def _relative(self, pronoun) -> Resolution:
        """Return what "who"/"which" stands for: the noun its clause hangs on, or, through an
        apposition ("Al-Qudra, director of the office, who ..."), the name before it."""
        clause = pronoun.head
        if clause.dep_ not in ("relcl", "acl"):
            return Resolution(None, "unresolved")
        noun, fallback = clause.head, None
        for _ in range(3):
            sub = self.resolve(noun, (noun.idx, noun.idx + len(noun)))
            if sub.ref is not None:
                if pronoun.lower_ != "who" or sub.type == "PERSON":
                    return Resolution(sub.ref, "relative", sub.type)
                fallback = fallback or sub
            if noun.dep_ != "appos" or noun.head is noun:
                break
            noun = noun.head
        if fallback is not None:
            return Resolution(fallback.ref, "relative", fallback.type)
        return Resolution(None, "unresolved")

    def _antecedent(self, offset: int, types: tuple[str, ...], singular: bool = False) -> Resolution:
        here = self.sentence_index(offset)
        lowest = max(0, here - _LOOKBACK_SENTENCES)
        for sent_i in range(here - 1, lowest - 1, -1):
            s_start = self.sent_starts[sent_i]
            s_end = self.sent_starts[sent_i + 1] if sent_i + 1 < len(self.sent_starts) else self.text_length
            for pos, mtype, ref in reversed(self.speakers):
                if s_start <= pos < s_end and mtype in types:
                    return Resolution(ref, "pronoun", mtype)
            body = self._body_subject(s_start) if singular else None
            if body is not None:
                # "The ministry put the toll at 50,000. It said ...": "it" is the body the sentence
                # before was about, named or not; an older name would be a guess.
                found = self._description(body, body.idx)
                return Resolution(found.ref, "pronoun", found.type) if found.ref else found
            subject = self._subject_mention(s_start, s_end, types)
            if subject is not None:
                return Resolution(subject.ref, "pronoun", subject.type)
        return Resolution(None, "unresolved")

    def _body_subject(self, sent_start: int):
        """Return the head of the main subject of the sentence at ``sent_start`` when it is a body
        written as a common noun ("the ministry", "the group"), not covered by a name, else None."""
        span = self.doc.char_span(sent_start, sent_start + 1, alignment_mode="expand")
        if span is None:
            return None
        sent = span[0].sent
        for tok in sent.root.children:
            if tok.dep_ != "nsubj":
                continue
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN" and tok.tag_ == "NN" and not is_post(lemma) and (
                    lemma in self.source_nouns or lemma in phrase_words().generic_groups) \
                    and self.entity_at(tok.idx, tok.idx + len(tok)) is None:
                return tok
        return None

    def _subject_mention(self, start: int, end: int, types: tuple[str, ...]) -> Mention | None:
        """Return the first compatible mention of the sentence that is a clause subject, else the first
        compatible mention at all."""
        first = None
        i = bisect_left(self._starts, start)
        for m in self.mentions[i:]:
            if m.start >= end:
                break
            if m.type not in types:
                continue
            if first is None:
                first = m
            span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None and span.root.dep_ in ("nsubj", "nsubjpass"):
                return m
        return first

    def _description(self, head, offset: int) -> Resolution:
        """Return the latest earlier entity whose name, role or title holds the head noun
        ("the ministry" -> "Russian Foreign Ministry", "the spokesperson" -> a person so titled)."""
        noun = head.lower_
        lemma = head.lemma_.lower()
        if self.source_nouns and lemma not in self.source_nouns and noun not in self.source_nouns:
            return Resolution(None, "unresolved")
        modifiers = {c.lower_ for c in head.lefts if c.dep_ in ("amod", "compound")}
        i = bisect_left(self._starts, offset)
        best = None
        for m in reversed(self.mentions[:i]):
            if noun in m.words or lemma in m.words:
                if not modifiers or modifiers <= m.words:
                    return Resolution(m.ref, "description", m.type)
                if best is None:
                    best = m
        if best is None and lemma in phrase_words().generic_groups:
            # "the group said": the latest organisation named before, whatever its name says
            best = next((m for m in reversed(self.mentions[:i]) if m.type == "ORG"), None)
        return Resolution(best.ref, "description", best.type) if best else Resolution(None, "unresolved")
