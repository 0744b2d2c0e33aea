"""`commune demo --no-serve`: migrate, load into an empty database, print the logins."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from commune.core.demo import DEMO_ACCOUNTS, DEMO_PASSWORD
from commune.core.demo import loader as demo_loader
from commune.spaces.models import Space
from commune.territory.models import City, Neighbourhood

pytestmark = pytest.mark.django_db


def _run_demo(**options: object) -> str:
    out = StringIO()
    call_command("demo", no_serve=True, stdout=out, **options)
    return out.getvalue()


def test_demo_on_an_empty_database_migrates_loads_and_prints_the_logins() -> None:
    output = _run_demo(port=8123)
    assert "migrations" in output.lower()
    assert City.objects.get().name == "Nantes"
    assert Neighbourhood.objects.count() == 11
    assert "http://127.0.0.1:8123/" in output
    for account in DEMO_ACCOUNTS:
        assert account.email in output
    assert DEMO_PASSWORD in output


def test_demo_keeps_an_existing_city_and_still_prints_the_logins() -> None:
    _run_demo()
    spaces = Space.objects.count()
    output = _run_demo()
    assert Space.objects.count() == spaces
    assert City.objects.count() == 1
    assert "habitante@demo.commune.fr" in output


def test_a_failure_while_loading_leaves_nothing_behind(monkeypatch) -> None:
    def broken(*args: object, **kwargs: object) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(demo_loader, "_load_accounts", broken)
    with pytest.raises(RuntimeError):
        call_command("loaddemo", stdout=StringIO())
    assert not City.objects.exists()
    assert not Space.objects.exists()
