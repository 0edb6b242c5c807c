"""The editor's start: a library of the current version is shown from a quick sqlite3 read, and the real
Library is opened once the window is painted, or at once when the clerk edits or acts before that."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from gui.support.settings import last_library
from model.library.library import Library
from tests.gui_support import ScriptedDialogs
from tests.locations import FIXTURES


@pytest.fixture
def start(qtbot, monkeypatch):
    """Start the editor on a path with scripted dialogs. ``start(path, later=False)`` keeps the library from
    being opened after the first paint, as when the clerk acts before Qt gets to it."""
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)

    def starter(path: Path, later: bool = True):
        if not later:
            monkeypatch.setattr("gui.app.QTimer.singleShot", lambda *_args: None)
        window = start_editor(str(path))
        qtbot.addWidget(window)
        return window
    return starter


def editor(window, key: str) -> QLineEdit:
    widget = window.findChild(QLineEdit, key)
    assert widget is not None, key
    return widget


def stored(path: Path, period: str, key: str):
    with Library.open(path) as library:
        return library.values(library.find_report(period).id).get(key)


def test_the_report_is_shown_before_the_library_opens_and_the_library_opens_after(qtbot, start, sample_path):
    window = start(sample_path)
    assert window.opening  # shown from the quick read
    assert "quý II năm 2018" in window.windowTitle() and sample_path.name in window.windowTitle()
    assert editor(window, "dvc_tong").text() == "1.972"
    assert window.problem_count.text() == "Không có lỗi"
    assert window.library_pane.tree.topLevelItemCount() == 1
    assert window.new_report_action.isEnabled() and window.exports.pdf_action.isEnabled()
    shown = window.report_id

    qtbot.waitUntil(lambda: not window.opening)
    assert window.library is not None and window.library.path == sample_path
    assert window.report_id == shown and editor(window, "dvc_tong").text() == "1.972"
    assert last_library(window.settings) == sample_path.resolve()
    assert window.dialogs.errors == []


def test_the_first_edit_before_the_library_opens_is_written_and_undoable(qtbot, start, sample_path):
    window = start(sample_path, later=False)
    assert window.opening
    level3 = editor(window, "dvc_muc_3")
    level3.setFocus()
    level3.selectAll()
    qtbot.keyClicks(level3, "700")
    assert not window.opening  # the edit opened the library
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 700
    assert level3.property("problem") == "error" and window.problem_count.text().startswith("1 lỗi")
    qtbot.keyClick(level3, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(sample_path, "2018-Q2", "dvc_muc_3") == 656 and level3.text() == "656"


def test_an_action_before_the_library_opens_opens_it(start, sample_path):
    window = start(sample_path, later=False)
    window.dialogs.period_answer = window.report_info.period.next()
    window.duplicate_action.trigger()
    assert not window.opening
    assert "quý III năm 2018" in window.windowTitle()
    with Library.open(sample_path) as library:
        assert len(library.reports()) == 3


def test_a_library_changed_since_the_quick_read_is_shown_afresh(start, sample_path):
    window = start(sample_path, later=False)
    with Library.open(sample_path) as library:
        library.set_typed(library.find_report("2018-Q2").id, {"dvc_tong": "2000"})
    window.finish_opening()
    assert editor(window, "dvc_tong").text() == "2.000"
    assert any("2.000" in window.problems_panel.item(row).text() for row in range(window.problems_panel.count()))


def test_a_library_that_no_longer_opens_is_explained_and_nothing_is_shown(start, sample_path):
    window = start(sample_path, later=False)
    sample_path.write_bytes(b"not a library any more" * 200)
    window.finish_opening()
    title, message = window.dialogs.errors[-1]
    assert title == "Không mở được thư viện" and sample_path.name in message
    assert window.report_id is None and window.library is None and not window.opening
    assert window.pages.currentWidget() is window.empty_note
    assert not window.new_report_action.isEnabled()


def test_a_library_needing_migration_is_opened_as_before(start, tmp_path):
    older = tmp_path / "cu.db"
    shutil.copy(FIXTURES / "library_v1.db", older)
    window = start(older)
    assert not window.opening  # the quick read stepped aside: Library migrated it
    assert window.library is not None and window.library.path == older
    assert "quý II năm 2018" in window.windowTitle()
    assert editor(window, "dvc_tong").text() == "1.972"
    assert window.dialogs.errors == []


def test_a_library_with_only_issued_reports_shows_the_last_one_read_only(qtbot, start, sample_path):
    with Library.open(sample_path) as library:
        for info in library.reports():
            library.set_status(info.id, "issued")
    window = start(sample_path)
    assert window.opening and "quý II năm 2018" in window.windowTitle()
    assert editor(window, "dvc_tong").isReadOnly() and window.banner.isVisibleTo(window)
    qtbot.waitUntil(lambda: not window.opening)
    assert editor(window, "dvc_tong").isReadOnly()


def test_an_empty_library_says_so(start, tmp_path):
    Library.create(tmp_path / "trong.db").close()
    window = start(tmp_path / "trong.db", later=False)
    assert window.opening and window.report_id is None
    assert "chưa có báo cáo" in window.empty_note.text()
    window.finish_opening()
    assert window.library is not None and "chưa có báo cáo" in window.empty_note.text()


def test_marking_a_figure_moves_nothing_on_the_form(qtbot, start, sample_path):
    window = start(sample_path)
    window.resize(1366, 768)
    QApplication.processEvents()
    fields = [window.findChild(QWidget, key) for key in ("dvc_tong", "dvc_muc_3", "dvc_muc_4", "dvc_ho_so_truc_tuyen")]
    before = [f.geometry() for f in fields]
    level3 = editor(window, "dvc_muc_3")
    level3.setFocus()
    level3.selectAll()
    qtbot.keyClicks(level3, "700")
    QApplication.processEvents()
    assert level3.property("problem") == "error" and editor(window, "dvc_tong").property("problem") == "error"
    assert [f.geometry() for f in fields] == before


def test_an_error_before_the_log_is_set_up_is_logged(monkeypatch):
    import sys

    from gui.support.crash import install_excepthook
    from model.logfile import log_path

    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    shown: list[str] = []
    install_excepthook(shown.append)
    assert not log_path().exists()  # the editor sets the log up once its window is painted
    try:
        raise ValueError("lỗi trước khi cửa sổ hiện")
    except ValueError:
        sys.excepthook(*sys.exc_info())
    assert "lỗi trước khi cửa sổ hiện" in log_path().read_text(encoding="utf-8")
    assert shown and "Traceback" not in shown[0]
