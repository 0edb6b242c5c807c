"""Build the document tree of one report from its template's body and its values.

Every sentence with figures goes through :func:`model.report.placeholders.fill`, the one place that formats
figures for prose (``1.972``, ``43%``), so the exported text and the form can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace

from export.document.body_tables import body_table
from export.document.consolidated import report_appendices
from export.document.document import (
    Appendix,
    Block,
    Document,
    Heading,
    Letterhead,
    Paragraph,
    Recipients,
    Run,
    SignatureBlock,
    Title,
)
from export.document.source import ReportSource
from model.report.placeholders import fill
from model.report.template import BodyBlock, Template
from model.report.values import Value

# Room left for the văn thư to write the number by hand in a draft: "Số:      /BC-UBND".
DRAFT_NUMBER_GAP = " " * 6
DRAFT_DATE_GAP = " " * 5
_END_PUNCTUATION = (".", ";", ":", "!", "?", "…")


class _Filler:
    """Fills template sentences for one report."""

    def __init__(self, template: Template, values: Mapping[str, Value], context: Mapping[str, str]) -> None:
        self.template, self.values, self.context = template, values, context

    def __call__(self, text: str) -> str:
        return fill(text, self.template, self.values, self.context)

    def lines(self, text: str) -> list[str]:
        """The filled text split into its non-empty lines (a multiline field gives several)."""
        return [line.strip() for line in self(text).split("\n") if line.strip()]

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None


def list_items(items: Sequence[str], *, numbered: bool = False) -> list[str]:
    """``- item;`` lines (``1. item;`` when ``numbered``), the last ending ``.``; an item already ending in
    punctuation keeps its own (the sample's tasks each end with ``.``, its recipients with ``;``)."""
    lines = []
    for index, item in enumerate(items):
        item = item.strip()
        if not item.endswith(_END_PUNCTUATION):
            item += "." if index == len(items) - 1 else ";"
        lines.append(f"{index + 1}. {item}" if numbered else f"- {item}")
    return lines


def _number_line(fill_: _Filler) -> str:
    symbol = fill_("{ky_hieu}")
    if fill_.has("so"):
        return fill_("Số: {so}/{ky_hieu}")
    return f"Số:{DRAFT_NUMBER_GAP}/{symbol}"


def _date_phrase(fill_: _Filler, year: int) -> str:
    """``ngày 18 tháng 6 năm 2018``; a draft without a date leaves room for the văn thư to write it."""
    if fill_.has("ngay_ban_hanh"):
        return fill_("{ngay_ban_hanh}")
    return f"ngày{DRAFT_DATE_GAP}tháng{DRAFT_DATE_GAP}năm {year}"


def _letterhead(fill_: _Filler, year: int) -> Letterhead:
    return Letterhead(
        parent_lines=tuple(line.upper() for line in fill_.lines("{co_quan_chu_quan}")),
        issuer_lines=tuple(line.upper() for line in fill_.lines("{co_quan_ban_hanh}")),
        number_line=_number_line(fill_),
        numbered=fill_.has("so"),
        place_date=f"{fill_('{dia_danh}')}, {_date_phrase(fill_, year)}",
    )


def _printed(template: Template, values: Mapping[str, Value]) -> Iterator[BodyBlock]:
    """The blocks whose ``when`` holds; a heading whose condition fails leaves out its whole section (every
    block up to the next heading of its level or above)."""
    skipping_below: int | None = None
    for block in template.body:
        if skipping_below is not None:
            if block.type != "heading" or block.level > skipping_below:
                continue
            skipping_below = None
        condition = block.condition
        if condition is not None and not condition.holds(values):
            if block.type == "heading":
                skipping_below = block.level
            continue
        yield block


def _body(template: Template, fill_: _Filler, units: Sequence[tuple[str, Mapping[str, Value]]] = ()) -> list[Block]:
    """The body blocks. A run-in khoản heading starts the paragraph of the block right after it; when that block
    prints nothing (a narrative left blank) the heading stands as a line of its own, never glued to the next
    bullet."""
    blocks: list[Block] = []
    run_in: Heading | None = None  # a khoản heading waiting for the paragraph it starts

    def flush_run_in() -> None:
        nonlocal run_in
        if run_in is not None:
            blocks.append(run_in)
            run_in = None

    for block in _printed(template, fill_.values):
        if block.type == "table":
            flush_run_in()
            table = body_table(block, template, fill_.values, fill_.context, units)
            if table is not None:
                blocks.append(table)
            continue
        if block.type == "heading":
            flush_run_in()
            heading = Heading(block.number, block.title, block.level)
            if block.run_in:
                run_in = heading
            else:
                blocks.append(heading)
            continue
        paragraphs = list(_paragraphs(block, fill_))
        if run_in is not None and paragraphs:
            paragraphs[0] = replace(paragraphs[0], heading=run_in)
            run_in = None
        flush_run_in()
        blocks.extend(paragraphs)
    flush_run_in()
    return blocks


def _paragraphs(block: BodyBlock, fill_: _Filler) -> Iterator[Paragraph]:
    if block.list:
        value = fill_.values.get(block.list)
        for line in list_items(value if isinstance(value, tuple) else (), numbered=block.numbered):
            yield Paragraph((Run(line),))
        return
    for index, line in enumerate(fill_.lines(block.text)):
        if index == 0 and block.bullet:
            lead = (Run(block.lead, bold=True), Run(" ")) if block.lead else ()
            yield Paragraph((Run("- "), *lead, Run(line)))
        else:
            yield Paragraph((Run(line),))


def _kem_theo(fill_: _Filler, letterhead: Letterhead, year: int) -> str:
    """``(Kèm theo Báo cáo số 154/BC-UBND ngày 18 tháng 6 năm 2018 của Ủy ban nhân dân tỉnh Kiên Giang)``;
    a draft keeps the same gap for the number as its letterhead."""
    number = letterhead.number_line.removeprefix("Số:")
    kind = fill_.template.type_name.capitalize()
    return f"(Kèm theo {kind} số{number} {_date_phrase(fill_, year)} của {fill_('{ten_co_quan}')})"


def roman(number: int) -> str:
    """``4`` → ``IV``: appendices are numbered with Roman numerals when there are two or more."""
    digits = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    text = ""
    for value, letters in digits:
        count, number = divmod(number, value)
        text += letters * count
    return text


def _appendices(given: Sequence[Appendix], kem_theo: str) -> tuple[Appendix, ...]:
    return tuple(
        replace(appendix, label=f"Phụ lục {roman(i + 1)}" if len(given) > 1 else "Phụ lục",
                caption_lines=(kem_theo, *appendix.caption_lines))
        for i, appendix in enumerate(given)
    )


def build_document(library: ReportSource, report_id: str, *, appendices: Sequence[Appendix] = ()) -> Document:
    """The document tree of report ``report_id``, with the report's own appendices (a consolidated report's
    per-unit table) and then ``appendices`` attached after the signature."""
    template = library.template_of(report_id)
    info = library.report(report_id)
    values = library.values(report_id)
    fill_ = _Filler(template, values, library.context(report_id))
    year = info.period.year
    letterhead = _letterhead(fill_, year)
    recipients = values.get("noi_nhan")
    unit_data = library.appendix(report_id)
    body = _body(template, fill_, unit_data.units if unit_data is not None else ())
    if body and isinstance(body[-1], Paragraph):
        body[-1] = replace(body[-1], keep_with_next=True)  # the closing sentence stays with the signature
    return Document(
        letterhead=letterhead,
        title=Title(template.type_name, tuple(fill_.lines("{trich_yeu}"))),
        body=tuple(body),
        signature=SignatureBlock(
            authority_lines=tuple(line.upper() for line in fill_.lines("{nguoi_ky_quyen_han}")),
            title=fill_("{nguoi_ky_chuc_vu}").upper(),
            name=fill_("{nguoi_ky_ho_ten}"),
        ),
        recipients=Recipients(tuple(list_items(recipients if isinstance(recipients, tuple) else ()))),
        appendices=_appendices((*report_appendices(library, report_id), *appendices),
                               _kem_theo(fill_, letterhead, year)),
        subject=" ".join(fill_.lines("{trich_yeu}")),
        author=fill_("{ten_co_quan}"),
    )

