"""On a phone-sized screen, pages fit the width: nothing scrolls sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.e2e.helpers import PHONE, DemoCity

pytestmark = pytest.mark.browser


def _council_path() -> str:
    from commune.spaces.models import Space, SpaceKind

    council = Space.objects.filter(kind=SpaceKind.NEIGHBOURHOOD_COUNCIL).order_by("title").first()
    assert council is not None
    return council.get_absolute_url()


@pytest.mark.parametrize("viewport", [PHONE])
@pytest.mark.parametrize("which", ["home", "space", "spaces list", "home in English"])
def test_no_horizontal_scroll_on_a_phone(page: Page, demo_city: DemoCity, which: str) -> None:
    """At 375 by 667 pixels the page is no wider than the screen."""
    path = {
        "home": "/",
        "home in English": "/en/",
        "space": _council_path(),
        "spaces list": "/espaces/",
    }[which]
    page.goto(path)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide on a {PHONE['width']}px screen"
