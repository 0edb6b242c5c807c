"""The 6-month and annual report of an office made from its own quarterly reports.

The same template serves every period (a period rule, not a second template): the fields, checks and
sentences of a quarter read as well for “6 tháng đầu năm 2018” (``{ky_bao_cao}``), and a province keeps one
template per kind instead of three that drift apart. Each count combines over time as its field says
(:attr:`model.report.template.FieldSpec.over_time`): flows are summed, stocks (``cumulative = true``) take the last
quarter's value, opening balances (``over_time = "first"``: files carried over into the period) the first
quarter's, monthly averages are averaged, ratios and computed totals are recomputed from the combined counts. Texts, the
recipients and the signer are offered from the last quarter for the clerk to rewrite; the period-bound texts
(title, opening, closing) start from the template's defaults for the new period. A missing quarter is named,
and the report is made from the quarters that exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.exchange.consolidation import find_office
from model.library.library import NOT_CARRIED, Library, LibraryError, ReportInfo
from model.report.computed import computed_value
from model.report.template import Template
from model.report.values import Value
from model.vietnamese.period import Period


@dataclass(frozen=True)
class RollupResult:
    report_id: str
    office: str
    period: Period
    quarters: tuple[Period, ...]
    """The quarters the report was made from."""
    notes: tuple[str, ...]

    @property
    def message(self) -> str:
        made_from = ", ".join(q.short_text for q in self.quarters)
        return (f"Đã tạo dự thảo báo cáo {self.period.text} của {self.office} từ báo cáo {made_from} "
                f"(mã {self.report_id}).")


def _mean(numbers: list[int]) -> int:
    """The average, rounded half up (a count has no decimals)."""
    return (2 * sum(numbers) + len(numbers)) // (2 * len(numbers))


def combine(template: Template, quarters: list[dict[str, Value]]) -> dict[str, Value]:
    """The counts and ratios of a longer period from its quarters' values, oldest first (a blank quarter
    figure is left out; a figure blank in every quarter stays blank)."""
    combined: dict[str, Value] = {}
    for spec in template.fields.values():
        reported = [values[spec.key] for values in quarters if values.get(spec.key) is not None]
        if spec.kind != "count" or not reported:
            continue
        if spec.over_time == "sum":
            combined[spec.key] = sum(reported)
        elif spec.over_time == "last":
            combined[spec.key] = reported[-1]
        elif spec.over_time == "first":
            combined[spec.key] = reported[0]
        elif spec.over_time == "mean":
            combined[spec.key] = _mean(reported)
    for spec in template.computed_order():  # totals from the combined parts, ratios from the combined counts
        if spec.formula or spec.over_time == "ratio":
            combined[spec.key] = computed_value(spec, combined)
    return combined


def _quarter_reports(library: Library, office_id: str, period: Period,
                     template_key: str | None) -> tuple[list[ReportInfo], list[Period]]:
    """The office's report of each quarter of ``period`` that it has (of ``template_key``, when given), and the
    quarters it lacks."""
    reports = [r for r in library.reports() if r.organization_id == office_id and r.period.kind == "quarter"
               and template_key in (None, r.template_key)]
    found, missing = [], []
    for quarter in period.quarters():
        of_quarter = [r for r in reports if r.period == quarter]
        if of_quarter:
            found.append(max(of_quarter, key=lambda r: (r.is_issued, r.updated_at)))  # the issued one, else newest
        else:
            missing.append(quarter)
    return found, missing


def rollup(library: Library, office_ref: str, period: Period, template_key: str | None = None) -> RollupResult:
    """Create the office's draft report of ``period`` (a half-year or a year) from its quarterly reports (of the
    kind ``template_key``; needed only when the office writes several kinds each quarter)."""
    if period.kind not in ("half", "year"):
        raise LibraryError(f"Chỉ lập được báo cáo 6 tháng hoặc báo cáo năm từ các quý (ví dụ 2018-6T, 2018-N), "
                           f"không phải {period.text}.")
    office = find_office(library, office_ref)
    found, missing = _quarter_reports(library, office.id, period, template_key)
    if not found:
        names = ", ".join(q.short_text for q in missing)
        raise LibraryError(f"{office.name} chưa có báo cáo quý nào của {period.text} ({names}).")
    last = found[-1]
    kinds = {r.template_key for r in found}
    if len(kinds) > 1:
        raise LibraryError(f"{office.name} có báo cáo quý của nhiều loại ({', '.join(sorted(kinds))}); hãy chọn loại "
                           "báo cáo (dòng lệnh: --template KEY).")
    template = library.template_for_new_report(last.template_key)  # the office's own: a trusted version
    values = library.draft_values(office.id, period, template)
    quarters = [library.values(r.id) for r in found]
    values.update(combine(template, quarters))
    offered = []
    for spec in template.fields.values():
        period_bound = "{ky_bao_cao" in spec.default
        if spec.kind in ("text", "list") and spec.key not in NOT_CARRIED and not period_bound:
            text = quarters[-1].get(spec.key)
            if text is not None:
                values[spec.key] = text
                offered.append(spec.key)

    notes = []
    if missing:
        notes.append(f"Thiếu báo cáo {', '.join(q.short_text for q in missing)}: số liệu chỉ tính từ "
                     f"{', '.join(r.period.short_text for r in found)}. Khi có đủ, hãy lập lại hoặc sửa số liệu.")
    if offered:
        notes.append(f"Các đoạn văn, nơi nhận và người ký lấy từ báo cáo {last.period.short_text}: hãy viết lại "
                     f"cho cả {period.text}.")
    report_id = library.add_report(office.id, period, template, values)
    return RollupResult(report_id, office.name, period, tuple(r.period for r in found), tuple(notes))
