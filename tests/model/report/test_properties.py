"""Property-based tests (Hypothesis) of every parser of typed input: numbers, percentages, dates, periods, lists,
text cleaning and the placeholders of template sentences. Whatever a clerk types, pastes or a file holds, a
parser returns a valid value or raises its Vietnamese error, and what it shows reads back as the same value.

Derandomized (the same examples on every run, so CI is deterministic) and bounded to keep the suite fast."""

from __future__ import annotations

import unicodedata
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from model.report.placeholders import BLANK, fill, placeholders_in
from model.report.shipped import load_template
from model.report.values import display_value, normalise_value, parse_value
from model.vietnamese.period import Period
from model.vietnamese.textnorm import clean_text, has_control_chars
from model.vietnamese.vnformat import (
    MAX_COUNT,
    ParseError,
    format_count,
    format_date_long,
    format_date_short,
    parse_count,
    parse_date,
    parse_percent,
)

FAST = settings(max_examples=150, deadline=None, derandomize=True, database=None)
TEMPLATE = load_template("nq36a_quy")

# Text as clerks and files produce it: Vietnamese letters (composed and decomposed), digits, the separators
# and signs numbers use, spaces of every kind, and control characters.
typed_text = st.text(alphabet=st.one_of(
    st.sampled_from("0123456789.,-+%/ \t\n\r\u00a0\u2009\u3000\ufeff\u2028\x00\x07\x1b\x7f\x85"),
    st.sampled_from("ngàytháăâêôơưđĐỆẾỳ\u0300\u0301\u0303\u0309\u0323Qq"),
    st.characters(codec="utf-8"),
), max_size=40)
counts = st.integers(min_value=0, max_value=MAX_COUNT)
dates = st.dates(min_value=date(1000, 1, 1), max_value=date(9999, 12, 31))


# ------------------------------------------------------------------ numbers
@FAST
@given(counts)
def test_a_count_reads_back_as_shown_and_as_typed_plain(number: int) -> None:
    assert parse_count(format_count(number)) == number
    assert parse_count(str(number)) == number
    assert parse_count(f" {format_count(number)}\u00a0") == number


@FAST
@given(typed_text)
@example("1,972")
@example("-5")
@example(".\n0")
@example("1.000.000.000.000")
def test_parse_count_gives_a_valid_count_or_a_vietnamese_error(text: str) -> None:
    try:
        value = parse_count(text)
    except ParseError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert value is None or (isinstance(value, int) and 0 <= value <= MAX_COUNT)
    if value is not None:
        assert parse_count(format_count(value)) == value


@FAST
@given(typed_text)
def test_parse_percent_gives_0_to_100_or_a_vietnamese_error(text: str) -> None:
    try:
        value = parse_percent(text)
    except ParseError:
        return
    assert value is None or (isinstance(value, int) and 0 <= value <= 100)


@FAST
@given(st.integers(min_value=0, max_value=100))
def test_a_percent_reads_back(number: int) -> None:
    spec = TEMPLATE.fields["mot_cua_tinh_ty_le"]
    assert parse_value(spec, display_value(spec, number)) == number


# ------------------------------------------------------------------ dates
@FAST
@given(dates)
def test_a_date_reads_back_in_every_written_form(day: date) -> None:
    assert parse_date(format_date_short(day)) == day
    assert parse_date(format_date_long(day)) == day
    assert parse_date(day.isoformat()) == day


@FAST
@given(typed_text)
@example("31/02/2018")
@example("ngày 5 tháng 13 năm 2018")
def test_parse_date_gives_a_calendar_date_or_a_vietnamese_error(text: str) -> None:
    try:
        value = parse_date(text)
    except ParseError as exc:
        assert str(exc)
        return
    assert value is None or isinstance(value, date)


# ------------------------------------------------------------------ periods
@FAST
@given(st.integers(min_value=1000, max_value=9998), st.integers(min_value=1, max_value=4))
def test_periods_read_back_and_follow_each_other(year: int, quarter: int) -> None:
    period = Period(year, quarter)
    assert Period.parse(str(period)) == period
    assert period.next().previous() == period and period < period.next()
    assert period.start <= period.end and (period.next().start - period.end).days == 1
    assert period.start <= period.end < period.next().start


@FAST
@given(typed_text)
@example("2018-Q5")
@example("0000-Q1")
def test_period_parse_gives_a_period_or_a_vietnamese_error(text: str) -> None:
    try:
        period = Period.parse(text)
    except ValueError as exc:
        assert "Kỳ báo cáo" in str(exc)
        return
    assert 1 <= period.quarter <= 4
    assert period.text.startswith("quý ")


# ------------------------------------------------------------------ text and lists
@FAST
@given(typed_text, st.booleans())
def test_clean_text_is_nfc_free_of_control_characters_and_idempotent(text: str, multiline: bool) -> None:
    cleaned = clean_text(text, multiline=multiline)
    assert unicodedata.is_normalized("NFC", cleaned)
    assert not has_control_chars(cleaned) and "\t" not in cleaned
    assert cleaned == cleaned.strip()
    assert multiline or "\n" not in cleaned
    assert clean_text(cleaned, multiline=multiline) == cleaned


@FAST
@given(typed_text)
def test_a_list_holds_clean_items_and_reads_back_as_shown(text: str) -> None:
    spec = TEMPLATE.fields["noi_nhan"]
    value = parse_value(spec, text)
    if value is None:
        return
    assert all(item and "\n" not in item and not has_control_chars(item) for item in value)
    assert all(unicodedata.is_normalized("NFC", item) for item in value)
    assert parse_value(spec, display_value(spec, value)) == value


@FAST
@given(st.sampled_from(sorted(TEMPLATE.fields)),
       st.one_of(st.none(), st.integers(), st.text(max_size=30), st.floats(), st.binary(max_size=8), st.booleans(),
                 dates, st.lists(st.text(max_size=10), max_size=3).map(tuple)))
def test_normalise_value_takes_any_stored_value_or_refuses_it_in_vietnamese(key: str, stored: object) -> None:
    """What an imported file holds goes through normalise_value: a value of the field's kind, or ParseError."""
    spec = TEMPLATE.fields[key]
    try:
        value = normalise_value(spec, stored)
    except ParseError as exc:
        assert spec.label in str(exc)
        return
    if value is not None and spec.is_numeric:
        assert isinstance(value, int) and 0 <= value <= MAX_COUNT
    if isinstance(value, str):
        assert not has_control_chars(value) and unicodedata.is_normalized("NFC", value)


# ------------------------------------------------------------------ placeholders
@FAST
@given(st.text(max_size=60))
def test_fill_never_fails_and_leaves_text_without_placeholders_alone(text: str) -> None:
    context = {"ky_bao_cao": "quý II năm 2018"}
    filled = fill(text, TEMPLATE, {}, context)
    if not placeholders_in(text):
        assert filled == text


@FAST
@given(counts, st.sampled_from([k for k, f in TEMPLATE.fields.items() if f.kind == "count"]),
       st.text(alphabet="abc {}:_", max_size=12))
def test_a_count_in_a_sentence_reads_as_the_form_shows_it(number: int, key: str, around: str) -> None:
    sentence = f"{around}{{{key}}}{around}"
    assert fill(sentence, TEMPLATE, {key: number}, {}) == fill(around, TEMPLATE, {}, {}) + format_count(number) + \
        fill(around, TEMPLATE, {}, {}) or "{" in around
    assert BLANK in fill(f"{{{key}}}", TEMPLATE, {}, {})


@pytest.mark.parametrize("name", ["{khong_co}", "{DVC_TONG}", "{ dvc_tong }"])
def test_a_placeholder_naming_nothing_stays_visible(name: str) -> None:
    assert name in fill(f"Có {name} ở đây", TEMPLATE, {"dvc_tong": 5}, {})
