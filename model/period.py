"""Reporting periods: a quarter of a year, written ``2018-Q2`` in files and ``quý II năm 2018`` in prose."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

ROMAN = ("I", "II", "III", "IV")
_PERIOD = re.compile(r"^\s*(\d{4})\s*-?\s*[QqIi]?\s*([1-4])\s*$")


@dataclass(frozen=True, order=True)
class Period:
    """One quarter. Ordered by time."""

    year: int
    quarter: int

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2018-Q2`` (also ``2018Q2``, ``2018-2``); raises ``ValueError`` in Vietnamese."""
        match = _PERIOD.match(text)
        if not match:
            raise ValueError(f"Kỳ báo cáo “{text}” không hợp lệ; viết theo dạng 2018-Q2.")
        return cls(int(match.group(1)), int(match.group(2)))

    def __str__(self) -> str:
        return f"{self.year}-Q{self.quarter}"

    @property
    def text(self) -> str:
        """``quý II năm 2018``."""
        return f"quý {ROMAN[self.quarter - 1]} năm {self.year}"

    @property
    def short_text(self) -> str:
        """``quý II/2018``."""
        return f"quý {ROMAN[self.quarter - 1]}/{self.year}"

    @property
    def start(self) -> date:
        return date(self.year, 3 * self.quarter - 2, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def previous(self) -> Period:
        return Period(self.year - 1, 4) if self.quarter == 1 else Period(self.year, self.quarter - 1)

    def next(self) -> Period:
        return Period(self.year + 1, 1) if self.quarter == 4 else Period(self.year, self.quarter + 1)
