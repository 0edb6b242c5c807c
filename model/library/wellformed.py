"""What a library file must hold before the services read it: our tables, each with our columns, and every value
of the type its column declares (SQLite stores any value in any column, so a damaged or hand-edited file can hold
text in a year or a number in a name, which the services would trip over far from the cause)."""

from __future__ import annotations

import sqlite3

from sqlalchemy import Integer

from model.library.storage import Base
from model.vietnamese.period import PERIODS_IN_YEAR


def _allowed_types(column) -> tuple[str, ...]:
    kinds = ("integer",) if isinstance(column.type, Integer) else ("text",)
    return (*kinds, "null") if column.nullable else kinds


_PERIOD_NUMBER = "CASE period_kind " + " ".join(
    f"WHEN '{kind}' THEN quarter NOT BETWEEN 1 AND {count}" for kind, count in PERIODS_IN_YEAR.items()) + " ELSE 1 END"
_VALUE_RULES: dict[tuple[str, str], str] = {
    ("reports", "year"): '"year" NOT BETWEEN 1 AND 9999',
    ("reports", "quarter"): '"quarter" NOT BETWEEN 1 AND 12',
    ("reports", "period_kind"): _PERIOD_NUMBER,
}
"""SQL true for a value that cannot even be shown: a year 0, a month 13, an unknown period kind, a quarter 5
(``quarter`` holds the number within the period kind)."""


def _type_query(table, columns: frozenset[str]) -> str:
    conditions = [f'typeof("{c.name}") NOT IN ({", ".join(repr(k) for k in _allowed_types(c))})'
                  for c in table.columns if c.name in columns]
    conditions += [rule for (name, column), rule in _VALUE_RULES.items() if name == table.name and column in columns]
    return f'SELECT 1 FROM "{table.name}" WHERE {" OR ".join(conditions)} LIMIT 1'


def shape_problem(conn: sqlite3.Connection, tables: frozenset[str] | None = None,
                  not_yet: dict[str, frozenset[str]] | None = None) -> str | None:
    """Why the library on ``conn`` cannot be read safely (Vietnamese, naming the table), or ``None``.
    ``tables``: only these, and ``not_yet``: columns per table that a library of an older schema does not have
    before it is migrated (:func:`model.library.migrations.columns_missing_at`).

    Raises SQLite's error when the file cannot be read at all."""
    not_yet = not_yet or {}
    for name, table in Base.metadata.tables.items():
        if tables is not None and name not in tables:
            continue
        names = {row[1] for row in conn.execute(f'PRAGMA table_info("{name}")')}
        if not names:
            return f"thiếu bảng dữ liệu “{name}”"
        expected = frozenset(c.name for c in table.columns) - not_yet.get(name, frozenset())
        if not expected <= names:
            return f"bảng “{name}” thiếu cột dữ liệu"
        if conn.execute(_type_query(table, expected)).fetchone():
            return f"bảng “{name}” có giá trị sai kiểu (chữ ở chỗ của số hoặc ngược lại)"
    return None
