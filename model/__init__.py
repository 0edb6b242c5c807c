"""The core, pure Python: report kinds and their checks, the library (SQLite or PostgreSQL), exchange, Excel.
Imports neither Qt nor export/; its sub-packages import downwards: report < library < server, exchange, excel.
"""
