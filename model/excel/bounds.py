"""What a received workbook may hold, judged from its XML text before openpyxl builds a single cell.

openpyxl keeps every cell of a sheet as an object, and a sheet's used range decides how many a reader walks: a
16 KB workbook holding the form and one empty cell at ``XFD1`` (the last column) took 4 minutes and 4,3 GB to
check, a sheet of 480.000 rows 21 s, a million shared strings 28 s. A form is some 60 rows of 6 columns (the
hidden sheet 9 columns); the bounds below are far above any form and far below that. A workbook beyond them is
refused with the sheet and the cell, never read in part. The ZIP directory has bounded the unpacked size already
(:func:`model.excel.reading._check_container`), and zipfile reads no member beyond the size its directory states.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

from model.exchange.untrusted import RefusedFile

MAX_USED_ROW = 5_000
"""The last row any cell of any sheet may sit on (a form of 4.000 fields would still fit)."""
MAX_USED_COLUMN = 26
"""The last column (``Z``) any cell may sit in; the form uses A to F, its hidden sheet A to I."""
MAX_CELLS = 40_000
"""Cells of the whole workbook, written or only formatted."""
MAX_SHARED_STRINGS = 40_000

_CELL = re.compile(rb"<(?:\w+:)?c\b([^>]*)>")
_CELL_REF = re.compile(rb'\br="([A-Za-z]+)(\d+)"')
_ROW = re.compile(rb'<(?:\w+:)?row\b[^>]*?\br="(\d+)"')
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\b[^>]*?\bref="(?:[A-Za-z]+\d+:)?([A-Za-z]+)(\d+)"')
_SHARED_STRING = re.compile(rb"<(?:\w+:)?si\b")
_SHEET = re.compile(rb"<(?:\w+:)?sheet\b[^>]*>")
_RELATION = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*>")


def _attribute(element: bytes, name: bytes) -> str | None:
    match = re.search(rb"(?:^|\s)" + name + rb'="([^"]*)"', element)
    return match.group(1).decode("utf-8", "replace") if match else None


def _sheet_names(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """Member name → the sheet's name as Excel shows it, where the workbook says so."""
    if "xl/workbook.xml" not in names or "xl/_rels/workbook.xml.rels" not in names:
        return {}
    targets = {}
    for element in _RELATION.findall(archive.read("xl/_rels/workbook.xml.rels")):
        target, rid = _attribute(element, b"Target"), _attribute(element, b"Id")
        if target and rid:
            targets[rid] = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
    sheets = {}
    for element in _SHEET.findall(archive.read("xl/workbook.xml")):
        name, rid = _attribute(element, b"name"), _attribute(element, rb"r:id")
        if name and rid in targets:
            sheets[targets[rid]] = name
    return sheets


def _column_number(letters: bytes) -> int:
    number = 0
    for letter in letters.upper()[:4]:  # four letters are beyond any sheet already
        number = number * 26 + letter - ord("A") + 1
    return number


def _address(letters: bytes, digits: bytes) -> str:
    return f"{letters.decode().upper()[:4]}{int(digits[:8])}"


def _beyond(letters: bytes, digits: bytes) -> bool:
    return _column_number(letters) > MAX_USED_COLUMN or int(digits[:8]) > MAX_USED_ROW


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def _refuse_range(sheet: str, where: str) -> RefusedFile:
    return RefusedFile(f"Trang tính “{sheet}” dùng đến {where}, vượt xa phiếu nhập (tối đa cột Z, hàng "
                       f"{_thousands(MAX_USED_ROW)}); hãy xóa các hàng, cột thừa (kể cả ô chỉ được định dạng) rồi "
                       "lưu lại sổ.")


def _check_sheet(xml: bytes, sheet: str, cells_so_far: int) -> int:
    """Refuse a sheet reaching beyond the bounds, naming a cell where one is; the count of its cells."""
    cells = _CELL.findall(xml)
    if cells_so_far + len(cells) > MAX_CELLS:
        raise RefusedFile(f"Sổ Excel có hơn {_thousands(MAX_CELLS)} ô (kể cả ô chỉ được định dạng), quá nhiều cho "
                          "một phiếu nhập; hãy dùng phiếu nhập xuất từ phần mềm.")
    for attributes in cells:
        ref = _CELL_REF.search(attributes)
        if ref is not None and _beyond(*ref.groups()):
            raise _refuse_range(sheet, f"ô {_address(*ref.groups())}")
    rows = _ROW.findall(xml)
    if len(rows) > MAX_USED_ROW or any(int(digits[:8]) > MAX_USED_ROW for digits in rows):
        last = max(int(digits[:8]) for digits in rows)
        raise _refuse_range(sheet, f"hàng {_thousands(last)}")
    for letters, digits in _DIMENSION.findall(xml)[:1]:  # what the sheet says of itself, last
        if _beyond(letters, digits):
            raise _refuse_range(sheet, f"ô {_address(letters, digits)}")
    return len(cells)


def check_workbook_bounds(path: Path) -> None:
    """Refuse (:class:`RefusedFile`) a workbook whose used range, rows, cells or shared strings exceed the
    bounds; linear in its unpacked size."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = {info.filename for info in archive.infolist()}
            sheets = _sheet_names(archive, names)
            cells = 0
            for name in sorted(names):
                if not name.lower().endswith(".xml"):
                    continue
                xml = archive.read(name)
                if name.lower().endswith("sharedstrings.xml"):
                    count = len(_SHARED_STRING.findall(xml))
                    if count > MAX_SHARED_STRINGS:
                        raise RefusedFile(f"Sổ Excel có {_thousands(count)} chuỗi chữ, quá giới hạn "
                                          f"{_thousands(MAX_SHARED_STRINGS)} của một phiếu nhập; sổ bất thường nên "
                                          "không đọc.")
                elif b"sheetData" in xml:
                    cells += _check_sheet(xml, sheets.get(name, name), cells)
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError, EOFError, NotImplementedError):
        raise RefusedFile("Sổ Excel bị hỏng hoặc bị cắt cụt (không mở được phần nén).") from None
