"""The DOCX package around the text: core and app properties that name the report and this application, and the
parts python-docx's default template leaves behind removed."""

from __future__ import annotations

from datetime import UTC, datetime
from xml.sax.saxutils import escape

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn

from export.document.document import Document, printable

APPLICATION_NAME = "Soạn báo cáo"
LANGUAGE = "vi-VN"


def set_properties(doc: DocxDocument, document: Document) -> None:
    """Title and author of the report, today's date (python-docx's template says 2013 and "python-docx")."""
    props = doc.core_properties
    props.title = printable(document.subject)
    props.author = props.last_modified_by = printable(document.author)
    props.language = LANGUAGE
    props.comments = ""
    props.revision = 1
    props.created = props.modified = datetime.now(UTC).replace(microsecond=0)


_LEFTOVER_PARTS = (RT.THUMBNAIL, RT.CUSTOM_XML, "http://schemas.microsoft.com/office/2007/relationships/stylesWithEffects")


_APP_PROPERTIES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>{app}\
</Application><Company>{company}</Company><DocSecurity>0</DocSecurity></Properties>"""


def clean_package(doc: DocxDocument, document: Document) -> None:
    """Drop what python-docx's default template leaves behind: a blank thumbnail, an unused customXml item, the
    Word 2010 copy of the styles (with its blue headings), settings claiming the text was spell-checked and asking
    for a preview picture, and an app.xml claiming "Microsoft Macintosh Word" and 1 page. Our app.xml names this
    application and the issuing office, and counts no pages (Word recounts)."""
    for source in (doc.part.package, doc.part):
        for rid, rel in list(source.rels.items()):
            if rel.reltype in _LEFTOVER_PARTS:
                del source.rels[rid]
    settings = doc.settings.element
    for tag in ("w:proofState", "w:savePreviewPicture"):  # "already proofed" would hide Word's spelling marks
        for element in settings.findall(qn(tag)):
            settings.remove(element)
    app = doc.part.package.rels.part_with_reltype(RT.EXTENDED_PROPERTIES)
    app._blob = _APP_PROPERTIES.format(app=APPLICATION_NAME, company=escape(printable(document.author))).encode()
