"""Every bad workbook is refused with the cell's address and a Vietnamese reason, exit status 2, and the
library's bytes unchanged."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from model.excel.layout import DATA_SHEET, META_SHEET
from tests.exchange_support import run_cli
from tests.xlsx_support import FILLED, blank_district_report, cell_of, fill_form, new_form


def _cells(**values: object) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        workbook = openpyxl.load_workbook(path)
        for key, value in values.items():
            workbook[DATA_SHEET][cell_of(key)] = value
        workbook.save(path)
    return mutate


def _sheet(change: Callable) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        workbook = openpyxl.load_workbook(path)
        change(workbook)
        workbook.save(path)
    return mutate


def _meta(key: str, value: str) -> Callable[[Path], None]:
    def change(workbook) -> None:
        for row in workbook[META_SHEET].iter_rows():
            if row[0].value == key:
                row[1].value = value
    return _sheet(change)


def _template_text(edit: Callable[[str], str]) -> Callable[[Path], None]:
    """The template the form carries, edited: the same key and version with other text, or a broken one."""
    def change(workbook) -> None:
        cells = [row[1] for row in workbook[META_SHEET].iter_rows() if row[0].value == "template_text"]
        text = edit("".join(cell.value for cell in cells))
        for index, cell in enumerate(cells):
            cell.value = text[index * 30_000:(index + 1) * 30_000] or None
    return _sheet(change)


def _text_file(path: Path) -> None:
    path.write_text("Số liệu quý II\n1972;35120\n", encoding="utf-8")


def _old_excel(path: Path) -> None:
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4096)


def _fifty_megabytes(path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(50 * 1024 * 1024)


def _zip_bomb(path: Path) -> None:
    """A small file whose directory promises 30 MB once unpacked (zeros compress a thousandfold)."""
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/media/anh.bin", bytes(30 * 1024 * 1024))


def _opendocument(path: Path) -> None:
    """The form saved by LibreOffice Calc in its own format (.ods) and renamed .xlsx."""
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")


def _unrelated_workbook(path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Bảng chấm công"
    workbook.save(path)


D = DATA_SHEET
CASES: dict[str, tuple[Callable[[Path], None], list[str]]] = {
    "text in a count": (_cells(dvc_muc_3="ba mươi"), [f"{D}!{cell_of('dvc_muc_3')}", "không phải là số"]),
    "decimal comma": (_cells(vb_di_van_phong="1,972"), [f"{D}!{cell_of('vb_di_van_phong')}", "dấu phẩy"]),
    "negative": (_cells(htth_diem_cau=-3), [f"{D}!{cell_of('htth_diem_cau')}", "số âm"]),
    "fraction": (_cells(dvc_tong=120.5), [f"{D}!{cell_of('dvc_tong')}", "không phải số nguyên"]),
    "formula without value": (_cells(dvc_muc_4="=D30+D31"), [f"{D}!{cell_of('dvc_muc_4')}", "công thức"]),
    "date in a count": (_cells(dvc_muc_3=datetime(2018, 2, 1)), [f"{D}!{cell_of('dvc_muc_3')}", "ngày tháng"]),
    "date typed as text": (_cells(ngay_ban_hanh="18 tháng 6"), [f"{D}!{cell_of('ngay_ban_hanh')}",
                                                                 "không phải ngày"]),
    "percent in a count": (_cells(dvc_muc_3="30%"), [f"{D}!{cell_of('dvc_muc_3')}", "không phải là số"]),
    "merged cells": (_sheet(lambda wb: wb[D].merge_cells(f"{cell_of('dvc_muc_3')}:{cell_of('dvc_muc_4')}")),
                     [f"{D}!{cell_of('dvc_muc_3')}", "bị gộp"]),
    "inserted row": (_sheet(lambda wb: wb[D].insert_rows(20)), [f"{D}!D20", "không còn ở chỗ cũ"]),
    "value moved outside": (_sheet(lambda wb: wb[D].__setitem__("H12", 35)), [f"{D}!H12", "ngoài phiếu"]),
    "renamed sheet": (_sheet(lambda wb: setattr(wb[D], "title", "Sheet1")), ["“Số liệu”", "đổi tên", "“Sheet1”"]),
    "another template named": (_meta("template_key", "nq17_nam"), ["“nq17_nam”", "bị sửa hoặc hỏng"]),
    "another template version named": (_meta("template_version", "2"), ["phiên bản 2", "bị sửa hoặc hỏng"]),
    "template text broken": (_template_text(lambda text: text.replace("[[checks]]", "[[kiem_tra]]", 1)),
                             ["Mẫu báo cáo trong phiếu nhập không dùng được"]),
    "template text changed": (_template_text(lambda text: text.replace("Tổng số", "Tổng cộng số", 1)),
                              ["khác", "nq36a_quy"]),
    "newer format": (_meta("format_version", "9"), ["mới hơn", "cập nhật phần mềm"]),
    "no hidden sheet": (_unrelated_workbook, ["không phải phiếu nhập"]),
    "not a workbook": (_text_file, ["Không phải sổ Excel .xlsx"]),
    "LibreOffice's own format": (_opendocument, [".ods", "Lưu thành"]),
    "Excel 97-2003": (_old_excel, [".xls"]),
    "50 MB": (_fifty_megabytes, ["50,0 MB", "quá lớn"]),
    "zip bomb": (_zip_bomb, ["bom nén"]),
    "truncated": (lambda p: p.write_bytes(p.read_bytes()[:3000]), ["bị hỏng"]),
}


@pytest.fixture(scope="module")
def partly_filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A library with a blank report and its form with two figures typed in (made once, copied per test)."""
    folder = tmp_path_factory.mktemp("phieu")
    library, report = blank_district_report(folder / "tinh.db")
    workbook = fill_form(new_form(folder, library, report), folder / "phieu-sai.xlsx",
                         {k: v for k, v in FILLED.items() if k in ("dvc_muc_1_2", "dvc_tong")})
    library.close()
    return folder / "tinh.db", workbook


@pytest.mark.parametrize("case", CASES)
def test_bad_workbook_is_refused_with_its_cell_and_changes_nothing(tmp_path: Path, capsys, case: str,
                                                                   partly_filled: tuple[Path, Path]) -> None:
    mutate, expected = CASES[case]
    shutil.copyfile(partly_filled[0], tmp_path / "tinh.db")
    workbook = Path(shutil.copyfile(partly_filled[1], tmp_path / "phieu-sai.xlsx"))
    mutate(workbook)
    before = (tmp_path / "tinh.db").read_bytes()
    code, out, err = run_cli(capsys, "xlsx-import", tmp_path / "tinh.db", workbook)
    assert code == 2
    assert "TỪ CHỐI" in err and "Thư viện không thay đổi" in err
    for text in expected:
        assert text in err, err
    assert "Traceback" not in err + out
    assert (tmp_path / "tinh.db").read_bytes() == before


def test_all_bad_cells_are_listed_at_once(tmp_path: Path, capsys) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    workbook = new_form(tmp_path, library, report)
    library.close()
    _cells(dvc_muc_3="ba", dvc_muc_4="1,5", htth_diem_cau=-1)(workbook)
    code, _, err = run_cli(capsys, "xlsx-import", tmp_path / "tinh.db", workbook)
    assert code == 2
    for key in ("dvc_muc_3", "dvc_muc_4", "htth_diem_cau"):
        assert f"{DATA_SHEET}!{cell_of(key)}" in err
