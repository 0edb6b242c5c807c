"""The command line, as a clerk or a script uses it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

import main
from tests.locations import ROOT


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_then_list(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mau.db"
    assert run(capsys, "sample", str(path))[0] == 0
    code, out, _ = run(capsys, "list", str(path))
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 2
    assert lines[1].split("\t")[1:] == ["Ủy ban nhân dân tỉnh Kiên Giang", "2018-Q2", "dự thảo"]
    code, out, _ = run(capsys, "list", str(path), "--json")
    assert [(r["period"], r["status"]) for r in json.loads(out)] == [("2018-Q1", "issued"), ("2018-Q2", "draft")]


def test_check_on_the_sample_reports_no_error(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "check", str(sample_path), "--json")
    assert code == 0
    assert all(entry["problems"] == [] for entry in json.loads(out))


def test_changed_level_makes_check_name_the_total_and_parts(sample_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "set", str(sample_path), "--report", "2018-Q2", "dvc_muc_3=657")[0] == 0
    code, out, _ = run(capsys, "check", str(sample_path), "--report", "2018-Q2")
    assert code == 1
    assert "LỖI\tdvc_tong, dvc_muc_1_2, dvc_muc_3, dvc_muc_4" in out
    assert "Tổng số dịch vụ công trực tuyến" in out


def test_ratio_on_time_and_previous_period_rules(sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "set", str(sample_path), "--report", "2018-Q2", "mot_cua_huyen_ty_le=50%",
        "mot_cua_tinh_dung_han=1.400", "cks_so_chu_ky=60")
    code, out, _ = run(capsys, "check", str(sample_path), "--report", "2018-Q2", "--json")
    assert code == 1
    problems = json.loads(out)[0]["problems"]
    by_first_field = {p["fields"][0]: p for p in problems}
    assert by_first_field["mot_cua_huyen_ty_le"]["severity"] == "error"
    assert by_first_field["mot_cua_tinh_dung_han"]["severity"] == "error"
    assert by_first_field["cks_so_chu_ky"]["severity"] == "warning"
    assert "quý I năm 2018" in by_first_field["cks_so_chu_ky"]["message"]


def test_fields_json_lists_every_field_with_label_and_value(sample_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "fields", str(sample_path), "--report", "2018-Q2", "--json")
    assert code == 0
    fields = {f["key"]: f for f in json.loads(out)}
    assert fields["dvc_tong"]["value"] == 1972 and fields["dvc_tong"]["text"] == "1.972"
    assert fields["dvc_tong"]["label"] == "Tổng số dịch vụ công trực tuyến"
    assert fields["mot_cua_tinh_ty_le"]["text"] == "43%"
    assert fields["ngay_ban_hanh"]["value"] == "2018-06-18"


@pytest.mark.parametrize("assignment", ["dvc_muc_3=abc", "dvc_muc_3=-5", "dvc_muc_3=1,972", "khong_co=1",
                                        "dvc_muc_3"])
def test_bad_set_changes_nothing_and_exits_2(sample_path: Path, capsys: pytest.CaptureFixture[str],
                                             assignment: str) -> None:
    before = sample_path.read_bytes()
    code, _, err = run(capsys, "set", str(sample_path), "--report", "2018-Q2", "dvc_muc_4=70", assignment)
    assert code == 2
    assert err.startswith("Lỗi: ") and len(err.strip().splitlines()) == 1
    assert sample_path.read_bytes() == before


@pytest.mark.parametrize(("argv", "message"), [
    (("list", "{missing}"), "Không tìm thấy tệp"),
    (("list", "{not_library}"), "không phải thư viện"),
    (("fields", "{sample}", "--report", "2030-Q1"), "Không có báo cáo quý I năm 2030"),
    (("check", "{sample}", "--report", "zz"), "Không tìm thấy báo cáo"),
])
def test_clerk_errors_are_one_line_with_status_2(tmp_path: Path, sample_path: Path,
                                                 capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
                                                 message: str) -> None:
    not_library = tmp_path / "ghi-chu.db"
    not_library.write_text("không phải cơ sở dữ liệu")
    names = {"missing": tmp_path / "khong-co.db", "not_library": not_library, "sample": sample_path}
    code, _, err = run(capsys, *(a.format(**names) for a in argv))
    assert code == 2
    assert message in err and "Traceback" not in err
    assert not (tmp_path / "khong-co.db").exists()


def test_real_process_version_and_no_traceback(tmp_path: Path) -> None:
    version = subprocess.run([sys.executable, "main.py", "--version"], cwd=ROOT, capture_output=True, text=True)
    assert version.returncode == 0 and version.stdout.strip() == f"Soạn báo cáo {main.__version__}"
    bad = subprocess.run([sys.executable, "main.py", "check", str(tmp_path / "x.db")], cwd=ROOT,
                         capture_output=True, text=True, encoding="utf-8")
    assert bad.returncode == 2
    assert bad.stderr.strip() == f"Lỗi: Không tìm thấy tệp “{tmp_path / 'x.db'}”."


@pytest.mark.parametrize(("argv", "message"), [
    (("fields", "mau.db"), "Lỗi: thiếu tham số: --report."),
    (("list",), "Lỗi: thiếu tham số: LIB.db."),
    (("list", "a.db", "b.db"), "Lỗi: tham số không hiểu được: b.db."),
    (("import", "a.db", "b.db", "--on-conflict", "gop"), "Lỗi: tham số --on-conflict: không có lựa chọn 'gop'"),
])
def test_usage_errors_are_one_vietnamese_line(capsys: pytest.CaptureFixture[str], argv: tuple[str, ...],
                                              message: str) -> None:
    with pytest.raises(SystemExit) as info:
        main.main(list(argv))
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith(message) and len(err.strip().splitlines()) == 1


def test_the_editor_opens_on_a_file_or_a_server_without_loading_the_command_line(monkeypatch) -> None:
    """``main.py LIB.db`` and ``main.py postgresql://…`` go to the editor (the second was refused as an unknown
    command); the commands' table is not imported on the editor's start."""
    import sys

    import gui.app

    opened: list[str | None] = []
    monkeypatch.setattr(gui.app, "run_gui", lambda path: opened.append(path) or 0)
    monkeypatch.delitem(sys.modules, "cli.parser", raising=False)
    for argv in ([], ["bao-cao.db"], ["postgresql://huyen_anminh@maychu/soanbaocao"]):
        assert main.main(argv) == 0
    assert opened == [None, "bao-cao.db", "postgresql://huyen_anminh@maychu/soanbaocao"]
    assert "cli.parser" not in sys.modules
