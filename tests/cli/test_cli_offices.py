"""Scripting a province's consolidation from the command line: offices, reports, consolidate --replace, typos."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from model.library.library import Library
from tests.exchange_support import run_cli
from tests.locations import ROOT

PROVINCE = "Ủy ban nhân dân tỉnh Kiên Giang"
DISTRICT = "Ủy ban nhân dân huyện An Minh"


@pytest.fixture
def province(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A library made from nothing by the command line: the province and one district under it."""
    path = tmp_path / "tinh.db"
    code, out, _ = run_cli(capsys, "office", "add", path, "--name", PROVINCE, "--place", "Kiên Giang",
                           "--header", "ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG")
    assert code == 0 and "Đã tạo thư viện mới" in out
    code, _, _ = run_cli(capsys, "office", "add", path, "--name", DISTRICT, "--place", "Kiên Giang",
                         "--header", "ỦY BAN NHÂN DÂN", "HUYỆN AN MINH", "--parent-header", "UBND TỈNH KIÊN GIANG",
                         "--parent", PROVINCE)
    assert code == 0
    return path


def _reports(capsys, path: Path) -> list[dict]:
    return json.loads(run_cli(capsys, "list", path, "--json")[1])


def test_office_add_and_list(province: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "office", "list", province, "--json")
    offices = {o["name"]: o for o in json.loads(out)}
    assert code == 0 and set(offices) == {PROVINCE, DISTRICT}
    assert offices[DISTRICT]["parent_id"] == offices[PROVINCE]["id"]
    assert offices[DISTRICT]["header"] == "ỦY BAN NHÂN DÂN\nHUYỆN AN MINH"
    assert offices[PROVINCE]["parent_header"] == ""
    out = run_cli(capsys, "office", "list", province)[1]
    assert f"{DISTRICT}\tKiên Giang\tthuộc {PROVINCE}" in out


def test_office_add_refuses_bad_input_and_changes_nothing(province: Path, tmp_path: Path, capsys) -> None:
    before = province.read_bytes()
    for argv, message in (
            (("--name", DISTRICT.upper(), "--place", "Kiên Giang"), "đã có cơ quan"),
            (("--name", "Ủy ban nhân dân huyện U Minh", "--place", "\x01"), "Chưa ghi địa danh"),
            (("--name", "Ủy ban nhân dân huyện U Minh", "--place", "Kiên Giang", "--symbol", "ub nd"), "viết tắt"),
            (("--name", "Ủy ban nhân dân huyện U Minh", "--place", "Kiên Giang", "--parent", "Không có"),
             "Không có cơ quan")):
        code, _, err = run_cli(capsys, "office", "add", province, *argv)
        assert code == 2 and message in err and err.count("\n") == 1
    assert province.read_bytes() == before
    code, _, _ = run_cli(capsys, "office", "add", tmp_path / "moi.db", "--name", "", "--place", "Kiên Giang")
    assert code == 2 and not (tmp_path / "moi.db").exists()  # no empty library left behind


def test_office_names_are_stored_as_nfc(province: Path, capsys) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân huyện Vĩnh Thuận")
    assert run_cli(capsys, "office", "add", province, "--name", nfd, "--place", "Kiên Giang")[0] == 0
    with Library.open(province) as library:
        assert "Ủy ban nhân dân huyện Vĩnh Thuận" in [o.name for o in library.organizations()]


def test_report_new_blank_then_carried_forward(province: Path, capsys) -> None:
    code, out, _ = run_cli(capsys, "report", "new", province, "--office", DISTRICT, "--period", "2018-Q2")
    assert code == 0 and "(trống)" in out
    q2 = _reports(capsys, province)[0]["id"]
    assert run_cli(capsys, "set", province, "--report", q2, "htth_diem_cau=1.972", "qlvb_tinh_hinh=Vận hành ổn định.",
                   "so=5")[0] == 0
    code, out, _ = run_cli(capsys, "report", "new", province, "--office", DISTRICT, "--period", "2018-Q3",
                           "--carry-forward")
    assert code == 0 and "chuyển tiếp" in out
    q3 = next(r["id"] for r in _reports(capsys, province) if r["period"] == "2018-Q3")
    fields = {f["key"]: f["value"] for f in json.loads(run_cli(capsys, "fields", province, "--report", q3,
                                                               "--json")[1])}
    assert fields["htth_diem_cau"] == 1972 and fields["qlvb_tinh_hinh"] == "Vận hành ổn định."
    assert fields["so"] is None  # a number belongs to one issue of a document
    code, _, err = run_cli(capsys, "report", "new", province, "--office", DISTRICT, "--period", "2018-Q3")
    assert code == 2 and "đã có báo cáo quý III năm 2018" in err
    code, _, err = run_cli(capsys, "report", "new", province, "--office", DISTRICT, "--period", "2020-Q1",
                           "--carry-forward")
    assert code == 2 and "chưa có báo cáo quý IV năm 2019" in err
    code, _, err = run_cli(capsys, "report", "new", province, "--office", DISTRICT, "--period", "2018-Q5")
    assert code == 2 and err.count("\n") == 1


def test_report_issue_reopen_delete(province: Path, capsys) -> None:
    run_cli(capsys, "report", "new", province, "--office", DISTRICT, "--period", "2018-Q2")
    code, _, err = run_cli(capsys, "report", "issue", province, "--report", "2018-Q2")
    assert code == 2 and "lỗi nên chưa đánh dấu ban hành" in err and "--force" in err
    assert _reports(capsys, province)[0]["status"] == "draft"
    assert run_cli(capsys, "report", "issue", province, "--report", "2018-Q2", "--force")[0] == 0
    assert _reports(capsys, province)[0]["status"] == "issued"
    code, _, err = run_cli(capsys, "set", province, "--report", "2018-Q2", "htth_diem_cau=1")
    assert code == 2 and "đã ban hành" in err
    assert run_cli(capsys, "report", "reopen", province, "--report", "2018-Q2")[0] == 0
    assert _reports(capsys, province)[0]["status"] == "draft"
    assert run_cli(capsys, "report", "reopen", province, "--report", "2018-Q2")[0] == 2
    code, _, err = run_cli(capsys, "report", "delete", province, "--report", "2018-Q2")
    assert code == 2 and "--yes" in err and len(_reports(capsys, province)) == 1
    assert run_cli(capsys, "report", "delete", province, "--report", "2018-Q2", "--yes")[0] == 0
    assert _reports(capsys, province) == []


def test_consolidate_replace(province: Path, capsys) -> None:
    run_cli(capsys, "report", "new", province, "--office", DISTRICT, "--period", "2018-Q2")
    source = _reports(capsys, province)[0]["id"]
    run_cli(capsys, "set", province, "--report", source, "htth_diem_cau=10")  # into the province's
    argv = ("consolidate", province, "--period", "2018-Q2", "--office", PROVINCE, "--from", source)
    assert run_cli(capsys, *argv)[0] == 0
    first = next(r["id"] for r in _reports(capsys, province) if r["office"] == PROVINCE)
    run_cli(capsys, "set", province, "--report", source, "htth_diem_cau=25")
    before = province.read_bytes()
    code, _, err = run_cli(capsys, *argv)
    assert code == 2 and "đã có báo cáo quý II năm 2018" in err and "--replace" in err
    assert province.read_bytes() == before
    code, out, _ = run_cli(capsys, *argv, "--replace")
    assert code == 0 and first[:8] in out
    parents = [r for r in _reports(capsys, province) if r["office"] == PROVINCE]
    assert len(parents) == 1 and parents[0]["id"] != first
    fields = json.loads(run_cli(capsys, "fields", province, "--report", parents[0]["id"], "--json")[1])
    assert next(f["value"] for f in fields if f["key"] == "htth_diem_cau") == 25
    run_cli(capsys, "report", "issue", province, "--report", parents[0]["id"], "--force")
    code, _, err = run_cli(capsys, *argv, "--replace")
    assert code == 2 and "đã ban hành nên không thay được" in err


def test_a_mistyped_command_is_a_usage_error_not_the_editor(tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "main.py"), "tempalte", "check", "x.toml"], cwd=tmp_path,
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 2 and result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and "không có lệnh “tempalte”" in lines[0]
    assert "consolidate" in lines[0] and "office" in lines[0] and "report" in lines[0]
    assert not (tmp_path / "tempalte").exists()


def test_a_library_path_still_opens_the_editor(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import main

    opened: list[str | None] = []
    monkeypatch.setattr("gui.app.run_gui", lambda path: opened.append(path) or 0)
    existing = tmp_path / "thu vien"  # an existing file without the .db ending
    existing.write_bytes(b"")
    assert main.main(["moi.DB"]) == 0 and main.main([str(existing)]) == 0 and main.main([]) == 0
    assert opened == ["moi.DB", str(existing), None]
    assert main.main([str(tmp_path)]) == 2  # a folder is neither
