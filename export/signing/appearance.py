"""What a signature shows on the page: the signature (or seal) image, else the signer's name, position and time.

Drawn with reportlab into a one-page PDF the size of the signature field (reportlab embeds our Vietnamese font
and keeps a PNG's transparency); pyHanko puts that page into the field's appearance.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from export.document import fonts

TEXT_SIZE = 8.0
TEXT_LEADING = 10.0


def image_size(path: Path) -> tuple[int, int]:
    """(width, height) in pixels of a PNG or JPEG image; :class:`SigningError` for anything else."""
    from PIL import Image, UnidentifiedImageError

    from export.signing.certificates import SigningError

    try:
        with Image.open(path) as image:
            if image.format not in {"PNG", "JPEG"}:
                raise SigningError(f"Ảnh “{path.name}” phải là tệp PNG (nền trong suốt) hoặc JPEG.")
            image.load()
            return image.size
    except FileNotFoundError:
        raise SigningError(f"Không có tệp ảnh “{path}”.") from None
    except (UnidentifiedImageError, OSError, ValueError):
        raise SigningError(f"Không đọc được ảnh “{path.name}”: tệp hỏng hoặc không phải ảnh PNG/JPEG.") from None


def physical_size(path: Path) -> tuple[float, float] | None:
    """The image's real size in points when it records its resolution (a scanned seal does), else ``None``."""
    from PIL import Image

    with Image.open(path) as image:
        dpi = image.info.get("dpi")
        width, height = image.size
    if not dpi or min(float(dpi[0]), float(dpi[1])) < 10:  # 1 dpi or less: no resolution recorded
        return None
    return width / float(dpi[0]) * 72, height / float(dpi[1]) * 72


def fit(width: float, height: float, max_width: float, max_height: float) -> tuple[float, float]:
    """``width × height`` scaled to fit inside ``max_width × max_height``, keeping its proportions."""
    scale = min(max_width / width, max_height / height)
    return width * scale, height * scale


def stamp_lines(name: str, position: str, organisation: str, when: datetime) -> list[str]:
    lines = [f"Ký bởi: {name}"]
    if position:
        lines.append(f"Chức vụ: {position}")
    if organisation and organisation != name:
        lines.append(f"Cơ quan: {organisation}")
    lines.append(f"Thời gian ký: {when.astimezone().strftime('%d/%m/%Y %H:%M')}")
    return lines


BLUE = (0.0, 0.2, 0.6)
RED = (0.8, 0.05, 0.1)


def write_appearance(path: Path, size: tuple[float, float], *, image: Path | None, lines: list[str],
                     colour: tuple[float, float, float] = BLUE, text_left: float = 0.0) -> None:
    """A one-page PDF of ``size`` points: ``image`` filling it (proportions kept), else ``lines`` of text in a
    frame, starting ``text_left`` points in (clear of a seal that will overlap the frame's left part)."""
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    from export.document.document import printable

    width, height = size
    # Our embedded font as the page's initial font: reportlab otherwise lists Helvetica (never embedded) in the
    # resources even of an image-only page, and every font of an archived PDF must be embedded.
    canvas = Canvas(str(path), pagesize=size, initialFontName=fonts.face(), initialFontSize=TEXT_SIZE)
    if image is not None:
        canvas.drawImage(str(image), 0, 0, width, height, mask="auto", preserveAspectRatio=True, anchor="c")
    else:
        canvas.setFillColorRGB(1, 1, 1)  # opaque: the seal's frame hides the signer's frame under it
        canvas.setStrokeColorRGB(*colour)
        canvas.setLineWidth(0.75)
        canvas.rect(0.5, 0.5, width - 1, height - 1, fill=1)
        canvas.setFillColorRGB(*colour)
        text = canvas.beginText(text_left + 4, height - 4 - TEXT_SIZE)
        text.setFont(fonts.face(), TEXT_SIZE, TEXT_LEADING)
        for line in lines:
            for part in simpleSplit(printable(line), fonts.face(), TEXT_SIZE, width - text_left - 8):
                text.textLine(part)
        canvas.drawText(text)
    canvas.showPage()
    canvas.save()
