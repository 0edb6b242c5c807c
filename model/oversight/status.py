"""Tình hình nộp báo cáo: for an office and a period, which of its units have sent their report, when, whether
on time, returned or sent again, consolidated; and the completeness and timeliness rates at the top.

The units expected are the offices directly under the office in the library. A unit's report counts as received
from the first ``received`` step of its receipt log (the day its file was imported), or, on a shared server where
units write their reports themselves, from the time an issued report was last changed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select

from model.exchange.consolidation import find_office
from model.library.infos import OrganizationInfo
from model.library.library import Library
from model.library.returned import pending_return_id
from model.library.storage import ConsolidationSource, Report
from model.oversight.deadlines import Deadline, deadline_for
from model.oversight.events import VIETNAM, Event, events_in, local_time
from model.report.report_info import ReportInfo
from model.report.shipped import DEFAULT_TEMPLATE
from model.vietnamese.period import Period
from model.vietnamese.vnformat import format_date_short


@dataclass(frozen=True)
class UnitStatus:
    office: OrganizationInfo
    report: ReportInfo | None
    received_at: datetime | None
    """When the level above first received the report (Vietnam's time), or ``None``."""
    days_late: int
    """Days after the deadline it arrived (0: on time); for a report not received, days overdue so far."""
    returned: bool
    """Sent back for correction and no newer revision received since."""
    resubmitted: bool
    """A newer revision arrived after a return."""
    consolidated: bool

    @property
    def received(self) -> bool:
        return self.received_at is not None

    @property
    def on_time(self) -> bool:
        return self.received and self.days_late == 0

    @property
    def state(self) -> str:
        """The unit's line as the clerk reads it."""
        if not self.received:
            return f"chưa nộp (quá hạn {self.days_late} ngày)" if self.days_late else "chưa nộp"
        parts = ["đúng hạn" if self.on_time else f"trễ {self.days_late} ngày"]
        if self.returned:
            parts.append("đã trả lại để sửa")
        elif self.resubmitted:
            parts.append("đã gửi lại")
        if self.consolidated:
            parts.append("đã tổng hợp")
        return ", ".join(parts)


@dataclass(frozen=True)
class StatusReport:
    office: OrganizationInfo
    period: Period
    template_key: str
    deadline: Deadline
    due: date
    units: tuple[UnitStatus, ...]

    @property
    def expected(self) -> int:
        return len(self.units)

    @property
    def received(self) -> int:
        return sum(u.received for u in self.units)

    @property
    def on_time(self) -> int:
        return sum(u.on_time for u in self.units)

    @property
    def completeness(self) -> float:
        return self.received / self.expected if self.expected else 0.0

    @property
    def timeliness(self) -> float:
        return self.on_time / self.expected if self.expected else 0.0

    @property
    def heading(self) -> str:
        return (f"Tình hình nộp báo cáo {self.period.text} của các đơn vị thuộc {self.office.name}: hạn nộp "
                f"{format_date_short(self.due)} ({self.deadline.text}, theo {self.deadline.source}).")

    @property
    def summary(self) -> str:
        def rate(part: int) -> str:
            share = f"{100 * part / self.expected:.1f}".replace(".", ",") if self.expected else "0"
            return f"{part}/{self.expected} ({share}%)"
        return f"Đã nộp {rate(self.received)}; đúng hạn {rate(self.on_time)}."


def _unit_reports(library: Library, unit_ids: set[str], period: Period, template_key: str) -> dict[str, ReportInfo]:
    """Each unit's report of the period (the newest, should there be several)."""
    chosen: dict[str, ReportInfo] = {}
    for info in library.reports():
        if info.organization_id in unit_ids and info.period == period and info.template_key == template_key:
            held = chosen.get(info.organization_id)
            if held is None or info.updated_at > held.updated_at:
                chosen[info.organization_id] = info
    return chosen


def _received_at(info: ReportInfo, events: list[Event]) -> datetime | None:
    first = next((e for e in events if e.kind in ("received", "resubmitted")), None)
    if first is not None:
        return first.local
    if info.status == "issued":
        return local_time(info.updated_at)  # written on a shared server by the unit itself
    return None


def unit_status(library: Library, office_ref: str, period: Period, template_key: str | None = None) -> StatusReport:
    """Where the reports of ``period`` from the units under ``office_ref`` stand."""
    office = find_office(library, office_ref)
    key = template_key or DEFAULT_TEMPLATE
    library.template(key)  # an unknown kind is the clerk's error, said as everywhere
    units = sorted((o for o in library.organizations() if o.parent_id == office.id), key=lambda o: o.name)
    reports = _unit_reports(library, {u.id for u in units}, period, key)
    rule = deadline_for(library, key, period.kind)
    due = rule.due(period)
    today = library.clock().astimezone(VIETNAM).date()
    ids = [r.id for r in reports.values()]
    with library.session() as session:
        logs = events_in(session, ids)
        used = set(session.scalars(select(ConsolidationSource.source_report_id)
                                   .join(Report, Report.id == ConsolidationSource.report_id)
                                   .where(Report.organization_id == office.id,
                                          ConsolidationSource.source_report_id.in_(ids))))
    rows = []
    for unit in units:
        info = reports.get(unit.id)
        events = logs.get(info.id, []) if info else []
        received_at = _received_at(info, events) if info else None
        arrived = received_at.date() if received_at else today
        late = max(0, (arrived - due).days)
        steps = [(e.id, e.kind, e.revision) for e in events]
        returned = pending_return_id(steps) is not None
        resubmitted = any(e.kind == "resubmitted" for e in events) and not returned
        rows.append(UnitStatus(unit, info, received_at, late, returned, resubmitted, info is not None and
                               info.id in used))
    rows.sort(key=lambda u: (u.received, u.on_time, u.office.name))
    return StatusReport(office, period, key, rule, due, tuple(rows))


def status_json(status: StatusReport) -> dict[str, object]:
    """The status as ``status --json`` prints it."""
    return {
        "office": status.office.name, "office_id": status.office.id, "period": str(status.period),
        "template": status.template_key, "deadline": status.due.isoformat(), "expected": status.expected,
        "received": status.received, "on_time": status.on_time,
        "completeness": round(status.completeness, 4), "timeliness": round(status.timeliness, 4),
        "units": [{"office": u.office.name, "office_id": u.office.id, "report": u.report.id if u.report else None,
                   "revision": u.report.revision if u.report else None, "received": u.received,
                   "received_at": u.received_at.isoformat() if u.received_at else None, "on_time": u.on_time,
                   "days_late": u.days_late, "returned": u.returned, "resubmitted": u.resubmitted,
                   "consolidated": u.consolidated, "state": u.state} for u in status.units],
    }
