"""Consolidating sub-units' reports of one period into a new draft for the parent office.

Counts are summed per the template's ``consolidate = "sum"``; ratios (``consolidate = "ratio"``) are
recomputed from the summed counts, never averaged; texts are left for the clerk, the document data
comes from the parent office's profile. Each unit's counts are kept with the draft (schema 2) for the
appendix (Phụ lục, :mod:`model.exchange.appendix`, read with ``Library.appendix``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import delete, insert, select

from model.library.infos import OrganizationInfo
from model.library.library import Library, LibraryError, ReportInfo
from model.library.storage import ConsolidationFigure, ConsolidationSource, FieldValue, Report, new_id
from model.oversight.events import record
from model.progress import NO_PROGRESS, Progress
from model.report.computed import computed_value
from model.report.template import AppendixSpec
from model.vietnamese.period import Period

_CHUNK = 200
"""Source reports read per query: keeps SQL variables few and lets a cancel land between chunks."""
_MISSING_NAMES_SHOWN = 5


@dataclass(frozen=True)
class ConsolidationResult:
    report_id: str
    office: str
    period: Period
    units: int
    notes: tuple[str, ...]
    """Warnings for the clerk, e.g. which units left a figure blank."""
    replaced: tuple[str, ...] = ()
    """Ids of the office's earlier reports of the period this draft replaced (``replace=True``)."""

    @property
    def message(self) -> str:
        replaced = (f" Đã xóa báo cáo cũ cùng kỳ ({', '.join(r[:8] for r in self.replaced)})."
                    if self.replaced else "")
        return (f"Đã tạo dự thảo báo cáo {self.period.text} của {self.office}, tổng hợp từ {self.units} đơn vị "
                f"(mã {self.report_id}). Phần nội dung chữ để trống cho cán bộ soạn.{replaced}")


class ParentHasReport(LibraryError):
    """The office already has a report of the period; consolidating again needs ``replace=True``."""


def _reports_to_replace(library: Library, office: OrganizationInfo, period: Period, template_key: str,
                        replace: bool) -> tuple[str, ...]:
    """The office's reports of ``period`` a new consolidated draft replaces: none, or refused when ``replace`` is
    off or one of them is issued (an issued document is reopened first, deliberately)."""
    existing = [r for r in library.reports() if r.organization_id == office.id and r.period == period
                and r.template_key == template_key]
    if not existing:
        return ()
    if not replace:
        raise ParentHasReport(f"{office.name} đã có báo cáo {period.text} (mã {existing[0].id[:8]}).")
    issued = [r for r in existing if r.is_issued]
    if issued:
        raise LibraryError(f"Báo cáo {period.text} của {office.name} (mã {issued[0].id[:8]}) đã ban hành nên không "
                           "thay được; mở lại để sửa trước nếu thật sự muốn thay.")
    return tuple(r.id for r in existing)


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def find_office(library: Library, ref: str) -> OrganizationInfo:
    """An office by its id, a unique start of its id (4+ characters) or its exact name (any case)."""
    ref = ref.strip()
    offices = library.organizations()
    for matches in ([o for o in offices if o.id == ref], [o for o in offices if _fold(o.name) == _fold(ref)],
                    [o for o in offices if len(ref) >= 4 and o.id.startswith(ref)]):
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise LibraryError(f"Có {len(matches)} cơ quan khớp “{ref}”; hãy ghi mã cơ quan.")
    raise LibraryError(f"Không có cơ quan “{ref}” trong thư viện.")


def candidate_sources(library: Library, office_id: str, period: Period) -> list[ReportInfo]:
    """Reports of ``period`` the office could consolidate: every other office's, its sub-units' first."""
    children = {o.id for o in library.organizations() if o.parent_id == office_id}
    reports = [r for r in library.reports() if r.period == period and r.organization_id != office_id]
    return sorted(reports, key=lambda r: (r.organization_id not in children, r.organization_name, r.id))


def _check_sources(office: OrganizationInfo, period: Period, sources: Sequence[ReportInfo]) -> None:
    """Refuse an empty, mixed or doubled choice of sub-unit reports."""
    if not sources:
        raise LibraryError("Chưa chọn báo cáo đơn vị nào để tổng hợp.")
    seen_offices: dict[str, ReportInfo] = {}
    for source in sources:
        if source.period != period:
            raise LibraryError(f"Báo cáo của {source.organization_name} ({source.id[:8]}) là {source.period.text}, "
                               f"không phải {period.text}.")
        if source.organization_id == office.id:
            raise LibraryError(f"Báo cáo {source.id[:8]} là của chính {office.name}, không phải của đơn vị cấp dưới.")
        if (first := seen_offices.get(source.organization_id)) is not None:
            raise LibraryError(f"Đã chọn hai báo cáo của {source.organization_name} ({first.id[:8]}, "
                               f"{source.id[:8]}); mỗi đơn vị chỉ chọn một báo cáo.")
        seen_offices[source.organization_id] = source
    if len({s.template_key for s in sources}) > 1:
        raise LibraryError("Các báo cáo đã chọn dùng mẫu khác nhau; chỉ tổng hợp được báo cáo cùng một mẫu "
                           "(các phiên bản khác nhau của một mẫu thì được).")


def _read_figures(library: Library, sources: Sequence[ReportInfo], keys: Sequence[str],
                  progress: Progress) -> dict[str, dict[str, int]]:
    """Each source's counts of ``keys``, by report id (a blank count is absent)."""
    figures: dict[str, dict[str, int]] = {s.id: {} for s in sources}
    ids = [s.id for s in sources]
    with library.session() as session:
        for start in range(0, len(ids), _CHUNK):
            progress.step(start, len(ids) + 1)
            query = select(FieldValue.report_id, FieldValue.key, FieldValue.int_value).where(
                FieldValue.report_id.in_(ids[start:start + _CHUNK]), FieldValue.key.in_(keys))
            for report_id, key, number in session.execute(query):
                if number is not None:
                    figures[report_id][key] = number
    return figures


def _names(units: Sequence[str]) -> str:
    shown = ", ".join(units[:_MISSING_NAMES_SHOWN])
    return shown + (f" và {len(units) - _MISSING_NAMES_SHOWN} đơn vị khác" if len(units) > _MISSING_NAMES_SHOWN
                    else "")


def with_appendix_note(opening: str, spec: AppendixSpec) -> str:
    """The opening paragraph referring to the appendix (a document must cite its appendices):
    ``… như sau (số liệu của từng đơn vị tại Phụ lục kèm theo):``."""
    if not spec.body_note:
        return opening
    if opening.endswith(":"):
        return f"{opening[:-1]} ({spec.body_note}):"
    return f"{opening} ({spec.body_note[0].upper()}{spec.body_note[1:]}.)"


def consolidate(library: Library, period: Period, office_ref: str, source_refs: Sequence[str], *,
                replace: bool = False, progress: Progress = NO_PROGRESS) -> ConsolidationResult:
    """Create the office's consolidated draft of ``period`` from the sub-unit reports ``source_refs``.

    An office that already has a draft of the period is refused (:class:`ParentHasReport`) unless ``replace``:
    then that draft is deleted in the transaction that adds the new one. Everything (draft, values, per-unit
    figures, the deletion) is written in one transaction at the end; a refusal or a cancel
    (:class:`model.progress.Cancelled`) leaves the library unchanged.
    """
    office = find_office(library, office_ref)
    sources = library.find_reports(source_refs)
    _check_sources(office, period, sources)
    # Units may have written with different versions of the template (received with their files): the draft is
    # the office's own report, so it takes the version a new report takes (a trusted one) and sums by key.
    versions = {v: library.template(sources[0].template_key, v) for v in {s.template_version for s in sources}}
    template = library.template_for_new_report(sources[0].template_key)
    replaced = _reports_to_replace(library, office, period, template.key, replace)
    values = library.draft_values(office.id, period, template, replacing=bool(replaced))

    summed = [s.key for s in template.fields.values() if s.consolidate == "sum" and s.kind == "count"]
    figures = _read_figures(library, sources, summed, progress)
    notes: list[str] = []
    all_blank: list[str] = []
    for key in summed:
        label = template.fields[key].label
        lacking = [s for s in sources if key not in versions[s.template_version].fields]
        reported = [figures[s.id][key] for s in sources if key in figures[s.id]]
        values[key] = sum(reported) if reported else None
        if lacking:
            older = sorted({s.template_version for s in lacking})
            notes.append(f"“{label}”: {len(lacking)} đơn vị dùng mẫu phiên bản {', '.join(map(str, older))} không "
                         f"có trường này ({_names([s.organization_name for s in lacking])}); tổng chỉ cộng các đơn "
                         "vị có trường này.")
        if not reported:
            all_blank.append(f"“{label}”")
        elif len(reported) + len(lacking) < len(sources):
            missing = [s.organization_name for s in sources if key not in figures[s.id] and s not in lacking]
            notes.append(f"“{label}”: {len(missing)} đơn vị để trống ({_names(missing)}); "
                         "tổng chỉ cộng các đơn vị có số liệu.")
    if all_blank:
        notes.insert(0, f"Không đơn vị nào có số liệu, để trống: {', '.join(all_blank)}.")
    for spec in template.computed_order():  # totals and ratios from the summed parts, never summed themselves
        if spec.formula or spec.consolidate == "ratio":
            values[spec.key] = computed_value(spec, values)
    if template.appendix is not None and isinstance(values.get("mo_dau"), str):
        values["mo_dau"] = with_appendix_note(values["mo_dau"], template.appendix)

    progress.step(len(sources), len(sources) + 1)
    report_id = new_id()
    with library.session() as session, session.begin():
        if replaced:  # as Library.delete_report; the old draft's per-unit rows go with it (ON DELETE CASCADE)
            session.execute(delete(FieldValue).where(FieldValue.report_id.in_(replaced)))
            session.execute(delete(Report).where(Report.id.in_(replaced)))
        library.add_report_rows(session, report_id, office.id, period, template, values)
        session.execute(insert(ConsolidationSource), [
            {"report_id": report_id, "position": position, "source_report_id": s.id,
             "organization_id": s.organization_id, "unit_name": s.organization_name, "source_revision": s.revision}
            for position, s in enumerate(sources, start=1)])
        rows = [{"report_id": report_id, "position": position, "key": key, "int_value": number}
                for position, s in enumerate(sources, start=1) for key, number in figures[s.id].items()]
        if rows:
            session.execute(insert(ConsolidationFigure), rows)
        moment = library.clock()
        for source in sources:
            record(session, source.id, "consolidated", source.revision, moment, office_name=office.name,
                   note=f"báo cáo tổng hợp {report_id}")
    progress.report(len(sources) + 1, len(sources) + 1)
    return ConsolidationResult(report_id, office.name, period, len(sources), tuple(notes), replaced)
