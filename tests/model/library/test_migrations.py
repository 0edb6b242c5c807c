"""Every released schema version stays openable: each fixture library is migrated and checked."""

from __future__ import annotations

import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from model.library import migrations
from model.library.library import Library, LibraryError
from model.library.sample import OFFICE_NAME, Q2_2018
from model.library.storage import KNOWN_TABLES, SCHEMA_VERSION
from tests.locations import FIXTURES


def _fixture_versions() -> dict[int, Path]:
    found = {}
    for path in FIXTURES.glob("library_v*.db"):
        match = re.fullmatch(r"library_v(\d+)\.db", path.name)
        if match:
            found[int(match.group(1))] = path
    return found


def _schema(path: Path) -> dict[str, object]:
    """Tables with their columns, foreign keys and indexes: what two files must share to be the same schema."""
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        return {table: (
            [tuple(r[1:]) for r in conn.execute(f"PRAGMA table_xinfo('{table}')")],
            sorted(tuple(r[2:]) for r in conn.execute(f"PRAGMA foreign_key_list('{table}')")),
            sorted((r[1], r[2]) for r in conn.execute(f"PRAGMA index_list('{table}')")),
        ) for table in tables}
    finally:
        conn.close()


def test_there_is_a_fixture_of_every_released_version() -> None:
    assert set(_fixture_versions()) == set(range(1, SCHEMA_VERSION + 1))
    assert set(migrations.STEPS) == set(range(1, SCHEMA_VERSION))
    assert migrations.TABLES_AT_VERSION[SCHEMA_VERSION] == KNOWN_TABLES


@pytest.mark.parametrize("version", sorted(_fixture_versions()))
def test_fixture_opens_migrates_and_keeps_every_value(version: int, tmp_path: Path) -> None:
    fixture = _fixture_versions()[version]
    path = tmp_path / fixture.name
    shutil.copy2(fixture, path)

    with Library.open(path) as library:
        reports = library.reports()
        sample = [(r.organization_name, str(r.period), r.status) for r in reports if str(r.period) < "2018-Q3"]
        assert sample == [(OFFICE_NAME, "2018-Q1", "issued"), (OFFICE_NAME, "2018-Q2", "draft")]
        q2 = library.find_report("2018-Q2").id
        consolidated = [r for r in reports if r.organization_name == OFFICE_NAME and str(r.period) == "2018-Q3"]
        if version >= 2:  # from version 2 on, the fixture holds a consolidated report with its appendix
            appendix = library.appendix(consolidated[0].id)
            assert [row[1] for row in appendix.rows] == ["Ủy ban nhân dân huyện An Minh",
                                                          "Ủy ban nhân dân huyện Vĩnh Thuận"]
            assert appendix.total[2] == "215" and library.values(consolidated[0].id)["mot_cua_huyen_ty_le"] == 79
        values = library.values(q2)
        for key, expected in Q2_2018.items():
            assert values[key] == expected, key
        assert not [p for p in library.check(q2) if p.is_error]
        library.set_typed(q2, {"htth_diem_cau": "21"})  # the migrated file takes edits
        assert library.values(q2)["htth_diem_cau"] == 21

    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    conn.close()

    fresh = tmp_path / "fresh.db"
    Library.create(fresh).close()
    assert _schema(path) == _schema(fresh)

    backup = migrations.backup_path(path, version)
    if version < SCHEMA_VERSION:
        assert backup.read_bytes() == fixture.read_bytes()
    else:
        assert not backup.exists()


def test_a_failing_step_leaves_the_library_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "v1.db"
    shutil.copy2(_fixture_versions()[1], path)
    before = path.read_bytes()

    def half_done_then_fail(conn: sqlite3.Connection) -> None:
        conn.execute("CREATE TABLE consolidation_sources (x)")
        error = sqlite3.OperationalError("disk I/O error")
        error.sqlite_errorname = "SQLITE_IOERR"
        raise error

    monkeypatch.setitem(migrations.STEPS, 1, half_done_then_fail)
    with pytest.raises(LibraryError, match="Không nâng cấp được thư viện") as refused:
        Library.open(path)
    assert "ổ đĩa lỗi" in str(refused.value) and "disk" not in str(refused.value)  # the reason, in Vietnamese
    assert path.read_bytes() == before
