"""The data-entry workbook (phiếu nhập Excel) of one report, for an office without the program.

One sheet (``Số liệu``) lists every field of the report's template with its label and unit, the office
and the period; only the entry cells (column D) are unlocked, and the sheet is protected without a
password. Counts carry Excel's whole-number validation, each ``sum`` check of the template shows the
parts' formula beside the entered total, computed ratios are formulas, narratives are wrapped text
cells. A hidden sheet identifies the workbook (format, template key and version, report id, revision)
and carries the office with its parents, so another library can take the report in.

openpyxl both writes and reads the workbook: one pure-Python library (no compiled code, ~4 MB) in the
Windows bundle instead of two (XlsxWriter to write, python-calamine to read), and the reader needs what
only openpyxl exposes among them: formulas beside cached values, merged ranges, sheet states.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from sqlalchemy import text

from model.errors import LibraryError
from model.excel.cells import put, put_formula
from model.excel.layout import (
    CHECK_COLUMN,
    DATA_SHEET,
    FORMAT_NAME,
    FORMAT_VERSION,
    HEADER_ROW,
    HINT_ROW,
    KEY_COLUMN,
    LABEL_COLUMN,
    META_SHEET,
    OFFICE_ROW,
    PERIOD_ROW,
    SUM_COLUMN,
    TITLE_ROW,
    UNIT_COLUMN,
    VALUE_COLUMN,
    FieldRow,
    Layout,
    layout_for,
)
from model.excel.saving import check_destination, print_landscape, save_workbook
from model.exchange.appendix import UNITS_SQL
from model.library.library import Library
from model.library.storage import Organization
from model.report.template import Template
from model.report.values import Value
from model.vietnamese.vnformat import MAX_COUNT

COUNT_FORMAT = r"[>=1000000]#\.###\.##0;[>=1000]#\.##0;0"
"""``1.972`` and ``351.260`` whatever the PC's regional settings: ``#,##0`` would follow them, and most PCs in
offices are set to English (United States), where ``1,972`` reads as a decimal to a Vietnamese clerk. A number
format holds two conditions at most, so a count of a billion or more shows one group too few."""
DATE_FORMAT = "dd/mm/yyyy"
ORG_COLUMNS = ("id", "name", "header_name", "parent_header", "place", "symbol_suffix", "parent_id", "updated_at")
HINT = ("Gõ số liệu vào các ô nền vàng ở cột “Số liệu” (số nguyên, không dùng dấu phẩy; để trống nếu không có). "
        "Dấu * là trường bắt buộc. Không đổi tên trang tính, không chèn, xóa hay di chuyển hàng, ô.")
_COLUMN_WIDTHS = {KEY_COLUMN: 4, LABEL_COLUMN: 52, UNIT_COLUMN: 13, VALUE_COLUMN: 48, SUM_COLUMN: 14,
                  CHECK_COLUMN: 36}


def office_chain(library: Library, organization_id: str) -> list[dict[str, str]]:
    """The office and its parents, as the meta sheet stores them (the office first)."""
    chain: list[dict[str, str]] = []
    with library.session() as session:
        org_id: str | None = organization_id
        while org_id is not None and all(o["id"] != org_id for o in chain):
            org = session.get(Organization, org_id)
            if org is None:
                break
            chain.append({column: getattr(org, column) or "" for column in ORG_COLUMNS})
            org_id = org.parent_id
    return chain


TEXT_CHUNK = 30_000
"""The template travels in the hidden sheet in pieces: a cell holds at most 32.767 characters."""


def _meta_rows(library: Library, report_id: str, template: Template) -> list[Sequence[str]]:
    info = library.report(report_id)
    rows: list[Sequence[str]] = [
        ("format", FORMAT_NAME), ("format_version", str(FORMAT_VERSION)),
        ("template_key", template.key), ("template_version", str(template.version)),
        ("report_id", info.id), ("revision", str(info.revision)), ("period", str(info.period)),
        ("office_id", info.organization_id), ("org_columns", *ORG_COLUMNS)]
    rows += [("org", *(org[column] for column in ORG_COLUMNS)) for org in office_chain(library, info.organization_id)]
    text = library.template_text(template.key, template.version)
    rows += [("template_text", text[start:start + TEXT_CHUNK]) for start in range(0, len(text), TEXT_CHUNK)]
    return rows


def _cell_value(field: FieldRow, value: Value) -> object:
    if value is None:
        return None
    if field.spec.kind == "list":
        return "\n".join(value)
    if field.spec.kind == "percent" and field.spec.decimals:
        return value / 10 ** field.spec.decimals  # 985 (one decimal) is typed 98.5 in Excel
    return value


INVISIBLE = ";;;"
"""A number format that shows nothing, whatever the cell holds."""


def title_upper(text: str) -> str:
    """``text`` in capitals, except a document's number and symbol (``36a/NQ-CP``), which keeps its own letters."""
    return " ".join(word if "/" in word and any(c.isdigit() for c in word) else word.upper() for word in text.split())


def _styles():
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side

    thin = Side(style="thin", color="999999")
    return {
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
        "input_fill": PatternFill("solid", fgColor="FFF6CC"),
        "group_fill": PatternFill("solid", fgColor="E4E9F0"),
        "header_fill": PatternFill("solid", fgColor="C9D3E0"),
        "computed_fill": PatternFill("solid", fgColor="F0F0F0"),
        "bold": Font(bold=True), "title": Font(bold=True, size=14), "hint": Font(italic=True, color="555555"),
        "wrap": Alignment(wrap_text=True, vertical="top"), "middle": Alignment(vertical="center", wrap_text=True),
        "unlocked": Protection(locked=False),
        # The keys of the hidden column A (what the reader checks each row by) stay invisible even when a clerk
        # unhides the column: no digits shown (";;;"), nothing in the formula bar (hidden on a protected sheet).
        "key_protection": Protection(locked=True, hidden=True),
    }


def _validations() -> dict[str, object]:
    """One whole-number validation per kind of figure; each entry cell is added to its kind's."""
    from openpyxl.worksheet.datavalidation import DataValidation

    bounds = {"count": (0, MAX_COUNT), "doc_number": (1, MAX_COUNT), "percent": (0, 100)}
    return {kind: DataValidation(type="whole", operator="between", formula1=str(low), formula2=str(high),
                                 allow_blank=True, showErrorMessage=True, errorTitle="Số liệu không hợp lệ",
                                 error=f"Gõ số nguyên từ {low} đến {high:,}".replace(",", ".")
                                 + ", không dùng dấu phẩy.")
            for kind, (low, high) in bounds.items()}


def _ratio_formula(layout: Layout, field: FieldRow) -> str:
    if field.spec.formula:  # a total: the sum of its parts, blank while a part is blank
        cells = [layout.row_of(k).value_cell for _sign, k in field.spec.formula]
        terms = "".join(f"{'-' if sign < 0 else '+'}{cell}" for (sign, _k), cell in zip(field.spec.formula, cells,
                                                                                       strict=True)).lstrip("+")
        return f'=IF(AND({",".join(f"ISNUMBER({c})" for c in cells)}),{terms},"")'
    part, whole = (layout.row_of(k).value_cell for k in field.spec.ratio_of or ())
    decimals = field.spec.decimals
    return f'=IF(AND(ISNUMBER({part}),ISNUMBER({whole}),{whole}>0),ROUND({part}*100/{whole},{decimals})/100,"")'


def _write_field(ws, layout: Layout, field: FieldRow, value: Value, styles: dict, validations: dict) -> None:
    spec = field.spec
    row = field.row
    put(ws[f"{KEY_COLUMN}{row}"], spec.key)
    ws[f"{KEY_COLUMN}{row}"].number_format = INVISIBLE
    ws[f"{KEY_COLUMN}{row}"].protection = styles["key_protection"]
    put(ws[f"{LABEL_COLUMN}{row}"], spec.label + (" *" if spec.required else ""))
    put(ws[f"{UNIT_COLUMN}{row}"], spec.unit or None)
    for column in (LABEL_COLUMN, UNIT_COLUMN, VALUE_COLUMN):
        ws[f"{column}{row}"].border = styles["border"]
        ws[f"{column}{row}"].alignment = styles["middle"]
    cell = ws[field.value_cell]
    if not field.is_input:
        put_formula(cell, _ratio_formula(layout, field))
        cell.number_format = COUNT_FORMAT if spec.formula else "0" + ("." + "0" * spec.decimals if spec.decimals
                                                                      else "") + "%"
        cell.fill = styles["computed_fill"]
        return
    put(cell, _cell_value(field, value))
    cell.protection = styles["unlocked"]
    cell.fill = styles["input_fill"]
    if spec.kind in ("count", "doc_number"):
        cell.number_format = COUNT_FORMAT
    elif spec.kind == "date":
        cell.number_format = DATE_FORMAT
    elif spec.kind in ("text", "list"):
        cell.number_format = "@"
        cell.alignment = styles["wrap"]
        if spec.multiline or spec.kind == "list":
            ws.row_dimensions[row].height = 15 * max(spec.lines, 2)
    if spec.kind in validations and not (spec.kind == "percent" and spec.decimals):
        validations[spec.kind].add(cell)


def _write_checks(ws, layout: Layout, styles: dict) -> None:
    """The template's sums as formulas beside the entered totals, and a word where a part exceeds its whole,
    both turning red, so the clerk sees a mistake in Excel before sending."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import Font, PatternFill

    red_fill, red_font = PatternFill("solid", bgColor="F8C8C8"), Font(bold=True, color="9C0006")
    used: set[int] = set()
    for total in layout.sums:
        row = total.total.row
        parts = ",".join(p.value_cell for p in total.parts)
        entered, summed = total.total.value_cell, f"{SUM_COLUMN}{row}"
        put_formula(ws[summed], f'=IF(COUNT({parts})=0,"",SUM({parts}))')
        ws[summed].number_format = COUNT_FORMAT
        put_formula(ws[f"{CHECK_COLUMN}{row}"], f'=IF(OR(NOT(ISNUMBER({entered})),NOT(ISNUMBER({summed}))),"",'
                                                f'IF({entered}={summed},"Khớp","Không khớp"))')
        for column in (SUM_COLUMN, CHECK_COLUMN):
            ws[f"{column}{row}"].border = styles["border"]
            ws[f"{column}{row}"].fill = styles["computed_fill"]
        ws.conditional_formatting.add(f"{VALUE_COLUMN}{row}:{CHECK_COLUMN}{row}", FormulaRule(
            formula=[f'${CHECK_COLUMN}{row}="Không khớp"'], fill=red_fill, font=red_font))
        used.add(row)
    for part, whole in layout.ceilings:
        row = part.row
        if row in used:
            continue
        used.add(row)
        p, w = part.value_cell, whole.value_cell
        warning = f"Lớn hơn “{whole.spec.label}”".replace('"', '""')
        check = ws[f"{CHECK_COLUMN}{row}"]
        put_formula(check, f'=IF(AND(ISNUMBER({p}),ISNUMBER({w}),{p}>{w}),"{warning}","")')
        check.alignment = styles["wrap"]
        ws.conditional_formatting.add(f"{VALUE_COLUMN}{row}:{CHECK_COLUMN}{row}", FormulaRule(
            formula=[f'LEN(${CHECK_COLUMN}{row})>0'], fill=red_fill, font=red_font))


def _write_sheet(ws, layout: Layout, office: str, period_text: str, values: dict[str, Value]) -> None:
    styles = _styles()
    template = layout.template
    put(ws[f"{LABEL_COLUMN}{TITLE_ROW}"], title_upper(template.name))
    ws[f"{LABEL_COLUMN}{TITLE_ROW}"].font = styles["title"]
    put(ws[f"{LABEL_COLUMN}{OFFICE_ROW}"], f"Cơ quan báo cáo: {office}")
    put(ws[f"{LABEL_COLUMN}{PERIOD_ROW}"], f"Kỳ báo cáo: {period_text}")
    for row in (OFFICE_ROW, PERIOD_ROW):
        ws[f"{LABEL_COLUMN}{row}"].font = styles["bold"]
    put(ws[f"{LABEL_COLUMN}{HINT_ROW}"], HINT)
    ws[f"{LABEL_COLUMN}{HINT_ROW}"].font = styles["hint"]
    headers = {LABEL_COLUMN: "Nội dung", UNIT_COLUMN: "Đơn vị tính", VALUE_COLUMN: "Số liệu",
               SUM_COLUMN: "Tổng các phần", CHECK_COLUMN: "Kiểm tra"}
    for column, title in headers.items():
        cell = ws[f"{column}{HEADER_ROW}"]
        put(cell, title)
        cell.font, cell.fill, cell.border = styles["bold"], styles["header_fill"], styles["border"]
        cell.alignment = styles["middle"]
    for title, row in layout.group_rows:
        put(ws[f"{LABEL_COLUMN}{row}"], title)
        for column in (LABEL_COLUMN, UNIT_COLUMN, VALUE_COLUMN, SUM_COLUMN, CHECK_COLUMN):
            ws[f"{column}{row}"].fill = styles["group_fill"]
            ws[f"{column}{row}"].font = styles["bold"]
    validations = _validations()
    for field in layout.fields:
        _write_field(ws, layout, field, values.get(field.spec.key), styles, validations)
    for validation in validations.values():
        if validation.sqref:
            ws.add_data_validation(validation)
    _write_checks(ws, layout, styles)
    for column, width in _COLUMN_WIDTHS.items():
        ws.column_dimensions[column].width = width
    ws.column_dimensions[KEY_COLUMN].hidden = True
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
    print_landscape(ws, f"{HEADER_ROW}:{HEADER_ROW}")
    ws.protection.sheet = True  # no password: the clerk only needs the unlocked cells
    ws.protection.formatColumns = ws.protection.formatRows = False  # widening a column stays allowed


def _is_consolidated(library: Library, report_id: str) -> bool:
    """Whether the report keeps its units' figures, which a form could not carry back (its import would drop
    the appendix)."""
    with library.session() as session:
        return session.execute(text(UNITS_SQL), {"report_id": report_id}).first() is not None


def build_form(library: Library, report_id: str):
    """The workbook of ``report_id`` (an openpyxl ``Workbook``), its current values filled in."""
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    template = library.template_of(report_id)
    info = library.report(report_id)
    if _is_consolidated(library, report_id):
        raise LibraryError("Báo cáo này tổng hợp từ các đơn vị cấp dưới: phiếu nhập không mang được Phụ lục số liệu "
                           "từng đơn vị, nên không xuất phiếu nhập; hãy sửa số liệu ngay trong phần mềm.")
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DATA_SHEET
    _write_sheet(sheet, layout_for(template), info.organization_name, info.period.text, library.values(report_id))
    meta = workbook.create_sheet(META_SHEET)
    for number, row in enumerate(_meta_rows(library, report_id, template), start=1):
        for column, value in enumerate(row, start=1):
            put(meta.cell(number, column), value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    workbook.security = WorkbookProtection(lockStructure=True)  # no renaming, moving or unhiding sheets
    workbook.properties.title = f"Phiếu nhập số liệu — {info.organization_name} — {info.period.text}"
    workbook.properties.creator = "Soạn báo cáo"
    return workbook


def write_form(library: Library, report_id: str, destination: str | Path) -> Path:
    """Write the data-entry workbook of ``report_id`` to ``destination`` (.xlsx)."""
    destination = Path(destination)
    check_destination(destination)
    save_workbook(build_form(library, report_id), destination)
    return destination

