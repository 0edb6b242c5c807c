"""DOCX writer (python-docx) for the document tree.

The design-notes §5 traps, each handled here: A4 and the nd30 margins on every section; Times New Roman
in all four font slots of docDefaults, of every style that names a font and of every run, theme fonts
dropped, language vi-VN; fixed-layout borderless header and closing tables with every width set; rules
as paragraph bottom borders sized to the text; a PAGE field centred at the top with no number on page 1.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document as new_docx
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from export.document import layout
from export.document.document import Appendix, Document, Heading, Paragraph, Picture, Run, Table, printable
from export.document.docx_package import LANGUAGE, clean_package, set_properties
from export.document.docx_tidy import tidy

FONT = "Times New Roman"
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_THEME_SLOTS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_LANG_SUCCESSORS = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
# Child order of w:pPr (ECMA-376 CT_PPr); python-docx knows only some of them.
_PPR_ORDER = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl",
              "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens",
              "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN",
              "w:bidi", "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing",
              "w:mirrorIndents", "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment",
              "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
_ALIGN = {"left": LEFT, "center": CENTER, "right": RIGHT}


def _twips(points: float) -> Twips:
    return Twips(round(points * 20))


# ---------------------------------------------------------------- fonts and language
def _pin_rfonts(rfonts) -> None:
    for attr in _THEME_SLOTS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in _FONT_SLOTS:
        rfonts.set(qn(attr), FONT)


def _pin_font(rpr) -> None:
    """Times New Roman in all four slots, theme attributes removed, language vi-VN."""
    _pin_rfonts(rpr.get_or_add_rFonts())
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.insert_element_before(lang, *_LANG_SUCCESSORS)
    lang.set(qn("w:val"), LANGUAGE)


def _pin_document_fonts(doc: DocxDocument) -> None:
    """docDefaults and Normal get the font and language; every other font a style names (headings, table
    styles' conditional formats) becomes Times New Roman too, so no style falls back to a theme font."""
    styles = doc.styles.element
    _pin_font(styles.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr")))
    _pin_font(doc.styles["Normal"].element.get_or_add_rPr())
    for rfonts in styles.iter(qn("w:rFonts")):
        _pin_rfonts(rfonts)
    theme_lang = doc.settings.element.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANGUAGE)


def _set_normal_style(doc: DocxDocument) -> None:
    """Normal is the body paragraph, so text a clerk adds in Word looks like the rest."""
    normal = doc.styles["Normal"]
    normal.font.size = Pt(layout.SIZE_BODY)
    fmt = normal.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt.first_line_indent = _twips(layout.FIRST_LINE_INDENT)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(layout.BODY_SPACE_AFTER)
    # "At least" the PDF's line pitch: the same pitch for body text, more room for a larger run a clerk types.
    fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
    fmt.line_spacing = Pt(layout.BODY_LEADING)
    fmt.widow_control = True


def _set_heading_styles(doc: DocxDocument) -> None:
    """Heading 1 (mục I., II.), Heading 2 (khoản 1.–7.) and Heading 3 (điểm a), b), in italic) look like the body
    in bold, as ND30 asks, and keep their outline levels, so Word's Navigation Pane and a table of contents list
    them."""
    for level in (1, 2, 3):
        style = doc.styles[f"Heading {level}"]
        style.font.size = Pt(layout.SIZE_BODY)
        style.font.bold = True
        style.font.italic = level == 3
        fmt = style.paragraph_format
        fmt.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
        fmt.first_line_indent = _twips(layout.FIRST_LINE_INDENT)
        fmt.space_before = Pt(0)
        fmt.space_after = Pt(layout.BODY_SPACE_AFTER)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(layout.BODY_LEADING)
        fmt.keep_with_next = True
        ppr = style.element.get_or_add_pPr()
        outline = ppr.find(qn("w:outlineLvl"))
        if outline is None:
            outline = OxmlElement("w:outlineLvl")
            ppr.insert_element_before(outline, *_PPR_ORDER[_PPR_ORDER.index("w:outlineLvl") + 1:])
        outline.set(qn("w:val"), str(level - 1))


def _black_styles(doc: DocxDocument) -> None:
    """Every colour a style names becomes black (ND30: black text): python-docx's template colours its headings,
    title and quotes with theme blues."""
    for color in doc.styles.element.iter(qn("w:color")):
        for attr in ("w:themeColor", "w:themeShade", "w:themeTint"):
            color.attrib.pop(qn(attr), None)
        color.set(qn("w:val"), "000000")


# ---------------------------------------------------------------- paragraphs and runs
def _add_run(paragraph: DocxParagraph, text: str, *, size: float | None = None, bold: bool = False,
             italic: bool = False) -> None:
    text = printable(text)
    run = paragraph.add_run(text)
    if "  " in text:  # python-docx preserves only leading/trailing spaces; the draft number has a run inside
        for element in run._r.findall(qn("w:t")):
            element.set(qn("xml:space"), "preserve")
    run.bold = bold or None
    run.italic = italic or None
    if size is not None:
        run.font.size = Pt(size)
    _pin_font(run._r.get_or_add_rPr())


def _compact(paragraph: DocxParagraph, align=CENTER, *, before: float = 0, after: float = 0) -> DocxParagraph:
    """A header/table paragraph: no indent, single line spacing, the given alignment and spacing."""
    fmt = paragraph.paragraph_format
    fmt.alignment = align
    fmt.first_line_indent = Pt(0)
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing_rule = WD_LINE_SPACING.SINGLE
    return paragraph


def _line(container, text: str, size: float, *, bold: bool = False, italic: bool = False, align=CENTER,
          before: float = 0, after: float = 0, first: bool = False) -> DocxParagraph:
    """One line of text as its own paragraph; ``first`` reuses the empty paragraph a new cell holds."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    _compact(paragraph, align, before=before, after=after)
    _add_run(paragraph, text, size=size, bold=bold, italic=italic)
    return paragraph


def _shrink(paragraph: DocxParagraph, *, before: float = 0, after: float = 0) -> None:
    """Make an empty paragraph 1 pt high (its mark 1 pt, exact line spacing), so it takes no visible room."""
    fmt = _compact(paragraph, before=before, after=after).paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    ppr = paragraph._p.get_or_add_pPr()
    mark = OxmlElement("w:rPr")
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")  # half-points
    mark.append(size)
    ppr.insert_element_before(mark, *_PPR_ORDER[_PPR_ORDER.index("w:rPr") + 1:])


def _rule(container, length: float, width: float, *, after: float = 0) -> None:
    """A centred rule ``length`` pt long: an empty 1 pt paragraph whose bottom border spans its indents."""
    paragraph = container.add_paragraph()
    _shrink(paragraph, before=layout.RULE_GAP - 1, after=after)
    side = max(0.0, (width - length) / 2)
    paragraph.paragraph_format.left_indent = _twips(side)
    paragraph.paragraph_format.right_indent = _twips(side)
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for attr, value in (("w:val", "single"), ("w:sz", str(round(layout.RULE_WEIGHT * 8))),  # eighths of a pt
                        ("w:space", "0"), ("w:color", "000000")):
        bottom.set(qn(attr), value)
    borders.append(bottom)
    ppr = paragraph._p.get_or_add_pPr()
    ppr.insert_element_before(borders, *_PPR_ORDER[_PPR_ORDER.index("w:pBdr") + 1:])


def _body_paragraph(doc: DocxDocument, runs: tuple[Run, ...], *, keep_with_next: bool = False) -> None:
    paragraph = doc.add_paragraph()
    for run in runs:
        _add_run(paragraph, run.text, bold=run.bold, italic=run.italic)
    if keep_with_next:
        paragraph.paragraph_format.keep_with_next = True


def _heading(doc: DocxDocument, heading: Heading, *, run_in: bool = False) -> None:
    """A heading paragraph in the Heading 1/2 style. A run-in heading ends with a style separator (its paragraph
    mark hidden, ``w:specVanish``): Word prints the next paragraph on the same line, and lists only the heading
    in the Navigation Pane and a table of contents. (LibreOffice before 24.8 shows it on a line of its own.)"""
    paragraph = doc.add_paragraph(style=f"Heading {heading.level}")
    _add_run(paragraph, heading.text + (" " if run_in else ""))
    if run_in:
        mark = OxmlElement("w:rPr")
        for tag in ("w:vanish", "w:specVanish"):
            mark.append(OxmlElement(tag))
        paragraph._p.get_or_add_pPr().insert_element_before(mark, *_PPR_ORDER[_PPR_ORDER.index("w:rPr") + 1:])


# ---------------------------------------------------------------- tables
def _fixed_table(doc: DocxDocument, rows: int, widths: tuple[float, ...], *, borders: bool) -> DocxTable:
    """A fixed-layout table with every grid column and cell width set, zero cell side padding unless
    bordered, and borders either single black or explicitly nil."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER if borders else WD_TABLE_ALIGNMENT.LEFT
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(_twips(sum(widths)).twips))
    border_el = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        if borders:
            edge.set(qn("w:val"), "single")
            edge.set(qn("w:sz"), "4")
            edge.set(qn("w:space"), "0")
            edge.set(qn("w:color"), "000000")
        else:
            edge.set(qn("w:val"), "nil")
        border_el.append(edge)
    tbl_pr.append(border_el)
    margins = OxmlElement("w:tblCellMar")
    padding = _twips(layout.TABLE_CELL_PADDING if borders else 0).twips
    for side in ("left", "right"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(padding))
        edge.set(qn("w:type"), "dxa")
        margins.append(edge)
    tbl_pr.append(margins)
    # tblPr children must follow the schema order; python-docx placed tblLayout/jc already.
    for tag in ("w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
                "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd", "w:tblBorders",
                "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook"):
        for child in tbl_pr.findall(qn(tag)):
            tbl_pr.append(child)
    for column, width in zip(table.columns, widths, strict=True):
        column.width = _twips(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = _twips(width)
    return table


def _no_split(table: DocxTable) -> None:
    for row in table.rows:
        tr_pr = row._tr.get_or_add_trPr()
        tr_pr.append(OxmlElement("w:cantSplit"))


def _data_table(doc: DocxDocument, table: Table, width: float) -> None:
    if table.title:
        _line(doc, table.title, layout.SIZE_BODY, bold=True, after=layout.SPACE_BEFORE_TABLE
              ).paragraph_format.keep_with_next = True
    widths = tuple(share * width for share in table.relative_widths())
    heads = len(table.header_rows)
    out = _fixed_table(doc, heads + len(table.rows), widths, borders=True)
    for number, header in enumerate(out.rows[:heads]):
        header._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))  # repeated on every page
        for column, cell in enumerate(header.cells):
            text = table.header_text(number, column)
            if text:
                _cell_text(cell, text, bold=True, align=CENTER)
            else:
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    for first_row, first_column, last_row, last_column in table.spans():
        out.cell(first_row, first_column).merge(out.cell(last_row, last_column))
    for index, (row, values) in enumerate(zip(out.rows[heads:], table.rows, strict=True)):
        bold = table.total_row and index == len(table.rows) - 1
        for column, (cell, text) in enumerate(zip(row.cells, values, strict=True)):
            _cell_text(cell, text, bold=bold, align=_ALIGN[table.cell_align(column, text)])
    if table.total_row and len(table.rows) > 1:  # the last data row goes with the total row to its page
        for cell in out.rows[-2].cells:
            for paragraph in cell.paragraphs:
                paragraph.paragraph_format.keep_with_next = True
    _no_split(out)


def _cell_text(cell: _Cell, text: str, *, bold: bool, align) -> None:
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = _compact(cell.paragraphs[0], align, before=2, after=2)
    _add_run(paragraph, text, size=layout.SIZE_TABLE, bold=bold)


# ---------------------------------------------------------------- page furniture
def _page_number_field(paragraph: DocxParagraph) -> None:
    """``PAGE`` as a complex field (begin, instruction, separate, result, end)."""
    def field_run(kind: str | None = None, instruction: str = "", text: str = ""):
        run = paragraph.add_run(text)
        run.font.size = Pt(layout.SIZE_PAGE_NUMBER)
        _pin_font(run._r.get_or_add_rPr())
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        if instruction:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = instruction
            run._r.append(instr)

    field_run("begin")
    field_run(instruction=" PAGE ")
    field_run("separate")
    field_run(text="2")
    field_run("end")


def _setup_section(section, *, landscape: bool = False, restart_numbering: bool = False) -> None:
    """A4 with the nd30 margins; a centred PAGE header on every page but the section's first."""
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    width, height = _twips(layout.PAGE_WIDTH), _twips(layout.PAGE_HEIGHT)
    section.page_width, section.page_height = (height, width) if landscape else (width, height)
    section.top_margin = _twips(layout.MARGIN_TOP)
    section.bottom_margin = _twips(layout.MARGIN_BOTTOM)
    section.left_margin = _twips(layout.MARGIN_LEFT)
    section.right_margin = _twips(layout.MARGIN_RIGHT)
    section.header_distance = _twips(layout.HEADER_DISTANCE)
    section.footer_distance = _twips(layout.HEADER_DISTANCE)
    section.gutter = Twips(0)
    section.different_first_page_header_footer = True
    if restart_numbering:
        number_type = OxmlElement("w:pgNumType")
        number_type.set(qn("w:start"), "1")
        section._sectPr.insert_element_before(
            number_type, "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
            "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def _page_header(section) -> None:
    header = section.header
    header.is_linked_to_previous = False
    paragraph = _compact(header.paragraphs[0], CENTER)
    _page_number_field(paragraph)
    first = section.first_page_header
    first.is_linked_to_previous = False  # stays empty: no number on page 1


# ---------------------------------------------------------------- document parts
def _letterhead(doc: DocxDocument, document: Document) -> None:
    head = document.letterhead
    left_w, right_w = layout.HEADER_COLUMNS
    table = _fixed_table(doc, 2, layout.HEADER_COLUMNS, borders=False)
    left, right = table.rows[0].cells
    first = True
    for line in head.parent_lines:
        _line(left, line, layout.SIZE_PARENT, first=first)
        first = False
    for line in head.issuer_lines:
        _line(left, line, layout.SIZE_ISSUER, bold=True, first=first)
        first = False
    _rule(left, layout.issuer_rule(head.issuer_lines), left_w)
    _line(right, head.national_title, layout.SIZE_NATIONAL_TITLE, bold=True, first=True)
    _line(right, head.motto, layout.SIZE_MOTTO, bold=True)
    _rule(right, layout.motto_rule(head.motto), right_w)
    number, place_date = table.rows[1].cells
    _line(number, head.number_line, layout.SIZE_NUMBER, before=layout.SPACE_BEFORE_NUMBER, first=True)
    _line(place_date, head.place_date, layout.SIZE_PLACE_DATE, italic=True, before=layout.SPACE_BEFORE_NUMBER,
          first=True)


def _title(doc: DocxDocument, document: Document) -> None:
    title = document.title
    _line(doc, title.type_name, layout.SIZE_TYPE_NAME, bold=True, before=layout.SPACE_BEFORE_TITLE)
    summary = _compact(doc.add_paragraph())
    for index, line in enumerate(title.summary_lines):
        if index:
            summary.add_run().add_break()
        _add_run(summary, line, size=layout.SIZE_SUMMARY, bold=True)
    _rule(doc, layout.summary_rule(title.summary_lines), layout.TEXT_WIDTH, after=layout.SPACE_AFTER_TITLE_RULE)


def _closing(doc: DocxDocument, document: Document) -> None:
    table = _fixed_table(doc, 1, layout.CLOSING_COLUMNS, borders=False)
    _no_split(table)
    left, right = table.rows[0].cells
    recipients, signature = document.recipients, document.signature
    _line(left, recipients.label, layout.SIZE_RECIPIENTS_LABEL, bold=True, italic=True, align=LEFT,
          before=layout.SPACE_BEFORE_CLOSING, first=True)
    for item in recipients.items:
        _line(left, item, layout.SIZE_RECIPIENTS, align=LEFT)
    first = True
    for line in (*signature.authority_lines, signature.title):
        _line(right, line, layout.SIZE_SIGNATURE, bold=True, before=layout.SPACE_BEFORE_CLOSING if first else 0,
              first=first)
        first = False
    _line(right, signature.name, layout.SIZE_SIGNATURE, bold=True, before=layout.SIGNATURE_SPACE)


def _appendix(doc: DocxDocument, appendix: Appendix) -> None:
    section = doc.add_section(WD_SECTION.NEW_PAGE)
    # The paragraph that ends the previous section follows the signature table: keep it from pushing a
    # blank page in when the signature ends at the foot of a page.
    _shrink(DocxParagraph(doc.element.body.findall(qn("w:p"))[-1], doc._body))
    _setup_section(section, landscape=appendix.landscape, restart_numbering=True)
    width = layout.LANDSCAPE_TEXT_WIDTH if appendix.landscape else layout.TEXT_WIDTH
    lines = [(appendix.label, layout.SIZE_APPENDIX_LABEL, True, False),
             (appendix.title.upper(), layout.SIZE_APPENDIX_TITLE, True, False),
             *((caption, layout.SIZE_APPENDIX_CAPTION, False, True) for caption in appendix.caption_lines)]
    for index, (text, size, bold, italic) in enumerate(lines, start=1):
        after = layout.SPACE_BEFORE_TABLE if index == len(lines) else 0
        _line(doc, text, size, bold=bold, italic=italic, after=after)
    if appendix.picture is not None:
        _picture(doc, appendix.picture)
    _data_table(doc, appendix.table, width)


def _picture(doc: DocxDocument, picture: Picture) -> None:
    from io import BytesIO

    doc.add_picture(BytesIO(picture.png), width=Pt(picture.width), height=Pt(picture.height))
    holder = doc.paragraphs[-1]
    holder.alignment = WD_ALIGN_PARAGRAPH.CENTER
    holder.paragraph_format.space_after = Pt(layout.SPACE_BEFORE_TABLE)
    holder.paragraph_format.keep_with_next = True


def render_docx(document: Document) -> DocxDocument:
    """The python-docx document for ``document``."""
    doc = new_docx()
    _pin_document_fonts(doc)
    _set_normal_style(doc)
    _set_heading_styles(doc)
    _black_styles(doc)
    set_properties(doc, document)
    clean_package(doc, document)
    section = doc.sections[0]
    _setup_section(section)
    _page_header(section)
    _letterhead(doc, document)
    _title(doc, document)
    for block in document.body:
        if isinstance(block, Heading):
            _heading(doc, block)
        elif isinstance(block, Paragraph):
            if block.heading is not None:
                _heading(doc, block.heading, run_in=True)
            _body_paragraph(doc, block.runs, keep_with_next=block.keep_with_next)
        else:
            _data_table(doc, block, layout.TEXT_WIDTH)
            _shrink(doc.add_paragraph(), after=layout.BODY_SPACE_AFTER)  # room below; Word joins adjacent tables
    _closing(doc, document)
    for appendix in document.appendices:
        _appendix(doc, appendix)
    tidy(doc, FONT)
    return doc


def write_docx(document: Document, path: Path) -> None:
    """Write ``document`` as a .docx file at ``path``."""
    render_docx(document).save(str(path))
