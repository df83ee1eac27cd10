"""Quotes and attributions: who said what, to whom and when, each traced to its characters.

``extract_quotes`` finds
- direct quotations by their marks (straight or curly, over several sentences), attached to the
  reporting verb beside them ("...," Putin replied) or, with no cue in reach, to the speaker of the
  quote just before (a quote that goes on in the next sentence);
- indirect speech through the parse ("the ministry noted that ...", "X told Y that ..."), and mixed
  quotes, where a quoted fragment sits inside the reported clause (direct is then False);
- "according to X" attributions and statement nouns ("the ministry's statement read", "issued a
  statement expressing ...");
- embedded social-media posts (found by the layout stage, ``context.layout.posts``), kept as embedded
  quotes of the account that posted them; no other quote is read inside one.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ...ids import record_id
from ...lang import phrase_words
from ...records import DateValue, EntityRef, Quote, Span
from ..doctext import doc_sents, doc_text
from .lines import colon_lines, dash_credit, headline_attribution
from .marks import QuotedPassage, quoted_passages
from .speaker import SpeakerResolver
from .speech import (
    Attribution,
    CueLexicon,
    according_to_attributions,
    addressee_of,
    cue_lexicon,
    is_passive,
    phrase_span,
    proposition_attributions,
    speaker_of,
    statement_attributions,
    trim,
    verb_attributions,
)

_MIN_UNCUED_WORDS = 4  # a shorter quote with no cue is a scare quote or a title, not speech
_CONTINUATION_REACH = 2  # sentences a quote may follow its speaker's last quote and still be theirs
_ORPHAN_REACH = 6  # sentences back, within its paragraph, to guess whose a quotation with no cue is
_RANK_PENALTY = 120  # characters of distance a verb of belief or a speech act gives away to "said"
_LINES = re.compile(r"[^\n]+")


class Paragraphs:
    """The lines of a text: the parser's sentences may run over a heading or a line break, quotes may
    not."""

    def __init__(self, text: str) -> None:
        self.bounds = [(m.start(), m.end()) for m in _LINES.finditer(text)] or [(0, len(text))]
        self._starts = [s for s, _ in self.bounds]

    def of(self, offset: int) -> tuple[int, int]:
        i = max(0, bisect_right(self._starts, offset) - 1)
        return self.bounds[i]

    def clip(self, start: int, end: int, anchor: int) -> tuple[int, int]:
        p_start, p_end = self.of(anchor)
        return max(start, p_start), min(end, p_end)


def extract_quotes(doc, *, context) -> list[Quote]:
    """Return the quotes and attributions of ``doc``, embedded posts (``context.layout``) among them."""
    text = doc_text(doc)
    lex = cue_lexicon()
    article_id = context.article.id
    posts = context.layout.posts
    resolver = SpeakerResolver(doc, context, lex.statement_nouns, lex.source_nouns)
    quotes = [_embedded_quote(text, article_id, post, resolver) for post in posts]
    quotes = [q for q in quotes if q is not None]

    passages = [p for p in quoted_passages(text) if not context.in_non_prose(p.outer_start, p.outer_end)]
    candidates = [
        c for c in (*verb_attributions(doc, lex, text), *according_to_attributions(doc, text),
                    *statement_attributions(doc, lex, text), *proposition_attributions(doc, lex, text))
        if c.cue_start is None or not context.in_non_prose(c.cue_start, c.cue_end)
    ]
    candidates += [
        Attribution(line.cue[0], line.cue[1], *line.content, None, line.rule, 0.6,
                    speaker_span=line.speaker)
        for line in colon_lines(text) if not context.in_non_prose(*line.cue)
    ]
    headline = headline_attribution(text, lex.speech_verbs | lex.stance_verbs | lex.object_verbs)
    if headline is not None and not any(c.content_start < headline.content[1] for c in candidates):
        candidates.append(Attribution(*headline.cue, *headline.content, None, headline.rule, 0.5,
                                      speaker_span=headline.speaker))
    paragraphs = Paragraphs(text)
    for cand in candidates:
        _clip(text, cand, paragraphs)
        _settle_direct(cand, passages)
    # a report inside a quotation ("I think ...", "you know") is part of what the speaker says
    candidates = [c for c in candidates if c.content_end - c.content_start >= 2 and "+nested" not in c.rule]
    candidates = _outermost(_deduplicated(candidates))
    candidates += _uncovered_quotes(doc, text, lex, passages, candidates, context, paragraphs)
    candidates = _joined(candidates, paragraphs)
    candidates.sort(key=lambda c: (min(c.content_start, c.cue_start or c.content_start), c.content_start))
    sentence_bounds = [(s.start_char, s.end_char) for s in doc_sents(doc)]
    sentence_starts = [s for s, _ in sentence_bounds]
    for cand in candidates:
        quote = _record(doc, text, article_id, cand, resolver, context, sentence_bounds, sentence_starts)
        if quote is not None:
            quotes.append(quote)
    quotes.sort(key=lambda q: (q.content.start, q.content.end))
    return quotes


def _clip(text: str, cand: Attribution, paragraphs: Paragraphs) -> None:
    """Keep a candidate's content and speaker inside the line of its cue."""
    anchor = cand.cue_start if cand.cue_start is not None else cand.content_start
    start, end = paragraphs.clip(cand.content_start, cand.content_end, anchor)
    if (start, end) != (cand.content_start, cand.content_end):
        start, end = trim(text, start, max(start, end))
    cand.content_start, cand.content_end = start, end
    if cand.speaker is not None and paragraphs.of(cand.speaker.idx) != paragraphs.of(anchor):
        cand.speaker = None


def _settle_direct(cand: Attribution, passages: list[QuotedPassage]) -> None:
    """Mark a candidate direct when its content is a quoted passage, widening it to the whole passage;
    a quoted fragment ending its content is kept whole, with its closing mark."""
    for p in passages:
        if p.outer_end <= cand.content_start or p.outer_start >= cand.content_end:
            continue
        if cand.rule == "colon_line":
            return  # a transcript line is one quoted paragraph: who speaks is inside the marks
        if cand.cue_start is not None and p.outer_start <= cand.cue_start < p.outer_end:
            cand.rule += "+nested"
            return  # a report inside a quotation ("I think ..."): dropped below
        if p.outer_start - 1 <= cand.content_start and cand.content_end <= p.outer_end + 1:
            cand.content_start, cand.content_end = p.inner_start, p.inner_end
            cand.direct = True
            cand.rule += "+direct"
            return
        if cand.content_start < p.outer_start and p.outer_end - 3 <= cand.content_end < p.outer_end:
            cand.content_end = p.outer_end


def _deduplicated(candidates: list[Attribution]) -> list[Attribution]:
    best: dict[tuple[int, int], Attribution] = {}
    for c in candidates:
        key = (c.content_start, c.content_end)
        if key not in best or c.confidence > best[key].confidence:
            best[key] = c
    return list(best.values())


def _joined(candidates: list[Attribution], paragraphs: Paragraphs) -> list[Attribution]:
    """Return the candidates with a quotation interrupted by its attribution made one quote:
    '"A," she said. "B."' is one thing said, whose span runs over the interruption."""
    ordered = sorted(candidates, key=lambda c: (c.content_start, -c.content_end))
    out: list[Attribution] = []
    for cand in ordered:
        prev = out[-1] if out else None
        # '"A," she said. "B."' and 'A is "B," she said. "C."': the words after the cue go on with
        # what came before it
        inverted = prev is not None and prev.cue_start is not None and prev.cue_start >= prev.content_end
        if (prev is not None and (prev.direct or inverted) and cand.direct
                and cand.content_start >= prev.content_end
                and paragraphs.of(prev.content_start) == paragraphs.of(cand.content_start)
                and (cand.rule.startswith("direct_continuation") or (
                    cand.cue_start is not None and cand.cue_start == prev.cue_start))):
            prev.content_end = cand.content_end
            if "+joined" not in prev.rule:
                prev.rule += "+joined"
            continue
        out.append(cand)
    return out


def _outermost(candidates: list[Attribution]) -> list[Attribution]:
    """Return the candidates without reports nested in another report's indirect content ("she said
    that he wants to ..."): the outer one is what the article attributes. A direct quotation is
    kept wherever it sits."""
    kept: list[Attribution] = []
    for cand in sorted(candidates, key=lambda c: c.content_start - c.content_end):
        if not cand.direct and cand.cue_start is not None and any(
                k.content_start <= cand.cue_start < k.content_end for k in kept):
            continue
        kept.append(cand)
    return kept


def _covered(p: QuotedPassage, candidates: list[Attribution]) -> bool:
    size = max(1, p.inner_end - p.inner_start)
    for c in candidates:
        overlap = min(c.content_end, p.inner_end) - max(c.content_start, p.inner_start)
        if overlap >= 0.5 * size:
            return True
    return False


def _uncovered_quotes(doc, text: str, lex: CueLexicon, passages, candidates, context,
                      paragraphs: Paragraphs) -> list[Attribution]:
    """Return attributions for quoted passages that no parsed clause covered."""
    sents = doc_sents(doc)
    starts = [s.start_char for s in sents]
    found: list[Attribution] = []
    for p in passages:
        if _covered(p, candidates) or _covered(p, found):
            continue
        first = max(0, bisect_right(starts, p.outer_start) - 1)
        last = max(0, bisect_right(starts, max(p.outer_start, p.outer_end - 1)) - 1)
        reach = paragraphs.of(p.outer_start)
        before = text[max(sents[first].start_char, reach[0]):p.outer_start].strip()
        if before == "" and text[:reach[0]].rstrip().endswith(":"):
            # 'He said:' closing the line before
            reach = (paragraphs.of(len(text[:reach[0]].rstrip()) - 1)[0], reach[1])
            first = max(0, bisect_right(starts, reach[0]) - 1)
        elif before == "" and first > 0 and text[:p.outer_start].rstrip().endswith(":"):
            first -= 1
        raw_end = text[p.outer_end - 2:p.outer_end] if p.closed else ""
        if last + 1 < len(sents) and (raw_end[:1] in ",?!" or text[sents[last].end_char - 1:
                                                                          sents[last].end_char] in "”\""):
            after = text[p.outer_end:sents[last + 1].end_char]
            if "\n" not in after[:3]:
                last += 1  # '"...," \n she said.' split off by the sentence splitter
        credit = dash_credit(text, p.outer_end) if p.closed else None
        if credit is not None:
            found.append(Attribution(*credit.cue, p.inner_start, p.inner_end, None, credit.rule, 0.75,
                                     direct=True, speaker_span=credit.speaker))
            continue
        words = text[p.inner_start:p.inner_end].split()
        if _is_title(words):
            continue
        cue = _nearest_cue(doc, lex, p, passages, sents[first].start, sents[last].end,
                           reach, context)
        if cue is not None and len(words) < _MIN_UNCUED_WORDS and not _governs(cue[0], p):
            cue = None  # a short quoted phrase near a verb it does not depend on is a scare quote
        if cue is not None:
            verb, speaker = cue
            found.append(Attribution(verb.idx, verb.idx + len(verb), p.inner_start, p.inner_end, speaker,
                                     "direct_cue", 0.85 - 0.1 * lex.rank(verb.lemma_.lower()), direct=True,
                                     addressee=addressee_of(verb, lex) if verb.pos_ != "NOUN" else None,
                                     cue_token=verb))
            continue
        prev = _previous_speaker(p, [*candidates, *found], sents, starts)
        # a quote goes on from its speaker's last words when it stands as a sentence of its own or
        # stays in that speaker's paragraph; a phrase quoted in the outlet's own sentence after
        # another paragraph is not theirs
        if prev is not None and len(words) >= 2 and (
                paragraphs.of(prev.content_start) == paragraphs.of(p.outer_start)
                or text[sents[first].start_char:p.outer_start].strip() == ""):
            found.append(Attribution(None, None, p.inner_start, p.inner_end, prev.speaker,
                                     "direct_continuation", 0.55, direct=True,
                                     speaker_span=prev.speaker_span))
        elif len(words) >= _MIN_UNCUED_WORDS:
            # a full quotation with no cue in reach is still someone's words; the last speaker
            # nearby is the best guess, and the confidence says so
            prev = _previous_speaker(p, [*candidates, *found], sents, starts, _ORPHAN_REACH)
            own_line = paragraphs.of(p.outer_start)
            if prev is not None and paragraphs.of(prev.content_start) != own_line and (
                    text[own_line[0]:p.outer_start].strip()):
                prev = None  # a phrase quoted inside the outlet's own sentence, after another paragraph
            found.append(Attribution(None, None, p.inner_start, p.inner_end,
                                     prev.speaker if prev else None, "direct_orphan", 0.3, direct=True,
                                     speaker_span=prev.speaker_span if prev else None))
    return found


def _is_title(words: list[str]) -> bool:
    """Return True for a short quoted run in title case ("Face the Nation"): a name, not speech."""
    if not words or len(words) > 6 or words[-1][-1:] in ".?!":
        return False
    return all(w[:1].isupper() or w.lower() in phrase_words().title_minor_words or not w[:1].isalpha() for w in words)


def _governs(tok, p: QuotedPassage) -> bool:
    left, right = tok.left_edge, tok.right_edge
    return left.idx <= p.inner_start and p.inner_end <= right.idx + len(right) + 2


def _nearest_cue(doc, lex: CueLexicon, p: QuotedPassage, passages, tok_start: int, tok_end: int,
                 paragraph: tuple[int, int], context):
    """Return (cue token, speaker token) of the reporting word closest to the passage in its
    sentences and line, outside every quotation; verbs of speech are preferred to other cues."""
    best, best_distance = None, None
    for tok in doc[tok_start:tok_end]:
        if not paragraph[0] <= tok.idx < paragraph[1]:
            continue
        if any(q.outer_start <= tok.idx < q.outer_end for q in passages):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("VERB", "AUX") and lex.is_cue_verb(lemma) and not is_passive(tok):
            speaker = speaker_of(tok)
            rank = lex.rank(lemma)
        elif tok.pos_ == "NOUN" and lemma in lex.statement_nouns and _statement_owner(tok) is not None:
            speaker = tok  # "the ministry's statement": the resolver reads the owner off the noun
            rank = 0
        else:
            continue
        if speaker is None or not paragraph[0] <= speaker.idx < paragraph[1]:
            continue
        if any(q.outer_start <= speaker.idx < q.outer_end for q in passages):
            continue
        distance = p.outer_start - tok.idx if tok.idx < p.outer_start else tok.idx - p.outer_end
        distance += rank * _RANK_PENALTY
        if best_distance is None or distance < best_distance:
            best, best_distance = (tok, speaker), distance
    return best


def _statement_owner(noun):
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in reversed(list(noun.lefts)):
        if child.dep_ in ("compound", "nmod") and child.pos_ == "PROPN":
            return child
    return None


def _previous_speaker(p: QuotedPassage, candidates, sents, starts,
                      reach: int = _CONTINUATION_REACH) -> Attribution | None:
    here = max(0, bisect_right(starts, p.outer_start) - 1)
    best = None
    for c in candidates:
        if c.content_end > p.outer_start or (c.speaker is None and c.speaker_span is None):
            continue
        sent = max(0, bisect_right(starts, c.content_end - 1) - 1)
        if here - sent > reach:
            continue
        if best is None or c.content_end > best.content_end:
            best = c
    return best


def _speaker_token(tok, lex: CueLexicon):
    """Return the token that names the speaker: for a statement noun, whose statement it is."""
    if tok is not None and tok.pos_ == "NOUN" and tok.lemma_.lower() in lex.statement_nouns:
        owner = _statement_owner(tok)
        if owner is not None:
            return owner
    return tok


def _record(doc, text: str, article_id: str, cand: Attribution, resolver: SpeakerResolver, context,
            sentence_bounds, sentence_starts) -> Quote | None:
    if cand.content_end <= cand.content_start:
        return None
    head = _speaker_token(cand.speaker, cue_lexicon())
    if head is not None:
        sp = phrase_span(doc, head)
    elif cand.speaker_span is not None:
        sp = cand.speaker_span
    else:
        sp = None
    speaker_ref: EntityRef | None = None
    confidence = cand.confidence
    if sp is not None:
        resolution = resolver.resolve(head, sp)
        speaker_ref = resolution.ref
        if resolution.how in ("pronoun", "description"):
            confidence -= 0.1
        if speaker_ref is not None and resolution.type is not None:
            resolver.remember(cand.cue_start if cand.cue_start is not None else cand.content_start,
                              resolution.type, speaker_ref)
    cue_span = Span.of(text, cand.cue_start, cand.cue_end) if cand.cue_start is not None else None
    anchor = cand.cue_start if cand.cue_start is not None else cand.content_start
    return Quote(
        id=record_id("quote", article_id, cand.content_start, cand.content_end, anchor),
        article=article_id,
        speaker=speaker_ref,
        speaker_text=text[sp[0]:sp[1]] if sp else None,
        speaker_span=Span.of(text, *sp) if sp else None,
        cue=cue_span.text if cue_span else None,
        cue_span=cue_span,
        content=Span.of(text, cand.content_start, cand.content_end),
        direct=cand.direct,
        addressee=text[cand.addressee[0]:cand.addressee[1]] if cand.addressee else None,
        date=_date_near(context, anchor, sentence_bounds, sentence_starts),
        confidence=max(0.05, min(1.0, confidence)),
        rule=cand.rule,
    )


def _date_near(context, offset: int, sentence_bounds, sentence_starts) -> DateValue | None:
    i = bisect_right(sentence_starts, offset) - 1
    if i < 0:
        return None
    start, end = sentence_bounds[i]
    dates = [d for d in context.dates_in(start, end) if d.kind in ("date", "range") and d.resolved]
    return dates[0] if dates else None


def _embedded_quote(text: str, article_id: str, post, resolver: SpeakerResolver) -> Quote | None:
    if post.content_end <= post.content_start:
        return None
    speaker_span = None
    speaker_ref = None
    if post.name_start is not None:
        speaker_span = Span.of(text, post.name_start, post.name_end)
        m = resolver.entity_at(post.name_start, post.name_end)
        if m is not None:
            speaker_ref = m.ref
    cue_span = Span.of(text, post.handle_start, post.handle_end) if post.handle_start is not None else None
    date = None
    if post.date is not None:
        date = DateValue(post.date, "day", text[post.date_start:post.date_end],
                         span=Span.of(text, post.date_start, post.date_end), rule="quotes.post_credit")
    return Quote(
        id=record_id("quote", article_id, post.content_start, post.content_end, "embedded"),
        article=article_id,
        speaker=speaker_ref,
        speaker_text=speaker_span.text if speaker_span else None,
        speaker_span=speaker_span,
        cue=cue_span.text if cue_span else None,
        cue_span=cue_span,
        content=Span.of(text, post.content_start, post.content_end),
        direct=True,
        embedded=True,
        date=date,
        confidence=0.9 if speaker_span else 0.6,
        rule="embedded_post",
    )
