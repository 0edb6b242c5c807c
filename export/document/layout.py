"""Page geometry, sizes and rule lengths per Nghị định 30/2020 (nd30-format.md §1–§3), shared by both writers.

Lengths are in points unless the name says otherwise. The writers convert; neither decides a size itself.
"""

from __future__ import annotations

from collections.abc import Sequence

from export.document import fonts

MM = 72 / 25.4  # points per millimetre

PAGE_WIDTH = 210 * MM
PAGE_HEIGHT = 297 * MM
# nd30: top/bottom 20-25 mm, left 30-35 mm, right 15-20 mm; the usual practice values.
MARGIN_TOP = 20 * MM
MARGIN_BOTTOM = 20 * MM
MARGIN_LEFT = 30 * MM
MARGIN_RIGHT = 15 * MM
HEADER_DISTANCE = 10 * MM  # the page number sits inside the top margin
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 165 mm
LANDSCAPE_TEXT_WIDTH = PAGE_HEIGHT - MARGIN_LEFT - MARGIN_RIGHT

# Column widths of the two borderless tables (decree's Mẫu 1.4 ratio, fitted to a 165 mm text width).
# The right header column must hold the Quốc hiệu, 88.3 mm at 12 pt bold.
HEADER_COLUMNS = (65 * MM, 100 * MM)
CLOSING_COLUMNS = (72 * MM, 93 * MM)

# Font sizes (nd30-format.md §3, the decree's illustrative values).
SIZE_NATIONAL_TITLE = 12
SIZE_MOTTO = 13
SIZE_PARENT = 12
SIZE_ISSUER = 12
SIZE_NUMBER = 13
SIZE_PLACE_DATE = 13
SIZE_TYPE_NAME = 14
SIZE_SUMMARY = 14
SIZE_BODY = 14
SIZE_SIGNATURE = 14
SIZE_RECIPIENTS_LABEL = 12
SIZE_RECIPIENTS = 11
SIZE_PAGE_NUMBER = 14
SIZE_APPENDIX_LABEL = 14
SIZE_APPENDIX_TITLE = 14
SIZE_APPENDIX_CAPTION = 14
SIZE_TABLE = 12

# Body paragraphs: justified, first-line indent 1 cm, 6 pt after, exactly 18 pt line pitch (1.29 × 14 pt,
# inside nd30's "single to 1.5 lines"; exact spacing makes both writers break lines alike).
BODY_LEADING = 18.0
BODY_SPACE_AFTER = 6.0
FIRST_LINE_INDENT = 10 * MM
TABLE_LEADING = 14.0
TABLE_CELL_PADDING = 3.0

SINGLE_LINE = 1.15  # a "single" line of a Times-metric font is 1.15 × its size
RULE_WEIGHT = 0.75  # line thickness of the rules under the motto, the issuer and the trích yếu
RULE_GAP = 4.0  # between the line box of the text above and its rule, clear of the descenders
SPACE_BEFORE_NUMBER = 6.0
SPACE_BEFORE_TITLE = 18.0
SPACE_AFTER_TITLE_RULE = 12.0
SPACE_BEFORE_CLOSING = 12.0
SPACE_BEFORE_TABLE = 6.0  # between an appendix's caption and its table
SIGNATURE_SPACE = 25 * MM  # blank space for the signature and the seal (3-4 lines)
SIGNATURE_PLACE = "SoanBaoCao.ChuKy"
"""Name of the PDF destination (``/FitR`` page and rectangle) the PDF writer puts on that blank space, so the
digital signer (``export.signing``) draws the signature and the seal where the layout left room for them."""
UNNUMBERED_DRAFT = "SoanBaoCao.ChuaCoSo"
"""A second name of that destination, written only in a draft without a number (``Số:      /BC-UBND``): ND30
gives the number before a document is issued, so the organisation's seal is refused on such a file."""

ISSUER_RULE_SHARE = 0.4  # nd30: 1/3 to 1/2 of the issuer's name line
SUMMARY_RULE_SHARE = 0.4  # nd30: 1/3 to 1/2 of the trích yếu line


def single_line(size: float) -> float:
    return SINGLE_LINE * size


def motto_rule(motto: str) -> float:
    """The rule under the Tiêu ngữ is as long as the Tiêu ngữ."""
    return fonts.text_width(motto, SIZE_MOTTO, bold=True)


def issuer_rule(lines: Sequence[str]) -> float:
    """40 % of the issuer's longest name line (a wrapped line is at most the column width)."""
    longest = max((fonts.text_width(line, SIZE_ISSUER, bold=True) for line in lines), default=0.0)
    return ISSUER_RULE_SHARE * min(longest, HEADER_COLUMNS[0])


def summary_rule(lines: Sequence[str], width: float = TEXT_WIDTH) -> float:
    """40 % of the trích yếu's longest printed line (a wrapped line is at most ``width``)."""
    longest = max((fonts.text_width(line, SIZE_SUMMARY, bold=True) for line in lines), default=0.0)
    return SUMMARY_RULE_SHARE * min(longest, width)
