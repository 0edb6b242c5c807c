"""Typed field values: reading what a clerk typed, showing values, and their stored form.

A value is ``int`` (count, doc_number; a percent in units of ``10**-decimals`` percent), ``str`` (text), ``date``
or ``tuple[str, ...]`` (list); ``None`` is blank ("not reported"), which is not zero.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from datetime import date

from model.report.template import FieldSpec
from model.vietnamese import vnformat
from model.vietnamese.textnorm import clean_text

Value = int | str | date | tuple[str, ...] | None

MAX_TEXT_CHARS = 20_000
"""The longest narrative (a multiline text, or a list's lines together): some seven printed pages. One rule for
text typed, imported from a .db, read from a workbook or from a server library, so a received 15 MB text never
reaches the editor or the PDF writer."""
MAX_LINE_CHARS = 1_000
"""The longest one-line text (a name, a place, a symbol) and the longest typed entry of a number or date."""
MAX_TEXT_LINES = 1_000
"""The most lines of a narrative or list: each is a paragraph of the document (python-docx writes some 3.000 a
second), and a narrative of many short lines is no more readable."""


def text_limit(spec: FieldSpec) -> int:
    """The most characters a value of ``spec`` may have."""
    return MAX_TEXT_CHARS if spec.kind == "list" or (spec.kind == "text" and spec.multiline) else MAX_LINE_CHARS


def check_length(spec: FieldSpec, text: str, *, labelled: bool = True) -> None:
    """Refuse (:class:`vnformat.ParseError`, starting with the field's label when ``labelled``) a text longer
    than the field takes, before any work on it."""
    limit = text_limit(spec)
    if len(text) > limit:
        reason = (f"dài {_thousands(len(text))} ký tự, quá giới hạn {_thousands(limit)} ký tự của trường này; "
                  "hãy rút gọn.")
        raise vnformat.ParseError(f"{spec.label}: nội dung {reason}" if labelled else f"Nội dung {reason}")
    lines = max(text.count("\n"), text.count("\r")) + 1
    if limit == MAX_TEXT_CHARS and lines > MAX_TEXT_LINES:
        reason = (f"có {_thousands(lines)} dòng, quá giới hạn {_thousands(MAX_TEXT_LINES)} dòng của trường này; hãy "
                  "gộp bớt dòng.")
        raise vnformat.ParseError(f"{spec.label}: nội dung {reason}" if labelled else f"Nội dung {reason}")


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def parse_value(spec: FieldSpec, typed: str) -> Value:
    """Read ``typed`` for field ``spec``; raises :class:`vnformat.ParseError` with a Vietnamese message."""
    check_length(spec, typed, labelled=False)  # as the other reasons of a typed value: the caller names the field
    match spec.kind:
        case "count":
            return vnformat.parse_count(typed)
        case "doc_number":
            number = vnformat.parse_count(typed)
            if number == 0:
                raise vnformat.ParseError("Số văn bản bắt đầu từ 01.")
            return number
        case "percent":
            return vnformat.parse_percent(typed, spec.decimals)
        case "date":
            return vnformat.parse_date(typed)
        case "list":
            items = tuple(_clean_list_item(line) for line in clean_text(typed, multiline=True).split("\n"))
            return tuple(item for item in items if item) or None
        case _:
            text = clean_text(typed, multiline=spec.multiline)
            return text or None


def _clean_list_item(line: str) -> str:
    """A list item without the leading dash and trailing ``;`` the printed document adds back."""
    line = line.strip()
    if line.startswith(("- ", "-\u00a0", "– ", "• ")):
        line = line[2:]
    elif line in {"-", "–", "•"}:
        line = ""
    return line.strip()


def normalise_value(spec: FieldSpec, value: Value) -> Value:
    """Validate and clean an already-typed value (from storage, import or code)."""
    if value is None:
        return None
    match spec.kind:
        case "count" | "doc_number" | "percent":
            if isinstance(value, bool) or not isinstance(value, int):
                raise vnformat.ParseError(f"{spec.label}: giá trị phải là số nguyên.")
            if value < 0:
                raise vnformat.ParseError(f"{spec.label}: số liệu không được nhỏ hơn 0.")
            if value > vnformat.MAX_COUNT:
                raise vnformat.ParseError(f"{spec.label}: số liệu lớn hơn {vnformat.format_count(vnformat.MAX_COUNT)}.")
            if spec.kind == "percent" and value > 100 * 10 ** spec.decimals:
                raise vnformat.ParseError(f"{spec.label}: tỷ lệ không được lớn hơn 100%.")
            return value
        case "date":
            if not isinstance(value, date):
                raise vnformat.ParseError(f"{spec.label}: giá trị phải là ngày.")
            return value
        case "list":
            if isinstance(value, str):
                value = tuple(value.split("\n"))
            if not isinstance(value, tuple | list) or not all(isinstance(v, str) for v in value):
                raise vnformat.ParseError(f"{spec.label}: giá trị phải là danh sách các dòng chữ.")
            check_length(spec, "\n".join(value))
            items = tuple(_clean_list_item(clean_text(v)) for v in value)
            return tuple(item for item in items if item) or None
        case _:
            if not isinstance(value, str):
                raise vnformat.ParseError(f"{spec.label}: giá trị phải là chữ.")
            check_length(spec, value)
            return clean_text(value, multiline=spec.multiline) or None


def display_value(spec: FieldSpec, value: Value) -> str:
    """The value as the form shows it (``1.972``, ``43%``, ``18/06/2018``); blank is ``""``."""
    if value is None:
        return ""
    match spec.kind:
        case "count":
            return vnformat.format_count(value)
        case "doc_number":
            return vnformat.format_doc_number(value)
        case "percent":
            return vnformat.format_percent(value, spec.decimals)
        case "date":
            return vnformat.format_date_short(value)
        case "list":
            return "\n".join(value)
        case _:
            return str(value)


def to_storage(spec: FieldSpec, value: Value) -> tuple[int | None, str | None]:
    """The (integer, text) columns a value is stored in."""
    if value is None:
        return None, None
    if spec.is_numeric:
        return int(value), None
    if spec.kind == "date":
        return None, value.isoformat()
    if spec.kind == "list":
        return None, "\n".join(value)
    return None, str(value)


def from_storage(spec: FieldSpec, number: int | None, text: str | None) -> Value:
    """Inverse of :func:`to_storage`; raises ``ValueError`` on a stored value of the wrong type, and
    :class:`vnformat.ParseError` (a ``ValueError``) on a text longer than the field takes."""
    if spec.is_numeric:
        if number is not None and (isinstance(number, bool) or not isinstance(number, int)):
            raise ValueError(f"{spec.key}: {number!r} is not an integer")
        return number
    if text is None:
        return None
    if not isinstance(text, str):
        raise ValueError(f"{spec.key}: {text!r} is not text")
    if spec.kind in ("text", "list"):
        check_length(spec, text)
    if spec.kind == "date":
        return date.fromisoformat(text)
    if spec.kind == "list":
        return tuple(text.split("\n"))
    return text


def stored_values(fields: Mapping[str, FieldSpec], rows: Iterable[tuple[str, int | None, str | None]]
                  ) -> dict[str, Value]:
    """A report's values from its stored rows (key, integer, text). Keys of retired fields are skipped, and so is
    a value a damaged file holds in a form no field takes (a date that is no date): it reads as blank, the clerk
    can type it again, and the log says what was there."""
    values: dict[str, Value] = {}
    for key, number, text in rows:
        if key not in fields:
            continue
        try:
            values[key] = from_storage(fields[key], number, text)
        except ValueError:
            shown = text[:200] if isinstance(text, str) else text  # a text too long for the field: its start
            logging.getLogger("soanbaocao").warning("Giá trị hỏng của trường %s bị bỏ qua: %r", key, shown)
    return values


LINE_SEPARATOR = " | "
"""How ``fields`` prints the lines of a list or a multiline text on one line of output."""
_TYPED_SEPARATOR = re.compile(r"[ \t]+\|[ \t]+")


def one_line(spec: FieldSpec, value: Value) -> str:
    """``value`` on one line as ``fields`` prints it: a list's items (a multiline text's lines) joined by " | "."""
    return display_value(spec, value).replace("\n", LINE_SEPARATOR)


def from_one_line(spec: FieldSpec, typed: str) -> str:
    """Typed text for ``spec`` with the " | " that ``fields`` prints between lines read as line breaks, so what
    ``fields`` shows can be typed back with ``set``; other fields' text is kept as it is."""
    if spec.kind == "list" or (spec.kind == "text" and spec.multiline):
        return _TYPED_SEPARATOR.sub("\n", typed)
    return typed


def json_value(spec: FieldSpec, value: Value) -> int | str | list[str] | None:
    """A JSON-friendly form: numbers stay numbers, dates ISO, lists as lists."""
    if value is None or isinstance(value, int | str):
        return value
    if isinstance(value, date):
        return value.isoformat()
    return list(value)


def computed_ratio(spec: FieldSpec, values: Mapping[str, Value]) -> int | None:
    """The percentage ``spec`` computes from its counts; ``None`` when a count is blank, the whole is 0
    or the part exceeds the whole (a ``not_above`` check reports that)."""
    part, whole = (values.get(k) for k in spec.ratio_of or ())
    if not isinstance(part, int) or not isinstance(whole, int) or part > whole:
        return None
    return vnformat.ratio_percent(part, whole, spec.decimals)
