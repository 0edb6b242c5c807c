"""The problems panel: every error and warning of the report, in Vietnamese; double-click goes to the field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from model.report.checks import Problem
from model.report.template import Template

_KEYS_ROLE = Qt.ItemDataRole.UserRole


def summary(problems: Sequence[Problem], refused: int = 0) -> str:
    """``2 lỗi, 1 cảnh báo`` for the status bar."""
    errors = sum(p.is_error for p in problems) + refused
    warnings = sum(p.severity == "warning" for p in problems)
    requests = sum(p.severity == "request" for p in problems)
    if requests:
        return f"{errors} lỗi, {warnings} cảnh báo, {requests} yêu cầu sửa của cấp trên"
    if not errors and not warnings:
        return "Không có lỗi"
    return f"{errors} lỗi, {warnings} cảnh báo"


class ProblemsPanel(QListWidget):
    """Lists problems; ``field_requested(key)`` when the clerk double-clicks one (or presses Enter)."""

    field_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.setWordWrap(True)
        self.setAlternatingRowColors(True)
        self.setIconSize(QSize(16, 16))  # rows as tall as a line of text: more problems in sight at 1366×768
        self.setToolTip("Bấm đúp vào một dòng để đến ô cần sửa.")
        self.itemActivated.connect(self._activated)
        self.itemDoubleClicked.connect(self._activated)
        self._icons: dict[str, QIcon] = {}

    def show_problems(self, template: Template, problems: Sequence[Problem], refused: Mapping[str, str]) -> None:
        """What the level above asked to correct first (it is why the report came back), then refused input (it
        is not saved), then errors, then warnings."""
        self.clear()
        for problem in problems:
            if problem.severity == "request":  # the message says it: “Cấp trên yêu cầu sửa …”
                self._add("request", problem.field_keys, problem.message)
        for key, message in refused.items():
            self._add("error", (key,), f"Chưa lưu — {template.fields[key].label}: {message}")
        for problem in problems:
            if problem.severity == "request":
                continue
            prefix = "Lỗi" if problem.is_error else "Cảnh báo"
            self._add(problem.severity, problem.field_keys, f"{prefix}: {problem.message}")

    def _icon(self, severity: str) -> QIcon:
        """The style's icon of ``error`` or ``warning``, fetched on first use (a report without problems never
        needs the costly ``QStyle`` binding at start)."""
        if not self._icons:
            from PySide6.QtWidgets import QStyle

            style = self.style()
            self._icons = {"error": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxCritical),
                           "warning": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning),
                           "request": style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)}
        return self._icons[severity]

    def _add(self, severity: str, keys: Sequence[str], text: str) -> None:
        item = QListWidgetItem(self._icon(severity), text)
        item.setData(_KEYS_ROLE, list(keys))
        self.addItem(item)

    def keys_at(self, row: int) -> list[str]:
        return list(self.item(row).data(_KEYS_ROLE) or [])

    def _activated(self, item: QListWidgetItem) -> None:
        keys = item.data(_KEYS_ROLE) or []
        if keys:
            self.field_requested.emit(keys[0])
