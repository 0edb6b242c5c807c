"""The receipt log of a report: each step of its way between offices, with the revision it concerned.

Steps are written in the transaction of the work they record (an import, a return, a consolidation, an export to
send), so the log never claims what did not happen. Times are UTC in storage and shown in Vietnam's time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone
from typing import Literal

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.library.library import Library
from model.library.storage import ConsolidationSource, Organization, Report, ReportEvent, ReturnComment

EventKind = Literal["received", "returned", "resubmitted", "sent", "consolidated"]
EVENT_KINDS: tuple[EventKind, ...] = ("received", "returned", "resubmitted", "sent", "consolidated")
EVENT_LABELS: dict[str, str] = {
    "received": "cấp trên đã nhận", "returned": "cấp trên trả lại để sửa", "resubmitted": "đơn vị đã gửi lại",
    "sent": "đã gửi lên cấp trên", "consolidated": "đã dùng trong báo cáo tổng hợp",
}
MAX_COMMENT_CHARS = 2_000
"""The longest comment of a return (typed, or read from a received file)."""
VIETNAM = timezone(timedelta(hours=7), "ICT")
"""Vietnam's time (no daylight saving): deadlines are days of the calendar there."""


def local_time(stamp: str) -> datetime:
    """A stored UTC timestamp in Vietnam's time."""
    moment = datetime.fromisoformat(stamp)
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(VIETNAM)


def stamp(moment: datetime) -> str:
    """How a moment is stored: ISO-8601 in UTC (text sorts by time)."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class Comment:
    """What the level above asked to correct: about ``field_key``, or general when it is empty."""

    field_key: str
    text: str


@dataclass(frozen=True)
class Event:
    id: str
    kind: str
    revision: int
    occurred_at: str
    office_name: str
    note: str
    comments: tuple[Comment, ...] = ()

    @property
    def label(self) -> str:
        return EVENT_LABELS.get(self.kind, self.kind)

    @property
    def local(self) -> datetime:
        return local_time(self.occurred_at)


def record(session: Session, report_id: str, kind: EventKind, revision: int, moment: datetime, *,
           office_name: str = "", note: str = "", comments: tuple[Comment, ...] = ()) -> ReportEvent:
    """Add one step to the report's log in the caller's transaction."""
    event = ReportEvent(report_id=report_id, kind=kind, revision=revision, occurred_at=stamp(moment),
                        office_name=office_name, note=note)
    session.add(event)
    session.flush()
    session.add_all(ReturnComment(event_id=event.id, position=number, report_id=report_id,
                                  field_key=comment.field_key, text=comment.text)
                    for number, comment in enumerate(comments, 1))
    return event


def receiving_office_name(session: Session, report_id: str) -> str:
    """The office above the report's office (the one that receives and returns it), or "" when the library lacks
    it."""
    office_id = session.scalar(select(Report.organization_id).where(Report.id == report_id))
    parent_id = session.scalar(select(Organization.parent_id).where(Organization.id == office_id))
    if parent_id is None:
        return ""
    return session.scalar(select(Organization.name).where(Organization.id == parent_id)) or ""


def events_in(session: Session, report_ids: list[str]) -> dict[str, list[Event]]:
    """The logs of these reports, oldest step first."""
    found: dict[str, list[Event]] = {rid: [] for rid in report_ids}
    if not report_ids:
        return found
    comments: dict[str, list[Comment]] = {}
    for row in session.scalars(select(ReturnComment).where(ReturnComment.report_id.in_(report_ids))
                               .order_by(ReturnComment.event_id, ReturnComment.position)):
        comments.setdefault(row.event_id, []).append(Comment(row.field_key, row.text))
    rows = session.scalars(select(ReportEvent).where(ReportEvent.report_id.in_(report_ids))
                           .order_by(ReportEvent.occurred_at, ReportEvent.id))
    for row in rows:
        found[row.report_id].append(Event(row.id, row.kind, row.revision, row.occurred_at, row.office_name,
                                          row.note, tuple(comments.get(row.id, ()))))
    return found


def history(library: Library, report_id: str) -> list[Event]:
    """The report's log, oldest step first."""
    library.report(report_id)  # a missing report is the clerk's error, said as everywhere
    with library.session() as session:
        return events_in(session, [report_id])[report_id]


def sources_used(library: Library, report_id: str) -> list[tuple[str, int]]:
    """(unit, revision) of the unit reports a consolidated report was built from, kept with it and sent along:
    the level above reads which revisions were used."""
    with library.session() as session:
        rows = session.execute(select(ConsolidationSource.unit_name, ConsolidationSource.source_revision)
                               .where(ConsolidationSource.report_id == report_id)
                               .order_by(ConsolidationSource.position)).all()
    return [(name, revision) for name, revision in rows]

