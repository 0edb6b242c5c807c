"""When a unit's report is due to the level above.

A deadline is a day of a month counted from the period's last month: ``Deadline(15, 0)`` is the 15th of the
period's last month (a quarter's report before its end, as Nghị định 09/2019 closes a quarter's figures on the
14th of its last month), ``Deadline(5, 1)`` the 5th of the month after. The rule comes from this library when its
province set one (:func:`set_deadline`), else from the template's ``[deadline]``, else from :data:`DEFAULTS`.
A day past the month's end is its last day (the 31st of a 30-day month is the 30th).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from model.errors import LibraryError
from model.library.library import Library
from model.library.storage import Deadline as DeadlineRow
from model.vietnamese.period import Period


@dataclass(frozen=True)
class Deadline:
    day: int
    months_after: int
    source: str = "mặc định"
    """Where the rule comes from, as the clerk reads it: “thư viện”, “mẫu báo cáo” or “mặc định”."""

    def due(self, period: Period) -> date:
        month = period.last_month + self.months_after
        year = period.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return date(year, month, min(self.day, calendar.monthrange(year, month)[1]))

    @property
    def text(self) -> str:
        month = "tháng cuối kỳ" if self.months_after == 0 else f"tháng thứ {self.months_after} sau kỳ"
        return f"ngày {self.day} của {month}"


DEFAULTS: dict[str, Deadline] = {
    "month": Deadline(5, 1), "quarter": Deadline(15, 0), "half": Deadline(15, 0), "year": Deadline(15, 0),
}


def deadline_for(library: Library, template_key: str, period_kind: str) -> Deadline:
    """The rule in force for reports of ``template_key``."""
    with library.session() as session:
        row = session.get(DeadlineRow, template_key)
    if row is not None:
        return Deadline(row.day, row.months_after, "thư viện")
    try:
        template = library.template(template_key)
    except LibraryError:
        template = None
    if template is not None and template.deadline is not None:
        return Deadline(*template.deadline, "mẫu báo cáo")
    return DEFAULTS[period_kind]


def set_deadline(library: Library, template_key: str, day: int, months_after: int) -> Deadline:
    """This library's own rule for ``template_key`` (the province's decision), replacing the template's."""
    library.template(template_key)  # an unknown kind is the clerk's error
    if not 1 <= day <= 31:
        raise LibraryError(f"Ngày hạn nộp phải từ 1 đến 31 (đã ghi {day}).")
    if not 0 <= months_after <= 12:
        raise LibraryError(f"Số tháng sau kỳ báo cáo phải từ 0 đến 12 (đã ghi {months_after}).")
    with library.session() as session, session.begin():
        row = session.get(DeadlineRow, template_key)
        if row is None:
            session.add(DeadlineRow(template_key=template_key, day=day, months_after=months_after))
        else:
            row.day, row.months_after = day, months_after
    return Deadline(day, months_after, "thư viện")
