"""Linear time and bounded memory (thời gian tuyến tính): doubling a document at most ~doubles the
work, and the caps refuse what is too large with DocumentTooLarge (413 / exit 2).

Work is counted, not timed: every Python and C function call the parser makes (``sys.setprofile``),
which is deterministic. The long-line shapes, whose cost would hide inside one regular-expression
call, get a generous absolute time bound instead.
"""

from __future__ import annotations

import contextlib
import sys
import time

import pytest
from _docx_shapes import docx_from_body, empty_paragraphs
from _shapes import SHAPES, plan

from kehoach.importing import DocumentError, DocumentTooLarge, limits, parse_bytes


def _cold() -> None:
    """Empty the importer's caches, so that a count does not depend on the tests run before."""
    from kehoach.importing import columns, names, timeframes

    for f in (columns.column_role, names.normalize_key, names._split_parties, timeframes._parse_timeframe):
        f.cache_clear()


def _work(data: bytes, name: str = "x.txt") -> int:
    _cold()
    calls = 0

    def count(frame, event, arg):
        nonlocal calls
        calls += 1

    sys.setprofile(count)
    try:
        parse_bytes(data, name)
    except DocumentError:
        pass
    finally:
        sys.setprofile(None)
    return calls


# n per shape: small enough for a fast suite, large enough that the fixed costs do not dominate
_SIZES = {"plan": 120, "long_lines": 6, "long_words": 6, "long_pipes": 6, "long_tabs": 6,
          "long_clause": 6, "long_dash": 6}  # fmt: skip


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_doubling_a_document_at_most_doubles_the_work(shape):
    make = SHAPES[shape]
    n = _SIZES.get(shape, 300)
    _work(make(1))  # compiles the regular expressions this shape meets (re's own cache)
    small, large = _work(make(n)), _work(make(2 * n))
    assert large <= 2.2 * small, (shape, small, large)


@pytest.mark.parametrize(
    "shape", ["long_lines", "long_words", "long_pipes", "long_tabs", "long_clause", "long_dash"]
)
def test_long_lines_parse_quickly(shape):
    data = SHAPES[shape](12)  # 150 to 300 KB in lines of 10 000 to 20 000 characters
    t0 = time.process_time()
    with contextlib.suppress(DocumentError):
        parse_bytes(data, "x.txt")
    assert time.process_time() - t0 < 5


def test_blank_line_file_parses_or_is_refused_fast():
    """The 20 KB and 80 KB files of the issue (10.8 s and 156 s before): now milliseconds."""
    for size in (20_000, 80_000, 5_000_000):
        data = b"KE HOACH\n" + b"\n \n" * (size // 3) + b"x\n"
        t0 = time.process_time()
        with pytest.raises(DocumentError):
            parse_bytes(data, "blank.txt")
        assert time.process_time() - t0 < 2


def test_empty_paragraph_docx_is_refused_fast_and_small():
    data = empty_paragraphs(1_000_000)  # ~6 MB .docx, 27 MB of XML: refused from the count
    t0 = time.process_time()
    with pytest.raises(DocumentTooLarge):
        parse_bytes(data, "rong.docx")
    assert time.process_time() - t0 < 2
    data = empty_paragraphs(150_000)  # under the cap: read, found empty
    t0 = time.process_time()
    with pytest.raises(DocumentError):
        parse_bytes(data, "rong.docx")
    assert time.process_time() - t0 < 2


def test_paragraph_properties_do_not_slow_the_docx_reader():
    body = '<w:p><w:pPr><w:jc w:val="both"/></w:pPr></w:p>' * 150_000
    t0 = time.process_time()
    with pytest.raises(DocumentError):
        parse_bytes(docx_from_body(body), "rong.docx")
    assert time.process_time() - t0 < 3


def test_caps_raise_document_too_large(monkeypatch):
    monkeypatch.setattr(limits, "MAX_LINES", 100)
    with pytest.raises(DocumentTooLarge, match="quá nhiều dòng"):
        parse_bytes(plan(200), "x.txt")
    with pytest.raises(DocumentTooLarge, match="đoạn văn quá dài"):
        parse_bytes(b"KE HOACH\n" + b"x" * (limits.MAX_LINE_CHARS + 1), "x.txt")
    assert DocumentTooLarge.status == 413 and issubclass(DocumentTooLarge, DocumentError)


def test_docx_cell_cap_counts_before_parsing(monkeypatch):
    from kehoach.importing.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_CELLS", 10)
    row = "<w:tr>" + "<w:tc><w:p/></w:tc>" * 4 + "</w:tr>"
    with pytest.raises(DocumentTooLarge, match="ô bảng"):
        parse_bytes(docx_from_body(f"<w:tbl>{row * 3}</w:tbl>"), "t.docx")


def test_tag_cut_between_stream_pieces_is_counted_once(monkeypatch):
    from kehoach.importing.readers import docx as docx_reader

    monkeypatch.setattr(docx_reader, "MAX_DOCX_PARAGRAPHS", 199_999)
    # 200 000 paragraphs of 6 bytes: many tags straddle the 1 MB reading boundary
    with pytest.raises(DocumentTooLarge):
        parse_bytes(docx_from_body("<w:p/>" * 200_000), "p.docx")
    monkeypatch.setattr(docx_reader, "MAX_DOCX_PARAGRAPHS", 200_000)
    with pytest.raises(DocumentError) as err:
        parse_bytes(docx_from_body("<w:p/>" * 200_000), "p.docx")
    assert not isinstance(err.value, DocumentTooLarge)
