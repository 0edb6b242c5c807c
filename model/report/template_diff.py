"""What a template version changes against the version in use, for the person deciding whether to trust it.

A received template is used for new reports only after a person accepted it having seen this (README: the trust
model). Every piece of text that can reach a document is compared sentence by sentence, so one sentence planted in
a long paragraph, a field's default, a check's message or the appendix shows as one added sentence.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, fields

from model.report.template import FieldSpec, Template

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_FIELD_ATTRIBUTES = {
    "label": "tên", "kind": "kiểu", "group": "mục", "required": "bắt buộc", "multiline": "nhiều dòng",
    "lines": "số dòng", "unit": "đơn vị", "help": "hướng dẫn", "default": "nội dung mặc định",
    "consolidate": "cách tổng hợp", "cumulative": "lũy kế", "ratio_of": "tỷ lệ của", "over_time": "cộng theo kỳ",
}
_KIND_ATTRIBUTES = {"name": "tên mẫu", "period_kind": "loại kỳ", "type_code": "ký hiệu loại văn bản",
                    "type_name": "tên loại văn bản"}


@dataclass(frozen=True)
class TemplateChanges:
    """Lines in Vietnamese, one per difference, grouped as the reviewer reads them."""

    kind: tuple[str, ...]
    fields: tuple[str, ...]
    sentences_added: tuple[str, ...]
    sentences_removed: tuple[str, ...]
    checks: tuple[str, ...]

    @property
    def none(self) -> bool:
        return not (self.kind or self.fields or self.sentences_added or self.sentences_removed or self.checks)


def _sentences(template: Template) -> Counter[str]:
    """Every sentence of text the template can print: body, fields' defaults, checks' messages, appendix."""
    pieces = [piece for block in template.body for piece in (block.title, block.lead, block.text)]
    pieces += [spec.default for spec in template.fields.values()]
    pieces += [check.message for check in template.checks]
    if template.appendix is not None:
        appendix = template.appendix
        pieces += [appendix.heading, appendix.unit_header, appendix.total_label, appendix.body_note]
        pieces += [column.header for column in appendix.columns]
    found: Counter[str] = Counter()
    for piece in pieces:
        for sentence in _SENTENCE_END.split(piece.strip()):
            if sentence.strip():
                found[sentence.strip()] += 1
    return found


def _check_lines(template: Template) -> Counter[str]:
    lines: Counter[str] = Counter()
    for check in template.checks:
        params = ", ".join(f"{key} = {value}" for key, value in sorted(check.params.items()))
        severity = "lỗi" if check.severity == "error" else "cảnh báo"
        lines[f"{check.kind} ({severity}; {params})" + (f": “{check.message}”" if check.message else "")] += 1
    return lines


def _field_changes(old: dict[str, FieldSpec], new: dict[str, FieldSpec]) -> list[str]:
    lines = [f"Thêm trường “{spec.label}” ({key})" for key, spec in new.items() if key not in old]
    lines += [f"Bỏ trường “{spec.label}” ({key})" for key, spec in old.items() if key not in new]
    for key in (k for k in new if k in old and new[k] != old[k]):
        changed = [_FIELD_ATTRIBUTES.get(f.name, f.name) for f in fields(FieldSpec)
                   if getattr(old[key], f.name) != getattr(new[key], f.name)]
        lines.append(f"Trường “{new[key].label}” ({key}) đổi: {', '.join(changed)}")
    return lines


def template_changes(in_use: Template | None, received: Template) -> TemplateChanges:
    """What ``received`` changes against ``in_use`` (``None``: no version of the key is used yet, everything is
    new)."""
    if in_use is None:
        empty = Template(received.key, 0, "", "", "", "", {}, (), (), ())
        changes = template_changes(empty, received)
        return TemplateChanges((f"Loại báo cáo mới: “{received.name}”",), *(
            getattr(changes, name) for name in ("fields", "sentences_added", "sentences_removed", "checks")))
    kind = tuple(f"{label}: “{getattr(in_use, attribute)}” → “{getattr(received, attribute)}”"
                 for attribute, label in _KIND_ATTRIBUTES.items()
                 if getattr(in_use, attribute) != getattr(received, attribute))
    old_sentences, new_sentences = _sentences(in_use), _sentences(received)
    old_checks, new_checks = _check_lines(in_use), _check_lines(received)
    checks = [f"Thêm kiểm tra {line}" for line in (new_checks - old_checks).elements()]
    checks += [f"Bỏ kiểm tra {line}" for line in (old_checks - new_checks).elements()]
    return TemplateChanges(kind, tuple(_field_changes(in_use.fields, received.fields)),
                           tuple((new_sentences - old_sentences).elements()),
                           tuple((old_sentences - new_sentences).elements()), tuple(checks))
