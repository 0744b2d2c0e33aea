"""The demo's conseil citoyen: a residents' college of 12 drawn by lot with gender parity."""

from __future__ import annotations

import pytest

from commune.core.demo.sortition import PANEL_SIZE, POOL_SIZE, RESERVE_SIZE, TITLE
from commune.sortition.models import Panel, PanelStatus

pytestmark = pytest.mark.usefixtures("demo_output")


def test_the_conseil_citoyen_is_drawn_with_parity_and_a_reserve_list(client) -> None:
    panel = Panel.objects.get(title=TITLE)
    assert panel.status == PanelStatus.DRAWN
    assert panel.members.count() == POOL_SIZE
    record = panel.draw
    assert len(record.panel_ids) == PANEL_SIZE
    assert len(record.reserve_ids) == RESERVE_SIZE
    genders = [m.values["genre"] for m in panel.members.filter(public_id__in=record.panel_ids)]
    assert genders.count("femme") == genders.count("homme") == PANEL_SIZE // 2
    assert client.get(panel.get_absolute_url()).status_code == 200
