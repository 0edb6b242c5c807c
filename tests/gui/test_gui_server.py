"""The editor on a server library: signing in, two clerks on one report, the server going away mid-edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from gui.controllers.server_link import ServerDialog, connect_to_server
from gui.support.settings import open_settings
from gui.support.workers import busy
from model.library.library import Library
from model.library.sample import write_sample
from model.paths import user_data_dir
from model.server.copying import upload
from tests.gui import test_gui_editor
from tests.gui.test_gui_editor import field, problem_texts, stored, type_into

start = test_gui_editor.start  # the editor's fixture


def _database(url: str) -> str:
    return url.split("@/", 1)[1].split("?", 1)[0]


def test_the_editor_writes_each_edit_to_the_server(qtbot, start, sample_url: str) -> None:
    window = start(sample_url)
    assert "quý II năm 2018" in window.windowTitle() and _database(sample_url) in window.windowTitle()
    type_into(qtbot, field(window, "dvc_muc_3"), "700")
    assert stored(sample_url, "2018-Q2", "dvc_muc_3") == 700
    assert window.save_state.text().startswith("Đã lưu lúc")


def test_connecting_keeps_the_address_but_never_the_password(qtbot, start, pg_server, sample_url: str,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = start(None)
    answers = {"host": str(pg_server.socket_dir), "port": pg_server.port, "database": _database(sample_url),
               "user": "postgres", "password": "mat-khau-bi-mat"}

    def fill_and_accept(dialog: ServerDialog) -> QDialog.DialogCode:
        dialog.host.setText(answers["host"])
        dialog.port.setValue(answers["port"])
        dialog.database.setText(answers["database"])
        dialog.user.setText(answers["user"])
        dialog.password.setText(answers["password"])
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ServerDialog, "exec", fill_and_accept)
    action = next(a for a in window.file_menu.actions() if a.objectName() == "ket_noi_may_chu")
    assert action.text() == "&Kết nối máy chủ…"
    action.trigger()
    assert window.library is not None and window.library.server is not None
    assert window.report_info.period.text == "quý II năm 2018"
    window.settings.sync()
    saved = (user_data_dir() / "cai-dat.ini").read_text(encoding="utf-8")
    assert answers["database"] in saved and "mat-khau-bi-mat" not in saved
    assert ServerDialog(open_settings()).database.text() == answers["database"]  # offered again next time


def test_the_next_start_asks_to_sign_in_again_where_the_server_was_used_last(qtbot, start, pg_server, sample_url: str,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def sign_in(dialog: ServerDialog) -> QDialog.DialogCode:
        asked.append(dialog.database.text())
        dialog.host.setText(str(pg_server.socket_dir))
        dialog.port.setValue(pg_server.port)
        dialog.database.setText(_database(sample_url))
        dialog.user.setText("postgres")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ServerDialog, "exec", sign_in)
    first = start(None)
    assert first.library.server is None and asked == []  # a file at first, as always
    assert connect_to_server(first) and first.library.server is not None
    second = start(None)
    assert asked[-1] == _database(sample_url)  # the dialog came up at start, the address filled in
    assert second.library.server is not None and second.report_info.period.text == "quý II năm 2018"
    monkeypatch.setattr(ServerDialog, "exec", lambda _dialog: QDialog.DialogCode.Rejected)
    third = start(None)  # the clerk cancels: the file library opens as usual
    assert third.library is not None and third.library.path is not None


def test_the_password_is_never_stored(qtbot, pg_server, sample_url: str) -> None:
    """Never a password or PIN on disk: the address is remembered, the password asked again next time."""
    settings = open_settings()
    dialog = ServerDialog(settings)
    dialog.host.setText("maychu.tinh.gov.vn")
    dialog.user.setText("huyen_anminh")
    dialog.password.setText("mat-khau-bi-mat")
    dialog.remember(settings)
    settings.sync()
    stored = (user_data_dir() / "cai-dat.ini").read_text(encoding="utf-8")
    assert "maychu.tinh.gov.vn" in stored and "mat-khau-bi-mat" not in stored
    again = ServerDialog(settings)
    assert again.host.text() == "maychu.tinh.gov.vn" and again.password.text() == ""


def test_an_edit_overtaken_by_another_clerk_reloads_the_report_and_says_who(qtbot, start, sample_url: str) -> None:
    window = start(sample_url)
    with Library.open(sample_url) as other:
        q2 = other.find_report("2018-Q2").id
        other.set_values(q2, {"dvc_tong": 2016, "dvc_muc_3": 344})
    type_into(qtbot, field(window, "dvc_muc_3"), "7")  # the first keystroke is written, and refused
    title, message = window.dialogs.errors[-1]
    assert title == "Báo cáo vừa được người khác sửa"
    assert "postgres" in message and "Tổng số dịch vụ công trực tuyến" in message
    assert message.endswith("Anh/chị vừa gõ vào “Dịch vụ công mức 3”: 7")
    assert field(window, "dvc_tong").text() == "2.016" and field(window, "dvc_muc_3").text() == "344"
    assert stored(sample_url, "2018-Q2", "dvc_muc_3") == 344  # the other clerk's edit stands
    type_into(qtbot, field(window, "dvc_muc_3"), "700")  # on the reloaded revision the edit goes through
    assert stored(sample_url, "2018-Q2", "dvc_muc_3") == 700


@pytest.mark.slow  # stops and restarts a PostgreSQL server twice: 5 s
def test_the_server_going_away_mid_edit_loses_nothing(qtbot, start, private_server, tmp_path: Path) -> None:
    sample = tmp_path / "mau.db"
    write_sample(sample).close()
    url = private_server.new_database()
    with Library.init_server(url) as library:
        upload(sample, library)
    window = start(url)
    level3 = field(window, "dvc_muc_3")
    private_server.stop()
    type_into(qtbot, level3, "700")
    assert level3.text() == "700"  # what the clerk typed stays on screen
    unsaved = problem_texts(window)[0]
    assert unsaved.startswith("Chưa lưu — Dịch vụ công mức 3: Không kết nối được tới máy chủ")
    assert "sẽ tự ghi khi máy chủ hoạt động lại" in unsaved
    assert window.save_state.text() == "Chưa lưu 1 ô"
    assert len(window.dialogs.errors) == 1
    type_into(qtbot, field(window, "dvc_muc_4"), "70")  # typing on while the server is away: held as well
    private_server.start()
    qtbot.waitUntil(lambda: window.save_state.text().startswith("Đã lưu"), timeout=15000)
    assert stored(url, "2018-Q2", "dvc_muc_3") == 700 and stored(url, "2018-Q2", "dvc_muc_4") == 70
    assert not any(text.startswith("Chưa lưu") for text in problem_texts(window))
    assert level3.text() == "700"
    private_server.stop()
    type_into(qtbot, level3, "702")  # held again
    private_server.start()
    type_into(qtbot, level3, "703")  # the server is back before the next try: saved at once
    window.reconnector.try_again()  # the held 702 must not come back over it
    qtbot.waitUntil(lambda: not busy(), timeout=15000)  # the server answered and the reconnector acted on it
    assert stored(url, "2018-Q2", "dvc_muc_3") == 703 and not window.reconnector.pending
