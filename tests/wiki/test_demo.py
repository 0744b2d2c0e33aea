"""The demo city's wikis: two councils, pages linked together, several revisions, a revert
and a locked page."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from commune.spaces.models import Space
from commune.wiki.models import WikiPage

pytestmark = pytest.mark.django_db


def test_the_demo_has_wikis_with_history_a_revert_and_a_lock(client) -> None:
    call_command("loaddemo", stdout=StringIO())
    assert sum("wiki" in space.components for space in Space.objects.all()) == 2
    assert WikiPage.objects.count() >= 6
    rooms = WikiPage.objects.get(slug="salles-de-repetition")
    assert rooms.revisions.count() == 4
    assert rooms.current_revision.reverted_from.number == 2
    assert WikiPage.objects.filter(is_locked=True).count() == 1
    # Revisions are spread over time, oldest first.
    dates = list(rooms.revisions.order_by("number").values_list("created_at", flat=True))
    assert dates == sorted(dates)

    home = WikiPage.objects.get(space=rooms.space, slug="accueil")
    response = client.get(home.get_absolute_url())
    body = response.content.decode()
    assert rooms.get_absolute_url() in body
    assert "wiki-missing" in body  # the music festival page is still to be written
    index = client.get(reverse("wiki:index", kwargs={"space_slug": rooms.space.slug}))
    assert index.status_code == 200
