"""PDF writer (reportlab platypus) for the document tree, laid out like the DOCX writer.

The embedded font is Times New Roman or the bundled Liberation Serif (``export.document.fonts``); reportlab's
built-in Times has no Vietnamese. Every string is NFC without control characters (``printable``) and
escaped before it enters Paragraph markup. Page numbers are drawn at the end of each page, centred in
the top margin, from a section's second page on (each appendix restarts at 1).
"""

from __future__ import annotations

import re
from pathlib import Path

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    TableStyle,
)
from reportlab.platypus import Paragraph as RLParagraph
from reportlab.platypus import Table as RLTable

from export.document import fonts, layout
from export.document.document import Appendix, Document, Heading, Paragraph, Run, Table, printable

_SPACES = re.compile(r" {2,}")
_ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


def escape(text: str) -> str:
    """``& < >`` as entities (``xml.sax.saxutils.escape`` does the same but imports urllib, 13 ms)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markup(text: str, *, bold: bool = False, italic: bool = False) -> str:
    """``text`` as safe Paragraph markup: NFC, no control characters, ``& < >`` escaped, runs of spaces kept."""
    text = escape(printable(text))
    text = _SPACES.sub(lambda m: "\u00a0" * len(m.group()), text)
    if bold:
        text = f"<b>{text}</b>"
    if italic:
        text = f"<i>{text}</i>"
    return text


def _runs(runs: tuple[Run, ...]) -> str:
    return "".join(markup(run.text, bold=run.bold, italic=run.italic) for run in runs)


class _Styles:
    """The paragraph styles, made once the font is registered."""

    def __init__(self) -> None:
        regular = fonts.face()
        self.body = ParagraphStyle(
            "body", fontName=regular, fontSize=layout.SIZE_BODY, leading=layout.BODY_LEADING,
            alignment=TA_JUSTIFY, firstLineIndent=layout.FIRST_LINE_INDENT, spaceAfter=layout.BODY_SPACE_AFTER,
            splitLongWords=1, allowWidows=0, allowOrphans=0, spaceShrinkage=0)
        # No space shrinking (reportlab squeezes a justified line's spaces by up to 5 % to fit one more word; Word
        # never does): both writers then break every line, and so every page, at the same word.
        self.cells = {align: ParagraphStyle(f"cell-{align}", fontName=regular, fontSize=layout.SIZE_TABLE,
                                            leading=layout.TABLE_LEADING, alignment=alignment, splitLongWords=1,
                                            spaceShrinkage=0)
                      for align, alignment in _ALIGN.items()}
        self._regular = regular
        self._lines: dict[tuple[float, int, float, float], ParagraphStyle] = {}

    def line(self, size: float, align: int = TA_CENTER, *, before: float = 0, after: float = 0) -> ParagraphStyle:
        """A single-spaced line style (header, title, closing)."""
        key = (size, align, before, after)
        if key not in self._lines:
            self._lines[key] = ParagraphStyle(
                f"line{len(self._lines)}", fontName=self._regular, fontSize=size, leading=layout.single_line(size),
                alignment=align, spaceBefore=before, spaceAfter=after, splitLongWords=1, spaceShrinkage=0)
        return self._lines[key]


class Rule(Flowable):
    """A horizontal line ``length`` pt long, centred in the space it is given, just below the text above."""

    def __init__(self, length: float) -> None:
        super().__init__()
        self.length = length
        self._avail = length

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, layout.RULE_GAP + layout.RULE_WEIGHT

    def draw(self) -> None:
        left = max(0.0, (self._avail - self.length) / 2)
        self.canv.setLineWidth(layout.RULE_WEIGHT)
        self.canv.line(left, layout.RULE_WEIGHT / 2, left + min(self.length, self._avail), layout.RULE_WEIGHT / 2)


class _SignatureSpace(Flowable):
    """The blank space of the signature block, recorded in the PDF as the named destination
    :data:`layout.SIGNATURE_PLACE` (its page and rectangle) for the digital signer; a draft without a number
    is also marked :data:`layout.UNNUMBERED_DRAFT`, so the organisation's seal can be refused on it."""

    def __init__(self, height: float, *, unnumbered: bool) -> None:
        super().__init__()
        self.height = height
        self.unnumbered = unnumbered
        self._avail = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self._avail = avail_width
        return avail_width, self.height

    def draw(self) -> None:
        left, bottom = self.canv.absolutePosition(0, 0)
        right, top = self.canv.absolutePosition(self._avail, self.height)
        # A catalog /Dests entry (reportlab writes its name tree only for destinations an outline or link uses).
        destination = self.canv.bookmarkPage(layout.SIGNATURE_PLACE, fit="FitR", left=left, bottom=bottom,
                                             right=right, top=top)
        names = (layout.SIGNATURE_PLACE, layout.UNNUMBERED_DRAFT) if self.unnumbered else (layout.SIGNATURE_PLACE,)
        self.canv.setCatalogEntry("Dests", dict.fromkeys(names, destination))


class _SectionStart(Flowable):
    """Marks the page where page numbering restarts (the report, then each appendix)."""

    def __init__(self, numbering: dict[str, int]) -> None:
        super().__init__()
        self.numbering = numbering

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.numbering["start"] = self.canv.getPageNumber()


def _line(styles: _Styles, text: str, size: float, *, bold: bool = False, italic: bool = False,
          align: int = TA_CENTER, before: float = 0, after: float = 0) -> RLParagraph:
    return RLParagraph(markup(text, bold=bold, italic=italic), styles.line(size, align, before=before, after=after))


def _table_style(*commands: tuple) -> TableStyle:
    """A table style whose cell font is ours (reportlab otherwise sets Helvetica on each cell)."""
    return TableStyle([("FONT", (0, 0), (-1, -1), fonts.face(), layout.SIZE_TABLE), *commands])


_BORDERLESS = [("VALIGN", (0, 0), (-1, -1), "TOP"),
               ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
               ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0)]


def _letterhead(styles: _Styles, document: Document) -> RLTable:
    head = document.letterhead
    left = [_line(styles, line, layout.SIZE_PARENT) for line in head.parent_lines]
    left += [_line(styles, line, layout.SIZE_ISSUER, bold=True) for line in head.issuer_lines]
    left.append(Rule(layout.issuer_rule(head.issuer_lines)))
    right = [_line(styles, head.national_title, layout.SIZE_NATIONAL_TITLE, bold=True),
             _line(styles, head.motto, layout.SIZE_MOTTO, bold=True),
             Rule(layout.motto_rule(head.motto))]
    number = _line(styles, head.number_line, layout.SIZE_NUMBER, before=layout.SPACE_BEFORE_NUMBER)
    place_date = _line(styles, head.place_date, layout.SIZE_PLACE_DATE, italic=True,
                       before=layout.SPACE_BEFORE_NUMBER)
    table = RLTable([[left, right], [number, place_date]], colWidths=list(layout.HEADER_COLUMNS))
    table.setStyle(_table_style(*_BORDERLESS, ("TOPPADDING", (0, 1), (-1, 1), layout.SPACE_BEFORE_NUMBER)))
    return table


def _title(styles: _Styles, document: Document) -> list[Flowable]:
    title = document.title
    summary = "<br/>".join(markup(line, bold=True) for line in title.summary_lines)
    return [_line(styles, title.type_name, layout.SIZE_TYPE_NAME, bold=True, before=layout.SPACE_BEFORE_TITLE),
            RLParagraph(summary, styles.line(layout.SIZE_SUMMARY)),
            Rule(layout.summary_rule(title.summary_lines)),
            Spacer(0, layout.SPACE_AFTER_TITLE_RULE)]


def _body(styles: _Styles, document: Document) -> list[Flowable]:
    flowables: list[Flowable] = []
    for block in document.body:
        if isinstance(block, Heading):
            flowable = RLParagraph(markup(block.text, bold=True, italic=block.level == 3), styles.body)
            flowable.keepWithNext = True
        elif isinstance(block, Paragraph):
            flowable = RLParagraph(_runs(block.all_runs), styles.body)
            flowable.keepWithNext = block.keep_with_next
        else:
            # the title, the header rows and two rows start on one page; the rest flows row by row
            flowables.append(CondPageBreak(layout.BODY_LEADING * (len(block.header_rows) + 4)))
            if block.title:
                flowables.append(_line(styles, block.title, layout.SIZE_BODY, bold=True,
                                       after=layout.SPACE_BEFORE_TABLE))
            flowables += [_data_table(styles, block, layout.TEXT_WIDTH), Spacer(0, layout.BODY_SPACE_AFTER)]
            continue
        flowables.append(flowable)
    return flowables


def _data_table(styles: _Styles, table: Table, width: float) -> RLTable:
    def cell(text: str, *, bold: bool, align: str) -> RLParagraph:
        return RLParagraph(markup(text, bold=bold), styles.cells[align])

    heads = len(table.header_rows)
    data = [[cell(table.header_text(number, column), bold=True, align="center") for column in range(len(row))]
            for number, row in enumerate(table.header_rows)]
    for index, row in enumerate(table.rows):
        bold = table.total_row and index == len(table.rows) - 1
        data.append([cell(text, bold=bold, align=table.cell_align(column, text)) for column, text in enumerate(row)])
    # reportlab splits a table between rows only, never inside one, and repeats the header rows on each page
    out = RLTable(data, colWidths=[share * width for share in table.relative_widths()], repeatRows=heads)
    pad = layout.TABLE_CELL_PADDING
    commands = [("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                *(("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in table.spans()),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]
    if table.total_row and len(table.rows) > 1:
        commands.append(("NOSPLIT", (0, -2), (-1, -1)))  # the total row never stands alone on a page
    out.setStyle(_table_style(*commands))
    return out


def _closing(styles: _Styles, document: Document) -> RLTable:
    recipients, signature = document.recipients, document.signature
    left: list[Flowable] = [_line(styles, recipients.label, layout.SIZE_RECIPIENTS_LABEL, bold=True, italic=True,
                                  align=TA_LEFT)]
    left += [_line(styles, item, layout.SIZE_RECIPIENTS, align=TA_LEFT) for item in recipients.items]
    right: list[Flowable] = [_line(styles, line, layout.SIZE_SIGNATURE, bold=True)
                             for line in (*signature.authority_lines, signature.title)]
    right += [_SignatureSpace(layout.SIGNATURE_SPACE, unnumbered=not document.letterhead.numbered),
              _line(styles, signature.name, layout.SIZE_SIGNATURE, bold=True)]
    table = RLTable([[left, right]], colWidths=list(layout.CLOSING_COLUMNS))
    table.setStyle(_table_style(*_BORDERLESS, ("TOPPADDING", (0, 0), (-1, -1), layout.SPACE_BEFORE_CLOSING)))
    return table


def _appendix(styles: _Styles, appendix: Appendix, numbering: dict[str, int]) -> list[Flowable]:
    width = layout.LANDSCAPE_TEXT_WIDTH if appendix.landscape else layout.TEXT_WIDTH
    flowables: list[Flowable] = [
        NextPageTemplate("landscape" if appendix.landscape else "portrait"), PageBreak(), _SectionStart(numbering),
        _line(styles, appendix.label, layout.SIZE_APPENDIX_LABEL, bold=True),
        _line(styles, appendix.title.upper(), layout.SIZE_APPENDIX_TITLE, bold=True),
    ]
    flowables += [_line(styles, line, layout.SIZE_APPENDIX_CAPTION, italic=True) for line in appendix.caption_lines]
    flowables.append(Spacer(0, layout.SPACE_BEFORE_TABLE))
    if appendix.picture is not None:
        from io import BytesIO

        from reportlab.platypus import Image

        picture = appendix.picture
        flowables += [Image(BytesIO(picture.png), width=picture.width, height=picture.height),
                      Spacer(0, layout.SPACE_BEFORE_TABLE)]
    flowables.append(_data_table(styles, appendix.table, width))
    return flowables


def _page_templates(numbering: dict[str, int]) -> list[PageTemplate]:
    def number_drawer(width: float, height: float):
        """Draws the page number centred in the top margin of a ``width`` × ``height`` page (each template its
        own size: a landscape appendix page is wider and lower than the document's portrait size)."""
        def draw_number(canvas: Canvas, _doc: BaseDocTemplate) -> None:
            number = canvas.getPageNumber() - numbering["start"] + 1
            if number < 2:
                return
            baseline = height - layout.HEADER_DISTANCE - 0.891 * layout.SIZE_PAGE_NUMBER  # Times ascent
            canvas.saveState()
            canvas.setFont(fonts.face(), layout.SIZE_PAGE_NUMBER)
            center = layout.MARGIN_LEFT + (width - layout.MARGIN_LEFT - layout.MARGIN_RIGHT) / 2
            canvas.drawCentredString(center, baseline, str(number))
            canvas.restoreState()
        return draw_number

    templates = []
    for name, (width, height) in (("portrait", (layout.PAGE_WIDTH, layout.PAGE_HEIGHT)),
                                  ("landscape", (layout.PAGE_HEIGHT, layout.PAGE_WIDTH))):
        frame = Frame(layout.MARGIN_LEFT, layout.MARGIN_BOTTOM, width - layout.MARGIN_LEFT - layout.MARGIN_RIGHT,
                      height - layout.MARGIN_TOP - layout.MARGIN_BOTTOM, leftPadding=0, rightPadding=0,
                      topPadding=0, bottomPadding=0, id=name)
        templates.append(PageTemplate(id=name, frames=[frame], onPageEnd=number_drawer(width, height),
                                      pagesize=(width, height)))
    return templates


def write_pdf(document: Document, path: Path) -> None:
    """Write ``document`` as a PDF file at ``path``, embedding its font."""
    fonts.registered_fonts()
    styles = _Styles()
    numbering = {"start": 1}
    doc = BaseDocTemplate(
        str(path), pagesize=(layout.PAGE_WIDTH, layout.PAGE_HEIGHT), title=printable(document.subject),
        author=printable(document.author), creator="Soạn báo cáo", subject=printable(document.subject),
        lang="vi-VN", initialFontName=fonts.face(), initialFontSize=layout.SIZE_BODY,
        leftMargin=layout.MARGIN_LEFT, rightMargin=layout.MARGIN_RIGHT, topMargin=layout.MARGIN_TOP,
        bottomMargin=layout.MARGIN_BOTTOM)
    doc.addPageTemplates(_page_templates(numbering))
    story: list[Flowable] = [_SectionStart(numbering), _letterhead(styles, document), *_title(styles, document),
                             *_body(styles, document), _closing(styles, document)]
    for appendix in document.appendices:
        story += _appendix(styles, appendix, numbering)
    doc.build(story)
