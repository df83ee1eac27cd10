"""The text of a spaCy Doc, computed once per Doc.

``Doc.text`` is not stored: spaCy joins every token's text on each access, so an extractor that slices
``doc.text`` per entity or per argument pays a whole-document join each time (on a 500-token article,
hundreds of joins: most of the extraction time before this helper). ``doc_text(doc)`` gives the same
string, joined once and kept while the Doc lives.
"""
from __future__ import annotations

import weakref

import numpy

_TEXTS: weakref.WeakKeyDictionary[object, str] = weakref.WeakKeyDictionary()


def doc_text(doc) -> str:
    """Return ``doc.text``, joined once per Doc."""
    try:
        return _TEXTS[doc]
    except KeyError:
        text = _TEXTS[doc] = doc.text
        return text
    except TypeError:  # not weak-referenceable (a stand-in object in a test): no cache
        return doc.text


_POS: weakref.WeakKeyDictionary[object, object] = weakref.WeakKeyDictionary()


def tokens_tagged(doc, *pos: str):
    """Yield the tokens of ``doc`` whose coarse part of speech is one of ``pos``, in order.

    Iterating a Doc makes a Python Token object for every word; the extractors that look only at
    verbs or nouns read the part-of-speech column as one array (kept while the Doc lives) and make
    Tokens for those alone.
    """
    from spacy.attrs import POS  # spaCy takes 2-3 s to import: importing this module must not

    try:
        column = _POS[doc]
    except KeyError:
        column = _POS[doc] = doc.to_array(POS)
    except TypeError:
        column = doc.to_array(POS)
    for i in numpy.isin(column, [doc.vocab.strings[p] for p in pos]).nonzero()[0]:
        yield doc[int(i)]


_SENTS: weakref.WeakKeyDictionary[object, list] = weakref.WeakKeyDictionary()


def doc_sents(doc) -> list:
    """Return ``list(doc.sents)``, found once per Doc (``Doc.sents`` walks every token on each call)."""
    try:
        return _SENTS[doc]
    except KeyError:
        sents = _SENTS[doc] = list(doc.sents)
        return sents
    except TypeError:
        return list(doc.sents)


def entity_of(token):
    """Return the named-entity span (as in ``doc.ents``) that holds ``token``, or None.

    ``doc.ents`` builds a tuple of every entity of the document on each access: looked up once per
    figure or event, it made number-dense articles quadratic. This reads the token's IOB tags instead,
    so it costs the length of the entity.
    """
    from spacy.tokens import Span  # spaCy takes 2-3 s to import: importing this module must not

    if token.ent_iob_ not in ("B", "I"):
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=doc[start].ent_type)
