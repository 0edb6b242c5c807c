"""Builders shared by the exchange tests: district libraries, exported files, the command line."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

import main
from model.exchange.dbexport import export_reports
from model.library.library import Library
from model.report.values import Value
from model.vietnamese.period import Period

PROVINCE = "Ủy ban nhân dân tỉnh Kiên Giang"
Q2 = Period(2018, 2)

# Three districts' figures, chosen so that the average of their on-time ratios (67%, 90%, 25% → 60.7%)
# differs from the ratio of the summed counts (1.000 / 1.400 → 71%).
DISTRICTS: dict[str, dict[str, Value]] = {
    "Ủy ban nhân dân huyện An Minh": {
        "dvc_tong": 120, "dvc_muc_1_2": 80, "dvc_muc_3": 30, "dvc_muc_4": 10, "dvc_ho_so_truc_tuyen": 17,
        "mot_cua_huyen_tiep_nhan": 600, "mot_cua_huyen_dung_han": 400, "cks_van_ban_ky_so": 1500,
        "htth_diem_cau": 3, "mot_cua_tinh_hinh": "Huyện An Minh vận hành một cửa điện tử ổn định.",
    },
    "Ủy ban nhân dân huyện Vĩnh Thuận": {
        "dvc_tong": 95, "dvc_muc_1_2": 70, "dvc_muc_3": 20, "dvc_muc_4": 5, "dvc_ho_so_truc_tuyen": 9,
        "mot_cua_huyen_tiep_nhan": 700, "mot_cua_huyen_dung_han": 630, "cks_van_ban_ky_so": 2000,
        "htth_diem_cau": 2,
    },
    "Ủy ban nhân dân huyện Giang Thành": {
        "dvc_tong": 60, "dvc_muc_1_2": 50, "dvc_muc_3": 8, "dvc_muc_4": 2, "dvc_ho_so_truc_tuyen": 1,
        "mot_cua_huyen_tiep_nhan": 100, "mot_cua_huyen_dung_han": 25, "cks_van_ban_ky_so": 300,
        "htth_diem_cau": 1,
    },
}


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = main.main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def add_district(library: Library, name: str, figures: Mapping[str, Value], *, parent_id: str | None = None,
                 period: Period = Q2) -> str:
    """A district office with one report of ``period`` holding ``figures``; returns the report id."""
    place = name.rsplit("huyện ", 1)[-1]
    office = library.add_organization(name, f"ỦY BAN NHÂN DÂN\nHUYỆN {place.upper()}", "Kiên Giang",
                                      parent_header="UBND TỈNH KIÊN GIANG", parent_id=parent_id)
    report = library.create_report(office, period)
    library.set_values(report, dict(figures))
    return report


def province_with_districts(path: Path) -> tuple[Library, str, list[str]]:
    """A province library holding its own office and the three districts' reports of quý II/2018."""
    library = Library.create(path)
    province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
    reports = [add_district(library, name, figures, parent_id=province) for name, figures in DISTRICTS.items()]
    return library, province, reports


def exported_district_file(tmp_path: Path, name: str = "An Minh", figures: Mapping[str, Value] | None = None) -> Path:
    """A district's own library exported for sending, as the province receives it."""
    folder = tmp_path / f"huyen-{name}"
    folder.mkdir(exist_ok=True)
    full_name = f"Ủy ban nhân dân huyện {name}"
    with Library.create(folder / "thu-vien.db") as library:
        report = add_district(library, full_name, figures or DISTRICTS.get(full_name, {"dvc_tong": 1}))
        return export_reports(library, [report], folder / "gui-tinh.db").path
