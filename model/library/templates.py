"""The report kinds a library stores: each template's exact TOML text by (key, version), parsed once.

A report is always read with the version it was written with. A new report takes the newest *trusted* stored
version (the README's trust model): one shipped with the program, added by ``template add`` (the IT officer's
explicit act) or accepted in the editor by a person who saw what differs from the version in use. A template
that arrived inside a .db or a workbook (``received``) is stored to read, check and export the reports that came
with it, and never shapes a report of this library's own offices until someone trusts it.
:class:`TemplateShelf` is the part of :class:`~model.library.library.Library` that reads and stores them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from model.errors import LibraryError
from model.library.infos import TemplateInfo
from model.library.storage import Report, StoredTemplate, log
from model.report.levels import base_key
from model.report.report_info import ReportInfo
from model.report.shipped import shipped_template_text, shipped_versions
from model.report.template import Template, TemplateError
from model.report.template_source import parse_template_text, template_sha256

TRUSTED_ORIGINS = frozenset({"shipped", "added", "accepted"})
"""How a stored template may have come to be used for new reports (``received`` is not among them)."""
ORIGIN_LABELS = {"shipped": "có sẵn", "added": "cán bộ tin học thêm", "accepted": "đã xem và chấp nhận",
                 "received": "nhận từ tệp, chưa tin dùng"}

class DamagedTemplate(LibraryError):
    """A template text the library stores that no longer parses (a damaged file, a row written by hand)."""


UNREADABLE = (TemplateError, RecursionError, DamagedTemplate)
"""What parsing a stored text may raise: a damaged or hostile text (nesting deep enough to exhaust Python's
stack is a RecursionError in tomllib) is one template that cannot be read, never the end of a command."""


def is_shipped_text(key: str, version: int, digest: str) -> bool:
    """Whether ``digest`` is that of the text this program ships as ``key`` version ``version``."""
    try:
        return template_sha256(shipped_template_text(key, version)) == digest
    except TemplateError:
        return False


def is_trusted(key: str, version: int, origin: str, digest: str) -> bool:
    """Whether a stored template may shape new reports: trusted by origin, or exactly the text we ship."""
    return origin in TRUSTED_ORIGINS or is_shipped_text(key, version, digest)


def stored_template(text: str, key: str, version: int | None) -> Template:
    """The template of a text the library stores; a text that no longer parses (a damaged file, or a row written
    by hand) is the library's damage, told as such (:class:`LibraryError`), never an unexpected error."""
    try:
        return parse_template_text(text)
    except TemplateError as exc:
        shown = f"“{key}”" if version is None else f"“{key}” phiên bản {version}"
        reason = str(exc).removeprefix("Mẫu báo cáo không hợp lệ: ").rstrip(".")
        raise DamagedTemplate(f"Mẫu báo cáo {shown} lưu trong thư viện đã hỏng nên không đọc được ({reason}). Hãy mở "
                           "bản sao lưu của thư viện, hoặc báo cán bộ tin học.") from None


class TemplateShelf:
    """The templates of a library. The library gives its sessions, its reports and a cache of parsed templates."""

    _parsed: dict[tuple[str, int], Template]
    _session: Callable[[], Session]
    report: Callable[[str], ReportInfo]

    def template_of(self, report_id: str) -> Template:
        """The template the report was written with: exactly the version the library stores for it."""
        info = self.report(report_id)
        return self.template(info.template_key, info.template_version)

    def template(self, key: str, version: int | None = None) -> Template:
        """The stored template ``key`` at ``version`` (its newest stored version when ``None``)."""
        if version is not None and (key, version) in self._parsed:
            return self._parsed[(key, version)]
        template = stored_template(self.template_text(key, version), key, version)
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

    def templates(self, skipped: list[str] | None = None) -> list[TemplateInfo]:
        """Every readable template the library stores, by key and version. A stored text that cannot be parsed is
        left out (one hostile version never hides the others); what is wrong with it goes to ``skipped``."""
        with self._session() as session:
            counts = {(key, version): count for key, version, count in session.execute(
                select(Report.template_key, Report.template_version, func.count())
                .group_by(Report.template_key, Report.template_version))}
            rows = session.scalars(select(StoredTemplate).order_by(StoredTemplate.key, StoredTemplate.version)).all()
        infos = []
        for r in rows:
            try:
                t = self.template(r.key, r.version)
            except UNREADABLE as exc:
                message = _unreadable_message(r.key, r.version, exc)
                log.warning(message)
                if skipped is not None:
                    skipped.append(message)
                continue
            infos.append(TemplateInfo(r.key, r.version, t.name, r.sha256, counts.get((r.key, r.version), 0),
                                      t.period_kind, r.origin, is_trusted(r.key, r.version, r.origin, r.sha256)))
        return infos

    @staticmethod
    def store_template(session: Session, text: str, origin: str = "received") -> Template:
        """Keep ``text`` (checked as untrusted) in the caller's transaction unless the library has it already;
        refuses another text under a (key, version) the library holds. A trusted ``origin`` makes a stored
        received copy of the same text trusted."""
        template = parse_template_text(text)
        row = session.get(StoredTemplate, (template.key, template.version))
        digest = template_sha256(text)
        if row is None:
            session.add(StoredTemplate(key=template.key, version=template.version, toml_text=text, sha256=digest,
                                       origin=origin))
            session.flush()
        elif row.sha256 == digest and origin in TRUSTED_ORIGINS and row.origin not in TRUSTED_ORIGINS:
            row.origin = origin
            session.flush()
        elif row.sha256 != digest:
            raise LibraryError(f"Thư viện đã có mẫu “{template.key}” phiên bản {template.version} với nội dung "
                               "khác; một phiên bản mẫu không bao giờ được sửa: hãy tăng số phiên bản (version).")
        return template

    def add_template(self, text: str) -> Template:
        """Store a template an IT officer wrote, trusted for new reports: a new key, or a version higher than every
        trusted one of its key. The same text already received from another office becomes trusted."""
        try:
            template = parse_template_text(text)
        except TemplateError as exc:
            raise LibraryError(str(exc)) from None
        digest = template_sha256(text)
        with self._session() as session, session.begin():
            rows = session.scalars(select(StoredTemplate).where(StoredTemplate.key == template.key)).all()
            same = next((r for r in rows if r.version == template.version), None)
            trusted = [r.version for r in rows if is_trusted(r.key, r.version, r.origin, r.sha256)]
            if same is not None and same.sha256 == digest and is_trusted(same.key, same.version, same.origin,
                                                                           same.sha256):
                raise LibraryError(f"Thư viện đã có đúng mẫu “{template.key}” phiên bản {template.version}.")
            taken = same is not None and same.sha256 != digest
            if taken or (same is None and trusted and template.version <= max(trusted)):
                held = same.version if same is not None else max(trusted)
                how = f" ({ORIGIN_LABELS.get(same.origin, same.origin)})" if same is not None else ""
                raise LibraryError(f"Thư viện đã có mẫu “{template.key}” phiên bản {held}{how}; mẫu thêm vào phải có "
                                   f"phiên bản cao hơn (version = {max(r.version for r in rows) + 1}).")
            self.store_template(session, text, "added")
        return template

    def accept_template(self, key: str, version: int) -> None:
        """Trust a received template for new reports: a person saw what differs from the version in use
        (:func:`model.report.template_diff.template_changes`) and accepted it in the editor."""
        with self._session() as session, session.begin():
            row = session.get(StoredTemplate, (key, version))
            if row is None:
                raise LibraryError(f"Thư viện không có mẫu báo cáo “{key}” phiên bản {version}.")
            if row.origin not in TRUSTED_ORIGINS:
                row.origin = "accepted"

    def template_in_use(self, key: str) -> Template | None:
        """The version of ``key`` a new report would be written with now, or ``None`` (no trusted version)."""
        try:
            return self._newest_trusted(key)
        except LibraryError:
            return None

    def _newest_trusted(self, key: str) -> Template:
        """The newest trusted, readable version of ``key``; :class:`LibraryError` saying why there is none."""
        with self._session() as session:
            rows = session.execute(select(StoredTemplate.version, StoredTemplate.origin, StoredTemplate.sha256)
                                   .where(StoredTemplate.key == key).order_by(StoredTemplate.version.desc())).all()
        received = []
        for version, origin, digest in rows:
            if not is_trusted(key, version, origin, digest):
                received.append(version)
                continue
            try:
                return self.template(key, version)
            except UNREADABLE as exc:
                log.warning(_unreadable_message(key, version, exc))
        if received:
            shown = ", ".join(str(v) for v in sorted(received))
            raise LibraryError(f"Mẫu “{key}” (phiên bản {shown}) nhận từ tệp của đơn vị khác nên chưa dùng cho báo "
                               "cáo mới: xem khác biệt và chấp nhận trong trình soạn (Báo cáo → Mẫu báo cáo nhận "
                               "được…), hoặc cán bộ tin học thêm mẫu bằng lệnh template add.")
        raise LibraryError(f"Thư viện không có mẫu báo cáo “{key}”.")

    def template_for_new_report(self, key: str) -> Template:
        """The newest trusted version of ``key`` the library stores; a shipped template the library has no
        trusted version of is stored (as shipped)."""
        try:
            return self._newest_trusted(key)
        except LibraryError as refusal:
            try:
                text = shipped_template_text(key)
            except TemplateError:
                raise refusal from None
            with self._session() as session, session.begin():
                return self.store_template(session, text, "shipped")

    def _store_shipped_templates(self) -> None:
        """The newest version of every shipped report kind, in a new library (a level's variant, such as
        ``nq36a_quy_huyen``, is stored with the first report that needs it)."""
        with self._session() as session, session.begin():
            for key in shipped_versions():
                if base_key(key) == key:
                    self.store_template(session, shipped_template_text(key), "shipped")


def _unreadable_message(key: str, version: int, error: BaseException) -> str:
    reason = str(error) if isinstance(error, (TemplateError, DamagedTemplate)) else "các mục lồng nhau quá sâu"
    return f"Bỏ qua mẫu “{key}” phiên bản {version} thư viện đang giữ: không đọc được ({reason})."
