"""Deterministic mutations of a filled data-entry workbook, for the fuzz target ``workbook``: ``random.Random(seed)``
alone decides what changes, so a failing seed replays exactly. Layers: the entry cells (values of every type a
cell can hold), the sheets' structure, the hidden sheet's rows (the form's identity, its offices, and the template
it carries, mutated as the target ``template`` mutates one), and the ZIP's bytes."""

from __future__ import annotations

import io
import random
import zipfile
from datetime import date, datetime, time

import openpyxl
from openpyxl.utils.exceptions import IllegalCharacterError

from model.excel.layout import DATA_SHEET, META_SHEET

_TEXTS = ("1.972", "1,972", "-5", " 12 ", "ba mươi", "12a", "30%", "1e3", "0x10", "١٢٣", "１２３", "", " ",
          "=SUM(D1:D3)", "18/06/2018", "31/02/2018", "ngày 5 tháng 6", "Cộng hòa\nxã hội", "e\u0301", "<b>&amp;",
          "9" * 30, "999999999999", "1000000000000", "TRUE", "#DIV/0!", "\u202eabc", "a" * 5000)
_FORMULAS = ("=1+2", "=1/0", "=D8*2", "=NOW()", '=HYPERLINK("http://x","y")', "=A1:A3", "=Sheet2!A1")


def _value(rng: random.Random) -> object:
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice([0, 1, -1, 7, 1972, 10**12, 10**12 - 1, 10**15, -(10**9), 2**63 - 1])
    if kind == 1:
        return rng.choice([0.5, 1972.0, -3.0, 1e16, 1e-9, 123456.75])
    if kind == 2:
        return rng.choice(_TEXTS)
    if kind == 3:
        return rng.choice(_FORMULAS)
    if kind == 4:
        return rng.choice([datetime(2018, 6, 18), date(1900, 1, 1), datetime(9999, 12, 31), time(12, 30)])
    if kind == 5:
        return rng.choice([True, False])
    if kind == 6:
        return None
    if kind == 7:
        return "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0xA0, 0x2FFF)]))
                       for _ in range(rng.randrange(1, 30)))
    return rng.randrange(0, 100000)


def _cells(rng: random.Random, workbook) -> list[str]:
    sheet = workbook[DATA_SHEET]
    done = []
    for _ in range(rng.randrange(1, 4)):
        row, column = rng.randrange(1, sheet.max_row + 4), rng.randrange(1, 9)
        value = _value(rng)
        try:
            sheet.cell(row, column, value)
        except (IllegalCharacterError, ValueError):
            continue
        done.append(f"{sheet.cell(row, column).coordinate}={value!r:.40}")
    return done


_META_KEYS = ("format", "format_version", "template_key", "template_version", "report_id", "revision", "period",
              "office_id", "org_columns", "org", "template_text")
OWN_KEY = "bc_thu"
"""A template key the receiving library lacks: a form carrying a mutated template under it can be accepted."""


def _meta_rows(rng: random.Random, workbook) -> list[str]:
    """One row of the hidden sheet changed, repeated, removed, or its template text mutated."""
    from tests.fuzz.target_template import mutate_template

    meta = workbook[META_SHEET]
    rows = [row for row in meta.iter_rows() if isinstance(row[0].value, str)]
    choice = rng.randrange(5)
    if choice <= 1:  # the template it carries: as a received template, under a key of its own or the shipped one
        pieces = [row for row in rows if row[0].value == "template_text"]
        text = "".join(str(row[1].value or "") for row in pieces)
        if choice == 1 or rng.random() < 0.5:  # else only its key changes: an office's own template, accepted
            text = "\n".join(mutate_template(rng, text.split("\n")))
        if choice == 0:
            text = text.replace('key = "nq36a_quy"', f'key = "{OWN_KEY}"', 1)
            for row in rows:
                if row[0].value == "template_key":
                    row[1].value = OWN_KEY
        for row in pieces[1:]:
            row[1].value = ""
        try:
            pieces[0][1].value = text
        except (IllegalCharacterError, ValueError):
            return ["mẫu có ký tự cấm"]
        return [f"sửa mẫu kèm theo{' (mã riêng)' if choice == 0 else ''}"]
    row = rng.choice(rows)
    if choice == 2:
        value = _value(rng) if rng.random() < 0.8 else rng.choice(_META_KEYS)
        column = rng.randrange(2, 4) if row[0].value != "org" else rng.randrange(2, 9)
        try:
            meta.cell(row[0].row, column, value)
        except (IllegalCharacterError, ValueError):
            return []
        return [f"sửa {row[0].value} cột {column} = {value!r:.40}"]
    if choice == 3:
        meta.cell(row[0].row, 1, rng.choice([*_META_KEYS, None, "khac"]))
        return [f"đổi tên mục {row[0].value}"]
    source = rng.choice(rows)
    target = meta.max_row + 1
    for column, cell in enumerate(source, start=1):
        meta.cell(target, column, cell.value)
    return [f"lặp mục {source[0].value}"]


def _structure(rng: random.Random, workbook) -> list[str]:
    sheet = workbook[DATA_SHEET]
    choice = rng.randrange(7)
    if choice == 0:
        row = rng.randrange(1, sheet.max_row + 1)
        sheet.insert_rows(row, rng.randrange(1, 3))
        return [f"chèn hàng {row}"]
    if choice == 1:
        row = rng.randrange(1, sheet.max_row + 1)
        sheet.delete_rows(row)
        return [f"xóa hàng {row}"]
    if choice == 2:
        top = rng.randrange(1, sheet.max_row)
        sheet.merge_cells(start_row=top, start_column=rng.randrange(1, 5), end_row=top + rng.randrange(0, 2),
                          end_column=5)
        return [f"gộp từ hàng {top}"]
    if choice == 3:
        sheet.title = rng.choice(["Sheet1", "So lieu", "Số liệu ", "số liệu"])
        return [f"đổi tên {sheet.title!r}"]
    if choice == 4:
        del workbook[rng.choice([DATA_SHEET, META_SHEET])]
        if all(sheet.sheet_state != "visible" for sheet in workbook.worksheets):
            workbook.create_sheet("Sheet1")  # a workbook keeps one visible sheet
        return ["xóa trang"]
    if choice == 5:
        meta = workbook[META_SHEET]
        row = rng.randrange(1, meta.max_row + 2)
        meta.cell(row, rng.randrange(1, 4), _value(rng) if rng.random() < 0.7 else rng.choice(
            ["format", "org", "report_id", "template_key", "office_id", "period", "revision"]))
        return [f"sửa trang ẩn hàng {row}"]
    workbook.create_sheet(rng.choice([DATA_SHEET + "1", "Khác"]))
    return ["thêm trang"]


def _bytes(rng: random.Random, data: bytes) -> tuple[bytes, list[str]]:
    choice = rng.randrange(4)
    if choice == 0:
        cut = rng.randrange(0, len(data))
        return data[:cut], [f"cắt còn {cut} byte"]
    if choice == 1:
        mutable = bytearray(data)
        for _ in range(rng.randrange(1, 8)):
            mutable[rng.randrange(len(mutable))] = rng.randrange(256)
        return bytes(mutable), ["đổi byte"]
    # rewrite one member of the archive with its XML damaged: a valid ZIP whose content lies
    source = zipfile.ZipFile(io.BytesIO(data))
    victim = rng.choice(source.namelist())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name in source.namelist():
            content = source.read(name)
            if name == victim:
                if choice == 2 and content:
                    start = rng.randrange(len(content))
                    content = content[:start] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 40))) + \
                        content[start + rng.randrange(0, 40):]
                else:
                    content = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
                               b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>')
            target.writestr(name, content)
    return out.getvalue(), [f"hỏng {victim}"]


def mutate(rng: random.Random, workbook_bytes: bytes) -> tuple[bytes, str]:
    """A mutated copy of ``workbook_bytes`` and a description of what changed."""
    layer = rng.choices(["cells", "structure", "meta", "bytes"], weights=[4, 2, 3, 3])[0]
    if layer == "bytes":
        data, described = _bytes(rng, workbook_bytes)
        return data, "; ".join(described)
    workbook = openpyxl.load_workbook(io.BytesIO(workbook_bytes))
    mutation = {"cells": _cells, "structure": _structure, "meta": _meta_rows}[layer]
    described = mutation(rng, workbook)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue(), "; ".join(described) or "không đổi"
