"""One identity per office: how names are compared, and what level an office is at when nobody said.

Names typed in different libraries differ in case, spaces, Unicode form and where the tone mark sits (“Uỷ ban” and
“Ủy ban”, “Hoà” and “Hòa” are the same word in the old and new spelling): :func:`fold_name` folds all of that, and
every place that finds an office by name uses it (the command line's ``--office``, ``server-grant``, the import's
matching, the office dialog's duplicate check).
"""

from __future__ import annotations

import unicodedata

_TONES = frozenset("\u0300\u0301\u0303\u0309\u0323")
"""The five Vietnamese tone marks as combining characters (huyền, sắc, ngã, hỏi, nặng)."""


def _fold_word(word: str) -> str:
    """A word with its tone mark moved to the end, so “uỷ” and “ủy” fold alike and different tones stay apart."""
    tones = "".join(ch for ch in word if ch in _TONES)
    return "".join(ch for ch in word if ch not in _TONES) + tones


_ABBREVIATIONS = {"ubnd": "ủy ban nhân dân"}
"""Abbreviations written in office names for the words they stand for (“UBND huyện An Minh”)."""


def fold_name(text: str) -> str:
    """An office name as compared: case, spaces, Unicode form, the tone mark's place and “UBND” folded."""
    words = [_ABBREVIATIONS.get(word, word) for word in text.casefold().split()]
    decomposed = unicodedata.normalize("NFD", " ".join(words))
    return " ".join(_fold_word(word) for word in decomposed.split())


def same_name(a: str, b: str) -> bool:
    return fold_name(a) == fold_name(b)


_UBND = ("ủy ban nhân dân",)
_DISTRICTS = ("huyện", "thị xã", "thành phố", "quận")
_PREFIXES: tuple[tuple[tuple[str, ...], str], ...] = (
    (tuple(f"{u} {kind}" for u in _UBND for kind in _DISTRICTS) + _DISTRICTS, "huyen"),
    (tuple(f"{u} {kind}" for u in _UBND for kind in ("xã", "phường", "thị trấn")), "xa"),
    (tuple(f"{u} tỉnh" for u in _UBND), "tinh"),
)
_FOLDED = tuple((tuple(fold_name(p) + " " for p in prefixes), level) for prefixes, level in _PREFIXES)


def infer_level(name: str, has_children: bool) -> str:
    """The level of an office recorded before offices had one: ``tinh`` when it has sub-units; otherwise read
    from its name (UBND huyện, thị xã, thành phố → ``huyen``; sở, ban, ngành → ``so``; UBND xã → ``xa``; UBND
    tỉnh → ``tinh``); any other name (Sở…, Ban…, a ngành) is taken as a department (``so``)."""
    if has_children:
        return "tinh"
    folded = fold_name(name) + " "
    for prefixes, level in _FOLDED:
        if folded.startswith(prefixes):
            return level
    return "so"
