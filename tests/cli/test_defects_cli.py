"""Issue 21, the command line: ``set`` takes back what ``fields`` prints, and ``check`` warns about a text that
names another period than the report's."""

from __future__ import annotations

from pathlib import Path

import pytest

import main
from model.library.library import Library
from model.vietnamese.period import Period
from model.vietnamese.period_mentions import other_periods


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _field_line(capsys, library: Path, key: str) -> str:
    _, out, _ = run(capsys, "fields", str(library), "--report", "2018-Q2")
    return next(line for line in out.splitlines() if line.startswith(f"{key}\t")).split("\t")[2]


def test_set_reads_the_list_form_that_fields_prints(sample_path, capsys) -> None:
    code, out, _ = run(capsys, "set", str(sample_path), "--report", "2018-Q2",
                       "noi_nhan=Như trên; | Văn phòng Chính phủ; | Lưu: VT, TH.")
    assert code == 0 and out == "noi_nhan = Như trên; | Văn phòng Chính phủ; | Lưu: VT, TH.\n"
    with Library.open(sample_path) as library:
        report = library.find_report("2018-Q2")
        assert library.values(report.id)["noi_nhan"] == ("Như trên;", "Văn phòng Chính phủ;", "Lưu: VT, TH.")
        assert not [p for p in library.check(report.id) if "noi_nhan" in p.field_keys]


def test_set_reads_newlines_between_list_items(sample_path, capsys) -> None:
    assert run(capsys, "set", str(sample_path), "--report", "2018-Q2", "noi_nhan=a;\nb;\nc.")[0] == 0
    with Library.open(sample_path) as library:
        assert library.values(library.find_report("2018-Q2").id)["noi_nhan"] == ("a;", "b;", "c.")


@pytest.mark.parametrize("key", ["noi_nhan", "nhiem_vu", "co_quan_ban_hanh"])
def test_what_fields_prints_set_back_changes_nothing(sample_path, capsys, key) -> None:
    with Library.open(sample_path) as library:
        before = library.values(library.find_report("2018-Q2").id)[key]
    shown = _field_line(capsys, sample_path, key)
    assert " | " in shown
    assert run(capsys, "set", str(sample_path), "--report", "2018-Q2", f"{key}={shown}")[0] == 0
    with Library.open(sample_path) as library:
        assert library.values(library.find_report("2018-Q2").id)[key] == before
    assert _field_line(capsys, sample_path, key) == shown


def test_a_one_line_text_keeps_its_bar(sample_path, capsys) -> None:
    assert run(capsys, "set", str(sample_path), "--report", "2018-Q2", "dvc_dia_chi=a | b")[0] == 0
    assert _field_line(capsys, sample_path, "dvc_dia_chi") == "a | b"


def test_check_warns_when_the_6_month_reports_narrative_names_quarter_ii(sample_path, capsys) -> None:
    code, out, _ = run(capsys, "rollup", str(sample_path), "--office", "Ủy ban nhân dân tỉnh Kiên Giang",
                       "--period", "2018-6T")
    assert code == 0
    _, out, _ = run(capsys, "check", str(sample_path))
    half = out.split("6 tháng đầu năm 2018 (")[1]
    assert ("CẢNH BÁO\tha_tang_tinh_hinh\t“Tình hình hạ tầng công nghệ thông tin” nhắc tới “quý II/2018”, khác "
            "kỳ của báo cáo (6 tháng đầu năm 2018): hãy sửa nếu đoạn này chép từ kỳ khác.") in half
    quarters = out.split("6 tháng đầu năm 2018 (")[0]
    assert "nhắc tới" not in quarters  # the quarters' own texts name their own quarter
    with Library.open(sample_path) as library:
        half_id = library.find_report("2018-6T").id
        text = library.values(half_id)["ha_tang_tinh_hinh"].replace("quý II/2018", "6 tháng đầu năm 2018")
        library.set_values(half_id, {"ha_tang_tinh_hinh": text})
        assert not [p for p in library.check(half_id) if "ha_tang_tinh_hinh" in p.field_keys]


@pytest.mark.parametrize(("text", "period", "expected"), [
    ("Trong quý II/2018 đã triển khai", "2018-6T", ["quý II/2018"]),
    ("kết quả quý 2 năm 2018 và 6 tháng cuối năm 2017", "2018-N", ["quý 2 năm 2018", "6 tháng cuối năm 2017"]),
    ("tăng 5% so với quý I/2018", "2018-Q2", []),
    ("báo cáo quý II năm 2018", "2018-Q2", []),
    ("ngày 18 tháng 6 năm 2018", "2018-6TC", []),
    ("QUÝ III/2018", "2018-Q2", ["QUÝ III/2018"]),
])
def test_the_periods_a_text_names(text, period, expected) -> None:
    assert other_periods(text, Period.parse(period)) == expected
