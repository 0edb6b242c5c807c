"""The figures of many reports in one workbook, for a province to sort, chart and forward.

Sheet ``Số liệu``: one row per report (office, period, status), one column per figure of the template
(counts and percentages, labelled as in the form), numbers stored as numbers shown the Vietnamese way
(``1.972``, :data:`model.excel.form.COUNT_FORMAT`) and ratios as percentages, the header frozen and filtered. Each
consolidated report adds a sheet with its units' figures and the total row, as its appendix prints them
(:func:`model.exchange.appendix.appendix_figures`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, text

from model.errors import LibraryError
from model.excel.cells import put
from model.excel.form import COUNT_FORMAT
from model.excel.saving import check_destination, print_landscape, save_workbook
from model.exchange.appendix import FIGURES_SQL, UNITS_SQL, AppendixFigures, appendix_figures
from model.exchange.consolidation import find_office
from model.library.library import Library
from model.library.storage import FieldValue
from model.report.report_info import ReportInfo
from model.report.template import FieldSpec, Template
from model.vietnamese.period import Period

FIGURES_SHEET = "Số liệu"
PERCENT_FORMAT = "0%"
FIXED_HEADERS = ("Cơ quan", "Kỳ báo cáo", "Trạng thái")
_CHUNK = 500


@dataclass(frozen=True)
class FiguresResult:
    path: Path
    reports: int
    appendices: int

    @property
    def message(self) -> str:
        extra = f", {self.appendices} trang phụ lục của báo cáo tổng hợp" if self.appendices else ""
        return f"Đã ghi số liệu của {self.reports} báo cáo vào {self.path}{extra}."


def select_reports(library: Library, period: str | None = None, office: str | None = None) -> list[ReportInfo]:
    """The library's reports of ``period`` (``2018-Q2``) and ``office`` (id or name), in library order."""
    reports = library.reports()
    if period:
        try:
            wanted = Period.parse(period)
        except ValueError as exc:
            raise LibraryError(str(exc)) from None
        reports = [r for r in reports if r.period == wanted]
    if office:
        office_id = find_office(library, office).id
        reports = [r for r in reports if r.organization_id == office_id]
    return reports


def figure_columns(templates: Sequence[Template]) -> list[FieldSpec]:
    """Every count and percentage of the templates, in form order, each key once."""
    columns: dict[str, FieldSpec] = {}
    for template in templates:
        for spec in template.fields.values():
            if spec.kind in ("count", "percent"):
                columns.setdefault(spec.key, spec)
    return list(columns.values())


def _figures(library: Library, report_ids: Sequence[str], keys: Sequence[str]) -> dict[str, dict[str, int]]:
    figures: dict[str, dict[str, int]] = {rid: {} for rid in report_ids}
    with library.session() as session:
        for start in range(0, len(report_ids), _CHUNK):
            chunk = report_ids[start:start + _CHUNK]
            rows = session.execute(select(FieldValue.report_id, FieldValue.key, FieldValue.int_value)
                                   .where(FieldValue.report_id.in_(chunk), FieldValue.key.in_(keys)))
            for rid, key, number in rows:
                if isinstance(number, int):
                    figures[rid][key] = number
    return figures


def _appendix(library: Library, report: ReportInfo, template: Template) -> AppendixFigures | None:
    with library.session() as session:
        units = session.execute(text(UNITS_SQL), {"report_id": report.id}).all()
        if not units:
            return None
        figures = session.execute(text(FIGURES_SQL), {"report_id": report.id}).all()
    return appendix_figures(template, units, figures)


def _put_number(cell, spec: FieldSpec, number: int | None) -> None:
    if number is None:
        return
    if spec.kind == "percent":
        decimals = spec.decimals
        cell.value = number / (100 * 10 ** decimals)
        cell.number_format = PERCENT_FORMAT if not decimals else f"0.{'0' * decimals}%"
    else:
        cell.value, cell.number_format = number, COUNT_FORMAT


def _header(ws, titles: Sequence[str], row: int = 1) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for column, title in enumerate(titles, start=1):
        cell = put(ws.cell(row, column), title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="C9D3E0")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    ws.row_dimensions[row].height = 75


def _write_main(ws, reports: Sequence[ReportInfo], columns: Sequence[FieldSpec],
                figures: dict[str, dict[str, int]]) -> None:
    from openpyxl.utils import get_column_letter

    _header(ws, [*FIXED_HEADERS, *(spec.label for spec in columns)])
    for row, report in enumerate(reports, start=2):
        put(ws.cell(row, 1), report.organization_name)
        put(ws.cell(row, 2), str(report.period))
        put(ws.cell(row, 3), report.status_label)
        values = figures[report.id]
        for column, spec in enumerate(columns, start=len(FIXED_HEADERS) + 1):
            _put_number(ws.cell(row, column), spec, values.get(spec.key))
    ws.column_dimensions["A"].width = 40
    ws.column_dimensions["B"].width = 11
    ws.column_dimensions["C"].width = 13
    for column in range(len(FIXED_HEADERS) + 1, len(FIXED_HEADERS) + len(columns) + 1):
        ws.column_dimensions[get_column_letter(column)].width = 16
    ws.freeze_panes = "B2"
    print_landscape(ws, "1:1", "A:B")
    ws.auto_filter.ref = f"A1:{get_column_letter(len(FIXED_HEADERS) + len(columns))}{len(reports) + 1}"


def _write_appendix(ws, report: ReportInfo, template: Template, appendix: AppendixFigures) -> None:
    from openpyxl.styles import Font

    spec = template.appendix
    assert spec is not None  # a report has an appendix only when its template defines one
    put(ws["A1"], f"Phụ lục: {report.organization_name} — {report.period.text}")
    ws["A1"].font = Font(bold=True, size=13)
    _header(ws, ["STT", spec.unit_header, *(c.header for c in spec.columns)], row=3)
    specs = [template.fields[key] for key in appendix.keys]
    rows = [(str(i), name, numbers) for i, (name, numbers) in enumerate(appendix.units, start=1)]
    for row, (index, name, numbers) in enumerate([*rows, ("", spec.total_label, appendix.total)], start=4):
        ws.cell(row, 1, int(index) if index else None)
        put(ws.cell(row, 2), name)
        for column, (field, number) in enumerate(zip(specs, numbers, strict=True), start=3):
            _put_number(ws.cell(row, column), field, number)
    for cell in ws[3 + len(rows) + 1]:
        cell.font = Font(bold=True)
    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 40
    ws.freeze_panes = "C4"
    print_landscape(ws, "3:3")


def write_figures(library: Library, reports: Sequence[ReportInfo], destination: str | Path) -> FiguresResult:
    """Write the figures of ``reports`` to ``destination`` (.xlsx, replacing an existing file)."""
    from openpyxl import Workbook

    destination = Path(destination)
    check_destination(destination)
    if not reports:
        raise LibraryError("Không có báo cáo nào để xuất số liệu (xem lại kỳ, cơ quan đã chọn).")
    templates = {r.template_key: library.template_of(r.id) for r in reports}
    columns = figure_columns(list(templates.values()))
    figures = _figures(library, [r.id for r in reports], [spec.key for spec in columns])
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = FIGURES_SHEET
    _write_main(sheet, reports, columns, figures)
    appendices = 0
    for report in reports:
        template = templates[report.template_key]
        appendix = _appendix(library, report, template) if template.appendix else None
        if appendix is not None:
            appendices += 1
            _write_appendix(workbook.create_sheet(f"Phụ lục {appendices}"), report, template, appendix)
    workbook.properties.creator = "Soạn báo cáo"
    save_workbook(workbook, destination)
    return FiguresResult(destination, len(reports), appendices)
