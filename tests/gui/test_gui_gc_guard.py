"""Garbage collection runs on the GUI thread only, never on a worker (where it could destroy Qt objects)."""

from __future__ import annotations

import gc
import threading

from gui.support.workers import busy, run_in_background


class _Cycle:
    def __init__(self) -> None:
        self.me = self


def test_collections_happen_on_the_gui_thread_only(qtbot) -> None:
    assert not gc.isenabled()
    threads: list[int] = []

    def record(phase: str, _info: dict) -> None:
        if phase == "start":
            threads.append(threading.get_ident())

    def make_garbage(_progress: object) -> int:
        for _ in range(50_000):
            _Cycle()
        return 0

    gc.callbacks.append(record)
    try:
        run_in_background(make_garbage, lambda _: None, lambda _: None)
        qtbot.waitUntil(lambda: not busy(), timeout=20_000)
        qtbot.waitUntil(lambda: bool(threads), timeout=5_000)  # the GUI-thread timer collected
    finally:
        gc.callbacks.remove(record)
    assert set(threads) == {threading.main_thread().ident}
