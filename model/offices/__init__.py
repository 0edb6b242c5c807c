"""Offices: their identity (level, code, a name compared as clerks write it), what a script or the editor does with
them and their reports (add, edit, merge, create, issue, reopen). Imports model.library and model.report.
"""
