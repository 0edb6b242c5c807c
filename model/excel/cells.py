"""Putting values into the cells of a workbook we write: text is always text.

openpyxl turns a string beginning with ``=`` into a live formula and one spelling an error (``#N/A``) into an
error cell. Our text comes from clerks and from received files (an office named ``=HYPERLINK("http://…","Bấm")``
in a .db from elsewhere), so every string goes through :func:`put` and is written as a string cell; Excel and
Calc show it as typed and never evaluate it (formula injection). The few formulas the form computes with are
written by :func:`put_formula`, from text this program composes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # openpyxl is loaded by the exports that use it, not by whoever imports this module
    from openpyxl.cell.cell import Cell


def put(cell: Cell, value: object) -> Cell:
    """Give ``cell`` the ``value``; a string stays a string cell whatever it begins with (``=``, ``+``, ``-``,
    ``@``, tab, CR, ``#``)."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def put_formula(cell: Cell, formula: str) -> Cell:
    """Give ``cell`` a formula this program wrote (never text from a clerk or a file)."""
    if not formula.startswith("="):
        raise ValueError(f"not a formula: {formula!r}")
    cell.value = formula
    return cell
