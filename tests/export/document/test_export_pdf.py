"""The PDF: A4, embedded Times-metric font, page numbers from page 2, nothing outside the margins."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from export.document import fonts, layout
from export.document.fonts import BUNDLED_FILES, WINDOWS_FILES, find_fonts
from export.document.service import export_report
from tests.export_text import needs_poppler, pdf_pages
from tests.locations import ROOT

pytestmark = [needs_poppler, pytest.mark.both_engines]


@pytest.fixture
def sample_pdf(sample_library, q2_id, tmp_path) -> Path:
    return export_report(sample_library, q2_id, tmp_path / "bc.pdf").path


def _run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def test_pdf_pages_are_a4(sample_pdf):
    info = _run("pdfinfo", "-f", "1", "-l", "99", str(sample_pdf))
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert sizes and all(abs(float(w) - 595.28) < 0.5 and abs(float(h) - 841.89) < 0.5 for w, h in sizes)


def test_pdf_embeds_only_its_own_font(sample_pdf):
    rows = _run("pdffonts", str(sample_pdf)).splitlines()[2:]
    assert len(rows) == 4  # regular, bold, italic, bold italic
    expected = "TimesNewRoman" if fonts.registered_fonts().source == "windows" else "LiberationSerif"
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert expected in name.replace(" ", "") and emb == "yes", row


def test_sample_spans_pages_and_numbers_start_on_page_two(sample_pdf):
    pages = pdf_pages(sample_pdf)
    assert len(pages) >= 2
    assert pages[0].strip().split("\n")[0] == "ỦY BAN NHÂN DÂN"
    assert not re.fullmatch(r"\d+", pages[0].strip().split("\n")[0])
    for number, page in enumerate(pages[1:], start=2):
        assert page.strip().split("\n")[0] == str(number)


def test_page_number_is_centred_in_the_top_margin(sample_pdf):
    bbox = _run("pdftotext", "-f", "2", "-l", "2", "-bbox", str(sample_pdf), "-")
    first = re.search(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">2</word>', bbox)
    assert first
    x_min, _y_min, x_max, y_max = map(float, first.groups())
    centre = layout.MARGIN_LEFT + layout.TEXT_WIDTH / 2
    assert abs((x_min + x_max) / 2 - centre) < 2
    assert y_max < layout.MARGIN_TOP  # inside the top margin


def word_boxes(path: Path) -> list[tuple[str, float, float, float, float, int]]:
    """Every word with its box and page (``pdftotext -bbox``)."""
    html = _run("pdftotext", "-bbox", str(path), "-")
    words = []
    for number, page in enumerate(html.split("<page ")[1:], start=1):
        for match in re.finditer(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page):
            x0, y0, x1, y1 = map(float, match.groups()[:4])
            words.append((match.group(5), x0, y0, x1, y1, number))
    return words


def assert_inside_margins(path: Path) -> None:
    for word, x0, _y0, x1, y1, _page in word_boxes(path):
        assert x0 >= layout.MARGIN_LEFT - 1, word
        assert x1 <= layout.PAGE_WIDTH - layout.MARGIN_RIGHT + 1, word
        assert y1 <= layout.PAGE_HEIGHT - layout.MARGIN_BOTTOM + 1, word


def test_nothing_is_printed_outside_the_margins(sample_pdf):
    assert_inside_margins(sample_pdf)


def test_header_columns_sit_side_by_side(sample_pdf):
    words = word_boxes(sample_pdf)

    def first(text: str) -> tuple[str, float, float, float, float, int]:
        return next(w for w in words if w[0] == text)

    issuer, nation = first("ỦY"), first("CỘNG")
    assert issuer[5] == nation[5] == 1
    number, place = first("Số:"), first("Giang,")
    assert abs(issuer[2] - nation[2]) < 1  # first lines level
    assert abs(number[4] - place[4]) < 1  # Số and the date on one line
    assert number[3] < layout.MARGIN_LEFT + layout.HEADER_COLUMNS[0] < place[1]
    label, authority = first("Nơi"), first("TM.")
    assert label[5] == authority[5] and abs(label[2] - authority[2]) < 6  # Nơi nhận level with the signature
    assert label[3] < layout.MARGIN_LEFT + layout.CLOSING_COLUMNS[0] < authority[1]


def test_windows_times_new_roman_is_preferred_when_complete(tmp_path, monkeypatch):
    font_dir = tmp_path / "Windows" / "Fonts"
    font_dir.mkdir(parents=True)
    bundled = find_fonts().files
    for style, name in WINDOWS_FILES.items():
        shutil.copy(bundled[style], font_dir / name.upper())  # Windows file names may be any case
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    found = find_fonts()
    assert found.source == "windows" and found.family_name == "Times New Roman"
    assert found.files["bold"].parent == font_dir
    (font_dir / WINDOWS_FILES["bolditalic"].upper()).unlink()
    incomplete = find_fonts()
    assert incomplete.source == "bundled" and incomplete.files["regular"].name == BUNDLED_FILES["regular"]


def test_bundled_font_ships_with_its_licence():
    folder = ROOT / "resources" / "fonts"
    licence = (folder / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Liberation" in licence
    assert all((folder / name).is_file() for name in BUNDLED_FILES.values())
    assert sum((folder / name).stat().st_size for name in BUNDLED_FILES.values()) < 2_000_000
