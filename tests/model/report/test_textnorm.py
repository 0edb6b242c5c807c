"""Text cleaning at the boundary: NFC, no control characters."""

from __future__ import annotations

import unicodedata

from model.vietnamese.textnorm import clean_text, has_control_chars


def test_nfd_input_is_stored_as_nfc() -> None:
    nfd = unicodedata.normalize("NFD", "Ủy ban nhân dân tỉnh Kiên Giang")
    assert nfd != "Ủy ban nhân dân tỉnh Kiên Giang"
    assert clean_text(nfd) == "Ủy ban nhân dân tỉnh Kiên Giang"


def test_control_characters_are_dropped_and_markup_kept() -> None:
    assert clean_text("A\x00B\x07C\x1b<D & E>") == "ABC<D & E>"
    assert has_control_chars("x\x0cy")
    assert not has_control_chars("dòng 1\ndòng 2")


def test_single_line_text_folds_breaks_and_spaces() -> None:
    assert clean_text("  Kiên\tGiang \r\n tỉnh  ") == "Kiên Giang tỉnh"


def test_multiline_text_keeps_lines_and_drops_blank_ones() -> None:
    typed = "TM. ỦY BAN NHÂN DÂN\r\n\r\n  KT. CHỦ TỊCH  "
    assert clean_text(typed, multiline=True) == "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH"
