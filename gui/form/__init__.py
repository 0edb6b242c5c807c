"""The report form: one widget per field, built from the template, edits as undo commands, pasting a column.
Imports model/, gui.support and gui.dialogs.
"""
