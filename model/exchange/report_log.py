"""The receipt log between offices: read from a received file as untrusted rows, merged into the library, and
the steps an import itself takes (received, resubmitted).

A file carries the log of the reports it holds (:mod:`model.oversight.events`): the unit's own steps, the returns
of the level above with their comments. A step is known by its id, so a log that comes back merges without
doubling. Steps of a report the library does not hold after the import are not kept.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from model.exchange.untrusted import RefusedFile
from model.library.returned import pending_return_of
from model.library.storage import Report, ReportEvent, ReturnComment
from model.oversight.events import EVENT_KINDS, MAX_COMMENT_CHARS, receiving_office_name, record

MAX_STEPS_PER_REPORT = 1_000


@dataclass
class LogStep:
    id: str
    report_id: str
    kind: str
    revision: int
    occurred_at: str
    office_name: str
    note: str
    comments: list[tuple[str, str]] = field(default_factory=list)
    """(field key or "", text), in order."""


class RowChecks(Protocol):
    """The exchange file's validators of single values (:mod:`model.exchange.rows`)."""

    def uuid(self, value: object, what: str) -> str: ...
    def text(self, value: object, what: str, *, multiline: bool = False, required: bool = False) -> str: ...
    def int(self, value: object, what: str, low: int, high: int) -> int: ...
    def timestamp(self, value: object, what: str) -> str: ...


def read_log(conn: sqlite3.Connection, fields_of: dict[str, frozenset[str]], check: RowChecks) -> list[LogStep]:
    """The log rows of a checked exchange file, each value validated like every other row; a comment's field
    must be a field of its report's template (``fields_of``: the file's reports and their fields)."""
    steps: dict[str, LogStep] = {}
    per_report: dict[str, int] = {}
    query = "SELECT id, report_id, kind, revision, occurred_at, office_name, note FROM report_events"
    for step_id, rid, kind, revision, occurred_at, office_name, note in conn.execute(query):
        if not isinstance(rid, str) or rid not in fields_of:
            raise RefusedFile("Tệp có nhật ký gửi nhận của một báo cáo không có trong tệp; tệp bị hỏng.")
        what = "Nhật ký gửi nhận báo cáo"
        per_report[rid] = per_report.get(rid, 0) + 1
        if per_report[rid] > MAX_STEPS_PER_REPORT:
            raise RefusedFile(f"{what}: quá {MAX_STEPS_PER_REPORT} bước cho một báo cáo; tệp bị hỏng.")
        if kind not in EVENT_KINDS:
            raise RefusedFile(f"{what}: loại bước lạ; tệp bị hỏng.")
        step = LogStep(check.uuid(step_id, what), rid, kind, check.int(revision, f"{what}: số lần sửa", 1, 2**53),
                       check.timestamp(occurred_at, f"{what}: thời điểm"),
                       check.text(office_name, f"{what}: cơ quan")[:500], check.text(note, f"{what}: ghi chú")[:500])
        steps[step.id] = step
    query = "SELECT event_id, position, report_id, field_key, text FROM return_comments ORDER BY event_id, position"
    for event_id, _position, rid, key, text in conn.execute(query):
        step = steps.get(event_id) if isinstance(event_id, str) else None
        if step is None or step.report_id != rid or step.kind != "returned":
            raise RefusedFile("Tệp có ý kiến trả lại không thuộc lần trả lại nào; tệp bị hỏng.")
        what = "Ý kiến cấp trên yêu cầu sửa"
        key = check.text(key, f"{what}: trường")
        if key and key not in fields_of[rid]:
            raise RefusedFile(f"{what}: nói đến trường lạ “{key}” mà mẫu báo cáo không có.")
        comment = check.text(text, what, multiline=True, required=True)
        if len(comment) > MAX_COMMENT_CHARS:
            raise RefusedFile(f"{what}: dài quá {MAX_COMMENT_CHARS} ký tự.")
        step.comments.append((key, comment))
    return list(steps.values())


def merge_log(session: Session, steps: list[LogStep]) -> int:
    """Add the steps the library does not have yet, of reports it holds; the number added."""
    if not steps:
        return 0
    held = set(session.scalars(select(Report.id).where(Report.id.in_({s.report_id for s in steps}))))
    known = set(session.scalars(select(ReportEvent.id).where(ReportEvent.id.in_([s.id for s in steps]))))
    new = [s for s in steps if s.report_id in held and s.id not in known]
    if new:
        session.execute(insert(ReportEvent), [
            {"id": s.id, "report_id": s.report_id, "kind": s.kind, "revision": s.revision,
             "occurred_at": s.occurred_at, "office_name": s.office_name, "note": s.note} for s in new])
        comments = [{"event_id": s.id, "position": n, "report_id": s.report_id, "field_key": key, "text": text}
                    for s in new for n, (key, text) in enumerate(s.comments, 1)]
        if comments:
            session.execute(insert(ReturnComment), comments)
    return len(new)


def record_receipts(session: Session, written: list[tuple[str, int]], moment: datetime) -> None:
    """The import's own steps: each report it wrote was ``received`` by the office above the report's, or
    ``resubmitted`` when that office had returned it and this is a newer revision."""
    for report_id, revision in written:
        kind = "resubmitted" if pending_return_of(session, report_id) is not None else "received"
        record(session, report_id, kind, revision, moment, office_name=receiving_office_name(session, report_id))
