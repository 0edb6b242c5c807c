"""The Báo cáo menu's report actions: a new report (blank or carried from the previous period), a copy for another
period, deleting, issuing (the report becomes read-only) and reopening for edits."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from gui.services import clerk_errors
from model.report.levels import base_key
from model.report.shipped import DEFAULT_TEMPLATE
from model.vietnamese.period import Period

if TYPE_CHECKING:
    from gui.dialogs.modal import Dialogs
    from gui.services import WindowServices
    from model.report.report_info import ReportInfo


class ReportController(QObject):
    """The report actions of a main window; the actions themselves are the window's (its menus)."""

    def __init__(self, window: WindowServices) -> None:
        super().__init__(window)
        self.window = window

    @property
    def dialogs(self) -> Dialogs:
        """The window's dialogs, where :func:`clerk_errors` shows a failed action's reason."""
        return self.window.dialogs

    def _office_reports(self, organization_id: str) -> list[ReportInfo]:
        window = self.window
        assert window.library is not None
        return [r for r in window.library.reports() if r.organization_id == organization_id]

    def _previous_label(self, organization_id: str, period: Period) -> str | None:
        previous = self._previous_report(organization_id, period)
        return f"{previous.period.short_text} ({previous.status_label})" if previous else None

    def _previous_report(self, organization_id: str, period: Period,
                         template_key: str = DEFAULT_TEMPLATE) -> ReportInfo | None:
        """The one rule of :meth:`Library.previous_of`, for the kind the office writes at its level."""
        from model.offices.actions import previous_report, template_for_office

        window = self.window
        assert window.library is not None
        office = window.library.organization(organization_id)
        return previous_report(window.library, organization_id, period,
                               template_for_office(window.library, office, template_key))

    @clerk_errors
    def new_report(self) -> None:
        """Ask for the office and period; create the report blank or carried from the previous period."""
        window = self.window
        if window.library is None:
            return
        organizations = window.library.organizations()
        if not organizations:
            office = window.dialogs.new_organization()
            if office is None:
                return
            from model.offices.identity import infer_level

            window.library.add_organization(office.name, office.header_name, office.place,
                                            parent_header=office.parent_header, symbol_suffix=office.symbol_suffix,
                                            level=infer_level(office.name, False))
            organizations = window.library.organizations()
        office_id = window.report_info.organization_id if window.report_info else organizations[0].id
        office_reports = [r for r in self._office_reports(office_id) if r.period.kind == "quarter"]
        today = date.today()
        suggested = office_reports[-1].period.next() if office_reports else Period(today.year,
                                                                                    (today.month + 2) // 3)
        kinds = {t.key: (t.key, t.name, t.period_kind) for t in window.library.templates()  # the newest version wins
                 if t.trusted and base_key(t.key) == t.key}  # a level's variant is chosen from the office, not offered
        request = window.dialogs.new_report(organizations, office_id, suggested, self._previous_label,
                                            kinds=sorted(kinds.values(), key=lambda kind: kind[1]))
        if request is None:
            return
        from model.offices.actions import template_for_office, version_notes

        template_key = template_for_office(window.library, window.library.organization(request.organization_id),
                                           request.template_key)
        previous = (self._previous_report(request.organization_id, request.period, template_key)
                    if request.carry_forward else None)
        new_id = window.library.create_report(request.organization_id, request.period, template_key=template_key,
                                              carry_from=previous.id if previous else None)
        window.reload_reports(new_id)
        window.statusBar().showMessage(f"Đã tạo báo cáo {request.period.text}.", 8000)
        notes = version_notes(window.library, previous.id, window.library.template_of(new_id)) if previous else []
        if notes:
            window.dialogs.info("Báo cáo mới theo mẫu phiên bản mới", "\n".join(notes))

    @clerk_errors
    def duplicate_report(self) -> None:
        window = self.window
        if window.library is None or window.report_info is None:
            return
        info = window.report_info
        period = window.dialogs.period("Nhân bản báo cáo",
                                       f"Chép mọi nội dung và số liệu của báo cáo {info.period.text} "
                                       "(trừ số và ngày ban hành) sang kỳ:", info.period.next())
        if period is None:
            return
        window.reload_reports(window.library.duplicate_report(info.id, period))
        window.statusBar().showMessage(f"Đã chép sang báo cáo {period.text}.", 8000)

    @clerk_errors
    def delete_report(self) -> None:
        window = self.window
        if window.library is None or window.report_info is None:
            return
        info = window.report_info
        if not window.dialogs.confirm("Xóa báo cáo",
                                      f"Xóa hẳn báo cáo {info.period.text} của {info.organization_name} "
                                      f"({info.status_label})?\nKhông thể hoàn tác việc này.", "Xóa báo cáo"):
            return
        window.library.delete_report(info.id)
        window.report_id = None
        window.reload_reports()

    @clerk_errors
    def issue_report(self) -> None:
        window = self.window
        if window.library is None or window.report_info is None or window.report_info.is_issued:
            return
        from gui.dialogs.issue import ask_and_issue

        errors = sum(p.is_error for p in window.problems) + len(window.form.refused if window.form else ())
        warning = f"Báo cáo còn {errors} lỗi chưa sửa.\n" if errors else ""
        if ask_and_issue(window.dialogs, window.library, window.report_info, warning):
            window._stack_for(window.report_info.id).clear()
            window.reload_reports(window.report_info.id)

    @clerk_errors
    def reopen_report(self) -> None:
        window = self.window
        if window.library is None or window.report_info is None or not window.report_info.is_issued:
            return
        if not window.dialogs.confirm("Mở lại để sửa",
                                      f"Báo cáo {window.report_info.period.text} đã ban hành. Mở lại để sửa? "
                                      "Nếu sửa, nhớ ban hành lại văn bản đã sửa.", "Mở lại để sửa"):
            return
        self._set_status("draft")

    def _set_status(self, status: str) -> None:
        window = self.window
        assert window.library is not None and window.report_id is not None
        window.library.set_status(window.report_id, status)
        window._stack_for(window.report_id).clear()  # edits before the change of status stay as they are
        window.reload_reports(window.report_id)
