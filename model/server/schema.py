"""What a server library holds besides the library tables, and who may do what there.

- ``soanbaocao_library``: the stamp (application id, schema version) a file keeps in its header;
- ``office_grants``: which offices each clerk's PostgreSQL role works for; a grant covers the office and every
  office under it (the province's grant covers its districts);
- ``report_edits``: who changed which fields of a report at each revision, for the message a clerk reads when
  their edit arrives on a stale revision;
- row-level security on the report tables keyed by ``office_grants``, so a district's clerk reads and writes
  only their own offices' reports whatever SQL they send, and changes only their own offices' profiles; the
  role that ran ``server-init`` owns the tables and sees everything (the province's administrator);
- the guards of issued reports, templates, offices and the edit log (:mod:`model.server.security`).

The SQL is frozen text like a migration step: it describes the server objects of this release.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import Column, DateTime, MetaData, String, Table, Text, func, inspect, select, text
from sqlalchemy.engine import Connection, Engine

from model.errors import LibraryError
from model.library import migrations
from model.library.storage import APPLICATION_ID, SCHEMA_VERSION, Base, Count
from model.server.security import apply_security, grant_clerks, group_of, is_admin, leave_cluster_group, quoted

server_metadata = MetaData()

stamp_table = Table(
    "soanbaocao_library", server_metadata,
    Column("application_id", Count, nullable=False),
    Column("schema_version", Count, nullable=False),
)

grants_table = Table(
    "office_grants", server_metadata,
    Column("role_name", Text, primary_key=True),
    Column("organization_id", String(36), primary_key=True),
)

edits_table = Table(
    "report_edits", server_metadata,
    Column("report_id", String(36), primary_key=True),
    Column("revision", Count, primary_key=True),
    Column("editor", Text, nullable=False, server_default=text("current_user")),
    Column("changed_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Column("fields", Text, nullable=False, server_default=""),
)

_KEYS_SQL = (
    "ALTER TABLE office_grants ADD FOREIGN KEY (organization_id) REFERENCES organizations (id) ON DELETE CASCADE",
    "ALTER TABLE report_edits ADD FOREIGN KEY (report_id) REFERENCES reports (id) ON DELETE CASCADE",
)


def _report_part_sql(table: str) -> tuple[str, ...]:
    """A table of rows belonging to a report (``report_id``): the rows of the reports the role sees, read-only
    once the report is issued (but the logs: of edits, and of the report's way between offices — an issued
    report is received, returned and consolidated)."""
    statements = (
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"""CREATE POLICY office_reports ON {table}
            USING (EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id))
            WITH CHECK (EXISTS (SELECT 1 FROM reports r WHERE r.id = report_id))""",
    )
    if table not in (edits_table.name, "report_events", "return_comments"):
        statements += (f"""CREATE TRIGGER issued_read_only BEFORE INSERT OR UPDATE OR DELETE ON {table}
            FOR EACH ROW EXECUTE FUNCTION soanbaocao_issued_guard()""",)
    return statements


def _secure_report_parts(conn: Connection) -> None:
    """Row security on every table of report parts that has none yet: those of this release at creation, and
    one a later schema version adds, after its migration; then the clerks' privileges on every table."""
    secured = set(conn.execute(text("SELECT tablename FROM pg_policies WHERE policyname = 'office_reports'")).scalars())
    existing = _table_names(conn)  # a migration adds tables one version at a time
    tables = [t for t in (*Base.metadata.sorted_tables, edits_table) if t.name in existing]
    for table in tables:
        if "report_id" in table.c and table.name not in secured:
            for statement in _report_part_sql(table.name):
                conn.exec_driver_sql(statement)
    grant_clerks(conn)


def _table_names(conn: Connection) -> set[str]:
    return set(inspect(conn).get_table_names())


def server_version(engine: Engine) -> int:
    """The schema version of the server library; :class:`LibraryError` when the database is not one."""
    with engine.connect() as conn:
        if stamp_table.name not in _table_names(conn):
            raise LibraryError("Cơ sở dữ liệu trên máy chủ chưa có thư viện báo cáo; quản trị viên tạo bằng lệnh "
                               "server-init.")
        row = conn.execute(select(stamp_table.c.application_id, stamp_table.c.schema_version)).first()
    if row is None or row.application_id != APPLICATION_ID:
        raise LibraryError("Cơ sở dữ liệu trên máy chủ không phải thư viện của Soạn báo cáo.")
    if row.schema_version > SCHEMA_VERSION:
        raise LibraryError(f"Thư viện trên máy chủ do phiên bản Soạn báo cáo mới hơn tạo (lược đồ "
                           f"{row.schema_version}, phiên bản này đọc đến {SCHEMA_VERSION}). Hãy cập nhật phần mềm.")
    if row.schema_version < SCHEMA_VERSION and row.schema_version not in migrations.STEPS:
        raise LibraryError(f"Thư viện trên máy chủ có phiên bản lược đồ {row.schema_version} không hợp lệ.")
    return int(row.schema_version)


def init_server(engine: Engine) -> None:
    """Create the library, its stamp and its security in an empty database, in one transaction."""
    with engine.begin() as conn:
        existing = _table_names(conn)
        if stamp_table.name in existing:
            raise LibraryError("Cơ sở dữ liệu trên máy chủ đã có thư viện báo cáo; không tạo lại.")
        if clash := sorted(existing & (set(Base.metadata.tables) | set(server_metadata.tables))):
            raise LibraryError(f"Cơ sở dữ liệu trên máy chủ đã có bảng “{clash[0]}” của phần mềm khác; hãy dùng một "
                               "cơ sở dữ liệu riêng cho thư viện.")
        Base.metadata.create_all(conn)
        server_metadata.create_all(conn)
        conn.execute(stamp_table.insert().values(application_id=APPLICATION_ID, schema_version=SCHEMA_VERSION))
        for statement in _KEYS_SQL:
            conn.exec_driver_sql(statement)
        apply_security(conn)
        _secure_report_parts(conn)


class _DriverConnection:
    """What a migration step asks of a ``sqlite3`` connection (``execute(sql)``), on a server connection: the
    same frozen steps migrate files and servers."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn

    def execute(self, sql: str, parameters: tuple[object, ...] = ()) -> object:
        if parameters:  # sqlite3's ``?`` placeholders in psycopg's style
            sql = sql.replace("%", "%%").replace("?", "%s")
        return self._conn.exec_driver_sql(sql, tuple(parameters) or None)


def migrate_server(engine: Engine, from_version: int) -> None:
    """Bring a server library up to :data:`SCHEMA_VERSION`, each step in one transaction (PostgreSQL's DDL is
    transactional: a failed step leaves the server as it was, so no backup copy is needed). Only the
    administrator (the tables' owner) can; a clerk who opens an older library is told so."""
    with engine.connect() as conn:
        if not is_admin(conn):
            raise LibraryError("Thư viện trên máy chủ cần nâng cấp cho phiên bản phần mềm này; quản trị viên (tài "
                               "khoản đã chạy server-init) hãy mở thư viện một lần để nâng cấp, rồi cán bộ mở lại.")
    for version in range(from_version, SCHEMA_VERSION):
        with engine.begin() as conn:
            migrations.STEPS[version](_DriverConnection(conn))  # type: ignore[arg-type]
            if version in SERVER_STEPS:
                SERVER_STEPS[version](conn)
            conn.execute(stamp_table.update().values(schema_version=version + 1))
            _secure_report_parts(conn)


def _server_v3_security(conn: Connection) -> None:
    """Schema 4 on a server: the clerks' group per database, the trust of templates, the guards of issued
    reports, offices and the edit log (:mod:`model.server.security`)."""
    grant_clerks(conn)
    leave_cluster_group(conn)
    apply_security(conn)


SERVER_STEPS: dict[int, Callable[[Connection], None]] = {3: _server_v3_security}
"""What a server needs besides the file's step ``n`` (``n`` → ``n + 1``): its own objects of that release."""


def grant_offices(engine: Engine, role: str, organization_ids: Iterable[str]) -> None:
    """Let ``role`` (an existing PostgreSQL login role) work on the reports of these offices and those under
    them; it joins the clerks' group that holds the table privileges."""
    with engine.begin() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_roles WHERE rolname = :role"), {"role": role}).first()
        if exists is None:
            raise LibraryError(f"Máy chủ không có tài khoản “{role}”; quản trị viên tạo bằng CREATE ROLE … LOGIN "
                               "PASSWORD rồi cấp quyền lại.")
        grant_clerks(conn)  # this database's group, should the database have been copied or renamed
        conn.exec_driver_sql(f"GRANT {quoted(group_of(conn))} TO {quoted(role)}")
        for org_id in organization_ids:
            conn.execute(text("INSERT INTO office_grants (role_name, organization_id) VALUES (:role, :org) "
                              "ON CONFLICT DO NOTHING"), {"role": role, "org": org_id})
