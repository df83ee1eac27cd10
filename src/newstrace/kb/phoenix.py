"""CAMEO actor codes from the Phoenix/PETRARCH2 dictionaries: named actors with dated codes, and agents.

The data (``kb/data/phoenix/actors.tsv.gz``, MIT, Open Event Data Alliance; see ``NOTICE`` beside it)
is converted from the public dictionaries by ``scripts/convert_dictionaries.py``. It is loaded once per
process, on the first lookup, into a token trie kept as two hash tables (every phrase, every prefix of
a phrase), so matching a phrase costs a few lookups per word whatever the size of the dictionaries.

``code_phrase("Palestinian mayor")`` gives ``PSEGOV``: the named actor of the phrase by the code valid
on the date, else its country (or organisation) plus the sector its agent word adds.
"""
from __future__ import annotations

import functools
import gzip
import re
from dataclasses import dataclass

from ..datafiles import read_bytes
from ..errors import LexiconError
from .codes import country_of

DATA = ("data", "phoenix", "actors.tsv.gz")
_WORD = re.compile(r"[^\W_][\w'&-]*")


def normalize(text: str) -> tuple[str, ...]:
    """Return the match tokens of a phrase: upper case, dots dropped, possessive 's dropped.

    The same function reads the dictionaries (words joined by ``_``) and the text, so "U.N." and
    "UN_" meet, and "Moscow's" matches "MOSCOW".
    """
    text = text.replace("’", "'").replace("_", " ").replace(".", "").upper()
    out = []
    for word in _WORD.findall(text):
        word = word.removesuffix("'S")
        word = word.strip("'-")
        if word:
            out.append(word)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Actor:
    """A named actor: its default code and its dated codes ``(code, start, end)`` (YYYYMMDD, '' open)."""

    default: str | None
    dated: tuple[tuple[str, str, str], ...]

    def code_on(self, date: str | None) -> str | None:
        """Return the code valid on a date (YYYY[-MM[-DD]]); undated: the code that holds now."""
        return self.dated_code(date)[0]

    def dated_code(self, date: str | None) -> tuple[str | None, bool]:
        """Return the code valid on a date and whether a dated range (not the default) gave it."""
        if date:
            day = date.replace("-", "")
            day = (day + "0101")[:8] if len(day) < 8 else day[:8]
            for code, start, end in self.dated:
                if (not start or start <= day) and (not end or day <= end):
                    if not end and day > OPEN_RANGE_HORIZON:
                        # an open range is what the dictionaries knew then, not a term without end
                        return _out_of_office(code), True
                    return code, True
            if self.default is None and self.dated and all(end and end < day for _c, _s, end in self.dated):
                # after the last dated range ended: the office is left, the country stays
                return _out_of_office(max(self.dated, key=lambda d: (d[2], d[1]))[0]), True
            return self.default, False
        return self._undated(), bool(self.dated)

    def _undated(self) -> str | None:
        # Undated: the code that holds now (a range with an open end), else the default, else the latest.
        current = [d for d in self.dated if not d[2]]
        if current:
            return max(current, key=lambda d: d[1])[0]
        if self.default:
            return self.default
        if self.dated:
            # every range has ended and no date says when: the latest (a sentence without a date is read
            # as of the dictionaries' time; with a date after the end, dated_code leaves the office out)
            return max(self.dated, key=lambda d: (d[2], d[1]))[0]
        return None


# The dictionaries were last revised in 2014-19 (their latest dated entry is 2015-02-17). An open range
# ("USAGOV from 20090120") is what they knew then: it is taken to hold until the end of 2019 and not
# later, so a leader of the 2010s is not government in a 2025 article. Undated text is read as of the
# dictionaries' time (an open range holds, else the latest range).
OPEN_RANGE_HORIZON = "20191231"
# Sectors that are an office: held during a dated range only. A range that ended is not extended past
# its end (a former minister is not government); an open range is taken to still hold.
OFFICES = frozenset({"GOV", "MIL", "LEG", "JUD", "SPY", "COP"})


# Words before a title that say its holder no longer holds it ("former President X").
NOT_IN_OFFICE = frozenset({"FORMER", "EX", "OUSTED", "DEPOSED", "EXILED", "LATE", "TOPPLED", "RETIRED", "ONETIME",
                           "ONE-TIME", "EX-PRESIDENT", "EX-PRIME"})


def _out_of_office(code: str) -> str:
    """Return a code without the office its ended range gave ("USAGOV" -> "USA"); other codes as they are."""
    if len(code) >= 6 and code[3:6] in OFFICES:
        return code[:3] + code[6:]
    return code


@dataclass(slots=True)
class _Trie:
    phrases: dict[tuple[str, ...], int]
    prefixes: set[tuple[str, ...]]

    def add(self, tokens: tuple[str, ...], value: int) -> None:
        if not tokens or tokens in self.phrases:
            return  # the first entry of a phrase wins, as in the dictionaries' own order
        self.phrases[tokens] = value
        for i in range(1, len(tokens)):
            self.prefixes.add(tokens[:i])

    def matches(self, tokens: tuple[str, ...]) -> list[tuple[int, int, int]]:
        """Return the longest phrase at each position, left to right: (start, end, value)."""
        out = []
        i = 0
        while i < len(tokens):
            best = None
            j = i + 1
            while j <= len(tokens):
                key = tokens[i:j]
                if key in self.phrases:
                    best = (i, j, self.phrases[key])
                if key not in self.prefixes:
                    break
                j += 1
            if best is not None:
                out.append(best)
                i = best[1]
            else:
                i += 1
        return out


@dataclass(slots=True)
class Dictionaries:
    countries: frozenset[str]  # the three-letter codes of the dictionaries' states (and PSE, KOS ...)
    actors: list[Actor]
    actor_trie: _Trie
    agents: list[tuple[str, bool]]  # (code, goes before the actor code: "NGO~")
    agent_trie: _Trie


@functools.cache
def dictionaries() -> Dictionaries:
    """Return the packaged dictionaries, read once per process."""
    try:
        raw = gzip.decompress(read_bytes("/".join(DATA[1:]), __package__)).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise LexiconError(f"kb/{'/'.join(DATA)}: cannot read ({exc}); rerun scripts/convert_dictionaries.py") from exc
    actors: list[Actor] = []
    agents: list[tuple[str, bool]] = []
    actor_trie, agent_trie = _Trie({}, set()), _Trie({}, set())
    for number, line in enumerate(raw.splitlines(), 1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if fields[0] == "A" and len(fields) == 4:
            dated = tuple(tuple(d.split(" ")) for d in fields[2].split(",") if d)
            if any(len(d) != 3 for d in dated):
                raise LexiconError(f"kb/{'/'.join(DATA)}:{number}: a dated code is not 'CODE START END'")
            dated = tuple((_current(c), s, e) for c, s, e in dated)
            actors.append(Actor(_current(fields[1]) or None, dated))  # type: ignore[arg-type]
            for name in fields[3].split("|"):
                actor_trie.add(tuple(name.split(" ")), len(actors) - 1)
        elif fields[0] == "G" and len(fields) == 4:
            agents.append((fields[1], fields[2] == "pre"))
            for name in fields[3].split("|"):
                agent_trie.add(tuple(name.split(" ")), len(agents) - 1)
        else:
            raise LexiconError(f"kb/{'/'.join(DATA)}:{number}: expected 4 tab-separated fields (A or G lines)")
    countries = frozenset(a.default for a in actors if a.default and len(a.default) == 3 and a.default.isalpha())
    return Dictionaries(countries - _NOT_OWNERS, actors, actor_trie, agents, agent_trie)


# Country codes of the dictionaries that ISO 3166 has since replaced: East Timor was TMP until 2002
# (96 entries, all Timorese places and people), Angola is written ANG once (ISO and CAMEO: AGO).
_LEGACY_COUNTRIES = {"TMP": "TLS", "ANG": "AGO"}


def _current(code: str) -> str:
    """Return a dictionary code with its country part in today's ISO 3166 ("TMPGOV" -> "TLSGOV")."""
    new = _LEGACY_COUNTRIES.get(code[:3])
    return new + code[3:] if new else code


@dataclass(frozen=True, slots=True)
class PhraseCode:
    """What the dictionaries make of a phrase: the code, and whether a named actor (not a country) gave it."""

    code: str
    named: bool
    dated: bool = False  # a dated range of the dictionaries gave the code (not an undated default)


def code_phrase(text: str, date: str | None = None, *, head: str | None = None) -> PhraseCode | None:
    """Return the CAMEO actor code of a noun phrase on a date, or None.

    A named actor with a full code (a person, a ministry, a group) gives its code valid on the date.
    A country or an organisation (a three-letter or IGO code) takes the sector of the agent word
    ("Palestinian mayor" -> PSEGOV, "UN peacekeepers" -> IGOUNOMIL). An agent alone gives only its
    sector (the caller looks for the country elsewhere). ``head``, when given, is the phrase's head
    word: an agent word that comes after the head ("the spokesman of the rebels") does not decide.
    """
    parts = phrase_parts(text, date, head=head)
    if parts is None:
        return None
    if parts.named is not None:
        return PhraseCode(parts.named, True, parts.named_dated)
    if parts.base is not None:
        if parts.agent is None:
            return PhraseCode(parts.base, False)
        sector, before = parts.agent
        return PhraseCode(sector + parts.base if before else parts.base + _drop_repeat(parts.base, sector), False)
    if parts.agent is not None:
        return PhraseCode(parts.agent[0], False)
    return None


@dataclass(frozen=True, slots=True)
class PhraseParts:
    """What the dictionaries find in a phrase, with token positions (in ``tokens``, the normalized words).

    ``named``: the code of the named actor nearest the phrase's end (a person, a ministry, a group) on the
    date, ``named_span`` its tokens; ``base``: the first country or organisation a sector can extend
    ("Palestinian", "UN"), ``base_span`` its tokens; ``agent``: the sector of the last agent word before
    the head and whether it goes before the actor code, ``agent_span`` its tokens.
    """

    tokens: tuple[str, ...]
    named: str | None = None
    named_dated: bool = False
    named_span: tuple[int, int] | None = None
    base: str | None = None
    base_span: tuple[int, int] | None = None
    agent: tuple[str, bool] | None = None
    agent_span: tuple[int, int] | None = None


def phrase_parts(text: str, date: str | None = None, *, head: str | None = None) -> PhraseParts | None:
    """Return the named actor, country or organisation, and agent the dictionaries find in a phrase."""
    tokens = normalize(text)
    if not tokens:
        return None
    data = dictionaries()
    found = data.actor_trie.matches(tokens)
    if not found and any("-" in t for t in tokens):
        # "Israeli-Russian captives": the parts of a hyphenated word, when the whole names nothing
        tokens = normalize(text.replace("-", " "))
        found = data.actor_trie.matches(tokens)
    singular = _singular(tokens, data)
    if singular != tokens:
        # "Iraqis", "Afghans": a people named by the plural of its adjective
        tokens = singular
        found = data.actor_trie.matches(tokens)
    named: str | None = None
    named_dated = False
    named_span = None
    base: str | None = None
    base_span = None
    actor_spans = []
    for start, end, index in found:
        code, dated = data.actors[index].dated_code(date)
        if not code or code.startswith("---"):
            continue
        actor_spans.append((start, end))
        if _is_country_level(code):
            if base is None:
                base, base_span = code, (start, end)
        else:
            # the named actor nearest the end of the phrase, its head, decides ("the Palestinian
            # Resistance Movement Hamas": Hamas)
            named, named_dated, named_span = code, dated, (start, end)
    # Agent words outside the actor names ("Palestinian mayor": MAYOR after PALESTINIAN); the last one,
    # the head of an English noun phrase, decides.
    agent: tuple[str, bool] | None = None
    agent_span = None
    limit = len(tokens)
    if head:
        head_tokens = normalize(head)
        if head_tokens and head_tokens[-1] in tokens:
            limit = len(tokens) - tokens[::-1].index(head_tokens[-1])
    for start, end, index in data.agent_trie.matches(tokens[:limit]):
        if any(s <= start and end <= e for s, e in actor_spans):
            continue
        agent, agent_span = data.agents[index], (start, end)
    if agent is not None and agent[0] in OFFICES and any(t in NOT_IN_OFFICE for t in tokens[:agent_span[0]]):
        agent = ("ELI", False)  # "the former foreign minister": an elite, not the government
    if named is None and base is None and agent is None:
        return None
    return PhraseParts(tokens, named, named_dated, named_span, base, base_span, agent, agent_span)


def _singular(tokens: tuple[str, ...], data: Dictionaries) -> tuple[str, ...]:
    """Return the tokens with a plural the dictionaries do not name read as its singular when that is a
    state's adjective ("IRAQIS" -> "IRAQI"); other tokens as they are."""
    trie = data.actor_trie
    out = list(tokens)
    for i, word in enumerate(tokens):
        if len(word) > 4 and word.endswith("S") and (word,) not in trie.phrases and (word,) not in trie.prefixes:
            index = trie.phrases.get((word[:-1],))
            default = data.actors[index].code_on(None) if index is not None else None
            if default and len(default) == 3 and default not in _NOT_OWNERS and country_of(default) is not None:
                out[i] = word[:-1]
    return tuple(out)


# Three-letter codes that are sectors or kinds of people, not states or organisations.
_NOT_OWNERS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "REB", "OPP", "PTY", "CVL", "MED", "BUS", "EDU", "HLH",
                         "REL", "SPY", "LAB", "ACT", "NGO", "ELI", "AGR", "CRM", "HRI", "DEV", "ENV", "UAF", "PPL",
                         "REF", "MNC", "IGO", "IMG", "NGM", "SET", "MUS", "CHR", "JEW", "HIN", "BUD"})


def has_owner(code: str | None) -> bool:
    """Whether a code names a state or an organisation (USA..., IGOUNO...), not a bare sector (GOV, PPL)."""
    if not code:
        return False
    return code[:3] in dictionaries().countries or code.startswith(("IGO", "NGO", "IMG", "MNC")) \
        or code[:3] not in _NOT_OWNERS and country_of(code) is not None  # MUS: Muslim, not Mauritius


def _is_country_level(code: str) -> bool:
    """A country (ISO-3) or an organisation code an agent can extend (IGOUNO, NGO...)."""
    return len(code) == 3 or code.startswith(("IGO", "NGO", "IMG", "MNC")) and len(code) <= 9


def _drop_repeat(base: str, sector: str) -> str:
    """"UN" (IGOUNO) + GOV... keeps the sector; an agent already at the end of the code is not repeated."""
    return "" if base.endswith(sector) else sector


def countries_in(text: str, date: str | None = None) -> set[str]:
    """Return the states the actors named in a text belong to ("talks in Malawi with Zambian officials":
    {"MWI", "ZMB"}); organisations and bare sectors are left out."""
    data = dictionaries()
    out = set()
    for _start, _end, index in data.actor_trie.matches(normalize(text)):
        code = data.actors[index].code_on(date)
        if code and code[:3] not in _NOT_OWNERS and country_of(code) is not None:
            out.add(code[:3])
    return out


def agent_sector(text: str) -> str | None:
    """Return the sector code the agent words of a phrase add ("the mayor" -> GOV), or None."""
    tokens = normalize(text)
    data = dictionaries()
    found = data.agent_trie.matches(tokens)
    return data.agents[found[-1][2]][0] if found else None
