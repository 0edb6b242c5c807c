"""What a template may say, checked key by key: every mistake of a template's TOML tables, with its line or key.

A template from outside is untrusted input: unknown keys are refused, every field a sentence, check, ratio or
appendix column names must exist, and each mistake is said in Vietnamese. Parsing (``template_source``) runs this
first, so the typed :class:`~model.report.template.Template` is only built from tables that passed.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from model.report.levels import consolidation_mistakes
from model.report.template import FIELD_KINDS
from model.report.template_blocks import check_body, check_field_extras, check_sentence
from model.vietnamese.period import PERIOD_KINDS
from model.vietnamese.textnorm import has_control_chars

KEY_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")


DOCUMENT_FIELDS: dict[str, str] = {
    "co_quan_chu_quan": "text", "co_quan_ban_hanh": "text", "so": "doc_number", "ky_hieu": "text",
    "dia_danh": "text", "ngay_ban_hanh": "date", "trich_yeu": "text", "nguoi_ky_quyen_han": "text",
    "nguoi_ky_chuc_vu": "text", "nguoi_ky_ho_ten": "text", "noi_nhan": "list",
}
"""The fields every template has, with their kind: the letterhead, title and signature of an ND 30 document."""


_TOP_KEYS = {"key", "version", "name", "period_kind", "type_code", "type_name", "groups", "body", "checks",
             "appendix", "deadline", "consolidation"}


_REQUIRED_TOP = ("key", "version", "name", "period_kind", "type_code", "type_name", "groups", "body", "checks")


_GROUP_KEYS = {"key", "title", "fields"}


_FIELD_KEYS = {"key", "label", "kind", "required", "multiline", "lines", "unit", "help", "default",
               "consolidate", "cumulative", "ratio_of", "over_time", "computed", "decimals", "carry_from"}


_FIELD_BOOLS = ("required", "multiline", "cumulative")


_FIELD_TEXTS = ("unit", "help", "default")


_APPENDIX_KEYS = {"heading", "unit_header", "total_label", "body_note", "columns"}


_CHECK_COMMON = {"kind", "severity", "message"}


# Each check kind (model/report/checks.py): its parameters naming one field, naming several, naming several but
# optional, and other parameters. A test keeps this table and the check engine's kinds the same.
_CHECK_PARAMS: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "sum": (("total",), ("parts",), (), ()),
    "not_above": (("part", "whole"), (), (), ()),
    "ratio": (("field",), (), (), ()),
    "not_below_previous": ((), ("fields",), (), ()),
    "required": ((), (), ("fields",), ()),
    "printed_blank": ((), (), (), ()),
    "doc_number": (("number", "symbol"), (), (), ()),
    "date_in_period": (("field",), (), (), ("late_days",)),
    "signer": (("authority", "title", "name"), (), (), ()),
    "recipients": (("field",), (), (), ()),
}


_NUMERIC_CHECKS = {"sum", "not_above", "not_below_previous"}


_PARAM_KINDS: dict[tuple[str, str], str] = {
    ("doc_number", "number"): "doc_number", ("doc_number", "symbol"): "text", ("date_in_period", "field"): "date",
    ("signer", "authority"): "text", ("signer", "title"): "text", ("signer", "name"): "text",
    ("recipients", "field"): "list",
}
"""The kind of field a check's parameter must name: the check reads its value as that kind (a date compared with
the period, a symbol matched as text, the recipients as a list)."""


_MESSAGE_NAMES: dict[str, frozenset[str]] = {
    "sum": frozenset({"total", "sum"}), "not_above": frozenset({"part", "whole"}),
    "ratio": frozenset({"stated", "expected"}), "not_below_previous": frozenset({"now", "before"}),
    "required": frozenset({"label"}),
}
"""The ``{names}`` a check's own ``message`` may use (the check engine fills them); other kinds print their own."""


@dataclass(frozen=True)
class Mistake:
    """One mistake of a template: where (``dòng 12`` or a key) and what, in Vietnamese."""

    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message


# ---------------------------------------------------------------- locating a mistake in the text
class _Locator:
    """Finds the line of a table (``[[checks]]`` number n) or of a field's ``key = "…"`` in the text (indexed
    once: the checker asks for every field)."""

    _KEY = re.compile(r'\bkey\s*=\s*"([^"\n]*)"')

    def __init__(self, text: str) -> None:
        self.keys: dict[str, int] = {}
        self.tables: dict[str, list[int]] = {}
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if stripped.startswith("[[") and stripped.endswith("]]"):
                self.tables.setdefault(stripped[2:-2], []).append(number)
            for match in self._KEY.finditer(line):
                self.keys.setdefault(match.group(1), number)

    def table(self, name: str, index: int) -> str:
        lines = self.tables.get(name, [])
        if index < len(lines):
            return f"dòng {lines[index]} ([[{name}]] thứ {index + 1})"
        return f"[[{name}]] thứ {index + 1}"

    def key(self, key: object, fallback: str) -> str:
        if isinstance(key, str) and key in self.keys:
            return f"dòng {self.keys[key]} (trường “{key}”)"
        return fallback


# ---------------------------------------------------------------- the checks
def _is_text(value: object) -> bool:
    return isinstance(value, str)


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shown(value: object) -> str:
    """A value of the template as the IT officer wrote it in TOML (``"abc"``, ``[1, 2]``, ``true``), never
    Python's spelling of it (``'abc'``, ``None``)."""
    if value is None:
        return "(không ghi)"
    try:
        return json.dumps(value, ensure_ascii=False, default=str)[:80]
    except ValueError:  # a float TOML reads as inf or nan
        return str(value)


def _message_mistake(message: str, names: frozenset[str]) -> str | None:
    """Why a check's ``message`` cannot be filled with ``names``, or ``None``."""
    try:
        parts = list(string.Formatter().parse(message))
    except ValueError:
        return "“message” có dấu { hoặc } lẻ; muốn in dấu ngoặc nhọn hãy viết {{ hoặc }}."
    for _literal, name, spec, conversion in parts:
        if name is None:
            continue
        if name not in names or spec or conversion:
            allowed = ", ".join(f"{{{n}}}" for n in sorted(names)) or "không tên nào"
            return f"“message” dùng {{{name}}} mà kiểm tra này chỉ điền được: {allowed}."
    return None


def _unknown(raw: dict[str, Any], allowed: set[str]) -> list[str]:
    return sorted(str(k) for k in raw if k not in allowed)


class TemplateChecker:
    def __init__(self, text: str, data: dict[str, Any]) -> None:
        self.data = data
        self.where = _Locator(text)
        self.mistakes: list[Mistake] = []
        self.fields: dict[str, dict[str, Any]] = {}

    def add(self, where: str, message: str) -> None:
        self.mistakes.append(Mistake(where, message))

    def run(self) -> list[Mistake]:
        self._strings(self.data, "")
        self._top()
        self._groups()
        self._document_fields()
        self._body()
        self._checks()
        self._appendix()
        self._deadline()
        for where, message in consolidation_mistakes(self.data.get("consolidation"), self.fields):
            self.add(where, message)
        return self.mistakes

    def _deadline(self) -> None:
        """``[deadline] day = 15, months_after = 0``: due on the 15th of the period's last month."""
        deadline = self.data.get("deadline")
        if deadline is None:
            return
        if not isinstance(deadline, dict) or set(deadline) != {"day", "months_after"}:
            self.add("deadline", "hạn nộp phải là bảng [deadline] có đúng hai khóa “day” và “months_after”.")
            return
        if not (_is_int(deadline["day"]) and 1 <= deadline["day"] <= 31):
            self.add("deadline.day", "ngày hạn nộp phải là số từ 1 đến 31.")
        if not (_is_int(deadline["months_after"]) and 0 <= deadline["months_after"] <= 12):
            self.add("deadline.months_after", "số tháng sau kỳ báo cáo phải từ 0 đến 12.")

    def _strings(self, value: object, path: str) -> None:
        """No control character in any text of the template (python-docx refuses them; a PDF shows boxes)."""
        if isinstance(value, str):
            if has_control_chars(value):
                self.add(path or "tệp", "có ký tự điều khiển (ký tự ẩn không in được) trong chữ.")
        elif isinstance(value, dict):
            for key, item in value.items():
                self._strings(item, f"{path}.{key}" if path else str(key))
        elif isinstance(value, list):
            for index, item in enumerate(value, start=1):
                self._strings(item, f"{path}[{index}]")

    def _top(self) -> None:
        data = self.data
        for key in _unknown(data, _TOP_KEYS):
            self.add(key, f"khóa “{key}” không có trong định dạng mẫu báo cáo.")
        for key in _REQUIRED_TOP:
            if key not in data:
                self.add(key, f"thiếu mục “{key}”.")
        key = data.get("key")
        if "key" in data and not (_is_text(key) and KEY_PATTERN.match(key)):
            self.add("key", f"mã mẫu {_shown(key)} phải viết thường không dấu, chữ số và “_” (ví dụ nq36a_quy).")
        version = data.get("version")
        if "version" in data and not (_is_int(version) and 1 <= version <= 10_000):
            self.add("version", f"phiên bản {_shown(version)} phải là số nguyên dương.")
        if "period_kind" in data and data["period_kind"] not in PERIOD_KINDS:
            self.add("period_kind", f"loại kỳ {_shown(data['period_kind'])} không có; chọn một trong: "
                                    f"{', '.join(PERIOD_KINDS)}.")
        for key in ("name", "type_code", "type_name"):
            if key in data and not (_is_text(data[key]) and data[key].strip()):
                self.add(key, f"“{key}” phải là một dòng chữ.")

    def tables(self, name: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
        items = self.data.get(name, [])
        if not isinstance(items, list):
            self.add(name, f"“{name}” phải là danh sách [[{name}]].")
            return
        for index, raw in enumerate(items):
            where = self.where.table(name, index)
            if isinstance(raw, dict):
                yield index, where, raw
            else:
                self.add(where, "phải là một bảng.")

    def _groups(self) -> None:
        group_keys: set[str] = set()
        for _index, where, group in self.tables("groups"):
            for key in _unknown(group, _GROUP_KEYS):
                self.add(where, f"nhóm có khóa lạ “{key}”.")
            key = group.get("key")
            if not (_is_text(key) and KEY_PATTERN.match(key)):
                self.add(where, f"mã nhóm {_shown(key)} phải viết thường không dấu (ASCII snake_case).")
            elif key in group_keys:
                self.add(where, f"mã nhóm “{key}” bị trùng.")
            else:
                group_keys.add(key)
            if not _is_text(group.get("title")):
                self.add(where, "nhóm thiếu tiêu đề “title”.")
            fields = group.get("fields")
            if not isinstance(fields, list):
                self.add(where, "nhóm thiếu danh sách trường “fields”.")
                continue
            for position, raw in enumerate(fields, start=1):
                self._field(raw, f"{where}, trường thứ {position}")
        for raw in self.fields.values():
            self._field_references(raw)

    def _field(self, raw: object, fallback: str) -> None:
        if not isinstance(raw, dict):
            self.add(fallback, "trường phải là một bảng { key = …, label = …, kind = … }.")
            return
        key = raw.get("key")
        where = self.where.key(key, fallback)
        for unknown in _unknown(raw, _FIELD_KEYS):
            self.add(where, f"trường có khóa lạ “{unknown}”.")
        if not (_is_text(key) and KEY_PATTERN.match(key)):
            self.add(where, f"mã trường {_shown(key)} phải viết thường không dấu, chữ số và “_” (ASCII snake_case, "
                            "tối đa 64 ký tự).")
            return
        if key in self.fields:
            self.add(where, f"mã trường “{key}” bị trùng.")
            return
        self.fields[key] = raw
        if not (_is_text(raw.get("label")) and raw["label"].strip()):
            self.add(where, f"trường “{key}” thiếu nhãn “label”.")
        if raw.get("kind") not in FIELD_KINDS:
            self.add(where, f"trường “{key}” có loại {_shown(raw.get('kind'))} không có; chọn một trong: "
                            f"{', '.join(FIELD_KINDS)}.")
        for name in _FIELD_BOOLS:
            if name in raw and not isinstance(raw[name], bool):
                self.add(where, f"“{name}” của trường “{key}” phải là true hoặc false.")
        for name in _FIELD_TEXTS:
            if name in raw and not _is_text(raw[name]):
                self.add(where, f"“{name}” của trường “{key}” phải là chữ.")
        if "lines" in raw and not (_is_int(raw["lines"]) and 1 <= raw["lines"] <= 40):
            self.add(where, f"“lines” của trường “{key}” phải là số dòng từ 1 đến 40.")
        consolidate = raw.get("consolidate", "none")
        if consolidate not in ("sum", "ratio", "none"):
            self.add(where, f"“consolidate” của trường “{key}” phải là sum, ratio hoặc none.")
        elif consolidate == "sum" and raw.get("kind") != "count":
            self.add(where, f"trường “{key}”: chỉ số liệu đếm (kind = \"count\") mới cộng được (consolidate = sum).")
        elif consolidate == "ratio" and "ratio_of" not in raw:
            self.add(where, f"trường “{key}”: consolidate = ratio cần ratio_of = [tử số, mẫu số].")
        over_time = raw.get("over_time")
        if over_time is not None and over_time not in ("sum", "last", "first", "mean"):
            self.add(where, f"“over_time” của trường “{key}” phải là sum, last, first hoặc mean.")
        elif over_time is not None and raw.get("kind") != "count":
            self.add(where, f"trường “{key}”: chỉ số liệu đếm mới có over_time (cách cộng các quý).")
        if raw.get("cumulative") and raw.get("kind") != "count":
            self.add(where, f"trường “{key}”: chỉ số liệu đếm mới là lũy kế (cumulative).")

    def _field_references(self, raw: dict[str, Any]) -> None:
        key = raw["key"]
        where = self.where.key(key, f"trường “{key}”")
        if "ratio_of" in raw:
            ratio_of = raw["ratio_of"]
            if raw.get("kind") != "percent":
                self.add(where, f"trường “{key}” có ratio_of nên phải là tỷ lệ (kind = \"percent\").")
            if not (isinstance(ratio_of, list) and len(ratio_of) == 2 and all(map(_is_text, ratio_of))):
                self.add(where, f"ratio_of của trường “{key}” phải là [tử số, mẫu số].")
            else:
                for ref in ratio_of:
                    if ref not in self.fields:
                        self.add(where, f"tỷ lệ “{key}” tính từ trường “{ref}” mà mẫu không có.")
                    elif self.fields[ref].get("kind") != "count":
                        self.add(where, f"tỷ lệ “{key}” tính từ trường “{ref}” không phải số liệu đếm.")
        default = raw.get("default")
        if _is_text(default):
            check_sentence(self, default, where, f"giá trị mặc định của trường “{key}”")
        check_field_extras(self, raw, where)

    def _document_fields(self) -> None:
        if not isinstance(self.data.get("groups"), list):
            return
        for key, kind in DOCUMENT_FIELDS.items():
            raw = self.fields.get(key)
            if raw is None:
                self.add("groups", f"thiếu trường “{key}” (kind = \"{kind}\") mà văn bản nào cũng có "
                                   "(tiêu đề, số ký hiệu, người ký, nơi nhận).")
            elif raw.get("kind") != kind:
                self.add(self.where.key(key, key), f"trường “{key}” phải có kind = \"{kind}\".")

    def _body(self) -> None:
        check_body(self)

    def _checks(self) -> None:
        for _index, where, check in self.tables("checks"):
            kind = check.get("kind")
            if not (_is_text(kind) and kind in _CHECK_PARAMS):
                self.add(where, f"loại kiểm tra {_shown(kind)} không có; chọn một trong: {', '.join(_CHECK_PARAMS)}.")
                continue
            single, several, optional, other = _CHECK_PARAMS[kind]
            for key in _unknown(check, _CHECK_COMMON | set(single) | set(several) | set(optional) | set(other)):
                self.add(where, f"kiểm tra “{kind}” có tham số lạ “{key}”.")
            if check.get("severity", "error") not in ("error", "warning"):
                self.add(where, "“severity” phải là \"error\" (lỗi) hoặc \"warning\" (cảnh báo).")
            if "message" in check and not _is_text(check["message"]):
                self.add(where, "“message” phải là chữ.")
            elif "message" in check:
                wrong = _message_mistake(check["message"], _MESSAGE_NAMES.get(kind, frozenset()))
                if wrong:
                    self.add(where, wrong)
            named: list[str] = []
            for param in single:
                value = check.get(param)
                if not _is_text(value):
                    self.add(where, f"kiểm tra “{kind}” thiếu “{param}” (mã một trường).")
                else:
                    named.append(value)
            for param in several + tuple(p for p in optional if p in check):
                value = check.get(param)
                if not (isinstance(value, list) and value and all(map(_is_text, value))):
                    self.add(where, f"kiểm tra “{kind}” thiếu “{param}” (danh sách mã trường).")
                else:
                    named += value
            if "late_days" in check and not (_is_int(check["late_days"]) and 0 <= check["late_days"] <= 3660):
                self.add(where, "“late_days” phải là số ngày.")
            for param in single:
                spec = self.fields.get(check.get(param)) if _is_text(check.get(param)) else None
                needed = _PARAM_KINDS.get((kind, param))
                if spec is not None and needed and spec.get("kind") != needed:
                    self.add(where, f"“{param}” của kiểm tra “{kind}” phải là trường kind = \"{needed}\" "
                                    f"(“{check[param]}” không phải).")
            for key in named:
                spec = self.fields.get(key)
                if spec is None:
                    self.add(where, f"kiểm tra “{kind}” dùng trường “{key}” mà mẫu không có.")
                elif kind in _NUMERIC_CHECKS and spec.get("kind") not in ("count", "percent"):
                    self.add(where, f"kiểm tra “{kind}” so sánh trường “{key}” không phải số liệu.")
                elif kind == "ratio" and "ratio_of" not in spec:
                    self.add(where, f"kiểm tra “ratio” dùng trường “{key}” không có ratio_of.")

    def _appendix(self) -> None:
        appendix = self.data.get("appendix")
        if appendix is None:
            return
        if not isinstance(appendix, dict):
            self.add("appendix", "“appendix” phải là một bảng [appendix].")
            return
        for key in _unknown(appendix, _APPENDIX_KEYS):
            self.add("appendix", f"phụ lục có khóa lạ “{key}”.")
        for name in ("heading", "unit_header", "total_label"):
            if not _is_text(appendix.get(name)):
                self.add("appendix", f"phụ lục thiếu “{name}”.")
        if _is_text(appendix.get("heading")):
            check_sentence(self, appendix["heading"], "appendix", "tiêu đề phụ lục")
        columns = appendix.get("columns")
        if not (isinstance(columns, list) and columns):
            self.add("appendix", "phụ lục thiếu danh sách cột “columns”.")
            return
        for position, column in enumerate(columns, start=1):
            where = f"appendix, cột thứ {position}"
            if not (isinstance(column, dict) and _is_text(column.get("key")) and _is_text(column.get("header"))):
                self.add(where, "cột phải là { key = …, header = … }.")
                continue
            for key in _unknown(column, {"key", "header"}):
                self.add(where, f"cột có khóa lạ “{key}”.")
            spec = self.fields.get(column["key"])
            if spec is None:
                self.add(where, f"cột phụ lục dùng trường “{column['key']}” mà mẫu không có.")
                continue
            summed = spec.get("kind") == "count" and spec.get("consolidate") == "sum"
            ratio_of = spec.get("ratio_of") if spec.get("consolidate") == "ratio" else None
            recomputed = isinstance(ratio_of, list) and all(
                self.fields.get(k, {}).get("consolidate") == "sum" for k in ratio_of if _is_text(k))
            if not (summed or recomputed):
                self.add(where, f"cột “{column['key']}” phải là số liệu cộng dồn (consolidate = sum) hoặc tỷ lệ "
                                "tính lại từ số liệu cộng dồn.")
