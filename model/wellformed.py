"""What a library file must hold before the services read it: our tables, each with our columns, and every value
of the type its column declares (SQLite stores any value in any column, so a damaged or hand-edited file can hold
text in a year or a number in a name, which the services would trip over far from the cause)."""

from __future__ import annotations

import sqlite3

from sqlalchemy import Integer

from model.storage import Base


def _allowed_types(column) -> tuple[str, ...]:
    kinds = ("integer",) if isinstance(column.type, Integer) else ("text",)
    return (*kinds, "null") if column.nullable else kinds


_RANGES = {("reports", "year"): (1, 9999), ("reports", "quarter"): (1, 4)}
"""Values outside these bounds cannot even be shown (a quarter 7 has no months)."""


def _type_query(table) -> str:
    conditions = [f'typeof("{c.name}") NOT IN ({", ".join(repr(k) for k in _allowed_types(c))})'
                  for c in table.columns]
    conditions += [f'"{column}" NOT BETWEEN {low} AND {high}'
                   for (name, column), (low, high) in _RANGES.items() if name == table.name]
    return f'SELECT 1 FROM "{table.name}" WHERE {" OR ".join(conditions)} LIMIT 1'


_CHECKS = {name: (frozenset(c.name for c in table.columns), _type_query(table))
           for name, table in Base.metadata.tables.items()}


def shape_problem(conn: sqlite3.Connection, tables: frozenset[str] | None = None) -> str | None:
    """Why the library on ``conn`` cannot be read safely (Vietnamese, naming the table), or ``None``.
    ``tables``: only these (a library of an older schema, before it is migrated).

    Raises SQLite's error when the file cannot be read at all."""
    for table, (expected, type_query) in _CHECKS.items():
        if tables is not None and table not in tables:
            continue
        names = {row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')}
        if not names:
            return f"thiếu bảng dữ liệu “{table}”"
        if not expected <= names:
            return f"bảng “{table}” thiếu cột dữ liệu"
        if conn.execute(type_query).fetchone():
            return f"bảng “{table}” có giá trị sai kiểu (chữ ở chỗ của số hoặc ngược lại)"
    return None
