"""The error a clerk can put right, in a module of its own so the command line can catch it without
importing the ORM (``model.library`` re-exports it)."""


class LibraryError(Exception):
    """Something the clerk can put right; ``str()`` is a Vietnamese message for them."""
