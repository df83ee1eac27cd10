"""geo/typing.py and the place rules' word lists."""
from __future__ import annotations


def test_the_place_rules_read_their_word_lists_from_geo_data():
    """geo/gazetteer.py, resolve.py and typing.py keep no word list in code: geo/data/words.yaml has them,
    one definition each (titles once for resolution and typing); parser labels may stay."""
    from spacy.glossary import GLOSSARY

    from newstrace.geo.words import geo_words
    from tests.lang.test_lang import SRC, _word_sets_in_code

    found = [f for name in ("gazetteer.py", "resolve.py", "typing.py")
             for f in _word_sets_in_code(SRC / "geo" / name, 5)]
    labels = {k.lower() for k in GLOSSARY}
    words_found = [f for f in found if not set(f.split("(")[1].rstrip(".) ").split()) <= labels]
    assert not words_found, "\n".join(words_found)
    words = geo_words()
    assert {"mr", "president", "sheikh"} <= words.titles and "shell" in words.force_verbs
