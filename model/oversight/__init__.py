"""Oversight by the level above: deadlines, who has reported and when, returns for correction, the receipt log.
Imports model.report and model.library; the exchange package records and carries the log through it."""
