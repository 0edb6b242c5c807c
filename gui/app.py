"""The editor's entry point: the application object, Vietnamese, the log, the error handler, the window.

The window is shown before the library is opened (opening imports SQLAlchemy, the slowest part of
start-up); python-docx and reportlab are imported when the clerk first exports.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from gui.crash import install_excepthook, log, setup_logging
from gui.main_window import APP_TITLE, MainWindow
from gui.qt_vi import install_vietnamese
from gui.settings import default_library_path, open_settings

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


def run_gui(library_path: str | None) -> int:
    start_editor(library_path)
    return QApplication.instance().exec()
