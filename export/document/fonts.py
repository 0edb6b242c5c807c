"""Which Times-metric font the exports use, and its registration with reportlab.

Times New Roman from the Windows fonts folder when all four styles are there; otherwise the bundled
Liberation Serif (same metrics, full Vietnamese, SIL OFL, ``resources/fonts/OFL.txt``). reportlab's own
Times-Roman has no Vietnamese letters, so the PDF always embeds one of these.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from model.paths import resource_path

STYLES = ("regular", "bold", "italic", "bolditalic")
WINDOWS_FILES = {"regular": "times.ttf", "bold": "timesbd.ttf", "italic": "timesi.ttf", "bolditalic": "timesbi.ttf"}
BUNDLED_FILES = {"regular": "LiberationSerif-Regular.ttf", "bold": "LiberationSerif-Bold.ttf",
                 "italic": "LiberationSerif-Italic.ttf", "bolditalic": "LiberationSerif-BoldItalic.ttf"}

# reportlab names of the registered faces; the family name maps <b>/<i> markup onto them.
FAMILY = "SBCSerif"
FACE_NAMES = {style: f"{FAMILY}-{style}" for style in STYLES}


class FontError(Exception):
    """No usable font: a broken installation (``str()`` is a Vietnamese message)."""


@dataclass(frozen=True)
class FontSet:
    """The four files of one family and where they came from (``windows`` or ``bundled``)."""

    source: str
    family_name: str
    files: dict[str, Path]

    def describe(self) -> str:
        return f"{self.family_name} ({self.source}: {self.files['regular'].parent})"


def windows_fonts_dir() -> Path | None:
    """``%WINDIR%\\Fonts`` when the variable is set (it is on every Windows machine)."""
    windir = os.environ.get("WINDIR") or os.environ.get("SYSTEMROOT")
    return Path(windir) / "Fonts" if windir else None


def _find_in(folder: Path, names: dict[str, str]) -> dict[str, Path] | None:
    """The four files in ``folder`` (matching names case-insensitively), or None if one is missing."""
    try:
        present = {p.name.lower(): p for p in folder.iterdir()}
    except OSError:
        return None
    found = {style: present.get(name.lower()) for style, name in names.items()}
    if any(path is None for path in found.values()):
        return None
    return found  # type: ignore[return-value]


def find_fonts() -> FontSet:
    """Times New Roman from Windows when complete, else the bundled Liberation Serif."""
    folder = windows_fonts_dir()
    if folder is not None and (files := _find_in(folder, WINDOWS_FILES)):
        return FontSet("windows", "Times New Roman", files)
    files = _find_in(resource_path("fonts"), BUNDLED_FILES)
    if files is None:
        raise FontError("Không tìm thấy phông chữ Times New Roman hay phông kèm theo phần mềm "
                        "(resources/fonts); hãy cài lại phần mềm.")
    return FontSet("bundled", "Liberation Serif", files)


def substitute_notice(font_set: FontSet) -> str:
    """What the clerk is told when a PDF is made without Times New Roman (ND30 names it); empty when it is used."""
    if font_set.source == "windows":
        return ""
    return (f"Máy này không có phông Times New Roman nên tệp PDF dùng phông {font_set.family_name} (cùng cỡ và "
            "khoảng cách chữ); Nghị định 30 quy định phông Times New Roman: nên xuất PDF trên máy Windows có "
            "phông này trước khi ban hành.")


@cache
def registered_fonts() -> FontSet:
    """Register the family with reportlab once per process and return it."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    fonts = find_fonts()
    try:
        for style in STYLES:
            pdfmetrics.registerFont(TTFont(FACE_NAMES[style], str(fonts.files[style])))
    except (TTFError, OSError) as exc:
        raise FontError(f"Không đọc được phông chữ {fonts.describe()}: {exc}") from exc
    for bold, italic, style in ((0, 0, "regular"), (1, 0, "bold"), (0, 1, "italic"), (1, 1, "bolditalic")):
        addMapping(FAMILY, bold, italic, FACE_NAMES[style])
    return fonts


def face(bold: bool = False, italic: bool = False) -> str:
    """The registered reportlab face name for a style."""
    registered_fonts()
    return FACE_NAMES[("bold" if bold else "") + ("italic" if italic else "") or "regular"]


def text_width(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of ``text`` in points, measured with the embedded font (Times metrics)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return stringWidth(text, face(bold, italic), size)
