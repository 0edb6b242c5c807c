"""Long work (export, import) on a thread of the pool, so the window keeps answering."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from gui.crash import log


class _Relay(QObject):
    """Lives in the GUI thread: signals emitted by the worker are queued to it and handed on there."""

    done = Signal(object)
    failed = Signal(object)

    def __init__(self, on_done: Callable[[Any], None], on_failed: Callable[[BaseException], None]) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_failed = on_failed
        self.done.connect(self._deliver_done)
        self.failed.connect(self._deliver_failed)

    @Slot(object)
    def _deliver_done(self, result: Any) -> None:
        _running.discard(self)
        self._on_done(result)

    @Slot(object)
    def _deliver_failed(self, exc: BaseException) -> None:
        _running.discard(self)
        self._on_failed(exc)


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
            log.exception("Lỗi khi chạy nền")
            self.relay.failed.emit(exc)
        else:
            self.relay.done.emit(result)


def run_in_background(work: Callable[[], Any], on_done: Callable[[Any], None],
                      on_failed: Callable[[BaseException], None]) -> None:
    """Run ``work()`` off the GUI thread; its result or exception comes back on the GUI thread.

    ``work`` must open its own library (its own SQLite connection) rather than share the window's.
    """
    relay = _Relay(on_done, on_failed)
    _running.add(relay)
    QThreadPool.globalInstance().start(_Job(work, relay))


def busy() -> bool:
    """True while background work is running (tests wait on it)."""
    return bool(_running)
