"""Plan-document importer (nhập kế hoạch): .txt/.md/.docx/.pdf -> the plan-import schema's dict.

Pure Python, no Django. Public API: :func:`parse_file`, :func:`parse_bytes`, :class:`DocumentError` (and its
:class:`DocumentTooLarge` / :class:`NotAPlan`);
``names.normalize_key`` / ``names.strip_accents`` for unit matching; ``timeframes.parse_timeframe``.
"""

from .errors import DocumentError, DocumentTooLarge, NotAPlan
from .parser import parse_bytes, parse_file

__all__ = ["DocumentError", "DocumentTooLarge", "NotAPlan", "parse_bytes", "parse_file"]
