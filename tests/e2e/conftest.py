"""End-to-end journeys in a real browser (issue 8, item 6): Debian's chromium driven by Python
Playwright against pytest-django's live server, with the fixtures of tests/peramban.py (`peramban`,
`buka`). Every test here is marked `browser` (tests/conftest.py skips them on a bare machine and fails CI
when chromium is missing). Each journey saves a screenshot of its last page to test-artifacts/e2e/."""

import pytest

from tests.peramban import SANDI, peramban  # noqa: F401 (tests/dasbor imports them from here)


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
