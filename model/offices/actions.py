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
from model.offices.identity import fold_name, infer_level
from model.report.levels import LEVELS, variant_key
from model.report.report_info import ReportInfo
from model.report.shipped import DEFAULT_TEMPLATE, shipped_versions
from model.report.template import Template
from model.report.values import MAX_LINE_CHARS
from model.vietnamese.period import Period
from model.vietnamese.textnorm import clean_text
from model.vietnamese.vnformat import format_count

_SYMBOL = re.compile(r"^[A-ZĐ0-9]+(-[A-ZĐ0-9]+)*$")


_CODE = re.compile(r"^[0-9A-Z]{1,5}(\.[0-9A-Z]{1,5}){1,6}$")
"""A mã định danh điện tử as Quyết định 20/2020/QĐ-TTg writes them: groups of digits and capitals joined by dots
(``000.00.12.H33``)."""


def office_text(text: str, what: str, *, multiline: bool = False) -> str:
    """An office's name, place or letterhead as typed or received: NFC, no control characters, and within the bound
    of one-line text (:data:`model.report.values.MAX_LINE_CHARS`) like every other text of ours."""
    cleaned = clean_text(text, multiline=multiline)
    if len(cleaned) > MAX_LINE_CHARS:
        raise LibraryError(f"{what} dài {format_count(len(cleaned))} ký tự, quá giới hạn "
                           f"{format_count(MAX_LINE_CHARS)} ký tự.")
    return cleaned


def clean_level(level: str, name: str) -> str:
    """The level given (``tinh``, ``so``, ``huyen``, ``xa``), or read from the name when none is given."""
    level = clean_text(level).casefold()
    if not level:
        return infer_level(name, False)
    if level not in LEVELS:
        raise LibraryError(f"Cấp cơ quan “{level}” không có; chọn một trong: {', '.join(LEVELS)} "
                           "(tỉnh, sở/ngành, huyện, xã).")
    return level


def clean_code(library: Library, code: str, office_id: str | None = None) -> str:
    """A mã định danh điện tử, checked for its form and held by no other office of the library."""
    code = clean_text(code).upper()
    if not code:
        return ""
    if not _CODE.match(code):
        raise LibraryError(f"Mã định danh “{code}” không đúng dạng (các nhóm chữ số, chữ in hoa nối bằng dấu chấm, "
                           "ví dụ 000.00.12.H33).")
    other = next((o for o in library.organizations() if o.code == code and o.id != office_id), None)
    if other is not None:
        raise LibraryError(f"Mã định danh {code} đã là của “{other.name}”.")
    return code


def clean_symbol(symbol: str) -> str:
    symbol = clean_text(symbol).upper()
    if not _SYMBOL.match(symbol):
        raise LibraryError(f"Chữ viết tắt “{symbol}” không dùng được trong ký hiệu: chỉ chữ in hoa, chữ số và "
                           "dấu gạch nối, ví dụ UBND.")
    return symbol


def refuse_same_name(library: Library, name: str, office_id: str | None = None) -> None:
    """One office per name (as :func:`fold_name` compares them): a second would split its reports in two."""
    folded = fold_name(name)
    other = next((o for o in library.organizations() if fold_name(o.name) == folded and o.id != office_id), None)
    if other is not None:
        raise LibraryError(f"Thư viện đã có cơ quan “{other.name}”.")


def add_office(library: Library, name: str, place: str, *, header_lines: Sequence[str] = (),
               parent_header_lines: Sequence[str] = (), symbol: str = "UBND", parent_ref: str | None = None,
               level: str = "", code: str = "") -> OrganizationInfo:
    """Add an office (a district under the province, say). The letterhead name defaults to the name in capitals;
    ``parent_ref`` (id or name of an office in the library) makes it a sub-unit of that office; ``level`` (read
    from the name when blank) chooses the variant of its reports."""
    name, place = office_text(name, "Tên cơ quan"), office_text(place, "Địa danh")
    if not name:
        raise LibraryError("Chưa ghi tên cơ quan.")
    if not place:
        raise LibraryError("Chưa ghi địa danh (tên tỉnh, không có chữ “tỉnh”).")
    header = office_text("\n".join(header_lines), "Tên in trên tiêu đề", multiline=True) or name.upper()
    parent_header = office_text("\n".join(parent_header_lines), "Cơ quan chủ quản", multiline=True)
    symbol = clean_symbol(symbol)
    level = clean_level(level, name)
    refuse_same_name(library, name)
    code = clean_code(library, code)
    parent_id = find_office(library, parent_ref).id if parent_ref else None
    office_id = library.add_organization(name, header, place, parent_header=parent_header, symbol_suffix=symbol,
                                         parent_id=parent_id, level=level, code=code)
    return library.organization(office_id)


def previous_report(library: Library, office_id: str, period: Period, template_key: str) -> ReportInfo | None:
    """The office's report of the same kind for the period before ``period`` (:meth:`Library.previous_of`)."""
    return library.previous_of(office_id, period, template_key)


def template_for_office(library: Library, office: OrganizationInfo, template_key: str) -> str:
    """The variant of the kind ``template_key`` the office writes at its level (``nq36a_quy_huyen`` for a
    district), among the templates the library stores or this program ships."""
    available = {t.key for t in library.templates()} | set(shipped_versions())
    return variant_key(template_key, office.level, available)


def new_report(library: Library, office_ref: str, period: Period, *, carry_forward: bool = False,
               template_key: str = DEFAULT_TEMPLATE) -> str:
    """A new draft of ``period`` for the office, in its level's variant of the kind ``template_key``: blank (the
    template's defaults and the office's letterhead), or carrying forward the texts, recipients, signer and stock
    figures of its previous report of that kind."""
    office = find_office(library, office_ref)
    template_key = template_for_office(library, office, template_key)
    carry_from = None
    if carry_forward:
        previous = previous_report(library, office.id, period, template_key)
        if previous is None:
            raise LibraryError(f"{office.name} chưa có báo cáo {period.previous().text} để chuyển sang "
                               f"{period.text}; bỏ --carry-forward để tạo báo cáo trống.")
        carry_from = previous.id
    return library.create_report(office.id, period, template_key=template_key, carry_from=carry_from)


def carry_notes(library: Library, report_id: str) -> list[str]:
    """What was not carried into a new report from its previous period's, written with another template version."""
    previous = library.previous_report(report_id)
    return version_notes(library, previous.id, library.template_of(report_id)) if previous else []


def version_notes(library: Library, carry_from: str, template: Template) -> list[str]:
    """What the clerk must know when a report written with another template version is carried into
    ``template``: figures and texts the new version no longer has, and the fields it adds (left blank)."""
    old = library.template_of(carry_from)
    if (old.key, old.version) == (template.key, template.version):
        return []
    previous = library.values(carry_from)
    dropped = [f"“{old.fields[k].label}”" for k in old.fields if k in previous and k not in template.fields]
    added = [f"“{spec.label}”" for spec in template.fields.values() if spec.key not in old.fields]
    notes = []
    if dropped:
        notes.append(f"Không mang sang (mẫu phiên bản {template.version} không còn): {', '.join(dropped)}.")
    if added:
        notes.append(f"Trường mới của mẫu phiên bản {template.version}, để trống cho cán bộ điền: "
                     f"{', '.join(added)}.")
    return notes


def issue_report(library: Library, report_ref: str, *, force: bool = False) -> ReportInfo:
    """Mark a report issued (read-only). A report that still fails its checks is refused unless ``force``."""
    info = library.find_report(report_ref)
    if info.is_issued:
        raise LibraryError(f"Báo cáo {info.period.text} của {info.organization_name} đã ban hành từ trước.")
    errors = [p for p in library.check(info.id, issuing=True) if p.is_error]
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
