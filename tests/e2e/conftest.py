"""Browser tests: here `page` is Playwright's page (the root conftest's `page` is a Django client)."""

import pytest


@pytest.fixture
def page(context):
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    page.close()
