"""Long work with a progress bar and a Cancel button (import of .db files, consolidation).

The work runs on a pool thread with its own library connection and receives a
:class:`model.progress.Progress`; its reports move the bar, and Cancel sets a flag the model reads
between steps, raising :class:`model.progress.Cancelled` before anything is committed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QProgressDialog, QWidget

from gui.support.workers import run_in_background
from model.progress import Progress

_SHOW_AFTER_MS = 300
"""Work done sooner shows no dialog at all (no flash)."""


def run_with_progress(parent: QWidget, title: str, label: str, work: Callable[[Progress], Any],
                      on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None]) -> QProgressDialog:
    """Run ``work(progress)`` off the GUI thread behind a window-modal progress dialog with “Hủy”.

    ``on_done`` / ``on_failed`` are called on the GUI thread once the dialog is closed; a cancelled
    work arrives in ``on_failed`` as :class:`model.progress.Cancelled`.
    """
    stop = threading.Event()
    dialog = QProgressDialog(label, "Hủy", 0, 0, parent, objectName="tien_trinh")
    dialog.setWindowTitle(title)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(_SHOW_AFTER_MS)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.setMinimumWidth(420)

    def cancel() -> None:
        stop.set()
        dialog.setLabelText("Đang hủy; thư viện sẽ giữ nguyên như trước…")

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, total))

    def finish(callback: Callable[[Any], None], outcome: Any) -> None:
        dialog.canceled.disconnect(cancel)
        dialog.close()
        dialog.deleteLater()
        callback(outcome)

    dialog.canceled.connect(cancel)
    run_in_background(work, lambda result: finish(on_done, result), lambda exc: finish(on_failed, exc),
                      on_progress=progressed, cancelled=stop.is_set)
    return dialog
