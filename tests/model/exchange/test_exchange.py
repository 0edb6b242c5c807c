"""Sending reports between offices: export for sending, import, conflicts, older files, cancel and crash."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from model.exchange.dbexport import export_reports
from model.exchange.dbimport import import_files
from model.library.library import Library, LibraryError
from model.library.storage import APPLICATION_ID, SCHEMA_VERSION
from model.progress import Cancelled, Progress
from tests.engines import create_library, library_state
from tests.exchange_support import Q2, add_district, exported_district_file, run_cli
from tests.locations import FIXTURES, ROOT

pytestmark = pytest.mark.both_engines

FIXTURE_V1 = FIXTURES / "library_v1.db"


def _fields_json(capsys: pytest.CaptureFixture[str], library: Path, ref: str) -> list[dict]:
    code, out, _ = run_cli(capsys, "fields", library, "--report", ref, "--json")
    assert code == 0
    return json.loads(out)


# ---------------------------------------------------------------- export
def test_round_trip_keeps_every_field(sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sent = tmp_path / "gui-di.db"
    code, out, _ = run_cli(capsys, "export-db", sample_path, "--report", "2018-Q2", "--to", sent)
    assert code == 0 and "Đã ghi 1 báo cáo" in out

    received = tmp_path / "nhan" / "thu-vien.db"
    received.parent.mkdir()
    code, out, _ = run_cli(capsys, "import", received, sent)
    assert code == 0
    assert "thêm 1, cập nhật 0, bỏ qua 0" in out

    original = _fields_json(capsys, sample_path, "2018-Q2")
    assert _fields_json(capsys, received, "2018-Q2") == original
    assert any(f["key"] == "dvc_tong" and f["value"] == 1972 for f in original)


def test_exported_file_is_self_contained_and_stamped(sample_path: Path, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    sent = tmp_path / "gui-di.db"
    code, _, _ = run_cli(capsys, "export-db", sample_path, "--report", "2018-Q1", "2018-Q2", "--to", sent)
    assert code == 0
    conn = sqlite3.connect(sent)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 2
    conn.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["gui-di.db", "mau.db"]  # no -wal, no temporary left
    with Library.open(sent) as library:  # the file is itself a library a clerk can open
        assert [str(r.period) for r in library.reports()] == ["2018-Q1", "2018-Q2"]


def test_export_brings_the_parent_office_along(tmp_path: Path) -> None:
    with Library.create(tmp_path / "a.db") as library:
        province = library.add_organization("Ủy ban nhân dân tỉnh Kiên Giang", "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG",
                                            "Kiên Giang")
        report = add_district(library, "Ủy ban nhân dân huyện An Minh", {"dvc_tong": 5}, parent_id=province)
        result = export_reports(library, [report], tmp_path / "gui.db")
    assert (result.reports, result.organizations) == (1, 2)
    with Library.open(tmp_path / "gui.db") as sent:
        offices = {o.name: o.parent_id for o in sent.organizations()}
    assert offices == {"Ủy ban nhân dân tỉnh Kiên Giang": None, "Ủy ban nhân dân huyện An Minh": province}


def test_export_refuses_to_overwrite(sample_path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    existing = tmp_path / "da-co.db"
    existing.write_bytes(b"do not touch")
    code, _, err = run_cli(capsys, "export-db", sample_path, "--report", "2018-Q2", "--to", existing)
    assert code == 2 and "đã có; chọn tên khác" in err
    assert existing.read_bytes() == b"do not touch"
    before = sample_path.read_bytes()
    with Library.open(sample_path) as library, pytest.raises(LibraryError, match="chính thư viện đang mở"):
        export_reports(library, [library.find_report("2018-Q2").id], sample_path, overwrite=True)
    assert sample_path.read_bytes() == before


def test_export_of_an_unknown_report_is_refused(sample_path: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run_cli(capsys, "export-db", sample_path, "--report", "2019-Q4", "--to", tmp_path / "x.db")
    assert code == 2 and "Không có báo cáo quý IV năm 2019" in err
    assert not (tmp_path / "x.db").exists()


# ---------------------------------------------------------------- import rules
def test_same_report_is_replaced_only_by_a_newer_revision(tmp_path: Path, new_library,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    district = tmp_path / "huyen.db"
    with Library.create(district) as library:
        report = add_district(library, "Ủy ban nhân dân huyện An Minh", {"dvc_tong": 100})
        export_reports(library, [report], tmp_path / "lan1.db")
        library.set_values(report, {"dvc_tong": 110})
        export_reports(library, [report], tmp_path / "lan2.db")
    province = new_library("tinh.db")

    assert run_cli(capsys, "import", province, tmp_path / "lan2.db")[0] == 0
    code, out, _ = run_cli(capsys, "import", province, tmp_path / "lan1.db")
    assert code == 0 and "bỏ qua 1" in out and "không mới hơn" in out
    with Library.open(province) as library:
        assert library.values(report)["dvc_tong"] == 110

    province2 = new_library("tinh2.db")
    run_cli(capsys, "import", province2, tmp_path / "lan1.db")
    code, out, _ = run_cli(capsys, "import", province2, tmp_path / "lan2.db")
    assert code == 0 and "cập nhật 1" in out
    with Library.open(province2) as library:
        assert library.values(report)["dvc_tong"] == 110
        assert len(library.reports()) == 1


@pytest.fixture
def two_versions_of_one_period(tmp_path: Path, new_library) -> tuple[Path | str, Path, str, str]:
    """The province holds An Minh's quý II report; An Minh sends a different report (another UUID) of quý II."""
    district = tmp_path / "huyen.db"
    with Library.create(district) as library:
        first = add_district(library, "Ủy ban nhân dân huyện An Minh", {"dvc_tong": 100})
        export_reports(library, [first], tmp_path / "ban-dau.db")
        library.delete_report(first)
        office = library.organizations()[0].id
        second = library.create_report(office, Q2)
        library.set_values(second, {"dvc_tong": 130})
        export_reports(library, [second], tmp_path / "ban-moi.db")
    province = new_library("tinh.db")
    with create_library(province) as library:
        assert import_files(library, [tmp_path / "ban-dau.db"]).written == 1
    return province, tmp_path / "ban-moi.db", first, second


def test_conflict_is_skipped_by_default(two_versions_of_one_period, capsys: pytest.CaptureFixture[str]) -> None:
    province, incoming, first, _ = two_versions_of_one_period
    before = library_state(province)
    code, out, _ = run_cli(capsys, "import", province, incoming)
    assert code == 0
    assert "bỏ qua 1" in out and "báo cáo khác của cơ quan này cùng kỳ" in out and first[:8] in out
    assert library_state(province) == before


def test_conflict_replace(two_versions_of_one_period, capsys: pytest.CaptureFixture[str]) -> None:
    province, incoming, first, second = two_versions_of_one_period
    code, out, _ = run_cli(capsys, "import", province, incoming, "--on-conflict", "replace")
    assert code == 0 and "thay thế 1" in out and f"(mã {first[:8]}) đã được thay" in out
    with Library.open(province) as library:
        assert [r.id for r in library.reports()] == [second]
        assert library.values(second)["dvc_tong"] == 130


def test_conflict_keep_both(two_versions_of_one_period, capsys: pytest.CaptureFixture[str]) -> None:
    province, incoming, first, second = two_versions_of_one_period
    code, out, _ = run_cli(capsys, "import", province, incoming, "--on-conflict", "keep")
    assert code == 0 and "Thêm (giữ cả hai)" in out
    with Library.open(province) as library:
        assert {r.id for r in library.reports()} == {first, second}


def test_older_schema_file_is_migrated_in_a_copy_and_imported(new_library, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    received = tmp_path / "cu.db"
    shutil.copy2(FIXTURE_V1, received)
    fresh = new_library("moi.db")
    code, out, _ = run_cli(capsys, "import", fresh, received)
    assert code == 0 and "thêm 2" in out
    assert received.read_bytes() == FIXTURE_V1.read_bytes()
    assert not list(tmp_path.glob("*.bak"))
    with Library.open(fresh) as library:
        q2 = library.find_report("2018-Q2").id
        assert library.values(q2)["dvc_tong"] == 1972
        assert library.report(q2).status == "draft"


def test_text_is_normalised_to_nfc_on_import(tmp_path: Path, sample_library: Library) -> None:
    sent = exported_district_file(tmp_path)
    conn = sqlite3.connect(sent)
    conn.execute("UPDATE field_values SET text_value = ? WHERE key = 'mot_cua_tinh_hinh'",
                 ("Ho\u0302\u0323 so\u031b\u0301 tru\u031b\u0323c tuye\u0302\u0301n",))  # NFD
    conn.commit()
    conn.close()
    assert import_files(sample_library, [sent]).written == 1
    report = next(r for r in sample_library.reports() if "An Minh" in r.organization_name)
    assert sample_library.values(report.id)["mot_cua_tinh_hinh"] == "Hộ sớ trực tuyến"


def test_cancelled_import_changes_nothing(sample_path: Path, tmp_path: Path) -> None:
    files = [exported_district_file(tmp_path, name) for name in ("An Minh", "Vĩnh Thuận", "Giang Thành")]
    before = sample_path.read_bytes()
    seen: list[int] = []
    progress = Progress(report=lambda done, _total: seen.append(done), cancelled=lambda: len(seen) >= 3)
    with Library.open(sample_path) as library, pytest.raises(Cancelled):
        import_files(library, files, progress=progress)
    assert seen == [0, 1, 2]
    assert sample_path.read_bytes() == before


_IMPORT_THEN_HANG = """
import sys, time
import model.library.storage as storage
from model.exchange.dbimport import import_files
from model.library.library import Library
from model.progress import Progress

# A one-page cache makes SQLite write to the library file while the import transaction is still open.
original_pragmas = storage._set_pragmas
def tiny_cache(conn, record):
    original_pragmas(conn, record)
    conn.execute("PRAGMA cache_size=1")
storage._set_pragmas = tiny_cache

def report(done, total):
    print(done, flush=True)
    if done == int(sys.argv[2]):
        time.sleep(60)  # the parent kills us here, halfway through

with Library.open(sys.argv[1]) as library:
    import_files(library, sys.argv[3:], progress=Progress(report=report))
"""


def test_import_killed_midway_leaves_the_library_intact(sample_path: Path, tmp_path: Path) -> None:
    files = [exported_district_file(tmp_path, f"Số {i}") for i in range(8)]
    with Library.open(sample_path) as library:
        earlier = {r.id: library.values(r.id) for r in library.reports()}
    before = sample_path.read_bytes()
    child = subprocess.Popen([sys.executable, "-c", _IMPORT_THEN_HANG, str(sample_path), "5", *map(str, files)],
                             cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert child.stdout is not None
    for line in child.stdout:
        if line.strip() == "5":
            break
    assert sample_path.with_name(sample_path.name + "-journal").exists(), "the import should be mid-transaction"
    assert sample_path.read_bytes() != before, "uncommitted pages should already be in the library file"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()

    with Library.open(sample_path) as library:
        assert {r.id: library.values(r.id) for r in library.reports()} == earlier
    conn = sqlite3.connect(sample_path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
