"""Progress reports and cancellation for long services (import, consolidation), without Qt.

A service takes an optional :class:`Progress`; the GUI's worker passes one whose ``report`` emits a
signal and whose ``cancelled`` reads a flag the Cancel button sets. A cancelled service raises
:class:`Cancelled` before it commits, so the library is left as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


class Cancelled(Exception):
    """The clerk cancelled; nothing was written."""


def _never() -> bool:
    return False


def _ignore(_done: int, _total: int) -> None:
    return None


@dataclass(frozen=True)
class Progress:
    report: Callable[[int, int], None] = _ignore
    """Called with (steps done, steps in all)."""
    cancelled: Callable[[], bool] = _never

    def step(self, done: int, total: int) -> None:
        """Report progress, then raise :class:`Cancelled` if the clerk asked to stop."""
        self.report(done, total)
        if self.cancelled():
            raise Cancelled


NO_PROGRESS = Progress()
