"""One-word common nouns and unknown initials ("the Sun", "Communist", "CSU") are kept to their article
and linked across articles only on evidence; names the knowledge base knows ("NATO") are one everywhere.

Real spaCy extraction into a real SQLite store, then linking.
"""
from __future__ import annotations

from newstrace.link import link_pending
from newstrace.store import open_store
from tests.link.test_link import _canonical_of


def _linked(tmp_path, extract, articles):
    store = open_store(tmp_path / "common.db")
    results = [extract(text, published=published) for text, published in articles]
    for result in results:
        store.write_result(result)
    link_pending(store)
    return store, [r.article.id for r in results]


def test_the_sun_in_two_senses_stays_two_entities_and_nato_is_one(tmp_path, extract):
    store, (tabloid, palace) = _linked(tmp_path, extract, [
        (("Rupert Dalgleish, the editor of the Sun, said the tabloid would print the photographs on "
         "Friday. NATO said its ships would patrol the Aegean Sea."), "2016-03-01"),
        (("Thai police guarded the Sun Palace in Chiang Rai as King Vajiralongkorn arrived. Officials said "
         "the Sun had been closed to visitors for a month. Turkey asked NATO for air defence batteries."),
         "2016-03-02"),
    ])
    assert _canonical_of(store, "Sun", tabloid) != _canonical_of(store, "Sun", palace)
    assert _canonical_of(store, "NATO", tabloid) == _canonical_of(store, "NATO", palace)
    store.close()


def test_a_party_word_of_two_countries_stays_two_entities(tmp_path, extract):
    store, (nepal, vietnam) = _linked(tmp_path, extract, [
        ("In Kathmandu, Communist lawmakers said Pushpa Dahal would join the coalition.", "2016-03-07"),
        ("In Hanoi, Communist officials met Chinese envoys.", "2016-03-08"),
    ])
    assert _canonical_of(store, "Communist", nepal) != _canonical_of(store, "Communist", vietnam)
    store.close()


def test_initials_join_the_name_an_article_spells_them_out_with_and_no_namesake(tmp_path, extract):
    store, (party, again, college) = _linked(tmp_path, extract, [
        (("The Christian Social Union (CSU) said on Monday it would back Horst Seehofer. Markus Soeder "
         "of the CSU agreed."), "2016-03-03"),
        ("Horst Seehofer and Markus Soeder told the CSU congress in Munich to stand firm.", "2016-03-05"),
        ("Students at CSU protested tuition rises in Sacramento, the university said.", "2016-03-04"),
    ])
    long_name = _canonical_of(store, "Christian Social Union", party)
    assert _canonical_of(store, "CSU", party) == long_name  # the article says they are one
    assert _canonical_of(store, "CSU", again) == long_name  # the same people around it: the same party
    assert _canonical_of(store, "CSU", college) != long_name  # a university elsewhere
    store.close()
