"""The library file and its services: the SQLAlchemy tables, migrations, the fast sqlite3 read, offices,
issuing, the sample. Imports model.report; the server and exchange packages build on it, never the reverse.
"""
