"""Reading the rows of a checked exchange file with our own queries, validated like typed input.

Every value is checked for its type and range, text is NFC-normalised and refused when it holds
control characters, and every key must be a field of the template version the report names, which the file
carries (schema 3) and which is parsed as untrusted by the parser of shipped templates. A single bad
row refuses the whole file (:class:`RefusedFile`), since a file that lies in one row cannot be
trusted in the others.
"""

from __future__ import annotations

import sqlite3
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime
from types import SimpleNamespace

from model.exchange.report_log import LogStep, read_log
from model.exchange.untrusted import RefusedFile, unreadable
from model.library.infos import OrganizationInfo
from model.library.sqlitetext import SQLITE_FAILURES, UndecodableText
from model.report.computed import formula_refusal, recompute_all
from model.report.levels import LEVELS
from model.report.report_info import STATUS_LABELS
from model.report.template import FieldSpec, Template, TemplateError
from model.report.template_check import KEY_PATTERN
from model.report.template_source import parse_template_text, template_sha256
from model.report.values import MAX_LINE_CHARS, MAX_TEXT_CHARS, from_storage, normalise_value, to_storage
from model.vietnamese.period import PERIOD_KINDS, PERIODS_IN_YEAR, Period
from model.vietnamese.textnorm import clean_text, has_control_chars
from model.vietnamese.vnformat import ParseError

MIN_YEAR, MAX_YEAR = 2000, 2100
_MAX_INT = 2**53


@dataclass(frozen=True)
class OrganizationRow(OrganizationInfo):
    """An office as the file holds it, with the time of its last change (a newer copy updates ours)."""

    updated_at: str = ""


@dataclass
class SourceRow:
    """One sub-unit of a consolidated report, with its counts at consolidation time."""

    position: int
    source_report_id: str
    organization_id: str
    unit_name: str
    source_revision: int
    figures: dict[str, int] = field(default_factory=dict)


@dataclass
class ReportRow:
    id: str
    organization_id: str
    template_key: str
    template_version: int
    period: Period
    status: str
    revision: int
    created_at: str
    updated_at: str
    values: dict[str, tuple[int | None, str | None]] = field(default_factory=dict)
    """Storage form (integer, text) by field key, already validated."""
    sources: dict[int, SourceRow] = field(default_factory=dict)


@dataclass(frozen=True)
class TemplateRow:
    """A template the file carries, checked with the parser of shipped templates."""

    text: str
    sha256: str
    template: Template


@dataclass
class FileContent:
    organizations: dict[str, OrganizationRow]
    reports: dict[str, ReportRow]
    templates: dict[tuple[str, int], TemplateRow] = field(default_factory=dict)
    log: list[LogStep] = field(default_factory=list)
    """The receipt log of the file's reports (schema 4)."""


# ---------------------------------------------------------------- single values
def _uuid(value: object, what: str) -> str:
    if isinstance(value, str):
        try:
            if str(uuid.UUID(value)) == value:
                return value
        except ValueError:
            pass
    raise RefusedFile(f"{what} có mã không hợp lệ ({_show(value)}).")


def _text(value: object, what: str, *, multiline: bool = False, required: bool = False) -> str:
    if isinstance(value, UndecodableText):
        raise RefusedFile(f"{what}: chữ sai mã (không phải chữ Unicode UTF-8), tệp bị hỏng.")
    if not isinstance(value, str):
        raise RefusedFile(f"{what}: giá trị phải là chữ, tệp ghi {_show(value)}.")
    limit = MAX_TEXT_CHARS if multiline else MAX_LINE_CHARS
    if len(value) > limit:
        length, most = (f"{n:,}".replace(",", ".") for n in (len(value), limit))
        raise RefusedFile(f"{what}: nội dung dài {length} ký tự, quá giới hạn {most} ký tự; tệp bất thường.")
    if has_control_chars(value):
        raise RefusedFile(f"{what}: có ký tự điều khiển (ký tự ẩn không in được) trong nội dung.")
    text = clean_text(value, multiline=multiline)
    if required and not text:
        raise RefusedFile(f"{what}: để trống.")
    return text


def _int(value: object, what: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RefusedFile(f"{what}: giá trị {_show(value)} không hợp lệ.")
    return value


def _timestamp(value: object, what: str) -> str:
    if isinstance(value, str) and len(value) <= 40:
        try:
            datetime.fromisoformat(value)
            return value
        except ValueError:
            pass
    raise RefusedFile(f"{what}: thời điểm {_show(value)} không hợp lệ.")


def _show(value: object) -> str:
    """A stored value as the clerk reads it in a message: ``“abc”``, ``12``, ``trống``."""
    if value is None:
        return "trống"
    if isinstance(value, UndecodableText):
        return "chữ sai mã"
    if isinstance(value, bytes):
        return f"dữ liệu nhị phân ({len(value)} byte)"
    if isinstance(value, str):
        text = clean_text(value)
        return f"“{text}”" if len(text) <= 40 else f"“{text[:37]}…”"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


# ---------------------------------------------------------------- rows
def _read_organizations(conn: sqlite3.Connection) -> dict[str, OrganizationRow]:
    rows: dict[str, OrganizationRow] = {}
    query = ("SELECT id, name, header_name, parent_header, place, symbol_suffix, parent_id, updated_at, level, code "
             "FROM organizations")
    for org_id, name, header, parent_header, place, suffix, parent_id, updated, level, code in conn.execute(query):
        org_id = _uuid(org_id, "Một cơ quan trong tệp")
        what = f"Cơ quan “{clean_text(name)}”" if isinstance(name, str) else "Một cơ quan trong tệp"
        rows[org_id] = OrganizationRow(
            id=org_id, name=_text(name, what, required=True), header_name=_text(header, what, multiline=True),
            parent_header=_text(parent_header, what, multiline=True), place=_text(place, what),
            symbol_suffix=_text(suffix, what),
            parent_id=None if parent_id is None else _uuid(parent_id, f"{what}: cơ quan cấp trên"),
            updated_at=_timestamp(updated, what), level=_level(level, what), code=_text(code, what))
    for org in rows.values():
        if org.parent_id == org.id:
            raise RefusedFile(f"Cơ quan “{org.name}” ghi chính mình là cơ quan cấp trên.")
    return rows


def _level(value: object, what: str) -> str:
    if value != "" and value not in LEVELS:
        raise RefusedFile(f"{what}: cấp cơ quan {_show(value)} không hợp lệ.")
    return str(value)


def _read_templates(conn: sqlite3.Connection) -> dict[tuple[str, int], TemplateRow]:
    """The file's templates, each validated as untrusted input (size, unknown keys, every reference)."""
    templates: dict[tuple[str, int], TemplateRow] = {}
    for key, version, text, digest in conn.execute('SELECT "key", version, toml_text, sha256 FROM templates'):
        if not (isinstance(key, str) and KEY_PATTERN.match(key)):
            raise RefusedFile(f"Tệp có mẫu báo cáo với mã {_show(key)} không hợp lệ.")
        what = f"Mẫu báo cáo “{key}”"
        _int(version, f"{what}: phiên bản", 1, 10_000)
        what = f"{what} phiên bản {version} trong tệp"
        if not isinstance(text, str) or not isinstance(digest, str):
            raise RefusedFile(f"{what}: nội dung không phải chữ.")
        if template_sha256(text) != digest:
            raise RefusedFile(f"{what}: nội dung không khớp mã kiểm tra (sha256); tệp bị hỏng hoặc bị sửa.")
        try:
            template = parse_template_text(text)
        except TemplateError as exc:
            raise RefusedFile(f"{what} không dùng được: {exc}") from None
        if (template.key, template.version) != (key, version):
            raise RefusedFile(f"{what} ghi bên trong là “{template.key}” phiên bản {template.version}; tệp hỏng.")
        templates[(key, version)] = TemplateRow(text, digest, template)
    return templates


def _template(templates: dict[tuple[str, int], TemplateRow], key: object, version: object, what: str) -> Template:
    if not isinstance(key, str):
        raise RefusedFile(f"{what}: mã mẫu báo cáo {_show(key)} không hợp lệ.")
    _int(version, f"{what}: phiên bản mẫu", 1, 10_000)
    row = templates.get((key, version))
    if row is None:
        raise RefusedFile(f"{what} dùng mẫu báo cáo {_show(key)} phiên bản {version} mà tệp không kèm theo.")
    return row.template


def _period(year: object, number: object, kind: object, what: str) -> Period:
    if kind not in PERIOD_KINDS:
        raise RefusedFile(f"{what}: loại kỳ {_show(kind)} không hợp lệ.")
    label = {"month": "tháng", "quarter": "quý", "half": "nửa năm", "year": "năm"}[kind]
    return Period(_int(year, f"{what}: năm", MIN_YEAR, MAX_YEAR),
                  _int(number, f"{what}: {label}", 1, PERIODS_IN_YEAR[kind]), kind)


def _read_reports(conn: sqlite3.Connection, orgs: dict[str, OrganizationRow],
                  templates: dict[tuple[str, int], TemplateRow]) -> dict[str, ReportRow]:
    reports: dict[str, ReportRow] = {}
    query = ("SELECT id, organization_id, template_key, template_version, year, quarter, period_kind, status, "
             "revision, created_at, updated_at FROM reports")
    for rid, org_id, key, version, year, number, kind, status, revision, created, updated in conn.execute(query):
        rid = _uuid(rid, "Một báo cáo trong tệp")
        org = orgs.get(org_id) if isinstance(org_id, str) else None
        if org is None:
            raise RefusedFile(f"Báo cáo {rid[:8]} thuộc một cơ quan không có trong tệp.")
        what = f"Báo cáo của {org.name}"
        period = _period(year, number, kind, what)
        what = f"Báo cáo {period.text} của {org.name}"
        template = _template(templates, key, version, what)
        if status not in STATUS_LABELS:
            raise RefusedFile(f"{what}: trạng thái {_show(status)} không hợp lệ.")
        reports[rid] = ReportRow(
            id=rid, organization_id=org.id, template_key=template.key, template_version=version, period=period,
            status=status, revision=_int(revision, f"{what}: số lần sửa", 1, _MAX_INT),
            created_at=_timestamp(created, what), updated_at=_timestamp(updated, what))
    return reports


def _field_value(spec: FieldSpec, number: object, text: object, what: str) -> tuple[int | None, str | None]:
    """The validated storage form of one stored value; ``(None, None)`` when it cleans to blank."""
    where = what
    what = f"{what}, trường “{spec.label}”"
    try:
        if spec.is_numeric:
            if text is not None or number is None:
                raise RefusedFile(f"{what}: phải là số, tệp ghi {_show(text if number is None else number)}.")
            value = normalise_value(spec, number)
        else:
            if number is not None:
                raise RefusedFile(f"{what}: phải là chữ, tệp ghi số {_show(number)}.")
            raw = _text(text, what, multiline=True, required=False) if text is not None else None
            if raw is None:
                raise RefusedFile(f"{what}: dòng dữ liệu trống.")
            stored = from_storage(spec, None, raw)
            value = normalise_value(spec, stored)
    except ParseError as exc:
        raise RefusedFile(f"{where}: {exc}") from None
    except ValueError:
        raise RefusedFile(f"{what}: giá trị {_show(text)} không hợp lệ.") from None
    if isinstance(value, date) and not MIN_YEAR <= value.year <= MAX_YEAR:
        raise RefusedFile(f"{what}: ngày {value.isoformat()} không hợp lệ.")
    return to_storage(spec, value)


def _report_what(report: ReportRow, orgs: dict[str, OrganizationRow]) -> str:
    return f"Báo cáo {report.period.text} của {orgs[report.organization_id].name}"


def _read_values(conn: sqlite3.Connection, content: FileContent) -> None:
    reports, orgs = content.reports, content.organizations
    for rid, key, number, text in conn.execute('SELECT report_id, "key", int_value, text_value FROM field_values'):
        report = reports.get(rid) if isinstance(rid, str) else None
        if report is None:
            raise RefusedFile("Tệp có số liệu của một báo cáo không có trong tệp; tệp bị hỏng.")
        what = _report_what(report, orgs)
        template = content.templates[(report.template_key, report.template_version)].template
        if not isinstance(key, str) or key not in template.fields:
            raise RefusedFile(f"{what}: có trường lạ {_show(key)} mà mẫu báo cáo không có.")
        stored = _field_value(template.fields[key], number, text, what)
        if stored != (None, None):
            report.values[key] = stored


def _check_computed(content: FileContent) -> None:
    """A figure the template computes (``computed = "a + b"``) must be what its parts make, as when typed: a file
    whose total disagrees with its parts (edited outside the program) is refused, never stored as it came."""
    for report in content.reports.values():
        template = content.templates[(report.template_key, report.template_version)].template
        if not any(spec.formula for spec in template.fields.values()):
            continue
        numbers = {key: number for key, (number, _text) in report.values.items() if number is not None}
        given = {key: number for key, number in numbers.items() if template.fields[key].formula}
        problem = formula_refusal(template, given, recompute_all(template, numbers))
        if problem is not None:
            raise RefusedFile(f"{_report_what(report, content.organizations)}: {problem}")


def _read_sources(conn: sqlite3.Connection, content: FileContent) -> None:
    reports, orgs = content.reports, content.organizations
    query = ("SELECT report_id, position, source_report_id, organization_id, unit_name, source_revision "
             "FROM consolidation_sources")
    for rid, position, source_id, org_id, unit_name, revision in conn.execute(query):
        report = reports.get(rid) if isinstance(rid, str) else None
        if report is None:
            raise RefusedFile("Tệp có phụ lục của một báo cáo không có trong tệp; tệp bị hỏng.")
        what = f"{_report_what(report, orgs)}, phụ lục"
        position = _int(position, f"{what}: số thứ tự", 1, 1_000_000)
        report.sources[position] = SourceRow(
            position=position, source_report_id=_uuid(source_id, f"{what}: báo cáo đơn vị"),
            organization_id=_uuid(org_id, f"{what}: đơn vị"),
            unit_name=_text(unit_name, f"{what}: tên đơn vị", required=True),
            source_revision=_int(revision, f"{what}: số lần sửa", 1, _MAX_INT))
    query = 'SELECT report_id, position, "key", int_value FROM consolidation_figures'
    for rid, position, key, number in conn.execute(query):
        report = reports.get(rid) if isinstance(rid, str) else None
        source = report.sources.get(position) if report is not None and isinstance(position, int) else None
        if report is None or source is None:
            raise RefusedFile("Tệp có số liệu phụ lục không thuộc đơn vị nào; tệp bị hỏng.")
        what = f"{_report_what(report, orgs)}, phụ lục, {source.unit_name}"
        template = content.templates[(report.template_key, report.template_version)].template
        spec = template.fields.get(key) if isinstance(key, str) else None
        if spec is None or spec.kind != "count" or spec.consolidate != "sum":
            raise RefusedFile(f"{what}: có trường lạ {_show(key)}.")
        source.figures[key] = _int(number, f"{what}, “{spec.label}”", 0, _MAX_INT)


_ROW_CHECKS = SimpleNamespace(uuid=_uuid, text=_text, int=_int, timestamp=_timestamp)
"""The validators above, for the readers of other tables (the receipt log)."""


def read_content(conn: sqlite3.Connection) -> FileContent:
    """Every row of a checked exchange file (see :func:`model.exchange.untrusted.open_untrusted`), validated."""
    try:
        templates = _read_templates(conn)
        orgs = _read_organizations(conn)
        content = FileContent(orgs, _read_reports(conn, orgs, templates), templates)
        _read_values(conn, content)
        _check_computed(content)
        _read_sources(conn, content)
        fields_of = {rid: frozenset(content.templates[(r.template_key, r.template_version)].template.fields)
                     for rid, r in content.reports.items()}
        content.log = read_log(conn, fields_of, _ROW_CHECKS)
    except SQLITE_FAILURES as exc:
        raise unreadable("Tệp bị hỏng: có dữ liệu SQLite không đọc được (chữ sai mã hoặc trang hỏng).", exc) from None
    return content
