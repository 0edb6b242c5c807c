"""Template versions: a v1 and a v2 report of one kind live in one library, each read and exported with its own
version; carrying forward moves to the newest version; consolidation sums units of both versions by key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from model.library.library import Library
from model.library.quickread import read_report
from model.offices.actions import version_notes
from model.vietnamese.period import Period
from tests.exchange_support import DISTRICTS, PROVINCE, add_district, run_cli
from tests.export_text import docx_paragraphs, normalise
from tests.locations import DATA

V2 = DATA / "templates" / "nq36a_quy.v2.toml"
RETIRED_SENTENCE = "và có 389.033 văn bản được luân chuyển xử lý"
NEW_SENTENCE = "trong đó 55 hồ sơ đã thanh toán phí, lệ phí trực tuyến."


def _export_text(capsys: pytest.CaptureFixture[str], library: Path, report: str, to: Path) -> str:
    code, _, err = run_cli(capsys, "export", library, "--report", report, "--to", to, "--force")
    assert code == 0, err
    return normalise(" ".join(docx_paragraphs(to)))


def test_v1_and_v2_reports_each_read_and_export_with_their_own_version(
        sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "template", "add", sample_path, V2)[0] == 0
    with Library.open(sample_path) as library:
        q2 = library.find_report("2018-Q2").id
        q3 = library.create_report(library.organizations()[0].id, Period(2018, 3), carry_from=q2)
        template = library.template_of(q3)
        notes = version_notes(library, q2, template)
        q3_values = library.values(q3)
        library.set_values(q3, {"vb_di_van_phong": 6400, "dvc_ho_so_truc_tuyen": 180, "dvc_ho_so_thanh_toan": 55})
        assert library.template_of(q2).version == 1 and template.version == 2

    assert "vb_luan_chuyen" not in q3_values and q3_values["htth_diem_cau"] == 20  # cumulative, carried by key
    assert "dvc_ho_so_thanh_toan" not in q3_values  # new in v2: blank
    assert notes == ["Không mang sang (mẫu phiên bản 2 không còn): “Văn bản luân chuyển xử lý trên hệ thống”.",
                     "Trường mới của mẫu phiên bản 2, để trống cho cán bộ điền: “Hồ sơ trực tuyến có thanh toán "
                     "trực tuyến”."]
    old = _export_text(capsys, sample_path, "2018-Q2", tmp_path / "q2.docx")
    new = _export_text(capsys, sample_path, "2018-Q3", tmp_path / "q3.docx")
    assert RETIRED_SENTENCE in old and "đã thanh toán phí" not in old
    assert NEW_SENTENCE in new and "được luân chuyển" not in new
    labels = {}
    for ref in ("2018-Q2", "2018-Q3"):
        _code, out, _ = run_cli(capsys, "fields", sample_path, "--report", ref, "--json")
        labels[ref] = {row["key"]: row["label"] for row in json.loads(out)}
    assert labels["2018-Q2"]["htth_diem_cau"] == "Số điểm cầu hội nghị truyền hình"
    assert labels["2018-Q3"]["htth_diem_cau"] == "Số điểm cầu truyền hình trực tuyến (tỉnh, huyện, xã)"
    assert "vb_luan_chuyen" in labels["2018-Q2"] and "vb_luan_chuyen" not in labels["2018-Q3"]


def test_consolidating_a_v1_and_a_v2_unit_sums_by_key_and_names_the_unit_lacking_a_field(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "tinh.db"
    an_minh, vinh_thuan = list(DISTRICTS)[:2]
    with Library.create(path) as library:
        province = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
        old = add_district(library, an_minh, DISTRICTS[an_minh], parent_id=province)
        library.add_template(V2.read_text(encoding="utf-8"))
        new = add_district(library, vinh_thuan, {**DISTRICTS[vinh_thuan], "dvc_ho_so_thanh_toan": 4},
                           parent_id=province)
        assert (library.report(old).template_version, library.report(new).template_version) == (1, 2)

    code, out, err = run_cli(capsys, "consolidate", path, "--period", "2018-Q2", "--office", PROVINCE,
                             "--from", old, new)

    assert code == 0, err
    assert ("“Hồ sơ trực tuyến có thanh toán trực tuyến”: 1 đơn vị dùng mẫu phiên bản 1 không có trường này "
            f"({an_minh})") in out
    with Library.open(path) as library:
        draft = next(r for r in library.reports() if r.organization_name == PROVINCE)
        values = library.values(draft.id)
        assert draft.template_version == 2
        assert values["dvc_tong"] == DISTRICTS[an_minh]["dvc_tong"] + DISTRICTS[vinh_thuan]["dvc_tong"]
        assert values["dvc_ho_so_thanh_toan"] == 4
    warning = (f"“Hồ sơ trực tuyến có thanh toán trực tuyến”: {an_minh} dùng phiên bản mẫu không có trường này; "
               "tổng chỉ cộng các đơn vị có trường này.")
    code, out, _ = run_cli(capsys, "check", path, "--report", draft.id)
    assert f"CẢNH BÁO\tdvc_ho_so_thanh_toan\t{warning}" in out  # what the problems panel lists
    snapshot = read_report(path, draft.id)  # the editor's first screen reads the file without the ORM
    assert snapshot is not None and warning in [p.message for p in snapshot.check(draft.id)]


def test_report_new_on_the_command_line_carries_into_v2_and_says_what_was_not_carried(
        sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_cli(capsys, "template", "add", sample_path, V2)[0] == 0
    code, out, err = run_cli(capsys, "report", "new", sample_path, "--office", PROVINCE, "--period", "2018-Q3",
                             "--carry-forward")
    assert code == 0, err
    assert "Lưu ý: Không mang sang (mẫu phiên bản 2 không còn): “Văn bản luân chuyển xử lý trên hệ thống”." in out
    before = sample_path.read_bytes()
    code, _, err = run_cli(capsys, "report", "new", sample_path, "--office", PROVINCE, "--period", "2018-Q4",
                           "--template", "nq99_khong_co")
    assert code == 2 and "không có mẫu báo cáo “nq99_khong_co”" in err
    assert sample_path.read_bytes() == before
