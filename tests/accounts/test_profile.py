"""The profile: public name and neighbourhood, password change, and optional demographics."""

from __future__ import annotations

from typing import Any

import pytest

from commune.accounts.models import Demographics, Resident
from commune.territory.models import Neighbourhood
from tests.accounts.html import page_of
from tests.factories import RESIDENT_PASSWORD, DemographicsFactory

PROFILE = "/compte/profil/"
DEMOGRAPHICS = "/compte/profil/donnees-demographiques/"


@pytest.fixture
def logged_in(client: Any, resident: Resident) -> Resident:
    client.force_login(resident)
    return resident


def test_the_profile_shows_the_account_and_links_to_the_data_pages(
    client: Any, logged_in: Resident
) -> None:
    response = client.get(PROFILE)
    html = response.content.decode()
    assert logged_in.email in html
    for path in (DEMOGRAPHICS, "/compte/mes-donnees/", "/compte/supprimer/"):
        assert f'href="{path}"' in html
    assert 'href="/compte/profil/mot-de-passe/"' in html
    assert not page_of(response).duplicate_ids()


def test_the_public_name_and_neighbourhood_can_be_changed(
    client: Any, logged_in: Resident, neighbourhood: Neighbourhood
) -> None:
    response = client.post(
        PROFILE, {"display_name": "  Camille D. ", "neighbourhood": neighbourhood.pk}
    )

    assert response["Location"] == PROFILE
    logged_in.refresh_from_db()
    assert logged_in.display_name == "Camille D."
    assert logged_in.neighbourhood == neighbourhood


def test_the_public_name_is_required(client: Any, logged_in: Resident) -> None:
    response = client.post("/en" + PROFILE, {"display_name": "", "neighbourhood": ""})
    assert "This field is required." in page_of(response).errors_of("display_name")
    logged_in.refresh_from_db()
    assert logged_in.display_name == "Camille"


def test_an_unconfirmed_resident_is_offered_a_new_link(client: Any, db: None) -> None:
    from tests.factories import ResidentFactory

    client.force_login(ResidentFactory(unverified=True))
    assert 'action="/compte/confirmer/renvoyer/"' in client.get(PROFILE).content.decode()


def test_the_password_can_be_changed_and_the_session_stays(
    client: Any, logged_in: Resident
) -> None:
    new = "Une autre phrase de passe 2026"
    response = client.post(
        "/compte/profil/mot-de-passe/",
        {"old_password": RESIDENT_PASSWORD, "new_password1": new, "new_password2": new},
    )
    assert response["Location"] == PROFILE
    logged_in.refresh_from_db()
    assert logged_in.check_password(new)
    assert client.get(PROFILE).status_code == 200


# --- Demographics ------------------------------------------------------------------------


def test_the_demographics_page_explains_the_consent_in_plain_words(
    client: Any, logged_in: Resident
) -> None:
    page = page_of(client.get("/en" + DEMOGRAPHICS))
    text = page.text("main")
    assert "only ever used in totals" in text
    assert "fewer than 10 people is never shown" in text
    assert "change or erase" in text
    assert page.control("consent")["type"] == "checkbox"
    assert not page.duplicate_ids()


def test_answers_need_consent(client: Any, logged_in: Resident) -> None:
    response = client.post("/en" + DEMOGRAPHICS, {"gender": "woman", "age_band": "30-44"})

    assert response.status_code == 200
    assert "Tick the box to agree" in page_of(response).errors_of("consent")
    assert not Demographics.objects.exists()


def test_answers_are_saved_with_the_consent_date_then_changed(
    client: Any, logged_in: Resident
) -> None:
    client.post(
        DEMOGRAPHICS,
        {"gender": "woman", "age_band": "30-44", "occupation": "", "consent": "on"},
    )
    first = Demographics.objects.get(resident=logged_in)
    assert (first.gender, first.age_band, first.occupation) == ("woman", "30-44", "")

    response = client.post(
        DEMOGRAPHICS,
        {"gender": "", "age_band": "45-59", "occupation": "employee", "consent": "on"},
    )

    assert response["Location"] == PROFILE
    second = Demographics.objects.get(resident=logged_in)
    assert (second.gender, second.age_band, second.occupation) == ("", "45-59", "employee")
    assert second.consented_at >= first.consented_at


def test_the_current_answers_are_ticked_when_coming_back(client: Any, logged_in: Resident) -> None:
    DemographicsFactory(resident=logged_in, gender="man")
    page = page_of(client.get(DEMOGRAPHICS))
    ticked = [radio["value"] for radio in page.controls["gender"] if "checked" in radio]
    assert ticked == ["man"]


def test_answers_can_be_erased(client: Any, logged_in: Resident) -> None:
    DemographicsFactory(resident=logged_in, gender="woman")

    response = client.post(DEMOGRAPHICS, {"erase": "1"})

    assert response["Location"] == PROFILE
    assert not Demographics.objects.filter(resident=logged_in).exists()
