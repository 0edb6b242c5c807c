"""The 6-month and annual report made from the office's own quarters (``rollup``), and the longer periods."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from export.document.service import export_report, suggested_filename
from model.library.library import Library
from model.library.sample import OFFICE_NAME, Q1_2018, Q2_2018
from model.vietnamese.period import Period
from tests.exchange_support import run_cli
from tests.export_text import docx_text, needs_poppler, normalise, pdf_body_text
from tests.locations import ROOT
from tests.template_support import OWN_KEY, own_template_text

TEMPLATE = ROOT / "resources" / "templates" / "nq36a_quy.toml"


def _expected_half_year() -> dict[str, int]:
    """Every count of 6 tháng đầu năm 2018 from the sample's quarters, reading the template's attributes
    straight from the TOML: a flow is Q1 + Q2, a stock (cumulative, or over_time = last) is Q2's value,
    a monthly average is the mean rounded half up."""
    raw = tomllib.loads(TEMPLATE.read_text(encoding="utf-8"))
    expected: dict[str, int] = {}
    for group in raw["groups"]:
        for field in group["fields"]:
            key = field["key"]
            if field["kind"] != "count" or key not in Q1_2018 or key not in Q2_2018:
                continue
            q1, q2 = Q1_2018[key], Q2_2018[key]
            rule = field.get("over_time", "last" if field.get("cumulative") else "sum")
            expected[key] = {"sum": q1 + q2, "last": q2, "mean": int((q1 + q2) / 2 + 0.5)}[rule]
    return expected


def test_six_month_report_sums_flows_keeps_last_stocks_and_recomputes_ratios(
        sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run_cli(capsys, "rollup", sample_path, "--office", OFFICE_NAME, "--period", "2018-6T")

    assert code == 0, err
    assert "6 tháng đầu năm 2018" in out and "từ báo cáo quý I/2018, quý II/2018" in out
    assert "Lưu ý: Các đoạn văn, nơi nhận và người ký lấy từ báo cáo quý II/2018" in out
    with Library.open(sample_path) as library:
        report = library.find_report("2018-6T")
        values = library.values(report.id)
        expected = _expected_half_year()
        assert {k: values.get(k) for k in expected} == expected
        # Figures a clerk would check by hand.
        assert values["dvc_ho_so_truc_tuyen"] == 142 + 176 and values["vb_di_van_phong"] == 5874 + 6327
        assert values["dvc_tong"] == 1972 and values["dvc_muc_1_2"] == 1248 and values["cks_van_ban_ky_so"] == 3700
        assert values["vb_noi_bo_ky_so"] == 1013  # (980 + 1.045) / 2 = 1.012,5
        assert values["mot_cua_tinh_ty_le"] == 44  # (520 + 596) / (1.150 + 1.383), not the quarters' rates' mean
        assert values["mot_cua_huyen_ty_le"] == round(100 * (4100 + 4501) / (5980 + 6430))
        assert values["nhiem_vu"] == Q2_2018["nhiem_vu"] and values["qlvb_tinh_hinh"] == Q2_2018["qlvb_tinh_hinh"]
        assert "so" not in values and "6 tháng đầu năm 2018" in values["trich_yeu"]
        assert not [p for p in library.check(report.id) if p.is_error and p.field_keys != ("ngay_ban_hanh",)]
        library.set_values(report.id, {"so": 201, "ngay_ban_hanh": date(2018, 7, 5)})
        # only the warnings that two narratives carried over from quý II still name it (issue 21)
        problems = library.check(report.id)
        assert {(p.severity, p.field_keys) for p in problems} == {("warning", ("ha_tang_tinh_hinh",)),
                                                                  ("warning", ("htth_thi_diem",))}
        assert all("nhắc tới “quý II/2018”" in p.message for p in problems)

        docx = tmp_path / suggested_filename(library, report.id, "docx")
        pdf = tmp_path / suggested_filename(library, report.id, "pdf")
        assert pdf.name == "BC-201-UBND-2018-6T.pdf"
        export_report(library, report.id, docx)
        export_report(library, report.id, pdf)
    text = normalise(docx_text(docx))
    assert "điện tử 6 tháng đầu năm 2018" in text
    assert "Trong 6 tháng đầu năm 2018, hệ thống Cổng dịch vụ công trực tuyến đã tiếp nhận 318 hồ sơ" in text
    assert "Tổng số hồ sơ tiếp nhận qua phần mềm là: 2.533 hồ sơ" in text and "tỷ lệ: 44%" in text
    assert pdf.read_bytes().startswith(b"%PDF")


@needs_poppler
def test_six_month_pdf_reads_like_the_docx(sample_path: Path, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    run_cli(capsys, "rollup", sample_path, "--office", OFFICE_NAME, "--period", "2018-6T")
    pdf = tmp_path / "bc.pdf"
    code, _, err = run_cli(capsys, "export", sample_path, "--report", "2018-6T", "--to", pdf, "--force")
    assert code == 0, err
    text = normalise(pdf_body_text(pdf))
    assert "6 tháng đầu năm 2018" in text and "đã tiếp nhận 318 hồ sơ" in text


def test_a_missing_quarter_is_named_and_the_year_is_made_from_what_exists(
        sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "rollup", sample_path, "--office", OFFICE_NAME, "--period", "2018-N")

    assert code == 0
    assert "Thiếu báo cáo quý III/2018, quý IV/2018: số liệu chỉ tính từ quý I/2018, quý II/2018" in out
    with Library.open(sample_path) as library:
        assert library.values(library.find_report("2018-N").id)["dvc_ho_so_truc_tuyen"] == 318


@pytest.mark.parametrize(("period", "expected"), [
    ("2018-Q3", "Chỉ lập được báo cáo 6 tháng hoặc báo cáo năm từ các quý"),
    ("2018-6TC", "chưa có báo cáo quý nào của 6 tháng cuối năm 2018 (quý III/2018, quý IV/2018)"),
    ("2018-H", "Kỳ báo cáo “2018-H” không hợp lệ"),
])
def test_rollup_refusals_change_nothing(period: str, expected: str, sample_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    before = sample_path.read_bytes()
    code, _, err = run_cli(capsys, "rollup", sample_path, "--office", OFFICE_NAME, "--period", period)
    assert code == 2 and expected in err and len(err.strip().splitlines()) == 1
    assert sample_path.read_bytes() == before


def test_a_second_six_month_report_is_refused(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "rollup", sample_path, "--office", OFFICE_NAME, "--period", "2018-6T")[0] == 0
    code, _, err = run_cli(capsys, "rollup", sample_path, "--office", OFFICE_NAME, "--period", "2018-6T")
    assert code == 2 and "đã có báo cáo 6 tháng đầu năm 2018" in err


@pytest.mark.parametrize(("written", "text", "short", "first", "last"), [
    ("2018-T05", "tháng 5 năm 2018", "tháng 5/2018", date(2018, 5, 1), date(2018, 5, 31)),
    ("2018-Q2", "quý II năm 2018", "quý II/2018", date(2018, 4, 1), date(2018, 6, 30)),
    ("2018-6T", "6 tháng đầu năm 2018", "6 tháng đầu năm 2018", date(2018, 1, 1), date(2018, 6, 30)),
    ("2018-6TC", "6 tháng cuối năm 2018", "6 tháng cuối năm 2018", date(2018, 7, 1), date(2018, 12, 31)),
    ("2018-N", "năm 2018", "năm 2018", date(2018, 1, 1), date(2018, 12, 31)),
])
def test_periods_read_write_and_name_themselves(written: str, text: str, short: str, first: date,
                                                last: date) -> None:
    period = Period.parse(written)
    assert (str(period), period.text, period.short_text, period.start, period.end) == (written, text, short,
                                                                                       first, last)
    assert Period.parse(str(period)) == period


def test_periods_sort_by_their_end_then_length() -> None:
    written = ["2018-N", "2018-6TC", "2018-Q4", "2018-Q3", "2018-6T", "2018-Q2", "2018-T05", "2018-Q1", "2017-N"]
    assert [str(p) for p in sorted(map(Period.parse, written))] == [
        "2017-N", "2018-Q1", "2018-T05", "2018-Q2", "2018-6T", "2018-Q3", "2018-Q4", "2018-6TC", "2018-N"]
    assert [str(q) for q in Period.parse("2018-N").quarters()] == ["2018-Q1", "2018-Q2", "2018-Q3", "2018-Q4"]
    assert [Period.parse(p).within_year for p in ("2018-T05", "2018-Q2", "2018-6T", "2018-6TC", "2018-N")] == [
        "Tháng 5", "Quý II", "6 tháng đầu năm", "6 tháng cuối năm", "Cả năm"]  # the library pane's rows


def test_an_office_writing_two_kinds_each_quarter_names_the_kind(sample_path: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    with Library.open(sample_path) as library:
        library.add_template(own_template_text())
        office = library.organizations()[0].id
        own = library.create_report(office, Period(2018, 2), template_key=OWN_KEY)
        library.set_values(own, {"dvc_thanh_toan": 40})
    code, _, err = run_cli(capsys, "rollup", sample_path, "--office", OFFICE_NAME, "--period", "2018-6T")
    assert code == 2 and "hãy chọn loại báo cáo (dòng lệnh: --template KEY)" in err
    code, out, _ = run_cli(capsys, "rollup", sample_path, "--office", OFFICE_NAME, "--period", "2018-6T",
                           "--template", OWN_KEY)
    assert code == 0 and "Thiếu báo cáo quý I/2018" in out
    with Library.open(sample_path) as library:
        made = next(r for r in library.reports() if str(r.period) == "2018-6T")
        assert made.template_key == OWN_KEY and library.values(made.id)["dvc_thanh_toan"] == 40
