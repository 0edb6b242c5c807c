"""The document of one report: the tree (document, builder, appendix), layout per Nghị định 30, fonts, the
DOCX and PDF writers, and the export service. Imports model/ only.
"""
