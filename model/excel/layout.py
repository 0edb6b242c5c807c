"""Where everything sits in the data-entry workbook (phiếu nhập Excel), for its writer and its reader.

The workbook is an exchange format like a .db file (design notes §8b): versioned and identified by a
hidden sheet, and laid out from the template alone, so the reader knows which cell holds which field
without trusting anything the file says about its own layout. Column A (hidden) repeats each field's
key, so a row that moved is noticed.
"""

from __future__ import annotations

from dataclasses import dataclass

from model.report.template import FieldSpec, Template

FORMAT_NAME = "soanbaocao-phieu-nhap"
FORMAT_VERSION = 1
DATA_SHEET = "Số liệu"
META_SHEET = "_soanbaocao"

KEY_COLUMN, LABEL_COLUMN, UNIT_COLUMN, VALUE_COLUMN, SUM_COLUMN, CHECK_COLUMN = "ABCDEF"
LAST_COLUMN = CHECK_COLUMN
TITLE_ROW, OFFICE_ROW, PERIOD_ROW, HINT_ROW, HEADER_ROW = 1, 2, 3, 4, 6
FIRST_BODY_ROW = HEADER_ROW + 1


@dataclass(frozen=True)
class FieldRow:
    spec: FieldSpec
    row: int

    @property
    def value_cell(self) -> str:
        return f"{VALUE_COLUMN}{self.row}"

    @property
    def is_input(self) -> bool:
        """False for a ratio the workbook computes from its counts (a locked formula, never read)."""
        return not self.spec.computed


@dataclass(frozen=True)
class SumRow:
    """A ``sum`` check of the template: the parts' formula sits beside the entered total."""

    total: FieldRow
    parts: tuple[FieldRow, ...]


@dataclass(frozen=True)
class Layout:
    template: Template
    group_rows: tuple[tuple[str, int], ...]
    """(group title, row) of each heading row."""
    fields: tuple[FieldRow, ...]
    sums: tuple[SumRow, ...]
    ceilings: tuple[tuple[FieldRow, FieldRow], ...]
    """(part, whole) of each ``not_above`` check: the part's row says when it exceeds the whole."""

    @property
    def last_row(self) -> int:
        return max(row for _, row in self.group_rows) if not self.fields else self.fields[-1].row

    def row_of(self, key: str) -> FieldRow:
        return next(f for f in self.fields if f.spec.key == key)


def layout_for(template: Template) -> Layout:
    """Every group in order: a heading row, then one row per field."""
    row = FIRST_BODY_ROW
    group_rows: list[tuple[str, int]] = []
    fields: list[FieldRow] = []
    for group in template.groups:
        group_rows.append((group.title, row))
        row += 1
        for key in group.field_keys:
            fields.append(FieldRow(template.fields[key], row))
            row += 1
    by_key = {f.spec.key: f for f in fields}
    sums = tuple(SumRow(by_key[check.params["total"]], tuple(by_key[p] for p in check.params["parts"]))
                 for check in template.checks if check.kind == "sum")
    ceilings = tuple((by_key[check.params["part"]], by_key[check.params["whole"]])
                     for check in template.checks if check.kind == "not_above")
    return Layout(template, tuple(group_rows), tuple(fields), sums, ceilings)
