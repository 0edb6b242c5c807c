"""A consolidated report whose units have sent newer revisions since: seen, and its figures rebuilt on request.

A consolidated report records each unit report it was built from, with that report's revision
(``consolidation_sources``). When the library later holds a newer revision of one (a corrected file imported),
:func:`stale_units` names the units, and the checks list a warning (the editor's problems panel, ``check``,
``check --json``). :func:`refresh_consolidation` rebuilds a draft's figures from the units' current reports,
keeping every text the clerk wrote; an issued report is never changed (it shows the warning only).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, select, text

from model.exchange.appendix import STALE_SQL, stale_problems
from model.exchange.consolidation import write_units
from model.exchange.unitfigures import unit_figures
from model.library.library import Library, LibraryError
from model.library.storage import ConsolidationSource
from model.report.checks import Problem
from model.report.values import Value, computed_ratio


def stale_units(library: Library, report_id: str) -> list[Problem]:
    with library.session() as session:
        rows = session.execute(text(STALE_SQL), {"report_id": report_id}).all()
    return stale_problems(rows, library.report(report_id).is_issued)


@dataclass(frozen=True)
class RefreshResult:
    report_id: str
    changes: dict[str, Value]
    """The figures rewritten, with their new values (texts are never among them)."""
    before: dict[str, Value]
    """The same fields as they were, for the editor's undo."""
    units: int

    @property
    def message(self) -> str:
        return (f"Đã cập nhật số liệu từ {self.units} đơn vị ({len(self.changes)} số liệu thay đổi); phần chữ giữ "
                "nguyên.")


def refresh_consolidation(library: Library, report_id: str) -> RefreshResult:
    """Rebuild the figures of the consolidated draft ``report_id`` from its units' current reports: the summed
    figures and their ratios (one edit, a new revision), then the per-unit rows (appendix); texts untouched."""
    info = library.report(report_id)
    if info.is_issued:
        raise LibraryError(f"Báo cáo {info.period.text} của {info.organization_name} đã ban hành nên không cập nhật "
                           "số liệu; mở lại để sửa trước nếu thật sự cần.")
    with library.session() as session:
        rows = session.execute(select(ConsolidationSource.source_report_id, ConsolidationSource.unit_name)
                               .where(ConsolidationSource.report_id == report_id)
                               .order_by(ConsolidationSource.position)).all()
    if not rows:
        raise LibraryError("Báo cáo này không phải báo cáo tổng hợp từ các đơn vị.")
    held = {r.id: r for r in library.reports()}
    sources = [held[rid] for rid, _ in rows if rid in held]
    missing = tuple(name for rid, name in rows if rid not in held)
    if missing:
        raise LibraryError(f"Thư viện không còn báo cáo của {', '.join(missing)}; tổng hợp lại bằng lệnh consolidate "
                           "--replace với các báo cáo đơn vị hiện có.")
    template = library.template_of(report_id)
    units = unit_figures(library, template, sources)
    before = library.values(report_id)
    after: dict[str, Value] = dict(before)
    summed = [s.key for s in template.fields.values() if s.consolidate == "sum" and s.kind == "count"]
    after.update({k: units.totals.get(k) for k in summed if k in units.totals})
    for spec in template.fields.values():
        if spec.consolidate == "ratio" and spec.ratio_of:
            after[spec.key] = computed_ratio(spec, after)
    changes = {k: v for k, v in after.items() if before.get(k) != v}
    if changes:
        library.set_values(report_id, changes)
    # The units' rows last: a write cut short between the two leaves the warning, and a second refresh mends it.
    with library.session() as session, session.begin():
        session.execute(delete(ConsolidationSource).where(ConsolidationSource.report_id == report_id))
        write_units(session, report_id, sources, units.figures)
    return RefreshResult(report_id, changes, {k: before.get(k) for k in changes}, len(sources))
