"""The template language's new parts as an IT officer meets them: every malformed placeholder, unknown format and
conflicting block refused by ``template check`` with its own message; computed figures, decimals, conditions."""

from __future__ import annotations

import pytest

from model.report.expressions import ExpressionError, parse_condition, parse_formula
from model.report.shipped import shipped_template_text
from model.report.template_source import check_template_text, parse_template_text
from model.vietnamese.vnformat import ParseError, format_percent, parse_percent, ratio_percent
from tests.locations import ROOT

TTHC = shipped_template_text("tthc_quy")
SENTENCE = "Số hồ sơ đã giải quyết là {da_gq} hồ sơ"

# (text replaced in tthc_quy.toml, replacement, the words of its own message)
BROKEN: dict[str, tuple[str, str, str]] = {
    "expression": (SENTENCE, "Tỷ lệ là {dang_gq_qua_han / dang_gq}", "là một phép tính"),
    "upper_case": (SENTENCE, "Số hồ sơ là {HS_MOI}", "viết hoa; mã trường viết thường: {hs_moi}"),
    "spaces": (SENTENCE, "Số hồ sơ là { hs_moi }", "có dấu cách; viết liền: {hs_moi}"),
    "empty": (SENTENCE, "Số hồ sơ là {}", "chỗ điền trống “{}”"),
    "unknown_field": (SENTENCE, "Số hồ sơ là {hs_khong_co}", "dùng {hs_khong_co} mà mẫu không có trường này"),
    "unknown_format": (SENTENCE, "Số hồ sơ là {hs_buu_chinh:pct}", "định dạng “pct” không có"),
    "lone_brace": (SENTENCE, "Số hồ sơ là {da_gq hồ sơ", "dấu “{” lẻ"),
    "list_and_text": ('list = "nhiem_vu"\nnumbered = true', 'list = "nhiem_vu"\ntext = "Nhiệm vụ:"',
                      "khối có cả “list” và “text”"),
    "numbered_without_list": ('type = "paragraph"\ntext = "{danh_gia}"',
                              'type = "paragraph"\nnumbered = true\ntext = "{danh_gia}"',
                              "“numbered = true” chỉ dùng với khối danh sách"),
    "heading_with_text": ('level = 1\nnumber = "II."', 'level = 1\ntext = "x"\nnumber = "II."',
                          "khối heading không dùng được khóa “text”"),
    "condition_two_comparisons": ('when = "hs_xin_loi > 0"', 'when = "hs_xin_loi > 0 and hs_moi > 0"',
                                  "phải là một phép so sánh"),
    "condition_unknown_field": ('when = "hs_xin_loi > 0"', 'when = "xin_loi > 0"', "dùng trường “xin_loi”"),
    "condition_text_with_number": ('when = "hs_xin_loi > 0"', 'when = "danh_gia > 0"', "không phải số liệu"),
    "formula_call": ('computed = "hs_ky_truoc + hs_moi"', 'computed = "sum(hs_ky_truoc, hs_moi)"',
                     "chỉ được cộng (+) và trừ (-)"),
    "formula_text_field": ('computed = "hs_ky_truoc + hs_moi"', 'computed = "hs_ky_truoc + danh_gia"',
                           "dùng trường “danh_gia” không phải số liệu đếm"),
    "formula_cycle": ('computed = "hs_ky_truoc + hs_moi"', 'computed = "hs_ky_truoc + hs_tong"',
                      "vòng lại chính nó"),
    "computed_cumulative": ('computed = "hs_ky_truoc + hs_moi"', 'computed = "hs_ky_truoc + hs_moi", cumulative = true',
                            "không là số lũy kế"),
    "decimals_three": ("decimals = 1", "decimals = 3", "phải là 0, 1 hoặc 2"),
    "decimals_on_count": ('required = true, consolidate = "sum", over_time = "first"',
                          'required = true, consolidate = "sum", over_time = "first", decimals = 1',
                          "chỉ tỷ lệ (kind = \"percent\") mới có “decimals”"),
    "carry_from_unknown": ('carry_from = "dang_gq"', 'carry_from = "dang_giai_quyet"', "mang sang từ trường"),
    "over_time_unknown": ('"sum", over_time = "first"', '"sum", over_time = "dau_ky"',
                          "phải là sum, last, first hoặc mean"),
    "table_row_width": ('["1", "Trong hạn", "{dang_gq_trong_han}"]', '["1", "Trong hạn"]',
                        "dòng 12 có 2 ô, tiêu đề có 3 cột"),
    "table_merge_nothing": ('["STT", "Đơn vị"', '["^", "Đơn vị"', "không có ô để gộp vào"),
    "table_merge_unclear": ('["^", "^", "Tổng số"', '["^", "^", "<"', "“<” đứng sau “^”"),
    "table_cell_placeholder": ('"{dang_gq_qua_han}"],\n]', '"{Dang_gq_qua_han}"],\n]', "viết hoa"),
}


@pytest.mark.parametrize("case", BROKEN)
def test_each_broken_placeholder_or_block_is_refused_with_its_own_message(case: str) -> None:
    old, new, expected = BROKEN[case]
    assert old in TTHC, old
    mistakes = [str(m) for m in check_template_text(TTHC.replace(old, new, 1))]
    assert len(mistakes) == 1 and expected in mistakes[0], mistakes
    assert mistakes[0].startswith("dòng ")


def test_every_broken_case_has_a_message_of_its_own() -> None:
    messages = [str(check_template_text(TTHC.replace(old, new, 1))[0]) for old, new, _ in BROKEN.values()]
    assert len(set(messages)) == len(messages)


def test_the_shipped_templates_and_the_readme_example_are_valid() -> None:
    assert check_template_text(TTHC) == []
    assert check_template_text(shipped_template_text("nq36a_quy")) == []
    template = parse_template_text(TTHC)
    assert template.fields["hs_tong"].formula == ((1, "hs_ky_truoc"), (1, "hs_moi"))
    assert [spec.key for spec in template.computed_order()] == [
        "hs_moi", "hs_tong", "da_gq_truoc_dung_han", "da_gq", "ty_le_dung_han", "dang_gq"]


def test_version_1_templates_written_before_still_parse() -> None:
    """The 36a template as version 1 shipped it, and the fixture libraries' stored texts, read unchanged."""
    for path in (ROOT / "resources" / "templates").glob("nq36a_quy*.toml"):
        assert check_template_text(path.read_text(encoding="utf-8")) == []


def test_formula_and_condition_readers() -> None:
    assert parse_formula("a + b - c") == ((1, "a"), (1, "b"), (-1, "c"))
    assert parse_formula("a") == ((1, "a"),)
    for bad in ("a +", "a * b", "- a", "a + 2", "", "a b"):
        with pytest.raises(ExpressionError):
            parse_formula(bad)
    condition = parse_condition("hs_xin_loi > 0")
    assert condition.holds({"hs_xin_loi": 3}) and not condition.holds({"hs_xin_loi": 0})
    assert not condition.holds({})  # a blank figure was not reported: the sentence is left out
    blank_text = parse_condition('ghi_chu != ""')
    assert blank_text.holds({"ghi_chu": "x"}) and not blank_text.holds({"ghi_chu": None})


def test_percent_with_decimals_prints_and_reads_with_a_decimal_comma() -> None:
    assert ratio_percent(43_322, 43_980, 1) == 985
    assert format_percent(985, 1) == "98,5%" and format_percent(1000, 1) == "100%"
    assert format_percent(9850, 2) == "98,5%" and format_percent(9851, 2) == "98,51%"
    assert parse_percent("98,5", 1) == 985 and parse_percent("98,5 %", 2) == 9850 and parse_percent("99", 1) == 990
    assert ratio_percent(43_322, 43_980) == 99  # whole percent, as version 1 templates print
    with pytest.raises(ParseError, match="số nguyên phần trăm"):
        parse_percent("98,5")
    with pytest.raises(ParseError, match="một chữ số"):
        parse_percent("98,55", 1)
    with pytest.raises(ParseError, match="lớn hơn 100%"):
        parse_percent("100,1", 1)
