"""Signing exported PDFs (PAdES, .p12 or PKCS#11 token), their appearance, certificates, and verification.
Imports model/ and export.document (the signature box's place and the fonts).
"""
