"""Tình hình nộp báo cáo as a workbook: the rates at the top, one row per unit, units that have not reported first.

Every text is written as a text cell, never a formula, whatever it begins with (an office name from a received
file could begin with ``=``).
"""

from __future__ import annotations

from pathlib import Path

from model.excel.cells import put
from model.excel.saving import check_destination, print_landscape, save_workbook
from model.oversight.status import StatusReport

STATUS_SHEET = "Tình hình nộp"
HEADERS = ("STT", "Đơn vị", "Đã nộp", "Ngày nhận", "Bản sửa lần", "Tình trạng", "Số ngày trễ", "Trả lại / gửi lại",
           "Đã tổng hợp")
DATE_FORMAT = "dd/mm/yyyy hh:mm"


def _text(ws, row: int, column: int, value: str):
    return put(ws.cell(row, column), value)


def write_status(status: StatusReport, destination: str | Path) -> Path:
    """Write ``status`` to ``destination`` (.xlsx, replacing an existing file)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill

    destination = Path(destination)
    check_destination(destination)
    workbook = Workbook()
    ws = workbook.active
    ws.title = STATUS_SHEET
    _text(ws, 1, 1, status.heading).font = Font(bold=True, size=13)
    _text(ws, 2, 1, status.summary)
    for column, title in enumerate(HEADERS, start=1):
        cell = _text(ws, 4, column, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="C9D3E0")
        cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for row, unit in enumerate(status.units, start=5):
        ws.cell(row, 1, row - 4)
        _text(ws, row, 2, unit.office.name)
        _text(ws, row, 3, "có" if unit.received else "chưa")
        if unit.received_at is not None:
            ws.cell(row, 4, unit.received_at.replace(tzinfo=None)).number_format = DATE_FORMAT
        if unit.report is not None:
            ws.cell(row, 5, unit.report.revision)
        _text(ws, row, 6, unit.state)
        ws.cell(row, 7, unit.days_late)
        _text(ws, row, 8, "đã trả lại" if unit.returned else ("đã gửi lại" if unit.resubmitted else ""))
        _text(ws, row, 9, "có" if unit.consolidated else "")
    for letter, width in zip("ABCDEFGHI", (6, 42, 9, 17, 10, 36, 10, 16, 11), strict=True):
        ws.column_dimensions[letter].width = width
    ws.freeze_panes = "C5"
    print_landscape(ws, "4:4")
    workbook.properties.creator = "Soạn báo cáo"
    save_workbook(workbook, destination)
    return destination
