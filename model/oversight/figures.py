"""The figures a leader would rather look at than read: one figure per unit beside the office's own value, and
one office's figure over its periods. Data only; the editor draws it with Qt, the exports as an appendix chart.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from model.errors import LibraryError
from model.exchange.appendix import FIGURES_SQL, UNITS_SQL
from model.library.library import Library
from model.oversight.status import StatusReport
from model.report.template import FieldSpec, Template
from model.report.values import computed_ratio, display_value
from model.vietnamese.period import Period


@dataclass(frozen=True)
class Bar:
    label: str
    value: int | None
    """``None``: not reported (no bar)."""
    shown: str
    """The value as the clerk reads it (``1.972``, ``43%``), or ``chưa có``."""


@dataclass(frozen=True)
class ChartData:
    title: str
    field: FieldSpec
    bars: tuple[Bar, ...]
    reference: int | None = None
    """The office's own value, drawn as a line across the bars (``None``: none)."""
    reference_label: str = ""
    trend: bool = False
    """Periods of one office in order (drawn as a line), rather than units side by side."""

    @property
    def highest(self) -> int:
        values = [b.value for b in self.bars if b.value is not None]
        if self.reference is not None:
            values.append(self.reference)
        return max(values, default=0)


_NICE_STEPS = (10, 12, 16, 20, 24, 30, 40, 50, 60, 80, 100)
"""Tenths of a power of ten an axis may end at: each divides into four readable grid steps."""


def axis_top(highest: int) -> int:
    """Where the value axis ends: the first round number at or above ``highest``, in quarters that read well."""
    if highest <= 0:
        return 4
    power = 10 ** (len(str(highest)) - 1)
    return next(top for step in _NICE_STEPS if (top := max(4, step * power // 10)) >= highest)


def chart_fields(template: Template) -> list[FieldSpec]:
    """The figures a chart can show: counts and percentages, in the form's order."""
    return [spec for spec in template.fields.values() if spec.kind in ("count", "percent")]


def _bar(label: str, spec: FieldSpec, value: object) -> Bar:
    number = value if isinstance(value, int) and not isinstance(value, bool) else None
    return Bar(label, number, display_value(spec, number) if number is not None else "chưa có")


def units_chart(library: Library, status: StatusReport, key: str) -> ChartData:
    """``key`` of every unit of ``status`` (its report of the period), beside the office's own value."""
    template = library.template(status.template_key)
    spec = template.field(key)
    units = sorted(status.units, key=lambda u: u.office.name)
    bars = tuple(_bar(u.office.name, spec, library.values(u.report.id).get(key) if u.report else None)
                 for u in units)
    own = [r for r in library.reports() if r.organization_id == status.office.id and r.period == status.period
           and r.template_key == status.template_key]
    reference = library.values(own[0].id).get(key) if own else None
    reference = reference if isinstance(reference, int) else None
    return ChartData(f"{spec.label} — {status.period.text}", spec, bars, reference,
                     f"{status.office.name}: {display_value(spec, reference)}" if reference is not None else "")


def trend_chart(library: Library, office_id: str, key: str, template_key: str,
                until: Period | None = None) -> ChartData:
    """``key`` of the office's reports of ``template_key``, period after period (up to ``until``)."""
    template = library.template(template_key)
    spec = template.field(key)
    reports = sorted((r for r in library.reports() if r.organization_id == office_id and r.template_key ==
                      template_key and r.period.kind == template.period_kind
                      and (until is None or not until < r.period)), key=lambda r: r.period)
    name = library.organization(office_id).name
    bars = tuple(_bar(r.period.short_text, spec, library.values(r.id).get(key)) for r in reports)
    return ChartData(f"{spec.label} — {name}", spec, bars, trend=True)


def report_chart(library: Library, report_id: str, key: str) -> ChartData:
    """The chart a report's appendix shows of ``key``: each unit's figure beside the report's own when the report
    was consolidated (the figures kept with it), else the office's figure over its periods up to the report's."""
    info = library.report(report_id)
    template = library.template_of(report_id)
    spec = template.field(key)
    if spec.kind not in ("count", "percent"):
        raise LibraryError(f"“{spec.label}” không phải số liệu, không vẽ biểu đồ được.")
    with library.session() as session:
        units = session.execute(text(UNITS_SQL), {"report_id": report_id}).all()
        figures = session.execute(text(FIGURES_SQL), {"report_id": report_id}).all() if units else []
    if not units:
        return trend_chart(library, info.organization_id, key, info.template_key, until=info.period)
    by_unit: dict[int, dict[str, int]] = {}
    for position, figure_key, number in figures:
        by_unit.setdefault(position, {})[figure_key] = number
    bars = tuple(_bar(name, spec, computed_ratio(spec, by_unit.get(position, {})) if spec.kind == "percent"
                      else by_unit.get(position, {}).get(key)) for position, name in units)
    own = library.values(report_id).get(key)
    own = own if isinstance(own, int) else None
    return ChartData(f"{spec.label} của các đơn vị — {info.period.text}", spec, bars, own,
                     f"{info.organization_name}: {display_value(spec, own)}" if own is not None else "")
