"""Báo cáo → Tình hình nộp báo cáo…, Trả lại để sửa…, Nhật ký gửi nhận…, Biểu đồ theo các kỳ…: the level
above's oversight in the editor, over the same services as ``status``, ``report return`` and ``report history``.

Each dialog is reached through :class:`OversightDialogs`, which tests replace with scripted answers.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from gui.dialogs.modal import chosen_path, file_dialog
from gui.support.settings import remember_folder, remembered_folder
from model.vietnamese.period import Period

if TYPE_CHECKING:
    from gui.services import WindowServices
    from model.oversight.status import StatusReport
    from model.report.template import Template

_FOLDER_KEY = "excel/folder"
XLSX_FILTER = "Sổ Excel (*.xlsx)"


class OversightDialogs:
    """The real dialogs (tests replace them)."""

    def __init__(self, parent) -> None:
        self.parent = parent

    def show(self, dialog) -> None:
        dialog.exec()

    def ask_return(self, title: str, template: Template, first_field: str | None):
        from PySide6.QtWidgets import QDialog

        from gui.dialogs.oversight import ReturnDialog

        dialog = ReturnDialog(title, template, first_field, self.parent)
        return dialog.comments() if dialog.exec() == QDialog.DialogCode.Accepted else None

    def status_path(self, suggested: Path) -> Path | None:
        from PySide6.QtWidgets import QFileDialog

        dialog = file_dialog(self.parent, "Lưu tình hình nộp báo cáo", suggested.parent, XLSX_FILTER, "Lưu")
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("xlsx")
        dialog.selectFile(suggested.name)
        return chosen_path(dialog)


class OversightController(QObject):
    def __init__(self, window: WindowServices) -> None:
        super().__init__(window)
        self.window = window
        self.dialogs = OversightDialogs(window)
        self.status_action = window.make_action("Tình &hình nộp báo cáo…", self.show_status, "Ctrl+Shift+T",
                                                "Đơn vị nào đã nộp, nộp đúng hạn hay trễ, đã trả lại, kèm biểu đồ",
                                                "tinh_hinh_nop")
        self.return_action = window.make_action("Trả lại để &sửa…", self.return_report, None,
                                                "Trả lại báo cáo đơn vị để sửa, kèm ý kiến về từng ô", "tra_lai")
        self.history_action = window.make_action("Nhật &ký gửi nhận…", self.show_history, None,
                                                 "Các lần gửi, nhận, trả lại, tổng hợp của báo cáo", "nhat_ky")
        self.trend_action = window.make_action("Biểu đồ th&eo các kỳ…", self.show_trend, None,
                                               "Một số liệu của cơ quan qua các kỳ báo cáo", "bieu_do_theo_ky")
        self.actions = (self.status_action, self.trend_action, self.return_action, self.history_action)
        self._return_field_from_problems()

    def _return_field_from_problems(self) -> None:
        """Right-click a problem: send the report back about that field."""
        from PySide6.QtCore import Qt
        from PySide6.QtGui import QAction

        panel = self.window.problems_panel
        action = QAction("Trả lại để sửa ô này…", panel, objectName="tra_lai_o_nay")

        def about_current() -> None:
            row = panel.currentRow()
            keys = panel.keys_at(row) if row >= 0 else []
            self.return_report(keys[0] if keys else None)

        action.triggered.connect(about_current)
        panel.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        panel.addAction(action)

    def update_actions(self) -> None:
        """Enabled with a library (a report shown, for the report's own actions); never opens the library
        (``window.library`` would, before the quick start has finished)."""
        has_library = self.window.has_library
        for action in (self.return_action, self.history_action, self.trend_action):
            action.setEnabled(has_library and self.window.report_info is not None)
        self.status_action.setEnabled(has_library)

    # ------------------------------------------------------------------ status
    def status_dialog(self):
        """The status dialog over the open library (shown by :meth:`show_status`; tests drive it directly)."""
        from gui.dialogs.oversight import StatusDialog
        from model.oversight.figures import chart_fields, units_chart
        from model.oversight.status import unit_status

        window, library = self.window, self.window.library
        offices = library.organizations()
        parents = {o.parent_id for o in offices if o.parent_id}
        heads = [o for o in offices if o.id in parents] or offices
        info = window.report_info
        office_id = next((o.id for o in heads if info and o.id == info.organization_id), heads[0].id if heads else "")
        period = info.period if info and info.period.kind == "quarter" else Period(library.clock().year, 1)
        kinds = sorted({t.key: t.name for t in library.templates()}.items(), key=lambda kind: kind[1])
        return StatusDialog(heads, office_id, period, kinds, lambda key: chart_fields(library.template(key)),
                            lambda office, p, key: unit_status(library, office, p, key),
                            lambda status, key: units_chart(library, status, key), self.export_status, window)

    def show_status(self) -> None:
        if self.window.library is None:
            return
        if not self.window.library.organizations():
            self.window.dialogs.info("Tình hình nộp báo cáo", "Thư viện chưa có cơ quan nào.")
            return
        self.dialogs.show(self.status_dialog())

    def export_status(self, status: StatusReport) -> None:
        from model.errors import LibraryError
        from model.excel.status import write_status

        window = self.window
        name = f"tinh-hinh-nop-{status.period}.xlsx"
        out = self.dialogs.status_path(remembered_folder(window.settings, _FOLDER_KEY) / name)
        if out is None:
            return
        remember_folder(window.settings, _FOLDER_KEY, out)
        try:
            write_status(status, out)
        except LibraryError as exc:
            window.dialogs.error("Không ghi được sổ Excel", str(exc))
            return
        window.dialogs.info("Đã xuất Excel", f"Đã ghi tình hình nộp báo cáo vào {out}.")

    # ------------------------------------------------------------------ one report
    def return_report(self, first_field: str | None = None) -> None:
        from model.errors import LibraryError
        from model.oversight.returns import return_report

        window = self.window
        if window.library is None or window.report_id is None or window.report_info is None:
            return
        info = window.report_info
        title = f"Báo cáo {info.period.text} của {info.organization_name}"
        answer = self.dialogs.ask_return(title, window.library.template_of(window.report_id), first_field)
        if answer is None:
            return
        try:
            result = return_report(window.library, window.report_id, *answer)
        except LibraryError as exc:
            window.dialogs.error("Chưa trả lại được", str(exc))
            return
        window.reload_reports(window.report_id)
        window.dialogs.info("Đã trả lại báo cáo", result.message)

    def show_history(self) -> None:
        from gui.dialogs.oversight import history_text
        from model.oversight.events import history, sources_used

        window = self.window
        if window.library is None or window.report_id is None or window.report_info is None:
            return
        events = history(window.library, window.report_id)
        info = window.report_info
        text = history_text(events, window.library.template_of(window.report_id))
        if sources := sources_used(window.library, window.report_id):
            text += "\n\nTổng hợp từ báo cáo của các đơn vị:\n" + "\n".join(
                f"    • {name} (bản sửa lần {revision})" for name, revision in sources)
        window.dialogs.info(f"Nhật ký gửi nhận — {info.organization_name}, {info.period.text}", text)

    def show_trend(self) -> None:
        from gui.dialogs.oversight import TrendDialog
        from model.oversight.figures import chart_fields, trend_chart

        window = self.window
        if window.library is None or window.report_info is None:
            return
        info, library = window.report_info, window.library
        template = library.template_of(info.id)
        self.dialogs.show(TrendDialog(f"Biểu đồ theo các kỳ — {info.organization_name}", chart_fields(template),
                                      lambda key: trend_chart(library, info.organization_id, key, info.template_key),
                                      window))
