"""A library on a PostgreSQL server: its address and connection, the roles and row security, copying a library
up to or down from a server. Imports model.report and model.library (and model.exchange to copy).
"""
