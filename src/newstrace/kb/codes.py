"""What a CAMEO actor code says on its own: the country it starts with."""
from __future__ import annotations

import functools

import pycountry


@functools.lru_cache(maxsize=4096)
def country_of(code: str | None) -> str | None:
    """Return the ISO 3166 alpha-3 country a CAMEO actor code starts with (``RUSGOV`` -> ``RUS``), or None
    (``IGOUNO``, ``CVL``: an organisation or a sector, no country)."""
    if not code or len(code) < 3:
        return None
    head = code[:3].upper()
    return head if pycountry.countries.get(alpha_3=head) is not None else None
