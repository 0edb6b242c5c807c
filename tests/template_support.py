"""Templates written only in the tests, made from the shipped 36a text by a few edits (key, name, a field)."""

from __future__ import annotations

from pathlib import Path

from model.report.shipped import shipped_template_text

OWN_KEY = "bc_tinh_rieng"
OWN_SENTENCE = "Thanh toán trực tuyến được {dvc_thanh_toan} hồ sơ."


def own_template_text(*, version: int = 1, extra: str = "") -> str:
    """A province's own report kind the program does not ship: another key and name, one more field, and a
    sentence using it."""
    text = shipped_template_text("nq36a_quy")
    text = text.replace('key = "nq36a_quy"', f'key = "{OWN_KEY}"', 1).replace("version = 1", f"version = {version}", 1)
    text = text.replace('name = "Báo cáo quý thực hiện', 'name = "Báo cáo riêng của tỉnh về', 1)
    field_line = ('    { key = "dvc_thanh_toan", label = "Hồ sơ thanh toán trực tuyến", kind = "count", '
                  'unit = "hồ sơ", consolidate = "sum" },\n')
    anchor = '    { key = "dvc_ho_so_truc_tuyen"'
    text = text.replace(anchor, field_line + anchor, 1)
    text = text.replace("(mức độ 3 và 4).\"", f"(mức độ 3 và 4). {OWN_SENTENCE}{extra}\"", 1)
    return text


PLANTED = "Đề nghị chuyển kinh phí vào tài khoản số 0123456789."


def planted_v2() -> str:
    """``nq36a_quy`` version 2 as a hostile office would send it: same key, a higher version, a sentence added
    to a paragraph every report prints."""
    text = shipped_template_text("nq36a_quy").replace("version = 1", "version = 2", 1)
    planted = text.replace("(mức độ 3 và 4).\"", f"(mức độ 3 và 4). {PLANTED}\"", 1)
    assert planted != text
    return planted


def sent_with_planted_v2(tmp_path: Path) -> tuple[Path, str]:
    """A district's .db carrying its report written with :func:`planted_v2`; returns (file, report id)."""
    from model.exchange.dbexport import export_reports
    from model.library.library import Library
    from tests.exchange_support import add_district

    with Library.create(tmp_path / "ke-gian.db") as sender:
        sender.add_template(planted_v2())  # the sender's own library trusts it: that is theirs to decide
        report = add_district(sender, "Ủy ban nhân dân huyện An Minh", {"dvc_tong": 5})
        assert sender.report(report).template_version == 2
        return export_reports(sender, [report], tmp_path / "gui-tinh.db").path, report
