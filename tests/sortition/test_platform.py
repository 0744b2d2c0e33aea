"""Panels drawn by lot on the platform: import, publish, draw, public pages and re-runs."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commune.accounts.models import Role
from commune.core.models import AuditEvent
from commune.sortition import core, services
from commune.sortition.models import PanelStatus
from tests.factories import PanelFactory, ResidentFactory

pytestmark = pytest.mark.django_db

QUOTAS = "category,value,min,max\ngenre,F,2,2\ngenre,H,2,2\nage,jeune,1,3\nage,senior,1,3\n"
POOL = "id,nom,genre,age\n" + "".join(
    f"m{n},Personne {n},{'F' if n % 2 else 'H'},{'jeune' if n % 3 else 'senior'}\n"
    for n in range(1, 13)
)


def _file(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


@pytest.fixture
def agent():
    return ResidentFactory(role=Role.AGENT)


def _imported(agent, **kwargs):
    panel = PanelFactory(**kwargs)
    services.import_pool_and_quotas(
        panel=panel,
        actor=agent,
        pool_file=io.BytesIO(POOL.encode()),
        quotas_file=io.BytesIO(QUOTAS.encode()),
    )
    return panel


def test_the_whole_draw_is_recorded_audited_and_public(client, agent) -> None:
    """Import, publish the commitment, draw: the seed matches and the page shows the panel."""
    panel = _imported(agent, reserve_size=2)
    assert panel.members.count() == 12
    assert not panel.members.filter(public_id__startswith="m").exists()
    services.publish_quotas(panel=panel, actor=agent)
    panel.refresh_from_db()
    assert panel.status == PanelStatus.PUBLISHED
    page = client.get(panel.get_absolute_url()).content.decode()
    assert panel.seed_commitment in page
    assert panel.secret_seed not in page
    record = services.draw_panel(panel=panel, actor=agent)
    assert core.seed_commitment(record.seed) == panel.seed_commitment
    assert len(record.panel_ids) == 4
    assert len(record.reserve_ids) == 2
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"sortition.import", "sortition.publish", "sortition.draw"} <= actions
    page = client.get(panel.get_absolute_url()).content.decode()
    assert record.seed in page
    assert "commune sortition draw POOL.csv QUOTAS.csv --panel-size 4 --reserves 2" in page
    for public_id in record.panel_ids:
        assert public_id in page
    assert "Personne" not in page  # names stay private
    assert "<svg" in page


def test_re_running_the_core_on_the_downloads_gives_the_same_panel(client, agent) -> None:
    """POOL.csv and QUOTAS.csv as published, with the seed, give back the same draw."""
    panel = _imported(agent, reserve_size=2)
    services.publish_quotas(panel=panel, actor=agent)
    record = services.draw_panel(panel=panel, actor=agent)

    def download(name: str) -> str:
        response = client.get(reverse(name, kwargs={"pk": panel.pk}))
        assert response.status_code == 200
        return b"".join(response.streaming_content).decode("utf-8")

    pool_text = download("sortition:pool_csv")
    assert "Personne" not in pool_text
    assert "m1" not in pool_text
    quotas = core.read_quotas(io.StringIO(download("sortition:quotas_csv")), name="QUOTAS.csv")
    pool = core.read_pool(io.StringIO(pool_text), quotas, name="POOL.csv")
    again = core.draw(pool, quotas, panel_size=4, seed=record.seed, reserve_size=2)
    assert list(again.panel) == record.panel_ids
    assert list(again.reserves) == record.reserve_ids
    assert again.probabilities == record.probabilities


@pytest.mark.parametrize(
    ("pool", "quotas", "expected"),
    [
        ("id,genre\nm1,F\n", QUOTAS, "POOL.csv, ligne 1"),
        (POOL.replace("m2,Personne 2,H", "m2,Personne 2,X"), QUOTAS, "POOL.csv, ligne 3"),
        (POOL.replace("m2,", "m1,"), QUOTAS, "POOL.csv, lignes 2, 3"),
        (POOL, QUOTAS.replace("genre,F,2,2", "genre,F,5,5"), "QUOTAS.csv, lignes 2, 3"),
    ],
    ids=["missing-columns", "unknown-value", "duplicate-id", "quotas-past-panel-size"],
)
def test_bad_input_names_the_file_and_line_and_saves_nothing(
    client, agent, pool, quotas, expected
) -> None:
    """The import page shows each problem with its file and line; nothing is saved."""
    panel = PanelFactory()
    client.force_login(agent)
    response = client.post(
        reverse("sortition:manage", kwargs={"pk": panel.pk}),
        {"pool_file": _file("POOL.csv", pool), "quotas_file": _file("QUOTAS.csv", quotas)},
    )
    assert response.status_code == 400
    assert expected in response.content.decode()
    assert not panel.members.exists()
    assert not panel.quotas.exists()


def test_infeasible_quotas_are_explained_and_nothing_is_published(client, agent) -> None:
    """Quotas the pool cannot meet: the plain explanation, and the panel stays a draft."""
    panel = PanelFactory(panel_size=4)
    services.import_pool_and_quotas(
        panel=panel,
        actor=agent,
        pool_file=io.BytesIO(POOL.replace("senior", "jeune").encode()),
        quotas_file=io.BytesIO(QUOTAS.replace("age,senior,1,3", "age,senior,1,3").encode()),
    )
    client.force_login(agent)
    response = client.post(reverse("sortition:publish", kwargs={"pk": panel.pk}))
    assert response.status_code == 400
    assert "age" in response.content.decode()
    panel.refresh_from_db()
    assert panel.status == PanelStatus.DRAFT
    assert not panel.seed_commitment


def test_agent_pages_create_import_publish_and_draw(client, agent) -> None:
    """An agent goes through the pages, without JavaScript, to a drawn panel."""
    space = PanelFactory().space
    client.force_login(agent)
    response = client.post(
        reverse("sortition:create", kwargs={"space_slug": space.slug}),
        {"title": "Jury citoyen", "purpose": "", "panel_size": 4, "reserve_size": 0},
    )
    assert response.status_code == 302
    manage = response["Location"]
    response = client.post(
        manage,
        {"pool_file": _file("POOL.csv", POOL), "quotas_file": _file("QUOTAS.csv", QUOTAS)},
    )
    assert response.status_code == 302
    panel = space.panels.get(title="Jury citoyen")
    assert client.post(reverse("sortition:publish", kwargs={"pk": panel.pk})).status_code == 302
    assert client.post(reverse("sortition:draw", kwargs={"pk": panel.pk})).status_code == 302
    panel.refresh_from_db()
    assert panel.status == PanelStatus.DRAWN


def test_residents_cannot_draw_and_drafts_are_hidden(client, agent) -> None:
    """Only agents act; a draft panel is not shown to the public."""
    panel = _imported(agent)
    resident = ResidentFactory()
    with pytest.raises(PermissionDenied):
        services.publish_quotas(panel=panel, actor=resident)
    assert client.get(panel.get_absolute_url()).status_code == 404
    assert client.get(reverse("sortition:pool_csv", kwargs={"pk": panel.pk})).status_code == 404


def test_public_pages_take_a_fixed_number_of_queries(
    client, agent, django_assert_max_num_queries
) -> None:
    """The panel page and the space's list do not query once per member or per panel."""
    panel = _imported(agent, reserve_size=2)
    services.publish_quotas(panel=panel, actor=agent)
    services.draw_panel(panel=panel, actor=agent)
    PanelFactory(space=panel.space)
    with django_assert_max_num_queries(12):
        assert client.get(panel.get_absolute_url()).status_code == 200
    with django_assert_max_num_queries(8):
        url = reverse("sortition:space", kwargs={"space_slug": panel.space.slug})
        assert client.get(url).status_code == 200


def test_an_email_column_links_members_to_their_account_privately(client, agent) -> None:
    """A pool member whose e-mail is a resident's is linked; the address is never published."""
    resident = ResidentFactory(email="volontaire@example.org")
    panel = PanelFactory()
    pool = POOL.replace("id,nom,", "id,email,nom,").replace("m1,", "m1,Volontaire@example.org,")
    pool = "\n".join(
        line if line.startswith(("id,", "m1,")) or not line else line.replace(",", ",,", 1)
        for line in pool.split("\n")
    )
    services.import_pool_and_quotas(
        panel=panel,
        actor=agent,
        pool_file=io.BytesIO(pool.encode()),
        quotas_file=io.BytesIO(QUOTAS.encode()),
    )
    member = panel.members.get(source_id="m1")
    assert member.resident == resident
    assert panel.members.filter(resident__isnull=False).count() == 1
    services.publish_quotas(panel=panel, actor=agent)
    page = client.get(panel.get_absolute_url()).content.decode()
    assert "example.org" not in page
    response = client.get(reverse("sortition:pool_csv", kwargs={"pk": panel.pk}))
    assert b"example.org" not in b"".join(response.streaming_content)
