"""Reports between offices: .db export, untrusted import, consolidation of units, rollup over periods, the
appendix. Imports model.report and model.library.
"""
