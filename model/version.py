"""The application's version, in one place: ``--version``, the About box and the Windows version resource."""

__version__ = "0.1.0"
