"""A template's TOML text: checked for every mistake, then parsed (design notes §2, §8b).

One parser reads every template, shipped or not: the files in ``resources/templates/``, the copies a
library stores (schema 3), a template that arrives inside a .db from another office, and a province's
own template given to ``template check``/``template add``. A template from outside is untrusted input:
its size is limited, unknown keys are refused, every field a sentence, check, ratio or appendix column
names must exist, and each mistake is reported in Vietnamese with its line or key.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any

from model.report.template import Template, TemplateError, parse_template
from model.report.template_check import Mistake, TemplateChecker
from model.report.toml_depth import MAX_TOML_NESTING, too_deep_line

MAX_TEMPLATE_BYTES = 512 * 1024
"""A template is a few dozen kilobytes (the 36a one is 30 KB); anything far larger is refused unread."""


def template_sha256(text: str) -> str:
    import hashlib  # its OpenSSL module takes ~15 ms to load: not on the editor's start-up path, which only reads

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


_TOML_POSITION = re.compile(r"\(at line (\d+), column (\d+)\)")
_TOML_REASONS = (
    ("Unterminated string", "chuỗi chữ thiếu dấu \" đóng"), ("Unclosed inline table", "bảng { … } thiếu dấu } đóng"),
    ("Unclosed array", "danh sách [ … ] thiếu dấu ] đóng"), ("Invalid value", "giá trị viết sai"),
    ("Invalid statement", "dòng không phải khóa = giá trị"), ("Expected '=' after a key", "thiếu dấu = sau khóa"),
    ("Expected ']]'", "thiếu ]] đóng tên bảng"), ("Expected ']'", "thiếu ] đóng tên bảng"),
    ("Expected", "thiếu dấu phân cách"), ("Illegal character", "có ký tự không được phép"),
    ("Found invalid character", "có ký tự không được phép"), ("Invalid initial character", "tên khóa viết sai"),
    ("Cannot overwrite", "một khóa được ghi hai lần"), ("Cannot declare", "một bảng được khai báo hai lần"),
    ("Duplicate inline table key", "một khóa được ghi hai lần"), ("Cannot redefine", "một bảng được khai báo lại"),
    ("Cannot mutate", "một bảng được khai báo lại"), ("Unescaped", "dấu \\ lẻ trong chữ"),
    ("Escaped character", "mã \\u không phải ký tự"), ("Invalid hex", "mã \\u viết sai"),
    ("Invalid date", "ngày giờ viết sai"),
)
"""tomllib's English reasons, as an IT officer and a clerk read them."""


def _toml_reason(english: str) -> str:
    return next((vietnamese for prefix, vietnamese in _TOML_REASONS if english.startswith(prefix)),
                "chữ viết sai cú pháp")


def _decode(raw: bytes | str) -> tuple[str, dict[str, Any] | None, list[Mistake]]:
    """The text and its TOML tables, or the mistakes that keep it from being read at all."""
    size = len(raw.encode("utf-8")) if isinstance(raw, str) else len(raw)
    if size > MAX_TEMPLATE_BYTES:
        return "", None, [Mistake("", f"tệp mẫu dài {size // 1024} KB, quá giới hạn "
                                      f"{MAX_TEMPLATE_BYTES // 1024} KB của một mẫu báo cáo.")]
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = raw[:exc.start].count(b"\n") + 1
            return "", None, [Mistake(f"dòng {line}", "chữ không phải mã UTF-8; hãy lưu tệp với mã hóa UTF-8.")]
    text = unicodedata.normalize("NFC", raw.removeprefix("\ufeff"))  # the stored text keeps its own form
    if (line := too_deep_line(text)) is not None:  # before tomllib, which recurses once per level
        return text, None, [Mistake(f"dòng {line}", f"các dấu [ ] hoặc {{ }} lồng nhau quá {MAX_TOML_NESTING} tầng; "
                                                    "một mẫu báo cáo chỉ cần vài tầng.")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        position = _TOML_POSITION.search(message)
        where = f"dòng {position.group(1)}, cột {position.group(2)}" if position else (
            "cuối tệp" if "end of document" in message else "")
        reason = _toml_reason(_TOML_POSITION.sub("", message).strip())
        return text, None, [Mistake(where, f"sai cú pháp TOML ({reason}).")]
    return text, data, []


def check_template_text(raw: bytes | str) -> list[Mistake]:
    """Every mistake of a template's text (none: the template is valid)."""
    text, data, mistakes = _decode(raw)
    if data is None:
        return mistakes
    mistakes = TemplateChecker(text, data).run()
    if not mistakes:
        try:
            parse_template(data)
        except TemplateError as exc:  # what the checker above does not cover yet: still a refusal
            mistakes.append(Mistake("", str(exc)))
    return mistakes


@lru_cache(maxsize=32)
def parse_template_text(text: str) -> Template:
    """The template of a TOML text, checked as untrusted input; raises :class:`TemplateError` listing the
    mistakes. Parsed once per distinct text."""
    decoded, data, mistakes = _decode(text)
    if data is not None:
        mistakes = TemplateChecker(decoded, data).run()
    if mistakes:
        shown = "; ".join(str(m).rstrip(".") for m in mistakes[:3])
        more = f" (và {len(mistakes) - 3} lỗi khác)" if len(mistakes) > 3 else ""
        raise TemplateError(f"Mẫu báo cáo không hợp lệ: {shown}{more}.")
    assert data is not None
    return parse_template(data)


def read_template_file(path: Path) -> bytes:
    """The bytes of a template file an IT officer gives; a file far beyond a template's size is refused unread."""
    try:
        if path.is_dir():
            raise TemplateError(f"“{path}” là một thư mục, không phải tệp mẫu (.toml).")
        size = path.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise TemplateError(f"Tệp “{path.name}” dài {size // 1024} KB, quá giới hạn "
                                f"{MAX_TEMPLATE_BYTES // 1024} KB của một mẫu báo cáo.")
        return path.read_bytes()
    except FileNotFoundError:
        raise TemplateError(f"Không tìm thấy tệp “{path}”.") from None


def template_text_of_file(path: Path) -> str:
    """The text of a valid template file; raises :class:`TemplateError` listing its mistakes."""
    raw = read_template_file(path)
    mistakes = check_template_text(raw)
    if mistakes:
        raise TemplateError(f"Tệp “{path.name}” có {len(mistakes)} lỗi; xem bằng lệnh template check. "
                            f"Lỗi đầu tiên: {mistakes[0]}")
    return raw.decode("utf-8").removeprefix("\ufeff")
