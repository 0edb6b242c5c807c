"""Who may do what in a server library (schema 4): the clerks' group, row-level security and the guarding triggers.

The rules, enforced by PostgreSQL whatever SQL a clerk sends (``tests/model/server/test_server_attacks.py``):

- the clerks' group is per database (:func:`clerk_group`): a role granted offices in one library gets nothing in
  another library on the same server (before schema 4 one cluster-wide ``soanbaocao_clerk`` held the privileges);
- the administrator is the role that ran ``server-init`` (the tables' owner, :func:`admin_check_sql`); it bypasses
  row-level security and alone adds trusted templates, top-level offices, and deletes issued reports;
- templates: every clerk reads them; a clerk may only add one as ``received`` (a report from another office needs
  its template to be read), which never shapes a new report (:mod:`model.library.templates`);
- offices: a clerk adds an office only under an office they were granted, and moves none of their offices under
  another; a clerk changes only their own offices' profiles;
- an issued report: its one change is reopening it as a new revision, nothing else changed; a report reopened in a
  transaction cannot be issued again in the same transaction (so reopen → edit → issue cannot hide an edit inside
  one transaction: the reopening is committed, visible, and recorded in ``report_reopenings`` with its role);
  a clerk cannot delete it; the rows of its parts (values, consolidation) cannot change;
- the edit log (``report_edits``): the server writes who made the edit (the session's own login role) and when;
  clerks add rows and read them, never change or delete them.

The SQL is frozen text like a migration step; every statement can run again (a migrated server gets the same).
"""

from __future__ import annotations

import hashlib

from sqlalchemy import inspect
from sqlalchemy.engine import Connection

from model.server.connection import DELETE_ISSUED_SQLSTATE, ISSUED_SQLSTATE, MOVE_OFFICE_SQLSTATE, REISSUE_SQLSTATE

OLD_CLERK_GROUP = "soanbaocao_clerk"
"""The cluster-wide group of servers created before schema 4: its privileges in a migrated library are revoked."""
_MAX_NAME = 63  # bytes PostgreSQL keeps of an identifier


def quoted(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def clerk_group(database: str) -> str:
    """The group role holding the clerks' privileges in the library database ``database``."""
    name = f"soanbaocao_clerk_{database}"
    if len(name.encode("utf-8")) > _MAX_NAME:  # PostgreSQL would cut it: two long names could meet
        name = f"soanbaocao_clerk_{hashlib.sha256(database.encode('utf-8')).hexdigest()[:24]}"
    return name


def group_of(conn: Connection) -> str:
    return clerk_group(str(conn.exec_driver_sql("SELECT current_database()").scalar()))


def is_admin(conn: Connection) -> bool:
    """Whether the signed-in role is the library's administrator (owns its tables, or is a superuser)."""
    return bool(conn.exec_driver_sql(f"SELECT {admin_check_sql()}").scalar())


def admin_check_sql() -> str:
    return ("(SELECT pg_has_role(current_user, c.relowner, 'MEMBER') FROM pg_class c "
            "WHERE c.oid = 'public.reports'::regclass)")


_FUNCTIONS = (
    # The offices the current role works for: those granted to it (or to a role it belongs to) and every
    # office under them.
    """CREATE OR REPLACE FUNCTION soanbaocao_offices() RETURNS SETOF varchar LANGUAGE sql STABLE AS $$
        WITH RECURSIVE visible(id) AS (
            SELECT organization_id FROM office_grants WHERE role_name IN (
                SELECT rolname FROM pg_roles WHERE pg_has_role(current_user, oid, 'MEMBER'))
            UNION
            SELECT o.id FROM organizations o JOIN visible v ON o.parent_id = v.id)
        SELECT id FROM visible $$""",
    f"CREATE OR REPLACE FUNCTION soanbaocao_is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$ "
    f"SELECT {admin_check_sql()} $$",
    """CREATE TABLE IF NOT EXISTS report_reopenings (
        report_id varchar(36) NOT NULL REFERENCES reports (id) ON DELETE CASCADE,
        xact xid8 NOT NULL,
        reopened_by text NOT NULL,
        reopened_at timestamptz NOT NULL DEFAULT now())""",
    # Clerks have no privilege on report_reopenings: these two are how the trigger, running as the clerk, reaches it.
    """CREATE OR REPLACE FUNCTION soanbaocao_note_reopening(report varchar) RETURNS void LANGUAGE sql
        SECURITY DEFINER SET search_path = public, pg_temp AS $$
        INSERT INTO report_reopenings (report_id, xact, reopened_by) VALUES (report, pg_current_xact_id(), session_user)
        $$""",
    """CREATE OR REPLACE FUNCTION soanbaocao_reopened_now(report varchar) RETURNS boolean LANGUAGE sql STABLE
        SECURITY DEFINER SET search_path = public, pg_temp AS $$
        SELECT EXISTS (SELECT 1 FROM report_reopenings WHERE report_id = report AND xact = pg_current_xact_id())
        $$""",
    """CREATE OR REPLACE FUNCTION soanbaocao_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP = 'DELETE' THEN
            IF OLD.status = 'issued' AND NOT soanbaocao_is_admin() THEN
                RAISE EXCEPTION 'an issued report is deleted by the administrator only' USING ERRCODE = '{DELETE}';
            END IF;
            RETURN OLD;
        END IF;
        IF OLD.status = 'issued' THEN
            IF NEW.status IS DISTINCT FROM 'draft' OR NEW.revision <= OLD.revision
               OR ROW(NEW.id, NEW.organization_id, NEW.template_key, NEW.template_version, NEW.year, NEW.quarter,
                      NEW.period_kind, NEW.created_at)
                  IS DISTINCT FROM ROW(OLD.id, OLD.organization_id, OLD.template_key, OLD.template_version, OLD.year,
                                       OLD.quarter, OLD.period_kind, OLD.created_at) THEN
                RAISE EXCEPTION 'report is issued' USING ERRCODE = '{ISSUED}';
            END IF;
            PERFORM soanbaocao_note_reopening(OLD.id);
        ELSIF NEW.status = 'issued' AND soanbaocao_reopened_now(OLD.id) THEN
            RAISE EXCEPTION 'report reopened in this transaction' USING ERRCODE = '{REISSUE}';
        END IF;
        RETURN NEW;
    END $$""".replace("{DELETE}", DELETE_ISSUED_SQLSTATE).replace("{ISSUED}", ISSUED_SQLSTATE)
    .replace("{REISSUE}", REISSUE_SQLSTATE),
    # The rows of a report's parts: rows of a report this transaction itself wrote as issued (an import, a copy)
    # may be added; no other row of an issued report changes.
    """CREATE OR REPLACE FUNCTION soanbaocao_issued_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF EXISTS (SELECT 1 FROM reports r WHERE r.status = 'issued' AND r.id IN (NEW.report_id, OLD.report_id)
                   AND (TG_OP <> 'INSERT' OR r.xmin <> pg_current_xact_id()::xid)) THEN
            RAISE EXCEPTION 'report is issued' USING ERRCODE = '{ISSUED}';
        END IF;
        RETURN CASE TG_OP WHEN 'DELETE' THEN OLD ELSE NEW END;
    END $$""".replace("{ISSUED}", ISSUED_SQLSTATE),
    """CREATE OR REPLACE FUNCTION soanbaocao_edit_author() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        NEW.editor := session_user;
        NEW.changed_at := now();
        RETURN NEW;
    END $$""",
    """CREATE OR REPLACE FUNCTION soanbaocao_office_guard() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.parent_id IS DISTINCT FROM OLD.parent_id AND NOT soanbaocao_is_admin()
           AND (NEW.parent_id IS NULL OR NEW.parent_id NOT IN (SELECT soanbaocao_offices())) THEN
            RAISE EXCEPTION 'an office is moved by the administrator only' USING ERRCODE = '{MOVE}';
        END IF;
        RETURN NEW;
    END $$""".replace("{MOVE}", MOVE_OFFICE_SQLSTATE),
)

_RULES = (
    "DROP TRIGGER IF EXISTS issued_read_only ON reports",  # the guard of schema 1-3 (updates only)
    "DROP TRIGGER IF EXISTS report_guard ON reports",
    "CREATE TRIGGER report_guard BEFORE UPDATE OR DELETE ON reports "
    "FOR EACH ROW EXECUTE FUNCTION soanbaocao_report_guard()",
    "DROP TRIGGER IF EXISTS edit_author ON report_edits",
    "CREATE TRIGGER edit_author BEFORE INSERT OR UPDATE ON report_edits "
    "FOR EACH ROW EXECUTE FUNCTION soanbaocao_edit_author()",
    "DROP TRIGGER IF EXISTS office_guard ON organizations",
    "CREATE TRIGGER office_guard BEFORE UPDATE ON organizations "
    "FOR EACH ROW EXECUTE FUNCTION soanbaocao_office_guard()",
    "ALTER TABLE reports ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS office_reports ON reports",
    """CREATE POLICY office_reports ON reports
        USING (organization_id IN (SELECT soanbaocao_offices()))
        WITH CHECK (organization_id IN (SELECT soanbaocao_offices()))""",
    # Every office is readable (names, letterheads, who is under whom); a clerk changes only their own offices'
    # profiles and adds offices only under them (a sub-unit's file imported).
    "ALTER TABLE organizations ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS read_offices ON organizations",
    "CREATE POLICY read_offices ON organizations FOR SELECT USING (true)",
    "DROP POLICY IF EXISTS add_offices ON organizations",
    "CREATE POLICY add_offices ON organizations FOR INSERT WITH CHECK (parent_id IN (SELECT soanbaocao_offices()))",
    "DROP POLICY IF EXISTS own_offices ON organizations",
    "CREATE POLICY own_offices ON organizations FOR UPDATE USING (id IN (SELECT soanbaocao_offices()))",
    "ALTER TABLE templates ENABLE ROW LEVEL SECURITY",
    "DROP POLICY IF EXISTS read_templates ON templates",
    "CREATE POLICY read_templates ON templates FOR SELECT USING (true)",
    "DROP POLICY IF EXISTS receive_templates ON templates",
    "CREATE POLICY receive_templates ON templates FOR INSERT WITH CHECK (origin = 'received')",
)

_PRIVILEGES = {
    "soanbaocao_library": "SELECT", "office_grants": "SELECT", "organizations": "SELECT, INSERT, UPDATE",
    "report_edits": "SELECT, INSERT", "report_reopenings": "", "templates": "SELECT, INSERT",
}
"""What the clerks' group may do per table (row-level security and triggers decide the rows); a table of report
parts, and ``reports``, take ``SELECT, INSERT, UPDATE, DELETE``."""


def grant_clerks(conn: Connection) -> None:
    """The clerks' group of this database (created if missing) with its privileges on every table there is; a
    group named after another database (this one copied or renamed) keeps none here."""
    group = group_of(conn)
    conn.exec_driver_sql(f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{group.replace("'", "''")}') THEN
            CREATE ROLE {quoted(group)} NOLOGIN;
        END IF;
    END $$""")
    conn.exec_driver_sql(f"GRANT USAGE ON SCHEMA public TO {quoted(group)}")
    strays = conn.exec_driver_sql(  # the group of the database this one was copied from, or had as its old name
        "SELECT DISTINCT grantee FROM information_schema.role_table_grants WHERE table_schema = 'public' "
        r"AND grantee LIKE 'soanbaocao\_clerk\_%%' AND grantee <> %(group)s", {"group": group}).scalars().all()
    for stray in strays:
        conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {quoted(stray)}")
        conn.exec_driver_sql(f"REVOKE ALL ON SCHEMA public FROM {quoted(stray)}")
    for table in inspect(conn).get_table_names():
        privileges = _PRIVILEGES.get(table, "SELECT, INSERT, UPDATE, DELETE")
        if privileges:
            conn.exec_driver_sql(f"GRANT {privileges} ON {quoted(table)} TO {quoted(group)}")


def apply_security(conn: Connection) -> None:
    """This release's functions, triggers and policies (every statement may run again)."""
    for statement in (*_FUNCTIONS, *_RULES):
        conn.exec_driver_sql(statement)


def leave_cluster_group(conn: Connection) -> None:
    """Schema 4 on a server made before it: the old cluster-wide group loses every privilege in this library,
    and each role granted offices here joins this database's own group instead."""
    group = group_of(conn)
    if conn.exec_driver_sql(f"SELECT 1 FROM pg_roles WHERE rolname = '{OLD_CLERK_GROUP}'").first() is not None:
        owner = conn.exec_driver_sql("SELECT relowner::regrole::text FROM pg_class "
                                     "WHERE oid = 'public.reports'::regclass").scalar()
        conn.exec_driver_sql(f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {OLD_CLERK_GROUP}")
        conn.exec_driver_sql(f"REVOKE ALL ON SCHEMA public FROM {OLD_CLERK_GROUP}")
        conn.exec_driver_sql(f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public "
                             f"REVOKE ALL ON TABLES FROM {OLD_CLERK_GROUP}")
    roles = conn.exec_driver_sql("SELECT DISTINCT g.role_name FROM office_grants g "
                                 "JOIN pg_roles r ON r.rolname = g.role_name").scalars().all()
    for role in roles:
        conn.exec_driver_sql(f"GRANT {quoted(group)} TO {quoted(role)}")
