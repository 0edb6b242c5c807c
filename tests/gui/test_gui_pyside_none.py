"""The editor survives a long session: PySide6 6.12.0 on Python 3.11 loses a reference to ``None`` per void Qt
call, and Python aborted (“deallocating None”) after a few hundred keystrokes (gui/support/pyside_none.py)."""

from __future__ import annotations

import gc
import sys

from PySide6.QtWidgets import QLabel

from gui.support.pyside_none import affected


def test_a_long_session_of_qt_calls_keeps_none_alive(qtbot, sample_path) -> None:
    from gui.app import start_editor

    window = start_editor(str(sample_path))
    qtbot.addWidget(window)
    label = QLabel("x")
    qtbot.addWidget(label)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(100_000):  # some thousand keystrokes' worth of calls; more than None's own references
        label.setVisible(False)
    gc.collect()
    # on 6.12.0 unguarded, None (some 30.000 references) lost one per call and died on the way; a few thousand
    # references come and go with the objects other code makes meanwhile
    assert sys.getrefcount(None) > before - 10_000


def test_only_the_broken_version_on_a_mortal_none_is_patched() -> None:
    assert affected("6.12.0", (3, 11)) and not affected("6.12.0", (3, 12)) and not affected("6.11.3", (3, 11))
