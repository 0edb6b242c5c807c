"""Importing .db files from other offices into the library (design notes §6).

Each file is checked and read as untrusted (:mod:`model.exchange.untrusted`, :mod:`model.exchange.rows`); a
refused file changes nothing and its result says why. The accepted files of one call are written in
ONE transaction: cancelling, a crash or a write error leaves the library as it was.

A report already in the library (same UUID) is replaced only by a newer revision. A report of the same
office, period and template under another UUID is a conflict settled by the ``on_conflict`` policy:
``skip`` (the default), ``replace`` (ours is deleted) or ``keep`` (both stay).

A template the file carries that the library lacks is stored with the reports that use it, as ``received``: it
reads, checks and exports those reports and never shapes a new report of this library's offices
(:mod:`model.library.templates`). One with the key and version of a stored template but another text refuses
the file.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Literal

from sqlalchemy import delete, insert, select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from model.errors import file_error_message
from model.exchange.officematch import KnownOffice, OfficeIndex, match_offices
from model.exchange.report_log import merge_log, record_receipts
from model.exchange.rows import FileContent, OrganizationRow, ReportRow, TemplateRow, read_content
from model.exchange.untrusted import RefusedFile, open_untrusted
from model.library.infos import organization_info
from model.library.library import Library, LibraryError
from model.library.storage import (
    ConsolidationFigure,
    ConsolidationSource,
    FieldValue,
    Organization,
    Report,
    StoredTemplate,
    log,
)
from model.offices.identity import infer_level
from model.progress import NO_PROGRESS, Progress
from model.vietnamese.period import Period

ConflictPolicy = Literal["skip", "replace", "keep"]
CONFLICT_POLICIES: tuple[str, ...] = ("skip", "replace", "keep")
Action = Literal["added", "updated", "replaced", "kept", "skipped"]

ACTION_LABELS: dict[str, str] = {
    "added": "Thêm mới", "updated": "Cập nhật", "replaced": "Thay thế", "kept": "Thêm (giữ cả hai)",
    "skipped": "Bỏ qua",
}

Slot = tuple[str, int, int, str, str]
"""(organization id, year, number, period kind, template key): where two reports are the same office's report."""


@dataclass(frozen=True)
class ReportOutcome:
    action: Action
    report_id: str
    office: str
    period: Period
    reason: str = ""

    @property
    def message(self) -> str:
        text = f"{ACTION_LABELS[self.action]}: {self.office} — {self.period.text}"
        return f"{text}. {self.reason}" if self.reason else text


@dataclass
class FileResult:
    """What happened to one file, for the clerk to read."""

    path: Path
    outcomes: list[ReportOutcome] = field(default_factory=list)
    refused: str | None = None
    notes: list[str] = field(default_factory=list)
    deleted_ids: tuple[str, ...] = ()
    """Library reports a “replace” deleted (the outcomes name the incoming reports)."""
    log_steps: int = 0
    """Steps of the receipt log (returns and their comments, sendings) the library did not have."""
    offices_added: int = 0

    def count(self, *actions: Action) -> int:
        return sum(o.action in actions for o in self.outcomes)

    @property
    def summary(self) -> str:
        if self.refused is not None:
            return f"{self.path.name}: TỪ CHỐI — {self.refused} Thư viện không thay đổi gì từ tệp này."
        if not self.outcomes and self.offices_added:  # an office tree (office export-tree)
            return f"{self.path.name}: thêm {self.offices_added} cơ quan"
        text = (f"{self.path.name}: thêm {self.count('added', 'kept')}, cập nhật {self.count('updated')}, "
                f"bỏ qua {self.count('skipped')}")
        if replaced := self.count("replaced"):
            text += f", thay thế {replaced}"
        return text

    def lines(self) -> list[str]:
        return [self.summary, *(f"  {o.message}" for o in self.outcomes), *(f"  {n}" for n in self.notes)]


@dataclass
class ImportResult:
    files: list[FileResult]

    @property
    def any_refused(self) -> bool:
        return any(f.refused is not None for f in self.files)

    @property
    def written(self) -> int:
        """Reports written (added, updated, replaced, kept)."""
        return sum(f.count("added", "updated", "replaced", "kept") for f in self.files)

    @property
    def offices_added(self) -> int:
        return sum(f.offices_added for f in self.files)

    @property
    def anything_new(self) -> bool:
        """Reports written, offices added (a tree of offices), or steps of the receipt log merged (a returned
        report comes back with the same revision: its comments are what is new)."""
        return self.written > 0 or self.offices_added > 0 or any(f.log_steps for f in self.files)

    @property
    def changed_report_ids(self) -> set[str]:
        """Reports of the library that were overwritten or deleted (an open editor must reload them)."""
        return {o.report_id for f in self.files for o in f.outcomes if o.action == "updated"} | {
            rid for f in self.files for rid in f.deleted_ids}


@dataclass
class _LibraryIndex:
    """What the library holds, kept current as files are merged (one read per import)."""

    revisions: dict[str, int]
    slots: dict[Slot, set[str]]
    report_slot: dict[str, Slot]
    orgs: dict[str, tuple[str, str | None, tuple[str, ...]]]
    """id → (updated_at, parent_id, profile)."""
    templates: dict[tuple[str, int], str] = field(default_factory=dict)
    """(key, version) → sha256 of the templates the library stores."""
    offices: OfficeIndex = field(default_factory=OfficeIndex)
    """Names, parents and codes of the library's offices, for recognising an incoming office."""

    @classmethod
    def load(cls, session: Session) -> _LibraryIndex:
        index = cls({}, {}, {}, {})
        rows = session.execute(select(Report.id, Report.revision, Report.organization_id, Report.year,
                                      Report.quarter, Report.period_kind, Report.template_key))
        for rid, revision, org_id, year, number, kind, key in rows:
            index._add_report(rid, revision, (org_id, year, number, kind, key))
        index.templates = {(key, version): digest for key, version, digest in session.execute(
            select(StoredTemplate.key, StoredTemplate.version, StoredTemplate.sha256))}
        for org in session.scalars(select(Organization)):
            index.orgs[org.id] = (org.updated_at, org.parent_id, organization_info(org).profile())
            index.offices.put([KnownOffice(org.id, org.name, org.parent_id, org.code)])
        return index

    def _add_report(self, rid: str, revision: int, slot: Slot) -> None:
        self.revisions[rid] = revision
        self.report_slot[rid] = slot
        self.slots.setdefault(slot, set()).add(rid)

    def drop_report(self, rid: str) -> None:
        self.revisions.pop(rid, None)
        slot = self.report_slot.pop(rid, None)
        if slot is not None:
            self.slots[slot].discard(rid)

    def put_report(self, report: ReportRow) -> None:
        self.drop_report(report.id)
        self._add_report(report.id, report.revision, _slot(report))

    def put_org(self, org: OrganizationRow) -> None:
        self.orgs[org.id] = (org.updated_at, org.parent_id, org.profile())
        self.offices.put([KnownOffice(org.id, org.name, org.parent_id, org.code)])


def _slot(report: ReportRow) -> Slot:
    return (report.organization_id, report.period.year, report.period.number, report.period.kind,
            report.template_key)


@dataclass
class _Plan:
    outcomes: list[ReportOutcome]
    write: list[ReportRow]
    delete: set[str]
    new_orgs: list[OrganizationRow]
    changed_orgs: list[OrganizationRow]
    new_templates: list[TemplateRow] = field(default_factory=list)


def _check_templates(index: _LibraryIndex, content: FileContent) -> None:
    """Refuse a file whose template has the (key, version) of one the library holds but another text."""
    for (key, version), row in sorted(content.templates.items()):
        ours = index.templates.get((key, version))
        if ours is not None and ours != row.sha256:
            raise RefusedFile(f"Mẫu báo cáo “{key}” phiên bản {version} trong tệp khác với mẫu cùng phiên bản trong "
                              "thư viện (cùng số phiên bản nhưng nội dung khác); nơi soạn mẫu phải tăng số phiên bản.")


def _templates_to_write(index: _LibraryIndex, content: FileContent, reports: Iterable[ReportRow]) -> list[TemplateRow]:
    used = sorted({(r.template_key, r.template_version) for r in reports})
    return [content.templates[ref] for ref in used if ref not in index.templates]


def _decide(index: _LibraryIndex, content: FileContent, policy: ConflictPolicy) -> _Plan:
    _check_templates(index, content)
    outcomes: list[ReportOutcome] = []
    write: list[ReportRow] = []
    delete_ids: set[str] = set()
    planned_slots: dict[Slot, str] = {}
    names = {o.id: o.name for o in index.offices.offices.values()} | {o.id: o.name for o in
                                                                       content.organizations.values()}
    for report in sorted(content.reports.values(), key=lambda r: (names[r.organization_id], r.period, r.id)):
        office = names[report.organization_id]

        def outcome(action: Action, reason: str = "", report: ReportRow = report, office: str = office) -> None:
            outcomes.append(ReportOutcome(action, report.id, office, report.period, reason))

        ours = index.revisions.get(report.id)
        if ours is not None:
            if report.revision > ours:
                outcome("updated", f"Bản sửa lần {report.revision} thay cho bản lần {ours} trong thư viện.")
                write.append(report)
            else:
                outcome("skipped", f"Thư viện đã có báo cáo này, bản sửa lần {ours} (tệp có bản lần "
                                   f"{report.revision}, không mới hơn).")
            continue
        slot = _slot(report)
        others = index.slots.get(slot, set()) - delete_ids
        if slot in planned_slots:
            others = others | {planned_slots[slot]}
        if others and policy == "skip":
            ids = ", ".join(sorted(o[:8] for o in others))
            outcome("skipped", f"Thư viện đã có báo cáo khác của cơ quan này cùng kỳ (mã {ids}); chọn “thay thế” "
                               "hoặc “giữ cả hai” để nhập.")
            continue
        if others and policy == "replace":
            earlier = planned_slots.get(slot)
            if earlier is not None:  # two reports of one slot in the same file: the later one wins
                write[:] = [r for r in write if r.id != earlier]
                outcomes[:] = [o if o.report_id != earlier else ReportOutcome(
                    "skipped", o.report_id, o.office, o.period, "Tệp có báo cáo khác cùng kỳ thay cho báo cáo này.")
                    for o in outcomes]
            delete_ids |= others - {earlier}
            ids = ", ".join(sorted(o[:8] for o in others))
            outcome("replaced", f"Báo cáo cũ cùng kỳ (mã {ids}) đã được thay bằng báo cáo trong tệp.")
        elif others:
            outcome("kept", "Thư viện nay có hai báo cáo cùng kỳ của cơ quan này; xem lại và xóa bản thừa.")
        else:
            outcome("added")
        planned_slots[slot] = report.id
        write.append(report)
    new_orgs, changed_orgs = _organizations_to_write(index, content, write)
    return _Plan(outcomes, write, delete_ids, new_orgs, changed_orgs, _templates_to_write(index, content, write))


def _organizations_to_write(index: _LibraryIndex, content: FileContent,
                            reports: Iterable[ReportRow]) -> tuple[list[OrganizationRow], list[OrganizationRow]]:
    """The offices of the written reports and their parents: new ones (parents first) and newer profiles."""
    orgs = content.organizations
    for org in orgs.values():
        if org.parent_id is not None and org.parent_id not in orgs and org.parent_id not in index.orgs:
            raise RefusedFile(f"Cơ quan “{org.name}” ghi một cơ quan cấp trên không có trong tệp; tệp không đầy đủ.")
    chain: list[str] = [] if content.reports else [o.id for o in orgs.values()]  # an office tree: all of them
    for report in reports:
        org_id: str | None = report.organization_id
        while org_id is not None and org_id in orgs and org_id not in chain:
            chain.append(org_id)
            org_id = orgs[org_id].parent_id
    new = [orgs[i] for i in chain if i not in index.orgs]
    changed = [orgs[i] for i in chain
               if i in index.orgs and orgs[i].updated_at > index.orgs[i][0] and orgs[i].profile() != index.orgs[i][2]]
    parents = {oid: parent for oid, (_, parent, _) in index.orgs.items()} | {o.id: o.parent_id for o in new + changed}
    for org_id in chain:
        seen, current = set(), org_id
        while current is not None:
            if current in seen:
                raise RefusedFile(f"Cơ quan “{orgs[org_id].name}” nằm trong một vòng cơ quan cấp trên; tệp hỏng.")
            seen.add(current)
            current = parents.get(current)
    new.sort(key=lambda o: _depth(o.id, parents))
    return new, changed


def _depth(org_id: str, parents: dict[str, str | None]) -> int:
    """How many parents above ``org_id`` (the chain is known to end)."""
    depth, current = 0, parents.get(org_id)
    while current is not None:
        depth, current = depth + 1, parents.get(current)
    return depth


def _org_columns(org: OrganizationRow) -> dict[str, object]:
    """Its fields are the table's columns; an office without a level (from an Excel form) gets it from its name."""
    return asdict(org) | {"level": org.level or infer_level(org.name, False)}


def _report_columns(report: ReportRow) -> dict[str, object]:
    return {"id": report.id, "organization_id": report.organization_id, "template_key": report.template_key,
            "template_version": report.template_version, "year": report.period.year,
            "quarter": report.period.number, "period_kind": report.period.kind, "status": report.status,
            "revision": report.revision,
            "created_at": report.created_at, "updated_at": report.updated_at}


def _delete_reports(session: Session, ids: set[str]) -> None:
    if not ids:
        return
    for table, column in ((ConsolidationFigure, ConsolidationFigure.report_id),
                          (ConsolidationSource, ConsolidationSource.report_id),
                          (FieldValue, FieldValue.report_id), (Report, Report.id)):
        session.execute(delete(table).where(column.in_(ids)))


def _write(session: Session, index: _LibraryIndex, plan: _Plan) -> None:
    for row in plan.new_templates:
        session.execute(insert(StoredTemplate), [{"key": row.template.key, "version": row.template.version,
                                                  "toml_text": row.text, "sha256": row.sha256,
                                                  "origin": "received"}])  # for its reports only (README)
        index.templates[(row.template.key, row.template.version)] = row.sha256
    for org in plan.new_orgs:
        session.execute(insert(Organization), [_org_columns(org)])
    for org in plan.changed_orgs:
        session.execute(update(Organization).where(Organization.id == org.id).values(_org_columns(org)))
    existing = {r.id for r in plan.write if r.id in index.revisions}
    _delete_reports(session, plan.delete)
    for table, column in ((ConsolidationFigure, ConsolidationFigure.report_id),
                          (ConsolidationSource, ConsolidationSource.report_id), (FieldValue, FieldValue.report_id)):
        if existing:
            session.execute(delete(table).where(column.in_(existing)))
    for report in plan.write:
        if report.id in existing:
            session.execute(update(Report).where(Report.id == report.id).values(_report_columns(report)))
        else:
            session.execute(insert(Report), [_report_columns(report)])
    values = [{"report_id": r.id, "key": key, "int_value": number, "text_value": text}
              for r in plan.write for key, (number, text) in r.values.items()]
    sources = [{"report_id": r.id, "position": s.position, "source_report_id": s.source_report_id,
                "organization_id": s.organization_id, "unit_name": s.unit_name, "source_revision": s.source_revision}
               for r in plan.write for s in r.sources.values()]
    figures = [{"report_id": r.id, "position": s.position, "key": key, "int_value": number}
               for r in plan.write for s in r.sources.values() for key, number in s.figures.items()]
    for table, rows in ((FieldValue, values), (ConsolidationSource, sources), (ConsolidationFigure, figures)):
        if rows:
            session.execute(insert(table), rows)
    for rid in plan.delete:
        index.drop_report(rid)
    for report in plan.write:
        index.put_report(report)
    for org in plan.new_orgs + plan.changed_orgs:
        index.put_org(org)


Reader = Callable[[Path, Path], FileContent]
"""Reads one untrusted file (given a private temporary folder) or raises :class:`RefusedFile`."""


def read_db_file(path: Path, workdir: Path) -> FileContent:
    """The content of a .db exchange file."""
    with open_untrusted(path, workdir) as conn:
        return read_content(conn)


def _import_one(session: Session, index: _LibraryIndex, path: Path, workdir: Path,
                policy: ConflictPolicy, reader: Reader, moment: datetime) -> FileResult:
    result = FileResult(path)
    try:
        content = reader(path, workdir)
        matched = match_offices(content, index.offices)
        plan = _decide(index, content, policy)
    except RefusedFile as exc:
        log.info("Từ chối tệp %s: %s", path, exc)
        result.refused = str(exc)
        return result
    _write(session, index, plan)
    record_receipts(session, [(r.id, r.revision) for r in plan.write], moment)
    result.log_steps = merge_log(session, content.log)
    if result.log_steps:
        asked = any(step.kind == "returned" for step in content.log)
        result.notes.append(f"Nhận {result.log_steps} bước mới của nhật ký gửi nhận" + (
            " (có ý kiến cấp trên yêu cầu sửa: xem ở danh sách lỗi của báo cáo)." if asked else "."))
    result.outcomes = plan.outcomes
    result.deleted_ids = tuple(sorted(plan.delete))
    result.offices_added = len(plan.new_orgs)
    result.notes.extend(matched)
    if not content.reports:
        added = ", ".join(o.name for o in plan.new_orgs[:5]) + ("…" if result.offices_added > 5 else "")
        result.notes.append(f"Tệp là danh sách cơ quan: thêm {result.offices_added} cơ quan ({added})."
                            if result.offices_added else "Tệp không có báo cáo nào.")
    result.notes.extend(f"Thêm mẫu báo cáo “{row.template.name}” ({row.template.key}, phiên bản "
                        f"{row.template.version}) mà thư viện chưa có, chỉ để đọc, kiểm tra và xuất các báo cáo "
                        "kèm theo; báo cáo mới của cơ quan mình không dùng mẫu này cho đến khi được xem và chấp "
                        "nhận." for row in plan.new_templates)
    result.notes.extend(f"Cập nhật thông tin cơ quan “{org.name}” theo bản mới hơn trong tệp."
                        for org in plan.changed_orgs)
    return result


def import_files(library: Library, paths: Sequence[str | Path], *, on_conflict: ConflictPolicy = "skip",
                 progress: Progress = NO_PROGRESS, reader: Reader = read_db_file) -> ImportResult:
    """Import ``paths`` into ``library`` in one transaction and say what happened to each file. ``reader``
    reads each file: a .db exchange file by default (:func:`model.excel.reading.read_workbook` for workbooks).

    Raises :class:`model.progress.Cancelled` when the clerk cancels (nothing written) and
    :class:`LibraryError` when the library itself cannot be written (nothing written).
    """
    if on_conflict not in CONFLICT_POLICIES:
        raise LibraryError(f"Cách xử lý trùng kỳ “{on_conflict}” không có; chọn keep, replace hoặc skip.")
    results: list[FileResult] = []
    total = len(paths)
    moment = library.clock()
    with library.session() as session, tempfile.TemporaryDirectory(prefix="soanbaocao-nhap-") as workdir:
        try:
            index = _LibraryIndex.load(session)
            for done, path in enumerate(paths):
                progress.step(done, total)
                results.append(_import_one(session, index, Path(path), Path(workdir), on_conflict,
                                            reader, moment))
            progress.step(total, total)
            outcome = ImportResult(results)
            if outcome.anything_new:  # nothing else is ever written: a file with nothing new leaves no trace
                session.commit()
            else:
                session.rollback()
            return outcome
        except LibraryError as exc:  # the library read-only, locked, its disk full (model.library.storage explains it)
            session.rollback()
            raise LibraryError(f"{exc} Thư viện giữ nguyên như trước khi nhập.") from exc
        except (SQLAlchemyError, sqlite3.Error) as exc:
            session.rollback()
            reason = file_error_message(library.path, exc) or "Không ghi được vào thư viện."
            raise LibraryError(f"{reason} Thư viện giữ nguyên như trước khi nhập.") from exc
        except BaseException:
            session.rollback()
            raise
