"""Issuing a report: the văn thư gives it its number and date of issue, then it is marked issued (read-only).

The number and date are the report's own fields (``so``, ``ngay_ban_hanh``), so every export carries them.
A number already given to another issued report of the same office, year of issue and document type (the
``BC`` of ``BC-UBND``) is reported as a warning, not refused: a văn thư may have a reason (a number
withdrawn and given again, a correction issued under the same number).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from model.errors import LibraryError
from model.report.values import parse_value
from model.vietnamese.vnformat import ParseError, format_date_short

NUMBER_KEY = "so"
DATE_KEY = "ngay_ban_hanh"
SYMBOL_KEY = "ky_hieu"


@dataclass(frozen=True)
class IssueResult:
    number: int
    issued_on: date
    warnings: tuple[str, ...]


def parse_issue(library, report_id: str, number: str, issued_on: str) -> tuple[int, date]:
    """The number and date as the văn thư typed them, read with the same rules as the form's fields."""
    template = library.template_of(report_id)
    parsed = []
    for key, typed in ((NUMBER_KEY, number), (DATE_KEY, issued_on)):
        spec = template.field(key)
        try:
            value = parse_value(spec, typed)
        except ParseError as exc:
            raise LibraryError(f"{spec.label}: {exc}") from None
        if value is None:
            raise LibraryError(f"Chưa nhập {spec.label.lower()}: văn thư cấp số và ngày khi ban hành.")
        parsed.append(value)
    return parsed[0], parsed[1]


def document_type(symbol: str) -> str:
    """``BC`` from ``BC-UBND``: the kind of document a number sequence belongs to."""
    return symbol.split("-", 1)[0].strip().upper()


def number_reused(library, report_id: str, number: int, issued_on: date) -> list[str]:
    """Warnings for other issued reports of the office with the same number, year of issue and document type."""
    info = library.report(report_id)
    symbol = str(library.values(report_id).get(SYMBOL_KEY) or library.template_of(report_id).type_code)
    warnings = []
    for other in library.reports():
        if other.id == report_id or not other.is_issued or other.organization_id != info.organization_id:
            continue
        values = library.values(other.id)
        other_date = values.get(DATE_KEY)
        other_symbol = str(values.get(SYMBOL_KEY) or "")
        if (values.get(NUMBER_KEY) == number and isinstance(other_date, date) and other_date.year == issued_on.year
                and document_type(other_symbol) == document_type(symbol)):
            warnings.append(f"Số {number:02d}/{other_symbol} đã cấp cho báo cáo {other.period.text} ban hành ngày "
                            f"{format_date_short(other_date)}.")
    return warnings


def issue_with_number(library, report_id: str, number: int, issued_on: date, *, force: bool = False) -> IssueResult:
    """Write the number and date of issue, then mark the report issued; the warnings say whether the number
    was already given (issuing goes ahead: the caller has asked the văn thư first where it can).

    A report that fails its checks with the new number and date is refused, unchanged, unless ``force`` (as
    :func:`model.offices.actions.issue_report`)."""
    from model.report.checks import engine_for

    info = library.report(report_id)
    if info.is_issued:
        raise LibraryError(f"Báo cáo {info.period.text} đã ban hành; mở lại để sửa số hoặc ngày ban hành.")
    values = {**library.values(report_id), NUMBER_KEY: number, DATE_KEY: issued_on}
    problems = engine_for(library.template_of(report_id)).run(values, library.check_context(report_id, issuing=True))
    errors = [p for p in problems if p.is_error]
    if errors and not force:
        raise LibraryError(f"Báo cáo còn {len(errors)} lỗi nên chưa đánh dấu ban hành: {errors[0].message} "
                           "Xem bằng lệnh check; thêm --force để vẫn đánh dấu.")
    warnings = tuple(number_reused(library, report_id, number, issued_on))
    library.set_values(report_id, {NUMBER_KEY: number, DATE_KEY: issued_on})
    library.set_status(report_id, "issued")
    return IssueResult(number, issued_on, warnings)
