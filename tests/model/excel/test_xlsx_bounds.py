"""Workbooks that cost minutes and gigabytes to read are refused from their XML before openpyxl builds a cell:
a cell at the last column, a value at the last row, hundreds of thousands of rows, a million shared strings, too
many cells. Each refusal: exit status 2, a Vietnamese reason naming the sheet and cell, the library unchanged,
within the time and memory measured; a valid form in the same call is still imported."""

from __future__ import annotations

import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from model.excel.bounds import MAX_CELLS, MAX_USED_ROW
from model.excel.layout import DATA_SHEET
from model.library.library import Library
from tests.limits_support import run_measured
from tests.xlsx_support import FILLED, blank_district_report, fill_form, new_form

SHEET_XML = "xl/worksheets/sheet1.xml"


def _rewrite(path: Path, member: str, edit: Callable[[bytes], bytes]) -> None:
    """Replace one part of the workbook's ZIP with ``edit`` of it (a new part when it is missing)."""
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
    parts[member] = edit(parts.get(member, b""))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


def _in_sheet_data(xml: bytes) -> Callable[[bytes], bytes]:
    return lambda sheet: sheet.replace(b"</sheetData>", xml + b"</sheetData>", 1)


def _styled_cell_at_last_column(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook[DATA_SHEET]["XFD1"].font = Font(bold=True)  # an empty cell, only formatted
    workbook.save(path)


def _value_at_last_row(path: Path) -> None:
    workbook = openpyxl.load_workbook(path)
    workbook[DATA_SHEET]["D1048576"] = 5
    workbook.save(path)


def _many_rows(path: Path) -> None:
    rows = b"".join(b'<row r="%d"/>' % number for number in range(100, 480_100))
    _rewrite(path, SHEET_XML, _in_sheet_data(rows))


def _many_cells(path: Path) -> None:
    """Formatted empty cells inside the bounds (columns H to Z), more than a workbook may hold."""
    rows = b"".join(b'<row r="%d">' % row + b"".join(b'<c r="%s%d" s="0"/>' % (column, row)
                                                    for column in b"H I J K L M N O P Q R S T U V W X Y Z".split())
                    + b"</row>" for row in range(100, 100 + MAX_CELLS // 19 + 10))
    _rewrite(path, SHEET_XML, _in_sheet_data(rows))


def _million_shared_strings(path: Path) -> None:
    strings = b"<si><t/></si>" * 1_000_000  # 13 MB unpacked: within the size a workbook may have
    _rewrite(path, "xl/sharedStrings.xml", lambda _: (
        b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000000" '
        b'uniqueCount="1000000">' + strings + b"</sst>"))


def _value_below_the_form(path: Path) -> None:
    """Within the bounds but outside the form: refused by the cell check that once stopped 1.000 rows down."""
    workbook = openpyxl.load_workbook(path)
    workbook[DATA_SHEET][f"B{MAX_USED_ROW - 10}"] = "ghi chú lạc chỗ"
    workbook.save(path)


CASES = {
    "styled-cell-XFD1": (_styled_cell_at_last_column, "“Số liệu” dùng đến ô XFD1"),
    "value-row-1048576": (_value_at_last_row, "“Số liệu” dùng đến ô D1048576"),
    "480000-rows": (_many_rows, "“Số liệu” dùng đến hàng 480.099"),
    "too-many-cells": (_many_cells, "Sổ Excel có hơn 40.000 ô"),
    "1M-shared-strings": (_million_shared_strings, "Sổ Excel có 1.000.000 chuỗi chữ"),
    "value-below-form": (_value_below_the_form, f"Số liệu!B{MAX_USED_ROW - 10}: có dữ liệu nằm ngoài phiếu"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_workbook_beyond_the_bounds_is_refused_in_time(case: str, tmp_path: Path) -> None:
    mutate, message = CASES[case]
    library, report = blank_district_report(tmp_path / "tinh.db")
    form = new_form(tmp_path, library, report)
    library.close()
    hostile = fill_form(form, tmp_path / "dien.xlsx", FILLED)
    mutate(hostile)
    before = (tmp_path / "tinh.db").read_bytes()
    run = run_measured("xlsx-import", tmp_path / "tinh.db", hostile)
    assert run.code == 2 and message in run.err and "ngoài dự kiến" not in run.err, run.err
    assert (tmp_path / "tinh.db").read_bytes() == before
    assert run.within_bounds(), run


def test_a_refused_workbook_never_stops_the_valid_one_beside_it(tmp_path: Path) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    form = new_form(tmp_path, library, report)
    library.close()
    hostile = fill_form(form, tmp_path / "hong.xlsx", FILLED)
    _styled_cell_at_last_column(hostile)
    valid = fill_form(form, tmp_path / "dien.xlsx", FILLED)
    run = run_measured("xlsx-import", tmp_path / "moi.db", hostile, valid)
    assert run.code == 2 and "XFD1" in run.err
    with Library.open(tmp_path / "moi.db") as library:
        assert library.values(report)["vb_di_van_phong"] == FILLED["vb_di_van_phong"]
    alone = run_measured("xlsx-import", tmp_path / "khong-co.db", hostile)
    assert alone.code == 2 and not (tmp_path / "khong-co.db").exists()


def test_a_workbook_at_the_edge_of_the_bounds_is_read_in_time(tmp_path: Path) -> None:
    """Formatted empty cells down to Z5000 (the whole used range a reader walks) are harmless: imported."""
    library, report = blank_district_report(tmp_path / "tinh.db")
    form = new_form(tmp_path, library, report)
    library.close()
    edge = fill_form(form, tmp_path / "dien.xlsx", FILLED)
    workbook = openpyxl.load_workbook(edge)
    sheet = workbook[DATA_SHEET]
    for row in range(100, MAX_USED_ROW + 1):
        sheet[f"H{row}"].font = Font(bold=True)
    sheet[f"Z{MAX_USED_ROW}"].font = Font(bold=True)
    workbook.save(edge)
    run = run_measured("xlsx-import", tmp_path / "tinh.db", edge)
    assert run.code == 0, run.err
    assert run.within_bounds(), run


@pytest.mark.parametrize("offset", [40, 400, 4000])
def test_a_part_with_broken_compressed_data_is_refused_as_damaged(tmp_path: Path, offset: int) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    form = new_form(tmp_path, library, report)
    library.close()
    with zipfile.ZipFile(form) as archive:
        info = archive.getinfo(SHEET_XML)
    data = bytearray(form.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    data[start + offset:start + offset + 8] = b"\xff\x00\xa5\x5a\xff\x00\xa5\x5a"
    form.write_bytes(bytes(data))
    run = run_measured("xlsx-import", tmp_path / "tinh.db", form)
    assert run.code == 2 and "Sổ Excel bị hỏng" in run.err and "ngoài dự kiến" not in run.err, run.err
