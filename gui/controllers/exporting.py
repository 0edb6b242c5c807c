"""Export actions: DOCX and PDF files, and the print preview (the PDF opened in the system's viewer).

The file is written by ``export.document.service.export_report`` on a pool thread with its own connection to the
library, so the window keeps answering; python-docx and reportlab are first imported there.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction

from gui.support.crash import unexpected_error_message
from gui.support.settings import LAST_EXPORTED_PDF, remember_folder, remembered_folder
from gui.support.workers import run_in_background
from model.logfile import log, log_path
from model.paths import user_data_dir

if TYPE_CHECKING:
    from export.document.service import ExportResult
    from gui.services import WindowServices
    from model.library.opening import LibrarySource

_FOLDER_KEY = "export/folder"
_KIND_NAMES = {"docx": "DOCX (Word)", "pdf": "PDF"}


def status_text(result: ExportResult) -> str:
    """The status bar's short line after an export: the file's name (its folder and the font notice in full are
    in the message box), so nothing is cut off at 1366 pixels."""
    note = " — không có phông Times New Roman trên máy (xem thông báo)" if result.font_notice else ""
    return f"Đã xuất {result.path.name}{note}"


def _write_export(library_path: LibrarySource, report_id: str, out: Path, force: bool) -> ExportResult:
    """Runs on a pool thread: its own library connection, its own imports."""
    from export.document.service import export_report
    from model.library.library import Library

    with Library.open(library_path) as library:
        return export_report(library, report_id, out, force=force)


class ExportController(QObject):
    """The export actions of a main window."""

    def __init__(self, window: WindowServices) -> None:
        super().__init__(window)
        self.window = window
        self.running = False
        self.docx_action = window.make_action("Xuất &DOCX (Word)…", lambda: self.export("docx"), "Ctrl+Shift+D",
                                          "Xuất báo cáo ra tệp Word để chỉnh sửa tiếp", "xuat_docx")
        self.pdf_action = window.make_action("Xuất &PDF…", lambda: self.export("pdf"), "Ctrl+Shift+E",
                                         "Xuất báo cáo ra tệp PDF để gửi hoặc in", "xuat_pdf")
        self.print_action = window.make_action("Xem trước &bản in (PDF)…", self.print_preview, "Ctrl+P",
                                           "Mở bản PDF của báo cáo trong chương trình đọc PDF để xem và in",
                                           "xem_ban_in")

    @property
    def actions(self) -> list[QAction]:
        return [self.docx_action, self.pdf_action, self.print_action]

    def update_enabled(self, has_report: bool) -> None:
        for action in self.actions:
            action.setEnabled(has_report and not self.running)

    # ------------------------------------------------------------------ actions
    def _suggested_name(self, kind: str) -> str:
        from export.document.service import suggested_filename

        return suggested_filename(self.window.library, self.window.report_id, kind)

    def _force_despite_errors(self) -> bool | None:
        """``False`` when the report has no error, ``True`` when the clerk exports anyway, ``None`` to stop."""
        window = self.window
        errors = [p for p in window.problems if p.is_error]
        refused = len(window.form.refused) if window.form else 0
        if not errors and not refused:
            return False
        lines = []
        if errors:
            lines.append(f"Báo cáo còn {len(errors)} lỗi, ví dụ: {errors[0].message}")
        if refused:
            lines.append(f"{refused} ô gõ sai chưa được lưu; văn bản dùng giá trị đã lưu trước đó.")
        lines.append("Văn bản thiếu hoặc sai sẽ bị văn thư trả lại. Vẫn xuất?")
        return True if window.dialogs.confirm("Báo cáo còn lỗi", "\n".join(lines), "Vẫn xuất", "Quay lại sửa") \
            else None

    def export(self, kind: str) -> None:
        window = self.window
        if window.library is None or window.report_id is None or self.running:
            return
        force = self._force_despite_errors()
        if force is None:
            return
        folder = remembered_folder(window.settings, _FOLDER_KEY)
        out = window.dialogs.export_path(kind, folder / self._suggested_name(kind))
        if out is None:
            return
        remember_folder(window.settings, _FOLDER_KEY, out)
        self._start(out, force, lambda result: self._exported(result, kind))

    def print_preview(self) -> None:
        window = self.window
        if window.library is None or window.report_id is None or self.running:
            return
        folder = user_data_dir() / "xem-truoc"
        folder.mkdir(parents=True, exist_ok=True)
        out = Path(tempfile.mkdtemp(prefix="ban-in-", dir=folder)) / self._suggested_name("pdf")
        self._start(out, True, lambda result: window.dialogs.open_file(result.path))

    def _start(self, out: Path, force: bool, done: Callable[[ExportResult], object]) -> None:
        window = self.window
        self.running = True
        self.update_enabled(True)
        window.statusBar().showMessage(f"Đang xuất {out.name}…")
        library_path, report_id = window.library.source, window.report_id

        def finished(result: ExportResult) -> None:
            self._stop()
            window.statusBar().showMessage(status_text(result), 15000 if result.font_notice else 10000)
            done(result)

        run_in_background(lambda _progress: _write_export(library_path, report_id, out, force), finished,
                          self._failed)

    def _stop(self) -> None:
        self.running = False
        self.update_enabled(self.window.report_id is not None)
        self.window.statusBar().clearMessage()

    def _exported(self, result: ExportResult, kind: str) -> None:
        path = result.path
        if kind == "pdf":
            self.window.settings.setValue(LAST_EXPORTED_PDF, str(path))  # what Tệp → Ký số… suggests
        notice = f"\n\nLưu ý: {result.font_notice}" if result.font_notice else ""
        if self.window.dialogs.offer("Đã xuất báo cáo",
                                       f"Đã lưu tệp {_KIND_NAMES[kind]} “{path.name}” vào thư mục:\n{path.parent}"
                                       f"{notice}", "Mở tệp", "Đóng"):
            self.window.dialogs.open_file(path)

    def _failed(self, exc: BaseException) -> None:
        from export.document.service import ExportError
        from model.errors import LibraryError

        self._stop()
        if isinstance(exc, ExportError | LibraryError):  # LibraryError: the library locked, say, or gone
            self.window.dialogs.error("Không xuất được báo cáo", str(exc))
        else:
            log.error("Xuất báo cáo thất bại: %r", exc)
            self.window.dialogs.error("Không xuất được báo cáo", unexpected_error_message(log_path()))
