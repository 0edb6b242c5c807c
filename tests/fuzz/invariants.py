"""What must hold of a library after anything was accepted into it (and after a writer was killed)."""

from __future__ import annotations

import sqlite3
import unicodedata
from pathlib import Path

from model.library.sqlitetext import UndecodableText, untrusted_text
from model.vietnamese.textnorm import has_control_chars


def _sqlite_problems(path: Path) -> list[str]:
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    conn.text_factory = untrusted_text
    problems: list[str] = []
    try:
        integrity = [str(row[0]) for row in conn.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            return [f"integrity_check: {'; '.join(integrity[:3])}"]
        if conn.execute("PRAGMA foreign_key_check").fetchone():
            problems.append("foreign_key_check finds rows pointing at nothing")
        tables = [name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            for row in conn.execute(f'SELECT * FROM "{table}"'):
                for value in row:
                    problems.extend(_value_problems(table, value))
                    if len(problems) > 5:
                        return problems
    finally:
        conn.close()
    return problems


def _value_problems(table: str, value: object) -> list[str]:
    if isinstance(value, UndecodableText):
        return [f"{table}: text that is not UTF-8 ({value!r:.60})"]
    if isinstance(value, bytes | float):
        return [f"{table}: a {type(value).__name__} value ({value!r:.60})"]
    if isinstance(value, int) and value < 0:
        return [f"{table}: negative number {value}"]
    if isinstance(value, str):
        if has_control_chars(value):
            return [f"{table}: control character in {value!r:.60}"]
        if not unicodedata.is_normalized("NFC", value):
            return [f"{table}: text not in NFC ({value!r:.60})"]
    return []


def report_revisions(path: Path) -> set[tuple[str, int]]:
    """(id, revision) of every report of a library: what an import added or changed is what is new here."""
    conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    try:
        return set(conn.execute("SELECT id, revision FROM reports"))
    finally:
        conn.close()


def _service_problems(path: Path, unchanged: set[tuple[str, int]]) -> list[str]:
    """Every report (but those in ``unchanged``) must read, check and build its appendix through the services
    the editor and export use."""
    from model.library.library import Library

    with Library.open(path) as library:
        for info in library.reports():
            if (info.id, info.revision) not in unchanged:
                library.values(info.id)
                library.check(info.id)
                library.appendix(info.id)
    return []


def library_problems(path: Path, unchanged: set[tuple[str, int]] = frozenset()) -> list[str]:
    """Empty when the library at ``path`` passes integrity_check and every invariant of ours. Reports of
    ``unchanged`` (id, revision) are known good and not read again through the services."""
    return _sqlite_problems(path) or _service_problems(path, unchanged)
