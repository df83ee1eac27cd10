"""Convert the Phoenix/PETRARCH2 actor and agent dictionaries into newstrace's packaged data.

    python scripts/convert_dictionaries.py PATH/TO/dictionaries [--out src/newstrace/kb/data/phoenix]

PATH holds ``Phoenix.Countries.actors.txt``, ``Phoenix.International.actors.txt``,
``Phoenix.MilNonState.actors.txt``, ``Phoenix.agents.txt`` and ``LICENSE`` (openeventdata/petrarch2,
``petrarch2/data/dictionaries``, MIT). The output is ``actors.tsv.gz`` (one line per actor or agent,
names already normalized for matching) and ``NOTICE`` (the MIT notice and where the data came from).
The format of the input is described in the dictionaries' own ``dictionaries.rst``.

Output lines (tab-separated):
    A  default-code  dated-codes  names      dated codes "CODE START END" joined by ",", dates YYYYMMDD
                                             or empty for an open end; names joined by "|"
    G  sector-code   pre|post     phrases    an agent: its code goes after ("~GOV") or before ("NGO~")
                                             the actor code
"""
from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from newstrace.kb.phoenix import normalize  # noqa: E402  (the same normalization the matcher uses)

ACTOR_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt")
AGENT_FILE = "Phoenix.agents.txt"
_CODE = re.compile(r"\[([^\]]*)\]")


def read_lines(path: Path) -> list[str]:
    """Return the lines of a dictionary file: UTF-8 where it is, Windows-1252 where it is not."""
    out = []
    for raw in path.read_bytes().splitlines():
        try:
            out.append(raw.decode("utf-8"))
        except UnicodeDecodeError:
            out.append(raw.decode("cp1252", errors="replace"))
    return out


def _strip_comment(line: str) -> str:
    for mark in ("#", ";"):
        cut = line.find(mark)
        if cut >= 0:
            line = line[:cut]
    return line.rstrip()


def _date(text: str) -> str | None:
    """YYYYMMDD or YYMMDD (years up to 30 are 20xx) -> YYYYMMDD; None for a malformed date."""
    if not text.isdigit():
        return None
    if len(text) == 6:
        year = int(text[:2])
        return f"{2000 + year if year <= 30 else 1900 + year}{text[2:]}"
    if len(text) == 8:
        return text
    return None


def parse_code(body: str) -> tuple[str, str, str] | None:
    """'USAGOV 090120-130120' -> ('USAGOV', '20090120', '20130120'); '>date', '<date', bare code."""
    parts = body.split()
    if not parts:
        return None
    code = parts[0]
    if len(parts) == 1:
        return code, "", ""
    span = parts[1]
    if span.startswith(">"):
        start = _date(span[1:])
        return (code, start, "") if start else None
    if span.startswith("<"):
        end = _date(span[1:])
        return (code, "", end) if end else None
    if "-" in span:
        a, _, b = span.partition("-")
        start, end = _date(a), _date(b)
        return (code, start, end) if start and end else None
    return None


def parse_actors(lines: list[str]) -> list[tuple[list[str], str, list[tuple[str, str, str]]]]:
    """Return (names, default code, dated codes) per actor record of a TABARI/PETRARCH actor file."""
    records: list[list] = []
    current: list | None = None
    previous_line_blank = True
    for raw in lines:
        if not raw.strip():
            previous_line_blank = True
            continue
        line = _strip_comment(raw)
        if not line.strip():
            continue
        codes = [parse_code(c) for c in _CODE.findall(line)]
        phrase = _CODE.sub(" ", line).strip()
        if raw[:1] in ("\t", " ") and not phrase:
            if current is not None:
                _add_codes(current, codes)
        elif line.startswith("+"):
            if current is not None and phrase[1:].strip():
                current[0].append(phrase[1:].strip())
                _add_codes(current, codes)
        elif phrase:
            if current is not None and not current[1] and not current[2] and not previous_line_blank and records:
                # a code-less record right under another ("UN_ [IGOUNO]" then "U.N._") shares its codes
                prior = records[-1]
                if prior is not current:
                    prior[0].extend(current[0])
                    records.remove(current)
            current = [[phrase], "", []]
            records.append(current)
            _add_codes(current, codes)
        previous_line_blank = False
    out = []
    for names, default, dated in records:
        if default or dated:
            out.append((names, default, dated))
    return out


def _add_codes(record: list, codes: list) -> None:
    for code in codes:
        if code is None:
            continue
        if code[1] or code[2]:
            record[2].append(code)
        elif not record[1]:
            record[1] = code[0]


def parse_agents(lines: list[str]) -> list[tuple[list[str], str, bool]]:
    """Return (phrases with plurals, sector code, code goes before) per agent line, substitutions expanded."""
    subs: dict[str, list[str]] = {}
    out = []
    for raw in lines:
        line = _strip_comment(raw).strip()
        if not line:
            continue
        if line.startswith("!") and "=" in line and "[" not in line:
            marker, _, values = line.partition("=")
            subs[marker.strip()] = [v.strip() for v in values.split(",") if v.strip()]
            continue
        match = re.search(r"\[([^\]]*)[\]}]", line)  # one line closes with "}" by a typo
        if not match:
            continue
        body = match.group(1).strip()
        if "~" not in body:
            continue
        before = body.endswith("~")
        code = body.strip("~")
        head = line[:match.start()].strip()
        plural: str | None = None
        brace = re.search(r"\{([^}]*)\}", head)
        if brace:
            plural = brace.group(1).strip()  # '' means no plural
            head = (head[:brace.start()] + head[brace.end():]).strip()
        phrases = _expand(head, subs)
        forms: list[str] = []
        for phrase in phrases:
            forms.append(phrase)
            if plural is None and "!" not in head:
                forms.append(_plural(phrase))
        if plural:
            forms.extend(_expand(plural, subs))
        out.append((forms, code, before))
    return out


def _expand(phrase: str, subs: dict[str, list[str]]) -> list[str]:
    for marker, values in subs.items():
        if marker in phrase:
            return [p for v in values for p in _expand(phrase.replace(marker, v, 1), subs)]
    return [phrase]


def _plural(phrase: str) -> str:
    phrase = phrase.rstrip("_ ")
    if phrase.endswith(("SS", "SH", "CH", "X")):
        return phrase + "ES"
    if phrase.endswith("Y") and phrase[-2:-1] not in "AEIOU":
        return phrase[:-1] + "IES"
    if phrase.endswith("S"):
        return phrase
    return phrase + "S"


def convert(source: Path, out_dir: Path) -> dict[str, int]:
    """Write actors.tsv.gz and NOTICE under out_dir; return counts."""
    missing = [name for name in (*ACTOR_FILES, AGENT_FILE, "LICENSE") if not (source / name).is_file()]
    if missing:
        raise SystemExit(f"error: {source}: missing {', '.join(missing)}; give the PETRARCH2 dictionaries folder")
    rows = ["# CAMEO actor and agent codes converted from the Phoenix/PETRARCH2 dictionaries (MIT; see NOTICE)",
            "# by scripts/convert_dictionaries.py; do not edit by hand, rerun the script."]
    counts = {"actors": 0, "names": 0, "agents": 0}
    digests = []
    for name in ACTOR_FILES:
        data = (source / name).read_bytes()
        digests.append(f"{name}  sha256 {hashlib.sha256(data).hexdigest()}")
        for names, default, dated in parse_actors(read_lines(source / name)):
            keys = list(dict.fromkeys(" ".join(normalize(n)) for n in names))
            keys = [k for k in keys if k]
            if not keys:
                continue
            dated_text = ",".join(f"{c} {s} {e}" for c, s, e in dated)
            rows.append(f"A\t{default}\t{dated_text}\t{'|'.join(keys)}")
            counts["actors"] += 1
            counts["names"] += len(keys)
    data = (source / AGENT_FILE).read_bytes()
    digests.append(f"{AGENT_FILE}  sha256 {hashlib.sha256(data).hexdigest()}")
    for forms, code, before in parse_agents(read_lines(source / AGENT_FILE)):
        keys = [k for k in dict.fromkeys(" ".join(normalize(f)) for f in forms) if k]
        if keys and code:
            rows.append(f"G\t{code}\t{'pre' if before else 'post'}\t{'|'.join(keys)}")
            counts["agents"] += 1
    out_dir.mkdir(parents=True, exist_ok=True)
    # mtime 0: the same input gives the same bytes
    (out_dir / "actors.tsv.gz").write_bytes(gzip.compress("\n".join(rows).encode("utf-8") + b"\n", mtime=0))
    licence = (source / "LICENSE").read_text(encoding="utf-8")
    notice = (
        "The files in this folder are converted from the Phoenix/PETRARCH2 CAMEO dictionaries\n"
        "(openeventdata/petrarch2, petrarch2/data/dictionaries, last commit 2019-03-18) by\n"
        "scripts/convert_dictionaries.py. Input files:\n" + "\n".join(f"  {d}" for d in digests) + "\n\n"
        "Their licence:\n\n" + licence)
    (out_dir / "NOTICE").write_text(notice, encoding="utf-8")
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path, help="the folder of the PETRARCH2 dictionaries")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parents[1]
                        / "src" / "newstrace" / "kb" / "data" / "phoenix")
    args = parser.parse_args(argv)
    counts = convert(args.source, args.out)
    print(f"{counts['actors']} actors ({counts['names']} names), {counts['agents']} agents -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
