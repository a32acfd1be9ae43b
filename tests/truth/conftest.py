"""Fixtures of the one-truth tests: the seed plan with its deliverables (from tests/tracking)."""

from tests.tracking.conftest import deliverables, plan  # noqa: F401
