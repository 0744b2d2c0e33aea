"""Contribution lists: filters, orders (random included), search, pages and CSV export."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.utils import timezone

from commune.contributions.models import Contribution
from tests.factories import ContributionFactory, SpaceFactory

pytestmark = pytest.mark.django_db


def _list_url(space) -> str:
    return f"/contributions/espace/{space.slug}/"


def _titles(response) -> list[str]:
    return [c.title for c in response.context["page"].object_list]


def _csv_rows(response) -> list[dict[str, str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def test_the_space_page_links_to_its_contributions(client, space) -> None:
    html = client.get(f"/espaces/{space.slug}/").content.decode()
    assert f'href="{_list_url(space)}"' in html


def test_the_list_shows_only_the_space_s_contributions(client, space) -> None:
    ContributionFactory(space=space, title="Ici")
    ContributionFactory(title="Ailleurs")
    assert _titles(client.get(_list_url(space))) == ["Ici"]
    assert set(_titles(client.get("/contributions/"))) == {"Ici", "Ailleurs"}


def test_drafts_are_not_listed_city_wide_and_their_pages_are_not_found(client) -> None:
    draft = SpaceFactory(components=["contributions"], is_published=False)
    hidden = ContributionFactory(space=draft, title="Brouillon")
    assert _titles(client.get("/contributions/")) == []
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(_list_url(draft)).status_code == 404


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"pillar": "transparency"}, {"Transparence"}),
        ({"neighbourhood": "nantes-nord"}, {"Nord"}),
        ({"status": "accepted"}, {"Acceptée"}),
        ({"status": "overdue"}, {"En retard"}),
        ({"channel": "paper"}, {"Papier"}),
        ({"pillar": "participation", "channel": "paper"}, {"Papier"}),
        ({}, {"Transparence", "Nord", "Acceptée", "En retard", "Papier"}),
    ],
)
def test_the_list_filters_by_pillar_neighbourhood_status_and_channel(
    client, space, neighbourhood, query, expected
) -> None:
    ContributionFactory(space=space, title="Transparence", pillar="transparency")
    ContributionFactory(space=space, title="Nord", neighbourhood=neighbourhood)
    ContributionFactory(space=space, title="Acceptée", status="accepted")
    ContributionFactory(
        space=space, title="En retard", due_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    ContributionFactory(
        space=space, title="Papier", channel="paper", author=None, author_name="Jeanne"
    )
    for url in (_list_url(space), "/contributions/"):
        assert set(_titles(client.get(url, query))) == expected


@pytest.mark.parametrize(
    "query",
    [
        {"pillar": "prosperity"},
        {"status": "lost"},
        {"channel": "pigeon"},
        {"neighbourhood": "atlantis"},
        {"sort": "alphabetical"},
    ],
)
def test_an_invalid_filter_shows_an_error_and_keeps_the_list(client, space, query) -> None:
    ContributionFactory(space=space, title="Toujours là")
    response = client.get(_list_url(space), query)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert _titles(response) == ["Toujours là"]


def test_overdue_contributions_carry_a_badge(client, space) -> None:
    ContributionFactory(
        space=space, title="En retard", due_on=timezone.localdate() - datetime.timedelta(days=2)
    )
    html = client.get(_list_url(space)).content.decode()
    assert "badge-overdue" in html
    answered = Contribution.objects.get()
    answered.first_answered_at = timezone.now()
    answered.save()
    assert "badge-overdue" not in client.get(_list_url(space)).content.decode()


def test_the_list_sorts_by_newest_support_and_comments(client, space) -> None:
    now = timezone.now()
    ContributionFactory(
        space=space,
        title="Ancienne",
        created_at=now - datetime.timedelta(days=3),
        support_count=5,
        comment_count=1,
    )
    ContributionFactory(
        space=space, title="Récente", created_at=now, support_count=1, comment_count=0
    )
    ContributionFactory(
        space=space,
        title="Moyenne",
        created_at=now - datetime.timedelta(days=1),
        support_count=2,
        comment_count=9,
    )
    assert _titles(client.get(_list_url(space))) == ["Récente", "Moyenne", "Ancienne"]
    assert _titles(client.get(_list_url(space), {"sort": "supported"})) == [
        "Ancienne",
        "Moyenne",
        "Récente",
    ]
    assert _titles(client.get(_list_url(space), {"sort": "commented"})) == [
        "Moyenne",
        "Ancienne",
        "Récente",
    ]


def test_the_random_order_is_stable_across_pages_for_one_visitor(space) -> None:
    ContributionFactory.create_batch(45, space=space)
    visitor = Client()
    pages = [
        _titles(visitor.get(_list_url(space), {"sort": "random", "page": n})) for n in (1, 2, 3)
    ]
    seen = [title for page in pages for title in page]
    # Every contribution exactly once across the pages, in an order that is not by date.
    assert len(seen) == 45 == len(set(seen))
    newest_first = list(
        Contribution.objects.order_by("-created_at", "-id").values_list("title", flat=True)
    )
    assert seen != newest_first
    assert seen != newest_first[::-1]
    # The same visitor gets the same order again.
    again = _titles(visitor.get(_list_url(space), {"sort": "random", "page": 1}))
    assert again == pages[0]


def test_another_visitor_gets_another_random_order(space) -> None:
    ContributionFactory.create_batch(30, space=space)
    orders = {tuple(_titles(Client().get(_list_url(space), {"sort": "random"}))) for _ in range(3)}
    # Three fresh sessions, three seeds: at least two different orders (almost surely three).
    assert len(orders) >= 2


def test_the_shuffle_is_a_deterministic_permutation(space) -> None:
    ContributionFactory.create_batch(20, space=space)
    all_ids = sorted(Contribution.objects.values_list("id", flat=True))
    first = list(Contribution.objects.shuffled(12345).values_list("id", flat=True))
    assert sorted(first) == all_ids
    assert list(Contribution.objects.shuffled(12345).values_list("id", flat=True)) == first
    assert list(Contribution.objects.shuffled(54321).values_list("id", flat=True)) != first
    # Big seeds and ids do not overflow (PostgreSQL's bigint raises on overflow).
    assert len(list(Contribution.objects.shuffled(2**31 - 1))) == 20


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("bancs", {"Des bancs sur les quais"}),
        ("BANCS", {"Des bancs sur les quais"}),
        ("piste", {"Une piste cyclable"}),
        ("ombre", {"Des bancs sur les quais"}),  # found in the text, not the title
        ("vélo", {"Une piste cyclable"}),
        ("zeppelin", set()),
    ],
)
def test_search_finds_words_of_the_title_and_the_text(client, space, text, expected) -> None:
    ContributionFactory(
        space=space, title="Des bancs sur les quais", body="Pour se reposer à l'ombre des arbres."
    )
    ContributionFactory(
        space=space, title="Une piste cyclable", body="Une piste pour aller à vélo jusqu'à la gare."
    )
    for url in (_list_url(space), "/contributions/"):
        assert set(_titles(client.get(url, {"q": text}))) == expected


def test_search_with_full_text_stemming_on_postgresql(client, space) -> None:
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("stemming is PostgreSQL's full-text search; SQLite matches substrings")
    ContributionFactory(space=space, title="Planter des arbres", body="Plus d'ombre en été.")
    ContributionFactory(space=space, title="Repair the benches", body="They are broken.")
    assert _titles(client.get(_list_url(space), {"q": "arbre"})) == ["Planter des arbres"]
    assert _titles(client.get(_list_url(space), {"q": "bench"})) == ["Repair the benches"]
    assert _titles(client.get(_list_url(space), {"q": "plantons"})) in ([], ["Planter des arbres"])


def test_search_never_matches_a_hidden_contribution(client, space, moderator) -> None:
    from commune.contributions import services

    hidden = ContributionFactory(space=space, title="Texte caché", body="Secret")
    services.hide_contribution(contribution=hidden, moderator=moderator, reason="Spam")
    assert _titles(client.get(_list_url(space), {"q": "secret"})) == []


def test_the_list_is_paged_by_twenty(client, space) -> None:
    ContributionFactory.create_batch(45, space=space)
    first = client.get(_list_url(space))
    assert len(first.context["page"].object_list) == 20
    assert first.context["page"].paginator.num_pages == 3
    third = client.get(_list_url(space), {"page": 3})
    assert len(third.context["page"].object_list) == 5
    html = first.content.decode()
    assert 'rel="next"' in html
    assert "page=2" in html
    # Filters are kept in the page links.
    filtered = client.get(_list_url(space), {"pillar": "participation"}).content.decode()
    assert "pillar=participation&amp;page=2" in filtered


def test_the_csv_export_has_the_same_filters_and_the_public_columns(
    client, space, neighbourhood
) -> None:
    author = ContributionFactory(
        space=space,
        title="Un banc",
        neighbourhood=neighbourhood,
        support_count=3,
        comment_count=2,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    ).author
    ContributionFactory(
        space=space,
        title="Papier",
        channel="paper",
        author=None,
        author_name="Jeanne",
        pillar="transparency",
    )
    response = client.get(
        f"/contributions/espace/{space.slug}/export.csv", {"pillar": "participation"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert f"contributions-{space.slug}.csv" in response["Content-Disposition"]
    rows = _csv_rows(response)
    assert len(rows) == 1
    row = list(rows[0].values())
    assert row[0] == "Un banc"
    assert "Nantes Nord" in row
    assert "3" in row
    assert "2" in row
    assert author.public_name in row
    assert any(
        cell.endswith(f"/contributions/{Contribution.objects.get(title='Un banc').pk}/")
        for cell in row
    )
    assert len(rows[0]) == 13
    everything = _csv_rows(client.get(f"/contributions/espace/{space.slug}/export.csv"))
    assert {r[next(iter(r))] for r in everything} == {"Un banc", "Papier"}
    city_wide = _csv_rows(client.get("/contributions/export.csv", {"channel": "paper"}))
    assert [next(iter(r.values())) for r in city_wide] == ["Papier"]


def test_the_csv_never_contains_an_e_mail_and_escapes_formulas(client, space) -> None:
    ContributionFactory(space=space, title='=HYPERLINK("http://evil")')
    text = b"".join(
        client.get(f"/contributions/espace/{space.slug}/export.csv").streaming_content
    ).decode()
    assert "@example.org" not in text
    assert "'=HYPERLINK" in text


def test_markup_in_titles_is_escaped_in_the_list_and_kept_as_text_in_the_csv(client, space) -> None:
    ContributionFactory(space=space, title="<script>alert(1)</script>")
    html = client.get(_list_url(space)).content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    html = client.get("/contributions/").content.decode()
    assert "<script>alert(1)</script>" not in html
    rows = _csv_rows(client.get(f"/contributions/espace/{space.slug}/export.csv"))
    # In a CSV the title is data, exactly as typed: a spreadsheet shows it as text.
    assert next(iter(rows[0].values())) == "<script>alert(1)</script>"


def test_the_list_links_to_the_form_or_to_logging_in(client, resident, space) -> None:
    new = f"/contributions/espace/{space.slug}/proposer/"
    html = client.get(_list_url(space)).content.decode()
    assert "/compte/connexion/?next=" in html
    client.force_login(resident)
    assert f'href="{new}"' in client.get(_list_url(space)).content.decode()
