"""Templates written only in the tests, made from the shipped 36a text by a few edits (key, name, a field)."""

from __future__ import annotations

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
