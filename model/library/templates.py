"""The report kinds a library stores: each template's exact TOML text by (key, version), parsed once.

A report is always read with the version it was written with; a new report takes the newest stored version.
:class:`TemplateShelf` is the part of :class:`~model.library.library.Library` that reads and stores them.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from model.errors import LibraryError
from model.library.infos import TemplateInfo
from model.library.storage import Report, StoredTemplate
from model.report.report_info import ReportInfo
from model.report.shipped import shipped_template_text, shipped_versions
from model.report.template import Template, TemplateError
from model.report.template_source import parse_template_text, template_sha256


def stored_template(text: str, key: str, version: int | None) -> Template:
    """The template of a text the library stores; a text that no longer parses (a damaged file, or a row written
    by hand) is the library's damage, told as such (:class:`LibraryError`), never an unexpected error."""
    try:
        return parse_template_text(text)
    except TemplateError as exc:
        shown = f"“{key}”" if version is None else f"“{key}” phiên bản {version}"
        reason = str(exc).removeprefix("Mẫu báo cáo không hợp lệ: ").rstrip(".")
        raise LibraryError(f"Mẫu báo cáo {shown} lưu trong thư viện đã hỏng nên không đọc được ({reason}). Hãy mở "
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

    def templates(self) -> list[TemplateInfo]:
        """Every template the library stores, by key and version."""
        with self._session() as session:
            counts = {(key, version): count for key, version, count in session.execute(
                select(Report.template_key, Report.template_version, func.count())
                .group_by(Report.template_key, Report.template_version))}
            rows = session.scalars(select(StoredTemplate).order_by(StoredTemplate.key, StoredTemplate.version)).all()
        parsed = [(r, stored_template(r.toml_text, r.key, r.version)) for r in rows]
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

    def _store_shipped_templates(self) -> None:
        """The newest version of every shipped template, in a new library."""
        with self._session() as session, session.begin():
            for key in shipped_versions():
                self.store_template(session, shipped_template_text(key))
