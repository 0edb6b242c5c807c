"""From a report to files: the document tree and its DOCX and PDF writers, then PAdES signing and verifying.
Imports model/ and never Qt; signing builds on document, never the reverse.
"""
