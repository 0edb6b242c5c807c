"""The editor's entry point: the application object, Vietnamese, the log, the error handler, the window.

The window is shown before the library is opened (opening imports SQLAlchemy, the slowest part of
start-up): with the report read by ``sqlite3`` alone when it can be, else with a note while the library
opens. python-docx and reportlab are imported when the clerk first exports.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from gui.controllers.server_link import connect_to_server, open_server_at_start, server_was_last
from gui.main_window import MainWindow
from gui.services import APP_TITLE
from gui.support.crash import install_excepthook
from gui.support.gc_guard import collect_on_gui_thread
from gui.support.pyside_none import keep_none_alive
from gui.support.qt_vi import install_vietnamese
from gui.support.settings import default_library_path, open_settings
from model.logfile import log, setup_logging
from model.paths import resource_path
from model.server.scheme import is_server_url

# Families known to hold Vietnamese glyphs, in order of preference, for platforms whose default font
# may lack them (Qt's offscreen platform on a bare Linux). Windows' default (Segoe UI) has them.
_VIETNAMESE_FAMILIES = ("Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial")
_TRANSLATORS: list = []  # kept alive as long as the application


def _application() -> QApplication:
    keep_none_alive()
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    app.setApplicationName("SoanBaoCao")
    app.setApplicationDisplayName(APP_TITLE)
    app.setOrganizationName("SoanBaoCao")
    app.setWindowIcon(QIcon(str(resource_path("icons", "app.png"))))
    collect_on_gui_thread(app)
    if not _TRANSLATORS:
        _TRANSLATORS.extend(install_vietnamese(app))
        _use_vietnamese_font(app)
    return app


def _use_vietnamese_font(app: QApplication) -> None:
    """Keep the platform's font when it draws Vietnamese; otherwise take the first family that does."""
    if QFontDatabase.WritingSystem.Vietnamese in QFontDatabase.writingSystems(app.font().family()):
        return
    for family in _VIETNAMESE_FAMILIES:
        if QFontDatabase.WritingSystem.Vietnamese in QFontDatabase.writingSystems(family):
            font = QFont(family, app.font().pointSize())
            app.setFont(font)
            return


def _write_sample(path: Path) -> None:
    from model.library.sample import write_sample

    write_sample(path).close()


def start_editor(library_path: str | None) -> MainWindow:
    """Create the application (if needed) and the main window on a library, shown and painted.

    A library of the current version is shown from a quick read as the window first appears, and opened
    once it is painted (:meth:`MainWindow.finish_opening`, or earlier should the clerk act first). Any other
    is opened after the window shows, by :meth:`MainWindow.open_at_start`."""
    _application()
    window = MainWindow(open_settings())
    install_excepthook(lambda message: window.dialogs.error(APP_TITLE, message))
    window.restore_layout()
    if library_path and is_server_url(library_path):  # python main.py postgresql://tên@máy/csdl
        window.show()
        QApplication.processEvents()
        setup_logging()
        open_server_at_start(window, library_path)
        return window
    if library_path is None and server_was_last(window.settings):  # signing in again; else the usual start
        window.show()
        QApplication.processEvents()
        setup_logging()
        if not connect_to_server(window):
            window.open_at_start(None, default_library_path(), _write_sample)
        return window
    path = Path(library_path) if library_path else None
    shown = window.show_at_start(path, default_library_path())
    window.show()
    window.activateWindow()
    QApplication.processEvents()
    setup_logging()
    if shown:
        QTimer.singleShot(0, window.finish_opening)
    else:
        window.open_at_start(path, default_library_path(), _write_sample)
        QApplication.processEvents()
    log.info("Khởi động, thư viện %s", window.library_path or "(không có)")
    return window


# tests/benchmarks/bench_frozen_startup.py times the frozen bundle, which cannot run a script: with this
# variable set, the editor writes the wall-clock time its window was shown to that file and quits.
STARTUP_MARK_ENV = "SOANBAOCAO_STARTUP_MARK"


def run_gui(library_path: str | None) -> int:
    window = start_editor(library_path)
    mark = os.environ.get(STARTUP_MARK_ENV)
    if mark:  # the window is painted with the report; the library may still be opening
        Path(mark).write_text(f"{time.time()!r} {window.report_id or ''}", encoding="utf-8")
        window.close()
        return 0
    return QApplication.instance().exec()
