"""Evidence cut to fit a listing: at a word boundary, with an ellipsis that says something was cut."""
from __future__ import annotations

ELLIPSIS = "…"


def shorten(text: str | None, width: int) -> str:
    """Return ``text`` on one line, at most ``width`` characters: cut after the last whole word that fits,
    with "…" appended; a text that fits is returned whole (white space runs made single)."""
    if width < 2:
        raise ValueError(f"width must be at least 2 characters, not {width}")
    flat = " ".join((text or "").split())
    if len(flat) <= width:
        return flat
    cut = flat[: width - 1]
    space = cut.rfind(" ")
    if flat[width - 1] != " " and space > width // 2:  # the last word runs past the cut: drop it
        # (unless it is longer than half the width: then it is cut inside rather than dropped)
        cut = cut[:space]
    return cut.rstrip(" ,;:.-–—") + ELLIPSIS
