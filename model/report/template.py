"""Report templates: the data files in ``resources/templates/`` read into typed objects.

A template holds the fields (grouped as the form shows them), the document body with the
sentences that put figures into prose, and the checks. See ``nq36a_quy.toml`` for the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from model.report.expressions import Condition, ExpressionError, Formula, parse_condition, parse_formula
from model.report.levels import ConsolidationSpec, parse_consolidation

FieldKind = Literal["count", "percent", "text", "date", "doc_number", "list"]
FIELD_KINDS: tuple[str, ...] = ("count", "percent", "text", "date", "doc_number", "list")
NUMERIC_KINDS: frozenset[str] = frozenset({"count", "percent", "doc_number"})


class TemplateError(Exception):
    """A template file that is missing or malformed (a packaging bug, not a clerk's error)."""


@dataclass(frozen=True)
class FieldSpec:
    key: str
    label: str
    kind: FieldKind
    group: str
    required: bool = False
    multiline: bool = False
    lines: int = 3
    """How many lines the form shows for a multiline text (the narratives get more room)."""
    unit: str = ""
    help: str = ""
    default: str = ""
    consolidate: Literal["sum", "ratio", "none"] = "none"
    cumulative: bool = False
    ratio_of: tuple[str, str] | None = None
    over_time: Literal["sum", "last", "first", "mean", "ratio", "computed", "none"] = "none"
    """How the figure of a half-year or a year is made from the quarters: ``sum`` for a flow (documents sent),
    ``last`` for a stock (services offered; the default of ``cumulative``), ``first`` for an opening balance
    (files carried over into the period), ``mean`` for a monthly average, ``ratio`` recomputed from its counts,
    ``computed`` from its formula. Given in the template as ``over_time``, else derived."""
    formula: Formula = ()
    """``computed = "a + b - c"``: the figure is that sum of other counts (read-only, never typed)."""
    decimals: int = 0
    """A percent's decimals (0 to 2): its value is stored in units of ``10**-decimals`` percent (985 is 98,5%)."""
    carry_from: str = ""
    """The field of the previous period's report a carried-forward draft takes this one from (an opening
    balance: ``hs_ky_truoc`` from ``dang_gq``)."""

    @property
    def is_numeric(self) -> bool:
        return self.kind in NUMERIC_KINDS

    @property
    def computed(self) -> bool:
        """True for a ratio computed from its counts or a figure with a formula (read-only in the form)."""
        return self.ratio_of is not None or bool(self.formula)

    @property
    def inputs(self) -> tuple[str, ...]:
        """The fields a computed figure is made from."""
        return tuple(key for _sign, key in self.formula) or tuple(self.ratio_of or ())


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    field_keys: tuple[str, ...]


@dataclass(frozen=True)
class BodyBlock:
    """One element of the document body: a heading, a paragraph template or a table (``header`` rows, ``rows``
    and an optional ``total`` row of cells: a label, a ``{field}`` or ``= a + b``; ``per_unit`` makes one row of
    ``rows[0]`` per sub-unit of a consolidated report). ``when`` prints the block (a heading: its whole section)
    only when the condition holds."""

    type: Literal["heading", "paragraph", "table"]
    text: str = ""
    level: int = 0
    number: str = ""
    title: str = ""
    run_in: bool = False
    bullet: bool = False
    lead: str = ""
    list: str = ""
    numbered: bool = False
    when: str = ""
    header: tuple[tuple[str, ...], ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    total: tuple[str, ...] = ()
    per_unit: bool = False
    widths: tuple[float, ...] = ()

    @property
    def condition(self) -> Condition | None:
        return parse_condition(self.when) if self.when else None


@dataclass(frozen=True)
class CheckSpec:
    kind: str
    severity: Literal["error", "warning"]
    params: dict[str, Any] = field(default_factory=dict)
    message: str = ""


@dataclass(frozen=True)
class AppendixColumn:
    key: str
    header: str
    """A short column heading; the field's label is too long for a table column."""


@dataclass(frozen=True)
class AppendixSpec:
    """The appendix (Phụ lục) of a report consolidated from sub-units: one row per unit, ``columns``, a
    total row. ``heading`` may use the context placeholders (``{ky_bao_cao}``); it prints in capitals.
    ``body_note`` is added to the opening paragraph of a consolidated draft, since the body must refer to
    its appendix."""

    heading: str
    unit_header: str
    total_label: str
    body_note: str
    columns: tuple[AppendixColumn, ...]


@dataclass(frozen=True)
class Template:
    key: str
    version: int
    name: str
    period_kind: str
    type_code: str
    type_name: str
    fields: dict[str, FieldSpec]
    groups: tuple[Group, ...]
    body: tuple[BodyBlock, ...]
    checks: tuple[CheckSpec, ...]
    appendix: AppendixSpec | None = None
    deadline: tuple[int, int] | None = None
    """When a unit's report is due to the level above: (day, months after the period's last month), from the
    template's ``[deadline]``; ``None``: the program's default for the period kind (model.oversight.deadlines)."""
    consolidation: ConsolidationSpec | None = None
    """Where a unit template's figures go in the report of the level above (:mod:`model.report.levels`)."""

    def field(self, key: str) -> FieldSpec:
        try:
            return self.fields[key]
        except KeyError:
            raise KeyError(f"Mẫu báo cáo không có trường “{key}”.") from None

    def computed_order(self) -> list[FieldSpec]:
        """The computed fields, each after the computed fields it is made from."""
        ordered: dict[str, FieldSpec] = {}

        def visit(spec: FieldSpec) -> None:
            for key in spec.inputs:
                if self.fields[key].computed and key not in ordered:
                    visit(self.fields[key])
            ordered[spec.key] = spec

        for spec in self.fields.values():
            if spec.computed and spec.key not in ordered:
                visit(spec)
        return list(ordered.values())


_BODY_KEYS = {"type", "text", "level", "number", "title", "run_in", "bullet", "lead", "list", "numbered", "when",
              "header", "rows", "total", "per_unit", "widths"}
_APPENDIX_KEYS = {"heading", "unit_header", "total_label", "body_note", "columns"}
_FIELD_KEYS = {"key", "label", "kind", "required", "multiline", "lines", "unit", "help", "default",
               "consolidate", "cumulative", "ratio_of", "over_time", "computed", "decimals", "carry_from"}


def _over_time(raw: dict[str, Any]) -> str:
    """``over_time`` as written, else what the other attributes imply (see :attr:`FieldSpec.over_time`)."""
    if "over_time" in raw:
        return raw["over_time"]
    if raw.get("ratio_of"):
        return "ratio"
    if raw.get("computed"):
        return "computed"
    if raw.get("kind") == "count":
        return "last" if raw.get("cumulative") else "sum"
    return "none"


def _parse_field(raw: dict[str, Any], group: str) -> FieldSpec:
    unknown = set(raw) - _FIELD_KEYS
    if unknown or raw.get("kind") not in FIELD_KINDS:
        raise TemplateError(f"Trường mẫu không hợp lệ: {raw.get('key')!r} ({sorted(unknown)})")
    ratio_of = raw.get("ratio_of")
    return FieldSpec(
        key=raw["key"], label=raw["label"], kind=raw["kind"], group=group,
        required=bool(raw.get("required", False)), multiline=bool(raw.get("multiline", False)),
        lines=int(raw.get("lines", 3)),
        unit=raw.get("unit", ""), help=raw.get("help", ""), default=raw.get("default", ""),
        consolidate=raw.get("consolidate", "none"), cumulative=bool(raw.get("cumulative", False)),
        ratio_of=tuple(ratio_of) if ratio_of else None, over_time=_over_time(raw),
        formula=parse_formula(raw["computed"]) if "computed" in raw else (), decimals=int(raw.get("decimals", 0)),
        carry_from=raw.get("carry_from", ""),
    )


def _parse_appendix(raw: dict[str, Any] | None, fields: dict[str, FieldSpec]) -> AppendixSpec | None:
    if raw is None:
        return None
    if set(raw) - _APPENDIX_KEYS:
        raise TemplateError(f"Mục appendix có khóa lạ: {sorted(set(raw) - _APPENDIX_KEYS)}")
    columns = tuple(AppendixColumn(c["key"], c["header"]) for c in raw["columns"])
    for column in columns:
        spec = fields.get(column.key)
        summed = spec is not None and spec.kind == "count" and spec.consolidate == "sum"
        recomputed = spec is not None and spec.consolidate == "ratio" and spec.ratio_of is not None and all(
            fields[k].consolidate == "sum" for k in spec.ratio_of)
        if not (summed or recomputed):
            raise TemplateError(f"Cột phụ lục “{column.key}” phải là số liệu cộng dồn hoặc tỷ lệ tính lại.")
    return AppendixSpec(heading=raw["heading"], unit_header=raw["unit_header"],
                        total_label=raw["total_label"], body_note=raw.get("body_note", ""), columns=columns)


def _tupled(raw: dict[str, Any]) -> dict[str, Any]:
    """A body block's TOML arrays as tuples (a frozen block holds no list)."""
    out = dict(raw)
    for name in ("header", "rows"):
        if name in out:
            out[name] = tuple(tuple(row) for row in out[name])
    for name in ("total", "widths"):
        if name in out:
            out[name] = tuple(out[name])
    return out


def parse_template(data: dict[str, Any]) -> Template:
    """Build a :class:`Template` from the decoded TOML, checking that every reference resolves."""
    try:
        fields: dict[str, FieldSpec] = {}
        groups = []
        for raw_group in data["groups"]:
            keys = []
            for raw_field in raw_group["fields"]:
                spec = _parse_field(raw_field, raw_group["key"])
                if spec.key in fields:
                    raise TemplateError(f"Trường trùng khóa: {spec.key}")
                fields[spec.key] = spec
                keys.append(spec.key)
            groups.append(Group(raw_group["key"], raw_group["title"], tuple(keys)))
        body = []
        for raw in data["body"]:
            if set(raw) - _BODY_KEYS:
                raise TemplateError(f"Khối nội dung không hợp lệ: {raw}")
            body.append(BodyBlock(**_tupled(raw)))
        checks = tuple(
            CheckSpec(kind=raw["kind"], severity=raw.get("severity", "error"), message=raw.get("message", ""),
                      params={k: v for k, v in raw.items() if k not in {"kind", "severity", "message"}})
            for raw in data["checks"]
        )
        template = Template(
            key=data["key"], version=int(data["version"]), name=data["name"],
            period_kind=data["period_kind"], type_code=data["type_code"], type_name=data["type_name"],
            fields=fields, groups=tuple(groups), body=tuple(body), checks=checks,
            appendix=_parse_appendix(data.get("appendix"), fields),
            deadline=(int(data["deadline"]["day"]), int(data["deadline"]["months_after"]))
            if "deadline" in data else None,
            consolidation=parse_consolidation(data.get("consolidation")),
        )
    except (KeyError, TypeError, ExpressionError) as exc:
        raise TemplateError(f"Tệp mẫu báo cáo thiếu hoặc sai mục: {exc}") from exc
    for spec in fields.values():
        for ref in spec.inputs:
            if ref not in fields:
                raise TemplateError(f"{spec.key}: ratio_of nói đến trường không có: {ref}")
    for block in body:
        if block.list and block.list not in fields:
            raise TemplateError(f"Khối danh sách nói đến trường không có: {block.list}")
    return template


