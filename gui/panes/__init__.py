"""The panes beside and below the form: the report library, the problems panel, the document preview.
Imports model/, export/ and gui.support.
"""
