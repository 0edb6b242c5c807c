"""Vietnamese number and date formatting and parsing, as clerks type them."""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest

from model.vietnamese.vnformat import (
    ParseError,
    format_count,
    format_date_long,
    format_doc_number,
    format_percent,
    parse_count,
    parse_date,
    parse_percent,
    ratio_percent,
)


@pytest.mark.parametrize(("typed", "expected"), [
    ("1.972", 1972), ("1972", 1972), (" 1.972 ", 1972), ("389.033", 389033), ("1.000.000", 1_000_000),
    ("0", 0), ("68", 68), ("1\u00a0972", 1972), ("", None), ("   ", None),
])
def test_parse_count_accepts_what_clerks_type(typed: str, expected: int | None) -> None:
    assert parse_count(typed) == expected


@pytest.mark.parametrize(("typed", "fragment"), [
    ("1,972", "dấu phẩy là dấu thập phân"),
    ("-5", "số âm"),
    ("abc", "không phải là số"),
    ("12a", "không phải là số"),
    ("1.97", "sai cách ngăn hàng nghìn"),
    ("1.9720", "sai cách ngăn hàng nghìn"),
])
def test_parse_count_refuses_with_a_vietnamese_message(typed: str, fragment: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_count(typed)
    assert fragment in str(info.value)


def test_format_count_groups_thousands_with_dots() -> None:
    assert [format_count(n) for n in (0, 68, 1972, 389033, 1_000_000)] == ["0", "68", "1.972", "389.033", "1.000.000"]


def test_percent_round_trip() -> None:
    assert format_percent(43) == "43%"
    assert parse_percent("43%") == parse_percent("43 %") == parse_percent("43") == 43
    assert parse_percent("") is None
    for bad in ("43,5%", "abc", "101%"):
        with pytest.raises(ParseError):
            parse_percent(bad)


def test_ratio_rounds_half_up_like_the_sample() -> None:
    assert ratio_percent(596, 1383) == 43
    assert ratio_percent(4501, 6430) == 70
    assert ratio_percent(1, 2) == 50
    assert ratio_percent(1, 8) == 13  # 12.5 rounds up, not to even
    assert ratio_percent(5, 0) is None


def test_long_date_follows_nd30_leading_zero_rules() -> None:
    assert format_date_long(date(2018, 2, 5)) == "ngày 05 tháng 02 năm 2018"
    assert format_date_long(date(2018, 6, 18)) == "ngày 18 tháng 6 năm 2018"
    assert format_date_long(date(2020, 3, 5)) == "ngày 05 tháng 3 năm 2020"
    assert format_date_long(date(2025, 12, 30)) == "ngày 30 tháng 12 năm 2025"


@pytest.mark.parametrize("typed", ["ngày 05 tháng 02 năm 2018", "05/02/2018", "5/2/2018", "2018-02-05",
                                   unicodedata.normalize("NFD", "ngày 05 tháng 02 năm 2018")])
def test_parse_date_forms(typed: str) -> None:
    assert parse_date(typed) == date(2018, 2, 5)


def test_parse_date_refuses_impossible_dates() -> None:
    with pytest.raises(ParseError, match="không có trên lịch"):
        parse_date("31/02/2018")
    with pytest.raises(ParseError, match="không phải ngày"):
        parse_date("hôm qua")
    assert parse_date("") is None


def test_document_number_gets_a_leading_zero_and_is_blank_in_drafts() -> None:
    assert format_doc_number(5) == "05"
    assert format_doc_number(154) == "154"
    assert format_doc_number(None) == ""


@pytest.mark.parametrize("typed", ["99999999999999999999", "1.000.000.000.000", "9223372036854775808"])
def test_parse_count_refuses_a_figure_too_large_to_store(typed: str) -> None:
    with pytest.raises(ParseError, match=re.escape("quá lớn; số liệu lớn nhất là 999.999.999.999")):
        parse_count(typed)
    assert parse_count("999.999.999.999") == 999_999_999_999


def test_a_stored_or_imported_figure_too_large_is_refused() -> None:
    from model.report.shipped import load_template
    from model.report.values import normalise_value

    spec = load_template("nq36a_quy").fields["dvc_muc_3"]
    with pytest.raises(ParseError, match=re.escape("lớn hơn 999.999.999.999")):
        normalise_value(spec, 10**12)
