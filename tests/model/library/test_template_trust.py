"""The trust model for templates (README): a template received inside a .db never shapes this library's own new
reports; shipped, added (``template add``) and accepted ones do; an unreadable stored version is skipped."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from model.errors import LibraryError
from model.exchange.consolidation import consolidate
from model.library.library import Library
from model.library.sample import OFFICE_NAME
from model.report.report_info import ReportInfo
from model.report.template_source import template_sha256
from model.vietnamese.period import Period
from tests.exchange_support import PROVINCE, province_with_districts, run_cli
from tests.export_text import docx_text, needs_poppler, pdf_body_text
from tests.locations import FIXTURES
from tests.template_support import OWN_KEY, PLANTED, own_template_text, planted_v2, sent_with_planted_v2


@needs_poppler
def test_a_planted_sentence_received_in_a_db_never_reaches_an_own_new_report(
        tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    sent, theirs = sent_with_planted_v2(tmp_path)
    code, out, err = run_cli(capsys, "import", sample_path, sent)
    assert code == 0, err
    assert "chỉ để đọc, kiểm tra và xuất các báo cáo kèm theo" in out
    code, out, _ = run_cli(capsys, "template", "list", sample_path)
    assert "nq36a_quy\t2\t" in out and "nhận từ tệp, chưa tin dùng" in out

    code, out, err = run_cli(capsys, "report", "new", sample_path, "--office", OFFICE_NAME, "--period", "2018-Q3")
    assert code == 0, err
    with Library.open(sample_path) as library:
        own = library.find_report("2018-Q3")
        assert (own.template_key, own.template_version) == ("nq36a_quy", 1)
        library.set_values(own.id, {"dvc_tong": 10, "dvc_muc_1_2": 4, "dvc_muc_3": 3, "dvc_muc_4": 3,
                                    "dvc_ho_so_truc_tuyen": 7})
    for suffix, read in ((".docx", docx_text), (".pdf", pdf_body_text)):
        document = tmp_path / f"cua-minh{suffix}"
        code, _, err = run_cli(capsys, "export", sample_path, "--report", own.id, "--to", document, "--force")
        assert code == 0, err
        text = read(document)
        assert "(mức độ 3 và 4)." in text and PLANTED not in text
    # the received report itself is read, checked and exported with the version it was written with
    theirs_doc = tmp_path / "cua-huyen.docx"
    assert run_cli(capsys, "export", sample_path, "--report", theirs, "--to", theirs_doc, "--force")[0] == 0
    assert PLANTED in docx_text(theirs_doc)


def test_accepting_or_adding_a_received_version_makes_it_the_one_in_use(tmp_path: Path, sample_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    sent, _ = sent_with_planted_v2(tmp_path)
    with Library.open(sample_path) as library:
        assert run_cli(capsys, "import", sample_path, sent)[0] == 0
        assert library.template_in_use("nq36a_quy").version == 1
        library.accept_template("nq36a_quy", 2)
        assert library.template_in_use("nq36a_quy").version == 2
        assert [(t.version, t.origin, t.trusted) for t in library.templates() if t.key == "nq36a_quy"] == [
            (1, "shipped", True), (2, "accepted", True)]
    other = tmp_path / "khac.db"
    shutil.copy2(FIXTURES / "library_v4.db", other)
    assert run_cli(capsys, "import", other, sent)[0] == 0
    own_file = tmp_path / "v2.toml"
    own_file.write_text(planted_v2(), encoding="utf-8")
    code, _, err = run_cli(capsys, "template", "add", other, own_file)  # IT's explicit act trusts the same text
    assert code == 0, err
    with Library.open(other) as library:
        assert library.template_in_use("nq36a_quy").version == 2


def test_a_consolidation_of_received_reports_takes_the_trusted_version(tmp_path: Path) -> None:
    sent, _ = sent_with_planted_v2(tmp_path)
    library, _, _ = province_with_districts(tmp_path / "tinh.db")
    try:
        from model.exchange.dbimport import import_files

        import_files(library, [sent], on_conflict="keep")
        chosen: dict[str, ReportInfo] = {}  # one report per unit, the received version 2 where there is one
        for report in library.reports():
            if report.organization_name != PROVINCE:
                held = chosen.get(report.organization_id)
                if held is None or report.template_version > held.template_version:
                    chosen[report.organization_id] = report
        units = [r.id for r in chosen.values()]
        assert 2 in {library.report(r).template_version for r in units}
        result = consolidate(library, Period.parse("2018-Q2"), PROVINCE, units)
        assert library.report(result.report_id).template_version == 1
    finally:
        library.close()


def test_an_upgraded_library_trusts_only_the_shipped_texts(tmp_path: Path) -> None:
    path = tmp_path / "v3.db"
    shutil.copy2(FIXTURES / "library_v3.db", path)
    conn = sqlite3.connect(path)
    with conn:  # a schema 3 library that once received a province's own template
        text = own_template_text()
        conn.execute('INSERT INTO templates ("key", version, toml_text, sha256) VALUES (?, 1, ?, ?)',
                     (OWN_KEY, text, template_sha256(text)))
    conn.close()
    with Library.open(path) as library:
        assert {t.key: t.origin for t in library.templates()} == {"nq36a_quy": "shipped", OWN_KEY: "received"}
        office = library.organizations()[0].id
        with pytest.raises(LibraryError, match="nhận từ tệp của đơn vị khác nên chưa dùng cho báo cáo mới"):
            library.create_report(office, Period.parse("2019-Q1"), template_key=OWN_KEY)
        library.create_report(office, Period.parse("2019-Q1"))


def test_an_unreadable_stored_version_is_skipped_not_fatal(sample_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    nested = 'key = "nq36a_quy"\nversion = 3\nname = "x"\nx = ' + "[" * 600 + "]" * 600 + "\n"
    conn = sqlite3.connect(sample_path)
    with conn:  # as a hostile or damaged copy could have left it (a server's table, a file edited by hand)
        conn.execute("INSERT INTO templates (\"key\", version, toml_text, sha256, origin) VALUES "
                     "('nq36a_quy', 3, ?, ?, 'added')", (nested, template_sha256(nested)))
    conn.close()
    code, out, err = run_cli(capsys, "template", "list", sample_path)
    assert code == 2 and out.startswith("nq36a_quy\t1\t")  # the readable ones listed, the damage said
    assert "Bỏ qua mẫu “nq36a_quy” phiên bản 3" in err and "Lỗi ngoài dự kiến" not in err
    code, _, err = run_cli(capsys, "report", "new", sample_path, "--office", OFFICE_NAME, "--period", "2018-Q3")
    assert code == 0 and "Lỗi ngoài dự kiến" not in err
    with Library.open(sample_path) as library:
        assert library.find_report("2018-Q3").template_version == 1


def test_a_template_carried_by_a_workbook_serves_only_its_own_report(tmp_path: Path, sample_path: Path) -> None:
    from model.excel.form import write_form
    from model.excel.importing import import_workbooks
    from tests.exchange_support import add_district

    with Library.create(tmp_path / "ke-gian.db") as sender:
        sender.add_template(planted_v2())
        report = add_district(sender, "Ủy ban nhân dân huyện An Minh", {"dvc_tong": 5})
        form = write_form(sender, report, tmp_path / "phieu.xlsx")
    with Library.open(sample_path) as library:
        assert import_workbooks(library, [form]).written == 1
        assert library.report(report).template_version == 2  # read with the version it was written with
        assert {(t.version, t.origin) for t in library.templates()} == {(1, "shipped"), (2, "received")}
        office = next(o.id for o in library.organizations() if o.name == OFFICE_NAME)
        own = library.create_report(office, Period.parse("2018-Q3"))
        assert library.report(own).template_version == 1
