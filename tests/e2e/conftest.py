"""Browser tests: `page` is Playwright's page (the root conftest's Django client is `web`)."""

import pytest


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    page.close()
