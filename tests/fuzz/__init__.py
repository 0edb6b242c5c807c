"""Fuzzing every input that comes from outside: see :mod:`tests.fuzz.run` and :mod:`tests.fuzz.registry`."""
