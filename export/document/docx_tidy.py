"""What a finished DOCX keeps of python-docx's default template: only the styles and fonts it uses, and Word 2013+
compatibility.

The template (made with Word 2010 for Mac) carries a Title, quotes and some 55 table styles in accent colours,
Calibri, Cambria and MS Gothic in its font table and theme, and ``compatibilityMode`` 14, which makes Word open
the report in Compatibility Mode. Run after the content is written, since the styles in use are known only then.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml.ns import qn
from lxml import etree

WORD_2013 = "15"
"""``compatibilityMode`` of Word 2013 and later (Word 2016-365 still write 15)."""
_DRAWING = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_STYLE_REFERENCES = ("w:pStyle", "w:rStyle", "w:tblStyle", "w:numStyle")
_STYLE_LINKS = ("w:basedOn", "w:next", "w:link")


def _used_style_ids(doc: DocxDocument) -> set[str]:
    """Styles the body, headers and footers name, the default style of each kind, and every style those are
    based on, followed by or linked to."""
    parts = [doc.part.element]
    parts += [rel.target_part.element for rel in doc.part.rels.values() if rel.reltype in (RT.HEADER, RT.FOOTER)]
    used = {element.get(qn("w:val")) for part in parts for tag in _STYLE_REFERENCES for element in part.iter(qn(tag))}
    styles = {style.get(qn("w:styleId")): style for style in doc.styles.element.findall(qn("w:style"))}
    used |= {style_id for style_id, style in styles.items() if style.get(qn("w:default")) in ("1", "true")}
    pending = list(used)
    while pending:
        style = styles.get(pending.pop())
        if style is None:
            continue
        for tag in _STYLE_LINKS:
            link = style.find(qn(tag))
            if link is not None and link.get(qn("w:val")) not in used:
                used.add(link.get(qn("w:val")))
                pending.append(link.get(qn("w:val")))
    return used


def prune_styles(doc: DocxDocument) -> None:
    """Remove every style definition the document does not use (Word's style gallery still offers its own)."""
    used = _used_style_ids(doc)
    root = doc.styles.element
    for style in root.findall(qn("w:style")):
        if style.get(qn("w:styleId")) not in used:
            root.remove(style)


def drop_unused_numbering(doc: DocxDocument) -> None:
    """Remove the template's list definitions (they name its List Bullet and List Number styles, now gone) when no
    paragraph is numbered: our lists are written as "- " lines."""
    if next(doc.element.body.iter(qn("w:numPr")), None) is not None:
        return
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype == RT.NUMBERING:
            del doc.part.rels[rid]


def prune_font_table(doc: DocxDocument, fonts: set[str]) -> None:
    """Keep in ``word/fontTable.xml`` only the fonts the document names (Symbol, Cambria, MS Gothic… go)."""
    part = doc.part.part_related_by(RT.FONT_TABLE)
    root = etree.fromstring(part.blob)
    for font in root.findall(qn("w:font")):
        if font.get(qn("w:name")) not in fonts:
            root.remove(font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_theme_fonts(doc: DocxDocument, font: str) -> None:
    """The theme's heading and body fonts (Calibri, Cambria) become ``font``, so a style a clerk adds in Word
    from the theme's fonts is in the report's font too."""
    part = doc.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    for kind in ("majorFont", "minorFont"):
        for scheme in root.iter(f"{_DRAWING}{kind}"):
            latin = scheme.find(f"{_DRAWING}latin")
            if latin is not None:
                latin.set("typeface", font)
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_word_2013_compatibility(doc: DocxDocument) -> None:
    """``compatibilityMode`` 15: Word opens the report as a current document, not in Compatibility Mode."""
    for setting in doc.settings.element.iter(qn("w:compatSetting")):
        if setting.get(qn("w:name")) == "compatibilityMode":
            setting.set(qn("w:val"), WORD_2013)


def tidy(doc, font: str) -> None:
    """Everything above, once the document is written: only what it uses, in ``font``, for Word 2013 and later."""
    prune_styles(doc)
    drop_unused_numbering(doc)
    prune_font_table(doc, {font})
    set_theme_fonts(doc, font)
    set_word_2013_compatibility(doc)
