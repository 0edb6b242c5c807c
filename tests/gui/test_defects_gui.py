"""Issue 21, the editor at 1366×768: keys to move between the form, the preview and the problems; the date picker
at the report's period; success messages with the information icon; the export's status line in full; long office
names readable; signing that asks before overwriting and shows it is busy."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QTextBrowser

from gui.support.workers import busy
from tests import signing_support as pki
from tests.gui_support import ScriptedDialogs
from tests.signing_support import Kit, make_kit


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    qtbot.waitExposed(window)
    return window


def _press(qtbot, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """A key pressed where the focus is, as the clerk presses it."""
    target = QApplication.focusWidget()
    assert target is not None
    qtbot.keyClick(target, key, modifiers)


def test_f5_toggles_between_the_form_and_the_preview(qtbot, window) -> None:
    window.form.editors["dvc_tong"].setFocus()
    _press(qtbot, Qt.Key.Key_F5)
    assert window.tabs.currentWidget() is window.preview_tab
    window.findChild(QTextBrowser, "xem_truoc").setFocus()  # reading the preview
    _press(qtbot, Qt.Key.Key_F5)
    assert window.tabs.currentIndex() == 0


@pytest.mark.parametrize(("key", "modifiers"), [
    (Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier),
    (Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier),
])
def test_ctrl_tab_and_ctrl_page_keys_switch_tabs_from_the_preview_and_the_form(qtbot, window, key, modifiers) -> None:
    field = window.form.editors["dvc_tong"]
    field.setFocus()
    _press(qtbot, key, modifiers)
    assert window.tabs.currentWidget() is window.preview_tab
    window.findChild(QTextBrowser, "xem_truoc").setFocus()
    _press(qtbot, key, modifiers)
    assert window.tabs.currentIndex() == 0


def test_f8_goes_to_the_problems_and_the_menus_say_the_keys(qtbot, window) -> None:
    window.form.editors["dvc_tong"].setFocus()
    window.form.editors["dvc_tong"].selectAll()
    qtbot.keyClicks(window.form.editors["dvc_tong"], "5")  # a sum that no longer adds up: a problem listed
    qtbot.keyClick(window.form.editors["dvc_tong"], Qt.Key.Key_Return)
    assert window.problems_panel.count()
    _press(qtbot, Qt.Key.Key_F8)
    assert QApplication.focusWidget() is window.problems_panel and window.problems_panel.currentRow() == 0
    view = next(action.menu() for action in window.menuBar().actions() if action.text() == "&Xem")
    shown = {action.text(): action.shortcut().toString() for action in view.actions()}
    assert shown["&Xem trước văn bản / quay lại nội dung"] == "F5"
    assert shown["Thẻ &tiếp theo (Ctrl+Tab, Ctrl+PgDown)"] == "Ctrl+Tab"
    assert shown["Thẻ t&rước (Ctrl+Shift+Tab, Ctrl+PgUp)"] == "Ctrl+Shift+Tab"
    assert shown["Đến danh sách &lỗi và cảnh báo"] == "F8"
    assert "F8" in window.problems_title.text()


def test_the_date_picker_opens_at_the_reports_period(qtbot, window) -> None:
    q2 = window.library.find_report("2018-Q2").id
    window.library.set_values(q2, {"ngay_ban_hanh": None})
    window.show_report(q2)
    picker = window.form.editors["ngay_ban_hanh"]
    picker.open_calendar()
    calendar = picker.calendar
    assert calendar is not None
    assert (calendar.yearShown(), calendar.monthShown()) == (2018, 6)  # quý II/2018 ends in June, not today
    calendar.close()


def test_success_messages_show_the_information_icon(monkeypatch) -> None:
    from gui.dialogs.modal import Dialogs

    shown: list[QMessageBox.Icon] = []

    def record(box: QMessageBox) -> int:
        shown.append(box.icon())
        return 0

    monkeypatch.setattr(QMessageBox, "exec", record)
    dialogs = Dialogs(None)
    dialogs.offer("Đã xuất báo cáo", "Đã lưu tệp PDF", "Mở tệp")
    dialogs.confirm("Xóa báo cáo", "Xóa hẳn?", "Xóa")
    assert shown == [QMessageBox.Icon.Information, QMessageBox.Icon.Question]


def test_the_export_says_done_with_an_information_box_and_a_status_line_in_full(qtbot, window, tmp_path) -> None:
    deep = tmp_path / "Tài liệu của văn thư" / "Báo cáo định kỳ" / "Chính phủ điện tử năm 2018" / "Quý II"
    deep.mkdir(parents=True)
    window.dialogs.confirm_answer = False
    window.dialogs.export_answer = deep / "BC-154-UBND-2018-Q2.pdf"
    window.exports.pdf_action.trigger()
    qtbot.waitUntil(lambda: not busy() and bool(window.dialogs.offers), timeout=60000)
    assert window.dialogs.offers == ["Đã xuất báo cáo"]
    bar = window.statusBar()
    message = bar.currentMessage()
    assert message.startswith("Đã xuất BC-154-UBND-2018-Q2.pdf")
    room = bar.width() - sum(w.width() for w in (window.save_state, window.problem_count)) - 24
    assert bar.fontMetrics().horizontalAdvance(message) <= room, (message, room)


def test_a_long_office_name_is_read_in_full(qtbot, window) -> None:
    from model.vietnamese.period import Period

    library = window.library
    office = library.add_organization("Ủy ban nhân dân huyện U Minh Thượng", "ỦY BAN NHÂN DÂN\nHUYỆN U MINH THƯỢNG",
                                      "Kiên Giang")
    report = library.create_report(office, Period(2018, 2))
    window.open_library(Path(library.source))
    window.show_report(report)
    tree = window.library_pane.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    item = next(i for i in items if i.toolTip(0) == "Ủy ban nhân dân huyện U Minh Thượng")
    assert item.text(0) == "UBND huyện U Minh Thượng"
    text_room = tree.visualItemRect(item).width()
    assert tree.fontMetrics().horizontalAdvance(item.text(0)) + 8 <= text_room  # not elided ("U Minh Thư…")


# ---------------------------------------------------------------------------------------------- signing
@pytest.fixture(scope="module")
def kit(tmp_path_factory: pytest.TempPathFactory) -> Kit:
    return make_kit(tmp_path_factory.mktemp("ky-so-21-gui"))


def _dialog(qtbot, tmp_path: Path, kit: Kit, answers: list[bool]):
    from gui.dialogs.signing import SignDialog

    asked: list[str] = []

    def confirm(title: str, text: str, yes: str, no: str) -> bool:
        asked.append(text)
        return answers.pop(0)

    dialog = SignDialog(QSettings(str(tmp_path / "cai-dat.ini"), QSettings.Format.IniFormat), None, confirm)
    qtbot.addWidget(dialog)
    dialog.show()
    source = tmp_path / "BC-154-UBND-2018-Q2.pdf"
    source.write_bytes(kit.report.read_bytes())
    dialog.source.set_path(source)
    dialog.use_file.setChecked(True)
    dialog.key_file.set_path(kit.signer_p12)
    dialog.image.set_path("")
    return dialog, asked


def test_signing_over_an_existing_file_asks_first(qtbot, kit, tmp_path) -> None:
    dialog, asked = _dialog(qtbot, tmp_path, kit, [False, True])
    target = dialog.target.path()
    target.write_bytes(b"%PDF- the signed copy of yesterday")
    dialog.secret.setText(pki.P12_PASSWORD)
    dialog.accept()
    assert asked and "BC-154-UBND-2018-Q2-da-ky.pdf" in asked[0] and "Ghi đè" in asked[0]
    assert target.read_bytes() == b"%PDF- the signed copy of yesterday" and dialog.isVisible()
    assert dialog.message.text().startswith("Chưa ký: hãy chọn tên khác")
    dialog.secret.setText(pki.P12_PASSWORD)
    dialog.accept()
    assert len(asked) == 2 and dialog.signed == target and not dialog.isVisible()
    assert target.read_bytes().startswith(kit.report.read_bytes())


def test_the_dialog_shows_it_is_busy_while_signing(qtbot, kit, tmp_path, monkeypatch) -> None:
    import export.signing.sign

    dialog, asked = _dialog(qtbot, tmp_path, kit, [])
    real = export.signing.sign.sign_pdf
    seen: list[tuple[bool, bool, str]] = []

    def watched(*args, **kwargs):
        seen.append((dialog.busy.isVisible(), dialog.buttons.isEnabled(), dialog.busy.text()))
        return real(*args, **kwargs)

    monkeypatch.setattr(export.signing.sign, "sign_pdf", watched)
    dialog.secret.setText(pki.P12_PASSWORD)
    dialog.accept()
    assert seen == [(True, False, "Đang ký số… (lần ký đầu tiên có thể mất vài giây)")]
    assert not asked and dialog.signed is not None
    assert not dialog.busy.isVisible() and dialog.buttons.isEnabled()


def test_the_verify_dialog_blames_the_changed_content_not_the_certificate(qtbot, kit, tmp_path) -> None:
    from export.signing.certificates import load_pkcs12
    from export.signing.sign import SIGNER, sign_pdf
    from gui.dialogs.signing import VerifyDialog

    signed = sign_pdf(kit.report, tmp_path / "ky.pdf", SIGNER, load_pkcs12(kit.signer_p12, pki.P12_PASSWORD))
    data = bytearray(signed.read_bytes())
    data[2000] ^= 0x01
    changed = tmp_path / "sua.pdf"
    changed.write_bytes(bytes(data))
    settings = QSettings(str(tmp_path / "cai-dat.ini"), QSettings.Format.IniFormat)
    settings.setValue("ky_so/thu_muc_tin_cay", str(kit.ca_pem))
    dialog = VerifyDialog(settings, None, changed)
    qtbot.addWidget(dialog)
    assert [dialog.table.item(0, column).text() for column in (3, 4)] == ["KHÔNG KHỚP NỘI DUNG (tệp đã bị sửa)",
                                                                          "tin cậy"]
    assert dialog.summary.text() == ("1/1 chữ ký số KHÔNG đạt: nội dung văn bản đã bị sửa sau khi ký (chữ ký không "
                                     "còn khớp).")
