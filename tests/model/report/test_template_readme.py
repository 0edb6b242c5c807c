"""The full example of resources/templates/README.md is a valid template that makes a report and a document."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

from export.document.service import export_report
from model.library.library import Library
from model.report.period import Period
from model.report.template_source import check_template_text
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
