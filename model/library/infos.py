"""What the services hand out about a library's rows, detached from the ORM: offices, templates, reports."""

from __future__ import annotations

from dataclasses import dataclass

from model.errors import LibraryError
from model.library.storage import Organization, Report
from model.report.report_info import ReportInfo, reports_named
from model.report.values import Value
from model.vietnamese.period import Period

MISSING_OFFICE = "(cơ quan không còn trong thư viện)"
"""The office shown for a report whose office row is gone (a damaged file): the report stays readable."""


@dataclass(frozen=True)
class TemplateInfo:
    """A template the library stores: its identity, name and how many of the library's reports use it."""

    key: str
    version: int
    name: str
    sha256: str
    reports: int
    period_kind: str = "quarter"
    """The period the kind is made for (``month``, ``quarter``, ``half``, ``year``)."""
    origin: str = "shipped"
    """How the library came to hold it (:attr:`model.library.storage.StoredTemplate.origin`)."""
    trusted: bool = True
    """Whether it is used for new reports (the README's trust model)."""


@dataclass(frozen=True)
class OrganizationInfo:
    """An office as the editor and the services see it (an :class:`Organization` row, detached)."""

    id: str
    name: str
    header_name: str
    parent_header: str
    place: str
    symbol_suffix: str
    parent_id: str | None
    level: str = ""
    """``tinh``, ``so``, ``huyen`` or ``xa`` (:data:`model.report.levels.LEVELS`)."""
    code: str = ""
    """The mã định danh điện tử, blank when unknown."""

    def profile(self) -> tuple[str, ...]:
        """What a newer copy of the same office may change."""
        return (self.name, self.header_name, self.parent_header, self.place, self.symbol_suffix,
                self.parent_id or "", self.level, self.code)


def organization_info(org: Organization) -> OrganizationInfo:
    return OrganizationInfo(org.id, org.name, org.header_name, org.parent_header, org.place,
                            org.symbol_suffix, org.parent_id, org.level, org.code)


def report_info_of(report: Report) -> ReportInfo:
    office = report.organization.name if report.organization is not None else MISSING_OFFICE
    return ReportInfo(
        id=report.id, organization_id=report.organization_id, organization_name=office,
        period=Period(report.year, report.quarter, report.period_kind), status=report.status,
        template_key=report.template_key,
        template_version=report.template_version, revision=report.revision, updated_at=report.updated_at,
    )


def match_report(ref: str, reports: list[ReportInfo]) -> ReportInfo:
    matches, period = reports_named(reports, ref)
    if len(matches) == 1:
        return matches[0]
    if period is not None:
        if matches:
            ids = ", ".join(r.id[:8] for r in matches)
            raise LibraryError(f"Có {len(matches)} báo cáo {period.text} ({ids}); hãy ghi mã báo cáo.")
        raise LibraryError(f"Không có báo cáo {period.text} trong thư viện.")
    matches = [r for r in reports if len(ref) >= 4 and r.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    raise LibraryError(f"Không tìm thấy báo cáo “{ref}”; xem danh sách bằng lệnh list.")


@dataclass(frozen=True)
class Edit:
    """What an edit wrote (the field and recomputed ratios) and the report's revision after it."""

    written: dict[str, Value]
    revision: int
