"""The demo accounts: one per role, plus residents who shared their demographics."""

from __future__ import annotations

from typing import NamedTuple

from commune.accounts.models import Gender, Occupation, Role
from commune.territory.models import AgeBand

# Documented in the README and commune/core/demo/__init__.py: keep them in step.
DEMO_PASSWORD = "demo-commune-2026"  # noqa: S105 - a public demo password, by design

CITY_SERVICES = [
    "Direction de la participation citoyenne",
    "Direction de l'espace public",
    "Direction de l'éducation",
]


class DemoAccount(NamedTuple):
    email: str
    display_name: str
    role: Role
    neighbourhood_slug: str
    service: str = ""
    # (gender, age band, occupation) when the resident consented to give them.
    demographics: tuple[Gender, AgeBand, Occupation] | None = None


DEMO_ACCOUNTS = [
    DemoAccount(
        "habitante@demo.commune.fr",
        "Awa",
        Role.RESIDENT,
        "nantes-nord",
        demographics=(Gender.WOMAN, AgeBand.FROM_30, Occupation.EMPLOYEE),
    ),
    DemoAccount("moderatrice@demo.commune.fr", "Claire", Role.MODERATOR, "centre-ville"),
    DemoAccount(
        "agent@demo.commune.fr",
        "Karim",
        Role.AGENT,
        "doulon-bottiere",
        service=CITY_SERVICES[0],
    ),
    DemoAccount("elu@demo.commune.fr", "Jean-Marc", Role.ELECTED, "hauts-paves-saint-felix"),
    DemoAccount("admin@demo.commune.fr", "Administration", Role.ADMINISTRATOR, "centre-ville"),
]

# Residents beyond the role accounts, so the representativeness figures have something.
DEMO_RESIDENTS = [
    DemoAccount(
        "habitant.bellevue@demo.commune.fr",
        "Yannick",
        Role.RESIDENT,
        "bellevue-chantenay-sainte-anne",
        demographics=(Gender.MAN, AgeBand.FROM_60, Occupation.RETIRED),
    ),
    DemoAccount(
        "habitante.malakoff@demo.commune.fr",
        "Fatou",
        Role.RESIDENT,
        "malakoff-saint-donatien",
        demographics=(Gender.WOMAN, AgeBand.FROM_15, Occupation.STUDENT),
    ),
    DemoAccount(
        "habitant.ile@demo.commune.fr",
        "Théo",
        Role.RESIDENT,
        "ile-de-nantes",
        demographics=(Gender.MAN, AgeBand.FROM_30, Occupation.MANAGER),
    ),
    DemoAccount(
        "habitante.sud@demo.commune.fr",
        "Monique",
        Role.RESIDENT,
        "nantes-sud",
        demographics=(Gender.WOMAN, AgeBand.FROM_75, Occupation.RETIRED),
    ),
]


def logins_table() -> list[str]:
    """The role accounts as aligned lines (role, e-mail, password), for the console."""
    rows = [(str(account.role.label), account.email) for account in DEMO_ACCOUNTS]
    width = max(len(role) for role, _ in rows)
    email_width = max(len(email) for _, email in rows)
    return [f"  {role:<{width}}  {email:<{email_width}}  {DEMO_PASSWORD}" for role, email in rows]
