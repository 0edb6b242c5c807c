"""A chart drawn to PNG in pure Python (zlib and struct), the same picture for the DOCX and the PDF.

No chart or imaging library enters the bundle for it: a chart here is bars (or a line of periods), grid lines,
the office's value as a dashed line, and numbers drawn with a small built-in digit font (the digits, ``.``, ``,``
and ``%`` of Vietnamese numbers). Names are not drawn: the bars are numbered, and the table beside the picture
names them in the document's own text. Grey and black only, readable in black and white print.
"""

from __future__ import annotations

import itertools
import struct
import zlib

from model.oversight.figures import ChartData, axis_top

WIDTH, HEIGHT = 1500, 700
"""Pixels; placed 150 mm wide (254 dpi), sharp on paper."""
WHITE, GRID, BAR, BLACK = 255, 205, 80, 0

_GLYPHS = {
    "0": ("01110", "10001", "10011", "10101", "11001", "10001", "01110"),
    "1": ("00100", "01100", "00100", "00100", "00100", "00100", "01110"),
    "2": ("01110", "10001", "00001", "00010", "00100", "01000", "11111"),
    "3": ("11110", "00001", "00001", "01110", "00001", "00001", "11110"),
    "4": ("00010", "00110", "01010", "10010", "11111", "00010", "00010"),
    "5": ("11111", "10000", "11110", "00001", "00001", "10001", "01110"),
    "6": ("00110", "01000", "10000", "11110", "10001", "10001", "01110"),
    "7": ("11111", "00001", "00010", "00100", "01000", "01000", "01000"),
    "8": ("01110", "10001", "10001", "01110", "10001", "10001", "01110"),
    "9": ("01110", "10001", "10001", "01111", "00001", "00010", "01100"),
    ".": ("00000", "00000", "00000", "00000", "00000", "01100", "01100"),
    ",": ("00000", "00000", "00000", "00000", "01100", "00100", "01000"),
    "%": ("11001", "11010", "00010", "00100", "01000", "01011", "10011"),
    "-": ("00000", "00000", "00000", "11111", "00000", "00000", "00000"),
}


class Canvas:
    """A grey image, row by row."""

    def __init__(self, width: int, height: int) -> None:
        self.width, self.height = width, height
        self.rows = [bytearray([WHITE]) * width for _ in range(height)]

    def rect(self, left: int, top: int, right: int, bottom: int, grey: int) -> None:
        left, right = max(0, left), min(self.width, right)
        for y in range(max(0, top), min(self.height, bottom)):
            self.rows[y][left:right] = bytes([grey]) * max(0, right - left)

    def hline(self, left: int, right: int, y: int, grey: int, thickness: int = 1, dash: int = 0) -> None:
        if not dash:
            self.rect(left, y, right, y + thickness, grey)
            return
        for start in range(left, right, 2 * dash):
            self.rect(start, y, min(right, start + dash), y + thickness, grey)

    def line(self, x0: float, y0: float, x1: float, y1: float, grey: int, thickness: int = 3) -> None:
        steps = int(max(abs(x1 - x0), abs(y1 - y0))) + 1
        half = thickness // 2
        for step in range(steps + 1):
            x = round(x0 + (x1 - x0) * step / steps)
            y = round(y0 + (y1 - y0) * step / steps)
            self.rect(x - half, y - half, x - half + thickness, y - half + thickness, grey)

    def text(self, text: str, x: int, y: int, scale: int = 3, anchor: str = "centre") -> None:
        """Digits and number punctuation at (x, y) = the text's bottom; other characters are skipped."""
        glyphs = [_GLYPHS[c] for c in text if c in _GLYPHS]
        width = len(glyphs) * 6 * scale - scale
        left = {"centre": x - width // 2, "right": x - width, "left": x}[anchor]
        top = y - 7 * scale
        for index, glyph in enumerate(glyphs):
            for row, bits in enumerate(glyph):
                for column, bit in enumerate(bits):
                    if bit == "1":
                        gx = left + (index * 6 + column) * scale
                        self.rect(gx, top + row * scale, gx + scale, top + (row + 1) * scale, BLACK)

    def png(self) -> bytes:
        raw = b"".join(b"\x00" + bytes(row) for row in self.rows)

        def chunk(kind: bytes, data: bytes) -> bytes:
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

        header = struct.pack(">IIBBBBB", self.width, self.height, 8, 0, 0, 0, 0)  # 8-bit grey
        return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + \
            chunk(b"IEND", b"")



def chart_png(data: ChartData, width: int = WIDTH, height: int = HEIGHT) -> bytes:
    """The chart of ``data``: bars numbered 1, 2, … in order (or a line of periods), the values above them."""
    from model.report.values import display_value

    canvas = Canvas(width, height)
    left, right, top, bottom = 150, width - 30, 60, height - 70
    highest = axis_top(data.highest)

    def y_of(value: int) -> int:
        return bottom - round((bottom - top) * value / highest)

    for step in range(5):
        value = highest * step // 4
        canvas.hline(left, right, y_of(value), GRID, 2)
        canvas.text(display_value(data.field, value), left - 14, y_of(value) + 14, 4, "right")
    canvas.hline(left, right, bottom, BLACK, 3)
    slot = (right - left) / max(1, len(data.bars))
    points = []
    for index, bar in enumerate(data.bars):
        centre = round(left + slot * (index + 0.5))
        canvas.text(str(index + 1), centre, bottom + 50, 4)
        if bar.value is None:
            continue
        y = y_of(bar.value)
        if data.trend:
            points.append((centre, y))
        else:
            half = max(3, round(slot * 0.3))
            canvas.rect(centre - half, y, centre + half, bottom, BAR)
        canvas.text(bar.shown, centre, y - 12, 4 if slot > 130 else 3 if slot > 90 else 2)
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        canvas.line(x0, y0, x1, y1, BLACK, 4)
    for x, y in points:
        canvas.rect(x - 8, y - 8, x + 8, y + 8, BAR)
    if data.reference is not None:
        canvas.hline(left, right, y_of(data.reference), BLACK, 4, dash=18)
    return canvas.png()
