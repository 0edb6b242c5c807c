"""The exported sample says what the reference report says, in both formats, and follows the form's figures."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from export.document.builder import build_document, list_items
from export.document.document import Heading, Paragraph
from export.document.service import export_report
from tests.export_text import (
    docx_paragraphs,
    docx_text,
    needs_poppler,
    normalise,
    pdf_body_text,
    pdf_layout_text,
    sample_lines,
)

pytestmark = pytest.mark.both_engines

LETTERHEAD_AND_CLOSING = [
    "ỦY BAN NHÂN DÂN", "TỈNH KIÊN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Số: 154/BC-UBND", "Kiên Giang, ngày 18 tháng 6 năm 2018", "BÁO CÁO",
    "Tình hình thực hiện Nghị quyết số 36a/NQ-CP của Chính phủ về Chính phủ điện tử quý II năm 2018",
    "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Mai Văn Huỳnh", "Nơi nhận:",
]


def _text(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else pdf_body_text(path)


@pytest.fixture(params=["docx", pytest.param("pdf", marks=needs_poppler)])
def fmt(request: pytest.FixtureRequest) -> str:
    return request.param


def test_every_line_of_the_sample_report_is_in_the_export(sample_library, q2_id, tmp_path, fmt):
    out = export_report(sample_library, q2_id, tmp_path / f"bc.{fmt}").path
    text = _text(out)
    expected = sample_lines() + LETTERHEAD_AND_CLOSING
    assert len(expected) > 40
    missing = [line for line in expected if line not in text]
    assert missing == []


def test_a_figure_edited_in_the_form_changes_the_exported_sentence(sample_library, q2_id, tmp_path, fmt):
    sample_library.set_typed(q2_id, {"htth_diem_cau": "21", "vb_di_van_phong": "12.345"})
    text = _text(export_report(sample_library, q2_id, tmp_path / f"bc.{fmt}").path)
    assert "với 21 điểm cầu tiếp tục" in text
    assert "20 điểm cầu" not in text
    assert "Văn phòng UBND tỉnh là 12.345 văn bản" in text


def test_a_draft_without_a_number_leaves_room_for_it(sample_library, q2_id, tmp_path, fmt):
    sample_library.set_values(q2_id, {"so": None})
    out = export_report(sample_library, q2_id, tmp_path / f"du-thao.{fmt}").path
    if fmt == "docx":
        assert "Số:      /BC-UBND" in docx_paragraphs(out)
    else:
        # pdftotext -layout keeps horizontal gaps as spaces (fewer than drawn: it works in character cells).
        header = pdf_layout_text(out).split("\n")[2]
        assert re.search(r"Số: {2,}/BC-UBND ", header), header


def test_builder_leaves_out_blank_text_and_keeps_the_heading(sample_library, q2_id):
    sample_library.set_values(q2_id, {"cong_ttdt_tinh_hinh": None, "qlvb_tinh_hinh": "Dòng một.\nDòng hai."})
    body = build_document(sample_library, q2_id).body
    texts = [block.text for block in body]
    assert "1. Cổng thông tin điện tử:" in texts  # the khoản stands alone, bold
    assert "2. Hệ thống quản lý văn bản: Dòng một." in texts  # a multiline text: one paragraph per line
    assert "Dòng hai." in texts
    assert all(text.strip() for text in texts)
    assert [b.text for b in body if isinstance(b, Heading)] == [
        "I. TÌNH HÌNH THỰC HIỆN CÁC NHIỆM VỤ NGHỊ QUYẾT SỐ 36a/NQ-CP", "1. Cổng thông tin điện tử:",
        "6. Hạ tầng công nghệ thông tin:",
        "II. NHIỆM VỤ TRONG THỜI GIAN TỚI:"]  # khoản 6 stands on its own line, as in the sample; 1. has no text


def test_run_in_headings_and_leads_are_bold(sample_library, q2_id):
    body = build_document(sample_library, q2_id).body
    paragraphs = [b for b in body if isinstance(b, Paragraph)]
    first_khoan = next(p for p in paragraphs if p.text.startswith("1. "))
    assert first_khoan.all_runs[0].bold and first_khoan.all_runs[0].text == "1. Cổng thông tin điện tử:"
    lead = next(p for p in paragraphs if "cấp tỉnh:" in p.text)
    assert [(r.text, r.bold) for r in lead.runs[:2]] == [("- ", False), ("Một cửa điện tử cấp tỉnh:", True)]


def test_list_items_end_with_semicolons_and_a_full_stop():
    assert list_items(["Việc một", "Việc hai", "Việc ba"]) == ["- Việc một;", "- Việc hai;", "- Việc ba."]
    # Items that bring their own punctuation keep it (the sample's tasks each end with ".").
    assert list_items(["Việc một.", "Lưu: VT, TH."]) == ["- Việc một.", "- Lưu: VT, TH."]


def test_percentages_print_without_space(sample_library, q2_id):
    text = normalise(" ".join(b.text for b in build_document(sample_library, q2_id).body))
    assert "tỷ lệ: 43% (bao gồm" in text and "tỷ lệ: 70% (bao gồm" in text
