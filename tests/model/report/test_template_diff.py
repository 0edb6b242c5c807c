"""What a received template version changes, as the person deciding to trust it reads it."""

from __future__ import annotations

from model.report.shipped import shipped_template_text
from model.report.template_diff import template_changes
from model.report.template_source import parse_template_text
from tests.template_support import PLANTED, own_template_text, planted_v2


def _v1():
    return parse_template_text(shipped_template_text("nq36a_quy"))


def test_a_planted_sentence_is_the_one_difference_shown() -> None:
    changes = template_changes(_v1(), parse_template_text(planted_v2()))
    assert changes.sentences_added == (PLANTED,)
    assert not (changes.kind or changes.fields or changes.sentences_removed or changes.checks)


def test_fields_checks_and_the_kind_are_compared() -> None:
    v1 = _v1()
    text = shipped_template_text("nq36a_quy").replace("version = 1", "version = 2", 1)
    text = text.replace('label = "Dịch vụ công mức 3"', 'label = "Dịch vụ công mức ba"', 1)
    text = text.replace('severity = "error"', 'severity = "warning"', 1)
    changed = template_changes(v1, parse_template_text(text))
    assert any("“Dịch vụ công mức ba” (dvc_muc_3) đổi: tên" in line for line in changed.fields)
    assert any(line.startswith("Thêm kiểm tra") and "cảnh báo" in line for line in changed.checks)
    assert any(line.startswith("Bỏ kiểm tra") and "lỗi" in line for line in changed.checks)
    new_kind = template_changes(None, parse_template_text(own_template_text()))
    assert new_kind.kind[0].startswith("Loại báo cáo mới") and "Thêm trường “Hồ sơ thanh toán trực tuyến” " \
        "(dvc_thanh_toan)" in new_kind.fields
    assert template_changes(v1, v1).none
