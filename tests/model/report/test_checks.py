"""Every rule kind of the check engine, on the real template, with blanks."""

from __future__ import annotations

from datetime import date

import pytest

from model.library.sample import Q1_2018, Q2_2018
from model.report.checks import CheckContext, Problem, engine_for
from model.report.shipped import load_template
from model.report.values import Value
from model.vietnamese.period import Period

pytestmark = pytest.mark.both_engines

TEMPLATE = load_template("nq36a_quy")
Q2 = Period(2018, 2)


def _q2_values(**changes: Value) -> dict[str, Value]:
    values: dict[str, Value] = {**Q2_2018, "mot_cua_tinh_ty_le": 43, "mot_cua_huyen_ty_le": 70,
                                "co_quan_ban_hanh": "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "ky_hieu": "BC-UBND",
                                "dia_danh": "Kiên Giang", "trich_yeu": "Tình hình thực hiện", "ket_luan": "Trên đây./."}
    values.update(changes)
    return {k: v for k, v in values.items() if v is not None}


def _run(values: dict[str, Value], previous: dict[str, Value] | None = None) -> list[Problem]:
    return engine_for(TEMPLATE).run(values, CheckContext(Q2, previous))


def _keys(problems: list[Problem]) -> set[tuple[str, ...]]:
    return {p.field_keys for p in problems}


def test_the_sample_report_has_no_problem() -> None:
    assert _run(_q2_values(), previous=dict(Q1_2018)) == []


def test_sum_names_the_total_and_every_part() -> None:
    problems = _run(_q2_values(dvc_muc_3=657))
    assert len(problems) == 1
    problem = problems[0]
    assert problem.severity == "error"
    assert problem.field_keys == ("dvc_tong", "dvc_muc_1_2", "dvc_muc_3", "dvc_muc_4")
    assert "Tổng số dịch vụ công trực tuyến" in problem.message and "1.972" in problem.message
    assert "1.973" in problem.message and "Dịch vụ công mức 3" in problem.message


def test_sum_with_a_blank_part_checks_nothing_but_required_reports_the_blank() -> None:
    problems = _run(_q2_values(dvc_muc_3=None))
    assert _keys(problems) == {("dvc_muc_3",)}
    assert problems[0].message == "Chưa điền “Dịch vụ công mức 3”."


def test_not_above_fires_when_on_time_exceeds_received() -> None:
    problems = _run(_q2_values(mot_cua_tinh_dung_han=1400))
    assert ("mot_cua_tinh_dung_han", "mot_cua_tinh_tiep_nhan") in _keys(problems)
    message = next(p.message for p in problems if p.field_keys[0] == "mot_cua_tinh_dung_han")
    assert "1.400" in message and "1.383" in message and "lớn hơn" in message


def test_ratio_that_disagrees_with_its_counts() -> None:
    problems = _run(_q2_values(mot_cua_huyen_ty_le=50))
    assert _keys(problems) == {("mot_cua_huyen_ty_le", "mot_cua_huyen_dung_han", "mot_cua_huyen_tiep_nhan")}
    assert "50%" in problems[0].message and "70%" in problems[0].message


def test_ratio_with_zero_received_is_not_an_error() -> None:
    assert _run(_q2_values(mot_cua_tinh_tiep_nhan=0, mot_cua_tinh_dung_han=0, mot_cua_tinh_ty_le=None)) == []


def test_cumulative_figure_below_previous_period_is_a_warning() -> None:
    problems = _run(_q2_values(cks_so_chu_ky=60), previous=dict(Q1_2018))
    assert [(p.severity, p.field_keys) for p in problems] == [("warning", ("cks_so_chu_ky",))]
    assert "70" in problems[0].message and "60" in problems[0].message and "quý I năm 2018" in problems[0].message


def test_flow_figures_may_fall_from_the_previous_period() -> None:
    assert _run(_q2_values(dvc_ho_so_truc_tuyen=1), previous=dict(Q1_2018)) == []


def test_no_previous_report_means_no_comparison() -> None:
    assert _run(_q2_values(cks_so_chu_ky=1), previous=None) == []


def test_blank_is_not_zero_for_required_figures() -> None:
    assert _run(_q2_values(htth_diem_cau=0)) == []
    assert _keys(_run(_q2_values(htth_diem_cau=None))) == {("htth_diem_cau",)}


@pytest.mark.parametrize(("symbol", "ok"), [("BC-UBND", True), ("BC-UBND-VX", True), ("BC - UBND", False),
                                            ("bc-ubnd", False), ("QĐ-UBND", False), ("BC-UBND/2018", False)])
def test_document_symbol_pattern(symbol: str, ok: bool) -> None:
    problems = _run(_q2_values(ky_hieu=symbol))
    assert (problems == []) is ok
    if not ok:
        assert problems[0].field_keys == ("ky_hieu",)


def test_issue_date_before_the_period_is_an_error_and_long_after_a_warning() -> None:
    before = _run(_q2_values(ngay_ban_hanh=date(2018, 3, 31)))
    assert [(p.severity, p.field_keys) for p in before] == [("error", ("ngay_ban_hanh",))]
    assert "quý II năm 2018" in before[0].message
    assert _run(_q2_values(ngay_ban_hanh=date(2018, 7, 10))) == []
    late = _run(_q2_values(ngay_ban_hanh=date(2019, 3, 1)))
    assert [(p.severity, p.field_keys) for p in late] == [("warning", ("ngay_ban_hanh",))]


def test_signer_rules() -> None:
    assert _keys(_run(_q2_values(nguoi_ky_quyen_han="Thay mặt UBND"))) == {("nguoi_ky_quyen_han",)}
    assert _keys(_run(_q2_values(nguoi_ky_chuc_vu="Phó Chủ tịch"))) == {("nguoi_ky_chuc_vu",)}
    assert _keys(_run(_q2_values(nguoi_ky_ho_ten="TS. Mai Văn Huỳnh"))) == {("nguoi_ky_ho_ten",)}
    assert _keys(_run(_q2_values(nguoi_ky_ho_ten="MAI VĂN HUỲNH"))) == {("nguoi_ky_ho_ten",)}


def test_recipients_must_end_with_the_archive_line() -> None:
    problems = _run(_q2_values(noi_nhan=("Văn phòng Chính phủ;",)))
    assert [(p.severity, p.field_keys) for p in problems] == [("warning", ("noi_nhan",))]
    problems = _run(_q2_values(noi_nhan=("Văn phòng Chính phủ", "Lưu: VT, TH.")))
    assert [p.message for p in problems] == ["Nơi nhận “Văn phòng Chính phủ” phải kết thúc bằng dấu chấm phẩy (;)."]


def test_errors_come_before_warnings() -> None:
    problems = _run(_q2_values(cks_so_chu_ky=60, dvc_muc_3=1), previous=dict(Q1_2018))
    assert [p.severity for p in problems] == sorted((p.severity for p in problems), key=lambda s: s != "error")
    assert {p.severity for p in problems} == {"error", "warning"}


def test_an_optional_figure_left_blank_warns_that_the_document_prints_dots() -> None:
    problems = _run(_q2_values(vb_ngoai_tinh_ky_so=None), previous=dict(Q1_2018))
    assert [(p.severity, p.field_keys, p.message) for p in problems] == [
        ("warning", ("vb_ngoai_tinh_ky_so",), "“Văn bản trao đổi với ngoài tỉnh có chữ ký số (trung bình/tháng)” để "
                                               "trống: văn bản sẽ in “…” ở chỗ số liệu này.")]


def test_the_blank_figure_warned_of_prints_dots_in_the_document(sample_library, q2_id) -> None:
    from export.document.builder import build_document

    sample_library.set_values(q2_id, {"vb_ngoai_tinh_ky_so": None})
    assert any(p.field_keys == ("vb_ngoai_tinh_ky_so",) for p in sample_library.check(q2_id))
    text = " ".join(str(block) for block in build_document(sample_library, q2_id).body)
    assert "…/83/tháng" in text
