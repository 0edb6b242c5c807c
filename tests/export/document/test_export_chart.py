"""Phụ lục biểu đồ: a chart the clerk asks for, in the DOCX and the PDF, its numbers in the document's text."""

from __future__ import annotations

import struct
import zlib

import docx
import pytest

from export.document.chart_png import BAR, chart_png
from model.library.library import Library
from model.oversight.figures import report_chart
from tests.exchange_support import PROVINCE, Q2, province_with_districts, run_cli
from tests.export_text import pdf_pages


def _grey_rows(png: bytes) -> list[bytes]:
    """The rows of an 8-bit grey PNG we wrote (filter 0 on every row)."""
    width, height = struct.unpack(">II", png[16:24])
    raw = zlib.decompress(png[png.index(b"IDAT") + 4:png.index(b"IEND") - 8])
    return [raw[y * (width + 1) + 1:(y + 1) * (width + 1)] for y in range(height)]


def test_the_chart_png_has_one_bar_per_unit_in_the_ratio_of_the_figures(tmp_path):
    library = province_with_districts(tmp_path / "tinh.db")[0]
    with library:
        data = report_chart(library, consolidated(library), "mot_cua_huyen_tiep_nhan")
    rows = _grey_rows(chart_png(data))
    bottom = max(y for y, row in enumerate(rows) if row.count(BAR) > 0)
    runs = []
    row = rows[bottom - 2]
    for x in range(1, len(row)):
        if row[x] == BAR and row[x - 1] != BAR:
            runs.append(x)
    assert len(runs) == 3
    heights = [sum(1 for r in rows if r[x + 5] == BAR) for x in runs]
    values = [b.value for b in data.bars]
    assert sorted(values) == [100, 600, 700]
    for i in range(3):  # every bar's height in the ratio of its figure to the first's
        assert heights[i] / heights[0] == pytest.approx(values[i] / values[0], rel=0.03)


def consolidated(library: Library) -> str:
    from model.exchange.consolidation import consolidate

    sources = [r.id for r in library.reports() if r.organization_name != PROVINCE]
    return consolidate(library, Q2, PROVINCE, sources).report_id


def test_export_with_a_chart_puts_picture_and_numbers_in_both_formats(tmp_path, capsys):
    path = tmp_path / "tinh.db"
    library, _, _ = province_with_districts(path)
    with library:
        report = consolidated(library)
    for suffix in ("pdf", "docx"):
        code, _, err = run_cli(capsys, "export", path, "--report", report, "--to", tmp_path / f"bc.{suffix}",
                               "--force", "--chart", "mot_cua_huyen_tiep_nhan")
        assert code == 0, err
    text = "\n".join(pdf_pages(tmp_path / "bc.pdf"))
    assert "BIỂU ĐỒ: MỘT CỬA CẤP HUYỆN: HỒ SƠ TIẾP NHẬN" in text
    for name, shown in (("Ủy ban nhân dân huyện An Minh", "600"), ("Ủy ban nhân dân huyện Giang Thành", "100")):
        assert name in text and shown in text
    document = docx.Document(str(tmp_path / "bc.docx"))
    assert len(document.inline_shapes) == 1
    cells = [[c.text for c in row.cells] for row in document.tables[-1].rows]
    assert cells[0][1] == "Đơn vị" and ["3", "Ủy ban nhân dân huyện Vĩnh Thuận", "700"] in cells


def test_a_chart_of_a_text_field_is_refused(tmp_path, capsys):
    path = tmp_path / "tinh.db"
    library, _, reports = province_with_districts(path)
    library.close()
    code, _, err = run_cli(capsys, "export", path, "--report", reports[0], "--to", tmp_path / "x.pdf",
                           "--chart", "mo_dau")
    assert code == 2 and "không phải số liệu" in err and not (tmp_path / "x.pdf").exists()
