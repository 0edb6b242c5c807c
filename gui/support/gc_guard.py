"""Python's cyclic garbage collector, run on the GUI thread only.

A collection that happens to start on a worker thread (export, import) can destroy Qt objects caught
in a reference cycle — a closed dialog, a replaced form — from that thread, and Qt then crashes the
process. So automatic collection is switched off and a timer on the GUI thread collects instead,
with the collector's own generation thresholds. Reference counting still frees everything else at once.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QApplication

_INTERVAL_MS = 500


class _GuiThreadCollector(QObject):
    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.collect_due)
        self._timer.start(_INTERVAL_MS)
        gc.disable()

    def collect_due(self) -> None:
        """Collect the oldest generation whose count passed its threshold, as the automatic collector would."""
        counts, thresholds = gc.get_count(), gc.get_threshold()
        for generation in (2, 1, 0):
            if counts[generation] > thresholds[generation]:
                gc.collect(generation)
                return


def collect_on_gui_thread(app: QApplication) -> None:
    """Install the GUI-thread collector once per application."""
    if getattr(app, "_gui_thread_collector", None) is None:  # not findChild: its first call costs 6 ms at start
        app._gui_thread_collector = _GuiThreadCollector(app)
