"""Migration 0003: a project's single image becomes the first image of its gallery."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from commune.budgets.models import Project, ProjectImage
from tests.factories import BudgetProjectFactory

BEFORE = [("budgets", "0002_roll_assisted_channel")]


def _migrate(targets: list[tuple[str, str]] | None = None) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets or executor.loader.graph.leaf_nodes())
    return executor


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_an_existing_image_into_the_gallery() -> None:
    with_description = BudgetProjectFactory(title="Un square")
    without_description = BudgetProjectFactory(title="Des bancs")
    without_image = BudgetProjectFactory(title="Une fontaine")
    try:
        old_apps = _migrate(BEFORE).loader.project_state(BEFORE).apps
        old_projects = old_apps.get_model("budgets", "Project")
        old_projects.objects.filter(pk=with_description.pk).update(
            image="budgets/images/2026/03/square.png", image_alt="Le square, vu de la rue"
        )
        # The admin allowed an image without a description: the title stands in.
        old_projects.objects.filter(pk=without_description.pk).update(
            image="budgets/images/2026/03/bancs.jpg", image_alt=""
        )
    finally:
        _migrate()
    moved = {
        picture.project_id: (picture.image.name, picture.alt_text, picture.position)
        for picture in ProjectImage.objects.all()
    }
    assert moved == {
        with_description.pk: ("budgets/images/2026/03/square.png", "Le square, vu de la rue", 0),
        without_description.pk: ("budgets/images/2026/03/bancs.jpg", "Des bancs", 0),
    }
    assert Project.objects.get(pk=without_image.pk).first_image is None
