"""The library service: every operation the GUI and the command line perform on a library file, or on the
same library on a PostgreSQL server (:mod:`model.server.connection`, :mod:`model.server.schema`).

Each edit is written through at once in a short transaction, so a power cut loses at most the
keystroke being typed. Errors a clerk can cause raise :class:`LibraryError` with a Vietnamese message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, inspect, select, text
from sqlalchemy.orm import Session, selectinload

from model.errors import LibraryError, StaleReport, file_error_message, os_error_text
from model.exchange.appendix import (
    FIGURES_SQL,
    SOURCE_VERSIONS_SQL,
    UNITS_SQL,
    AppendixTable,
    build_appendix,
    units_lacking_fields,
)
from model.library import migrations
from model.library.sqlitetext import SQLITE_FAILURES, error_detail
from model.library.storage import (
    APPLICATION_ID,
    DEFAULT_BUSY_TIMEOUT,
    KNOWN_TABLES,
    SCHEMA_VERSION,
    FieldValue,
    Organization,
    Report,
    StoredTemplate,
    check_file,
    create_schema,
    log,
    make_engine,
    new_id,
    read_stamp,
    utc_now,
)
from model.library.wellformed import shape_problem
from model.report.checks import CheckContext, Problem, engine_for
from model.report.period import Period
from model.report.placeholders import fill, report_context
from model.report.report_info import STATUS_LABELS, ReportInfo, library_order, reports_named
from model.report.template import DEFAULT_TEMPLATE, Template, TemplateError
from model.report.template_source import parse_template_text, shipped_template_text, shipped_versions, template_sha256
from model.report.values import Value, computed_ratio, normalise_value, parse_value, stored_values, to_storage
from model.report.vnformat import ParseError
from model.server.connection import ServerAddress, make_server_engine
from model.server.scheme import is_server_url

MISSING_OFFICE = "(cơ quan không còn trong thư viện)"
"""The office shown for a report whose office row is gone (a damaged file): the report stays readable."""

# Fields that belong to one issue of a document, never carried to the next period.
NOT_CARRIED = frozenset({"so", "ngay_ban_hanh"})


@dataclass(frozen=True)
class TemplateInfo:
    """A template the library stores: its identity, name and how many of the library's reports use it."""

    key: str
    version: int
    name: str
    sha256: str
    reports: int
    period_kind: str = "quarter"
    """The period the kind is made for (``month``, ``quarter``, ``half``, ``year``)."""

_STATUS_EDIT = {"status:issued": "đánh dấu đã ban hành", "status:draft": "mở lại để sửa"}


@dataclass(frozen=True)
class OrganizationInfo:
    """An office as the editor and the services see it (an :class:`Organization` row, detached)."""

    id: str
    name: str
    header_name: str
    parent_header: str
    place: str
    symbol_suffix: str
    parent_id: str | None

    def profile(self) -> tuple[str, ...]:
        """What a newer copy of the same office may change."""
        return (self.name, self.header_name, self.parent_header, self.place, self.symbol_suffix,
                self.parent_id or "")


def organization_info(org: Organization) -> OrganizationInfo:
    return OrganizationInfo(org.id, org.name, org.header_name, org.parent_header, org.place,
                            org.symbol_suffix, org.parent_id)


def _report_info(report: Report) -> ReportInfo:
    office = report.organization.name if report.organization is not None else MISSING_OFFICE
    return ReportInfo(
        id=report.id, organization_id=report.organization_id, organization_name=office,
        period=Period(report.year, report.quarter, report.period_kind), status=report.status,
        template_key=report.template_key,
        template_version=report.template_version, revision=report.revision, updated_at=report.updated_at,
    )


def check_library_file(path: Path) -> int:
    """Make sure ``path`` is one of our libraries and return its schema version; touch nothing."""
    if path.is_dir():
        raise LibraryError(f"“{path}” là một thư mục, không phải tệp thư viện báo cáo (.db).")
    if not path.is_file():
        raise LibraryError(f"Không tìm thấy tệp “{path}”.")
    try:
        app_id, version = read_stamp(path)
    except SQLITE_FAILURES as exc:  # not SQLite, or SQLite that cannot be read now (locked, no permission)
        raise LibraryError(file_error_message(path, exc) or f"Tệp “{path.name}” không phải thư viện báo cáo "
                           "(không phải tệp SQLite hoặc tệp đã hỏng).") from None
    if app_id != APPLICATION_ID:
        raise LibraryError(f"Tệp “{path.name}” không phải thư viện báo cáo của Soạn báo cáo.")
    if version > SCHEMA_VERSION:
        raise LibraryError(f"Tệp “{path.name}” được tạo bởi phiên bản Soạn báo cáo mới hơn "
                           f"(lược đồ {version}, phiên bản này đọc được đến {SCHEMA_VERSION}). "
                           "Hãy cập nhật phần mềm.")
    if version < 1 or (version < SCHEMA_VERSION and version not in migrations.STEPS):
        raise LibraryError(f"Tệp “{path.name}” có phiên bản lược đồ {version} không hợp lệ.")
    return version


def _damaged(path: Path) -> str:
    return f"Tệp “{path.name}” đã hỏng nên không đọc được. Hãy mở bản sao lưu của tệp."


def _refuse_if_damaged(path: Path, version: int) -> None:
    """Before the library is used: SQLite's ``integrity_check`` (``quick_check`` misses an index that disagrees
    with its table, and a report listed by a scan is then not found by its id) and our :func:`shape_problem` on
    the tables of ``version``. A damaged library is refused, so it is never written to. It reads the whole file:
    a few milliseconds for a library of a few years, some 0.2 s for 18 MB (tests/benchmarks/bench_open.py)."""
    try:
        problems, shape = check_file(path, lambda conn: shape_problem(
            conn, migrations.TABLES_AT_VERSION[version], migrations.columns_missing_at(version)))
    except SQLITE_FAILURES as exc:
        log.warning("Thư viện %s không đọc được: %s", path, error_detail(exc))
        raise LibraryError(file_error_message(path, exc) or _damaged(path)) from exc
    if problems != ["ok"]:
        log.warning("Thư viện %s không qua integrity_check: %s", path, "; ".join(problems[:5]))
        raise LibraryError(_damaged(path))
    if shape is not None:
        log.warning("Thư viện %s hỏng: %s", path, shape)
        raise LibraryError(f"Tệp “{path.name}” đã hỏng ({shape}), nên không mở được. Hãy mở bản sao lưu của tệp.")


def _match_report(ref: str, reports: list[ReportInfo]) -> ReportInfo:
    matches, period = reports_named(reports, ref)
    if len(matches) == 1:
        return matches[0]
    if period is not None:
        if matches:
            ids = ", ".join(r.id[:8] for r in matches)
            raise LibraryError(f"Có {len(matches)} báo cáo {period.text} ({ids}); hãy ghi mã báo cáo.")
        raise LibraryError(f"Không có báo cáo {period.text} trong thư viện.")
    matches = [r for r in reports if len(ref) >= 4 and r.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    raise LibraryError(f"Không tìm thấy báo cáo “{ref}”; xem danh sách bằng lệnh list.")


LibrarySource = str | Path | ServerAddress
"""Where a library is: a file, or a server (``postgresql://…`` text or a :class:`ServerAddress`)."""


def server_address(source: LibrarySource) -> ServerAddress | None:
    """The server ``source`` names, or ``None`` for a file."""
    if isinstance(source, ServerAddress):
        return source
    if isinstance(source, str) and is_server_url(source):
        return ServerAddress.parse(source)
    return None


@dataclass(frozen=True)
class Edit:
    """What an edit wrote (the field and recomputed ratios) and the report's revision after it."""

    written: dict[str, Value]
    revision: int


class Library:
    """An open library: a file, or a database on a server (:attr:`server`). Use :meth:`open` or :meth:`create`;
    close it with :meth:`close`."""

    def __init__(self, path: Path | None, busy_timeout: float = DEFAULT_BUSY_TIMEOUT, *,
                 server: ServerAddress | None = None) -> None:
        self.path = path
        """The library file; ``None`` for a server library."""
        self.server = server
        self.busy_timeout = busy_timeout
        """Seconds an operation waits for a lock another program (or connection) holds before it fails."""
        if server is not None:
            self._engine = make_server_engine(server)
        else:
            assert path is not None
            self._engine = make_engine(path, busy_timeout)
        self._parsed: dict[tuple[str, int], Template] = {}
        """Templates read from this library, by (key, version): a stored version never changes."""

    @property
    def source(self) -> Path | ServerAddress:
        """What :meth:`open` takes to open this library again (a background job opens its own)."""
        return self.server if self.server is not None else self.path  # type: ignore[return-value]

    @property
    def name(self) -> str:
        """The library as the clerk knows it: the file's name, or ``user@server/database``."""
        return self.server.display if self.server is not None else self.path.name  # type: ignore[union-attr]

    # ------------------------------------------------------------------ opening
    @classmethod
    def open(cls, path: LibrarySource, *, busy_timeout: float = DEFAULT_BUSY_TIMEOUT) -> Library:
        """Open an existing library, migrating an older schema after a backup copy. Each operation waits up to
        ``busy_timeout`` seconds for a lock held elsewhere (the editor waits less than a background job).
        ``path`` may name a server library (``postgresql://…``)."""
        address = server_address(path)
        if address is not None:
            return cls._open_server(address)
        path = Path(path)  # type: ignore[arg-type]
        version = check_library_file(path)
        _refuse_if_damaged(path, version)
        if version < SCHEMA_VERSION:
            try:
                migrations.migrate(path, version)
            except (OSError, sqlite3.Error, TemplateError) as exc:
                if isinstance(exc, OSError):
                    reason = f"Lý do: {os_error_text(exc)}."
                elif isinstance(exc, TemplateError):  # a report of a template version this program never shipped
                    reason = str(exc)
                else:
                    reason = file_error_message(path, exc) or ""
                raise LibraryError(f"Không nâng cấp được thư viện “{path.name}” lên phiên bản mới; tệp vẫn giữ "
                                   f"nguyên như trước. {reason}".strip()) from exc
        return cls(path, busy_timeout)

    @classmethod
    def create(cls, path: str | Path, *, seed_templates: bool = True) -> Library:
        """Create a new library at ``path`` (which must not exist) holding no report and, unless
        ``seed_templates`` is false (a .db to send carries only its reports' templates), the newest version of
        every shipped template."""
        path = Path(path)
        if path.is_dir():
            raise LibraryError(f"“{path}” là một thư mục; hãy ghi tên tệp thư viện mới (.db).")
        if path.exists():
            raise LibraryError(f"Tệp “{path}” đã có; chọn tên khác.")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            library = cls(path)
            create_schema(library._engine)
            if seed_templates:
                library._store_shipped_templates()
        except OSError as exc:
            raise LibraryError(f"Không tạo được tệp “{path}”: {os_error_text(exc)}.") from exc
        except sqlite3.Error as exc:
            raise LibraryError(file_error_message(path, exc) or f"Không tạo được tệp “{path}”.") from exc
        return library

    @classmethod
    def _open_server(cls, address: ServerAddress) -> Library:
        """A server library, migrated in place when older (each step one transaction: no backup copy)."""
        from model.server.schema import migrate_server, server_version

        library = cls(None, server=address)
        try:
            version = server_version(library._engine)
            if version < SCHEMA_VERSION:
                migrate_server(library._engine, version)
            library._check_server_tables()
        except BaseException:
            library.close()
            raise
        return library

    @classmethod
    def init_server(cls, address: LibrarySource) -> Library:
        """Create the library (tables, stamp, row security) in an empty database on a server and open it."""
        from model.server.schema import init_server

        server = server_address(address)
        if server is None:
            raise LibraryError(f"“{address}” không phải địa chỉ máy chủ (postgresql://tên@máy/cơ_sở_dữ_liệu).")
        library = cls(None, server=server)
        try:
            init_server(library._engine)
            library._store_shipped_templates()
        except BaseException:
            library.close()
            raise
        return library

    def grant_offices(self, role: str, organization_ids: Iterable[str]) -> None:
        """Let the server role ``role`` work on the reports of these offices and of the offices under them."""
        if self.server is None:
            raise LibraryError("Chỉ cấp quyền được trên thư viện ở máy chủ (postgresql://…), không trên tệp .db.")
        from model.server.schema import grant_offices

        grant_offices(self._engine, role, organization_ids)

    def _store_shipped_templates(self) -> None:
        """The newest version of every shipped template, in a new library."""
        with self._session() as session, session.begin():
            for key in shipped_versions():
                self.store_template(session, shipped_template_text(key))

    def _check_server_tables(self) -> None:
        with self._engine.connect() as conn:
            names = set(inspect(conn).get_table_names())
        if not names >= KNOWN_TABLES:
            self.close()
            raise LibraryError(f"Thư viện “{self.name}” thiếu bảng dữ liệu; thư viện đã hỏng.")

    def close(self) -> None:
        self._engine.dispose()

    def ping(self) -> None:
        """Raise :class:`LibraryError` (:class:`ServerUnavailable` for a server gone) unless the library answers."""
        with self._engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def _session(self) -> Session:
        return Session(self._engine, expire_on_commit=False)

    def session(self) -> Session:
        """A session for a service that writes many rows in one transaction (import, consolidation):
        ``with library.session() as session, session.begin(): ...``."""
        return self._session()

    # ------------------------------------------------------------------ organisations
    def add_organization(self, name: str, header_name: str, place: str, *, parent_header: str = "",
                         symbol_suffix: str = "UBND", parent_id: str | None = None,
                         org_id: str | None = None) -> str:
        with self._session() as session, session.begin():
            org = Organization(id=org_id or new_id(), name=name, header_name=header_name, place=place,
                               parent_header=parent_header, symbol_suffix=symbol_suffix, parent_id=parent_id)
            session.add(org)
        return org.id

    def organizations(self) -> list[OrganizationInfo]:
        with self._session() as session:
            return [organization_info(o) for o in session.scalars(select(Organization).order_by(Organization.name))]

    def organization(self, org_id: str) -> OrganizationInfo:
        with self._session() as session:
            org = session.get(Organization, org_id)
            if org is None:
                raise LibraryError(f"Không có cơ quan “{org_id}” trong thư viện.")
            return organization_info(org)

    # ------------------------------------------------------------------ reports
    def reports(self) -> list[ReportInfo]:
        """Every report, by office, then period."""
        with self._session() as session:
            rows = session.scalars(select(Report).options(selectinload(Report.organization)))
            infos = [_report_info(r) for r in rows]
        return sorted(infos, key=library_order)

    def report(self, report_id: str) -> ReportInfo:
        with self._session() as session:
            report = session.get(Report, report_id)
            if report is None:
                raise LibraryError(f"Không có báo cáo “{report_id}” trong thư viện.")
            return _report_info(report)

    def find_report(self, ref: str) -> ReportInfo:
        """A report by its id, a unique start of its id, or a period (``2018-Q2``) held once."""
        return self.find_reports([ref])[0]

    def find_reports(self, refs: Iterable[str]) -> list[ReportInfo]:
        """:meth:`find_report` for many references, reading the library once."""
        reports = self.reports()
        return [_match_report(ref.strip(), reports) for ref in refs]

    def template_of(self, report_id: str) -> Template:
        """The template the report was written with: exactly the version the library stores for it."""
        info = self.report(report_id)
        return self.template(info.template_key, info.template_version)

    def template(self, key: str, version: int | None = None) -> Template:
        """The stored template ``key`` at ``version`` (its newest stored version when ``None``)."""
        if version is not None and (key, version) in self._parsed:
            return self._parsed[(key, version)]
        text = self.template_text(key, version)
        template = parse_template_text(text)
        self._parsed[(template.key, template.version)] = template
        return template

    def template_text(self, key: str, version: int | None = None) -> str:
        """The exact TOML text the library stores for ``key`` (its newest version when ``version`` is None)."""
        query = select(StoredTemplate).where(StoredTemplate.key == key)
        if version is not None:
            query = query.where(StoredTemplate.version == version)
        with self._session() as session:
            row = session.scalars(query.order_by(StoredTemplate.version.desc()).limit(1)).first()
        if row is None:
            shown = f"“{key}”" if version is None else f"“{key}” phiên bản {version}"
            raise LibraryError(f"Thư viện không có mẫu báo cáo {shown}.")
        return row.toml_text

    def templates(self) -> list[TemplateInfo]:
        """Every template the library stores, by key and version."""
        with self._session() as session:
            counts = {(key, version): count for key, version, count in session.execute(
                select(Report.template_key, Report.template_version, func.count())
                .group_by(Report.template_key, Report.template_version))}
            rows = session.scalars(select(StoredTemplate).order_by(StoredTemplate.key, StoredTemplate.version)).all()
        parsed = [(r, parse_template_text(r.toml_text)) for r in rows]
        return [TemplateInfo(r.key, r.version, t.name, r.sha256, counts.get((r.key, r.version), 0), t.period_kind)
                for r, t in parsed]

    @staticmethod
    def store_template(session: Session, text: str) -> Template:
        """Keep ``text`` (checked as untrusted) in the caller's transaction unless the library has it already;
        refuses another text under a (key, version) the library holds."""
        template = parse_template_text(text)
        row = session.get(StoredTemplate, (template.key, template.version))
        digest = template_sha256(text)
        if row is None:
            session.add(StoredTemplate(key=template.key, version=template.version, toml_text=text, sha256=digest))
            session.flush()
        elif row.sha256 != digest:
            raise LibraryError(f"Thư viện đã có mẫu “{template.key}” phiên bản {template.version} với nội dung "
                               "khác; một phiên bản mẫu không bao giờ được sửa: hãy tăng số phiên bản (version).")
        return template

    def add_template(self, text: str) -> Template:
        """Store a template an IT officer wrote: a new key, or a higher version of a key the library has."""
        try:
            template = parse_template_text(text)
        except TemplateError as exc:
            raise LibraryError(str(exc)) from None
        with self._session() as session, session.begin():
            newest = session.scalar(select(func.max(StoredTemplate.version)).where(StoredTemplate.key == template.key))
            if newest is not None and template.version <= newest:
                same = session.get(StoredTemplate, (template.key, template.version))
                if same is not None and same.sha256 == template_sha256(text):
                    raise LibraryError(f"Thư viện đã có đúng mẫu “{template.key}” phiên bản {template.version}.")
                raise LibraryError(f"Thư viện đã có mẫu “{template.key}” phiên bản {newest}; mẫu thêm vào phải có "
                                   f"phiên bản cao hơn (version = {newest + 1}).")
            self.store_template(session, text)
        return template

    def _template_for_new_report(self, key: str) -> Template:
        """The newest version of ``key`` the library stores; a shipped template the library lacks is stored."""
        try:
            return self.template(key)
        except LibraryError:
            try:
                text = shipped_template_text(key)
            except TemplateError as exc:
                raise LibraryError(str(exc)) from None
            with self._session() as session, session.begin():
                return self.store_template(session, text)

    def values(self, report_id: str) -> dict[str, Value]:
        """The report's values by field key; blank fields are absent. Keys of retired fields are kept
        in the file but not returned."""
        template = self.template_of(report_id)
        with self._session() as session:
            rows = session.scalars(select(FieldValue).where(FieldValue.report_id == report_id))
            return stored_values(template.fields, ((row.key, row.int_value, row.text_value) for row in rows))

    def context(self, report_id: str) -> dict[str, str]:
        """The names sentences may use besides fields: the period and the office."""
        info = self.report(report_id)
        return report_context(info.period, info.organization_name)

    def appendix(self, report_id: str) -> AppendixTable | None:
        """The per-unit appendix of a consolidated report (``None`` for any other report)."""
        template = self.template_of(report_id)
        with self._session() as session:
            units = session.execute(text(UNITS_SQL), {"report_id": report_id}).all()
            figures = session.execute(text(FIGURES_SQL), {"report_id": report_id}).all()
        return build_appendix(template, self.context(report_id), units, figures)

    def set_values(self, report_id: str, changes: Mapping[str, Value]) -> dict[str, Value]:
        """Write ``changes`` (``None`` blanks a field) in one transaction and return what was written.

        Ratios computed from counts are recomputed when one of their counts changes, unless the ratio
        itself is among the changes. An issued report refuses edits.
        """
        return self.edit(report_id, changes).written

    def edit(self, report_id: str, changes: Mapping[str, Value], revision: int | None = None) -> Edit:
        """:meth:`set_values`, refused with :class:`StaleReport` (naming who changed what) when ``revision`` is
        given and the report has changed since (optimistic concurrency: the editor passes the revision it shows).

        The report's row is locked for the transaction (on a server; a file locks itself whole), so two edits
        of one report are applied one after the other and edits of different reports never wait for each other.
        """
        with self._session() as session, session.begin():  # one transaction, few round trips to a server
            report = session.get(Report, report_id, with_for_update=True)
            if report is None:
                raise LibraryError("Báo cáo không còn trong thư viện.")
            template = self.template(report.template_key, report.template_version)
            try:
                cleaned = {key: normalise_value(template.field(key), value) for key, value in changes.items()}
            except (KeyError, ParseError) as exc:
                raise LibraryError(exc.args[0]) from None
            if revision is not None and report.revision != revision:
                raise StaleReport(self._changed_since(session, report, revision, template))
            if report.status == "issued":
                raise LibraryError("Báo cáo đã ban hành; mở lại để sửa trước khi thay đổi.")
            rows = session.scalars(select(FieldValue).where(FieldValue.report_id == report_id))  # now in the session
            stored = stored_values(template.fields, ((row.key, row.int_value, row.text_value) for row in rows))
            merged = stored | cleaned
            for key in list(cleaned):
                for ratio in template.ratio_fields_using(key):
                    if ratio.key not in changes:
                        cleaned[ratio.key] = merged[ratio.key] = computed_ratio(ratio, merged)
            for key, value in cleaned.items():
                self._write_value(session, report_id, template, key, value)
            self._bump(session, report, ", ".join(cleaned))
        return Edit(cleaned, report.revision)

    def _bump(self, session: Session, report: Report, fields: str) -> None:
        """A new revision of ``report``; on a server, who made it and what it changed (for :class:`StaleReport`)."""
        report.revision += 1
        report.updated_at = utc_now()
        if self.server is not None:
            from model.server.schema import edits_table

            session.execute(edits_table.insert().values(report_id=report.id, revision=report.revision, fields=fields))

    def _changed_since(self, session: Session, report: Report, revision: int, template: Template) -> str:
        """Who changed what in ``report`` after ``revision``, for the clerk whose edit was refused."""
        reloaded = "Thay đổi vừa gõ chưa được lưu; báo cáo đã được tải lại bản mới nhất, hãy xem rồi sửa lại nếu cần."
        if self.server is None:
            return (f"Báo cáo vừa được sửa ở cửa sổ hoặc máy khác (lần sửa {report.revision}, anh/chị đang xem lần "
                    f"{revision}). {reloaded}")
        from model.server.schema import edits_table

        rows = session.execute(select(edits_table.c.editor, edits_table.c.changed_at, edits_table.c.fields)
                               .where(edits_table.c.report_id == report.id, edits_table.c.revision > revision)
                               .order_by(edits_table.c.revision)).all()
        editors = ", ".join(dict.fromkeys(row.editor for row in rows)) or "người khác"
        keys = dict.fromkeys(key.strip() for row in rows for key in row.fields.split(",") if key.strip())
        labels = "; ".join(template.fields[key].label if key in template.fields else _STATUS_EDIT.get(key, key)
                           for key in keys)
        when = f" lúc {rows[-1].changed_at.astimezone():%H:%M:%S}" if rows else ""
        what = f": {labels}" if labels else ""
        return f"Báo cáo vừa được {editors} sửa{when}{what}. {reloaded}"

    @staticmethod
    def _write_value(session: Session, report_id: str, template: Template, key: str, value: Value) -> None:
        number, text_value = to_storage(template.fields[key], value)
        row = session.get(FieldValue, (report_id, key))
        if value is None:
            if row is not None:
                session.delete(row)
        elif row is None:
            session.add(FieldValue(report_id=report_id, key=key, int_value=number, text_value=text_value))
        else:
            row.int_value, row.text_value = number, text_value

    def set_typed(self, report_id: str, typed: Mapping[str, str]) -> dict[str, Value]:
        """Parse what a clerk typed (``1.972``) and write it; nothing is written if any value is bad."""
        template = self.template_of(report_id)
        parsed: dict[str, Value] = {}
        for key, text_value in typed.items():
            if key not in template.fields:
                raise LibraryError(f"Mẫu báo cáo không có trường “{key}”; xem danh sách bằng lệnh fields.")
            spec = template.fields[key]
            try:
                parsed[key] = parse_value(spec, text_value)
            except ParseError as exc:
                raise LibraryError(f"{spec.label} ({key}): {exc}") from None
        return self.set_values(report_id, parsed)

    def create_report(self, organization_id: str, period: Period, *, template_key: str = DEFAULT_TEMPLATE,
                      carry_from: str | None = None) -> str:
        """A new draft for ``period``: from the template's defaults and the office's letterhead, or
        carrying forward the texts, recipients, signer and cumulative figures of ``carry_from``."""
        template = self._template_for_new_report(template_key)
        values = self.draft_values(organization_id, period, template)
        if carry_from is not None:
            previous = self.values(carry_from)
            for spec in template.fields.values():
                period_bound = "{ky_bao_cao" in spec.default
                if spec.key in NOT_CARRIED or period_bound or spec.key not in previous:
                    continue
                if spec.kind in ("text", "list") or spec.cumulative:
                    values[spec.key] = previous[spec.key]
        return self.add_report(organization_id, period, template, values)

    def add_report(self, organization_id: str, period: Period, template: Template,
                   values: Mapping[str, Value]) -> str:
        """Write a new draft with ``values`` in one transaction; returns its id."""
        report_id = new_id()
        with self._session() as session, session.begin():
            self.add_report_rows(session, report_id, organization_id, period, template, values)
        return report_id

    def carry_notes(self, carry_from: str, template: Template) -> list[str]:
        """What the clerk must know when a report written with another template version is carried into
        ``template``: figures and texts the new version no longer has, and the fields it adds (left blank)."""
        old = self.template_of(carry_from)
        if (old.key, old.version) == (template.key, template.version):
            return []
        previous = self.values(carry_from)
        dropped = [f"“{old.fields[k].label}”" for k in old.fields if k in previous and k not in template.fields]
        added = [f"“{spec.label}”" for spec in template.fields.values() if spec.key not in old.fields]
        notes = []
        if dropped:
            notes.append(f"Không mang sang (mẫu phiên bản {template.version} không còn): {', '.join(dropped)}.")
        if added:
            notes.append(f"Trường mới của mẫu phiên bản {template.version}, để trống cho cán bộ điền: "
                         f"{', '.join(added)}.")
        return notes

    def draft_values(self, organization_id: str, period: Period, template: Template, *,
                     replacing: bool = False) -> dict[str, Value]:
        """What a new draft of the office starts with: the template's defaults and the office's letterhead.
        Refuses a second report of the office for the same period and template, unless the caller is
        ``replacing`` that report in the transaction that adds the new one."""
        org = self.organization(organization_id)
        if not replacing and self._report_of(organization_id, period, template.key) is not None:
            raise LibraryError(f"{org.name} đã có báo cáo {period.text}.")
        context = {"ky_bao_cao": period.text, "ky_bao_cao_ngan": period.short_text, "ten_co_quan": org.name}
        values: dict[str, Value] = {}
        for spec in template.fields.values():
            if spec.default:
                values[spec.key] = normalise_value(spec, fill(spec.default, template, {}, context))
        values.update({"co_quan_chu_quan": org.parent_header or None, "co_quan_ban_hanh": org.header_name or None,
                       "dia_danh": org.place or None, "ky_hieu": f"{template.type_code}-{org.symbol_suffix}"})
        return values

    @classmethod
    def add_report_rows(cls, session: Session, report_id: str, organization_id: str, period: Period,
                        template: Template, values: Mapping[str, Value]) -> None:
        """Insert a new draft and its values in the caller's transaction."""
        session.add(Report(id=report_id, organization_id=organization_id, template_key=template.key,
                           template_version=template.version, year=period.year, quarter=period.number,
                           period_kind=period.kind))
        session.flush()
        for key, value in values.items():
            if key in template.fields:
                try:
                    value = normalise_value(template.fields[key], value)
                except ParseError as exc:  # a sum of sub-units' figures too large, say
                    raise LibraryError(exc.args[0]) from None
                cls._write_value(session, report_id, template, key, value)

    def duplicate_report(self, report_id: str, period: Period) -> str:
        """A draft copy of a report for another period, every value kept but number and date."""
        info = self.report(report_id)
        values = {k: v for k, v in self.values(report_id).items() if k not in NOT_CARRIED}
        new_report = self.create_report(info.organization_id, period, template_key=info.template_key)
        fields = self.template_of(new_report).fields  # the newest version: a retired field is not copied
        self.set_values(new_report, {**dict.fromkeys(self.values(new_report)),
                                     **{k: v for k, v in values.items() if k in fields}})
        return new_report

    def delete_report(self, report_id: str) -> None:
        with self._session() as session, session.begin():
            session.execute(delete(Report).where(Report.id == report_id))  # its values go with it (ON DELETE CASCADE)

    def set_status(self, report_id: str, status: str) -> None:
        """Mark a report ``issued`` (read-only) or reopen it as ``draft``."""
        if status not in STATUS_LABELS:
            raise LibraryError(f"Trạng thái không hợp lệ: {status}")
        with self._session() as session, session.begin():
            report = session.get(Report, report_id)
            if report is None:
                raise LibraryError("Báo cáo không còn trong thư viện.")
            report.status = status
            self._bump(session, report, f"status:{status}")

    def previous_report(self, report_id: str) -> ReportInfo | None:
        """The same office's report of the period before, with the same template."""
        info = self.report(report_id)
        return self._report_of(info.organization_id, info.period.previous(), info.template_key)

    def _report_of(self, organization_id: str, period: Period, template_key: str) -> ReportInfo | None:
        """The office's report of ``period`` with ``template_key`` (the newest, should there be several)."""
        with self._session() as session:
            report = session.scalars(
                select(Report).where(Report.organization_id == organization_id, Report.year == period.year,
                                     Report.quarter == period.number, Report.period_kind == period.kind,
                                     Report.template_key == template_key)
                .order_by(Report.updated_at.desc()).limit(1)).first()
            return _report_info(report) if report else None

    # ------------------------------------------------------------------ checks
    def check_context(self, report_id: str) -> CheckContext:
        """The period, the previous period's values and, for a consolidated report, the units whose template
        version lacks one of its summed figures."""
        previous = self.previous_report(report_id)
        with self._session() as session:
            units = session.execute(text(SOURCE_VERSIONS_SQL), {"report_id": report_id}).all()
        known = units_lacking_fields(self.template_of(report_id), units, self.template)
        return CheckContext(self.report(report_id).period, self.values(previous.id) if previous else None,
                            tuple(known))

    def check(self, report_id: str) -> list[Problem]:
        """Every problem of the report, errors first."""
        template = self.template_of(report_id)
        return engine_for(template).run(self.values(report_id), self.check_context(report_id))
