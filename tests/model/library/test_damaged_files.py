"""What the fuzzer found, pinned: SQLite's words about a damaged file that are not UTF-8, damaged libraries opened
directly, a command's unexpected error, template keys from files, and a consolidated report sent with its units."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import cli.common
import cli.parser
from model.exchange.dbexport import export_reports
from model.exchange.dbimport import import_files
from model.library.library import Library
from model.library.migrations import backup_path
from model.library.sample import write_sample
from model.report.shipped import load_template
from model.report.template import TemplateError
from tests.exchange_support import PROVINCE, province_with_districts, run_cli
from tests.locations import FIXTURES


def _exported(tmp_path: Path) -> Path:
    with write_sample(tmp_path / "gui.db") as library:
        return export_reports(library, [r.id for r in library.reports()], tmp_path / "gui-di.db").path


def _edit_schema(path: Path, table: str, edit) -> None:
    conn = sqlite3.connect(path)
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    conn.execute("UPDATE sqlite_master SET sql = CAST(? AS TEXT) WHERE name = ?", (edit(sql.encode()), table))
    conn.commit()
    conn.close()


def _schema_not_utf8(path: Path) -> None:
    """The schema text of a table ends in bytes that are not UTF-8: SQLite's “malformed schema” message quotes
    them, and Python raised UnicodeDecodeError instead of SQLite's error."""
    _edit_schema(path, "reports", lambda sql: sql[:-1] + b", \xc5)")


def _quick_check_not_utf8(path: Path) -> None:
    """quick_check's report names a column whose name holds bytes that are not UTF-8 (a NULL in a NOT NULL
    column): the report itself cannot be decoded."""
    _edit_schema(path, "reports", lambda sql: sql.replace(b"template_key VARCHAR(64) NOT NULL",
                                                          b"template_key VARCHAR(64)"))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE reports SET template_key = NULL")
    conn.commit()
    conn.close()
    _edit_schema(path, "reports", lambda sql: sql.replace(b"template_key VARCHAR(64)",
                                                          b"template_key\xc5 VARCHAR(64) NOT NULL"))


@pytest.mark.parametrize("damage", [_schema_not_utf8, _quick_check_not_utf8])
def test_sqlite_words_that_are_not_utf8_refuse_the_file_in_one_line(capsys, sample_path, tmp_path, damage) -> None:
    from model.logfile import log_path

    received = _exported(tmp_path)
    damage(received)
    before = sample_path.read_bytes()
    code, _out, err = run_cli(capsys, "import", sample_path, received)
    assert code == 2 and "Traceback" not in err and "codec" not in err
    assert "gui-di.db: TỪ CHỐI — Tệp bị hỏng" in err.splitlines()[0]
    assert sample_path.read_bytes() == before
    assert "gui-di.db" in log_path().read_text(encoding="utf-8")  # the log keeps why


@pytest.mark.parametrize("damage", [_schema_not_utf8, _quick_check_not_utf8])
def test_a_damaged_library_opened_directly_is_refused_and_left_alone(capsys, sample_path, damage) -> None:
    damage(sample_path)
    before = sample_path.read_bytes()
    for command in (["list"], ["check"], ["export", "--report", "2018-Q2", "--to", str(sample_path) + ".pdf"]):
        code, _out, err = run_cli(capsys, command[0], sample_path, *command[1:])
        assert code == 2 and len(err.strip().splitlines()) == 1, err
        assert "đã hỏng" in err
    assert sample_path.read_bytes() == before


def test_a_name_that_is_not_utf8_reads_with_replacement_characters(capsys, sample_path) -> None:
    conn = sqlite3.connect(sample_path)
    conn.execute("UPDATE organizations SET name = CAST(X'4B69C3AA6E2047C5' AS TEXT)")  # “Kiên G” + a stray byte
    conn.commit()
    conn.close()
    code, out, err = run_cli(capsys, "list", sample_path)
    assert code == 0 and "Kiên G\ufffd" in out, err


def test_a_damaged_library_of_an_older_version_is_not_migrated(capsys, tmp_path) -> None:
    library = tmp_path / "cu.db"
    data = bytearray((FIXTURES / "library_v1.db").read_bytes())
    page = 4096
    data[2 * page + 8: 2 * page + 40] = b"\xff" * 32  # scribble over the cell pointers of page 3
    library.write_bytes(bytes(data))
    code, _out, err = run_cli(capsys, "list", library)
    assert code == 2 and "đã hỏng" in err
    assert library.read_bytes() == bytes(data) and not backup_path(library, 1).exists()


def test_a_value_of_the_wrong_type_in_the_library_is_explained(capsys, sample_path) -> None:
    conn = sqlite3.connect(sample_path)
    conn.execute("UPDATE reports SET quarter = 'hai' WHERE quarter = 2")
    conn.commit()
    conn.close()
    code, _out, err = run_cli(capsys, "check", sample_path)
    assert code == 2 and "bảng “reports” có giá trị sai kiểu" in err


def test_an_unexpected_error_of_a_command_is_one_line_and_the_log_has_the_traceback(capsys, monkeypatch,
                                                                                    sample_path) -> None:
    from model.logfile import log_path

    def broken(_args):
        raise RuntimeError("lỗi lập trình giả lập")

    monkeypatch.setitem(cli.parser.COMMANDS, "list", (*cli.parser.COMMANDS["list"][:2], broken))
    code, out, err = run_cli(capsys, "list", sample_path)
    assert code == cli.common.EXIT_UNEXPECTED and out == ""
    assert len(err.strip().splitlines()) == 1 and "Lỗi ngoài dự kiến" in err and "Traceback" not in err
    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: lỗi lập trình giả lập" in logged


@pytest.mark.parametrize("key", ["../templates/nq36a_quy", "/etc/passwd", "NQ36A_QUY", "x" * 300, "nq36a_quy\x00"])
def test_a_template_key_from_a_file_never_names_another_file(key: str) -> None:
    with pytest.raises(TemplateError):
        load_template(key)


def test_a_consolidated_report_is_sent_with_its_units_and_received(tmp_path) -> None:
    from model.exchange.consolidation import consolidate
    from model.vietnamese.period import Period

    library, _province, reports = province_with_districts(tmp_path / "tinh.db")
    with library:
        made = consolidate(library, Period(2018, 2), PROVINCE, reports).report_id
        sent = export_reports(library, [made, *reports], tmp_path / "gui-bo.db").path  # the province first
    with Library.create(tmp_path / "bo.db") as received:
        assert import_files(received, [sent]).written == 4
        assert received.appendix(made) is not None
