"""Demo for panels drawn by lot: the conseil citoyen of Doulon – Bottière.

Under the loi du 21 février 2014 (loi Lamy), a conseil citoyen's residents' college is
drawn by lot, with gender parity. The city drew 12 residents and a reserve list of 6 from
a pool of 120 volunteers, with quotas on gender (parity), age band and occupation; the
draw is public with its seed, everyone's selection probability and the files to re-run it.
The pool goes through the same import, publish and draw services as an agent's files.
"""

from __future__ import annotations

import datetime
import io
import random
from collections.abc import Callable

from django.utils.translation import gettext_lazy as _

from commune.accounts.models import Resident
from commune.sortition import services
from commune.spaces.models import Space

Progress = Callable[[str, int, int], None]

NEIGHBOURHOOD = "doulon-bottiere"
AGENT = "agent@demo.commune.fr"
POOL_SIZE = 120
PANEL_SIZE = 12
RESERVE_SIZE = 6
TITLE = "Conseil citoyen de Doulon – Bottière : collège des habitants"

# (category, value, min, max, weight of the value in the pool of volunteers)
QUOTAS = [
    ("genre", "femme", 6, 6, 46),
    ("genre", "homme", 6, 6, 54),
    ("tranche_age", "16-29", 2, 4, 18),
    ("tranche_age", "30-44", 2, 4, 38),
    ("tranche_age", "45-59", 2, 4, 26),
    ("tranche_age", "60+", 2, 4, 18),
    ("activite", "en emploi", 3, 6, 52),
    ("activite", "sans emploi", 2, 4, 16),
    ("activite", "retraite", 1, 3, 16),
    ("activite", "etudiant", 1, 3, 16),
]


def _pool_csv(rng: random.Random) -> str:
    categories = list(dict.fromkeys(category for category, *_ in QUOTAS))
    lines = ["id," + ",".join(categories)]
    for number in range(1, POOL_SIZE + 1):
        values = []
        for category in categories:
            options = [(value, weight) for c, value, _lo, _hi, weight in QUOTAS if c == category]
            values.append(rng.choices([v for v, _w in options], [w for _v, w in options])[0])
        lines.append(f"volontaire-{number:03d}," + ",".join(values))
    return "\n".join(lines) + "\n"


def _quotas_csv() -> str:
    lines = ["category,value,min,max"]
    lines += [f"{c},{v},{lo},{hi}" for c, v, lo, hi, _weight in QUOTAS]
    return "\n".join(lines) + "\n"


def load_sortition(today: datetime.date, progress: Progress) -> int:
    """The conseil citoyen's residents' college, drawn by lot; returns the panel size."""
    space = Space.objects.get(kind="neighbourhood_council", neighbourhood__slug=NEIGHBOURHOOD)
    agent = Resident.objects.get(email=AGENT)
    panel = services.create_panel(
        space=space,
        actor=agent,
        title=TITLE,
        purpose=(
            "Le collège des habitants du conseil citoyen du quartier prioritaire, tiré au "
            "sort avec parité femmes-hommes (loi du 21 février 2014), parmi les volontaires "
            "qui se sont inscrits à la maison de quartier."
        ),
        panel_size=PANEL_SIZE,
        reserve_size=RESERVE_SIZE,
    )
    rng = random.Random(2014)  # noqa: S311 - demo data, not a secret
    services.import_pool_and_quotas(
        panel=panel,
        actor=agent,
        pool_file=io.StringIO(_pool_csv(rng)),
        quotas_file=io.StringIO(_quotas_csv()),
    )
    services.publish_quotas(panel=panel, actor=agent)
    services.draw_panel(panel=panel, actor=agent)
    progress(str(_("Panels drawn by lot")), 1, 1)
    return PANEL_SIZE
