"""Decisions in the national SCDL format for deliberations (schema scdl/deliberations 2.1).

https://schema.data.gouv.fr/scdl/deliberations/ — one row per decision, the 17 columns in
the schema's order. Commune knows no prefecture reference, and no theoretical number of
voters; those columns stay empty (they are optional). The subject is the ACTES
nomenclature's catch-all 9.1: Commune does not classify its decisions.
"""

from __future__ import annotations

import csv
from pathlib import Path

from django.conf import settings

from commune.opendata.datasets import link

COLUMNS = (
    "COLL_NOM",
    "COLL_SIRET",
    "DELIB_ID",
    "DELIB_DATE",
    "DELIB_MATIERE_CODE",
    "DELIB_MATIERE_NOM",
    "DELIB_OBJET",
    "BUDGET_ANNEE",
    "BUDGET_NOM",
    "PREF_ID",
    "PREF_DATE",
    "VOTE_EFFECTIF",
    "VOTE_REEL",
    "VOTE_POUR",
    "VOTE_CONTRE",
    "VOTE_ABSTENTION",
    "DELIB_URL",
)
DEFAULT_SUBJECT = ("9.1", "Autres domaines de competences des communes")


def write_deliberations(path: Path) -> int:
    """Write the SCDL CSV of every public decision; returns the number of rows."""
    from commune.accountability.models import Decision
    from commune.budgets.models import Budget
    from commune.meetings.models import RoomVote

    subject_code, subject_name = DEFAULT_SUBJECT
    votes = {
        decision_id: (votes_for, against, abstentions)
        for decision_id, votes_for, against, abstentions in RoomVote.objects.filter(
            decision__isnull=False
        )
        .order_by("created_at", "id")
        .values_list("decision_id", "votes_for", "votes_against", "abstentions")
    }
    budgets = {
        decision_id: (str(results_on.year), title)
        for decision_id, title, results_on in Budget.objects.filter(
            decision__isnull=False
        ).values_list("decision_id", "title", "results_on")
    }
    decision_url = link("accountability:decision")
    decisions = Decision.objects.filter(space__is_published=True).order_by("decided_on", "id")
    count = 0
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for pk, title, decided_on, act_url in decisions.values_list(
            "pk", "title", "decided_on", "act_url"
        ):
            year, budget_name = budgets.get(pk, ("", ""))
            counted = votes.get(pk)
            writer.writerow(
                [
                    settings.COMMUNE_CITY_NAME,
                    settings.COMMUNE_CITY_SIRET,
                    f"DELIB-{pk}",
                    decided_on.isoformat(),
                    subject_code,
                    subject_name,
                    title,
                    year,
                    budget_name,
                    "",
                    "",
                    "",
                    sum(counted) if counted else "",
                    *(counted or ("", "", "")),
                    act_url or decision_url(pk),
                ]
            )
            count += 1
    return count
