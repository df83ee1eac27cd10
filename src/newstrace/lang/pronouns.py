"""English pronouns, one definition of each set.

Pronouns are a closed class of a few dozen words, so they are kept here in code rather than in a data file.
"""
from __future__ import annotations

# Pronouns that stand for a person, and for a group or a body ("they said", "its spokesman").
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
GROUP_PRONOUNS = frozenset({"they", "them", "their", "theirs", "it", "its", "we", "our"})
# Pronouns of the first person: in a quotation they stand for its speaker ("we will retaliate").
FIRST_PERSON_PRONOUNS = frozenset({"i", "me", "my", "we", "us", "our"})
# Pronouns that open a relative clause and take its antecedent ("the minister, who said").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom", "whose"})
# Words that can fill an event's party without naming one: the coder looks for the name they stand for.
ARGUMENT_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "you", "who", "which", "that", "this", "these",
                               "those"})
# Every word above: a party written only as one of these names nobody.
ALL_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | RELATIVE_PRONOUNS | ARGUMENT_PRONOUNS
# Pronoun objects that stand for people ("criticized him": a stance towards him); "it", "that" and "what"
# stand for a thing said elsewhere and are left out. Read by the quotes stage.
PERSON_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "me", "us", "you", "himself", "herself", "themselves"})
# Pronouns by the antecedent they take, for coding a party through it: plural ones stand for a group or a
# people, subject ones begin a clause whose subject is read from the clause above ("X said they would").
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})
SUBJECT_PRONOUNS = frozenset({"it", "they", "he", "she"})
