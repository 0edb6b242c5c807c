"""A report kind and one report's content: templates (TOML), fields and values, checks, periods, placeholders,
Vietnamese number and date formats, text cleaning. Imports only the standard library and model.errors/paths.
"""
