"""Long work with a progress bar and a Cancel button (import of .db files, consolidation).

The work runs on a pool thread with its own library connection and receives a
:class:`model.progress.Progress`; its reports move the bar, and Cancel sets a flag the model reads
between steps, raising :class:`model.progress.Cancelled` before anything is committed.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from gui.crash import log
from model.progress import Cancelled, Progress

_SHOW_AFTER_MS = 300
"""Work done sooner shows no dialog at all (no flash)."""


class _Relay(QObject):
    """Lives in the GUI thread; the worker's signals are queued to it."""

    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


_running: set[_Relay] = set()


class _Job(QRunnable):
    def __init__(self, work: Callable[[Progress], Any], progress: Progress, relay: _Relay) -> None:
        super().__init__()
        self.work, self.progress, self.relay = work, progress, relay

    def run(self) -> None:
        try:
            result = self.work(self.progress)
        except Exception as exc:  # handed to the GUI thread, which tells the clerk
            if not isinstance(exc, Cancelled):
                log.exception("Lỗi khi chạy nền")
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


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

    relay = _Relay()
    _running.add(relay)

    @Slot(int, int)
    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(max(total, 1))
        dialog.setValue(min(done, total))

    def finish(callback: Callable[[Any], None], outcome: Any) -> None:
        _running.discard(relay)
        dialog.canceled.disconnect(cancel)
        dialog.close()
        dialog.deleteLater()
        callback(outcome)

    dialog.canceled.connect(cancel)
    relay.progressed.connect(progressed)
    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc: finish(on_failed, exc))
    progress = Progress(report=relay.progressed.emit, cancelled=stop.is_set)
    QThreadPool.globalInstance().start(_Job(work, progress, relay))
    return dialog


def busy() -> bool:
    """True while such work is running (tests wait on it)."""
    return bool(_running)
