"""Entity linking precision and the splits it must still join: short first names ("Chris" for
Christopher), outlets in credit lines, one word naming two kinds of thing, initials the article spells out.

Records are written by hand (``Report``) on articles written for these tests; stores are real SQLite files.
"""
from __future__ import annotations

from sqlalchemy import select

from newstrace.ids import entity_id
from newstrace.lang.kinds import name_scope
from newstrace.lang.names import names_compatible, parse_person, same_given_name
from newstrace.records import Entity, Mention, Span
from newstrace.store import schema

from .test_link import Report, _canonical, _linked_store


def _scoped(report: Report, type_: str, name: str) -> str:
    """Add a row kept to the report's article (as extraction keys a bare or common name) and return its id."""
    text = report.article.text
    spans, at = [], text.find(name)
    while at >= 0:
        spans.append(Mention(report.article.id, Span.of(text, at, at + len(name))))
        at = text.find(name, at + len(name))
    assert spans, name
    row = entity_id(type_, name, report.article.id)
    report.entities[f"{type_}:{name}"] = Entity(id=row, type=type_, name=name, mentions=tuple(spans))
    return row


def _canonical_id(store, row: str) -> str:
    e = schema.entities
    with store.engine.connect() as conn:
        return conn.execute(select(e.c.canonical_id).where(e.c.id == row)).scalar_one()


def test_a_short_first_name_is_the_full_one():
    assert same_given_name("chris", "christopher") and same_given_name("william", "bill")
    assert not same_given_name("chris", "charles")
    assert not same_given_name("bill", "bob")  # two short forms of different names
    stevens = parse_person("J. Christopher Vantongeren")
    assert names_compatible(parse_person("Chris Vantongeren"), stevens)
    assert names_compatible(parse_person("Bill Okafor"), parse_person("William J. Okafor"))
    assert not names_compatible(parse_person("Bill Okafor"), parse_person("Robert Okafor"))


def test_a_short_first_name_joins_the_one_full_name_in_either_order(tmp_path):
    def reports():
        full = Report("Ambassador J. Christopher Vantongeren arrived in Tripoli on Monday.", "2012-09-10")
        full.entity("PERSON", "J. Christopher Vantongeren")
        short = Report("Chris Vantongeren loved Libya, his sister said.", "2012-09-13")
        short.entity("PERSON", "Chris Vantongeren")
        return full, short

    for order in ((0, 1), (1, 0)):
        built = reports()
        store = _linked_store(tmp_path / "".join(map(str, order)), [built[i] for i in order])
        assert _canonical(store, "Chris Vantongeren") == _canonical(store, "J. Christopher Vantongeren")
        store.close()


def test_a_short_first_name_that_fits_two_full_names_joins_neither(tmp_path):
    brother = Report("Christopher Marchetti runs the port authority in Genoa.", "2015-04-01")
    brother.entity("PERSON", "Christopher Marchetti")
    sister = Report("Christine Marchetti sings at La Scala this week.", "2015-04-02")
    sister.entity("PERSON", "Christine Marchetti")
    either = Report("Chris Marchetti was seen in Milan.", "2015-04-03")
    either.entity("PERSON", "Chris Marchetti")
    store = _linked_store(tmp_path, [brother, sister, either])
    chris = _canonical(store, "Chris Marchetti")
    assert chris not in {_canonical(store, "Christopher Marchetti"), _canonical(store, "Christine Marchetti")}
    store.close()


def test_an_outlet_in_a_credit_line_is_not_the_person_of_that_surname(tmp_path):
    people = ("Halvard Lindqvist", "Ottoline Brisbane-Rao")
    mayor = Report("Mayor Desmond Quillfeather met Halvard Lindqvist and Ottoline Brisbane-Rao in Boston.",
                   "2019-10-01")
    mayor.entity("PERSON", "Desmond Quillfeather")
    for name in people:
        mayor.entity("PERSON", name)
    column = Report("\u201cThe vote is close,\u201d Halvard Lindqvist and Ottoline Brisbane-Rao said.\n\n"
                    "\u201cNobody expected it.\u201d\n\nMarta Ilves, Quillfeather\n\nMore opinions follow.",
                    "2019-10-03")
    for name in (*people, "Marta Ilves"):
        column.entity("PERSON", name)
    outlet = _scoped(column, "PERSON", "Quillfeather")
    # the same surname in running text, with the same people around: the mayor
    news = Report("Quillfeather thanked Halvard Lindqvist and Ottoline Brisbane-Rao on Friday.", "2019-10-04")
    for name in people:
        news.entity("PERSON", name)
    surname = _scoped(news, "PERSON", "Quillfeather")
    store = _linked_store(tmp_path, [mayor, column, news])
    assert _canonical_id(store, outlet) != _canonical(store, "Desmond Quillfeather")
    assert _canonical_id(store, surname) == _canonical(store, "Desmond Quillfeather")
    store.close()


def test_one_common_word_for_a_magazine_and_an_ocean_stays_two_entities(tmp_path):
    assert name_scope("ORG", "Atlantic") == "common"
    shared = ("Paulette Okonjo", "Greyfield Shipping")
    magazine = Report("Paulette Okonjo wrote in the Atlantic that Greyfield Shipping had lied.", "2018-02-01")
    magazine.entity("PERSON", shared[0]), magazine.entity("ORG", shared[1])
    monthly = _scoped(magazine, "ORG", "Atlantic")
    ocean = Report("Greyfield Shipping lost a tanker in the Atlantic, Paulette Okonjo said.", "2018-03-01")
    ocean.entity("PERSON", shared[0]), ocean.entity("ORG", shared[1])
    sea = _scoped(ocean, "LOC", "Atlantic")
    again = Report("In the Atlantic, Paulette Okonjo asked why Greyfield Shipping hid the losses.", "2018-04-01")
    again.entity("PERSON", shared[0]), again.entity("ORG", shared[1])
    monthly_again = _scoped(again, "ORG", "Atlantic")
    store = _linked_store(tmp_path, [magazine, ocean, again])
    assert _canonical_id(store, monthly) != _canonical_id(store, sea)
    assert _canonical_id(store, monthly) == _canonical_id(store, monthly_again)
    store.close()


def test_initials_join_the_name_the_article_spells_out_without_parentheses(tmp_path):
    assert name_scope("ORG", "OCN") == "common"
    article = Report("The Office of Coastal Navigation said on Monday that OCN divers found the wreck.",
                     "2017-06-05")
    article.entity("ORG", "Office of Coastal Navigation")
    initials = _scoped(article, "ORG", "OCN")
    # two names of the article with the same initials: the article does not say which
    two = Report("The Orkney Coast Network and the Office of Coastal Navigation disagree; OCN staff left.",
                 "2017-06-06")
    two.entity("ORG", "Orkney Coast Network"), two.entity("ORG", "Office of Coastal Navigation")
    unclear = _scoped(two, "ORG", "OCN")
    store = _linked_store(tmp_path / "one", [article])
    assert _canonical_id(store, initials) == _canonical(store, "Office of Coastal Navigation", "ORG")
    store.close()
    for order in ((article, two), (two, article)):
        store = _linked_store(tmp_path / str(order[0] is two), list(order))
        office = _canonical(store, "Office of Coastal Navigation", "ORG")
        assert _canonical_id(store, unclear) != office
        # once the store knows a second name with those initials, the first article's OCN is no longer
        # sure either, whichever article was linked first
        assert _canonical_id(store, initials) != office
        store.close()


def test_a_monarchs_name_is_not_the_bare_given_name():
    assert parse_person("Richard III").surname == "richard iii"
    assert not names_compatible(parse_person("Richard"), parse_person("Richard III"))
    assert names_compatible(parse_person("Kenneth T. Cuccinelli II"), parse_person("Kenneth Cuccinelli"))


def test_members_of_parliament_typed_as_a_person_are_nobodys_name():
    assert name_scope("PERSON", "MPs") == "generic"
    assert name_scope("PERSON", "Tory MPs") == "generic"


def test_a_name_shared_by_every_article_does_not_join_a_common_word_of_one_article(tmp_path):
    shared = ("Paulette Okonjo", "Greyfield Shipping")
    magazine = Report("Paulette Okonjo wrote in the Atlantic that Greyfield Shipping had lied.", "2018-02-01")
    magazine.entity("PERSON", shared[0]), magazine.entity("ORG", shared[1])
    monthly = _scoped(magazine, "ORG", "Atlantic")
    # typed GPE the name is shared by every article (a place's name), and is not the magazine
    ocean = Report("Greyfield Shipping lost a tanker in the Atlantic, Paulette Okonjo said.", "2018-03-01")
    ocean.entity("PERSON", shared[0]), ocean.entity("ORG", shared[1]), ocean.entity("GPE", "Atlantic")
    store = _linked_store(tmp_path, [magazine, ocean])
    assert _canonical_id(store, monthly) != _canonical(store, "Atlantic", "GPE")
    store.close()


def test_a_surname_typed_as_a_place_joins_the_person_the_article_names_in_full(tmp_path):
    article = Report("Ludovic Osterhagen vanished in Istanbul. Friends of Osterhagen said he was afraid.",
                     "2018-10-09")
    article.entity("PERSON", "Ludovic Osterhagen")
    article.entity("GPE", "Osterhagen")
    # an organisation named like a person of the article is left alone: firms bear their founders' names
    firm = Report("Margit Hollenbeck founded Hollenbeck, which she left in 2010.", "2018-10-10")
    firm.entity("PERSON", "Margit Hollenbeck")
    firm.entity("ORG", "Hollenbeck")
    store = _linked_store(tmp_path, [article, firm])
    assert _canonical(store, "Osterhagen", "GPE") == _canonical(store, "Ludovic Osterhagen")
    assert _canonical(store, "Hollenbeck", "ORG") != _canonical(store, "Margit Hollenbeck")
    store.close()


def test_a_person_name_ending_in_a_post_joins_nothing(tmp_path):
    caption = Report("Fmr. NATO Cmdr. says Halvard Lindqvist misled Greyfield Shipping.", "2015-06-01")
    caption.entity("PERSON", "NATO Cmdr"), caption.entity("PERSON", "Halvard Lindqvist")
    caption.entity("ORG", "Greyfield Shipping")
    # the same people around it: still a post, not the person of the caption
    spokesman = Report("Cmdr. Ilse Varga said Halvard Lindqvist had met Greyfield Shipping.", "2015-06-02")
    spokesman.entity("PERSON", "Halvard Lindqvist"), spokesman.entity("ORG", "Greyfield Shipping")
    cmdr = _scoped(spokesman, "PERSON", "Cmdr")
    store = _linked_store(tmp_path, [caption, spokesman])
    assert _canonical_id(store, cmdr) == cmdr  # alone
    assert _canonical(store, "NATO Cmdr") == entity_id("PERSON", "NATO Cmdr")
    store.close()


def test_initials_spelled_out_nearby_stay_apart_when_the_store_knows_another_name_for_them(tmp_path):
    committee = Report("The Varnish National Committee (VNC) met in Lyon.", "2016-07-01")
    committee.entity("ORG", "Varnish National Committee")
    _scoped(committee, "ORG", "VNC")
    convention = Report("The Varnish National Convention opened; VNC leaders cheered.", "2016-07-20")
    convention.entity("ORG", "Varnish National Convention")
    leaders = _scoped(convention, "ORG", "VNC")
    store = _linked_store(tmp_path, [committee, convention])
    assert _canonical_id(store, leaders) != _canonical(store, "Varnish National Convention", "ORG")
    store.close()


def test_a_surname_tagged_alone_as_a_place_after_the_given_name_joins_the_known_person(tmp_path):
    known = Report("Ludovic Osterhagen wrote columns for the Tribune.", "2018-10-01")
    known.entity("PERSON", "Ludovic Osterhagen")
    later = Report("A year after the killing of Ludovic Osterhagen, the inquiry stalled.", "2019-10-02")
    later.entity("GPE", "Osterhagen")  # the model tagged the surname alone, as a place
    store = _linked_store(tmp_path, [known, later])
    assert _canonical(store, "Osterhagen", "GPE") == _canonical(store, "Ludovic Osterhagen")
    store.close()


def test_and_company_after_a_surname_or_initials_is_not_a_legal_form(tmp_path):
    counsel = Report("Special counsel Oswin Drabble questioned the aides.", "2018-05-01")
    counsel.entity("PERSON", "Oswin Drabble")
    team = Report("Drabble & Co. had no evidence, the columnist wrote. Drabble said nothing.", "2018-05-02")
    team.entity("ORG", "Drabble & Co"), team.entity("ORG", "Drabble")
    firm = Report("Kestrelwood & Co said profits rose; Kestrelwood makes valves.", "2018-05-03")
    firm.entity("ORG", "Kestrelwood & Co"), firm.entity("ORG", "Kestrelwood")
    store = _linked_store(tmp_path, [counsel, team, firm])
    assert _canonical(store, "Drabble & Co", "ORG") != _canonical(store, "Drabble", "ORG")
    assert _canonical(store, "Kestrelwood & Co", "ORG") == _canonical(store, "Kestrelwood", "ORG")
    store.close()


def test_a_bare_surname_goes_to_the_full_name_far_more_in_the_news_than_the_others(tmp_path):
    reports = []
    for day in range(1, 12):
        senator = Report(f"Senator Oswin Pellegrino met Tamsin Okoro and the Harwich Port Authority ({day}).",
                         f"2021-03-{day:02d}")
        senator.entity("PERSON", "Oswin Pellegrino"), senator.entity("PERSON", "Tamsin Okoro")
        senator.entity("ORG", "Harwich Port Authority")
        reports.append(senator)
    debris = Report("Top Pellegrino aides met Tamsin Okoro and the Harwich Port Authority.", "2021-03-12")
    debris.entity("PERSON", "Top Pellegrino"), debris.entity("PERSON", "Tamsin Okoro")
    debris.entity("ORG", "Harwich Port Authority")
    bare = Report("Pellegrino told the Harwich Port Authority that Tamsin Okoro would sign.", "2021-03-13")
    row = _scoped(bare, "PERSON", "Pellegrino")
    bare.entity("PERSON", "Tamsin Okoro"), bare.entity("ORG", "Harwich Port Authority")
    store = _linked_store(tmp_path / "one", [*reports, debris, bare])
    assert _canonical_id(store, row) == _canonical(store, "Oswin Pellegrino")
    store.close()
    # a second full name in the news about as much: either could be meant, neither is chosen
    sister = [Report(f"Ilse Pellegrino met Tamsin Okoro and the Harwich Port Authority ({day}).", f"2021-03-{day:02d}")
              for day in range(1, 12)]
    for report in sister:
        report.entity("PERSON", "Ilse Pellegrino"), report.entity("PERSON", "Tamsin Okoro")
        report.entity("ORG", "Harwich Port Authority")
    store = _linked_store(tmp_path / "two", [*reports, *sister, bare])
    assert _canonical_id(store, row) not in {_canonical(store, "Oswin Pellegrino"), _canonical(store, "Ilse Pellegrino")}
    store.close()


def test_a_first_name_alone_is_the_person_its_article_names_in_full_with_it(tmp_path):
    story = Report("Police said Tamberlo Vashenko was killed overnight. Tamberlo, 26, had fled with his brother.",
                   "2013-04-19")
    story.entity("PERSON", "Tamberlo Vashenko")
    first = _scoped(story, "PERSON", "Tamberlo")
    # the word is also the surname of someone the article names: it cannot be told which
    other = Report("Ilse Tamberlo and Tamberlo Vashenko met Kestrel; Tamberlo left early.", "2013-04-20")
    other.entity("PERSON", "Ilse Tamberlo"), other.entity("PERSON", "Tamberlo Vashenko")
    unclear = _scoped(other, "PERSON", "Tamberlo")
    store = _linked_store(tmp_path, [story, other])
    assert _canonical_id(store, first) == _canonical(store, "Tamberlo Vashenko")
    assert _canonical_id(store, unclear) != _canonical(store, "Tamberlo Vashenko")
    store.close()
