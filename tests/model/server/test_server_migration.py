"""A server library made by the schema 3 release is migrated in place: its clerks keep working through the
database's own group, the old cluster-wide group keeps nothing there, and the new guards hold."""

from __future__ import annotations

import uuid
from pathlib import Path

import psycopg
import pytest

from model.errors import LibraryError
from model.library.library import Library
from model.library.storage import SCHEMA_VERSION
from model.server.copying import upload
from model.server.security import OLD_CLERK_GROUP, clerk_group

RELEASE_3 = (
    # what schema 3's server-init set up and this release replaces (model/server/schema.py of that release)
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OLD_CLERK_GROUP}') THEN
            CREATE ROLE {OLD_CLERK_GROUP} NOLOGIN;
        END IF;
    END $$""",
    """CREATE OR REPLACE FUNCTION soanbaocao_issued_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_TABLE_NAME = 'reports' THEN
            IF OLD.status = 'issued' AND NEW.status = 'issued' THEN
                RAISE EXCEPTION 'report is issued' USING ERRCODE = 'SB001';
            END IF;
            RETURN NEW;
        END IF;
        IF EXISTS (SELECT 1 FROM reports r WHERE r.status = 'issued' AND r.id IN (NEW.report_id, OLD.report_id)
                   AND (TG_OP <> 'INSERT' OR r.xmin <> pg_current_xact_id()::xid)) THEN
            RAISE EXCEPTION 'report is issued' USING ERRCODE = 'SB001';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END $$""",
    "CREATE TRIGGER issued_read_only BEFORE UPDATE ON reports FOR EACH ROW EXECUTE FUNCTION soanbaocao_issued_guard()",
    f"GRANT USAGE ON SCHEMA public TO {OLD_CLERK_GROUP}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO {OLD_CLERK_GROUP}",
    f"GRANT SELECT ON soanbaocao_library, office_grants, organizations TO {OLD_CLERK_GROUP}",
    f"GRANT INSERT, UPDATE ON organizations TO {OLD_CLERK_GROUP}",
    "CREATE POLICY add_offices ON organizations FOR INSERT WITH CHECK (true)",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON reports, field_values, consolidation_sources, consolidation_figures, "
    f"report_edits TO {OLD_CLERK_GROUP}",
    f"GRANT SELECT, INSERT ON templates TO {OLD_CLERK_GROUP}",
    "UPDATE soanbaocao_library SET schema_version = 3",
)


def _as_release_3(sql: psycopg.Connection, group: str) -> None:
    """Turn a fresh library back into what the schema 3 release left on a server."""
    for statement in (
            "DROP TRIGGER report_guard ON reports", "DROP TRIGGER edit_author ON report_edits",
            "DROP TRIGGER office_guard ON organizations", "DROP TABLE report_reopenings",
            "DROP TABLE return_comments, report_events, deadlines",
            "ALTER TABLE organizations DROP COLUMN level, DROP COLUMN code",
            "DROP FUNCTION soanbaocao_report_guard, soanbaocao_note_reopening, soanbaocao_reopened_now, "
            "soanbaocao_edit_author, soanbaocao_office_guard",
            "DROP POLICY read_templates ON templates", "DROP POLICY receive_templates ON templates",
            "ALTER TABLE templates DISABLE ROW LEVEL SECURITY", "ALTER TABLE templates DROP COLUMN origin",
            "DROP POLICY add_offices ON organizations",
            f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{group}"', f'REVOKE ALL ON SCHEMA public FROM "{group}"',
            f'DROP ROLE "{group}"', *RELEASE_3):
        sql.execute(statement)


def test_a_release_3_server_is_migrated_and_its_old_group_keeps_nothing(pg_server, sample_path: Path) -> None:
    sample_url = pg_server.new_database()
    with Library.init_server(sample_url) as library:
        upload(sample_path, library)
    database = sample_url.split("/", 3)[3].split("?", 1)[0]
    group = clerk_group(database)
    clerk = f"huyen_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f'CREATE ROLE "{clerk}" LOGIN')
    with psycopg.connect(host=str(pg_server.socket_dir), port=pg_server.port, user="postgres", dbname=database,
                         autocommit=True) as sql:
        _as_release_3(sql, group)
        office = sql.execute("SELECT id FROM organizations").fetchone()[0]
        sql.execute("INSERT INTO office_grants VALUES (%s, %s)", (clerk, office))  # as server-grant did then
        sql.execute(f'GRANT {OLD_CLERK_GROUP} TO "{clerk}"')
    clerk_url = sample_url.replace("postgres@", f"{clerk}@")
    with pytest.raises(LibraryError, match=r"quản trị viên .* hãy mở thư viện một lần để nâng cấp"):
        Library.open(clerk_url)

    Library.open(sample_url).close()  # the administrator opens it: migrated

    with psycopg.connect(host=str(pg_server.socket_dir), port=pg_server.port, user="postgres",
                         dbname=database) as sql:
        assert sql.execute("SELECT schema_version FROM soanbaocao_library").fetchone()[0] == SCHEMA_VERSION
        assert set(sql.execute("SELECT origin FROM templates").fetchall()) == {("shipped",)}  # nq36a, tthc
        assert sql.execute("SELECT has_table_privilege(%s, 'reports', 'SELECT'), "
                           "has_table_privilege(%s, 'reports', 'SELECT')", (OLD_CLERK_GROUP, group)).fetchone() \
            == (False, True)
        assert sql.execute("SELECT pg_has_role(%s, %s, 'MEMBER')", (clerk, group)).fetchone()[0]
    with Library.open(clerk_url) as library:
        assert len(library.reports()) == 2
        issued = library.find_report("2018-Q1").id
        with pytest.raises(LibraryError, match="không xóa được"):
            library.delete_report(issued)
