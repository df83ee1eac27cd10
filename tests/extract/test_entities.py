"""Entities: one type per name in an article, surnames and nicknames joined to full names, roles."""
from __future__ import annotations

import pytest

TEXT = (
    "Kremlin spokesperson Dmitry Peskov said on Monday that Moscow was grateful. "
    "Maria Ivanova (Masha) Kuznetsova, a dual national, was freed after 400 days. "
    "Kuznetsova later thanked her brother, Oleg, who had campaigned for her release. "
    "Masha spoke briefly to reporters. Peskov added that talks would go on."
)


@pytest.fixture(scope="module")
def result(extract):
    return extract(TEXT, published="2025-03-04")


def by_name(result, name):
    found = [e for e in result.entities if e.name == name]
    assert found, f"no entity named {name!r}: {[e.name for e in result.entities]}"
    return found[0]


def test_every_mention_span_holds_its_text(result):
    for entity in result.entities:
        for m in entity.mentions:
            assert TEXT[m.span.start:m.span.end] == m.span.text


def test_surname_alone_joins_the_full_name(result):
    peskov = by_name(result, "Dmitry Peskov")
    assert len(peskov.mentions) == 2
    assert all(e.name != "Peskov" for e in result.entities)


def test_role_before_the_name_and_its_affiliation(result):
    peskov = by_name(result, "Dmitry Peskov")
    assert peskov.role == "Kremlin spokesperson"
    assert peskov.affiliation is not None and peskov.affiliation.name == "Kremlin"


def test_one_entity_has_one_id_and_type(result):
    ids = [e.id for e in result.entities]
    assert len(ids) == len(set(ids))
    for e in result.entities:
        assert e.type in ("PERSON", "ORG", "GPE", "NORP", "LOC", "FAC")


def test_mention_index_points_at_the_entities(result, nlp):
    from newstrace.extract.entities import extract_entities
    from newstrace.pipeline import Context
    from newstrace.records import Article

    # The index lives on the pipeline's context, which later stages read.
    # (the same article id: a name kept to its article has an id made with it)
    ctx = Context(article=Article(id=result.article.id, text=TEXT), doc=nlp(TEXT))
    entities = extract_entities(ctx.doc, context=ctx)
    start = TEXT.index("Peskov added")
    hit = ctx.entity_at(start, start + len("Peskov"))
    assert hit is not None and hit.name == "Dmitry Peskov"
    assert {e.id for e in entities} == {e.id for e in result.entities}


def test_nickname_in_parentheses_is_an_alias(extract):
    text = ("Freed hostage Alexei (Lyosha) Morozov returned home on Sunday. "
            "Lyosha hugged his father. Morozov thanked the mediators.")
    result = extract(text, published="2025-03-04")
    people = [e for e in result.entities if e.type == "PERSON" and "Morozov" in e.name]
    assert len(people) == 1
    assert people[0].name == "Alexei Morozov"
    assert "Lyosha" in people[0].aliases
    assert len(people[0].mentions) >= 3


def test_different_people_sharing_a_surname_stay_apart(extract):
    text = ("Anna Petrova, a nurse, was released on Friday. Her husband Ivan Petrova waited at the "
            "border crossing. Anna Petrova said she was tired.")
    result = extract(text, published="2025-03-04")
    names = {e.name for e in result.entities if e.type == "PERSON"}
    assert {"Anna Petrova", "Ivan Petrova"} <= names


def test_entity_ids_are_stable_across_articles(extract):
    a = extract("The minister met Dmitry Peskov in Moscow on Monday.", published="2025-03-04")
    b = extract("Dmitry Peskov spoke to reporters in Moscow.", published="2025-03-05")
    ida = {e.name: e.id for e in a.entities}
    idb = {e.name: e.id for e in b.entities}
    assert ida["Dmitry Peskov"] == idb["Dmitry Peskov"]
    assert ida["Moscow"] == idb["Moscow"]


@pytest.mark.parametrize(
    ("written", "debris"),
    [
        ("Lagos 03:12", True),  # a video's running time glued to a name
        ("Ade Bello/AFP/Getty Images", True),  # a photo credit
        ("http://example.org/x", True),
        ("Copyright 2015", True),
        ("navy", True),  # no capital letter: not written as a name
        ("JUST WATCHED", True),  # page words
        ("Lagos Herald LLC", False),
        ("82nd Airborne Division", False),
        ("F/A-18", False),
        ("G20", False),
    ],
)
def test_page_debris_is_not_a_name(written, debris):
    from newstrace.extract.entities import is_debris

    assert is_debris(written, written) is debris


def test_page_debris_leaves_no_entity(extract):
    # The model tags both the photo credit and "WATCHED" (a video player's label) as organisations.
    text = ("Protesters marched through Lagos on Saturday. Photo: Ade Bello/AFP/Getty Images. "
            "Police chief Tunde Adeyemi met them at noon. JUST WATCHED")
    names = {e.name for e in extract(text, published="2015-05-02").entities}
    assert "Lagos" in names
    assert not any("/" in n or "WATCHED" in n for n in names), names


@pytest.mark.parametrize(
    ("type_", "name", "scope"),
    [
        ("ORG", "Navy", "generic"),
        ("ORG", "Armed Services Committee", "generic"),
        ("ORG", "British Embassy", "generic"),  # a country has many embassies
        ("ORG", "Chilean Navy", "global"),  # and one navy
        ("ORG", "Lagos Herald", "global"),
        ("PERSON", "Tunde Adeyemi", "global"),
        ("PERSON", "Adeyemi", "bare"),
        ("PERSON", "Governor Adeyemi", "bare"),
        ("NORP", "Chilean", "global"),
        ("ORG", "National Security Advisor", "generic"),  # a post many hold in turn
        ("ORG", "Office of the Director of National Intelligence", "global"),  # a title inside a name
        ("ORG", "Add Interest", "debris"),  # a button on a news page
        ("ORG", "the Sun", "common"),  # a tabloid, a palace, a holiday: which depends on the article
        ("LOC", "Atlantic", "common"),  # a magazine or an ocean
        ("NORP", "Communists", "common"),  # every country has its own party
        ("ORG", "KZP", "common"),  # initials nobody knows
        ("NORP", "European", "global"),  # a people named by an adjective
        ("NORP", "Islamists", "global"),  # word_kinds.yaml people: one group everywhere
        ("GPE", "Reading", "global"),  # a town named by a common word is still a town
    ],
)
def test_how_far_a_name_reaches(type_, name, scope):
    from newstrace.lang import name_scope

    assert name_scope(type_, name) == scope


def test_common_words_come_from_the_model_extraction_loads():
    from newstrace.lang.kinds import MODELS, common_words
    from newstrace.nlp import DEFAULT_MODELS

    assert MODELS == DEFAULT_MODELS
    assert {"sun", "atlantic", "suspect", "communism"} <= common_words()
    assert not {"apple", "airbus", "europe"} & common_words()  # nouns only: as often a proper name


def test_a_common_word_or_initials_the_knowledge_base_knows_reach_everywhere():
    from newstrace import kb
    from newstrace.lang import name_scope

    for name in ("NATO", "Hamas", "Taliban"):
        assert name_scope("ORG", name, known=kb.lookup(name) is not None) == "global", name
    # the actor dictionaries know these initials (a police, a spy agency, a medium): one everywhere
    for name in ("FBI", "CIA", "CNN"):
        assert name_scope("ORG", name) == "global", name


def test_generic_and_bare_names_have_an_id_per_article_full_names_one_everywhere(extract):
    one = extract("The Navy said Admiral Rosa Quispe inspected the port. Quispe was pleased.",
                  published="2015-05-02")
    two = extract("Admiral Rosa Quispe said the Navy would buy ships. Quispe spoke in Lima.",
                  published="2015-05-03")
    ids_one = {e.name: e.id for e in one.entities}
    ids_two = {e.name: e.id for e in two.entities}
    assert ids_one["Rosa Quispe"] == ids_two["Rosa Quispe"]
    assert ids_one["Navy"] != ids_two["Navy"]


def test_a_leading_preposition_is_not_part_of_a_name(extract):
    result = extract("Near Palmyra, government troops advanced on Sunday.")
    assert "Near Palmyra" not in [e.name for e in result.entities]


def test_a_one_word_name_where_fighting_continued_is_a_place(extract):
    result = extract("Government troops advanced on Sunday. Fighting continued in Daquq and around Raqqah.")
    types = {e.name: e.type for e in result.entities}
    assert types.get("Daquq") == "GPE" and types.get("Raqqah") == "GPE"
