"""The appendix (Phụ lục) of a consolidated report, built from the per-unit figures kept with it.

Pure and light (no ORM), so both :class:`model.library.library.Library` and the fast read-only path
(:mod:`model.library.quickread`) answer ``appendix(report_id)`` for the exporter from the rows they read.
Counts show the unit's own figure, the total row their sum; a percent column is recomputed from its
``ratio_of`` counts, per unit and for the total, never averaged. ``-`` marks a blank figure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from model.report.checks import Problem
from model.report.computed import recompute_all
from model.report.placeholders import fill
from model.report.template import Template
from model.vietnamese.vnformat import format_count, format_percent

# Named parameters, which both sqlite3 and SQLAlchemy's text() accept: {"report_id": ...}.
UNITS_SQL = "SELECT position, unit_name FROM consolidation_sources WHERE report_id = :report_id ORDER BY position"
FIGURES_SQL = 'SELECT position, "key", int_value FROM consolidation_figures WHERE report_id = :report_id'
BLANK_CELL = "-"
SOURCE_VERSIONS_SQL = """SELECT s.unit_name, r.template_key, r.template_version FROM consolidation_sources s
                         JOIN reports r ON r.id = s.source_report_id
                         WHERE s.report_id = :report_id ORDER BY s.position"""
"""The units of a consolidated report whose own reports the library still holds, with their template version."""
STALE_SQL = """SELECT s.unit_name, s.source_revision, r.revision FROM consolidation_sources s
               JOIN reports r ON r.id = s.source_report_id
               WHERE s.report_id = :report_id AND r.revision > s.source_revision ORDER BY s.position"""
"""The units of a consolidated report whose own report the library now holds in a newer revision."""
REFRESH_ACTION = "Cập nhật số liệu từ các đơn vị"


@dataclass(frozen=True)
class AppendixTable:
    """Every cell formatted (``1.972``, ``43%``, ``-``). The documents add the label (``Phụ lục``) and the
    ``(Kèm theo Báo cáo số …)`` line, and print the heading in capitals."""

    heading: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    total: tuple[str, ...]
    units: tuple[tuple[str, dict[str, int | None]], ...] = ()
    """Each unit's name and its figures (summed counts and the figures computed from them), for the per-unit
    tables of the body. A template without ``[appendix]`` gives only these (no header, no rows)."""


@dataclass(frozen=True)
class AppendixFigures:
    """The appendix as numbers, for a spreadsheet: each unit's figures and the total, by column key;
    a percent column holds the recomputed ratio, ``None`` a blank figure."""

    keys: tuple[str, ...]
    units: tuple[tuple[str, tuple[int | None, ...]], ...]
    total: tuple[int | None, ...]


def unit_figures(template: Template, units: Iterable[tuple[int, str]], figures: Iterable[tuple[int, str, int]]
                 ) -> tuple[list[tuple[str, dict[str, int | None]]], dict[str, int | None]]:
    """Each unit's figures and their total, every computed figure made again from its (summed) parts."""
    units = list(units)
    by_unit: dict[int, dict[str, int]] = {position: {} for position, _ in units}
    totals: dict[str, int] = {}
    for position, key, number in figures:
        by_unit[position][key] = number
        totals[key] = totals.get(key, 0) + number
    return ([(name, recompute_all(template, by_unit[position])) for position, name in units],
            recompute_all(template, totals))


def appendix_figures(template: Template, units: Iterable[tuple[int, str]],
                     figures: Iterable[tuple[int, str, int]]) -> AppendixFigures | None:
    """The numbers of the appendix from the rows of ``UNITS_SQL`` and ``FIGURES_SQL``; ``None`` for a report
    without units (not consolidated) or a template without an appendix."""
    spec = template.appendix
    units = list(units)
    if spec is None or not units:
        return None
    per_unit, totals = unit_figures(template, units, figures)
    keys = tuple(column.key for column in spec.columns)
    return AppendixFigures(keys=keys, units=tuple((name, tuple(numbers.get(k) for k in keys))
                                                  for name, numbers in per_unit),
                           total=tuple(totals.get(k) for k in keys))


def _cell(template: Template, key: str, number: int | None) -> str:
    if number is None:
        return BLANK_CELL
    spec = template.fields[key]
    return format_percent(number, spec.decimals) if spec.kind == "percent" else format_count(number)


def build_appendix(template: Template, context: Mapping[str, str], units: Iterable[tuple[int, str]],
                   figures: Iterable[tuple[int, str, int]]) -> AppendixTable | None:
    """The table from the rows of ``UNITS_SQL`` and ``FIGURES_SQL``; ``None`` for a report without units
    (not consolidated). A template without an appendix gives the units' figures only."""
    units, figures = list(units), list(figures)
    if not units:
        return None
    per_unit = tuple(unit_figures(template, units, figures)[0])
    numbers = appendix_figures(template, units, figures)
    spec = template.appendix
    if numbers is None or spec is None:
        return AppendixTable("", (), (), (), per_unit)
    return AppendixTable(
        heading=fill(spec.heading, template, {}, context),
        header=("STT", spec.unit_header, *(column.header for column in spec.columns)),
        rows=tuple((str(index), name, *(_cell(template, k, n) for k, n in zip(numbers.keys, row, strict=True)))
                   for index, (name, row) in enumerate(numbers.units, start=1)),
        total=("", spec.total_label, *(_cell(template, k, n) for k, n in zip(numbers.keys, numbers.total,
                                                                                 strict=True))),
        units=per_unit,
    )


def units_lacking_fields(template: Template, units: Iterable[tuple[str, str, int]],
                         template_of: Callable[[str, int], Template]) -> list[Problem]:
    """A warning for each summed figure of a consolidated report that some units could not report, because
    their reports were written with a template version without it (rows of ``SOURCE_VERSIONS_SQL``)."""
    lacking: dict[str, list[str]] = {}
    for name, key, version in units:
        if (key, version) == (template.key, template.version):
            continue
        unit_fields = template_of(key, version).fields
        for spec in template.fields.values():
            if spec.consolidate == "sum" and spec.key not in unit_fields:
                lacking.setdefault(spec.key, []).append(name)
    return [Problem("warning", (key,), f"“{template.fields[key].label}”: {', '.join(names)} dùng phiên bản mẫu "
                                       "không có trường này; tổng chỉ cộng các đơn vị có trường này.")
            for key, names in lacking.items()]


def stale_problems(rows: Iterable[tuple[str, int, int]], issued: bool) -> list[Problem]:
    """A warning naming the units of a consolidated report that sent a newer revision since it was built (rows of
    :data:`STALE_SQL`); none when it is current. An issued report is only warned about (never rebuilt)."""
    rows = list(rows)
    if not rows:
        return []
    units = "; ".join(f"{name} (bản sửa lần {now}, đã tổng hợp từ lần {then})" for name, then, now in rows)
    advice = ("Báo cáo đã ban hành nên giữ nguyên; mở lại để sửa nếu cần cập nhật." if issued else
              f"Dùng “{REFRESH_ACTION}” (dòng lệnh: consolidate --refresh) để tính lại số liệu; phần chữ giữ nguyên.")
    return [Problem("warning", (), f"Số liệu tổng hợp đã cũ: {len(rows)} đơn vị đã gửi bản mới hơn sau khi tổng "
                                   f"hợp: {units}. {advice}")]
