"""A table block of a template's body as a document table: a "Biểu số liệu" of the report's figures, or a
per-unit table of a consolidated report (one row per unit, like the appendix but in the text).

A cell is a label (which may use placeholders), a ``{field}`` or a computed cell ``= a + b - c``; figures print as
everywhere else (``1.972``, ``98,5%``) and a blank figure as ``-``, as in the appendix.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from export.document.document import Align, Table, is_figure
from model.exchange.appendix import BLANK_CELL
from model.report.expressions import PLACEHOLDER, evaluate, parse_formula
from model.report.placeholders import fill
from model.report.template import BodyBlock, Template
from model.report.values import Value
from model.vietnamese.vnformat import format_count


def _cell(text: str, template: Template, values: Mapping[str, Value], context: Mapping[str, str]) -> str:
    if text.startswith("="):
        number = evaluate(parse_formula(text[1:]), values)
        return BLANK_CELL if number is None else format_count(number)
    whole = PLACEHOLDER.fullmatch(text)
    if whole and whole.group(1) in template.fields and values.get(whole.group(1)) is None:
        return BLANK_CELL
    return fill(text, template, values, context)


def _alignment(header: Sequence[str], rows: Sequence[Sequence[str]]) -> tuple[Align, ...]:
    """A numbering column (``STT``) centred, a column of figures right-aligned, any other left-aligned."""
    def align(column: int) -> Align:
        if header[column].strip().upper() == "STT":
            return "center"
        cells = [row[column] for row in rows if row[column].strip()]
        return "right" if cells and all(is_figure(cell) for cell in cells) else "left"

    return tuple(align(column) for column in range(len(header)))


def body_table(block: BodyBlock, template: Template, values: Mapping[str, Value], context: Mapping[str, str],
               units: Sequence[tuple[str, Mapping[str, Value]]]) -> Table | None:
    """The table of ``block`` for a report with ``values`` (and, consolidated, its ``units``' figures); ``None``
    for a per-unit table of a report that consolidates no unit."""
    if block.per_unit:
        if not units:
            return None
        rows = [tuple(_cell(cell, template, figures, {**context, "don_vi": name, "stt": str(number)})
                      for cell in block.rows[0])
                for number, (name, figures) in enumerate(units, start=1)]
    else:
        rows = [tuple(_cell(cell, template, values, context) for cell in row) for row in block.rows]
    if block.total:
        rows.append(tuple(_cell(cell, template, values, context) for cell in block.total))
    header = tuple(fill(text, template, values, context) for text in block.header[0])
    return Table(header=header, rows=tuple(rows), widths=block.widths, total_row=bool(block.total),
                 align=_alignment(header, rows),
                 header2=block.header[1] if len(block.header) > 1 else (),
                 title=fill(block.title, template, values, context) if block.title else "")
