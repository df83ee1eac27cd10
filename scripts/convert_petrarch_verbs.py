"""Convert the PETRARCH2 CAMEO verb dictionary into newstrace trigger data.

Usage:
    python scripts/convert_petrarch_verbs.py PATH/TO/CAMEO.2.0.txt [-o src/newstrace/extract/events/data/triggers_petrarch.yaml]

The PETRARCH2 dictionary (openeventdata/petrarch2, ``petrarch2/data/dictionaries/CAMEO.2.0.txt``, MIT
licence, Copyright (c) 2015 Open Event Data Alliance) lists verb synonym blocks and, under each, patterns
of the words that follow or precede the verb, each with a CAMEO code. This script keeps what adds
coverage to our own ``triggers.yaml``:

- only verbs that ``triggers.yaml`` does not know in any role (trigger, light, reporting, control or
  victim verb): the hand-written senses stay as they are;
- a pattern becomes a sense whose conditions our coder reads off the parse: the words after the verb
  become ``object`` (its object, complement or the object of a preposition), a leading particle
  (UP, OUT, OFF, ...) ``particle``, a ``(PREP ...)`` group ``prep``, words before the verb ``subject``;
  synonym sets (``&WEAPON``) are expanded into their single words; a phrase ``{AIR RAID}`` is read by
  its head (last) word;
- a CAMEO code becomes its PLOVER type and mode through ``cameo_codes.csv`` (the CAMEO2PLOVER
  crosswalk); statements (01x), the null code ``---`` and codes PLOVER does not type become
  ``skip`` senses (a use that is not an event), kept only before senses of the same verb that code;
- a verb that carries a code of its own (``ASK [020]``) gets an unconditional last sense; the code of
  a block applies to the verbs of the block that have none.

The output is deterministic (sorted), so running the script again on the same input changes nothing.
"""
from __future__ import annotations

import argparse
import csv
import re
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "src" / "newstrace" / "extract" / "events" / "data"
PARTICLES = frozenset({"up", "out", "off", "down", "away", "back", "over", "in", "on", "forward", "aside",
                       "apart", "through", "together", "around", "ahead"})
PREPOSITIONS = frozenset({"to", "for", "with", "against", "on", "in", "into", "at", "from", "of", "by", "about",
                          "over", "under", "between", "upon", "toward", "towards", "across", "through", "behind",
                          "before", "after", "during", "among", "onto", "near", "within", "without"})
STOPWORDS = frozenset({"a", "an", "the", "its", "his", "her", "their", "of", "and", "or", "to", "be", "it", "that",
                       "this", "new", "own", "all", "any", "some", "more", "himself", "herself", "themselves",
                       "itself", "them", "him", "us", "one"})

HEADER = """\
# Trigger senses converted from the PETRARCH2 CAMEO verb dictionary (CAMEO.2.0.txt) by
# scripts/convert_petrarch_verbs.py. Do not edit by hand: change the script or triggers.yaml (whose
# senses take precedence) and run the script again.
#
# Source: openeventdata/petrarch2, petrarch2/data/dictionaries/CAMEO.2.0.txt (last update 30 April 2015).
# The conversion keeps only verbs that triggers.yaml does not know; see the script for what a pattern
# becomes.
#
# The MIT License (MIT)
#
# Copyright (c) 2015 Open Event Data Alliance
#
# Permission is hereby granted, free of charge, to any person obtaining a copy of
# this software and associated documentation files (the "Software"), to deal in
# the Software without restriction, including without limitation the rights to
# use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
# the Software, and to permit persons to whom the Software is furnished to do so,
# subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
# COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
# IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
# CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


class DictionaryError(ValueError):
    """The verb dictionary is not in the PETRARCH2 format."""


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def read_dictionary(path: Path) -> tuple[dict[str, list[str]], list[dict]]:
    """Return (synonym sets, verb blocks) of a PETRARCH2 verb dictionary.

    A block: {"code": block code, "verbs": [(lemma, own code or None, particle or None)],
    "patterns": [(text, code)]}.
    """
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise DictionaryError(f"{path}: cannot read ({exc})") from exc
    synsets: dict[str, list[str]] = {}
    blocks: list[dict] = []
    current_set: str | None = None
    block: dict | None = None
    in_patterns = False
    for raw in lines:
        if raw.startswith("####### VERB PATTERNS"):
            in_patterns = True
            current_set = None
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        if not in_patterns:
            if line.startswith("&"):
                current_set = line.strip().rstrip("_")
                synsets[current_set] = []
            elif line.startswith("+") and current_set is not None:
                synsets[current_set].append(line[1:].strip().rstrip("_").replace("_", " ").lower())
            continue
        if line.startswith("---"):
            match = re.match(r"---\s+(.+?)\s+\[([^\]]*)\]", line)
            if not match:
                raise DictionaryError(f"{path}: a block header without a [code]: {line!r}")
            block = {"code": match.group(2).strip(), "verbs": [], "patterns": []}
            blocks.append(block)
            continue
        if block is None:
            raise DictionaryError(f"{path}: a verb or pattern before the first --- block header: {line!r}")
        if line.startswith("-"):
            match = re.match(r"-\s*(.*?)\s*\[([^\]]*)\]\s*$", line)
            if match:
                block["patterns"].append((match.group(1), match.group(2).strip()))
            continue
        code_match = re.search(r"\[([^\]]*)\]", line)
        own = code_match.group(1).strip() if code_match else None
        word = re.sub(r"\{[^}]*\}|\[[^\]]*\]", " ", line).strip().split()
        if not word:
            continue
        parts = word[0].lstrip("+").lower().split("_")
        parts = [p for p in parts if p]
        if not parts or not parts[0].isalpha():
            continue
        if len(parts) == 1:
            block["verbs"].append((parts[0], own, None))
        elif len(parts) == 2 and (parts[1] in PARTICLES or parts[1] in PREPOSITIONS):
            block["verbs"].append((parts[0], own, parts[1]))
    if not blocks:
        raise DictionaryError(f"{path}: no '####### VERB PATTERNS' section with --- blocks; is this CAMEO.2.0.txt?")
    return synsets, blocks


def _code(text: str | None) -> str | None:
    """Return the CAMEO code of a "[...]" field: "042:043" -> "042", ":173" -> "173", "---" -> None."""
    if not text:
        return None
    for part in text.split(":"):
        part = part.strip()
        if part.isdigit():
            return part
    return None


def _words(group: str, synsets: dict[str, list[str]]) -> list[str]:
    """Return the head words a pattern group stands for (a synset's members, a phrase's last word)."""
    out: list[str] = []
    for token in group.split():
        if token.startswith("&"):
            for member in synsets.get(token.rstrip("_"), ()):
                out.append(member.split()[-1])
        elif token.isalpha() or "-" in token:
            out.append(token.lower())
    out = [w for w in out if w not in STOPWORDS]
    return sorted({v for w in out for v in (w, _singular(w))})


def pattern_conditions(text: str, synsets: dict[str, list[str]]) -> dict | None:
    """Return the sense conditions of a pattern ("* (TO BORDER)" -> prep [to], object [border]), or None."""
    if "*" not in text:
        return None
    before, _, after = text.partition("*")
    cond: dict = {}
    subject = _words(re.sub(r"[{}()$+^%|]", " ", before), synsets)
    if subject:
        cond["subject"] = subject
    after = after.replace("$", " ").replace("+", " ").replace("^", " ").replace("%", " ").replace("|", " ")
    # split into groups: (PREP ...) groups, {PHRASE} groups, single words
    groups = re.findall(r"\([^)]*\)|\{[^}]*\}|\S+", after)
    objects: list[str] = []
    for index, group in enumerate(groups):
        if group.startswith("("):
            inner = group.strip("()").split()
            if not inner:
                continue
            if inner[0].lower() in PREPOSITIONS and "prep" not in cond and not objects:
                cond["prep"] = [inner[0].lower()]
                inner = inner[1:]
            words = _words(" ".join(inner), synsets)
        elif group.startswith("{"):
            words = _words(group.strip("{}").split()[-1] if group.strip("{}").split() else "", synsets)
        else:
            low = group.lower()
            if index == 0 and low in PARTICLES and "particle" not in cond:
                cond["particle"] = low
                continue
            words = _words(group, synsets)
        if words and not objects:
            objects = words  # the first noun group is the one the coder can check
    if objects:
        cond["object"] = objects
    return cond or None


def load_codes(path: Path) -> dict[str, tuple[str, str]]:
    """Return {CAMEO code: (PLOVER type, mode)} from cameo_codes.csv."""
    with path.open(encoding="utf-8") as handle:
        return {row["cameo"]: (row["plover"], row["mode"]) for row in csv.DictReader(handle)}


def _typed(code: str | None, codes: dict[str, tuple[str, str]]) -> tuple[str, str, str] | None:
    """Return (code, type, mode) for a CAMEO code, falling back to its parent codes; None if untyped."""
    if code is None:
        return None
    for candidate in (code, code[:3], code[:2] + "0"):
        if candidate in codes and codes[candidate][0]:
            return candidate, codes[candidate][0], codes[candidate][1]
    return None


def known_verbs(triggers: dict) -> set[str]:
    """Return every verb lemma triggers.yaml already gives a role."""
    known = {str(v).lower() for v in (triggers.get("verbs") or {})}
    for key in ("light_verbs", "reporting_verbs", "victim_verbs"):
        known |= {str(v).lower() for v in triggers.get(key) or ()}
    for lemmas in (triggers.get("control_verbs") or {}).values():
        known |= {str(v).lower() for v in lemmas}
    return known


def convert(dictionary: Path, triggers_path: Path, codes_path: Path) -> list[dict]:
    """Return the verb blocks that add coverage: [{"verbs": [lemma, ...], "senses": [sense, ...]}].

    The verbs of a block share its senses, as in the dictionary; a verb written with a particle or
    preposition ("+ASK_FOR") becomes a block of its own whose senses require it.
    """
    synsets, blocks = read_dictionary(dictionary)
    codes = load_codes(codes_path)
    triggers = yaml.safe_load(triggers_path.read_text(encoding="utf-8"))
    known = known_verbs(triggers)
    out: list[dict] = []
    seen: set[str] = set()
    for block in blocks:
        senses: list[tuple[int, dict]] = []
        for text, code_text in block["patterns"]:
            cond = pattern_conditions(text, synsets)
            if cond is None:
                continue
            typed = _typed(_code(code_text), codes)
            if typed is None:
                sense = {"type": "AGREE", "cameo": "030", "skip": True, **cond}
            else:
                code, type_, mode = typed
                sense = {"type": type_, "cameo": code, **({"mode": mode} if mode else {}), **cond}
            specificity = sum(len(v) if isinstance(v, list) else 1 for k, v in cond.items() if k != "object") + 1
            senses.append((specificity, sense))
        # the most specific conditions first
        senses.sort(key=lambda pair: (-pair[0], pair[1]["cameo"], str(pair[1].get("object"))))
        block_code = _typed(_code(block["code"]), codes)
        by_bare: dict[tuple, list[str]] = {}
        for lemma, own, particle in block["verbs"]:
            if lemma in known or len(lemma) < 3 or (particle is None and lemma in seen):
                continue
            # a code on the verb itself is that verb's; a block's code is a default for a whole synonym
            # set ("FACE", "COME" under MEET [040]) and too loose to code a bare verb by
            bare = _typed(_code(own), codes) if own is not None else None
            by_bare.setdefault((bare, particle), []).append(lemma)
        for (bare, particle), lemmas in by_bare.items():
            entry = [dict(s) for _, s in senses]
            if bare is not None:
                code, type_, mode = bare
                entry.append({"type": type_, "cameo": code, **({"mode": mode} if mode else {})})
            if particle is not None:
                key = "particle" if particle in PARTICLES else "prep"
                entry = [dict(s, **{key: particle if key == "particle" else [particle]}) for s in entry
                         if key not in s]
            entry = _merged(entry)
            if not entry:
                continue
            if particle is None:
                seen.update(lemmas)
            out.append({"verbs": sorted(lemmas), "senses": entry})
    return out


def _merged(senses: list[dict]) -> list[dict]:
    """Return the senses with the same code and the same non-object conditions joined into one
    (their objects united), in first-seen order; the bare (unconditional) sense last, or it would hide
    the conditional ones after it."""
    groups: dict[tuple, dict] = {}
    for sense in senses:
        key = tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(sense.items()) if k != "object")
        if key in groups:
            if "object" in groups[key] and "object" in sense:
                groups[key]["object"] = sorted(set(groups[key]["object"]) | set(sense["object"]))
            elif "object" in groups[key] and "object" not in sense:
                del groups[key]["object"]  # the unconditional reading covers the conditional one
            continue
        groups[key] = {k: (list(v) if isinstance(v, list) else v) for k, v in sense.items()}
    merged = list(groups.values())
    conditional = [s for s in merged if set(s) - {"type", "cameo", "mode"}]
    bare = [s for s in merged if not set(s) - {"type", "cameo", "mode"}]
    out = conditional + bare[:1]
    while out and out[-1].get("skip"):
        out.pop()
    return out


def _flow(value) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    return f'"{text}"' if not re.fullmatch(r"[A-Za-z][A-Za-z-]*", text) or text in ("yes", "no", "on", "off", "true",
                                                                              "false", "null") else text


def render(blocks: list[dict]) -> str:
    """Return the YAML text: one block of verbs with its senses, one sense a line (flow style)."""
    order = ("type", "mode", "cameo", "subject", "particle", "prep", "object", "skip")
    lines = ["blocks:"]
    for block in blocks:
        lines.append(f"  - verbs: {_flow(block['verbs'])}")
        lines.append("    senses:")
        for sense in block["senses"]:
            fields = ", ".join(f"{k}: {_flow(sense[k])}" for k in order if k in sense)
            lines.append(f"      - {{{fields}}}")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dictionary", type=Path, help="the PETRARCH2 verb dictionary (CAMEO.2.0.txt)")
    parser.add_argument("-o", "--output", type=Path, default=DATA / "triggers_petrarch.yaml")
    args = parser.parse_args(argv)
    if not args.dictionary.is_file():
        print(f"error: {args.dictionary}: no such file", file=sys.stderr)
        return 2
    try:
        verbs = convert(args.dictionary, DATA / "triggers.yaml", DATA / "cameo_codes.csv")
    except DictionaryError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.output.write_text(HEADER + "\n" + render(verbs), encoding="utf-8")
    print(f"{sum(len(b['verbs']) for b in verbs)} verbs in {len(verbs)} blocks, "
          f"{sum(len(b['senses']) for b in verbs)} senses -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
