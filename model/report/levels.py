"""How a report kind reads at each level of the reporting chain, and how a province consolidates its units.

A report kind has one template per level, as data (``resources/templates/``): ``nq36a_quy`` speaks as the
province (UBND tỉnh), ``nq36a_quy_huyen`` as a district (UBND cấp huyện), ``nq36a_quy_so`` as a department (sở,
ban, ngành). A level variant is the base key with ``_LEVEL`` added; a level without a variant uses the base.

A unit's template declares, in its ``[consolidation]`` table, which report it is consolidated into and which
field of that report each of its figures goes into (so the province's template never changes when a new kind
of unit appears, and a unit's .db carries the rule with its template)::

    [consolidation]
    into = "nq36a_quy"
    level = "huyen"
    label = "UBND cấp huyện"
    sum = { mot_cua_tiep_nhan = "mot_cua_huyen_tiep_nhan" }   # own field -> field summed into
    count = { cks_so_chu_ky = "cks_huyen" }                   # units whose figure is above 0 are counted

A unit figure the table does not name is not taken (a district's own office's documents never go into the
province's office's count). Units written with the consolidating template itself are summed field by field
(``consolidate = "sum"``), as before levels existed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

LEVELS: tuple[str, ...] = ("tinh", "so", "huyen", "xa")
LEVEL_LABELS: dict[str, str] = {"tinh": "UBND tỉnh", "so": "Sở, ban, ngành", "huyen": "UBND cấp huyện",
                                "xa": "UBND cấp xã"}
"""How the clerk reads a level (the order of :data:`LEVELS` is the order units are listed in)."""

_TABLE_KEYS = {"into", "level", "label", "sum", "count"}


@dataclass(frozen=True)
class ConsolidationSpec:
    """Where a unit template's figures go when the level above consolidates its reports."""

    into: str
    """The template key of the consolidated report."""
    level: str
    label: str
    """The units of this level as the consolidated text names them: ``UBND cấp huyện``."""
    sums: dict[str, str] = field(default_factory=dict)
    """Own field -> the consolidated template's field it is summed into."""
    counts: dict[str, str] = field(default_factory=dict)
    """Own field -> the field counting the units whose figure is above 0."""

    def targets(self) -> set[str]:
        return set(self.sums.values()) | set(self.counts.values())


def base_key(key: str) -> str:
    """The report kind of a template key: ``nq36a_quy_huyen`` -> ``nq36a_quy``."""
    for level in LEVELS:
        if key.endswith(f"_{level}"):
            return key[: -len(level) - 1]
    return key


def variant_key(key: str, level: str, available: Iterable[str]) -> str:
    """The template a ``level`` office writes the kind ``key`` with: its level's variant when one is available,
    else the kind's base template (the province's). A variant asked by its own key is kept."""
    keys = set(available)
    base = base_key(key)
    if key != base and key in keys:
        return key
    wanted = f"{base}_{level}" if level and level != "tinh" else base
    if wanted in keys:
        return wanted
    return base if base in keys else key


def consolidation_mistakes(raw: object, fields: Mapping[str, Mapping[str, Any]]) -> list[tuple[str, str]]:
    """Every mistake of a ``[consolidation]`` table, as (where, message); ``fields`` are the template's raw fields.
    The fields of ``into`` are checked when a report is consolidated (that template may not be at hand here)."""
    where = "consolidation"
    if raw is None:
        return []
    if not isinstance(raw, dict):
        return [(where, "“consolidation” phải là một bảng [consolidation].")]
    mistakes = [(where, f"có khóa lạ “{k}”.") for k in sorted(map(str, set(raw) - _TABLE_KEYS))]
    for name in ("into", "label"):
        if not isinstance(raw.get(name), str) or not raw[name].strip():
            mistakes.append((where, f"thiếu “{name}” (chữ)."))
    if raw.get("level") not in LEVELS:
        mistakes.append((where, f"“level” phải là một trong: {', '.join(LEVELS)}."))
    for part in ("sum", "count"):
        table = raw.get(part, {})
        if not isinstance(table, dict):
            mistakes.append((f"{where}.{part}", "phải là một bảng { trường = \"trường_tổng_hợp\" }."))
            continue
        for own, target in table.items():
            spec = fields.get(own)
            if not isinstance(target, str) or not target:
                mistakes.append((f"{where}.{part}", f"“{own}” phải trỏ tới tên một trường (chữ)."))
            elif spec is None:
                mistakes.append((f"{where}.{part}", f"mẫu không có trường “{own}”."))
            elif spec.get("kind") != "count":
                mistakes.append((f"{where}.{part}", f"trường “{own}” không phải số liệu (count)."))
    return mistakes


def parse_consolidation(raw: dict[str, Any] | None) -> ConsolidationSpec | None:
    """The typed table (already checked by :func:`consolidation_mistakes`)."""
    if raw is None:
        return None
    return ConsolidationSpec(raw["into"], raw["level"], raw["label"], dict(raw.get("sum", {})),
                             dict(raw.get("count", {})))
