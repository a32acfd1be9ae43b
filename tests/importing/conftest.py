"""Fixtures for the importer tests. No Django: the importer is pure Python."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"


def norm(text):
    """NFC + whitespace folding, as the expected file is compared."""
    if text is None:
        return None
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="session")
def schema():
    path = DATA / "plan-import.schema.json"
    if not path.exists():  # fall back to the shared copy
        path = Path(__file__).resolve().parents[3] / "shared" / "schemas" / "plan-import.schema.json"
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate(schema):
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    def check(plan: dict) -> dict:
        errors = sorted(validator.iter_errors(plan), key=lambda e: list(e.path))
        assert not errors, "; ".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
        json.dumps(plan, ensure_ascii=False)  # serialisable
        return plan

    return check


@pytest.fixture
def parse_text(validate):
    """Parse a text written in a test (UTF-8 unless ``encoding`` says otherwise) and validate it."""
    from kehoach.importing import parse_bytes

    def run(text: str, name: str = "plan.txt", year: int | None = None, encoding: str = "utf-8") -> dict:
        return validate(parse_bytes(text.encode(encoding), name, year=year))

    return run


@pytest.fixture(autouse=True)
def _fast_and_isolated():
    """The project-wide autouse fixture needs Django settings; the importer does not."""
    yield
