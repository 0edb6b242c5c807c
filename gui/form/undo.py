"""Undoable edits: every change of a field is a command on its report's undo stack.

The command writes through the library at once (``redo`` on push); keystrokes typed in one field
without leaving it merge into one command, so Ctrl+Z undoes a whole figure, not one digit. A write the
library refuses (the file read-only, locked by another program, the disk full, the server gone, the report changed
by someone else since it was shown) is reported and the command made obsolete, so Qt drops it: the undo history
never holds an edit that was not saved.

Each write names the report's revision the window shows (``revisions``, shared by the window's commands), so
an edit arriving after someone else's change is refused (optimistic concurrency) instead of overwriting it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from model.errors import LibraryError
from model.report.values import Value

if TYPE_CHECKING:  # model.library.library loads SQLAlchemy: not before the window shows
    from model.library.library import Library

# Called after every write: report id, what the library wrote (the field and recomputed ratios), and the
# key whose editor must not be refreshed because the clerk is typing in it (None: refresh every editor).
Written = Callable[[str, dict[str, Value], str | None], None]
# Called when the library refused a write: report id, field key, the value not written, why (its str() is the
# Vietnamese reason; a StaleReport or ServerUnavailable asks the window to reload or to try again later).
Failed = Callable[[str, str, Value, LibraryError], None]


class SetFieldCommand(QUndoCommand):
    MERGE_ID = 3601

    def __init__(self, library: Library, report_id: str, key: str, label: str, old: Value, new: Value,
                 session: int, on_written: Written, on_failed: Failed, revisions: dict[str, int]) -> None:
        super().__init__(f"sửa “{label}”")
        self.library = library
        self.report_id = report_id
        self.key = key
        self.old = old
        self.new = new
        self.session = session
        self.on_written = on_written
        self.on_failed = on_failed
        self.revisions = revisions
        self._pushed = False

    def _write(self, value: Value, typing_in: str | None) -> None:
        try:
            edit = self.library.edit(self.report_id, {self.key: value}, self.revisions.get(self.report_id))
        except LibraryError as exc:
            self.setObsolete(True)
            self.on_failed(self.report_id, self.key, value, exc)
            return
        self.revisions[self.report_id] = edit.revision
        self.on_written(self.report_id, edit.written, typing_in)

    def redo(self) -> None:
        self._write(self.new, typing_in=None if self._pushed else self.key)
        self._pushed = True

    def undo(self) -> None:
        self._write(self.old, typing_in=None)

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (isinstance(other, SetFieldCommand) and other.report_id == self.report_id
                and other.key == self.key and other.session == self.session and not other.isObsolete()):
            return False
        self.new = other.new
        return True


class SetFieldsCommand(QUndoCommand):
    """Several fields written together (a column of figures pasted from a spreadsheet): one undo step."""

    def __init__(self, library: Library, report_id: str, text: str, old: dict[str, Value], new: dict[str, Value],
                 on_written: Written, on_failed: Failed) -> None:
        super().__init__(text)
        self.library = library
        self.report_id = report_id
        self.old = old
        self.new = new
        self.on_written = on_written
        self.on_failed = on_failed

    def _write(self, values: dict[str, Value]) -> None:
        try:
            written = self.library.set_values(self.report_id, values)
        except LibraryError as exc:
            self.setObsolete(True)
            self.on_failed(self.report_id, next(iter(values)), str(exc))
            return
        self.on_written(self.report_id, written, None)

    def redo(self) -> None:
        self._write(self.new)

    def undo(self) -> None:
        self._write(self.old)
