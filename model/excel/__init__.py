"""Excel workbooks: the data-entry form (write, read back as untrusted, import) and the figures of many reports.
Imports model.report, model.library and model.exchange (imports follow the .db exchange rules).
"""
