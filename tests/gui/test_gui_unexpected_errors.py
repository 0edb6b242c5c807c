"""An unexpected error while importing, exporting or opening: the clerk reads the short Vietnamese message, the
details go to the log, the library is unchanged, and the window keeps working."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLineEdit
from reportlab.pdfgen.canvas import Canvas

import model.exchange.dbimport
import model.library.library
from gui.dialogs.exchange import ImportRequest
from gui.support.workers import busy
from model.library.library import Library
from tests.exchange_support import exported_district_file
from tests.gui.test_gui_exchange import ScriptedExchangeDialogs
from tests.gui_support import ScriptedDialogs


@pytest.fixture
def window(qtbot, monkeypatch, sample_path):
    from gui.app import start_editor

    monkeypatch.setattr("gui.main_window.Dialogs", ScriptedDialogs)
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    window.exchange.dialogs = ScriptedExchangeDialogs()
    return window


def _broken(*_args, **_kwargs):
    raise RuntimeError("lỗi lập trình giả lập")


def _told_and_logged(window) -> None:
    from model.logfile import log_path

    _title, text = window.dialogs.errors[-1]
    assert "lỗi ngoài dự kiến" in text and "RuntimeError" not in text and "Traceback" not in text
    assert "lỗi lập trình giả lập" in log_path().read_text(encoding="utf-8")


def _still_edits(qtbot, window, sample_path: Path) -> None:
    """The window answers: a figure typed is saved."""
    field = window.findChild(QLineEdit, "htth_diem_cau")
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "23")
    field.editingFinished.emit()
    with Library.open(sample_path) as library:
        assert library.values(window.report_id)["htth_diem_cau"] == 23


def test_unexpected_error_during_import(qtbot, window, monkeypatch, sample_path, tmp_path) -> None:
    from model.logfile import setup_logging

    setup_logging()
    received = exported_district_file(tmp_path)
    before = sample_path.read_bytes()
    with Library.open(sample_path) as library:
        reports_before = library.reports()
    # deep inside the import, after the received report's rows went into the transaction: the GUI's worker, the
    # import and its rollback all run for real
    monkeypatch.setattr(model.exchange.dbimport._LibraryIndex, "put_report", _broken)
    window.exchange.dialogs.import_answer = ImportRequest((received,), "skip")
    window.exchange.import_action.trigger()
    qtbot.waitUntil(lambda: not busy(), timeout=30000)
    qtbot.waitUntil(lambda: bool(window.dialogs.errors), timeout=30000)
    _told_and_logged(window)
    assert sample_path.read_bytes() == before
    with Library.open(sample_path) as library:
        assert library.reports() == reports_before
    assert not window.exchange.running and window.exchange.import_action.isEnabled()
    _still_edits(qtbot, window, sample_path)


def test_unexpected_error_during_export(qtbot, window, monkeypatch, sample_path, tmp_path) -> None:
    # deep inside the PDF writer, while reportlab lays out the first page: the worker, the library read, the
    # document build and the temporary file's cleanup all run for real
    monkeypatch.setattr(Canvas, "showPage", _broken)
    window.dialogs.export_answer = tmp_path / "bao-cao.pdf"
    window.exports.pdf_action.trigger()
    qtbot.waitUntil(lambda: not busy(), timeout=30000)
    qtbot.waitUntil(lambda: bool(window.dialogs.errors), timeout=30000)
    _told_and_logged(window)
    assert not (tmp_path / "bao-cao.pdf").exists()
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".pdf"]  # nor a hidden temporary file
    assert not window.exports.running and window.exports.pdf_action.isEnabled()
    _still_edits(qtbot, window, sample_path)


def test_unexpected_error_while_opening_keeps_the_library_shown(qtbot, window, monkeypatch, sample_path,
                                                                tmp_path) -> None:
    from model.library.sample import write_sample

    other = tmp_path / "khac.db"
    write_sample(other).close()
    before = other.read_bytes()
    shown = window.report_id
    # while the opened library's reports are read: Library.open and its checks run for real
    monkeypatch.setattr(model.library.library, "report_info_of", _broken)
    assert window.open_library(other) is False
    _told_and_logged(window)
    monkeypatch.undo()
    assert other.read_bytes() == before
    assert window.library.path == sample_path and window.report_id == shown
    _still_edits(qtbot, window, sample_path)
