"""How deeply a TOML text nests its arrays and inline tables, measured before anything parses it.

tomllib parses ``[`` and ``{`` by recursion: some 500 nested brackets (a few kilobytes) raise ``RecursionError``,
which no caller expects from a template arriving in a .db, a workbook or a file given to ``template check``. A
template nests three or four levels (an array of inline tables in a table); :data:`MAX_TOML_NESTING` is far
above that and far below Python's recursion limit. The scan skips comments and strings (whose brackets are text)
in one pass over the text, jumping from one interesting character to the next, so a hostile text costs linear
time.
"""

from __future__ import annotations

import re

MAX_TOML_NESTING = 32
"""The deepest nesting of ``[`` ``{`` a template may use (table headers ``[[…]]`` count as two)."""

_INTERESTING = re.compile(r"[\"'#\[\]{}]")
_BASIC_REST = re.compile(r'(?:[^"\\\n]|\\.)*"')
_MULTILINE_BASIC_REST = re.compile(r'(?:[^"\\]|\\.|"(?!""))*"""', re.S)


def _string_end(text: str, start: int, quote: str) -> int | None:
    """The index just past the string opened by ``quote`` at ``start``; ``None`` for one never closed (TOML
    refuses it, and nothing after it needs counting)."""
    if text.startswith(quote * 3, start):
        if quote == '"':
            match = _MULTILINE_BASIC_REST.match(text, start + 3)
            return match.end() if match else None
        end = text.find("'''", start + 3)
        return end + 3 if end >= 0 else None
    line_end = text.find("\n", start)
    line_end = len(text) if line_end < 0 else line_end
    if quote == '"':
        match = _BASIC_REST.match(text, start + 1, line_end)
        return match.end() if match else line_end
    end = text.find("'", start + 1, line_end)
    return end + 1 if end >= 0 else line_end


def too_deep_line(text: str, limit: int = MAX_TOML_NESTING) -> int | None:
    """The line (from 1) where ``text`` first nests deeper than ``limit``, or ``None`` when it never does."""
    depth, position = 0, 0
    while (match := _INTERESTING.search(text, position)) is not None:
        char, start = match.group(), match.start()
        position = start + 1
        if char == "#":
            line_end = text.find("\n", start)
            position = len(text) if line_end < 0 else line_end
        elif char in "\"'":
            end = _string_end(text, start, char)
            if end is None:
                return None
            position = end
        elif char in "[{":
            depth += 1
            if depth > limit:
                return text.count("\n", 0, start) + 1
        else:
            depth = max(depth - 1, 0)
    return None
