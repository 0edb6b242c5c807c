"""The editor's safety nets: unexpected errors, Vietnamese in Qt's own texts, a new library."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QLineEdit, QMessageBox, QPlainTextEdit

from model.library.library import Library
from tests.gui_support import ScriptedDialogs
from tests.locations import ROOT


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    return window


def test_unexpected_error_is_logged_and_told_in_vietnamese(qtbot, window, sample_path):
    from model.logfile import log_path

    edited = window.findChild(QLineEdit, "htth_diem_cau")  # an edit made before the error must survive it
    edited.setFocus()
    edited.selectAll()
    qtbot.keyClicks(edited, "23")
    qtbot.keyClick(edited, Qt.Key.Key_Return)
    try:
        raise RuntimeError("hỏng giữa chừng")
    except RuntimeError:
        sys.excepthook(*sys.exc_info())
    _title, message = window.dialogs.errors[-1]
    assert "lỗi ngoài dự kiến" in message and "vẫn được lưu" in message
    assert "Traceback" not in message and "RuntimeError" not in message
    logged = log_path().read_text(encoding="utf-8")
    assert "RuntimeError: hỏng giữa chừng" in logged and "Traceback" in logged
    with Library.open(sample_path) as library:
        assert library.values(library.find_report("2018-Q2").id)["htth_diem_cau"] == 23  # the sample has 20


def test_error_in_a_slot_reaches_the_handler(qtbot, window, monkeypatch):
    def broken(*_args):
        raise ValueError("lỗi lập trình")

    monkeypatch.setattr(window, "run_checks", broken)
    field = window.findChild(QLineEdit, "htth_diem_cau")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "5")
    assert any("lỗi ngoài dự kiến" in text for _title, text in window.dialogs.errors)


def test_qt_standard_buttons_and_menus_speak_vietnamese(window):
    box = QMessageBox(QMessageBox.Icon.Question, "x", "y", QMessageBox.StandardButton.Ok
                      | QMessageBox.StandardButton.Cancel | QMessageBox.StandardButton.Yes
                      | QMessageBox.StandardButton.No)
    assert sorted(b.text() for b in box.buttons()) == sorted(["Đồng ý", "Hủy", "&Có", "&Không"])
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Close)
    assert sorted(b.text() for b in buttons.buttons()) == ["Lưu", "Đóng"]
    for widget in (window.findChild(QLineEdit, "dvc_tong"), window.findChild(QPlainTextEdit, "mo_dau")):
        menu = widget.createStandardContextMenu()
        texts = [a.text().split("\t")[0] for a in menu.actions() if not a.isSeparator()]
        assert "&Sao chép" in texts and "&Dán" in texts and "Chọn tất cả" in texts, texts
    assert window.undo_action.text().startswith("Hoàn tác")
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Tệp", "&Sửa", "&Xem", "&Báo cáo", "&Cơ quan", "Trợ &giúp"]


def test_new_library_asks_for_the_office_first(window, tmp_path):
    from gui.dialogs.report import NewReportRequest, OrganizationRequest
    from model.vietnamese.period import Period

    path = tmp_path / "so-tttt.db"
    window.dialogs.library_path = path
    window.new_library_action.trigger()
    assert window.library.path == path
    assert "chưa có báo cáo" in window.empty_note.text()
    window.dialogs.organization_answer = OrganizationRequest("Sở Thông tin và Truyền thông tỉnh Kiên Giang",
                                                             "UBND TỈNH KIÊN GIANG\nSỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                                                             "", "Kiên Giang", "STTTT")
    window.dialogs.new_report_answer = None
    window.new_report_action.trigger()
    office = window.library.organizations()[0]
    assert window.dialogs.new_report_asked[0][0] == office.id
    window.dialogs.new_report_answer = NewReportRequest(office.id, Period(2024, 1), False)
    window.new_report_action.trigger()
    assert window.report_info.template_key == "nq36a_quy_so"  # a department's report, in its own words
    assert window.form.findChild(QLineEdit, "ky_hieu").text() == "BC-STTTT"
    assert "quý I năm 2024" in window.windowTitle()


def test_existing_file_is_not_taken_for_a_new_library(window, sample_path):
    before = sample_path.read_bytes()
    window.dialogs.library_path = sample_path
    window.new_library_action.trigger()
    assert "đã có" in window.dialogs.errors[-1][1]
    assert sample_path.read_bytes() == before


def test_start_up_loads_neither_document_writer(sample_path, tmp_path):
    root = ROOT
    code = ("import sys\nfrom gui.app import start_editor\n"
            f"window = start_editor({str(sample_path)!r})\n"
            "assert window.report_id is not None\n"
            "print(sorted(m for m in ('docx', 'reportlab') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, timeout=60,
                            env={**os.environ, "QT_QPA_PLATFORM": "offscreen",
                                 "SOANBAOCAO_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_about_names_the_version(window, sample_path):
    import main

    window.about_action.trigger()
    title, text = window.dialogs.infos[-1]
    assert title == "Giới thiệu" and main.__version__ in text and str(sample_path) in text


def test_file_menu_has_a_place_for_more_actions(window):
    from PySide6.QtGui import QAction

    extra = QAction("Nhập tệp .db…", window)
    window.add_file_actions([extra])
    texts = [a.text() for a in window.file_menu.actions() if not a.isSeparator()]
    assert texts.index("Nhập tệp .db…") > texts.index("Xuất &PDF…")
    assert texts[-1] == "&Thoát"
