"""Rebuild Qt's ICU data library (``libicudata.so.NN``, 32 MB of the Linux bundle) with only what the application
can reach (called by ``build.spec`` on Linux; Qt on Windows uses the system's ICU and ships none).

Qt Core links ICU for collation (``QCollator``: the file dialogs sort names with it), locale-aware case mapping and
codecs beyond UTF-8/16/32 and Latin-1. Its data library holds every locale's names of languages, regions,
currencies, units and time zones, 230 code page converters, the Chinese/Japanese/Thai/Khmer/Lao/Burmese word
dictionaries of the break iterators and the transliterators; Qt uses none of them (its own CLDR tables format
numbers and dates). Kept: every item that is not locale data (normalisation, properties, the root collation,
aliases, supplemental data, break rules), and in every tree the locales of Vietnamese and English and their root.
A locale ICU no longer has falls back to the root locale, as for any locale ICU never had.

The data is ICU's "common data" package: a header, a table of contents (item count, then name and data offsets
from the start of the table, names sorted) and 16-byte aligned items. The library is the package as one exported
symbol (``icudt73_dat``), assembled and linked with binutils' ``as`` and ``ld`` (PyInstaller already needs binutils).
"""

from __future__ import annotations

import re
import struct
import subprocess
import tempfile
from pathlib import Path

Item = tuple[str, bytes]

KEPT_LANGUAGES = frozenset({"vi", "en"})
"""Locales kept in every tree (with their regional variants): the clerks' language, and Qt's default."""

_LOCALE = re.compile(r"^(?P<language>[a-z]{2,3})(_[A-Za-z0-9]+)*$")
_DROPPED_TREES = ("translit/",)  # transliterators: Qt never opens one
_DROPPED_SUFFIXES = (".cnv", ".dict")  # code page converters; the break iterators' word dictionaries
_ALIGN = 16


def read_package(data: bytes) -> tuple[bytes, list[Item]]:
    """The header and the (name, bytes) items of an ICU common data package."""
    header_size, magic1, magic2 = struct.unpack_from("<HBB", data, 0)
    if (magic1, magic2) != (0xDA, 0x27):
        raise ValueError("not an ICU data package")
    count, = struct.unpack_from("<I", data, header_size)
    offsets = [struct.unpack_from("<II", data, header_size + 4 + 8 * i) for i in range(count)]
    items = []
    for i, (name_at, data_at) in enumerate(offsets):
        name_start = header_size + name_at
        name = data[name_start:data.index(b"\0", name_start)].decode("ascii")
        end = header_size + offsets[i + 1][1] if i + 1 < count else len(data)
        items.append((name, data[header_size + data_at:end]))
    return data[:header_size], items


def write_package(header: bytes, items: list[Item]) -> bytes:
    """An ICU common data package of ``items`` (in the order given, which must be ICU's sorted order)."""
    names = b"".join(name.encode("ascii") + b"\0" for name, _ in items)
    toc_size = 4 + 8 * len(items)
    data_start = _aligned(len(header) + toc_size + len(names)) - len(header)
    toc, name_at, data_at, blobs = [struct.pack("<I", len(items))], toc_size, data_start, []
    for name, blob in items:
        toc.append(struct.pack("<II", name_at, data_at))
        name_at += len(name) + 1
        padded = blob + b"\0" * (_aligned(len(blob)) - len(blob))
        blobs.append(padded)
        data_at += len(padded)
    head = header + b"".join(toc) + names
    return head + b"\0" * (len(header) + data_start - len(head)) + b"".join(blobs)


def _aligned(size: int) -> int:
    return (size + _ALIGN - 1) // _ALIGN * _ALIGN


def item_kept(name: str) -> bool:
    """Whether the application can reach item ``name`` (``icudt73l/coll/vi.res``) of the package."""
    path = name.split("/", 1)[1] if "/" in name else name
    if path.startswith(_DROPPED_TREES) or path.endswith(_DROPPED_SUFFIXES):
        return False
    stem = path.rsplit("/", 1)[-1].removesuffix(".res")
    locale = _LOCALE.match(stem) if path.endswith(".res") and stem != "res_index" else None
    return locale is None or locale["language"] in KEPT_LANGUAGES


def trimmed_package(data: bytes) -> bytes:
    header, items = read_package(data)
    return write_package(header, [(name, blob) for name, blob in items if item_kept(name)])


def data_symbol(library: Path) -> str:
    """The symbol holding the package: ``icudt73_dat`` for ``libicudata.so.73``."""
    return f"icudt{library.name.rsplit('.so.', 1)[1].split('.')[0]}_dat"


def package_in(library: Path, symbol: str) -> bytes:
    """The bytes of ``symbol`` in a shared library, found with ``nm`` and read through the section's file offset."""
    listing = subprocess.run(["nm", "-D", "-S", str(library)], capture_output=True, text=True, check=True).stdout
    address, size = next((int(f[0], 16), int(f[1], 16)) for f in map(str.split, listing.splitlines())
                         if len(f) == 4 and f[3] == symbol)
    sections = subprocess.run(["readelf", "-S", "-W", str(library)], capture_output=True, text=True,
                              check=True).stdout
    for line in sections.splitlines():
        fields = line.replace("[ ", "[").split()
        if len(fields) > 5 and fields[1] == ".rodata":
            section_address, section_offset = int(fields[3], 16), int(fields[4], 16)
            start = address - section_address + section_offset
            return library.read_bytes()[start:start + size]
    raise ValueError(f"{library}: no .rodata section")


def trim_library(library: Path, out_dir: Path) -> Path:
    """Write the trimmed ``libicudata.so.NN`` of ``library`` into ``out_dir``; returns its path."""
    symbol = data_symbol(library)
    package = trimmed_package(package_in(library, symbol))
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / library.name
    with tempfile.TemporaryDirectory() as work:
        blob, source, obj = Path(work, "data.dat"), Path(work, "data.s"), Path(work, "data.o")
        blob.write_bytes(package)
        source.write_text(f"""\t.section .rodata
\t.globl {symbol}
\t.type {symbol}, %object
\t.balign {_ALIGN}
{symbol}:
\t.incbin "{blob}"
\t.size {symbol}, . - {symbol}
\t.section .note.GNU-stack,"",%progbits
""", encoding="ascii")
        subprocess.run(["as", "-o", str(obj), str(source)], check=True)
        subprocess.run(["ld", "-shared", "-soname", library.name, "-o", str(out), str(obj)], check=True)
    return out


def with_trimmed_icu_data(binaries: list[tuple[str, str, str]], out_dir: Path) -> list[tuple[str, str, str]]:
    """PyInstaller's binaries with each ICU data library replaced by its trimmed rebuild (none on Windows)."""
    result = []
    for dest, src, typecode in binaries:
        if re.fullmatch(r"libicudata\.so\.\d+", Path(dest).name):
            trimmed = trim_library(Path(src), out_dir)
            print(f"ICU data: {Path(src).stat().st_size / 1e6:.1f} MB -> {trimmed.stat().st_size / 1e6:.1f} MB")
            src = str(trimmed)
        result.append((dest, src, typecode))
    return result
