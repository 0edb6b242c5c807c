"""A library file read with the standard library's ``sqlite3`` alone, for what must start fast: the export
command (``python main.py export``) and the editor's first screen.

Importing SQLAlchemy takes 0.1-0.3 s, more than the whole PDF export. For the usual case (a library of
the current schema, no interrupted write) this module reads, read-only, the list of reports and one report:
the one a reference names by id or period (:func:`read_report`), or the one the editor opens on
(:func:`read_library`). In every other case they return ``None`` and the caller opens
:class:`model.library.library.Library`, which migrates, recovers, or explains the problem in Vietnamese. A snapshot
answers the read-only calls of ``Library`` the exporter and the editor make (``report``, ``template_of``,
``values``, ``context``, ``check_context``, ``check``, ``appendix``) for its one report, with the same results.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from model.exchange.appendix import (
    FIGURES_SQL,
    SOURCE_VERSIONS_SQL,
    STALE_SQL,
    UNITS_SQL,
    AppendixTable,
    build_appendix,
    stale_problems,
    units_lacking_fields,
)
from model.library.fileid import APPLICATION_ID, SCHEMA_VERSION
from model.library.sqlitetext import SQLITE_FAILURES, lenient_text
from model.report.checks import CheckContext, Problem, engine_for
from model.report.placeholders import report_context
from model.report.report_info import ReportInfo, library_order, report_to_open, reports_named
from model.report.template import Template, TemplateError
from model.report.template_source import parse_template_text
from model.report.values import Value, from_storage
from model.vietnamese.period import Period

_REPORTS = """SELECT r.id, r.organization_id, o.name, r.year, r.quarter, r.period_kind, r.status, r.template_key,
                     r.template_version, r.revision, r.updated_at
              FROM reports r JOIN organizations o ON o.id = r.organization_id"""
_PREVIOUS = """SELECT id FROM reports WHERE organization_id = ? AND year = ? AND quarter = ? AND period_kind = ?
               AND template_key = ? ORDER BY updated_at DESC LIMIT 1"""
_TEMPLATE = 'SELECT toml_text FROM templates WHERE "key" = ? AND version = ?'

_VALUES = "SELECT key, int_value, text_value FROM field_values WHERE report_id = ?"


@dataclass(frozen=True)
class ReportSnapshot:
    """One report's values (and its previous quarter's, for the checks) as read from the file."""

    path: Path
    info: ReportInfo
    template: Template
    report_values: dict[str, Value]
    previous_values: dict[str, Value] | None
    appendix_table: AppendixTable | None = None
    unit_problems: tuple[Problem, ...] = ()
    """Units of a consolidated report whose template version lacks a summed figure (see ``Library.check``)."""

    @property
    def id(self) -> str:
        return self.info.id

    def _own(self, report_id: str) -> None:
        if report_id != self.info.id:
            raise KeyError(report_id)

    def report(self, report_id: str) -> ReportInfo:
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

    def check_context(self, report_id: str) -> CheckContext:
        self._own(report_id)
        return CheckContext(self.info.period, self.previous_values, self.unit_problems)

    def check(self, report_id: str) -> list[Problem]:
        return engine_for(self.template).run(self.report_values, self.check_context(report_id))


@dataclass(frozen=True)
class LibrarySnapshot:
    """Every report of a library (in library order) and a snapshot of one of them (``None``: none chosen)."""

    path: Path
    reports: tuple[ReportInfo, ...]
    chosen: ReportSnapshot | None


def _pick(rows: list[ReportInfo], ref: str) -> ReportInfo | None:
    """The report ``ref`` names by its full id, or by a period held once; anything else is for ``Library``
    (id prefixes, ambiguous or unknown references and their messages)."""
    matches, _period = reports_named(rows, ref)
    return matches[0] if len(matches) == 1 else None


def _values(conn: sqlite3.Connection, template: Template, report_id: str) -> dict[str, Value]:
    """Every value, strictly: one of the wrong type (a damaged file) raises, and ``Library`` explains it."""
    return {key: from_storage(template.fields[key], number, text)
            for key, number, text in conn.execute(_VALUES, (report_id,)) if key in template.fields}


def read_report(path: Path, ref: str) -> ReportSnapshot | None:
    """A snapshot of the report ``ref`` in the library at ``path``, or ``None`` when ``Library`` must handle it."""
    library = _read(path, lambda rows: _pick(rows, ref.strip()))
    return library.chosen if library is not None else None


def read_library(path: Path) -> LibrarySnapshot | None:
    """The reports of the library at ``path`` and a snapshot of the one the editor opens on
    (:func:`model.report.report_info.report_to_open`), or ``None`` when ``Library`` must handle the file."""
    return _read(path, report_to_open)


def _read(path: Path, choose: Callable[[list[ReportInfo]], ReportInfo | None]) -> LibrarySnapshot | None:
    if not path.is_file() or path.with_name(path.name + "-journal").exists():
        return None
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    conn.text_factory = lenient_text  # as Library reads it
    try:
        stamp = (conn.execute("PRAGMA application_id").fetchone()[0], conn.execute("PRAGMA user_version").fetchone()[0])
        if stamp != (APPLICATION_ID, SCHEMA_VERSION):
            return None
        rows = sorted((ReportInfo(rid, org_id, name, Period(year, number, kind), *rest)
                       for rid, org_id, name, year, number, kind, *rest in conn.execute(_REPORTS)), key=library_order)
        info = choose(rows)
        return LibrarySnapshot(path, tuple(rows), _snapshot(conn, path, info) if info is not None else None)
    except (*SQLITE_FAILURES, TemplateError, KeyError, ValueError, TypeError):
        return None
    finally:
        conn.close()


def _template(conn: sqlite3.Connection, key: str, version: int) -> Template:
    stored = conn.execute(_TEMPLATE, (key, version)).fetchone()
    if stored is None:
        raise KeyError(key)  # Library explains the missing template
    return parse_template_text(stored[0])


def _snapshot(conn: sqlite3.Connection, path: Path, info: ReportInfo) -> ReportSnapshot:
    template = _template(conn, info.template_key, info.template_version)
    before = info.period.previous()
    previous = conn.execute(_PREVIOUS, (info.organization_id, before.year, before.number, before.kind,
                                        info.template_key)).fetchone()
    appendix = build_appendix(template, report_context(info.period, info.organization_name),
                              conn.execute(UNITS_SQL, {"report_id": info.id}),
                              conn.execute(FIGURES_SQL, {"report_id": info.id}))
    units = conn.execute(SOURCE_VERSIONS_SQL, {"report_id": info.id}).fetchall()
    stale = stale_problems(conn.execute(STALE_SQL, {"report_id": info.id}).fetchall(), info.is_issued)
    return ReportSnapshot(path, info, template, _values(conn, template, info.id),
                          _values(conn, template, previous[0]) if previous else None, appendix,
                          tuple(units_lacking_fields(template, units, partial(_template, conn)) + stale))
