"""How a library file identifies itself: ``PRAGMA application_id`` and ``PRAGMA user_version``.

Kept apart from ``model.library.storage`` (which imports SQLAlchemy) so that a fast read-only path
(``model.library.quickread``) can check a file without importing the ORM.
"""

APPLICATION_ID = 0x53424331  # "SBC1"
SCHEMA_VERSION = 4
