"""Who has reported, who is late, what went back for correction: the province's quarter of chasing."""

from __future__ import annotations

import json
import shutil
import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from model.exchange.dbexport import export_reports
from model.exchange.dbimport import import_files
from model.library.library import Library
from model.oversight.events import VIETNAM, history
from model.oversight.status import unit_status
from tests.exchange_support import PROVINCE, Q2, run_cli

UNITS = [f"Ủy ban nhân dân huyện Số {n:02d}" for n in range(1, 18)]
ON_TIME, LATE = UNITS[:12], UNITS[12:14]  # the last three never report


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2018, 6, day, hour, tzinfo=VIETNAM)


@pytest.fixture
def province(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """The province's library with its 17 units, and each unit's sent file (14 of them)."""
    path = tmp_path / "tinh.db"
    with Library.create(path) as library:
        top = library.add_organization(PROVINCE, "ỦY BAN NHÂN DÂN\nTỈNH KIÊN GIANG", "Kiên Giang")
        offices = {name: library.add_organization(name, name.upper(), "Kiên Giang", parent_id=top) for name in UNITS}
    files = {}
    for number, name in enumerate(ON_TIME + LATE):
        unit_path = tmp_path / f"don-vi-{number}.db"
        shutil.copy(path, unit_path)  # a unit set up from the province's office tree: the same offices
        with Library.open(unit_path) as unit:
            report = unit.create_report(offices[name], Q2)
            unit.set_values(report, {"dvc_tong": 100 + number, "dvc_muc_3": number})
            files[name] = str(export_reports(unit, [report], tmp_path / f"gui-{number}.db").path)
    return path, files


def _receive(path: Path, files: list[str], when: datetime) -> None:
    with Library.open(path) as library:
        library.clock = lambda: when
        result = import_files(library, files)
        assert not result.any_refused and all(f.count("added", "updated") == 1 for f in result.files)


def test_status_counts_received_on_time_late_and_missing(province, tmp_path, capsys):
    path, files = province
    _receive(path, [files[n] for n in ON_TIME], _at(14))
    _receive(path, [files[LATE[0]]], _at(18))  # three days after the 15th
    _receive(path, [files[LATE[1]]], _at(25))
    code, out, _ = run_cli(capsys, "status", path, "--office", PROVINCE, "--period", "2018-Q2", "--json",
                           "--to", tmp_path / "tinh-hinh-nop.xlsx")
    assert code == 0
    status = json.loads(out)
    assert (status["expected"], status["received"], status["on_time"]) == (17, 14, 12)
    assert status["completeness"] == round(14 / 17, 4) and status["timeliness"] == round(12 / 17, 4)
    assert status["deadline"] == "2018-06-15"
    units = status["units"]
    assert [u["office"] for u in units[:3]] == UNITS[14:]  # those that have not reported come first
    assert all(not u["received"] for u in units[:3])
    late = {u["office"]: u["days_late"] for u in units if u["received"] and not u["on_time"]}
    assert late == {LATE[0]: 3, LATE[1]: 10}
    assert {u["office"] for u in units if u["on_time"]} == set(ON_TIME)

    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "tinh-hinh-nop.xlsx").active
    rows = [r for r in sheet.iter_rows(min_row=5, values_only=True) if r[1]]
    assert len(rows) == 17 and {r[1] for r in rows} == set(UNITS)
    assert "14/17" in sheet["A2"].value and "12/17" in sheet["A2"].value


def test_text_beginning_with_equals_is_a_text_cell_in_the_status_workbook(province, tmp_path):
    path, _ = province
    with Library.open(path) as library:
        top = next(o for o in library.organizations() if o.name == PROVINCE)
        library.add_organization('=HYPERLINK("http://x","Bấm")', "X", "Kiên Giang", parent_id=top.id)
        from model.excel.status import write_status

        write_status(unit_status(library, PROVINCE, Q2), tmp_path / "nop.xlsx")
    with zipfile.ZipFile(tmp_path / "nop.xlsx") as book:
        sheet = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet


def test_a_return_travels_to_the_unit_and_a_new_revision_comes_back_as_resubmitted(province, tmp_path, capsys):
    path, files = province
    name = ON_TIME[0]
    unit_path = tmp_path / "don-vi-0.db"
    _receive(path, [files[name]], _at(14))
    with Library.open(path) as library:
        report = next(r for r in library.reports() if r.organization_name == name)
    code, out, err = run_cli(capsys, "report", "return", path, "--report", report.id,
                             "--comment", "dvc_muc_3", "Số dịch vụ mức 3 chưa khớp với Cổng dịch vụ công.",
                             "--general", "Đề nghị bổ sung người ký.")
    assert code == 0, err
    with Library.open(unit_path) as unit:
        before = unit.values(report.id)
    back = tmp_path / "tra-lai.db"
    assert run_cli(capsys, "export-db", path, "--report", report.id, "--to", back)[0] == 0
    code, out, err = run_cli(capsys, "import", unit_path, back)
    assert code == 0 and "ý kiến cấp trên yêu cầu sửa" in out
    with Library.open(unit_path) as unit:
        assert unit.values(report.id) == before  # the return never changes the unit's figures
        requests = [p for p in unit.check(report.id) if p.severity == "request"]
        assert [p.field_keys for p in requests] == [("dvc_muc_3",), ()]
        assert "Cổng dịch vụ công" in requests[0].message and requests[0].message.startswith("Cấp trên yêu cầu sửa")
        unit.set_values(report.id, {"dvc_muc_3": 7})
        again = export_reports(unit, [report.id], tmp_path / "gui-lai.db").path
        assert not [p for p in unit.check(report.id) if p.severity == "request"]  # sent: answered
    _receive(path, [str(again)], datetime.now(VIETNAM))  # after the return, made just now
    status = unit_status(Library.open(path), PROVINCE, Q2)
    row = next(u for u in status.units if u.office.name == name)
    assert row.resubmitted and not row.returned and row.on_time and "đã gửi lại" in row.state
    with Library.open(path) as library:
        kinds = [e.kind for e in history(library, report.id)]
    assert {"sent", "received", "returned"} <= set(kinds) and kinds[-1] == "resubmitted"


def test_return_needs_a_comment_and_a_known_field(province, capsys):
    path, files = province
    _receive(path, [files[ON_TIME[0]]], _at(14))
    with Library.open(path) as library:
        report = next(r for r in library.reports() if r.organization_name == ON_TIME[0])
    assert run_cli(capsys, "report", "return", path, "--report", report.id)[0] == 2
    code, _, err = run_cli(capsys, "report", "return", path, "--report", report.id, "--comment", "khong_co", "x")
    assert code == 2 and "không có trường “khong_co”" in err


def test_deadline_set_per_library_changes_who_is_late(province, capsys):
    path, files = province
    _receive(path, [files[n] for n in ON_TIME], _at(14))
    assert run_cli(capsys, "deadline", path, "--day", "10", "--months-after", "0")[0] == 0
    with Library.open(path) as library:
        status = unit_status(library, PROVINCE, Q2)
    assert status.on_time == 0 and status.received == 12 and status.due.day == 10
    code, _, err = run_cli(capsys, "deadline", path, "--day", "40")
    assert code == 2 and "1 đến 31" in err


def test_a_consolidated_report_sent_up_carries_the_revisions_it_used(province, tmp_path, capsys):
    path, files = province
    _receive(path, [files[n] for n in ON_TIME[:2]], _at(14))
    with Library.open(path) as library:
        sources = [r.id for r in library.reports() if r.organization_name in ON_TIME[:2]]
        from model.exchange.consolidation import consolidate

        report = consolidate(library, Q2, PROVINCE, sources).report_id
    government = tmp_path / "chinh-phu.db"
    assert run_cli(capsys, "export-db", path, "--report", report, "--to", tmp_path / "gui-cp.db")[0] == 0
    assert run_cli(capsys, "import", government, tmp_path / "gui-cp.db")[0] == 0
    code, out, _ = run_cli(capsys, "report", "history", government, "--report", report, "--json")
    log = json.loads(out)
    assert code == 0 and [s["unit"] for s in log["sources"]] == ON_TIME[:2]
    assert {s["revision"] for s in log["sources"]} == {2}
    with Library.open(path) as library:
        kinds = {e.kind for rid in sources for e in history(library, rid)}
    assert "consolidated" in kinds
