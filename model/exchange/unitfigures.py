"""What each unit's report gives the consolidated report: its figures mapped into the consolidating template's
fields, by the rule of the unit's template (:mod:`model.report.levels`), with the notes the clerk must read.

A unit written with the consolidating template itself gives its ``consolidate = "sum"`` counts field by field.
A unit written with a level's variant (``nq36a_quy_huyen``) gives what its ``[consolidation]`` table names:
``sum`` adds its figure into the named field, ``count`` adds 1 when its figure is above 0. A field no unit's rule
names is the consolidating office's own figure: left blank for its clerk.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import select

from model.library.library import Library, LibraryError, ReportInfo
from model.library.storage import FieldValue
from model.progress import NO_PROGRESS, Progress
from model.report.levels import LEVELS
from model.report.template import Template

_CHUNK = 200
"""Source reports read per query: keeps SQL variables few and lets a cancel land between chunks."""
_NAMES_SHOWN = 5


@dataclass
class UnitFigures:
    figures: dict[str, dict[str, int]]
    """By unit report id: its contribution to each field of the consolidating template (blank: absent)."""
    totals: dict[str, int | None]
    """Every field the units fill, summed (``None``: no unit reported it)."""
    notes: list[str] = field(default_factory=list)
    by_level: dict[str, tuple[str, int]] = field(default_factory=dict)
    """Per level of the units written with a level's variant: its label and how many units."""


def names(units: Sequence[str]) -> str:
    shown = ", ".join(units[:_NAMES_SHOWN])
    return shown + (f" và {len(units) - _NAMES_SHOWN} đơn vị khác" if len(units) > _NAMES_SHOWN else "")


def target_key(library: Library, sources: Sequence[ReportInfo]) -> str:
    """The template key the sources consolidate into: their own, or the one their level's rule names; refused
    when they disagree."""
    keys = set()
    for source in sources:
        rule = library.template(source.template_key, source.template_version).consolidation
        keys.add(rule.into if rule is not None else source.template_key)
    if len(keys) > 1:
        raise LibraryError("Các báo cáo đã chọn dùng mẫu khác nhau; chỉ tổng hợp được báo cáo cùng một mẫu "
                           "(các phiên bản khác nhau của một mẫu, hay mẫu của từng cấp tổng hợp vào mẫu đó, thì được).")
    return keys.pop()


def _mapping(target: Template, unit: Template) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """(own field -> target fields summed into, own field -> target fields counted into) of one unit template."""
    summed = [s.key for s in target.fields.values() if s.consolidate == "sum" and s.kind == "count"]
    if unit.key == target.key:
        return {k: [k] for k in summed if k in unit.fields}, {}
    rule = unit.consolidation
    if rule is None or rule.into != target.key:
        raise LibraryError(f"Mẫu “{unit.name}” không ghi cách tổng hợp vào mẫu “{target.name}”.")
    for target_field in rule.targets():
        if target_field not in summed:
            raise LibraryError(f"Mẫu “{unit.name}” tổng hợp vào trường “{target_field}” mà mẫu “{target.name}” "
                               "không có (hoặc không phải số liệu cộng dồn).")
    sums: dict[str, list[str]] = {}
    counts: dict[str, list[str]] = {}
    for own, into in rule.sums.items():
        sums.setdefault(own, []).append(into)
    for own, into in rule.counts.items():
        counts.setdefault(own, []).append(into)
    return sums, counts


def _read(library: Library, ids: Sequence[str], progress: Progress) -> dict[str, dict[str, int]]:
    own: dict[str, dict[str, int]] = {rid: {} for rid in ids}
    with library.session() as session:
        for start in range(0, len(ids), _CHUNK):
            progress.step(start, len(ids) + 1)
            query = select(FieldValue.report_id, FieldValue.key, FieldValue.int_value).where(
                FieldValue.report_id.in_(ids[start:start + _CHUNK]), FieldValue.int_value.is_not(None))
            for report_id, key, number in session.execute(query):
                own[report_id][key] = number
    return own


def unit_figures(library: Library, target: Template, sources: Sequence[ReportInfo], *,
                 progress: Progress = NO_PROGRESS) -> UnitFigures:
    """Each source's contribution to ``target``'s fields and their sums, with notes on blanks and older versions."""
    own = _read(library, [s.id for s in sources], progress)
    result = UnitFigures({s.id: {} for s in sources}, {})
    applicable: dict[str, list[ReportInfo]] = {}
    lacking: dict[str, list[ReportInfo]] = {}
    levels: dict[str, list[str]] = {}
    summed = [s.key for s in target.fields.values() if s.consolidate == "sum" and s.kind == "count"]
    for source in sources:
        unit = library.template(source.template_key, source.template_version)
        sums, counts = _mapping(target, unit)
        if unit.consolidation is not None:
            levels.setdefault(unit.consolidation.level, []).append(unit.consolidation.label)
        elif unit.key == target.key:
            for key in summed:
                if key not in unit.fields:
                    lacking.setdefault(key, []).append(source)
        mine = result.figures[source.id]
        for own_key, intos in sums.items():
            for into in intos:
                applicable.setdefault(into, []).append(source)
                if own_key in own[source.id]:
                    mine[into] = mine.get(into, 0) + own[source.id][own_key]
        for own_key, intos in counts.items():
            for into in intos:
                applicable.setdefault(into, []).append(source)
                if own_key in own[source.id]:
                    mine[into] = mine.get(into, 0) + (own[source.id][own_key] > 0)
    all_blank: list[str] = []
    own_figures: list[str] = []
    for key in summed:
        label = target.fields[key].label
        units = list(dict.fromkeys(applicable.get(key, [])))
        reported = [result.figures[s.id][key] for s in units if key in result.figures[s.id]]
        if key in lacking:
            older = ", ".join(map(str, sorted({s.template_version for s in lacking[key]})))
            who = names([s.organization_name for s in lacking[key]])
            result.notes.append(f"“{label}”: {len(lacking[key])} đơn vị dùng mẫu phiên bản {older} không có trường "
                                f"này ({who}); tổng chỉ cộng các đơn vị có trường này.")
        if not units and key not in lacking:
            own_figures.append(f"“{label}”")
            continue
        result.totals[key] = sum(reported) if reported else None
        if not reported:
            all_blank.append(f"“{label}”")
        elif len(reported) < len(units):
            missing = [s.organization_name for s in units if key not in result.figures[s.id]]
            result.notes.append(f"“{label}”: {len(missing)} đơn vị để trống ({names(missing)}); "
                                "tổng chỉ cộng các đơn vị có số liệu.")
    if all_blank:
        result.notes.insert(0, f"Không đơn vị nào có số liệu, để trống: {', '.join(all_blank)}.")
    if own_figures and levels:
        result.notes.append(f"Số liệu riêng của cơ quan tổng hợp, không lấy từ đơn vị nào, để trống cho cán bộ "
                            f"điền: {', '.join(own_figures)}.")
    result.by_level = {level: (levels[level][0], len(levels[level])) for level in LEVELS if level in levels}
    return result


def summed_units(by_level: dict[str, tuple[str, int]]) -> str:
    """What a consolidated text says was summed: ``3 sở, ban, ngành và 14 UBND cấp huyện``."""
    parts = [f"{count} {label}" for label, count in by_level.values()]
    return " và ".join([", ".join(parts[:-1]), parts[-1]]) if len(parts) > 1 else "".join(parts)
