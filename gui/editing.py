"""The main window's edit write-through: each edit of the form (typed or pasted) is an undo command that writes
through the library at once; the save state shown, a write refused (the field keeps what was typed, marked
“Chưa lưu”), an edit the server could not take while it was away (held, then written again by
:class:`gui.controllers.server_link.Reconnector`) and an edit someone else overtook (the report reloads).

:class:`EditWriting` is mixed into :class:`~gui.main_window.MainWindow`: its methods work on the report shown.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QTimer

from gui.form.undo import SetFieldCommand
from model.errors import LibraryError, ServerUnavailable, StaleReport
from model.report.values import Value


class EditWriting:
    """The edits of the report shown in the main window it is mixed into, written through its library."""

    def _value_edited(self, key: str, value: Value, session: int) -> None:
        if self.library is None or self.report_id is None or self.form is None or self.form.read_only:
            return
        if value == self.values.get(key):
            self.run_checks()  # refused text may have become readable again
            return
        command = SetFieldCommand(self.library, self.report_id, key, self.template.fields[key].label,
                                  self.values.get(key), value, session, self._written, self._write_failed,
                                  self._revisions)
        self._stack_for(self.report_id).push(command)

    def write_again(self, report_id: str, key: str, before: Value, typed: Value) -> None:
        """Write an edit the server could not take while it was away.

        See :class:`gui.controllers.server_link.Reconnector`."""
        if self.library is None or report_id not in self._revisions:
            return
        template = self.template if report_id == self.report_id else self.library.template_of(report_id)
        if report_id == self.report_id and self.form is not None:
            self.form.refused.pop(key, None)
        command = SetFieldCommand(self.library, report_id, key, template.fields[key].label, before, typed, -1,
                                  self._written, self._write_failed, self._revisions)
        self._stack_for(report_id).push(command)

    def _written(self, report_id: str, written: dict[str, Value], typing_in: str | None) -> None:
        for key in written:  # saved now: an older value held while the server was away must not follow it
            self.reconnector.forget(report_id, key)
        if report_id != self.report_id:
            return
        for key, value in written.items():
            if value is None:
                self.values.pop(key, None)
            else:
                self.values[key] = value
        self.form.show_values(self.values, [k for k in written if k != typing_in])
        if typing_in in self.form.list_boxes:  # a list item was committed whole: show the items as saved
            QTimer.singleShot(0, lambda: self._reshow_field(report_id, typing_in))  # once Qt is done with it
        self._saved_text = f"Đã lưu lúc {datetime.now():%H:%M:%S}"
        self._failure_shown = ""
        self.run_checks()

    def explain_saving(self) -> None:
        """Ctrl+S, pressed from habit: every edit is already saved; say so, or say what is not."""
        refused = len(self.form.refused) if self.form is not None and self.report_id is not None else 0
        if refused:
            self.statusBar().showMessage(f"Còn {refused} ô gõ sai chưa được lưu (xem mục “Chưa lưu” trong danh sách "
                                         "lỗi); các thay đổi khác đã được lưu.", 10000)
        else:
            self.statusBar().showMessage("Mọi thay đổi đã được lưu ngay khi gõ; không cần bấm Lưu.", 10000)

    def _reshow_field(self, report_id: str, key: str) -> None:
        """Show ``key`` as saved: a pasted block of recipients becomes one row each, without dashes, tabs or
        control characters."""
        if report_id == self.report_id and self.form is not None and key not in self.form.refused:
            self.form.show_values(self.values, [key])

    def _write_failed(self, report_id: str, key: str, typed: Value, error: LibraryError) -> None:
        """The library refused a write: the field keeps what was typed, marked “Chưa lưu” with the reason;
        the reason is shown once (not at every keystroke while the file stays read-only). An edit the server
        could not take while away is written again when it is back; one made on a revision someone else has
        changed since reloads the report and says who changed what and what the clerk had typed."""
        message = str(error)
        if isinstance(error, StaleReport):
            self._reload_overtaken(report_id, key, typed, message)
            return
        if isinstance(error, ServerUnavailable):
            before = self.values.get(key) if report_id == self.report_id else typed
            self.reconnector.hold(report_id, key, before, typed)
            message += " Thay đổi được giữ trên màn hình và sẽ tự ghi khi máy chủ hoạt động lại."
        if report_id != self.report_id or self.form is None:
            return
        self.form.refused[key] = message
        self.run_checks()
        if message != self._failure_shown:
            self._failure_shown = message
            self.dialogs.error("Chưa lưu được", message)

    def _reload_overtaken(self, report_id: str, key: str, typed: Value, message: str) -> None:
        from model.report.values import display_value

        self._stack_for(report_id).clear()  # undoing would write values older than the other clerk's
        self.reconnector.forget(report_id, key)
        template = self.template if report_id == self.report_id else self.library.template_of(report_id)
        spec = template.fields[key]
        if report_id == self.report_id:
            self.reload_reports(report_id)
        shown = display_value(spec, typed) or "(để trống)"
        self.dialogs.error("Báo cáo vừa được người khác sửa",
                           f"{message}\n\nAnh/chị vừa gõ vào “{spec.label}”: {shown}")

    def _input_refused(self, _key: str, _message: str) -> None:
        self.run_checks()  # lists the refused text (“Chưa lưu”) and marks its field
