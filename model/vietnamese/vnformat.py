"""Vietnamese number and date formatting and parsing, as a clerk types and reads them.

Thousands are grouped with a dot (``1.972``); the comma is the decimal mark, so ``1,972`` is not
an integer and is refused rather than guessed at. Dates follow Nghị định 30/2020: ``ngày 05 tháng 02
năm 2018`` (leading zero for days below 10 and for months 1 and 2 only).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from model.vietnamese.textnorm import clean_text


class ParseError(ValueError):
    """A value the clerk typed that cannot be read; ``str()`` is a Vietnamese message."""


_GROUPED = re.compile(r"^\d{1,3}(\.\d{3})+$")
# The largest figure a report holds: far above any count of documents, services or files, and summed over
# thousands of sub-units still far below SQLite's 64-bit integers (a larger number could not be stored).
MAX_COUNT = 999_999_999_999
_PLAIN = re.compile(r"^\d+$")


def _quoted(text: str) -> str:
    """What the clerk typed, as a message quotes it: one line, no control characters, at most 40 characters."""
    shown = clean_text(text)
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _squeeze(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


def format_count(value: int) -> str:
    """``1972`` → ``1.972``."""
    sign = "-" if value < 0 else ""
    return sign + f"{abs(value):,}".replace(",", ".")


def parse_count(text: str) -> int | None:
    """Read a whole number typed as ``1.972`` or ``1972``; blank gives ``None`` (not reported)."""
    raw = _squeeze(text)
    if not raw:
        return None
    if raw.startswith("-") and (_PLAIN.match(raw[1:]) or _GROUPED.match(raw[1:])):
        raise ParseError(f"“{_quoted(text)}” là số âm; số liệu không được nhỏ hơn 0.")
    if _PLAIN.match(raw) or _GROUPED.match(raw):
        value = int(raw.replace(".", ""))
        if value > MAX_COUNT:
            raise ParseError(f"“{_quoted(text)}” quá lớn; số liệu lớn nhất là {format_count(MAX_COUNT)}.")
        return value
    if re.match(r"^\d+,\d+$", raw) or re.match(r"^\d{1,3}(,\d{3})+$", raw):
        raise ParseError(
            f"“{_quoted(text)}” không phải số nguyên: dấu phẩy là dấu thập phân. "
            "Hãy gõ 1972 hoặc 1.972 (dấu chấm ngăn cách hàng nghìn)."
        )
    if re.match(r"^\d+(\.\d+)+$", raw):
        raise ParseError(f"“{_quoted(text)}” sai cách ngăn hàng nghìn; ví dụ đúng: 1.972 hoặc 1972.")
    raise ParseError(f"“{_quoted(text)}” không phải là số; chỉ gõ chữ số, ví dụ 1.972.")


def format_percent(value: int, decimals: int = 0) -> str:
    """``43`` → ``43%``; with ``decimals`` the value is in hundredths (2) or tenths (1) of a percent, printed
    with a decimal comma and no trailing zero: ``985`` (1 decimal) → ``98,5%``, ``1000`` → ``100%``."""
    if decimals <= 0:
        return f"{value}%"
    whole, fraction = divmod(value, 10 ** decimals)
    digits = f"{fraction:0{decimals}d}".rstrip("0")
    return f"{whole},{digits}%" if digits else f"{whole}%"


def parse_percent(text: str, decimals: int = 0) -> int | None:
    """Read ``43``, ``43%`` or ``43 %``; with ``decimals`` also ``98,5`` (a decimal comma), giving the value in
    tenths or hundredths of a percent. Blank gives ``None``."""
    raw = _squeeze(text).removesuffix("%")
    if not raw:
        return None
    whole, comma, fraction = raw.partition(",")
    if decimals <= 0 or not comma:
        if not _PLAIN.match(raw):
            if decimals <= 0 and re.match(r"^\d+[,.]\d+$", raw):
                raise ParseError(f"“{_quoted(text)}”: tỷ lệ này là số nguyên phần trăm, ví dụ 43%.")
            raise ParseError(f"“{_quoted(text)}” không phải tỷ lệ phần trăm, ví dụ 43%.")
        fraction = ""
    elif not (_PLAIN.match(whole) and _PLAIN.match(fraction)) or len(fraction) > decimals:
        allowed = "một chữ số" if decimals == 1 else f"{decimals} chữ số"
        raise ParseError(f"“{_quoted(text)}” không phải tỷ lệ phần trăm; sau dấu phẩy được {allowed}, ví dụ "
                         f"{format_percent(985 * 10 ** (decimals - 1), decimals)}.")
    value = int(whole) * 10 ** max(decimals, 0) + (int(fraction.ljust(decimals, "0")) if fraction else 0)
    if value > 100 * 10 ** max(decimals, 0):
        raise ParseError(f"Tỷ lệ “{_quoted(text)}” lớn hơn 100%.")
    return value


def ratio_percent(part: int, whole: int, decimals: int = 0) -> int | None:
    """``part / whole`` as a percentage in units of ``10**-decimals`` percent, rounded half up (43.322 of 43.980
    with one decimal: ``985``, printed 98,5%); ``None`` when ``whole`` is 0."""
    if whole <= 0:
        return None
    scale = 100 * 10 ** decimals
    return (2 * scale * part + whole) // (2 * whole)


def format_doc_number(number: int | None) -> str:
    """The document number as printed after ``Số:``: two digits at least; blank in a draft."""
    if number is None:
        return ""
    return f"{number:02d}"


def format_date_long(day: date) -> str:
    """``ngày 05 tháng 02 năm 2018`` per Nghị định 30/2020 (zero only for day < 10, months 1-2)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def format_date_short(day: date) -> str:
    """``18/06/2018``, as shown in form fields."""
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


_LONG_DATE = re.compile(r"^ngày(\d{1,2})tháng(\d{1,2})năm(\d{4})$", re.IGNORECASE)
_SLASH_DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")


def parse_date(text: str) -> date | None:
    """Read ``ngày 05 tháng 02 năm 2018``, ``05/02/2018`` (day first) or ``2018-02-05``."""
    raw = unicodedata.normalize("NFC", _squeeze(text))
    if not raw:
        return None
    if match := _LONG_DATE.match(raw) or _SLASH_DATE.match(raw):
        day, month, year = (int(g) for g in match.groups())
    elif match := _ISO_DATE.match(raw):
        year, month, day = (int(g) for g in match.groups())
    else:
        raise ParseError(f"“{_quoted(text)}” không phải ngày; gõ theo dạng 18/06/2018.")
    try:
        return date(year, month, day)
    except ValueError:
        raise ParseError(f"Ngày “{_quoted(text)}” không có trên lịch.") from None
