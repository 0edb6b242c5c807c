"""A chart as an appendix of the report (Phụ lục: biểu đồ), when the clerk asks for one: the picture, then a
table naming each numbered bar with its value, so every number is also in the document's text."""

from __future__ import annotations

from export.document import layout
from export.document.chart_png import HEIGHT, WIDTH, chart_png
from export.document.document import Appendix, Picture, Table
from model.oversight.figures import ChartData

CHART_WIDTH = layout.TEXT_WIDTH * 0.92


def chart_appendix(data: ChartData) -> Appendix:
    unit = f" ({data.field.unit})" if data.field.unit else ""
    header = ("STT", "Kỳ báo cáo" if data.trend else "Đơn vị", f"{data.field.label}{unit}")
    rows = tuple((str(number), bar.label, bar.shown) for number, bar in enumerate(data.bars, start=1))
    captions = ("Số trên trục ngang là số thứ tự trong bảng dưới biểu đồ.",)
    if data.reference is not None:
        captions += (f"Đường nét đứt: {data.reference_label}.",)
    picture = Picture(chart_png(data), CHART_WIDTH, CHART_WIDTH * HEIGHT / WIDTH)
    table = Table(header, rows, widths=(0.5, 2.4, 1.6), align=("center", "left", "right"))
    return Appendix(f"Biểu đồ: {data.title}", table, captions, picture=picture)
