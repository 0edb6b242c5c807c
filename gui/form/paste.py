"""A column of figures pasted from a spreadsheet into the form: written in one transaction, undone in one
step (:class:`gui.form.undo.SetFieldsCommand`); a column that cannot be read is explained and writes nothing."""

from __future__ import annotations

from typing import TYPE_CHECKING

from gui.form.form import ReportForm
from gui.form.undo import SetFieldsCommand
from model.report.values import Value

if TYPE_CHECKING:
    from gui.services import WindowServices


def connect_paste(window: WindowServices, form: ReportForm) -> None:
    """Let ``form`` take pasted columns into the report ``window`` shows."""
    form.values_pasted.connect(lambda values: _write(window, values))
    form.paste_refused.connect(lambda message: window.dialogs.error("Không dán được", message))


def _write(window: WindowServices, values: dict[str, Value]) -> None:
    form = window.form
    if window.library is None or window.report_id is None or form is None or form.read_only:
        return
    old = {key: window.values.get(key) for key in values}
    if old == values:
        return
    command = SetFieldsCommand(window.library, window.report_id, f"dán {len(values)} số liệu", old, values,
                               window._written, window._write_failed)
    window._stack_for(window.report_id).push(command)
