"""Permission-matrix rows for the assisted-participation pages, and the data they open."""

from __future__ import annotations

from commune.accounts.models import Resident

# url name -> (kwargs, expected status per role); see the shorthands in test_permission_matrix.
# Do not import test_permission_matrix here (it imports this module): spell rows out with ROLES.
ROLES = ["anonymous", "resident", "moderator", "agent", "elected", "administrator"]
# The resident (without an e-mail address) the agents' rows act for.
ASSISTED_PK = "9501"
# Spaces, meeting and budget opened by the contributions, meetings and budgets rows.
CONTRIBUTIONS_SPACE = "atelier-des-quais"
MEETINGS_PK = "8001"
BUDGETS_PK = "6001"

AGENT_PAGE = (
    {"anonymous": 302} | dict.fromkeys(ROLES[1:], 403) | {"agent": 200, "administrator": 200}
)
POST_ONLY = {"anonymous": 302} | dict.fromkeys(ROLES[1:], 405)
VISITORS_ONLY = {"anonymous": 200} | dict.fromkeys(ROLES[1:], 302)

ROWS: dict[str, tuple[dict[str, str], dict[str, int]]] = {
    "accounts:code_login": ({}, VISITORS_ONLY),
    # Only for accounts without an address; the matrix's accounts all have one.
    "accounts:add_email": ({}, dict.fromkeys(ROLES, 302)),
    "accounts:assist": ({}, AGENT_PAGE),
    "accounts:assist_open": ({}, AGENT_PAGE),
    "accounts:assist_resident": ({"pk": ASSISTED_PK}, AGENT_PAGE),
    "accounts:assist_new_code": ({"pk": ASSISTED_PK}, POST_ONLY),
    "accounts:assist_contribution": (
        {"pk": ASSISTED_PK, "space_slug": CONTRIBUTIONS_SPACE},
        AGENT_PAGE,
    ),
    "accounts:assist_support": ({"pk": ASSISTED_PK}, POST_ONLY),
    "accounts:assist_meeting": ({"pk": ASSISTED_PK, "meeting_pk": MEETINGS_PK}, AGENT_PAGE),
    "accounts:assist_ballot": ({"pk": ASSISTED_PK, "budget_pk": BUDGETS_PK}, AGENT_PAGE),
}
# admin url name -> expected status per role (merged into ADMIN_PAGES).
ADMIN_ROWS: dict[str, dict[str, int]] = {}


def make_data(common: dict) -> None:
    """Create what the rows above open (called by the matrix's city_data fixture)."""
    Resident.objects.create_user(None, None, pk=int(ASSISTED_PK), display_name="Aïcha")
