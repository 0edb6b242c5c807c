"""One identity per office across libraries: an incoming office is the library's office with the same id, else
the same mã định danh, else the same name (:func:`model.offices.identity.fold_name`) under the same parent, else
the one office of that name. Only an office matching none is added, so a district that set up its library by
hand (its own province office under a new id) never makes a second “Ủy ban nhân dân tỉnh …” in the province's.

:func:`match_offices` rewrites the file's content to the library's ids and says what it matched.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from model.exchange.rows import FileContent, OrganizationRow
from model.exchange.untrusted import RefusedFile
from model.offices.identity import fold_name


@dataclass(frozen=True)
class KnownOffice:
    id: str
    name: str
    parent_id: str | None
    code: str


@dataclass
class OfficeIndex:
    """The library's offices as the matching sees them, kept current as files are merged."""

    offices: dict[str, KnownOffice] = field(default_factory=dict)

    def put(self, offices: Iterable[KnownOffice]) -> None:
        for office in offices:
            self.offices[office.id] = office

    def by_code(self, code: str) -> KnownOffice | None:
        return next((o for o in self.offices.values() if code and o.code == code), None)

    def by_name(self, name: str) -> list[KnownOffice]:
        folded = fold_name(name)
        return [o for o in self.offices.values() if fold_name(o.name) == folded]


def _parents_first(orgs: dict[str, OrganizationRow]) -> list[OrganizationRow]:
    def depth(org: OrganizationRow) -> int:
        count, seen, current = 0, set(), org.parent_id
        while current is not None and current in orgs and current not in seen:
            seen.add(current)
            count, current = count + 1, orgs[current].parent_id
        return count
    return sorted(orgs.values(), key=depth)


def _match(org: OrganizationRow, parent_id: str | None, index: OfficeIndex) -> tuple[KnownOffice, str] | None:
    """The library's office ``org`` is, and how it was recognised; ``None`` for a new office."""
    if org.code and (same := index.by_code(org.code)) is not None:
        return same, f"cùng mã định danh {org.code}"
    named = index.by_name(org.name)
    under_parent = [o for o in named if o.parent_id == parent_id]
    if len(under_parent) == 1:
        return under_parent[0], "cùng tên, cùng cơ quan cấp trên"
    if len(named) == 1:
        return named[0], "cùng tên"
    if named:
        raise RefusedFile(f"Cơ quan “{org.name}” trong tệp trùng tên với {len(named)} cơ quan của thư viện; gộp các "
                          "cơ quan trùng (lệnh office merge) rồi nhập lại.")
    return None


def match_offices(content: FileContent, index: OfficeIndex) -> list[str]:
    """Rewrite ``content`` so that every office the library already has is named by the library's id (its row
    dropped from the file's offices: the library's profile is kept); return what was matched, for the clerk."""
    remap: dict[str, str] = {}
    notes: list[str] = []
    for org in _parents_first(content.organizations):
        if org.id in index.offices:
            continue
        parent_id = remap.get(org.parent_id, org.parent_id) if org.parent_id is not None else None
        found = _match(org, parent_id, index)
        if found is not None:
            known, how = found
            remap[org.id] = known.id
            shown = f"“{known.name}”" if known.name != org.name else "cơ quan đó"
            notes.append(f"Cơ quan “{org.name}” trong tệp là {shown} đã có trong thư viện ({how}); không thêm "
                         "cơ quan mới.")
    if not remap:
        return notes
    orgs = {}
    for org in content.organizations.values():
        if org.id in remap:
            continue
        parent = remap.get(org.parent_id, org.parent_id) if org.parent_id is not None else None
        orgs[org.id] = replace(org, parent_id=parent) if parent != org.parent_id else org
    content.organizations = orgs
    for report in content.reports.values():
        report.organization_id = remap.get(report.organization_id, report.organization_id)
        for source in report.sources.values():
            source.organization_id = remap.get(source.organization_id, source.organization_id)
    return notes
