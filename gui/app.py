"""The editor's entry point: the application object, Vietnamese, the log, the error handler, the window.

The window is shown before the library is opened (opening imports SQLAlchemy, the slowest part of
start-up); python-docx and reportlab are imported when the clerk first exports.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase, QIcon
from PySide6.QtWidgets import QApplication

from gui.crash import install_excepthook, log, setup_logging
from gui.gc_guard import collect_on_gui_thread
from gui.main_window import APP_TITLE, MainWindow
from gui.qt_vi import install_vietnamese
from gui.settings import default_library_path, open_settings
from model.paths import resource_path

# Families known to hold Vietnamese glyphs, in order of preference, for platforms whose default font
# may lack them (Qt's offscreen platform on a bare Linux). Windows' default (Segoe UI) has them.
_VIETNAMESE_FAMILIES = ("Segoe UI", "Noto Sans", "DejaVu Sans", "Liberation Sans", "Arial")
_TRANSLATORS: list = []  # kept alive as long as the application


def _application() -> QApplication:
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
    from model.sample import write_sample

    write_sample(path).close()


def start_editor(library_path: str | None) -> MainWindow:
    """Create the application (if needed) and the main window on a library, shown."""
    _application()
    setup_logging()
    window = MainWindow(open_settings())
    install_excepthook(lambda message: window.dialogs.error(APP_TITLE, message))
    window.restore_layout()
    window.show()  # at once, before the library (and SQLAlchemy) loads: start-up feels instant
    window.activateWindow()
    QApplication.processEvents()
    window.open_at_start(Path(library_path) if library_path else None, default_library_path(), _write_sample)
    log.info("Khởi động, thư viện %s", window.library.path if window.library else "(không có)")
    return window


# tests/benchmarks/bench_frozen_startup.py times the frozen bundle, which cannot run a script: with this
# variable set, the editor writes the wall-clock time its window was shown to that file and quits.
STARTUP_MARK_ENV = "SOANBAOCAO_STARTUP_MARK"


def run_gui(library_path: str | None) -> int:
    window = start_editor(library_path)
    mark = os.environ.get(STARTUP_MARK_ENV)
    if mark:
        QApplication.processEvents()
        Path(mark).write_text(f"{time.time()!r} {window.report_id or ''}", encoding="utf-8")
        window.close()
        return 0
    return QApplication.instance().exec()
