"""Pictures of pages for people to look at after a run."""


def screenshot(page, path, **options) -> None:
    """A picture of the page for people to look at. Chromium sometimes refuses a capture on a
    loaded 2-core machine ("Unable to capture screenshot"); the page is settled and tried again,
    because the picture is evidence for a person, not what the test asserts."""
    from playwright.sync_api import Error

    page.wait_for_load_state("load")
    try:
        page.screenshot(path=str(path), **options)
    except Error:
        page.wait_for_timeout(500)
        page.screenshot(path=str(path), **options)
