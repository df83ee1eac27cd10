"""Bytes to text: encodings detected with charset-normalizer, binary files refused, odd bytes reported.

The rules, in order:

1. valid UTF-8 (with or without a byte-order mark) is UTF-8;
2. else the encoding the document declares (HTML ``<meta charset>``), if the bytes decode with it;
3. bytes with NUL in them are binary unless charset-normalizer reads them as UTF-16/UTF-32;
4. UTF-8 with a few stray bytes (more valid multi-byte characters than invalid bytes; or at least one
   valid multi-byte character and stray bytes that are few: at most 16, or under 1% of the bytes) stays
   UTF-8, the stray bytes become U+FFFD and a warning says where: a few bad bytes should not turn every
   other accented letter of the file into mojibake, while a legacy file's lone 0xA3 (no multi-byte
   character anywhere) is still read in its own encoding;
5. anything else is decoded with the encoding charset-normalizer detects. Among its candidates whose
   "chaos" (mess) is close to the least, the one whose text is most coherent in a language wins:
   a lone 0xA3 in English text is a pound sign in cp1252, not a half-width katakana in cp932
   (on a tie, cp1252 wins);
6. nothing detected, or a text full of control characters, is a binary file.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

BINARY = "binary file, not text"
EMPTY = "empty file"

_SNIFF = 8192
# chaos within this distance of the least is "as clean", and language coherence decides among them
_CHAOS_TOLERANCE = 0.1
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.01
_FEW_STRAY_BYTES = 16
_LATIN1_LABELS = {"iso-8859-1", "latin-1", "latin1", "l1", "ascii", "us-ascii", "iso8859-1", "cp819"}


class NotText(Exception):
    """The bytes are not text; ``reason`` is the one-line reason (BINARY or EMPTY)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, *, declared: str | None = None) -> Decoded:
    """Return the text of ``data`` with the encoding used; raise NotText for empty or binary data.

    ``declared`` is the encoding the document states (an HTML ``<meta charset>``): used when the bytes
    are not UTF-8 and decode with it cleanly.
    """
    if not data.strip():
        raise NotText(EMPTY)
    try:
        return _checked(Decoded(data.decode("utf-8-sig"), "utf-8"))
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    if declared:
        # as browsers do (WHATWG encoding standard), latin-1 labels mean windows-1252
        codec = "cp1252" if declared.lower().replace("_", "-") in _LATIN1_LABELS else declared
        try:
            return _checked(Decoded(data.decode(codec), codec))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown label: detection decides
    if b"\x00" in data[:_SNIFF]:
        return _checked(_detected(data, wide_only=True))
    stray = _utf8_with_stray_bytes(data, first_bad)
    if stray is not None:
        return _checked(stray)
    decoded = _detected(data, wide_only=False)
    decoded.warnings.append(
        f"not valid UTF-8 (byte 0x{data[first_bad]:02X} at offset {first_bad}); decoded as {decoded.encoding}"
    )
    return _checked(decoded)


def _utf8_with_stray_bytes(data: bytes, first_bad: int) -> Decoded | None:
    text = data.decode("utf-8", errors="replace")
    text = text.removeprefix("\ufeff")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    few = replaced <= _FEW_STRAY_BYTES or replaced * 100 < len(data)
    if multibyte <= replaced and not (multibyte and few):
        return None
    return Decoded(text, "utf-8", [
        f"{replaced} invalid UTF-8 byte(s), the first at offset {first_bad}, replaced with U+FFFD"
    ])


def _detected(data: bytes, *, wide_only: bool) -> Decoded:
    candidates = list(from_bytes(data))
    if wide_only:
        candidates = [c for c in candidates if c.encoding.startswith(("utf_16", "utf_32"))]
    if not candidates:
        raise NotText(BINARY)
    least = min(c.chaos for c in candidates)
    clean = [c for c in candidates if c.chaos <= least + _CHAOS_TOLERANCE]
    # on a tie, cp1252: the legacy encoding of most Western news pages (HTML5 reads latin-1 as it)
    best = max(clean, key=lambda c: (c.coherence, c.encoding == "cp1252"))
    text = str(best)
    text = text.removeprefix("\ufeff")
    return Decoded(text, best.encoding)


def _checked(decoded: Decoded) -> Decoded:
    text = decoded.text
    if not text.strip():
        raise NotText(EMPTY)
    sample = text[:_SNIFF]
    if len(_CONTROL.findall(sample)) > _MAX_CONTROL_RATIO * len(sample):
        raise NotText(BINARY)
    return decoded
