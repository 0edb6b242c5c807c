"""One report read from a library file with the standard library's ``sqlite3`` alone, for a command that
must start fast (``python main.py export``).

Importing SQLAlchemy takes 0.1-0.3 s, more than the whole PDF export. For the usual case (a library of
the current schema, no interrupted write, a reference that names one report by id or period) this module
reads what an export needs, read-only. In every other case :func:`read_report` returns ``None`` and the
caller opens :class:`model.library.Library`, which migrates, recovers, or explains the problem in
Vietnamese. A snapshot answers the read-only calls of ``Library`` the exporter makes (``report``,
``template_of``, ``values``, ``context``, ``check``, ``appendix``) for its one report, with the same results.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from model.appendix import FIGURES_SQL, UNITS_SQL, AppendixTable, build_appendix
from model.checks import CheckContext, Problem, engine_for
from model.fileid import APPLICATION_ID, SCHEMA_VERSION
from model.period import Period
from model.placeholders import report_context
from model.template import Template, TemplateError, load_template
from model.values import Value, from_storage

_REPORTS = """SELECT r.id, r.organization_id, o.name, r.year, r.quarter, r.status, r.template_key
              FROM reports r JOIN organizations o ON o.id = r.organization_id"""
_PREVIOUS = """SELECT id FROM reports WHERE organization_id = ? AND year = ? AND quarter = ? AND template_key = ?
               ORDER BY updated_at DESC LIMIT 1"""
_VALUES = "SELECT key, int_value, text_value FROM field_values WHERE report_id = ?"


@dataclass(frozen=True)
class QuickReportInfo:
    id: str
    organization_id: str
    organization_name: str
    period: Period
    status: str
    template_key: str


@dataclass(frozen=True)
class ReportSnapshot:
    """One report's values (and its previous quarter's, for the checks) as read from the file."""

    path: Path
    info: QuickReportInfo
    template: Template
    report_values: dict[str, Value]
    previous_values: dict[str, Value] | None
    appendix_table: AppendixTable | None = None

    @property
    def id(self) -> str:
        return self.info.id

    def _own(self, report_id: str) -> None:
        if report_id != self.info.id:
            raise KeyError(report_id)

    def report(self, report_id: str) -> QuickReportInfo:
        self._own(report_id)
        return self.info

    def template_of(self, report_id: str) -> Template:
        self._own(report_id)
        return self.template

    def values(self, report_id: str) -> dict[str, Value]:
        self._own(report_id)
        return dict(self.report_values)

    def context(self, report_id: str) -> dict[str, str]:
        self._own(report_id)
        return report_context(self.info.period, self.info.organization_name)

    def appendix(self, report_id: str) -> AppendixTable | None:
        self._own(report_id)
        return self.appendix_table

    def check(self, report_id: str) -> list[Problem]:
        self._own(report_id)
        context = CheckContext(self.info.period, self.previous_values)
        return engine_for(self.template).run(self.report_values, context)


def _pick(rows: list[QuickReportInfo], ref: str) -> QuickReportInfo | None:
    """The report ``ref`` names by its full id, or by a period held once; anything else is for ``Library``
    (id prefixes, ambiguous or unknown references and their messages)."""
    exact = [r for r in rows if r.id == ref]
    if exact:
        return exact[0]
    try:
        period = Period.parse(ref)
    except ValueError:
        return None
    matches = [r for r in rows if r.period == period]
    return matches[0] if len(matches) == 1 else None


def _values(conn: sqlite3.Connection, template: Template, report_id: str) -> dict[str, Value]:
    return {key: from_storage(template.fields[key], number, text)
            for key, number, text in conn.execute(_VALUES, (report_id,)) if key in template.fields}


def read_report(path: Path, ref: str) -> ReportSnapshot | None:
    """A snapshot of the report ``ref`` in the library at ``path``, or ``None`` when ``Library`` must handle it."""
    if not path.is_file() or path.with_name(path.name + "-journal").exists():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        stamp = (conn.execute("PRAGMA application_id").fetchone()[0], conn.execute("PRAGMA user_version").fetchone()[0])
        if stamp != (APPLICATION_ID, SCHEMA_VERSION):
            return None
        rows = [QuickReportInfo(rid, org_id, name, Period(year, quarter), status, template_key)
                for rid, org_id, name, year, quarter, status, template_key in conn.execute(_REPORTS)]
        info = _pick(rows, ref.strip())
        if info is None:
            return None
        template = load_template(info.template_key)
        before = info.period.previous()
        previous = conn.execute(_PREVIOUS, (info.organization_id, before.year, before.quarter,
                                            info.template_key)).fetchone()
        appendix = build_appendix(template, report_context(info.period, info.organization_name),
                                  conn.execute(UNITS_SQL, {"report_id": info.id}),
                                  conn.execute(FIGURES_SQL, {"report_id": info.id}))
        return ReportSnapshot(path, info, template, _values(conn, template, info.id),
                              _values(conn, template, previous[0]) if previous else None, appendix)
    except (sqlite3.Error, TemplateError, KeyError, ValueError, TypeError):
        return None
    finally:
        conn.close()
