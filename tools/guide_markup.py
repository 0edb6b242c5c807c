"""The small Markdown subset the user guide is written in (docs/huong-dan-su-dung/huong-dan-su-dung.md).

Blocks: ``#``/``##``/``###`` headings, paragraphs (lines joined), ``- `` and ``1. `` lists, ``| a | b |`` tables
(the first row is the header, a ``|---|`` row is skipped), and ``![caption](anh/name.png)`` pictures on a line of
their own. Inline: ``**bold**``, ``*italic*``, `` `code` ``. Anything else is an error, so a typo shows at build
time instead of as stray symbols in the PDF.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Block:
    kind: str  # heading, paragraph, bullets, numbers, table, image
    text: str = ""
    level: int = 0
    items: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    source: str = ""  # image: the picture's path, relative to the guide's text


class MarkupError(ValueError):
    pass


_IMAGE = re.compile(r"^!\[(?P<caption>[^\]]*)\]\((?P<source>[^)\s]+)\)$")
_HEADING = re.compile(r"^(#{1,3}) (.+)$")
_BULLET = re.compile(r"^- (.+)$")
_NUMBER = re.compile(r"^\d+\. (.+)$")


def parse(text: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def close_paragraph() -> None:
        if paragraph:
            blocks.append(Block("paragraph", " ".join(paragraph)))
            paragraph.clear()

    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("<!--"):
            close_paragraph()
            continue
        if line.startswith("  ") and blocks and blocks[-1].kind in ("bullets", "numbers") and not paragraph:
            blocks[-1].items[-1] += " " + stripped  # a list item's continuation line
            continue
        heading, image = _HEADING.match(line), _IMAGE.match(stripped)
        bullet, numbered = _BULLET.match(line), _NUMBER.match(line)
        if heading:
            close_paragraph()
            blocks.append(Block("heading", heading.group(2), level=len(heading.group(1))))
        elif image:
            close_paragraph()
            blocks.append(Block("image", image.group("caption"), source=image.group("source")))
        elif bullet or numbered:
            close_paragraph()
            kind = "bullets" if bullet else "numbers"
            if not blocks or blocks[-1].kind != kind:
                blocks.append(Block(kind))
            blocks[-1].items.append((bullet or numbered).group(1))
        elif stripped.startswith("|"):
            close_paragraph()
            cells = [cell.strip() for cell in stripped.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", cell) for cell in cells):
                continue
            if not blocks or blocks[-1].kind != "table":
                blocks.append(Block("table"))
            blocks[-1].rows.append(cells)
        elif stripped.startswith(("#", "!", "```", ">")):
            raise MarkupError(f"dòng {number}: cú pháp không hỗ trợ: {stripped[:40]}")
        else:
            paragraph.append(stripped)
    close_paragraph()
    return blocks


_INLINE = re.compile(r"\*\*(?P<bold>.+?)\*\*|\*(?P<italic>[^*\s][^*]*?)\*|`(?P<code>[^`]+)`")


def inline(text: str, bold: tuple[str, str], italic: tuple[str, str], code: tuple[str, str]) -> str:
    """``text`` with its inline marks turned into the given (open, close) tags; everything else escaped."""
    out: list[str] = []
    position = 0
    for match in _INLINE.finditer(text):
        out.append(html.escape(text[position:match.start()], quote=False))
        if match.group("code") is not None:
            out.append(code[0] + html.escape(match.group("code"), quote=False) + code[1])
        for name, (start, end) in (("bold", bold), ("italic", italic)):
            if match.group(name) is not None:  # may hold `code`: marked up in turn
                out.append(start + inline(match.group(name), bold, italic, code) + end)
        position = match.end()
    out.append(html.escape(text[position:], quote=False))
    result = "".join(out)
    if "**" in result or "`" in result:
        raise MarkupError(f"dấu ** hoặc ` không đóng: {text[:60]}")
    return result


def images(blocks: list[Block], folder: Path) -> list[Path]:
    return [folder / block.source for block in blocks if block.kind == "image"]
