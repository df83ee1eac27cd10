"""Person names and roles (lang/names.py): when two written names can be one person, and roles compared
by country and title. Moved from tests/link/test_link.py, assertions unchanged."""
from __future__ import annotations

import pytest

from newstrace.lang.names import differ_by_middle_name, names_compatible, parse_person, role_signature


@pytest.mark.parametrize(
    ("a", "b", "nicknames", "expected"),
    [
        ("Alexander Trufanov", "A. Trufanov", (), True),
        ("Alexander Trufanov", "Trufanov", (), True),
        ("Alexander Trufanov", "Sasha Trufanov", ("sasha",), True),
        # a nickname recorded for one name says nothing about other first names
        ("Abdullah Abdullah", "Mohammed Abdullah", ("abdullah",), False),
        ("Alexander Trufanov", "Sasha Trufanov", (), False),
        ("Alexander Trufanov", "Yelena Trufanova", (), False),
        ("John Smith", "Jane Smith", (), False),
        ("Mr. Rahami", "Ahmad Khan Rahami", (), True),
        ("George W. Bush", "George H. W. Bush", (), False),
        ("Ursula von der Leyen", "von der Leyen", (), True),
        ("King Abdullah II", "Abdullah Abdullah", (), False),
        ("J. Christopher Stevens", "Christopher Stevens", (), True),
        ("J. Christopher Stevens", "Mark Stevens", (), False),
        # a name signed with initials only needs a given name for every initial
        ("R.J. Costa", "Rita Costa", (), False),
        ("R.J. Costa", "R. Costa", (), True),
        ("R.J. Costa", "Rita Jane Costa", (), True),
        ("R.J. Costa", "Rita Maria Costa", (), False),
    ],
)
def test_person_name_compatibility(a, b, nicknames, expected):
    # ``nicknames`` were given in parentheses beside ``a``
    assert names_compatible(parse_person(b), parse_person(a), frozenset(), frozenset(nicknames)) is expected
    assert names_compatible(parse_person(a), parse_person(b), frozenset(nicknames), frozenset()) is expected


def test_roles_and_descriptions_compare_by_country_and_title():
    assert role_signature("the Russian president") == role_signature("President of Russia")
    assert role_signature("the Russian president") != role_signature("the Israeli president")


def test_middle_name_only_on_one_side_tells_the_people_of_one_article_apart():
    assert differ_by_middle_name(parse_person("Daniel Ifeanyi Okafor"), parse_person("Daniel Okafor"))
    assert not differ_by_middle_name(parse_person("Daniel I. Okafor"), parse_person("Daniel Okafor"))
    assert not differ_by_middle_name(parse_person("Grace Okafor"), parse_person("Daniel Okafor"))
