"""The language floor: every data file loads through the one loader and is well-formed, a broken file is
one LexiconError naming it, each word set has one definition, and extraction never imports linking."""
from __future__ import annotations

import ast
import dataclasses
import re
from pathlib import Path

import pytest
import spacy.glossary

from newstrace import datafiles, lang
from newstrace.errors import LexiconError
from newstrace.extract.dates.lexicon import lexicon as dates_lexicon
from newstrace.extract.events.lexicon import load_lexicon
from newstrace.extract.figures import load_all
from newstrace.extract.figures.lexicon import figure_words
from newstrace.extract.quotes import cue_lexicon
from newstrace.geo.words import geo_words
from newstrace.kb import lookup

SRC = Path(datafiles.__file__).resolve().parent


def test_every_data_file_of_the_package_loads_and_each_lexicon_is_well_formed():
    yaml_files = sorted(SRC.glob("**/data/*.yaml"))
    assert {p.name for p in yaml_files} >= {"dates.yaml", "numbers.yaml", "units.yaml", "figures.yaml",
                                             "quote_cues.yaml", "word_kinds.yaml", "names.yaml", "page_words.yaml",
                                             "triggers.yaml", "actors.yaml", "phrases.yaml"}
    for path in yaml_files:
        package = "newstrace." + ".".join(path.parent.parent.relative_to(SRC).parts)
        assert datafiles.load_yaml(path.name, package.rstrip(".")), path
        assert not _flags_in_lists(datafiles.load_yaml(path.name, package.rstrip("."))), path
    assert dates_lexicon().months["september"] == 9
    assert all(load_all())
    assert "say" in cue_lexicon().speech_verbs
    assert load_lexicon().verbs
    assert lookup("Vladimir Putin") is not None
    assert {"mr", "gen", "sheikh"} <= lang.HONORIFICS and "king" in lang.ROYAL
    assert lang.parse_person("Ursula von der Leyen").surname == "von der leyen"


def _flags_in_lists(data) -> list:
    """Return the true/false items of the word lists (YAML's reading of an unquoted on, off, yes, no)."""
    if isinstance(data, dict):
        return [f for v in data.values() for f in _flags_in_lists(v)]
    if isinstance(data, list):
        return [w for w in data if isinstance(w, bool)] + [f for v in data for f in _flags_in_lists(v)]
    return []


def test_a_word_yaml_reads_as_true_or_false_is_refused_naming_the_file_and_list(monkeypatch):
    monkeypatch.setattr(datafiles, "read_text", lambda name, package=datafiles.LANG: "filler: [of, on, the]\n")
    with pytest.raises(LexiconError, match=r"lang/data/words\.yaml: not a word in filler: True; write the word in"):
        datafiles.load_word_lists("words.yaml", _Filler)


@dataclasses.dataclass(frozen=True)
class _Filler:
    filler: frozenset


@pytest.mark.parametrize("text, message", [
    ("a: 1\na: 2\n", "'a' is given twice (line 2)"),
    ("a: [1, 2\n", "is not valid YAML"),
    ("- just a list\n", "expected a dict at the top level, got list"),
])
def test_a_broken_data_file_is_one_lexicon_error_naming_it(tmp_path, monkeypatch, text, message):
    monkeypatch.setattr(datafiles, "read_text", lambda name, package=datafiles.LANG: text)
    with pytest.raises(LexiconError, match="lang/data/broken.yaml") as info:
        datafiles.load_yaml("broken.yaml")
    assert message in str(info.value)


def test_a_missing_data_file_says_so_and_how_to_fix_it():
    with pytest.raises(LexiconError, match=r"lang/data/nothing\.yaml is missing; reinstall"):
        datafiles.load_yaml("nothing.yaml")


def test_month_words_are_the_dates_lexicon_months_with_abbreviations_written_with_a_full_stop():
    assert lang.month_numbers() == {k: v for k, v in dates_lexicon().months.items()}
    assert {"may", "sept", "sept.", "jan.", "december"} <= lang.month_words()
    assert "may." not in lang.month_words()


def test_pronoun_sets_are_defined_once():
    assert lang.RELATIVE_PRONOUNS == {"who", "which", "that", "whom", "whose"}
    assert lang.ALL_PRONOUNS >= lang.PERSON_PRONOUNS | lang.GROUP_PRONOUNS | lang.ARGUMENT_PRONOUNS
    for path in SRC.rglob("*.py"):
        if path.parent.name == "lang":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assigned = {t.id for node in ast.walk(tree) if isinstance(node, ast.Assign)
                    for t in node.targets if isinstance(t, ast.Name)}
        assert not assigned & {"PERSON_PRONOUNS", "GROUP_PRONOUNS", "RELATIVE_PRONOUNS", "_MONTHS", "MONTHS",
                               "HONORIFICS", "PERSON_OBJECT_PRONOUNS", "_PERSON_OBJECTS"}, path


def test_month_names_are_listed_once():
    """A list of month names in code (a set, a split string) duplicates lang/data/dates.yaml."""
    for path in SRC.rglob("*.py"):
        if path.parent.name == "lang":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                words = set(node.value.lower().replace('"', " ").replace(",", " ").split())
                assert not {"january", "december"} <= words, f"{path.relative_to(SRC)}:{node.lineno} lists months"
            elif isinstance(node, (ast.Set, ast.List, ast.Tuple)):
                words = {e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)}
                assert not {"january", "december"} <= words, f"{path.relative_to(SRC)}:{node.lineno} lists months"


def _imported_packages(path: Path) -> set[str]:
    """Return the newstrace modules ``path`` imports, as dotted names."""
    module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    package = module.rsplit(".", 1)[0] if path.name != "__init__.py" else module.removesuffix(".__init__")
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                out.add(".".join(base + ([node.module] if node.module else [])))
            elif node.module and node.module.startswith("newstrace"):
                out.add(node.module)
        elif isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("newstrace"))
    return out


@pytest.mark.parametrize("floor", ["extract", "lang"])
def test_extraction_and_the_language_floor_never_import_linking(floor):
    for path in (SRC / floor).rglob("*.py"):
        imported = _imported_packages(path)
        assert not {m for m in imported if m == "newstrace.link" or m.startswith("newstrace.link.")}, path
        if floor == "lang":
            assert not {m for m in imported if m.startswith("newstrace.extract")}, path


@pytest.mark.parametrize("floor", ["extract", "lang", "readers", "link", "kb", "pipeline.py", "timeframe.py",
                                   "datafiles.py", "records.py"])
def test_imports_sit_at_the_top_unless_a_comment_says_why(floor):
    paths = [SRC / floor] if floor.endswith(".py") else sorted((SRC / floor).rglob("*.py"))
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            for inner in ast.walk(node):
                if isinstance(inner, (ast.Import, ast.ImportFrom)):
                    i = inner.lineno - 1  # the comment may sit on the import, or above its group of imports
                    while i > 0 and "#" not in lines[i] and lines[i - 1].strip().startswith(("import ", "from ")):
                        i -= 1
                    assert "#" in lines[i] or lines[i - 1].strip().startswith("#"), \
                        f"{path.relative_to(SRC)}:{inner.lineno}: an import inside a function needs a comment saying why"


def _word_sets_in_code(path: Path, at_least: int, not_words: frozenset[str] = frozenset(),
                       code_lists: tuple[set[str], ...] = ()) -> list[str]:
    """The word lists written in ``path``'s code: a split string or a literal set, list or tuple of at least
    ``at_least`` lower-case words, not counting ``not_words`` (names that are code, such as spaCy's labels),
    nor a list within one of ``code_lists`` (values of code's own, not English words)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        words: list[str] = []
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "split" \
                and isinstance(node.func.value, ast.Constant) and isinstance(node.func.value.value, str):
            words = node.func.value.value.split()
        elif isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            words = [e.value for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        words = [w for w in words if w.isalpha() and w.islower() and w not in not_words]
        if len(words) >= at_least and not any(set(words) <= code for code in code_lists):
            found.append(f"{path.relative_to(SRC)}:{node.lineno}: {len(words)} words ({' '.join(words[:4])} ...)")
    return found


def test_linking_reads_its_word_lists_from_the_language_floor():
    """Linking's domain word lists are data files of lang/data, not sets in code; small closed classes
    (a dozen words) may stay in code."""
    found = [f for path in sorted((SRC / "link").rglob("*.py")) for f in _word_sets_in_code(path, 15)]
    assert not found, "\n".join(found)
    assert "pharmaceuticals" in datafiles.load_yaml("organisations.yaml")["trade_words"]
    assert {"whereas", "toll"} <= set(datafiles.load_yaml("wording.yaml")["function_words"]) | set(
        datafiles.load_yaml("wording.yaml")["counting_words"])
    assert lang.weekday_names() == {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


# values of the dates stage's own: the tenses ``resolve_date`` takes and the granularities of a record
_DATE_CODE_LISTS = ({"past", "present", "future"}, {"day", "week", "month", "year"})


def test_the_dates_stage_and_the_readers_read_their_word_lists_from_the_language_floor():
    """The words around a date (modals, range openers, relation words, vague amounts, the words after an
    amount of time, the joints of a split expression) and a byline's desk words are lang/data's, each defined
    once; rule names, the keys of dates.yaml, dependency labels, tags, tenses and granularities stay in code.
    The one parser of dates (timeframe.py) writes no word list either."""
    paths = sorted((SRC / "extract" / "dates").glob("*.py")) + [SRC / "timeframe.py"]
    found = []
    for path in paths:
        lines = path.read_text(encoding="utf-8").splitlines()
        found += [f for f in _word_sets_in_code(path, 3, SPACY_LABELS, _DATE_CODE_LISTS)
                  # rule names and the keys and groups of dates.yaml are code's, not words
                  if not any(name in lines[int(f.split(":")[1]) - 1] for name in ("_RULES", "_KEYS", "_GROUPS"))]
    assert not found, "\n".join(found)
    dates = datafiles.load_yaml("dates.yaml")
    assert {"since", "from"} <= set(dates["range_openers"]) and "will" in dates["future_modals"]
    assert {"several", "a few"} <= dates_lexicon().vague_amounts and "ago" in dates_lexicon().ago_back
    assert "newsroom" in datafiles.load_yaml("bylines.yaml")["desk_words"]
    byline = (SRC / "readers" / "byline.py").read_text(encoding="utf-8")
    assert "newsroom" not in byline.split('"""', 2)[-1].lower(), "readers/byline.py writes its desk words in code"


# spaCy's dependency labels ("nsubj", "pobj", ...) are names of the parse, written in code like the tags
SPACY_LABELS = frozenset(k for k in spacy.glossary.GLOSSARY if k.islower())
# lists of names that are code's own values, not English words: kinds of unit that a rate may take ("$3500 a
# month"), the glue of a number written in words ("a hundred and five")
_CODE_LISTS = ({"time", "mass", "volume", "length"}, {"a", "an", "and"})


@pytest.mark.parametrize("stage", ["extract/figures", "extract/quotes", "extract/entities",
                                   "extract/events/situate.py"])
def test_the_figures_quotes_entities_stages_and_situate_read_their_word_lists_from_the_language_floor(stage):
    """Their place prepositions, date openers, count and quote words are lists of lang/data/phrases.yaml,
    figures.yaml or quote_cues.yaml, each defined once; dependency labels, entity types and tags stay in code.
    A loader (lexicon.py) names the keys of its data file, which are no word list."""
    paths = [SRC / stage] if stage.endswith(".py") else sorted((SRC / stage).glob("*.py"))
    found = [f for path in paths if path.name != "lexicon.py"
             for f in _word_sets_in_code(path, 3, SPACY_LABELS, _CODE_LISTS)]
    assert not found, "\n".join(found)


def _words_in_code_strings(path: Path) -> str:
    """The text of ``path``'s string constants that are code (regexes, literals), not its docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(n.value) for n in ast.walk(tree) if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)}
    return " ".join(n.value.lower() for n in ast.walk(tree)
                    if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings)


@pytest.mark.parametrize("path", ["geo/resolve.py", "extract/events/situate.py"])
def test_the_place_nouns_are_geos_one_definition(path):
    """"city", "town", "province", "governorate": geo/data/words.yaml's settlement and province nouns, read by
    geo and, through geo, by situate; no regex of theirs writes them again."""
    code = _words_in_code_strings(SRC / path)
    assert not re.search(r"\b(?:town|governorate|province)\b", code), path
    words = geo_words()
    assert {"city", "town"} <= words.settlement_nouns and {"province", "governorate"} <= words.province_nouns


def test_the_phrase_words_load_and_each_list_is_defined_once():
    words = lang.phrase_words()
    assert {"in", "near"} <= words.figure_place_preps & words.name_place_preps & words.event_place_preps
    assert words.name_place_verb_preps <= words.name_place_preps
    assert not words.material_place_preps & words.event_place_preps  # the material ones are added to them
    assert "since" in words.figure_date_openers & words.event_date_bounds and "toll" in words.tally_nouns
    assert "reporters" in words.audience_words and "&" in words.title_minor_words
    assert "from" in figure_words().owner_markers
