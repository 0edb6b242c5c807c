"""Text SQLite hands back about a file that may be damaged or hostile.

SQLite stores TEXT as the bytes it was given and never checks they are UTF-8, so a damaged or crafted file
can hold anything in its values, its table names, its schema text and the messages SQLite writes about it
(``PRAGMA quick_check`` quotes names and values). Python's ``sqlite3`` decodes each of them as strict UTF-8:
a value fails with ``OperationalError``, and an error message that quotes such bytes fails while the error
is being built, so ``UnicodeDecodeError`` escapes in place of SQLite's own error.

Every connection to a file we did not just write ourselves therefore sets a ``text_factory`` from here, and
treats :data:`SQLITE_FAILURES` as “the file cannot be read”:

- :func:`untrusted_text` for a file received from another office: text that is not UTF-8 comes back as
  :class:`UndecodableText` (not a ``str``), so the type check every value passes refuses it;
- :func:`lenient_text` for the clerk's own library: bytes that are not UTF-8 read as U+FFFD, so a library
  with a damaged name still opens and the clerk can retype it.
"""

from __future__ import annotations

import sqlite3

SQLITE_FAILURES: tuple[type[Exception], ...] = (sqlite3.Error, UnicodeDecodeError, MemoryError)
"""What a statement on a damaged file raises: SQLite's errors, the ``UnicodeDecodeError`` Python raises in
their place when SQLite's message quotes bytes that are not UTF-8, and the ``MemoryError`` it raises for
SQLITE_NOMEM (a crafted page can claim a record larger than memory)."""


class UndecodableText(bytes):
    """A TEXT value whose bytes are not UTF-8. ``str()`` shows it with U+FFFD for the bad bytes (for logs);
    it is not a ``str``, so code that requires text refuses it."""

    def __str__(self) -> str:
        return self.decode("utf-8", "replace")

    def __repr__(self) -> str:
        return f"UndecodableText({bytes(self)!r})"


def untrusted_text(raw: bytes) -> str | UndecodableText:
    """``text_factory`` for a file from outside: valid UTF-8 as ``str``, anything else kept apart."""
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return UndecodableText(raw)


def lenient_text(raw: bytes) -> str:
    """``text_factory`` for the clerk's own library: bytes that are not UTF-8 read as U+FFFD."""
    return raw.decode("utf-8", "replace")


def as_text(value: object) -> str:
    """Any value SQLite returned, as text for a message or the log (never raises)."""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def error_detail(error: BaseException) -> str:
    """A SQLite failure as one line for the log: its class, SQLite's error name, its message."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if isinstance(error, UnicodeDecodeError):
        return f"UnicodeDecodeError: SQLite's message held bytes that are not UTF-8 ({as_text(error.object)!r})"
    return f"{type(error).__name__} {name}: {error}".replace("\n", " ")
