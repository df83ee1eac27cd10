"""The language floor: what extraction and linking both know about English words.

Names and honorifics (``names``), the kind of each word of a name and how far a name reaches (``kinds``),
pronouns (``pronouns``), month words (``calendar``), the words of event roles (``roles``), of event coding
(``events``), of event linking (``linking``: killings, annexations, present-state dates) and of what a
phrase is (``phrases``: places, a date's bounds, counts, titles, audiences), and the word lists in
``data/`` (dates, numbers, units, figure words, quotation cues, word kinds, roles, events, phrases,
linking), all read through ``newstrace.datafiles``. Stages import from here; nothing here imports a stage or ``link``.
"""
from __future__ import annotations

from .calendar import dating_words, month_names, month_numbers, month_words, weekday_names
from .events import EventWords, event_words
from .kinds import is_country_word, is_post, name_scope, word_kinds
from .names import HONORIFICS, ROYAL, PersonName, parse_person
from .phrases import PhraseWords, phrase_words
from .pronouns import (
                       ALL_PRONOUNS,
                       ARGUMENT_PRONOUNS,
                       FIRST_PERSON_PRONOUNS,
                       GROUP_PRONOUNS,
                       PERSON_PRONOUNS,
                       PLURAL_PRONOUNS,
                       RELATIVE_PRONOUNS,
                       SUBJECT_PRONOUNS,
)
from .roles import RoleWords, role_words

__all__ = [
    "ALL_PRONOUNS", "ARGUMENT_PRONOUNS", "FIRST_PERSON_PRONOUNS", "GROUP_PRONOUNS", "HONORIFICS", "PERSON_PRONOUNS",
    "PLURAL_PRONOUNS", "RELATIVE_PRONOUNS", "ROYAL", "SUBJECT_PRONOUNS", "EventWords", "PersonName", "PhraseWords",
    "RoleWords", "dating_words", "event_words", "is_country_word", "is_post", "month_names", "month_numbers", "month_words",
    "name_scope", "parse_person", "phrase_words", "role_words", "weekday_names", "word_kinds",
]
