"""Sending a received report back for correction, with what to correct: per field, or general.

The return is a step of the report's receipt log with its comments (:mod:`model.oversight.events`); the unit's
values and texts are never touched. ``export-db`` of the report carries the step, so the unit that imports it
reads the comments beside its fields until it sends a newer revision.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from model.errors import LibraryError
from model.library.library import Library
from model.library.storage import Report
from model.oversight.events import MAX_COMMENT_CHARS, Comment, receiving_office_name, record
from model.report.report_info import ReportInfo
from model.vietnamese.textnorm import clean_text, has_control_chars


@dataclass(frozen=True)
class ReturnResult:
    report: ReportInfo
    comments: tuple[Comment, ...]
    office_name: str

    @property
    def message(self) -> str:
        return (f"Đã trả lại báo cáo {self.report.period.text} của {self.report.organization_name} (bản sửa lần "
                f"{self.report.revision}) với {len(self.comments)} ý kiến; gửi lại cho đơn vị bằng lệnh export-db.")


def _comment_text(text: str, what: str) -> str:
    if has_control_chars(text):
        raise LibraryError(f"{what}: có ký tự điều khiển (ký tự ẩn không in được).")
    cleaned = clean_text(text, multiline=True)
    if not cleaned:
        raise LibraryError(f"{what}: để trống.")
    if len(cleaned) > MAX_COMMENT_CHARS:
        raise LibraryError(f"{what}: dài {len(cleaned)} ký tự, quá giới hạn {MAX_COMMENT_CHARS} ký tự.")
    return cleaned


def return_report(library: Library, report_id: str, field_comments: Sequence[tuple[str, str]],
                  general: Sequence[str] = ()) -> ReturnResult:
    """Mark the received report returned for correction with these comments (at least one)."""
    info = library.report(report_id)
    template = library.template_of(report_id)
    comments: list[Comment] = []
    for key, text in field_comments:
        spec = template.fields.get(key.strip())
        if spec is None:
            raise LibraryError(f"Báo cáo không có trường “{key}”; xem các trường bằng lệnh fields.")
        comments.append(Comment(spec.key, _comment_text(text, f"Ý kiến về “{spec.label}”")))
    comments.extend(Comment("", _comment_text(text, "Ý kiến chung")) for text in general)
    if not comments:
        raise LibraryError("Trả lại báo cáo cần ít nhất một ý kiến: về một trường (--comment) hoặc chung (--general).")
    with library.session() as session, session.begin():
        report = session.get(Report, report_id)
        if report is None:
            raise LibraryError("Báo cáo không còn trong thư viện.")
        office_name = receiving_office_name(session, report_id)
        record(session, report_id, "returned", report.revision, library.clock(), office_name=office_name,
               comments=tuple(comments))
    return ReturnResult(info, tuple(comments), office_name)
