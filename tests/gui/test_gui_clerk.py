"""The editor as a provincial clerk meets it: files that cannot be written, what the status bar promises,
keyboard use. Each test asserts what the clerk sees."""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QListWidget, QPlainTextEdit, QWidget
from sqlalchemy import text

from gui.dialogs.report import NewReportRequest
from model.errors import LibraryError, file_error_message
from model.library.library import Library
from model.vietnamese.period import Period
from tests.gui import test_gui_editor
from tests.gui.test_gui_editor import commit_text, field, problem_texts, stored, type_into

start, window = test_gui_editor.start, test_gui_editor.window  # the editor's fixtures


class _ReadOnly(Exception):
    sqlite_errorname = "SQLITE_READONLY"


def test_an_edit_the_library_cannot_save_is_marked_unsaved_and_said_once(qtbot, window, sample_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    library = window.library
    reason = file_error_message(sample_path, _ReadOnly())

    def refuse(*_args, **_kwargs):
        raise LibraryError(reason)

    monkeypatch.setattr(library, "edit", refuse)  # what a read-only or locked file makes the library do
    level3 = field(window, "dvc_muc_3")
    type_into(qtbot, level3, "700")

    assert level3.text() == "700"  # what the clerk typed stays on screen
    assert level3.property("problem") == "error"
    assert problem_texts(window)[0] == f"Chưa lưu — Dịch vụ công mức 3: {reason}"
    assert window.save_state.text() == "Chưa lưu 1 ô"
    assert window.dialogs.errors == [("Chưa lưu được", reason)]  # once, not at every keystroke
    assert "ngoài dự kiến" not in str(window.dialogs.errors)
    assert window.undo_group.activeStack().count() == 0  # nothing to undo: nothing was saved
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 656

    monkeypatch.undo()  # the clerk copies the file somewhere writable; typing again saves it
    type_into(qtbot, level3, "656")
    type_into(qtbot, level3, "657")
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 657
    assert window.save_state.text().startswith("Đã lưu")
    assert not any(text.startswith("Chưa lưu") for text in problem_texts(window))


def test_the_status_bar_does_not_say_saved_while_typed_text_is_refused(qtbot, window) -> None:
    type_into(qtbot, field(window, "dvc_muc_3"), "7oo")
    type_into(qtbot, field(window, "htth_diem_cau"), "1,5")
    assert window.save_state.text() == "Chưa lưu 2 ô"
    type_into(qtbot, field(window, "dvc_muc_3"), "656")
    type_into(qtbot, field(window, "htth_diem_cau"), "21")
    assert window.save_state.text().startswith("Đã lưu")


def test_a_figure_too_large_is_refused_in_the_form(qtbot, window, sample_path: Path) -> None:
    level3 = window.findChild(QLineEdit, "dvc_muc_3")
    type_into(qtbot, level3, "99999999999999999999")
    assert problem_texts(window)[0].startswith("Chưa lưu — Dịch vụ công mức 3: “99999999999999999999” quá lớn")
    assert window.dialogs.errors == []  # no “unexpected error”: the write never reached the file
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") <= 999_999_999_999  # the last readable keystrokes


def _problem_row(window, key: str) -> int:
    panel = window.problems_panel
    return next(row for row in range(panel.count()) if panel.keys_at(row)[:1] == [key])


def test_double_clicking_a_problem_lets_the_clerk_retype_the_figure(qtbot, window, sample_path: Path) -> None:
    on_time = field(window, "mot_cua_tinh_dung_han")
    type_into(qtbot, on_time, "1.400")  # more than received: a problem naming this field
    field(window, "so").setFocus()
    panel = window.problems_panel
    point = panel.viewport().mapTo(window, panel.visualItemRect(panel.item(_problem_row(window, on_time.objectName())))
                                   .center())
    handle = window.windowHandle()  # through the window, as a real double-click arrives
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseDClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert window.focusWidget() is on_time
    qtbot.keyClicks(on_time, "1.300")  # the clerk types the right figure at once
    qtbot.keyClick(on_time, Qt.Key.Key_Return)
    assert on_time.text() == "1.300"
    assert stored(sample_path, "2018-Q2", "mot_cua_tinh_dung_han") == 1300


def test_field_labels_take_one_line(qtbot, window) -> None:
    window.resize(1366, 705)  # a maximised window on the offices' 1366×768 screens, taskbar below
    QApplication.processEvents()
    for editor in window.form.editors.values():
        label = next(lb for lb in window.form.findChildren(QLabel) if lb.buddy() is editor)
        assert label.height() < 2 * label.fontMetrics().lineSpacing(), label.text()


def test_five_problems_are_in_sight_without_scrolling(qtbot, window) -> None:
    window.dialogs.new_report_answer = NewReportRequest(window.report_info.organization_id, Period(2018, 3), False)
    window.reports.new_report()  # a blank draft: many fields still to fill
    window.resize(1366, 705)
    QApplication.processEvents()
    panel = window.problems_panel
    assert panel.count() > 5
    assert panel.visualItemRect(panel.item(4)).bottom() <= panel.viewport().height()


def test_a_long_parent_body_is_printed_on_the_lines_the_clerk_chose(qtbot, window) -> None:
    from export.document.builder import build_document

    parent = window.findChild(QPlainTextEdit, "co_quan_chu_quan")
    assert parent is not None  # several lines, like the issuing body
    parent.setFocus()
    parent.setPlainText("Sở Thông tin và Truyền thông\nthành phố Hồ Chí Minh")
    window.focus_field("so")
    letterhead = build_document(window.library, window.report_id).letterhead
    assert letterhead.parent_lines == ("SỞ THÔNG TIN VÀ TRUYỀN THÔNG", "THÀNH PHỐ HỒ CHÍ MINH")


def test_recipients_pasted_as_one_block_show_as_the_rows_saved(qtbot, window, sample_path: Path) -> None:
    recipients = window.findChild(QListWidget, "noi_nhan")
    window.focus_field("noi_nhan")
    recipients.setCurrentRow(0)
    recipients.add_item()
    editor = QApplication.focusWidget()
    QApplication.clipboard().setText("- Bộ Thông tin và Truyền thông;\n- Sở Nội vụ;\t(b/c)\x07")  # copied from Word
    editor.paste()
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: [recipients.item(row).text() for row in range(recipients.count())][1:3]
                    == ["Bộ Thông tin và Truyền thông;", "Sở Nội vụ; (b/c)"])
    shown = [recipients.item(row).text() for row in range(recipients.count())]
    assert tuple(shown) == stored(sample_path, "2018-Q2", "noi_nhan")


def test_ctrl_s_from_habit_says_every_edit_is_already_saved(qtbot, window) -> None:
    qtbot.keyClick(field(window, "dvc_muc_3"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage() == "Mọi thay đổi đã được lưu ngay khi gõ; không cần bấm Lưu."
    type_into(qtbot, field(window, "dvc_muc_3"), "7oo")
    qtbot.keyClick(field(window, "dvc_muc_3"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert window.statusBar().currentMessage().startswith("Còn 1 ô gõ sai chưa được lưu")


def test_an_export_the_library_cannot_serve_says_why(qtbot, window, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from gui.support.workers import busy

    class _Busy(Exception):
        sqlite_errorname = "SQLITE_BUSY"

    reason = file_error_message(window.library.path, _Busy())

    def locked(*_args):
        raise LibraryError(reason)  # what Library.open raises on a file another program is writing

    monkeypatch.setattr("gui.controllers.exporting._write_export", locked)
    window.dialogs.export_answer = tmp_path / "bc.pdf"
    window.exports.pdf_action.trigger()
    qtbot.waitUntil(lambda: not busy(), timeout=60000)
    assert window.dialogs.errors == [("Không xuất được báo cáo", reason)]  # not “lỗi ngoài dự kiến”


def _after_tab(qtbot, window, editor: QWidget) -> QWidget:
    editor.setFocus()
    qtbot.keyClick(editor, Qt.Key.Key_Tab)
    return window.focusWidget()


@pytest.mark.parametrize("key", ["dvc_muc_3", "nguoi_ky_ho_ten", "ngay_ban_hanh"])
def test_enter_in_a_one_line_field_saves_it_and_moves_on_as_tab_does(qtbot, window, sample_path: Path,
                                                                     key: str) -> None:
    editor = field(window, key)
    next_by_tab = _after_tab(qtbot, window, editor)
    assert next_by_tab is not editor
    typed = {"dvc_muc_3": "700", "nguoi_ky_ho_ten": "Lê Văn Thành", "ngay_ban_hanh": "20/06/2018"}[key]
    saved = {"dvc_muc_3": 700, "nguoi_ky_ho_ten": "Lê Văn Thành", "ngay_ban_hanh": date(2018, 6, 20)}[key]
    assert stored(sample_path, "2018-Q2", key) != saved  # the sample holds something else before the edit
    editor.setFocus()
    editor.selectAll()
    commit_text(editor, typed)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert window.focusWidget() is next_by_tab
    assert stored(sample_path, "2018-Q2", key) == saved
    assert editor.text() == ("700" if key == "dvc_muc_3" else typed)


def test_enter_on_a_figure_typed_wrong_keeps_the_clerk_there(qtbot, window) -> None:
    level3 = field(window, "dvc_muc_3")
    type_into(qtbot, level3, "7oo")
    assert window.focusWidget() is level3
    assert level3.property("problem") == "error"
    qtbot.keyClick(level3, Qt.Key.Key_Enter, Qt.KeyboardModifier.KeypadModifier)  # the keypad's Enter too
    assert window.focusWidget() is level3


def test_enter_in_a_text_over_several_lines_starts_a_new_line(qtbot, window, sample_path: Path) -> None:
    opening = field(window, "mo_dau")
    opening.setFocus()
    opening.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(opening, Qt.Key.Key_Return)
    assert window.focusWidget() is opening
    commit_text(opening, "Đoạn thứ hai.")
    assert opening.toPlainText().endswith("\nĐoạn thứ hai.")
    assert stored(sample_path, "2018-Q2", "mo_dau").endswith("\nĐoạn thứ hai.")


def test_an_edit_to_a_library_another_program_holds_locked_is_marked_unsaved_without_a_long_wait(
        qtbot, window, sample_path: Path) -> None:
    from gui.opening import EDITOR_BUSY_TIMEOUT
    from model.library.storage import DEFAULT_BUSY_TIMEOUT

    library = window.library
    with library.session() as session:  # the timeout the editor's connection really has, in ms
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == EDITOR_BUSY_TIMEOUT * 1000
    assert EDITOR_BUSY_TIMEOUT < DEFAULT_BUSY_TIMEOUT
    with Library.open(sample_path) as background, background.session() as session:  # an import's connection
        assert session.execute(text("PRAGMA busy_timeout")).scalar() == DEFAULT_BUSY_TIMEOUT * 1000

    other = sqlite3.connect(sample_path)  # another program in the middle of a write
    other.execute("BEGIN IMMEDIATE")
    try:
        level3 = field(window, "dvc_muc_3")
        level3.setFocus()
        level3.selectAll()
        began = time.monotonic()
        qtbot.keyClicks(level3, "7")
        waited = time.monotonic() - began
    finally:
        other.rollback()
        other.close()
    assert level3.text() == "7"
    assert window.save_state.text() == "Chưa lưu 1 ô"
    assert "chương trình khác dùng" in problem_texts(window)[0]
    assert waited < DEFAULT_BUSY_TIMEOUT / 2  # the window froze 5 s at every keystroke
    type_into(qtbot, level3, "700")  # the lock is gone: typing again saves
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 700
    assert window.save_state.text().startswith("Đã lưu")


def test_narratives_get_more_room_than_document_lines(window) -> None:
    """The template says how many lines a text shows: a narrative twice as many as the trích yếu."""
    narrative = field(window, "ha_tang_tinh_hinh")
    summary_line = field(window, "trich_yeu")
    line = narrative.fontMetrics().lineSpacing()
    assert narrative.height() >= summary_line.height() + 3 * line
