"""The appendix of a consolidated report (one row per sub-unit, a total row) as a document-tree node.

The figures come from the model (``appendix(report_id)`` of the library or the quick-read snapshot), kept
as they were when the report was consolidated; this module only decides how the table sits on the page.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from export.document import layout
from export.document.document import Appendix, Table
from export.document.table_widths import content_widths

if TYPE_CHECKING:
    from export.document.source import ReportSource

_PORTRAIT_COLUMNS = 6
"""More columns than this do not fit the portrait text width at a readable size: the appendix turns
landscape (ND30 allows landscape for appendix sections)."""


def report_appendices(source: ReportSource, report_id: str) -> tuple[Appendix, ...]:
    """The appendices the report itself carries: its per-unit table when it was consolidated."""
    data = source.appendix(report_id)
    if data is None or not data.header:  # not consolidated, or a template without [appendix]
        return ()
    figures = len(data.header) - 2
    landscape = len(data.header) > _PORTRAIT_COLUMNS
    rows = (*data.rows, data.total)
    widths = content_widths(data.header, rows, layout.LANDSCAPE_TEXT_WIDTH if landscape else layout.TEXT_WIDTH,
                            bold_last_row=True)  # unit names on two lines at most, headers never orphaning a digit
    table = Table(data.header, rows, widths=widths, align=("center", "left", *("right",) * figures), total_row=True)
    return (Appendix(data.heading, table, landscape=landscape),)
