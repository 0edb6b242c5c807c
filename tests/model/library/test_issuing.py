"""Issuing a report: the văn thư's number and date, a reused number warned about, exports carrying them."""

from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pytest

import main
from model.library.library import Library


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _values(path: Path, period: str) -> dict:
    with Library.open(path) as library:
        report = library.find_report(period)
        return {**library.values(report.id), "issued": report.is_issued}


def test_issue_on_the_command_line_and_the_export_carries_number_and_date(sample_path, capsys, tmp_path):
    code, out, err = run(capsys, "report", "issue", str(sample_path), "--report", "2018-Q2", "--number", "155",
                         "--date", "19/06/2018")
    assert (code, err) == (0, "")
    assert out == "Đã ban hành báo cáo quý II năm 2018: số 155, ngày 19/06/2018.\n"
    values = _values(sample_path, "2018-Q2")
    assert (values["so"], values["ngay_ban_hanh"], values["issued"]) == (155, date(2018, 6, 19), True)
    from export.document.service import export_report
    from tests.export_text import normalise

    with Library.open(sample_path) as library:
        pdf = export_report(library, library.find_report("2018-Q2").id, tmp_path / "bc.pdf").path
    import subprocess

    text = normalise(subprocess.run(["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True,
                                    check=True).stdout)
    assert "Số: 155/BC-UBND" in text and "Kiên Giang, ngày 19 tháng 6 năm 2018" in text


def test_a_number_already_given_this_year_warns_but_issues(sample_path, capsys):
    code, _, err = run(capsys, "report", "issue", str(sample_path), "--report", "2018-Q2", "--number", "62",
                         "--date", "20/06/2018")
    assert code == 0
    assert err == ("Cảnh báo: Số 62/BC-UBND đã cấp cho báo cáo quý I năm 2018 ban hành ngày 20/03/2018. "
                   "Vẫn ban hành với số này.\n")
    assert _values(sample_path, "2018-Q2")["so"] == 62


def test_the_same_number_in_another_year_or_type_is_no_reuse(sample_library, q2_id):
    from model.library.issuing import number_reused

    assert number_reused(sample_library, q2_id, 62, date(2019, 1, 5)) == []
    sample_library.set_values(q2_id, {"ky_hieu": "KH-UBND"})
    assert number_reused(sample_library, q2_id, 62, date(2018, 6, 20)) == []


@pytest.mark.parametrize(("number", "day", "message"), [
    ("abc", "20/06/2018", "Lỗi: Số văn bản: “abc” không phải là số; chỉ gõ chữ số, ví dụ 1.972.\n"),
    ("12", "31/02/2018", "Lỗi: Ngày ban hành: Ngày “31/02/2018” không có trên lịch.\n"),
    ("", "20/06/2018", "Lỗi: Chưa nhập số văn bản: văn thư cấp số và ngày khi ban hành.\n"),
])
def test_bad_number_or_date_changes_nothing(sample_path, capsys, number, day, message):
    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    code, out, err = run(capsys, "report", "issue", str(sample_path), "--report", "2018-Q2", "--number", number,
                         "--date", day)
    assert (code, out, err) == (2, "", message)
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before


def test_an_issued_report_is_not_issued_again(sample_path, capsys):
    code, _, err = run(capsys, "report", "issue", str(sample_path), "--report", "2018-Q1", "--number", "70",
                       "--date", "21/03/2018")
    assert (code, err) == (2, "Lỗi: Báo cáo quý I năm 2018 đã ban hành; mở lại để sửa số hoặc ngày ban hành.\n")


# ---------------------------------------------------------------------------------------------- editor


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor
    from tests.gui_support import ScriptedDialogs

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    return window


def test_editor_asks_the_number_and_date_then_confirms_a_reused_number(window, sample_path):
    assert "quý II năm 2018" in window.windowTitle()
    window.dialogs.issue_answer = ("62", "20/06/2018")
    window.dialogs.confirm_answer = False
    window.issue_action.trigger()
    text, number, day = window.dialogs.issue_asked[-1]
    assert "quý II năm 2018" in text
    assert (number, day) == ("154", "18/06/2018")  # what the report holds
    assert "Số 62/BC-UBND đã cấp cho báo cáo quý I năm 2018" in window.dialogs.confirms[-1]
    assert not _values(sample_path, "2018-Q2")["issued"]
    window.dialogs.issue_answer = ("156", "21/06/2018")
    window.issue_action.trigger()
    values = _values(sample_path, "2018-Q2")
    assert (values["so"], values["ngay_ban_hanh"], values["issued"]) == (156, date(2018, 6, 21), True)
    assert "đã ban hành" in window.windowTitle()


def test_editor_cancel_leaves_the_report_a_draft(window, sample_path):
    window.dialogs.issue_cancel = True
    window.issue_action.trigger()
    assert not _values(sample_path, "2018-Q2")["issued"]


def test_issue_dialog_stays_open_on_a_bad_date(qtbot, sample_library, q2_id, tmp_path):
    from gui.dialogs.issue import IssueDialog
    from model.library.issuing import parse_issue

    dialog = IssueDialog("Văn thư cấp số", "154", "30/02/2018",
                         lambda n, d: parse_issue(sample_library, q2_id, n, d))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and dialog.result_value is None
    assert dialog.message.text() == "Ngày ban hành: Ngày “30/02/2018” không có trên lịch."
    dialog.grab().save(str(tmp_path / "ban-hanh.png"))
    dialog.day.setText("18/06/2018")
    dialog.accept()
    assert dialog.result_value == (154, date(2018, 6, 18)) and not dialog.isVisible()


def test_a_report_failing_its_checks_with_that_date_needs_force(sample_path, capsys):
    before = hashlib.sha256(sample_path.read_bytes()).hexdigest()
    argv = ("report", "issue", str(sample_path), "--report", "2018-Q2", "--number", "160", "--date", "01/01/2018")
    code, _, err = run(capsys, *argv)  # a date before the quarter the report is about
    assert code == 2 and "lỗi nên chưa đánh dấu ban hành" in err and "--force" in err
    assert hashlib.sha256(sample_path.read_bytes()).hexdigest() == before
    assert run(capsys, *argv, "--force")[0] == 0
    assert _values(sample_path, "2018-Q2")["ngay_ban_hanh"] == date(2018, 1, 1)
