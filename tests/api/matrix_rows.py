"""Permission-matrix rows for the api pages, and the data those rows open."""

from __future__ import annotations

# url name -> (kwargs, expected status per role); see the shorthands in test_permission_matrix.
# Do not import test_permission_matrix here (it imports this module): spell rows out with ROLES.
ROLES = ["anonymous", "resident", "moderator", "agent", "elected", "administrator"]

# The public API reads public rows only and reads no session: every role gets the same 200.
_EVERYONE = dict.fromkeys(ROLES, 200)

# Each detail opens a row the matrix's own data already holds (its fixed pks).
_DETAILS = {
    "neighbourhood": {"slug": "nantes-nord"},
    "space": {"slug": "conseil-nantes-nord"},
    "contribution": {"pk": "9001"},  # the accountability rows' contribution
    "comment": {"pk": "7001"},  # the contributions rows' comment
    "decision": {"pk": "9001"},
    "meeting": {"pk": "8001"},
    "budget": {"pk": "6001"},
    "project": {"pk": "6001"},
    "text": {"pk": "5001"},
    "text-version": {"pk": "5001"},
    "amendment": {"pk": "5001"},
    "document": {"pk": "3001"},  # the documents rows' document
}

ROWS: dict[str, tuple[dict[str, str], dict[str, int]]] = {
    "api:schema": ({}, _EVERYONE),
    "api:docs": ({}, _EVERYONE),
}
for _name, _kwargs in _DETAILS.items():
    ROWS[f"api:{_name}-list"] = ({}, _EVERYONE)
    ROWS[f"api:{_name}-detail"] = (_kwargs, _EVERYONE)

# admin url name -> expected status per role (merged into ADMIN_PAGES).
ADMIN_ROWS: dict[str, dict[str, int]] = {}


def make_data(common: dict) -> None:
    """Create what the rows above open (called by the matrix's city_data fixture).

    Nothing: the API's rows open the rows the other apps' data already creates.
    """
