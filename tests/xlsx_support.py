"""Builders shared by the Excel tests: a district's blank report, its form, a clerk filling it, LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from datetime import date
from pathlib import Path

import openpyxl

from model.excel.form import write_form
from model.excel.layout import DATA_SHEET, layout_for
from model.library.library import Library
from model.report.shipped import load_template
from tests.exchange_support import PROVINCE, Q2

DISTRICT = "Ủy ban nhân dân huyện An Minh"

# What a district clerk types into the form's yellow cells.
FILLED: dict[str, object] = {
    "vb_di_van_phong": 1972, "vb_luan_chuyen": 35120, "dvc_tong": 120, "dvc_muc_1_2": 80, "dvc_muc_3": 30,
    "dvc_muc_4": 10, "dvc_ho_so_truc_tuyen": 17, "mot_cua_huyen_tiep_nhan": 600, "mot_cua_huyen_dung_han": 400,
    "cks_van_ban_ky_so": 1500, "htth_diem_cau": 3, "nguoi_ky_ho_ten": "Trần Văn Đức",
    "mot_cua_tinh_hinh": "Huyện vận hành một cửa điện tử ổn định.\nHồ sơ đúng hạn tăng so với quý trước.",
    "ngay_ban_hanh": date(2018, 6, 18),
}


def blank_district_report(path: Path) -> tuple[Library, str]:
    """A province library holding a blank quý II/2018 report for one of its districts."""
    library = Library.create(path)
    province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
    district = library.add_organization(DISTRICT, "ỦY BAN NHÂN DÂN\nHUYỆN AN MINH", "Kiên Giang",
                                        parent_header="UBND TỈNH KIÊN GIANG", parent_id=province)
    return library, library.create_report(district, Q2)


def cell_of(key: str) -> str:
    """The entry cell of field ``key`` (``D37``)."""
    return layout_for(load_template("nq36a_quy")).row_of(key).value_cell


def fill_form(form: Path, out: Path, values: Mapping[str, object]) -> Path:
    """Type ``values`` into the form's entry cells with openpyxl, as a clerk would in Excel, and save."""
    workbook = openpyxl.load_workbook(form)
    sheet = workbook[DATA_SHEET]
    for key, value in values.items():
        sheet[cell_of(key)] = value
    workbook.save(out)
    return out


def new_form(tmp_path: Path, library: Library, report_id: str, name: str = "phieu.xlsx") -> Path:
    return write_form(library, report_id, tmp_path / name)


def soffice(tmp_path: Path, source: Path, target_format: str, outdir: Path) -> Path:
    """Convert ``source`` with LibreOffice headless (its own profile, so parallel runs do not clash)."""
    program = shutil.which("soffice") or shutil.which("libreoffice")
    assert program, "LibreOffice (soffice) is needed: .ci/run installs libreoffice-calc-nogui"
    profile = (tmp_path / "lo-profile").as_uri()
    outdir.mkdir(exist_ok=True)
    subprocess.run([program, f"-env:UserInstallation={profile}", "--headless", "--convert-to", target_format,
                    "--outdir", str(outdir), str(source)], check=True, capture_output=True, timeout=180)
    produced = outdir / f"{source.stem}.{target_format.split(':')[0]}"
    assert produced.exists(), f"LibreOffice wrote no {produced.name}"
    return produced
