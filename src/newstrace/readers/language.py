"""Which language an article is written in, told by py3langid's bundled model (offline, no download).

Why py3langid: its naive Bayes model over byte n-grams (langid.py's, 97 languages) ships inside the
wheel, loads in about a second, answers in milliseconds, and gives the same answer every time (langdetect
is random unless seeded; fastText-based detectors fetch or carry a 100+ MB model; lingua's wheel is
large). It is only asked one question here: is this article English, so that the English rules may
run on it?

Short or mixed texts are unsure ground, and a wrong "not English" would silently drop an English
article's records, so an article counts as another language only when the model is confident
(``MIN_CONFIDENCE``) on enough letters (``MIN_LETTERS``); otherwise it stays English.
"""
from __future__ import annotations

import threading
from dataclasses import replace

import pycountry

from ..records import Article

ENGLISH = "en"
MIN_CONFIDENCE = 0.9
MIN_LETTERS = 40
# the model reads this much of an article: enough to decide, bounded cost on a very long text
SAMPLE_CHARS = 4000

_IDENTIFIER = None
_LOCK = threading.Lock()


def _identifier():
    # loaded lazily, once: a second of start-up that commands which never read an article do not pay
    global _IDENTIFIER
    with _LOCK:
        if _IDENTIFIER is None:
            from py3langid.langid import MODEL_FILE, LanguageIdentifier  # lazily: see above

            _IDENTIFIER = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _IDENTIFIER


def detect_language(text: str) -> tuple[str, float]:
    """Return ``(ISO 639-1 code, confidence)`` of ``text``; ``("en", 0.0)`` when there is too little to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return ENGLISH, 0.0
    code, confidence = _identifier().classify(sample)
    return code, float(confidence)


def language_name(code: str) -> str:
    """Return the English name of a language code (``ko`` -> ``Korean``), or the code itself."""
    found = pycountry.languages.get(alpha_2=code) if len(code) == 2 else None
    return found.name if found is not None else code


def not_english_notice(code: str) -> str:
    """Return the one-line notice an article in another language carries."""
    return (f"written in {language_name(code)} ({code}), not English: stored with its language, "
            "without events, entities, figures or quotes (the rules are English only)")


def with_language(article: Article) -> Article:
    """Return the article with ``language`` set from its text, and a notice when it is not English."""
    code, confidence = detect_language(article.text)
    if code == ENGLISH or confidence < MIN_CONFIDENCE:
        if article.language == ENGLISH:
            return article
        code = ENGLISH  # a page's own lang attribute is often a template default: the text decides
    meta = dict(article.meta)
    if code != ENGLISH:
        meta["warnings"] = [*(meta.get("warnings") or []), not_english_notice(code)]
    return replace(article, language=code, meta=meta)
