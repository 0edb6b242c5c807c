"""One bound on a field's text wherever it comes from: typed, imported from a .db, read from a workbook or read
back from storage (a server library's rows are read by the same code); the longest text allowed exports to PDF
and DOCX in time. Each refusal is a Vietnamese message, exit status 2, nothing changed."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from model.library.library import Library
from model.library.sample import write_sample
from model.report.shipped import load_template
from model.report.values import (
    MAX_LINE_CHARS,
    MAX_TEXT_CHARS,
    MAX_TEXT_LINES,
    normalise_value,
    parse_value,
)
from model.vietnamese.vnformat import ParseError
from tests.exchange_support import exported_district_file
from tests.limits_support import run_measured
from tests.xlsx_support import blank_district_report, cell_of, fill_form, new_form

NARRATIVE = "mot_cua_tinh_hinh"
LINE = "Huyện vận hành một cửa điện tử ổn định, hồ sơ đúng hạn tăng. "


def _longest() -> str:
    """A narrative at both bounds at once: the most characters, spread over the most lines."""
    per_line = MAX_TEXT_CHARS // MAX_TEXT_LINES - 1
    return "\n".join((LINE * 3)[:per_line].strip() + "." for _ in range(MAX_TEXT_LINES))


def test_the_bounds_hold_for_typed_and_stored_values() -> None:
    template = load_template("nq36a_quy")
    narrative, name = template.fields[NARRATIVE], template.fields["nguoi_ky_ho_ten"]
    assert parse_value(narrative, "a" * MAX_TEXT_CHARS) == "a" * MAX_TEXT_CHARS
    with pytest.raises(ParseError, match=r"^Nội dung dài 20\.001 ký tự, quá giới hạn 20\.000 ký tự"):
        parse_value(narrative, "a" * (MAX_TEXT_CHARS + 1))
    with pytest.raises(ParseError, match=r"quá giới hạn 1\.000 ký tự"):
        normalise_value(name, "Trần " * MAX_LINE_CHARS)
    with pytest.raises(ParseError, match=r"quá giới hạn 1\.000 dòng"):
        parse_value(narrative, "a\n" * MAX_TEXT_LINES)
    assert len(_longest()) <= MAX_TEXT_CHARS and parse_value(narrative, _longest()) == _longest()


def test_a_typed_text_too_long_is_refused(tmp_path: Path) -> None:
    write_sample(tmp_path / "mau.db").close()
    before = (tmp_path / "mau.db").read_bytes()
    run = run_measured("set", tmp_path / "mau.db", "--report", "2018-Q2", f"{NARRATIVE}={'a' * (MAX_TEXT_CHARS + 1)}")
    assert run.code == 2 and "quá giới hạn 20.000 ký tự" in run.err, run.err
    assert (tmp_path / "mau.db").read_bytes() == before
    assert run.within_bounds(), run


def _with_narrative(path: Path, text: str) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE field_values SET text_value = ? WHERE \"key\" = ?", (text, NARRATIVE))
    assert conn.total_changes == 1
    conn.commit()
    conn.close()
    return path


def test_a_received_file_with_a_15_mb_narrative_is_refused_beside_a_valid_one(tmp_path: Path) -> None:
    hostile = _with_narrative(exported_district_file(tmp_path, "An Minh"), "Nội dung rất dài. " * 850_000)
    valid = exported_district_file(tmp_path, "Vĩnh Thuận")
    run = run_measured("import", tmp_path / "moi.db", hostile, valid)
    assert run.code == 2 and "quá giới hạn 20.000 ký tự" in run.err, run.err
    assert run.within_bounds(), run
    with Library.open(tmp_path / "moi.db") as library:
        assert [r.organization_name for r in library.reports()] == ["Ủy ban nhân dân huyện Vĩnh Thuận"]
    alone = run_measured("import", tmp_path / "khong-co.db", hostile)
    assert alone.code == 2 and not (tmp_path / "khong-co.db").exists()


def test_a_workbook_cell_too_long_is_refused_with_its_address(tmp_path: Path) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    form = new_form(tmp_path, library, report)
    library.close()
    filled = fill_form(form, tmp_path / "dien.xlsx", {NARRATIVE: "Dài quá. " * 2_300})
    before = (tmp_path / "tinh.db").read_bytes()
    run = run_measured("xlsx-import", tmp_path / "tinh.db", filled)
    assert run.code == 2 and f"Số liệu!{cell_of(NARRATIVE)}" in run.err and "quá giới hạn 20.000 ký tự" in run.err
    assert (tmp_path / "tinh.db").read_bytes() == before
    assert run.within_bounds(), run


def test_a_stored_text_too_long_reads_as_blank_and_is_logged(tmp_path: Path, caplog) -> None:
    """A library's row written around the program (a damaged file, or psql on a server library): read as blank,
    never handed to the editor or the PDF writer."""
    write_sample(tmp_path / "mau.db").close()
    conn = sqlite3.connect(tmp_path / "mau.db")
    report = conn.execute("SELECT id FROM reports WHERE year = 2018 AND quarter = 2").fetchone()[0]
    conn.execute("UPDATE field_values SET text_value = ? WHERE \"key\" = ? AND report_id = ?",
                 ("x" * 2_000_000, NARRATIVE, report))
    conn.commit()
    conn.close()
    with caplog.at_level(logging.WARNING, logger="soanbaocao"), Library.open(tmp_path / "mau.db") as library:
        values = library.values(library.find_report("2018-Q2").id)
    assert NARRATIVE not in values
    assert any(NARRATIVE in record.getMessage() and len(record.getMessage()) < 1_000 for record in caplog.records)


@pytest.mark.parametrize("kind", ["pdf", "docx"])
def test_the_longest_texts_allowed_export_in_time(tmp_path: Path, kind: str) -> None:
    write_sample(tmp_path / "mau.db").close()
    with Library.open(tmp_path / "mau.db") as library:
        report = library.find_report("2018-Q2").id
        fields = library.template_of(report).fields
        narratives = [key for key, spec in fields.items() if spec.multiline and key.endswith("tinh_hinh")]
        library.set_values(report, dict.fromkeys(narratives, _longest()))
    run = run_measured("export", tmp_path / "mau.db", "--report", "2018-Q2", "--to", tmp_path / f"bao-cao.{kind}")
    assert run.code == 0, run.err
    assert run.within_bounds(), run
    assert len(narratives) >= 4
    if kind == "docx":
        import docx

        paragraphs = docx.Document(str(tmp_path / "bao-cao.docx")).paragraphs
        assert sum(p.text == _longest().split("\n")[0] for p in paragraphs) == len(narratives) * MAX_TEXT_LINES
    else:
        assert (tmp_path / "bao-cao.pdf").stat().st_size > 100_000


def test_a_text_too_long_on_the_server_reads_as_blank(sample_url: str) -> None:
    """A row written with psql around the program, on a server library: the same rule as a file's."""
    from sqlalchemy import text

    with Library.open(sample_url) as library:
        report = library.find_report("2018-Q2").id
        with library.session() as session, session.begin():
            session.execute(text('UPDATE field_values SET text_value = :long WHERE "key" = :key AND report_id = :id'),
                            {"long": "x" * (MAX_TEXT_CHARS + 1), "key": NARRATIVE, "id": report})
    with Library.open(sample_url) as library:
        values = library.values(report)
        assert NARRATIVE not in values and values["nguoi_ky_ho_ten"]
