"""The full example of resources/templates/README.md is a valid template that makes a report and a document."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from export.document.service import export_report
from model.library.library import Library
from model.report.template_source import check_template_text
from model.vietnamese.period import Period
from tests.export_text import docx_text, normalise
from tests.locations import ROOT

README = ROOT / "resources" / "templates" / "README.md"


def _example() -> str:
    blocks = re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL)
    assert len(blocks) == 1
    return blocks[0]


def test_the_readme_example_is_valid_and_writes_a_report(tmp_path: Path) -> None:
    text = _example()
    assert check_template_text(text) == []
    with Library.create(tmp_path / "tv.db") as library:
        template = library.add_template(text)
        office = library.add_organization("Sở Thông tin và Truyền thông", "SỞ THÔNG TIN\nVÀ TRUYỀN THÔNG", "Cà Mau")
        report = library.create_report(office, Period(2024, 1), template_key=template.key)
        library.set_values(report, {"hs_tiep_nhan": 1200, "hs_dung_han": 1100, "may_chu": 12,
                                    "ngay_ban_hanh": date(2024, 4, 5), "nguoi_ky_ho_ten": "Nguyễn Văn A",
                                    "noi_nhan": ("UBND tỉnh;", "Lưu: VT.")})
        assert library.values(report)["hs_ty_le"] == 92
        assert not [p for p in library.check(report) if p.is_error]
        export_report(library, report, tmp_path / "cds.docx")
    assert ("Trong quý I năm 2024, tiếp nhận 1.200 hồ sơ, giải quyết đúng hạn 1.100 hồ sơ (tỷ lệ 92%); đang vận "
            "hành 12 máy chủ.") in normalise(docx_text(tmp_path / "cds.docx"))


def test_every_feature_of_the_readme_example_does_what_the_readme_says(tmp_path: Path) -> None:
    """Computed total, a ratio with one decimal, a condition, điểm a), a numbered list, a table with two header rows
    and a computed cell, a per-unit table, the opening balance carried forward and taken from the first quarter."""
    from docx import Document as open_docx

    from model.exchange.consolidation import consolidate
    from model.exchange.rollup import rollup

    with Library.create(tmp_path / "tv.db") as library:
        template = library.add_template(_example())
        office = library.add_organization("Sở Thông tin và Truyền thông", "SỞ THÔNG TIN\nVÀ TRUYỀN THÔNG", "Cà Mau")
        q1 = library.create_report(office, Period(2024, 1), template_key=template.key)
        written = library.set_values(q1, {"hs_ky_truoc": 300, "hs_tiep_nhan": 1200, "hs_dung_han": 1100,
                                          "hs_dang_gq": 250, "ngay_ban_hanh": date(2024, 4, 5),
                                          "nguoi_ky_ho_ten": "Nguyễn Văn A", "noi_nhan": ("UBND tỉnh;", "Lưu: VT."),
                                          "nhiem_vu": ("Số hóa hồ sơ", "Nâng cấp máy chủ")})
        assert written["hs_tong"] == 1500 and written["hs_ty_le_tong"] == 733  # 1.100 / 1.500 = 73,3%
        export_report(library, q1, tmp_path / "q1.docx")
        q2 = library.create_report(office, Period(2024, 2), template_key=template.key, carry_from=q1)
        assert library.values(q2)["hs_ky_truoc"] == 250  # carry_from = "hs_dang_gq"
        library.set_values(q2, {"hs_tiep_nhan": 1000, "hs_dung_han": 900, "hs_dang_gq": 100,
                                "van_ban_xin_loi": 2, "danh_gia": "Tốt.", "ngay_ban_hanh": date(2024, 7, 5)})
        half = library.values(rollup(library, office, Period(2024, 1, "half")).report_id)
        assert half["hs_ky_truoc"] == 300 and half["hs_tong"] == 2500 and half["hs_dang_gq"] == 100
        export_report(library, q2, tmp_path / "q2.docx")
        child = library.add_organization("Phòng Bưu chính", "PHÒNG BƯU CHÍNH", "Cà Mau", parent_id=office)
        unit = library.create_report(child, Period(2024, 3), template_key=template.key)
        library.set_values(unit, {"hs_tiep_nhan": 40, "hs_dung_han": 30})
        total = consolidate(library, Period(2024, 3), office, [unit]).report_id
        export_report(library, total, tmp_path / "tong-hop.docx", force=True)
    q1_text = normalise(docx_text(tmp_path / "q1.docx"))
    assert "a) Hồ sơ phải giải quyết: 1.500 hồ sơ (kỳ trước chuyển sang 300); tỷ lệ đúng hạn trên tổng số 73,3%." \
        in q1_text
    assert "xin lỗi" not in q1_text and "Đánh giá:" not in q1_text  # conditions false: left out
    assert "1. Số hóa hồ sơ; 2. Nâng cấp máy chủ." in q1_text
    table = next(t for t in open_docx(str(tmp_path / "q1.docx")).tables if t.rows[0].cells[0].text == "Chỉ tiêu")
    assert [[c.text for c in row.cells] for row in table.rows] == [
        ["Chỉ tiêu", "Số hồ sơ", "Số hồ sơ", "Tỷ lệ đúng hạn"], ["Chỉ tiêu", "Phải giải quyết", "Đúng hạn",
                                                               "Tỷ lệ đúng hạn"],
        ["Hồ sơ trong kỳ", "1.500", "1.100", "73,3%"], ["Chưa giải quyết đúng hạn", "400", "", ""]]
    assert "Số liệu của các đơn vị" not in q1_text  # per_unit: a report that consolidates nothing has no such table
    q2_text = normalise(docx_text(tmp_path / "q2.docx"))
    assert "- Đã gửi 2 văn bản xin lỗi vì hồ sơ quá hạn." in q2_text and "1. Đánh giá: Tốt." in q2_text
    units = next(t for t in open_docx(str(tmp_path / "tong-hop.docx")).tables if t.rows[0].cells[0].text == "STT")
    assert [c.text for c in units.rows[1].cells] == ["1", "Phòng Bưu chính", "40", "75%"]
    assert [c.text for c in units.rows[-1].cells] == ["", "Cộng", "40", "75%"]
