"""The library service: every operation the GUI and the command line perform on a library file, or on the
same library on a PostgreSQL server (:mod:`model.server.connection`, :mod:`model.server.schema`).

Each edit is written through at once in a short transaction, so a power cut loses at most the
keystroke being typed. Errors a clerk can cause raise :class:`LibraryError` with a Vietnamese message.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import delete, inspect, select, text
from sqlalchemy.orm import Session, selectinload

from model.errors import LibraryError, StaleReport, file_error_message, os_error_text
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
from model.library import migrations
from model.library.infos import Edit, OrganizationInfo, match_report, organization_info, report_info_of
from model.library.opening import LibrarySource, check_library_file, refuse_if_damaged, server_address
from model.library.returned import return_problems
from model.library.storage import (
    DEFAULT_BUSY_TIMEOUT,
    KNOWN_TABLES,
    SCHEMA_VERSION,
    FieldValue,
    Organization,
    Report,
    create_schema,
    make_engine,
    new_id,
    utc_now,
)
from model.library.templates import TemplateShelf
from model.report.checks import CheckContext, Problem, engine_for
from model.report.computed import carried_balances, formula_refusal, recompute_changed
from model.report.placeholders import fill, report_context
from model.report.report_info import STATUS_LABELS, ReportInfo, library_order
from model.report.shipped import DEFAULT_TEMPLATE
from model.report.template import Template, TemplateError
from model.report.values import Value, normalise_value, parse_value, stored_values, to_storage
from model.server.connection import ServerAddress, make_server_engine
from model.vietnamese.period import Period
from model.vietnamese.vnformat import ParseError

# Fields that belong to one issue of a document, never carried to the next period.
NOT_CARRIED = frozenset({"so", "ngay_ban_hanh"})

_STATUS_EDIT = {"status:issued": "đánh dấu đã ban hành", "status:draft": "mở lại để sửa"}


class Library(TemplateShelf):
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
        self.clock: Callable[[], datetime] = lambda: datetime.now(UTC)
        """The library's clock: when a step of the receipt log happens (a test sets the day of an import)."""
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
        refuse_if_damaged(path, version)
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
                         org_id: str | None = None, level: str = "", code: str = "") -> str:
        with self._session() as session, session.begin():
            org = Organization(id=org_id or new_id(), name=name, header_name=header_name, place=place,
                               parent_header=parent_header, symbol_suffix=symbol_suffix, parent_id=parent_id,
                               level=level, code=code)
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
            infos = [report_info_of(r) for r in rows]
        return sorted(infos, key=library_order)

    def report(self, report_id: str) -> ReportInfo:
        with self._session() as session:
            report = session.get(Report, report_id)
            if report is None:
                raise LibraryError(f"Không có báo cáo “{report_id}” trong thư viện.")
            return report_info_of(report)

    def find_report(self, ref: str) -> ReportInfo:
        """A report by its id, a unique start of its id, or a period (``2018-Q2``) held once."""
        return self.find_reports([ref])[0]

    def find_reports(self, refs: Iterable[str]) -> list[ReportInfo]:
        """:meth:`find_report` for many references, reading the library once."""
        reports = self.reports()
        return [match_report(ref.strip(), reports) for ref in refs]

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
            cleaned.update(recompute_changed(template, merged, list(cleaned), changes))
            if refused := formula_refusal(template, changes, merged):
                raise LibraryError(refused)
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
        """A new draft for ``period``: from the template's defaults and the office's letterhead, or carrying forward
        the texts, recipients, signer and stock figures (cumulative, ``over_time = "last"``) of ``carry_from``."""
        template = self.template_for_new_report(template_key)
        values = self.draft_values(organization_id, period, template)
        if carry_from is not None:
            previous = self.values(carry_from)
            for spec in template.fields.values():
                period_bound = "{ky_bao_cao" in spec.default
                if spec.key in NOT_CARRIED or period_bound or spec.key not in previous:
                    continue
                if spec.kind in ("text", "list") or spec.cumulative or spec.over_time == "last":
                    values[spec.key] = previous[spec.key]
            values.update(carried_balances(template, previous))
        return self.add_report(organization_id, period, template, values)

    def add_report(self, organization_id: str, period: Period, template: Template,
                   values: Mapping[str, Value]) -> str:
        """Write a new draft with ``values`` in one transaction; returns its id."""
        report_id = new_id()
        with self._session() as session, session.begin():
            self.add_report_rows(session, report_id, organization_id, period, template, values)
        return report_id

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
        info = self.report(report_id)
        return self.previous_of(info.organization_id, info.period, info.template_key)

    def previous_of(self, organization_id: str, period: Period, template_key: str) -> ReportInfo | None:
        """THE previous report for every caller (command line, editor, checks, quick read): the same office's, same
        kind (template key), the period before ``period``; the newest if there are several."""
        return self._report_of(organization_id, period.previous(), template_key)

    def _report_of(self, organization_id: str, period: Period, template_key: str) -> ReportInfo | None:
        """The office's report of ``period`` with ``template_key`` (the newest, should there be several)."""
        with self._session() as session:
            report = session.scalars(
                select(Report).where(Report.organization_id == organization_id, Report.year == period.year,
                                     Report.quarter == period.number, Report.period_kind == period.kind,
                                     Report.template_key == template_key)
                .order_by(Report.updated_at.desc()).limit(1)).first()
            return report_info_of(report) if report else None

    # ------------------------------------------------------------------ checks
    def check_context(self, report_id: str, *, issuing: bool = False) -> CheckContext:
        """The period, the previous period's values and, for a consolidated report, the units whose template
        version lacks one of its summed figures, or who sent a newer revision since (a stale consolidation)."""
        previous, info = self.previous_report(report_id), self.report(report_id)
        template = self.template_of(report_id)
        with self._session() as session:
            units = session.execute(text(SOURCE_VERSIONS_SQL), {"report_id": report_id}).all()
            stale = session.execute(text(STALE_SQL), {"report_id": report_id}).all()
            requests = return_problems(session, report_id, template)
        known = units_lacking_fields(template, units, self.template)
        known += stale_problems(stale, info.is_issued)
        known += requests
        return CheckContext(info.period, self.values(previous.id) if previous else None, tuple(known), issuing=issuing)

    def check(self, report_id: str, *, issuing: bool = False) -> list[Problem]:
        """Every problem, errors first; ``issuing``: checked for issuance (a blank issue date is then an error)."""
        template = self.template_of(report_id)
        return engine_for(template).run(self.values(report_id), self.check_context(report_id, issuing=issuing))
