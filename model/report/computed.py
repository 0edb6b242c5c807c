"""Computed figures: ratios (``ratio_of``) and sums (``computed = "a + b - c"``), made from the fields they name.

One place computes them for every path that writes or shows a figure (an edit in the form or by ``set``, an Excel
form, a consolidation of sub-units, a rollup of quarters, the appendix), each in the order that computes a figure's
parts before it (``hs_tong = hs_ky_truoc + hs_moi`` after ``hs_moi``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping

from model.report.expressions import evaluate, formula_text
from model.report.template import FieldSpec, Template
from model.report.values import Value, computed_ratio
from model.vietnamese.vnformat import format_count


def computed_value(spec: FieldSpec, values: Mapping[str, Value]) -> int | None:
    """The figure ``spec`` computes from ``values`` (``None`` when a part is blank)."""
    if spec.formula:
        return evaluate(spec.formula, values)
    return computed_ratio(spec, values)


def recompute_all(template: Template, values: Mapping[str, Value]) -> dict[str, Value]:
    """``values`` with every computed figure made again from its parts (a sum of sub-units or of quarters
    recomputes a total rather than summing totals)."""
    out = dict(values)
    for spec in template.computed_order():
        out[spec.key] = computed_value(spec, out)
    return out


def recompute_changed(template: Template, merged: dict[str, Value], changed: Collection[str],
                      given: Collection[str]) -> dict[str, Value]:
    """The computed figures an edit of ``changed`` makes anew, updated in ``merged`` too. A ratio the edit itself
    ``given`` by hand is kept (a province may state its own); a formula is always recomputed."""
    dirty = set(changed)
    out: dict[str, Value] = {}
    for spec in template.computed_order():
        if spec.key in given and not spec.formula:
            continue
        if dirty.intersection(spec.inputs) or (spec.formula and spec.key in given):
            out[spec.key] = merged[spec.key] = computed_value(spec, merged)
            dirty.add(spec.key)
    return out


def formula_refusal(template: Template, changes: Mapping[str, Value], merged: Mapping[str, Value]) -> str | None:
    """Why ``changes`` cannot be written: a figure with a formula given a value other than its parts make in
    ``merged`` (already recomputed; a blank or the same value, as a copy of a whole report gives, is accepted)."""
    for key, value in changes.items():
        spec = template.fields.get(key)
        if spec is None or not spec.formula or value is None:
            continue
        if value != merged.get(key):
            parts = " ".join(f"{'-' if sign < 0 else '+'} “{template.fields[part].label}”"
                             for sign, part in spec.formula).removeprefix("+ ")
            shown = format_count(value) if isinstance(value, int) else str(value)
            return (f"“{spec.label}” ({key}) là số liệu tự tính = {parts} ({formula_text(spec.formula)}); không "
                    f"nhập tay được ({shown}). Hãy sửa các số liệu thành phần.")
    return None


def carried_balances(template: Template, previous: Mapping[str, Value]) -> dict[str, Value]:
    """The opening balances a draft carried forward takes from the previous period's report: each field with
    ``carry_from`` gets that field's value (``hs_ky_truoc`` = the previous ``dang_gq``)."""
    return {spec.key: previous[spec.carry_from] for spec in template.fields.values()
            if spec.carry_from and previous.get(spec.carry_from) is not None}
