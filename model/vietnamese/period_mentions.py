"""Periods a report's text names: a narrative carried over from a quarter ("quý II/2018") into the 6-month report
still speaks of the quarter, and the checks warn about it.

Quarters (``quý II/2018``, ``quý 2 năm 2018``) and halves (``6 tháng đầu năm 2018``) with their year are read;
a mention right after "so với" (or "cùng kỳ") is a comparison with another period, which a report may make.
"""

from __future__ import annotations

import re

from model.vietnamese.period import ROMAN, Period

_QUARTER = re.compile(r"\bquý\s+(IV|I{1,3}|[1-4])\s*(?:/\s*|năm\s+)(\d{4})\b", re.IGNORECASE)
_HALF = re.compile(r"\b6\s+tháng\s+(đầu|cuối)\s+năm\s+(\d{4})\b", re.IGNORECASE)
_COMPARISON = re.compile(r"(?:so\s+với|cùng\s+kỳ)(?:\s+\S+){0,2}\s*$", re.IGNORECASE)


def _quarter_number(text: str) -> int:
    return int(text) if text.isdigit() else ROMAN.index(text.upper()) + 1


def other_periods(text: str, period: Period) -> list[str]:
    """The mentions in ``text`` of a quarter or half-year other than ``period`` (as written), in order, once each;
    comparisons ("so với quý I/2018") excepted."""
    found: list[tuple[int, str]] = []
    for pattern, make in ((_QUARTER, lambda m: Period(int(m.group(2)), _quarter_number(m.group(1)))),
                          (_HALF, lambda m: Period(int(m.group(2)), 1 if m.group(1).lower() == "đầu" else 2,
                                                   "half"))):
        for match in pattern.finditer(text):
            if make(match) == period or _COMPARISON.search(text[:match.start()]):
                continue
            found.append((match.start(), " ".join(match.group(0).split())))
    return list(dict.fromkeys(mention for _, mention in sorted(found)))
