"""Undoable edits: every change of a field is a command on its report's undo stack.

The command writes through the library at once (``redo`` on push); keystrokes typed in one field
without leaving it merge into one command, so Ctrl+Z undoes a whole figure, not one digit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from model.values import Value

if TYPE_CHECKING:  # model.library loads SQLAlchemy: not before the window shows
    from model.library import Library

# Called after every write: report id, what the library wrote (the field and recomputed ratios), and the
# key whose editor must not be refreshed because the clerk is typing in it (None: refresh every editor).
Written = Callable[[str, dict[str, Value], str | None], None]


class SetFieldCommand(QUndoCommand):
    MERGE_ID = 3601

    def __init__(self, library: Library, report_id: str, key: str, label: str, old: Value, new: Value,
                 session: int, on_written: Written) -> None:
        super().__init__(f"sửa “{label}”")
        self.library = library
        self.report_id = report_id
        self.key = key
        self.old = old
        self.new = new
        self.session = session
        self.on_written = on_written
        self._pushed = False

    def _write(self, value: Value, typing_in: str | None) -> None:
        written = self.library.set_values(self.report_id, {self.key: value})
        self.on_written(self.report_id, written, typing_in)

    def redo(self) -> None:
        self._write(self.new, typing_in=None if self._pushed else self.key)
        self._pushed = True

    def undo(self) -> None:
        self._write(self.old, typing_in=None)

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetFieldCommand) and other.report_id == self.report_id
                and other.key == self.key and other.session == self.session):
            return False
        self.new = other.new
        return True
