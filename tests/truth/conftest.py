"""Fixtures of the one-truth tests: ``plan`` and ``deliverables`` are the root conftest's session-built states."""
