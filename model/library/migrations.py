"""Schema migrations: ordered steps keyed on ``PRAGMA user_version``.

``STEPS[n]`` upgrades a library from version ``n`` to ``n + 1`` inside one transaction. A library is
copied to ``<name>.v<n>.bak`` before it is migrated in place. Version 1 is the first released schema;
``tests/fixtures/`` holds a library of every released version.

A step is frozen SQL, never derived from the ORM classes of today: the ORM describes the newest
schema, a step describes one change that already shipped. (Step 2 also copies shipped template texts, which
are frozen too: a released template version never changes, and older ones stay as ``KEY.vN.toml``.)
"""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from model.library.storage import SCHEMA_VERSION

Step = Callable[[sqlite3.Connection], None]

TABLES_AT_VERSION: dict[int, frozenset[str]] = {
    1: frozenset({"organizations", "reports", "field_values"}),
    2: frozenset({"organizations", "reports", "field_values", "consolidation_sources", "consolidation_figures"}),
    3: frozenset({"organizations", "reports", "field_values", "consolidation_sources", "consolidation_figures",
                  "templates"}),
    4: frozenset({"organizations", "reports", "field_values", "consolidation_sources", "consolidation_figures",
                  "templates", "report_events", "return_comments", "deadlines"}),
}
"""The tables a library of each released schema version holds (what an imported file may contain)."""

COLUMNS_ADDED_AT_VERSION: dict[int, dict[str, frozenset[str]]] = {
    3: {"reports": frozenset({"period_kind"})},
    4: {"templates": frozenset({"origin"}), "organizations": frozenset({"level", "code"})},
}
"""Columns a migration step adds to a table that existed before it: an older library lacks them until migrated."""


def columns_missing_at(version: int) -> dict[str, frozenset[str]]:
    """Per table, the current columns a library of schema ``version`` does not have yet."""
    missing: dict[str, frozenset[str]] = {}
    for later, tables in COLUMNS_ADDED_AT_VERSION.items():
        if later > version:
            for table, columns in tables.items():
                missing[table] = missing.get(table, frozenset()) | columns
    return missing


def _v1_consolidation_tables(conn: sqlite3.Connection) -> None:
    """Version 2: where a consolidated report's sub-unit reports and their figures are kept."""
    conn.execute("""
        CREATE TABLE consolidation_sources (
            report_id VARCHAR(36) NOT NULL,
            position INTEGER NOT NULL,
            source_report_id VARCHAR(36) NOT NULL,
            organization_id VARCHAR(36) NOT NULL,
            unit_name TEXT NOT NULL,
            source_revision INTEGER NOT NULL,
            PRIMARY KEY (report_id, position),
            FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
        )""")
    conn.execute("""
        CREATE TABLE consolidation_figures (
            report_id VARCHAR(36) NOT NULL,
            position INTEGER NOT NULL,
            "key" VARCHAR(64) NOT NULL,
            int_value INTEGER NOT NULL,
            PRIMARY KEY (report_id, position, "key"),
            FOREIGN KEY(report_id, position) REFERENCES consolidation_sources (report_id, position)
                ON DELETE CASCADE
        )""")


def _v2_stored_templates(conn: sqlite3.Connection) -> None:
    """Version 3: the library stores the text of every template its reports use, and a report's period has a
    kind (month, quarter, half-year, year). The reports of a schema 2 library were written with the templates
    this program ships (``resources/templates/KEY.toml`` or, for an older version, ``KEY.vN.toml``)."""
    from model.report.shipped import shipped_template_text
    from model.report.template_source import template_sha256  # parsing is not needed at start-up

    conn.execute("""
        CREATE TABLE templates (
            "key" VARCHAR(64) NOT NULL,
            version INTEGER NOT NULL,
            toml_text TEXT NOT NULL,
            sha256 VARCHAR(64) NOT NULL,
            PRIMARY KEY ("key", version)
        )""")
    conn.execute("ALTER TABLE reports ADD COLUMN period_kind VARCHAR(8) DEFAULT 'quarter' NOT NULL")
    used = conn.execute("SELECT DISTINCT template_key, template_version FROM reports").fetchall()
    for key, version in used:
        text = shipped_template_text(key, version)
        conn.execute('INSERT INTO templates ("key", version, toml_text, sha256) VALUES (?, ?, ?, ?)',
                     (key, version, text, template_sha256(text)))


def _v3_template_origin(conn: sqlite3.Connection) -> None:
    """Version 4: how the library came to hold each template (the README's trust model). A schema 3 library
    cannot tell a template ``template add`` stored from one a received .db carried, so only the exact texts
    this program ships stay trusted; any other is ``received`` until IT adds it again or a person accepts it."""
    from model.report.shipped import shipped_template_text
    from model.report.template import TemplateError
    from model.report.template_source import template_sha256

    conn.execute("ALTER TABLE templates ADD COLUMN origin VARCHAR(16) DEFAULT 'received' NOT NULL")
    rows = conn.execute('SELECT "key", version, sha256 FROM templates').fetchall()
    for key, version, digest in rows:
        try:
            shipped = template_sha256(shipped_template_text(key, version)) == digest
        except TemplateError:
            shipped = False
        if shipped:
            conn.execute("UPDATE templates SET origin = 'shipped' WHERE \"key\" = ? AND version = ?", (key, version))


def _v3_oversight(conn: sqlite3.Connection) -> None:
    """Version 4: the receipt log of each report (received, returned, resubmitted, sent, consolidated), what the
    level above asked to correct, and this library's deadlines per report kind."""
    conn.execute("""
        CREATE TABLE report_events (
            id VARCHAR(36) NOT NULL,
            report_id VARCHAR(36) NOT NULL,
            kind VARCHAR(16) NOT NULL,
            revision INTEGER NOT NULL,
            occurred_at VARCHAR(40) NOT NULL,
            office_name TEXT NOT NULL,
            note TEXT NOT NULL,
            PRIMARY KEY (id),
            FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
        )""")
    conn.execute("CREATE INDEX ix_report_events_report_id ON report_events (report_id)")
    conn.execute("""
        CREATE TABLE return_comments (
            event_id VARCHAR(36) NOT NULL,
            position INTEGER NOT NULL,
            report_id VARCHAR(36) NOT NULL,
            field_key VARCHAR(64) NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (event_id, position),
            FOREIGN KEY(event_id) REFERENCES report_events (id) ON DELETE CASCADE,
            FOREIGN KEY(report_id) REFERENCES reports (id) ON DELETE CASCADE
        )""")
    conn.execute("CREATE INDEX ix_return_comments_report_id ON return_comments (report_id)")
    conn.execute("""
        CREATE TABLE deadlines (
            template_key VARCHAR(64) NOT NULL,
            day INTEGER NOT NULL,
            months_after INTEGER NOT NULL,
            PRIMARY KEY (template_key)
        )""")


def _v3_office_levels(conn: sqlite3.Connection) -> None:
    """Version 4: an office has a level (tỉnh, sở, huyện, xã: which variant of a report kind it writes) and an
    optional electronic identification code. An existing office is ``tinh`` when another office is under it,
    otherwise its level is read from its name (:func:`model.offices.identity.infer_level`). The same frozen SQL
    runs on a server library (:func:`model.server.schema.migrate_server`)."""
    from model.offices.identity import infer_level

    conn.execute("ALTER TABLE organizations ADD COLUMN level VARCHAR(8) DEFAULT '' NOT NULL")
    conn.execute("ALTER TABLE organizations ADD COLUMN code VARCHAR(64) DEFAULT '' NOT NULL")
    parents = {row[0] for row in conn.execute(
        "SELECT DISTINCT parent_id FROM organizations WHERE parent_id IS NOT NULL").fetchall()}
    for org_id, name in conn.execute("SELECT id, name FROM organizations").fetchall():
        conn.execute("UPDATE organizations SET level = ? WHERE id = ?",
                     (infer_level(name if isinstance(name, str) else "", org_id in parents), org_id))


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    """Version 4 (one release): the templates' origin, the oversight tables, the offices' levels and codes."""
    _v3_template_origin(conn)
    _v3_oversight(conn)
    _v3_office_levels(conn)


STEPS: dict[int, Step] = {
    1: _v1_consolidation_tables,
    2: _v2_stored_templates,
    3: _v3_to_v4,
}


def backup_path(path: Path, version: int) -> Path:
    return path.with_name(f"{path.name}.v{version}.bak")


def migrate(path: Path, from_version: int, *, backup: bool = True) -> None:
    """Bring the library at ``path`` from ``from_version`` up to :data:`SCHEMA_VERSION`."""
    if from_version >= SCHEMA_VERSION:
        return
    if backup:
        shutil.copy2(path, backup_path(path, from_version))
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=OFF")
        conn.execute("BEGIN IMMEDIATE")  # every step in one transaction: a step that fails leaves the file as it was
        try:
            for version in range(from_version, SCHEMA_VERSION):
                STEPS[version](conn)
                conn.execute(f"PRAGMA user_version={version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    finally:
        conn.close()
