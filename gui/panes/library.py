"""The report library pane: reports grouped by office and year, with their period and status; an office's units
under it (a district's reports under the province), so the chain of reporting shows."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHeaderView, QToolBar, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

if TYPE_CHECKING:  # model.library.library loads SQLAlchemy: not before the window shows
    from model.library.infos import OrganizationInfo
    from model.library.library import ReportInfo

_ID_ROLE = Qt.ItemDataRole.UserRole
_ISSUED_COLOUR = QColor("#1b5e20")
_LONG_PREFIXES = (("Ủy ban nhân dân ", "UBND "), ("Uỷ ban nhân dân ", "UBND "))


def short_office_name(name: str) -> str:
    """The tree's line for an office: "Ủy ban nhân dân" as the usual "UBND" (the full name is the tooltip), so
    "UBND huyện U Minh Thượng" fits the pane instead of "Ủy ban nhân dân huyện U Minh Thư…"."""
    for long, short in _LONG_PREFIXES:
        if name.startswith(long):
            return short + name[len(long):]
    return name


class LibraryPane(QWidget):
    """A tree office → year → report; ``report_selected(id)`` when the clerk picks a report."""

    report_selected = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.toolbar = QToolBar("Thư viện", objectName="thanh_thu_vien")
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout.addWidget(self.toolbar)
        self.tree = QTreeWidget(objectName="thu_vien")
        self.tree.setHeaderLabels(["Báo cáo", "Trạng thái"])
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.tree.header().setStretchLastSection(False)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        layout.addWidget(self.tree)
        self.tree.currentItemChanged.connect(self._current_changed)
        self._items: dict[str, QTreeWidgetItem] = {}
        self._offices: dict[str, OrganizationInfo] = {}
        self._office_items: dict[str, QTreeWidgetItem] = {}

    def set_offices(self, offices: Sequence[OrganizationInfo]) -> None:
        """The library's offices, so that the next :meth:`show_reports` nests each office under its parent."""
        self._offices = {o.id: o for o in offices}

    def _office_item(self, org_id: str, name: str, seen: frozenset[str] = frozenset()) -> QTreeWidgetItem:
        """The office's row, under its parent's row (made, even without reports of its own, when needed)."""
        item = self._office_items.get(org_id)
        if item is not None:
            return item
        office = self._offices.get(org_id)
        parent_id = office.parent_id if office is not None else None
        if parent_id is not None and parent_id in self._offices and parent_id not in seen:
            parent = self._office_item(parent_id, self._offices[parent_id].name, seen | {org_id})
            item = QTreeWidgetItem(parent, [short_office_name(name)])
        else:
            item = QTreeWidgetItem(self.tree, [short_office_name(name)])
        item.setToolTip(0, name)
        item.setFirstColumnSpanned(True)
        self._office_items[org_id] = item
        return item

    def show_reports(self, reports: Sequence[ReportInfo], current_id: str | None) -> None:
        """Rebuild the tree from ``reports`` (sorted by office, then period) and select ``current_id``."""
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items.clear()
        self._office_items.clear()
        for (org_id, office), office_reports in groupby(reports, key=lambda r: (r.organization_id,
                                                                                 r.organization_name)):
            office_item = self._office_item(org_id, office)
            for year, year_reports in groupby(office_reports, key=lambda r: r.period.year):
                year_item = QTreeWidgetItem(office_item, [f"Năm {year}"])
                for report in year_reports:
                    item = QTreeWidgetItem(year_item, [report.period.within_year,
                                                       report.status_label])
                    item.setData(0, _ID_ROLE, report.id)
                    item.setToolTip(0, f"{report.organization_name} — báo cáo {report.period.text}")
                    if report.is_issued:
                        item.setForeground(1, _ISSUED_COLOUR)  # not QBrush(...): its first use costs 2 ms at start
                    self._items[report.id] = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if current_id in self._items:
            self.select(current_id)

    def select(self, report_id: str) -> None:
        """Highlight ``report_id`` without announcing it."""
        self.tree.blockSignals(True)
        self.tree.setCurrentItem(self._items[report_id])
        self.tree.blockSignals(False)

    def item_of(self, report_id: str) -> QTreeWidgetItem:
        return self._items[report_id]

    def _current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        report_id = item.data(0, _ID_ROLE) if item is not None else None
        if report_id:
            self.report_selected.emit(report_id)
