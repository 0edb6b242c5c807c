"""Issue 21, the Excel form: a number cell styled as a date is refused, the LibreOffice case is documented, the
internal keys are never shown, and the title keeps the resolution's "36a/NQ-CP"."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import NamedStyle

import main
from model.excel.layout import DATA_SHEET, KEY_COLUMN
from tests.locations import ROOT
from tests.xlsx_support import blank_district_report, cell_of, new_form


@pytest.fixture
def form(tmp_path: Path) -> tuple[Path, Path]:
    library, report_id = blank_district_report(tmp_path / "tinh.db")
    with library:
        return tmp_path / "tinh.db", new_form(tmp_path, library, report_id)


def _import(capsys, library: Path, workbook: Path) -> tuple[int, str]:
    code = main.main(["xlsx-import", str(library), str(workbook)])
    out, err = capsys.readouterr()
    return code, out + err


def test_a_count_cell_given_a_date_style_is_refused(form, capsys, tmp_path) -> None:
    library, blank = form
    workbook = openpyxl.load_workbook(blank)
    workbook.add_named_style(NamedStyle("Ngày", number_format="DD/MM/YYYY"))
    cell = workbook[DATA_SHEET][cell_of("dvc_muc_3")]
    cell.style = "Ngày"
    cell.number_format = "0"  # the cell's own format stays a number: only its style says "date"
    cell.value = 43363
    workbook.save(tmp_path / "kieu-ngay.xlsx")
    before = library.read_bytes()
    code, text = _import(capsys, library, tmp_path / "kieu-ngay.xlsx")
    assert code == 2
    assert (f"TỪ CHỐI — {DATA_SHEET}!{cell_of('dvc_muc_3')}: “Dịch vụ công mức 3”: ô được định dạng ngày tháng"
            in text)
    assert library.read_bytes() == before


def test_a_count_cell_given_a_date_number_format_is_refused(form, capsys, tmp_path) -> None:
    library, blank = form
    workbook = openpyxl.load_workbook(blank)
    cell = workbook[DATA_SHEET][cell_of("dvc_muc_3")]
    cell.value, cell.number_format = 43363, "DD/MM/YYYY"  # Excel's own change when a date is typed
    workbook.save(tmp_path / "dinh-dang-ngay.xlsx")
    code, text = _import(capsys, library, tmp_path / "dinh-dang-ngay.xlsx")
    assert code == 2 and "ô chứa ngày tháng" in text


def test_the_readme_says_what_libreoffice_does_with_a_date_in_a_number_cell() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    form_section = readme.split("### Sổ Excel")[1].split("\n## ")[0]
    assert "LibreOffice Calc thì giữ định dạng số của phiếu và lưu ngày 20/09/2018 thành\n  số 43.363" in form_section
    assert "không phân biệt được" in form_section


def test_the_keys_are_never_shown_to_the_person_filling_the_form(form) -> None:
    _, blank = form
    sheet = openpyxl.load_workbook(blank)[DATA_SHEET]
    assert sheet.column_dimensions[KEY_COLUMN].hidden
    keys = [cell for (cell,) in sheet.iter_rows(min_col=1, max_col=1) if cell.value]
    assert keys and {cell.value for cell in keys} >= {"co_quan_chu_quan", "dvc_muc_3"}
    assert all(cell.number_format == ";;;" and cell.protection.hidden for cell in keys)
    assert "Mã" not in [cell.value for row in sheet.iter_rows(max_row=8) for cell in row]


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is installed by .ci/run")
def test_libreoffice_prints_the_form_without_keys_and_with_the_resolutions_symbol(form, tmp_path) -> None:
    _, blank = form
    profile = tmp_path / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path / "pdf"), str(blank)], check=True, capture_output=True, timeout=180)
    text = subprocess.run(["pdftotext", str(tmp_path / "pdf" / f"{blank.stem}.pdf"), "-"], check=True,
                          capture_output=True, text=True).stdout
    assert "THỰC HIỆN NGHỊ QUYẾT 36a/NQ-CP VỀ CHÍNH PHỦ ĐIỆN TỬ" in " ".join(text.split())
    assert "36A/NQ-CP" not in text
    assert "Dịch vụ công mức 3" in text
    assert "co_quan_chu_quan" not in text and "dvc_muc_3" not in text
