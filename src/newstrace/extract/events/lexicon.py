"""The event lexicon: trigger senses, light and control verbs, and the CAMEO code table, from data files.

``data/triggers.yaml`` maps trigger lemmas to senses (PLOVER type, mode, CAMEO code and the conditions
under which the sense applies); ``data/triggers_petrarch.yaml`` adds the verbs of the PETRARCH2 CAMEO
verb dictionary (MIT) that ``triggers.yaml`` does not know, converted by
``scripts/convert_petrarch_verbs.py``; ``data/cameo_codes.csv`` lists the CAMEO codes with their PLOVER type and
name (derived from the CAMEO2PLOVER crosswalk). Both are loaded once, lazily.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from ...datafiles import load_csv, load_yaml
from ...errors import LexiconError
from ...lang import event_words
from ...records import PLOVER_TYPES

_W = event_words()  # the word lists of lang/data/events.yaml

CONTROL_CLASSES = ("intent", "refusal", "request", "threat", "failure", "attempt", "allegation", "decision", "claim",
                   "attitude")

# PLOVER's quad categories (manual, "Quad categories in PLOVER").
PLOVER_QUAD = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "SANCTION": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# newstrace's own event type beside PLOVER's 16: natural disasters and accidents, which nobody intends
# (PLOVER codes no event without an actor; its context "disasters" covers them). No CAMEO code, no quad.
DISASTER = "DISASTER"
EVENT_TYPES = (*PLOVER_TYPES, DISASTER)
CONFLICT_TYPES = frozenset(t for t, q in PLOVER_QUAD.items() if q >= 3)
MATERIAL_CONFLICT = frozenset(t for t, q in PLOVER_QUAD.items() if q == 4) | {"SANCTION"}


@dataclass(frozen=True, slots=True)
class Sense:
    """One reading of a trigger lemma, and the conditions under which it applies."""

    lemma: str
    pos: str  # "verb" or "noun"
    type: str
    mode: str | None
    cameo: str
    objects: frozenset[str] = frozenset()
    particle: str | None = None
    preps: frozenset[str] = frozenset()
    subjects: frozenset[str] = frozenset()
    clause: bool = False
    anchors: frozenset[str] = frozenset()
    tags: frozenset[str] = frozenset()
    bare: bool = False
    ccomp: bool = False
    question: bool = False  # the verb takes an embedded question ("asked whether ...", "asked why ...")
    host: bool = False
    skip: bool = False
    origin: str = "own"  # "petrarch": converted from the PETRARCH2 verb dictionary

    @property
    def conditional(self) -> bool:
        return bool(self.objects or self.particle or self.preps or self.subjects or self.clause or self.anchors
                    or self.tags or self.bare or self.ccomp or self.question)

    def describe(self) -> str:
        return f"{self.type}/{self.mode}" if self.mode else self.type


@dataclass(frozen=True, slots=True)
class Means:
    """Words that name the means of an act of force, and the CAMEO code they give it."""

    cameo: str
    words: frozenset[str]
    agents: frozenset[str] = frozenset()
    pairs: tuple[tuple[str, str], ...] = ()
    mode: str | None = None


@dataclass(frozen=True, slots=True)
class Lexicon:
    verbs: dict[str, tuple[Sense, ...]]
    nouns: dict[str, tuple[Sense, ...]]
    light_verbs: frozenset[str]
    reporting_verbs: frozenset[str]
    victim_verbs: frozenset[str]
    patient_possessor: frozenset[str]
    control: dict[str, str]  # lemma -> control class
    cameo_names: dict[str, str]
    cameo_types: dict[str, str]
    cameo_contexts: dict[str, str]  # CAMEO code -> PLOVER context(s), ";"-separated, may be ""
    known_verbs: frozenset[str] = frozenset()
    cameo_modes: dict[str, str] = field(default_factory=dict)
    means: tuple[Means, ...] = ()
    means_deepen: frozenset[str] = frozenset()
    hazards: frozenset[str] = frozenset()
    disaster_modes: dict[str, str] = field(default_factory=dict)  # hazard word -> DISASTER mode
    accident_subjects: dict[str, frozenset[str]] = field(default_factory=dict)  # mode -> what crashes, collapses
    accident_verbs: frozenset[str] = frozenset()
    accident_sources: frozenset[str] = frozenset()
    parallel_codes: dict[str, dict[str, str]] = field(default_factory=dict)
    light_in_verbs: frozenset[str] = frozenset()
    denial_verbs: frozenset[str] = frozenset()
    responsibility_verbs: frozenset[str] = frozenset()
    phone_verbs: frozenset[str] = frozenset()
    money_verbs: frozenset[str] = frozenset()
    money_words: frozenset[str] = frozenset()
    peacekeeping_words: frozenset[str] = frozenset()
    passive_intent: frozenset[str] = frozenset()
    verbal_attack_words: frozenset[str] = frozenset()
    speech_participles: frozenset[str] = frozenset()
    sending_verbs: frozenset[str] = frozenset()
    unanswered: frozenset[str] = frozenset()

    def parallel(self, branch: str, code: str | None) -> str | None:
        """Return the code of ``branch`` (intent, appeal, demand, reject, threat) for an act's code."""
        table = self.parallel_codes.get(branch) or {}
        for n in (4, 3, 2):
            if code and len(code) >= n and code[:n] in table:
                return table[code[:n]]
        return None


def verb_lemma(tok, lexicon: Lexicon) -> str:
    """Return the lemma of a verb token, repairing the tagger's misreadings ("staged" -> "stag").

    The model's lemma is used when the lexicon knows it; otherwise the inflected form is stripped of
    -d, -ed, -ing, -s, -es and the first known base wins.
    """
    lemma = tok.lemma_.lower()
    if lemma in lexicon.known_verbs:
        return lemma
    word = tok.lower_
    for base in (word[:-1], word[:-2], word[:-3] + "e", word[:-3], word[:-2] + "e") if len(word) > 4 else ():
        if base in lexicon.known_verbs:
            return base
    return lemma


def _senses(section: str, table: dict, known_codes: set[str]) -> dict[str, tuple[Sense, ...]]:
    out: dict[str, tuple[Sense, ...]] = {}
    pos = "verb" if section == "verbs" else "noun"
    for lemma, entries in (table or {}).items():
        if not isinstance(entries, list) or not entries:
            raise LexiconError(f"triggers.yaml: {section}.{lemma} must be a non-empty list of senses")
        senses = []
        for entry in entries:
            for key in ("object", "prep", "subject", "anchor", "tags"):
                if any(not isinstance(v, str) for v in entry.get(key) or ()):
                    raise LexiconError(f"triggers.yaml: {section}.{lemma} {key} has a non-word value (YAML reads "
                                       "bare on/off/yes/no as booleans); quote it")
            if "particle" in entry and entry["particle"] is not None and not isinstance(entry["particle"], str):
                raise LexiconError(f"triggers.yaml: {section}.{lemma} particle is not a word; quote it")
            type_ = entry.get("type")
            if type_ not in PLOVER_TYPES:
                raise LexiconError(f"triggers.yaml: {section}.{lemma} has type {type_!r}; use one of the 16 PLOVER types")
            cameo = str(entry.get("cameo", ""))
            if cameo not in known_codes:
                raise LexiconError(f"triggers.yaml: {section}.{lemma} has CAMEO code {cameo!r}, not in cameo_codes.csv")
            senses.append(Sense(
                lemma=str(lemma), pos=pos, type=type_, mode=entry.get("mode"), cameo=cameo,
                objects=frozenset(str(o).lower() for o in entry.get("object") or ()),
                particle=entry.get("particle"), preps=frozenset(entry.get("prep") or ()),
                subjects=frozenset(str(o).lower() for o in entry.get("subject") or ()),
                clause=bool(entry.get("clause")), anchors=frozenset(entry.get("anchor") or ()),
                tags=frozenset(entry.get("tags") or ()), bare=bool(entry.get("bare")), ccomp=bool(entry.get("ccomp")),
                question=bool(entry.get("question")), host=bool(entry.get("host")), skip=bool(entry.get("skip")),
            ))
        out[str(lemma).lower()] = tuple(senses)
    return out


# A blast is a bomb unless its source says otherwise ("a gas explosion"): not a hazard by itself.
_BLASTS = _W.blasts


def _disaster_modes(table) -> dict[str, str]:
    """Return {hazard word: DISASTER mode} from the ``disasters`` table (mode -> words)."""
    if not isinstance(table, dict) or not table:
        raise LexiconError("triggers.yaml: disasters must map each DISASTER mode to a list of hazard words")
    modes: dict[str, str] = {}
    for mode, words in table.items():
        if not isinstance(words, list) or any(not isinstance(w, str) for w in words):
            raise LexiconError(f"triggers.yaml: disasters.{mode} must be a list of words")
        for word in words:
            modes.setdefault(word.lower(), str(mode))
    return modes


@functools.cache
def load_lexicon() -> Lexicon:
    """Return the event lexicon, loaded from the package data files on first use."""
    names: dict[str, str] = {}
    modes: dict[str, str] = {}
    types: dict[str, str] = {}
    contexts: dict[str, str] = {}
    for row in load_csv("cameo_codes.csv", __package__):
        names[row["cameo"]] = row["name"]
        types[row["cameo"]] = row["plover"]
        contexts[row["cameo"]] = row["context"]
        modes[row["cameo"]] = row["mode"]
    data = load_yaml("triggers.yaml", __package__)
    known = set(names)
    control: dict[str, str] = {}
    for cls, lemmas in (data.get("control_verbs") or {}).items():
        if cls not in CONTROL_CLASSES:
            raise LexiconError(f"triggers.yaml: control class {cls!r}; use one of {', '.join(CONTROL_CLASSES)}")
        for lemma in lemmas:
            control.setdefault(str(lemma), cls)
    verbs = _senses("verbs", data.get("verbs"), known)
    own_roles = set(verbs) | set(data.get("light_verbs") or ()) | set(data.get("reporting_verbs") or ()) \
        | set(data.get("victim_verbs") or ()) | set(control)
    for lemma, senses in _petrarch_senses(known).items():
        if lemma not in own_roles:
            verbs[lemma] = senses
    light = frozenset(data.get("light_verbs") or ())
    disaster_modes = _disaster_modes(data.get("disasters"))
    reporting = frozenset(data.get("reporting_verbs") or ())
    victims = frozenset(data.get("victim_verbs") or ())
    return Lexicon(
        verbs=verbs,
        nouns=_senses("nouns", data.get("nouns"), known),
        light_verbs=light,
        reporting_verbs=reporting,
        victim_verbs=victims,
        patient_possessor=frozenset(data.get("patient_possessor") or ()),
        control=control,
        cameo_names=names,
        cameo_types=types,
        cameo_contexts=contexts,
        known_verbs=frozenset(verbs) | light | reporting | victims | frozenset(control),
        cameo_modes=modes,
        means=_means(data.get("means"), known),
        means_deepen=frozenset(str(c) for c in data.get("means_deepen") or ()),
        hazards=frozenset(disaster_modes) - _BLASTS,
        disaster_modes=disaster_modes,
        accident_subjects={str(k): frozenset(v) for k, v in (data.get("accident_subjects") or {}).items()},
        accident_verbs=frozenset(data.get("accident_verbs") or ()),
        accident_sources=frozenset(data.get("accident_sources") or ()),
        parallel_codes=_parallel(data.get("parallel_codes"), known),
        light_in_verbs=frozenset(data.get("light_in_verbs") or ()),
        denial_verbs=frozenset(data.get("denial_verbs") or ()),
        responsibility_verbs=frozenset(data.get("responsibility_verbs") or ()),
        phone_verbs=frozenset(data.get("phone_verbs") or ()),
        money_verbs=frozenset(data.get("money_verbs") or ()),
        money_words=frozenset(str(w) for w in data.get("money_words") or ()),
        peacekeeping_words=frozenset(data.get("peacekeeping_words") or ()),
        passive_intent=frozenset(data.get("passive_intent") or ()),
        verbal_attack_words=frozenset(data.get("verbal_attack_words") or ()),
        speech_participles=frozenset(data.get("speech_participles") or ()),
        sending_verbs=frozenset(data.get("sending_verbs") or ()),
        unanswered=frozenset(data.get("unanswered") or ()),
    )


def _means(entries, known_codes: set[str]) -> tuple[Means, ...]:
    out = []
    for entry in entries or ():
        code = str(entry.get("cameo", ""))
        if code not in known_codes:
            raise LexiconError(f"triggers.yaml: means entry {entry!r} has CAMEO code {code!r}, not in cameo_codes.csv")
        pairs = tuple(tuple(str(w) for w in p) for p in entry.get("pairs") or ())
        if any(len(p) != 2 for p in pairs):
            raise LexiconError(f"triggers.yaml: means {code}: each of 'pairs' is [modifier, head]")
        out.append(Means(code, frozenset(str(w) for w in entry.get("words") or ()),
                         frozenset(str(w) for w in entry.get("agents") or ()), pairs, entry.get("mode")))
    return tuple(out)


def _parallel(table, known_codes: set[str]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for branch, mapping in (table or {}).items():
        if branch not in ("intent", "appeal", "demand", "reject", "threat"):
            raise LexiconError(f"triggers.yaml: parallel_codes.{branch}: use intent, appeal, demand, reject or threat")
        for act, code in (mapping or {}).items():
            if str(code) not in known_codes:
                raise LexiconError(f"triggers.yaml: parallel_codes.{branch}.{act} -> {code!r}, not in cameo_codes.csv")
        out[branch] = {str(k): str(v) for k, v in (mapping or {}).items()}
    return out


def _petrarch_senses(known_codes: set[str]) -> dict[str, tuple[Sense, ...]]:
    """Return the verb senses converted from the PETRARCH2 dictionary, one tuple shared by a block."""
    # a 0.5 MB file the conversion script writes: read with the fast parser (datafiles.load_yaml)
    data = load_yaml("triggers_petrarch.yaml", __package__, generated_by="scripts/convert_petrarch_verbs.py")
    out: dict[str, tuple[Sense, ...]] = {}
    for number, block in enumerate(data.get("blocks") or (), 1):
        if not isinstance(block, dict) or not block.get("verbs") or not block.get("senses"):
            raise LexiconError(f"triggers_petrarch.yaml: block {number} needs 'verbs' and 'senses'")
        lemmas = [str(v) for v in block["verbs"]]
        table = _senses("verbs", {lemmas[0]: block["senses"]}, known_codes)
        senses = table[lemmas[0].lower()]
        for lemma in lemmas:
            key = lemma.lower()
            if key in out:  # a verb with a particle or preposition: its senses after the plain ones
                out[key] = out[key] + tuple(
                    Sense(**{**{f: getattr(s, f) for f in Sense.__slots__}, "lemma": key, "origin": "petrarch"})
                    for s in senses if s.particle or s.preps)
            else:
                out[key] = tuple(Sense(**{**{f: getattr(s, f) for f in Sense.__slots__}, "lemma": key, "origin": "petrarch"})
                                 for s in senses)
    return out


# The CAMEO quad of a root code: what CAMEO-coded data (Multi-CoPED) is labelled with. It differs from
# PLOVER's table in two places: appeals (02) count with statements, and yielding (08, PLOVER CONCEDE)
# is material cooperation.
CAMEO_ROOT_QUAD = {
    "01": 0, "02": 0, "03": 1, "04": 1, "05": 1, "06": 2, "07": 2, "08": 2,
    "09": 3, "10": 3, "11": 3, "12": 3, "13": 3, "16": 3,
    "14": 4, "15": 4, "17": 4, "18": 4, "19": 4, "20": 4,
}


def quad_of(cameo: str | None, plover_type: str | None) -> int:
    """Return the quad class 0-4 of an event: its CAMEO root's quad, else PLOVER's quad of its type.

    0 is a statement (CAMEO 01) or an appeal (02); 1 verbal cooperation; 2 material cooperation;
    3 verbal conflict; 4 material conflict.
    """
    if plover_type is None:
        return 0
    if cameo and cameo[:2] in CAMEO_ROOT_QUAD:
        return CAMEO_ROOT_QUAD[cameo[:2]]
    return PLOVER_QUAD.get(plover_type, 0)  # DISASTER: no interaction between parties
