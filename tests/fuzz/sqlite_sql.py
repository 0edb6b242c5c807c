"""SQL-level mutations of a SQLite file, driven by the schema the file itself holds (its tables and columns are
read from it, so the mutations follow the schema as it grows): hostile values in every column, rows deleted or
duplicated, counts made negative, and the schema text itself edited through ``PRAGMA writable_schema``."""

from __future__ import annotations

import random
import re
import sqlite3
from collections.abc import Callable

SqlMutator = Callable[[random.Random, sqlite3.Connection], str]


def _hostile_value(rng: random.Random, current: object) -> tuple[str, object]:
    """An SQL expression and its parameter (``?`` stands for it) that a careless reader mishandles."""
    choices: list[tuple[str, object]] = [
        ("?", None), ("?", -1), ("?", -(2**63)), ("?", 2**63 - 1), ("?", 10**15), ("?", 0), ("?", 1.5),
        ("?", 1e308), ("?", ""), ("?", " "), ("?", "x" * rng.choice([1000, 100_000])), ("?", "a\x00b"),
        ("?", "chuông\x07"), ("?", "dòng\u2028mới"), ("?", "\ufeffBOM"), ("?", "Kho\u0302ng NFD"),
        ("?", "<b>&amp;</b> {dvc_tong}"), ("?", "1.972"), ("?", "2018-13-45"), ("?", "9999-12-31T23:59:59+00:00"),
        ("?", "00000000-0000-0000-0000-000000000000"), ("CAST(? AS TEXT)", b"\xc5\x80\xff\xfe"),
        ("CAST(? AS TEXT)", b"Vi\xe1\xbb\x87t \xc3"), ("?", b"\x00\xff blob"), ("?", "draft"), ("?", "issued"),
        ("?", "nq36a_quy"), ("?", str(current) + "'"), ("?", "Robert'); DROP TABLE reports;--"),
    ]
    if isinstance(current, int) and not isinstance(current, bool):
        choices += [("?", -current), ("?", current + 1), ("?", current * 1000 + 7), ("?", str(current))]
    if isinstance(current, str):
        choices += [("?", current.upper()), ("?", current[: len(current) // 2]), ("?", current + current)]
    return rng.choice(choices)


def tables(conn: sqlite3.Connection) -> list[str]:
    return [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]


def columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')]


def _random_rowid(rng: random.Random, conn: sqlite3.Connection, table: str) -> int | None:
    rowids = [r for (r,) in conn.execute(f'SELECT rowid FROM "{table}"')]
    return rng.choice(rowids) if rowids else None


def _pick_table(rng: random.Random, conn: sqlite3.Connection) -> str:
    names = tables(conn)
    with_rows = [t for t in names if conn.execute(f'SELECT 1 FROM "{t}" LIMIT 1').fetchone()]
    return rng.choice(with_rows or names)


def set_value(rng: random.Random, conn: sqlite3.Connection) -> str:
    """One column of one row of any table gets a hostile value (wrong type, huge, NUL, bad UTF-8…)."""
    table = _pick_table(rng, conn)
    column = rng.choice(columns(conn, table))
    rowid = _random_rowid(rng, conn, table)
    if rowid is None:
        return f"{table} is empty"
    current = conn.execute(f'SELECT "{column}" FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone()[0]
    expression, value = _hostile_value(rng, current)
    conn.execute(f'UPDATE OR IGNORE "{table}" SET "{column}" = {expression} WHERE rowid = ?', (value, rowid))
    return f"{table}.{column} of row {rowid} = {value!r:.60}"


def negative_count(rng: random.Random, conn: sqlite3.Connection) -> str:
    """Every integer column of a table that holds a count or a position, made negative in one row."""
    table = _pick_table(rng, conn)
    rowid = _random_rowid(rng, conn, table)
    integer_columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")') if "INT" in row[2].upper()]
    if rowid is None or not integer_columns:
        return f"{table}: no integer to negate"
    column = rng.choice(integer_columns)
    conn.execute(f'UPDATE OR IGNORE "{table}" SET "{column}" = -abs("{column}") - 1 WHERE rowid = ?', (rowid,))
    return f"{table}.{column} of row {rowid} negative"


def delete_rows(rng: random.Random, conn: sqlite3.Connection) -> str:
    table = _pick_table(rng, conn)
    if rng.random() < 0.3:
        conn.execute(f'DELETE FROM "{table}"')
        return f"every row of {table} deleted"
    rowid = _random_rowid(rng, conn, table)
    conn.execute(f'DELETE FROM "{table}" WHERE rowid = ?', (rowid,))
    return f"row {rowid} of {table} deleted"


def duplicate_row(rng: random.Random, conn: sqlite3.Connection) -> str:
    """A copy of a row with one key column changed (an id used twice, a report of another office…)."""
    table = _pick_table(rng, conn)
    rowid = _random_rowid(rng, conn, table)
    if rowid is None:
        return f"{table} is empty"
    names = columns(conn, table)
    row = list(conn.execute(f'SELECT * FROM "{table}" WHERE rowid = ?', (rowid,)).fetchone())
    index = rng.randrange(len(names))
    others = [v for (v,) in conn.execute(f'SELECT "{names[index]}" FROM "{table}" ORDER BY rowid')]
    other = rng.choice(others)
    row[index] = rng.choice([other, f"{row[index]}-bis", row[index]])
    placeholders = ", ".join("?" * len(names))
    conn.execute(f'INSERT OR IGNORE INTO "{table}" VALUES ({placeholders})', row)
    return f"row {rowid} of {table} copied with {names[index]} = {row[index]!r:.40}"


def cross_reference(rng: random.Random, conn: sqlite3.Connection) -> str:
    """An id column pointed at an id of another table, at itself, or at nothing."""
    table = _pick_table(rng, conn)
    id_columns = [c for c in columns(conn, table) if c == "id" or c.endswith("_id")]
    rowid = _random_rowid(rng, conn, table)
    if rowid is None or not id_columns:
        return f"{table}: no id column"
    column = rng.choice(id_columns)
    other_table = rng.choice(tables(conn))
    other_columns = [c for c in columns(conn, other_table) if c == "id" or c.endswith("_id")] or ["rowid"]
    found = conn.execute(f'SELECT "{rng.choice(other_columns)}" FROM "{other_table}" LIMIT 1').fetchone()
    value = found[0] if found else "00000000-0000-4000-8000-000000000000"
    conn.execute(f'UPDATE OR IGNORE "{table}" SET "{column}" = ? WHERE rowid = ?', (value, rowid))
    return f"{table}.{column} of row {rowid} = {value!r:.40}"


def stamp(rng: random.Random, conn: sqlite3.Connection) -> str:
    pragma = rng.choice(["user_version", "application_id"])
    value = rng.choice([-1, 0, 1, 2, 3, 4, 99, 2**31 - 1, -(2**31)])
    conn.execute(f"PRAGMA {pragma} = {value}")
    return f"{pragma} = {value}"


def _schema_edit(text: str, rng: random.Random) -> str:
    edits: list[Callable[[str], str]] = [
        lambda s: s.replace("INTEGER", rng.choice(["TEXT", "BLOB", "REAL", "ANY"]), 1),
        lambda s: s.replace("NOT NULL", "", 1),
        lambda s: s.replace("PRIMARY KEY", "UNIQUE", 1),
        lambda s: re.sub(r"\(\s*\n?\s*(\w+)", r"(\1_x", s, count=1),
        lambda s: s.rstrip(")") + ", ghi_chu TEXT)",
        lambda s: s.rstrip(")") + ", an_chu TEXT GENERATED ALWAYS AS (1) VIRTUAL)",
        lambda s: s[: rng.randrange(len(s) or 1)],
        lambda s: s.replace("CREATE TABLE", "CREATE TABLE IF NOT EXISTS", 1),
        lambda s: s + " WITHOUT ROWID",
        lambda s: s.replace("(", "(\x00", 1),
    ]
    return rng.choice(edits)(text)


def edit_schema(rng: random.Random, conn: sqlite3.Connection) -> str:
    """sqlite_master edited directly (``PRAGMA writable_schema``): its SQL text, names, root pages, kinds."""
    rows = conn.execute("SELECT rowid, type, name, sql FROM sqlite_master").fetchall()
    rowid, kind, name, sql = rng.choice(rows)
    choice = rng.randrange(7)
    conn.execute("PRAGMA writable_schema = ON")
    if choice == 0 and sql:
        new_sql: object = _schema_edit(sql, rng)
        conn.execute("UPDATE sqlite_master SET sql = ? WHERE rowid = ?", (new_sql, rowid))
        described = f"sql of {name} edited"
    elif choice == 1:
        conn.execute("UPDATE sqlite_master SET sql = CAST(? AS TEXT) WHERE rowid = ?",
                     ((sql or "").encode()[:40] + b"\xc5\xff" + (sql or "").encode()[40:], rowid))
        described = f"sql of {name} holds bytes that are not UTF-8"
    elif choice == 2:
        new_name = rng.choice(["", name.upper(), name + "\x07", "sqlite_x", b"\xc3\x28"])
        expression = "CAST(? AS TEXT)" if isinstance(new_name, bytes) else "?"
        conn.execute(f"UPDATE sqlite_master SET name = {expression}, tbl_name = {expression} WHERE rowid = ?",
                     (new_name, new_name, rowid))
        described = f"{name} renamed {new_name!r}"
    elif choice == 3:
        root = rng.choice([0, 1, 2, 3, 10_000, -1])
        conn.execute("UPDATE sqlite_master SET rootpage = ? WHERE rowid = ?", (root, rowid))
        described = f"{name} root page = {root}"
    elif choice == 4:
        new_kind = rng.choice(["view", "trigger", "index", "table", "bảng"])
        conn.execute("UPDATE sqlite_master SET type = ? WHERE rowid = ?", (new_kind, rowid))
        described = f"{name} kind {kind} -> {new_kind}"
    elif choice == 5:
        conn.execute("DELETE FROM sqlite_master WHERE rowid = ?", (rowid,))
        described = f"{name} removed from sqlite_master"
    else:
        trigger = ("CREATE TRIGGER xoa AFTER INSERT ON reports BEGIN DELETE FROM organizations; END",
                   "CREATE VIEW nhin AS SELECT 1")[rng.randrange(2)]
        kind_added = trigger.split()[1].lower()
        conn.execute("INSERT INTO sqlite_master (type, name, tbl_name, rootpage, sql) VALUES (?, ?, ?, 0, ?)",
                     (kind_added, trigger.split()[2], "reports", trigger))
        described = f"{kind_added} added to sqlite_master"
    conn.execute("PRAGMA writable_schema = OFF")
    return described


def carried_template(rng: random.Random, conn: sqlite3.Connection) -> str:
    """The template a file carries, mutated as the target ``template`` mutates one; mostly under a key of its own
    (the receiver lacks it, so it may be accepted) with its reports pointing at it and a matching sha256."""
    from model.report.template_source import template_sha256
    from tests.fuzz.target_template import mutate_template

    if "templates" not in tables(conn):
        return "no templates table"
    row = conn.execute('SELECT rowid, "key", toml_text FROM templates ORDER BY rowid').fetchone()
    if row is None or not isinstance(row[2], str):
        return "no template text"
    rowid, key, text = row
    text = "\n".join(mutate_template(rng, text.split("\n")))
    if rng.random() < 0.7:
        text = text.replace(f'key = "{key}"', 'key = "bc_thu"', 1)
        conn.execute("UPDATE reports SET template_key = 'bc_thu' WHERE template_key = ?", (key,))
        conn.execute("UPDATE templates SET \"key\" = 'bc_thu' WHERE rowid = ?", (rowid,))
    digest = template_sha256(text) if rng.random() < 0.9 else "0" * 64
    conn.execute("UPDATE templates SET toml_text = ?, sha256 = ? WHERE rowid = ?", (text, digest, rowid))
    return "template text mutated"


SQL_MUTATORS: tuple[SqlMutator, ...] = (
    set_value, set_value, set_value, set_value, negative_count, delete_rows, duplicate_row, cross_reference,
    stamp, edit_schema, edit_schema, carried_template,
)


def mutate_sql(rng: random.Random, conn: sqlite3.Connection) -> list[str]:
    """One to three mutations; a mutation SQLite itself refuses (a constraint) is kept as a no-op."""
    done = []
    for _ in range(rng.choice([1, 1, 2, 3])):
        mutator = rng.choice(SQL_MUTATORS)
        try:
            done.append(mutator(rng, conn))
        except sqlite3.Error as exc:
            done.append(f"{mutator.__name__} refused by SQLite ({exc})")
        if mutator is edit_schema:
            break  # the connection's view of the schema is now stale
    return done
