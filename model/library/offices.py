"""Offices and their reports as a script manages them: add an office, create, issue, reopen or delete a report.

The command line calls these; each cleans what it is given (NFC, no control characters) like the editor's
dialogs do, and ends in the same :class:`model.library.library.Library` calls the editor makes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from model.errors import LibraryError
from model.exchange.consolidation import find_office
from model.library.infos import OrganizationInfo
from model.library.library import Library
from model.report.report_info import ReportInfo
from model.report.shipped import DEFAULT_TEMPLATE
from model.vietnamese.period import Period
from model.vietnamese.textnorm import clean_text

_SYMBOL = re.compile(r"^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")


def add_office(library: Library, name: str, place: str, *, header_lines: Sequence[str] = (),
               parent_header_lines: Sequence[str] = (), symbol: str = "UBND", parent_ref: str | None = None
               ) -> OrganizationInfo:
    """Add an office (a district under the province, say). The letterhead name defaults to the name in capitals;
    ``parent_ref`` (id or name of an office in the library) makes it a sub-unit of that office."""
    name, place = clean_text(name), clean_text(place)
    if not name:
        raise LibraryError("Chưa ghi tên cơ quan.")
    if not place:
        raise LibraryError("Chưa ghi địa danh (tên tỉnh, không có chữ “tỉnh”).")
    header = clean_text("\n".join(header_lines), multiline=True) or name.upper()
    parent_header = clean_text("\n".join(parent_header_lines), multiline=True)
    symbol = clean_text(symbol).upper()
    if not _SYMBOL.match(symbol):
        raise LibraryError(f"Chữ viết tắt “{symbol}” không dùng được trong ký hiệu: chỉ chữ in hoa, chữ số và "
                           "dấu gạch nối, ví dụ UBND.")
    folded = name.casefold()
    if any(o.name.casefold() == folded for o in library.organizations()):
        raise LibraryError(f"Thư viện đã có cơ quan “{name}”.")
    parent_id = find_office(library, parent_ref).id if parent_ref else None
    office_id = library.add_organization(name, header, place, parent_header=parent_header, symbol_suffix=symbol,
                                         parent_id=parent_id)
    return library.organization(office_id)


def previous_report(library: Library, office_id: str, period: Period) -> ReportInfo | None:
    """The office's report of the period before ``period`` (the one a new report carries forward)."""
    before = period.previous()
    matches = [r for r in library.reports() if r.organization_id == office_id and r.period == before]
    return matches[-1] if matches else None


def new_report(library: Library, office_ref: str, period: Period, *, carry_forward: bool = False,
               template_key: str = DEFAULT_TEMPLATE) -> str:
    """A new draft of ``period`` for the office: blank (the template's defaults and the office's letterhead), or
    carrying forward the texts, recipients, signer and cumulative figures of its previous period's report."""
    office = find_office(library, office_ref)
    carry_from = None
    if carry_forward:
        previous = previous_report(library, office.id, period)
        if previous is None:
            raise LibraryError(f"{office.name} chưa có báo cáo {period.previous().text} để chuyển sang "
                               f"{period.text}; bỏ --carry-forward để tạo báo cáo trống.")
        carry_from = previous.id
    return library.create_report(office.id, period, template_key=template_key, carry_from=carry_from)


def carry_notes(library: Library, report_id: str) -> list[str]:
    """What was not carried into a new report from its previous period's, written with another template version."""
    info = library.report(report_id)
    previous = previous_report(library, info.organization_id, info.period)
    return library.carry_notes(previous.id, library.template_of(report_id)) if previous else []


def issue_report(library: Library, report_ref: str, *, force: bool = False) -> ReportInfo:
    """Mark a report issued (read-only). A report that still fails its checks is refused unless ``force``."""
    info = library.find_report(report_ref)
    if info.is_issued:
        raise LibraryError(f"Báo cáo {info.period.text} của {info.organization_name} đã ban hành từ trước.")
    errors = [p for p in library.check(info.id) if p.is_error]
    if errors and not force:
        raise LibraryError(f"Báo cáo còn {len(errors)} lỗi nên chưa đánh dấu ban hành: {errors[0].message} "
                           "Xem bằng lệnh check; thêm --force để vẫn đánh dấu.")
    library.set_status(info.id, "issued")
    return library.report(info.id)


def reopen_report(library: Library, report_ref: str) -> ReportInfo:
    """Reopen an issued report as a draft, so it can be edited again."""
    info = library.find_report(report_ref)
    if not info.is_issued:
        raise LibraryError(f"Báo cáo {info.period.text} của {info.organization_name} đang là dự thảo, "
                           "không cần mở lại.")
    library.set_status(info.id, "draft")
    return library.report(info.id)
