"""Build the user guide (Hướng dẫn sử dụng) to PDF and HTML, with fresh screenshots of the editor.

    python3 tools/build_guide.py [OUT_DIR]        (default: build/huong-dan-su-dung)

Takes the screenshots with tools/gui_screenshots.py (offscreen, 1366×768) into OUT_DIR/anh, then writes
OUT_DIR/huong-dan-su-dung.pdf (reportlab, the bundled Liberation Serif: every Vietnamese letter) and
OUT_DIR/huong-dan-su-dung.html from docs/huong-dan-su-dung/huong-dan-su-dung.md. Fails (exit 1) when a picture
the text names was not taken, is not 1366×768, or fewer than MIN_SHOTS pictures are used. build.spec ships the
PDF (:func:`guide_datas`); tools/build_linux.sh and tools/build_windows_wine.sh run this first.
"""

from __future__ import annotations

import html
import os
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.paths import GUIDE_BUILD_FOLDER, GUIDE_BUNDLE_FOLDER, GUIDE_NAME
from tools.guide_markup import Block, images, inline, parse

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "docs" / "huong-dan-su-dung" / "huong-dan-su-dung.md"
SHOT_SIZE = (1366, 768)
MIN_SHOTS = 12
TITLE = "Hướng dẫn sử dụng phần mềm Soạn báo cáo"


def guide_datas(root: Path) -> list[tuple[str, str]]:
    """build.spec's datas entry for the guide: the built PDF into the bundle's docs folder."""
    pdf = root / GUIDE_BUILD_FOLDER / GUIDE_NAME
    if not pdf.is_file():
        raise SystemExit(f"LỖI: chưa có {pdf}: dựng hướng dẫn sử dụng trước bằng: python3 tools/build_guide.py")
    return [(str(pdf), GUIDE_BUNDLE_FOLDER)]


def take_screenshots(folder: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, str(ROOT / "tools" / "gui_screenshots.py"), str(folder)], env=env, check=True,
                   timeout=600, stdout=subprocess.DEVNULL)


def check_pictures(paths: list[Path]) -> None:
    from PIL import Image

    problems = []
    for path in paths:
        if not path.is_file():
            problems.append(f"không có ảnh {path}")
            continue
        with Image.open(path) as picture:
            if picture.size != SHOT_SIZE:
                problems.append(f"{path.name}: {picture.size[0]}×{picture.size[1]}, cần 1366×768")
    if len(set(paths)) < MIN_SHOTS:
        problems.append(f"hướng dẫn chỉ dùng {len(set(paths))} ảnh, cần ít nhất {MIN_SHOTS}")
    if problems:
        raise SystemExit("LỖI hướng dẫn sử dụng: " + "; ".join(problems))


def version() -> str:
    import main

    return main.__version__


# ---------------------------------------------------------------------------------------------- PDF
def write_pdf(blocks: list[Block], folder: Path, out: Path) -> None:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import (
        Image,
        KeepTogether,
        ListFlowable,
        ListItem,
        PageBreak,
        Paragraph,
        SimpleDocTemplate,
        Spacer,
        Table,
        TableStyle,
    )

    from model.paths import resource_path

    faces = {"": "Regular", "-Bold": "Bold", "-Italic": "Italic", "-BoldItalic": "BoldItalic"}
    for suffix, face in faces.items():
        pdfmetrics.registerFont(TTFont(f"Serif{suffix}", str(resource_path("fonts", f"LiberationSerif-{face}.ttf"))))
    pdfmetrics.registerFontFamily("Serif", normal="Serif", bold="Serif-Bold", italic="Serif-Italic",
                                  boldItalic="Serif-BoldItalic")
    body = ParagraphStyle("body", fontName="Serif", fontSize=12, leading=16, spaceAfter=5)
    styles = {
        1: ParagraphStyle("h1", parent=body, fontName="Serif-Bold", fontSize=17, leading=21, spaceBefore=4,
                          spaceAfter=10, textColor=colors.HexColor("#123d6a")),
        2: ParagraphStyle("h2", parent=body, fontName="Serif-Bold", fontSize=14, leading=18, spaceBefore=10,
                          spaceAfter=6, textColor=colors.HexColor("#123d6a")),
        3: ParagraphStyle("h3", parent=body, fontName="Serif-Bold", fontSize=12.5, leading=16, spaceBefore=6),
    }
    caption = ParagraphStyle("caption", parent=body, fontName="Serif-Italic", fontSize=10.5, alignment=TA_CENTER,
                             spaceBefore=2, spaceAfter=10)
    cell = ParagraphStyle("cell", parent=body, fontSize=10.5, leading=13, spaceAfter=0)
    title = ParagraphStyle("title", parent=styles[1], fontSize=22, leading=28, alignment=TA_CENTER)

    def rich(text: str) -> str:
        return inline(text, ("<b>", "</b>"), ("<i>", "</i>"), ('<font color="#7a2e0e">', "</font>"))

    width = A4[0] - 40 * mm
    story: list = [Spacer(1, 60 * mm), Paragraph(TITLE.upper(), title),
                   Paragraph(f"Phiên bản {version()}", ParagraphStyle("v", parent=body, alignment=TA_CENTER)),
                   Paragraph("Dành cho cán bộ soạn báo cáo định kỳ", ParagraphStyle("s", parent=body,
                                                                                      alignment=TA_CENTER)),
                   PageBreak()]
    figure = 0
    for block in blocks:
        if block.kind == "heading":
            if block.level == 1 and figure:
                story.append(PageBreak())
            story.append(Paragraph(rich(block.text), styles[block.level]))
        elif block.kind == "paragraph":
            story.append(Paragraph(rich(block.text), body))
        elif block.kind in ("bullets", "numbers"):
            items = [ListItem(Paragraph(rich(item), body), leftIndent=14) for item in block.items]
            story.append(ListFlowable(items, bulletType="bullet" if block.kind == "bullets" else "1",
                                      start="•" if block.kind == "bullets" else None, leftIndent=14,
                                      bulletFontName="Serif", bulletFontSize=11))
        elif block.kind == "table":
            rows = [[Paragraph(rich(text), cell) for text in row] for row in block.rows]
            table = Table(rows, colWidths=[width * 0.38, width * 0.62], repeatRows=1)
            table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey),
                                       ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e4ebf2")),
                                       ("VALIGN", (0, 0), (-1, -1), "TOP")]))
            story += [table, Spacer(1, 6)]
        elif block.kind == "image":
            figure += 1
            height = width * SHOT_SIZE[1] / SHOT_SIZE[0]
            story.append(KeepTogether([Image(str(folder / block.source), width=width, height=height),
                                       Paragraph(f"Hình {figure}. {rich(block.text)}", caption)]))

    def footer(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont("Serif", 9.5)
        canvas.drawCentredString(A4[0] / 2, 12 * mm, f"{TITLE} — trang {doc.page}")
        canvas.restoreState()

    doc = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=20 * mm, rightMargin=20 * mm, topMargin=18 * mm,
                            bottomMargin=20 * mm, title=TITLE, author="Soạn báo cáo", lang="vi")
    doc.build(story, onLaterPages=footer)


# ---------------------------------------------------------------------------------------------- HTML
def write_html(blocks: list[Block], out: Path) -> None:
    def rich(text: str) -> str:
        return inline(text, ("<strong>", "</strong>"), ("<em>", "</em>"), ("<code>", "</code>"))

    parts = [f"<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\"><title>{html.escape(TITLE)}</title>",
             "<style>body{font-family:'Times New Roman',serif;max-width:60em;margin:auto;padding:1em;"
             "font-size:13pt;line-height:1.45}h1,h2{color:#123d6a}img{max-width:100%;border:1px solid #999}"
             "figure{margin:1em 0}figcaption{font-style:italic;text-align:center}"
             "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em;vertical-align:top}"
             "th{background:#e4ebf2}</style></head><body>",
             f"<p><em>Phiên bản {html.escape(version())}</em></p>"]
    figure = 0
    for block in blocks:
        if block.kind == "heading":
            parts.append(f"<h{block.level}>{rich(block.text)}</h{block.level}>")
        elif block.kind == "paragraph":
            parts.append(f"<p>{rich(block.text)}</p>")
        elif block.kind in ("bullets", "numbers"):
            tag = "ul" if block.kind == "bullets" else "ol"
            parts.append(f"<{tag}>" + "".join(f"<li>{rich(item)}</li>" for item in block.items) + f"</{tag}>")
        elif block.kind == "table":
            head, *rows = block.rows
            parts.append("<table><tr>" + "".join(f"<th>{rich(c)}</th>" for c in head) + "</tr>"
                         + "".join("<tr>" + "".join(f"<td>{rich(c)}</td>" for c in row) + "</tr>" for row in rows)
                         + "</table>")
        elif block.kind == "image":
            figure += 1
            parts.append(f'<figure><img src="{html.escape(block.source)}" alt="{html.escape(block.text)}">'
                         f"<figcaption>Hình {figure}. {rich(block.text)}</figcaption></figure>")
    parts.append("</body></html>\n")
    out.write_text("\n".join(parts), encoding="utf-8")


def build(out_dir: Path, *, shots: bool = True) -> Path:
    blocks = parse(SOURCE.read_text(encoding="utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    if shots:
        take_screenshots(out_dir / "anh")
    check_pictures(images(blocks, out_dir))
    pdf = out_dir / GUIDE_NAME
    write_pdf(blocks, out_dir, pdf)
    write_html(blocks, pdf.with_suffix(".html"))
    return pdf


def main(argv: list[str]) -> int:
    out_dir = Path(argv[0]) if argv else ROOT / GUIDE_BUILD_FOLDER
    pdf = build(out_dir)
    sys.stdout.write(f"{pdf} ({pdf.stat().st_size / 1e6:.1f} MB)\n{pdf.with_suffix('.html')}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
