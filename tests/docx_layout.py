"""Lay out a DOCX's main section as Word does, with the fonts' own metrics, to find which lines fall on which page.

Enough of Word's rules for our documents: greedy line breaking (justified text breaks where left-aligned text
does), a line as high as its largest font's single line (1.15 × size for Times metrics) or the paragraph's
"at least"/"exactly" spacing, space before and after, widow and orphan control, keep-with-next, a run-in heading
(its paragraph mark hidden: a style separator) sharing its line with the next paragraph, and table rows that do
not split (``w:cantSplit``) moved whole to the next page.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_LINE_SPACING
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from export.document import fonts, layout


@dataclass
class Block:
    """A paragraph (its lines and their heights) or a table row (one unsplittable block of ``height``)."""

    lines: list[str]
    heights: list[float]
    before: float = 0.0
    after: float = 0.0
    keep_with_next: bool = False
    splittable: bool = True
    in_table: bool = False
    pages: list[int] = field(default_factory=list)


def _style_value(paragraph: Paragraph, get):
    style = paragraph.style
    value = get(paragraph)
    while value is None and style is not None:
        value = get(style)
        style = style.base_style
    return value


def _pf(name: str):
    return lambda item: getattr(item.paragraph_format, name)


def _font(name: str):
    return lambda item: getattr(item.font, name)


def _runs(paragraph: Paragraph) -> list[tuple[str, float, bool, bool]]:
    size = _style_value(paragraph, lambda item: None if isinstance(item, Paragraph) else item.font.size)
    bold = _style_value(paragraph, lambda item: None if isinstance(item, Paragraph) else item.font.bold)
    italic = _style_value(paragraph, lambda item: None if isinstance(item, Paragraph) else item.font.italic)
    out = []
    for run in paragraph.runs:
        run_size = (run.font.size or size).pt
        out.append((run.text, run_size, bool(run.bold if run.bold is not None else bold),
                    bool(run.italic if run.italic is not None else italic)))
    return out


def _break_lines(runs: list[tuple[str, float, bool, bool]], width: float, first_indent: float) -> list[
        tuple[str, float]]:
    """Greedy line breaking: (text, largest size) of each line."""
    words: list[tuple[str, float, bool, bool]] = []
    for text, size, bold, italic in runs:
        for index, word in enumerate(text.split(" ")):
            if index and words:
                words.append((" ", size, bold, italic))
            if word:
                words.append((word, size, bold, italic))
    lines: list[tuple[str, float]] = []
    current, current_width, current_size, available = "", 0.0, 0.0, width - first_indent
    pending_space = 0.0
    for word, size, bold, italic in words:
        measure = fonts.text_width(word, size, bold=bold, italic=italic)
        if word == " ":
            pending_space = measure
            continue
        if current and current_width + pending_space + measure > available + 0.01:
            lines.append((current, current_size))
            current, current_width, current_size, available = word, measure, size, width
        else:
            current = f"{current} {word}" if current and pending_space else current + word
            current_width += (pending_space if current != word else 0) + measure
            current_size = max(current_size, size)
        pending_space = 0.0
    if current or not lines:
        lines.append((current, current_size or 14.0))
    return lines


def _line_height(paragraph: Paragraph, size: float) -> float:
    rule = _style_value(paragraph, _pf("line_spacing_rule"))
    spacing = _style_value(paragraph, _pf("line_spacing"))
    single = layout.single_line(size)
    if rule == WD_LINE_SPACING.EXACTLY:
        return spacing.pt
    if rule == WD_LINE_SPACING.AT_LEAST:
        return max(spacing.pt, single)
    return single


def _hidden_mark(paragraph: Paragraph) -> bool:
    mark = paragraph._p.find(f"{qn('w:pPr')}/{qn('w:rPr')}")
    return mark is not None and mark.find(qn("w:specVanish")) is not None


def paragraph_block(paragraph: Paragraph, width: float, prefix: list | None = None) -> Block:
    left = (_style_value(paragraph, _pf("left_indent")) or 0)
    right = (_style_value(paragraph, _pf("right_indent")) or 0)
    first = (_style_value(paragraph, _pf("first_line_indent")) or 0)
    width -= getattr(left, "pt", 0) + getattr(right, "pt", 0)
    runs = (prefix or []) + _runs(paragraph)
    lines = _break_lines(runs, width, getattr(first, "pt", 0))
    before, after = (_style_value(paragraph, _pf("space_before")), _style_value(paragraph, _pf("space_after")))
    return Block(lines=[text for text, _ in lines], heights=[_line_height(paragraph, size) for _, size in lines],
                 before=before.pt if before is not None else 0.0, after=after.pt if after is not None else 0.0,
                 keep_with_next=bool(_style_value(paragraph, _pf("keep_with_next"))))


def _cell_height(cell, width: float) -> float:
    height = 0.0
    for paragraph in cell.paragraphs:
        block = paragraph_block(paragraph, width)
        height += block.before + sum(block.heights) + block.after
    return height


def table_blocks(table: Table) -> list[Block]:
    blocks = []
    for row in table.rows:
        widths = [cell.width.pt for cell in row.cells]
        height = max(_cell_height(cell, width) for cell, width in zip(row.cells, widths, strict=True))
        cant_split = row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
        text = " | ".join(p.text for cell in row.cells for p in cell.paragraphs if p.text)
        blocks.append(Block(lines=[text], heights=[height], splittable=not cant_split, in_table=True))
    return blocks


def main_section_blocks(path: Path) -> list[Block]:
    """The blocks of the DOCX's first section (the report without its appendices), in order."""
    doc = Document(str(path))
    blocks: list[Block] = []
    prefix: list = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:tbl"):
            blocks += table_blocks(Table(child, doc._body))
        elif child.tag == qn("w:p"):
            paragraph = Paragraph(child, doc._body)
            if _hidden_mark(paragraph):  # a run-in heading: its text starts the next paragraph's first line
                prefix = _runs(paragraph)
                continue
            blocks.append(paragraph_block(paragraph, layout.TEXT_WIDTH, prefix))
            prefix = []
            if child.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                break
    return blocks


def paginate(blocks: list[Block], frame: float) -> list[list[str]]:
    """The lines of text on each page (tables' rows as one line) after Word's page breaking."""
    pages: list[list[str]] = [[]]
    y = 0.0

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = 0.0

    def needed(index: int) -> float:
        """Room the block needs at its start: all of it if it cannot split, else its first two lines (orphan
        control); plus what the next block needs when it keeps with it."""
        block = blocks[index]
        start = block.before + (sum(block.heights) if not block.splittable or len(block.heights) <= 3
                                else sum(block.heights[:2]))
        if block.keep_with_next and index + 1 < len(blocks):
            return block.before + sum(block.heights) + block.after + needed(index + 1)
        return start

    for index, block in enumerate(blocks):
        if y > 0 and y + needed(index) > frame + 0.01:
            new_page()
        y += block.before if y > 0 else 0.0
        count = len(block.heights)
        for line_index, (text, height) in enumerate(zip(block.lines, block.heights, strict=True)):
            overflows = y + height > frame + 0.01
            # widow control: the paragraph's last line never alone at the top of a page
            widow = (block.splittable and count - line_index == 2 and line_index > 0
                     and y + height + block.heights[-1] > frame + 0.01)
            if y > 0 and (overflows or widow):
                new_page()
            pages[-1].append(text)
            y += height
        y += block.after
    return pages
