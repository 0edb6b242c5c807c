"""Consolidating three districts' reports into the province's draft, and its appendix."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.exchange.consolidation import candidate_sources, consolidate, find_office
from model.exchange.dbexport import export_reports
from model.exchange.dbimport import import_files
from model.library.library import Library, LibraryError
from model.progress import Cancelled, Progress
from model.report.shipped import load_template
from model.report.template import TemplateError, parse_template
from model.vietnamese.period import Period
from tests.exchange_support import DISTRICTS, PROVINCE, Q2, add_district, province_with_districts, run_cli


@pytest.fixture
def province(tmp_path: Path):
    library, province_id, reports = province_with_districts(tmp_path / "tinh.db")
    yield library, province_id, reports
    library.close()


def test_counts_are_summed_and_ratios_recomputed_from_the_sums(province) -> None:
    library, _, reports = province
    result = consolidate(library, Q2, PROVINCE, reports)
    values = library.values(result.report_id)
    template = load_template("nq36a_quy")
    for spec in template.fields.values():
        if spec.consolidate == "sum":
            reported = [f[spec.key] for f in DISTRICTS.values() if spec.key in f]
            assert values.get(spec.key) == (sum(reported) if reported else None), spec.key
    assert values["mot_cua_huyen_tiep_nhan"] == 1400 and values["mot_cua_huyen_dung_han"] == 1055
    # 1.055 / 1.400 = 75.36% → 75; the average of the districts' ratios (67, 90, 25) would give 61.
    assert values["mot_cua_huyen_ty_le"] == round(100 * 1055 / 1400) == 75
    assert values.get("mot_cua_tinh_ty_le") is None  # no district reported the province-level counts
    assert result.units == 3 and result.office == PROVINCE


def test_ratio_rounds_half_up_as_the_template_says(tmp_path: Path) -> None:
    with Library.create(tmp_path / "t.db") as library:
        province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
        reports = [add_district(library, f"Ủy ban nhân dân huyện {n}", figures, parent_id=province)
                   for n, figures in (("A", {"mot_cua_huyen_tiep_nhan": 100, "mot_cua_huyen_dung_han": 50}),
                                      ("B", {"mot_cua_huyen_tiep_nhan": 100, "mot_cua_huyen_dung_han": 75}))]
        result = consolidate(library, Q2, province, reports)
        assert library.values(result.report_id)["mot_cua_huyen_ty_le"] == 63  # 125/200 = 62.5% → 63


def test_texts_are_left_blank_and_document_data_comes_from_the_parent(province) -> None:
    library, province_id, reports = province
    result = consolidate(library, Q2, province_id, reports)
    assert library.report(result.report_id).status == "draft"
    values = library.values(result.report_id)
    assert values.get("mot_cua_tinh_hinh") is None  # An Minh's text is not carried up
    for key in ("cong_ttdt_tinh_hinh", "qlvb_tinh_hinh", "ha_tang_tinh_hinh", "nhiem_vu", "so", "ngay_ban_hanh"):
        assert values.get(key) is None, key
    assert values["co_quan_ban_hanh"] == "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG"
    assert values["dia_danh"] == "Kiên Giang" and values["ky_hieu"] == "BC-UBND"
    assert values["mo_dau"].endswith("quý II năm 2018 như sau (số liệu của từng đơn vị tại Phụ lục kèm theo):")


def test_appendix_has_one_row_per_unit_and_a_total(province) -> None:
    library, _, reports = province
    report_id = consolidate(library, Q2, PROVINCE, reports).report_id
    table = library.appendix(report_id)
    assert table is not None
    assert table.heading == "Số liệu Chính phủ điện tử của các đơn vị quý II năm 2018"
    assert table.header[:3] == ("STT", "Đơn vị", "Tổng số DVC trực tuyến")
    assert [row[:3] for row in table.rows] == [
        ("1", "Ủy ban nhân dân huyện An Minh", "120"), ("2", "Ủy ban nhân dân huyện Vĩnh Thuận", "95"),
        ("3", "Ủy ban nhân dân huyện Giang Thành", "60")]
    ratio = table.header.index("Tỷ lệ đúng hạn")
    assert [row[ratio] for row in table.rows] == ["67%", "90%", "25%"]
    assert table.total[1:3] == ("Tổng cộng", "275") and table.total[ratio] == "75%"
    signed = table.header.index("Văn bản ký số")
    assert table.total[signed] == "3.800"


def test_appendix_keeps_the_figures_of_consolidation_time(province) -> None:
    library, _, reports = province
    report_id = consolidate(library, Q2, PROVINCE, reports).report_id
    library.set_values(reports[0], {"dvc_tong": 999})
    library.delete_report(reports[1])
    table = library.appendix(report_id)
    assert [row[2] for row in table.rows] == ["120", "95", "60"]
    assert library.appendix(reports[2]) is None  # an ordinary report has no appendix


def test_consolidated_report_travels_with_its_appendix(province, tmp_path: Path) -> None:
    library, _, reports = province
    report_id = consolidate(library, Q2, PROVINCE, reports).report_id
    export_reports(library, [report_id], tmp_path / "gui-bo.db")
    with Library.create(tmp_path / "bo.db") as ministry:
        assert import_files(ministry, [tmp_path / "gui-bo.db"]).written == 1
        assert ministry.appendix(report_id) == library.appendix(report_id)
        assert ministry.values(report_id) == library.values(report_id)


def test_blank_figures_are_reported_to_the_clerk(province) -> None:
    library, _, reports = province
    library.set_values(reports[2], {"dvc_tong": None})
    result = consolidate(library, Q2, PROVINCE, reports)
    assert library.values(result.report_id)["dvc_tong"] == 215
    assert any("Tổng số dịch vụ công trực tuyến" in n and "Giang Thành" in n for n in result.notes)
    assert any(n.startswith("Không đơn vị nào có số liệu") and "Văn bản đi tại văn thư" in n for n in result.notes)
    assert library.appendix(result.report_id).rows[2][2] == "-"


@pytest.mark.parametrize(("change", "message"), [
    ("twice", "Đã chọn hai báo cáo của Ủy ban nhân dân huyện An Minh"),
    ("other_period", "là quý I năm 2018, không phải quý II năm 2018"),
    ("own_report", "là của chính Ủy ban nhân dân tỉnh Kiên Giang"),
    ("already_there", "Ủy ban nhân dân tỉnh Kiên Giang đã có báo cáo quý II năm 2018"),
    ("unknown_office", "Không có cơ quan “Sở Nội vụ”"),
])
def test_bad_choices_are_refused_and_nothing_is_written(province, change: str, message: str) -> None:
    library, province_id, reports = province
    office = PROVINCE
    if change == "twice":
        reports = [*reports, reports[0]]
    elif change == "other_period":
        other = library.create_report(library.report(reports[0]).organization_id, Period(2018, 1))
        reports = [*reports[1:], other]
    elif change == "own_report":
        reports = [*reports, library.create_report(province_id, Q2)]
    elif change == "already_there":
        library.create_report(province_id, Q2)
    else:
        office = "Sở Nội vụ"
    before = library.path.read_bytes()
    with pytest.raises(LibraryError, match=message):
        consolidate(library, Q2, office, reports)
    assert library.path.read_bytes() == before


def test_cancelled_consolidation_changes_nothing(province) -> None:
    library, _, reports = province
    before = library.path.read_bytes()
    with pytest.raises(Cancelled):
        consolidate(library, Q2, PROVINCE, reports, progress=Progress(cancelled=lambda: True))
    assert library.path.read_bytes() == before


def test_office_lookup_and_candidates(province) -> None:
    library, province_id, reports = province
    assert find_office(library, "  ỦY BAN NHÂN DÂN TỈNH KIÊN GIANG ").id == province_id
    assert find_office(library, province_id[:6]).id == province_id
    assert {r.id for r in candidate_sources(library, province_id, Q2)} == set(reports)


def test_command_line(province, capsys: pytest.CaptureFixture[str]) -> None:
    library, _, reports = province
    path = library.path
    library.close()
    code, out, _ = run_cli(capsys, "consolidate", path, "--period", "2018-Q2", "--office", PROVINCE,
                           "--from", *(r[:8] for r in reports))
    assert code == 0
    assert "tổng hợp từ 3 đơn vị" in out and "Lưu ý:" in out
    before = path.read_bytes()
    code, _, err = run_cli(capsys, "consolidate", path, "--period", "2018-Q2", "--office", PROVINCE,
                           "--from", *(r[:8] for r in reports))
    assert code == 2 and "đã có báo cáo quý II năm 2018" in err
    code, _, err = run_cli(capsys, "consolidate", path, "--period", "quý hai", "--office", PROVINCE, "--from", "x")
    assert code == 2 and "Kỳ báo cáo “quý hai” không hợp lệ" in err
    assert path.read_bytes() == before


def test_template_appendix_columns_must_be_summed_counts_or_ratios() -> None:
    import tomllib

    from model.paths import resource_path

    data = tomllib.loads(resource_path("templates", "nq36a_quy.toml").read_text(encoding="utf-8"))
    data["appendix"]["columns"].append({"key": "dvc_dia_chi", "header": "Địa chỉ"})
    with pytest.raises(TemplateError, match="dvc_dia_chi"):
        parse_template(data)
