"""The check engine: template check specs compiled once into small functions over a report's values.

A check yields :class:`Problem` objects (severity, the field keys involved, a Vietnamese message
naming the fields as the clerk sees them). Blanks are "not reported": a figure check involving a
blank checks nothing; the ``required`` check is the one that reports blanks.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from model.report.placeholders import dotted_when_blank
from model.report.template import CheckSpec, Template
from model.report.values import Value
from model.vietnamese.period import Period
from model.vietnamese.period_mentions import other_periods
from model.vietnamese.vnformat import format_count, format_date_short, format_percent, ratio_percent

Severity = Literal["error", "warning", "request"]
"""``request``: what the level above asked to correct when it returned the report (never blocks an export)."""


@dataclass(frozen=True)
class Problem:
    severity: Severity
    field_keys: tuple[str, ...]
    message: str

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


@dataclass(frozen=True)
class CheckContext:
    """What a check may look at besides the values: the period and the previous period's values."""

    period: Period
    previous: Mapping[str, Value] | None = None
    known: tuple[Problem, ...] = ()
    """Problems found outside the values, listed with the checks' own: the units of a consolidated report
    whose template version lacks one of its summed figures (:func:`model.exchange.appendix.units_lacking_fields`)."""
    issuing: bool = False
    """Checked as the report is issued: a blank date is then an error (on a draft, where the date is written at
    issuance, a warning)."""


CheckFn = Callable[[Mapping[str, Value], CheckContext], Iterator[Problem]]
_BUILDERS: dict[str, Callable[[Template, CheckSpec], CheckFn]] = {}


def _builder(kind: str):
    def register(fn: Callable[[Template, CheckSpec], CheckFn]) -> Callable[[Template, CheckSpec], CheckFn]:
        _BUILDERS[kind] = fn
        return fn
    return register


def _quote(template: Template, key: str) -> str:
    return f"“{template.fields[key].label}”"


def _message(spec: CheckSpec, default: str, **values: object) -> str:
    """The check's own ``message`` filled with ``values``, figures written as everywhere else (``46.000``)."""
    if not spec.message:
        return default
    shown = {name: format_count(value) if isinstance(value, int) and not isinstance(value, bool) else value
             for name, value in values.items()}
    return spec.message.format(**shown)


@_builder("sum")
def _sum(template: Template, spec: CheckSpec) -> CheckFn:
    total, parts = spec.params["total"], tuple(spec.params["parts"])
    keys = (total, *parts)
    part_names = " + ".join(_quote(template, p) for p in parts)

    def check(values: Mapping[str, Value], _: CheckContext) -> Iterator[Problem]:
        numbers = [values.get(k) for k in keys]
        if any(n is None for n in numbers):
            return
        expected = sum(numbers[1:])
        if numbers[0] != expected:
            default = (f"{_quote(template, total)} là {format_count(numbers[0])} nhưng {part_names} "
                       f"= {format_count(expected)}.")
            yield Problem(spec.severity, keys, _message(spec, default, total=numbers[0], sum=expected))
    return check


@_builder("not_above")
def _not_above(template: Template, spec: CheckSpec) -> CheckFn:
    part, whole = spec.params["part"], spec.params["whole"]

    def check(values: Mapping[str, Value], _: CheckContext) -> Iterator[Problem]:
        p, w = values.get(part), values.get(whole)
        if p is not None and w is not None and p > w:
            default = (f"{_quote(template, part)} ({format_count(p)}) lớn hơn "
                       f"{_quote(template, whole)} ({format_count(w)}).")
            yield Problem(spec.severity, (part, whole), _message(spec, default, part=p, whole=w))
    return check


@_builder("ratio")
def _ratio(template: Template, spec: CheckSpec) -> CheckFn:
    key = spec.params["field"]
    part, whole = template.fields[key].ratio_of
    decimals = template.fields[key].decimals

    def check(values: Mapping[str, Value], _: CheckContext) -> Iterator[Problem]:
        p, w, stated = values.get(part), values.get(whole), values.get(key)
        if p is None or w is None or p > w:
            return
        expected = ratio_percent(p, w, decimals)
        if expected is None or stated == expected:
            return
        shown = "chưa có" if stated is None else f"là {format_percent(stated, decimals)}"
        default = (f"{_quote(template, key)} {shown} nhưng {format_count(p)}/{format_count(w)} "
                   f"= {format_percent(expected, decimals)}.")
        stated_text = "chưa có" if stated is None else format_percent(stated, decimals)
        yield Problem(spec.severity, (key, part, whole),
                      _message(spec, default, stated=stated_text, expected=format_percent(expected, decimals)))
    return check


@_builder("not_below_previous")
def _not_below_previous(template: Template, spec: CheckSpec) -> CheckFn:
    keys = tuple(spec.params["fields"])

    def check(values: Mapping[str, Value], context: CheckContext) -> Iterator[Problem]:
        if not context.previous:
            return
        previous_period = context.period.previous().text
        for key in keys:
            now, before = values.get(key), context.previous.get(key)
            if now is not None and before is not None and now < before:
                default = (f"{_quote(template, key)} giảm từ {format_count(before)} ({previous_period}) "
                           f"xuống {format_count(now)}; hãy kiểm tra lại.")
                yield Problem(spec.severity, (key,), _message(spec, default, now=now, before=before))
    return check


@_builder("required")
def _required(template: Template, spec: CheckSpec) -> CheckFn:
    """The fields marked ``required``, or the ``fields`` the check names (e.g. the narratives, as a warning: a
    section whose text is blank prints its heading and figures only). ``message`` may use ``{label}``."""
    named = spec.params.get("fields")
    keys = tuple(named) if named else tuple(f.key for f in template.fields.values() if f.required)
    unknown = [key for key in keys if key not in template.fields]
    if unknown:
        raise ValueError(f"Kiểm tra required nói đến trường không có: {unknown}")

    def check(values: Mapping[str, Value], context: CheckContext) -> Iterator[Problem]:
        for key in keys:
            if values.get(key) is None:
                if template.fields[key].kind == "date" and not context.issuing:  # the date is given at issuance
                    yield Problem("warning", (key,), f"Chưa điền {_quote(template, key)}: điền khi ban hành.")
                    continue
                yield Problem(spec.severity, (key,),
                              _message(spec, f"Chưa điền {_quote(template, key)}.", label=_quote(template, key)))
    return check


@_builder("printed_blank")
def _printed_blank(template: Template, spec: CheckSpec) -> CheckFn:
    """An optional figure left blank prints “…” in its sentence: a document the văn thư sends back. (A required
    one is reported by ``required``.)"""
    used = dict.fromkeys(key for block in template.body for text in (block.text, block.lead)
                         for key in dotted_when_blank(text)
                         if not (block.condition and block.condition.key == key))  # printed only when reported
    keys = tuple(key for key in used if key in template.fields and template.fields[key].kind == "count"
                 and not template.fields[key].required)

    def check(values: Mapping[str, Value], _: CheckContext) -> Iterator[Problem]:
        for key in keys:
            if values.get(key) is None:
                yield Problem(spec.severity, (key,),
                              f"{_quote(template, key)} để trống: văn bản sẽ in “…” ở chỗ số liệu này.")
    return check


_SYMBOL = re.compile(r"^[A-Za-zĐđ]+(-[A-ZĐ0-9]+)+$")


@_builder("doc_number")
def _doc_number(template: Template, spec: CheckSpec) -> CheckFn:
    symbol_key = spec.params["symbol"]
    prefix = f"{template.type_code}-"

    def check(values: Mapping[str, Value], _: CheckContext) -> Iterator[Problem]:
        symbol = values.get(symbol_key)
        if symbol is None:
            return
        if not _SYMBOL.match(symbol) or not symbol.startswith(prefix):
            yield Problem(spec.severity, (symbol_key,),
                          f"Ký hiệu “{symbol}” không đúng thể thức: viết hoa, không dấu cách, bắt đầu bằng "
                          f"“{prefix}”, ví dụ {prefix}UBND.")
    return check


@_builder("date_in_period")
def _date_in_period(template: Template, spec: CheckSpec) -> CheckFn:
    key = spec.params["field"]
    late = timedelta(days=int(spec.params.get("late_days", 90)))

    def check(values: Mapping[str, Value], context: CheckContext) -> Iterator[Problem]:
        day = values.get(key)
        if day is None:
            return
        period = context.period
        if day < period.start:
            yield Problem(spec.severity, (key,),
                          f"{_quote(template, key)} {format_date_short(day)} ở trước {period.text}; "
                          f"báo cáo chỉ ban hành trong hoặc sau kỳ báo cáo.")
        elif day > period.end + late:
            yield Problem("warning", (key,),
                          f"{_quote(template, key)} {format_date_short(day)} muộn hơn "
                          f"{late.days} ngày sau khi hết {period.text}.")
    return check


_AUTHORITY = re.compile(r"^(TM\.|KT\.|TL\.|TUQ\.|Q\.) \S.*$")
_DEGREE = re.compile(r"^(GS|PGS|TS|ThS|BS|KS|CN)\.?\s")


@_builder("signer")
def _signer(template: Template, spec: CheckSpec) -> CheckFn:
    authority, title, name = spec.params["authority"], spec.params["title"], spec.params["name"]

    def check(values: Mapping[str, Value], _: CheckContext) -> Iterator[Problem]:
        lines = str(values.get(authority) or "").split("\n")
        for line in filter(None, lines):
            if not _AUTHORITY.match(line) or line != line.upper():
                yield Problem(spec.severity, (authority,),
                              f"Dòng quyền hạn “{line}” phải bắt đầu bằng TM., KT., TL., TUQ. hoặc Q. và viết hoa.")
        job = values.get(title)
        if job is not None and job != job.upper():
            yield Problem(spec.severity, (title,), f"{_quote(template, title)} phải viết hoa: “{job.upper()}”.")
        person = values.get(name)
        if person is not None:
            if _DEGREE.match(person):
                yield Problem(spec.severity, (name,), "Không ghi học hàm, học vị trước họ tên người ký.")
            elif person == person.upper() and any(c.isalpha() for c in person):
                yield Problem(spec.severity, (name,),
                              "Họ tên người ký viết hoa chữ cái đầu mỗi tiếng, không viết hoa cả.")
    return check


@_builder("recipients")
def _recipients(template: Template, spec: CheckSpec) -> CheckFn:
    key = spec.params["field"]

    def check(values: Mapping[str, Value], _: CheckContext) -> Iterator[Problem]:
        items = values.get(key)
        if not items:
            return
        if not (items[-1].startswith("Lưu: VT") and items[-1].endswith(".")):
            yield Problem(spec.severity, (key,),
                          "Dòng cuối của Nơi nhận phải là “Lưu: VT, ….” (kết thúc bằng dấu chấm).")
        unfinished = [item for item in items[:-1] if not item.endswith(";")]
        if unfinished:
            yield Problem(spec.severity, (key,), f"Nơi nhận “{unfinished[0]}” phải kết thúc bằng dấu chấm phẩy (;).")
    return check


class CheckEngine:
    """All checks of one template, compiled once; :meth:`run` is called on every keystroke."""

    def __init__(self, template: Template) -> None:
        self.template = template
        unknown = [c.kind for c in template.checks if c.kind not in _BUILDERS]
        if unknown:
            raise ValueError(f"Loại kiểm tra không biết: {unknown}")
        self._checks = [_BUILDERS[c.kind](template, c) for c in template.checks]

    def run(self, values: Mapping[str, Value], context: CheckContext) -> list[Problem]:
        problems = [p for check in self._checks for p in check(values, context)] + list(context.known)
        problems += self._other_periods(values, context.period)
        problems.sort(key=lambda p: p.severity != "error")
        return problems

    def _other_periods(self, values: Mapping[str, Value], period: Period) -> Iterator[Problem]:
        """A text naming another period than the report's (a narrative carried over from a quarter into the
        6-month report): every template gets this warning."""
        for key, spec in self.template.fields.items():
            value = values.get(key)
            if spec.kind not in ("text", "list") or not value:
                continue
            mentions = other_periods("\n".join(value) if isinstance(value, tuple) else str(value), period)
            if mentions:
                named = ", ".join(f"“{mention}”" for mention in mentions)
                yield Problem("warning", (key,), f"{_quote(self.template, key)} nhắc tới {named}, khác kỳ của báo "
                                                 f"cáo ({period.text}): hãy sửa nếu đoạn này chép từ kỳ khác.")


_ENGINES: dict[int, tuple[Template, CheckEngine]] = {}


def engine_for(template: Template) -> CheckEngine:
    """The compiled engine of ``template`` (compiled once per parsed template: two libraries may hold different
    texts under one key and version, so the key is the parsed object, which is kept alive here)."""
    entry = _ENGINES.get(id(template))
    if entry is None or entry[0] is not template:
        entry = _ENGINES[id(template)] = (template, CheckEngine(template))
    return entry[1]
