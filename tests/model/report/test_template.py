"""The 36a template reproduces the sample report: every section, figure and sentence."""

from __future__ import annotations

import re

from model.library.library import Library
from model.report.placeholders import fill
from model.report.shipped import available_templates, load_template
from tests.locations import DATA

SAMPLE_MD = DATA / "sample-report-36a-kien-giang-2018-q2.md"  # the reference's copy


def _plain(text: str) -> str:
    """Markup and the sample's stray spacing removed: ``70 %`` is a typo in the source for ``70%``."""
    text = re.sub(r"[*#]+", "", text)
    text = re.sub(r"(\d) %", r"\1%", text)
    return " ".join(text.split())


def sample_body_sentences() -> list[str]:
    """The sentences of the sample from the intro to the closing line (letterhead and signature apart)."""
    lines = [_plain(line) for line in SAMPLE_MD.read_text(encoding="utf-8").splitlines()]
    start = next(i for i, line in enumerate(lines) if line.startswith("Thực hiện nhiệm vụ"))
    end = next(i for i, line in enumerate(lines) if line.startswith("Trên đây"))
    sentences = []
    for line in lines[start:end + 1]:
        sentences += [s for s in re.split(r"(?<=[.:;])\s+(?=[A-ZĐÀ-Ỹ-])", line.removeprefix("- ")) if s]
    return sentences


def rendered_body(library: Library, report_id: str) -> str:
    template = library.template_of(report_id)
    values, context = library.values(report_id), library.context(report_id)
    parts = []
    for block in template.body:
        if block.type == "heading":
            parts.append(f"{block.number} {block.title}")
        elif block.list:
            parts += [f"- {item}" for item in values.get(block.list, ())]
        else:
            parts.append(("- " if block.bullet else "") + (f"{block.lead} " if block.lead else "")
                         + fill(block.text, template, values, context))
    return " ".join(" ".join(parts).split())


def test_the_template_file_loads() -> None:
    assert "nq36a_quy" in available_templates()
    template = load_template("nq36a_quy")
    assert template.period_kind == "quarter" and template.type_code == "BC"
    headings = [f"{b.number} {b.title}" for b in template.body if b.type == "heading"]
    assert [h.split()[0] for h in headings] == ["I.", "1.", "2.", "3.", "4.", "5.", "6.", "7.", "II."]


def test_every_sentence_of_the_sample_comes_out_of_the_template(sample_library: Library, q2_id: str) -> None:
    body = rendered_body(sample_library, q2_id)
    sentences = sample_body_sentences()
    assert len(sentences) > 30
    missing = [s for s in sentences if s not in body]
    assert missing == []


def test_editing_a_figure_changes_the_prose(sample_library: Library, q2_id: str) -> None:
    sample_library.set_typed(q2_id, {"dvc_tong": "2.001", "dvc_muc_1_2": "1.277"})
    body = rendered_body(sample_library, q2_id)
    assert "đã triển khai cung cấp 2.001 dịch vụ công trực tuyến, trong đó: Mức 1, 2 là 1.277;" in body


def test_every_figure_field_is_used_in_a_sentence() -> None:
    template = load_template("nq36a_quy")
    used = " ".join(b.text + b.list for b in template.body)
    body_groups = {g.key for g in template.groups} - {"van_ban"}
    unused = [f.key for f in template.fields.values() if f.group in body_groups and f.key not in used]
    assert unused == []


def test_a_blank_portal_address_leaves_no_empty_brackets(sample_library: Library, q2_id: str) -> None:
    sample_library.set_values(q2_id, {"dvc_dia_chi": None})
    body = rendered_body(sample_library, q2_id)
    assert "Cổng dịch vụ công trực tuyến tập trung của tỉnh đã triển khai cung cấp 1.972" in body
    assert "()" not in body
