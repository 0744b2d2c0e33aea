"""The demo city, loaded once per test that asks for it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command


@pytest.fixture
def demo_output(db: None) -> str:
    """Load the demo city and return what `loaddemo` printed."""
    out = StringIO()
    call_command("loaddemo", stdout=out)
    return out.getvalue()
