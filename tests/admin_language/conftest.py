"""The demo as every role meets it (tests/demo: one load per run, replayed into each test)."""

import pytest

from tests.demo.test_load_demo import DEMO


@pytest.fixture
def demo(db):
    DEMO.put()
