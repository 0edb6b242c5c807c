"""The document tree both writers render: what a báo cáo holds, with no layout decision in it.

The builder (``export.document.builder``) makes one from a report; others (e.g. the consolidation of sub-units'
reports) may construct :class:`Appendix` and :class:`Table` nodes themselves. Writers pass every string
through :func:`printable`, so a tree built from raw text cannot break them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
RECIPIENTS_LABEL = "Nơi nhận:"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def printable(text: str) -> str:
    """``text`` in NFC without control characters (python-docx refuses them; reportlab misplaces NFD marks).

    Spaces are kept as they are: the draft number ``Số:      /BC-UBND`` needs its run of spaces.
    """
    text = unicodedata.normalize("NFC", text).replace("\t", " ").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub("", text.replace("\n", " "))


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style inside a paragraph."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Letterhead:
    """Page 1's two-column header (ô2, ô3 left; ô1, ô4 right)."""

    issuer_lines: tuple[str, ...]
    number_line: str
    place_date: str
    parent_lines: tuple[str, ...] = ()
    national_title: str = NATIONAL_TITLE
    motto: str = MOTTO
    numbered: bool = True
    """False for a draft whose number the văn thư has not given yet."""


@dataclass(frozen=True)
class Title:
    """``BÁO CÁO`` and the trích yếu (one or more lines) with the short rule below."""

    type_name: str
    summary_lines: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    """A heading on its own line: level 1 is a mục (``I. TÌNH HÌNH …``), level 2 a khoản (``1. …``), level 3 a
    điểm (``a) …``, bold italic)."""

    number: str
    title: str
    level: int = 1

    @property
    def text(self) -> str:
        return f"{self.number} {self.title}".strip()


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph (justified, first-line indent). List items are paragraphs starting ``- ``.

    ``heading`` is a run-in khoản heading (``1. Cổng thông tin điện tử:``) printed in bold at its start: the
    PDF prints it inline; the DOCX makes it a heading-style paragraph joined to this one by a style separator,
    so Word's Navigation Pane and table of contents list it."""

    runs: tuple[Run, ...]
    keep_with_next: bool = False
    heading: Heading | None = None

    @property
    def all_runs(self) -> tuple[Run, ...]:
        """The runs as printed: the run-in heading in bold, a space, then the paragraph's own runs."""
        if self.heading is None:
            return self.runs
        return (Run(self.heading.text, bold=True), Run(" "), *self.runs)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.all_runs)


Align = Literal["left", "center", "right"]
MERGE_LEFT, MERGE_UP = "<", "^"


@dataclass(frozen=True)
class Table:
    """A table with a header row (bold, centred, repeated on every page), or two: in ``header2`` and in the
    first row, ``<`` joins a cell to the one on its left and ``^`` (second row) to the one above.

    ``widths`` are relative column widths (equal when empty). ``align`` gives each column's alignment;
    when empty, a cell holding a figure (``1.972``, ``43%``, ``-``) is right-aligned and text left-aligned.
    ``total_row`` prints the last row bold. ``title`` (a table in the body) prints centred in bold above it.
    """

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] = ()
    align: tuple[Align, ...] = ()
    total_row: bool = False
    header2: tuple[str, ...] = ()
    title: str = ""

    def __post_init__(self) -> None:
        for name in ("widths", "align", "header2"):
            if getattr(self, name) and len(getattr(self, name)) != len(self.header):
                raise ValueError(f"Table {name} must match the header columns")
        if any(len(row) != len(self.header) for row in self.rows):
            raise ValueError("Every table row must have as many cells as the header")

    @property
    def header_rows(self) -> tuple[tuple[str, ...], ...]:
        return (self.header, self.header2) if self.header2 else (self.header,)

    def spans(self) -> list[tuple[int, int, int, int]]:
        """The joined header cells as (first row, first column, last row, last column), one per header cell
        that spans more than itself."""
        rows = self.header_rows
        out = []
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                if text in (MERGE_LEFT, MERGE_UP):
                    continue
                last_c = c
                while last_c + 1 < len(row) and row[last_c + 1] == MERGE_LEFT:
                    last_c += 1
                last_r = r
                while last_r + 1 < len(rows) and rows[last_r + 1][c] == MERGE_UP:
                    last_r += 1
                if (last_r, last_c) != (r, c):
                    out.append((r, c, last_r, last_c))
        return out

    def header_text(self, row: int, column: int) -> str:
        """A header cell's text; a joined cell's is blank (its anchor holds the text)."""
        text = self.header_rows[row][column]
        return "" if text in (MERGE_LEFT, MERGE_UP) else text

    def cell_align(self, column: int, text: str) -> Align:
        if self.align:
            return self.align[column]
        return "right" if is_figure(text) else "left"

    def relative_widths(self) -> tuple[float, ...]:
        widths = self.widths or (1.0,) * len(self.header)
        total = sum(widths)
        return tuple(w / total for w in widths)


_FIGURE = re.compile(r"^(\d[\d.,\s]*%?|…|-)$")


def is_figure(cell: str) -> bool:
    """True for a cell that holds a number, a percentage or a blank mark (``…``, ``-``)."""
    return bool(_FIGURE.match(cell.strip()))


@dataclass(frozen=True)
class SignatureBlock:
    """ô7: authority lines (``TM. ỦY BAN NHÂN DÂN``, ``KT. CHỦ TỊCH``), the signer's title and name."""

    authority_lines: tuple[str, ...]
    title: str
    name: str


@dataclass(frozen=True)
class Recipients:
    """ô9b: ``Nơi nhận:`` and its items, each already starting with ``- `` and ending ``;`` or ``.``."""

    items: tuple[str, ...]
    label: str = RECIPIENTS_LABEL


@dataclass(frozen=True)
class Picture:
    """A picture placed on the page at a size in points (a chart: PNG bytes)."""

    png: bytes
    width: float
    height: float


@dataclass(frozen=True)
class Appendix:
    """A phụ lục: its own section (page numbers restart), a title in capitals, italic caption lines and a table.

    Construct it with ``title``, ``table`` and any extra ``caption_lines`` (e.g. ``Đơn vị tính: hồ sơ``);
    :func:`export.document.builder.build_document` sets ``label`` (``Phụ lục``, or ``Phụ lục I``, ``II`` … when
    there are several) and puts the ``(Kèm theo Báo cáo số …)`` line first.
    """

    title: str
    table: Table
    caption_lines: tuple[str, ...] = ()
    label: str = "Phụ lục"
    landscape: bool = False
    picture: Picture | None = None
    """A chart above the table, which names what the chart numbers."""


Block = Heading | Paragraph | Table


@dataclass(frozen=True)
class Document:
    letterhead: Letterhead
    title: Title
    body: tuple[Block, ...]
    signature: SignatureBlock
    recipients: Recipients
    appendices: tuple[Appendix, ...] = field(default=())
    subject: str = ""
    author: str = ""
