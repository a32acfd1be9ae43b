"""Plan-document importer (nhập kế hoạch): .txt/.md/.docx/.pdf -> the plan-import schema's dict.

Pure Python, no Django. Public API: :func:`parse_file`, :func:`parse_bytes`, :class:`DocumentError`;
``names.normalize_key`` / ``names.strip_accents`` for unit matching; ``timeframes.parse_timeframe``.
"""

from . import _recache

_recache.load()  # ready-compiled regular expressions: before the modules that compile them

from .errors import DocumentError  # noqa: E402
from .parser import parse_bytes, parse_file  # noqa: E402

__all__ = ["DocumentError", "parse_bytes", "parse_file"]
