"""Scale-out: the per-article extraction on Ray Data, across the cores of one machine or a cluster.

Extraction is a pure function of an article, so it runs anywhere; storing stays in the driver, one
transaction per article, exactly as on the local path. Each Ray actor loads the spaCy pipeline once.
"""
from __future__ import annotations

import pickle
from collections.abc import Callable, Iterable, Iterator

from .errors import InputError, NewstraceError
from .records import Article, ArticleResult


class _Extractor:
    """A Ray Data batch function: bytes of pickled Articles in, pickled ArticleResults (or errors) out."""

    def __init__(self, model: str | None = None) -> None:
        from .nlp import load_nlp

        self.nlp = load_nlp(model)

    def __call__(self, batch: dict) -> dict:
        from .pipeline import extract_doc

        articles = [pickle.loads(blob) for blob in batch["article"]]
        results, errors = [], []
        for doc, article in zip(self.nlp.pipe(a.text for a in articles), articles):
            try:
                results.append(pickle.dumps(extract_doc(article, doc)))
                errors.append("")
            except Exception as exc:  # recorded per article; the batch goes on
                results.append(b"")
                errors.append(f"extraction failed: {type(exc).__name__}: {exc}")
        return {"origin": [a.origin or a.id for a in articles], "result": results, "error": errors}


def extract_with_ray(
    items: Iterable[Article | InputError], *, concurrency: int = 2, batch_size: int = 16,
    address: str | None = None, model: str | None = None,
    on_failure: Callable[[str, str], None] | None = None,
) -> Iterator[ArticleResult]:
    """Yield the ArticleResult of every Article among ``items``, extracted by Ray actors."""
    try:
        import ray
    except ImportError:
        raise NewstraceError("Ray is not installed; try: pip install 'newstrace[ray]'") from None

    rows = []
    for item in items:
        if isinstance(item, InputError):
            if on_failure:
                on_failure(item.source, item.reason)
        else:
            rows.append({"article": pickle.dumps(item)})
    if not rows:
        return
    if not ray.is_initialized():
        kwargs = {"address": address} if address else {"num_cpus": concurrency}
        ray.init(include_dashboard=False, ignore_reinit_error=True, log_to_driver=False, **kwargs)
    dataset = ray.data.from_items(rows).map_batches(
        _Extractor, fn_constructor_kwargs={"model": model}, concurrency=concurrency,
        batch_size=batch_size, batch_format="numpy",
    )
    for row in dataset.iter_rows():
        if row["error"]:
            if on_failure:
                on_failure(str(row["origin"]), str(row["error"]))
            continue
        yield pickle.loads(row["result"])
