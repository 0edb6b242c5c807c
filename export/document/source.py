"""What an export reads of a report: the library, or the fast sqlite3 snapshot, answer the same calls."""

from __future__ import annotations

from typing import Protocol

from model.exchange.appendix import AppendixTable
from model.report.checks import Problem
from model.report.template import Template
from model.report.values import Value
from model.vietnamese.period import Period


class ReportInfoLike(Protocol):
    @property
    def period(self) -> Period: ...


class ReportSource(Protocol):
    """The read-only calls of :class:`model.library.library.Library` an export makes; a
    :class:`model.library.quickread.ReportSnapshot` answers them too, without importing SQLAlchemy."""

    def report(self, report_id: str) -> ReportInfoLike: ...
    def template_of(self, report_id: str) -> Template: ...
    def values(self, report_id: str) -> dict[str, Value]: ...
    def context(self, report_id: str) -> dict[str, str]: ...
    def check(self, report_id: str) -> list[Problem]: ...
    def appendix(self, report_id: str) -> AppendixTable | None: ...
