"""The library carries its templates (schema 3): stored, read by version, sent in .db files, written by an IT
officer and checked with ``template check``."""

from __future__ import annotations

import json
import shutil
import sqlite3
import unicodedata
from datetime import date
from pathlib import Path

import pytest

from model.library.library import Library
from model.library.quickread import read_report
from model.report.period import Period
from model.report.shipped import load_template, shipped_template_text
from model.report.template import TemplateError
from model.report.template_source import template_sha256
from tests.exchange_support import run_cli
from tests.export_text import docx_paragraphs, normalise
from tests.locations import DATA, FIXTURES
from tests.template_support import OWN_KEY, OWN_SENTENCE, own_template_text

SHIPPED_SHA256 = {("nq36a_quy", 1): "f37e59cdec6c3820773a0584fb867e1e23f844356c90c5caaa66c32541b25fac"}
"""A released template version never changes (libraries and .db files hold its text under its number): a change
to a shipped template needs a new ``version``, and the old text kept as ``KEY.vN.toml``."""


def test_a_released_template_version_keeps_its_text() -> None:
    for (key, version), digest in SHIPPED_SHA256.items():
        assert template_sha256(shipped_template_text(key, version)) == digest, (
            f"{key} v{version} changed: raise its version and keep the old text as {key}.v{version}.toml")


def test_the_template_checker_knows_every_check_kind_of_the_engine() -> None:
    from model.report import checks, template_source

    assert set(template_source._CHECK_PARAMS) == set(checks._BUILDERS)


def test_a_schema_2_library_shows_the_same_fields_after_migration(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "v2.db"
    shutil.copy2(FIXTURES / "library_v2.db", path)
    expected = json.loads((DATA / "library_v2_fields_2018-Q2.json").read_text("utf-8"))

    code, out, _ = run_cli(capsys, "fields", path, "--report", "2018-Q2", "--json")

    assert code == 0 and json.loads(out) == expected  # written by the schema 2 release before migration
    assert (tmp_path / "v2.db.v2.bak").read_bytes() == (FIXTURES / "library_v2.db").read_bytes()
    code, out, _ = run_cli(capsys, "template", "list", path)
    assert out.split("\t")[:2] == ["nq36a_quy", "1"] and "5 báo cáo" in out


def test_new_libraries_and_the_sample_store_the_shipped_templates(sample_library: Library, tmp_path: Path) -> None:
    assert [(t.key, t.version, t.reports) for t in sample_library.templates()] == [("nq36a_quy", 1, 2)]
    assert sample_library.template_text("nq36a_quy", 1) == shipped_template_text("nq36a_quy")
    with Library.create(tmp_path / "moi.db") as empty:
        assert [(t.key, t.version, t.reports) for t in empty.templates()] == [("nq36a_quy", 1, 0)]


def _own_report(library: Library) -> str:
    """A quý III report of the sample office written with the province's own template."""
    library.add_template(own_template_text())
    office = library.organizations()[0].id
    report = library.create_report(office, Period(2018, 3), template_key=OWN_KEY,
                                   carry_from=library.find_report("2018-Q2").id)
    q2 = library.values(library.find_report("2018-Q2").id)
    figures = {k: v for k, v in q2.items() if k not in ("so", "ngay_ban_hanh", "mo_dau", "trich_yeu", "ket_luan")}
    library.set_values(report, {**figures, "dvc_thanh_toan": 321, "ngay_ban_hanh": date(2018, 9, 20)})
    return report


def test_a_report_is_read_with_the_template_its_library_stores(sample_library: Library) -> None:
    report = _own_report(sample_library)
    with pytest.raises(TemplateError):
        load_template(OWN_KEY)  # the program does not ship it
    template = sample_library.template_of(report)
    assert template.key == OWN_KEY and template.fields["dvc_thanh_toan"].label == "Hồ sơ thanh toán trực tuyến"
    assert sample_library.values(report)["dvc_thanh_toan"] == 321
    snapshot = read_report(sample_library.path, report)  # the editor's first screen, without SQLAlchemy
    assert snapshot is not None and snapshot.template.key == OWN_KEY
    assert snapshot.values(report) == sample_library.values(report)
    assert snapshot.check(report) == sample_library.check(report)


def test_a_template_the_receiver_lacks_travels_with_the_report(sample_path: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    with Library.open(sample_path) as library:
        report = _own_report(library)
    sent = tmp_path / "gui.db"
    assert run_cli(capsys, "export-db", sample_path, "--report", report, "--to", sent)[0] == 0
    conn = sqlite3.connect(sent)
    assert conn.execute('SELECT "key", version FROM templates').fetchall() == [(OWN_KEY, 1)]  # only what it sends
    conn.close()
    receiver = tmp_path / "nhan.db"

    code, out, err = run_cli(capsys, "import", receiver, sent)

    assert code == 0, err
    assert "Thêm mẫu báo cáo “Báo cáo riêng của tỉnh về" in out and f"({OWN_KEY}, phiên bản 1)" in out
    code, out, _ = run_cli(capsys, "template", "list", receiver)
    assert out.startswith(f"{OWN_KEY}\t1\t")
    code, out, _ = run_cli(capsys, "check", receiver, "--report", report)
    assert code == 0 and "0 lỗi" in out, out
    document = tmp_path / "bao-cao.docx"
    code, _, err = run_cli(capsys, "export", receiver, "--report", report, "--to", document)
    assert code == 0, err
    text = normalise(" ".join(docx_paragraphs(document)))
    assert OWN_SENTENCE.replace("{dvc_thanh_toan}", "321") in text


def _sent_with_template(tmp_path: Path, sample_path: Path, text: str) -> Path:
    """A .db carrying the own report whose template row is replaced by ``text`` (its digest kept consistent)."""
    with Library.open(sample_path) as library:
        report = _own_report(library)
        from model.exchange.dbexport import export_reports

        sent = export_reports(library, [report], tmp_path / "gui.db").path
    conn = sqlite3.connect(sent)
    conn.execute("UPDATE templates SET toml_text = ?, sha256 = ?", (text, template_sha256(text)))
    conn.commit()
    conn.close()
    return sent


@pytest.mark.parametrize(("text", "expected"), [
    (own_template_text(extra=" {dvc_da_xoa}"), "dùng {dvc_da_xoa} mà mẫu không có trường này"),
    (own_template_text().replace("[[checks]]", "[[checks]]\nhack = 1", 1), "có tham số lạ “hack”"),
    (own_template_text() + "\n# " + "x" * (2 * 1024 * 1024), "quá giới hạn 512 KB"),
], ids=["unknown_field_in_sentence", "unknown_key", "two_megabytes"])
def test_a_bad_template_in_a_db_is_refused_and_changes_nothing(text: str, expected: str, tmp_path: Path,
                                                               sample_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    sent = _sent_with_template(tmp_path, sample_path, text)
    receiver = tmp_path / "nhan.db"
    shutil.copy2(FIXTURES / "library_v4.db", receiver)  # the current schema: opening changes nothing
    before = receiver.read_bytes()

    code, _, err = run_cli(capsys, "import", receiver, sent)

    assert code == 2 and "TỪ CHỐI" in err and expected in err
    assert receiver.read_bytes() == before


def test_the_same_template_version_with_another_text_is_refused(tmp_path: Path, sample_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    receiver = tmp_path / "nhan.db"
    shutil.copy2(FIXTURES / "library_v3.db", receiver)
    with Library.open(receiver) as library:
        library.add_template(own_template_text())
    sent = _sent_with_template(tmp_path, sample_path, own_template_text(extra=" Số liệu đã rà soát."))
    before = receiver.read_bytes()

    code, _, err = run_cli(capsys, "import", receiver, sent)

    assert code == 2 and f"Mẫu báo cáo “{OWN_KEY}” phiên bản 1 trong tệp khác với mẫu cùng phiên bản" in err
    assert receiver.read_bytes() == before


def test_template_add_takes_a_new_key_or_a_higher_version(tmp_path: Path, sample_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    own = tmp_path / "rieng.toml"
    own.write_text(own_template_text(), encoding="utf-8")
    assert run_cli(capsys, "template", "add", sample_path, own)[0] == 0
    before = sample_path.read_bytes()
    own.write_text(own_template_text(extra=" Khác."), encoding="utf-8")
    code, _, err = run_cli(capsys, "template", "add", sample_path, own)
    assert code == 2 and "phải có phiên bản cao hơn (version = 2)" in err
    assert sample_path.read_bytes() == before
    own.write_text(own_template_text(version=2, extra=" Khác."), encoding="utf-8")
    assert run_cli(capsys, "template", "add", sample_path, own)[0] == 0
    exported = tmp_path / "ra.toml"
    code, _, _ = run_cli(capsys, "template", "export", sample_path, OWN_KEY, "--version", "1", "--to", exported)
    assert code == 0 and exported.read_text(encoding="utf-8") == own_template_text()
    code, out, _ = run_cli(capsys, "template", "list", sample_path)
    assert [line.split("\t")[:2] for line in out.splitlines()] == [
        [OWN_KEY, "1"], [OWN_KEY, "2"], ["nq36a_quy", "1"]]


SHIPPED = shipped_template_text("nq36a_quy")
BROKEN: dict[str, tuple[str, str]] = {
    "unknown_field_in_sentence": (SHIPPED.replace("{vb_luan_chuyen}", "{vb_luan_chuyenn}"),
                                  "câu dùng {vb_luan_chuyenn} mà mẫu không có trường này"),
    "ratio_of_missing_field": (SHIPPED.replace('ratio_of = ["mot_cua_tinh_dung_han"', 'ratio_of = ["mot_cua_tinh_xl"'),
                               "tỷ lệ “mot_cua_tinh_ty_le” tính từ trường “mot_cua_tinh_xl” mà mẫu không có"),
    "duplicate_key": (SHIPPED.replace('{ key = "dvc_muc_3", label', '{ key = "dvc_muc_1_2", label'),
                      "mã trường “dvc_muc_1_2” bị trùng"),
    "key_not_snake_case": (SHIPPED.replace('{ key = "dvc_dia_chi"', '{ key = "Địa chỉ"'),
                           'mã trường "Địa chỉ" phải viết thường không dấu'),
    "unknown_kind": (SHIPPED.replace('label = "Số điểm cầu hội nghị truyền hình", kind = "count"',
                                     'label = "Số điểm cầu hội nghị truyền hình", kind = "number"'),
                     'trường “htth_diem_cau” có loại "number" không có'),
    "unknown_check": (SHIPPED.replace('kind = "recipients"', 'kind = "recipient_list"'),
                      'loại kiểm tra "recipient_list" không có'),
    "check_on_missing_field": (SHIPPED.replace('part = "vb_noi_bo_ky_so"', 'part = "vb_noi_bo_ky_ten"'),
                               "kiểm tra “not_above” dùng trường “vb_noi_bo_ky_ten” mà mẫu không có"),
    "appendix_column_missing_field": (SHIPPED.replace('{ key = "dvc_muc_4", header', '{ key = "dvc_muc_5", header'),
                                      "cột phụ lục dùng trường “dvc_muc_5” mà mẫu không có"),
    "toml_syntax": (SHIPPED.replace('type_code = "BC"', 'type_code = "BC'), "sai cú pháp TOML"),
    "unknown_top_key": (SHIPPED.replace('type_code = "BC"', 'type_code = "BC"\ntac_gia = "Sở TT&TT"'),
                        "khóa “tac_gia” không có trong định dạng mẫu báo cáo"),
    "unknown_field_attribute": (SHIPPED.replace('unit = "điểm cầu"', 'unit = "điểm cầu", donvi = "cái"'),
                                "trường có khóa lạ “donvi”"),
    "list_block_on_text": (SHIPPED.replace('list = "nhiem_vu"', 'list = "mo_dau"'),
                           "khối danh sách dùng trường “mo_dau” không phải danh sách"),
    "unknown_period_kind": (SHIPPED.replace('period_kind = "quarter"', 'period_kind = "quarterly"'),
                            'loại kỳ "quarterly" không có'),
    "control_character": (SHIPPED.replace('label = "Số văn bản"', 'label = "Số\\u0007 văn bản"'),
                          "có ký tự điều khiển (ký tự ẩn không in được) trong chữ"),
    "document_field_missing": (SHIPPED.replace('{ key = "dia_danh"', '{ key = "noi_ban_hanh"'),
                               "thiếu trường “dia_danh”"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_template_check_names_each_mistake_with_its_line_or_key(case: str, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    text, expected = BROKEN[case]
    assert text != SHIPPED
    path = tmp_path / f"{case}.toml"
    path.write_text(text, encoding="utf-8")

    code, out, _ = run_cli(capsys, "template", "check", path)

    assert code == 1 and "lỗi." in out.splitlines()[-1]
    lines = [line for line in out.splitlines() if expected in line]
    assert lines, out
    where = lines[0].split("\t", 1)[1]
    assert where.startswith(("dòng ", "groups", "appendix", "period_kind", "tac_gia")), where


def test_each_broken_template_has_its_own_message() -> None:
    assert len(BROKEN) >= 10 and len({expected for _, expected in BROKEN.values()}) == len(BROKEN)


def test_template_check_passes_the_shipped_template_and_refuses_a_huge_file(
        tmp_path: Path, sample_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run_cli(capsys, "template", "check", "resources/templates/nq36a_quy.toml")
    assert code == 0 and "mẫu hợp lệ" in out
    huge = tmp_path / "to.toml"
    huge.write_bytes(b"# " + b"x" * (2 * 1024 * 1024))
    code, _, err = run_cli(capsys, "template", "check", huge)
    assert code == 2 and "quá giới hạn 512 KB" in err and len(err.splitlines()) == 1
    before = sample_path.read_bytes()
    code, _, err = run_cli(capsys, "template", "add", sample_path, huge)
    assert code == 2 and "quá giới hạn 512 KB" in err
    assert sample_path.read_bytes() == before


def test_a_template_in_nfd_reads_as_nfc_and_is_stored_as_sent(sample_library: Library) -> None:
    nfd = unicodedata.normalize("NFD", own_template_text())
    assert nfd != own_template_text()
    template = sample_library.add_template(nfd)
    assert template.fields["dvc_thanh_toan"].label == "Hồ sơ thanh toán trực tuyến"  # NFC, as typed text is
    assert sample_library.template_text(OWN_KEY, 1) == nfd  # the digest is of the exact text the office sent
