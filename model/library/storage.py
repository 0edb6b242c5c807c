"""The library file: SQLAlchemy 2 ORM tables, connection set-up and schema versions.

The file identifies itself with ``PRAGMA application_id`` (:data:`APPLICATION_ID`) and
``PRAGMA user_version`` (:data:`SCHEMA_VERSION`). It uses the rollback journal, not WAL, because
clerks copy .db files around and a copied WAL database can be empty.
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sqlalchemy import BigInteger, ForeignKey, ForeignKeyConstraint, Integer, String, Text, create_engine, event, text
from sqlalchemy.engine import Engine, ExceptionContext
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from model.errors import LibraryError, file_error_message
from model.library.fileid import APPLICATION_ID, SCHEMA_VERSION
from model.library.sqlitetext import lenient_text

__all__ = ["APPLICATION_ID", "KNOWN_TABLES", "SCHEMA_VERSION"]

T = TypeVar("T")
log = logging.getLogger("soanbaocao")
log.addHandler(logging.NullHandler())  # the editor and the command line add the log file; nothing on the console

KNOWN_TABLES = frozenset({"organizations", "reports", "field_values", "consolidation_sources",
                          "consolidation_figures", "templates", "report_events", "return_comments", "deadlines"})


def new_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> str:
    """An ISO-8601 UTC timestamp (text sorts by time)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


Count = Integer().with_variant(BigInteger(), "postgresql")
"""A figure or a revision: SQLite's INTEGER holds 64 bits, PostgreSQL's only 32 (figures reach 10¹²)."""


class Base(DeclarativeBase):
    pass


class Organization(Base):
    """An office: the issuer of reports (a UBND tỉnh, a sở, a UBND huyện)."""

    __tablename__ = "organizations"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    name: Mapped[str] = mapped_column(Text)
    """Full name in prose, e.g. ``Ủy ban nhân dân tỉnh Kiên Giang``."""
    header_name: Mapped[str] = mapped_column(Text, default="")
    """The letterhead lines in capitals, one per line: ``ỦY BAN NHÂN DÂN\\nTỈNH KIÊN GIANG``."""
    parent_header: Mapped[str] = mapped_column(Text, default="")
    place: Mapped[str] = mapped_column(Text, default="")
    symbol_suffix: Mapped[str] = mapped_column(Text, default="UBND")
    parent_id: Mapped[str | None] = mapped_column(ForeignKey("organizations.id"), default=None)
    updated_at: Mapped[str] = mapped_column(String(40), default=utc_now)
    level: Mapped[str] = mapped_column(String(8), default="", server_default="")
    """``tinh``, ``so``, ``huyen`` or ``xa`` (schema 4; :data:`model.report.levels.LEVELS`): which template variant
    the office writes its reports with, and where its figures go in a consolidation."""
    code: Mapped[str] = mapped_column(String(64), default="", server_default="")
    """The electronic identification code (mã định danh điện tử, Quyết định 20/2020/QĐ-TTg), blank when unknown
    (schema 4): an office imported from another library is recognised by it."""

    reports: Mapped[list[Report]] = relationship(back_populates="organization")


class Report(Base):
    """One report of one office for one period, written with one template version."""

    __tablename__ = "reports"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    organization_id: Mapped[str] = mapped_column(ForeignKey("organizations.id"), index=True)
    template_key: Mapped[str] = mapped_column(String(64))
    template_version: Mapped[int] = mapped_column(Integer)
    year: Mapped[int] = mapped_column(Integer)
    quarter: Mapped[int] = mapped_column(Integer)
    """The number of the period within its kind (:attr:`period_kind`): the quarter, the month, the half; 1 for
    a year. Named for the quarterly reports schemas 1-2 held."""
    status: Mapped[str] = mapped_column(String(16), default="draft")
    """``draft`` (dự thảo) or ``issued`` (đã ban hành, read-only until reopened)."""
    revision: Mapped[int] = mapped_column(Count, default=1)
    """Counts the edits; an imported copy replaces ours only when its revision is newer."""
    created_at: Mapped[str] = mapped_column(String(40), default=utc_now)
    updated_at: Mapped[str] = mapped_column(String(40), default=utc_now)
    period_kind: Mapped[str] = mapped_column(String(8), default="quarter", server_default="quarter")
    """``month``, ``quarter``, ``half`` or ``year`` (schema 3; last, where the migration adds it)."""

    organization: Mapped[Organization] = relationship(back_populates="reports")
    values: Mapped[list[FieldValue]] = relationship(
        back_populates="report", cascade="all, delete-orphan", passive_deletes=True)


class FieldValue(Base):
    """One field of one report. A blank field has no row: blank is not zero."""

    __tablename__ = "field_values"

    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    int_value: Mapped[int | None] = mapped_column(Count, default=None)
    text_value: Mapped[str | None] = mapped_column(Text, default=None)

    report: Mapped[Report] = relationship(back_populates="values")


class ConsolidationSource(Base):
    """One sub-unit report a consolidated report was built from (schema 2).

    The unit's name and figures are kept as they were at consolidation time, so the appendix (Phụ lục) of
    the consolidated report stays the same when a unit's report is later revised, deleted or never sent along.
    """

    __tablename__ = "consolidation_sources"

    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    """Row order in the appendix, from 1."""
    source_report_id: Mapped[str] = mapped_column(String(36))
    organization_id: Mapped[str] = mapped_column(String(36))
    unit_name: Mapped[str] = mapped_column(Text)
    source_revision: Mapped[int] = mapped_column(Count)


class ConsolidationFigure(Base):
    """A count of one sub-unit at consolidation time (schema 2). A blank figure has no row."""

    __tablename__ = "consolidation_figures"
    __table_args__ = (
        ForeignKeyConstraint(["report_id", "position"],
                             ["consolidation_sources.report_id", "consolidation_sources.position"],
                             ondelete="CASCADE"),
    )

    report_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    int_value: Mapped[int] = mapped_column(Count)


class StoredTemplate(Base):
    """A template the library's reports are written with (schema 3): its exact TOML text, so a report is read
    with its own version on any copy of the program, and a .db sent to another office carries it."""

    __tablename__ = "templates"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    toml_text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    """Hex digest of the UTF-8 text: two copies are the same template exactly when their digests are equal."""
    origin: Mapped[str] = mapped_column(String(16), default="received", server_default="received")
    """How the library came to hold it (schema 4): ``shipped`` with the program, ``added`` by ``template add``,
    ``accepted`` in the editor after a person saw what differs, or ``received`` inside a .db or a workbook. Only
    the first three are used for new reports (:mod:`model.library.trust`); a received one serves its own reports."""


class ReportEvent(Base):
    """One step of a report's way between offices (schema 4): ``received`` (imported by the level above),
    ``returned`` (sent back for correction), ``resubmitted`` (a newer revision after a return), ``sent``
    (exported to the level above), ``consolidated`` (used in the level above's consolidated report). The log
    travels with the report, so the level above sees which revisions were used."""

    __tablename__ = "report_events"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    revision: Mapped[int] = mapped_column(Count)
    """The report's revision the step concerns."""
    occurred_at: Mapped[str] = mapped_column(String(40))
    """When, as an ISO-8601 UTC timestamp (the library's clock)."""
    office_name: Mapped[str] = mapped_column(Text, default="")
    """The office that took the step (the receiving or returning office), as its name was then."""
    note: Mapped[str] = mapped_column(Text, default="")


class ReturnComment(Base):
    """What the level above asks to correct when it returns a report (schema 4): about one field, or general
    (``field_key`` empty). The unit's own values are never changed by a return."""

    __tablename__ = "return_comments"

    event_id: Mapped[str] = mapped_column(ForeignKey("report_events.id", ondelete="CASCADE"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    report_id: Mapped[str] = mapped_column(ForeignKey("reports.id", ondelete="CASCADE"), index=True)
    field_key: Mapped[str] = mapped_column(String(64), default="")
    text: Mapped[str] = mapped_column(Text)


class Deadline(Base):
    """This library's deadline for a report kind (schema 4), replacing the template's or the default one:
    due on ``day`` of the month ``months_after`` months after the period's last month."""

    __tablename__ = "deadlines"

    template_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    day: Mapped[int] = mapped_column(Integer)
    months_after: Mapped[int] = mapped_column(Integer)


def _set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=DELETE")
    cursor.execute("PRAGMA trusted_schema=OFF")
    cursor.close()
    dbapi_connection.text_factory = lenient_text  # a damaged name reads as U+FFFD rather than failing every read


DEFAULT_BUSY_TIMEOUT = 5.0
"""Seconds a statement waits for a lock another connection holds before failing (SQLite's ``sqlite3`` default):
for the command line and background work, where waiting costs the clerk nothing visible."""


def make_engine(path: Path, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Engine:
    """An engine on the library file with our connection set-up; a statement waits ``busy_timeout`` seconds
    for a lock held elsewhere. A file error the clerk can put right (the file read-only, locked by another
    program, the disk full) raises :class:`LibraryError` saying so."""
    engine = create_engine(f"sqlite:///{path}", future=True, connect_args={"timeout": busy_timeout})
    event.listen(engine, "connect", _set_pragmas)

    def explain_file_error(context: ExceptionContext) -> None:
        message = file_error_message(path, context.original_exception)
        if message is not None:
            raise LibraryError(message) from context.original_exception

    event.listen(engine, "handle_error", explain_file_error)
    return engine


def create_schema(engine: Engine) -> None:
    """Create the tables in an empty file and stamp it as ours."""
    Base.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(text(f"PRAGMA application_id={APPLICATION_ID}"))
        conn.execute(text(f"PRAGMA user_version={SCHEMA_VERSION}"))


def journal_path(path: Path) -> Path:
    """The rollback journal SQLite keeps beside ``path`` while a transaction writes."""
    return path.with_name(path.name + "-journal")


def recover_interrupted_write(path: Path) -> None:
    """Roll back a write cut short by a crash or power cut (a hot ``-journal`` beside the file).

    A read-only connection cannot roll a hot journal back and refuses to read the file; one read
    through a writable connection restores the last committed state, as SQLite does on any open.
    """
    conn = sqlite3.connect(path)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def _connect_readonly(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.text_factory = lenient_text
    return conn


def check_file(path: Path, more: Callable[[sqlite3.Connection], T]) -> tuple[list[str], T]:
    """SQLite's ``integrity_check`` of the file (``["ok"]`` or what is wrong) and ``more(conn)``, read-only."""
    conn = _connect_readonly(path)
    try:
        return [str(row[0]) for row in conn.execute("PRAGMA integrity_check")], more(conn)
    finally:
        conn.close()


def _read_stamp_readonly(path: Path) -> tuple[int, int]:
    conn = _connect_readonly(path)
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return app_id, version
    finally:
        conn.close()


def read_stamp(path: Path) -> tuple[int, int]:
    """(application_id, user_version) of a SQLite file, read without changing it (except rolling back a
    write a crash interrupted, which any open does).

    Raises ``sqlite3.DatabaseError`` for a file that is not SQLite.
    """
    try:
        return _read_stamp_readonly(path)
    except sqlite3.OperationalError:
        if not journal_path(path).exists():
            raise
        recover_interrupted_write(path)
        return _read_stamp_readonly(path)
