"""The in-app preview: the export's document tree written as Qt rich text (a third writer beside DOCX and PDF).

It shows what the document will say, in the order and emphasis the writers use (letterhead, title, body,
signature, recipients, appendices); page breaks and exact sizes are the PDF's business, which the print
preview opens.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from export.document.document import Appendix, Document, Heading, Paragraph, Run, Table, is_figure, printable

_STYLE = """
body { font-family: 'Times New Roman', 'Liberation Serif', 'Tinos', serif; font-size: 13pt; color: black; }
p { margin: 0; }
td { vertical-align: top; }
table.grid { border-collapse: collapse; }
table.grid td, table.grid th { border: 1px solid black; padding: 2px 4px; font-size: 12pt; }
"""

# Inline: Qt's rich text ignores class selectors for these properties.
_BODY = "text-align: justify; text-indent: 38px; margin-top: 6px;"
_HEADING = "font-weight: bold; margin-top: 6px;"


def _text(text: str) -> str:
    return escape(printable(text))


def _run(run: Run) -> str:
    html = _text(run.text)
    if run.bold:
        html = f"<b>{html}</b>"
    if run.italic:
        html = f"<i>{html}</i>"
    return html


def _centred(lines: tuple[str, ...] | list[str], style: str = "") -> str:
    return "".join(f'<p align="center" style="{style}">{_text(line)}</p>' for line in lines)


def _rule() -> str:
    return '<hr width="35%" style="margin: 0;">'


def _letterhead(document: Document) -> str:
    head = document.letterhead
    left = (_centred(head.parent_lines, "font-size: 12pt;") + _centred(head.issuer_lines, "font-weight: bold;")
            + _rule() + _centred([head.number_line]))
    right = (_centred([head.national_title], "font-weight: bold; font-size: 12pt;")
             + _centred([head.motto], "font-weight: bold;") + _rule()
             + _centred([head.place_date], "font-style: italic;"))
    return (f'<table width="100%" cellspacing="0" cellpadding="0"><tr><td width="40%">{left}</td>'
            f'<td width="60%">{right}</td></tr></table>')


def _table(table: Table) -> str:
    header = "".join(f"<th>{_text(cell)}</th>" for cell in table.header)
    rows = []
    for index, row in enumerate(table.rows):
        bold = table.total_row and index == len(table.rows) - 1
        cells = "".join(
            f'<td align="{"right" if is_figure(cell) else "left"}">{"<b>" if bold else ""}{_text(cell)}'
            f'{"</b>" if bold else ""}</td>' for cell in row)
        rows.append(f"<tr>{cells}</tr>")
    return f'<table class="grid" width="100%" cellspacing="0">{header and f"<tr>{header}</tr>"}{"".join(rows)}</table>'


def _block(block: Heading | Paragraph | Table) -> str:
    if isinstance(block, Heading):
        return f'<p style="{_HEADING}">{_text(block.text)}</p>'
    if isinstance(block, Paragraph):
        return f'<p style="{_BODY}">{"".join(_run(run) for run in block.all_runs)}</p>'
    return _table(block)


def _closing(document: Document) -> str:
    recipients = (f'<p style="font-size: 12pt;"><b><i>{_text(document.recipients.label)}</i></b></p>'
                  + "".join(f'<p style="font-size: 11pt;">{_text(item)}</p>' for item in document.recipients.items))
    signature = document.signature
    signer = (_centred(signature.authority_lines, "font-weight: bold;")
              + _centred([signature.title], "font-weight: bold;")
              + '<p style="margin-top: 48px;"></p>' + _centred([signature.name], "font-weight: bold;"))
    return (f'<table width="100%" cellspacing="0" cellpadding="0" style="margin-top: 12px;"><tr>'
            f'<td width="45%">{recipients}</td><td width="55%">{signer}</td></tr></table>')


def _appendix(appendix: Appendix) -> str:
    return ('<hr style="margin-top: 24px;">' + _centred([appendix.label], "font-weight: bold;")
            + _centred([appendix.title.upper()], "font-weight: bold;")
            + _centred(appendix.caption_lines, "font-style: italic;") + _table(appendix.table))


def document_html(document: Document) -> str:
    """The whole document as rich text for a :class:`QTextBrowser`."""
    title = (_centred([document.title.type_name], "font-weight: bold; margin-top: 18px;")
             + _centred(document.title.summary_lines, "font-weight: bold;") + _rule())
    body = "".join(_block(block) for block in document.body)
    appendices = "".join(_appendix(a) for a in document.appendices)
    return (f"<html><head><style>{_STYLE}</style></head><body>{_letterhead(document)}{title}{body}"
            f"{_closing(document)}{appendices}</body></html>")


class PreviewPane(QTextBrowser):
    """Shows :func:`document_html` of a report on a page-wide white sheet."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("xem_truoc")
        self.setOpenLinks(False)
        self.setStyleSheet("QTextBrowser { background: white; padding: 24px 48px; }")

    def show_document(self, document: Document) -> None:
        self.setHtml(document_html(document))
