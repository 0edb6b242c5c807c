"""The editor (PySide6): the application, the main window and what it is composed of.
Imports model/ and export/, never cli/ or main; controllers get window services, not the window.
"""
