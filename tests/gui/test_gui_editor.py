"""The editor driven as a clerk drives it: typing into the real window, offscreen."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QListWidget, QPlainTextEdit, QWidget

from model.library.library import Library
from model.vietnamese.period import Period
from tests.gui_support import ScriptedDialogs


@pytest.fixture
def start(qtbot, monkeypatch):
    """Start the editor on a path (or none) with scripted dialogs; closes the windows afterwards."""
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    windows = []

    def starter(path: Path | None):
        window = start_editor(str(path) if path else None)
        qtbot.addWidget(window)
        windows.append(window)
        return window
    return starter


@pytest.fixture
def window(start, sample_path):
    return start(sample_path)


def field(window, key: str) -> QWidget:
    widget = window.findChild(QWidget, key)
    assert widget is not None, key
    return widget


def problem_texts(window) -> list[str]:
    panel = window.findChild(QListWidget, "problems")
    return [panel.item(row).text() for row in range(panel.count())]


def type_into(qtbot, widget: QLineEdit, text: str) -> None:
    """Replace the text as a clerk does: select all, type, press Enter."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def commit_text(widget: QWidget, text: str) -> None:
    """Vietnamese text as an input method (Unikey, EVKey) delivers it: qtbot.keyClicks only types Latin-1."""
    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def stored(path: Path, period: str, key: str):
    with Library.open(path) as library:
        return library.values(library.find_report(period).id).get(key)


def test_opens_the_sample_on_the_current_draft(window, sample_path):
    assert "quý II năm 2018" in window.windowTitle()
    assert sample_path.name in window.windowTitle()
    for key in window.template.fields:
        assert window.findChild(QWidget, key) is not None, key
    assert field(window, "dvc_tong").text() == "1.972"
    assert field(window, "nguoi_ky_ho_ten").text() == "Mai Văn Huỳnh"
    assert field(window, "noi_nhan").count() == 9
    assert problem_texts(window) == []
    assert window.problem_count.text() == "Không có lỗi"


def test_wrong_level_3_count_is_listed_marked_fixed_undone_and_kept(qtbot, start, window, sample_path):
    level3 = field(window, "dvc_muc_3")
    level3.setFocus()
    level3.selectAll()
    qtbot.keyClicks(level3, "700")
    assert any("2.016" in text for text in problem_texts(window)), problem_texts(window)
    assert level3.property("problem") == "error"
    assert "2.016" in level3.toolTip()
    assert window.problem_count.text().startswith("1 lỗi")
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 700  # written through at once
    qtbot.keyClick(level3, Qt.Key.Key_Return)

    type_into(qtbot, level3, "656")
    assert problem_texts(window) == []
    assert level3.property("problem") == ""

    qtbot.keyClick(level3, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert level3.text() == "700"  # the three keystrokes were one edit
    assert any("2.016" in text for text in problem_texts(window))
    assert level3.property("problem") == "error"
    qtbot.keyClick(level3, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert level3.text() == "656"
    window.undo_action.trigger()

    window.close()
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 700
    again = start(sample_path)
    assert field(again, "dvc_muc_3").text() == "700"
    assert any("2.016" in text for text in problem_texts(again))


def test_figures_accept_grouped_and_plain_digits_and_refuse_letters(qtbot, window, sample_path):
    total = field(window, "dvc_tong")
    assert not hasattr(total, "setValue")  # a line edit with our parsing, never a spin box
    type_into(qtbot, total, "2000")
    assert total.text() == "2.000"
    assert stored(sample_path, "2018-Q2", "dvc_tong") == 2000
    type_into(qtbot, total, "1.972")
    assert total.text() == "1.972"
    assert stored(sample_path, "2018-Q2", "dvc_tong") == 1972

    type_into(qtbot, total, "abc")
    assert stored(sample_path, "2018-Q2", "dvc_tong") == 1972
    assert total.text() == "abc"
    assert total.property("problem") == "error"
    refused = [t for t in problem_texts(window) if t.startswith("Chưa lưu")]
    assert refused and "không phải là số" in refused[0] and "Tổng số dịch vụ công trực tuyến" in refused[0]
    assert window.problem_count.text().startswith("1 lỗi")

    type_into(qtbot, total, "1,5")
    assert "dấu phẩy là dấu thập phân" in problem_texts(window)[0]
    type_into(qtbot, total, "1972")
    assert problem_texts(window) == []
    assert total.text() == "1.972"


def test_computed_ratio_is_read_only_and_follows_its_counts(qtbot, window, sample_path):
    ratio = field(window, "mot_cua_tinh_ty_le")
    assert ratio.isReadOnly()
    assert ratio.text() == "43%"
    type_into(qtbot, field(window, "mot_cua_tinh_dung_han"), "1.383")
    assert ratio.text() == "100%"
    assert stored(sample_path, "2018-Q2", "mot_cua_tinh_ty_le") == 100


def test_text_fields_save_clean_text(qtbot, window, sample_path):
    signer = field(window, "nguoi_ky_ho_ten")
    signer.selectAll()
    commit_text(signer, "Nguye\u0302\u0303n Va\u0306n  A\x07")  # NFD, as some input methods send it
    assert stored(sample_path, "2018-Q2", "nguoi_ky_ho_ten") == "Nguyễn Văn A"
    narrative = field(window, "qlvb_tinh_hinh")
    assert isinstance(narrative, QPlainTextEdit)
    narrative.setFocus()
    narrative.selectAll()
    commit_text(narrative, "Đã kết nối <liên thông> & ổn định")
    assert stored(sample_path, "2018-Q2", "qlvb_tinh_hinh") == "Đã kết nối <liên thông> & ổn định"


def test_recipients_are_an_editable_list(qtbot, window, sample_path):
    recipients = field(window, "noi_nhan")
    recipients.setCurrentRow(0)
    qtbot.mouseClick(window.findChild(QWidget, "noi_nhan_xoa"), Qt.MouseButton.LeftButton)
    assert stored(sample_path, "2018-Q2", "noi_nhan")[0] == "Văn phòng Chính phủ;"
    recipients.item(0).setText("Bộ Thông tin và Truyền thông;")
    assert stored(sample_path, "2018-Q2", "noi_nhan")[0] == "Bộ Thông tin và Truyền thông;"
    recipients.setCurrentRow(recipients.count() - 1)
    qtbot.mouseClick(window.findChild(QWidget, "noi_nhan_len"), Qt.MouseButton.LeftButton)
    assert stored(sample_path, "2018-Q2", "noi_nhan")[-2] == "Lưu: VT, ltrtram."
    assert any("Lưu: VT" in text for text in problem_texts(window))
    window.undo_action.trigger()
    assert stored(sample_path, "2018-Q2", "noi_nhan")[-1] == "Lưu: VT, ltrtram."
    assert recipients.item(recipients.count() - 1).text() == "Lưu: VT, ltrtram."


def test_date_typed_or_picked(qtbot, window, sample_path):
    day = field(window, "ngay_ban_hanh")
    type_into(qtbot, day, "5/7/2018")
    assert day.text() == "05/07/2018"
    assert str(stored(sample_path, "2018-Q2", "ngay_ban_hanh")) == "2018-07-05"
    day.open_calendar()
    assert day.calendar.locale().language().name == "Vietnamese"
    from PySide6.QtCore import QDate

    day.pick(QDate(2018, 6, 20))
    assert str(stored(sample_path, "2018-Q2", "ngay_ban_hanh")) == "2018-06-20"
    type_into(qtbot, day, "1/1/2018")
    assert any("trước quý II năm 2018" in text for text in problem_texts(window))


def test_double_click_on_a_problem_focuses_its_field(qtbot, window):
    type_into(qtbot, field(window, "mot_cua_huyen_dung_han"), "9999")
    panel = window.findChild(QListWidget, "problems")
    item = next(panel.item(r) for r in range(panel.count()) if "lớn hơn" in panel.item(r).text())
    field(window, "so").setFocus()
    panel.itemDoubleClicked.emit(item)
    assert window.focusWidget() is field(window, "mot_cua_huyen_dung_han")


def test_next_quarter_carried_forward_from_the_previous_one(window, sample_path):
    from gui.dialogs.report import NewReportDialog, NewReportRequest

    q2 = window.report_info
    window.dialogs.new_report_answer = NewReportRequest(q2.organization_id, Period(2018, 3), True)
    window.new_report_action.trigger()
    office_id, suggested, previous_label = window.dialogs.new_report_asked[0]
    assert suggested == Period(2018, 3)
    assert previous_label(office_id, Period(2018, 3)) == "quý II/2018 (dự thảo)"

    assert "quý III năm 2018" in window.windowTitle()
    assert field(window, "dvc_tong").text() == "1.972"  # cumulative: carried
    assert field(window, "dvc_ho_so_truc_tuyen").text() == ""  # of the period: blank
    assert field(window, "so").text() == ""
    assert field(window, "nguoi_ky_ho_ten").text() == "Mai Văn Huỳnh"
    assert "quý III năm 2018" in field(window, "trich_yeu").toPlainText()
    assert any("Chưa điền “Hồ sơ trực tuyến" in text for text in problem_texts(window))
    with Library.open(sample_path) as library:
        assert [str(r.period) for r in library.reports()] == ["2018-Q1", "2018-Q2", "2018-Q3"]

    dialog = NewReportDialog(window.library.organizations(), office_id, Period(2018, 4), previous_label)
    assert dialog.carry.isEnabled() and dialog.carry.isChecked()
    assert "quý III/2018" in dialog.carry.text()
    dialog.picker.year.setValue(2020)
    assert not dialog.carry.isEnabled()
    assert dialog.request() == NewReportRequest(office_id, Period(2020, 4), False)


def test_new_report_from_the_blank_template(window):
    from gui.dialogs.report import NewReportRequest

    window.dialogs.new_report_answer = NewReportRequest(window.report_info.organization_id, Period(2019, 1), False)
    window.new_report_action.trigger()
    assert "quý I năm 2019" in window.windowTitle()
    assert field(window, "dvc_tong").text() == ""
    assert field(window, "nguoi_ky_ho_ten").text() == ""
    assert field(window, "nguoi_ky_chuc_vu").text() == "PHÓ CHỦ TỊCH"  # the template's default


def test_issued_report_is_read_only_until_reopened(qtbot, window, sample_path):
    window.library_pane.tree.setCurrentItem(window.library_pane.item_of(window.library.find_report("2018-Q1").id))
    assert "quý I năm 2018 (đã ban hành)" in window.windowTitle()
    level3 = field(window, "dvc_muc_3")
    assert level3.isReadOnly() and field(window, "mo_dau").isReadOnly()
    assert not window.findChild(QWidget, "noi_nhan_them").isEnabled()
    assert window.banner.isVisibleTo(window)
    qtbot.keyClicks(level3, "9")
    assert level3.text() == "645"
    assert stored(sample_path, "2018-Q1", "dvc_muc_3") == 645

    window.dialogs.confirm_answer = False
    window.reopen_button.click()
    assert level3.isReadOnly()
    window.dialogs.confirm_answer = True
    window.reopen_button.click()
    assert not level3.isReadOnly()
    type_into(qtbot, level3, "646")
    assert stored(sample_path, "2018-Q1", "dvc_muc_3") == 646
    window.issue_action.trigger()
    assert level3.isReadOnly()
    with Library.open(sample_path) as library:
        assert library.find_report("2018-Q1").is_issued


def test_not_a_library_is_refused_and_left_untouched(window, sample_path, tmp_path):
    foreign = tmp_path / "khong-phai.db"
    foreign.write_bytes(b"Day khong phai thu vien\x00" * 100)
    before = foreign.read_bytes()
    window.dialogs.library_path = foreign
    window.open_library_action.trigger()
    assert window.dialogs.errors and "không phải thư viện" in window.dialogs.errors[0][1]
    assert foreign.read_bytes() == before
    assert window.library.path == sample_path
    assert field(window, "dvc_tong").text() == "1.972"


def test_not_a_library_on_the_command_line_falls_back(start, tmp_path):
    from model.paths import user_data_dir

    foreign = tmp_path / "anh.db"
    foreign.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(2000))
    before = foreign.read_bytes()
    window = start(foreign)
    assert foreign.read_bytes() == before
    assert "không phải thư viện" in window.dialogs.errors[0][1]
    assert window.library.path == user_data_dir() / "bao-cao.db"


def test_first_start_creates_the_sample_then_reopens_the_last_library(start, sample_path):
    from model.paths import user_data_dir

    first = start(None)
    assert first.library.path == user_data_dir() / "bao-cao.db"
    assert "quý II năm 2018" in first.windowTitle()
    first.switch_library(sample_path)
    first.resize(760, 560)
    first.close()
    second = start(None)
    assert second.library.path == sample_path
    assert (second.width(), second.height()) == (760, 560)
    recent = [a.text() for a in (second._fill_recent_menu(), second.recent_menu.actions())[1]]
    assert any(sample_path.name in text for text in recent) and any("bao-cao.db" in text for text in recent)


def test_duplicate_and_delete_with_confirmation(window, sample_path):
    window.dialogs.period_answer = Period(2018, 4)
    window.duplicate_action.trigger()
    assert "quý IV năm 2018" in window.windowTitle()
    assert field(window, "dvc_ho_so_truc_tuyen").text() == "176"
    assert field(window, "so").text() == ""
    window.dialogs.confirm_answer = False
    window.delete_action.trigger()
    assert "quý IV năm 2018" in window.dialogs.confirms[-1]
    assert stored(sample_path, "2018-Q4", "dvc_tong") == 1972
    window.dialogs.confirm_answer = True
    window.delete_action.trigger()
    with Library.open(sample_path) as library:
        assert [str(r.period) for r in library.reports()] == ["2018-Q1", "2018-Q2"]


def test_each_report_has_its_own_undo_history(qtbot, window, sample_path):
    type_into(qtbot, field(window, "htth_diem_cau"), "21")
    q1 = window.library.find_report("2018-Q1").id
    window.library_pane.tree.setCurrentItem(window.library_pane.item_of(q1))
    assert not window.undo_action.isEnabled()
    window.library_pane.tree.setCurrentItem(window.library_pane.item_of(window.library.find_report("2018-Q2").id))
    assert window.undo_action.isEnabled()
    window.undo_action.trigger()
    assert field(window, "htth_diem_cau").text() == "20"
    assert stored(sample_path, "2018-Q2", "htth_diem_cau") == 20


def test_ctrl_z_in_a_text_area_undoes_through_the_report_stack(qtbot, window, sample_path):
    narrative = field(window, "ha_tang_tinh_hinh")
    before = narrative.toPlainText()
    narrative.setFocus()
    narrative.moveCursor(narrative.textCursor().MoveOperation.End)
    qtbot.keyClicks(narrative, " Them")
    assert stored(sample_path, "2018-Q2", "ha_tang_tinh_hinh") == before + " Them"
    qtbot.keyClick(narrative, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert narrative.toPlainText() == before
    assert stored(sample_path, "2018-Q2", "ha_tang_tinh_hinh") == before
    for editor in (narrative, field(window, "dvc_tong")):
        menu_texts = [a.text() for a in editor.context_menu().actions()]
        assert "&Sao chép\tCtrl+C" in menu_texts and all("Hoàn tác" not in text for text in menu_texts)


def test_damaged_library_with_our_stamp_is_refused_unchanged(window, sample_path, tmp_path):
    import sqlite3

    damaged = tmp_path / "hong.db"
    damaged.write_bytes(sample_path.read_bytes())
    with sqlite3.connect(damaged) as connection:
        connection.execute("DROP TABLE field_values")
    before = damaged.read_bytes()
    window.dialogs.library_path = damaged
    window.open_library_action.trigger()
    assert window.dialogs.errors and "Không mở được thư viện" in window.dialogs.errors[-1][0]
    assert damaged.read_bytes() == before
    assert window.library.path == sample_path
