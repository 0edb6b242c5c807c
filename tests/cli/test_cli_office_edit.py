"""``office edit``, ``office merge`` and ``office export-tree`` as a province's script uses them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.exchange_support import run_cli

PROVINCE = "Ủy ban nhân dân tỉnh Kiên Giang"
DISTRICT = "Ủy ban nhân dân huyện An Minh"


@pytest.fixture
def library(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    path = tmp_path / "tinh.db"
    run_cli(capsys, "office", "add", path, "--name", PROVINCE, "--place", "Kiên Giang")
    run_cli(capsys, "office", "add", path, "--name", DISTRICT, "--place", "Kiên Giang", "--parent", PROVINCE)
    run_cli(capsys, "office", "add", path, "--name", "UBND huyện An Minh (nhập trùng)", "--place", "Kiên Giang",
            "--level", "huyen")
    return path


def _offices(capsys, path: Path) -> dict[str, dict]:
    return {o["name"]: o for o in json.loads(run_cli(capsys, "office", "list", path, "--json")[1])}


def test_edit_sets_level_code_and_parent(library: Path, capsys) -> None:
    code, out, err = run_cli(capsys, "office", "edit", library, "--office", "ủy ban nhân dân huyện an minh",
                             "--code", "000.00.31.H33", "--header", "ỦY BAN NHÂN DÂN", "HUYỆN AN MINH", "--parent", "")
    assert code == 0 and "Đã sửa cơ quan" in out, err
    office = _offices(capsys, library)[DISTRICT]
    assert (office["code"], office["parent_id"], office["level"]) == ("000.00.31.H33", None, "huyen")
    assert office["header"] == "ỦY BAN NHÂN DÂN\nHUYỆN AN MINH"
    before = library.read_bytes()
    for argv, message in ((("--code", "abc"), "không đúng dạng"), (("--name", PROVINCE), "đã có cơ quan"),
                          ((), "Chưa ghi điều gì")):
        code, _, err = run_cli(capsys, "office", "edit", library, "--office", DISTRICT, *argv)
        assert code == 2 and message in err
    assert library.read_bytes() == before


def test_merge_asks_for_yes_then_keeps_every_report(library: Path, capsys) -> None:
    duplicate = "UBND huyện An Minh (nhập trùng)"
    assert run_cli(capsys, "report", "new", library, "--office", duplicate, "--period", "2018-Q3")[0] == 0
    assert run_cli(capsys, "report", "new", library, "--office", DISTRICT, "--period", "2018-Q3")[0] == 0
    before = library.read_bytes()
    code, _, err = run_cli(capsys, "office", "merge", library, duplicate, "--into", DISTRICT)
    assert code == 2 and "--yes" in err and "1 báo cáo" in err and library.read_bytes() == before
    code, out, _ = run_cli(capsys, "office", "merge", library, duplicate, "--into", DISTRICT, "--yes")
    assert code == 0 and "chuyển 1 báo cáo" in out
    assert set(_offices(capsys, library)) == {PROVINCE, DISTRICT}
    reports = json.loads(run_cli(capsys, "list", library, "--json")[1])
    assert [r["office"] for r in reports] == [DISTRICT, DISTRICT]  # both quý III reports kept


def test_export_tree_then_a_district_library_starts_from_it(library: Path, tmp_path: Path, capsys) -> None:
    tree = tmp_path / "cay.db"
    code, out, _ = run_cli(capsys, "office", "export-tree", library, "--to", tree, "--office", DISTRICT)
    assert code == 0 and "2 cơ quan" in out  # the district and its province
    district = tmp_path / "huyen.db"
    code, out, _ = run_cli(capsys, "import", district, tree)
    assert code == 0 and "Đã tạo thư viện mới" in out and "thêm 2 cơ quan" in out
    assert _offices(capsys, district)[DISTRICT]["id"] == _offices(capsys, library)[DISTRICT]["id"]


def test_an_office_name_beyond_the_text_bound_is_refused_and_changes_nothing(tmp_path: Path, capsys) -> None:
    library = tmp_path / "tinh.db"
    assert run_cli(capsys, "office", "add", library, "--name", "Ủy ban nhân dân tỉnh Kiên Giang",
                   "--place", "Kiên Giang")[0] == 0
    before = library.read_bytes()
    code, _, err = run_cli(capsys, "office", "add", library, "--name", "Huyện " + "A" * 1_000, "--place", "Kiên Giang")
    assert code == 2 and "Tên cơ quan dài 1.006 ký tự, quá giới hạn 1.000 ký tự." in err
    code, _, err = run_cli(capsys, "office", "edit", library, "--office", "Ủy ban nhân dân tỉnh Kiên Giang",
                           "--place", "x" * 1_001)
    assert code == 2 and "Địa danh dài 1.001 ký tự" in err
    assert library.read_bytes() == before
