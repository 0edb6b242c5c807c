"""Helpers for the editor's tests: dialogs that answer from a script instead of waiting for a clerk."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QWidget

from gui.dialogs.report import NewReportRequest, OrganizationRequest
from model.vietnamese.period import Period


class ScriptedDialogs:
    """Stands in for :class:`gui.dialogs.modal.Dialogs`: records every message, answers from its attributes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        self.parent = parent
        self.errors: list[tuple[str, str]] = []
        self.infos: list[tuple[str, str]] = []
        self.confirms: list[str] = []
        self.offers: list[str] = []
        self.confirm_answer = True
        self.library_path: Path | None = None
        self.export_answer: Path | None = None
        self.export_asked: list[tuple[str, Path]] = []
        self.new_report_answer: NewReportRequest | None = None
        self.new_report_asked: list[tuple[str, Period, Callable[[str, Period], str | None]]] = []
        self.period_answer: Period | None = None
        self.organization_answer: OrganizationRequest | None = None
        self.opened: list[Path] = []
        self.issue_asked: list[tuple[str, str, str]] = []
        self.issue_answer: tuple[str, str] | None = None
        self.issue_cancel = False

    def info(self, title: str, text: str) -> None:
        self.infos.append((title, text))

    def error(self, title: str, text: str, details: str = "") -> None:
        self.errors.append((title, text))

    def confirm(self, title: str, text: str, yes_text: str, no_text: str = "Hủy") -> bool:
        self.confirms.append(text)
        return self.confirm_answer

    def offer(self, title: str, text: str, yes_text: str, no_text: str = "Đóng") -> bool:
        """A success message (information icon) offering a next step: recorded with the questions."""
        self.offers.append(title)
        return self.confirm(title, text, yes_text, no_text)

    def open_library_path(self, directory: Path) -> Path | None:
        return self.library_path

    def new_library_path(self, directory: Path) -> Path | None:
        return self.library_path

    def export_path(self, kind: str, suggested: Path) -> Path | None:
        self.export_asked.append((kind, suggested))
        return self.export_answer

    def new_report(self, organizations: Any, organization_id: str, period: Period,
                   previous_label: Callable[[str, Period], str | None],
                   kinds: Any = ()) -> NewReportRequest | None:
        self.new_report_asked.append((organization_id, period, previous_label))
        self.new_report_kinds = list(kinds)
        return self.new_report_answer

    def period(self, title: str, text: str, suggested: Period) -> Period | None:
        return self.period_answer

    def new_organization(self) -> OrganizationRequest | None:
        return self.organization_answer

    def open_file(self, path: Path) -> bool:
        self.opened.append(path)
        return True

    def issue(self, text: str, number: str, day: str, parse: Callable[[str, str], Any]) -> Any:
        """The văn thư accepts what the dialog suggests, or types ``issue_answer`` (number, date) when set;
        ``issue_cancel`` cancels."""
        self.issue_asked.append((text, number, day))
        if self.issue_cancel:
            return None
        return parse(*(self.issue_answer or (number, day)))
