"""Check a translated Inno Setup messages file (.isl) against the compiler's Default.isl.

    python3 tools/isl_messages.py installer/Vietnamese.isl PATH/TO/Default.isl

Prints how many messages were checked and exits 0, or lists each problem and exits 1: a message of the
default file missing or left empty, a name the default file does not have (ISCC rejects unknown names), a
placeholder (%1, [name]…) lost or added, more than one & accelerator. tools/build_windows_wine.sh runs it against
the Default.isl of the ISCC it compiles with; tests/tools/test_installer_messages.py against a stored copy.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

# Sections whose entries are messages (name=value); [LangOptions] holds settings, not text.
MESSAGE_SECTIONS = ("Messages", "CustomMessages")
PLACEHOLDER = re.compile(r"%\d|\[(?:name|name/ver|gb|mb|kb)\]")


def read_isl(path: Path) -> dict[str, dict[str, str]]:
    """Section name → {entry name: value}; comments (;) and blank lines skipped. UTF-8 with or without BOM."""
    sections: dict[str, dict[str, str]] = {}
    current: dict[str, str] | None = None
    for line in path.read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if not line or line.startswith(";"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], {})
        elif current is not None and "=" in line:
            name, value = line.split("=", 1)
            current[name.strip()] = value
    return sections


def problems(translation: Path, default: Path) -> tuple[list[str], int]:
    """The problems of ``translation`` measured against ``default``, and how many messages were compared."""
    ours, theirs = read_isl(translation), read_isl(default)
    found: list[str] = []
    compared = 0
    for section in MESSAGE_SECTIONS:
        mine, original = ours.get(section, {}), theirs.get(section, {})
        for name, english in original.items():
            compared += 1
            value = mine.get(name)
            if value is None:
                found.append(f"[{section}] {name}: chưa dịch (không có trong bản dịch)")
            elif english and not value.strip():
                found.append(f"[{section}] {name}: bản dịch để trống")
            elif sorted(PLACEHOLDER.findall(value)) != sorted(PLACEHOLDER.findall(english)):
                found.append(f"[{section}] {name}: chỗ điền {PLACEHOLDER.findall(value)} khác bản gốc "
                             f"{PLACEHOLDER.findall(english)}")
            elif value.count("&") > 1:
                found.append(f"[{section}] {name}: nhiều hơn một dấu & (phím tắt)")
        found += [f"[{section}] {name}: tên không có trong {default.name}" for name in mine if name not in original]
    return found, compared


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        sys.stderr.write("Cách dùng: python3 tools/isl_messages.py BẢN-DỊCH.isl Default.isl\n")
        return 2
    translation, default = map(Path, argv)
    found, compared = problems(translation, default)
    for problem in found:
        sys.stderr.write(f"{translation.name}: {problem}\n")
    if found:
        return 1
    sys.stdout.write(f"{translation.name}: đủ {compared} thông điệp của {default}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
