"""Kehoach: run a People's Committee plan from the signed document to the year-end report."""

__version__ = "0.1.0"
