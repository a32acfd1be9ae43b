"""Tracking fixtures. ``plan`` and ``deliverables`` (the seed plan with its deliverables generated)
are the session-built states of the root conftest."""

import pytest


@pytest.fixture
def tracking_demo(plan, org):
    """The plan with the tracking demo year loaded."""
    from kehoach.core.audit import acting_as
    from kehoach.tracking import demo

    with acting_as(None):
        demo.load(plan, org)
    return plan
