"""The text of a spaCy Doc, computed once per Doc.

``Doc.text`` is not stored: spaCy joins every token's text on each access, so an extractor that slices
``doc.text`` per entity or per argument pays a whole-document join each time (on a 500-token article,
hundreds of joins: most of the extraction time before this helper). ``doc_text(doc)`` gives the same
string, joined once and kept while the Doc lives.
"""
from __future__ import annotations

import weakref

_TEXTS: "weakref.WeakKeyDictionary[object, str]" = weakref.WeakKeyDictionary()


def doc_text(doc) -> str:
    """Return ``doc.text``, joined once per Doc."""
    try:
        return _TEXTS[doc]
    except KeyError:
        text = _TEXTS[doc] = doc.text
        return text
    except TypeError:  # not weak-referenceable (a stand-in object in a test): no cache
        return doc.text
