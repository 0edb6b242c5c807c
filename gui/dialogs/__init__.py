"""Every modal dialog: the wrapper tests replace, and the report, exchange, signing and issuing dialogs.
Imports model/, export/ and gui.support.
"""
