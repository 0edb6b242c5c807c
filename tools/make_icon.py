"""Draw the application icon: ``resources/icons/app.png`` (256 px) and ``app.ico`` (16-256 px).

Run once when the design changes (``python tools/make_icon.py``) and commit both files. Pillow is a
build-time tool only; the application never imports it.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ICON_DIR = Path(__file__).resolve().parent.parent / "resources" / "icons"
ICO_SIZES = [(16, 16), (24, 24), (32, 32), (48, 48), (64, 64), (128, 128), (256, 256)]
SCALE = 4  # draw large, then downsample for smooth edges
RED = (196, 30, 58)
GOLD = (255, 205, 0)
PAPER = (255, 255, 255)
FOLD = (226, 230, 236)
INK = (70, 84, 104)
GREEN = (22, 150, 80)


def draw_icon(size: int = 256) -> Image.Image:
    """A red tile with a white sheet of paper: text lines, a gold star and a green tick."""
    s = size * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def box(x0: float, y0: float, x1: float, y1: float) -> tuple[int, int, int, int]:
        return (round(x0 * s), round(y0 * s), round(x1 * s), round(y1 * s))

    d.rounded_rectangle(box(0.02, 0.02, 0.98, 0.98), radius=round(0.18 * s), fill=RED)
    # The sheet with a folded top-right corner.
    left, top, right, bottom, fold = 0.22, 0.12, 0.78, 0.88, 0.16
    d.polygon([(left * s, top * s), ((right - fold) * s, top * s), (right * s, (top + fold) * s),
               (right * s, bottom * s), (left * s, bottom * s)], fill=PAPER)
    d.polygon([((right - fold) * s, top * s), ((right - fold) * s, (top + fold) * s),
               (right * s, (top + fold) * s)], fill=FOLD)
    # A small gold star at the letterhead.
    cx, cy, r = 0.36 * s, 0.25 * s, 0.065 * s
    points = []
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.42
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    d.polygon(points, fill=GOLD, outline=RED, width=max(1, SCALE * 2))
    # Text lines.
    for i, width in enumerate((0.44, 0.44, 0.30, 0.16, 0.12)):
        y = 0.40 + i * 0.085
        d.rounded_rectangle(box(0.30, y, 0.30 + width, y + 0.035), radius=round(0.015 * s), fill=INK)
    # The tick: the report passed its checks.
    d.line([(0.50 * s, 0.76 * s), (0.58 * s, 0.84 * s), (0.74 * s, 0.64 * s)], fill=GREEN,
           width=round(0.06 * s), joint="curve")
    return img.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICON_DIR.mkdir(parents=True, exist_ok=True)
    icon = draw_icon(256)
    icon.save(ICON_DIR / "app.png", optimize=True)
    icon.save(ICON_DIR / "app.ico", sizes=ICO_SIZES)


if __name__ == "__main__":
    main()
