"""Filling the ``{placeholders}`` of template sentences with formatted values.

One function serves the defaults of a new report and the exported prose, so the figures in the
text and in the form can never disagree.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from model.report.template import Template
from model.report.values import Value, display_value
from model.vietnamese import vnformat
from model.vietnamese.period import Period

BLANK = "…"
_PLACEHOLDER = re.compile(r"\{([a-z0-9_]+)(?::([a-z]+))?\}")


def sentence_value(template: Template, key: str, value: Value, fmt: str | None) -> str:
    """One value as it reads in a sentence: ``1.972``; ``1972`` with ``:plain``; ``43%``;
    `` (text)`` with ``:paren``, which leaves nothing at all when the text is blank."""
    if value is None:
        return BLANK
    spec = template.fields[key]
    if fmt == "plain" and isinstance(value, int):
        return str(value)
    if fmt == "paren":
        return f" ({display_value(spec, value)})"
    if spec.kind == "date":
        return vnformat.format_date_long(value)
    if spec.kind == "list":
        return "; ".join(value)
    return display_value(spec, value)


def report_context(period: Period, office_name: str) -> dict[str, str]:
    """The names sentences may use besides fields: ``ky_bao_cao`` (``quý II năm 2018``),
    ``ky_bao_cao_ngan`` (``quý II/2018``) and ``ten_co_quan`` (the office's full name)."""
    return {"ky_bao_cao": period.text, "ky_bao_cao_ngan": period.short_text, "ten_co_quan": office_name}


def fill(text: str, template: Template, values: Mapping[str, Value], context: Mapping[str, str]) -> str:
    """Replace every ``{key}`` in ``text``: context names first, then fields; blank figures read ``…``.

    A placeholder naming neither is left as it is, so a typo in a template shows in the document
    instead of vanishing.
    """

    def replace(match: re.Match[str]) -> str:
        key, fmt = match.group(1), match.group(2)
        if key in context:
            return context[key]
        if key in template.fields:
            value = values.get(key)
            if value is None and template.fields[key].kind in ("text", "list"):
                return ""
            return sentence_value(template, key, value, fmt)
        return match.group(0)

    return _PLACEHOLDER.sub(replace, text)


def dotted_when_blank(text: str) -> list[str]:
    """The names a sentence prints as ``…`` when blank: every placeholder but ``:paren`` ones."""
    return [m.group(1) for m in _PLACEHOLDER.finditer(text) if m.group(2) != "paren"]


def placeholders_in(text: str) -> list[str]:
    """The field or context names a sentence uses, in order."""
    return [m.group(1) for m in _PLACEHOLDER.finditer(text)]
