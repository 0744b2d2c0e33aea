"""Typing quotas in, withdrawing published quotas, and explanations in the reader's language."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.urls import reverse
from django.utils import translation

from commune.accounts.models import Role
from commune.core.models import AuditEvent
from commune.sortition import core, services
from commune.sortition.models import PanelStatus
from tests.factories import PanelFactory, ResidentFactory

pytestmark = pytest.mark.django_db

QUOTAS = "category,value,min,max\ngenre,F,2,2\ngenre,H,2,2\n"
POOL = "id,genre\n" + "".join(f"m{n},{'F' if n % 2 else 'H'}\n" for n in range(1, 9))


@pytest.fixture
def agent():
    return ResidentFactory(role=Role.AGENT)


def _imported(agent, **kwargs):
    panel = PanelFactory(panel_size=4, **kwargs)
    services.import_pool_and_quotas(
        panel=panel,
        actor=agent,
        pool_file=io.BytesIO(POOL.encode()),
        quotas_file=io.BytesIO(QUOTAS.encode()),
    )
    return panel


def _bounds_form(panel, changes: dict[str, tuple[int, int]]) -> dict[str, int]:
    data = {}
    for quota in panel.quotas.all():
        low, high = changes.get(quota.value, (quota.minimum, quota.maximum))
        data[f"min_{quota.pk}"], data[f"max_{quota.pk}"] = low, high
    return data


def test_an_agent_types_new_minimums_and_maximums(client, agent) -> None:
    """The quotas table becomes a form on the draft's page; saving changes what is drawn."""
    panel = _imported(agent)
    client.force_login(agent)
    page = client.get(reverse("sortition:manage", kwargs={"pk": panel.pk})).content.decode()
    assert "Modifier les minimums et les maximums" in page
    response = client.post(
        reverse("sortition:quotas", kwargs={"pk": panel.pk}),
        _bounds_form(panel, {"F": (1, 3), "H": (1, 3)}),
    )
    assert response.status_code == 302
    assert sorted(panel.quotas.values_list("value", "minimum", "maximum")) == [
        ("F", 1, 3),
        ("H", 1, 3),
    ]
    assert AuditEvent.objects.filter(action="sortition.quotas").count() == 1
    published = client.get(reverse("sortition:quotas_csv", kwargs={"pk": panel.pk}))
    assert b"genre,F,1,3" in b"".join(published.streaming_content)


def test_impossible_typed_quotas_are_refused_with_the_reason_and_nothing_changes(
    client, agent
) -> None:
    """A minimum above its maximum is refused, the form comes back, the quotas stay."""
    panel = _imported(agent)
    client.force_login(agent)
    response = client.post(
        reverse("sortition:quotas", kwargs={"pk": panel.pk}),
        _bounds_form(panel, {"F": (3, 1)}),
    )
    assert response.status_code == 400
    assert "dépasse son maximum" in response.content.decode()
    assert sorted(panel.quotas.values_list("value", "minimum", "maximum")) == [
        ("F", 2, 2),
        ("H", 2, 2),
    ]
    assert not AuditEvent.objects.filter(action="sortition.quotas").exists()


def test_published_quotas_can_no_longer_be_typed_in(client, agent) -> None:
    panel = _imported(agent)
    services.publish_quotas(panel=panel, actor=agent)
    client.force_login(agent)
    response = client.post(
        reverse("sortition:quotas", kwargs={"pk": panel.pk}), _bounds_form(panel, {"F": (1, 3)})
    )
    assert response.status_code == 400
    assert panel.quotas.get(value="F").minimum == 2


def test_withdrawn_quotas_go_back_to_draft_and_reveal_the_unused_seed(client, agent) -> None:
    """The public page keeps the withdrawn commitment, its seed and the reason."""
    panel = _imported(agent)
    services.publish_quotas(panel=panel, actor=agent)
    panel.refresh_from_db()
    commitment = panel.seed_commitment
    client.force_login(agent)
    response = client.post(
        reverse("sortition:withdraw", kwargs={"pk": panel.pk}),
        {"reason": "La liste de réserve ne peut pas respecter les quotas."},
    )
    assert response.status_code == 302
    panel.refresh_from_db()
    assert panel.status == PanelStatus.DRAFT
    assert not panel.seed_commitment
    withdrawal = panel.withdrawals.get()
    assert hashlib.sha256(withdrawal.seed.encode()).hexdigest() == commitment
    assert AuditEvent.objects.filter(action="sortition.withdraw").count() == 1
    client.logout()
    public = client.get(panel.get_absolute_url())
    assert public.status_code == 200
    text = public.content.decode()
    assert commitment in text
    assert withdrawal.seed in text
    assert "La liste de réserve ne peut pas respecter les quotas." in text
    services.publish_quotas(panel=panel, actor=agent)
    panel.refresh_from_db()
    assert panel.seed_commitment not in ("", commitment)


def test_a_withdrawal_needs_a_reason_and_published_undrawn_quotas(client, agent) -> None:
    panel = _imported(agent)
    client.force_login(agent)
    url = reverse("sortition:withdraw", kwargs={"pk": panel.pk})
    assert client.post(url, {"reason": "Erreur"}).status_code == 400  # still a draft
    services.publish_quotas(panel=panel, actor=agent)
    response = client.post(url, {"reason": "  "})
    assert response.status_code == 400
    panel.refresh_from_db()
    assert panel.status == PanelStatus.PUBLISHED
    assert not panel.withdrawals.exists()


def test_residents_cannot_type_quotas_or_withdraw_them(client, agent) -> None:
    panel = _imported(agent)
    services.publish_quotas(panel=panel, actor=agent)
    client.force_login(ResidentFactory())
    url = reverse("sortition:withdraw", kwargs={"pk": panel.pk})
    assert client.post(url, {"reason": "Je préfère"}).status_code in (403, 404)
    panel.refresh_from_db()
    assert panel.status == PanelStatus.PUBLISHED


@pytest.mark.parametrize(
    ("rows", "panel_size", "reserve", "expected"),
    [
        (
            [("F",), ("H",)],
            2,
            0,
            "Les quotas demandent au moins 2 personnes avec genre = F, "
            "mais le vivier n’en compte que 1.",
        ),
        (
            [("F",), ("H",), ("H",), ("H",)],
            2,
            2,
            "Aucune liste complémentaire de 2 personnes ne peut respecter les quotas",
        ),
    ],
)
def test_infeasible_quotas_are_explained_in_french(rows, panel_size, reserve, expected) -> None:
    """No English sentence from the core reaches a French page."""
    quota_min = 2 if reserve == 0 else 1
    quotas = core.make_quotas([(2, "genre", "F", quota_min, 2), (3, "genre", "H", 0, 2)])
    pool = core.make_pool([(n + 2, f"p{n}", {"genre": v}) for n, (v,) in enumerate(rows)], quotas)
    with pytest.raises(core.InfeasibleQuotasError) as error:
        core.draw(pool, quotas, panel_size=panel_size, seed="s", reserve_size=reserve)
    with translation.override("fr"):
        message = services._infeasible(error.value).messages[0]
    assert expected in message
    assert "pool" not in message
