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
from importlib import resources

from ..errors import NewstraceError

DATA = ("data", "phoenix", "actors.tsv.gz")
_WORD = re.compile(r"[^\W_][\w'&-]*")


class PhoenixDataError(NewstraceError):
    """The packaged Phoenix data is missing or malformed: names the file and the line."""


def normalize(text: str) -> tuple[str, ...]:
    """Return the match tokens of a phrase: upper case, dots dropped, possessive 's dropped.

    The same function reads the dictionaries (words joined by ``_``) and the text, so "U.N." and
    "UN_" meet, and "Moscow's" matches "MOSCOW".
    """
    text = text.replace("’", "'").replace("_", " ").replace(".", "").upper()
    out = []
    for word in _WORD.findall(text):
        if word.endswith("'S"):
            word = word[:-2]
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
        """Return the code valid on a date (YYYY[-MM[-DD]]); undated: the default, else the latest."""
        if date:
            day = date.replace("-", "")
            day = (day + "0101")[:8] if len(day) < 8 else day[:8]
            for code, start, end in self.dated:
                if (not start or start <= day) and (not end or day <= end):
                    return code
            if self.default:
                return self.default
            return None
        if self.default:
            return self.default
        if self.dated:
            return max(self.dated, key=lambda d: (d[2] or "99999999", d[1]))[0]
        return None


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
    actors: list[Actor]
    actor_trie: _Trie
    agents: list[tuple[str, bool]]  # (code, goes before the actor code: "NGO~")
    agent_trie: _Trie


@functools.cache
def dictionaries() -> Dictionaries:
    """Return the packaged dictionaries, read once per process."""
    path = resources.files(__package__).joinpath(*DATA)
    try:
        raw = gzip.decompress(path.read_bytes()).decode("utf-8")
    except (OSError, EOFError, gzip.BadGzipFile, UnicodeDecodeError) as exc:
        raise PhoenixDataError(f"kb/{'/'.join(DATA)}: cannot read ({exc}); rerun scripts/convert_dictionaries.py") from exc
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
                raise PhoenixDataError(f"kb/{'/'.join(DATA)}:{number}: a dated code is not 'CODE START END'")
            actors.append(Actor(fields[1] or None, dated))  # type: ignore[arg-type]
            for name in fields[3].split("|"):
                actor_trie.add(tuple(name.split(" ")), len(actors) - 1)
        elif fields[0] == "G" and len(fields) == 4:
            agents.append((fields[1], fields[2] == "pre"))
            for name in fields[3].split("|"):
                agent_trie.add(tuple(name.split(" ")), len(agents) - 1)
        else:
            raise PhoenixDataError(f"kb/{'/'.join(DATA)}:{number}: expected 4 tab-separated fields (A or G lines)")
    return Dictionaries(actors, actor_trie, agents, agent_trie)


@dataclass(frozen=True, slots=True)
class PhraseCode:
    """What the dictionaries make of a phrase: the code, and whether a named actor (not a country) gave it."""

    code: str
    named: bool


def code_phrase(text: str, date: str | None = None, *, head: str | None = None) -> PhraseCode | None:
    """Return the CAMEO actor code of a noun phrase on a date, or None.

    A named actor with a full code (a person, a ministry, a group) gives its code valid on the date.
    A country or an organisation (a three-letter or IGO code) takes the sector of the agent word
    ("Palestinian mayor" -> PSEGOV, "UN peacekeepers" -> IGOUNOMIL). An agent alone gives only its
    sector (the caller looks for the country elsewhere). ``head``, when given, is the phrase's head
    word: an agent word that comes after the head ("the spokesman of the rebels") does not decide.
    """
    tokens = normalize(text)
    if not tokens:
        return None
    data = dictionaries()
    named: str | None = None
    base: str | None = None
    actor_spans = []
    for start, end, index in data.actor_trie.matches(tokens):
        code = data.actors[index].code_on(date)
        if not code or code.startswith("---"):
            continue
        actor_spans.append((start, end))
        if _is_country_level(code):
            base = base or code
        elif named is None:
            named = code
    # Agent words outside the actor names ("Palestinian mayor": MAYOR after PALESTINIAN); the last one,
    # the head of an English noun phrase, decides.
    agent: tuple[str, bool] | None = None
    limit = len(tokens)
    if head:
        head_tokens = normalize(head)
        if head_tokens and head_tokens[-1] in tokens:
            limit = len(tokens) - tokens[::-1].index(head_tokens[-1])
    for start, end, index in data.agent_trie.matches(tokens[:limit]):
        if any(s <= start and end <= e for s, e in actor_spans):
            continue
        agent = data.agents[index]
    if named is not None:
        return PhraseCode(named, True)
    if base is not None:
        if agent is None:
            return PhraseCode(base, False)
        sector, before = agent
        return PhraseCode(sector + base if before else base + _drop_repeat(base, sector), False)
    if agent is not None:
        return PhraseCode(agent[0], False)
    return None


def _is_country_level(code: str) -> bool:
    """A country (ISO-3) or an organisation code an agent can extend (IGOUNO, NGO...)."""
    return len(code) == 3 or code.startswith(("IGO", "NGO", "IMG", "MNC")) and len(code) <= 9


def _drop_repeat(base: str, sector: str) -> str:
    """"UN" (IGOUNO) + GOV... keeps the sector; an agent already at the end of the code is not repeated."""
    return "" if base.endswith(sector) else sector


def agent_sector(text: str) -> str | None:
    """Return the sector code the agent words of a phrase add ("the mayor" -> GOV), or None."""
    tokens = normalize(text)
    data = dictionaries()
    found = data.agent_trie.matches(tokens)
    return data.agents[found[-1][2]][0] if found else None
