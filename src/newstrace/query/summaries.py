"""The short forms of events and figures that the CLI's ``timeline``, ``entity`` and ``conflicts`` print
(and give with ``--json``): a few readable fields instead of the whole export dict."""
from __future__ import annotations

from typing import Any


def event_summary(data, cluster_id, source, published, **extra) -> dict[str, Any]:
    return {
        "id": data["id"], "type": data["type"], "mode": data.get("mode"), "factuality": data.get("factuality"),
        "date": data.get("date"), "actors": [r["name"] for r in data.get("actors") or ()],
        "recipients": [r["name"] for r in data.get("recipients") or ()],
        "trigger": data["trigger"]["text"], "sentence": data["sentence"]["text"].strip(),
        "article": data["article"], "source": source, "published": published, "cluster": cluster_id, **extra,
    }


def figure_side(data, series_id, source, published, title: str | None = None) -> dict[str, Any]:
    return {
        "id": data["id"], "text": data["span"]["text"], "value": data.get("value"),
        "qualifier": data.get("qualifier"), "measure": data.get("measure"), "counted": data.get("counted"),
        "as_of": data.get("as_of"), "claimed_by": (data.get("claimed_by") or {}).get("name") or source,
        "sentence": data["sentence"]["text"].strip(), "article": data["article"], "title": title,
        "source": source, "published": published, "series": series_id,
    }


def figure_side_of(item: dict[str, Any]) -> dict[str, Any]:
    """Return the short form of a figure record dict (``records.record_item``)."""
    meta = item["article_meta"]
    return figure_side(item, item.get("series"), meta["source"], meta["published"], meta["title"])
