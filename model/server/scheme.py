"""Whether a library a clerk names is on a server (``postgresql://…``): the one rule, importing nothing heavy,
so the command line and the editor's start can ask it before SQLAlchemy is loaded."""

from __future__ import annotations

SERVER_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")


def is_server_url(text: object) -> bool:
    """Whether a library named on the command line or in a dialog is a server (``postgresql://…``)."""
    return isinstance(text, str) and "://" in text and text.split("://", 1)[0].lower() in SERVER_SCHEMES
