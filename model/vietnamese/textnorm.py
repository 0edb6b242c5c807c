"""Cleaning of text at the boundary (form, command line, import): NFC and no control characters."""

from __future__ import annotations

import re
import unicodedata

# C0 and C1 controls, DEL, and the Unicode line/paragraph separators; tab and newline are handled apart.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def has_control_chars(text: str) -> bool:
    """True when ``text`` holds a character that :func:`clean_text` would drop."""
    return bool(_CONTROL.search(text.replace("\r\n", "\n").replace("\r", "\n")))


def clean_text(text: str, *, multiline: bool = False) -> str:
    """NFC-normalise, drop control characters and trim.

    Tabs become spaces. In ``multiline`` text, line breaks are kept (CR LF and CR become LF) and
    each line is trimmed, blank lines dropped; otherwise line breaks become spaces.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    text = _CONTROL.sub("", text)
    if multiline:
        lines = (" ".join(line.split()) for line in text.split("\n"))
        return "\n".join(line for line in lines if line)
    return " ".join(text.split())
