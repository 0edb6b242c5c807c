"""What a list of reports shows of each report, without its values.

Kept apart from :mod:`model.library.library` (which imports SQLAlchemy) so that the fast read-only path
(:mod:`model.library.quickread`) describes reports with the same type, in the same order.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.vietnamese.period import Period

STATUS_LABELS = {"draft": "dự thảo", "issued": "đã ban hành"}


@dataclass(frozen=True)
class ReportInfo:
    id: str
    organization_id: str
    organization_name: str
    period: Period
    status: str
    template_key: str
    template_version: int
    revision: int
    updated_at: str

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def is_issued(self) -> bool:
        return self.status == "issued"


def library_order(report: ReportInfo) -> tuple[str, Period, str]:
    """Sort key of a library's reports: by office, then period."""
    return report.organization_name, report.period, report.id


def report_to_open(reports: Sequence[ReportInfo]) -> ReportInfo | None:
    """The report the editor shows when it opens a library: the last draft in library order (the latest
    period of the last office), else the last report; ``None`` for an empty library."""
    drafts = [r for r in reports if not r.is_issued]
    return (drafts or reports)[-1] if reports else None


def reports_named(reports: Sequence[ReportInfo], ref: str) -> tuple[list[ReportInfo], Period | None]:
    """The reports ``ref`` names by full id (one) or else by period (any number, with that period); no report
    and no period when it is neither. Shared by :meth:`model.library.library.Library.find_report`, which also takes
    the start of an id and explains a miss, and :mod:`model.library.quickread`, which leaves all but one match to it."""
    exact = [r for r in reports if r.id == ref]
    if exact:
        return exact, None
    try:
        period = Period.parse(ref)
    except ValueError:
        return [], None
    return [r for r in reports if r.period == period], period
