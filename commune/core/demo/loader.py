"""Loading the demo city into an empty database, in one transaction."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from commune.accounts.models import CityService, Demographics, Resident, Role, Verification
from commune.accounts.services import set_role
from commune.core.demo.accounts import CITY_SERVICES, DEMO_ACCOUNTS, DEMO_PASSWORD, DEMO_RESIDENTS
from commune.core.demo.budgets import load_budgets
from commune.core.demo.contributions import load_contributions
from commune.core.demo.councils import THEMATIC_COUNCILS
from commune.core.demo.documents import load_documents
from commune.core.demo.insights import load_insights
from commune.core.demo.meetings import load_meetings
from commune.core.demo.memberships import load_memberships
from commune.core.demo.minutes import load_minutes
from commune.core.demo.processes import PROCESSES
from commune.core.demo.sortition import load_sortition
from commune.core.demo.spaces import DemoSpace, neighbourhood_council
from commune.core.demo.territory import CITY, NEIGHBOURHOODS, POPULATION_SOURCE, population_cells
from commune.core.demo.texts import load_texts
from commune.core.demo.wiki import load_wiki
from commune.spaces.models import Phase, Space
from commune.territory.models import City, Neighbourhood, PopulationFigure

# Called after each object with (what, how many done, how many in all).
Progress = Callable[[str, int, int], None]

DEMO_REASON = "Compte de démonstration"


class DemoAlreadyLoadedError(Exception):
    """The database already has a city; the demo only goes into an empty one."""


@dataclass(frozen=True)
class DemoSummary:
    city: City
    neighbourhoods: int
    spaces: int
    accounts: int


def _no_progress(label: str, done: int, total: int) -> None:
    return None


@transaction.atomic
def load_demo(today: datetime.date | None = None, progress: Progress = _no_progress) -> DemoSummary:
    """Create Nantes, its neighbourhoods, spaces and demo accounts; all or nothing."""
    existing = City.objects.first()
    if existing is not None:
        raise DemoAlreadyLoadedError(existing.name)
    today = today or timezone.localdate()
    city = City.objects.create(**CITY)
    neighbourhoods = _load_neighbourhoods(city, progress)
    spaces = _load_spaces(neighbourhoods, today, progress)
    accounts = _load_accounts(neighbourhoods, progress)
    load_contributions(today, progress)
    load_meetings(today, progress)
    load_memberships(today, progress)
    load_minutes(today, progress)
    load_budgets(today, progress)
    load_texts(today, progress)
    load_wiki(today, progress)
    load_insights(today, progress)
    load_sortition(today, progress)
    load_documents(today, progress)
    return DemoSummary(city, len(neighbourhoods), spaces, accounts)


def _load_neighbourhoods(city: City, progress: Progress) -> dict[str, Neighbourhood]:
    created = {}
    for position, demo in enumerate(NEIGHBOURHOODS, start=1):
        neighbourhood = Neighbourhood.objects.create(
            city=city,
            name=demo.name,
            slug=demo.slug,
            description=demo.description,
            position=position,
        )
        PopulationFigure.objects.bulk_create(
            PopulationFigure(
                neighbourhood=neighbourhood,
                sex=sex,
                age_band=band,
                count=count,
                source=POPULATION_SOURCE,
            )
            for sex, band, count in population_cells(demo)
        )
        created[demo.slug] = neighbourhood
        progress(str(_("Neighbourhoods")), position, len(NEIGHBOURHOODS))
    return created


def _load_spaces(
    neighbourhoods: dict[str, Neighbourhood], today: datetime.date, progress: Progress
) -> int:
    demos = [neighbourhood_council(n) for n in NEIGHBOURHOODS] + THEMATIC_COUNCILS + PROCESSES
    for done, demo in enumerate(demos, start=1):
        _create_space(demo, neighbourhoods, today)
        progress(str(_("Spaces")), done, len(demos))
    return len(demos)


def _create_space(
    demo: DemoSpace, neighbourhoods: dict[str, Neighbourhood], today: datetime.date
) -> Space:
    def day(offset: int) -> datetime.date:
        return today + datetime.timedelta(days=offset)

    space = Space(
        kind=demo.kind,
        title=demo.title,
        slug=demo.slug,
        summary=demo.summary,
        description=demo.description,
        neighbourhood=neighbourhoods.get(demo.neighbourhood_slug),
        power_level=demo.power_level,
        who_may_take_part=demo.who_may_take_part,
        stakes=demo.stakes,
        city_commitment=demo.city_commitment,
        answer_delay_days=demo.answer_delay_days,
        components=[str(component) for component in demo.components],
        opens_on=day(demo.opens),
        closes_on=day(demo.closes) if demo.closes is not None else None,
    )
    # The demo goes through the same validation as the admin, so it cannot drift from it.
    space.full_clean()
    space.save()
    for phase in demo.phases:
        step = Phase(
            space=space,
            title=phase.title,
            description=phase.description,
            starts_on=day(phase.starts),
            ends_on=day(phase.ends),
        )
        step.full_clean()
        step.save()
    return space


def _load_accounts(neighbourhoods: dict[str, Neighbourhood], progress: Progress) -> int:
    services = {name: CityService.objects.get_or_create(name=name)[0] for name in CITY_SERVICES}
    demos = DEMO_ACCOUNTS + DEMO_RESIDENTS
    for done, demo in enumerate(demos, start=1):
        resident = Resident.objects.create_user(
            demo.email,
            DEMO_PASSWORD,
            display_name=demo.display_name,
            neighbourhood=neighbourhoods[demo.neighbourhood_slug],
            verification=Verification.EMAIL,
        )
        if demo.role != Role.RESIDENT:
            # Through the service, so staff get the same groups and permissions as real staff.
            set_role(
                resident=resident,
                role=demo.role,
                service=services.get(demo.service),
                reason=DEMO_REASON,
            )
        if demo.demographics:
            gender, age_band, occupation = demo.demographics
            Demographics.objects.create(
                resident=resident,
                gender=gender,
                age_band=age_band,
                occupation=occupation,
                consented_at=timezone.now(),
            )
        progress(str(_("Accounts")), done, len(demos))
    return len(demos)
