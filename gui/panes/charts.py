"""A chart of one figure, drawn with Qt (no chart library in the bundle): bars of the units with the office's own
value as a dashed line, or one office's periods as a line. Grey and black only, so it prints in black and white;
every value is written on the chart in Vietnamese format.
"""

from __future__ import annotations

import itertools

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QImage, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from model.oversight.figures import ChartData, axis_top
from model.report.values import display_value

BAR_COLOUR = QColor(70, 70, 70)
"""The bars' fill (a tested colour: the chart's pixel checks look for it)."""
LINE_COLOUR = QColor(0, 0, 0)



class ChartView(QWidget):
    """Draws a :class:`ChartData`; ``set_data(None)`` shows a note instead."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, objectName="bieu_do")
        self.data: ChartData | None = None
        self.note = "Chưa có số liệu để vẽ."
        self.setMinimumSize(480, 300)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_data(self, data: ChartData | None, note: str = "") -> None:
        self.data = data
        self.note = note or "Chưa có số liệu để vẽ."
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        draw_chart(painter, QRectF(self.rect()), self.data, self.note)
        painter.end()


def chart_image(data: ChartData | None, width: int, height: int) -> QImage:
    """The chart as a picture (what the widget shows at that size)."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    draw_chart(painter, QRectF(0, 0, width, height), data, "")
    painter.end()
    return image


def draw_chart(painter: QPainter, area: QRectF, data: ChartData | None, note: str) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    font = QFont(painter.font())
    font.setPointSizeF(9)
    painter.setFont(font)
    metrics = QFontMetrics(font)
    if data is None or not any(b.value is not None for b in data.bars):
        painter.drawText(area, Qt.AlignmentFlag.AlignCenter, note or "Chưa có số liệu để vẽ.")
        return
    spec = data.field
    top = axis_top(data.highest)
    label_room = min(140.0, max(metrics.horizontalAdvance(b.label[:28]) for b in data.bars) * 0.75 + 16)
    plot = QRectF(area.left() + 70, area.top() + 40, area.width() - 90, area.height() - 60 - label_room)
    title = QFont(font)
    title.setBold(True)
    painter.setFont(title)
    painter.drawText(QRectF(area.left(), area.top() + 6, area.width(), 24), Qt.AlignmentFlag.AlignCenter, data.title)
    painter.setFont(font)

    def y_of(value: int) -> float:
        return plot.bottom() - plot.height() * value / top

    grid = QPen(QColor(200, 200, 200))
    for step in range(5):
        value = top * step // 4
        painter.setPen(grid)
        painter.drawLine(QPointF(plot.left(), y_of(value)), QPointF(plot.right(), y_of(value)))
        painter.setPen(LINE_COLOUR)
        painter.drawText(QRectF(area.left(), y_of(value) - 9, 64, 18),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, display_value(spec, value))
    painter.setPen(LINE_COLOUR)
    painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()))
    slot = plot.width() / len(data.bars)
    points: list[QPointF] = []
    for index, bar in enumerate(data.bars):
        centre = plot.left() + slot * (index + 0.5)
        if bar.value is not None:
            y = y_of(bar.value)
            if data.trend:
                points.append(QPointF(centre, y))
            else:
                width = max(4.0, slot * 0.6)
                painter.fillRect(QRectF(centre - width / 2, y, width, plot.bottom() - y), BAR_COLOUR)
            painter.drawText(QRectF(centre - slot / 2 - 20, y - 20, slot + 40, 18),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, bar.shown)
        else:
            painter.drawText(QRectF(centre - slot / 2 - 20, plot.bottom() - 20, slot + 40, 18),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, bar.shown)
        painter.save()
        painter.translate(centre + 4, plot.bottom() + 8)
        painter.rotate(-45 if len(data.bars) > 6 else 0)
        label = bar.label if len(bar.label) <= 28 else bar.label[:27] + "…"
        align = Qt.AlignmentFlag.AlignRight if len(data.bars) > 6 else Qt.AlignmentFlag.AlignHCenter
        box = QRectF(-label_room * 1.3, 0, label_room * 1.3, 18) if len(data.bars) > 6 else \
            QRectF(-slot / 2 - 4, 0, slot, 18)
        painter.drawText(box, align | Qt.AlignmentFlag.AlignTop, label)
        painter.restore()
    if points:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(LINE_COLOUR, 2))
        for a, b in itertools.pairwise(points):
            painter.drawLine(a, b)
        painter.setBrush(BAR_COLOUR)
        for point in points:
            painter.drawEllipse(point, 4, 4)
    if data.reference is not None:
        y = y_of(data.reference)
        painter.setPen(QPen(LINE_COLOUR, 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.drawText(QRectF(plot.left() + 4, y - 20, plot.width() - 8, 18),
                         Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom, data.reference_label)
