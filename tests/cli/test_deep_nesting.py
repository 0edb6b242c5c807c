"""A template nested some 500 levels deep (tomllib recurses once per level) is refused with a Vietnamese reason
wherever a template arrives: a file given to ``template check``/``add``, a received .db, an Excel form's hidden
sheet. In an import the valid file beside it is still imported, and no new library is left behind when nothing
was imported."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import openpyxl

from model.excel.layout import META_SHEET
from model.library.library import Library
from model.report.shipped import shipped_template_text
from model.report.template_source import check_template_text, template_sha256
from model.report.toml_depth import MAX_TOML_NESTING, too_deep_line
from tests.exchange_support import exported_district_file
from tests.limits_support import run_measured
from tests.xlsx_support import blank_district_report, new_form

DEPTH = 600
REASON = "lồng nhau quá"


def _deep_text() -> str:
    """The shipped 36a template with one more top-level key holding ``DEPTH`` nested arrays."""
    return f"deep = {'[' * DEPTH}{']' * DEPTH}\n" + shipped_template_text("nq36a_quy")


def test_the_depth_is_measured_outside_strings_and_comments() -> None:
    assert too_deep_line(shipped_template_text("nq36a_quy")) is None
    assert too_deep_line('a = "' + "[" * 100 + '"\n# ' + "{" * 100 + "\nb = '''" + "[" * 100 + "'''") is None
    assert too_deep_line("a = 1\nb = " + "[" * (MAX_TOML_NESTING + 1)) == 2
    assert too_deep_line("a = " + "[" * MAX_TOML_NESTING + "]" * MAX_TOML_NESTING) is None
    assert [str(m) for m in check_template_text(_deep_text())] == [
        f"dòng 1: các dấu [ ] hoặc {{ }} lồng nhau quá {MAX_TOML_NESTING} tầng; một mẫu báo cáo chỉ cần vài tầng."]


def test_template_check_and_add_refuse_a_deep_template(tmp_path: Path) -> None:
    deep = tmp_path / "mau-long-sau.toml"
    deep.write_text(_deep_text(), encoding="utf-8")
    checked = run_measured("template", "check", deep)
    assert checked.code == 1 and REASON in checked.out and "Traceback" not in checked.err
    Library.create(tmp_path / "thu-vien.db").close()
    before = (tmp_path / "thu-vien.db").read_bytes()
    added = run_measured("template", "add", tmp_path / "thu-vien.db", deep)
    assert added.code == 2 and REASON in added.err and "ngoài dự kiến" not in added.err
    assert (tmp_path / "thu-vien.db").read_bytes() == before
    assert checked.within_bounds() and added.within_bounds(), (checked, added)


def _with_deep_template(path: Path) -> Path:
    conn = sqlite3.connect(path)
    text = _deep_text()
    conn.execute("UPDATE templates SET toml_text = ?, sha256 = ?", (text, template_sha256(text)))
    conn.commit()
    conn.close()
    return path


def test_import_refuses_the_deep_file_and_takes_the_valid_one(tmp_path: Path) -> None:
    deep = _with_deep_template(exported_district_file(tmp_path, "An Minh"))
    valid = exported_district_file(tmp_path, "Vĩnh Thuận")
    run = run_measured("import", tmp_path / "moi.db", deep, valid)
    assert run.code == 2 and REASON in run.err and "ngoài dự kiến" not in run.err, run.err
    assert run.within_bounds(), run
    with Library.open(tmp_path / "moi.db") as library:
        assert [r.organization_name for r in library.reports()] == ["Ủy ban nhân dân huyện Vĩnh Thuận"]
    alone = run_measured("import", tmp_path / "khong-co.db", deep)
    assert alone.code == 2 and REASON in alone.err
    assert not (tmp_path / "khong-co.db").exists()


def test_xlsx_import_refuses_a_form_carrying_a_deep_template(tmp_path: Path) -> None:
    library, report = blank_district_report(tmp_path / "tinh.db")
    form = new_form(tmp_path, library, report)
    library.close()
    workbook = openpyxl.load_workbook(form)
    cells = [row[1] for row in workbook[META_SHEET].iter_rows() if row[0].value == "template_text"]
    text = _deep_text()
    for index, cell in enumerate(cells):
        cell.value = text[index * 30_000:(index + 1) * 30_000] or None
    workbook.save(form)
    before = (tmp_path / "tinh.db").read_bytes()
    run = run_measured("xlsx-import", tmp_path / "tinh.db", form)
    assert run.code == 2 and REASON in run.err and "ngoài dự kiến" not in run.err, run.err
    assert (tmp_path / "tinh.db").read_bytes() == before
    assert run.within_bounds(), run


def test_a_deep_template_stored_in_a_library_is_told_as_damage(tmp_path: Path) -> None:
    """A row written around the program (psql on a server, a damaged file): ``template list`` says which template
    is damaged instead of an unexpected error, and a new report still gets a template that reads."""
    from model.library.sample import write_sample

    write_sample(tmp_path / "mau.db").close()
    text = _deep_text().replace("version = 1", "version = 2", 1)
    conn = sqlite3.connect(tmp_path / "mau.db")
    conn.execute('INSERT INTO templates ("key", version, toml_text, sha256) VALUES (?, ?, ?, ?)',
                 ("nq36a_quy", 2, text, template_sha256(text)))
    conn.commit()
    conn.close()
    listed = run_measured("template", "list", tmp_path / "mau.db")
    assert listed.code == 2 and "“nq36a_quy” phiên bản 2 lưu trong thư viện đã hỏng" in listed.err, listed.err
    assert REASON in listed.err and listed.within_bounds()
    created = run_measured("report", "new", tmp_path / "mau.db", "--office", "Ủy ban nhân dân tỉnh Kiên Giang",
                           "--period", "2018-Q3")
    assert created.code == 0, created.err
