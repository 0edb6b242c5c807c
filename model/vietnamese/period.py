"""Reporting periods: a month, a quarter, a half-year or a year.

Written in files and on the command line as ``2018-T05``, ``2018-Q2``, ``2018-6T`` (6 tháng đầu năm),
``2018-6TC`` (6 tháng cuối năm) and ``2018-N`` (năm); in prose as ``tháng 5 năm 2018``, ``quý II năm 2018``,
``6 tháng đầu năm 2018``, ``năm 2018``. A period is stored as (kind, year, number), the number counting
within the kind (the month, quarter or half; 1 for a year).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import total_ordering
from typing import Literal

PeriodKind = Literal["month", "quarter", "half", "year"]
PERIOD_KINDS: tuple[str, ...] = ("month", "quarter", "half", "year")
_MONTHS_IN = {"month": 1, "quarter": 3, "half": 6, "year": 12}
PERIODS_IN_YEAR = {"month": 12, "quarter": 4, "half": 2, "year": 1}
ROMAN = ("I", "II", "III", "IV")
HALF_NAMES = ("6 tháng đầu năm", "6 tháng cuối năm")

_QUARTER = re.compile(r"^(\d{4})-?[QqIi]?([1-4])$")
_MONTH = re.compile(r"^(\d{4})-?[Tt](\d{1,2})$")
_HALF = re.compile(r"^(\d{4})-?6[Tt]([12]|[CcĐđDd])?$")
_YEAR = re.compile(r"^(\d{4})-?[Nn]$")


@total_ordering
@dataclass(frozen=True)
class Period:
    """One period. Ordered by the month it ends, then by length (quý II before 6 tháng đầu năm)."""

    year: int
    number: int
    """The month (1-12), quarter (1-4) or half (1-2) within the year; 1 for a year."""
    kind: PeriodKind = "quarter"

    def __post_init__(self) -> None:
        if self.kind not in _MONTHS_IN or not 1 <= self.number <= PERIODS_IN_YEAR[self.kind]:
            raise ValueError(f"Kỳ báo cáo không hợp lệ: {self.kind} {self.number}/{self.year}.")

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2018-Q2`` (also ``2018Q2``, ``2018-2``), ``2018-T05``, ``2018-6T``, ``2018-6TC``, ``2018-N``;
        raises ``ValueError`` in Vietnamese."""
        compact = "".join(text.split())
        if match := _QUARTER.match(compact):
            return cls(int(match.group(1)), int(match.group(2)))
        if (match := _MONTH.match(compact)) and 1 <= int(match.group(2)) <= 12:
            return cls(int(match.group(1)), int(match.group(2)), "month")
        if match := _HALF.match(compact):
            second = (match.group(2) or "1") in ("2", "C", "c")
            return cls(int(match.group(1)), 2 if second else 1, "half")
        if match := _YEAR.match(compact):
            return cls(int(match.group(1)), 1, "year")
        raise ValueError(f"Kỳ báo cáo “{text}” không hợp lệ; viết theo dạng 2018-Q2 (quý), 2018-T05 (tháng), "
                         "2018-6T (6 tháng đầu năm), 2018-6TC (6 tháng cuối năm) hoặc 2018-N (năm).")

    @property
    def quarter(self) -> int:
        """The quarter of a quarterly period (the number within its kind for any other: the stored column)."""
        return self.number

    def _sort_key(self) -> tuple[int, int, int]:
        return self.year, self.last_month, _MONTHS_IN[self.kind]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Period):
            return NotImplemented
        return self._sort_key() < other._sort_key()

    def __str__(self) -> str:
        if self.kind == "month":
            return f"{self.year}-T{self.number:02d}"
        if self.kind == "half":
            return f"{self.year}-6T" if self.number == 1 else f"{self.year}-6TC"
        if self.kind == "year":
            return f"{self.year}-N"
        return f"{self.year}-Q{self.number}"

    @property
    def text(self) -> str:
        """``quý II năm 2018``, ``tháng 5 năm 2018``, ``6 tháng đầu năm 2018``, ``năm 2018``."""
        if self.kind == "month":
            return f"tháng {self.number} năm {self.year}"
        if self.kind == "half":
            return f"{HALF_NAMES[self.number - 1]} {self.year}"
        if self.kind == "year":
            return f"năm {self.year}"
        return f"quý {ROMAN[self.number - 1]} năm {self.year}"

    @property
    def short_text(self) -> str:
        """``quý II/2018``, ``tháng 5/2018``, ``6 tháng đầu năm 2018``, ``năm 2018``."""
        if self.kind == "month":
            return f"tháng {self.number}/{self.year}"
        if self.kind == "quarter":
            return f"quý {ROMAN[self.number - 1]}/{self.year}"
        return self.text

    @property
    def within_year(self) -> str:
        """The period under its year in a list: ``Quý II``, ``Tháng 5``, ``6 tháng đầu năm``, ``Cả năm``."""
        if self.kind == "month":
            return f"Tháng {self.number}"
        if self.kind == "half":
            return HALF_NAMES[self.number - 1].capitalize()
        if self.kind == "year":
            return "Cả năm"
        return f"Quý {ROMAN[self.number - 1]}"

    @property
    def first_month(self) -> int:
        return (self.number - 1) * _MONTHS_IN[self.kind] + 1

    @property
    def last_month(self) -> int:
        return self.number * _MONTHS_IN[self.kind]

    @property
    def start(self) -> date:
        return date(self.year, self.first_month, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def previous(self) -> Period:
        if self.number == 1:
            return Period(self.year - 1, PERIODS_IN_YEAR[self.kind], self.kind)
        return Period(self.year, self.number - 1, self.kind)

    def next(self) -> Period:
        if self.number == PERIODS_IN_YEAR[self.kind]:
            return Period(self.year + 1, 1, self.kind)
        return Period(self.year, self.number + 1, self.kind)

    def quarters(self) -> tuple[Period, ...]:
        """The quarters that make up a half-year or a year (a quarter is made of itself; a month of none)."""
        if self.kind == "month":
            return ()
        first = (self.first_month - 1) // 3 + 1
        return tuple(Period(self.year, q) for q in range(first, self.last_month // 3 + 1))
