"""The demo shows a neighbourhood whose workshops over-represent men of 30 to 44."""

from __future__ import annotations

import pytest
from django.urls import reverse

from commune.core.demo.loader import load_demo
from commune.insights import figures
from commune.spaces.models import Space

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo() -> None:
    load_demo()


def test_doulon_bottiere_figures_show_men_of_30_to_44(client, demo) -> None:
    space = Space.objects.get(kind="neighbourhood_council", neighbourhood__slug="doulon-bottiere")
    acts = figures.acts_of_spaces([space])
    population = figures.reference_population(space.neighbourhood)
    make_up = figures.make_up(acts, None, population, figures.consented_demographics())
    men = make_up.cross_rows[1]
    assert men.cells[1] >= 20  # the 30–44 column
    _label, participants, population = make_up.paired[6]  # men of 30 to 44
    assert participants >= 2 * population
    assert make_up.combined_index < 0.8
    response = client.get(reverse("insights:neighbourhood", kwargs={"slug": "doulon-bottiere"}))
    assert response.status_code == 200
    for name, kwargs in [
        ("insights:city", {}),
        ("insights:space", {"slug": space.slug}),
        ("insights:report", {"slug": space.slug}),
        ("insights:report_export", {"slug": space.slug}),
        ("insights:meeting", {"pk": space.meetings.filter(kind="workshop").first().pk}),
    ]:
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 200
