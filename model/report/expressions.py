"""The small expression languages of a template: computed figures, conditions and placeholders.

Kept deliberately small, so that an IT officer cannot write a program into a report: a computed figure is a sum
or difference of counts (``hs_ky_truoc + hs_moi``, no numbers, no calls); a condition is one comparison of a
field with a whole number or with ``""`` (``hs_xin_loi > 0``, ``ghi_chu != ""``); a placeholder is ``{key}`` or
``{key:format}``. Each reader returns a Vietnamese reason for what it cannot read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

_KEY = r"[a-z][a-z0-9_]{0,63}"
_TERM = re.compile(rf"\s*([+-])?\s*({_KEY})\s*")
_COMPARISON = re.compile(rf"^\s*({_KEY})\s*(>=|<=|==|!=|>|<)\s*(\d{{1,12}}|\"\")\s*$")

FORMATS = ("plain", "paren")
"""The formats a placeholder may ask for: ``{key:plain}`` (a count without thousands dots), ``{key:paren}``."""

Formula = tuple[tuple[int, str], ...]
"""A computed figure: each term's sign (+1, -1) and field key, in order."""


class ExpressionError(ValueError):
    """An expression a template cannot use; ``str()`` says why in Vietnamese."""


def parse_formula(text: str) -> Formula:
    """``"a + b - c"`` → ``((1, "a"), (1, "b"), (-1, "c"))``."""
    terms: list[tuple[int, str]] = []
    position = 0
    stripped = text.strip()
    if not stripped:
        raise ExpressionError("công thức trống; viết ví dụ \"hs_truc_tuyen + hs_truc_tiep\".")
    while position < len(text):
        match = _TERM.match(text, position)
        if match is None or match.end() == position or (terms and match.group(1) is None):
            rest = text[position:].strip()
            raise ExpressionError(f"công thức “{text}” chỉ được cộng (+) và trừ (-) các mã trường số liệu; "
                                  f"không đọc được “{rest[:20]}”.")
        if not terms and match.group(1) == "-":
            raise ExpressionError(f"công thức “{text}” không được bắt đầu bằng dấu trừ.")
        terms.append((-1 if match.group(1) == "-" else 1, match.group(2)))
        position = match.end()
    return tuple(terms)


def formula_text(formula: Formula) -> str:
    """``hs_ky_truoc + hs_moi`` back from its terms (for messages)."""
    return " ".join(f"{'-' if sign < 0 else '+'} {key}" for sign, key in formula).removeprefix("+ ")


def evaluate(formula: Formula, values: Mapping[str, object]) -> int | None:
    """The figure, or ``None`` when a term is blank (not reported) or the result is below zero."""
    total = 0
    for sign, key in formula:
        value = values.get(key)
        if not isinstance(value, int) or isinstance(value, bool):
            return None
        total += sign * value
    return total if total >= 0 else None


_OPERATORS: dict[str, Callable[[int, int], bool]] = {
    ">": int.__gt__, ">=": int.__ge__, "<": int.__lt__, "<=": int.__le__, "==": int.__eq__, "!=": int.__ne__,
}


@dataclass(frozen=True)
class Condition:
    """``key op number`` for a figure, ``key != ""`` (or ``== ""``) for a text."""

    key: str
    operator: str
    number: int | None
    """``None`` when compared with ``""`` (blank)."""

    def holds(self, values: Mapping[str, object]) -> bool:
        """A blank figure satisfies no comparison with a number (it was not reported)."""
        value = values.get(self.key)
        if self.number is None:
            blank = value is None or (isinstance(value, str | tuple) and not value)
            return blank if self.operator == "==" else not blank
        if not isinstance(value, int) or isinstance(value, bool):
            return False
        return _OPERATORS[self.operator](value, self.number)


def parse_condition(text: str) -> Condition:
    match = _COMPARISON.match(text)
    if match is None:
        raise ExpressionError(f"điều kiện “{text}” phải là một phép so sánh: mã trường, dấu so sánh (>, >=, <, <=, "
                              "==, !=) và một số nguyên, ví dụ \"hs_xin_loi > 0\", hoặc \"ghi_chu != \\\"\\\"\".")
    key, operator, right = match.groups()
    if right == '""':
        if operator not in ("==", "!="):
            raise ExpressionError(f"điều kiện “{text}”: chữ chỉ so được bằng == \"\" (trống) "
                                  "hoặc != \"\" (có nội dung).")
        return Condition(key, operator, None)
    return Condition(key, operator, int(right))


# ---------------------------------------------------------------- placeholders
_BRACES = re.compile(r"\{([^{}]*)\}|[{}]")
PLACEHOLDER = re.compile(rf"\{{({_KEY})(?::([a-z]+))?\}}")


@dataclass(frozen=True)
class Brace:
    """One ``{…}`` of a sentence (or a lone brace): its text, and its key and format when well formed."""

    raw: str
    key: str | None
    fmt: str | None


def braces_in(text: str) -> Iterator[Brace]:
    for match in _BRACES.finditer(text):
        raw = match.group(0)
        well = PLACEHOLDER.fullmatch(raw)
        yield Brace(raw, well.group(1) if well else None, well.group(2) if well else None)


def brace_mistake(brace: Brace, known: Callable[[str], bool]) -> str | None:
    """Why ``brace`` cannot be filled (``known`` says which names a sentence may use), or ``None``."""
    raw = brace.raw
    if raw in ("{", "}"):
        return f"có dấu “{raw}” lẻ (chỗ điền viết {{ma_truong}})."
    inner = raw[1:-1]
    if brace.key is not None:
        if not known(brace.key):
            return f"dùng {raw} mà mẫu không có trường này."
        if brace.fmt is not None and brace.fmt not in FORMATS:
            return (f"chỗ điền {raw} có định dạng “{brace.fmt}” không có; chỉ dùng được: "
                    f"{', '.join(':' + f for f in FORMATS)}.")
        return None
    if not inner.strip():
        return "có chỗ điền trống “{}”; viết mã trường giữa hai dấu ngoặc, ví dụ {hs_moi}."
    name, _, fmt = inner.partition(":")
    if inner != inner.strip() or name != name.strip():
        return f"chỗ điền {raw} có dấu cách; viết liền: {{{inner.strip().replace(' ', '')}}}."
    if re.fullmatch(_KEY, name.lower()) and name != name.lower():
        return f"chỗ điền {raw} viết hoa; mã trường viết thường: {{{inner.lower()}}}."
    if re.search(r"[-+*/()]", name):
        return (f"chỗ điền {raw} là một phép tính; câu chỉ in được một trường: hãy khai báo một trường "
                "tính sẵn (computed = \"a + b\" hoặc ratio_of) rồi dùng mã của nó.")
    if fmt and not re.fullmatch(r"[a-z]+", fmt):
        return f"chỗ điền {raw} có định dạng “{fmt}” không có; chỉ dùng được: {', '.join(':' + f for f in FORMATS)}."
    return f"chỗ điền {raw} không phải mã trường (chữ thường không dấu, chữ số và “_”)."
