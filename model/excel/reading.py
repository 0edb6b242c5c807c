"""Reading a filled data-entry workbook (:mod:`model.excel.form`), which we do not trust.

Before any XML is parsed the file must be small, a ZIP whose directory promises a small unpacked size
(a zip bomb is refused from its directory alone) and hold an Excel workbook; defusedxml, which openpyxl
uses whenever it is installed, refuses XML entity tricks. The hidden sheet must name our format, a
template this version lays out the same way, a report id and the office. The cells are then read where
the template puts them (:mod:`model.excel.layout`), never where the file says, and every entry goes through
the same parsing as a clerk's typing (:func:`model.report.values.parse_value`). Any bad cell refuses the whole
workbook, with the cell's address (``Số liệu!D12``) and the reason.

The result is the same :class:`model.exchange.rows.FileContent` a .db file gives, so
:mod:`model.exchange.dbimport` applies its revision and conflict rules unchanged.
"""

from __future__ import annotations

import warnings
import zipfile
from datetime import date, datetime, time
from pathlib import Path

from model.errors import os_error_text
from model.excel.bounds import check_workbook_bounds
from model.excel.form import ORG_COLUMNS
from model.excel.layout import (
    DATA_SHEET,
    FORMAT_NAME,
    FORMAT_VERSION,
    KEY_COLUMN,
    LAST_COLUMN,
    META_SHEET,
    FieldRow,
    Layout,
    layout_for,
)
from model.exchange.rows import (
    MAX_YEAR,
    MIN_YEAR,
    FileContent,
    OrganizationRow,
    ReportRow,
    TemplateRow,
    _show,
    _text,
    _timestamp,
    _uuid,
)
from model.exchange.untrusted import RefusedFile
from model.library.storage import utc_now
from model.report.computed import recompute_all
from model.report.template import FieldSpec, TemplateError
from model.report.template_source import parse_template_text, template_sha256
from model.report.values import Value, parse_value, to_storage
from model.vietnamese.period import Period
from model.vietnamese.vnformat import ParseError

MAX_FILE_BYTES = 10 * 1024 * 1024
"""A form is some 15 KB; Excel's own additions never reach a megabyte."""
MAX_UNPACKED_BYTES = 20 * 1024 * 1024
MAX_MEMBERS = 200
MAX_CELL_ERRORS_SHOWN = 5
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _check_container(path: Path) -> None:
    """Refuse what the size, the first bytes and the ZIP directory give away, before parsing anything."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(8)
    except FileNotFoundError:
        raise RefusedFile("Không tìm thấy tệp.") from None
    except IsADirectoryError:
        raise RefusedFile("Đây là một thư mục, không phải sổ Excel.") from None
    except OSError as exc:
        raise RefusedFile(f"Không đọc được tệp ({os_error_text(exc)}).") from None
    if size > MAX_FILE_BYTES:
        raise RefusedFile(f"Tệp nặng {size / 1024 / 1024:.1f} MB, quá lớn cho một phiếu nhập (phiếu thật chỉ vài "
                          f"chục KB, tối đa {MAX_FILE_BYTES // 1024 // 1024} MB).".replace(".", ",", 1))
    if head.startswith(_OLE_MAGIC):
        raise RefusedFile("Đây là sổ Excel 97-2003 (.xls) hoặc sổ có đặt mật khẩu; hãy mở bằng Excel, bỏ mật khẩu "
                          "và lưu lại dạng .xlsx.")
    if not head.startswith(_ZIP_MAGIC):
        raise RefusedFile("Không phải sổ Excel .xlsx (có thể là tệp khác bị đổi đuôi).")
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        raise RefusedFile("Sổ Excel bị hỏng hoặc bị cắt cụt (không mở được phần nén).") from None
    if len(members) > MAX_MEMBERS or sum(m.file_size for m in members) > MAX_UNPACKED_BYTES:
        raise RefusedFile("Sổ Excel khi giải nén lớn bất thường (có thể là tệp “bom nén” độc hại); không mở.")
    if any(m.flag_bits & 0x1 for m in members):
        raise RefusedFile("Sổ Excel có phần bị mã hóa; hãy bỏ mật khẩu rồi lưu lại.")
    if any(m.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
           or m.extract_version > zipfile.MAX_EXTRACT_VERSION for m in members):
        # Excel and Calc write stored or deflated parts; zipfile raises NotImplementedError on anything else.
        raise RefusedFile("Sổ Excel bị hỏng hoặc có cấu trúc lạ nên không đọc được (phần nén kiểu lạ).")
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        if "content.xml" in names and "mimetype" in names:
            raise RefusedFile("Đây là bảng tính LibreOffice (.ods), không phải sổ Excel: hãy mở bằng LibreOffice Calc, "
                              "chọn Tệp → Lưu thành, kiểu “Excel 2007-365 (.xlsx)”, rồi nhập tệp .xlsx đó.")
        raise RefusedFile("Tệp nén ZIP này không phải sổ Excel .xlsx.")


def _load(path: Path, *, data_only: bool):
    from openpyxl import load_workbook

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns of extensions it drops: nothing we read
            return load_workbook(path, data_only=data_only, keep_links=False)
    except Exception:  # any parser failure on a foreign file means the same to the clerk
        raise RefusedFile("Sổ Excel bị hỏng hoặc có cấu trúc lạ nên không đọc được.") from None


# ---------------------------------------------------------------- the hidden sheet
def _meta(workbook) -> dict[str, list[tuple]]:
    if META_SHEET not in workbook.sheetnames:
        raise RefusedFile("Sổ này không phải phiếu nhập do Soạn báo cáo tạo (không có trang thông tin ẩn); hãy "
                          "dùng phiếu nhập xuất từ phần mềm.")
    rows: dict[str, list[tuple]] = {}
    sheet = workbook[META_SHEET]
    for row in sheet.iter_rows(max_col=len(ORG_COLUMNS) + 1, max_row=min(sheet.max_row, 200), values_only=True):
        if isinstance(row[0], str):
            rows.setdefault(row[0], []).append(tuple(v if v is not None else "" for v in row[1:]))
    return rows


def _one(meta: dict[str, list[tuple]], key: str) -> str:
    values = meta.get(key, [])
    if len(values) != 1 or not isinstance(values[0][0], str) or not values[0][0]:
        raise RefusedFile(f"Trang thông tin ẩn của sổ thiếu hoặc sai mục “{key}”; sổ đã bị sửa hoặc hỏng.")
    return values[0][0]


def _number(text: str, what: str) -> int:
    if not text.isdigit() or len(text) > 15:
        raise RefusedFile(f"Trang thông tin ẩn của sổ ghi {what} {_show(text)} không hợp lệ.")
    return int(text)


def _template_of(meta: dict[str, list[tuple]]) -> TemplateRow:
    """The template the form was made from, carried in the hidden sheet and checked as untrusted input (the same
    parser as a template in a received .db), so an office's own template travels with its workbook too."""
    if _one(meta, "format") != FORMAT_NAME:
        raise RefusedFile("Sổ này không phải phiếu nhập do Soạn báo cáo tạo.")
    version = _number(_one(meta, "format_version"), "phiên bản định dạng")
    if version > FORMAT_VERSION:
        raise RefusedFile(f"Phiếu nhập do phiên bản Soạn báo cáo mới hơn tạo ra (định dạng {version}); hãy cập nhật "
                          "phần mềm rồi nhập lại.")
    if version != FORMAT_VERSION:
        raise RefusedFile(f"Phiếu nhập có định dạng {version} mà phiên bản này không đọc được.")
    key, template_version = _one(meta, "template_key"), _number(_one(meta, "template_version"), "phiên bản mẫu")
    pieces = [row[0] for row in meta.get("template_text", [])]
    if not pieces or not all(isinstance(piece, str) for piece in pieces):
        raise RefusedFile("Trang thông tin ẩn của sổ thiếu mẫu báo cáo; sổ đã bị sửa hoặc hỏng.")
    text = "".join(pieces)
    try:
        template = parse_template_text(text)
    except TemplateError as exc:
        reason = str(exc).removeprefix("Mẫu báo cáo không hợp lệ: ")
        raise RefusedFile(f"Mẫu báo cáo trong phiếu nhập không dùng được: {reason}") from None
    if (template.key, template.version) != (key, template_version):
        raise RefusedFile(f"Phiếu nhập ghi mẫu {_show(key)} phiên bản {template_version} mà mẫu kèm theo là "
                          f"“{template.key}” phiên bản {template.version}; sổ đã bị sửa hoặc hỏng.")
    return TemplateRow(text, template_sha256(text), template)


def _organizations(meta: dict[str, list[tuple]]) -> dict[str, OrganizationRow]:
    if meta.get("org_columns") != [ORG_COLUMNS]:
        raise RefusedFile("Trang thông tin ẩn của sổ có danh sách cột cơ quan lạ; sổ đã bị sửa hoặc hỏng.")
    orgs: dict[str, OrganizationRow] = {}
    for row in meta.get("org", []):
        raw = dict(zip(ORG_COLUMNS, row, strict=False))
        org_id = _uuid(raw.get("id"), "Cơ quan trong phiếu nhập")
        what = f"Cơ quan “{_text(raw.get('name'), 'Cơ quan trong phiếu nhập')}”"
        orgs[org_id] = OrganizationRow(
            id=org_id, name=_text(raw.get("name"), what, required=True),
            header_name=_text(raw.get("header_name"), what, multiline=True),
            parent_header=_text(raw.get("parent_header"), what, multiline=True),
            place=_text(raw.get("place"), what), symbol_suffix=_text(raw.get("symbol_suffix"), what),
            parent_id=_uuid(raw["parent_id"], f"{what}: cơ quan cấp trên") if raw.get("parent_id") else None,
            updated_at=_timestamp(raw.get("updated_at"), what))
    return orgs


# ---------------------------------------------------------------- the cells
class _CellErrors:
    """Every bad cell of the sheet, refused together so the clerk mends them in one pass."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, address: str, reason: str) -> None:
        self.items.append(f"{DATA_SHEET}!{address}: {reason.rstrip('.')}.")

    def raise_any(self) -> None:
        if self.items:
            shown = " ".join(self.items[:MAX_CELL_ERRORS_SHOWN])
            more = len(self.items) - MAX_CELL_ERRORS_SHOWN
            raise RefusedFile(shown + (f" (và {more} ô khác)" if more > 0 else ""))


def _check_shape(ws, layout: Layout, errors: _CellErrors) -> None:
    """Nothing merged, every field still on its row, nothing written outside the form."""
    for merged in sorted(ws.merged_cells.ranges, key=lambda r: (r.min_row, r.min_col)):
        errors.add(merged.coord.split(":")[0], f"các ô {merged.coord} bị gộp; hãy bỏ gộp ô")
    for field in layout.fields:
        if ws[f"{KEY_COLUMN}{field.row}"].value != field.spec.key:
            errors.add(field.value_cell, f"hàng “{field.spec.label}” không còn ở chỗ cũ (hàng đã bị chèn, xóa hoặc "
                                         "di chuyển); hãy nhập số liệu vào phiếu nhập mới")
    last_column = ord(LAST_COLUMN) - ord("A") + 1
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):  # bounded by model.excel.bounds: nothing is ignored
        for cell in row:
            outside = cell.column > last_column or cell.row > layout.last_row
            if outside and cell.value is not None:
                errors.add(cell.coordinate, "có dữ liệu nằm ngoài phiếu (ô hoặc hàng đã bị di chuyển?); hãy xóa "
                                            "hoặc đưa về đúng ô")
                return


def _as_typed(spec: FieldSpec, value: object) -> str | date | None:
    """A cell's value as the text a clerk would have typed (a date cell may stay a date)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, bool):
        raise ParseError("ô có giá trị Đúng/Sai (TRUE/FALSE), không phải số liệu")
    if isinstance(value, datetime | date | time):
        if spec.kind == "date" and isinstance(value, datetime | date):
            return value.date() if isinstance(value, datetime) else value
        raise ParseError("ô chứa ngày tháng (Excel tự đổi số gõ vào thành ngày); hãy định dạng ô là số "
                         "(Number) rồi gõ lại" if spec.is_numeric else "ô chứa ngày tháng, không phải chữ")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and spec.kind == "percent" and spec.decimals and 0 <= value <= 100:
        return f"{round(value, spec.decimals):.{spec.decimals}f}".replace(".", ",")  # 98.5 typed in Excel
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        if spec.is_numeric:
            raise ParseError(f"“{value:g}” không phải số nguyên; số liệu là số nguyên")
        return f"{value:g}"
    raise ParseError("ô có giá trị không đọc được")


def _read_value(spec: FieldSpec, value: object) -> Value:
    typed = _as_typed(spec, value)
    if isinstance(typed, date):
        if not MIN_YEAR <= typed.year <= MAX_YEAR:
            raise ParseError(f"ngày {typed:%d/%m/%Y} không hợp lệ")
        return typed
    return parse_value(spec, typed) if typed is not None else None


class _Cached:
    """The values Excel saved for formula cells, read (a second parse) only when an entry is a formula."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._sheet = None

    def value(self, address: str) -> tuple[object, str]:
        if self._sheet is None:
            self._sheet = _load(self.path, data_only=True)[DATA_SHEET]
        cell = self._sheet[address]
        return cell.value, cell.data_type


def _entry(ws, field: FieldRow, cached: _Cached) -> tuple[object, str | None]:
    """The value of an entry cell (a formula's saved result) or, for a cell that cannot be used, why."""
    cell = ws[field.value_cell]
    value = cell.value
    if cell.data_type == "f":  # a formula (an array formula's value is an object, not its text)
        formula = value if isinstance(value, str) else getattr(value, "text", "")
        value, kind = cached.value(field.value_cell)
        if value is None:
            shown = f" {_show(formula)}" if isinstance(formula, str) and formula else ""
            return None, (f"ô có công thức{shown} nhưng sổ không lưu kết quả tính; hãy gõ số thay cho công thức, "
                          "hoặc mở sổ bằng Excel rồi lưu lại")
        if kind == "e":
            return None, f"công thức trong ô cho lỗi {value}"
    elif cell.data_type == "e":
        return None, f"ô có lỗi {value}"
    if field.spec.is_numeric and isinstance(value, int | float) and _date_style(cell):
        return None, ("ô được định dạng ngày tháng (kiểu ô là ngày, Excel tự đổi số gõ vào thành ngày); hãy định "
                      "dạng ô là số (Number) rồi gõ lại")
    return value, None


def _date_style(cell) -> bool:
    """The cell's named style (Excel's Cell Styles, LibreOffice's "Date" style) formats it as a date although its
    own number format does not (openpyxl already turns a cell with a date number format into a date)."""
    from openpyxl.styles.numbers import is_date_format

    try:
        style = cell.parent.parent._named_styles[cell.style]
    except (KeyError, IndexError, AttributeError, TypeError):
        return False
    return bool(style.number_format) and is_date_format(style.number_format)


def _read_values(ws, layout: Layout, path: Path, errors: _CellErrors) -> dict[str, Value]:
    values: dict[str, Value] = {}
    cached = _Cached(path)
    for field in layout.fields:
        if not field.is_input:
            continue
        value, problem = _entry(ws, field, cached)
        if problem is None:
            try:
                values[field.spec.key] = _read_value(field.spec, value)
                continue
            except ParseError as exc:
                problem = str(exc)
        errors.add(field.value_cell, f"“{field.spec.label}”: {problem}")
    values = recompute_all(layout.template, values) if any(f.spec.computed for f in layout.fields) else values
    return {key: value for key, value in values.items() if value is not None}


def read_workbook(path: Path, _workdir: Path | None = None) -> FileContent:
    """The report a filled workbook holds, validated like typed input; :class:`RefusedFile` says why not."""
    _check_container(path)
    check_workbook_bounds(path)  # before openpyxl builds a cell
    workbook = _load(path, data_only=False)
    meta = _meta(workbook)
    template_row = _template_of(meta)
    template = template_row.template
    if DATA_SHEET not in workbook.sheetnames:
        names = ", ".join(f"“{n}”" for n in workbook.sheetnames if n != META_SHEET)
        raise RefusedFile(f"Sổ không có trang tính “{DATA_SHEET}” (sổ có: {names}); trang tính đã bị đổi tên hoặc "
                          f"xóa. Hãy đặt lại tên “{DATA_SHEET}”.")
    orgs = _organizations(meta)
    office_id = _uuid(_one(meta, "office_id"), "Cơ quan của phiếu nhập")
    if office_id not in orgs:
        raise RefusedFile("Trang thông tin ẩn của sổ thiếu cơ quan báo cáo; sổ đã bị sửa hoặc hỏng.")
    try:
        period = Period.parse(_one(meta, "period"))
    except ValueError:
        raise RefusedFile("Trang thông tin ẩn của sổ ghi kỳ báo cáo không hợp lệ.") from None
    if not MIN_YEAR <= period.year <= MAX_YEAR:
        raise RefusedFile(f"Phiếu nhập ghi kỳ báo cáo {period.text}, không hợp lệ.")
    report_id = _uuid(_one(meta, "report_id"), "Báo cáo trong phiếu nhập")
    revision = _number(_one(meta, "revision"), "số lần sửa")
    layout = layout_for(template)
    errors = _CellErrors()
    ws = workbook[DATA_SHEET]
    _check_shape(ws, layout, errors)
    errors.raise_any()
    values = _read_values(ws, layout, path, errors)
    errors.raise_any()
    now = utc_now()
    report = ReportRow(id=report_id, organization_id=office_id, template_key=template.key,
                       template_version=template.version, period=period, status="draft", revision=revision + 1,
                       created_at=now, updated_at=now,
                       values={key: to_storage(template.fields[key], value) for key, value in values.items()})
    return FileContent(orgs, {report_id: report}, {(template.key, template.version): template_row})
