"""File → Xuất tệp .db / Nhập tệp .db / Tổng hợp báo cáo các đơn vị, as a clerk uses them in the editor."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QProgressDialog, QPushButton

import gui.controllers.exchange
from gui.dialogs.exchange import (
    ChooseReportsDialog,
    ConsolidateDialog,
    ConsolidationRequest,
    ImportDialog,
    ImportRequest,
    ResultDialog,
    ResultGroup,
)
from gui.support.workers import busy
from model.library.library import Library
from model.progress import Progress
from model.vietnamese.period import Period
from tests.exchange_support import DISTRICTS, PROVINCE, Q2, exported_district_file, province_with_districts
from tests.gui_support import ScriptedDialogs


class ScriptedExchangeDialogs:
    """Stands in for :class:`gui.dialogs.exchange.ExchangeDialogs`."""

    def __init__(self) -> None:
        self.reports_answer: list[str] | None = None
        self.reports_offered: list[tuple[list[str], set[str]]] = []
        self.send_answer: Path | None = None
        self.import_answer: ImportRequest | None = None
        self.consolidation_answer: ConsolidationRequest | None = None
        self.consolidation_asked: list[tuple[str | None, Period, list[str]]] = []
        self.results: list[tuple[str, str, list[ResultGroup]]] = []

    def choose_reports(self, reports, checked: set[str]) -> list[str] | None:
        self.reports_offered.append(([r.id for r in reports], checked))
        return self.reports_answer

    def send_path(self, suggested: Path) -> Path | None:
        return self.send_answer

    def import_request(self, directory: Path) -> ImportRequest | None:
        return self.import_answer

    def consolidation_request(self, organizations, office_id, period, candidates) -> ConsolidationRequest | None:
        self.consolidation_asked.append((office_id, period, [r.id for r in candidates(office_id, period)]))
        return self.consolidation_answer

    def show_result(self, title: str, summary: str, groups: Sequence[ResultGroup]) -> None:
        self.results.append((title, summary, list(groups)))


def _editor(qtbot, monkeypatch, library_path: Path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    window = start_editor(str(library_path))
    qtbot.addWidget(window)
    window.exchange.dialogs = ScriptedExchangeDialogs()
    return window


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    return _editor(qtbot, monkeypatch, sample_path)


@pytest.fixture
def province_window(qtbot, monkeypatch, tmp_path):
    library, province_id, reports = province_with_districts(tmp_path / "tinh.db")
    library.close()
    return _editor(qtbot, monkeypatch, tmp_path / "tinh.db"), province_id, reports


def wait(qtbot) -> None:
    qtbot.waitUntil(lambda: not busy(), timeout=60000)


def _blocking_at(monkeypatch, name: str, step: int) -> tuple[threading.Event, threading.Event]:
    """Make the background ``gui.controllers.exchange.<name>`` stop at progress ``step`` until the test lets it go."""
    reached, release = threading.Event(), threading.Event()
    real = getattr(gui.controllers.exchange, name)

    def held(*args):
        progress: Progress = args[-1]

        def report(done: int, total: int) -> None:
            progress.report(done, total)
            if done == step:
                reached.set()
                release.wait(30)

        return real(*args[:-1], Progress(report=report, cancelled=progress.cancelled))

    monkeypatch.setattr(gui.controllers.exchange, name, held)
    return reached, release


def _press_cancel(qtbot, dialog: QProgressDialog) -> None:
    (button,) = [b for b in dialog.findChildren(QPushButton) if b.text() == "Hủy"]
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_file_menu_has_the_exchange_actions_before_quit(window) -> None:
    names = [a.objectName() for a in window.file_menu.actions()]
    assert names.index("xuat_tep_db") < names.index("nhap_tep_db") < names.index("tong_hop") < names.index("thoat")
    texts = {a.objectName(): a.text() for a in window.file_menu.actions()}
    assert texts["xuat_tep_db"] == "Xuất tệp .&db để gửi…" and texts["nhap_tep_db"] == "&Nhập tệp .db…"


def test_export_then_import_round_trip(qtbot, window, tmp_path) -> None:
    dialogs = window.exchange.dialogs
    dialogs.reports_answer = [window.report_id]
    dialogs.send_answer = tmp_path / "gui-di.db"
    window.exchange.export_action.trigger()
    assert dialogs.reports_offered[0][1] == {window.report_id}  # the report shown is checked by default
    wait(qtbot)
    assert "Đã ghi 1 báo cáo" in window.dialogs.infos[-1][1]
    with Library.create(tmp_path / "nhan.db") as received:
        from model.exchange.dbimport import import_files

        assert import_files(received, [tmp_path / "gui-di.db"]).written == 1
        assert received.values(window.report_id) == window.library.values(window.report_id)


def test_import_shows_each_file_and_refreshes_the_library(qtbot, window, tmp_path) -> None:
    good = exported_district_file(tmp_path, "An Minh")
    bad = tmp_path / "hong.db"
    bad.write_bytes(b"not a database at all" * 20)
    window.exchange.dialogs.import_answer = ImportRequest((good, bad), "skip")
    window.exchange.import_action.trigger()
    wait(qtbot)
    title, summary, groups = window.exchange.dialogs.results[-1]
    assert title == "Kết quả nhập tệp .db"
    assert summary == "Đã nhập 1 báo cáo từ 1/2 tệp. 1 tệp bị từ chối (tô đỏ) và không làm thay đổi thư viện."
    assert groups[0].heading == "gui-tinh.db: thêm 1, cập nhật 0, bỏ qua 0" and not groups[0].refused
    assert groups[0].lines == ("Thêm mới: Ủy ban nhân dân huyện An Minh — quý II năm 2018",)
    assert groups[1].refused and "Không phải tệp dữ liệu SQLite" in groups[1].heading
    offices = {window.library_pane.tree.topLevelItem(i).toolTip(0)  # the full name (the line says "UBND …")
               for i in range(window.library_pane.tree.topLevelItemCount())}
    assert "Ủy ban nhân dân huyện An Minh" in offices
    assert window.exchange.import_action.isEnabled()


def test_cancelled_import_leaves_the_library_unchanged(qtbot, window, monkeypatch, sample_path, tmp_path) -> None:
    files = tuple(exported_district_file(tmp_path, f"Số {i}") for i in range(6))
    reached, release = _blocking_at(monkeypatch, "_import", 3)
    before = sample_path.read_bytes()
    window.exchange.dialogs.import_answer = ImportRequest(files, "skip")
    window.exchange.import_action.trigger()
    assert reached.wait(30)
    dialog = window.findChild(QProgressDialog, "tien_trinh")
    qtbot.waitUntil(lambda: dialog.value() == 3)
    assert dialog.maximum() == 6 and "6 tệp" in dialog.labelText()
    assert not window.exchange.import_action.isEnabled()
    _press_cancel(qtbot, dialog)
    release.set()
    wait(qtbot)
    assert window.dialogs.infos[-1] == ("Đã hủy", "Đã hủy theo yêu cầu; thư viện giữ nguyên như trước.")
    assert sample_path.read_bytes() == before
    assert window.exchange.dialogs.results == []


def test_consolidation_creates_and_shows_the_draft(qtbot, province_window) -> None:
    window, province_id, reports = province_window
    dialogs = window.exchange.dialogs
    dialogs.consolidation_answer = ConsolidationRequest(province_id, Q2, tuple(reports))
    window.exchange.consolidate_action.trigger()
    office, period, offered = dialogs.consolidation_asked[0]
    assert office == province_id  # a district's report is shown: its parent is the office offered
    assert period == Q2 and set(offered) == set(reports)
    wait(qtbot)
    assert window.report_info.organization_name == PROVINCE
    assert window.values["dvc_tong"] == sum(d["dvc_tong"] for d in DISTRICTS.values())
    assert window.values["mot_cua_huyen_ty_le"] == 75
    title, summary, groups = dialogs.results[-1]
    assert title == "Đã tổng hợp báo cáo" and "tổng hợp từ 3 đơn vị" in summary
    assert groups and groups[0].lines


def test_cancelled_consolidation_leaves_the_library_unchanged(qtbot, province_window, monkeypatch) -> None:
    window, province_id, reports = province_window
    path = window.library.path
    before = path.read_bytes()
    reached, release = _blocking_at(monkeypatch, "_consolidate", 0)
    window.exchange.dialogs.consolidation_answer = ConsolidationRequest(province_id, Q2, tuple(reports))
    window.exchange.consolidate_action.trigger()
    assert reached.wait(30)
    _press_cancel(qtbot, window.findChild(QProgressDialog, "tien_trinh"))
    release.set()
    wait(qtbot)
    assert window.dialogs.infos[-1][0] == "Đã hủy"
    assert path.read_bytes() == before


def test_consolidation_refusal_is_told(qtbot, province_window) -> None:
    window, province_id, reports = province_window
    window.exchange.dialogs.consolidation_answer = ConsolidationRequest(province_id, Period(2018, 1), tuple(reports))
    window.exchange.consolidate_action.trigger()
    wait(qtbot)
    assert window.dialogs.errors[-1][0] == "Không thực hiện được"
    assert "không phải quý I năm 2018" in window.dialogs.errors[-1][1]


def test_consolidating_again_asks_before_replacing_the_draft(qtbot, province_window) -> None:
    window, province_id, reports = province_window
    window.exchange.dialogs.consolidation_answer = ConsolidationRequest(province_id, Q2, tuple(reports))
    window.exchange.consolidate_action.trigger()
    wait(qtbot)
    first = window.report_id
    window.dialogs.confirm_answer = False
    window.exchange.consolidate_action.trigger()
    assert "đã có dự thảo báo cáo quý II năm 2018" in window.dialogs.confirms[-1]
    assert [r.id for r in window.library.reports() if r.organization_id == province_id] == [first]
    window.dialogs.confirm_answer = True
    window.exchange.consolidate_action.trigger()
    wait(qtbot)
    parents = [r.id for r in window.library.reports() if r.organization_id == province_id]
    assert len(parents) == 1 and parents[0] != first and window.report_id == parents[0]


# ---------------------------------------------------------------- the dialogs themselves
def _ok(buttons: QDialogButtonBox):
    return buttons.button(QDialogButtonBox.StandardButton.Ok)


def test_consolidate_dialog_preselects_sub_units(qtbot, tmp_path) -> None:
    library, province_id, reports = province_with_districts(tmp_path / "tinh.db")
    with library:
        from model.exchange.consolidation import candidate_sources

        candidates: Callable = lambda office, period: candidate_sources(library, office, period)  # noqa: E731
        dialog = ConsolidateDialog(library.organizations(), province_id, Q2, candidates)
        qtbot.addWidget(dialog)
        assert dialog.sources.count() == 3 and set(dialog.sources.checked_ids()) == set(reports)
        assert dialog.count.text() == "Đã chọn 3/3 báo cáo." and _ok(dialog.buttons).isEnabled()
        dialog.sources.item(0).setCheckState(Qt.CheckState.Unchecked)
        assert dialog.count.text() == "Đã chọn 2/3 báo cáo."
        request = dialog.request()
        assert (request.office_id, request.period, len(request.source_ids)) == (province_id, Q2, 2)
        dialog.picker.quarter.setCurrentIndex(0)  # quý I: no sub-unit report
        assert dialog.sources.count() == 0 and not _ok(dialog.buttons).isEnabled()
        assert "Chưa có báo cáo nào" in dialog.count.text()
        dialog.resize(640, 480)
        dialog.picker.quarter.setCurrentIndex(1)
        dialog.grab().save(str(tmp_path / "tong-hop.png"))


def test_import_dialog_takes_files_and_a_conflict_choice(qtbot, tmp_path) -> None:
    more = [tmp_path / "c.db"]
    dialog = ImportDialog([tmp_path / "a.db", tmp_path / "b.db"], lambda: more)
    qtbot.addWidget(dialog)
    assert dialog.request() == ImportRequest((tmp_path / "a.db", tmp_path / "b.db"), "skip")
    dialog.findChild(type(dialog.conflict.buttons()[0]), "trung_replace").setChecked(True)
    dialog._add()
    dialog.files.item(0).setSelected(True)
    dialog._remove()
    assert dialog.request() == ImportRequest((tmp_path / "b.db", tmp_path / "c.db"), "replace")
    dialog.files.selectAll()
    dialog._remove()
    assert not _ok(dialog.buttons).isEnabled()


def test_choose_reports_dialog_needs_one_report(qtbot, sample_library) -> None:
    reports = sample_library.reports()
    dialog = ChooseReportsDialog(reports, {reports[1].id})
    qtbot.addWidget(dialog)
    assert dialog.reports.checked_ids() == [reports[1].id] and _ok(dialog.buttons).isEnabled()
    dialog.reports.set_all(Qt.CheckState.Unchecked)
    assert not _ok(dialog.buttons).isEnabled()


def test_result_dialog_marks_refused_files(qtbot) -> None:
    dialog = ResultDialog("Kết quả", "Đã nhập 1 báo cáo từ 1/2 tệp.",
                          [ResultGroup("a.db: thêm 1", ("Thêm mới: X <Y>",)), ResultGroup("b.db: TỪ CHỐI", (), True)])
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText().split("\n") == ["a.db: thêm 1", "Thêm mới: X <Y>", "b.db: TỪ CHỐI"]
    assert 'color:#b71c1c' in dialog.text.toHtml().replace(" ", "")


def test_files_of_the_same_name_are_told_apart(tmp_path) -> None:
    from model.exchange.dbimport import FileResult, ImportResult

    first, second = tmp_path / "a" / "gui-tinh.db", tmp_path / "b" / "gui-tinh.db"
    result = ImportResult([FileResult(first), FileResult(second, refused="Hỏng.")])
    _, groups = gui.controllers.exchange.import_summary(result)
    assert groups[0].heading.startswith(f"{first}: thêm 0")
    assert groups[1].heading.startswith(f"{second}: TỪ CHỐI — Hỏng.")
