"""Clerks' text with markup characters, quotes, very long words, NFD diacritics and control characters
exports in both formats, unmangled, with tone marks in place and nothing outside the page."""

from __future__ import annotations

import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest

from export.document.builder import build_document
from export.document.document import Paragraph, Run
from export.document.docx_writer import write_docx
from export.document.pdf_writer import write_pdf
from export.document.service import export_report
from tests.export.document.test_export_pdf import assert_inside_margins
from tests.export_text import docx_paragraphs, docx_text, needs_poppler, normalise, pdf_body_text

pytestmark = pytest.mark.both_engines

MARKUP = 'Sở Thông tin & Truyền thông <b>không đậm</b> <font size="40"> a < b > c "kép" \'đơn\' “cong”'
LONG_WORD = "https://dichvucong.kiengiang.gov.vn/" + "thutuchanhchinh" * 8  # 156 characters, no space
TONES = "Hội nghị truyền hình trực tuyến ở huyện Vĩnh Thuận, Giang Thành: đảm bảo kết nối."
NFD_TONES = unicodedata.normalize("NFD", TONES)


def _text(path: Path) -> str:
    return docx_text(path) if path.suffix == ".docx" else pdf_body_text(path)


@pytest.fixture(params=["docx", pytest.param("pdf", marks=needs_poppler)])
def fmt(request: pytest.FixtureRequest) -> str:
    return request.param


def test_clerk_text_with_markup_quotes_long_words_nfd_and_controls(sample_library, q2_id, tmp_path, fmt):
    assert NFD_TONES != TONES
    sample_library.set_values(q2_id, {
        "cong_ttdt_tinh_hinh": f"{MARKUP}\n{LONG_WORD}",
        "ha_tang_tinh_hinh": NFD_TONES + "\x07\x1b[31m",
        "nguoi_ky_ho_ten": "Mai Văn\x00 Huỳnh",
        "noi_nhan": ("Sở TT&TT <VP>;", LONG_WORD + ";", "Lưu: VT, TH."),
    })
    out = export_report(sample_library, q2_id, tmp_path / f"bc.{fmt}").path
    text = _text(out)
    assert f"1. Cổng thông tin điện tử: {normalise(MARKUP)}" in text
    assert TONES in text  # composed: the tone marks sit on their letters
    assert "Mai Văn Huỳnh" in text
    assert "- Sở TT&TT <VP>;" in text
    assert "\x07" not in text and "\x1b" not in text and "\x00" not in text
    squeezed = text.replace(" ", "")
    assert LONG_WORD in squeezed  # the PDF breaks it across lines; every character is there
    assert squeezed.count(LONG_WORD) == 2
    if fmt == "pdf":
        assert_inside_margins(out)


@pytest.mark.parametrize("writer, suffix", [(write_docx, "docx"), pytest.param(write_pdf, "pdf", marks=needs_poppler)])
def test_writers_clean_raw_text_themselves(sample_library, q2_id, tmp_path, writer, suffix):
    """A tree built by other code (an appendix, a preview) may hold raw text: the writers still cope."""
    document = build_document(sample_library, q2_id)
    raw = Paragraph((Run("Đầu\x0b\x01 " + NFD_TONES, bold=True), Run(" & <i>nghiêng?</i>\ufeff")))
    document = replace(document, body=(raw, *document.body))
    out = tmp_path / f"raw.{suffix}"
    writer(document, out)
    text = _text(out)
    assert f"Đầu {TONES} & <i>nghiêng?</i>" in text
    if suffix == "docx":
        assert all(unicodedata.is_normalized("NFC", p) for p in docx_paragraphs(out))
