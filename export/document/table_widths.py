"""Column widths of a data table sized from its content, measured with the embedded font.

Each column has a narrowest width (a figure never wraps; a name wraps onto two lines at most; a header onto three
at most, never leaving a short word such as the "3" of "DVC mức 3" alone on a line) and a natural width (every
cell on one line). The columns get their narrowest width (a column of names its natural width when that fits), and
the room left is shared in proportion to what each still lacks of its natural width, as a browser lays out an
automatic table. Both writers use the result.
"""

from __future__ import annotations

from collections.abc import Sequence

from export.document import fonts, layout
from export.document.document import is_figure

_SHORT_WORD = 2
"""A word of at most this many characters is not left alone on a header's line."""
_NAME_LINES = 2
_HEADER_LINES = 3


def _lines(words: Sequence[str], width: float, size: float, bold: bool) -> list[str]:
    """Greedy line breaking of ``words`` into lines at most ``width`` wide (a longer word on its own line)."""
    lines: list[str] = []
    for word in words:
        if lines and fonts.text_width(f"{lines[-1]} {word}", size, bold=bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def narrowest(text: str, size: float, *, bold: bool, max_lines: int, header: bool = False) -> float:
    """The narrowest width at which ``text`` breaks into at most ``max_lines`` lines (a header: and no line
    holding only a short word)."""
    words = text.split()
    if not words:
        return 0.0
    spans = sorted({fonts.text_width(" ".join(words[i:j]), size, bold=bold)
                    for i in range(len(words)) for j in range(i + 1, len(words) + 1)})
    for width in spans:
        lines = _lines(words, width, size, bold)
        if len(lines) <= max_lines and not (header and any(len(line) <= _SHORT_WORD for line in lines[1:])):
            return width
    return spans[-1]


def content_widths(header: Sequence[str], rows: Sequence[Sequence[str]], available: float, *,
                   size: float = layout.SIZE_TABLE, bold_last_row: bool = False) -> tuple[float, ...]:
    """Widths in points, adding up to ``available``, for a table with ``header`` (bold) and ``rows``."""
    pad = 2 * layout.TABLE_CELL_PADDING + 1.0  # both side paddings, and a point for rounding
    lowest: list[float] = []
    natural: list[float] = []
    names: list[bool] = []  # a column of names (not figures)
    for column, title in enumerate(header):
        cells = [(row[column], bold_last_row and index == len(rows) - 1) for index, row in enumerate(rows)]
        low = narrowest(title, size, bold=True, max_lines=_HEADER_LINES, header=True)
        full = fonts.text_width(title, size, bold=True)
        for text, bold in cells:
            one_line = fonts.text_width(text, size, bold=bold)
            full = max(full, one_line)
            low = max(low, one_line if is_figure(text) else narrowest(text, size, bold=bold, max_lines=_NAME_LINES))
        lowest.append(low + pad)
        natural.append(full + pad)
        names.append(any(text and not is_figure(text) for text, _ in cells))
    if sum(lowest) >= available:  # too many columns to honour every narrowest width: their proportions
        return tuple(width * available / sum(lowest) for width in lowest)
    if sum(natural) <= available:  # everything on one line: the rest in proportion to the natural widths
        return tuple(full * available / sum(natural) for full in natural)
    # Names on one line first when the figures' narrowest widths leave room for it (a name read across two
    # lines is harder to find than a header); then what is left goes where it is lacking.
    widths = [full if name else low for full, low, name in zip(natural, lowest, names, strict=True)]
    if sum(widths) > available:
        widths = list(lowest)
    room = available - sum(widths)
    wanted = [full - width for full, width in zip(natural, widths, strict=True)]
    return tuple(width + room * want / sum(wanted) for width, want in zip(widths, wanted, strict=True))
