"""Blocks (khối văn bản): what a reader hands to the parser, in document order.

A block is a line of text (``str``) or a :class:`Table`. This module imports nothing, so the
readers and the table parser can both use it without importing each other.
"""

from __future__ import annotations


class Table:
    """A real table (from .docx, or rebuilt from text): rows of cell strings, header rows included.
    ``horizon``: the years of the phase the table is written for when its Phụ lục names one
    ("GIAI ĐOẠN 1 (2023 - 2025)"), else None."""

    __slots__ = ("rows", "horizon")

    def __init__(self, rows: list[list[str]] | None = None):
        self.rows = rows if rows is not None else []
        self.horizon: tuple[int, int] | None = None

    def __repr__(self) -> str:
        return f"Table(rows={self.rows!r})"


Block = str | Table
