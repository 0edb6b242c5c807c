"""Changing an office after it was made: its profile (name, letterhead, place, symbol, level, code, parent) and
merging a duplicate into the office it duplicates (every report kept, moved to the office that stays).

The command line (``office edit``, ``office merge``) and the editor's office dialog call these.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, update

from model.errors import LibraryError
from model.exchange.consolidation import find_office
from model.library.infos import OrganizationInfo
from model.library.library import Library
from model.library.storage import ConsolidationSource, Organization, Report, utc_now
from model.offices.actions import clean_code, clean_level, clean_symbol, office_text, refuse_same_name


@dataclass(frozen=True)
class OfficeChanges:
    """What to change; ``None`` leaves a part as it is (``parent_ref=""`` makes the office a top one)."""

    name: str | None = None
    header_lines: Sequence[str] | None = None
    parent_header_lines: Sequence[str] | None = None
    place: str | None = None
    symbol: str | None = None
    level: str | None = None
    code: str | None = None
    parent_ref: str | None = None


def _ancestors(offices: dict[str, OrganizationInfo], org_id: str | None) -> list[str]:
    chain: list[str] = []
    while org_id is not None and org_id not in chain:
        chain.append(org_id)
        org_id = offices[org_id].parent_id if org_id in offices else None
    return chain


def edit_office(library: Library, office_ref: str, changes: OfficeChanges) -> OrganizationInfo:
    """Change an office's profile, checked as when it is added; a parent under the office itself is refused."""
    office = find_office(library, office_ref)
    values: dict[str, object] = {}
    if changes.name is not None:
        name = office_text(changes.name, "Tên cơ quan")
        if not name:
            raise LibraryError("Chưa ghi tên cơ quan.")
        refuse_same_name(library, name, office.id)
        values["name"] = name
    if changes.header_lines is not None:
        values["header_name"] = office_text("\n".join(changes.header_lines), "Tên in trên tiêu đề", multiline=True) or (
            str(values.get("name", office.name)).upper())
    if changes.parent_header_lines is not None:
        values["parent_header"] = office_text("\n".join(changes.parent_header_lines), "Cơ quan chủ quản",
                                              multiline=True)
    if changes.place is not None:
        values["place"] = office_text(changes.place, "Địa danh")
        if not values["place"]:
            raise LibraryError("Chưa ghi địa danh (tên tỉnh, không có chữ “tỉnh”).")
    if changes.symbol is not None:
        values["symbol_suffix"] = clean_symbol(changes.symbol)
    if changes.level is not None:
        values["level"] = clean_level(changes.level, str(values.get("name", office.name)))
    if changes.code is not None:
        values["code"] = clean_code(library, changes.code, office.id)
    if changes.parent_ref is not None:
        parent = find_office(library, changes.parent_ref) if changes.parent_ref.strip() else None
        if parent is not None:
            offices = {o.id: o for o in library.organizations()}
            if office.id in _ancestors(offices, parent.id):
                raise LibraryError(f"“{parent.name}” là {office.name} hoặc cơ quan trực thuộc nó; không làm cơ quan "
                                   "cấp trên được.")
        values["parent_id"] = parent.id if parent else None
    if values:
        with library.session() as session, session.begin():
            session.execute(update(Organization).where(Organization.id == office.id)
                            .values(**values, updated_at=utc_now()))
    return library.organization(office.id)


@dataclass(frozen=True)
class MergeResult:
    kept: OrganizationInfo
    merged: OrganizationInfo
    reports: int
    children: int

    @property
    def message(self) -> str:
        return (f"Đã gộp “{self.merged.name}” vào “{self.kept.name}”: chuyển {self.reports} báo cáo và "
                f"{self.children} cơ quan trực thuộc; không báo cáo nào bị xóa.")


def merge_plan(library: Library, duplicate_ref: str, keep_ref: str) -> tuple[OrganizationInfo, OrganizationInfo, int]:
    """(the duplicate, the office kept, how many reports move): what a merge would do, for its confirmation."""
    duplicate, kept = find_office(library, duplicate_ref), find_office(library, keep_ref)
    if duplicate.id == kept.id:
        raise LibraryError("Hai cơ quan đã chọn là một; chọn cơ quan trùng và cơ quan giữ lại khác nhau.")
    offices = {o.id: o for o in library.organizations()}
    if duplicate.id in _ancestors(offices, kept.id):
        raise LibraryError(f"“{kept.name}” trực thuộc “{duplicate.name}”; không gộp được cơ quan cấp trên vào cơ "
                           "quan cấp dưới của nó.")
    moved = sum(r.organization_id == duplicate.id for r in library.reports())
    return duplicate, kept, moved


def merge_offices(library: Library, duplicate_ref: str, keep_ref: str) -> MergeResult:
    """Merge the office ``duplicate_ref`` into ``keep_ref`` in one transaction: its reports and the offices under it
    move to the one kept (so does a consolidated report's record of it), and it is removed. No report is deleted,
    even when both have a report of the same period: both stay, for the clerk to compare."""
    duplicate, kept, _ = merge_plan(library, duplicate_ref, keep_ref)
    with library.session() as session, session.begin():
        moved = session.execute(update(Report).where(Report.organization_id == duplicate.id)
                                .values(organization_id=kept.id)).rowcount
        children = session.execute(update(Organization).where(Organization.parent_id == duplicate.id)
                                   .values(parent_id=kept.id, updated_at=utc_now())).rowcount
        session.execute(update(ConsolidationSource).where(ConsolidationSource.organization_id == duplicate.id)
                        .values(organization_id=kept.id))
        if not kept.code and duplicate.code:
            session.execute(update(Organization).where(Organization.id == kept.id).values(code=duplicate.code))
        session.execute(delete(Organization).where(Organization.id == duplicate.id))
    return MergeResult(library.organization(kept.id), duplicate, moved, children)
