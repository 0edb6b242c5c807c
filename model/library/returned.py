"""What the level above asked to correct, listed with the report's problems until a newer revision goes up.

A return never changes the unit's values: its comments are read beside them, as problems of their own kind
(``request``, shown as “Cấp trên yêu cầu sửa”), and stop showing once the unit sends (or the level above
receives) a revision newer than the one returned.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from model.library.storage import ReportEvent, ReturnComment
from model.report.checks import Problem
from model.report.template import Template

AFTER_RETURN = ("sent", "resubmitted", "received")
"""Steps that answer a return when they carry a newer revision."""


def pending_return_id(steps: Iterable[tuple[str, str, int]]) -> str | None:
    """The id of the return still waiting for a newer revision, from (id, kind, revision) oldest first."""
    pending: tuple[str, int] | None = None
    for step_id, kind, revision in steps:
        if kind == "returned":
            pending = (step_id, revision)
        elif pending is not None and kind in AFTER_RETURN and revision > pending[1]:
            pending = None
    return pending[0] if pending else None


def pending_return_of(session: Session, report_id: str) -> str | None:
    """The id of the report's return still waiting for a newer revision, read from its receipt log."""
    steps = session.execute(select(ReportEvent.id, ReportEvent.kind, ReportEvent.revision)
                            .where(ReportEvent.report_id == report_id)
                            .order_by(ReportEvent.occurred_at, ReportEvent.id)).all()
    return pending_return_id((row.id, row.kind, row.revision) for row in steps)


def return_problems(session: Session, report_id: str, template: Template) -> tuple[Problem, ...]:
    """The pending return's comments as problems, at their fields (a general one at none)."""
    pending = pending_return_of(session, report_id)
    if pending is None:
        return ()
    comments = session.scalars(select(ReturnComment).where(ReturnComment.event_id == pending)
                               .order_by(ReturnComment.position))
    problems = []
    for comment in comments:
        spec = template.fields.get(comment.field_key)
        where = f" “{spec.label}”" if spec is not None else ""
        keys = (comment.field_key,) if spec is not None else ()
        problems.append(Problem("request", keys, f"Cấp trên yêu cầu sửa{where}: {comment.text}"))
    return tuple(problems)
