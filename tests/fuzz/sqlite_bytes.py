"""Byte-level mutations of a SQLite file, aimed at its structures: the header, b-tree page headers, cell
pointers, the freelist and overflow chains (https://www.sqlite.org/fileformat2.html), besides blind bit flips,
truncation and zeroed blocks."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class PageMap:
    """Where a seed file's pages are, read once with SQLite's ``dbstat``."""

    page_size: int
    btree: tuple[int, ...]
    overflow: tuple[int, ...]
    free: tuple[int, ...]

    @classmethod
    def of(cls, path: Path) -> PageMap:
        conn = sqlite3.connect(path)
        try:
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
            count = conn.execute("PRAGMA page_count").fetchone()[0]
            kinds = dict(conn.execute("SELECT pageno, pagetype FROM dbstat"))
        finally:
            conn.close()
        btree = tuple(p for p, kind in kinds.items() if kind in ("internal", "leaf"))
        overflow = tuple(p for p, kind in kinds.items() if kind == "overflow")
        free = tuple(p for p in range(2, count + 1) if p not in kinds)
        return cls(page_size, btree, overflow, free)

    def offset(self, page: int) -> int:
        return (page - 1) * self.page_size

    def btree_header(self, page: int) -> int:
        """Offset of the b-tree page header (page 1 holds the 100-byte file header first)."""
        return self.offset(page) + (100 if page == 1 else 0)


ByteMutator = Callable[[random.Random, bytearray, PageMap], str]


def _put(data: bytearray, at: int, value: bytes) -> None:
    if 0 <= at < len(data):
        data[at:at + len(value)] = value[: max(0, len(data) - at)]


def _interesting(rng: random.Random, size: int) -> bytes:
    """A value that breaks parsers more often than a random one: 0, all ones, just over a limit, a sign bit."""
    top = 1 << (8 * size)
    value = rng.choice([0, 1, top - 1, top // 2, top // 2 - 1, rng.randrange(top), rng.randrange(1, 70000) % top])
    return value.to_bytes(size, "big")


def bit_flips(rng: random.Random, data: bytearray, _pages: PageMap) -> str:
    count = rng.choice([1, 1, 2, 4, 16, 64])
    for _ in range(count):
        data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return f"{count} bit flips"


def truncate(rng: random.Random, data: bytearray, pages: PageMap) -> str:
    if rng.random() < 0.5:
        cut = rng.randrange(len(data))
    else:
        cut = pages.page_size * rng.randrange(1, max(2, len(data) // pages.page_size))
    del data[cut:]
    return f"truncated at {cut}"


def zero_block(rng: random.Random, data: bytearray, pages: PageMap) -> str:
    if rng.random() < 0.5:
        page = rng.randrange(1, max(2, len(data) // pages.page_size + 1))
        start, length = pages.offset(page), pages.page_size
    else:
        start, length = rng.randrange(len(data)), rng.choice([1, 8, 64, 512, 4096])
    fill = rng.choice([0x00, 0xFF])
    _put(data, start, bytes([fill]) * length)
    return f"{length} bytes of {fill:#x} at {start}"


_HEADER_FIELDS = {  # offset: size, in the 100-byte file header
    16: 2, 18: 1, 19: 1, 20: 1, 21: 1, 22: 1, 23: 1, 24: 4, 28: 4, 32: 4, 36: 4, 40: 4, 44: 4, 48: 4, 52: 4,
    56: 4, 60: 4, 64: 4, 68: 4, 92: 4, 96: 4,
}


def file_header(rng: random.Random, data: bytearray, _pages: PageMap) -> str:
    """A field of the file header: page size, versions, page count, freelist, schema cookie, text encoding…"""
    at = rng.choice(list(_HEADER_FIELDS))
    size = _HEADER_FIELDS[at]
    value = rng.choice([b"\x00\x00\x00\x02", b"\x00\x00\x00\x03"])[-size:] if at == 56 else _interesting(rng, size)
    _put(data, at, value)
    return f"file header byte {at} = {value.hex()}"


def page_header(rng: random.Random, data: bytearray, pages: PageMap) -> str:
    """A field of a b-tree page header: type, first freeblock, cell count, content start, fragments, right child."""
    page = rng.choice(pages.btree)
    at = pages.btree_header(page) + rng.choice([0, 1, 3, 5, 7, 8])
    size = {0: 1, 1: 2, 3: 2, 5: 2, 7: 1, 8: 4}[at - pages.btree_header(page)]
    value = bytes([rng.choice([0, 1, 2, 5, 10, 13, 255])]) if size == 1 and at == pages.btree_header(page) \
        else _interesting(rng, size)
    _put(data, at, value)
    return f"page {page} header +{at - pages.btree_header(page)} = {value.hex()}"


def cell_pointer(rng: random.Random, data: bytearray, pages: PageMap) -> str:
    """One entry of a page's cell pointer array, pointed anywhere."""
    page = rng.choice(pages.btree)
    header = pages.btree_header(page)
    kind = data[header] if header < len(data) else 13
    first = header + (12 if kind in (2, 5) else 8)
    cells = int.from_bytes(data[header + 3:header + 5], "big") or 1
    at = first + 2 * rng.randrange(min(cells, 200))
    value = _interesting(rng, 2)
    _put(data, at, value)
    return f"page {page} cell pointer at {at} = {value.hex()}"


def cell_content(rng: random.Random, data: bytearray, pages: PageMap) -> str:
    """Bytes inside a page's cell content (record headers, varints, the text of values)."""
    page = rng.choice(pages.btree)
    start = pages.offset(page) + pages.page_size // 2 + rng.randrange(pages.page_size // 2)
    for i in range(rng.choice([1, 2, 4])):
        _put(data, start + i, bytes([rng.randrange(256)]))
    return f"page {page} cell bytes at {start}"


def overflow_page(rng: random.Random, data: bytearray, pages: PageMap) -> str:
    """The next-page pointer or the content of an overflow page."""
    if not pages.overflow:
        return bit_flips(rng, data, pages)
    page = rng.choice(pages.overflow)
    if rng.random() < 0.6:
        value = _interesting(rng, 4)
        _put(data, pages.offset(page), value)
        return f"overflow page {page} next = {value.hex()}"
    at = pages.offset(page) + 4 + rng.randrange(pages.page_size - 4)
    _put(data, at, bytes([rng.randrange(256)]) * rng.choice([1, 3, 50]))
    return f"overflow page {page} content at {at}"


def freelist(rng: random.Random, data: bytearray, pages: PageMap) -> str:
    """The freelist: its head and count in the header, or a trunk page's next pointer, count and leaves."""
    if not pages.free or rng.random() < 0.3:
        at = rng.choice([32, 36])
        value = _interesting(rng, 4)
        _put(data, at, value)
        return f"freelist header {at} = {value.hex()}"
    page = rng.choice(pages.free)
    at = pages.offset(page) + rng.choice([0, 4, 8, 12])
    value = _interesting(rng, 4)
    _put(data, at, value)
    return f"free page {page} +{at - pages.offset(page)} = {value.hex()}"


def splice_page(rng: random.Random, data: bytearray, pages: PageMap) -> str:
    """One page copied over another (a disk that wrote a sector to the wrong place)."""
    count = len(data) // pages.page_size
    if count < 2:
        return bit_flips(rng, data, pages)
    source, target = rng.sample(range(1, count + 1), 2)
    data[pages.offset(target):pages.offset(target) + pages.page_size] = \
        data[pages.offset(source):pages.offset(source) + pages.page_size]
    return f"page {source} copied over page {target}"


BYTE_MUTATORS: tuple[ByteMutator, ...] = (
    bit_flips, bit_flips, truncate, zero_block, file_header, page_header, cell_pointer, cell_content,
    cell_content, overflow_page, freelist, splice_page,
)


def mutate_bytes(rng: random.Random, data: bytearray, pages: PageMap) -> list[str]:
    done: list[str] = []
    for _ in range(rng.choice([1, 1, 1, 2, 3])):
        if len(data) < 2:
            break
        done.append(rng.choice(BYTE_MUTATORS)(rng, data, pages))
    return done
