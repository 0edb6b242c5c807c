"""Long work (export, import, consolidation) on a thread of the pool, so the window keeps answering.

The work gets a :class:`model.progress.Progress`: its reports come back to the GUI thread as a signal,
and its ``cancelled`` flag is read by the model between steps. The result or the exception is handed
back on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from model.logfile import log
from model.progress import Cancelled, Progress


class _Relay(QObject):
    """Lives in the GUI thread: signals emitted by the worker are queued to it and handed on there."""

    progressed = Signal(int, int)
    done = Signal(object)
    failed = Signal(object)


_running: set[_Relay] = set()


class _Job(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self.work = work
        self.relay = relay

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # handed to the GUI thread, which tells the clerk
            if not isinstance(exc, Cancelled):
                log.exception("Lỗi khi chạy nền")
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


def run_in_background(work: Callable[[Progress], Any], on_done: Callable[[Any], None],
                      on_failed: Callable[[BaseException], None], *,
                      on_progress: Callable[[int, int], None] | None = None,
                      cancelled: Callable[[], bool] = lambda: False) -> None:
    """Run ``work(progress)`` off the GUI thread; progress, result or exception come back on the GUI thread.

    ``work`` must open its own library (its own SQLite connection) rather than share the window's.
    A cancelled work arrives in ``on_failed`` as :class:`model.progress.Cancelled`.
    """
    relay = _Relay()
    _running.add(relay)

    def finish(callback: Callable[[Any], None], outcome: Any) -> None:
        _running.discard(relay)
        callback(outcome)

    relay.done.connect(lambda result: finish(on_done, result))
    relay.failed.connect(lambda exc: finish(on_failed, exc))
    if on_progress is not None:
        relay.progressed.connect(on_progress)
    progress = Progress(report=relay.progressed.emit, cancelled=cancelled)
    QThreadPool.globalInstance().start(_Job(lambda: work(progress), relay))


def busy() -> bool:
    """True while background work is running (tests wait on it)."""
    return bool(_running)
