"""Print what a person needs to judge cross-article linking by hand (docs/ACCURACY.md, Linking).

    python scripts/sample_links.py STORE clusters N SEED     # N random multi-article clusters
    python scripts/sample_links.py STORE entities N SEED     # N random canonical entities with 2+ written forms
    python scripts/sample_links.py STORE trace WORD [TYPE]   # every report of an event: recall by tracing
    python scripts/sample_links.py STORE types [all]         # entities whose rows are typed differently, the vote,
                                                             # those mixing a person with a thing (all: every mix)
    python scripts/sample_links.py wilson RIGHT N            # the 95% Wilson interval of RIGHT out of N
    python scripts/sample_links.py diff STORE_A STORE_B [--sentences]
                                                             # multi-article clusters new, changed or gone in B

Clusters: each member report with outlet, publication date, date given, trigger, parties and sentence.
Entities: every written form, and one mention in context in each of up to four articles. Trace: the
reports whose sentence holds WORD (and whose type is TYPE), grouped by cluster, largest first, so the
share of an event's reports that sit in its biggest cluster can be counted. Diff: two stores of the same
articles (another extraction or another linking) have their multi-article clusters matched by their member
reports (article id, sentence span and trigger span; with --sentences the sentence span alone), so a census
of B reads only what is new or changed: a B cluster whose members are those of an A cluster is the same
(listed as B id = A id, to carry a judgement over); one sharing a member with an A cluster is changed
(members B added marked +, members of those A clusters it lacks marked -); one sharing none is new; an A
cluster no B cluster shares a member with is gone (where its reports went in B is printed).
"""
from __future__ import annotations

import json
import math
import random
import sys
from collections import defaultdict

from sqlalchemy import func, select

from newstrace.errors import StoreError
from newstrace.store import open_store, schema


def wilson(right: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """Return the Wilson score interval of a proportion ``right``/``n``."""
    if n == 0:
        return 0.0, 1.0
    p = right / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def _party(refs) -> str:
    return ", ".join(r.get("name", "?") for r in refs or () if r) or "-"


def _report_lines(data, source, published, mark: str = " ") -> str:
    date = (data.get("date") or {}).get("text") or "-"
    return (f" {mark}[{(source or '')[:18]} {published}] {data['type']}/{data.get('mode') or '-'} "
            f"'{data['trigger']['text']}' date '{date}' A: {_party(data.get('actors'))} "
            f"R: {_party(data.get('recipients'))}\n      {data['sentence']['text'][:300]!r}")


def clusters(store, n: int, seed: int) -> None:
    e, a = schema.events, schema.articles
    with store.engine.connect() as conn:
        multi = conn.execute(
            select(e.c.cluster_id).group_by(e.c.cluster_id)
            .having(func.count(func.distinct(e.c.article_id)) > 1).order_by(e.c.cluster_id)
        ).scalars().all()
        print(f"{len(multi)} clusters hold reports of two or more articles")
        for k, cid in enumerate(random.Random(seed).sample(multi, min(n, len(multi))), 1):
            rows = conn.execute(
                select(e.c.data, a.c.source, a.c.published).join(a, a.c.id == e.c.article_id)
                .where(e.c.cluster_id == cid).order_by(a.c.published, e.c.id)
            ).all()
            print(f"\n== C{k} {cid} ({len(rows)} reports)")
            for data, source, published in rows:
                print(_report_lines(data, source, published))


def entities(store, n: int, seed: int) -> None:
    t, m, a = schema.entities, schema.mentions, schema.articles
    with store.engine.connect() as conn:
        groups = conn.execute(
            select(t.c.canonical_id).where(t.c.canonical_id.is_not(None)).group_by(t.c.canonical_id)
            .having(func.count(func.distinct(t.c.name)) > 1).order_by(t.c.canonical_id)
        ).scalars().all()
        print(f"{len(groups)} canonical entities hold two or more written forms")
        for k, cid in enumerate(random.Random(seed).sample(groups, min(n, len(groups))), 1):
            rows = conn.execute(select(t.c.id, t.c.type, t.c.name).where(t.c.canonical_id == cid)).all()
            print(f"\n== E{k} {cid}: " + " | ".join(f"{r.name} ({r.type})" for r in rows))
            seen = set()
            for ent, art, start, end, text in conn.execute(
                select(m.c.entity_id, m.c.article_id, m.c.start, m.c.end, a.c.text)
                .join(a, a.c.id == m.c.article_id).where(m.c.entity_id.in_([r.id for r in rows]))
                .order_by(m.c.article_id, m.c.start)
            ):
                if art in seen or len(seen) >= 4:
                    continue
                seen.add(art)
                context = text[max(0, start - 90):end + 90].replace("\n", " ")
                print(f"   - {context!r}")


def trace(store, word: str, type_: str | None) -> None:
    e, a = schema.events, schema.articles
    by_cluster: dict[str, list] = defaultdict(list)
    with store.engine.connect() as conn:
        query = select(e.c.cluster_id, e.c.data, a.c.published, a.c.source).join(a, a.c.id == e.c.article_id)
        if type_:
            query = query.where(e.c.type == type_)
        for cid, data, published, source in conn.execute(query):
            if word.lower() in data["sentence"]["text"].lower():
                by_cluster[cid].append((published, data, source))
    total = sum(len(v) for v in by_cluster.values())
    print(f"{total} reports in {len(by_cluster)} clusters")
    for cid, rows in sorted(by_cluster.items(), key=lambda x: -len(x[1])):
        print(f"\n== {cid} ({len(rows)})")
        for published, data, source in sorted(rows, key=lambda r: r[0] or ""):
            date = (data.get("date") or {}).get("text") or "-"
            place = (data.get("location") or {}).get("name") or "-"
            print(f"  [{(source or '')[:14]} {published}] {data['type']}/{data.get('factuality') or '-'} '{data['trigger']['text']}' "
                  f"date '{date}' ({(data.get('date') or {}).get('value') or '-'}) at {place} "
                  f"A: {_party(data.get('actors'))} R: {_party(data.get('recipients'))} :: "
                  f"{data['sentence']['text'][:300]!r}")


def types(store, show_all: bool = False) -> None:
    """Count canonical entities whose rows carry different types, and how many have one voted type
    (``linked.type`` with ``linked.type_reason``) on their canonical row; print a few with the reason."""
    t = schema.entities
    with store.engine.connect() as conn:
        mixed = conn.execute(
            select(t.c.canonical_id).where(t.c.canonical_id.is_not(None)).group_by(t.c.canonical_id)
            .having(func.count(func.distinct(t.c.type)) > 1).order_by(t.c.canonical_id)
        ).scalars().all()
        voted = 0
        shown = 0
        for cid in mixed:
            data = conn.execute(select(t.c.data).where(t.c.id == cid)).scalar() or {}
            linked = data.get("linked") or {}
            if linked.get("type") and linked.get("type_reason"):
                voted += 1
                if shown < 10:
                    shown += 1
                    print(f"  {linked.get('name')!r}: {linked['type']} ({linked['type_reason']})")
    print(f"{len(mixed)} canonical entities have rows of two or more types; {voted} carry one voted type with its reason")
    with store.engine.connect() as conn:
        # A person and a thing in one entity is a conflict no vote settles (a man and his company); the
        # ORG/GPE/LOC/NORP/FAC mixes are the model's inconsistent typing of one name, listed for reading.
        rows = conn.execute(
            select(t.c.canonical_id, t.c.type, t.c.name).where(t.c.canonical_id.in_(mixed))
            .order_by(t.c.canonical_id, t.c.name)
        ).all()
    by_group: dict[str, list] = defaultdict(list)
    for cid, type_, name in rows:
        by_group[cid].append((type_, name))
    person_thing = [cid for cid, members in by_group.items() if "PERSON" in {ty for ty, _ in members}]
    print(f"{len(person_thing)} of them mix a person with a thing:")
    for cid in person_thing:
        print("  " + " | ".join(f"{name} ({type_})" for type_, name in by_group[cid]))
    if show_all:
        for cid, members in by_group.items():
            print(f"  {cid}: " + " | ".join(f"{name} ({type_})" for type_, name in members))


def _member_key(article_id: str, data: dict, sentences: bool) -> tuple:
    """What names one report across two extractions of the same article: ids may change, spans do not."""
    sentence = data["sentence"]
    if sentences:
        return article_id, sentence["start"], sentence["end"]
    trigger = data["trigger"]
    return article_id, sentence["start"], sentence["end"], trigger["start"], trigger["end"]


def _multi_clusters(store, sentences: bool) -> dict[str, dict[tuple, tuple]]:
    """Each cluster holding reports of two or more articles: cluster id -> {member key: (data, source, published)}."""
    e, a = schema.events, schema.articles
    with store.engine.connect() as conn:
        multi = (select(e.c.cluster_id).group_by(e.c.cluster_id)
                 .having(func.count(func.distinct(e.c.article_id)) > 1))
        rows = conn.execute(
            select(e.c.cluster_id, e.c.article_id, e.c.data, a.c.source, a.c.published)
            .join(a, a.c.id == e.c.article_id).where(e.c.cluster_id.in_(multi))
            .order_by(e.c.cluster_id, a.c.published, e.c.id)
        ).all()
    out: dict[str, dict[tuple, tuple]] = defaultdict(dict)
    for cid, article_id, data, source, published in rows:
        out[cid][_member_key(article_id, data, sentences)] = (data, source, published)
    return dict(out)


def _where_in(store, keys, sentences: bool) -> dict[tuple, str]:
    """The cluster of each member key in ``store`` (keys of reports it no longer has are left out)."""
    e = schema.events
    articles = sorted({key[0] for key in keys})
    found: dict[tuple, str] = {}
    with store.engine.connect() as conn:
        for article_id, data, cid in conn.execute(
            select(e.c.article_id, e.c.data, e.c.cluster_id).where(e.c.article_id.in_(articles))
        ):
            key = _member_key(article_id, data, sentences)
            if key in keys:
                found[key] = cid
    return found


def diff(store_a, store_b, sentences: bool = False) -> None:
    """Print the multi-article clusters of ``store_b`` that are new or changed against ``store_a``, and
    those of ``store_a`` that are gone; the same ones as a list of ids."""
    old, new = _multi_clusters(store_a, sentences), _multi_clusters(store_b, sentences)
    old_by_sig = {frozenset(members): cid for cid, members in old.items()}
    old_of_key = {key: cid for cid, members in old.items() for key in members}
    same, changed, added = [], [], []
    touched: set[str] = set()
    for cid, members in sorted(new.items()):
        match = old_by_sig.get(frozenset(members))
        if match:
            same.append((cid, match))
            touched.add(match)
            continue
        before = sorted({old_of_key[key] for key in members if key in old_of_key})
        touched.update(before)
        (changed if before else added).append((cid, before))
    gone = sorted(set(old) - touched)
    print(f"B has {len(new)} clusters of two or more articles: {len(same)} the same as in A, {len(changed)} changed, "
          f"{len(added)} new; {len(gone)} of A's {len(old)} are gone")
    print("\n# the same (B id = A id, reports)")
    for cid, match in same:
        print(f"  {cid} = {match} ({len(new[cid])})")
    for title, group in (("changed", changed), ("new", added)):
        print(f"\n# {title}")
        for cid, before in group:
            members = new[cid]
            was = {key for b in before for key in old[b]}
            print(f"\n== {cid} ({len(members)} reports, {len({k[0] for k in members})} articles)"
                  + (f" was {', '.join(f'{b} ({len(old[b])})' for b in before)}" if before else ""))
            for key, (data, source, published) in members.items():
                print(_report_lines(data, source, published, "+" if before and key not in was else " "))
            for b in before:
                for key, (data, source, published) in old[b].items():
                    if key not in members:
                        print(_report_lines(data, source, published, "-"))
    print("\n# gone")
    for cid in gone:
        members = old[cid]
        where = _where_in(store_b, set(members), sentences)
        spread = len(set(where.values()))
        print(f"\n== {cid} ({len(members)} reports): in B {spread} clusters, "
              f"{len(members) - len(where)} reports not found")
        for key, (data, source, published) in members.items():
            print(_report_lines(data, source, published, " ") + f"\n      -> {where.get(key, 'not in B')}")


def main(argv: list[str]) -> int:
    if argv[:1] == ["wilson"]:
        lo, hi = wilson(int(argv[1]), int(argv[2]))
        print(json.dumps({"right": int(argv[1]), "n": int(argv[2]), "low": round(lo, 3), "high": round(hi, 3)}))
        return 0
    if argv[:1] == ["diff"]:
        paths = [arg for arg in argv[1:] if arg != "--sentences"]
        if len(paths) != 2:
            print("error: diff needs two stores: diff STORE_A STORE_B [--sentences]", file=sys.stderr)
            return 2
        try:
            stores = [open_store(path, create=False) for path in paths]
        except StoreError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        diff(*stores, sentences="--sentences" in argv)
        return 0
    if len(argv) in (2, 3) and argv[1] == "types":
        types(open_store(argv[0]), argv[2:] == ["all"])
        return 0
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    store = open_store(argv[0])
    if argv[1] == "clusters":
        clusters(store, int(argv[2]), int(argv[3]))
    elif argv[1] == "entities":
        entities(store, int(argv[2]), int(argv[3]))
    elif argv[1] == "trace":
        trace(store, argv[2], argv[3] if len(argv) > 3 else None)
    else:
        print(f"error: unknown sample kind {argv[1]!r}; choose clusters, entities, trace, types or diff", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
