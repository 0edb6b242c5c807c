"""The checks of a template's body blocks, sentences and computed figures (the rest is ``template_check``).

Every ``{…}`` of a sentence must be a field or a known name with a known format, however it is misspelt
(``{HS_MOI}``, ``{ hs_moi }``, ``{}``, ``{a / b}``, ``{x:pct}``); a block's keys must belong to its type and not
contradict each other (``list`` with ``text`` would drop the text); conditions, formulas and tables are read here
the way the document builder reads them, so a template that passes prints what it says.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, Protocol

from model.report.expressions import ExpressionError, brace_mistake, braces_in, parse_condition, parse_formula

CONTEXT_NAMES = frozenset({"ky_bao_cao", "ky_bao_cao_ngan", "ten_co_quan"})
"""Names a sentence may use besides fields (:func:`model.report.placeholders.report_context`)."""


class TemplateChecker(Protocol):
    """What these checks use of :class:`model.report.template_check.TemplateChecker`."""

    fields: dict[str, dict[str, Any]]

    def add(self, where: str, message: str) -> None: ...
    def tables(self, name: str) -> Iterator[tuple[int, str, dict[str, Any]]]: ...

HEADING_LEVELS = (1, 2, 3)
"""A heading is a mục (level 1, ``I.``), a khoản (level 2, ``1.``) or a điểm (level 3, ``a)``)."""

_KEYS_OF: dict[str, set[str]] = {
    "heading": {"type", "level", "number", "title", "run_in", "when"},
    "paragraph": {"type", "text", "level", "bullet", "lead", "list", "numbered", "when"},
    "table": {"type", "title", "header", "rows", "total", "per_unit", "widths", "when"},
}
_MERGE_LEFT, _MERGE_UP = "<", "^"


def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _shown(value: object) -> str:
    """A value as the IT officer wrote it in TOML (``"abc"``, ``1``), or ``(không ghi)``."""
    return "(không ghi)" if value is None else json.dumps(value, ensure_ascii=False, default=str)[:80]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def check_sentence(checker: TemplateChecker, text: str, where: str, what: str, extra: frozenset[str] = frozenset()
                   ) -> None:
    """Every ``{…}`` of ``text`` names a field or a context name (or one of ``extra``) with a known format."""
    def known(name: str) -> bool:
        return name in checker.fields or name in CONTEXT_NAMES or name in extra

    for brace in braces_in(text):
        mistake = brace_mistake(brace, known)
        if mistake:
            checker.add(where, f"{what} {mistake}" if mistake.startswith("dùng") else f"{what}: {mistake}")


def check_field_extras(checker: TemplateChecker, raw: dict[str, Any], where: str) -> None:
    """``computed``, ``decimals`` and ``carry_from`` of one field (after every field is known)."""
    key = raw["key"]
    if "computed" in raw:
        _check_formula(checker, raw, where)
        if "over_time" in raw:
            checker.add(where, f"trường “{key}” tự tính nên không có over_time: báo cáo 6 tháng, năm tính lại nó "
                               "từ các số liệu thành phần.")
        if raw.get("cumulative"):
            checker.add(where, f"trường “{key}” tự tính nên không là số lũy kế (cumulative): nó luôn bằng công thức.")
    if "decimals" in raw:
        decimals = raw["decimals"]
        if raw.get("kind") != "percent":
            checker.add(where, f"trường “{key}”: chỉ tỷ lệ (kind = \"percent\") mới có “decimals”.")
        elif not (_is_int(decimals) and 0 <= decimals <= 2):
            checker.add(where, f"“decimals” của trường “{key}” phải là 0, 1 hoặc 2 (số chữ số sau dấu phẩy).")
    if "carry_from" in raw:
        source = raw["carry_from"]
        if not _is_text(source) or source not in checker.fields:
            checker.add(where, f"trường “{key}” mang sang từ trường {_shown(source)} mà mẫu không có (carry_from).")
        elif checker.fields[source].get("kind") != raw.get("kind"):
            checker.add(where, f"trường “{key}” mang sang từ “{source}” khác loại (carry_from cần cùng kind).")
        elif raw.get("computed"):
            checker.add(where, f"trường “{key}” tự tính nên không mang sang từ kỳ trước được (carry_from).")


def _check_formula(checker: TemplateChecker, raw: dict[str, Any], where: str) -> None:
    key, text = raw["key"], raw["computed"]
    if raw.get("kind") != "count":
        checker.add(where, f"trường “{key}”: chỉ số liệu đếm (kind = \"count\") mới tính được bằng công thức.")
        return
    if "ratio_of" in raw:
        checker.add(where, f"trường “{key}” có cả computed và ratio_of; chọn một.")
    if not _is_text(text):
        checker.add(where, f"“computed” của trường “{key}” phải là chữ, ví dụ \"a + b - c\".")
        return
    try:
        formula = parse_formula(text)
    except ExpressionError as exc:
        checker.add(where, f"trường “{key}”: {exc}")
        return
    for _sign, ref in formula:
        if ref not in checker.fields:
            checker.add(where, f"công thức của “{key}” dùng trường “{ref}” mà mẫu không có.")
        elif checker.fields[ref].get("kind") != "count":
            checker.add(where, f"công thức của “{key}” dùng trường “{ref}” không phải số liệu đếm.")
    if _reaches(checker.fields, key, key):
        checker.add(where, f"công thức của “{key}” vòng lại chính nó (qua các trường tự tính).")


def _reaches(fields: dict[str, dict[str, Any]], start: str, target: str) -> bool:
    """Whether the formulas from ``start`` lead back to ``target`` (a cycle)."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        raw = fields.get(stack.pop(), {})
        try:
            refs = [ref for _sign, ref in parse_formula(raw["computed"])] if _is_text(raw.get("computed")) else []
        except ExpressionError:
            refs = []
        for ref in refs:
            if ref == target:
                return True
            if ref not in seen:
                seen.add(ref)
                stack.append(ref)
    return False


def check_body(checker: TemplateChecker) -> None:
    for _index, where, block in checker.tables("body"):
        kind = block.get("type")
        if not isinstance(kind, str) or kind not in _KEYS_OF:
            checker.add(where, f"loại khối {_shown(kind)} không có; chọn heading, paragraph hoặc table.")
            continue
        for key in sorted(str(k) for k in block if k not in _KEYS_OF[kind]):
            known = any(key in keys for keys in _KEYS_OF.values()) or key == "level"
            checker.add(where, f"khối {kind} không dùng được khóa “{key}”." if known else
                        f"khối nội dung có khóa lạ “{key}”.")
        for name in ("text", "number", "title", "lead", "list", "when"):
            if name in block and not _is_text(block[name]):
                checker.add(where, f"“{name}” phải là chữ.")
        for name in ("run_in", "bullet", "numbered", "per_unit"):
            if name in block and not isinstance(block[name], bool):
                checker.add(where, f"“{name}” phải là true hoặc false.")
        if _is_text(block.get("when")):
            _check_when(checker, block["when"], where)
        if kind == "heading":
            if not (_is_int(block.get("level")) and block["level"] in HEADING_LEVELS):
                checker.add(where, "đề mục cần “level” = 1 (mục I., II.), 2 (khoản 1., 2.) hoặc 3 (điểm a), b)).")
        elif kind == "paragraph":
            _check_paragraph(checker, block, where)
        else:
            _check_table(checker, block, where)
        for name in ("text", "lead", "title"):
            if _is_text(block.get(name)):
                check_sentence(checker, block[name], where, "câu")


def _check_when(checker: TemplateChecker, text: str, where: str) -> None:
    try:
        condition = parse_condition(text)
    except ExpressionError as exc:
        checker.add(where, str(exc))
        return
    spec = checker.fields.get(condition.key)
    if spec is None:
        checker.add(where, f"điều kiện “{text}” dùng trường “{condition.key}” mà mẫu không có.")
    elif condition.number is not None and spec.get("kind") not in ("count", "percent"):
        checker.add(where, f"điều kiện “{text}” so “{condition.key}” với một số mà trường này không phải số liệu; "
                           "với chữ hãy viết != \"\".")
    elif condition.number is None and spec.get("kind") not in ("text", "list"):
        checker.add(where, f"điều kiện “{text}” so số liệu “{condition.key}” với chữ trống; hãy viết > 0.")


def _check_paragraph(checker: TemplateChecker, block: dict[str, Any], where: str) -> None:
    if "level" in block and not (_is_int(block["level"]) and 0 <= block["level"] <= 4):
        checker.add(where, "“level” phải là số từ 0 đến 4.")
    listed = block.get("list")
    if _is_text(listed) and listed:
        for name in ("text", "lead", "bullet"):
            if name in block:
                checker.add(where, f"khối có cả “list” và “{name}”: khối danh sách chỉ in các mục của danh sách, "
                                   f"“{name}” sẽ bị bỏ; hãy tách thành hai khối.")
        if listed not in checker.fields:
            checker.add(where, f"khối danh sách dùng trường “{listed}” mà mẫu không có.")
        elif checker.fields[listed].get("kind") != "list":
            checker.add(where, f"khối danh sách dùng trường “{listed}” không phải danh sách (kind = \"list\").")
    elif block.get("numbered"):
        checker.add(where, "“numbered = true” chỉ dùng với khối danh sách (list = \"ma_truong\").")
    elif "text" not in block:
        checker.add(where, "đoạn văn thiếu “text” (hoặc “list”).")


def _check_table(checker: TemplateChecker, block: dict[str, Any], where: str) -> None:
    header, rows, total = block.get("header"), block.get("rows"), block.get("total")
    if not (isinstance(header, list) and 1 <= len(header) <= 2 and all(_text_row(r) for r in header)):
        checker.add(where, "bảng cần “header” = một hoặc hai dòng tiêu đề cột, mỗi dòng một danh sách chữ.")
        return
    width = len(header[0])
    if width < 1 or any(len(row) != width for row in header):
        checker.add(where, "các dòng tiêu đề của bảng phải có cùng số cột.")
        return
    for number, row in enumerate(header, start=1):
        for column, cell in enumerate(row):
            if (cell == _MERGE_LEFT and column == 0) or (cell == _MERGE_UP and number == 1):
                checker.add(where, f"tiêu đề dòng {number}, cột {column + 1}: “{cell}” không có ô để gộp vào.")
            elif cell == _MERGE_LEFT and row[column - 1] == _MERGE_UP:
                checker.add(where, f"tiêu đề dòng {number}, cột {column + 1}: “<” đứng sau “^” nên không rõ gộp "
                                   "vào ô nào; ô gộp phải là hình chữ nhật bắt đầu bằng ô có chữ.")
    if not (isinstance(rows, list) and rows and all(_text_row(r) for r in rows)):
        checker.add(where, "bảng cần “rows” = danh sách các dòng, mỗi dòng một danh sách ô.")
        return
    if block.get("per_unit") and len(rows) != 1:
        checker.add(where, "bảng theo đơn vị (per_unit = true) có đúng một dòng mẫu trong “rows”.")
    if total is not None and not _text_row(total):
        checker.add(where, "“total” phải là một dòng (danh sách ô).")
        total = None
    for position, row in enumerate([*rows, *([total] if total else [])], start=1):
        label = "dòng tổng" if total and position == len(rows) + 1 else f"dòng {position}"
        if len(row) != width:
            checker.add(where, f"bảng: {label} có {len(row)} ô, tiêu đề có {width} cột.")
        for cell in row:
            _check_cell(checker, cell, where, label, bool(block.get("per_unit")))
    widths = block.get("widths")
    if widths is not None and not (isinstance(widths, list) and len(widths) == width and all(
            isinstance(w, int | float) and not isinstance(w, bool) and w > 0 for w in widths)):
        checker.add(where, f"“widths” phải là {width} số dương (độ rộng tương đối của từng cột).")


def _text_row(row: object) -> bool:
    return isinstance(row, list) and all(_is_text(cell) for cell in row)


def _check_cell(checker: TemplateChecker, cell: str, where: str, label: str, per_unit: bool) -> None:
    if cell.startswith("="):
        try:
            formula = parse_formula(cell[1:])
        except ExpressionError as exc:
            checker.add(where, f"bảng, {label}: {exc}")
            return
        for _sign, ref in formula:
            if checker.fields.get(ref, {}).get("kind") != "count":
                checker.add(where, f"bảng, {label}: ô “{cell}” dùng “{ref}” không phải số liệu đếm của mẫu.")
        return
    check_sentence(checker, cell, where, f"bảng, {label}", frozenset({"don_vi", "stt"}) if per_unit else frozenset())
