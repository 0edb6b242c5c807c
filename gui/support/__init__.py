"""What every part of the editor leans on: Vietnamese Qt texts, settings, the log, workers and progress,
garbage-collection and PySide guards. Imports model/ only.
"""
